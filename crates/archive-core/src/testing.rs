//! The unit tests' one way to make reports and archives. A test report is written as a source,
//! the way an editor types one, and read by the real reader: it is a report `load` accepts, with
//! the lines of its rows and fields.

use std::path::PathBuf;

use crate::compare::rates::cell_id;
use crate::format::{CellId, FormatId, RowDef, TableKey, catalog};
use crate::model::{Agency, AgencyKind, Archive, Cell, Report};
use crate::source::yaml_cell;

/// A narrative with the six sections; section 六 states the fee.
pub(crate) const BODY: &str = "\n## 一、总体情况\n\n本年度情况良好。\n\n## 二、主动公开政府信息情况\n\n## 三、收到和处理政府信息公开申请情况\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n## 五、存在的主要问题及改进情况\n\n问题与改进。\n\n## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n";

/// A report source of one agency and year: every row of its template version written as a list,
/// each value 0 unless set; no publication date; the narrative [`BODY`].
pub(crate) struct TestReport {
    agency: String,
    year: u16,
    format: FormatId,
    published: String,
    /// (table key, row key, the row as written): rows replaced or added; `-` leaves a row out.
    rows: Vec<(String, String, String)>,
    /// Values of the template's rows other than the one every unset value has.
    cells: Vec<(CellId, Cell)>,
    unset: Cell,
    body: String,
}

impl TestReport {
    pub(crate) fn new(agency: &str, year: u16, format: FormatId) -> TestReport {
        TestReport {
            agency: agency.to_owned(),
            year,
            format,
            published: "~".to_owned(),
            rows: Vec::new(),
            cells: Vec::new(),
            unset: Cell::Count(0),
            body: BODY.to_owned(),
        }
    }

    /// The publication date as written (`2024-01-31`, `~`).
    pub(crate) fn published(mut self, date: &str) -> TestReport {
        date.clone_into(&mut self.published);
        self
    }

    /// Rows written as given, `("applications", "received", "[1, 0, 0, 0, 0, 0, 1]")`, in place
    /// of the template's row or after the template's rows; a value of `-` leaves the row out.
    pub(crate) fn rows(mut self, rows: &[(&str, &str, &str)]) -> TestReport {
        for &(table, row, value) in rows {
            self.rows
                .push((table.to_owned(), row.to_owned(), value.to_owned()));
        }
        self
    }

    /// Cells of the template by full key (`applications.received.total`), each value in its
    /// place in its row's list.
    pub(crate) fn cells(mut self, values: &[(&str, Cell)]) -> TestReport {
        for (key, value) in values {
            let id = cell_id(key);
            assert!(
                crate::format::catalog()
                    .cell(id)
                    .formats
                    .contains(&self.format),
                "{key} is not a cell of {}: write its row with `rows`",
                self.format
            );
            assert!(
                *value != Cell::Absent,
                "{key}: leave a row out with `rows` and `-`"
            );
            self.cells.push((id, value.clone()));
        }
        self
    }

    /// Every value not set is blank (`~`) instead of 0.
    pub(crate) fn blank(mut self) -> TestReport {
        self.unset = Cell::Blank;
        self
    }

    /// The narrative, in place of [`BODY`].
    pub(crate) fn body(mut self, body: &str) -> TestReport {
        body.clone_into(&mut self.body);
        self
    }

    /// The source text.
    pub(crate) fn source(&self) -> String {
        let (year, format) = (self.year, self.format);
        let mut text = format!(
            "---\nyear: {year}\nformat: {format}\ntitle: 测试{year}年报告\npublished: {}\n",
            self.published
        );
        for table in &format.template().tables {
            let table_key = table.key.key();
            text.push_str(&format!("{table_key}:\n"));
            for row in table.rows() {
                let value = self
                    .given_row(table_key, row.key)
                    .map_or_else(|| self.listed_row(table.key, row), str::to_owned);
                if value != "-" {
                    text.push_str(&format!("  {}: {value}\n", row.key));
                }
            }
            for (t, r, value) in &self.rows {
                if t == table_key && !table.rows().any(|row| row.key == r) && value != "-" {
                    text.push_str(&format!("  {r}: {value}\n"));
                }
            }
        }
        text.push_str("---\n");
        text.push_str(&self.body);
        text
    }

    /// A row written as given with `rows`.
    fn given_row(&self, table: &str, row: &str) -> Option<&str> {
        self.rows
            .iter()
            .find(|(t, r, _)| t == table && r == row)
            .map(|(_, _, value)| value.as_str())
    }

    /// A template row as a list: each value set with `cells`, or the unset value.
    fn listed_row(&self, table: TableKey, row: &RowDef) -> String {
        let values: Vec<String> = row
            .columns
            .iter()
            .map(|column| {
                let id = catalog().find(table, row.key, column.key);
                let set = self.cells.iter().find(|(set, _)| Some(*set) == id);
                yaml_cell(set.map_or(&self.unset, |(_, value)| value))
            })
            .collect();
        format!("[{}]", values.join(", "))
    }

    /// The report, as `load` reads its source at `content/<agency>/<year>.md`.
    pub(crate) fn read(&self) -> Report {
        let file = PathBuf::from(format!("content/{}/{}.md", self.agency, self.year));
        let text = self.source();
        crate::load::read_report(&file, &text, &self.agency, 2100)
            .unwrap_or_else(|errors| panic!("{errors:#?}\n{text}"))
    }
}

/// Agencies and their test reports, made an [`Archive`] sorted as `load` sorts one.
#[derive(Default)]
pub(crate) struct TestArchive {
    agencies: Vec<Agency>,
    reports: Vec<TestReport>,
}

impl TestArchive {
    pub(crate) fn new() -> TestArchive {
        TestArchive::default()
    }

    /// An agency named `<id>机关`; `region` is a region path, or empty.
    pub(crate) fn agency(mut self, id: &str, kind: AgencyKind, region: &str) -> TestArchive {
        self.agencies.push(Agency {
            id: id.to_owned(),
            name: format!("{id}机关"),
            aliases: Vec::new(),
            kind,
            region: region.to_owned(),
            website: None,
        });
        self
    }

    pub(crate) fn report(mut self, report: TestReport) -> TestArchive {
        self.reports.push(report);
        self
    }

    pub(crate) fn build(self) -> Archive {
        let mut agencies = self.agencies;
        agencies.sort_by(|a, b| a.id.cmp(&b.id));
        let mut reports: Vec<Report> = self.reports.iter().map(TestReport::read).collect();
        reports.sort_by(|a, b| (&a.agency, a.year).cmp(&(&b.agency, b.year)));
        Archive {
            agencies,
            regions: Vec::new(),
            reports,
        }
    }
}
