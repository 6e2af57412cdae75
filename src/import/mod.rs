//! `archive import`: published reports (web pages, copied text, text extracted from PDFs) to
//! report sources.
//!
//! Each input goes through the same stages (`parse`): bytes are decoded (`decode`), read as lines
//! and tables (`document`), the six section headings found (`sections`), the title, year, agency
//! and dates read (`metadata`), the table text cut into labels and values (`table_texts`,
//! `tokens`), rows recognised (`labels`) and values placed (`tables`, with `split` for values run
//! together), the narrative written as Markdown (`narrative`). Once every input is read, two
//! inputs of one report are merged (`merge`), and cuts of table 二 still open are narrowed by R6
//! against the same agency's adjacent years (`across_years`, `years`). The report is then written
//! with `render_source` and read back with the loader (`write`), so that what import writes is
//! what `archive check` reads.
//!
//! Nothing is guessed silently: every cell the importer could not place with certainty is left
//! blank, listed in the source's `notes`, and reported with the text it saw.

mod across_years;
mod agency;
mod decode;
mod document;
mod docx;
mod grid;
mod labels;
mod merge;
mod metadata;
mod narrative;
mod nesting;
mod office;
mod originals;
mod parse;
mod pdf;
mod sections;
mod split;
pub mod summary;
mod table_texts;
mod tables;
mod text;
mod tokens;
pub mod web;
mod workbook;
mod write;
mod years;

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{CellId, catalog};
use archive_core::messages::{Text, cli};
use archive_core::model::Report;
use rayon::prelude::*;

use across_years::across_years;
use agency::{NewAgencies, NewAgency, Resolved};
use document::Form;
use merge::merge_duplicates;
use parse::parse_file;
use tables::OpenRow;
use write::{write, write_agencies};

/// What `archive import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The agency every input belongs to (`--agency`).
    pub agency: Option<String>,
    /// The year every input covers (`--year`).
    pub year: Option<u16>,
    /// Only say what would be written (`--dry-run`).
    pub dry_run: bool,
    /// Replace existing sources (`--force`).
    pub force: bool,
}

/// What became of one input.
#[derive(Debug)]
pub struct Outcome {
    /// The input file.
    pub input: PathBuf,
    /// The source written (or that would be written), relative to the archive's root.
    pub target: Option<PathBuf>,
    /// A one-line description of what was read (agency, year, format, date).
    pub summary: Option<String>,
    /// What the importer did that a person may want to check (splits it made, labels it
    /// matched loosely, where the date came from).
    pub notes: Vec<String>,
    /// Cells left blank for a person, and inputs that could not be imported.
    pub diagnostics: Vec<Diagnostic>,
    /// How many cells were left blank for a person.
    pub cells_needing_a_person: usize,
    /// Whether a source was written (or, with `--dry-run`, would be).
    pub imported: bool,
    /// A new agency file written for it.
    pub new_agency: Option<PathBuf>,
    /// With `--dry-run`: the source text that would be written.
    pub preview: Option<String>,
    /// Whether the input failed for a reason outside it (a file that cannot be read or written).
    pub io_failure: bool,
    /// Another input of the same report whose source this one's values went into.
    pub merged_into: Option<PathBuf>,
    /// The report's agency and year, once read.
    pub report: Option<(String, u16)>,
    /// The cells left blank for a person (`table.row.column`); why is in `diagnostics`.
    pub open_cells: Vec<&'static str>,
    /// What the run did about the agency: created it, or took the report's name for an agency
    /// the archive has.
    pub agency_note: Option<String>,
}

impl Outcome {
    fn new(input: &Path) -> Outcome {
        Outcome {
            input: input.to_path_buf(),
            target: None,
            summary: None,
            notes: Vec::new(),
            diagnostics: Vec::new(),
            cells_needing_a_person: 0,
            imported: false,
            new_agency: None,
            preview: None,
            io_failure: false,
            merged_into: None,
            report: None,
            open_cells: Vec::new(),
            agency_note: None,
        }
    }

    fn fail(mut self, diagnostic: Diagnostic) -> Outcome {
        self.diagnostics.push(diagnostic);
        self.imported = false;
        self
    }

    /// Whether it was imported (or merged into another input's source) with nothing left for a
    /// person.
    pub fn is_clean(&self) -> bool {
        (self.imported || self.merged_into.is_some())
            && self.cells_needing_a_person == 0
            && !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One input of `archive import`: a file, or a report fetched from the web.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file; for a fetched report, the URL it was fetched from (what messages name).
    pub path: PathBuf,
    /// Where a fetched report's bytes are kept until the import ends (a file in a temporary
    /// folder), so that thousands of fetched reports are never all in memory.
    pub copy: Option<PathBuf>,
    /// The URL the report's bytes came from (after redirects): the page, or its attachment.
    pub url: Option<String>,
    /// For an attachment, the page that links it (the report's `source_url`).
    pub page_url: Option<String>,
    /// When the bytes were fetched.
    pub retrieved: Option<jiff::Timestamp>,
}

impl Input {
    /// A local file.
    pub fn file(path: PathBuf) -> Input {
        Input {
            path,
            copy: None,
            url: None,
            page_url: None,
            retrieved: None,
        }
    }

    /// The file that holds the input's bytes.
    pub fn contents(&self) -> &Path {
        self.copy.as_deref().unwrap_or(&self.path)
    }

    /// The URL a reader is sent to for the published report: the page that links an
    /// attachment, or the page itself.
    pub fn source_url(&self) -> Option<&str> {
        self.page_url.as_deref().or(self.url.as_deref())
    }
}

/// The URLs among `urls`, fetched one at a time, each kept in a file in `downloads` (a
/// temporary folder that must outlive the import); a URL that cannot be fetched gives its
/// outcome (not imported, with the reason). `progress` is called before each URL.
pub fn fetch_inputs(
    urls: &[String],
    options: web::FetchOptions,
    downloads: &Path,
    mut progress: impl FnMut(&str),
) -> (Vec<Input>, Vec<Outcome>) {
    let mut fetcher = web::Fetcher::new(options, downloads);
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for url in urls {
        progress(url);
        match fetcher.fetch_report(url) {
            Ok(input) => inputs.push(input),
            Err(diagnostic) => {
                let mut outcome = Outcome::new(Path::new(url));
                outcome.io_failure = true;
                failures.push(outcome.fail(diagnostic));
            }
        }
    }
    (inputs, failures)
}

/// File extensions read when a folder is imported.
const EXTENSIONS: [&str; 11] = [
    "txt", "html", "htm", "shtml", "xhtml", "text", "pdf", "docx", "doc", "wps", "xlsx",
];

/// The files to import: the files named, and the report files (`.txt`, `.html` …) inside the
/// folders named, sorted.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|error| {
            Diagnostic::error(
                Location::file(path),
                cli::cannot_read_input(&error.to_string()),
            )
            .with_help(cli::cannot_read_input_help())
        })?;
        if metadata.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|file| {
                    let hidden = file
                        .file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(archive_core::load::is_ignored);
                    let extension = file
                        .extension()
                        .and_then(|e| e.to_str())
                        .map(str::to_ascii_lowercase);
                    !hidden && extension.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        return Err(Diagnostic::error(
            Location::file(paths.first().cloned().unwrap_or_default()),
            cli::no_report_files(),
        )
        .with_help(cli::no_report_files_help(
            &EXTENSIONS.map(|e| format!(".{e}")).join(", "),
        )));
    }
    Ok(files)
}

/// A report read from one input, before it is written.
struct Parsed {
    outcome: Outcome,
    report: Report,
    /// An agency the archive does not have, until the run settles it.
    new_agency: Option<Resolved>,
    /// Cells left blank for a person (catalog order).
    open_cells: Vec<CellId>,
    /// Rows left open among several cuts, with the text of their line, for R6 across years.
    open_rows: Vec<(OpenRow, Option<String>)>,
    form: Form,
    /// Where the input's bytes are (a fetched report's copy), kept as the report's original.
    contents: PathBuf,
    /// For a fetched report, the URL its bytes came from and when.
    fetched: Option<(String, jiff::Timestamp)>,
}

/// Imports every input into the archive at `root`, reading them in parallel. `progress` is
/// called after each input is read (from any thread).
pub fn import(
    root: &Path,
    inputs: &[Input],
    options: &ImportOptions,
    progress: impl Fn(&Path) + Sync,
) -> Vec<Outcome> {
    let archive = archive_core::load::load(root).archive;
    // Each input is read on its own against the archive's agencies; the agencies the run
    // creates are settled afterwards, in input order, so that ids do not depend on timing.
    let parsed: Vec<Result<Parsed, Outcome>> = inputs
        .par_iter()
        .map(|input| {
            let mut result = parse_file(&input.path, input.contents(), options, &archive.agencies);
            if let Ok(parsed) = &mut result {
                record_where_fetched(parsed, input);
            }
            progress(&input.path);
            result
        })
        .collect();
    let mut new_agencies = NewAgencies::new(&archive.agencies, &archive.regions);
    let parsed = parsed
        .into_iter()
        .map(|result| result.map(|report| settle_agency(report, &mut new_agencies)))
        .collect();
    let created = new_agencies.into_created();
    let mut parsed = merge_duplicates(parsed);
    across_years(&mut parsed, &archive, root, options);
    // Each report has its own source file by now (two inputs of one report were merged).
    let mut outcomes: Vec<Outcome> = parsed
        .into_par_iter()
        .map(|result| match result {
            Ok(report) => write(root, report, options),
            Err(outcome) => outcome,
        })
        .collect();
    write_agencies(root, &created, options, &mut outcomes);
    outcomes
}

/// Gives a report of an agency the archive does not have its agency's id, creating the agency
/// at its first report.
fn settle_agency(mut parsed: Parsed, new_agencies: &mut NewAgencies<'_>) -> Parsed {
    match parsed.new_agency.take() {
        Some(Resolved::Requested { id, name }) => new_agencies.adopt(&id, &name),
        Some(Resolved::Unlisted(name)) => {
            let settled = new_agencies.settle(&name);
            if let Some(agency) = settled.existing {
                let note: String = cli::agency_taken_to_be(&name, &settled.id, &agency).into();
                parsed.outcome.notes.push(note.clone());
                parsed.outcome.agency_note = Some(note);
            }
            parsed.report.agency = settled.id;
        }
        Some(Resolved::Known(_)) | None => {}
    }
    parsed
}

/// What a person should know about an agency the run created: its kind and region, and what
/// to set by hand.
fn new_agency_note(agency: &NewAgency) -> Text {
    let aliases = if agency.aliases.is_empty() {
        Text::default()
    } else {
        cli::agency_also_written(&agency.aliases.join("、"))
    };
    let kind = match agency.kind {
        archive_core::model::AgencyKind::Unknown => cli::agency_kind_unknown(),
        kind => cli::agency_kind_from_name(kind.key()),
    };
    let region = match &agency.region {
        agency::RegionMatch::Found { path, .. } => cli::agency_region(path),
        agency::RegionMatch::NotFound => match agency::national_region(&agency.name) {
            Some(path) => cli::agency_region_national(&path),
            None => cli::agency_region_not_found(),
        },
        agency::RegionMatch::Ambiguous(paths) => cli::agency_region_ambiguous(&paths.join(", ")),
    };
    cli::new_agency(
        &agency.id,
        &agency.name,
        aliases.here(),
        kind.here(),
        region.here(),
    )
}

/// A fetched report's `source_url` is the URL it was published at (the page, for an
/// attachment), whatever the page says of itself.
fn record_where_fetched(parsed: &mut Parsed, input: &Input) {
    if let Some(url) = input.source_url() {
        parsed.report.source_url = Some(url.to_owned());
    }
    if let (Some(url), Some(retrieved)) = (&input.url, input.retrieved) {
        parsed.fetched = Some((url.clone(), retrieved));
    }
    if let (Some(page), Some(attachment)) = (&input.page_url, &input.url) {
        parsed
            .outcome
            .notes
            .push(cli::read_from_attachment(attachment, page).into());
    }
}

/// An input's file name, as the notes name it.
fn file_name(input: &Path) -> String {
    input.file_name().map_or_else(
        || input.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The source's `import_notes` (for the editor, never published): the cells left for a person.
fn open_cells_note(open_cells: &[CellId]) -> Option<String> {
    (!open_cells.is_empty()).then(|| {
        format!(
            "archive import left these cells blank for a person to fill from the published table: {}",
            open_cells
                .iter()
                .map(|&id| catalog().cell(id).path())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}
