//! Incremental builds: what the last `archive build` of an output was made from, and which of
//! the site's files a new build must draw again.
//!
//! A build records its [`Manifest`] beside the output, in `.archive-cache/<output>.manifest`
//! (outside the folder a sync tool uploads): the binary's version, fingerprints of `site.toml`
//! and of the theme, every source's size and SHA-256, every file of the output with its size and
//! modification time, and the search index's parts with what keyed them. The next build reads every source again
//! (docs/benchmarks.md: cheaper than keeping a serialized model), compares their hashes with the
//! manifest, and turns each changed report source into the `stale::ModelEdit` that `serve`
//! applies; `stale::dirty_pages` names the files it makes stale. Only those are drawn; every
//! other file is carried over from the previous output (`output::Staging`). Anything the
//! manifest cannot vouch for — no manifest, another binary, another `site.toml` or theme, an
//! agency file, the regions or any other file of `content/` changed — draws everything, and
//! files whose bytes did not change are still carried over rather than written.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::address::SiteFile;
use crate::output::FileStamps;
use crate::search::PartRecord;
use crate::search_parts::NarrativeKey;
use crate::stale::{Dirty, ModelEdit, SourceChange, classify, dirty_pages};
use crate::theme_files::ThemeFiles;
use archive_core::config::CONFIG_FILE;
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::index::Index;
use archive_core::load::{SourceCache, SourceStamp, replace_file, seal, unseal};
use archive_core::messages::{Text, cli, site};
use archive_core::model::Archive;

pub use crate::output::CACHE_DIR;

/// The manifest's own layout; a manifest of another layout is not read.
const LAYOUT: u32 = 2;

/// What a build was made from and what it wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest's layout.
    pub layout: u32,
    /// The binary that built it ([`binary_version`]).
    pub version: String,
    /// `site.toml` and the options that change pages (SHA-256, hex).
    pub config: String,
    /// The theme's templates and static files (SHA-256, hex).
    pub theme: String,
    /// Every source below `content/` (path from the site's root → size and hash).
    pub sources: BTreeMap<String, SourceRecord>,
    /// Every file of the output (path → size and modification time), read into the map the
    /// next build's staging trusts and written from the one its commit gives back.
    pub files: FileStamps,
    /// The search index's parts, if it has been built.
    pub search: Option<Vec<PartRecord>>,
    /// Each report's narrative key by its source's hash (SHA-256, hex), as the search index was
    /// keyed: the next build keys an unchanged source's part without inflating its narrative.
    pub narratives: BTreeMap<String, NarrativeKey>,
}

/// One source as a build read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// Why a build draws every file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FullReason {
    /// `--full` was given.
    Asked,
    /// No usable manifest of the previous build (none yet, another layout, or unreadable).
    NoManifest,
    /// The previous build was made by another binary.
    Binary,
    /// `site.toml` (or `--base-url`) changed.
    Config,
    /// The theme's templates or static files changed.
    Theme,
    /// A source whose effect is not one report's: an agency file, the regions, another file.
    Content,
}

impl FullReason {
    /// Why, in words (the build's summary line).
    pub fn describe(self) -> Text {
        match self {
            FullReason::Asked => cli::full_reason_asked(),
            FullReason::NoManifest => cli::full_reason_no_manifest(),
            FullReason::Binary => cli::full_reason_binary(),
            FullReason::Config => cli::full_reason_config(),
            FullReason::Theme => cli::full_reason_theme(),
            FullReason::Content => cli::full_reason_content(),
        }
    }
}

/// What a build draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Every file.
    Everything(FullReason),
    /// These files (the others are carried over), after this many sources changed.
    Stale {
        /// The files to draw.
        files: BTreeSet<SiteFile>,
        /// How many sources were added, changed or removed.
        sources: usize,
    },
}

/// The version of the running binary: its package version and the executable's size and
/// modification time, so that a binary rebuilt from changed code is another binary.
pub fn binary_version() -> String {
    let executable = std::env::current_exe()
        .ok()
        .and_then(|path| crate::output::stamp(&path));
    match executable {
        Some((size, (seconds, nanos))) => {
            format!(
                "{} ({size} bytes, {seconds}.{nanos:09})",
                env!("CARGO_PKG_VERSION")
            )
        }
        None => env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// The fingerprint of `site.toml` and of the base address a build is told instead.
pub fn config_fingerprint(root: &Path, base_url: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(fs::read(root.join(CONFIG_FILE)).unwrap_or_default());
    hasher.update([0]);
    hasher.update(base_url.unwrap_or_default());
    hex(hasher)
}

/// The fingerprint of a theme's files, layered as the build uses them.
pub fn theme_fingerprint(files: &ThemeFiles) -> String {
    let mut hasher = Sha256::new();
    for (name, (_, text)) in &files.templates {
        framed(&mut hasher, b"template");
        framed(&mut hasher, name.as_bytes());
        framed(&mut hasher, text.as_bytes());
    }
    for (name, bytes) in &files.static_files {
        framed(&mut hasher, b"static");
        framed(&mut hasher, name.as_bytes());
        framed(&mut hasher, bytes);
    }
    hex(hasher)
}

/// Hashes `bytes` after their length, so that no two sequences of fields hash alike.
fn framed(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn hex(hasher: Sha256) -> String {
    format!("{:x}", hasher.finalize())
}

/// Every file below `content/` a build reads (editors' temporary files left out), by its path
/// from the site's root, with its size and hash. The files are those the load listed in `cache`
/// (one walk of `content/` for both), or found by a walk of their own when it did not. A file
/// whose stamp `cache` knows is not read again: its hash is the cache's; one whose report this
/// run took from `cache` is not even stamped again (the load stamped it).
pub fn scan_sources(
    root: &Path,
    cache: &SourceCache,
) -> Result<BTreeMap<String, SourceRecord>, Diagnostic> {
    let paths = match cache.take_listing() {
        Some(listing) => listing,
        None => walk_sources(root)?,
    };
    paths
        .into_par_iter()
        .map(|path| {
            if let Some((stamp, sha256)) = cache.seen_sha256(&path) {
                let record = SourceRecord {
                    size: stamp.size(),
                    sha256,
                };
                return Ok((path, record));
            }
            let full = root.join(&path);
            let stamp = SourceStamp::of(&full);
            if let Some(stamp) = stamp
                && let Some(sha256) = cache.sha256(&path, stamp)
            {
                return Ok((
                    path,
                    SourceRecord {
                        size: stamp.size(),
                        sha256,
                    },
                ));
            }
            let bytes = fs::read(&full).map_err(|error| {
                Diagnostic::error(
                    Location::file(&path),
                    site::cannot_read_source(&error.to_string()),
                )
                .with_help(site::unreadable_source_help())
            })?;
            let sha256 = format!("{:x}", Sha256::digest(&bytes));
            // Kept only if the file is still the one stamped (not replaced while it was read).
            if let Some(stamp) = stamp.filter(|stamp| stamp.size() == bytes.len() as u64) {
                cache.keep_sha256(&path, stamp, sha256.clone());
            }
            let record = SourceRecord {
                size: bytes.len() as u64,
                sha256,
            };
            Ok((path, record))
        })
        .collect()
}

/// Every file below `content/` a build reads, found by walking the folder.
fn walk_sources(root: &Path) -> Result<Vec<String>, Diagnostic> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("content")).follow_links(false) {
        let entry = entry.map_err(|error| {
            Diagnostic::error(
                Location::file("content"),
                site::cannot_read_folder(&error.to_string()),
            )
            .with_help(site::unreadable_source_help())
        })?;
        let relative = entry.path().strip_prefix(root).expect("below the root");
        if entry.file_type().is_file() && classify(relative, None).is_some() {
            paths.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(paths)
}

/// Which files a build must draw, given the previous build's manifest (if it can be used), the
/// present one's fingerprints and sources, and the archive as loaded now.
pub fn plan(
    previous: Option<&Manifest>,
    current: &Manifest,
    archive: &Archive,
    index: &Index,
) -> Plan {
    let Some(previous) = previous.filter(|previous| previous.layout == current.layout) else {
        return Plan::Everything(FullReason::NoManifest);
    };
    if previous.version != current.version {
        return Plan::Everything(FullReason::Binary);
    }
    if previous.config != current.config {
        return Plan::Everything(FullReason::Config);
    }
    if previous.theme != current.theme {
        return Plan::Everything(FullReason::Theme);
    }
    let changed = changed_sources(&previous.sources, &current.sources);
    let mut files = BTreeSet::new();
    for path in &changed {
        let was = previous.sources.contains_key(*path);
        let is = current.sources.contains_key(*path);
        let Some(edit) = report_edit(path, was, is, archive, index) else {
            return Plan::Everything(FullReason::Content);
        };
        match dirty_pages(edit, archive, index) {
            Dirty::All => return Plan::Everything(FullReason::Content),
            Dirty::Files(stale) => files.extend(stale),
        }
    }
    Plan::Stale {
        files,
        sources: changed.len(),
    }
}

/// The sources added, changed or removed between two builds, in order: both maps are walked
/// side by side once (at 100,000 reports, gathering their 200,000 paths in a set first took a
/// tenth of a second of every build).
fn changed_sources<'a>(
    previous: &'a BTreeMap<String, SourceRecord>,
    current: &'a BTreeMap<String, SourceRecord>,
) -> Vec<&'a String> {
    use std::cmp::Ordering;
    let (mut before, mut now) = (previous.iter().peekable(), current.iter().peekable());
    let mut changed = Vec::new();
    loop {
        let order = match (before.peek(), now.peek()) {
            (None, None) => return changed,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((was, _)), Some((is, _))) => was.cmp(is),
        };
        match order {
            Ordering::Less => changed.extend(before.next().map(|(path, _)| path)),
            Ordering::Greater => changed.extend(now.next().map(|(path, _)| path)),
            Ordering::Equal => {
                let (path, was) = before.next().expect("peeked");
                let (_, is) = now.next().expect("peeked");
                if was != is {
                    changed.push(path);
                }
            }
        }
    }
}

/// The edit a changed source made to the model, if it is a report's source (`was`: it was in
/// the previous build, `is`: it is now). What lists show of a report is not kept between builds,
/// so every changed report counts as changed for the lists too.
fn report_edit(
    path: &str,
    was: bool,
    is: bool,
    archive: &Archive,
    index: &Index,
) -> Option<ModelEdit> {
    let Some(SourceChange::Report { agency, year }) = classify(Path::new(path), None) else {
        return None;
    };
    let agency = archive
        .agencies
        .iter()
        .position(|known| known.id == agency)?;
    let at = index
        .reports_of(agency)
        .find(|&at| archive.reports[at].year == year);
    match (was, is, at) {
        (true, true, Some(at)) => Some(ModelEdit::ReportChanged { at, listed: true }),
        (false, true, Some(at)) => Some(ModelEdit::ReportAdded { at }),
        (true, false, None) => Some(ModelEdit::ReportRemoved { agency, year }),
        _ => None,
    }
}

/// Where the manifest of the builds of `output` (absolute) is kept.
pub fn manifest_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    parent.join(CACHE_DIR).join(format!("{name}.manifest"))
}

/// Where the load cache (`archive_core::load::SourceCache`) of the builds of `output`
/// (absolute) is kept: beside its manifest, never published.
pub fn cache_folder(output: &Path) -> PathBuf {
    manifest_path(output).with_extension("sources")
}

/// Where the checks the builds of `output` (absolute) keep for the next one
/// (`archive_core::check::KeptChecks`) are: beside its manifest, never published.
pub fn checks_path(output: &Path) -> PathBuf {
    manifest_path(output).with_extension("checks")
}

/// The manifest of the last build of `output`, if there is one that can be read (a missing,
/// damaged or foreign one only means a full build). Postcard behind the manifest's layout and a
/// CRC-32, as the load cache's shards: at 100,000 reports its 350,000 paths took 0.5 s a build
/// to parse and write as JSON (docs/benchmarks.md).
pub fn read_manifest(output: &Path) -> Option<Manifest> {
    let bytes = fs::read(manifest_path(output)).ok()?;
    unseal(&bytes, &LAYOUT).ok().flatten()
}

/// Writes the manifest of `output` (to a temporary file renamed into place: never half written).
pub fn write_manifest(output: &Path, manifest: &Manifest) -> Result<(), Diagnostic> {
    let path = manifest_path(output);
    let bytes = seal(&LAYOUT, manifest);
    fs::create_dir_all(path.parent().expect("in the cache folder"))
        .and_then(|()| replace_file(&path, &bytes))
        .map_err(|error| manifest_error(&path, site::cannot_write_manifest(&error.to_string())))?;
    // The JSON manifest of builds before this format, if any, is no longer read.
    let _ = fs::remove_file(path.with_extension("json"));
    Ok(())
}

fn manifest_error(path: &Path, message: Text) -> Diagnostic {
    Diagnostic::warning(Location::file(path), message).with_help(site::manifest_help())
}

/// Every file below `folder` (the staging folder) with its size and modification time.
pub fn stamp_files(folder: &Path) -> FileStamps {
    walkdir::WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(folder).ok()?;
            let stamp = crate::output::stamp(entry.path())?;
            Some((relative.to_string_lossy().replace('\\', "/"), stamp))
        })
        .collect()
}

/// The present manifest's layout (for [`Manifest::layout`]).
pub fn layout() -> u32 {
    LAYOUT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::{DataFile, Page};

    /// The example archive, its manifest as a build would record it, and its index.
    fn example() -> (Archive, Index, Manifest) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = archive_core::load::load(root);
        let index = Index::build(&loaded.archive);
        let manifest = Manifest {
            layout: LAYOUT,
            version: "1".to_owned(),
            config: "config".to_owned(),
            theme: "theme".to_owned(),
            sources: scan_sources(root, &SourceCache::disabled()).unwrap(),
            ..Manifest::default()
        };
        (loaded.archive, index, manifest)
    }

    fn stale_files(plan: Plan) -> BTreeSet<SiteFile> {
        match plan {
            Plan::Stale { files, .. } => files,
            Plan::Everything(reason) => panic!("everything: {reason:?}"),
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written_and_a_damaged_one_not_at_all() {
        let (_, _, mut manifest) = example();
        manifest.files.insert("index.html".to_owned(), (12, (3, 4)));
        manifest.search = Some(Vec::new());
        let folder = tempfile::tempdir().unwrap();
        let output = folder.path().join("public");
        write_manifest(&output, &manifest).unwrap();
        assert_eq!(read_manifest(&output), Some(manifest));
        let path = manifest_path(&output);
        let mut bytes = fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        fs::write(&path, bytes).unwrap();
        assert_eq!(read_manifest(&output), None);
    }

    #[test]
    fn the_loads_listing_is_every_file_a_walk_of_content_finds() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let folder = tempfile::tempdir().unwrap();
        let cache = SourceCache::open(folder.path(), "1").keeping_listing();
        archive_core::load::load_cached(root, &cache, archive_core::load::Narratives::AsRead);
        let mut listed = cache.take_listing().expect("the load listed its sources");
        listed.sort();
        let mut walked = walk_sources(root).unwrap();
        walked.sort();
        assert!(walked.iter().any(|path| path.contains("/originals/")));
        assert_eq!(listed, walked);
        // Taken once: a second hashing would walk again.
        assert_eq!(cache.take_listing(), None);
        // A run without a cache keeps no listing.
        let disabled = SourceCache::disabled();
        archive_core::load::load_cached(root, &disabled, archive_core::load::Narratives::AsRead);
        assert_eq!(disabled.take_listing(), None);
        // Nor does one that did not ask for it (serve's).
        let serves = SourceCache::open(folder.path(), "1");
        archive_core::load::load_cached(root, &serves, archive_core::load::Narratives::AsRead);
        assert_eq!(serves.take_listing(), None);
    }

    #[test]
    fn sources_are_every_read_file_of_content_by_path() {
        let (_, _, manifest) = example();
        assert!(manifest.sources.contains_key("content/huaian/2024.md"));
        assert!(manifest.sources.contains_key("content/huaian/_agency.yaml"));
        assert!(manifest.sources.contains_key("content/_regions.yaml"));
        let record = &manifest.sources["content/huaian/2024.md"];
        assert_eq!(record.sha256.len(), 64);
    }

    #[test]
    fn changed_sources_are_those_added_changed_or_removed_in_order() {
        let record = |size| SourceRecord {
            size,
            sha256: "0".repeat(64),
        };
        let map = |entries: &[(&str, u64)]| -> BTreeMap<String, SourceRecord> {
            entries
                .iter()
                .map(|&(path, size)| (path.to_owned(), record(size)))
                .collect()
        };
        let previous = map(&[("a", 1), ("b", 1), ("c", 1), ("e", 1)]);
        let current = map(&[("b", 1), ("c", 2), ("d", 1), ("e", 1), ("f", 1)]);
        assert_eq!(changed_sources(&previous, &current), ["a", "c", "d", "f"]);
        assert!(changed_sources(&previous, &previous).is_empty());
        assert_eq!(changed_sources(&BTreeMap::new(), &previous).len(), 4);
        assert_eq!(changed_sources(&previous, &BTreeMap::new()).len(), 4);
    }

    #[test]
    fn without_a_matching_record_everything_is_drawn() {
        let (archive, index, current) = example();
        let plan = |previous: Option<&Manifest>| plan(previous, &current, &archive, &index);
        assert_eq!(plan(None), Plan::Everything(FullReason::NoManifest));
        let changed = |change: fn(&mut Manifest)| {
            let mut previous = current.clone();
            change(&mut previous);
            previous
        };
        type Change = fn(&mut Manifest);
        let cases: [(Change, FullReason); 4] = [
            (|m| m.layout += 1, FullReason::NoManifest),
            (|m| m.version.push('+'), FullReason::Binary),
            (|m| m.config.push('+'), FullReason::Config),
            (|m| m.theme.push('+'), FullReason::Theme),
        ];
        for (change, reason) in cases {
            assert_eq!(plan(Some(&changed(change))), Plan::Everything(reason));
        }
        let agency = changed(|m| {
            m.sources
                .get_mut("content/pingtan/_agency.yaml")
                .unwrap()
                .size += 1;
        });
        assert_eq!(plan(Some(&agency)), Plan::Everything(FullReason::Content));
        let stray = changed(|m| {
            m.sources.remove("content/_regions.yaml");
        });
        assert_eq!(plan(Some(&stray)), Plan::Everything(FullReason::Content));
    }

    #[test]
    fn a_changed_added_or_removed_report_makes_its_files_stale() {
        let (archive, index, current) = example();
        assert_eq!(
            plan(Some(&current), &current, &archive, &index),
            Plan::Stale {
                files: BTreeSet::new(),
                sources: 0
            }
        );
        let at = archive
            .reports
            .iter()
            .position(|report| report.agency == "huaian" && report.year == 2024)
            .unwrap();

        let mut edited = current.clone();
        edited
            .sources
            .get_mut("content/huaian/2024.md")
            .unwrap()
            .sha256 = "0".repeat(64);
        let files = stale_files(plan(Some(&edited), &current, &archive, &index));
        for file in [
            SiteFile::Page(Page::Report(at)),
            SiteFile::Data(DataFile::Report(at)),
            SiteFile::Page(Page::Agency(index.agency_of(at))),
            SiteFile::Page(Page::Year(2024)),
            SiteFile::Page(Page::Home),
        ] {
            assert!(files.contains(&file), "{file:?}: {files:?}");
        }
        assert!(!files.contains(&SiteFile::Page(Page::Glossary)));

        // The previous build had not seen it: added, so the lists count it.
        let mut before = current.clone();
        before.sources.remove("content/huaian/2024.md");
        let files = stale_files(plan(Some(&before), &current, &archive, &index));
        assert!(files.contains(&SiteFile::Page(Page::Sitemap)));

        // The previous build had a report this one has not: removed.
        let mut before = current.clone();
        before.sources.insert(
            "content/huaian/2022.md".to_owned(),
            before.sources["content/huaian/2024.md"].clone(),
        );
        let files = stale_files(plan(Some(&before), &current, &archive, &index));
        assert!(files.contains(&SiteFile::Page(Page::Agency(index.agency_of(at)))));
        assert!(files.contains(&SiteFile::Page(Page::Sitemap)));
    }
}
