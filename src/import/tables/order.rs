//! The order of a PDF block: rows named together whose values came after all their labels, read
//! row by row or column by column (or column by column with the columns in another order), as
//! the sums confirm.

use super::super::split::read_cell;
use super::super::tokens::Token;
use super::TableNote;
use super::blocks::{Block, SumRule};
use super::rows::RowState;
use archive_core::format::{TableKey, ValueKind};
use archive_core::messages::{Text, cli};
use archive_core::model::Cell;

/// The cell order of a PDF block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    RowByRow,
    ColumnByColumn,
}

impl Order {
    fn describe(self) -> Text {
        match self {
            Order::RowByRow => cli::order_row_by_row(),
            Order::ColumnByColumn => cli::order_column_by_column(),
        }
    }
}

/// A block whose rows all have the same number of columns (two or more) and whose values are
/// single cells, one for each of its cells: it can be read in either order.
pub(super) struct Grid<'b> {
    block: &'b Block,
    /// The values' text, in the order they came.
    texts: Vec<&'b str>,
    /// The columns of each row.
    width: usize,
}

impl<'b> Grid<'b> {
    /// The block as a grid, if it is one.
    pub(super) fn of(block: &'b Block) -> Option<Grid<'b>> {
        let width = block.rows.first()?.columns.len();
        if width < 2 || block.rows.iter().any(|row| row.columns.len() != width) {
            return None;
        }
        let texts: Vec<&str> = block
            .values
            .iter()
            .map(|v| match &v.token {
                Token::Cell(cell) => Some(cell.as_str()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        (texts.len() == width * block.rows.len()).then_some(Grid {
            block,
            texts,
            width,
        })
    }

    /// The rows' cells, the values taken in `order`, each read for its column's kind.
    fn read(&self, order: Order) -> Vec<Vec<Cell>> {
        let count = self.block.rows.len();
        self.block
            .rows
            .iter()
            .enumerate()
            .map(|(row, def)| {
                def.columns
                    .iter()
                    .enumerate()
                    .map(|(column, def)| {
                        let at = match order {
                            Order::RowByRow => row * self.width + column,
                            Order::ColumnByColumn => column * count + row,
                        };
                        read_cell(self.texts[at], def.kind, true).unwrap_or(Cell::Blank)
                    })
                    .collect()
            })
            .collect()
    }

    /// Column by column, the `c`-th column of values being the template's column `order[c]`.
    fn in_column_order(&self, order: &[usize]) -> Vec<Vec<Cell>> {
        // `extracted[c]` is the c-th column of values of a row.
        self.read(Order::ColumnByColumn)
            .iter()
            .zip(&self.block.rows)
            .map(|(extracted, row)| {
                let mut cells = vec![Cell::Blank; extracted.len()];
                for (position, &column) in order.iter().enumerate() {
                    cells[column] = reread(&extracted[position], row.columns[column].kind);
                }
                cells
            })
            .collect()
    }
}

/// What the blocks whose sums decide between the two orders say about the document's order.
pub(super) fn order_evidence(blocks: &[Block]) -> Option<Order> {
    let mut seen: Option<Order> = None;
    for block in blocks
        .iter()
        .filter(|b| b.rows.len() > 1 && b.table != TableKey::Appeals)
    {
        let (Some(rule), Some(grid)) = (block.rule, Grid::of(block)) else {
            continue;
        };
        let by_row = rule.holds_in_every(&grid.read(Order::RowByRow));
        let by_column = rule.holds_in_every(&grid.read(Order::ColumnByColumn));
        let decided = match (by_row, by_column) {
            (true, false) => Order::RowByRow,
            (false, true) => Order::ColumnByColumn,
            _ => continue,
        };
        match seen {
            None => seen = Some(decided),
            Some(order) if order == decided => {}
            Some(_) => return None,
        }
    }
    seen
}

/// One way of reading a block: how, and every row's cells.
struct Reading {
    how: String,
    rows: Vec<Vec<Cell>>,
}

/// The values of a block of several rows, each a single cell, read in the order their sums
/// confirm: row by row, column by column, or column by column with the columns in another order
/// (PDF extraction sometimes takes 总计 before 其他). Blocks without a rule (table 二) follow the
/// order the rest of the document showed.
pub(super) fn resolve_several(
    grid: &Grid<'_>,
    evidence: Option<Order>,
    notes: &mut Vec<TableNote>,
) -> Vec<RowState> {
    let block = grid.block;
    let rows = grid.read(Order::RowByRow);
    let columns = grid.read(Order::ColumnByColumn);
    if rows == columns {
        return decided(block, rows);
    }
    let Some(rule) = block.rule else {
        return without_rule(block, evidence, rows, columns, notes);
    };
    let mut consistent = Vec::new();
    if rule.holds_in_every(&rows) {
        consistent.push(Reading {
            how: Order::RowByRow.describe().into(),
            rows,
        });
    }
    if rule.holds_in_every(&columns) {
        consistent.push(Reading {
            how: Order::ColumnByColumn.describe().into(),
            rows: columns,
        });
    }
    if consistent.is_empty() {
        consistent = reordered_columns(grid, rule);
    }
    choose(block, consistent, evidence, notes)
}

/// A block of table 二 (no sum rule) read in the order the sums showed elsewhere, or left open
/// between the two orders.
fn without_rule(
    block: &Block,
    evidence: Option<Order>,
    rows: Vec<Vec<Cell>>,
    columns: Vec<Vec<Cell>>,
    notes: &mut Vec<TableNote>,
) -> Vec<RowState> {
    let Some(order) = evidence else {
        return coupled(block, &[rows, columns]);
    };
    notes.push(block_note(
        block,
        cli::order_from_table_three(order.describe().here()).into(),
        false,
    ));
    decided(
        block,
        match order {
            Order::RowByRow => rows,
            Order::ColumnByColumn => columns,
        },
    )
}

/// Column by column, the columns in another order: the orders closest to the template's (fewest
/// columns swapped) in which the sums hold. At most `width!` orders are tried (5,040 for table
/// 三's seven columns).
fn reordered_columns(grid: &Grid<'_>, rule: SumRule) -> Vec<Reading> {
    let labels = grid.block.rows[0].columns;
    let mut orders = permutations(grid.width);
    orders.sort_by_key(|order| inversions(order));
    let mut found: Vec<Reading> = Vec::new();
    let mut closest: Option<usize> = None;
    for permutation in orders {
        let distance = inversions(&permutation);
        if closest.is_some_and(|closest| distance > closest) {
            break;
        }
        let arranged = grid.in_column_order(&permutation);
        if !rule.holds_in_every(&arranged) {
            continue;
        }
        closest = Some(distance);
        if !found.iter().any(|known| known.rows == arranged) {
            let names: Vec<&str> = permutation
                .iter()
                .map(|&column| labels[column].label.zh)
                .collect();
            found.push(Reading {
                how: cli::order_columns_reordered(&names.join(", ")).into(),
                rows: arranged,
            });
        }
    }
    found
}

/// The reading taken among those in which the sums hold: the only one, the one the document
/// showed elsewhere, or none (the rows left blank, or open among the readings).
fn choose(
    block: &Block,
    mut consistent: Vec<Reading>,
    evidence: Option<Order>,
    notes: &mut Vec<TableNote>,
) -> Vec<RowState> {
    if consistent.is_empty() {
        notes.push(block_note(block, cli::order_none_holds().into(), true));
        return block
            .rows
            .iter()
            .map(|row| RowState::blank(block, row))
            .collect();
    }
    if consistent.len() == 1 {
        let only = consistent.swap_remove(0);
        notes.push(block_note(
            block,
            cli::order_only_one_holds(&only.how).into(),
            false,
        ));
        return decided(block, only.rows);
    }
    let preferred = evidence.and_then(|order| {
        consistent
            .iter()
            .position(|reading| reading.how == order.describe().here())
    });
    let Some(at) = preferred else {
        let readings: Vec<Vec<Vec<Cell>>> = consistent.into_iter().map(|r| r.rows).collect();
        return coupled(block, &readings);
    };
    let chosen = consistent.swap_remove(at);
    notes.push(block_note(
        block,
        cli::order_as_elsewhere(&chosen.how).into(),
        false,
    ));
    decided(block, chosen.rows)
}

/// A note about a whole block.
fn block_note(block: &Block, message: String, needs_person: bool) -> TableNote {
    let first = block.rows.first().map_or("", |row| row.key);
    let last = block.rows.last().map_or("", |row| row.key);
    TableNote {
        table: block.table,
        row: None,
        columns: Vec::new(),
        seen: String::new(),
        line: block.line,
        message: cli::block_of_rows(first, last, block.rows.len(), &message).into(),
        needs_person,
    }
}

/// The block's rows, read one way.
fn decided(block: &Block, chosen: Vec<Vec<Cell>>) -> Vec<RowState> {
    block
        .rows
        .iter()
        .zip(chosen)
        .map(|(row, cells)| RowState::new(block, row, vec![cells]))
        .collect()
}

/// The block's rows open among several readings of the whole block, which belong together.
fn coupled(block: &Block, readings: &[Vec<Vec<Cell>>]) -> Vec<RowState> {
    block
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let candidates = readings.iter().map(|rows| rows[index].clone()).collect();
            let mut state = RowState::new(block, row, candidates);
            state.coupled = true;
            state
        })
        .collect()
}

/// Every order of `n` columns (Heap's algorithm).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut current: Vec<usize> = (0..n).collect();
    let mut out = vec![current.clone()];
    let mut counters = vec![0; n];
    let mut at = 1;
    while at < n {
        if counters[at] < at {
            if at % 2 == 0 {
                current.swap(0, at);
            } else {
                current.swap(counters[at], at);
            }
            out.push(current.clone());
            counters[at] += 1;
            at = 1;
        } else {
            counters[at] = 0;
            at += 1;
        }
    }
    out
}

/// How far an order is from the template's: the number of column pairs it swaps.
fn inversions(order: &[usize]) -> usize {
    (0..order.len())
        .map(|i| {
            (i + 1..order.len())
                .filter(|&j| order[i] > order[j])
                .count()
        })
        .sum()
}

/// A cell read for one column's kind, read again for another's (counts in these tables).
fn reread(cell: &Cell, kind: ValueKind) -> Cell {
    match (cell, kind) {
        (Cell::Count(value), ValueKind::Count) => Cell::Count(*value),
        (other, _) => read_cell(&other.to_string(), kind, true).unwrap_or(Cell::Blank),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tokens::Located;

    fn block(rows: &[&str], values: Vec<Token>) -> Block {
        let template = archive_core::format::FormatId::Gb2021.template();
        Block {
            table: TableKey::Applications,
            rows: rows
                .iter()
                .map(|row| template.row(TableKey::Applications, row).unwrap())
                .collect(),
            values: values
                .into_iter()
                .map(|token| Located { token, line: 1 })
                .collect(),
            line: 1,
            rule: SumRule::of(TableKey::Applications),
        }
    }

    fn cells(texts: &[&str]) -> Vec<Token> {
        texts
            .iter()
            .map(|text| Token::Cell((*text).to_owned()))
            .collect()
    }

    #[test]
    fn only_rows_of_one_width_with_a_single_cell_for_each_are_a_grid() {
        let rows = ["received", "carried_over"];
        let fourteen: Vec<&str> = ["1"; 14].to_vec();
        let grid = block(&rows, cells(&fourteen));
        assert!(Grid::of(&grid).is_some());
        // One value short, or one too many.
        assert!(Grid::of(&block(&rows, cells(&fourteen[1..]))).is_none());
        assert!(Grid::of(&block(&rows, cells(&["1"; 15]))).is_none());
        // A merged cell or digits run together stand for an unknown number of cells.
        let mut merged = cells(&fourteen[1..]);
        merged.push(Token::Merged {
            text: "1".to_owned(),
            rows: 1,
            columns: 2,
        });
        assert!(Grid::of(&block(&rows, merged)).is_none());
        let mut run = cells(&fourteen[1..]);
        run.push(Token::Run(vec!["11".to_owned()]));
        assert!(Grid::of(&block(&rows, run)).is_none());
    }

    #[test]
    fn a_grid_reads_both_orders() {
        // Row by row: received 1 2 3 4 5 6 21; carried over all 0.
        let mut values = vec!["1", "2", "3", "4", "5", "6", "21"];
        values.extend(["0"; 7]);
        let block = block(&["received", "carried_over"], cells(&values));
        let grid = Grid::of(&block).unwrap();
        let count = |values: &[u64]| values.iter().map(|v| Cell::Count(*v)).collect::<Vec<_>>();
        assert_eq!(
            grid.read(Order::RowByRow),
            [count(&[1, 2, 3, 4, 5, 6, 21]), count(&[0; 7])]
        );
        assert_eq!(
            grid.read(Order::ColumnByColumn),
            [
                count(&[1, 3, 5, 21, 0, 0, 0]),
                count(&[2, 4, 6, 0, 0, 0, 0])
            ]
        );
        // The sums confirm row by row only.
        let mut notes = Vec::new();
        let states = resolve_several(&grid, None, &mut notes);
        assert_eq!(states[0].candidates, [count(&[1, 2, 3, 4, 5, 6, 21])]);
        assert!(notes[0].message.contains("read row by row"), "{notes:?}");
    }

    #[test]
    fn every_column_order_is_tried_once_and_measured_by_the_pairs_it_swaps() {
        for n in 0..=7 {
            let orders = permutations(n);
            assert_eq!(orders.len(), (1..=n).product::<usize>());
            let mut distinct = orders.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), orders.len());
        }
        assert_eq!(inversions(&[0, 1, 2]), 0);
        assert_eq!(inversions(&[0, 2, 1]), 1);
        assert_eq!(inversions(&[2, 1, 0]), 3);
    }
}
