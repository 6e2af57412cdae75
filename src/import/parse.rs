//! Reading one input into a report: its bytes decoded, its document read, its year, version,
//! tables, agency and narrative, and the notes and warnings of each step. Nothing here looks at
//! another input.

use std::fs;
use std::path::Path;

use super::document::{self, Document, Form};
use super::sections::{self, Heading};
use super::table_texts::{detect_format, region_text, table_texts};
use super::tables::{self, OpenRow, TableNote, TableTexts};
use super::tokens::Token;
use super::{ImportOptions, Outcome, Parsed, agency, decode, labels, metadata, narrative, nesting};
use super::{metadata::Metadata, open_cells_note};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{CellId, FormatId, RowDef, catalog};
use archive_core::load::FIRST_YEAR;
use archive_core::model::{Agency, AgencyKind, Report, SourceMap};

/// Reads one input; an input that cannot be read as a report gives its outcome with the reason.
pub(super) fn parse_file(
    input: &Path,
    options: &ImportOptions,
    agencies: &[Agency],
) -> Result<Parsed, Outcome> {
    let mut outcome = Outcome::new(input);
    let bytes = match fs::read(input) {
        Ok(bytes) => bytes,
        Err(error) => {
            outcome.io_failure = true;
            return Err(outcome.fail(
                Diagnostic::error(
                    Location::file(input),
                    format!("cannot read the file: {error}"),
                )
                .with_help("check that the file exists and is readable"),
            ));
        }
    };
    match read_report(input, &bytes, options, agencies, &mut outcome) {
        Ok(read) => Ok(Parsed {
            outcome,
            report: read.report,
            new_agency: read.new_agency,
            open_cells: read.open_cells,
            open_rows: read.open_rows,
            form: read.form,
        }),
        Err(diagnostic) => Err(outcome.fail(diagnostic)),
    }
}

/// A report read from an input: a [`Parsed`] but for its outcome.
struct ReadReport {
    report: Report,
    new_agency: Option<(String, AgencyKind)>,
    open_cells: Vec<CellId>,
    open_rows: Vec<(OpenRow, Option<String>)>,
    form: Form,
}

/// The steps of reading an input's bytes as a report, each adding its notes to `outcome`; the
/// first step that fails says why.
fn read_report(
    input: &Path,
    bytes: &[u8],
    options: &ImportOptions,
    agencies: &[Agency],
    outcome: &mut Outcome,
) -> Result<ReadReport, Diagnostic> {
    let text = decode_text(input, bytes, &mut outcome.notes)?;
    let document = read_document(input, &text)?;
    let headings = sections::find_headings(&document.lines);
    let texts = table_texts(&document, &headings);
    holds_a_report(input, &headings, &texts)?;
    let metadata = metadata::read(&document, &headings);
    let year = report_year(input, options.year, metadata.year, &mut outcome.notes)?;
    let (format, format_note) = detect_format(&texts, year);
    outcome.notes.push(format_note);
    let other_group = labels::has_other_handling_subrows(&region_text(&texts.applications));
    let values = tables::read_tables(format, &texts, other_group, &narrative_text(&document));
    let (agency_id, new_agency) = resolve_agency(input, options, &metadata, agencies)?;
    let body = narrative::markdown(&document, &headings, &metadata);
    outcome.notes.extend(missing_headings_note(&headings));
    let open_cells = take_table_notes(input, format, &values.notes, &document, outcome);
    let open_rows = values
        .open_rows
        .into_iter()
        .map(|row| {
            let text = line_text(&document, row.line).map(str::to_owned);
            (row, text)
        })
        .collect();
    let published = published_date(&metadata, &mut outcome.notes);
    let title = report_title(&metadata, year, &mut outcome.notes);
    let form = document.form.unwrap_or(Form::Text);
    let name = new_agency.as_ref().map_or_else(
        || metadata.agency.clone().unwrap_or_else(|| agency_id.clone()),
        |(name, _)| name.clone(),
    );
    outcome.summary = Some(format!("{name} {year}, {format}, {}", form.describe()));
    let report = Report {
        agency: agency_id,
        year,
        format,
        title,
        published,
        issuer: metadata.issuer,
        source_url: metadata.source_url,
        original_file: None,
        notes: open_cells_note(&open_cells),
        cells: values.cells,
        body,
        source: SourceMap::default(),
    };
    Ok(ReadReport {
        report,
        new_agency,
        open_cells,
        open_rows,
        form,
    })
}

/// The input's text, with a note when it was not UTF-8 or had bytes that are not text in its
/// encoding.
fn decode_text(input: &Path, bytes: &[u8], notes: &mut Vec<String>) -> Result<String, Diagnostic> {
    let decoded = decode::decode(bytes).map_err(|not_text| match not_text {
        decode::NotText::Empty => Diagnostic::error(Location::file(input), "the file is empty")
            .with_help("import the published report's page or text"),
        decode::NotText::Binary => Diagnostic::error(Location::file(input), "the file is not text")
            .with_help("import a web page (.html) or text (.txt); for a PDF, extract its text first (e.g. pdftotext or pdfminer) and import that"),
    })?;
    if decoded.encoding != "UTF-8" {
        notes.push(format!("read as {} text", decoded.encoding));
    }
    if decoded.had_errors {
        notes.push(format!(
            "some bytes are not valid {}; they were replaced by �",
            decoded.encoding
        ));
    }
    Ok(decoded.text)
}

/// The text as a document; a page nested too deep to read is refused at the line where it
/// goes too deep.
fn read_document(input: &Path, text: &str) -> Result<Document, Diagnostic> {
    document::read(text).map_err(|too_deep| {
        let line = usize::try_from(too_deep.line).unwrap_or(usize::MAX);
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Diagnostic::error(
            Location::line(input, line, line_text),
            format!(
                "the page's elements nest more than {} deep; it was not read",
                nesting::MAX_NESTING
            ),
        )
        .with_help("a report's page nests a few dozen elements deep: save the report's own page again from the agency's site, or copy its text into a .txt file and import that")
    })
}

/// Whether the document holds a report: three of its section headings, or a table with values.
fn holds_a_report(
    input: &Path,
    headings: &[Heading],
    texts: &TableTexts,
) -> Result<(), Diagnostic> {
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
        return Err(Diagnostic::error(Location::file(input), "no annual report found in the file")
            .with_help("the importer reads 政府信息公开工作年度报告: their section headings (一、总体情况 …) and tables; check that the file holds the report's text, not only the page around it"));
    }
    Ok(())
}

/// The year the report covers: `--year`, else the title's; one of the years reports cover.
fn report_year(
    input: &Path,
    given: Option<u16>,
    read: Option<u16>,
    notes: &mut Vec<String>,
) -> Result<u16, Diagnostic> {
    let this_year = archive_core::load::current_year();
    let year = match given.or(read) {
        Some(year) if (FIRST_YEAR..=this_year).contains(&year) => year,
        Some(year) => {
            return Err(Diagnostic::error(
                Location::file(input),
                format!("{year} is not a report year"),
            )
            .with_help(format!(
                "reports cover {FIRST_YEAR} to {this_year}; pass --year N if the title misleads"
            )));
        }
        None => {
            return Err(Diagnostic::error(
                Location::file(input),
                "the year the report covers was not found",
            )
            .with_help("pass --year N"));
        }
    };
    if let (Some(given), Some(read)) = (given, read)
        && given != read
    {
        notes.push(format!("the title says {read}; --year {given} was used"));
    }
    Ok(year)
}

/// The document's text outside its tables, for the narrative's figures.
fn narrative_text(document: &Document) -> String {
    document
        .lines
        .iter()
        .filter(|line| line.table.is_none())
        .map(|line| line.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The report's agency (`--agency`, else the title's), and a new one's name and kind.
fn resolve_agency(
    input: &Path,
    options: &ImportOptions,
    metadata: &Metadata,
    agencies: &[Agency],
) -> Result<(String, Option<(String, AgencyKind)>), Diagnostic> {
    let resolved = agency::resolve(
        options.agency.as_deref(),
        metadata.agency.as_deref(),
        agencies,
    )
    .map_err(|unresolved| {
        Diagnostic::error(Location::file(input), unresolved.message).with_help(unresolved.help)
    })?;
    Ok(match resolved {
        agency::Resolved::Known(id) => (id, None),
        agency::Resolved::New { id, name, kind } => (id, Some((name, kind))),
    })
}

/// The note naming the section headings not found, if any is missing.
fn missing_headings_note(headings: &[Heading]) -> Option<String> {
    if headings.len() >= 6 {
        return None;
    }
    let missing: Vec<&str> = (1..=6u8)
        .filter(|n| !headings.iter().any(|h| h.number == *n))
        .map(|n| ["一", "二", "三", "四", "五", "六"][usize::from(n) - 1])
        .collect();
    Some(format!(
        "section heading(s) {} not found; their text, if any, stays in the section before",
        missing.join("、")
    ))
}

/// The tables' notes into the outcome: notes for what was decided, warnings for what needs a
/// person. Gives the cells left for a person (catalog order).
fn take_table_notes(
    input: &Path,
    format: FormatId,
    notes: &[TableNote],
    document: &Document,
    outcome: &mut Outcome,
) -> Vec<CellId> {
    let mut open_cells = Vec::new();
    for note in notes {
        if note.needs_person {
            let ids = note_cells(format, note);
            outcome.cells_needing_a_person += ids.len();
            open_cells.extend(ids);
            outcome
                .diagnostics
                .push(note_warning(input, note, line_text(document, note.line)));
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
    open_cells
}

/// The text of the document's line numbered `number`.
fn line_text(document: &Document, number: usize) -> Option<&str> {
    document
        .lines
        .iter()
        .find(|line| line.number == number)
        .map(|line| line.text.as_str())
}

/// The published date, with a note saying where it was read or that it was not found.
fn published_date(metadata: &Metadata, notes: &mut Vec<String>) -> Option<jiff::civil::Date> {
    match metadata.published {
        Some((date, from)) => {
            notes.push(format!("published {date}: {from}"));
            Some(date)
        }
        None => {
            notes.push("no published date found (published: ~)".to_owned());
            None
        }
    }
}

/// The report's title, or one made from the agency and year (with a note).
fn report_title(metadata: &Metadata, year: u16, notes: &mut Vec<String>) -> String {
    metadata.title.clone().unwrap_or_else(|| {
        let name = metadata.agency.clone().unwrap_or_default();
        notes.push("no title found; one was made from the agency and year".to_owned());
        format!("{name}{year}年政府信息公开工作年度报告")
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
fn note_cells(format: FormatId, note: &TableNote) -> Vec<CellId> {
    let catalog = catalog();
    let rows: Vec<&'static RowDef> = match note.row {
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

/// The warning for a note that leaves cells for a person, at its line (with the line's text
/// when it is short enough to show).
pub(super) fn note_warning(input: &Path, note: &TableNote, line_text: Option<&str>) -> Diagnostic {
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
