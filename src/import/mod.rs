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
mod grid;
mod labels;
mod merge;
mod metadata;
mod narrative;
mod nesting;
mod originals;
mod parse;
mod pdf;
mod sections;
mod split;
mod table_texts;
mod tables;
mod text;
mod tokens;
mod write;
mod years;

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{CellId, catalog};
use archive_core::model::{Agency, AgencyKind, Report};

use across_years::across_years;
use document::Form;
use merge::merge_duplicates;
use parse::parse_file;
use tables::OpenRow;
use write::write;

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

/// File extensions read when a folder is imported.
const EXTENSIONS: [&str; 7] = ["txt", "html", "htm", "shtml", "xhtml", "text", "pdf"];

/// The files to import: the files named, and the report files (`.txt`, `.html` …) inside the
/// folders named, sorted.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|error| {
            Diagnostic::error(
                Location::file(path),
                format!("cannot read the input: {error}"),
            )
            .with_help("name files or folders of published reports")
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
            "no report files found",
        )
        .with_help(format!(
            "a folder is searched for files ending in {}",
            EXTENSIONS.map(|e| format!(".{e}")).join(", ")
        )));
    }
    Ok(files)
}

/// A report read from one input, before it is written.
struct Parsed {
    outcome: Outcome,
    report: Report,
    new_agency: Option<(String, AgencyKind)>,
    /// Cells left blank for a person (catalog order).
    open_cells: Vec<CellId>,
    /// Rows left open among several cuts, with the text of their line, for R6 across years.
    open_rows: Vec<(OpenRow, Option<String>)>,
    form: Form,
}

/// Imports every input into the archive at `root`. `progress` is called after each input is
/// read.
pub fn import(
    root: &Path,
    inputs: &[PathBuf],
    options: &ImportOptions,
    mut progress: impl FnMut(&Path),
) -> Vec<Outcome> {
    let archive = archive_core::load::load(root).archive;
    let mut agencies: Vec<Agency> = archive.agencies.clone();
    let mut parsed: Vec<Result<Parsed, Outcome>> = Vec::new();
    for input in inputs {
        let result = parse_file(input, options, &agencies);
        if let Ok(report) = &result
            && let Some((name, kind)) = &report.new_agency
            && !agencies.iter().any(|a| a.id == report.report.agency)
        {
            // Later inputs of the same new agency find it by name.
            agencies.push(Agency {
                id: report.report.agency.clone(),
                name: name.clone(),
                aliases: Vec::new(),
                kind: *kind,
                region: String::new(),
                website: None,
            });
        }
        parsed.push(result);
        progress(input);
    }
    let mut parsed = merge_duplicates(parsed);
    across_years(&mut parsed, &archive, root, options);
    parsed
        .into_iter()
        .map(|result| match result {
            Ok(report) => write(root, report, options),
            Err(outcome) => outcome,
        })
        .collect()
}

/// The source's `notes`: the cells left for a person.
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
