//! Reading a filled template workbook with `calamine`: the fields of its first sheet and every
//! value cell, found by the grey keys the template wrote.

use std::io::{Cursor, Read, Seek};
use std::path::Path;

use archive_core::decimal::Decimal;
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{CellId, FormatId, TableKey, ValueKind, catalog};
use archive_core::messages::{Text, cli};
use archive_core::model::{Cell, Cells};
use calamine::{Data, Range, Reader, Xlsx};

use super::{FIELDS, INFO_SHEET, KEYS_MARKER, sheet_name};

/// The most entries, and the most bytes they may inflate to, of a workbook the reader opens
/// (the template has a dozen entries of a few kilobytes): a zip bomb is refused before calamine
/// reads it.
const MAX_ENTRIES: usize = 1_000;
const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;

/// What a filled workbook says about its report.
#[derive(Debug)]
pub struct WorkbookReport {
    /// 机关代码, when filled.
    pub agency: Option<String>,
    /// 机关名称, when filled.
    pub agency_name: Option<String>,
    pub year: u16,
    pub format: FormatId,
    pub title: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub issuer: Option<String>,
    pub source_url: Option<String>,
    /// Every row of the workbook's tables: its values, blank where the cell was left empty.
    pub cells: Cells,
}

/// Whether `bytes` are an Excel workbook (a zip holding `xl/workbook.xml`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name("xl/workbook.xml").is_some())
}

/// Reads a filled template workbook; `input` names it in messages.
pub fn read_workbook(input: &Path, bytes: &[u8]) -> Result<WorkbookReport, Diagnostic> {
    let error = |message: Text| {
        Diagnostic::error(Location::file(input), message).with_help(cli::workbook_help())
    };
    within_limits(bytes).map_err(error)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|problem| error(cli::workbook_unreadable(&problem.to_string())))?;
    let info = sheet(&mut workbook, INFO_SHEET).map_err(error)?;
    let field = |key: &str| field_text(&info, key);
    let format = field("format")
        .and_then(|text| FormatId::from_key(&text))
        .ok_or_else(|| error(cli::workbook_no_format(INFO_SHEET)))?;
    let year = field("year")
        .and_then(|text| text.parse::<u16>().ok())
        .ok_or_else(|| error(cli::workbook_no_year(INFO_SHEET)))?;
    let published = match info_cell(&info, "published") {
        None | Some(Data::Empty) => None,
        Some(value) => Some(
            date_of(value)
                .ok_or_else(|| error(cli::workbook_bad_date(INFO_SHEET, &text_of(value))))?,
        ),
    };
    let mut cells = Cells::default();
    for table in TableKey::ALL {
        let name = sheet_name(format, table);
        let range = sheet(&mut workbook, &name).map_err(error)?;
        read_table(&range, &name, table, &mut cells).map_err(|problem| match problem {
            TableProblem::Layout(message) => error(message),
            TableProblem::Value(message) => Diagnostic::error(Location::file(input), message)
                .with_help(cli::workbook_value_help()),
        })?;
    }
    Ok(WorkbookReport {
        agency: field("agency"),
        agency_name: field("agency_name"),
        year,
        format,
        title: field("title"),
        published,
        issuer: field("issuer"),
        source_url: field("source_url"),
        cells,
    })
}

/// Refuses a workbook of more entries than a report's, or whose entries inflate to more bytes:
/// each is inflated once, counting the bytes that come out (never the sizes the zip declares),
/// before calamine reads any.
fn within_limits(bytes: &[u8]) -> Result<(), Text> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|problem| cli::not_a_workbook(&problem.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(cli::workbook_too_many_parts(archive.len()));
    }
    let mut inflated = 0u64;
    for index in 0..archive.len() {
        let entry = archive
            .by_index(index)
            .map_err(|problem| cli::workbook_damaged(&problem.to_string()))?;
        let left = MAX_INFLATED_BYTES - inflated;
        inflated += std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|problem| cli::workbook_damaged(&problem.to_string()))?;
        if inflated > MAX_INFLATED_BYTES {
            return Err(cli::workbook_too_large(MAX_INFLATED_BYTES / 1024 / 1024));
        }
    }
    Ok(())
}

/// A sheet's cells, or why it cannot be read.
fn sheet<RS: Read + Seek>(workbook: &mut Xlsx<RS>, name: &str) -> Result<Range<Data>, Text> {
    workbook
        .worksheet_range(name)
        .map_err(|_| cli::workbook_no_sheet(name))
}

/// The value beside a field's key on the first sheet (key in the third column, value in the
/// second).
fn info_cell<'a>(info: &'a Range<Data>, key: &str) -> Option<&'a Data> {
    debug_assert!(FIELDS.iter().any(|field| field.key == key));
    info.rows()
        .find(|row| row.get(2).is_some_and(|cell| text_of(cell) == key))
        .and_then(|row| row.get(1))
}

/// A field's text, trimmed; `None` when empty.
fn field_text(info: &Range<Data>, key: &str) -> Option<String> {
    let text = text_of(info_cell(info, key)?);
    (!text.is_empty()).then_some(text)
}

/// A cell as text, as a person reads it: whole numbers without a decimal point.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.trim().to_owned()
        }
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(flag) => flag.to_string(),
        Data::DateTime(date) => date.as_f64().to_string(),
        Data::Error(error) => format!("{error:?}"),
    }
}

/// A date typed as a date (Excel's serial day) or as text (2025-01-22, 2025/1/22, 2025年1月22日).
fn date_of(cell: &Data) -> Option<jiff::civil::Date> {
    if let Data::DateTime(date) = cell {
        // Excel's day 0 is 1899-12-30 (its leap day of 1900 is before any report).
        let days = date.as_f64().floor();
        let epoch = jiff::civil::date(1899, 12, 30);
        return epoch.checked_add(jiff::Span::new().days(days as i64)).ok();
    }
    let text = text_of(cell);
    let parts: Vec<i16> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect();
    match parts.as_slice() {
        [year, month, day] => {
            jiff::civil::Date::new(*year, i8::try_from(*month).ok()?, i8::try_from(*day).ok()?).ok()
        }
        _ => None,
    }
}

/// Why a table's sheet cannot be read: its layout (keys lost), or one value.
enum TableProblem {
    Layout(Text),
    Value(Text),
}

/// Every row of a table's sheet: a row whose key column holds a row key, its values under the
/// column keys of the last 行键 row above it.
fn read_table(
    range: &Range<Data>,
    name: &str,
    table: TableKey,
    cells: &mut Cells,
) -> Result<(), TableProblem> {
    let start = range.start().unwrap_or((0, 0));
    let mut columns: Vec<(usize, String)> = Vec::new();
    let mut key_column = None;
    for (index, row) in range.rows().enumerate() {
        if let Some(at) = row.iter().position(|cell| text_of(cell) == KEYS_MARKER) {
            key_column = Some(at);
            columns = row[..at]
                .iter()
                .enumerate()
                .map(|(column, cell)| (column, text_of(cell)))
                .filter(|(_, key)| !key.is_empty())
                .collect();
            continue;
        }
        let Some(at) = key_column else { continue };
        let row_key = row.get(at).map(text_of).unwrap_or_default();
        if row_key.is_empty() {
            continue;
        }
        if !catalog().has_row(table, &row_key) {
            return Err(TableProblem::Layout(cli::workbook_unknown_row(
                name, &row_key,
            )));
        }
        for (column, column_key) in &columns {
            let Some(id) = catalog().find(table, &row_key, column_key) else {
                return Err(TableProblem::Layout(cli::workbook_unknown_column(
                    name, &row_key, column_key,
                )));
            };
            let place = cell_name(start, index, *column);
            let value = row.get(*column).unwrap_or(&Data::Empty);
            let cell = cell_value(id, value).map_err(|why| {
                let path = catalog().cell(id).path();
                TableProblem::Value(cli::workbook_bad_value(name, &place, path, why.here()))
            })?;
            cells.set(id, cell);
        }
    }
    if key_column.is_none() {
        return Err(TableProblem::Layout(cli::workbook_lost_keys(name)));
    }
    Ok(())
}

/// The A1-style name of a cell of a range that starts at `start`.
fn cell_name(start: (u32, u32), row: usize, column: usize) -> String {
    let mut column = start.1 as usize + column;
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + u8::try_from(column % 26).unwrap_or(0)));
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    format!(
        "{}{}",
        letters.into_iter().collect::<String>(),
        start.0 as usize + row + 1
    )
}

/// A cell's value as its kind takes it: empty, `/`, `—`, `无` are blank (never 0); digits
/// may be full-width.
fn cell_value(id: CellId, value: &Data) -> Result<Cell, Text> {
    let kind = catalog().cell(id).kind;
    let text: String = text_of(value)
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '－' => '-',
            '．' => '.',
            _ => c,
        })
        .collect();
    let text = text.trim();
    if matches!(text, "" | "/" | "／" | "-" | "—" | "——" | "无" | "~") {
        return Ok(Cell::Blank);
    }
    match kind {
        ValueKind::Text => Ok(Cell::text(text)),
        ValueKind::Count => text
            .parse::<u64>()
            .map(Cell::Count)
            .map_err(|_| cli::workbook_not_count(text)),
        ValueKind::Change => text
            .parse::<i64>()
            .map(Cell::Change)
            .map_err(|_| cli::workbook_not_change(text)),
        ValueKind::Amount => match Decimal::parse(text) {
            Some(amount) if amount.signum() >= 0 => Ok(Cell::Amount(amount)),
            _ => Err(cli::workbook_not_amount(text)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name((0, 0), 0, 0), "A1");
        assert_eq!(cell_name((2, 1), 9, 0), "B12");
        assert_eq!(cell_name((0, 0), 0, 26), "AA1");
        assert_eq!(cell_name((0, 0), 4, 27), "AB5");
    }

    #[test]
    fn dates_typed_as_text_are_read_in_the_ways_they_are_written() {
        for text in ["2025-01-22", "2025/1/22", "2025年1月22日", " 2025.01.22 "] {
            let date = date_of(&Data::String(text.to_owned()));
            assert_eq!(
                date.map(|date| date.to_string()).as_deref(),
                Some("2025-01-22"),
                "{text}"
            );
        }
        assert_eq!(date_of(&Data::String("2025年1月".to_owned())), None);
        assert_eq!(date_of(&Data::String("2025-02-30".to_owned())), None);
    }

    #[test]
    fn values_are_read_by_their_cells_kind_and_blanks_are_never_zero() {
        let cell = |path: &str| {
            let parts: Vec<&str> = path.split('.').collect();
            let table = TableKey::from_key(parts[0]).unwrap();
            catalog().find(table, parts[1], parts[2]).unwrap()
        };
        let received = cell("applications.received.total");
        assert_eq!(
            cell_value(received, &Data::Float(21.0)),
            Ok(Cell::Count(21))
        );
        assert_eq!(
            cell_value(received, &Data::String("２１".to_owned())),
            Ok(Cell::Count(21))
        );
        for blank in [
            Data::Empty,
            Data::String("/".to_owned()),
            Data::String("无".to_owned()),
        ] {
            assert_eq!(cell_value(received, &blank), Ok(Cell::Blank));
        }
        assert!(cell_value(received, &Data::Float(1.5)).is_err());
        assert!(cell_value(received, &Data::String("-3".to_owned())).is_err());
        let change = cell("active.licensing.change");
        assert_eq!(
            cell_value(change, &Data::String("－18".to_owned())),
            Ok(Cell::Change(-18))
        );
        let amount = cell("active.fees.amount");
        assert_eq!(
            cell_value(amount, &Data::Float(96171.6)),
            Ok(Cell::Amount(Decimal::parse("96171.6").unwrap()))
        );
    }
}

#[cfg(test)]
mod limits {
    use std::io::Write;

    use super::*;

    #[test]
    fn a_zip_bomb_is_refused_by_the_bytes_it_inflates_to() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/workbook.xml", options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..65 {
            zip.write_all(&zeros).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1024 * 1024);
        assert!(is_workbook(&bytes));
        let error = read_workbook(Path::new("bomb.xlsx"), &bytes).unwrap_err();
        assert_eq!(error.location.file, Path::new("bomb.xlsx"));
        assert!(
            error.message.contains("inflates to more than 64 MiB"),
            "{}",
            error.message
        );
    }
}
