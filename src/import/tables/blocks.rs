//! Gathering a table's tokens into blocks: the rows named together and the values that followed
//! them (one row in a web table or copied text; many in PDF text), and table 四's fifteen values
//! after its headers.

use super::super::labels::TableLabels;
use super::super::split::total_is_sum;
use super::super::text::label_key;
use super::super::tokens::{Located, Token, is_blank_marker, is_value};
use super::{TableNote, row_of};
use archive_core::format::{FormatId, RowDef, TableKey};
use archive_core::messages::cli;
use archive_core::model::Cell;

/// A sum rule of the template over each group of a block's cells (R2: a row of table 三; R4: a
/// group of table 四).
#[derive(Debug, Clone, Copy)]
pub(super) struct SumRule {
    /// How many cells each group holds.
    pub(super) group: usize,
    /// Whether a group's cells keep the rule.
    pub(super) holds: fn(&[Cell]) -> bool,
    /// The rule's id (R2, R4), worded for notes by `rule_name`.
    pub(super) name: &'static str,
}

impl SumRule {
    /// The rule of a table's rows, if it has one (table 二 has none).
    pub(super) fn of(table: TableKey) -> Option<SumRule> {
        match table {
            TableKey::Active => None,
            TableKey::Applications => Some(SumRule {
                group: 7,
                holds: total_is_sum,
                name: "R2",
            }),
            TableKey::Appeals => Some(SumRule {
                group: 5,
                holds: total_is_sum,
                name: "R4",
            }),
        }
    }

    /// Whether every row of a reading keeps the rule.
    pub(super) fn holds_in_every(&self, rows: &[Vec<Cell>]) -> bool {
        rows.iter().all(|row| (self.holds)(row))
    }
}

/// Rows named together and the values that followed them.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) table: TableKey,
    /// At least one.
    pub(super) rows: Vec<&'static RowDef>,
    pub(super) values: Vec<Located>,
    /// The line of the first label.
    pub(super) line: usize,
    /// The table's sum rule, if it has one.
    pub(super) rule: Option<SumRule>,
}

impl Block {
    pub(super) fn widths(&self) -> Vec<usize> {
        self.rows.iter().map(|row| row.columns.len()).collect()
    }

    pub(super) fn seen(&self) -> String {
        seen(&self.values)
    }
}

/// The values as the report printed them, for notes (up to 120 characters).
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
        let same_either_way = text.is_empty() || is_blank_marker(text) || is_zero(text);
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
    is_value(text)
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().filter(char::is_ascii_digit).all(|c| c == '0')
}

/// Text that is a sentence, not a label: narrative inside a table's section.
fn is_sentence(text: &str) -> bool {
    text.contains(['。', '！', '？'])
}

/// The blocks of table 二 or 三: label text names rows, and the values after it fill them.
pub(super) fn collect_blocks(
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
            message: cli::table_label_without_values().into(),
            needs_person: true,
        });
    }
    reader.blocks
}

/// Reads a table's tokens into blocks.
struct BlockReader<'f> {
    table: TableKey,
    format: FormatId,
    /// The rows named and waiting for their values, with the line of each label.
    queue: Vec<(&'static RowDef, usize)>,
    /// The values gathered since the last block.
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
            let def = row_of(self.format, self.table, found.row)
                .expect("labels name rows of the templates");
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
                    message: cli::table_label_read_as(def.label.zh).into(),
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
        if self.queue.is_empty() {
            if !values.iter().all(is_blank) {
                self.notes.push(TableNote {
                    table: self.table,
                    row: None,
                    columns: Vec::new(),
                    seen: seen(&values),
                    line: values.first().map_or(0, |v| v.line),
                    message: cli::table_values_without_label().into(),
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
        let Some(taken) = rows_taken(&widths, &values) else {
            self.leave_waiting_rows_blank(&widths, &values);
            return;
        };
        let named: Vec<(&'static RowDef, usize)> = self.queue.drain(..taken.rows).collect();
        let line = named.first().map_or(0, |(_, line)| *line);
        self.blocks.push(Block {
            table: self.table,
            rows: named.into_iter().map(|(row, _)| row).collect(),
            values: settle(&values[..taken.values], taken.wide),
            line,
            rule: SumRule::of(self.table),
        });
    }

    /// Values that fit no number of the rows waiting: every one of them is left blank.
    fn leave_waiting_rows_blank(&mut self, widths: &[usize], values: &[Located]) {
        let expected: usize = widths.iter().sum();
        for (row, line) in std::mem::take(&mut self.queue) {
            self.notes.push(TableNote {
                table: self.table,
                row: Some(row.key),
                columns: Vec::new(),
                seen: seen(values),
                line,
                message: cli::table_values_do_not_fit(widths.len(), expected).into(),
                needs_person: true,
            });
        }
    }
}

/// A blank value: empty, or a mark for one (`/`, `—`, `无`).
fn is_blank(located: &Located) -> bool {
    match &located.token {
        Token::Cell(cell) | Token::Merged { text: cell, .. } => {
            cell.is_empty() || is_blank_marker(cell)
        }
        _ => false,
    }
}

/// Which of the rows waiting take the values gathered.
struct Taken {
    /// How many rows, from the first waiting.
    rows: usize,
    /// How many of the values they take.
    values: usize,
    /// Whether merged cells stand for one cell per column they cover.
    wide: bool,
}

/// How many of the rows waiting (of `widths` cells each) the values fill, if exactly one number
/// of them fits.
fn rows_taken(widths: &[usize], values: &[Located]) -> Option<Taken> {
    // The cells the first one, two, … rows waiting hold together.
    let sums: Vec<usize> = widths
        .iter()
        .scan(0, |total, width| {
            *total += width;
            Some(*total)
        })
        .collect();
    if values.iter().any(|v| matches!(v.token, Token::Run(_))) {
        rows_taken_by_runs(&sums, values)
    } else {
        rows_taken_by_cells(&sums, values)
    }
}

/// Digits run together hold at least one cell per chunk and at most one per digit: the rows are
/// taken when exactly one number of them has a cell count in between.
fn rows_taken_by_runs(sums: &[usize], values: &[Located]) -> Option<Taken> {
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
        [k] => Some(Taken {
            rows: *k,
            values: values.len(),
            wide: false,
        }),
        _ => None,
    }
}

/// Each cell is one value; where they do not fit, merged cells count once for each column they
/// cover, and blank cells after the rows' values are layout, not values.
fn rows_taken_by_cells(sums: &[usize], values: &[Located]) -> Option<Taken> {
    let count = values.len();
    let wide = merged_count(values, true);
    let taken = |k: usize, values: usize, wide: bool| Taken {
        rows: k + 1,
        values,
        wide,
    };
    sums.iter()
        .position(|&sum| sum == count)
        .map(|k| taken(k, count, false))
        .or_else(|| {
            sums.iter()
                .position(|&sum| wide != count && sum == wide)
                .map(|k| taken(k, count, true))
        })
        .or_else(|| {
            sums.iter()
                .position(|&sum| sum < count && values[sum..].iter().all(is_blank))
                .map(|k| taken(k, sums[k], false))
        })
}

/// Table 四: its rows are drawn side by side, so its fifteen values follow all its headers.
pub(super) fn appeals_block(
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
            message: cli::table_no_values().into(),
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
        rule: SumRule::of(TableKey::Appeals),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(tokens: Vec<Token>) -> Vec<Located> {
        tokens
            .into_iter()
            .map(|token| Located { token, line: 1 })
            .collect()
    }

    fn cells(texts: &[&str]) -> Vec<Token> {
        texts
            .iter()
            .map(|text| Token::Cell((*text).to_owned()))
            .collect()
    }

    fn taken(widths: &[usize], values: Vec<Token>) -> Option<(usize, usize, bool)> {
        rows_taken(widths, &located(values)).map(|taken| (taken.rows, taken.values, taken.wide))
    }

    #[test]
    fn single_cells_fill_as_many_rows_as_they_make_up() {
        assert_eq!(taken(&[7, 7], cells(&["1"; 14])), Some((2, 14, false)));
        assert_eq!(taken(&[7, 7], cells(&["1"; 7])), Some((1, 7, false)));
        // Blank cells after a row's values are layout.
        let mut trailing = cells(&["1"; 7]);
        trailing.extend(cells(&["", "/"]));
        assert_eq!(taken(&[7, 7], trailing), Some((1, 7, false)));
        // A merged cell counts once for each column it covers where that makes a row.
        let mut merged = cells(&["1"; 5]);
        merged.push(Token::Merged {
            text: "0".to_owned(),
            rows: 1,
            columns: 2,
        });
        assert_eq!(taken(&[7], merged), Some((1, 6, true)));
        assert_eq!(taken(&[7, 7], cells(&["1"; 9])), None);
    }

    #[test]
    fn digits_run_together_fill_rows_only_when_one_number_of_rows_fits() {
        let run =
            |chunks: &[&str]| vec![Token::Run(chunks.iter().map(|c| (*c).to_owned()).collect())];
        // Six digits make three cells or six: one row of three, or two.
        assert_eq!(taken(&[3], run(&["693665"])), Some((1, 1, false)));
        assert_eq!(taken(&[3, 3], run(&["693665"])), None);
        // Four chunks are four cells at least: only the two rows hold them.
        assert_eq!(
            taken(&[3, 3], run(&["69", "36", "6", "5"])),
            Some((2, 1, false))
        );
        // Fewer digits than the first row's cells: no row.
        assert_eq!(taken(&[3, 3], run(&["69"])), None);
    }
}
