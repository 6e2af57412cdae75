//! The load cache: every source's hash and every report as `load` read it, kept between runs so
//! that a source whose stamp did not change is neither read nor parsed again.
//!
//! A source's stamp is its size, modification time (in nanoseconds) and inode, as git's index
//! and cargo judge a file unchanged; a stamp that differs means the file is read and hashed
//! again. The cache is a folder of shards (a source's shard follows from its path), each
//! written whole to a temporary file and renamed into place, in postcard's compact binary form
//! behind a header (the cache's layout, the binary's version, the year) and a CRC-32 of its
//! bytes. A shard of another layout or binary, or one that does not read back whole, is not
//! trusted: its sources are read again, with a note when it was damaged. Only shards whose
//! entries changed are written again. A report kept with archived originals is kept with their
//! stamps too, and read again when one differs. A report that carries notes (warnings on how it
//! is written) is never cached: its notes are not kept, so it is read again every time.

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::load as messages;
use crate::model::{Archive, Report};

/// How many files the cache is split into: an edit rewrites one, and they are read in parallel.
const SHARDS: usize = 64;
/// The shards' own layout, the cached `Report`'s included; a shard of another layout is not
/// read. 2: the narrative held deflated; 3: a row's line by its place in the catalog; 4: cells
/// held compactly (`model::Cells`).
const LAYOUT: u32 = 4;
/// A source modified this close before the run began is not kept: a later edit within the file
/// system's clock tick could leave its stamp unchanged (git's "racily clean" entries).
const RACY: Duration = Duration::from_secs(2);

/// A source file's size, modification time and inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStamp {
    size: u64,
    seconds: i64,
    nanos: u32,
    inode: u64,
}

impl SourceStamp {
    /// The stamp of the regular file at `path` (never followed through a link), if it is one.
    pub fn of(path: &Path) -> Option<SourceStamp> {
        let metadata = fs::symlink_metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)?;
        let modified = metadata.modified().ok()?;
        let (seconds, nanos) = match modified.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(since) => (i64::try_from(since.as_secs()).ok()?, since.subsec_nanos()),
            Err(before) => (-i64::try_from(before.duration().as_secs()).ok()?, 0),
        };
        Some(SourceStamp {
            size: metadata.len(),
            seconds,
            nanos,
            inode: inode(&metadata),
        })
    }

    /// The file's size in bytes.
    pub fn size(self) -> u64 {
        self.size
    }

    /// Whether the file was modified at or after `moment` (less [`RACY`]).
    fn is_racy(self, moment: SystemTime) -> bool {
        let modified = if self.seconds >= 0 {
            SystemTime::UNIX_EPOCH + Duration::new(self.seconds.unsigned_abs(), self.nanos)
        } else {
            SystemTime::UNIX_EPOCH
        };
        modified + RACY >= moment
    }
}

#[cfg(unix)]
fn inode(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_metadata: &fs::Metadata) -> u64 {
    0
}

/// What a shard starts with: a shard of another layout, binary or year is not trusted.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    layout: u32,
    version: String,
    this_year: u16,
}

/// One source as a shard keeps it.
#[derive(Serialize, Deserialize)]
struct Entry {
    stamp: SourceStamp,
    sha256: Option<String>,
    report: Option<Report>,
    /// The archived originals the report was checked against (paths from the site's root).
    originals: Vec<(String, SourceStamp)>,
}

/// One source as a shard writes it (borrowing the report from the archive).
#[derive(Serialize)]
struct EntryRef<'a> {
    stamp: SourceStamp,
    sha256: Option<&'a str>,
    report: Option<&'a Report>,
    originals: &'a [(String, SourceStamp)],
}

/// What this run learnt of a source.
#[derive(Clone, Debug, Default)]
struct Seen {
    stamp: Option<SourceStamp>,
    sha256: Option<String>,
    /// Its report was read (or taken from the cache) and may be kept.
    report: bool,
    /// The stamps of its report's archived originals.
    originals: Vec<(String, SourceStamp)>,
}

/// One shard: the entries read from its file, and what this run saw.
#[derive(Default)]
struct Shard {
    read: HashMap<String, Entry>,
    seen: HashMap<String, Seen>,
    /// Whether the shard must be written again.
    dirty: bool,
}

/// The cache of one site's sources, for one run.
pub struct SourceCache {
    /// The cache's folder; `None` when the run keeps no cache.
    folder: Option<PathBuf>,
    header: Header,
    started: SystemTime,
    shards: Vec<Mutex<Shard>>,
    /// Why a damaged shard was not trusted (at most one note per run).
    note: Mutex<Option<Diagnostic>>,
    /// How many reports were taken from the cache.
    taken: AtomicUsize,
    /// Whether a load keeps its listing of sources here ([`SourceCache::keeping_listing`]).
    keeps_listing: bool,
    /// Every source file the load's scan of `content/` found, for the build to hash without
    /// walking `content/` again (`None` until a load with this cache lists them).
    listing: Mutex<Option<Vec<String>>>,
}

impl SourceCache {
    /// A cache that keeps nothing: every source is read.
    pub fn disabled() -> SourceCache {
        SourceCache::empty(None, String::new(), crate::load::current_year())
    }

    fn empty(folder: Option<PathBuf>, version: String, this_year: u16) -> SourceCache {
        SourceCache {
            folder,
            header: Header {
                layout: LAYOUT,
                version,
                this_year,
            },
            started: SystemTime::now(),
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            note: Mutex::new(None),
            taken: AtomicUsize::new(0),
            keeps_listing: false,
            listing: Mutex::new(None),
        }
    }

    /// Opens the cache in `folder` for a binary of `version` (which must change whenever the
    /// model's layout can: the root crate passes its executable's size and time). Missing,
    /// foreign or damaged shards are only sources to read again; a damaged one leaves a
    /// [`SourceCache::note`].
    pub fn open(folder: &Path, version: &str) -> SourceCache {
        use rayon::prelude::*;
        let cache = SourceCache::empty(
            Some(folder.to_path_buf()),
            version.to_owned(),
            crate::load::current_year(),
        );
        // One buffer a thread, reused shard after shard: 370 MB of shards at 100,000 reports
        // read into fresh buffers cost as much in page faults as their decoding.
        let shards = cache.shards.par_iter().enumerate();
        shards.for_each_init(Vec::new, |buffer, (at, shard)| {
            let path = shard_path(folder, at);
            let read = match read_into(&path, buffer) {
                Ok(()) => cache.decode(buffer).map_err(|why| (path, why)),
                Err(_) => Ok(None),
            };
            let mut shard = lock(shard);
            match read {
                Ok(Some(entries)) => shard.read = entries,
                Ok(None) => shard.dirty = true,
                Err((path, why)) => {
                    shard.dirty = true;
                    lock(&cache.note).get_or_insert_with(|| damaged(&path, &why));
                }
            }
        });
        cache
    }

    /// A shard's entries; `None` for a shard of another layout, binary or year, an error for
    /// bytes that do not read back. The entries are written as a sequence of pairs, which
    /// postcard reads as a map (the same bytes): decoded straight into the shard's map, with no
    /// list of 100,000 reports in between.
    fn decode(&self, bytes: &[u8]) -> Result<Option<HashMap<String, Entry>>, String> {
        unseal::<Header, HashMap<String, Entry>>(bytes, &self.header)
    }

    /// Why the cache (or part of it) was not trusted, if it was damaged.
    pub fn note(&self) -> Option<Diagnostic> {
        lock(&self.note).clone()
    }

    fn shard(&self, path: &str) -> std::sync::MutexGuard<'_, Shard> {
        let mut hasher = rustc_hash::FxHasher::default();
        path.hash(&mut hasher);
        lock(&self.shards[(hasher.finish() % SHARDS as u64) as usize])
    }

    /// The report of the source at `path` (relative to `root`, with `/`), if the cache has it
    /// for this stamp and its archived originals are still as stamped; taken out of the cache
    /// (it goes into the archive).
    pub fn report(&self, root: &Path, path: &str, stamp: SourceStamp) -> Option<Report> {
        self.folder.as_ref()?;
        let mut shard = self.shard(path);
        let entry = shard.read.get_mut(path).filter(|entry| {
            entry.stamp == stamp
                && entry
                    .originals
                    .iter()
                    .all(|(original, stamp)| SourceStamp::of(&root.join(original)) == Some(*stamp))
        });
        let Some(report) = entry.and_then(|entry| entry.report.take()) else {
            shard.dirty = true;
            return None;
        };
        let entry = &shard.read[path];
        let (sha256, originals) = (entry.sha256.clone(), entry.originals.clone());
        let seen = shard.seen.entry(path.to_owned()).or_default();
        seen.merge(stamp, sha256);
        seen.report = true;
        seen.originals = originals;
        self.taken.fetch_add(1, Ordering::Relaxed);
        Some(report)
    }

    /// The cache, asking the load to keep its listing of sources for [`SourceCache::take_listing`]:
    /// a build hashes them; `serve`, which does not, leaves it off and lists nothing more.
    pub fn keeping_listing(mut self) -> SourceCache {
        self.keeps_listing = true;
        self
    }

    /// Whether the load keeps its listing of sources here.
    pub(crate) fn keeps_listing(&self) -> bool {
        self.keeps_listing
    }

    /// Keeps the paths of every source the load's scan found (`load::source_listing`).
    pub(crate) fn keep_listing(&self, listing: Vec<String>) {
        *lock(&self.listing) = Some(listing);
    }

    /// Every source file (path from the site's root, with `/`) the last load with this cache
    /// found below `content/`, taken out of the cache: the files a build hashes, listed once
    /// for both. `None` if no load listed them.
    pub fn take_listing(&self) -> Option<Vec<String>> {
        lock(&self.listing).take()
    }

    /// How many reports this run took from the cache instead of reading their sources.
    pub fn reports_taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }

    /// Records that the report of `path` was read from its source with this stamp, and its
    /// archived originals checked with theirs.
    pub fn keep_report(
        &self,
        path: &str,
        stamp: SourceStamp,
        originals: Vec<(String, SourceStamp)>,
    ) {
        if self.folder.is_none() {
            return;
        }
        let mut shard = self.shard(path);
        shard.dirty = true;
        let seen = shard.seen.entry(path.to_owned()).or_default();
        seen.merge(stamp, None);
        seen.report = true;
        seen.originals = originals;
    }

    /// The SHA-256 (hex) of the source at `path`, if known for this stamp.
    pub fn sha256(&self, path: &str, stamp: SourceStamp) -> Option<String> {
        self.folder.as_ref()?;
        let mut shard = self.shard(path);
        if let Some(seen) = shard.seen.get(path)
            && seen.stamp == Some(stamp)
            && seen.sha256.is_some()
        {
            return seen.sha256.clone();
        }
        let known = shard
            .read
            .get(path)
            .filter(|entry| entry.stamp == stamp)
            .and_then(|entry| entry.sha256.clone());
        match &known {
            Some(sha256) => shard
                .seen
                .entry(path.to_owned())
                .or_default()
                .merge(stamp, Some(sha256.clone())),
            None => shard.dirty = true,
        }
        known
    }

    /// The stamp and SHA-256 this run already took of the source at `path` (when its report
    /// came from the cache, moments before): hashing sources after `load` then needs no second
    /// stamp of the file, and the hash is that of the very file the report was read from.
    pub fn seen_sha256(&self, path: &str) -> Option<(SourceStamp, String)> {
        self.folder.as_ref()?;
        let shard = self.shard(path);
        let seen = shard.seen.get(path)?;
        Some((seen.stamp?, seen.sha256.clone()?))
    }

    /// Records the SHA-256 of the source at `path`, read with this stamp.
    pub fn keep_sha256(&self, path: &str, stamp: SourceStamp, sha256: String) {
        if self.folder.is_none() {
            return;
        }
        let mut shard = self.shard(path);
        shard.dirty = true;
        shard
            .seen
            .entry(path.to_owned())
            .or_default()
            .merge(stamp, Some(sha256));
    }

    /// Writes the shards whose entries changed, with the reports of `archive` (the run's, read
    /// whole): each shard to a temporary file renamed into place. `complete`: the run looked at
    /// every source (a build), so entries it did not see are of files gone and are dropped;
    /// otherwise (`serve`, which hashes nothing) they are kept as they were. Sources modified
    /// just before the run began are left out, to be read again next time.
    pub fn save(&self, archive: &Archive, complete: bool) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        let Some(folder) = &self.folder else {
            return Ok(());
        };
        let to_write: Vec<usize> = self
            .shards
            .iter()
            .enumerate()
            .filter(|(_, shard)| lock(shard).needs_writing(complete))
            .map(|(at, _)| at)
            .collect();
        // Nothing changed (the common incremental build): not even the map of reports is made.
        if to_write.is_empty() {
            return Ok(());
        }
        let reports: HashMap<String, &Report> = archive
            .reports
            .iter()
            .map(|report| (slashed(&report.source.file), report))
            .collect();
        fs::create_dir_all(folder).map_err(|error| cannot_write(folder, &error))?;
        to_write.into_par_iter().try_for_each(|at| {
            let shard = lock(&self.shards[at]);
            let bytes = self.encode(&shard, &reports, complete);
            write_atomically(&shard_path(folder, at), &bytes)
        })
    }

    /// A shard's bytes: header, entries sorted by path, CRC-32.
    fn encode(&self, shard: &Shard, reports: &HashMap<String, &Report>, complete: bool) -> Vec<u8> {
        let seen = shard.seen.iter().filter_map(|(path, seen)| {
            let stamp = seen.stamp.filter(|stamp| !stamp.is_racy(self.started))?;
            let settled = seen
                .originals
                .iter()
                .all(|(_, stamp)| !stamp.is_racy(self.started));
            let report = reports
                .get(path)
                .copied()
                .filter(|report| seen.report && settled && is_cacheable(report));
            let entry = EntryRef {
                stamp,
                sha256: seen.sha256.as_deref(),
                report,
                originals: &seen.originals,
            };
            Some((path.as_str(), entry))
        });
        let unseen = shard
            .read
            .iter()
            .filter(|(path, _)| !complete && !shard.seen.contains_key(*path))
            .map(|(path, entry)| {
                let entry = EntryRef {
                    stamp: entry.stamp,
                    sha256: entry.sha256.as_deref(),
                    report: entry.report.as_ref(),
                    originals: &entry.originals,
                };
                (path.as_str(), entry)
            });
        let mut entries: Vec<(&str, EntryRef<'_>)> = seen.chain(unseen).collect();
        entries.sort_by_key(|(path, _)| *path);
        seal(&self.header, &entries)
    }
}

impl Shard {
    /// Whether the shard must be written: an entry changed, or (`complete`, a run that saw every
    /// source) an entry read from it was not seen, its file gone.
    fn needs_writing(&self, complete: bool) -> bool {
        self.dirty || complete && self.read.keys().any(|path| !self.seen.contains_key(path))
    }
}

impl Seen {
    /// Adds what is known of the source with `stamp`; what was known of another stamp goes.
    fn merge(&mut self, stamp: SourceStamp, sha256: Option<String>) {
        if self.stamp != Some(stamp) {
            *self = Seen {
                stamp: Some(stamp),
                ..Seen::default()
            };
        }
        if sha256.is_some() {
            self.sha256 = sha256;
        }
    }
}

/// Whether a report can be kept: not one with notes (which are not kept).
pub fn is_cacheable(report: &Report) -> bool {
    report.source.notes.is_empty()
}

/// Reads the file at `path` into `buffer` (emptied first, its memory kept).
fn read_into(path: &Path, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    buffer.clear();
    fs::File::open(path)?.read_to_end(buffer).map(drop)
}

fn shard_path(folder: &Path, at: usize) -> PathBuf {
    folder.join(format!("{at:02}.postcard"))
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The CRC-32 that guards a cache file's bytes.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A cache file's bytes: `header` and `body` in postcard's form, then a CRC-32 of them. Shared
/// by the load cache's shards, the checks' cache (`check::kept`) and the build's manifest.
pub fn seal<H: Serialize, B: Serialize + ?Sized>(header: &H, body: &B) -> Vec<u8> {
    seal_with_tail(header, body, std::iter::empty())
}

/// [`seal`] with raw bytes after the body, inside the checksum: large blobs (the long CSV's
/// gzip members) that postcard would copy byte by byte; the body says where each one starts.
pub(crate) fn seal_with_tail<'a, H: Serialize, B: Serialize + ?Sized>(
    header: &H,
    body: &B,
    tail: impl IntoIterator<Item = &'a [u8]>,
) -> Vec<u8> {
    let mut bytes = postcard::to_stdvec(header).expect("a header serializes");
    bytes.extend(postcard::to_stdvec(body).expect("entries serialize"));
    for part in tail {
        bytes.extend_from_slice(part);
    }
    let sum = crc32(&bytes);
    bytes.extend(sum.to_le_bytes());
    bytes
}

/// The body of bytes [`seal`] wrote; `None` when their header is not `expected` (another
/// layout or binary: not trusted, not damaged), an error when they do not read back whole.
pub fn unseal<H, B>(bytes: &[u8], expected: &H) -> Result<Option<B>, String>
where
    H: for<'de> Deserialize<'de> + PartialEq,
    B: for<'de> Deserialize<'de>,
{
    match open_sealed(bytes, expected)? {
        Some(rest) => postcard::from_bytes(rest)
            .map(Some)
            .map_err(|error| error.to_string()),
        None => Ok(None),
    }
}

/// The bytes after the header of bytes [`seal_with_tail`] wrote (body and tail, without the
/// checksum), once the checksum and the header are found sound; `None` for another header.
pub(crate) fn open_sealed<'a, H>(bytes: &'a [u8], expected: &H) -> Result<Option<&'a [u8]>, String>
where
    H: for<'de> Deserialize<'de> + PartialEq,
{
    let (body, sum) = bytes
        .split_last_chunk::<4>()
        .ok_or_else(|| "too short".to_owned())?;
    if crc32(body) != u32::from_le_bytes(*sum) {
        return Err("checksum".to_owned());
    }
    let (header, rest): (H, &[u8]) =
        postcard::take_from_bytes(body).map_err(|error| error.to_string())?;
    Ok((header == *expected).then_some(rest))
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place; the error is
/// the I/O one, for the caller's message.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}", std::process::id()));
    let temporary = PathBuf::from(temporary);
    fs::write(&temporary, bytes)
        .and_then(|()| fs::rename(&temporary, path))
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
}

/// Writes a shard to a temporary file beside `path` and renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    replace_file(path, bytes).map_err(|error| cannot_write(path, &error))
}

fn cannot_write(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::warning(
        Location::file(path),
        messages::cannot_write_cache(&error.to_string()),
    )
    .with_help(messages::cache_help())
}

fn damaged(path: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(Location::file(path), messages::damaged_cache(why))
        .with_help(messages::cache_help())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, load_cached};

    /// The example site's root (the repository's).
    fn example() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// Loads the example through a cache in `folder` and saves it; returns how many reports
    /// came from the cache and its note.
    fn load_through(folder: &Path, version: &str) -> (usize, Option<Diagnostic>) {
        let cache = SourceCache::open(folder, version);
        let loaded = load_cached(&example(), &cache, crate::load::Narratives::Deflated);
        // Deflated narratives equal the texts as read.
        // Written just now by the checkout, the example's files may be too new to be kept.
        let cache = SourceCache {
            started: SystemTime::now() + RACY * 10_000,
            ..cache
        };
        assert_eq!(loaded.archive, load(&example()).archive);
        cache.save(&loaded.archive, false).unwrap();
        (cache.reports_taken(), cache.note())
    }

    #[test]
    fn a_second_load_takes_the_reports_from_the_cache_as_read() {
        let folder = tempfile::tempdir().unwrap();
        let reports = load(&example()).archive.reports;
        let cacheable = reports.iter().filter(|report| is_cacheable(report)).count();
        assert!(cacheable > 0);
        assert_eq!(load_through(folder.path(), "1"), (0, None));
        assert_eq!(load_through(folder.path(), "1"), (cacheable, None));
    }

    #[test]
    fn another_binary_or_a_damaged_shard_means_reading_again() {
        let folder = tempfile::tempdir().unwrap();
        load_through(folder.path(), "1");
        assert_eq!(load_through(folder.path(), "2"), (0, None));
        for entry in fs::read_dir(folder.path()).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = fs::read(&path).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            fs::write(&path, bytes).unwrap();
        }
        let (taken, note) = load_through(folder.path(), "2");
        assert_eq!(taken, 0);
        let note = note.expect("a damaged cache is noted");
        assert!(note.message.contains("checksum"), "{note:?}");
        assert!(note.help.is_some());
    }

    #[test]
    fn a_stamp_that_differs_is_a_miss() {
        let folder = tempfile::tempdir().unwrap();
        let cache = SourceCache::open(folder.path(), "1");
        let stamp = SourceStamp {
            size: 1,
            seconds: 1,
            nanos: 0,
            inode: 1,
        };
        cache.keep_sha256("content/a/2024.md", stamp, "ab".to_owned());
        assert_eq!(
            cache.sha256("content/a/2024.md", stamp).as_deref(),
            Some("ab")
        );
        let touched = SourceStamp { nanos: 1, ..stamp };
        assert_eq!(cache.sha256("content/a/2024.md", touched), None);
        let moved = SourceStamp { inode: 2, ..stamp };
        assert_eq!(cache.sha256("content/a/2024.md", moved), None);
    }

    #[test]
    fn what_this_run_saw_is_given_with_its_stamp_and_the_last_one_wins() {
        let folder = tempfile::tempdir().unwrap();
        let cache = SourceCache::open(folder.path(), "1");
        let path = "content/a/2024.md";
        assert_eq!(cache.seen_sha256(path), None, "not seen yet");
        let stamp = SourceStamp {
            size: 1,
            seconds: 1,
            nanos: 0,
            inode: 1,
        };
        cache.keep_sha256(path, stamp, "ab".to_owned());
        assert_eq!(cache.seen_sha256(path), Some((stamp, "ab".to_owned())));
        // Read again with another stamp and not hashed yet: nothing known.
        let replaced = SourceStamp { inode: 2, ..stamp };
        cache.keep_report(path, replaced, Vec::new());
        assert_eq!(cache.seen_sha256(path), None);
        // A cache that keeps nothing knows nothing.
        let disabled = SourceCache::disabled();
        disabled.keep_sha256(path, stamp, "ab".to_owned());
        assert_eq!(disabled.seen_sha256(path), None);
    }

    #[test]
    fn a_saved_cache_with_nothing_changed_needs_no_writing() {
        let folder = tempfile::tempdir().unwrap();
        load_through(folder.path(), "1");
        let cache = SourceCache::open(folder.path(), "1");
        assert!(cache.shards.iter().all(|shard| !lock(shard).dirty));
        let loaded = load_cached(&example(), &cache, crate::load::Narratives::Deflated);
        // `serve`'s save (not complete): an entry not seen is no reason to write.
        assert!(
            cache
                .shards
                .iter()
                .all(|shard| !lock(shard).needs_writing(false)),
            "every source seen as it was"
        );
        let taken = cache.reports_taken();
        assert!(taken > 0 && taken <= loaded.archive.reports.len());
    }
}
