//! R6 across the reports of a run (`years` judges one row): which report is a row's neighbour,
//! the rounds in which reports settle each other, and the cells placed once they are at rest.

use std::path::Path;

use super::parse::note_warning;
use super::tables::{self, OpenRow};
use super::{ImportOptions, Outcome, Parsed, open_cells_note, years};
use archive_core::format::{CellId, catalog};
use archive_core::messages::cli;
use archive_core::model::{Archive, Cell, Cells};

/// How many rounds of R6 across the reports of a run are tried before giving up.
const MAX_ROUNDS: usize = 32;

/// The cuts still possible of one open row, one cell per column each.
type Cuts = Vec<Vec<Cell>>;

/// R6 across years (`years`): the rows of table 二 still open among several cuts are narrowed by
/// the same agency's reports of the years before and after — imported in this run (when it will
/// write them) or already in `content/` — and the cells the remaining cuts agree on are placed.
/// Reports settled this way can settle others in turn; each row is judged on its own cuts
/// against what its neighbours hold once nothing changes any more.
pub(super) fn across_years(
    parsed: &mut [Result<Parsed, Outcome>],
    archive: &Archive,
    root: &Path,
    options: &ImportOptions,
) {
    let narrowing = Neighbourhood {
        parsed,
        archive,
        root,
        options,
    }
    .narrow();
    for ((result, cuts), said) in parsed.iter_mut().zip(narrowing.cuts).zip(narrowing.said) {
        if let Ok(report) = result {
            settle_rows(report, &cuts, &said);
        }
    }
}

/// Where R6 across the run has got to: for each input, and each of its open rows, the cuts
/// still possible and what R6 said of them.
#[derive(Clone)]
struct Narrowing {
    cuts: Vec<Vec<Cuts>>,
    said: Vec<Vec<Vec<String>>>,
}

/// The reports a row's neighbours are found among: the run's, then the archive's.
struct Neighbourhood<'a> {
    parsed: &'a [Result<Parsed, Outcome>],
    archive: &'a Archive,
    root: &'a Path,
    options: &'a ImportOptions,
}

impl Neighbourhood<'_> {
    /// Rounds of R6 until nothing changes. A report settled this way can settle the next (2021
    /// → 2022 → 2023). Rounds that never come to rest (neighbours narrowing a row in ways that
    /// undo each other) settle nothing: after [`MAX_ROUNDS`], every row has its own cuts again.
    fn narrow(&self) -> Narrowing {
        // The cuts each open row starts with: the row's own, less those the cells already
        // certain (filled from another input of the same report) rule out.
        let cuts: Vec<Vec<Cuts>> = self
            .parsed
            .iter()
            .map(|result| match result {
                Ok(report) => report
                    .open_rows
                    .iter()
                    .map(|(row, _)| {
                        consistent_with_cells(row, &report.report.cells, &report.open_cells)
                    })
                    .collect(),
                Err(_) => Vec::new(),
            })
            .collect();
        let said = cuts
            .iter()
            .map(|rows| vec![Vec::new(); rows.len()])
            .collect();
        let initial = Narrowing { cuts, said };
        let mut narrowing = initial.clone();
        for _ in 0..MAX_ROUNDS {
            if !self.round(&mut narrowing) {
                return narrowing;
            }
        }
        let mut said = narrowing.said;
        for notes in said.iter_mut().flatten().filter(|notes| !notes.is_empty()) {
            *notes = vec![cli::r6_no_one_answer().into()];
        }
        Narrowing {
            cuts: initial.cuts,
            said,
        }
    }

    /// One round: each open row's own cuts judged against its neighbours as they stand now.
    /// Whether any row's cuts changed.
    fn round(&self, narrowing: &mut Narrowing) -> bool {
        let mut changed = false;
        for (at, result) in self.parsed.iter().enumerate() {
            let Ok(report) = result else {
                continue;
            };
            if report.open_rows.is_empty() {
                continue;
            }
            let (agency, year, format) = (
                report.report.agency.as_str(),
                report.report.year,
                report.report.format,
            );
            let neighbours: Vec<years::Neighbour> = [year.checked_sub(1), year.checked_add(1)]
                .into_iter()
                .flatten()
                .filter_map(|other| self.neighbour(&narrowing.cuts, agency, other))
                .collect();
            for (index, (row, _)) in report.open_rows.iter().enumerate() {
                let own = consistent_with_cells(row, &report.report.cells, &report.open_cells);
                let narrowed = years::in_force(year, format, row, &own, &neighbours);
                narrowing.said[at][index] = narrowed.notes;
                if narrowed.candidates != narrowing.cuts[at][index] {
                    narrowing.cuts[at][index] = narrowed.candidates;
                    changed = true;
                }
            }
        }
        changed
    }

    /// The same agency's report of `year`, as far as it is certain: the one imported in this
    /// run when the run will write it (its open rows as `cuts` has narrowed them), else the
    /// archive's.
    fn neighbour(&self, cuts: &[Vec<Cuts>], agency: &str, year: u16) -> Option<years::Neighbour> {
        let relative = Path::new("content").join(agency).join(format!("{year}.md"));
        let written = self.options.force || !self.root.join(&relative).exists();
        let in_run = self
            .parsed
            .iter()
            .enumerate()
            .find_map(|(at, result)| match result {
                Ok(other)
                    if other.report.agency == agency && other.report.year == year && written =>
                {
                    Some((at, other))
                }
                _ => None,
            });
        if let Some((at, other)) = in_run {
            return Some(years::Neighbour {
                year,
                format: other.report.format,
                cells: certain_cells(other, &cuts[at]),
                name: cli::neighbour_in_run(year, &other.outcome.input.display().to_string())
                    .into(),
            });
        }
        let report = self
            .archive
            .reports
            .iter()
            .find(|report| report.agency == agency && report.year == year)?;
        Some(years::Neighbour {
            year,
            format: report.format,
            cells: report.cells.clone(),
            name: cli::neighbour_in_archive(year, &relative.display().to_string()).into(),
        })
    }
}

/// A report of the run as far as it is certain: its open cells blank, except those its rows'
/// cuts (narrowed so far) agree on.
fn certain_cells(report: &Parsed, cuts: &[Cuts]) -> Cells {
    let catalog = catalog();
    let mut cells = report.report.cells.clone();
    for &id in &report.open_cells {
        cells.set(id, Cell::Blank);
    }
    for ((row, _), cuts) in report.open_rows.iter().zip(cuts) {
        if cuts.is_empty() {
            continue;
        }
        let agreed = OpenRow {
            candidates: cuts.clone(),
            ..row.clone()
        }
        .cells();
        for (column, cell) in row.row.columns.iter().zip(agreed) {
            if let Some(id) = catalog.find(row.table, row.row.key, column.key) {
                cells.set(id, cell);
            }
        }
    }
    cells
}

/// The cuts of an open row that agree with the row's cells already certain.
fn consistent_with_cells(row: &OpenRow, cells: &Cells, open_cells: &[CellId]) -> Cuts {
    let catalog = catalog();
    let certain: Vec<(usize, Cell)> = row
        .row
        .columns
        .iter()
        .enumerate()
        .filter_map(|(index, column)| {
            let id = catalog.find(row.table, row.row.key, column.key)?;
            let cell = cells.get(id);
            (!open_cells.contains(&id) && cell.is_present() && !matches!(cell, Cell::Blank))
                .then_some((index, cell))
        })
        .collect();
    row.candidates
        .iter()
        .filter(|cut| certain.iter().all(|(index, cell)| &cut[*index] == cell))
        .cloned()
        .collect()
}

/// A report's open rows once R6 is at rest: `cuts` and `said` for each of them, in order.
fn settle_rows(report: &mut Parsed, cuts: &[Cuts], said: &[Vec<String>]) {
    // Taken out while the report's cells and outcome change, and put back unchanged.
    let open_rows = std::mem::take(&mut report.open_rows);
    for ((row, line_text), (cuts, said)) in open_rows.iter().zip(cuts.iter().zip(said)) {
        if !said.is_empty() {
            settle_row(report, row, line_text.as_deref(), cuts, said);
        }
    }
    report.open_rows = open_rows;
    report.outcome.cells_needing_a_person = report.open_cells.len();
    report.report.import_notes = open_cells_note(&report.open_cells);
}

/// One open row R6 said something of: where its cuts were narrowed, the cells they now agree on
/// are placed and the warning names only the cells still open; else a note says what R6 said.
fn settle_row(
    report: &mut Parsed,
    row: &OpenRow,
    line_text: Option<&str>,
    cuts: &Cuts,
    said: &[String],
) {
    let place = format!("{}.{}", row.table.key(), row.row.key);
    let own = consistent_with_cells(row, &report.report.cells, &report.open_cells);
    let narrowed = OpenRow {
        candidates: cuts.clone(),
        ..row.clone()
    };
    let settled = !own.is_empty() && narrowed.candidates.len() < own.len();
    if !settled {
        report
            .outcome
            .notes
            .push(cli::r6_said(&place, &said.join("; "), &row.seen).into());
        return;
    }
    let catalog = catalog();
    let cells = narrowed.cells();
    for (column, cell) in row.row.columns.iter().zip(&cells) {
        let id = catalog
            .find(row.table, row.row.key, column.key)
            .expect("catalogued");
        if report.open_cells.contains(&id) && !matches!(cell, Cell::Blank) {
            report.report.cells.set(id, cell.clone());
            report.open_cells.retain(|open| *open != id);
        }
    }
    // The warning about the row's open cells is replaced by one about those still open.
    if let Some(before) = row.note() {
        let message = format!("{}: {}", before.place(), before.message);
        report
            .outcome
            .diagnostics
            .retain(|d| d.is_error() || d.message != message);
    }
    if let Some(after) = narrowed.note() {
        report
            .outcome
            .diagnostics
            .push(note_warning(&report.outcome.input, &after, line_text));
    }
    report.outcome.notes.push(
        cli::r6_read_as(
            &place,
            &tables::describe(&cells),
            &said.join("; "),
            &row.seen,
        )
        .into(),
    );
}
