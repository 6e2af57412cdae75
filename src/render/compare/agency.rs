//! The agency page's comparisons: its figures and rates over the years, and where the template
//! changed.

use serde::Serialize;

use super::table::{CompareRow, CompareTable, CompareTableView, YearHead};
use super::{CompareCell, CompareViews, row_text};
use crate::render::chart;
use crate::render::table::definitions;
use archive_core::compare::{
    AgencySeries, Change, Point, YearColumn, change_is_contradicted, comparable,
    contradicted_figure,
};
use archive_core::format::{CellId, FormatId, Language, TableKey, catalog, without_note};

/// The agency page's comparisons.
#[derive(Debug, Serialize)]
pub(in crate::render) struct AgencyComparisonView {
    years: Vec<YearHead>,
    break_notes: Vec<String>,
    tables: Vec<CompareTableView>,
    applicants: CompareTableView,
    rates: CompareTableView,
    rates_url: String,
    charts: Vec<chart::Chart>,
}
impl CompareViews<'_> {
    /// The agency page's comparisons; none for an agency without reports.
    pub(in crate::render) fn agency(&self, at: usize) -> Option<AgencyComparisonView> {
        let series = &self.comparison.agency(at);
        if series.years.is_empty() {
            return None;
        }
        let years: Vec<YearHead> = series
            .years
            .iter()
            .enumerate()
            .map(|(column, year)| YearHead {
                year: year.year,
                url: year.report.map(|report| self.report_url(report)),
                format: year.format.map(|format| self.format_name(format)),
                break_before: series.format_changes_at(column),
            })
            .collect();
        let break_notes = (0..series.years.len())
            .filter(|&column| series.format_changes_at(column))
            .map(|column| self.break_note(&series.years[column]))
            .collect();
        let catalog = catalog();
        let tables: Vec<CompareTable> = TableKey::ALL
            .into_iter()
            .map(|table| {
                let cells: Vec<CellId> = series
                    .figures
                    .iter()
                    .map(|figure| figure.cell)
                    .filter(|&cell| {
                        let definition = catalog.cell(cell);
                        definition.table == table
                            && (table != TableKey::Applications || definition.column == "total")
                    })
                    .collect();
                let mut caption = self
                    .words
                    .label(FormatId::Gb2021.template().table(table).heading)
                    .to_owned();
                if table == TableKey::Applications {
                    caption.push_str(self.words.get("totals_column"));
                }
                self.figure_table(
                    series,
                    table,
                    &cells,
                    caption,
                    table != TableKey::Applications,
                )
            })
            .collect();
        let split: Vec<CellId> = series
            .figures
            .iter()
            .map(|figure| figure.cell)
            .filter(|&cell| catalog.cell(cell).table == TableKey::Applications)
            .collect();
        let applicants = CompareTable {
            id: "compare-applicants".to_owned(),
            ..self.figure_table(
                series,
                TableKey::Applications,
                &split,
                self.words.get("applicant_split").to_owned(),
                true,
            )
        };
        let rates = self.rates_table(series);
        Some(AgencyComparisonView {
            tables: tables
                .into_iter()
                .map(|table| self.table_view(table, &years))
                .collect(),
            applicants: self.table_view(applicants, &years),
            rates: self.table_view(rates, &years),
            years,
            break_notes,
            rates_url: self.rates_url(),
            charts: self.charts(series, &self.archive.agencies[at].name),
        })
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

    /// A table of the agency's figures `cells` (all of one table), grouped by row when `grouped`.
    fn figure_table(
        &self,
        series: &AgencySeries,
        table: TableKey,
        cells: &[CellId],
        caption: String,
        grouped: bool,
    ) -> CompareTable {
        let catalog = catalog();
        let mut rows: Vec<CompareRow> = Vec::new();
        let mut group_start = 0;
        for &id in cells {
            let cell = catalog.cell(id);
            let Some(figure) = series.figure(id) else {
                continue;
            };
            // Rows of both versions are named as the newer one names them (行政规范性文件).
            let row = FormatId::Gb2021
                .template()
                .row(table, cell.row)
                .or_else(|| catalog.row_def(table, cell.row))
                .expect("a row of the catalog");
            let row_label = row_text(row, self.words.language());
            let own_formats = &cell.formats;
            let version = if own_formats.len() == 1 {
                format!("（{}）", self.format_name(own_formats[0]))
            } else {
                String::new()
            };
            let newest = *own_formats.last().expect("every cell has a version");
            let (_, column) = definitions(cell, newest);
            let column_label =
                self.with_unit(without_note(self.words.label(column.label)), cell.kind);
            let (group, label) = if grouped {
                (Some(row_label), format!("{column_label}{version}"))
            } else {
                (None, format!("{row_label}{version}"))
            };
            if rows.last().is_none_or(|last| {
                rows[group_start].group != group || last.key.split('.').nth(1) != Some(cell.row)
            }) {
                group_start = rows.len();
            }
            let cells = figure
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
                .collect();
            let first_of_group = group_start == rows.len();
            rows.push(CompareRow {
                group: if first_of_group { group } else { None },
                group_span: 1,
                label,
                key: cell.path().to_owned(),
                url: None,
                cells,
            });
            if !first_of_group {
                rows[group_start].group_span += 1;
            }
        }
        CompareTable {
            id: format!("compare-{}", table.key()),
            caption,
            grouped,
            rows,
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

    fn rates_table(&self, series: &AgencySeries) -> CompareTable {
        let rows = series
            .rates
            .iter()
            .map(|rate| CompareRow {
                group: None,
                group_span: 1,
                label: self.words.label(rate.rate.name).to_owned(),
                key: rate.rate.key.to_owned(),
                url: Some(self.rate_url(rate.rate)),
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
                        self.mark_rate(&mut cell, rate.rate, before, series.years[column].report);
                        cell
                    })
                    .collect(),
            })
            .collect();
        CompareTable {
            id: "compare-rates".to_owned(),
            caption: self.words.get("rates").to_owned(),
            grouped: false,
            rows,
        }
    }
}
