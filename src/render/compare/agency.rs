//! The agency page's comparisons: its key figures and charts. Every figure and rate over the
//! years is the agency's CSV file (`answers::agency_csv`): as a page it was 26 KB a report.

use serde::Serialize;

use super::table::{CompareRow, CompareTable, CompareTableView, YearHead};
use super::{CompareCell, CompareViews};
use crate::render::chart;
use crate::render::table::definitions;
use archive_core::compare::rates::{self, RateDef};
use archive_core::compare::{
    AgencySeries, Change, KEY_FIGURES, Measure, Point, RateSeries, Series, YearColumn,
    change_is_contradicted, comparable, contradicted_figure,
};
use archive_core::format::{CellId, FormatId, Language, RowDef, TableKey, catalog, without_note};

/// The agency page's key figures over the years, its charts and the link to its full table.
#[derive(Debug, Serialize)]
pub(in crate::render) struct AgencyKeyFiguresView {
    break_notes: Vec<String>,
    table: CompareTableView,
    charts: Vec<chart::Chart>,
    /// The agency's CSV file: every value and rate over the years.
    table_url: String,
}

impl CompareViews<'_> {
    /// The agency page's key figures (the year table's columns, [`KEY_FIGURES`]) over the years
    /// and its charts; none for an agency without reports. `table_url` is its full table's.
    pub(in crate::render) fn agency_key_figures(
        &self,
        at: usize,
        table_url: String,
    ) -> Option<AgencyKeyFiguresView> {
        let series = &self.comparison.agency(at);
        if series.years.is_empty() {
            return None;
        }
        let rows = KEY_FIGURES
            .iter()
            .flat_map(|figure| {
                let name = self.words.label(figure.name);
                match figure.measure {
                    Measure::Sum(keys) => keys
                        .iter()
                        .filter_map(|key| {
                            let id = rates::cell_id(key);
                            // A figure that adds rows up shows each (行政诉讼: two ways to sue).
                            let label = if keys.len() == 1 {
                                name.to_owned()
                            } else {
                                format!("{name} · {}", self.row_label(id))
                            };
                            Some(self.figure_row(series, series.figure(id)?, label, id))
                        })
                        .collect::<Vec<_>>(),
                    Measure::Rate(key) => series
                        .rates
                        .iter()
                        .filter(|rate| rate.rate.key == key)
                        .map(|rate| self.rate_row(series, rate))
                        .collect(),
                }
            })
            .collect();
        let table = CompareTable {
            id: "key-figures".to_owned(),
            caption: self.words.get("key_figures").to_owned(),
            grouped: false,
            rows,
        };
        Some(AgencyKeyFiguresView {
            table: self.table_view(table, &self.year_heads(series)),
            break_notes: self.break_notes(series),
            charts: self.charts(series, &self.archive.agencies[at].name),
            table_url,
        })
    }

    /// The head of each year column: its report's link and template version.
    fn year_heads(&self, series: &AgencySeries) -> Vec<YearHead> {
        series
            .years
            .iter()
            .enumerate()
            .map(|(column, year)| YearHead {
                year: year.year,
                url: year.report.map(|report| self.report_url(report)),
                format: year.format.map(|format| self.format_name(format)),
                break_before: series.format_changes_at(column),
            })
            .collect()
    }

    /// What each change of template version means for the comparisons.
    fn break_notes(&self, series: &AgencySeries) -> Vec<String> {
        (0..series.years.len())
            .filter(|&column| series.format_changes_at(column))
            .map(|column| self.break_note(&series.years[column]))
            .collect()
    }

    /// A cell's row as the newer version names it (行政规范性文件).
    fn row_def(&self, id: CellId) -> &'static RowDef {
        let cell = catalog().cell(id);
        FormatId::Gb2021
            .template()
            .row(cell.table, cell.row)
            .or_else(|| catalog().row_def(cell.table, cell.row))
            .expect("a row of the catalog")
    }

    /// A cell's row's own label, without its groups.
    fn row_label(&self, id: CellId) -> &'static str {
        without_note(self.words.label(self.row_def(id).label))
    }

    fn break_note(&self, column: &YearColumn) -> String {
        let format = column.format.unwrap_or(FormatId::Gb2021);
        let catalog = catalog();
        let mut shared = Vec::new();
        let mut unshared = Vec::new();
        for (id, cell) in catalog.entries() {
            let both = comparable(id, format, format.other());
            let Some(row) = catalog.row_def(cell.table, cell.row) else {
                continue;
            };
            let row_label = without_note(self.words.label(row.label)).to_owned();
            if cell.table == TableKey::Active {
                if both {
                    let (_, column) = definitions(cell, format);
                    shared.push(format!(
                        "{row_label} · {}",
                        without_note(self.words.label(column.label))
                    ));
                }
            } else if !both {
                // gb2021's sub-rows of （六）其他处理 are named by their group.
                let name = row
                    .groups
                    .last()
                    .filter(|_| row.slot.is_some() && row.groups.len() > 1)
                    .map_or(row_label, |group| {
                        without_note(self.words.label(*group)).to_owned()
                    });
                if !unshared.contains(&name) {
                    unshared.push(name);
                }
            }
        }
        let separator = if self.words.language() == Language::Zh {
            "、"
        } else {
            ", "
        };
        self.words.fill(
            "break_note",
            &[
                ("year", &column.year.to_string()),
                ("format", self.words.label(format.template().name)),
                ("document", format.template().document),
                ("shared", &shared.join(separator)),
                ("unshared", &unshared.join(separator)),
            ],
        )
    }

    /// One figure's line over the years, labelled `label`, each year marked where it is a printed
    /// total its rows contradict.
    fn figure_row(
        &self,
        series: &AgencySeries,
        figure: &Series,
        label: String,
        id: CellId,
    ) -> CompareRow {
        CompareRow {
            group: None,
            group_span: 1,
            label,
            key: catalog().cell(id).path().to_owned(),
            url: None,
            cells: figure
                .entries
                .iter()
                .enumerate()
                .map(|(column, entry)| {
                    let mut cell = CompareCell {
                        break_before: series.format_changes_at(column),
                        ..self.entry_cell(&entry.point, entry.change)
                    };
                    self.mark_year(&mut cell, series, column, id);
                    cell
                })
                .collect(),
        }
    }

    /// Marks the year at `column` of the figure `id` where it is a printed total its rows
    /// contradict, and its change where it starts or ends at one.
    fn mark_year(&self, cell: &mut CompareCell, series: &AgencySeries, column: usize, id: CellId) {
        let now = series.years[column].report;
        if let Some(at) = now {
            let values = &self.archive.reports[at].cells;
            if let Some(figure) = contradicted_figure(self.checks, at, values, &[id]) {
                self.mark_contradicted(cell, &figure);
            }
        }
        let before = column
            .checked_sub(1)
            .and_then(|before| series.years[before].report);
        if let Some(change) = cell
            .change
            .as_mut()
            .filter(|change| change.class != "break")
            && change_is_contradicted(self.checks, before, now, id)
        {
            self.mark_contradicted_change(change);
        }
    }

    fn entry_cell(&self, point: &Point, change: Change) -> CompareCell {
        let (state, text) = match point {
            Point::NoReport => ("gap", self.words.get("no_report_short").to_owned()),
            Point::NotInFormat => ("absent", "—".to_owned()),
            Point::Blank => ("blank", self.words.get("blank_short").to_owned()),
            Point::Value(cell) => ("value", cell.to_string()),
        };
        CompareCell {
            state,
            text,
            detail: None,
            hidden: matches!(point, Point::NotInFormat).then(|| self.words.get("not_in_format")),
            change: self.change_view(change),
            break_before: false,
        }
    }

    /// One rate's line over the years, linked to its definition.
    fn rate_row(&self, series: &AgencySeries, rate: &RateSeries) -> CompareRow {
        let definition: &RateDef = rate.rate;
        CompareRow {
            group: None,
            group_span: 1,
            label: self.words.label(definition.name).to_owned(),
            key: definition.key.to_owned(),
            url: Some(self.rate_url(definition)),
            cells: rate
                .entries
                .iter()
                .enumerate()
                .map(|(column, entry)| {
                    let mut cell = self.rate_cell(entry.outcome.as_ref());
                    cell.break_before = series.format_changes_at(column);
                    cell.change = entry.change_points.map(|points| self.points_change(points));
                    let before = column
                        .checked_sub(1)
                        .and_then(|before| series.years[before].report);
                    self.mark_rate(&mut cell, definition, before, series.years[column].report);
                    cell
                })
                .collect(),
        }
    }
}
