//! `archive import`: published reports (web pages, copied text, text extracted from PDFs) to
//! report sources.
//!
//! Each input goes through the same stages: bytes are decoded (`decode`), read as lines and
//! tables (`document`), the six section headings found (`sections`), the title, year, agency and
//! dates read (`metadata`), the table text cut into labels and values (`tokens`), rows recognised
//! (`labels`) and values placed (`tables`, with `split` for values run together), the narrative
//! written as Markdown (`narrative`). Once every input is read, cuts of table 二 still open are
//! narrowed by R6 against the same agency's adjacent years (`years`). The report is then written
//! with [`render_source`] and read back with the loader, so that what import writes is what
//! `archive check` reads.
//!
//! Nothing is guessed silently: every cell the importer could not place with certainty is left
//! blank, listed in the source's `notes`, and reported with the text it saw.

mod agency;
mod decode;
mod document;
mod grid;
mod labels;
mod metadata;
mod narrative;
mod nesting;
mod sections;
mod split;
mod tables;
mod text;
mod tokens;
mod years;

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{FormatId, TableKey, catalog};
use archive_core::load::{AGENCY_FILE, FIRST_YEAR, SourceFile};
use archive_core::model::{Agency, AgencyKind, Archive, Cell, Cells, Report, SourceMap};
use archive_core::source::render_source;

use document::{Document, Form};
use sections::Heading;
use tables::{OpenRow, TableNote, TableTexts, cell_text};
use tokens::{Located, Token};

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
const EXTENSIONS: [&str; 6] = ["txt", "html", "htm", "shtml", "xhtml", "text"];

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
    open_cells: Vec<archive_core::format::CellId>,
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

fn parse_file(
    input: &Path,
    options: &ImportOptions,
    agencies: &[Agency],
) -> Result<Parsed, Outcome> {
    let outcome = Outcome::new(input);
    let bytes = match fs::read(input) {
        Ok(bytes) => bytes,
        Err(error) => {
            let mut outcome = outcome.fail(
                Diagnostic::error(
                    Location::file(input),
                    format!("cannot read the file: {error}"),
                )
                .with_help("check that the file exists and is readable"),
            );
            outcome.io_failure = true;
            return Err(outcome);
        }
    };
    let decoded = match decode::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(decode::NotText::Empty) => {
            return Err(outcome.fail(
                Diagnostic::error(Location::file(input), "the file is empty")
                    .with_help("import the published report's page or text"),
            ));
        }
        Err(decode::NotText::Binary) => {
            return Err(outcome.fail(
                Diagnostic::error(Location::file(input), "the file is not text")
                    .with_help("import a web page (.html) or text (.txt); for a PDF, extract its text first (e.g. pdftotext or pdfminer) and import that"),
            ));
        }
    };
    let mut outcome = outcome;
    if decoded.encoding != "UTF-8" {
        outcome
            .notes
            .push(format!("read as {} text", decoded.encoding));
    }
    if decoded.had_errors {
        outcome.notes.push(format!(
            "some bytes are not valid {}; they were replaced by �",
            decoded.encoding
        ));
    }
    let document = match document::read(&decoded.text) {
        Ok(document) => document,
        Err(too_deep) => {
            let line = usize::try_from(too_deep.line).unwrap_or(usize::MAX);
            let text = decoded
                .text
                .lines()
                .nth(line.saturating_sub(1))
                .unwrap_or("");
            return Err(outcome.fail(
                Diagnostic::error(
                    Location::line(input, line, text),
                    format!(
                        "the page's elements nest more than {} deep; it was not read",
                        nesting::MAX_NESTING
                    ),
                )
                .with_help("a report's page nests a few dozen elements deep: save the report's own page again from the agency's site, or copy its text into a .txt file and import that"),
            ));
        }
    };
    let headings = sections::find_headings(&document.lines);
    let texts = table_texts(&document, &headings);
    let form = document.form.unwrap_or(Form::Text);
    let found_tables = [&texts.active, &texts.applications, &texts.appeals]
        .iter()
        .filter(|tokens| {
            tokens.iter().any(|t| {
                matches!(
                    t.token,
                    Token::Cell(_) | Token::Run(_) | Token::Merged { .. }
                )
            })
        })
        .count();
    if headings.len() < 3 && found_tables == 0 {
        return Err(outcome.fail(
            Diagnostic::error(Location::file(input), "no annual report found in the file")
                .with_help("the importer reads 政府信息公开工作年度报告: their section headings (一、总体情况 …) and tables; check that the file holds the report's text, not only the page around it"),
        ));
    }
    let metadata = metadata::read(&document, &headings);
    let this_year = archive_core::load::current_year();
    let year = match options.year.or(metadata.year) {
        Some(year) if (FIRST_YEAR..=this_year).contains(&year) => year,
        Some(year) => {
            return Err(outcome.fail(
                Diagnostic::error(
                    Location::file(input),
                    format!("{year} is not a report year"),
                )
                .with_help(format!(
                    "reports cover {FIRST_YEAR} to {this_year}; pass --year N if the title misleads"
                )),
            ));
        }
        None => {
            return Err(outcome.fail(
                Diagnostic::error(
                    Location::file(input),
                    "the year the report covers was not found",
                )
                .with_help("pass --year N"),
            ));
        }
    };
    if let (Some(given), Some(read)) = (options.year, metadata.year)
        && given != read
    {
        outcome
            .notes
            .push(format!("the title says {read}; --year {given} was used"));
    }
    let (format, format_note) = detect_format(&texts, year);
    outcome.notes.push(format_note);
    let other_group = labels::has_other_handling_subrows(&region_text(&texts.applications));
    let narrative_text: String = document
        .lines
        .iter()
        .filter(|line| line.table.is_none())
        .map(|line| line.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let values = tables::read_tables(format, &texts, other_group, &narrative_text);
    let agency = match agency::resolve(
        options.agency.as_deref(),
        metadata.agency.as_deref(),
        agencies,
    ) {
        Ok(agency) => agency,
        Err(unresolved) => {
            return Err(outcome.fail(
                Diagnostic::error(Location::file(input), unresolved.message)
                    .with_help(unresolved.help),
            ));
        }
    };
    let (agency_id, new_agency) = match agency {
        agency::Resolved::Known(id) => (id, None),
        agency::Resolved::New { id, name, kind } => (id, Some((name, kind))),
    };
    let body = narrative::markdown(&document, &headings, &metadata);
    if headings.len() < 6 {
        let missing: Vec<String> = (1..=6u8)
            .filter(|n| !headings.iter().any(|h| h.number == *n))
            .map(|n| ["一", "二", "三", "四", "五", "六"][usize::from(n) - 1].to_owned())
            .collect();
        outcome.notes.push(format!(
            "section heading(s) {} not found; their text, if any, stays in the section before",
            missing.join("、")
        ));
    }

    // The tables' notes: notes of the outcome for what was decided, warnings for what needs a
    // person.
    let mut open_cells = Vec::new();
    let lines_by_number = |number: usize| -> Option<&str> {
        document
            .lines
            .iter()
            .find(|line| line.number == number)
            .map(|line| line.text.as_str())
    };
    for note in &values.notes {
        if note.needs_person {
            let ids = note_cells(format, note);
            outcome.cells_needing_a_person += ids.len();
            open_cells.extend(ids);
            outcome
                .diagnostics
                .push(note_warning(input, note, lines_by_number(note.line)));
        } else {
            outcome.notes.push(format!(
                "{}: {}{}",
                note.place(),
                note.message,
                seen_suffix(note)
            ));
        }
    }
    open_cells.sort();
    open_cells.dedup();
    outcome.cells_needing_a_person = open_cells.len();
    let open_rows = values
        .open_rows
        .into_iter()
        .map(|row| {
            let text = lines_by_number(row.line).map(str::to_owned);
            (row, text)
        })
        .collect();
    let published = metadata.published.map(|(date, from)| {
        outcome.notes.push(format!("published {date}: {from}"));
        date
    });
    if published.is_none() {
        outcome
            .notes
            .push("no published date found (published: ~)".to_owned());
    }
    let title = metadata.title.clone().unwrap_or_else(|| {
        let name = metadata.agency.clone().unwrap_or_default();
        outcome
            .notes
            .push("no title found; one was made from the agency and year".to_owned());
        format!("{name}{year}年政府信息公开工作年度报告")
    });
    let notes = open_cells_note(&open_cells);
    outcome.summary = Some(format!(
        "{} {year}, {format}, {}",
        new_agency.as_ref().map_or_else(
            || metadata.agency.clone().unwrap_or_else(|| agency_id.clone()),
            |(name, _)| name.clone()
        ),
        form.describe()
    ));
    let report = Report {
        agency: agency_id,
        year,
        format,
        title,
        published,
        issuer: metadata.issuer.clone(),
        source_url: metadata.source_url.clone(),
        original_file: None,
        notes,
        cells: values.cells,
        body,
        source: SourceMap::default(),
    };
    Ok(Parsed {
        outcome,
        report,
        new_agency,
        open_cells,
        open_rows,
        form,
    })
}

fn seen_suffix(note: &TableNote) -> String {
    if note.seen.is_empty() {
        String::new()
    } else {
        format!(" (printed “{}”)", note.seen)
    }
}

/// The cells a note leaves for a person.
fn note_cells(format: FormatId, note: &TableNote) -> Vec<archive_core::format::CellId> {
    let catalog = catalog();
    let rows: Vec<&'static archive_core::format::RowDef> = match note.row {
        Some(row) => format
            .template()
            .row(note.table, row)
            .or_else(|| format.other().template().row(note.table, row))
            .into_iter()
            .collect(),
        None => format.template().table(note.table).rows().collect(),
    };
    rows.iter()
        .flat_map(|row| {
            row.columns
                .iter()
                .filter(|column| note.columns.is_empty() || note.columns.contains(&column.key))
                .filter_map(|column| catalog.find(note.table, row.key, column.key))
        })
        .collect()
}

fn note_warning(input: &Path, note: &TableNote, line_text: Option<&str>) -> Diagnostic {
    let location = match (note.line, line_text) {
        (0, _) => Location::file(input),
        (line, Some(text)) if text.chars().count() <= 160 => {
            Location::line(input, line, text.trim_end())
        }
        (line, _) => Location {
            line: Some(line),
            ..Location::file(input)
        },
    };
    let help = if note.seen.is_empty() {
        "fill the cells in from the published table".to_owned()
    } else {
        format!(
            "the report prints “{}” here; fill the cells in from the published table",
            note.seen
        )
    };
    Diagnostic::warning(location, format!("{}: {}", note.place(), note.message)).with_help(help)
}

/// The version of the template: the active table's own labels decide (its columns changed in
/// 2021); without them, gb2021's sub-rows of （六）其他处理; else the year.
fn detect_format(texts: &TableTexts, year: u16) -> (FormatId, String) {
    let evidence = labels::format_evidence(&region_text(&texts.active));
    let (gb2019, gb2021) = (evidence[0].1, evidence[1].1);
    if gb2019 > gb2021 {
        return (
            FormatId::Gb2019,
            format!("format gb2019: table 二 has {gb2019} label(s) only the 2019 template prints"),
        );
    }
    if gb2021 > gb2019 {
        return (
            FormatId::Gb2021,
            format!("format gb2021: table 二 has {gb2021} label(s) only the 2021 template prints"),
        );
    }
    if labels::has_other_handling_subrows(&region_text(&texts.applications)) {
        return (
            FormatId::Gb2021,
            "format gb2021: table 三 has the 2021 template's sub-rows of （六）其他处理".to_owned(),
        );
    }
    let format = FormatId::for_year(year);
    (
        format,
        format!("format {format}: the tables do not tell the version; taken from the year {year}"),
    )
}

fn region_text(tokens: &[Located]) -> String {
    tokens
        .iter()
        .filter_map(|located| match &located.token {
            Token::Text(text) => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tokens of each table. An HTML table is given to the table whose rows it names; text is
/// read from the sections that hold the tables (二, 三 and 四).
fn table_texts(document: &Document, headings: &[Heading]) -> TableTexts {
    let mut texts = TableTexts::default();
    if document.form == Some(Form::Html) {
        for (index, table) in document.tables.iter().enumerate() {
            let mut tokens = Vec::new();
            table.tokens(&mut tokens);
            let text = text::label_key(&region_text(&tokens));
            let by_labels = TableKey::ALL
                .into_iter()
                .map(|key| {
                    (
                        key,
                        labels::TableLabels::of(key).find_rows(&text, false).len(),
                    )
                })
                .max_by_key(|(_, count)| *count)
                .filter(|(_, count)| *count > 0)
                .map(|(key, _)| key);
            let by_place = headings
                .iter()
                .rev()
                .find(|heading| {
                    document
                        .lines
                        .iter()
                        .position(|line| line.table == Some(index))
                        .is_some_and(|at| at >= heading.line)
                })
                .and_then(|heading| match heading.number {
                    2 => Some(TableKey::Active),
                    3 => Some(TableKey::Applications),
                    4 => Some(TableKey::Appeals),
                    _ => None,
                });
            let target = match by_labels.or(by_place) {
                Some(TableKey::Active) => &mut texts.active,
                Some(TableKey::Applications) => &mut texts.applications,
                Some(TableKey::Appeals) => &mut texts.appeals,
                None => continue,
            };
            target.extend(tokens);
        }
        return texts;
    }
    for (number, target) in [
        (2u8, &mut texts.active),
        (3, &mut texts.applications),
        (4, &mut texts.appeals),
    ] {
        let spans = sections::section(&document.lines, headings, number);
        if document.tab_cells {
            tab_tokens(&spans, target);
        } else {
            for span in spans {
                tokens::tokenize(span.text, span.line.number, false, target);
            }
        }
    }
    texts
}

/// Text copied from a web table: a tab starts each cell; a line without one continues the cell
/// above it (`商业` / `企业`); a cell holding only a tab is blank.
fn tab_tokens(spans: &[sections::Span<'_>], out: &mut Vec<Located>) {
    let mut cells: Vec<(String, usize, bool)> = Vec::new();
    let mut previous_was_cell = false;
    for span in spans {
        let line = span.text.trim_end_matches('\r');
        if line.trim().is_empty() && !line.contains('\t') {
            previous_was_cell = false;
            continue;
        }
        if line.contains('\t') {
            let mut pieces: Vec<&str> = line.split('\t').collect();
            if line.starts_with('\t') {
                pieces.remove(0);
            }
            for piece in pieces {
                cells.push((piece.to_owned(), span.line.number, true));
            }
            previous_was_cell = true;
        } else if previous_was_cell && let Some(last) = cells.last_mut() {
            last.0.push_str(line.trim());
        } else {
            cells.push((line.to_owned(), span.line.number, false));
            previous_was_cell = false;
        }
    }
    for (text, line, cell) in cells {
        tokens::tokenize(&text, line, cell, out);
    }
}

/// Two inputs for the same agency and year (the same report as a page and as text): the one
/// with fewer cells left open is written; the other's values fill its open cells where they are
/// certain, and any value the two disagree on is reported.
fn merge_duplicates(parsed: Vec<Result<Parsed, Outcome>>) -> Vec<Result<Parsed, Outcome>> {
    let mut out: Vec<Result<Parsed, Outcome>> = Vec::new();
    for result in parsed {
        let Ok(mut report) = result else {
            out.push(result);
            continue;
        };
        let twin = out.iter_mut().find_map(|earlier| match earlier {
            Ok(earlier)
                if earlier.report.agency == report.report.agency
                    && earlier.report.year == report.report.year =>
            {
                Some(earlier)
            }
            _ => None,
        });
        let Some(earlier) = twin else {
            out.push(Ok(report));
            continue;
        };
        // Keep the better one in place.
        let better_new = report.open_cells.len() < earlier.open_cells.len()
            || (report.open_cells.len() == earlier.open_cells.len()
                && report.form == Form::Html
                && earlier.form != Form::Html);
        if better_new {
            std::mem::swap(earlier, &mut report);
        }
        let (kept, other) = (earlier, report);
        let catalog = catalog();
        let mut filled = Vec::new();
        let mut disagree = Vec::new();
        for (id, def) in catalog.entries() {
            let mine = kept.report.cells.get(id).clone();
            let theirs = other.report.cells.get(id).clone();
            let open_here = kept.open_cells.contains(&id);
            let open_there = other.open_cells.contains(&id);
            if open_here && !open_there && theirs.is_present() && !matches!(theirs, Cell::Blank) {
                kept.report.cells.set(id, theirs);
                filled.push(def.path());
            } else if !open_here
                && !open_there
                && mine != theirs
                && mine.is_present()
                && theirs.is_present()
            {
                disagree.push(format!(
                    "{} ({} / {})",
                    def.path(),
                    cell_text(&mine),
                    cell_text(&theirs)
                ));
            }
        }
        kept.open_cells
            .retain(|id| !filled.contains(&catalog.cell(*id).path()));
        let other_name = other.outcome.input.display().to_string();
        kept.outcome.notes.push(format!(
            "the same report was also imported from {other_name}: {} cell(s) left open here were filled from it{}",
            filled.len(),
            if disagree.is_empty() {
                ", and every other value agrees".to_owned()
            } else {
                format!("; these values differ and were kept from this input: {}", disagree.join(", "))
            }
        ));
        if !filled.is_empty() {
            // Warnings about the cells now filled (`table.row.{a, b}: …`) no longer apply.
            kept.outcome.diagnostics.retain(|d| {
                let place = d.message.split(": ").next().unwrap_or_default();
                let row = place.split(".{").next().unwrap_or(place);
                d.is_error() || !filled.iter().any(|path| path.starts_with(row))
            });
        }
        kept.outcome.cells_needing_a_person = kept.open_cells.len();
        kept.report.notes = open_cells_note(&kept.open_cells);
        let mut merged = other.outcome;
        merged.imported = false;
        merged.target = None;
        merged.merged_into = Some(kept.outcome.input.clone());
        merged.diagnostics.clear();
        merged.cells_needing_a_person = 0;
        out.push(Err(merged));
    }
    out
}

/// The source's `notes`: the cells left for a person.
fn open_cells_note(open_cells: &[archive_core::format::CellId]) -> Option<String> {
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

/// R6 across years (`years`): the rows of table 二 still open among several cuts are narrowed by
/// the same agency's reports of the years before and after — imported in this run (when it will
/// write them) or already in `content/` — and the cells the remaining cuts agree on are placed.
/// Reports settled this way can settle others in turn; each row is judged on its own cuts
/// against what its neighbours hold once nothing changes any more.
fn across_years(
    parsed: &mut [Result<Parsed, Outcome>],
    archive: &Archive,
    root: &Path,
    options: &ImportOptions,
) {
    // The cuts each open row still has: the row's own, less those the cells already certain
    // (filled from another input of the same report) rule out.
    let mut current: Vec<Vec<Vec<Vec<Cell>>>> = parsed
        .iter()
        .map(|result| match result {
            Ok(report) => report
                .open_rows
                .iter()
                .map(|(row, _)| {
                    consistent_with_cells(row, &report.report.cells, &report.open_cells)
                })
                .collect(),
            Err(_) => Vec::new(),
        })
        .collect();
    let mut said: Vec<Vec<Vec<String>>> = current
        .iter()
        .map(|rows| vec![Vec::new(); rows.len()])
        .collect();
    // A report settled this way can settle the next (2021 → 2022 → 2023): rounds run until
    // nothing changes. Rounds that never come to rest (neighbours narrowing a row in ways that
    // undo each other) settle nothing.
    let initial = current.clone();
    let mut rounds = 0;
    loop {
        rounds += 1;
        if rounds > MAX_ROUNDS {
            current = initial;
            for notes in said.iter_mut().flatten().filter(|notes| !notes.is_empty()) {
                *notes = vec![
                    "R6 across the reports of this run does not come to one answer; nothing is settled by it"
                        .to_owned(),
                ];
            }
            break;
        }
        let mut changed = false;
        for at in 0..parsed.len() {
            let Ok(report) = &parsed[at] else {
                continue;
            };
            if report.open_rows.is_empty() {
                continue;
            }
            let (agency, year, format) = (
                report.report.agency.as_str(),
                report.report.year,
                report.report.format,
            );
            let neighbours: Vec<years::Neighbour> = [year.checked_sub(1), year.checked_add(1)]
                .into_iter()
                .flatten()
                .filter_map(|other| {
                    neighbour(parsed, &current, archive, root, options, agency, other)
                })
                .collect();
            for (index, (row, _)) in report.open_rows.iter().enumerate() {
                let own = consistent_with_cells(row, &report.report.cells, &report.open_cells);
                let narrowed = years::in_force(year, format, row, &own, &neighbours);
                said[at][index] = narrowed.notes;
                if narrowed.candidates != current[at][index] {
                    current[at][index] = narrowed.candidates;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let catalog = catalog();
    for (at, result) in parsed.iter_mut().enumerate() {
        let Ok(report) = result else {
            continue;
        };
        for (index, (row, line_text)) in report.open_rows.iter().enumerate() {
            if said[at][index].is_empty() {
                continue;
            }
            let place = format!("{}.{}", row.table.key(), row.row.key);
            let own = consistent_with_cells(row, &report.report.cells, &report.open_cells);
            let narrowed = OpenRow {
                candidates: current[at][index].clone(),
                ..row.clone()
            };
            let settled = !own.is_empty() && narrowed.candidates.len() < own.len();
            if !settled {
                report.outcome.notes.push(format!(
                    "{place}: {} (printed “{}”)",
                    said[at][index].join("; "),
                    row.seen
                ));
                continue;
            }
            let cells = narrowed.cells();
            for (column, cell) in row.row.columns.iter().zip(&cells) {
                let id = catalog
                    .find(row.table, row.row.key, column.key)
                    .expect("catalogued");
                if report.open_cells.contains(&id) && !matches!(cell, Cell::Blank) {
                    report.report.cells.set(id, cell.clone());
                    report.open_cells.retain(|open| *open != id);
                }
            }
            // The warning about the row's open cells is replaced by one about those still open.
            if let Some(before) = row.note() {
                let message = format!("{}: {}", before.place(), before.message);
                report
                    .outcome
                    .diagnostics
                    .retain(|d| d.is_error() || d.message != message);
            }
            if let Some(after) = narrowed.note() {
                report.outcome.diagnostics.push(note_warning(
                    &report.outcome.input,
                    &after,
                    line_text.as_deref(),
                ));
            }
            report.outcome.notes.push(format!(
                "{place}: read as {}: {} (printed “{}”)",
                tables::describe(&cells),
                said[at][index].join("; "),
                row.seen
            ));
        }
        report.outcome.cells_needing_a_person = report.open_cells.len();
        report.report.notes = open_cells_note(&report.open_cells);
    }
}

/// How many rounds of R6 across the reports of a run are tried before giving up.
const MAX_ROUNDS: usize = 32;

/// The cuts of an open row that agree with the row's cells already certain.
fn consistent_with_cells(
    row: &OpenRow,
    cells: &Cells,
    open_cells: &[archive_core::format::CellId],
) -> Vec<Vec<Cell>> {
    let catalog = catalog();
    let certain: Vec<(usize, &Cell)> = row
        .row
        .columns
        .iter()
        .enumerate()
        .filter_map(|(index, column)| {
            let id = catalog.find(row.table, row.row.key, column.key)?;
            let cell = cells.get(id);
            (!open_cells.contains(&id) && cell.is_present() && !matches!(cell, Cell::Blank))
                .then_some((index, cell))
        })
        .collect();
    row.candidates
        .iter()
        .filter(|cut| certain.iter().all(|(index, cell)| &cut[*index] == *cell))
        .cloned()
        .collect()
}

/// The same agency's report of `year`, as far as it is certain: the one imported in this run
/// when the run will write it, else the archive's.
fn neighbour(
    parsed: &[Result<Parsed, Outcome>],
    current: &[Vec<Vec<Vec<Cell>>>],
    archive: &Archive,
    root: &Path,
    options: &ImportOptions,
    agency: &str,
    year: u16,
) -> Option<years::Neighbour> {
    let relative = Path::new("content").join(agency).join(format!("{year}.md"));
    let written = options.force || !root.join(&relative).exists();
    let in_run = parsed
        .iter()
        .enumerate()
        .find_map(|(at, result)| match result {
            Ok(other) if other.report.agency == agency && other.report.year == year && written => {
                Some((at, other))
            }
            _ => None,
        });
    if let Some((at, other)) = in_run {
        let catalog = catalog();
        let mut cells = other.report.cells.clone();
        for &id in &other.open_cells {
            cells.set(id, Cell::Blank);
        }
        // Rows R6 has narrowed so far: the cells their cuts agree on.
        for ((row, _), cuts) in other.open_rows.iter().zip(&current[at]) {
            if cuts.is_empty() {
                continue;
            }
            let agreed = OpenRow {
                candidates: cuts.clone(),
                ..row.clone()
            }
            .cells();
            for (column, cell) in row.row.columns.iter().zip(agreed) {
                if let Some(id) = catalog.find(row.table, row.row.key, column.key) {
                    cells.set(id, cell);
                }
            }
        }
        return Some(years::Neighbour {
            year,
            format: other.report.format,
            cells,
            name: format!(
                "the {year} report ({}, imported in this run)",
                other.outcome.input.display()
            ),
        });
    }
    let report = archive
        .reports
        .iter()
        .find(|report| report.agency == agency && report.year == year)?;
    Some(years::Neighbour {
        year,
        format: report.format,
        cells: report.cells.clone(),
        name: format!("the {year} report ({})", relative.display()),
    })
}

/// Writes a report (and a new agency's file), then reads the source back with the loader.
/// Rows of the declared template that the published tables lacked become blank rows, for a
/// person to fill in — except where the other version's row stands in their place (gb2019's
/// single （六）其他处理 in a gb2021 report).
fn blank_missing_rows(report: &mut Report) {
    let catalog = archive_core::format::catalog();
    let template = report.format.template();
    let other = report.format.other().template();
    for table in &template.tables {
        for row in table.rows() {
            if report.cells.has_row(table.key, row.key) {
                continue;
            }
            let slot_taken = row.slot.is_some_and(|slot| {
                other.table(table.key).rows().any(|alternative| {
                    alternative.slot == Some(slot)
                        && report.cells.has_row(table.key, alternative.key)
                })
            });
            if slot_taken {
                continue;
            }
            for column in row.columns {
                let id = catalog
                    .find(table.key, row.key, column.key)
                    .expect("catalogued");
                report.cells.set(id, Cell::Blank);
            }
        }
    }
}

fn write(root: &Path, parsed: Parsed, options: &ImportOptions) -> Outcome {
    let Parsed {
        mut outcome,
        mut report,
        new_agency,
        ..
    } = parsed;
    blank_missing_rows(&mut report);
    let relative = Path::new("content")
        .join(&report.agency)
        .join(format!("{}.md", report.year));
    outcome.target = Some(relative.clone());
    let source = render_source(&report);
    let target = root.join(&relative);
    if target.exists() && !options.force {
        return outcome.fail(
            Diagnostic::error(Location::file(&relative), "the report source already exists")
                .with_help("pass --force to replace it (after checking what it holds), or --dry-run to see what would be written"),
        );
    }
    // Whatever is written must load: the importer's output is checked by the loader itself.
    let this_year = archive_core::load::current_year();
    if let Err(errors) =
        archive_core::load::read_report_text(&relative, &source, &report.agency, this_year)
    {
        for error in errors {
            outcome.diagnostics.push(Diagnostic {
                message: format!("bug: the imported source does not load: {}", error.message),
                ..error
            });
        }
        outcome.imported = false;
        return outcome;
    }
    if options.dry_run {
        outcome.preview = Some(source);
        outcome.imported = true;
        if let Some((name, kind)) = &new_agency {
            outcome.notes.push(format!(
                "would create the agency {} ({name}, kind {} guessed from its name)",
                report.agency,
                kind.key()
            ));
        }
        return outcome;
    }
    let folder = root.join("content").join(&report.agency);
    if let Err(error) = fs::create_dir_all(&folder) {
        outcome.io_failure = true;
        return outcome.fail(Diagnostic::error(
            Location::file(folder),
            format!("cannot create the folder: {error}"),
        ));
    }
    if let Some((name, kind)) = &new_agency {
        let agency_file = folder.join(AGENCY_FILE);
        if !agency_file.exists() {
            let text = format!(
                "name: {name}\n# Guessed from the name by archive import: check it, and add `region:`.\nkind: {}\n",
                kind.key()
            );
            if let Err(error) = fs::write(&agency_file, text) {
                outcome.io_failure = true;
                return outcome.fail(Diagnostic::error(
                    Location::file(&agency_file),
                    format!("cannot write the file: {error}"),
                ));
            }
            outcome.notes.push(format!(
                "new agency {}: {name}, kind {} guessed from its name; add its region to {}",
                report.agency,
                kind.key(),
                Path::new("content")
                    .join(&report.agency)
                    .join(AGENCY_FILE)
                    .display()
            ));
            outcome.new_agency = Some(Path::new("content").join(&report.agency).join(AGENCY_FILE));
        }
    }
    if let Err(error) = fs::write(&target, &source) {
        outcome.io_failure = true;
        return outcome.fail(Diagnostic::error(
            Location::file(&relative),
            format!("cannot write the file: {error}"),
        ));
    }
    let read_back = archive_core::load::read_source(
        root,
        &SourceFile {
            path: relative.clone(),
            agency: report.agency.clone(),
            year: report.year,
        },
        this_year,
    );
    match read_back {
        Ok(loaded) if same_values(&loaded, &report) => outcome.imported = true,
        Ok(_) => outcome.diagnostics.push(
            Diagnostic::error(
                Location::file(&relative),
                "bug: the source written reads back with other values",
            )
            .with_help("report this with the input file"),
        ),
        Err(errors) => outcome
            .diagnostics
            .extend(errors.into_iter().map(|error| Diagnostic {
                message: format!("bug: the imported source does not load: {}", error.message),
                ..error
            })),
    }
    outcome
}

/// Whether a source read back holds every value the importer placed.
fn same_values(loaded: &Report, report: &Report) -> bool {
    catalog().entries().all(|(id, _)| {
        let placed = report.cells.get(id);
        !placed.is_present() || loaded.cells.get(id) == placed
    })
}
