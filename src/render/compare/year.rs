//! The year page's table of key figures, by region, with subtotals and a total.

use serde::Serialize;

use super::CompareViews;
use crate::render::chart;
use archive_core::compare::rates;
use archive_core::compare::{
    ContradictedFigure, FigureValue, KEY_FIGURES, Measure, Total, year_table,
};

/// A column of the year table.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ColumnHead {
    key: &'static str,
    name: &'static str,
    url: Option<String>,
}

/// A value of the year table, with the value it sorts by.
#[derive(Debug, Serialize, PartialEq)]
pub(in crate::render) struct SortCell {
    text: String,
    /// A number, or empty for a blank (sorted last).
    sort: String,
    detail: Option<String>,
}

/// An agency's line of the year table.
#[derive(Debug, Serialize)]
pub(in crate::render) struct YearRowView {
    agency: String,
    agency_url: String,
    report_url: String,
    cells: Vec<SortCell>,
}

/// A region's lines of the year table.
#[derive(Debug, Serialize)]
pub(in crate::render) struct YearGroupView {
    name: String,
    url: Option<String>,
    rows: Vec<YearRowView>,
    subtotal: Vec<SortCell>,
}

/// The year page's table.
#[derive(Debug, Serialize)]
pub(in crate::render) struct YearTableView {
    columns: Vec<ColumnHead>,
    /// Columns in all, the agency's included (for the region rows' span).
    width: usize,
    groups: Vec<YearGroupView>,
    total: Vec<SortCell>,
}
impl CompareViews<'_> {
    /// The year page's table of key figures, grouped by region.
    pub(in crate::render) fn year(
        &self,
        year: u16,
        region_name: impl Fn(&str) -> (String, Option<String>),
    ) -> YearTableView {
        let table = year_table(self.archive, self.index, self.checks, year);
        let columns = KEY_FIGURES
            .iter()
            .map(|figure| ColumnHead {
                key: figure.key,
                name: self.words.label(figure.name),
                url: match figure.measure {
                    Measure::Rate(key) => rates::rate(key).map(|rate| self.rate_url(rate)),
                    Measure::Sum(_) => None,
                },
            })
            .collect();
        let groups = table
            .regions
            .iter()
            .map(|group| {
                let (name, url) = region_name(&group.region);
                YearGroupView {
                    name,
                    url,
                    rows: group
                        .rows
                        .iter()
                        .map(|row| {
                            let agency = &self.archive.agencies[row.agency];
                            YearRowView {
                                agency: agency.name.clone(),
                                agency_url: format!(
                                    "{}{}",
                                    self.base_path,
                                    crate::address::agency_url(agency)
                                ),
                                report_url: self.report_url(row.report),
                                cells: row
                                    .values
                                    .iter()
                                    .zip(&row.contradicted)
                                    .map(|(value, contradicted)| {
                                        self.figure_cell(value, contradicted.as_ref())
                                    })
                                    .collect(),
                            }
                        })
                        .collect(),
                    subtotal: self.total_cells(&group.subtotal),
                }
            })
            .collect();
        YearTableView {
            width: KEY_FIGURES.len() + 1,
            columns,
            groups,
            total: self.total_cells(&table.total),
        }
    }

    /// A report's key figure; one that includes a printed total its rows contradict keeps the
    /// printed value (and sorts by it), with the parts' sum beside it and the words saying so.
    fn figure_cell(
        &self,
        value: &FigureValue,
        contradicted: Option<&ContradictedFigure>,
    ) -> SortCell {
        let mut cell = self.plain_figure_cell(value);
        if let Some(figure) = contradicted {
            let flag = match value {
                FigureValue::Sum(_) => {
                    cell.text = self.contradicted_text(&cell.text, figure.parts);
                    self.words.get("contradicted")
                }
                FigureValue::Rate(_) => self.words.get("contradicted_input"),
            };
            cell.detail = Some(match cell.detail.take() {
                Some(detail) => format!("{detail} {flag}"),
                None => flag.to_owned(),
            });
        }
        cell
    }

    fn plain_figure_cell(&self, value: &FigureValue) -> SortCell {
        match value {
            FigureValue::Sum(Ok(value)) => SortCell {
                text: value.to_string(),
                sort: value.to_string(),
                detail: None,
            },
            FigureValue::Sum(Err(_)) => SortCell {
                text: self.words.get("blank_short").to_owned(),
                sort: String::new(),
                detail: None,
            },
            FigureValue::Rate(outcome) => {
                let cell = self.rate_cell(Some(outcome));
                SortCell {
                    sort: outcome
                        .value()
                        .map(|value| format!("{value:.6}"))
                        .unwrap_or_default(),
                    text: cell.text,
                    detail: cell.detail,
                }
            }
        }
    }

    fn total_cells(&self, totals: &[Total]) -> Vec<SortCell> {
        KEY_FIGURES
            .iter()
            .zip(totals)
            .map(|(figure, total)| {
                let blank = (total.blank > 0).then(|| {
                    self.words
                        .fill("blank_excluded", &[("count", &total.blank.to_string())])
                });
                let contradicted = (total.contradicted > 0).then(|| {
                    self.words.fill(
                        "contradicted_included",
                        &[("count", &total.contradicted.to_string())],
                    )
                });
                let separator = self.words.get("clause_separator");
                let blank = match (blank, contradicted) {
                    (Some(blank), Some(contradicted)) => {
                        Some(format!("{blank}{separator}{contradicted}"))
                    }
                    (blank, contradicted) => blank.or(contradicted),
                };
                match figure.measure {
                    Measure::Sum(_) => SortCell {
                        text: if total.counted > 0 {
                            total.sum.to_string()
                        } else {
                            self.words.get("blank_short").to_owned()
                        },
                        sort: String::new(),
                        detail: blank,
                    },
                    Measure::Rate(_) => {
                        let inputs = format!("{}/{}", total.sum, total.denominator);
                        SortCell {
                            text: total.rate().map_or_else(
                                || self.words.get("rate_zero").to_owned(),
                                |rate| chart::number(rate, true),
                            ),
                            sort: String::new(),
                            detail: Some(match blank {
                                Some(blank) => format!("{inputs}{separator}{blank}"),
                                None => inputs,
                            }),
                        }
                    }
                }
            })
            .collect()
    }
}
