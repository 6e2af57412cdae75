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
use super::{
    ImportOptions, Outcome, Parsed, agency, decode, docx, labels, metadata, narrative, nesting,
    office, pdf,
};
use super::{metadata::Metadata, open_cells_note};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{CellId, FormatId, RowDef, catalog};
use archive_core::load::FIRST_YEAR;
use archive_core::messages::{Text, cli};
use archive_core::model::{Agency, Narrative, Report, SourceMap};

/// Reads one input, named `input` in messages, from the file `contents` (the input itself, or
/// the copy of a fetched report); an input that cannot be read as a report gives its outcome
/// with the reason.
pub(super) fn parse_file(
    input: &Path,
    contents: &Path,
    options: &ImportOptions,
    agencies: &[Agency],
) -> Result<Parsed, Outcome> {
    let mut outcome = Outcome::new(input);
    let bytes = match fs::read(contents) {
        Ok(bytes) => bytes,
        Err(error) => {
            outcome.io_failure = true;
            return Err(outcome.fail(
                Diagnostic::error(
                    Location::file(input),
                    archive_core::messages::load::cannot_read_file(&error.to_string()),
                )
                .with_help(archive_core::messages::load::cannot_read_file_help()),
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
            contents: contents.to_path_buf(),
            fetched: None,
        }),
        Err(diagnostic) => Err(outcome.fail(diagnostic)),
    }
}

/// A report read from an input: a [`Parsed`] but for its outcome.
pub(super) struct ReadReport {
    pub(super) report: Report,
    pub(super) new_agency: Option<agency::Resolved>,
    pub(super) open_cells: Vec<CellId>,
    pub(super) open_rows: Vec<(OpenRow, Option<String>)>,
    pub(super) form: Form,
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
    if crate::workbook::is_workbook(bytes) {
        return super::workbook::read_report(input, bytes, options, agencies, outcome);
    }
    let (text, read_from) = decode_text(input, bytes, &mut outcome.notes)?;
    let document = read_document(input, &text)?;
    let headings = sections::find_headings(&document.lines);
    let texts = table_texts(&document, &headings);
    holds_a_report(input, &headings, &texts)?;
    let metadata = metadata::read(&document, &headings);
    let year = report_year(input, options.year, metadata.year, &mut outcome.notes)?;
    let (format, format_note) = detect_format(&texts, year);
    outcome.notes.push(format_note.into());
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
    let name = metadata.agency.clone().unwrap_or_else(|| agency_id.clone());
    let described = read_from.unwrap_or_else(|| document.describe());
    let described = described.here();
    outcome.summary = Some(format!("{name} {year}, {format}, {described}"));
    let report = Report {
        agency: agency_id,
        year,
        format,
        title,
        published,
        issuer: metadata.issuer,
        source_url: metadata.source_url,
        original_file: None,
        notes: None,
        import_notes: open_cells_note(&open_cells),
        originals: Vec::new(),
        cells: values.cells,
        body: Narrative::new(&body),
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
/// encoding; and what it was read from when that is not what its form says (a Word document
/// read as the page made of it).
fn decode_text(
    input: &Path,
    bytes: &[u8],
    notes: &mut Vec<String>,
) -> Result<(String, Option<Text>), Diagnostic> {
    if pdf::is_pdf(bytes) {
        return Ok((pdf_text(input, bytes, notes)?, None));
    }
    if office::needs_conversion(bytes) {
        return Ok((
            office_page(input, bytes, notes)?,
            Some(cli::form_word_document()),
        ));
    }
    if docx::is_zip(bytes) || has_extension(input, "docx") {
        return Ok((
            word_page(input, bytes, notes)?,
            Some(cli::form_word_document()),
        ));
    }
    let decoded = decode::decode(bytes).map_err(|not_text| match not_text {
        decode::NotText::Empty => {
            Diagnostic::error(Location::file(input), cli::import_file_empty())
                .with_help(cli::import_file_empty_help())
        }
        decode::NotText::Binary => Diagnostic::error(Location::file(input), cli::import_not_text())
            .with_help(cli::import_not_text_help()),
    })?;
    if decoded.encoding != "UTF-8" {
        notes.push(cli::read_as_encoding(decoded.encoding).into());
    }
    if decoded.had_errors {
        notes.push(cli::invalid_bytes_replaced(decoded.encoding).into());
    }
    Ok((decoded.text, None))
}

fn has_extension(input: &Path, extension: &str) -> bool {
    input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// A Word document (`.docx`) as a page with its paragraphs and tables; from there it is read
/// like any page.
fn word_page(input: &Path, bytes: &[u8], notes: &mut Vec<String>) -> Result<String, Diagnostic> {
    let page = docx::html(bytes).map_err(|error| {
        let (message, help) = error.explain();
        Diagnostic::error(Location::file(input), message).with_help(help)
    })?;
    notes.push(docx::provenance(input));
    Ok(page)
}

/// A `.doc` or `.wps` file converted to `.docx` by LibreOffice, then read as one.
fn office_page(input: &Path, bytes: &[u8], notes: &mut Vec<String>) -> Result<String, Diagnostic> {
    let extension = if has_extension(input, "wps") {
        "wps"
    } else {
        "doc"
    };
    let converted = office::to_docx(bytes, extension).map_err(|error| {
        let (message, help) = error.explain();
        Diagnostic::error(Location::file(input), message).with_help(help)
    })?;
    notes.push(office::provenance(input));
    word_page(input, &converted, notes)
}

/// A PDF's text, as poppler lays it out; from there it is read like any text.
fn pdf_text(input: &Path, bytes: &[u8], notes: &mut Vec<String>) -> Result<String, Diagnostic> {
    let text = pdf::text(bytes).map_err(|error| {
        let (message, help) = error.explain();
        Diagnostic::error(Location::file(input), message).with_help(help)
    })?;
    notes.push(pdf::provenance(input));
    Ok(text)
}

/// The text as a document; a page nested too deep to read is refused at the line where it
/// goes too deep.
fn read_document(input: &Path, text: &str) -> Result<Document, Diagnostic> {
    document::read(text).map_err(|too_deep| {
        let line = usize::try_from(too_deep.line).unwrap_or(usize::MAX);
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Diagnostic::error(
            Location::line(input, line, line_text),
            cli::nests_too_deep(nesting::MAX_NESTING),
        )
        .with_help(cli::nests_too_deep_help())
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
        return Err(
            Diagnostic::error(Location::file(input), cli::no_report_found())
                .with_help(cli::no_report_found_help()),
        );
    }
    Ok(())
}

/// The year the report covers: `--year`, else the title's; one of the years reports cover.
pub(super) fn report_year(
    input: &Path,
    given: Option<u16>,
    read: Option<u16>,
    notes: &mut Vec<String>,
) -> Result<u16, Diagnostic> {
    let this_year = archive_core::load::current_year();
    let year = match given.or(read) {
        Some(year) if (FIRST_YEAR..=this_year).contains(&year) => year,
        Some(year) => {
            return Err(
                Diagnostic::error(Location::file(input), cli::not_a_report_year(year))
                    .with_help(cli::import_year_help(FIRST_YEAR, this_year)),
            );
        }
        None => {
            return Err(
                Diagnostic::error(Location::file(input), cli::no_year_found())
                    .with_help(cli::pass_year_help()),
            );
        }
    };
    if let (Some(given), Some(read)) = (given, read)
        && given != read
    {
        notes.push(cli::title_year_differs(read, given).into());
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

/// The report's agency (`--agency`, else the title's): a known agency's id, or an agency the run
/// creates (its id is empty until the run settles it).
pub(super) fn resolve_agency(
    input: &Path,
    options: &ImportOptions,
    metadata: &Metadata,
    agencies: &[Agency],
) -> Result<(String, Option<agency::Resolved>), Diagnostic> {
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
        agency::Resolved::Requested { ref id, .. } => (id.clone(), Some(resolved)),
        agency::Resolved::Unlisted(_) => (String::new(), Some(resolved)),
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
    Some(cli::headings_not_found(&missing.join("、")).into())
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
    match &metadata.published {
        Some((date, from)) => {
            notes.push(cli::published_from(&date.to_string(), from.here()).into());
            Some(*date)
        }
        None => {
            notes.push(cli::no_published_date().into());
            None
        }
    }
}

/// The report's title, or one made from the agency and year (with a note).
fn report_title(metadata: &Metadata, year: u16, notes: &mut Vec<String>) -> String {
    metadata.title.clone().unwrap_or_else(|| {
        let name = metadata.agency.clone().unwrap_or_default();
        notes.push(cli::no_title_found().into());
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
        Some(row) => tables::row_of(format, note.table, row)
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
        cli::fill_from_table_help()
    } else {
        cli::printed_here_help(&note.seen)
    };
    Diagnostic::warning(location, format!("{}: {}", note.place(), note.message)).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use archive_core::diagnostic::Severity;
    use archive_core::format::TableKey;

    const REPORT: &str = "侯马经济开发区2024年政府信息公开工作年报\n一、总体情况\n2024年，侯马经济开发区在市委、市政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导。";

    fn input() -> &'static Path {
        Path::new("reports/houma-2024.txt")
    }

    fn document_and_headings(text: &str) -> (Document, Vec<Heading>) {
        let document = document::read(text).unwrap();
        let headings = sections::find_headings(&document.lines);
        (document, headings)
    }

    #[test]
    fn text_is_decoded_with_a_note_for_another_encoding_or_replaced_bytes() {
        let mut notes = Vec::new();
        assert_eq!(
            decode_text(input(), REPORT.as_bytes(), &mut notes).unwrap(),
            (REPORT.to_owned(), None)
        );
        assert!(notes.is_empty(), "{notes:?}");

        let (gb18030, _, _) = encoding_rs::GB18030.encode(REPORT);
        assert_eq!(
            decode_text(input(), &gb18030, &mut notes).unwrap().0,
            REPORT
        );
        assert!(
            matches!(
                notes.as_slice(),
                [note] if note == "read as GBK text" || note == "read as gb18030 text"
            ),
            "{notes:?}"
        );

        let mut notes = Vec::new();
        let mut damaged = b"\xEF\xBB\xBF".to_vec();
        damaged.extend_from_slice(REPORT.as_bytes());
        damaged.push(0xFF);
        let (text, _) = decode_text(input(), &damaged, &mut notes).unwrap();
        assert!(text.ends_with('�'));
        assert_eq!(
            notes,
            ["some bytes are not valid UTF-8; they were replaced by �"]
        );
    }

    #[test]
    fn empty_and_binary_files_are_refused_with_what_to_import_instead() {
        let mut notes = Vec::new();
        let empty = decode_text(input(), b"  \n", &mut notes).unwrap_err();
        assert_eq!(empty.severity, Severity::Error);
        assert_eq!(empty.location, Location::file(input()));
        assert_eq!(empty.message, "the file is empty");
        assert!(empty.help.is_some());
        let binary =
            decode_text(input(), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &mut notes).unwrap_err();
        assert_eq!(binary.message, "the file is not text");
        assert!(binary.help.unwrap().contains("a PDF (.pdf)"));
        assert!(notes.is_empty());
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_at_the_line_where_it_goes_too_deep() {
        let page = format!(
            "<html><body>\n<p>一、总体情况</p>\n{}\n</body></html>",
            "<div>".repeat(nesting::MAX_NESTING + 10)
        );
        let error = read_document(input(), &page).unwrap_err();
        assert_eq!(error.severity, Severity::Error);
        assert_eq!(error.location.line, Some(3));
        assert!(
            error
                .location
                .source_line
                .as_deref()
                .is_some_and(|line| line.starts_with("<div><div>")),
            "{:?}",
            error.location
        );
        assert!(
            error.message.contains("nest more than"),
            "{}",
            error.message
        );
        assert!(error.help.unwrap().contains(".txt"));

        let shallow = "<html><body><p>一、总体情况</p><div><p>文字</p></div></body></html>";
        assert!(read_document(input(), shallow).is_ok());
    }

    #[test]
    fn a_report_has_three_section_headings_or_a_table_with_values() {
        let check = |text: &str| {
            let (document, headings) = document_and_headings(text);
            holds_a_report(input(), &headings, &table_texts(&document, &headings))
        };
        assert!(check("一、总体情况\n文字\n二、主动公开政府信息情况\n文字\n三、收到和处理政府信息公开申请情况\n文字").is_ok());
        assert!(
            check(
                "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3"
            )
            .is_ok()
        );
        let error = check("一、总体情况\n文字\n二、主动公开政府信息情况\n文字").unwrap_err();
        assert_eq!(error.message, "no annual report found in the file");
        assert_eq!(error.location, Location::file(input()));
        assert!(error.help.unwrap().contains("section headings"));
    }

    #[test]
    fn the_year_is_the_one_given_else_the_titles_and_must_be_a_report_year() {
        let mut notes = Vec::new();
        assert_eq!(
            report_year(input(), None, Some(2023), &mut notes).unwrap(),
            2023
        );
        assert_eq!(
            report_year(input(), Some(2023), Some(2023), &mut notes).unwrap(),
            2023
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            report_year(input(), Some(2022), Some(2023), &mut notes).unwrap(),
            2022
        );
        assert_eq!(notes, ["the title says 2023; --year 2022 was used"]);

        let next_year = archive_core::load::current_year() + 1;
        for (given, read) in [(None, Some(FIRST_YEAR - 1)), (Some(next_year), Some(2023))] {
            let error = report_year(input(), given, read, &mut notes).unwrap_err();
            let year = given.or(read).unwrap();
            assert_eq!(error.message, format!("{year} is not a report year"));
            assert!(error.help.unwrap().contains("--year N"));
        }
        let error = report_year(input(), None, None, &mut notes).unwrap_err();
        assert_eq!(error.message, "the year the report covers was not found");
        assert_eq!(error.help.as_deref(), Some("pass --year N"));
    }

    #[test]
    fn an_agency_the_title_does_not_name_needs_agency() {
        let error = resolve_agency(
            input(),
            &ImportOptions::default(),
            &Metadata::default(),
            &[],
        )
        .unwrap_err();
        assert_eq!(error.location, Location::file(input()));
        assert!(error.help.unwrap().contains("--agency"));
        let named = Metadata {
            agency: Some("侯马经济开发区".to_owned()),
            ..Metadata::default()
        };
        let options = ImportOptions {
            agency: Some("houma".to_owned()),
            ..ImportOptions::default()
        };
        let (id, new) = resolve_agency(input(), &options, &named, &[]).unwrap();
        assert_eq!(id, "houma");
        assert_eq!(
            new,
            Some(agency::Resolved::Requested {
                id: "houma".to_owned(),
                name: "侯马经济开发区".to_owned()
            })
        );
        // Without --agency, a name the archive does not have is left for the run to create.
        let (id, new) = resolve_agency(input(), &ImportOptions::default(), &named, &[]).unwrap();
        assert_eq!(id, "");
        assert_eq!(
            new,
            Some(agency::Resolved::Unlisted("侯马经济开发区".to_owned()))
        );
    }

    #[test]
    fn the_narrative_text_leaves_the_tables_out() {
        let (document, _) = document_and_headings(
            "<p>一、总体情况</p><p>制发规范性文件88件。</p><table><tr><td>行政规范性文件</td><td>88</td></tr></table><p>二、主动公开政府信息情况</p>",
        );
        assert!(document.lines.iter().any(|line| line.table.is_some()));
        assert_eq!(
            narrative_text(&document),
            "一、总体情况\n制发规范性文件88件。\n二、主动公开政府信息情况"
        );
    }

    #[test]
    fn missing_section_headings_are_named() {
        let (_, headings) = document_and_headings(
            "一、总体情况\n文字\n二、主动公开政府信息情况\n文字\n四、政府信息公开行政复议、行政诉讼情况\n文字",
        );
        assert_eq!(
            missing_headings_note(&headings).as_deref(),
            Some(
                "section heading(s) 三、五、六 not found; their text, if any, stays in the section before"
            )
        );
        let (_, all) = document_and_headings(
            "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项",
        );
        assert_eq!(all.len(), 6);
        assert_eq!(missing_headings_note(&all), None);
    }

    fn note(table: TableKey, row: Option<&'static str>, columns: Vec<&'static str>) -> TableNote {
        TableNote {
            table,
            row,
            columns,
            seen: String::new(),
            line: 0,
            message: "left blank".to_owned(),
            needs_person: true,
        }
    }

    #[test]
    fn table_notes_become_warnings_with_the_cells_they_leave_open_or_notes() {
        let (document, _) = document_and_headings("二、主动公开政府信息情况\n行政规范性文件693665");
        let cut = TableNote {
            seen: "693665".to_owned(),
            line: 2,
            ..note(
                TableKey::Active,
                Some("normative_documents"),
                vec!["issued", "repealed"],
            )
        };
        let label = TableNote {
            needs_person: false,
            seen: "本年新收申请".to_owned(),
            message: "label read as “一、本年新收政府信息公开申请数量”".to_owned(),
            ..note(TableKey::Applications, Some("received"), Vec::new())
        };
        let whole_table = note(TableKey::Appeals, None, Vec::new());
        // The same cells twice count once.
        let notes = [cut.clone(), label, cut, whole_table];
        let mut outcome = Outcome::new(input());
        let open = take_table_notes(input(), FormatId::Gb2021, &notes, &document, &mut outcome);

        let catalog = catalog();
        let appeals: usize = FormatId::Gb2021
            .template()
            .table(TableKey::Appeals)
            .rows()
            .map(|row| row.columns.len())
            .sum();
        assert_eq!(open.len(), 2 + appeals);
        for column in ["issued", "repealed"] {
            let id = catalog
                .find(TableKey::Active, "normative_documents", column)
                .unwrap();
            assert!(open.contains(&id));
        }
        assert!(open.is_sorted());
        assert_eq!(outcome.cells_needing_a_person, open.len());

        assert_eq!(outcome.diagnostics.len(), 3);
        let warning = &outcome.diagnostics[0];
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.location.line, Some(2));
        assert_eq!(
            warning.location.source_line.as_deref(),
            Some("行政规范性文件693665")
        );
        assert_eq!(
            warning.message,
            "active.normative_documents.{issued, repealed}: left blank"
        );
        assert!(warning.help.as_deref().unwrap().contains("“693665”"));
        assert_eq!(outcome.diagnostics[2].location, Location::file(input()));
        assert_eq!(
            outcome.notes,
            [
                "applications.received: label read as “一、本年新收政府信息公开申请数量” (printed “本年新收申请”)"
            ]
        );
    }

    #[test]
    fn a_long_line_is_named_by_its_number_only() {
        let long = "1".repeat(200);
        let (document, _) = document_and_headings(&long);
        let note = TableNote {
            line: 1,
            ..note(TableKey::Active, Some("rules"), Vec::new())
        };
        let warning = note_warning(input(), &note, line_text(&document, 1));
        assert_eq!(warning.location.line, Some(1));
        assert_eq!(warning.location.source_line, None);
    }

    #[test]
    fn a_missing_title_is_made_and_a_missing_date_left_blank_with_notes() {
        let bare = Metadata {
            agency: Some("侯马经济开发区".to_owned()),
            ..Metadata::default()
        };
        let mut notes = Vec::new();
        assert_eq!(
            report_title(&bare, 2024, &mut notes),
            "侯马经济开发区2024年政府信息公开工作年度报告"
        );
        assert_eq!(published_date(&bare, &mut notes), None);
        assert_eq!(
            notes,
            [
                "no title found; one was made from the agency and year",
                "no published date found (published: ~)"
            ]
        );

        let date = jiff::civil::date(2025, 1, 20);
        let full = Metadata {
            title: Some("侯马经济开发区2024年政府信息公开工作年报".to_owned()),
            published: Some((date, cli::date_closing_line())),
            ..bare
        };
        let mut notes = Vec::new();
        assert_eq!(
            report_title(&full, 2024, &mut notes),
            "侯马经济开发区2024年政府信息公开工作年报"
        );
        assert_eq!(published_date(&full, &mut notes), Some(date));
        assert_eq!(
            notes,
            ["published 2025-01-20: the date line that closes the report"]
        );
    }
}
