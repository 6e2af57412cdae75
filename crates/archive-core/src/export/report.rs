//! A report's data file (`data.json`) written straight from the model to the serializer.
//!
//! It was a `serde_json::Value` built for every report and dropped once written: a map entry
//! allocated for every key and value of the three tables, the units, the printed texts and the
//! checks, a tenth of a full build's CPU (docs/benchmarks.md, "Build CPU, second round"). The
//! file is the same byte for byte: a `serde_json::Map` writes its keys in byte order, so every
//! map here is written in that order, from key orders sorted once for the process.

use std::sync::OnceLock;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use super::{SCHEMA_PATH, contradicted_json, original_json, printed_text, rates_json};
use crate::check::{Checks, Rule};
use crate::format::{CellId, TableKey, catalog};
use crate::model::{Archive, Cells, Report};

/// One report's data file, serialized on demand: the report's values, the derived rates and
/// the checks' findings ([`super::report_json`]).
pub struct ReportJson<'a> {
    archive: &'a Archive,
    at: usize,
    checks: &'a Checks,
    base_url: &'a str,
}

impl<'a> ReportJson<'a> {
    /// The data file of the report at `at`; `base_url` ends with `/`.
    pub fn new(archive: &'a Archive, at: usize, checks: &'a Checks, base_url: &'a str) -> Self {
        ReportJson {
            archive,
            at,
            checks,
            base_url,
        }
    }
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = &self.archive.reports[self.at];
        let (checks, at) = (self.checks, self.at);
        let agency = self.archive.agency(&report.agency);
        let originals: Vec<Value> = report.originals.iter().map(original_json).collect();
        let findings: Vec<Value> = checks
            .findings_of(at)
            .map(crate::check::listing::finding_json)
            .collect();
        // The keys in byte order, as the `Value` this replaces wrote them.
        let mut map = serializer.serialize_map(Some(22))?;
        map.serialize_entry("$schema", &format_args!("{}{SCHEMA_PATH}", self.base_url))?;
        map.serialize_entry("active", &TableJson(&report.cells, TableKey::Active))?;
        map.serialize_entry(
            "agency",
            &AgencyJson {
                id: &report.agency,
                name: agency.map(|agency| agency.name.as_str()),
                region: agency.map(|agency| agency.region.as_str()),
            },
        )?;
        map.serialize_entry("appeals", &TableJson(&report.cells, TableKey::Appeals))?;
        map.serialize_entry(
            "applications",
            &TableJson(&report.cells, TableKey::Applications),
        )?;
        map.serialize_entry("checks", &ChecksJson(checks, at))?;
        map.serialize_entry("contradicted", &contradicted_json(checks, at))?;
        map.serialize_entry("findings", &findings)?;
        map.serialize_entry("format", report.format.key())?;
        map.serialize_entry("issuer", &report.issuer)?;
        map.serialize_entry("original_changed", &report.changed_after_publication())?;
        map.serialize_entry("originals", &originals)?;
        map.serialize_entry("printed", &PrintedJson(report))?;
        map.serialize_entry("published", &report.published.map(|date| date.to_string()))?;
        map.serialize_entry("rates", &rates_json(report, checks, at))?;
        map.serialize_entry("source_url", &report.source_url)?;
        map.serialize_entry("title", &report.title)?;
        map.serialize_entry("units", &UnitsJson(report))?;
        map.serialize_entry("year", &report.year)?;
        map.end()
    }
}

/// The report's agency: its id, and its name and region when the archive knows it.
#[derive(Serialize)]
struct AgencyJson<'a> {
    id: &'a str,
    name: Option<&'a str>,
    region: Option<&'a str>,
}

/// One table as row key → column key → value, with the rows and cells the source has.
struct TableJson<'a>(&'a Cells, TableKey);

/// One table of a report as its `data.json` holds it: row key → column key → value, with the
/// rows and cells the source has.
pub fn table_value(cells: &Cells, table: TableKey) -> Value {
    serde_json::to_value(TableJson(cells, table)).expect("a table's JSON has string keys")
}

impl Serialize for TableJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let TableJson(cells, table) = *self;
        let rows = table_order(table).iter().filter(|row| {
            row.columns
                .iter()
                .any(|&(_, id)| cells.get(id).is_present())
        });
        serializer.collect_map(rows.map(|row| (row.key, RowJson(cells, row))))
    }
}

/// One row of a table: column key → value, for the cells the source has.
struct RowJson<'a>(&'a Cells, &'a SortedRow);

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let RowJson(cells, row) = *self;
        serializer.collect_map(
            row.columns
                .iter()
                .map(|&(column, id)| (column, cells.get(id)))
                .filter(|(_, cell)| cell.is_present())
                .map(|(column, cell)| (column, cell.to_json())),
        )
    }
}

/// The unit of each number of the report that has one, by full key (fees in 万元, 采购总金额 in 元).
struct UnitsJson<'a>(&'a Report);

impl Serialize for UnitsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let catalog = catalog();
        let cells = &self.0.cells;
        serializer.collect_map(
            cells_by_path()
                .iter()
                .filter(|&&id| cells.get(id).is_present())
                .filter_map(|&id| {
                    let cell = catalog.cell(id);
                    Some((cell.path(), cell.kind.unit()?.zh))
                }),
        )
    }
}

/// The printed text of each amount read from text (采购总金额 "75394432.52元"), by full key.
struct PrintedJson<'a>(&'a Report);

impl Serialize for PrintedJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let catalog = catalog();
        let cells = &self.0.cells;
        serializer.collect_map(cells_by_path().iter().filter_map(|&id| {
            let printed = printed_text(&cells.get(id))?.to_owned();
            Some((catalog.cell(id).path(), printed))
        }))
    }
}

/// What the checks did on the report, rule by rule (passed, failed, not checkable).
struct ChecksJson<'a>(&'a Checks, usize);

impl Serialize for ChecksJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ChecksJson(checks, at) = *self;
        let results = checks.of_report(at);
        serializer.collect_map(rules_by_id().iter().map(|&rule| {
            let counts = results.counts(&[rule]);
            let counts = CountsJson {
                failed: counts.failed,
                not_checkable: counts.not_checkable,
                passed: counts.passed,
            };
            (rule.id(), counts)
        }))
    }
}

/// One rule's checks on a report (its fields in byte order).
#[derive(Serialize)]
struct CountsJson {
    failed: usize,
    not_checkable: usize,
    passed: usize,
}

/// A table's row with its columns, both in byte order of their keys.
struct SortedRow {
    key: &'static str,
    columns: Vec<(&'static str, CellId)>,
}

/// A table's rows and their columns in the order their keys are written.
fn table_order(table: TableKey) -> &'static [SortedRow] {
    static ORDERS: OnceLock<[Vec<SortedRow>; 3]> = OnceLock::new();
    // `TableKey::ALL` is in the order of the keys' values, as `table as usize` indexes it.
    let orders = ORDERS.get_or_init(|| TableKey::ALL.map(sorted_rows));
    &orders[table as usize]
}

fn sorted_rows(table: TableKey) -> Vec<SortedRow> {
    let catalog = catalog();
    let mut rows: Vec<SortedRow> = catalog
        .row_keys(table)
        .map(|key| {
            let mut columns: Vec<(&'static str, CellId)> = catalog
                .row_cells(table, key)
                .iter()
                .map(|&id| (catalog.cell(id).column, id))
                .collect();
            columns.sort_by_key(|&(column, _)| column);
            SortedRow { key, columns }
        })
        .collect();
    rows.sort_by_key(|row| row.key);
    rows
}

/// Every cell of the catalog, by its full key in byte order.
fn cells_by_path() -> &'static [CellId] {
    static ORDER: OnceLock<Vec<CellId>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let catalog = catalog();
        let mut ids: Vec<CellId> = catalog.entries().map(|(id, _)| id).collect();
        ids.sort_by_key(|&id| catalog.cell(id).path());
        ids
    })
}

/// Every rule, by its id in byte order (`R1` … `R9`).
fn rules_by_id() -> &'static [Rule] {
    static ORDER: OnceLock<Vec<Rule>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let mut rules = Rule::ALL.to_vec();
        rules.sort_by_key(|rule| rule.id());
        rules
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn absent_rows_are_left_out_of_a_tables_json() {
        let mut cells = Cells::default();
        let id = catalog()
            .find(TableKey::Applications, "other_handling", "total")
            .unwrap();
        cells.set(id, crate::model::Cell::Blank);
        let json = table_value(&cells, TableKey::Applications);
        assert_eq!(json.as_object().unwrap().len(), 1);
        assert_eq!(json["other_handling"]["total"], Value::Null);
    }
    use super::*;
    use crate::config::Deadlines;
    use crate::decimal::Decimal;
    use crate::format::FormatId;
    use crate::model::{AgencyKind, Cell};
    use crate::testing::{TestArchive, TestReport};

    /// The file as written, and the same data read back into a `serde_json::Value` (whose maps
    /// keep their keys in byte order) and written again: equal only if every map here is
    /// written in that order, as the `Value` this module replaced wrote it.
    fn written_and_sorted(archive: &Archive, at: usize) -> (String, String) {
        let checks = Checks::run(archive, &Deadlines::default());
        let json = ReportJson::new(archive, at, &checks, "https://example.org/");
        let written = serde_json::to_string(&json).unwrap();
        let value = serde_json::to_value(&json).unwrap();
        (written, value.to_string())
    }

    #[test]
    fn every_map_is_written_with_its_keys_in_byte_order() {
        let archive = TestArchive::new()
            .agency("a", AgencyKind::Department, "fujian")
            .report(TestReport::new("a", 2020, FormatId::Gb2021).cells(&[
                (
                    "active.fees.amount",
                    Cell::Amount(Decimal::parse("24252.31").unwrap()),
                ),
                ("applications.received.total", Cell::Count(10)),
                // A total its rows contradict: named under `contradicted` and in the rates.
                ("applications.disclosed.total", Cell::Count(30)),
            ]))
            .report(TestReport::new("a", 2021, FormatId::Gb2019).blank())
            // An agency the archive does not know: its name and region are null.
            .report(
                TestReport::new("unknown", 2022, FormatId::Gb2019)
                    .cells(&[("active.procurement.amount", Cell::text("75394432.52元"))]),
            )
            .build();
        for at in 0..archive.reports.len() {
            let (written, sorted) = written_and_sorted(&archive, at);
            assert_eq!(written, sorted, "report {at}");
        }
        let (first, _) = written_and_sorted(&archive, 0);
        let value: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(value["active"]["fees"]["amount"], 24252.31);
        assert_eq!(value["units"]["active.fees.amount"], "万元");
        assert!(value["checks"]["R1"]["passed"].is_u64());
        let (unknown, _) = written_and_sorted(&archive, 2);
        let value: Value = serde_json::from_str(&unknown).unwrap();
        assert_eq!(value["agency"]["name"], Value::Null);
        assert_eq!(
            value["printed"]["active.procurement.amount"],
            "75394432.52元"
        );
    }
}
