//! Open data: each report's JSON (its values, derived rates and findings), the JSON Schema that
//! documents it, and the CSV downloads — long (one value a line, gzipped: each line repeats the
//! agency, region and keys) per year and for the whole archive, wide (one report a line, plain:
//! what people open in a spreadsheet) per year.
//!
//! The schema is generated from the format data, like the pages and the checks, so it cannot
//! drift from the files it describes. CSV files are UTF-8 with a byte-order mark, so that Excel
//! opens the Chinese text correctly; a blank cell is an empty field, never 0. `docs/data.md`
//! describes every column and field.

use std::borrow::Cow;

use serde_json::{Map, Value, json};

use crate::check::{Checks, Detail, Rule, sum_of};
use crate::compare::figure_order;
use crate::compare::rates::{RATES, RateOutcome};
use crate::decimal::Decimal;
use crate::format::{FormatId, TableKey, ValueKind, catalog};
use crate::index::Index;
use crate::model::{Archive, Cell, Difference, Original, Report, yuan_of};

pub mod long;
mod report;
pub use long::MemberCache;
pub use report::{ReportJson, table_value};

/// The columns of the long CSV files, in order: `unit` for amounts, `printed` for an amount read
/// from printed text (采购总金额), and the last two for a printed total its own rows contradict
/// (the rule that found it, and what its rows add up to).
pub const LONG_COLUMNS: [&str; 13] = [
    "agency_id",
    "agency",
    "region",
    "year",
    "format",
    "table",
    "row",
    "column",
    "value",
    "unit",
    "printed",
    "contradicted_rule",
    "parts_sum",
];

/// The columns that start every line of a wide CSV file; the cells' full keys follow.
pub const WIDE_COLUMNS: [&str; 5] = ["agency_id", "agency", "region", "year", "format"];

/// The byte-order mark every CSV file starts with.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// The schema's address below the site's root.
pub const SCHEMA_PATH: &str = "data/report.schema.json";

/// What a data file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataKind {
    /// Every value of every report, one a line.
    LongArchive,
    /// Every value of one year's reports, one a line (gzipped).
    LongYear(u16),
    /// One year's reports, one agency a line.
    WideYear(u16),
    /// The JSON Schema of the reports' data files.
    Schema,
    /// Every finding of the checks, one a line, in Chinese and English.
    Findings,
}

impl DataKind {
    /// The file's path below the site's root.
    pub fn path(self) -> String {
        match self {
            DataKind::Schema => SCHEMA_PATH.to_owned(),
            DataKind::LongArchive => "data/archive-long.csv.gz".to_owned(),
            DataKind::Findings => FINDINGS_PATH.to_owned(),
            DataKind::LongYear(year) => format!("data/{year}-long.csv.gz"),
            DataKind::WideYear(year) => format!("data/{year}-wide.csv"),
        }
    }
}

/// Where the findings CSV is, below the site's root.
pub const FINDINGS_PATH: &str = "data/findings.csv";

/// The archive-wide data files an archive has: the schema, the long CSV of the whole archive,
/// the findings, then each year's long and wide CSV, newest year first.
pub fn data_kinds(index: &Index) -> Vec<DataKind> {
    let mut kinds = vec![DataKind::Schema, DataKind::LongArchive, DataKind::Findings];
    for &year in index.years.keys().rev() {
        kinds.extend([DataKind::LongYear(year), DataKind::WideYear(year)]);
    }
    kinds
}

/// Writes one archive-wide data file to `out`, streamed: the long CSV of 100,000 reports runs
/// to gigabytes, and is never held in memory whole. `base_url` ends with `/`. The long CSV
/// files are made of gzip members, taken from `members` when it has them (see [`long`]).
pub fn write_data_file(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    kind: DataKind,
    base_url: &str,
    members: Option<&MemberCache>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match kind {
        DataKind::Schema => {
            serde_json::to_writer_pretty(&mut *out, &schema(base_url))?;
            out.write_all(b"\n")
        }
        DataKind::LongArchive => long::write_archive(archive, index, checks, members, out),
        DataKind::Findings => write_findings_csv(checks, out),
        DataKind::LongYear(year) => long::write_year(archive, index, checks, year, members, out),
        DataKind::WideYear(year) => write_wide_csv(
            archive,
            checks,
            index.years.get(&year).map_or(&[], Vec::as_slice),
            out,
        ),
    }
}

/// The findings CSV's columns: where the finding is, its stable rule id, the keys of its cells
/// (this report's, then `year:key` for the year before's), the two sums it compares (empty for
/// the rules that compare no sums), and its message in both languages.
const FINDINGS_COLUMNS: [&str; 13] = [
    "agency",
    "year",
    "rule",
    "severity",
    "subject",
    "cells",
    "left_total",
    "right_total",
    "numbers",
    "message_zh",
    "message_en",
    "file",
    "line",
];

/// Every finding, one a line, in the order of [`Checks::findings`] (by report, then line).
fn write_findings_csv(checks: &Checks, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut writer = csv_writer(out)?;
    writer.write_record(FINDINGS_COLUMNS)?;
    for finding in &checks.findings {
        let cells: Vec<String> = finding
            .cells
            .iter()
            .map(|cell| {
                if cell.year == finding.year {
                    cell.field.key().to_owned()
                } else {
                    format!("{}:{}", cell.year, cell.field.key())
                }
            })
            .collect();
        let (left_total, right_total) = match &finding.detail {
            Detail::Sums { left, right } => (sum_of(left).to_string(), sum_of(right).to_string()),
            _ => (String::new(), String::new()),
        };
        let numbers = crate::check::listing::detail_json(&finding.detail).to_string();
        writer.write_record([
            spreadsheet_text(&finding.agency).as_ref(),
            &finding.year.to_string(),
            finding.rule.id(),
            finding.severity().key(),
            &finding.subject.key(),
            &cells.join(" "),
            &left_total,
            &right_total,
            &numbers,
            &spreadsheet_text(&finding.message.zh),
            &spreadsheet_text(&finding.message.en),
            &spreadsheet_text(&finding.file.to_string_lossy().replace('\\', "/")),
            &finding
                .line
                .map(|line| line.to_string())
                .unwrap_or_default(),
        ])?;
    }
    writer.flush()
}

/// The gzip level of the long CSV files' members, fixed so that the same archive gives the same
/// bytes. Level 4, not zlib's default 6: at 10,000 reports 6 spent about a tenth of a full
/// build's user time searching for matches, and 4 cuts the build's user time by 6-9 % for files
/// 3.4 % larger (0.06 KB a report; docs/benchmarks.md, "a full build's CPU, second round").
pub const GZIP_LEVEL: u32 = 4;

/// A cell as a CSV field: the value as printed, exactly (a text amount as its number in 元), ""
/// for a blank cell; `None` for a cell the report does not have.
pub fn field(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Absent => None,
        Cell::Blank => Some(String::new()),
        Cell::Text(text) => Some(yuan_of(text).map_or_else(
            || spreadsheet_text(text).into_owned(),
            |yuan| yuan.to_string(),
        )),
        Cell::Count(_) | Cell::Change(_) | Cell::Amount(_) => Some(cell.to_string()),
    }
}

/// A text cell read as an amount: its printed text, kept beside the number.
fn printed_text(cell: &Cell) -> Option<&str> {
    match cell {
        Cell::Text(text) if yuan_of(text).is_some() => Some(text),
        _ => None,
    }
}

/// Text as a CSV field that a spreadsheet shows as text: one that starts like a formula (`=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so that Excel or
/// LibreOffice never runs a source's text as a formula (CSV injection). Numbers are never text
/// fields, so a negative change keeps its sign.
pub fn spreadsheet_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The rows of the report at `at`, one value a line, in the order comparisons list figures
/// (after the header [`long::header_member`] writes).
fn write_long_rows<W: std::io::Write>(
    archive: &Archive,
    checks: &Checks,
    at: usize,
    writer: &mut csv::Writer<W>,
) -> std::io::Result<()> {
    let catalog = catalog();
    let report = &archive.reports[at];
    let (name, region) = agency_fields(archive, report);
    let year = report.year.to_string();
    // Looked up once a report, not once a cell: most reports have none.
    let contradictions: Vec<_> = checks.contradicted_totals(at).collect();
    for id in figure_order() {
        let held = report.cells.get(id);
        let Some(value) = field(&held) else {
            continue;
        };
        let cell = catalog.cell(id);
        let unit = match held {
            Cell::Blank => "",
            _ => cell.kind.unit().map_or("", |unit| unit.zh),
        };
        let printed = printed_text(&held).map(spreadsheet_text);
        let contradiction = contradictions.iter().find(|total| total.cell == id);
        let rule = contradiction.map_or("", |total| total.rule.id());
        let parts = contradiction.map_or_else(String::new, |total| total.parts.to_string());
        writer.write_record([
            report.agency.as_str(),
            &name,
            &region,
            &year,
            report.format.key(),
            cell.table.key(),
            cell.row,
            cell.column,
            &value,
            unit,
            printed.as_deref().unwrap_or_default(),
            rule,
            &parts,
        ])?;
    }
    Ok(())
}

/// One line per report of `reports` (one year's), one column per cell that any of them has.
fn write_wide_csv(
    archive: &Archive,
    checks: &Checks,
    reports: &[usize],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let catalog = catalog();
    let columns: Vec<_> = figure_order()
        .into_iter()
        .filter(|&id| {
            reports
                .iter()
                .any(|&at| archive.reports[at].cells.get(id).is_present())
        })
        .collect();
    let mut writer = csv_writer(out)?;
    let header: Vec<&str> = WIDE_COLUMNS
        .iter()
        .copied()
        .chain(columns.iter().map(|&id| catalog.cell(id).path()))
        .chain([WIDE_CONTRADICTED])
        .collect();
    writer.write_record(&header)?;
    for &at in reports {
        let report = &archive.reports[at];
        let (name, region) = agency_fields(archive, report);
        let mut record: Vec<String> = vec![
            report.agency.clone(),
            name.into_owned(),
            region.into_owned(),
            report.year.to_string(),
            report.format.key().to_owned(),
        ];
        record.extend(
            columns
                .iter()
                .map(|&id| field(&report.cells.get(id)).unwrap_or_default()),
        );
        record.push(contradicted_field(checks, at));
        writer.write_record(&record)?;
    }
    writer.flush()
}

/// The wide form's last column: the report's printed totals its own rows contradict.
pub const WIDE_CONTRADICTED: &str = "contradicted";

/// Each printed total of the report at `at` its rows contradict, as `key=parts_sum` (the rule is
/// in the long form and the findings CSV), separated by spaces; empty for none.
fn contradicted_field(checks: &Checks, at: usize) -> String {
    checks
        .contradicted_totals(at)
        .map(|total| format!("{}={}", catalog().cell(total.cell).path(), total.parts))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn csv_writer(
    out: &mut dyn std::io::Write,
) -> std::io::Result<csv::Writer<&mut dyn std::io::Write>> {
    out.write_all(BOM)?;
    Ok(csv_builder().from_writer(out))
}

/// How every CSV file is written: lines ended by CRLF (what Excel writes).
fn csv_builder() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::CRLF);
    builder
}

/// The agency's name and region of a report, as CSV fields.
pub(crate) fn agency_fields<'a>(
    archive: &'a Archive,
    report: &'a Report,
) -> (Cow<'a, str>, Cow<'a, str>) {
    archive
        .agency(&report.agency)
        .map_or((Cow::Borrowed(""), Cow::Borrowed("")), |agency| {
            (
                spreadsheet_text(&agency.name),
                spreadsheet_text(&agency.region),
            )
        })
}

/// The report's data file: every table value under the spec's keys (null for a blank cell), the
/// derived rates and the checks' findings. `at` is the report's position; `base_url` ends with
/// `/`. Last year's values and the changes are left out (issue 16: they were 15 KB of a 19 KB
/// file): the year before's data file and the CSV files give them.
pub fn report_json<'a>(
    archive: &'a Archive,
    at: usize,
    checks: &'a Checks,
    base_url: &'a str,
) -> ReportJson<'a> {
    ReportJson::new(archive, at, checks, base_url)
}

/// An archived original: its record, and where it differs from the report's values.
fn original_json(original: &Original) -> Value {
    let differences: Vec<Value> = original
        .differences
        .iter()
        .map(|difference| match difference {
            Difference::Cell {
                id,
                source,
                original,
            } => json!({
                "cell": catalog().cell(*id).path(),
                "source": source.to_json(),
                "original": original.to_json(),
            }),
            Difference::Section { number } => json!({ "section": number }),
        })
        .collect();
    json!({
        "archived_as": original.published_name(),
        "name": original.name,
        "sha256": original.sha256,
        "size": original.size,
        "media_type": original.media_type,
        "url": original.url,
        "retrieved": original.retrieved.to_string(),
        "differences": differences,
    })
}

/// The report's printed totals its own rows contradict, by full key: each stays as printed in
/// its table, and is named here with the rule that found it and what its rows add up to.
fn contradicted_json(checks: &Checks, at: usize) -> Value {
    let totals: Map<String, Value> = checks
        .contradicted_totals(at)
        .map(|total| {
            (
                catalog().cell(total.cell).path().to_owned(),
                json!({"rule": total.rule.id(), "printed": total.printed, "parts": total.parts}),
            )
        })
        .collect();
    Value::Object(totals)
}

fn rates_json(report: &Report, checks: &Checks, at: usize) -> Value {
    let catalog = catalog();
    let rates: Map<String, Value> = RATES
        .iter()
        .map(|rate| {
            let contradicted: Vec<&str> = rate
                .inputs()
                .into_iter()
                .filter(|&cell| checks.contradicted_total(at, cell).is_some())
                .map(|cell| catalog.cell(cell).path())
                .collect();
            let mut value = match rate.compute(&report.cells) {
                outcome @ RateOutcome::Value {
                    numerator,
                    denominator,
                } => json!({
                    "value": outcome.fraction().map(Decimal::to_json),
                    "numerator": numerator,
                    "denominator": denominator,
                    "blank": [],
                }),
                RateOutcome::ZeroDenominator { numerator } => json!({
                    "value": null,
                    "numerator": numerator,
                    "denominator": 0,
                    "blank": [],
                }),
                RateOutcome::Blank(cells) => json!({
                    "value": null,
                    "numerator": null,
                    "denominator": null,
                    "blank": cells.iter().map(|&id| catalog.cell(id).path()).collect::<Vec<_>>(),
                }),
            };
            value["contradicted"] = json!(contradicted);
            (rate.key.to_owned(), value)
        })
        .collect();
    Value::Object(rates)
}

/// The JSON Schema (draft 2020-12) of the reports' data files, generated from the format data.
pub fn schema(base_url: &str) -> Value {
    let tables = table_schemas();
    let rates = rate_schemas();
    let nullable_string = json!({"type": ["string", "null"]});
    let agency = closed_object(json!({
        "id": {"type": "string"},
        "name": nullable_string,
        "region": nullable_string,
    }));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{base_url}{SCHEMA_PATH}"),
        "title": "政府信息公开工作年度报告 — one report's data",
        "description": "One annual report's table values under the archive's stable keys, its derived rates and the checks' findings. Last year's values are in the same agency's data file of the year before, and in the CSV files. Generated from the template definitions.",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "agency": required(agency, &["id", "name", "region"]),
            "year": {"type": "integer"},
            "format": format_schema(),
            "title": {"type": "string"},
            "published": {"type": ["string", "null"], "format": "date"},
            "issuer": nullable_string,
            "source_url": nullable_string,
            "originals": originals_schema(),
            "original_changed": described(json!({"type": "boolean"}), "原文已变更: the agency published another file after the first one was archived"),
            "active": tables["active"],
            "applications": tables["applications"],
            "appeals": tables["appeals"],
            "units": described(
                json!({"type": "object", "additionalProperties": {"enum": ["万元", "元"]}}),
                "the unit of each number that has one, by full key: fees (active.fees.amount) in 万元, 采购总金额 (active.procurement.amount) in 元",
            ),
            "printed": described(
                json!({"type": "object", "additionalProperties": {"type": "string"}}),
                "the printed text of each amount the table gives as a number read from it (采购总金额 \"75394432.52元\" → 75394432.52 元), by full key",
            ),
            "contradicted": contradicted_schema(),
            "checks": checks_schema(),
            "rates": closed_object(rates),
            "findings": findings_schema(),
        },
        "required": [
            "agency", "year", "format", "title", "published", "originals", "original_changed",
            "active", "applications", "appeals", "units", "printed", "contradicted", "rates", "checks", "findings"
        ],
        "additionalProperties": false,
    })
}

/// The checks' counts, by rule.
fn checks_schema() -> Value {
    let count = json!({"type": "integer", "minimum": 0});
    let counts = required(
        closed_object(json!({"passed": count, "failed": count, "not_checkable": count})),
        &["passed", "failed", "not_checkable"],
    );
    let rules: Map<String, Value> = Rule::ALL
        .into_iter()
        .map(|rule| (rule.id().to_owned(), counts.clone()))
        .collect();
    let ids: Vec<&str> = Rule::ALL.into_iter().map(Rule::id).collect();
    described(
        required(closed_object(rules), &ids),
        "each rule's checks on the report: passed, failed (a finding each) and not checkable (blank cells, or no date); all 0 where the rule does not apply (docs/check.md)",
    )
}

/// The report's contradicted totals, by full key.
fn contradicted_schema() -> Value {
    let total = required(
        closed_object(json!({
            "rule": {"enum": ["R2", "R3", "R4"]},
            "printed": {"type": "integer"},
            "parts": {"type": "integer"},
        })),
        &["rule", "printed", "parts"],
    );
    described(
        json!({"type": "object", "additionalProperties": total}),
        "printed totals the report's own rows contradict (an R2–R4 finding), by full key: the table keeps the value as printed; `parts` is what its rows add up to (docs/data.md)",
    )
}

/// The archived originals: each file's record and its differences from the report's values.
fn originals_schema() -> Value {
    let cell_value = json!({"type": ["number", "string", "null"]});
    let difference = json!({"oneOf": [
        required(closed_object(json!({
            "cell": {"type": "string"},
            "source": cell_value,
            "original": cell_value,
        })), &["cell", "source", "original"]),
        required(closed_object(json!({"section": {"type": "integer", "minimum": 1, "maximum": 6}})), &["section"]),
    ]});
    let original = closed_object(json!({
        "archived_as": described(json!({"type": "string"}), "the archived copy's file name, beside the report's page"),
        "name": {"type": "string"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "size": {"type": "integer", "minimum": 0},
        "media_type": {"type": "string"},
        "url": {"type": ["string", "null"]},
        "retrieved": {"type": "string", "format": "date-time"},
        "differences": {"type": "array", "items": difference},
    }));
    described(
        json!({"type": "array", "items": required(original, &["archived_as", "name", "sha256", "size", "media_type", "url", "retrieved", "differences"])}),
        "the published files kept with the report, oldest first (empty for a report typed in by hand)",
    )
}

/// An object schema with these properties and no others.
fn closed_object(properties: impl Into<Value>) -> Value {
    json!({"type": "object", "properties": properties.into(), "additionalProperties": false})
}

/// `schema` with its description.
fn described(mut schema: Value, description: impl Into<Value>) -> Value {
    schema["description"] = description.into();
    schema
}

/// `schema` with the properties it requires.
fn required(mut schema: Value, properties: &[&str]) -> Value {
    schema["required"] = json!(properties);
    schema
}

fn format_schema() -> Value {
    json!({"enum": FormatId::ALL.map(FormatId::key)})
}

/// Each table's schema, by table key.
fn table_schemas() -> Map<String, Value> {
    let mut tables = Map::new();
    for table in TableKey::ALL {
        let rows: Map<String, Value> = catalog()
            .row_keys(table)
            .map(|row| (row.to_owned(), row_schema(table, row)))
            .collect();
        let heading = FormatId::Gb2021.template().table(table).heading.zh;
        let description = format!(
            "{heading}: row key → column key → value; null for a blank cell; a row the report does not have is left out"
        );
        tables.insert(
            table.key().to_owned(),
            described(closed_object(rows), description),
        );
    }
    tables
}

/// A row's schema: its cells' values.
fn row_schema(table: TableKey, row: &str) -> Value {
    let catalog = catalog();
    let mut columns = Map::new();
    for &id in catalog.row_cells(table, row) {
        let cell = catalog.cell(id);
        let description = format!(
            "{} ({})",
            column_label(table, row, cell.column),
            format_keys(cell.formats.iter().copied())
        );
        columns.insert(
            cell.column.to_owned(),
            described(value_schema(cell.kind), description),
        );
    }
    described(closed_object(columns), row_description(table, row))
}

/// A row's groups and label, and the versions that have it.
fn row_description(table: TableKey, row: &str) -> String {
    let definition = catalog().row_def(table, row).expect("a row of the catalog");
    let formats = FormatId::ALL
        .into_iter()
        .filter(|format| format.template().row(table, row).is_some());
    let path = definition
        .groups
        .iter()
        .map(|group| group.zh)
        .chain([definition.label.zh])
        .collect::<Vec<_>>()
        .join(" › ");
    format!("{path} ({})", format_keys(formats))
}

/// A column's label, from the first version whose row has the column.
fn column_label(table: TableKey, row: &str, column: &str) -> &'static str {
    FormatId::ALL
        .into_iter()
        .filter_map(|format| format.template().row(table, row))
        .flat_map(|row| row.columns.iter())
        .find(|candidate| candidate.key == column)
        .map_or("", |candidate| candidate.label.zh)
}

fn format_keys(formats: impl Iterator<Item = FormatId>) -> String {
    formats.map(FormatId::key).collect::<Vec<_>>().join(", ")
}

/// Each derived rate's schema, by rate key.
fn rate_schemas() -> Map<String, Value> {
    let mut rates = Map::new();
    for rate in &RATES {
        let description = format!(
            "{}: {} = ({}) / ({})",
            rate.name.zh,
            rate.description.zh,
            rate.numerator.join(" + "),
            rate.denominator.join(" + ")
        );
        let value = closed_object(json!({
            "value": {"type": ["number", "null"], "minimum": 0, "description": "numerator / denominator, a fraction; null when the denominator is 0 or an input is blank"},
            "numerator": {"type": ["integer", "null"], "minimum": 0},
            "denominator": {"type": ["integer", "null"], "minimum": 0},
            "blank": {"type": "array", "items": {"type": "string"}, "description": "the inputs left blank (full keys)"},
            "contradicted": {"type": "array", "items": {"type": "string"}, "description": "the inputs that are printed totals their own rows contradict (full keys): the rate uses them as printed"},
        }));
        rates.insert(
            rate.key.to_owned(),
            described(
                required(
                    value,
                    &["value", "numerator", "denominator", "blank", "contradicted"],
                ),
                description,
            ),
        );
    }
    rates
}

fn findings_schema() -> Value {
    json!({
        "type": "array",
        "description": "the checks' findings on the report (docs/check.md)",
        "items": {
            "type": "object",
            "properties": {
                "rule": {"type": "string"},
                "severity": {"enum": ["error", "warning"]},
                "subject": {"type": "string"},
                "cells": {"type": "array", "items": {"type": "string"}},
                "previous_year": {
                    "type": "object",
                    "properties": {
                        "year": {"type": "integer"},
                        "cells": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "message": {"type": "string"},
            },
            "required": ["rule", "severity", "subject", "cells", "message"],
        },
    })
}

fn value_schema(kind: ValueKind) -> Value {
    match kind {
        ValueKind::Count => json!({"type": ["integer", "null"], "minimum": 0}),
        ValueKind::Amount => json!({"type": ["number", "null"], "minimum": 0}),
        ValueKind::Change => json!({"type": ["integer", "null"]}),
        ValueKind::Text => json!({
            "type": ["number", "string", "null"],
            "description": "a number in 元 read from the printed text (kept in `printed`); the text itself when it is not an amount",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_an_empty_field_and_absent_is_no_line() {
        assert_eq!(field(&Cell::Blank), Some(String::new()));
        assert_eq!(field(&Cell::Absent), None);
        assert_eq!(field(&Cell::Count(0)).as_deref(), Some("0"));
        assert_eq!(field(&Cell::Change(-18)).as_deref(), Some("-18"));
        let amount = |text: &str| Cell::Amount(Decimal::parse(text).unwrap());
        assert_eq!(field(&amount("7545")).as_deref(), Some("7545"));
        assert_eq!(
            field(&amount("24252.311082")).as_deref(),
            Some("24252.311082")
        );
        // A text amount is written as its number in 元; its text goes in the `printed` column.
        assert_eq!(field(&Cell::text("251000元")).as_deref(), Some("251000"));
        assert_eq!(field(&Cell::text("7.5万元")).as_deref(), Some("75000"));
        assert_eq!(field(&Cell::text("约75万")).as_deref(), Some("约75万"));
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_written_as_text() {
        for formula in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(spreadsheet_text(formula), format!("'{formula}"));
        }
        for plain in ["平潭综合实验区", "75394432.52元", "", "1=1"] {
            assert_eq!(spreadsheet_text(plain), plain);
        }
        // A negative change is a number, not text: it keeps its sign.
        assert_eq!(field(&Cell::Change(-18)).as_deref(), Some("-18"));
        assert_eq!(
            field(&Cell::text("=HYPERLINK(\"x\")")).as_deref(),
            Some("'=HYPERLINK(\"x\")")
        );
    }

    #[test]
    fn the_schema_names_every_cell_of_both_versions() {
        let schema = schema("https://example.org/");
        let mut named = 0;
        for table in TableKey::ALL {
            let rows = &schema["properties"][table.key()]["properties"];
            for row in rows.as_object().unwrap().values() {
                named += row["properties"].as_object().unwrap().len();
            }
        }
        assert_eq!(named, catalog().len());
        assert_eq!(
            schema["properties"]["active"]["properties"]["fees"]["properties"]["amount"]["type"],
            json!(["number", "null"])
        );
        assert_eq!(schema["$id"], "https://example.org/data/report.schema.json");
    }
}
