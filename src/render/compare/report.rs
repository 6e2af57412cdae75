//! The report page's comparisons: last year's value beside each value, and the rates.

use serde::Serialize;

use super::{CompareCell, CompareViews, signed};
use crate::render::table::DrawnTable;
use archive_core::check::Contradiction;
use archive_core::compare::{Change, Point};
use archive_core::format::CellId;

/// A rate of one report, with last year's (report page).
#[derive(Debug, Serialize)]
pub(in crate::render) struct ReportRate {
    key: &'static str,
    name: &'static str,
    url: String,
    value: CompareCell,
    previous: Option<CompareCell>,
}

/// The report page's comparison note and rates.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ReportComparisonView {
    note: String,
    previous_year: Option<u16>,
    rates: Vec<ReportRate>,
    rates_url: String,
}
impl CompareViews<'_> {
    /// Last year's value and the change beside each value of a report's drawn tables.
    pub(in crate::render) fn annotate(&self, at: usize, tables: &mut [DrawnTable]) {
        // Only a report whose agency reported the year before has values to compare with.
        let Some(year_before) = self.archive.year_before(at) else {
            return;
        };
        // Both years' contradicted totals, found once for the report's 300 cells rather than
        // looked up for each.
        let contradicted_before: Vec<Contradiction> =
            self.checks.contradicted_totals(year_before).collect();
        let contradicted_now: Vec<CellId> = self
            .checks
            .contradicted_totals(at)
            .map(|contradiction| contradiction.cell)
            .collect();
        for table in tables {
            for cell in table.bodies.iter_mut().flatten().flatten() {
                // The cell's place in the catalog, found once for its table's layout.
                let Some(id) = cell.cell else {
                    continue;
                };
                let Some((before, change)) = self.comparison.previous(at, id) else {
                    continue;
                };
                if change == Change::Break {
                    continue;
                }
                let before_contradicted = contradicted_before
                    .iter()
                    .find(|contradiction| contradiction.cell == id);
                cell.previous = match &before {
                    Point::Value(value) => Some(match before_contradicted {
                        Some(total) => {
                            self.contradicted_text(&value.to_string(), Some(total.parts))
                        }
                        None => value.to_string(),
                    }),
                    Point::Blank => Some(self.words.get("blank_short").to_owned()),
                    Point::NoReport | Point::NotInFormat => None,
                };
                if let Change::Delta { absolute, .. } = change {
                    let mut text = signed(absolute);
                    // As `change_is_contradicted` decides, for either year.
                    if before_contradicted.is_some() || contradicted_now.contains(&id) {
                        text = self.words.fill("contradicted_change", &[("change", &text)]);
                    }
                    cell.change = Some(text);
                }
            }
        }
    }

    /// The report page's note on the comparison and its rates beside last year's.
    pub(in crate::render) fn report(&self, at: usize) -> ReportComparisonView {
        let report = &self.archive.reports[at];
        let previous = self.archive.year_before(at);
        let note = match previous {
            None => self.words.fill(
                "report_no_previous",
                &[("year", &(report.year - 1).to_string())],
            ),
            Some(before) => {
                let before = &self.archive.reports[before];
                let mut note = self.words.fill(
                    "report_comparison_note",
                    &[("year", &before.year.to_string())],
                );
                if before.format != report.format {
                    note.push_str(&self.words.fill(
                        "report_break_note",
                        &[
                            ("year", &before.year.to_string()),
                            ("format", self.words.label(before.format.template().name)),
                        ],
                    ));
                }
                note
            }
        };
        let rates = self
            .comparison
            .report_rates(at)
            .iter()
            .map(|rate| {
                let (entry, before) = rate.entries.split_last().expect("the report's year");
                let mut value = self.rate_cell(entry.outcome.as_ref());
                value.change = entry.change_points.map(|points| self.points_change(points));
                self.mark_rate(&mut value, rate.rate, previous, Some(at));
                ReportRate {
                    key: rate.rate.key,
                    name: self.words.label(rate.rate.name),
                    url: self.rate_url(rate.rate),
                    value,
                    previous: before.last().map(|before| {
                        let mut cell = self.rate_cell(before.outcome.as_ref());
                        self.mark_rate(&mut cell, rate.rate, None, previous);
                        cell
                    }),
                }
            })
            .collect();
        ReportComparisonView {
            note,
            previous_year: previous.map(|before| self.archive.reports[before].year),
            rates,
            rates_url: self.rates_url(),
        }
    }
}
