//! Splitting values that run together into cells: an exhaustive, bounded search.
//!
//! Each chunk of a run holds one or more cells; every way of cutting the chunks into exactly as
//! many cells as the row has columns is tried, keeping only cuts in which every cell is a value of
//! its column's kind: no leading zeros (`023` is not a count), a minus sign only at the start of a
//! 本年增/减 cell, decimals only in 万元 and text cells, a unit only at the end of a chunk. The
//! template's sum rules (R2 for each row of table 三, R4 for each group of table 四) then keep the
//! consistent cuts. The caller decides what one, none or several remaining cuts mean.

use archive_core::decimal::Decimal;
use archive_core::format::ValueKind;
use archive_core::model::Cell;

use super::tokens::{UNITS, is_blank_marker};

/// How many complete cuts are kept before the search gives up.
pub(crate) const MAX_CANDIDATES: usize = 20_000;

/// The longest cut read as a count, change or amount: a count's 20 digits (2⁶⁴), a sign and
/// a unit, with room to spare for an amount's decimals.
const MAX_NUMBER_CHARS: usize = 32;

/// How many cells the search may try before it gives up. Runs that find few cuts can still be
/// slow to search: with more digits than the cells can hold, nearly every cut fails only at its
/// last cell, and the cuts grow with the run's length to the power of the row's width (120 digits
/// in 7 cells: 3·10⁹). The real reports' runs take under 1,500 tries; the budget is a hundred
/// times more, a fraction of a second.
pub(crate) const MAX_STEPS: usize = 200_000;

/// One value of a block: a single cell, or a chunk of a run.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Piece<'a> {
    /// Exactly one cell.
    Cell(&'a str),
    /// One or more cells run together.
    Chunk(&'a str),
}

/// The outcome of a search.
#[derive(Debug, Default)]
pub(crate) struct Splits {
    /// Every cut that reads as values of the columns' kinds, each one cell per column.
    pub(crate) all: Vec<Vec<Cell>>,
    /// Those of them that keep the sum rule in every group.
    pub(crate) consistent: Vec<Vec<Cell>>,
    /// Why the search stopped before it had tried every cut, if it did.
    pub(crate) gave_up: Option<GaveUp>,
}

/// Why a search gave up: its result is not complete, so none of its cuts is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GaveUp {
    /// More than [`MAX_CANDIDATES`] cuts were found.
    TooManyCuts,
    /// More than [`MAX_STEPS`] cells were tried.
    TooManySteps,
}

/// Cuts `pieces` into one cell per kind in `kinds`. `group` is the number of cells each `rule`
/// check covers (a row of table 三: 7; a group of table 四: 5).
pub(crate) fn split(
    pieces: &[Piece<'_>],
    kinds: &[ValueKind],
    group: usize,
    rule: Option<fn(&[Cell]) -> bool>,
) -> Splits {
    let pieces: Vec<(Vec<char>, bool)> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Cell(text) => (text.chars().collect(), true),
            Piece::Chunk(text) => (text.chars().collect(), false),
        })
        .collect();
    let mut search = Search {
        pieces: &pieces,
        kinds,
        found: Vec::new(),
        gave_up: None,
        steps: 0,
        current: Vec::with_capacity(kinds.len()),
    };
    search.walk(0, 0);
    let consistent = match rule {
        Some(rule) if group > 0 => search
            .found
            .iter()
            .filter(|cells| cells.chunks(group).all(rule))
            .cloned()
            .collect(),
        _ => search.found.clone(),
    };
    Splits {
        all: search.found,
        consistent,
        gave_up: search.gave_up,
    }
}

struct Search<'a> {
    pieces: &'a [(Vec<char>, bool)],
    kinds: &'a [ValueKind],
    found: Vec<Vec<Cell>>,
    gave_up: Option<GaveUp>,
    steps: usize,
    current: Vec<Cell>,
}

impl Search<'_> {
    /// Places cells from `piece` at character `offset` on.
    fn walk(&mut self, piece: usize, offset: usize) {
        if self.gave_up.is_some() {
            return;
        }
        let column = self.current.len();
        if piece == self.pieces.len() {
            if column == self.kinds.len() {
                if self.found.len() >= MAX_CANDIDATES {
                    self.gave_up = Some(GaveUp::TooManyCuts);
                } else {
                    self.found.push(self.current.clone());
                }
            }
            return;
        }
        if column == self.kinds.len() || !self.feasible(piece, offset) {
            return;
        }
        let (chars, single) = &self.pieces[piece];
        let kind = self.kinds[column];
        if *single {
            if !self.step() {
                return;
            }
            if let Some(cell) = read_cell(&chars.iter().collect::<String>(), kind, true) {
                self.current.push(cell);
                self.walk(piece + 1, 0);
                self.current.pop();
            }
            return;
        }
        // No value of a number's kind is longer than MAX_NUMBER_CHARS: longer cuts are not tried.
        let longest = match kind {
            ValueKind::Text => chars.len(),
            _ => chars.len().min(offset + MAX_NUMBER_CHARS),
        };
        for end in offset + 1..=longest {
            if !self.step() {
                return;
            }
            let text: String = chars[offset..end].iter().collect();
            let Some(cell) = read_cell(&text, kind, false) else {
                continue;
            };
            // A unit ends its chunk: nothing may follow it in the same chunk.
            self.current.push(cell);
            if end == chars.len() {
                self.walk(piece + 1, 0);
            } else {
                self.walk(piece, end);
            }
            self.current.pop();
        }
    }

    /// Counts one cell tried; false once the budget is spent.
    fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.gave_up = Some(GaveUp::TooManySteps);
        }
        self.gave_up.is_none()
    }

    /// Whether the cells still to place fit in what is left: every piece holds at least one
    /// cell, a chunk at most one per character.
    fn feasible(&self, piece: usize, offset: usize) -> bool {
        let needed = self.kinds.len() - self.current.len();
        let rest = &self.pieces[piece..];
        let least = rest.len();
        let most: usize = rest
            .iter()
            .enumerate()
            .map(|(at, (chars, single))| {
                if *single {
                    1
                } else if at == 0 {
                    chars.len() - offset
                } else {
                    chars.len()
                }
            })
            .sum();
        (least..=most).contains(&needed)
    }
}

/// Reads one cell of a kind. A `single` cell (known to be one cell) is read leniently: units and
/// thousands separators are dropped, leading zeros allowed. A cut of a run is read strictly.
pub(crate) fn read_cell(text: &str, kind: ValueKind, single: bool) -> Option<Cell> {
    let trimmed = text.trim();
    if single && is_blank_marker(trimmed) {
        return Some(Cell::Blank);
    }
    let (body, unit) = UNITS
        .iter()
        .find_map(|unit| trimmed.strip_suffix(unit).map(|body| (body, Some(*unit))))
        .unwrap_or((trimmed, None));
    let body = if single {
        body.replace([',', ' '], "")
    } else {
        body.to_owned()
    };
    let (sign, digits) = match body.strip_prefix(['-', '+']) {
        Some(rest) => (&body[..1], rest),
        None => ("", body.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let numeric = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !numeric {
        return None;
    }
    if !single && whole.len() > 1 && whole.starts_with('0') {
        return None;
    }
    match kind {
        ValueKind::Count => {
            if !sign.is_empty() || fraction.is_some() || unit == Some("万元") {
                return None;
            }
            whole.parse().ok().map(Cell::Count)
        }
        ValueKind::Change => {
            if fraction.is_some() || sign == "+" && !single {
                return None;
            }
            let value: i64 = whole.parse().ok()?;
            Some(Cell::Change(if sign == "-" { -value } else { value }))
        }
        ValueKind::Amount => {
            if !sign.is_empty() || unit.is_some_and(|unit| unit != "万元") {
                return None;
            }
            Decimal::parse(digits).map(Cell::Amount)
        }
        ValueKind::Text => {
            if !sign.is_empty() {
                return None;
            }
            Some(Cell::text(trimmed))
        }
    }
}

/// A group's last cell is the sum of the others (R2, R4); not checkable when a cell is blank.
pub(crate) fn total_is_sum(cells: &[Cell]) -> bool {
    let Some((total, parts)) = cells.split_last() else {
        return true;
    };
    let (Some(total), Some(parts)) = (
        total.whole(),
        parts.iter().map(Cell::whole).collect::<Option<Vec<i128>>>(),
    ) else {
        return true;
    };
    parts.iter().sum::<i128>() == total
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTS7: [ValueKind; 7] = [ValueKind::Count; 7];

    fn counts(cells: &[Cell]) -> Vec<u64> {
        cells
            .iter()
            .map(|cell| match cell {
                Cell::Count(value) => *value,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_sum_rule_finds_the_only_consistent_split() {
        let splits = split(
            &[Piece::Chunk("640020470")],
            &COUNTS7,
            7,
            Some(total_is_sum),
        );
        assert!(splits.all.len() > 1);
        assert_eq!(splits.consistent.len(), 1);
        assert_eq!(counts(&splits.consistent[0]), vec![64, 0, 0, 2, 0, 4, 70]);
    }

    #[test]
    fn spaces_are_boundaries_and_leading_zeros_are_not_numbers() {
        let splits = split(
            &[
                Piece::Chunk("23"),
                Piece::Chunk("0"),
                Piece::Chunk("00"),
                Piece::Chunk("0"),
                Piece::Chunk("023"),
            ],
            &COUNTS7,
            7,
            Some(total_is_sum),
        );
        assert_eq!(splits.all.len(), 1);
        assert_eq!(counts(&splits.all[0]), vec![23, 0, 0, 0, 0, 0, 23]);
    }

    #[test]
    fn two_consistent_splits_are_both_reported() {
        let splits = split(
            &[Piece::Chunk("220000325")],
            &COUNTS7,
            7,
            Some(total_is_sum),
        );
        let found: Vec<Vec<u64>> = splits.consistent.iter().map(|c| counts(c)).collect();
        assert!(found.contains(&vec![22, 0, 0, 0, 0, 3, 25]));
        assert!(found.contains(&vec![2, 20, 0, 0, 0, 3, 25]));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn rows_without_a_rule_keep_every_split() {
        let kinds = [ValueKind::Count, ValueKind::Change, ValueKind::Count];
        let splits = split(&[Piece::Chunk("2648-18538")], &kinds, 3, None);
        // The minus sign starts the change cell: 2648 | -1…, and the rest is cut three ways more.
        assert_eq!(splits.all.len(), 4);
        assert!(splits.all.iter().all(|cells| cells[0] == Cell::Count(2648)));
        let kinds = [ValueKind::Count, ValueKind::Text];
        let splits = split(&[Piece::Chunk("13575394432.52元")], &kinds, 2, None);
        assert!(splits.all.len() > 5);
        assert!(
            splits
                .all
                .contains(&vec![Cell::Count(135), Cell::text("75394432.52元")])
        );
    }

    #[test]
    fn single_cells_are_read_leniently_and_blank_markers_are_blank() {
        assert_eq!(
            read_cell("2663条", ValueKind::Count, true),
            Some(Cell::Count(2663))
        );
        assert_eq!(read_cell(" / ", ValueKind::Count, true), Some(Cell::Blank));
        assert_eq!(
            read_cell("-18", ValueKind::Change, true),
            Some(Cell::Change(-18))
        );
        assert_eq!(read_cell("-18", ValueKind::Count, true), None);
        assert_eq!(
            read_cell("24252.311082", ValueKind::Amount, true),
            Some(Cell::Amount(Decimal::parse("24252.311082").unwrap()))
        );
        assert_eq!(read_cell("12.5", ValueKind::Count, true), None);
        assert_eq!(read_cell("07", ValueKind::Count, false), None);
    }

    #[test]
    fn fifteen_digits_in_fifteen_cells_split_one_way() {
        let kinds = [ValueKind::Count; 15];
        let splits = split(
            &[Piece::Chunk("110024001510102")],
            &kinds,
            5,
            Some(total_is_sum),
        );
        assert_eq!(splits.all.len(), 1);
        assert_eq!(splits.consistent.len(), 1);
    }

    #[test]
    fn the_search_is_bounded() {
        let long = "1".repeat(30);
        let splits = split(&[Piece::Chunk(&long)], &COUNTS7, 7, Some(total_is_sum));
        assert_eq!(splits.gave_up, Some(GaveUp::TooManyCuts));
    }

    #[test]
    fn runs_too_long_for_their_cells_use_up_the_step_budget() {
        // Every cut but the last cell reads; the last cell is too long for a count, so the
        // search finds nothing and would try every cut.
        for digits in [120, 1_000] {
            let long = "9".repeat(digits);
            let splits = split(&[Piece::Chunk(&long)], &COUNTS7, 7, Some(total_is_sum));
            assert_eq!(splits.gave_up, Some(GaveUp::TooManySteps), "{digits}");
            assert!(splits.all.is_empty());
        }
    }
}
