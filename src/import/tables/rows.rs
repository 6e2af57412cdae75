//! Row resolution: a block's values given to its rows (cell by cell, in the order of a PDF block,
//! or digits run together cut by `split`), and the rows' cells placed in the report.

use super::super::split::{self, GaveUp, Piece, read_cell};
use super::super::tokens::Token;
use super::blocks::Block;
use super::order::{Grid, Order, resolve_several};
use super::{TableNote, describe, rule_name};
use archive_core::format::{FormatId, RowDef, TableKey, ValueKind, catalog};
use archive_core::messages::load::value_kind;
use archive_core::messages::{Text, cli};
use archive_core::model::{Cell, Cells};

/// One row's possible values.
#[derive(Debug, Clone)]
pub(super) struct RowState {
    pub(super) table: TableKey,
    pub(super) row: &'static RowDef,
    /// Every reading still possible; one when decided.
    pub(super) candidates: Vec<Vec<Cell>>,
    /// How many readings there were before any rule.
    pub(super) readings: usize,
    pub(super) seen: String,
    pub(super) line: usize,
    /// What decided it, for the summary.
    pub(super) how: Vec<String>,
    /// Cells that could not be read: column index and text.
    unreadable: Vec<(usize, String)>,
    /// Cells given a share of a value merged over several cells, which may be each cell's value
    /// or their total: column index, text, and the rows and columns the merged cell covers.
    shared: Vec<(usize, String, usize, usize)>,
    /// Candidates that belong together with other rows' (an undecided PDF order): not to be
    /// filtered row by row.
    pub(super) coupled: bool,
}

impl RowState {
    /// A row of a block with the readings given.
    pub(super) fn new(block: &Block, row: &'static RowDef, candidates: Vec<Vec<Cell>>) -> RowState {
        RowState {
            table: block.table,
            row,
            readings: candidates.len(),
            candidates,
            seen: block.seen(),
            line: block.line,
            how: Vec::new(),
            unreadable: Vec::new(),
            shared: Vec::new(),
            coupled: false,
        }
    }

    /// A row of a block left blank.
    pub(super) fn blank(block: &Block, row: &'static RowDef) -> RowState {
        RowState::new(block, row, vec![vec![Cell::Blank; row.columns.len()]])
    }
}

/// The cell every candidate has in a column, if they agree.
pub(super) fn agreed(candidates: &[Vec<Cell>], column: usize) -> Option<&Cell> {
    let first = &candidates.first()?[column];
    candidates
        .iter()
        .all(|candidate| &candidate[column] == first)
        .then_some(first)
}

/// One value of a block that is a cell of its own.
enum Single<'b> {
    /// A table cell's text.
    Cell(&'b str),
    /// A cell merged over `rows` × `columns` cells, standing for this one.
    Merged {
        text: &'b str,
        rows: usize,
        columns: usize,
    },
}

/// The block's values, if each is a cell of its own (none is digits run together).
fn singles(block: &Block) -> Option<Vec<Single<'_>>> {
    block
        .values
        .iter()
        .map(|v| match &v.token {
            Token::Cell(text) => Some(Single::Cell(text)),
            Token::Merged {
                text,
                rows,
                columns,
            } => Some(Single::Merged {
                text,
                rows: *rows,
                columns: *columns,
            }),
            _ => None,
        })
        .collect()
}

/// The rows of a block with their values: cells one by one, a PDF block in the order its sums
/// confirm, or digits run together cut.
pub(super) fn resolve_block(
    block: &Block,
    evidence: Option<Order>,
    notes: &mut Vec<TableNote>,
) -> Vec<RowState> {
    let Some(singles) = singles(block) else {
        return cut_runs(block, notes);
    };
    // Several rows of single cells: row by row or column by column. (Table 四's rows are drawn
    // side by side: its values come in one order.)
    if block.rows.len() > 1
        && block.table != TableKey::Appeals
        && let Some(grid) = Grid::of(block)
    {
        return resolve_several(&grid, evidence, notes);
    }
    one_by_one(block, &singles, notes)
}

/// Cells one by one, in the only possible order.
fn one_by_one(block: &Block, singles: &[Single<'_>], notes: &mut Vec<TableNote>) -> Vec<RowState> {
    let total: usize = block.widths().iter().sum();
    if singles.len() != total {
        let message = cli::table_values_miscounted(singles.len(), total);
        return left_blank(block, message.here(), notes);
    }
    let mut rest = singles;
    block
        .rows
        .iter()
        .map(|row| {
            let (own, after) = rest.split_at(row.columns.len());
            rest = after;
            read_row(block, row, own)
        })
        .collect()
}

/// A row's cells from its own values, one each.
fn read_row(block: &Block, row: &'static RowDef, values: &[Single<'_>]) -> RowState {
    let mut cells = Vec::new();
    let mut unreadable = Vec::new();
    let mut shared = Vec::new();
    for ((index, column), value) in row.columns.iter().enumerate().zip(values) {
        match value {
            Single::Merged {
                text,
                rows,
                columns,
            } => {
                cells.push(Cell::Blank);
                shared.push((index, (*text).to_owned(), *rows, *columns));
            }
            Single::Cell(text) => match read_cell(text, column.kind, true) {
                Some(cell) => cells.push(cell),
                None => {
                    cells.push(Cell::Blank);
                    unreadable.push((index, (*text).to_owned()));
                }
            },
        }
    }
    RowState {
        unreadable,
        shared,
        ..RowState::new(block, row, vec![cells])
    }
}

/// Every row of the block left blank, each reported with `message`.
fn left_blank(block: &Block, message: &str, notes: &mut Vec<TableNote>) -> Vec<RowState> {
    block
        .rows
        .iter()
        .map(|row| {
            notes.push(TableNote {
                table: block.table,
                row: Some(row.key),
                columns: Vec::new(),
                seen: block.seen(),
                line: block.line,
                message: message.to_owned(),
                needs_person: true,
            });
            RowState::blank(block, row)
        })
        .collect()
}

/// Values run together: cut them, the sum rule keeping the consistent cuts. Only one row's
/// values, or table 四's, are cut: the values of several rows run together are left blank.
fn cut_runs(block: &Block, notes: &mut Vec<TableNote>) -> Vec<RowState> {
    let merged = block
        .values
        .iter()
        .any(|v| matches!(v.token, Token::Merged { .. }));
    if merged {
        return left_blank(block, cli::table_run_beside_merged().here(), notes);
    }
    if block.rows.len() > 1 && block.table != TableKey::Appeals {
        return left_blank(block, cli::table_rows_run_together().here(), notes);
    }
    let kinds: Vec<ValueKind> = block
        .rows
        .iter()
        .flat_map(|row| row.columns.iter().map(|column| column.kind))
        .collect();
    let pieces: Vec<Piece<'_>> = block
        .values
        .iter()
        .flat_map(|v| match &v.token {
            Token::Cell(cell) => vec![Piece::Cell(cell.as_str())],
            Token::Run(chunks) => chunks.iter().map(|c| Piece::Chunk(c.as_str())).collect(),
            _ => Vec::new(),
        })
        .collect();
    let group = block.rule.map_or(kinds.len(), |rule| rule.group);
    let splits = split::split(&pieces, &kinds, group, block.rule.map(|rule| rule.holds));
    if let Some(message) = not_cut(&splits, kinds.len()) {
        return left_blank(block, message.here(), notes);
    }
    let readings = splits.all.len();
    let (candidates, how) = kept_cuts(splits, block.rule.map(|rule| rule_name(rule.name)));
    spread(block, &candidates, readings, how)
}

/// Why no cut is taken, if none is: the search gave up, or found none.
fn not_cut(splits: &split::Splits, cells: usize) -> Option<Text> {
    match splits.gave_up {
        Some(GaveUp::TooManyCuts) => Some(cli::table_too_many_cuts(split::MAX_CANDIDATES)),
        Some(GaveUp::TooManySteps) => Some(cli::table_too_many_steps(cells, split::MAX_STEPS)),
        None if splits.all.is_empty() => Some(cli::table_cannot_cut(cells)),
        None => None,
    }
}

/// The cuts kept (those that keep the sum rule, or all of them when none does) and what the
/// rule (named `rule`) decided, for the summary.
fn kept_cuts(splits: split::Splits, rule: Option<Text>) -> (Vec<Vec<Cell>>, Option<String>) {
    let (all, consistent) = (splits.all.len(), splits.consistent.len());
    if consistent == 0 {
        (
            splits.all,
            rule.map(|name| cli::table_no_cut_keeps(name.here()).into()),
        )
    } else if consistent < all {
        let s = if consistent == 1 { "s" } else { "" };
        (
            splits.consistent,
            rule.map(|name| cli::table_cuts_keep(consistent, all, s, name.here()).into()),
        )
    } else {
        (splits.all, None)
    }
}

/// The cells of each cut spread over the block's rows: each row's own cuts, without repeats.
fn spread(
    block: &Block,
    candidates: &[Vec<Cell>],
    readings: usize,
    how: Option<String>,
) -> Vec<RowState> {
    let mut at = 0;
    block
        .rows
        .iter()
        .map(|row| {
            let width = row.columns.len();
            let mut row_candidates: Vec<Vec<Cell>> = Vec::new();
            for candidate in candidates {
                let cells = candidate[at..at + width].to_vec();
                if !row_candidates.contains(&cells) {
                    row_candidates.push(cells);
                }
            }
            at += width;
            let mut state = RowState::new(block, row, row_candidates);
            state.readings = readings;
            state.coupled = block.rows.len() > 1;
            state.how.extend(how.clone());
            state
        })
        .collect()
}

/// A row named twice (a table printed twice on a page): the first reading stands; a second that
/// differs is reported.
pub(super) fn keep_first(states: Vec<RowState>, notes: &mut Vec<TableNote>) -> Vec<RowState> {
    let mut kept: Vec<RowState> = Vec::new();
    for state in states {
        match kept
            .iter()
            .find(|known| known.table == state.table && known.row.key == state.row.key)
        {
            Some(known) => {
                if known.candidates != state.candidates {
                    notes.push(TableNote {
                        table: state.table,
                        row: Some(state.row.key),
                        columns: Vec::new(),
                        seen: state.seen.clone(),
                        line: state.line,
                        message: cli::table_row_printed_again(&known.seen).into(),
                        needs_person: false,
                    });
                }
            }
            None => kept.push(state),
        }
    }
    kept
}

/// Why cells the readings of a row disagree on are left for a person.
pub(super) fn undecided(coupled: bool, candidates: usize, readings: usize) -> String {
    let message = if coupled && candidates == 2 && readings <= 2 {
        cli::table_either_order()
    } else if candidates < readings {
        cli::table_cuts_some_consistent(readings, candidates)
    } else {
        cli::table_cuts_none_decides(readings)
    };
    message.into()
}

/// Writes a row's cells, and reports what a person should know or do.
pub(super) fn place(state: &RowState, cells: &mut Cells, notes: &mut Vec<TableNote>) {
    let catalog = catalog();
    let mut disputed = Vec::new();
    for (index, column) in state.row.columns.iter().enumerate() {
        let id = catalog
            .find(state.table, state.row.key, column.key)
            .expect("catalogued");
        match agreed(&state.candidates, index) {
            Some(cell) => cells.set(id, cell.clone()),
            None => {
                cells.set(id, Cell::Blank);
                disputed.push(column.key);
            }
        }
    }
    for (index, text) in &state.unreadable {
        let column = &state.row.columns[*index];
        notes.push(TableNote {
            table: state.table,
            row: Some(state.row.key),
            columns: vec![column.key],
            seen: text.clone(),
            line: state.line,
            message: cli::table_value_not_kind(text, value_kind(column.kind).here()).into(),
            needs_person: true,
        });
    }
    for (index, text, rows, columns) in &state.shared {
        let column = &state.row.columns[*index];
        let over = match (*rows, *columns) {
            (1, columns) => cli::merged_over_columns(columns),
            (rows, 1) => cli::merged_over_rows(rows),
            (rows, columns) => cli::merged_over_both(rows, columns),
        };
        notes.push(TableNote {
            table: state.table,
            row: Some(state.row.key),
            columns: vec![column.key],
            seen: text.clone(),
            line: state.line,
            message: cli::table_merged_value(text, over.here()).into(),
            needs_person: true,
        });
    }
    if !disputed.is_empty() {
        notes.push(TableNote {
            table: state.table,
            row: Some(state.row.key),
            columns: disputed,
            seen: state.seen.clone(),
            line: state.line,
            message: undecided(state.coupled, state.candidates.len(), state.readings),
            needs_person: true,
        });
    } else if !state.how.is_empty() {
        notes.push(TableNote {
            table: state.table,
            row: Some(state.row.key),
            columns: Vec::new(),
            seen: state.seen.clone(),
            line: state.line,
            message: cli::table_read_as(&describe(&state.candidates[0]), &state.how.join("; "))
                .into(),
            needs_person: false,
        });
    }
}

/// Rows of the report's version that were not found (a row the other version has in its place,
/// such as gb2019's single （六）其他处理 in a gb2021 report, counts as found; a row already
/// reported for another reason is not reported again).
pub(super) fn missing_rows(
    format: FormatId,
    states: &[RowState],
    present: &[bool; 3],
    notes: &mut Vec<TableNote>,
) {
    for (table, present) in TableKey::ALL.into_iter().zip(present) {
        let found: Vec<&RowState> = states.iter().filter(|s| s.table == table).collect();
        if found.is_empty() {
            notes.push(TableNote {
                table,
                row: None,
                columns: Vec::new(),
                seen: String::new(),
                line: 0,
                message: if *present {
                    cli::table_no_row_recognised().into()
                } else {
                    cli::table_not_found().into()
                },
                needs_person: true,
            });
            continue;
        }
        for row in format.template().table(table).rows() {
            let has = found.iter().any(|state| state.row.key == row.key);
            let slot_taken = row.slot.is_some_and(|slot| {
                found
                    .iter()
                    .any(|state| state.row.slot == Some(slot) && state.row.key != row.key)
            });
            // A row already reported (its label found without values) is not reported again
            // as not found.
            let reported = notes
                .iter()
                .any(|note| note.table == table && note.row == Some(row.key));
            if !has && !slot_taken && !reported {
                notes.push(TableNote {
                    table,
                    row: Some(row.key),
                    columns: Vec::new(),
                    seen: String::new(),
                    line: 0,
                    message: cli::table_row_not_found(row.label.zh).into(),
                    needs_person: true,
                });
            }
        }
    }
}
