//! The coverage grid: every agency × every year, and whether its report came on time.

use serde::Serialize;

use super::CompareViews;
use archive_core::check::Checks;
use archive_core::compare::{Coverage, coverage};

/// One cell of the coverage grid.
#[derive(Debug, Serialize)]
pub(in crate::render) struct CoverageCell {
    /// `on_time`, `late`, `undated` (also for a deadline not known), `missing`: a class name.
    state: &'static str,
    text: &'static str,
    url: Option<String>,
    published: Option<String>,
}

/// An agency's line of the coverage grid.
#[derive(Debug, Serialize)]
pub(in crate::render) struct CoverageRow {
    name: String,
    url: String,
    cells: Vec<CoverageCell>,
}

/// The coverage page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct CoverageView {
    summary: String,
    years: Vec<u16>,
    rows: Vec<CoverageRow>,
    legend: Vec<CoverageCell>,
}
impl CompareViews<'_> {
    /// The coverage page: every agency × every year of the archive.
    pub(in crate::render) fn coverage(&self, checks: &Checks) -> CoverageView {
        let (years, rows) = coverage(self.archive, self.index, checks);
        let (mut present, mut late, mut undated, mut missing) = (0, 0, 0, 0);
        let mut deadline_unknown = 0;
        let rows = rows
            .iter()
            .enumerate()
            .map(|(at, cells)| {
                let agency = &self.archive.agencies[at];
                CoverageRow {
                    name: agency.name.clone(),
                    url: format!("{}{}", self.base_path, crate::address::agency_url(agency)),
                    cells: cells
                        .iter()
                        .map(|state| {
                            match state {
                                Coverage::Missing => missing += 1,
                                Coverage::Late(_) => {
                                    present += 1;
                                    late += 1;
                                }
                                Coverage::Undated(_) => {
                                    present += 1;
                                    undated += 1;
                                }
                                Coverage::DeadlineUnknown(_) => {
                                    present += 1;
                                    deadline_unknown += 1;
                                }
                                Coverage::OnTime(_) => present += 1,
                            }
                            self.coverage_cell(*state)
                        })
                        .collect(),
                }
            })
            .collect();
        let summary = self.words.fill(
            "coverage_summary",
            &[
                ("agencies", &self.archive.agencies.len().to_string()),
                ("years", &years.len().to_string()),
                ("present", &present.to_string()),
                ("late", &late.to_string()),
                ("undated", &undated.to_string()),
                ("missing", &missing.to_string()),
            ],
        );
        // The legend names the deadline not known only where an agency's kind is unknown.
        let legend = [
            Coverage::OnTime(usize::MAX),
            Coverage::Late(usize::MAX),
            Coverage::Undated(usize::MAX),
            Coverage::DeadlineUnknown(usize::MAX),
            Coverage::Missing,
        ]
        .into_iter()
        .filter(|state| deadline_unknown > 0 || !matches!(state, Coverage::DeadlineUnknown(_)))
        .map(|state| self.coverage_cell(state))
        .collect();
        CoverageView {
            summary,
            years,
            rows,
            legend,
        }
    }

    fn coverage_cell(&self, state: Coverage) -> CoverageCell {
        let (class, word, report) = match state {
            Coverage::OnTime(at) => ("on_time", "cov_on_time", Some(at)),
            Coverage::Late(at) => ("late", "cov_late", Some(at)),
            Coverage::Undated(at) => ("undated", "cov_undated", Some(at)),
            // Drawn as an undated report is: whether it was late is not known either.
            Coverage::DeadlineUnknown(at) => ("undated", "cov_deadline_unknown", Some(at)),
            Coverage::Missing => ("missing", "cov_missing", None),
        };
        let report = report.filter(|&at| at < self.archive.reports.len());
        CoverageCell {
            state: class,
            text: self.words.get(word),
            url: report.map(|at| self.report_url(at)),
            published: report.and_then(|at| {
                self.archive.reports[at]
                    .published
                    .map(|date| date.to_string())
            }),
        }
    }
}
