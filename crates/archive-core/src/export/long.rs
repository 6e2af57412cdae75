//! The long CSV files as concatenated gzip members. A gzip file may be a series of members, read
//! as the concatenation of their contents (RFC 1952, 2.2: gzip, zcat, zlib's `gzread`, Python's
//! `gzip`, pandas and R's `gzfile` read it as one file). A long file is a member holding the
//! byte-order mark and the header line, then one member for each group of [`MEMBER_REPORTS`]
//! reports of a year, in the year's order; the archive's file is the same header and every
//! year's members, years ascending. Each member is compressed once for both files, on every
//! core, and a [`MemberCache`] keeps them between builds, so that an edit compresses its own
//! report's group again and the files are concatenations of kept bytes (issue 16: compressing
//! the archive's file again whole took most of a one-report edit's build at 100,000 reports).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{GZIP_LEVEL, LONG_COLUMNS, agency_fields, csv_builder, csv_writer, write_long_rows};
use crate::check::Checks;
use crate::diagnostic::{Diagnostic, Location};
use crate::index::Index;
use crate::load::cache::{open_sealed, replace_file, seal_with_tail};
use crate::messages::{load::cache_help, site as messages};
use crate::model::{Archive, Report};

/// How many reports of a year one member holds: a member compressed alone loses what the
/// reports before it would have taught the compressor, so members of one report make the
/// files larger (docs/benchmarks.md, "Incremental builds at 100,000: the draw"), while an edit
/// compresses its member's reports again.
pub const MEMBER_REPORTS: usize = 16;

/// The member cache's own layout; a file of another layout is not read. 2: members at
/// [`GZIP_LEVEL`] 4 (a cache of level-6 members would mix both levels in one file).
const LAYOUT: u32 = 2;

/// A gzip member of `plain` whose bytes depend on its content only: no file name, no time
/// (mtime 0), "unknown" as the operating system, level [`GZIP_LEVEL`]. A sync to a static host
/// then uploads a file only when a value changed.
fn gzip_member(plain: &[u8]) -> Vec<u8> {
    let mut gzip = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(
            Vec::with_capacity(plain.len() / 8),
            flate2::Compression::new(GZIP_LEVEL),
        );
    gzip.write_all(plain).expect("writing to memory");
    gzip.finish().expect("writing to memory")
}

/// The first member of every long file: the byte-order mark and the header line.
pub fn header_member() -> Vec<u8> {
    let mut plain = Vec::new();
    let mut writer = csv_writer(&mut plain).expect("writing to memory");
    writer
        .write_record(LONG_COLUMNS)
        .expect("writing to memory");
    writer.flush().expect("writing to memory");
    drop(writer);
    gzip_member(&plain)
}

/// The member of these reports' rows (a group of one year's).
pub fn rows_member(archive: &Archive, checks: &Checks, reports: &[usize]) -> Vec<u8> {
    let mut writer = csv_builder().from_writer(Vec::new());
    for &at in reports {
        write_long_rows(archive, checks, at, &mut writer).expect("writing to memory");
    }
    let plain = writer.into_inner().expect("writing to memory");
    gzip_member(&plain)
}

/// One year's long file: the header, then its reports' members.
pub(super) fn write_year(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    year: u16,
    members: Option<&MemberCache>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(&header_member())?;
    write_year_members(archive, index, checks, year, members, out)
}

/// The archive's long file: the header, then every year's members, years ascending (the year
/// files' rows, one year after the other).
pub(super) fn write_archive(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    members: Option<&MemberCache>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(&header_member())?;
    for &year in index.years.keys() {
        write_year_members(archive, index, checks, year, members, out)?;
    }
    Ok(())
}

/// The members of `year`'s reports, in order: kept ones from `members`, the others compressed
/// (in parallel).
fn write_year_members(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    year: u16,
    members: Option<&MemberCache>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let reports = index.years.get(&year).map_or(&[][..], Vec::as_slice);
    let groups: Vec<&[usize]> = reports.chunks(MEMBER_REPORTS).collect();
    let make = |group: &[usize]| rows_member(archive, checks, group);
    match members {
        Some(cache) => cache.write_year(year, &groups, &make, out),
        None => {
            let made: Vec<Vec<u8>> = groups.par_iter().map(|group| make(group)).collect();
            made.iter().try_for_each(|member| out.write_all(member))
        }
    }
}

/// The long files' members kept between builds, a file a year (`<year>.members` in its
/// folder): a header (layout, the binary's version, [`MEMBER_REPORTS`]), each member's key and
/// length, the members, and a CRC-32 of it all, written to a temporary file and renamed into
/// place. A member's key is the SHA-256 of what its rows are made from: each of its reports'
/// source (by its SHA-256), agency, name and region, and year; the binary's version covers how
/// they are read and written. A file of another layout or binary is not trusted; one that does
/// not read back whole is not either, with a note ([`MemberCache::notes`]).
pub struct MemberCache {
    folder: PathBuf,
    header: CacheHeader,
    /// For each report: the SHA-256 of what its rows are made from, when its source's is known.
    fingerprints: Vec<Option<[u8; 32]>>,
    /// One lock a year: the first writer of a year's members brings its file up to date, and
    /// one that follows finds every member kept.
    years: Mutex<HashMap<u16, Arc<Mutex<()>>>>,
    notes: Mutex<Vec<Diagnostic>>,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct CacheHeader {
    layout: u32,
    version: String,
    member_reports: u32,
}

/// One member as the file lists it: its key (none: never matched) and length in bytes.
#[derive(Serialize, Deserialize)]
struct Entry {
    key: Option<[u8; 32]>,
    length: u64,
}

/// A year's file as read: its bytes and where each key's member is in them.
struct Kept {
    bytes: Vec<u8>,
    keys: Vec<Option<[u8; 32]>>,
    at: HashMap<[u8; 32], std::ops::Range<usize>>,
}

impl MemberCache {
    /// The cache in `folder` for a binary of `version`. `source_sha256` gives a report's
    /// source's SHA-256 when it is known (a report without one is compressed every time).
    pub fn new<'a>(
        folder: PathBuf,
        version: &str,
        archive: &'a Archive,
        source_sha256: impl Fn(&'a Report) -> Option<&'a str> + Sync,
    ) -> MemberCache {
        let fingerprints = archive
            .reports
            .par_iter()
            .map(|report| {
                let sha256 = source_sha256(report)?;
                let (name, region) = agency_fields(archive, report);
                let mut digest = Sha256::new();
                for part in [sha256, &report.agency, &name, &region] {
                    digest.update(part.as_bytes());
                    digest.update([0]);
                }
                digest.update(report.year.to_le_bytes());
                Some(digest.finalize().into())
            })
            .collect();
        MemberCache {
            folder,
            header: CacheHeader {
                layout: LAYOUT,
                version: version.to_owned(),
                member_reports: MEMBER_REPORTS as u32,
            },
            fingerprints,
            years: Mutex::default(),
            notes: Mutex::default(),
        }
    }

    /// Removes the kept files of years the archive has no report of any more: no build would
    /// read them again. One that cannot be removed is left as it is, never read.
    pub fn forget_other_years(&self, archive: &Archive) {
        let years: BTreeSet<u16> = archive.reports.iter().map(|report| report.year).collect();
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            let year = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .and_then(|stem| stem.parse::<u16>().ok());
            let kept = path
                .extension()
                .is_some_and(|extension| extension == "members");
            if kept && year.is_some_and(|year| !years.contains(&year)) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// What went wrong with the cache this run (a damaged file, one that could not be
    /// written): warnings, since the cache only saves time.
    pub fn notes(&self) -> Vec<Diagnostic> {
        lock(&self.notes).clone()
    }

    /// The key of a group's member, if every report of it has a fingerprint.
    fn key(&self, group: &[usize]) -> Option<[u8; 32]> {
        let mut digest = Sha256::new();
        for &at in group {
            digest.update(self.fingerprints.get(at).copied().flatten()?);
        }
        Some(digest.finalize().into())
    }

    fn year_lock(&self, year: u16) -> Arc<Mutex<()>> {
        lock(&self.years).entry(year).or_default().clone()
    }

    /// Writes the members of `groups` (one year's) to `out`: kept ones as they are, the others
    /// made by `make`; the year's file is written again when a member changed.
    fn write_year(
        &self,
        year: u16,
        groups: &[&[usize]],
        make: &(dyn Fn(&[usize]) -> Vec<u8> + Sync),
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let year_lock = self.year_lock(year);
        let _held = lock(&year_lock);
        let path = self.folder.join(format!("{year}.members"));
        let kept = self.read(&path);
        let keys: Vec<Option<[u8; 32]>> = groups.iter().map(|group| self.key(group)).collect();
        let members: Vec<Cow<'_, [u8]>> = groups
            .par_iter()
            .zip(&keys)
            .map(|(group, key)| {
                let found = kept.as_ref().zip(key.as_ref()).and_then(|(kept, key)| {
                    let range = kept.at.get(key)?.clone();
                    Some(&kept.bytes[range])
                });
                found.map_or_else(|| Cow::Owned(make(group)), Cow::Borrowed)
            })
            .collect();
        let unchanged =
            kept.as_ref().is_some_and(|kept| kept.keys == keys) && keys.iter().all(Option::is_some);
        if !unchanged {
            self.write(&path, &keys, &members);
        }
        members.iter().try_for_each(|member| out.write_all(member))
    }

    /// A year's file, if there is one of this layout, binary and member size that reads back
    /// whole; a damaged one is noted.
    fn read(&self, path: &Path) -> Option<Kept> {
        let bytes = std::fs::read(path).ok()?;
        match self.decode(bytes) {
            Ok(kept) => kept,
            Err(why) => {
                let note =
                    Diagnostic::warning(Location::file(path), messages::damaged_member_cache(&why))
                        .with_help(cache_help());
                lock(&self.notes).push(note);
                None
            }
        }
    }

    /// A year file's members; `None` for another layout, binary or member size, an error for
    /// bytes that do not read back.
    fn decode(&self, mut bytes: Vec<u8>) -> Result<Option<Kept>, String> {
        let Some(rest) = open_sealed(&bytes, &self.header)? else {
            return Ok(None);
        };
        // The members follow the entries, up to the checksum.
        let body_end = bytes.len() - 4;
        let (entries, members): (Vec<Entry>, &[u8]) =
            postcard::take_from_bytes(rest).map_err(|error| error.to_string())?;
        let start = body_end - members.len();
        let mut at = HashMap::with_capacity(entries.len());
        let mut offset = start;
        for entry in &entries {
            let end = usize::try_from(entry.length)
                .ok()
                .and_then(|length| offset.checked_add(length))
                .filter(|&end| end <= body_end)
                .ok_or_else(|| "lengths".to_owned())?;
            if let Some(key) = entry.key {
                at.insert(key, offset..end);
            }
            offset = end;
        }
        if offset != body_end {
            return Err("lengths".to_owned());
        }
        bytes.truncate(body_end);
        let keys = entries.iter().map(|entry| entry.key).collect();
        Ok(Some(Kept { bytes, keys, at }))
    }

    /// Writes a year's file; a failure is a note (the next build compresses those members
    /// again).
    fn write(&self, path: &Path, keys: &[Option<[u8; 32]>], members: &[Cow<'_, [u8]>]) {
        let entries: Vec<Entry> = keys
            .iter()
            .zip(members)
            .map(|(&key, member)| Entry {
                key,
                length: member.len() as u64,
            })
            .collect();
        let bytes = seal_with_tail(
            &self.header,
            &entries,
            members.iter().map(|member| &**member),
        );
        let written =
            std::fs::create_dir_all(&self.folder).and_then(|()| replace_file(path, &bytes));
        if let Err(error) = written {
            let note = Diagnostic::warning(
                Location::file(path),
                messages::cannot_write_member_cache(&error.to_string()),
            )
            .with_help(cache_help());
            lock(&self.notes).push(note);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
