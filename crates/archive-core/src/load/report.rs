//! Reading one report source: front matter and Markdown body.

use crate::decimal::Decimal;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use serde_yaml::Value;

use super::keyboard;
use super::suggest::{did_you_mean, did_you_mean_labelled};
use super::text::{CarriageReturns, forbidden_char, forbidden_char_error};
use super::yaml::YamlText;
use crate::diagnostic::{Diagnostic, Location, is_hidden};
use crate::format::{
    CellDef, CellId, FormatId, RowByLabel, RowDef, TableKey, ValueKind, catalog, row_by_label,
    without_note,
};
use crate::messages::{Text, load};
use crate::model::{Cell, Cells, Narrative, Report, RowLines, SourceMap};

/// The earliest year a report can cover: the 条例 took effect in 2008.
pub const FIRST_YEAR: u16 = 2008;

/// The front-matter keys a report may have.
const REPORT_KEYS: [&str; 14] = [
    "year",
    "format",
    "title",
    "published",
    "issuer",
    "source_url",
    "original_file",
    "notes",
    "import_notes",
    "originals",
    "agency",
    "active",
    "applications",
    "appeals",
];

/// A source split into its front matter and body.
pub(crate) struct Split<'a> {
    pub(crate) yaml: &'a str,
    /// The byte offset of the YAML in the file.
    pub(crate) yaml_start: usize,
    /// The file line of the opening `---`.
    pub(crate) yaml_offset: usize,
    pub(crate) body: &'a str,
    pub(crate) body_line: usize,
}

/// Splits a source at its `---` lines.
pub(crate) fn split_front_matter<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(Location::file(file), load::source_empty())
                .with_help(load::source_empty_help()),
        );
    }
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error(
            Location::line(file, 1, first_line),
            load::no_front_matter(),
        )
        .with_help(load::no_front_matter_help()));
    }
    let yaml_start = text.find('\n').map_or(text.len(), |at| at + 1);
    let mut offset = yaml_start;
    for (number, line) in text[yaml_start.min(text.len())..]
        .split_inclusive('\n')
        .enumerate()
    {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_start,
                yaml_offset: 1,
                body: &text[body_start.min(text.len())..],
                body_line: number + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::line(file, 1, first_line),
        load::front_matter_not_closed(),
    )
    .with_help(load::front_matter_not_closed_help()))
}

/// Reads a report source. `agency` comes from its folder.
pub(crate) fn read_report(
    file: &Path,
    text: &str,
    agency: &str,
    this_year: u16,
) -> Result<Report, Vec<Diagnostic>> {
    let split = split_front_matter(file, text).map_err(|error| vec![error])?;
    let normalized = keyboard::normalize(split.yaml);
    // The file as read: its YAML with the Chinese keyboard's characters replaced, line for line.
    let read_text = match &normalized.yaml {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(yaml) => Cow::Owned(format!(
            "{}{yaml}{}",
            &text[..split.yaml_start],
            &text[split.yaml_start + split.yaml.len()..]
        )),
    };
    let yaml = YamlText::new(file, text, &normalized.yaml, split.yaml_offset).reading(&read_text);
    let (value, numbers_in_decimal) = yaml.parse(&normalized.yaml).map_err(|error| vec![error])?;
    let mut reader = ReportReader {
        yaml: &yaml,
        numbers_in_decimal,
        errors: Vec::new(),
        notes: normalized
            .notes
            .into_iter()
            .map(|note| yaml.keyboard_note(note))
            .collect(),
    };
    reader.forbidden_chars(&value, &mut String::new());
    if let Some((at, c)) = forbidden_char(split.body, CarriageReturns::Allowed) {
        let offset = text.len() - split.body.len() + at;
        reader.errors.push(forbidden_char_error(
            Location::in_text(file, text, offset),
            c,
            load::the_narrative().here(),
        ));
    }
    let report = reader.read(&value, agency, this_year, &split);
    match report {
        Some(report) if reader.errors.is_empty() => Ok(report),
        _ => Err(reader.errors),
    }
}

pub(super) struct ReportReader<'a, 'b> {
    pub(super) yaml: &'a YamlText<'b>,
    /// Whether every number is known to be written in decimal digits (the fast reader read
    /// the YAML); otherwise each number's text is looked at.
    numbers_in_decimal: bool,
    pub(super) errors: Vec<Diagnostic>,
    /// Warnings: what was read other than as written (see `SourceMap::notes`).
    notes: Vec<Diagnostic>,
}

impl ReportReader<'_, '_> {
    /// The text of a number written other than in decimal digits (`0x10`, `0o17`, `+5`,
    /// `1e3`, `.inf`), which YAML reads as a number but a published table never prints.
    fn not_decimal(&self, path: &str) -> Option<String> {
        if self.numbers_in_decimal {
            return None;
        }
        self.yaml
            .written(path)
            .filter(|written| !is_decimal(written))
    }

    pub(super) fn error(
        &mut self,
        path: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.errors
            .push(Diagnostic::error(self.yaml.locate(path), message).with_help(help));
    }

    /// Reports the first control character or noncharacter of every string value, named by
    /// its key path.
    fn forbidden_chars(&mut self, value: &Value, path: &mut String) {
        let before = path.len();
        match value {
            Value::String(text) => {
                if let Some((_, c)) = forbidden_char(text, CarriageReturns::InLineEnds) {
                    self.errors.push(forbidden_char_error(
                        self.yaml.locate(path),
                        c,
                        &format!("`{path}`"),
                    ));
                }
            }
            Value::Sequence(items) => {
                for (index, item) in items.iter().enumerate() {
                    // Writing to a String cannot fail.
                    let _ = write!(path, "[{index}]");
                    self.forbidden_chars(item, path);
                    path.truncate(before);
                }
            }
            Value::Mapping(mapping) => {
                for (key, item) in mapping {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    match key.as_str() {
                        Some(key) => path.push_str(key),
                        None => path.push('?'),
                    }
                    self.forbidden_chars(item, path);
                    path.truncate(before);
                }
            }
            Value::Tagged(tagged) => self.forbidden_chars(&tagged.value, path),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    fn read(
        &mut self,
        value: &Value,
        agency: &str,
        this_year: u16,
        split: &Split<'_>,
    ) -> Option<Report> {
        let Some(mapping) = value.as_mapping() else {
            self.error(
                "",
                load::not_key_value_lines(),
                load::not_key_value_lines_help(),
            );
            return None;
        };
        self.unknown_keys(mapping);
        let year = self.year(mapping.get("year"), this_year);
        let format = self.format(mapping.get("format"), year);
        let title = self.required_text(mapping, "title", load::title_help());
        let published = self.published(mapping);
        let issuer = self.optional_text(mapping, "issuer");
        let source_url = self.optional_url(mapping, "source_url");
        let original_file = self.optional_url(mapping, "original_file");
        let notes = self.optional_text(mapping, "notes");
        let import_notes = self.optional_text(mapping, "import_notes");
        let originals = self.originals(mapping);
        self.declared_agency(mapping, agency);
        let (cells, rows) = match format {
            Some(format) => self.tables(mapping, format),
            None => (Cells::default(), RowLines::default()),
        };
        Some(Report {
            agency: agency.to_owned(),
            year: year?,
            format: format?,
            title: title?,
            published: published?,
            issuer,
            source_url,
            original_file,
            notes,
            import_notes,
            originals,
            cells,
            body: Narrative::new(split.body),
            source: SourceMap {
                file: self.yaml.file().to_path_buf(),
                rows,
                year_line: self.yaml.line_of("year").unwrap_or(1),
                body_line: split.body_line,
                published_line: self.yaml.line_of("published"),
                notes: std::mem::take(&mut self.notes),
            },
        })
    }

    /// Reports every top-level key that is not a field of a report.
    fn unknown_keys(&mut self, mapping: &serde_yaml::Mapping) {
        for key in mapping.keys() {
            let Some(key) = key.as_str() else {
                self.error(
                    "",
                    load::key_not_text(&format!("{key:?}")),
                    load::key_not_text_help(),
                );
                continue;
            };
            if !REPORT_KEYS.contains(&key) {
                let help = misplaced_row_help(key)
                    .or_else(|| did_you_mean(key, REPORT_KEYS))
                    .unwrap_or_else(|| load::fields_are(&REPORT_KEYS.join(", ")).into());
                self.error(key, load::unknown_field(key), help);
            }
        }
    }

    /// Reports an `agency:` field that names another agency than the report's folder.
    fn declared_agency(&mut self, mapping: &serde_yaml::Mapping, agency: &str) {
        if let Some(declared) = mapping.get("agency")
            && declared.as_str() != Some(agency)
        {
            self.error(
                "agency",
                load::other_agency(&describe(declared), agency),
                load::other_agency_help(declared.as_str().unwrap_or("…"), agency),
            );
        }
    }

    /// Reads the three tables: their cells, and the line of each row.
    fn tables(&mut self, mapping: &serde_yaml::Mapping, format: FormatId) -> (Cells, RowLines) {
        let mut cells = Cells::default();
        let mut rows = RowLines::default();
        for table in TableKey::ALL {
            if let Some(value) = mapping.get(table.key()) {
                self.table(table, format, value, &mut cells, &mut rows);
            }
        }
        cells.shrink_to_fit();
        (cells, rows)
    }

    fn missing(&mut self, key: &str, help: Text) {
        self.error("", load::missing_field(key), help);
    }

    fn year(&mut self, value: Option<&Value>, this_year: u16) -> Option<u16> {
        let Some(value) = value else {
            self.missing("year", load::year_help());
            return None;
        };
        if value.is_number()
            && let Some(written) = self.not_decimal("year")
        {
            self.error(
                "year",
                load::year_not_decimal(&written),
                load::year_in_digits_help(),
            );
            return None;
        }
        let year = value.as_u64().and_then(|year| u16::try_from(year).ok());
        let Some(year) = year else {
            self.error(
                "year",
                load::not_a_year(&describe(value)),
                load::year_in_digits_help(),
            );
            return None;
        };
        if year < FIRST_YEAR {
            self.error(
                "year",
                load::year_too_early(year, FIRST_YEAR),
                load::check_year_help(),
            );
            return None;
        }
        if year > this_year {
            self.error(
                "year",
                load::year_in_future(year),
                load::year_in_future_help(),
            );
            return None;
        }
        Some(year)
    }

    fn format(&mut self, value: Option<&Value>, year: Option<u16>) -> Option<FormatId> {
        let expected = year.map_or(FormatId::Gb2021, FormatId::for_year);
        let Some(value) = value else {
            self.missing("format", load::format_help(expected.key()));
            return None;
        };
        match value.as_str().and_then(FormatId::from_key) {
            Some(format) => Some(format),
            None => {
                self.error(
                    "format",
                    load::unknown_format(&describe(value)),
                    load::unknown_format_help(expected.key()),
                );
                None
            }
        }
    }

    fn required_text(
        &mut self,
        mapping: &serde_yaml::Mapping,
        key: &str,
        help: Text,
    ) -> Option<String> {
        match mapping.get(key) {
            None => {
                self.missing(key, help);
                None
            }
            Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
            Some(value) => {
                self.error(key, load::must_be_text(key, &describe(value)), help);
                None
            }
        }
    }

    fn optional_text(&mut self, mapping: &serde_yaml::Mapping, key: &str) -> Option<String> {
        match mapping.get(key)? {
            Value::Null => None,
            Value::String(text) if text.trim().is_empty() => None,
            Value::String(text) => Some(text.clone()),
            value => {
                self.error(
                    key,
                    load::must_be_text(key, &describe(value)),
                    load::quote_help(key),
                );
                None
            }
        }
    }

    fn optional_url(&mut self, mapping: &serde_yaml::Mapping, key: &str) -> Option<String> {
        let url = self.optional_text(mapping, key)?;
        if url.starts_with("https://") || url.starts_with("http://") {
            Some(url)
        } else {
            self.error(
                key,
                load::not_web_address(key, &url),
                load::web_address_help(),
            );
            None
        }
    }

    /// `Some(None)` is a date the report does not print; `None` is an error.
    fn published(&mut self, mapping: &serde_yaml::Mapping) -> Option<Option<jiff::civil::Date>> {
        match mapping.get("published") {
            None => {
                self.missing("published", load::published_help());
                None
            }
            Some(Value::Null) => Some(None),
            Some(Value::String(text)) => match text.trim().parse::<jiff::civil::Date>() {
                Ok(date) if text.trim().len() == 10 => Some(Some(date)),
                _ => {
                    self.error("published", load::not_a_date(text), load::published_help());
                    None
                }
            },
            Some(value) => {
                self.error(
                    "published",
                    load::published_not_date(&describe(value)),
                    load::published_help(),
                );
                None
            }
        }
    }

    fn table(
        &mut self,
        table: TableKey,
        format: FormatId,
        value: &Value,
        cells: &mut Cells,
        rows: &mut RowLines,
    ) {
        let name = table.key();
        let mapping = match value {
            Value::Null => return,
            Value::Mapping(mapping) => mapping,
            other => {
                self.error(
                    name,
                    load::table_not_rows(name, &describe(other)),
                    load::table_not_rows_help(name),
                );
                return;
            }
        };
        // Each row read, with the key it was written as: a row written twice (as its key and as
        // its label) is an error.
        let mut seen: Vec<(&'static str, &str)> = Vec::new();
        for (key, value) in mapping {
            let Some(key) = key.as_str() else {
                self.error(
                    name,
                    load::row_key_not_text(name, &describe(key)),
                    load::row_key_help(),
                );
                continue;
            };
            let path = format!("{name}.{key}");
            let Some(row) = self.row_named(table, format, key, &path) else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(known, _)| *known == row.key) {
                let first_line = self.yaml.line_of(&format!("{name}.{first}")).unwrap_or(0);
                self.error(
                    &path,
                    load::row_written_twice(row.key, first, key),
                    load::row_written_twice_help(first_line),
                );
                continue;
            }
            seen.push((row.key, key));
            if let Some(line) = self.yaml.line_of(&path) {
                rows.set(table, row.key, line);
            }
            self.row(table, format, row.key, &path, value, cells);
        }
    }

    /// The row a table's key names: a row key, or a row's Chinese label (read with a note that
    /// gives the key). `None`, with an error naming the key to use, for anything else.
    fn row_named(
        &mut self,
        table: TableKey,
        format: FormatId,
        key: &str,
        path: &str,
    ) -> Option<&'static RowDef> {
        let catalog = catalog();
        if let Some(row) = catalog.row_def(table, key) {
            return Some(row);
        }
        let name = table.key();
        // A key of ASCII letters (perhaps holding an invisible character) is a misspelt key.
        if key.chars().all(|c| c.is_ascii() || is_hidden(c)) {
            let label_of = |candidate: &str| {
                catalog
                    .row_def(table, candidate)
                    .map(|row| without_note(row.label.zh))
            };
            let help = did_you_mean_labelled(key, catalog.row_keys(table), label_of)
                .unwrap_or_else(|| {
                    let keys: Vec<&str> = catalog.row_keys(table).collect();
                    load::rows_are(name, &keys.join(", ")).into()
                });
            self.error(path, load::no_such_row(name, key), help);
            return None;
        }
        let (row, exact) = match row_by_label(format, table, key) {
            RowByLabel::Exact(row) => (row, true),
            RowByLabel::Close(row) => (row, false),
            RowByLabel::Unknown(nearest) => {
                self.errors.push(unknown_label_error(
                    self.yaml.locate(path),
                    table,
                    key,
                    nearest,
                ));
                return None;
            }
        };
        // The label is quoted when the key differs from it.
        let label = row.label.zh;
        let message = if key == label {
            load::label_read_as_row(key, row.key)
        } else if exact {
            load::label_differs_read_as_row(key, row.key, label)
        } else {
            load::label_close_read_as_row(key, row.key, label)
        };
        self.notes.push(
            Diagnostic::warning(self.yaml.locate(path), message)
                .with_help(load::write_row_key_help(row.key)),
        );
        catalog.row_def(table, row.key)
    }

    fn row(
        &mut self,
        table: TableKey,
        format: FormatId,
        row: &'static str,
        path: &str,
        value: &Value,
        cells: &mut Cells,
    ) {
        // Positional values follow the declared version's columns where it has the row.
        let layout = format
            .template()
            .row(table, row)
            .or_else(|| format.other().template().row(table, row))
            .expect("the catalog only has rows some version defines");
        let positional: Vec<CellId> = layout
            .columns
            .iter()
            .map(|column| {
                catalog()
                    .cell_of(table, layout, column)
                    .expect("catalogued")
            })
            .collect();
        match value {
            Value::Null => {
                for &id in &positional {
                    cells.set(id, Cell::Blank);
                }
            }
            Value::Sequence(items) => {
                self.positional_row(format, layout, path, items, &positional, cells);
            }
            Value::Mapping(columns) => self.keyed_row(table, row, path, columns, cells),
            single if positional.len() == 1 => {
                if let Some(cell) = self.cell(ItemPath::Whole(path), positional[0], single) {
                    cells.set(positional[0], cell);
                }
            }
            other => self.error(
                path,
                load::row_not_list(row, positional.len(), &describe(other)),
                load::row_not_list_help(&column_names(layout)),
            ),
        }
    }

    /// A row written as a list: one value for each of `layout`'s columns (`positional`), in order.
    fn positional_row(
        &mut self,
        format: FormatId,
        layout: &RowDef,
        path: &str,
        items: &[Value],
        positional: &[CellId],
        cells: &mut Cells,
    ) {
        if items.len() != positional.len() {
            self.error(
                path,
                load::row_length(layout.key, items.len(), format.key(), positional.len()),
                load::row_length_help(&column_names(layout)),
            );
            return;
        }
        for (index, (item, &id)) in items.iter().zip(positional).enumerate() {
            if let Some(cell) = self.cell(ItemPath::Index(path, index), id, item) {
                cells.set(id, cell);
            }
        }
    }

    /// A row written as `{column: value}`: each value under its column's key.
    fn keyed_row(
        &mut self,
        table: TableKey,
        row: &str,
        path: &str,
        columns: &serde_yaml::Mapping,
        cells: &mut Cells,
    ) {
        let catalog = catalog();
        let keys = catalog.column_keys(table, row);
        for (column, item) in columns {
            let Some(column) = column.as_str() else {
                self.error(
                    path,
                    load::column_key_not_text(row),
                    load::column_key_help(),
                );
                continue;
            };
            let item_path = format!("{path}.{column}");
            match catalog.find(table, row, column) {
                Some(id) => {
                    if let Some(cell) = self.cell(ItemPath::Whole(&item_path), id, item) {
                        cells.set(id, cell);
                    }
                }
                None => {
                    let help = did_you_mean(column, keys.iter().copied())
                        .unwrap_or_else(|| load::columns_are(row, &keys.join(", ")).into());
                    self.error(&item_path, load::no_such_column(row, column), help);
                }
            }
        }
    }

    /// Reads one cell value (R10: every value is of its kind).
    fn cell(&mut self, path: ItemPath<'_>, id: CellId, value: &Value) -> Option<Cell> {
        let def = catalog().cell(id);
        if def.kind != ValueKind::Text
            && let Value::Number(_) = value
            && let Some(written) = self.not_decimal(&path.to_string())
        {
            self.error(
                &path.to_string(),
                load::value_not_decimal(def.path(), &written),
                load::decimal_help(),
            );
            return None;
        }
        match cell_value(def, value) {
            Ok(cell) => Some(cell),
            Err((message, help)) => {
                self.error(&path.to_string(), message, help);
                None
            }
        }
    }
}

/// Why a value cannot be its cell's: the message and the help.
type Refusal = (String, String);

/// A cell's value, if the value is of the cell's kind.
pub(super) fn cell_value(def: &CellDef, value: &Value) -> Result<Cell, Refusal> {
    match value {
        Value::Null => Ok(Cell::Blank),
        Value::String(text) if def.kind == ValueKind::Text => Ok(Cell::text(text.trim())),
        Value::String(text) => Err((
            holds(def, load::the_text(text).here()),
            text_in_number_help(text),
        )),
        Value::Number(number) => number_cell(def, number),
        other => Err((
            holds(def, &describe(other)),
            load::value_as_printed_help().into(),
        )),
    }
}

/// A number as the value of a cell of its kind.
fn number_cell(def: &CellDef, number: &serde_yaml::Number) -> Result<Cell, Refusal> {
    let refused = |help: Text| Err((holds(def, &number.to_string()), help.into()));
    match def.kind {
        ValueKind::Text => Ok(Cell::text(number.to_string())),
        ValueKind::Count => count_cell(def, number),
        ValueKind::Change => match number.as_i64() {
            Some(change) => Ok(Cell::Change(change)),
            None => refused(load::change_help()),
        },
        ValueKind::Amount => match number.as_f64().and_then(Decimal::from_f64) {
            Some(amount) if amount.signum() >= 0 => Ok(Cell::Amount(amount)),
            _ => refused(load::amount_help()),
        },
    }
}

/// A number as a count: a whole number ≥ 0.
fn count_cell(def: &CellDef, number: &serde_yaml::Number) -> Result<Cell, Refusal> {
    if let Some(count) = number.as_u64() {
        return Ok(Cell::Count(count));
    }
    let (message, help) = if number.as_i64().is_some() {
        (
            holds(def, load::the_negative_number(&number.to_string()).here()),
            load::negative_help(),
        )
    } else if number.as_f64().is_some_and(|float| float.fract() == 0.0) {
        (
            load::too_large_or_fraction(def.path(), &number.to_string()).into(),
            load::count_digits_help(),
        )
    } else {
        (
            holds(def, load::the_fraction(&number.to_string()).here()),
            load::fraction_help(),
        )
    };
    Err((message, help.into()))
}

/// A table key that is neither a row key nor close to a row's label: the nearest row's label
/// and key, to write instead.
fn unknown_label_error(
    location: Location,
    table: TableKey,
    key: &str,
    nearest: Option<&'static RowDef>,
) -> Diagnostic {
    let name = table.key();
    let help = match nearest {
        Some(row) => load::unknown_label_nearest_help(row.label.zh, row.key),
        None => load::unknown_label_help(),
    };
    Diagnostic::error(location, load::no_such_row(name, key)).with_help(help)
}

/// The message for a value a cell does not take: "`key` holds FOUND, but it takes KIND".
fn holds(def: &CellDef, found: &str) -> String {
    load::cell_holds(def.path(), found, load::value_kind(def.kind).here()).into()
}

/// The help for text in a number cell: how a blank is written, or the number without its units.
fn text_in_number_help(text: &str) -> String {
    // Full-width digits (`２６６３条`) are the digits the person means.
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    if matches!(text.trim(), "" | "/" | "-" | "—" | "无" | "－") {
        load::blank_is_tilde_help().into()
    } else if is_number_notation(text) {
        load::decimal_help().into()
    } else if !digits.is_empty() {
        load::without_units_help(&digits).into()
    } else {
        load::number_as_printed_help().into()
    }
}

/// A row's column labels, for a message.
fn column_names(layout: &RowDef) -> String {
    layout
        .columns
        .iter()
        .map(|column| column.label.zh)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a value is written (`applications.received[2]`), spelled out only for a message: a
/// source has hundreds of values, and a correct one needs none.
#[derive(Clone, Copy)]
enum ItemPath<'a> {
    /// A key path.
    Whole(&'a str),
    /// An item of a positional row.
    Index(&'a str, usize),
}

impl std::fmt::Display for ItemPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemPath::Whole(path) => f.write_str(path),
            ItemPath::Index(path, index) => write!(f, "{path}[{index}]"),
        }
    }
}

/// Whether a number is written plainly in decimal digits: `12`, `-3`, `96171.6`, without a
/// sign `+`, leading zeros or an exponent.
fn is_decimal(written: &str) -> bool {
    let digits = written.strip_prefix('-').unwrap_or(written);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction) && (whole == "0" || !whole.starts_with('0'))
}

/// Whether a text YAML kept as text is a number in a notation (`017`, `1e400`, `0x1G`), so
/// that its digits alone would not be the number meant.
fn is_number_notation(text: &str) -> bool {
    let text = text.trim();
    let unsigned = text.trim_start_matches(['+', '-']);
    let lower = unsigned.to_ascii_lowercase();
    ["0x", "0o", "0b", ".inf", ".nan"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
        || (unsigned.len() > 1
            && unsigned.starts_with('0')
            && unsigned.bytes().all(|b| b.is_ascii_digit()))
        || text.parse::<f64>().is_ok()
}

/// Help for a table row written at the top level, by its key or its Chinese label.
fn misplaced_row_help(key: &str) -> Option<String> {
    TableKey::ALL.into_iter().find_map(|table| {
        if catalog().has_row(table, key) {
            return Some(load::misplaced_row(key, table.key()).into());
        }
        match row_by_label(FormatId::Gb2021, table, key) {
            RowByLabel::Exact(row) if !key.is_ascii() => {
                Some(load::top_level_label_help(key, row.key, table.key()).into())
            }
            _ => None,
        }
    })
}

/// A YAML value, described for a message.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => load::value_nothing().into(),
        Value::Bool(flag) => format!("`{flag}`"),
        Value::Number(number) => format!("`{number}`"),
        Value::String(text) => format!("\"{text}\""),
        Value::Sequence(_) => load::value_list().into(),
        Value::Mapping(_) => load::value_mapping().into(),
        Value::Tagged(tagged) => load::value_tagged(&tagged.tag.to_string()).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "---\nyear: 2024\nformat: gb2021\ntitle: 年报\npublished: 2025-01-22\n---\n\n## 一、总体情况\n";

    fn read(text: &str) -> Result<Report, Vec<Diagnostic>> {
        read_report(Path::new("content/a/2024.md"), text, "a", 2026)
    }

    fn messages(text: &str) -> Vec<String> {
        read(text)
            .unwrap_err()
            .into_iter()
            .map(|d| {
                format!(
                    "{}: {} ({})",
                    d.location,
                    d.message,
                    d.help.unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn originals_are_read_and_bad_ones_named() {
        let sha = "94a211353fb046b7c869cbb236078deb4d1f7085bd0c2b0dbf85051ec831698c";
        let entry = |file: &str, sha256: &str| {
            format!(
                "  - file: {file}\n    name: a.pdf\n    sha256: {sha256}\n    size: 12\n    media_type: application/pdf\n    url: ~\n    retrieved: 2025-01-22T08:00:00Z\n"
            )
        };
        let with = |entries: &str| {
            MINIMAL.replacen("---\n\n", &format!("originals:\n{entries}---\n\n"), 1)
        };
        let report = read(&with(&entry(&format!("originals/{sha}.pdf"), sha))).unwrap();
        assert_eq!(report.originals.len(), 1);
        assert_eq!(report.originals[0].size, 12);
        assert_eq!(report.originals[0].line, 7);
        let messages = messages(&with(&format!(
            "{}{}",
            entry("../../etc/passwd", sha),
            entry(&format!("originals/{sha}.pdf"), "ABC")
        )));
        assert!(
            messages.iter().any(|m| m
                .contains("original 1: `file` must name a file in the agency's originals/ folder")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("original 2: `sha256` must be 64 lower-case hex digits")),
            "{messages:?}"
        );
    }

    #[test]
    fn minimal_report_reads() {
        let report = read(MINIMAL).unwrap();
        assert_eq!(report.year, 2024);
        assert_eq!(report.format, FormatId::Gb2021);
        assert_eq!(report.published.unwrap().to_string(), "2025-01-22");
        assert_eq!(report.body.text(), "\n## 一、总体情况\n");
        assert_eq!(report.source.body_line, 7);
        assert_eq!(report.source.published_line, Some(5));
    }

    #[test]
    fn rows_read_positionally_and_by_key() {
        let text = MINIMAL.replace(
            "---\n\n",
            "active:\n  rules: [1, ~, 3]\n  licensing: 2663\napplications:\n  received: {total: 5}\n  carried_forward: ~\n---\n\n",
        );
        let report = read(&text).unwrap();
        let cells = &report.cells;
        assert_eq!(
            cells.at(TableKey::Active, "rules", "issued"),
            Cell::Count(1)
        );
        assert_eq!(cells.at(TableKey::Active, "rules", "repealed"), Cell::Blank);
        assert_eq!(
            cells.at(TableKey::Active, "licensing", "decisions"),
            Cell::Count(2663)
        );
        assert_eq!(
            cells.at(TableKey::Applications, "received", "total"),
            Cell::Count(5)
        );
        assert_eq!(
            cells.at(TableKey::Applications, "received", "business"),
            Cell::Absent
        );
        assert_eq!(
            cells.at(TableKey::Applications, "carried_forward", "business"),
            Cell::Blank
        );
        assert_eq!(
            report.source.row_line(TableKey::Applications, "received"),
            Some(10)
        );
    }

    #[test]
    fn every_bad_value_is_reported_with_its_column() {
        let text = MINIMAL.replace(
            "---\n\n",
            "active:\n  licensing: [\"2663条\"]\napplications:\n  received: [1, -2, 0.5, 0, 0, 0, 1]\n---\n\n",
        );
        assert_eq!(
            messages(&text),
            vec![
                "content/a/2024.md:7:15: `active.licensing.decisions` holds the text \"2663条\", but it takes a whole number ≥ 0 (write the number alone, without units: 2663)",
                "content/a/2024.md:9:17: `applications.received.business` holds the negative number -2, but it takes a whole number ≥ 0 (check the published table; only 本年增/减 cells may be negative)",
                "content/a/2024.md:9:21: `applications.received.research` holds the fraction 0.5, but it takes a whole number ≥ 0 (only 本年收费金额（万元） may have decimals)",
            ]
        );
        let units = MINIMAL.replace("---\n\n", "active:\n  licensing: [２６６３条]\n---\n\n");
        assert!(
            messages(&units)[0].ends_with("(write the number alone, without units: 2663)"),
            "{:?}",
            messages(&units)
        );
    }

    #[test]
    fn unknown_keys_get_suggestions() {
        let text = MINIMAL.replace(
            "---\n\n",
            "applications:\n  recieved: [0, 0, 0, 0, 0, 0, 0]\ncarried_over: []\n---\n\n",
        );
        assert_eq!(
            messages(&text),
            vec![
                "content/a/2024.md:8:1: unknown field `carried_over` (`carried_over` is a row of table `applications`: indent it under `applications:`)",
                "content/a/2024.md:7:3: table `applications` has no row `recieved` (did you mean `received` (一、本年新收政府信息公开申请数量)?)",
            ]
        );
    }

    #[test]
    fn a_chinese_label_at_the_top_level_is_told_where_it_belongs() {
        let text = MINIMAL.replace("---\n\n", "（一）予以公开: [0, 0, 0, 0, 0, 0, 0]\n---\n\n");
        assert_eq!(
            messages(&text),
            vec![
                "content/a/2024.md:6:1: unknown field `（一）予以公开` (`（一）予以公开` is the label of row `disclosed` of table `applications`: indent it under `applications:` as `disclosed:`)",
            ]
        );
    }

    #[test]
    fn missing_fields_are_reported_together() {
        let text = "---\nyear: 2023\nformat: gb2021\n---\n";
        assert_eq!(
            messages(text),
            vec![
                "content/a/2024.md:1: missing required field `title` (write the report's own title, e.g. `title: 某某区2024年政府信息公开工作年度报告`)",
                "content/a/2024.md:1: missing required field `published` (write the date printed on or with the report as `published: YYYY-MM-DD`, or `published: ~` if it prints none)",
            ]
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let text = "---\nyear: 2024\ntitle: [unclosed\n---\n";
        let errors = read(text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location.file, Path::new("content/a/2024.md"));
        assert_eq!(
            errors[0].message,
            "the list of `title` is not closed: `[` has no `]` on this line"
        );
        assert_eq!(errors[0].location.line, Some(3));
        // A list YAML reads on into the next lines is reported where it opens, not where YAML
        // gives up; so is a quote, and the last row of the last table.
        let rows = "---\nyear: 2024\nappeals:\n  review: [0, 0, 0, 0, 0\n  lawsuit_direct: [0, 0, 0, 0, 0]\n---\n";
        assert_eq!(read(rows).unwrap_err()[0].location.line, Some(4));
        let last = "---\nyear: 2024\nappeals:\n  review: [0, 0, 0, 0, 0\n---\n";
        assert_eq!(read(last).unwrap_err()[0].location.line, Some(4));
        let keyless = "---\nyear: 2024\napplications:\n  received [0, 0, 0, 0, 0, 0, 0]\n  disclosed: [0, 0, 0, 0, 0, 0, 0]\n---\n";
        let error = &read(keyless).unwrap_err()[0];
        assert_eq!(
            (error.location.line, error.message.as_str()),
            (
                Some(4),
                "`received` is not followed by a colon: the line is not a `key: value` line"
            )
        );
        let quote = "---\ntitle: \"某县\nissuer: x\n---\n";
        let error = &read(quote).unwrap_err()[0];
        assert_eq!(
            (error.location.line, error.message.as_str()),
            (
                Some(2),
                "the quoted text of `title` is not closed: `\"` has no `\"` on this line"
            )
        );
    }

    #[test]
    fn chinese_keyboard_characters_are_read_as_meant_with_a_note() {
        let text = MINIMAL
            .replace("published: 2025-01-22", "published：2025-01-22")
            .replace(
                "---\n\n",
                "applications:\n  received：【0，0，0，0，0，0，０】\nactive:\n  licensing:\t２６６３\n---\n\n",
            );
        let report = read(&text).unwrap();
        let plain = read(&MINIMAL.replace(
            "---\n\n",
            "applications:\n  received: [0, 0, 0, 0, 0, 0, 0]\nactive:\n  licensing: 2663\n---\n\n",
        ))
        .unwrap();
        assert_eq!(report.cells, plain.cells);
        assert_eq!(report.published, plain.published);
        assert_eq!(report.source.rows, plain.source.rows);
        let notes: Vec<String> = report
            .source
            .notes
            .iter()
            .map(|note| format!("{}: {}", note.location, note.message))
            .collect();
        assert_eq!(
            notes,
            [
                "content/a/2024.md:5:10: the full-width colon `：` after `published` was read as `:`",
                "content/a/2024.md:7:11: the full-width colon `：` after `received` was read as `:`",
                "content/a/2024.md:7:12: the full-width `【` in row `received` was read as `[`",
                "content/a/2024.md:7:25: the full-width number `０` in row `received` was read as `0`",
                "content/a/2024.md:9:14: the full-width number `２６６３` in row `licensing` was read as `2663`",
            ]
        );
    }

    #[test]
    fn chinese_row_labels_are_read_as_their_rows_with_a_note() {
        let with =
            |rows: &str| MINIMAL.replace("---\n\n", &format!("applications:\n{rows}---\n\n"));
        let by_key = read(&with(
            "  received: [1, 0, 0, 0, 0, 0, 1]\n  disclosed: [1, 0, 0, 0, 0, 0, 1]\n",
        ))
        .unwrap();
        let by_label = read(&with("  一、本年新收政府信息公开申请数量: [1, 0, 0, 0, 0, 0, 1]\n  （一）予以公开: [1, 0, 0, 0, 0, 0, 1]\n")).unwrap();
        assert_eq!(by_label.cells, by_key.cells);
        assert_eq!(by_label.source.rows, by_key.source.rows);
        assert_eq!(by_label.source.notes.len(), 2);
        assert_eq!(
            by_label.source.notes[1].help.as_deref(),
            Some("write the row's key, so that the source reads the same everywhere: `disclosed:`")
        );
        assert_eq!(
            messages(&with(
                "  予以公开: [1, 0, 0, 0, 0, 0, 1]\n  disclosed: [1, 0, 0, 0, 0, 0, 1]\n"
            )),
            [
                "content/a/2024.md:8:3: row `disclosed` is written twice, as `予以公开` and as `disclosed` (keep one of the two (the first is on line 7))"
            ]
        );
    }

    #[test]
    fn numbers_not_in_decimal_digits_are_refused_alike() {
        let rows = |written: &str| {
            [
                format!("  licensing: [{written}]"),
                format!("  licensing: {written}  # 许可"),
                format!("  licensing: {{decisions: {written}}}"),
            ]
        };
        for written in [
            "0x10", "0o17", "0b11", "+5", "1e3", "1E3", "017", "1e400", ".inf", "-0x1",
        ] {
            for row in rows(written) {
                let text = MINIMAL.replace("---\n\n", &format!("active:\n{row}\n---\n\n"));
                let errors = messages(&text);
                assert_eq!(errors.len(), 1, "{row}: {errors:?}");
                assert!(
                    errors[0].starts_with("content/a/2024.md:7:")
                        && errors[0].ends_with("(write the number as printed, in decimal digits)"),
                    "{row}: {}",
                    errors[0]
                );
            }
        }
        for written in ["0", "10", "-0", "12.50"] {
            for row in rows(written) {
                let text = MINIMAL.replace("---\n\n", &format!("active:\n{row}\n---\n\n"));
                // A fractional count has its own message, not this one.
                if let Err(errors) = read(&text) {
                    assert!(
                        !errors[0]
                            .help
                            .as_deref()
                            .unwrap_or("")
                            .contains("decimal digits")
                    );
                }
            }
        }
        // serde_yaml reads this one (a single-quoted title): a year in text keeps its message.
        let text_year = messages(
            &MINIMAL
                .replace("year: 2024", "year: 二〇二四")
                .replace("title: 年报", "title: '年报'"),
        );
        assert!(
            text_year[0].contains("the year \"二〇二四\" is not a year"),
            "{text_year:?}"
        );
        let year = messages(&MINIMAL.replace("year: 2024", "year: 0x7E8"));
        assert_eq!(
            year,
            vec![
                "content/a/2024.md:2:1: the year `0x7E8` is not written in decimal digits (write the year in digits, e.g. `year: 2024`)"
            ]
        );
    }

    #[test]
    fn control_characters_and_noncharacters_are_refused_by_key() {
        for (escape, code) in [
            ("\\x1b", "U+001B"),
            ("\\0", "U+0000"),
            ("\\x0b", "U+000B"),
            ("\\x7f", "U+007F"),
            ("\\x9b", "U+009B"),
            ("\\N", "U+0085"),
            ("\\r", "U+000D"),
            ("\\uFFFE", "U+FFFE"),
            ("\\uFDD0", "U+FDD0"),
            ("\\U0010FFFF", "U+10FFFF"),
        ] {
            let text = MINIMAL.replace("title: 年报", &format!("title: \"年{escape}报\""));
            let text = text.replace(
                "---\n\n",
                "applications:\n  procurement: [6, \"x\\ey\"]\n---\n\n",
            );
            let errors = messages(&text);
            assert!(
                errors[0].starts_with("content/a/2024.md:4:1: ")
                    && errors[0].contains(&format!("{code} in `title`")),
                "{escape}: {errors:?}"
            );
            assert!(
                errors[1].starts_with("content/a/2024.md:7:")
                    && errors[1].contains("U+001B in `applications.procurement[1]`"),
                "{escape}: {errors:?}"
            );
        }
        let body = messages(&format!("{MINIMAL}正文\u{1b}[8m隐藏\n"));
        assert_eq!(body.len(), 1);
        assert!(
            body[0].starts_with("content/a/2024.md:9:3: control character U+001B in the narrative"),
            "{body:?}"
        );
        assert!(read(&format!("{MINIMAL}正文\t\r\n\u{200b}\u{202e}\n")).is_ok());
    }

    #[test]
    fn sources_without_front_matter_are_explained() {
        assert_eq!(
            messages(""),
            vec![
                "content/a/2024.md: the source is empty (a report source starts with front matter between two `---` lines; `archive new AGENCY YEAR` writes one to fill in)"
            ]
        );
        assert!(messages("# 年报\n")[0].contains("does not start with front matter"));
        assert!(messages("---\nyear: 2024\n")[0].contains("not closed"));
    }
}
