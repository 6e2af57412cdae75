//! Loading `content/` into the model: every source read once, every problem reported in one run.
//!
//! Layout: `content/_regions.yaml`, then one folder per agency named by its ASCII id, holding
//! `_agency.yaml` and one `<year>.md` per report. Hidden files and editor backups are ignored;
//! anything else is reported.

mod agency;
pub(crate) mod cache;
mod fast_yaml;
mod file;
mod keyboard;
mod original;
mod report;
mod suggest;
pub(crate) mod text;
mod yaml;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use agency::{AGENCY_FILE, REGIONS_FILE, id_rule, is_url_id, read_regions};
pub use cache::{SourceCache, SourceStamp, is_cacheable, replace_file, seal, unseal};
pub use file::{TextFile, read_text};
pub use original::ORIGINALS_DIR;
pub use report::FIRST_YEAR;
#[cfg(test)]
pub(crate) use report::read_report;

use crate::diagnostic::{Diagnostic, Location};
use crate::messages::load;
use crate::model::{Agency, Archive, Report};

/// The archive read from `content/`, and every problem found on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    /// What could be read. Incomplete when `diagnostics` has errors.
    pub archive: Archive,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A report source found in the content folder, before it is read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path, relative to the site's root.
    pub path: PathBuf,
    /// The agency folder.
    pub agency: String,
    /// The year its name says.
    pub year: u16,
}

/// Loads every source under `root/content`. Paths in messages are relative to `root`.
pub fn load(root: &Path) -> Loaded {
    load_cached(root, &SourceCache::disabled(), Narratives::AsRead)
}

/// How [`load_cached`] holds the reports' narratives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Narratives {
    /// As read: for what keeps the model briefly or reads each narrative often.
    AsRead,
    /// Deflated as each agency folder is read ([`crate::model::Narrative::deflate`]): for a
    /// build, which holds every report to its end (at 300,000 reports, 0.6 GB less).
    Deflated,
}

/// Loads every source under `root/content`, taking each report whose source's stamp is as
/// `cache` recorded it from the cache instead of reading it, and recording in it those read.
pub fn load_cached(root: &Path, cache: &SourceCache, narratives: Narratives) -> Loaded {
    let by_agency = load_by_agency(root, cache, |_, mut reports| {
        if narratives == Narratives::Deflated {
            for report in &mut reports {
                report.body.deflate();
            }
        }
        reports
    });
    let mut reports = Vec::with_capacity(by_agency.parts.iter().map(Vec::len).sum());
    for part in by_agency.parts {
        reports.extend(part);
    }
    Loaded {
        archive: Archive {
            agencies: by_agency.agencies,
            regions: by_agency.regions,
            reports,
        },
        diagnostics: by_agency.diagnostics,
    }
}

/// The archive read one agency folder at a time: what the caller made of each folder's reports,
/// and every problem found on the way, in the same order as [`load()`]'s.
#[derive(Debug)]
pub struct LoadedByAgency<T> {
    /// The agencies whose `_agency.yaml` could be read, by id.
    pub agencies: Vec<Agency>,
    /// The regions.
    pub regions: Vec<crate::model::Region>,
    /// One part per agency folder holding report sources, by id.
    pub parts: Vec<T>,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads `root/content` like [`load()`], but hands each agency folder's reports (read and sorted
/// by year, its agency if its file could be read) to `consume` as soon as they are read, on
/// several reading threads, and keeps only what it returns: a report's rules read no other
/// agency's reports, so `archive check` never needs the whole archive in memory. Reports come
/// from `cache` as in [`load_cached()`].
pub fn load_by_agency<T, F>(root: &Path, cache: &SourceCache, consume: F) -> LoadedByAgency<T>
where
    T: Send,
    F: Fn(Option<&Agency>, Vec<Report>) -> T + Sync,
{
    in_reading_pool(|| load_by_agency_here(root, cache, &consume))
}

/// How many threads list folders and read sources. From a cold page cache a read waits on the
/// disk, not the CPU: with one thread per core the disk sees two small requests at a time and
/// load is latency-bound (issue 16: 21 s cold against 10 s warm at 100,000 reports). Sixteen
/// keep its queue full while parsing still uses every core; each thread holds one agency folder
/// at a time, so memory stays bounded whatever the archive's size.
const READING_THREADS: usize = 16;

/// Runs `work` (and every parallel iterator it starts) on a pool of [`READING_THREADS`], or on
/// the current pool when no threads can be started: slower from a cold disk, never wrong.
fn in_reading_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(READING_THREADS)
        .thread_name(|index| format!("archive-read-{index}"))
        .build();
    match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

fn load_by_agency_here<T, F>(root: &Path, cache: &SourceCache, consume: F) -> LoadedByAgency<T>
where
    T: Send,
    F: Fn(Option<&Agency>, Vec<Report>) -> T + Sync,
{
    let this_year = current_year();
    let mut diagnostics = Vec::new();
    let layout = scan(root, &mut diagnostics);
    if cache.keeps_listing()
        && let Some(listing) = source_listing(root, &layout)
    {
        cache.keep_listing(listing);
    }
    let (agencies, regions) = read_agencies(root, &layout, &mut diagnostics);

    // Sources are listed folder by folder, so each agency's are side by side.
    let folders: Vec<&[SourceFile]> = layout
        .reports
        .chunk_by(|a, b| a.agency == b.agency)
        .collect();
    let read: Vec<(T, Vec<Diagnostic>, Vec<Diagnostic>)> = folders
        .into_par_iter()
        .map(|sources| {
            let (reports, problems) = read_folder(root, sources, this_year, cache);
            let placement = placement_errors(sources, &reports);
            let agency = agencies
                .binary_search_by(|agency| agency.id.as_str().cmp(&sources[0].agency))
                .ok()
                .map(|at| &agencies[at]);
            (consume(agency, reports), problems, placement)
        })
        .collect();
    // Each source's problems in file order, then the reports in the wrong file, as ever.
    let mut parts = Vec::with_capacity(read.len());
    let mut placement = Vec::new();
    for (part, mut problems, mut misplaced) in read {
        parts.push(part);
        diagnostics.append(&mut problems);
        placement.append(&mut misplaced);
    }
    diagnostics.append(&mut placement);
    LoadedByAgency {
        agencies,
        regions: regions.unwrap_or_default(),
        parts,
        diagnostics,
    }
}

/// Every file of `content/` the scan found (paths from the site's root, with `/`), the files of
/// the folders of archived originals included: what a build hashes, so that it need not walk
/// `content/` a second time. `None` if a folder of originals cannot be walked (the build's own
/// walk then reports it). Any other file is an error of the scan, and stops a build.
fn source_listing(root: &Path, layout: &Layout) -> Option<Vec<String>> {
    let slashed = |path: &Path| path.to_string_lossy().replace('\\', "/");
    let mut listing = Vec::with_capacity(1 + layout.agency_files.len() + layout.reports.len());
    listing.extend(layout.regions_file.as_deref().map(slashed));
    listing.extend(layout.agency_files.iter().map(|(_, path)| slashed(path)));
    listing.extend(layout.reports.iter().map(|source| slashed(&source.path)));
    for folder in &layout.originals {
        let walk = walkdir::WalkDir::new(root.join(folder))
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| !is_ignored(&entry.file_name().to_string_lossy()));
        for entry in walk {
            let entry = entry.ok()?;
            if entry.file_type().is_file() {
                listing.push(slashed(entry.path().strip_prefix(root).ok()?));
            }
        }
    }
    Some(listing)
}

/// The region list and every agency file: `None` for the regions when the list cannot be read.
/// That is one error, and the agencies' regions are then not checked against it (each would be
/// an error of its own, and a false one).
fn read_agencies(
    root: &Path,
    layout: &Layout,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Agency>, Option<Vec<crate::model::Region>>) {
    let regions = match &layout.regions_file {
        Some(path) => match read_text(root, path, TextFile::RegionList)
            .and_then(|text| agency::read_regions(path, &text))
        {
            Ok(regions) => Some(regions),
            Err(error) => {
                diagnostics.push(error);
                None
            }
        },
        None => Some(Vec::new()),
    };
    let read_agencies: Vec<Result<Agency, Diagnostic>> = layout
        .agency_files
        .par_iter()
        .map(|(id, path)| {
            read_text(root, path, TextFile::AgencyFile)
                .and_then(|text| agency::read_agency(path, &text, id, regions.as_deref()))
        })
        .collect();
    let mut agencies: Vec<Agency> = Vec::new();
    for agency in read_agencies {
        match agency {
            Ok(agency) => agencies.push(agency),
            Err(error) => diagnostics.push(error),
        }
    }
    agencies.sort_by(|a, b| a.id.cmp(&b.id));
    (agencies, regions)
}

/// One agency folder's sources read, the reports sorted by year, with each source's problems
/// (its errors, or the notes on how it is written) in file order.
fn read_folder(
    root: &Path,
    sources: &[SourceFile],
    this_year: u16,
    cache: &SourceCache,
) -> (Vec<Report>, Vec<Diagnostic>) {
    let mut reports = Vec::with_capacity(sources.len());
    let mut problems = Vec::new();
    for source in sources {
        match read_source_cached(root, source, this_year, cache) {
            Ok(mut report) => {
                problems.append(&mut report.source.notes);
                reports.push(report);
            }
            Err(errors) => problems.extend(errors),
        }
    }
    reports.sort_by_key(|report| report.year);
    (reports, problems)
}

/// A report from `cache` if its source's stamp is the one recorded, else read (and recorded).
fn read_source_cached(
    root: &Path,
    source: &SourceFile,
    this_year: u16,
    cache: &SourceCache,
) -> Result<Report, Vec<Diagnostic>> {
    let path = source.path.to_string_lossy().replace('\\', "/");
    let stamp = SourceStamp::of(&root.join(&source.path));
    if let Some(stamp) = stamp
        && let Some(report) = cache.report(root, &path, stamp)
    {
        return Ok(report);
    }
    let report = read_source(root, source, this_year)?;
    if let Some(stamp) = stamp
        && is_cacheable(&report)
    {
        let originals: Option<Vec<(String, SourceStamp)>> = report
            .originals
            .iter()
            .map(|original| {
                let relative = format!("content/{}/{}", report.agency, original.file);
                SourceStamp::of(&root.join(&relative)).map(|stamp| (relative, stamp))
            })
            .collect();
        if let Some(originals) = originals {
            cache.keep_report(&path, stamp, originals);
        }
    }
    Ok(report)
}

/// Reads one report source; used by `load` and by `serve` when a single file changes.
pub fn read_source(
    root: &Path,
    source: &SourceFile,
    this_year: u16,
) -> Result<Report, Vec<Diagnostic>> {
    let text = read_text(root, &source.path, TextFile::Source).map_err(|error| vec![error])?;
    let report = report::read_report(&source.path, &text, &source.agency, this_year)?;
    // An archived copy that is missing or altered is the source's error: the page would show a
    // hash its file does not have.
    let altered = original::check_archived_copies(root, &report);
    if altered.is_empty() {
        Ok(report)
    } else {
        Err(altered)
    }
}

/// Reads a report source from text (for `import`, which checks what it writes before writing).
pub fn read_report_text(
    path: &Path,
    text: &str,
    agency: &str,
    this_year: u16,
) -> Result<Report, Vec<Diagnostic>> {
    report::read_report(path, text, agency, this_year)
}

/// Reads one agency's `_agency.yaml` (`content/<id>/_agency.yaml`), checking its region against
/// `regions`; used by `serve` when that file changes.
pub fn read_agency(
    root: &Path,
    id: &str,
    regions: &[crate::model::Region],
) -> Result<Agency, Diagnostic> {
    let path = Path::new("content").join(id).join(AGENCY_FILE);
    read_text(root, &path, TextFile::AgencyFile)
        .and_then(|text| agency::read_agency(&path, &text, id, Some(regions)))
}

/// The current year, for refusing reports from the future.
pub fn current_year() -> u16 {
    let now =
        jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
    u16::try_from(now.year()).unwrap_or(u16::MAX)
}

/// What the content folder holds.
#[derive(Default)]
struct Layout {
    regions_file: Option<PathBuf>,
    agency_files: Vec<(String, PathBuf)>,
    reports: Vec<SourceFile>,
    /// The agencies' folders of archived originals (read through the sources that name them).
    originals: Vec<PathBuf>,
}

/// Finds every source, reporting files and folders outside the expected layout.
fn scan(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Layout {
    let mut layout = Layout::default();
    let content = Path::new("content");
    let entries = match sorted_entries(root, content) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(error);
            return layout;
        }
    };
    // Agency folders are listed in parallel (tens of thousands of them in a national archive),
    // then put together in name order.
    let parts: Vec<(Layout, Vec<Diagnostic>)> = entries
        .into_par_iter()
        .map(|entry| {
            let mut part = Layout::default();
            let mut found = Vec::new();
            scan_entry(root, entry, &mut part, &mut found);
            (part, found)
        })
        .collect();
    for (part, found) in parts {
        if part.regions_file.is_some() {
            layout.regions_file = part.regions_file;
        }
        layout.agency_files.extend(part.agency_files);
        layout.reports.extend(part.reports);
        layout.originals.extend(part.originals);
        diagnostics.extend(found);
    }
    layout
}

/// One entry of `content/`: the region list, or an agency folder.
fn scan_entry(root: &Path, entry: Entry, layout: &mut Layout, diagnostics: &mut Vec<Diagnostic>) {
    let Some(name) = entry.name.as_deref() else {
        diagnostics.push(not_unicode(&entry.path));
        return;
    };
    if is_ignored(name) {
        return;
    }
    match entry.kind {
        EntryKind::File if name == REGIONS_FILE => layout.regions_file = Some(entry.path),
        EntryKind::Dir => scan_agency(root, &entry.path, name, layout, diagnostics),
        EntryKind::Symlink => diagnostics.push(symlink_error(&entry.path)),
        EntryKind::File => diagnostics.push(
            Diagnostic::error(
                Location::file(&entry.path),
                load::unexpected_file_in_content(),
            )
            .with_help(load::unexpected_file_in_content_help(REGIONS_FILE)),
        ),
    }
}

fn scan_agency(
    root: &Path,
    folder: &Path,
    id: &str,
    layout: &mut Layout,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(problem) = agency::id_problem(id) {
        diagnostics.push(
            Diagnostic::error(
                Location::file(folder),
                load::bad_agency_folder(id, &problem),
            )
            .with_help(load::agency_id_help(&agency::id_rule())),
        );
        return;
    }
    let entries = match sorted_entries(root, folder) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(error);
            return;
        }
    };
    let mut has_agency_file = false;
    for entry in entries {
        let Some(name) = entry.name.as_deref() else {
            diagnostics.push(not_unicode(&entry.path));
            continue;
        };
        if is_ignored(name) {
            continue;
        }
        if entry.kind == EntryKind::Symlink {
            diagnostics.push(symlink_error(&entry.path));
            continue;
        }
        let year = name
            .strip_suffix(".md")
            .and_then(|stem| stem.parse::<u16>().ok())
            .filter(|_| name.len() == 7);
        match (entry.kind, name, year) {
            // Read through the sources that name them (`originals:`), not on their own.
            (EntryKind::Dir, ORIGINALS_DIR, _) => layout.originals.push(entry.path),
            (EntryKind::File, AGENCY_FILE, _) => {
                has_agency_file = true;
                layout.agency_files.push((id.to_owned(), entry.path));
            }
            (EntryKind::File, _, Some(year)) => layout.reports.push(SourceFile {
                path: entry.path,
                agency: id.to_owned(),
                year,
            }),
            _ => diagnostics.push(
                Diagnostic::error(
                    Location::file(&entry.path),
                    if entry.kind == EntryKind::Dir {
                        load::unexpected_folder_in_agency()
                    } else {
                        load::unexpected_file_in_agency()
                    },
                )
                .with_help(load::agency_folder_help(AGENCY_FILE, ORIGINALS_DIR)),
            ),
        }
    }
    if !has_agency_file {
        diagnostics.push(
            Diagnostic::error(
                Location::file(folder.join(AGENCY_FILE)),
                load::no_agency_file(id, AGENCY_FILE),
            )
            .with_help(load::no_agency_file_help(
                &folder.display().to_string(),
                AGENCY_FILE,
            )),
        );
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    Dir,
    Symlink,
}

struct Entry {
    path: PathBuf,
    name: Option<String>,
    kind: EntryKind,
}

/// A folder's entries, sorted by name; symbolic links are not followed.
fn sorted_entries(root: &Path, folder: &Path) -> Result<Vec<Entry>, Diagnostic> {
    let read = fs::read_dir(root.join(folder)).map_err(|error| folder_error(folder, &error))?;
    let mut entries = Vec::new();
    for entry in read {
        let entry = entry.map_err(|error| folder_error(folder, &error))?;
        let file_type = entry.file_type().map_err(|error| {
            Diagnostic::error(
                Location::file(folder.join(entry.file_name())),
                load::no_file_type(&error.to_string()),
            )
        })?;
        let kind = if file_type.is_symlink() {
            EntryKind::Symlink
        } else if file_type.is_dir() {
            EntryKind::Dir
        } else {
            EntryKind::File
        };
        entries.push(Entry {
            path: folder.join(entry.file_name()),
            name: entry.file_name().into_string().ok(),
            kind,
        });
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(entries)
}

/// Why a folder could not be listed: missing, not a folder, or not readable, each with its
/// remedy (a folder that exists must not be told to be created).
fn folder_error(folder: &Path, error: &io::Error) -> Diagnostic {
    let location = Location::file(folder);
    let shown = folder.display().to_string();
    match error.kind() {
        io::ErrorKind::NotFound => Diagnostic::error(location, load::no_folder(&shown))
            .with_help(load::no_folder_help(&shown)),
        io::ErrorKind::NotADirectory => Diagnostic::error(location, load::not_a_folder(&shown))
            .with_help(load::not_a_folder_help(&shown)),
        io::ErrorKind::PermissionDenied => {
            Diagnostic::error(location, load::folder_permission(&shown))
                .with_help(load::folder_permission_help(&shown))
        }
        _ => Diagnostic::error(
            location,
            load::unreadable_folder(&shown, &error.to_string()),
        )
        .with_help(load::unreadable_folder_help()),
    }
}

/// Hidden files, and the backups, swap and temporary files editors leave beside the files they
/// save: `name~`, `#name#` (Emacs), `.swp`/`.swo`/`.swx` and vim's write probe `4913`,
/// `.tmp`, JetBrains' `___jb_tmp___`/`___jb_old___`, Kate's `.kate-swp`.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

fn not_unicode(path: &Path) -> Diagnostic {
    Diagnostic::error(Location::file(path), load::name_not_unicode())
        .with_help(load::name_not_unicode_help())
}

fn symlink_error(path: &Path) -> Diagnostic {
    Diagnostic::error(Location::file(path), load::symlink_not_followed())
        .with_help(load::symlink_help())
}

/// Reports in the wrong file: two sources for the same agency and year, or a `year:` that is not
/// the year the file is named after (a copy of last year's source saved under the new year).
pub fn placement_errors(sources: &[SourceFile], reports: &[Report]) -> Vec<Diagnostic> {
    let mut by_year: HashMap<(&str, u16), Vec<&Report>> = HashMap::new();
    for report in reports {
        by_year
            .entry((report.agency.as_str(), report.year))
            .or_default()
            .push(report);
    }
    // By path, so that the check stays linear in the number of reports.
    let sources_by_path: HashMap<&Path, &SourceFile> = sources
        .iter()
        .map(|source| (source.path.as_path(), source))
        .collect();
    let mut diagnostics = Vec::new();
    for report in reports {
        let Some(source) = sources_by_path.get(report.source.file.as_path()) else {
            continue;
        };
        if source.year == report.year {
            continue;
        }
        let location = Location {
            line: Some(report.source.year_line),
            ..Location::file(&source.path)
        };
        let others: Vec<String> = by_year[&(report.agency.as_str(), report.year)]
            .iter()
            .filter(|other| other.source.file != report.source.file)
            .map(|other| other.source.file.display().to_string())
            .collect();
        diagnostics.push(if others.is_empty() {
            Diagnostic::error(location, load::year_and_file_name(report.year, source.year))
                .with_help(load::year_and_file_name_help(report.year))
        } else {
            Diagnostic::error(
                location,
                load::two_sources(
                    &report.agency,
                    report.year,
                    &others.join(", "),
                    &source.path.display().to_string(),
                ),
            )
            .with_help(load::two_sources_help(
                &source.path.display().to_string(),
                report.year,
                source.year,
            ))
        });
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_exists_is_not_told_to_be_created() {
        let content = Path::new("content");
        let message = |kind| {
            let error = folder_error(content, &io::Error::from(kind));
            (error.message, error.help.unwrap_or_default())
        };
        let (missing, create) = message(io::ErrorKind::NotFound);
        assert_eq!(missing, "there is no folder content/");
        assert!(create.contains("create the folder"));
        for kind in [
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::NotADirectory,
        ] {
            let (message, help) = message(kind);
            assert!(!message.contains("there is no"), "{message}");
            assert!(!help.starts_with("create"), "{help}");
        }
        assert!(
            message(io::ErrorKind::PermissionDenied)
                .1
                .contains("chmod u+rx content")
        );
    }
}
