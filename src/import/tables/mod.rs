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
//!
//! The stages, in order: `blocks` (tokens into rows named together and their values), `order`
//! (a PDF block's order), `rows` (each row's readings, and placing them), `corroborate` (R1, R3
//! and the narrative across rows).

mod blocks;
mod corroborate;
mod order;
mod rows;

use super::tokens::Located;
use archive_core::format::{FormatId, RowDef, TableKey};
use archive_core::messages::{Text, cli};
use archive_core::model::{Cell, Cells};
use blocks::{appeals_block, collect_blocks};
use corroborate::{corroborate, cross_row_rules};
use order::order_evidence;
use rows::{RowState, agreed, keep_first, missing_rows, place, resolve_block, undecided};

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
    let mut states = keep_first(states, &mut notes);
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

/// A row of the report's version, else of the other (gb2019's single （六）其他处理 in a gb2021
/// report).
pub(crate) fn row_of(format: FormatId, table: TableKey, row: &str) -> Option<&'static RowDef> {
    format
        .template()
        .row(table, row)
        .or_else(|| format.other().template().row(table, row))
}

/// Cells as a reading prints them: values, `~` for a blank.
/// A sum rule the importer reads by, by its id (`R1` to `R4`), as notes word it.
pub(crate) fn rule_name(id: &str) -> Text {
    match id {
        "R1" => cli::rule_r1(),
        "R2" => cli::rule_r2(),
        "R3" => cli::rule_r3(),
        "R4" => cli::rule_r4(),
        other => Text::same(other),
    }
}

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
            .filter(|(index, _)| agreed(&self.candidates, *index).is_none())
            .map(|(_, column)| column.key)
            .collect()
    }

    /// The row's cells: each one the cuts agree on, blank where they disagree.
    pub(crate) fn cells(&self) -> Vec<Cell> {
        (0..self.row.columns.len())
            .map(|index| agreed(&self.candidates, index).map_or(Cell::Blank, Cell::clone))
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
        assert_eq!(
            active("fees", "amount"),
            Cell::Amount(archive_core::decimal::Decimal::whole(12))
        );
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
