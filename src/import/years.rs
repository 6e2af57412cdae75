//! Evidence across years for cells a report's own rules leave open: R6, against the reports of
//! the same agency one year before and one year after.
//!
//! R6 (both reports gb2021): `in_force(N) = in_force(N−1) + issued(N) − repealed(N)`, for each row
//! with those three columns (规章, 行政规范性文件). Table 二 has no sum rule of its own, so a row of
//! it printed as digits run together (`行政规范性文件693665`) can often be cut several ways. The
//! adjacent year's report, where its cells are certain, keeps only the cuts consistent with R6,
//! the way R1 and R3 narrow the cuts R2 leaves in table 三:
//!
//! - the year before gives `in_force(N−1)`: a cut of year N is kept when its own three cells
//!   satisfy the equation;
//! - the year after gives `in_force(N+1)`, `issued(N+1)` and `repealed(N+1)`, hence
//!   `in_force(N)`: a cut is kept when its 现行有效件数 is that number.
//!
//! When no cut keeps R6 with a neighbour, the reports break R6 as printed (平潭 2022→2023 does) or
//! one of them misprints: nothing is settled from that neighbour, and the note says so. Nothing
//! but R6 is used: gb2019 has no 现行有效件数, and its item counts carried from year to year
//! (上一年项目数量 + 本年增/减) are no rule of the template.

use super::tables::OpenRow;
use archive_core::format::{ColumnRole, FormatId, catalog};
use archive_core::messages::cli;
use archive_core::model::{Cell, Cells};

/// A report of the same agency, one year before or after the one imported.
#[derive(Debug)]
pub(crate) struct Neighbour {
    /// Its year.
    pub(crate) year: u16,
    /// Its template version.
    pub(crate) format: FormatId,
    /// Its cells, those it leaves for a person blank.
    pub(crate) cells: Cells,
    /// How notes name it (`content/pingtan/2022.md`, or the input imported in the same run).
    pub(crate) name: String,
}

/// What a neighbour's cells fix for the year imported.
#[derive(Debug, Clone, Copy)]
enum Known {
    /// 现行有效件数 of the year before.
    InForceBefore(i128),
    /// This year's 现行有效件数 (from the year after's three cells).
    InForce(i128),
}

/// What R6 made of a row's cuts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Narrowed {
    /// The cuts kept: fewer than before when R6 settled something, else all of them.
    pub(crate) candidates: Vec<Vec<Cell>>,
    /// What R6 said, for the summary (empty when no neighbour could be used).
    pub(crate) notes: Vec<String>,
}

/// R6 for one open row of a report of `year` in `format`, against the neighbours given
/// (reports of other years are ignored). `candidates` are the row's cuts still possible.
pub(crate) fn in_force(
    year: u16,
    format: FormatId,
    row: &OpenRow,
    candidates: &[Vec<Cell>],
    neighbours: &[Neighbour],
) -> Narrowed {
    let Some(columns) = R6Columns::of(row) else {
        return unchanged(candidates, Vec::new());
    };
    if format != FormatId::Gb2021 || candidates.len() < 2 {
        return unchanged(candidates, Vec::new());
    }
    let mut notes = Vec::new();
    // Each neighbour that narrows the cuts: which it keeps, and what it said.
    let mut narrowing: Vec<(Vec<bool>, String)> = Vec::new();
    for neighbour in neighbours {
        let Some((equation, known)) = columns.fixed_by(year, row, neighbour) else {
            continue;
        };
        let mask: Vec<bool> = candidates
            .iter()
            .map(|cut| columns.keeps(cut, known))
            .collect();
        let kept = mask.iter().filter(|keep| **keep).count();
        if kept == 0 {
            notes.push(cli::r6_no_cut_keeps(&neighbour.name, &equation.to_string()).into());
        } else if kept < candidates.len() {
            narrowing.push((
                mask,
                cli::r6_keeps(
                    &neighbour.name,
                    &equation.to_string(),
                    kept,
                    candidates.len(),
                )
                .into(),
            ));
        }
    }
    kept_by_every_neighbour(candidates, notes, narrowing)
}

/// The cuts as they were, with what R6 said.
fn unchanged(candidates: &[Vec<Cell>], notes: Vec<String>) -> Narrowed {
    Narrowed {
        candidates: candidates.to_vec(),
        notes,
    }
}

/// The cuts every narrowing neighbour keeps; when there are none, nothing is settled.
fn kept_by_every_neighbour(
    candidates: &[Vec<Cell>],
    mut notes: Vec<String>,
    narrowing: Vec<(Vec<bool>, String)>,
) -> Narrowed {
    if narrowing.is_empty() {
        return unchanged(candidates, notes);
    }
    let kept: Vec<Vec<Cell>> = candidates
        .iter()
        .enumerate()
        .filter(|(at, _)| narrowing.iter().all(|(mask, _)| mask[*at]))
        .map(|(_, cut)| cut.clone())
        .collect();
    let said: Vec<String> = narrowing.into_iter().map(|(_, note)| note).collect();
    if kept.is_empty() {
        notes.push(cli::r6_none_kept_by_both(&said.join("; ")).into());
        return unchanged(candidates, notes);
    }
    notes.extend(said);
    Narrowed {
        candidates: kept,
        notes,
    }
}

/// Where a row's three R6 columns stand among its columns.
#[derive(Debug, Clone, Copy)]
struct R6Columns {
    issued: usize,
    repealed: usize,
    in_force: usize,
}

impl R6Columns {
    /// The row's R6 columns, if it has all three (规章, 行政规范性文件).
    fn of(row: &OpenRow) -> Option<R6Columns> {
        let position = |role: ColumnRole| row.row.columns.iter().position(|c| c.role == role);
        Some(R6Columns {
            issued: position(ColumnRole::Issued)?,
            repealed: position(ColumnRole::Repealed)?,
            in_force: position(ColumnRole::InForce)?,
        })
    }

    /// What a gb2021 neighbour of the year before or after says about this year's cells (the
    /// equation, for notes), where its cells are certain.
    fn fixed_by(&self, year: u16, row: &OpenRow, neighbour: &Neighbour) -> Option<(String, Known)> {
        if neighbour.format != FormatId::Gb2021 {
            return None;
        }
        let value = |column: usize| -> Option<i128> {
            let id = catalog().find(row.table, row.row.key, row.row.columns[column].key)?;
            neighbour.cells.get(id).whole()
        };
        if neighbour.year + 1 == year {
            let before = value(self.in_force)?;
            Some((
                format!(
                    "现行有效件数 {year} = {before} ({}'s 现行有效件数) + 本年制发件数 − 本年废止件数",
                    neighbour.year
                ),
                Known::InForceBefore(before),
            ))
        } else if neighbour.year == year + 1 {
            let (after, made, gone) = (
                value(self.in_force)?,
                value(self.issued)?,
                value(self.repealed)?,
            );
            let target = after - made + gone;
            Some((
                format!(
                    "现行有效件数 {year} = {after} − {made} + {gone} = {target} ({}'s 现行有效件数 − 本年制发件数 + 本年废止件数)",
                    neighbour.year
                ),
                Known::InForce(target),
            ))
        } else {
            None
        }
    }

    /// Whether a cut keeps R6 with what a neighbour fixed (a cut with a blank cell it needs is
    /// kept: R6 says nothing of it).
    fn keeps(&self, cut: &[Cell], known: Known) -> bool {
        let (now, made, gone) = (
            cut[self.in_force].whole(),
            cut[self.issued].whole(),
            cut[self.repealed].whole(),
        );
        match known {
            Known::InForceBefore(before) => match (now, made, gone) {
                (Some(now), Some(made), Some(gone)) => now == before + made - gone,
                _ => true,
            },
            Known::InForce(target) => now.is_none_or(|now| now == target),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use archive_core::format::TableKey;

    fn row(candidates: &[[u64; 3]]) -> OpenRow {
        OpenRow {
            table: TableKey::Active,
            row: FormatId::Gb2021
                .template()
                .row(TableKey::Active, "normative_documents")
                .unwrap(),
            candidates: candidates
                .iter()
                .map(|cut| cut.iter().map(|v| Cell::Count(*v)).collect())
                .collect(),
            readings: candidates.len(),
            seen: String::new(),
            line: 0,
        }
    }

    fn neighbour(year: u16, values: [Option<u64>; 3]) -> Neighbour {
        let mut cells = Cells::default();
        for (column, value) in ["issued", "repealed", "in_force"].iter().zip(values) {
            let id = catalog()
                .find(TableKey::Active, "normative_documents", column)
                .unwrap();
            cells.set(id, value.map_or(Cell::Blank, Cell::Count));
        }
        Neighbour {
            year,
            format: FormatId::Gb2021,
            cells,
            name: format!("content/x/{year}.md"),
        }
    }

    /// 平潭 2021 printed `693665`: ten cuts.
    const CUTS_2021: [[u64; 3]; 10] = [
        [6, 9, 3665],
        [6, 93, 665],
        [6, 936, 65],
        [6, 9366, 5],
        [69, 3, 665],
        [69, 36, 65],
        [69, 366, 5],
        [693, 6, 65],
        [693, 66, 5],
        [6936, 6, 5],
    ];

    #[test]
    fn the_year_after_settles_what_is_in_force() {
        let open = row(&CUTS_2021);
        let after = neighbour(2022, [Some(88), Some(55), Some(698)]);
        let narrowed = in_force(2021, FormatId::Gb2021, &open, &open.candidates, &[after]);
        assert_eq!(
            narrowed.candidates,
            row(&[[6, 93, 665], [69, 3, 665]]).candidates
        );
        assert!(
            narrowed.notes[0].contains("698 − 88 + 55 = 665")
                && narrowed.notes[0].contains("keeps 2 of the 10 cuts"),
            "{:?}",
            narrowed.notes
        );
        // A neighbour with a blank cell, of the other version, or not adjacent says nothing.
        let blank = neighbour(2022, [Some(88), None, Some(698)]);
        let mut gb2019 = neighbour(2022, [Some(88), Some(55), Some(698)]);
        gb2019.format = FormatId::Gb2019;
        let far = neighbour(2023, [Some(88), Some(55), Some(698)]);
        let narrowed = in_force(
            2021,
            FormatId::Gb2021,
            &open,
            &open.candidates,
            &[blank, gb2019, far],
        );
        assert_eq!(narrowed.candidates, open.candidates);
        assert!(narrowed.notes.is_empty());
    }

    #[test]
    fn the_year_before_keeps_the_cuts_that_add_up() {
        // 平潭 2022 printed `8855698` (five of its fifteen cuts); 2021's 665 in force keeps one.
        let cuts: Vec<[u64; 3]> = vec![
            [8, 8, 55698],
            [8, 85, 5698],
            [88, 55, 698],
            [88, 556, 98],
            [885, 5, 698],
        ];
        let open = row(&cuts);
        let before = neighbour(2021, [None, None, Some(665)]);
        let narrowed = in_force(2022, FormatId::Gb2021, &open, &open.candidates, &[before]);
        assert_eq!(narrowed.candidates, row(&[[88, 55, 698]]).candidates);
    }

    #[test]
    fn reports_that_break_r6_as_printed_settle_nothing() {
        // 平潭 2023 printed `77132470`; 2022 had 698 in force, and 698 + 77 − 132 ≠ 470: no cut
        // of 2023 keeps R6.
        let open = row(&[
            [77, 132, 470],
            [7, 7132, 470],
            [771, 32, 470],
            [77, 13, 2470],
        ]);
        let before = neighbour(2022, [Some(88), Some(55), Some(698)]);
        let narrowed = in_force(2023, FormatId::Gb2021, &open, &open.candidates, &[before]);
        assert_eq!(narrowed.candidates, open.candidates);
        assert!(
            narrowed.notes[0].contains("no cut keeps")
                && narrowed.notes[0].contains("nothing is settled"),
            "{:?}",
            narrowed.notes
        );
        // Two neighbours that each keep a cut, but not the same one: nothing.
        let open = row(&[[1, 0, 11], [10, 1, 1]]);
        let before = neighbour(2022, [None, None, Some(10)]);
        let after = neighbour(2024, [Some(0), Some(0), Some(1)]);
        let narrowed = in_force(
            2023,
            FormatId::Gb2021,
            &open,
            &open.candidates,
            &[before, after],
        );
        assert_eq!(narrowed.candidates, open.candidates);
        assert!(
            narrowed.notes[0].contains("no cut is kept by both"),
            "{:?}",
            narrowed.notes
        );
    }
}
