//! Placing a report's table values in their cells.
//!
//! The text of each table, as tokens, is read in order: label text names rows (through
//! `labels`), and the values that follow fill the rows named but not yet filled. One row at a
//! time is the common case (a web table, copied text, digits run together after their label);
//! PDF text gives the labels of many rows, then all their values, often column by column.
//!
//! Nothing is guessed silently. Values run together are cut by `split`; the sum rules (R2 in a
//! row of table 三, R4 in a group of table 四, then R1 and R3 across the rows of table 三) keep the
//! consistent cuts, and the order of a PDF block (row by row or column by column) is the one the
//! sums confirm. A cell that stays undecided is left blank and reported with the text seen.

use std::collections::HashMap;

use super::labels::TableLabels;
use super::split::{self, GaveUp, Piece, read_cell, total_is_sum};
use super::text::label_key;
use super::tokens::{Located, Token};
use archive_core::format::{FormatId, RowDef, TableKey, ValueKind, catalog};
use archive_core::model::{Cell, Cells};

/// What the importer says about a table it read: how it read a row (a note of the outcome), or
/// cells it left blank for a person (a warning).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableNote {
    /// The table.
    pub(crate) table: TableKey,
    /// The row, where it is about one.
    pub(crate) row: Option<&'static str>,
    /// The columns concerned (empty: the whole row or table).
    pub(crate) columns: Vec<&'static str>,
    /// The text the importer saw.
    pub(crate) seen: String,
    /// The line of the input it was seen on (0 where unknown).
    pub(crate) line: usize,
    /// What happened.
    pub(crate) message: String,
    /// Whether the cells concerned were left blank for a person to fill.
    pub(crate) needs_person: bool,
}

impl TableNote {
    /// `table.row.{a, b}` for messages.
    pub(crate) fn place(&self) -> String {
        let mut place = self.table.key().to_owned();
        if let Some(row) = self.row {
            place.push('.');
            place.push_str(row);
        }
        match self.columns.as_slice() {
            [] => {}
            [one] => {
                place.push('.');
                place.push_str(one);
            }
            many => {
                place.push_str(&format!(".{{{}}}", many.join(", ")));
            }
        }
        place
    }
}

/// The tokens of each table's text.
#[derive(Debug, Default)]
pub(crate) struct TableTexts {
    /// 二、主动公开政府信息情况.
    pub(crate) active: Vec<Located>,
    /// 三、收到和处理政府信息公开申请情况.
    pub(crate) applications: Vec<Located>,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    pub(crate) appeals: Vec<Located>,
}

/// What was read from the tables.
#[derive(Debug, Default)]
pub(crate) struct TableValues {
    /// Every cell placed (blank where a person must decide).
    pub(crate) cells: Cells,
    /// What the importer did that a person should know, and what it could not do.
    pub(crate) notes: Vec<TableNote>,
    /// The rows left open among several cuts (not those whose readings belong together with
    /// other rows'), for rules across reports.
    pub(crate) open_rows: Vec<OpenRow>,
}

/// Reads the three tables of a report of the given version.
pub(crate) fn read_tables(
    format: FormatId,
    texts: &TableTexts,
    other_handling_is_group: bool,
    narrative: &str,
) -> TableValues {
    let mut notes = Vec::new();
    let mut blocks = Vec::new();
    for (table, tokens) in [
        (TableKey::Active, &texts.active),
        (TableKey::Applications, &texts.applications),
    ] {
        blocks.extend(collect_blocks(
            table,
            format,
            tokens,
            other_handling_is_group,
            &mut notes,
        ));
    }
    blocks.extend(appeals_block(&texts.appeals, format, &mut notes));

    // Blocks of several rows: their order is decided by the sums, here or in other blocks.
    let evidence = order_evidence(&blocks);
    let mut states: Vec<RowState> = Vec::new();
    for block in &blocks {
        states.extend(resolve_block(block, evidence, &mut notes));
    }
    let states = keep_first(states, &mut notes);
    let mut states = states;
    cross_row_rules(&mut states);
    corroborate(&mut states, narrative);

    let mut cells = Cells::default();
    for state in &states {
        place(state, &mut cells, &mut notes);
    }
    missing_rows(format, &states, &texts_present(texts), &mut notes);
    let open_rows = states
        .into_iter()
        .filter(|state| !state.coupled && state.candidates.len() > 1)
        .map(|state| OpenRow {
            table: state.table,
            row: state.row,
            candidates: state.candidates,
            readings: state.readings,
            seen: state.seen,
            line: state.line,
        })
        .filter(|row| !row.disputed().is_empty())
        .collect();
    TableValues {
        cells,
        notes,
        open_rows,
    }
}

fn texts_present(texts: &TableTexts) -> [bool; 3] {
    [
        !texts.active.is_empty(),
        !texts.applications.is_empty(),
        !texts.appeals.is_empty(),
    ]
}

/// A row of one version or the other, with the columns the report's version lays out.
fn row_def(format: FormatId, table: TableKey, row: &str) -> &'static RowDef {
    format
        .template()
        .row(table, row)
        .or_else(|| format.other().template().row(table, row))
        .expect("labels name rows of the templates")
}

/// A sum rule over one group of cells (a row of table 三, a group of table 四).
type Rule = fn(&[Cell]) -> bool;

/// Rows named together and the values that followed them.
#[derive(Debug)]
struct Block {
    table: TableKey,
    rows: Vec<&'static RowDef>,
    values: Vec<Located>,
    /// The line of the first label.
    line: usize,
    /// The group each sum rule covers, and the rule (R2 or R4), if any.
    rule: Option<(usize, Rule, &'static str)>,
}

impl Block {
    fn widths(&self) -> Vec<usize> {
        self.rows.iter().map(|row| row.columns.len()).collect()
    }

    fn seen(&self) -> String {
        seen(&self.values)
    }
}

fn seen(values: &[Located]) -> String {
    let text = values
        .iter()
        .filter_map(|located| match &located.token {
            Token::Cell(cell) if cell.is_empty() => Some("(blank)".to_owned()),
            Token::Cell(cell) => Some(cell.clone()),
            Token::Merged { text, .. } if text.is_empty() => Some("(blank)".to_owned()),
            Token::Merged { text, .. } => Some(text.clone()),
            Token::Run(chunks) => Some(chunks.join(" ")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn rule_of(table: TableKey) -> Option<(Rule, &'static str)> {
    match table {
        TableKey::Active => None,
        TableKey::Applications => Some((
            total_is_sum as Rule,
            "R2: 总计 is the sum of the six applicant columns",
        )),
        TableKey::Appeals => Some((
            total_is_sum as Rule,
            "R4: 总计 is the sum of the four results",
        )),
    }
}

/// How many cells a row's values make: merged cells (HTML spans) once each, or with `wide` once
/// for each column they cover.
fn merged_count(values: &[Located], wide: bool) -> usize {
    values
        .iter()
        .map(|located| match &located.token {
            Token::Merged { columns, .. } if wide => *columns,
            _ => 1,
        })
        .sum()
}

/// A row's values with its merged cells as the cells they stand for: one cell each, or (with
/// `wide`) one for each column they cover. A merged blank is blank in every cell, a merged 0 is 0
/// in every cell (a count of 0 is 0 whether it was printed for each cell or for all of them), and
/// a value merged over one cell of the row and no other row is that cell's value. Any other
/// merged value stays [`Token::Merged`]: the cells it stands for are left for a person.
fn settle(values: &[Located], wide: bool) -> Vec<Located> {
    let mut out = Vec::with_capacity(values.len());
    for located in values {
        let Token::Merged {
            text,
            rows,
            columns,
        } = &located.token
        else {
            out.push(located.clone());
            continue;
        };
        let copies = if wide { *columns } else { 1 };
        let alone = *rows == 1 && copies == 1;
        let same_either_way =
            text.is_empty() || super::tokens::is_blank_marker(text) || is_zero(text);
        let token = if alone || same_either_way {
            Token::Cell(text.clone())
        } else {
            located.token.clone()
        };
        out.extend((0..copies).map(|_| Located {
            token: token.clone(),
            line: located.line,
        }));
    }
    out
}

/// A value of 0 (`0`, `0.00`, `0元`).
fn is_zero(text: &str) -> bool {
    super::tokens::is_value(text)
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().filter(char::is_ascii_digit).all(|c| c == '0')
}

/// Text that is a sentence, not a label: narrative inside a table's section.
fn is_sentence(text: &str) -> bool {
    text.contains(['。', '！', '？'])
}

fn collect_blocks(
    table: TableKey,
    format: FormatId,
    tokens: &[Located],
    other_handling_is_group: bool,
    notes: &mut Vec<TableNote>,
) -> Vec<Block> {
    let labels = TableLabels::of(table);
    let mut reader = BlockReader {
        table,
        format,
        queue: Vec::new(),
        values: Vec::new(),
        blocks: Vec::new(),
        notes,
    };
    let mut text = String::new();
    let mut text_line = 0;
    for located in tokens {
        match &located.token {
            Token::Text(piece) => {
                if !reader.values.is_empty() {
                    reader.flush();
                }
                if is_sentence(piece) {
                    text.clear();
                    continue;
                }
                if text.is_empty() {
                    text_line = located.line;
                }
                text.push_str(piece);
                text.push('\n');
            }
            Token::RowEnd => {
                reader.take_labels(labels, &mut text, text_line, other_handling_is_group);
                if !reader.values.is_empty() {
                    reader.flush();
                }
            }
            Token::Cell(_) | Token::Run(_) | Token::Merged { .. } => {
                reader.take_labels(labels, &mut text, text_line, other_handling_is_group);
                reader.values.push(located.clone());
            }
        }
    }
    reader.take_labels(labels, &mut text, text_line, other_handling_is_group);
    if !reader.values.is_empty() {
        reader.flush();
    }
    for (row, line) in std::mem::take(&mut reader.queue) {
        reader.notes.push(TableNote {
            table,
            row: Some(row.key),
            columns: Vec::new(),
            seen: String::new(),
            line,
            message: "the row's label was found but no values after it; the row is left blank"
                .to_owned(),
            needs_person: true,
        });
    }
    reader.blocks
}

struct BlockReader<'f> {
    table: TableKey,
    format: FormatId,
    queue: Vec<(&'static RowDef, usize)>,
    values: Vec<Located>,
    blocks: Vec<Block>,
    notes: &'f mut Vec<TableNote>,
}

impl BlockReader<'_> {
    fn take_labels(
        &mut self,
        labels: &TableLabels,
        text: &mut String,
        line: usize,
        other_handling_is_group: bool,
    ) {
        if text.is_empty() {
            return;
        }
        for found in labels.find_rows(text, other_handling_is_group) {
            let def = row_def(self.format, self.table, found.row);
            if self.queue.iter().any(|(waiting, _)| waiting.key == def.key) {
                // Named again before its values came (a label spanning rows): one row.
                continue;
            }
            if found.fuzzy {
                self.notes.push(TableNote {
                    table: self.table,
                    row: Some(found.row),
                    columns: Vec::new(),
                    seen: found.text.clone(),
                    line,
                    message: format!(
                        "label read as “{}” (the printed label differs from the template's)",
                        def.label.zh
                    ),
                    needs_person: false,
                });
            }
            self.queue.push((def, line));
        }
        text.clear();
    }

    /// Gives the values gathered to the rows waiting for them.
    fn flush(&mut self) {
        let values = std::mem::take(&mut self.values);
        let is_blank = |located: &Located| match &located.token {
            Token::Cell(cell) | Token::Merged { text: cell, .. } => {
                cell.is_empty() || super::tokens::is_blank_marker(cell)
            }
            _ => false,
        };
        if self.queue.is_empty() {
            if !values.iter().all(is_blank) {
                self.notes.push(TableNote {
                    table: self.table,
                    row: None,
                    columns: Vec::new(),
                    seen: seen(&values),
                    line: values.first().map_or(0, |v| v.line),
                    message: "values with no row label before them were not placed".to_owned(),
                    needs_person: true,
                });
            }
            return;
        }
        let widths: Vec<usize> = self
            .queue
            .iter()
            .map(|(row, _)| row.columns.len())
            .collect();
        let sums: Vec<usize> = widths
            .iter()
            .scan(0, |total, width| {
                *total += width;
                Some(*total)
            })
            .collect();
        let runs = values.iter().any(|v| matches!(v.token, Token::Run(_)));
        let take = if runs {
            let least: usize = values
                .iter()
                .map(|v| match &v.token {
                    Token::Run(chunks) => chunks.len(),
                    _ => 1,
                })
                .sum();
            let most: usize = values
                .iter()
                .map(|v| match &v.token {
                    Token::Run(chunks) => chunks.iter().map(|c| c.chars().count()).sum(),
                    _ => 1,
                })
                .sum();
            let feasible: Vec<usize> = (1..=sums.len())
                .filter(|&k| (least..=most).contains(&sums[k - 1]))
                .collect();
            match feasible.as_slice() {
                [k] => Some((*k, values.len(), false)),
                [1, ..] if self.queue.len() == 1 => Some((1, values.len(), false)),
                _ => None,
            }
        } else {
            // Each cell is one value; where they do not fit, merged cells count once for each
            // column they cover.
            let count = values.len();
            let wide = merged_count(&values, true);
            sums.iter()
                .position(|&sum| sum == count)
                .map(|k| (k + 1, count, false))
                .or_else(|| {
                    sums.iter()
                        .position(|&sum| wide != count && sum == wide)
                        .map(|k| (k + 1, count, true))
                })
                .or_else(|| {
                    // Blank cells after the row's values: layout, not values.
                    sums.iter()
                        .position(|&sum| sum < count && values[sum..].iter().all(is_blank))
                        .map(|k| (k + 1, sums[k], false))
                })
        };
        let Some((rows, used, expand)) = take else {
            let rows: Vec<(&'static RowDef, usize)> = std::mem::take(&mut self.queue);
            let expected: usize = widths.iter().sum();
            for (row, line) in rows {
                self.notes.push(TableNote {
                    table: self.table,
                    row: Some(row.key),
                    columns: Vec::new(),
                    seen: seen(&values),
                    line,
                    message: format!(
                        "the values after the labels do not fit the {} row(s) named there ({expected} cells); the row is left blank",
                        widths.len()
                    ),
                    needs_person: true,
                });
            }
            return;
        };
        let named: Vec<(&'static RowDef, usize)> = self.queue.drain(..rows).collect();
        let line = named.first().map_or(0, |(_, line)| *line);
        let rule = rule_of(self.table).map(|(rule, name)| (7, rule, name));
        self.blocks.push(Block {
            table: self.table,
            rows: named.into_iter().map(|(row, _)| row).collect(),
            values: settle(&values[..used], expand),
            line,
            rule,
        });
    }
}

/// Table 四: its rows are drawn side by side, so its fifteen values follow all its headers.
fn appeals_block(
    tokens: &[Located],
    format: FormatId,
    notes: &mut Vec<TableNote>,
) -> Option<Block> {
    if tokens.is_empty() {
        return None;
    }
    const HEADER_WORDS: [&str; 8] = [
        "结果", "维持", "纠正", "审结", "总计", "起诉", "复议", "诉讼",
    ];
    let last_header = tokens.iter().rposition(|located| match &located.token {
        Token::Text(text) => {
            let key = label_key(text);
            HEADER_WORDS.iter().any(|word| key.contains(word))
        }
        _ => false,
    });
    let start = last_header.map_or(0, |at| at + 1);
    let mut values = Vec::new();
    for located in &tokens[start..] {
        match &located.token {
            Token::Cell(_) | Token::Run(_) | Token::Merged { .. } => values.push(located.clone()),
            Token::Text(_) if !values.is_empty() => break,
            _ => {}
        }
    }
    let table = format.template().table(TableKey::Appeals);
    let rows: Vec<&'static RowDef> = table.rows().collect();
    let needed: usize = rows.iter().map(|row| row.columns.len()).sum();
    let runs = values.iter().any(|v| matches!(v.token, Token::Run(_)));
    let expand = !runs && values.len() != needed && merged_count(&values, true) == needed;
    let mut values = settle(&values, expand);
    // Blank cells after the fifteen values are layout.
    if !runs && values.len() > needed {
        let extra_blank = values[needed..]
            .iter()
            .all(|v| matches!(&v.token, Token::Cell(cell) if cell.is_empty()));
        if extra_blank {
            values.truncate(needed);
        }
    }
    if values.is_empty() {
        notes.push(TableNote {
            table: TableKey::Appeals,
            row: None,
            columns: Vec::new(),
            seen: String::new(),
            line: tokens.first().map_or(0, |t| t.line),
            message: "no values found in the table; its cells are left blank".to_owned(),
            needs_person: true,
        });
        return None;
    }
    let line = values.first().map_or(0, |v| v.line);
    Some(Block {
        table: TableKey::Appeals,
        rows,
        values,
        line,
        rule: rule_of(TableKey::Appeals).map(|(rule, name)| (5, rule, name)),
    })
}

/// The cell order of a PDF block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    RowByRow,
    ColumnByColumn,
}

impl Order {
    fn describe(self) -> &'static str {
        match self {
            Order::RowByRow => "row by row",
            Order::ColumnByColumn => "column by column",
        }
    }
}

/// Values of a block of several rows in one order.
fn in_order(block: &Block, order: Order) -> Option<Vec<Vec<Cell>>> {
    let widths = block.widths();
    let cells: Vec<&str> = block
        .values
        .iter()
        .map(|v| match &v.token {
            Token::Cell(cell) => Some(cell.as_str()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    if cells.len() != widths.iter().sum::<usize>() {
        return None;
    }
    let texts: Vec<Vec<&str>> = match order {
        Order::RowByRow => {
            let mut at = 0;
            widths
                .iter()
                .map(|&width| {
                    let row = cells[at..at + width].to_vec();
                    at += width;
                    row
                })
                .collect()
        }
        Order::ColumnByColumn => {
            let width = widths[0];
            if width < 2 || widths.iter().any(|&w| w != width) {
                return None;
            }
            let count = widths.len();
            (0..count)
                .map(|row| {
                    (0..width)
                        .map(|column| cells[column * count + row])
                        .collect()
                })
                .collect()
        }
    };
    Some(
        texts
            .iter()
            .zip(&block.rows)
            .map(|(texts, row)| {
                texts
                    .iter()
                    .zip(row.columns)
                    .map(|(text, column)| read_cell(text, column.kind, true).unwrap_or(Cell::Blank))
                    .collect()
            })
            .collect(),
    )
}

/// Whether every row of a block keeps its sum rule in an order.
fn keeps_rule(block: &Block, rows: &[Vec<Cell>]) -> bool {
    match block.rule {
        Some((_, rule, _)) => rows.iter().all(|row| rule(row)),
        None => true,
    }
}

/// What the blocks whose sums decide between the two orders say about the document's order.
fn order_evidence(blocks: &[Block]) -> Option<Order> {
    let mut seen: Option<Order> = None;
    for block in blocks
        .iter()
        .filter(|b| b.rows.len() > 1 && b.rule.is_some())
    {
        if block.table == TableKey::Appeals {
            continue;
        }
        let (Some(rows), Some(columns)) = (
            in_order(block, Order::RowByRow),
            in_order(block, Order::ColumnByColumn),
        ) else {
            continue;
        };
        let decided = match (keeps_rule(block, &rows), keeps_rule(block, &columns)) {
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

/// The values of a block of several rows, each a single cell, read in the order their sums
/// confirm: row by row, column by column, or column by column with the columns in another order
/// (PDF extraction sometimes takes 总计 before 其他). Blocks without a rule (table 二) follow the
/// order the rest of the document showed.
fn resolve_several(
    block: &Block,
    evidence: Option<Order>,
    notes: &mut Vec<TableNote>,
) -> Vec<RowState> {
    let rows = in_order(block, Order::RowByRow).expect("counted");
    let columns = in_order(block, Order::ColumnByColumn).expect("checked by the caller");
    let first = block.rows.first().map_or("", |row| row.key);
    let last = block.rows.last().map_or("", |row| row.key);
    let mut note = |message: String, needs_person: bool| {
        notes.push(TableNote {
            table: block.table,
            row: None,
            columns: Vec::new(),
            seen: String::new(),
            line: block.line,
            message: format!(
                "rows {first} … {last} ({} rows): {message}",
                block.rows.len()
            ),
            needs_person,
        });
    };
    let decided = |chosen: Vec<Vec<Cell>>| -> Vec<RowState> {
        block
            .rows
            .iter()
            .zip(chosen)
            .map(|(row, cells)| new_state(block, row, vec![cells]))
            .collect()
    };
    if rows == columns {
        return decided(rows);
    }
    if block.rule.is_none() {
        return match evidence {
            Some(order) => {
                note(
                    format!(
                        "the values came without their row labels; read {}, the order the sums of table 三 show for this document",
                        order.describe()
                    ),
                    false,
                );
                decided(if order == Order::RowByRow {
                    rows
                } else {
                    columns
                })
            }
            None => {
                let ambiguous: Vec<RowState> = block
                    .rows
                    .iter()
                    .zip(rows.into_iter().zip(columns))
                    .map(|(row, (by_row, by_column))| {
                        let mut state = new_state(block, row, vec![by_row, by_column]);
                        state.coupled = true;
                        state
                    })
                    .collect();
                ambiguous
            }
        };
    }
    let mut consistent: Vec<(String, Vec<Vec<Cell>>)> = Vec::new();
    if keeps_rule(block, &rows) {
        consistent.push((Order::RowByRow.describe().to_owned(), rows.clone()));
    }
    if keeps_rule(block, &columns) {
        consistent.push((Order::ColumnByColumn.describe().to_owned(), columns.clone()));
    }
    if consistent.is_empty() {
        // Column by column, the columns in another order: the orders closest to the template's
        // (fewest columns swapped) in which the sums hold.
        let width = block.rows[0].columns.len();
        let mut orders = permutations(width);
        orders.sort_by_key(|order| inversions(order));
        let mut closest: Option<usize> = None;
        for permutation in orders {
            let distance = inversions(&permutation);
            if closest.is_some_and(|closest| distance > closest) {
                break;
            }
            let Some(arranged) = in_column_order(block, &permutation) else {
                break;
            };
            if keeps_rule(block, &arranged) {
                closest = Some(distance);
                if !consistent.iter().any(|(_, known)| *known == arranged) {
                    let names: Vec<&str> = permutation
                        .iter()
                        .map(|&column| block.rows[0].columns[column].label.zh)
                        .collect();
                    consistent.push((
                        format!(
                            "column by column, the columns in the order {}",
                            names.join(", ")
                        ),
                        arranged,
                    ));
                }
            }
        }
    }
    match consistent.len() {
        1 => {
            let (how, chosen) = consistent.pop().expect("one");
            note(
                format!(
                    "the values came without their row labels; read {how}, the only order in which every row keeps R2"
                ),
                false,
            );
            decided(chosen)
        }
        0 => {
            note(
                "the values came without their row labels and the sums (R2) hold in no order they can be read in; the rows are left blank".to_owned(),
                true,
            );
            block
                .rows
                .iter()
                .map(|row| new_state(block, row, vec![vec![Cell::Blank; row.columns.len()]]))
                .collect()
        }
        _ => {
            let preferred = evidence.and_then(|order| {
                consistent
                    .iter()
                    .position(|(how, _)| how == order.describe())
            });
            match preferred {
                Some(at) => {
                    let (how, chosen) = consistent.swap_remove(at);
                    note(
                        format!(
                            "the values came without their row labels; the sums hold in more than one order, read {how} as elsewhere in this document"
                        ),
                        false,
                    );
                    decided(chosen)
                }
                None => block
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(index, row)| {
                        let candidates = consistent
                            .iter()
                            .map(|(_, rows)| rows[index].clone())
                            .collect();
                        let mut state = new_state(block, row, candidates);
                        state.coupled = true;
                        state
                    })
                    .collect(),
            }
        }
    }
}

fn new_state(block: &Block, row: &'static RowDef, candidates: Vec<Vec<Cell>>) -> RowState {
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

/// Column by column, the `c`-th column of values being the template's column `order[c]`.
fn in_column_order(block: &Block, order: &[usize]) -> Option<Vec<Vec<Cell>>> {
    let columns = in_order(block, Order::ColumnByColumn)?;
    // `columns[r][c]` holds the c-th extracted column of row r.
    Some(
        columns
            .iter()
            .zip(&block.rows)
            .map(|(extracted, row)| {
                let mut cells = vec![Cell::Blank; extracted.len()];
                for (position, &column) in order.iter().enumerate() {
                    cells[column] = reread(&extracted[position], row.columns[column].kind);
                }
                cells
            })
            .collect(),
    )
}

/// A cell read for one column's kind, read again for another's (counts in these tables).
fn reread(cell: &Cell, kind: ValueKind) -> Cell {
    match (cell, kind) {
        (Cell::Count(value), ValueKind::Count) => Cell::Count(*value),
        (other, _) => read_cell(&other.to_string(), kind, true).unwrap_or(Cell::Blank),
    }
}

/// One row's possible values.
#[derive(Debug, Clone)]
struct RowState {
    table: TableKey,
    row: &'static RowDef,
    /// Every reading still possible; one when decided.
    candidates: Vec<Vec<Cell>>,
    /// How many readings there were before any rule.
    readings: usize,
    seen: String,
    line: usize,
    /// What decided it, for the summary.
    how: Vec<String>,
    /// Cells that could not be read: column index and text.
    unreadable: Vec<(usize, String)>,
    /// Cells given a share of a value merged over several cells, which may be each cell's value
    /// or their total: column index, text, and the rows and columns the merged cell covers.
    shared: Vec<(usize, String, usize, usize)>,
    /// Candidates that belong together with other rows' (an undecided PDF order): not to be
    /// filtered row by row.
    coupled: bool,
}

fn resolve_block(
    block: &Block,
    evidence: Option<Order>,
    notes: &mut Vec<TableNote>,
) -> Vec<RowState> {
    let state = |row: &'static RowDef, candidates: Vec<Vec<Cell>>| RowState {
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
    };
    let all_cells = block
        .values
        .iter()
        .all(|v| matches!(v.token, Token::Cell(_) | Token::Merged { .. }));
    let widths = block.widths();
    let total: usize = widths.iter().sum();

    // Cells one by one, in the only possible order.
    if all_cells
        && (block.rows.len() == 1
            || in_order(block, Order::ColumnByColumn).is_none()
            || block.table == TableKey::Appeals)
    {
        if block.values.len() != total {
            return block
                .rows
                .iter()
                .map(|row| {
                    notes.push(TableNote {
                        table: block.table,
                        row: Some(row.key),
                        columns: Vec::new(),
                        seen: block.seen(),
                        line: block.line,
                        message: format!(
                            "found {} values where the table has {total} cells; the row is left blank",
                            block.values.len()
                        ),
                        needs_person: true,
                    });
                    state(row, vec![vec![Cell::Blank; row.columns.len()]])
                })
                .collect();
        }
        let mut at = 0;
        return block
            .rows
            .iter()
            .map(|row| {
                let mut cells = Vec::new();
                let mut unreadable = Vec::new();
                let mut shared = Vec::new();
                for (index, column) in row.columns.iter().enumerate() {
                    let text = match &block.values[at].token {
                        Token::Cell(text) => text,
                        Token::Merged {
                            text,
                            rows,
                            columns,
                        } => {
                            cells.push(Cell::Blank);
                            shared.push((index, text.clone(), *rows, *columns));
                            at += 1;
                            continue;
                        }
                        _ => unreachable!("all cells"),
                    };
                    at += 1;
                    match read_cell(text, column.kind, true) {
                        Some(cell) => cells.push(cell),
                        None => {
                            cells.push(Cell::Blank);
                            unreadable.push((index, text.clone()));
                        }
                    }
                }
                let mut row_state = state(row, vec![cells]);
                row_state.unreadable = unreadable;
                row_state.shared = shared;
                row_state
            })
            .collect();
    }

    // Several rows of single cells: row by row or column by column.
    if all_cells {
        return resolve_several(block, evidence, notes);
    }

    // Values run together: cut them.
    let merged = block
        .values
        .iter()
        .any(|v| matches!(v.token, Token::Merged { .. }));
    if merged || block.rows.len() > 1 && block.table != TableKey::Appeals {
        let message = if merged {
            "values run together beside a cell merged over several rows or columns; the row is left blank"
        } else {
            "the values of several rows run together; the row is left blank"
        };
        return block
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
                state(row, vec![vec![Cell::Blank; row.columns.len()]])
            })
            .collect();
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
    let (group, rule, rule_name) = match block.rule {
        Some((group, rule, name)) => (
            if block.table == TableKey::Appeals {
                5
            } else {
                group
            },
            Some(rule),
            Some(name),
        ),
        None => (kinds.len(), None, None),
    };
    let splits = split::split(&pieces, &kinds, group, rule);
    if splits.gave_up.is_some() || splits.all.is_empty() {
        let message = if splits.gave_up == Some(GaveUp::TooManyCuts) {
            format!(
                "the digits can be cut into cells more than {} ways; the row is left blank",
                split::MAX_CANDIDATES
            )
        } else if splits.gave_up == Some(GaveUp::TooManySteps) {
            format!(
                "the digits are too many to cut into {} cells ({} tries were not enough); the row is left blank",
                kinds.len(),
                split::MAX_STEPS
            )
        } else {
            format!(
                "the text cannot be read as {} values of the row's kinds; the row is left blank",
                kinds.len()
            )
        };
        return block
            .rows
            .iter()
            .map(|row| {
                notes.push(TableNote {
                    table: block.table,
                    row: Some(row.key),
                    columns: Vec::new(),
                    seen: block.seen(),
                    line: block.line,
                    message: message.clone(),
                    needs_person: true,
                });
                state(row, vec![vec![Cell::Blank; row.columns.len()]])
            })
            .collect();
    }
    let (candidates, how) = if splits.consistent.is_empty() {
        (
            splits.all.clone(),
            rule_name.map(|name| format!("no cut keeps {name}, as printed")),
        )
    } else if splits.consistent.len() < splits.all.len() {
        (
            splits.consistent.clone(),
            rule_name.map(|name| {
                format!(
                    "{} of the {} possible cuts keep{} {name}",
                    splits.consistent.len(),
                    splits.all.len(),
                    if splits.consistent.len() == 1 {
                        "s"
                    } else {
                        ""
                    }
                )
            }),
        )
    } else {
        (splits.all.clone(), None)
    };
    // Spread the cells of each candidate over the block's rows.
    let mut at = 0;
    block
        .rows
        .iter()
        .map(|row| {
            let width = row.columns.len();
            let mut row_candidates: Vec<Vec<Cell>> = Vec::new();
            for candidate in &candidates {
                let cells = candidate[at..at + width].to_vec();
                if !row_candidates.contains(&cells) {
                    row_candidates.push(cells);
                }
            }
            at += width;
            let mut row_state = state(row, row_candidates);
            row_state.readings = splits.all.len();
            row_state.coupled = block.rows.len() > 1;
            row_state.how.extend(how.clone());
            row_state
        })
        .collect()
}

/// A row named twice (a table printed twice on a page): the first reading stands; a second that
/// differs is reported.
fn keep_first(states: Vec<RowState>, notes: &mut Vec<TableNote>) -> Vec<RowState> {
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
                        message: format!(
                            "the row is printed again with other values; the first ({}) was kept",
                            known.seen
                        ),
                        needs_person: false,
                    });
                }
            }
            None => kept.push(state),
        }
    }
    kept
}

/// R3 (（七）总计 = the sum of the result rows) and R1 (一 + 二 = 三 + 四), column by column, decide
/// between the cuts of a row of table 三 that R2 left open. A rule is used only where every other
/// cell it sums is known, and only for the columns the cuts disagree on, so that a rule the
/// report breaks elsewhere does not reject every cut.
fn cross_row_rules(states: &mut [RowState]) {
    let index: HashMap<&'static str, usize> = states
        .iter()
        .enumerate()
        .filter(|(_, state)| state.table == TableKey::Applications)
        .map(|(at, state)| (state.row.key, at))
        .collect();
    let result_rows: Vec<&'static str> = states
        .iter()
        .filter(|state| {
            state.table == TableKey::Applications
                && !state.row.groups.is_empty()
                && state.row.key != "results_total"
        })
        .map(|state| state.row.key)
        .collect();
    // Each equation: (left rows, right rows); sums of the two sides are equal.
    let mut equations: Vec<(Vec<&'static str>, Vec<&'static str>, &'static str)> = vec![(
        vec!["results_total"],
        result_rows,
        "R3: （七）总计 is the sum of the result rows",
    )];
    equations.push((
        vec!["received", "carried_over"],
        vec!["results_total", "carried_forward"],
        "R1: 一 + 二 = 三 + 四",
    ));
    loop {
        let mut changed = false;
        for at in 0..states.len() {
            let state = &states[at];
            if state.table != TableKey::Applications || state.candidates.len() < 2 || state.coupled
            {
                continue;
            }
            let width = state.row.columns.len();
            let disputed: Vec<usize> = (0..width)
                .filter(|&column| {
                    state
                        .candidates
                        .iter()
                        .any(|candidate| candidate[column] != state.candidates[0][column])
                })
                .collect();
            let known = |row: &str, column: usize| -> Option<i128> {
                let other = &states[*index.get(row)?];
                let first = other.candidates.first()?[column].whole()?;
                other
                    .candidates
                    .iter()
                    .all(|candidate| candidate[column].whole() == Some(first))
                    .then_some(first)
            };
            let mut used: Vec<&'static str> = Vec::new();
            let keep: Vec<Vec<Cell>> = state
                .candidates
                .iter()
                .filter(|candidate| {
                    disputed.iter().all(|&column| {
                        equations.iter().all(|(left, right, name)| {
                            let me = state.row.key;
                            if !left.contains(&me) && !right.contains(&me) {
                                return true;
                            }
                            let value = |row: &str| -> Option<i128> {
                                if row == me {
                                    candidate[column].whole()
                                } else {
                                    known(row, column)
                                }
                            };
                            let sum = |rows: &[&'static str]| -> Option<i128> {
                                rows.iter().map(|row| value(row)).sum()
                            };
                            match (sum(left), sum(right)) {
                                (Some(l), Some(r)) => {
                                    if !used.contains(name) {
                                        used.push(name);
                                    }
                                    l == r
                                }
                                _ => true,
                            }
                        })
                    })
                })
                .cloned()
                .collect();
            if !keep.is_empty() && keep.len() < states[at].candidates.len() {
                let state = &mut states[at];
                state.how.push(format!(
                    "{} decide{} between the cuts",
                    used.join(" and "),
                    if used.len() == 1 { "s" } else { "" }
                ));
                state.candidates = keep;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Table 二 has no sum rules. Where the digits of one of its rows can be cut several ways, the
/// report's own narrative may print the same figures beside the row's label (现行有效行政规范性文件
/// 698件 … 制发的规范性文件88件): a cut is taken when it is the only one with the most of its
/// cells (of two digits or more) printed that way, and at least two of them.
fn corroborate(states: &mut [RowState], narrative: &str) {
    let text = super::text::fold_width(narrative);
    for state in states.iter_mut() {
        if state.table != TableKey::Active || state.candidates.len() < 2 || state.coupled {
            continue;
        }
        let mut labels: Vec<&'static str> = FormatId::ALL
            .iter()
            .filter_map(|format| format.template().row(TableKey::Active, state.row.key))
            .map(|row| row.label.zh)
            .collect();
        labels.sort_unstable();
        labels.dedup();
        let mentioned = numbers_after(&text, &labels);
        if mentioned.is_empty() {
            continue;
        }
        let score = |candidate: &Vec<Cell>| -> usize {
            candidate
                .iter()
                .filter(|cell| {
                    cell.whole()
                        .is_some_and(|value| value >= 10 && mentioned.contains(&value))
                })
                .count()
        };
        let best = state.candidates.iter().map(score).max().unwrap_or(0);
        let at_best: Vec<usize> = (0..state.candidates.len())
            .filter(|&at| score(&state.candidates[at]) == best)
            .collect();
        if best >= 2 && at_best.len() == 1 {
            let chosen = state.candidates[at_best[0]].clone();
            let figures: Vec<String> = chosen
                .iter()
                .filter_map(Cell::whole)
                .filter(|value| *value >= 10 && mentioned.contains(value))
                .map(|value| value.to_string())
                .collect();
            state.how.push(format!(
                "no sum rule decides between the {} cuts; the narrative prints {} beside “{}”, which only this cut has",
                state.candidates.len(),
                figures.join(" and "),
                labels.join("”/“")
            ));
            state.candidates = vec![chosen];
        }
    }
}

/// Whole numbers printed within a few characters after one of `labels` (`规范性文件88件`).
fn numbers_after(text: &str, labels: &[&str]) -> Vec<i128> {
    let mut found = Vec::new();
    for label in labels {
        for (at, _) in text.match_indices(label) {
            let after: String = text[at + label.len()..].chars().take(12).collect();
            let start = after.char_indices().find(|(_, c)| c.is_ascii_digit());
            let Some((offset, _)) =
                start.filter(|(offset, _)| after[..*offset].chars().count() <= 6)
            else {
                continue;
            };
            if after[..offset]
                .chars()
                .any(|c| matches!(c, '。' | '，' | '；' | '、'))
            {
                continue;
            }
            let digits: String = after[offset..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let unit_follows =
                after[offset + digits.len()..].starts_with(['件', '个', '条', '项', '部']);
            if unit_follows && let Ok(value) = digits.parse() {
                found.push(value);
            }
        }
    }
    found
}

/// Why cells the readings of a row disagree on are left for a person.
fn undecided(coupled: bool, candidates: usize, readings: usize) -> String {
    let mut message = if coupled && candidates == 2 && readings <= 2 {
        "the values can be read row by row or column by column".to_owned()
    } else {
        format!(
            "the digits can be cut into cells {readings} ways{}",
            if candidates < readings {
                format!(", {candidates} of them consistent with the rules")
            } else {
                " and no rule decides".to_owned()
            }
        )
    };
    message.push_str("; left blank for a person");
    message
}

/// Cells as a reading prints them: values, `~` for a blank.
pub(crate) fn describe(cells: &[Cell]) -> String {
    cells.iter().map(cell_text).collect::<Vec<_>>().join(", ")
}

/// A cell as notes print it: its value, `~` for a blank (as in a source).
pub(crate) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Absent | Cell::Blank => "~".to_owned(),
        other => other.to_string(),
    }
}

/// A row whose digits run together and can still be cut more than one way: the cuts no rule of
/// the report itself rejects. Rules across reports (R6, `years`) may narrow them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpenRow {
    /// The table.
    pub(crate) table: TableKey,
    /// The row.
    pub(crate) row: &'static RowDef,
    /// The cuts still possible, one cell per column each.
    pub(crate) candidates: Vec<Vec<Cell>>,
    /// How many cuts there were before any rule.
    pub(crate) readings: usize,
    /// The text seen.
    pub(crate) seen: String,
    /// Its line.
    pub(crate) line: usize,
}

impl OpenRow {
    /// The columns the cuts disagree on.
    pub(crate) fn disputed(&self) -> Vec<&'static str> {
        self.row
            .columns
            .iter()
            .enumerate()
            .filter(|(index, _)| {
                self.candidates
                    .iter()
                    .any(|candidate| candidate[*index] != self.candidates[0][*index])
            })
            .map(|(_, column)| column.key)
            .collect()
    }

    /// The row's cells: each one the cuts agree on, blank where they disagree.
    pub(crate) fn cells(&self) -> Vec<Cell> {
        (0..self.row.columns.len())
            .map(|index| {
                let first = &self.candidates[0][index];
                if self
                    .candidates
                    .iter()
                    .all(|candidate| &candidate[index] == first)
                {
                    first.clone()
                } else {
                    Cell::Blank
                }
            })
            .collect()
    }

    /// The note that leaves its disputed cells for a person, if any are.
    pub(crate) fn note(&self) -> Option<TableNote> {
        let disputed = self.disputed();
        (!disputed.is_empty()).then(|| TableNote {
            table: self.table,
            row: Some(self.row.key),
            columns: disputed,
            seen: self.seen.clone(),
            line: self.line,
            message: undecided(false, self.candidates.len(), self.readings),
            needs_person: true,
        })
    }
}

/// Writes a row's cells, and reports what a person should know or do.
fn place(state: &RowState, cells: &mut Cells, notes: &mut Vec<TableNote>) {
    let catalog = catalog();
    let first = &state.candidates[0];
    let mut disputed = Vec::new();
    for (index, column) in state.row.columns.iter().enumerate() {
        let agreed = state
            .candidates
            .iter()
            .all(|candidate| candidate[index] == first[index]);
        let id = catalog
            .find(state.table, state.row.key, column.key)
            .expect("catalogued");
        if agreed {
            cells.set(id, first[index].clone());
        } else {
            cells.set(id, Cell::Blank);
            disputed.push(column.key);
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
            message: format!(
                "“{text}” is not {}; the cell is left blank",
                column.kind.describe()
            ),
            needs_person: true,
        });
    }
    for (index, text, rows, columns) in &state.shared {
        let column = &state.row.columns[*index];
        let over = match (*rows, *columns) {
            (1, columns) => format!("{columns} columns"),
            (rows, 1) => format!("{rows} rows"),
            (rows, columns) => format!("{rows} rows and {columns} columns"),
        };
        notes.push(TableNote {
            table: state.table,
            row: Some(state.row.key),
            columns: vec![column.key],
            seen: text.clone(),
            line: state.line,
            message: format!(
                "“{text}” is printed once in a cell merged over {over}: it may be each cell's value or their total; the cell is left blank"
            ),
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
            message: format!("read as {}: {}", describe(first), state.how.join("; ")),
            needs_person: false,
        });
    }
}

/// Rows of the report's version that were not found (a row the other version has in its place,
/// such as gb2019's single （六）其他处理 in a gb2021 report, counts as found).
fn missing_rows(
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
                    "no row of the table was recognised; its cells are left blank".to_owned()
                } else {
                    "the table was not found; its cells are left blank".to_owned()
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
            if !has && !slot_taken {
                notes.push(TableNote {
                    table,
                    row: Some(row.key),
                    columns: Vec::new(),
                    seen: String::new(),
                    line: 0,
                    message: format!("the row “{}” was not found; it is left blank", row.label.zh),
                    needs_person: true,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::{HtmlTable, RawCell};
    use crate::import::tokens::tokenize;

    fn tokens(lines: &[&str]) -> Vec<Located> {
        let mut out = Vec::new();
        for (at, line) in lines.iter().enumerate() {
            tokenize(line, at + 1, false, &mut out);
        }
        out
    }

    fn value(values: &TableValues, table: TableKey, row: &str, column: &str) -> Cell {
        values.cells.at(table, row, column).clone()
    }

    #[test]
    fn pdf_blocks_read_column_by_column_when_the_sums_say_so() {
        // Two rows of table 三, column by column: natural persons 3, 1; businesses 2, 0; … totals 5, 1.
        let mut lines = vec![
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
        ];
        lines.extend([
            "3", "1", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", "5", "1",
        ]);
        let texts = TableTexts {
            applications: tokens(&lines),
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        assert_eq!(
            value(&values, TableKey::Applications, "received", "business"),
            Cell::Count(2)
        );
        assert_eq!(
            value(&values, TableKey::Applications, "received", "total"),
            Cell::Count(5)
        );
        assert_eq!(
            value(&values, TableKey::Applications, "carried_over", "total"),
            Cell::Count(1)
        );
        assert!(
            values
                .notes
                .iter()
                .any(|f| f.message.contains("column by column"))
        );
    }

    #[test]
    fn an_ambiguous_cut_is_left_blank_and_reported() {
        let texts = TableTexts {
            active: tokens(&[
                "规章000行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量行政许可2293",
            ]),
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        assert_eq!(
            value(&values, TableKey::Active, "rules", "in_force"),
            Cell::Count(0)
        );
        assert_eq!(
            value(&values, TableKey::Active, "licensing", "decisions"),
            Cell::Count(2293)
        );
        assert_eq!(
            value(&values, TableKey::Active, "normative_documents", "issued"),
            Cell::Blank
        );
        let finding = values
            .notes
            .iter()
            .find(|f| f.row == Some("normative_documents"))
            .unwrap();
        assert!(finding.needs_person);
        assert_eq!(finding.seen, "693665");
    }

    #[test]
    fn r1_and_r3_decide_a_cut_that_r2_leaves_open() {
        // 220000325 is 22, 0, 0, 0, 0, 3, 25 or 2, 20, 0, 0, 0, 3, 25 under R2; the other rows are
        // certain (their runs have spaces), and R3 and R1 keep the first.
        let applications = tokens(&[
            "一、本年新收政府信息公开申请数量22 0 0 0 0 3 25二、上年结转政府信息公开申请数量0000000",
            "三、本年度办理结果（一）予以公开220000325（七）总计22 0 0 0 0 3 25四、结转下年度继续办理0000000",
        ]);
        let texts = TableTexts {
            applications,
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        assert_eq!(
            value(
                &values,
                TableKey::Applications,
                "disclosed",
                "natural_person"
            ),
            Cell::Count(22)
        );
        let note = values
            .notes
            .iter()
            .find(|f| f.row == Some("disclosed"))
            .unwrap();
        assert!(!note.needs_person);
        assert!(note.message.contains("R3"), "{}", note.message);
    }

    #[test]
    fn rows_that_agree_either_way_stay_open() {
        let applications = tokens(&[
            "一、本年新收政府信息公开申请数量220000325二、上年结转政府信息公开申请数量0000000",
            "三、本年度办理结果（一）予以公开220000325（七）总计220000325四、结转下年度继续办理0000000",
        ]);
        let texts = TableTexts {
            applications,
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        // Every row reads either way and the rows agree with each other either way: the two
        // disputed cells stay blank, the others are placed.
        assert_eq!(
            value(
                &values,
                TableKey::Applications,
                "received",
                "natural_person"
            ),
            Cell::Blank
        );
        assert_eq!(
            value(&values, TableKey::Applications, "received", "total"),
            Cell::Count(25)
        );
    }

    #[test]
    fn a_pdf_block_with_two_columns_swapped_is_read_in_the_closest_order_that_adds_up() {
        // Column by column, but 总计 came before 其他: 3 2 | 1 0 | 0 0 | 0 0 | 0 0 | 4 2 | 0 0.
        let mut lines = vec![
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
        ];
        lines.extend([
            "3", "2", "1", "0", "0", "0", "0", "0", "0", "0", "4", "2", "0", "0",
        ]);
        let texts = TableTexts {
            applications: tokens(&lines),
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        assert_eq!(
            value(&values, TableKey::Applications, "received", "total"),
            Cell::Count(4)
        );
        assert_eq!(
            value(&values, TableKey::Applications, "received", "other_org"),
            Cell::Count(0)
        );
        assert_eq!(
            value(
                &values,
                TableKey::Applications,
                "carried_over",
                "natural_person"
            ),
            Cell::Count(2)
        );
        assert!(
            values
                .notes
                .iter()
                .any(|f| f.message.contains("总计, 其他"))
        );
    }

    fn grid_tokens(rows: Vec<Vec<RawCell>>) -> Vec<Located> {
        let mut out = Vec::new();
        HtmlTable::build(rows).tokens(&mut out);
        out
    }

    #[test]
    fn merged_value_cells_stand_for_one_cell_or_one_per_column_as_the_row_needs() {
        let cell = RawCell::new;
        let wide = |text, columns| RawCell::spanning(text, 1, columns);
        let texts = TableTexts {
            // 上海's layout: a value drawn over two columns where the row has one cell per value.
            active: grid_tokens(vec![
                vec![cell("行政许可"), wide("4", 2), cell("1"), cell("7")],
                // A 0 drawn down two rows: 0 in each, and 行政强制 does not take the next row's
                // value.
                vec![cell("行政处罚"), RawCell::spanning("0", 2, 1)],
                vec![cell("行政强制")],
                vec![cell("其他对外管理服务事项"), RawCell::spanning("6", 1, 3)],
            ]),
            // Zeros drawn once over four columns; a 3 drawn over two.
            applications: grid_tokens(vec![
                vec![
                    cell("一、本年新收政府信息公开申请数量"),
                    cell("2"),
                    wide("0", 4),
                    cell("1"),
                    cell("3"),
                ],
                vec![
                    cell("二、上年结转政府信息公开申请数量"),
                    wide("3", 2),
                    cell("0"),
                    cell("0"),
                    cell("0"),
                    cell("0"),
                    cell("3"),
                ],
            ]),
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2019, &texts, false, "");
        let active = |row, column| value(&values, TableKey::Active, row, column);
        assert_eq!(active("licensing", "previous_items"), Cell::Count(4));
        assert_eq!(active("licensing", "change"), Cell::Change(1));
        assert_eq!(active("licensing", "decisions"), Cell::Count(7));
        // gb2019's 行政处罚 and 行政强制 have three columns: one merged cell does not fill them.
        assert_eq!(active("penalty", "decisions"), Cell::Absent);
        assert_eq!(active("coercion", "decisions"), Cell::Absent);
        assert_eq!(active("other_services", "previous_items"), Cell::Blank);
        let applications = |row, column| value(&values, TableKey::Applications, row, column);
        assert_eq!(applications("received", "business"), Cell::Count(0));
        assert_eq!(applications("received", "legal_services"), Cell::Count(0));
        assert_eq!(applications("received", "other_org"), Cell::Count(1));
        assert_eq!(applications("carried_over", "natural_person"), Cell::Blank);
        assert_eq!(applications("carried_over", "business"), Cell::Blank);
        assert_eq!(applications("carried_over", "total"), Cell::Count(3));
        let shared = values
            .notes
            .iter()
            .find(|f| f.row == Some("carried_over"))
            .unwrap();
        assert!(shared.needs_person);
        assert!(
            shared.message.contains("merged over 2 columns"),
            "{}",
            shared.message
        );

        // gb2021: one column each.
        let texts = TableTexts {
            active: grid_tokens(vec![
                vec![cell("行政处罚"), RawCell::spanning("0", 2, 3)],
                vec![cell("行政强制")],
                vec![cell("行政事业性收费"), wide("12", 3)],
            ]),
            ..TableTexts::default()
        };
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        let active = |row, column| value(&values, TableKey::Active, row, column);
        assert_eq!(active("penalty", "decisions"), Cell::Count(0));
        assert_eq!(active("coercion", "decisions"), Cell::Count(0));
        assert_eq!(active("fees", "amount"), Cell::Amount(12.0));
    }

    #[test]
    fn the_narrative_can_decide_a_cut_of_table_two() {
        let texts = TableTexts {
            active: tokens(&["规章000行政规范性文件8855698"]),
            ..TableTexts::default()
        };
        let narrative = "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。";
        let values = read_tables(FormatId::Gb2021, &texts, true, narrative);
        assert_eq!(
            value(&values, TableKey::Active, "normative_documents", "repealed"),
            Cell::Count(55)
        );
        // Without the narrative, the row stays open.
        let values = read_tables(FormatId::Gb2021, &texts, true, "");
        assert_eq!(
            value(&values, TableKey::Active, "normative_documents", "repealed"),
            Cell::Blank
        );
    }
}
