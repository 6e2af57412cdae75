//! An HTML table as a browser draws it: every cell placed on a grid of rows and columns at the
//! positions its `rowspan` and `colspan` cover, then read back row by row.
//!
//! Published tables merge cells: a group label spans the rows of its group (三、本年度办理结果,
//! （三）不予公开), a header spans the columns it heads (行政复议, 法人或其他组织), and editors merge
//! value cells too (a `/` or a `0` drawn once over several rows or columns). Reading `<td>`s in
//! document order loses every position a cell from the row above covers: the values after it
//! slide left, or a row comes out short and its values go to the next row named. On the grid,
//! each row holds every cell that covers it:
//!
//! - a label cell is a group label for each row it covers: its text is read again in each;
//! - a value cell (a value, or a blank) covering more than one position becomes a
//!   [`Token::Merged`] in each row it covers, and `tables` decides what it stands for once it
//!   knows how many columns the row has (one value, or one per column covered).

use super::text::fold_char;
use super::tokens::{self, Located, Token, is_blank_marker, is_value};

/// A `<td>` or `<th>` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawCell {
    /// Its text, one line per paragraph or `<br>`.
    pub(crate) text: String,
    /// Its `rowspan`: how many rows it covers, 0 for every row to the end of the table.
    pub(crate) rows: usize,
    /// Its `colspan`.
    pub(crate) columns: usize,
}

impl RawCell {
    /// A cell covering one position.
    #[cfg(test)]
    pub(crate) fn new(text: &str) -> RawCell {
        RawCell {
            text: text.to_owned(),
            rows: 1,
            columns: 1,
        }
    }

    /// A cell with spans.
    #[cfg(test)]
    pub(crate) fn spanning(text: &str, rows: usize, columns: usize) -> RawCell {
        RawCell {
            text: text.to_owned(),
            rows,
            columns,
        }
    }
}

/// A cell placed on the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GridCell {
    /// Its text.
    pub(crate) text: String,
    /// The first row and column it covers.
    pub(crate) row: usize,
    pub(crate) column: usize,
    /// How many rows and columns it covers (spans clamped to the table).
    pub(crate) rows: usize,
    pub(crate) columns: usize,
}

/// The most grid positions one table may take: real tables have a few hundred. Beyond it (a
/// hostile page), further cells cover one position each.
const MAX_POSITIONS: usize = 50_000;

/// The largest `colspan` browsers honour.
const MAX_COLSPAN: usize = 1000;

/// An HTML table on its grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HtmlTable {
    /// The cells, in document order.
    pub(crate) cells: Vec<GridCell>,
    /// `grid[row][column]`: the cell covering that position (`None` where a short row leaves
    /// it empty).
    grid: Vec<Vec<Option<usize>>>,
}

impl HtmlTable {
    /// Lays out the rows of a table (its `<tr>`s in document order) as the HTML table model does:
    /// each cell goes to the first column of its row not yet covered by a cell from a row above,
    /// and covers `rowspan` rows (at most to the end of the table) and `colspan` columns from
    /// there. Where a cell would cover a position another already covers (a table model error),
    /// the earlier cell keeps it.
    pub(crate) fn build(rows: Vec<Vec<RawCell>>) -> HtmlTable {
        let height = rows.len();
        let mut grid: Vec<Vec<Option<usize>>> = vec![Vec::new(); height];
        let mut cells = Vec::new();
        let mut budget = MAX_POSITIONS;
        for (row, raw_row) in rows.into_iter().enumerate() {
            let mut column = 0;
            for raw in raw_row {
                while grid[row].get(column).is_some_and(Option::is_some) {
                    column += 1;
                }
                let mut columns = raw.columns.clamp(1, MAX_COLSPAN);
                let mut rows = match raw.rows {
                    0 => height - row,
                    rows => rows.min(height - row),
                };
                if columns.saturating_mul(rows) > budget {
                    (rows, columns) = (1, 1);
                }
                budget = budget.saturating_sub(columns * rows);
                let index = cells.len();
                for line in &mut grid[row..row + rows] {
                    if line.len() < column + columns {
                        line.resize(column + columns, None);
                    }
                    for slot in &mut line[column..column + columns] {
                        if slot.is_none() {
                            *slot = Some(index);
                        }
                    }
                }
                cells.push(GridCell {
                    text: raw.text,
                    row,
                    column,
                    rows,
                    columns,
                });
                column += columns;
            }
        }
        HtmlTable { cells, grid }
    }

    /// How many rows the grid has.
    pub(crate) fn height(&self) -> usize {
        self.grid.len()
    }

    /// The cells covering a row, left to right, each once (cells from rows above included).
    pub(crate) fn row(&self, row: usize) -> Vec<&GridCell> {
        let mut seen: Vec<usize> = Vec::new();
        for index in self.grid[row].iter().flatten() {
            if !seen.contains(index) {
                seen.push(*index);
            }
        }
        seen.into_iter().map(|index| &self.cells[index]).collect()
    }

    /// The cell covering a position, if any.
    #[cfg(test)]
    pub(crate) fn at(&self, row: usize, column: usize) -> Option<&GridCell> {
        let index = (*self.grid.get(row)?.get(column)?)?;
        Some(&self.cells[index])
    }

    /// The texts of each row's cells, as they cover the grid (for tests and messages).
    #[cfg(test)]
    pub(crate) fn texts(&self) -> Vec<Vec<&str>> {
        (0..self.height())
            .map(|row| {
                self.row(row)
                    .into_iter()
                    .map(|cell| cell.text.as_str())
                    .collect()
            })
            .collect()
    }

    /// The table as tokens, row by row, each row ended by [`Token::RowEnd`].
    pub(crate) fn tokens(&self, out: &mut Vec<Located>) {
        for row in 0..self.height() {
            for cell in self.row(row) {
                cell_tokens(cell, row, out);
            }
            out.push(Located {
                token: Token::RowEnd,
                line: 0,
            });
        }
    }
}

/// A cell's tokens in one of the rows it covers.
fn cell_tokens(cell: &GridCell, row: usize, out: &mut Vec<Located>) {
    let merged = cell.rows > 1 || cell.columns > 1;
    if merged && let Some(text) = single_value(&cell.text) {
        out.push(Located {
            token: Token::Merged {
                text,
                rows: cell.rows,
                columns: cell.columns,
            },
            line: 0,
        });
        return;
    }
    if row == cell.row {
        tokens::tokenize(&cell.text, 0, true, out);
        return;
    }
    // A label spanning rows heads each row it covers: its text again, never its values.
    let mut own = Vec::new();
    tokens::tokenize(&cell.text, 0, true, &mut own);
    out.extend(
        own.into_iter()
            .filter(|located| matches!(located.token, Token::Text(_))),
    );
}

/// The text of a cell that holds one value or nothing (a blank), folded as values are read.
fn single_value(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (trimmed.is_empty() || is_blank_marker(trimmed) || is_value(trimmed))
        .then(|| trimmed.chars().map(fold_char).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens_of(table: &HtmlTable) -> Vec<Token> {
        let mut out = Vec::new();
        table.tokens(&mut out);
        out.into_iter().map(|located| located.token).collect()
    }

    #[test]
    fn spans_cover_the_positions_below_and_beside_them() {
        // 三、本年度办理结果 over three rows, （三）不予公开 over two, a header over two columns.
        let table = HtmlTable::build(vec![
            vec![RawCell::spanning("情况", 1, 2), RawCell::new("自然人")],
            vec![
                RawCell::spanning("三、本年度办理结果", 3, 1),
                RawCell::new("（一）予以公开"),
                RawCell::new("5"),
            ],
            vec![
                RawCell::spanning("（三）不予公开", 2, 1),
                RawCell::new("1.属于国家秘密"),
                RawCell::new("1"),
            ],
            vec![
                RawCell::new("2.其他法律行政法规禁止公开"),
                RawCell::new("0"),
            ],
        ]);
        assert_eq!(
            table.texts(),
            vec![
                vec!["情况", "自然人"],
                vec!["三、本年度办理结果", "（一）予以公开", "5"],
                vec![
                    "三、本年度办理结果",
                    "（三）不予公开",
                    "1.属于国家秘密",
                    "1"
                ],
                vec![
                    "三、本年度办理结果",
                    "（三）不予公开",
                    "2.其他法律行政法规禁止公开",
                    "0"
                ],
            ]
        );
        // The row spanning group labels is read again in each row; the cell placed after them
        // stands in the column the grid gives it.
        assert_eq!(table.cells[8].text, "2.其他法律行政法规禁止公开");
        assert_eq!((table.cells[8].row, table.cells[8].column), (3, 2));
        assert_eq!(table.cells[9].column, 3);
    }

    #[test]
    fn a_merged_value_is_a_merged_token_in_every_row_it_covers() {
        let table = HtmlTable::build(vec![
            vec![RawCell::new("行政处罚"), RawCell::spanning("0", 2, 1)],
            vec![RawCell::new("行政强制")],
            vec![
                RawCell::new("行政事业性收费"),
                RawCell::spanning("12", 1, 3),
            ],
        ]);
        let merged = |text: &str, rows, columns| Token::Merged {
            text: text.to_owned(),
            rows,
            columns,
        };
        assert_eq!(
            tokens_of(&table),
            vec![
                Token::Text("行政处罚".into()),
                merged("0", 2, 1),
                Token::RowEnd,
                Token::Text("行政强制".into()),
                merged("0", 2, 1),
                Token::RowEnd,
                Token::Text("行政事业性收费".into()),
                merged("12", 1, 3),
                Token::RowEnd,
            ]
        );
    }

    #[test]
    fn a_label_spanning_rows_gives_only_its_text_to_the_rows_below() {
        let table = HtmlTable::build(vec![
            vec![RawCell::spanning("规章 0", 2, 1), RawCell::new("1")],
            vec![RawCell::new("2")],
        ]);
        assert_eq!(
            tokens_of(&table),
            vec![
                Token::Text("规章".into()),
                Token::Run(vec!["0".into()]),
                Token::Cell("1".into()),
                Token::RowEnd,
                Token::Text("规章".into()),
                Token::Cell("2".into()),
                Token::RowEnd,
            ]
        );
    }

    #[test]
    fn spans_past_the_table_and_huge_spans_are_bounded() {
        // rowspan 0 and rowspan past the end stop at the last row.
        let table = HtmlTable::build(vec![
            vec![RawCell::spanning("a", 0, 1), RawCell::spanning("b", 9, 1)],
            vec![RawCell::new("c")],
        ]);
        assert_eq!(table.texts(), vec![vec!["a", "b"], vec!["a", "b", "c"]]);
        assert_eq!(table.cells[1].rows, 2);
        // A cell overlapping a span from above keeps to the positions still free.
        let table = HtmlTable::build(vec![
            vec![RawCell::new("x"), RawCell::spanning("y", 2, 1)],
            vec![RawCell::spanning("z", 1, 3)],
        ]);
        assert_eq!(table.texts(), vec![vec!["x", "y"], vec!["z", "y"]]);
        // Thousands of rows under a wide cell spanning them all: the grid stays bounded.
        let mut rows = vec![vec![RawCell::spanning("wide", 0, 1000)]];
        rows.extend((0..5000).map(|_| vec![RawCell::new("1")]));
        let table = HtmlTable::build(rows);
        let positions: usize = table.grid.iter().map(Vec::len).sum();
        assert!(positions <= MAX_POSITIONS + 5001, "{positions}");
        assert_eq!(table.row(3000).len(), 1);
    }
}
