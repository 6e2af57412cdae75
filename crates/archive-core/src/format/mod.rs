//! The national templates, as data.
//!
//! Each template version (`gb2019`, `gb2021`) is described once, in `templates`: its tables, the
//! blocks and rows each table is drawn with, the columns of each row, the zh and en labels and the
//! kind of value every cell holds. Reading sources, checking, drawing tables and exporting data all
//! walk these definitions; nothing else in the crate names a row or a column.
//!
//! Every cell that either version has gets a [`CellId`] in one [`catalog`], so a report stores its
//! values in one flat array whatever its format, and a source may mix rows of both versions.

mod describe;
pub mod glossary;
mod row_labels;
mod templates;

pub use describe::keys_markdown;
pub use row_labels::{RowByLabel, bare_label, row_by_label};

use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A template version, as declared by a report's `format` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatId {
    /// 《政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号: reports for 2019 and 2020.
    Gb2019,
    /// 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号: reports for 2021 on.
    Gb2021,
}

impl FormatId {
    /// Both versions, oldest first.
    pub const ALL: [FormatId; 2] = [FormatId::Gb2019, FormatId::Gb2021];

    /// The key used in sources, JSON and CSV (`gb2019`, `gb2021`).
    pub fn key(self) -> &'static str {
        match self {
            FormatId::Gb2019 => "gb2019",
            FormatId::Gb2021 => "gb2021",
        }
    }

    /// Parses a source's `format` value.
    pub fn from_key(key: &str) -> Option<FormatId> {
        FormatId::ALL.into_iter().find(|format| format.key() == key)
    }

    /// The template a report of a given year is expected to use.
    pub fn for_year(year: u16) -> FormatId {
        if year >= 2021 {
            FormatId::Gb2021
        } else {
            FormatId::Gb2019
        }
    }

    /// The other version.
    pub fn other(self) -> FormatId {
        match self {
            FormatId::Gb2019 => FormatId::Gb2021,
            FormatId::Gb2021 => FormatId::Gb2019,
        }
    }

    /// This version's full definition.
    pub fn template(self) -> &'static Template {
        match self {
            FormatId::Gb2019 => &templates::GB2019,
            FormatId::Gb2021 => &templates::GB2021,
        }
    }
}

impl fmt::Display for FormatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The language of the site's interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Chinese, the default.
    #[default]
    Zh,
    /// English labels around the reports' own Chinese text.
    En,
}

impl Language {
    /// The value of the pages' `lang` attribute.
    pub fn html_lang(self) -> &'static str {
        match self {
            Language::Zh => "zh-CN",
            Language::En => "en",
        }
    }
}

/// A text in both languages of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// The template's own Chinese text.
    pub zh: &'static str,
    /// An English rendering, for sites set to `language = "en"`.
    pub en: &'static str,
}

impl Label {
    /// The label in the site's language.
    pub fn get(&self, language: Language) -> &'static str {
        match language {
            Language::Zh => self.zh,
            Language::En => self.en,
        }
    }
}

/// A label without the note in brackets that some template labels end with
/// (（二）部分公开（区分处理的，只计这一情形，不计其他情形） → （二）部分公开), for short mentions.
pub fn without_note(text: &str) -> &str {
    for open in ['（', '('] {
        if let Some(at) = text.rfind(open)
            && at > 0
            && (text.ends_with('）') || text.ends_with(')'))
        {
            return text[..at].trim_end();
        }
    }
    text
}

/// The three numeric tables of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKey {
    /// 二、主动公开政府信息情况.
    Active,
    /// 三、收到和处理政府信息公开申请情况.
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    Appeals,
}

impl TableKey {
    /// The tables in the order reports print them.
    pub const ALL: [TableKey; 3] = [TableKey::Active, TableKey::Applications, TableKey::Appeals];

    /// The key used in sources, JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            TableKey::Active => "active",
            TableKey::Applications => "applications",
            TableKey::Appeals => "appeals",
        }
    }

    /// Parses a table key.
    pub fn from_key(key: &str) -> Option<TableKey> {
        TableKey::ALL.into_iter().find(|table| table.key() == key)
    }

    /// The report section (一 … 六, as 1 … 6) that holds this table.
    pub fn section(self) -> u8 {
        match self {
            TableKey::Active => 2,
            TableKey::Applications => 3,
            TableKey::Appeals => 4,
        }
    }
}

impl fmt::Display for TableKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What a cell may hold (rule R10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A whole number ≥ 0.
    Count,
    /// A decimal ≥ 0, in 万元.
    Amount,
    /// A signed whole number (本年增/减).
    Change,
    /// Text with its unit, as printed (政府集中采购 采购总金额, e.g. "251000元").
    Text,
}

impl ValueKind {
    /// The unit of the number a cell of this kind gives, where views name one: 万元 for fees;
    /// 元 for a text amount (采购总金额), read from its printed text whatever unit it is printed
    /// in; none for counts, which go without.
    pub fn unit(self) -> Option<Label> {
        match self {
            ValueKind::Amount => Some(Label {
                zh: "万元",
                en: "10,000 yuan",
            }),
            ValueKind::Text => Some(Label {
                zh: "元",
                en: "yuan",
            }),
            ValueKind::Count | ValueKind::Change => None,
        }
    }

    /// The unit in both languages for the data dictionary, counts' included: 件, 件（增减）.
    pub fn dictionary_unit(self) -> Label {
        self.unit().unwrap_or(match self {
            ValueKind::Change => Label {
                zh: "件（增减）",
                en: "items (change)",
            },
            _ => Label {
                zh: "件",
                en: "items",
            },
        })
    }
}

/// One version of the national template.
#[derive(Debug)]
pub struct Template {
    /// Which version this is.
    pub id: FormatId,
    /// The template's title.
    pub name: Label,
    /// The notice that issued it.
    pub document: &'static str,
    /// The numeric tables, in report order.
    pub tables: [TableDef; 3],
    /// The six section headings, 一 … 六.
    pub sections: [Label; 6],
}

impl Template {
    /// The definition of one table.
    pub fn table(&self, key: TableKey) -> &TableDef {
        self.tables
            .iter()
            .find(|table| table.key == key)
            .expect("every template defines the three tables")
    }

    /// The definition of a row, if this version has it.
    pub fn row(&self, table: TableKey, row: &str) -> Option<&RowDef> {
        self.table(table).rows().find(|def| def.key == row)
    }
}

/// How a table's rows are laid out on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// One line per row, its cells across (tables 二 and 三).
    Rows,
    /// All rows side by side in one line, each as a group of columns (table 四).
    Columns,
}

/// One numeric table of a template version.
#[derive(Debug)]
pub struct TableDef {
    /// The table's key.
    pub key: TableKey,
    /// The section heading the template prints above it.
    pub heading: Label,
    /// How the rows are drawn.
    pub orientation: Orientation,
    /// A note the template prints in the table's corner, if any.
    pub note: Option<Label>,
    /// The table's parts, each with its own column headers.
    pub blocks: &'static [BlockDef],
}

impl TableDef {
    /// Every row, in template order.
    pub fn rows(&self) -> impl Iterator<Item = &'static RowDef> + '_ {
        self.blocks.iter().flat_map(|block| block.rows.iter())
    }
}

/// A part of a table with one set of column headers: a 第二十条 item of table 二, or the whole of
/// tables 三 and 四.
#[derive(Debug)]
pub struct BlockDef {
    /// The heading line above the part (e.g. 第二十条第（一）项).
    pub heading: Option<Label>,
    /// The header of the row-label column (信息内容).
    pub row_header: Option<Label>,
    /// The part's rows.
    pub rows: &'static [RowDef],
}

/// One row of a table.
#[derive(Debug, PartialEq)]
pub struct RowDef {
    /// The stable key.
    pub key: &'static str,
    /// The row's own label.
    pub label: Label,
    /// The labels of the merged header cells that enclose it, outermost first
    /// (e.g. 三、本年度办理结果 › （三）不予公开).
    pub groups: &'static [Label],
    /// The row's cells, in the template's column order.
    pub columns: &'static [ColumnDef],
    /// Rows of the two versions that stand for the same part of the table share a slot
    /// (gb2019's single （六）其他处理 and gb2021's three sub-rows).
    pub slot: Option<&'static str>,
    /// The part the row plays in the template's arithmetic.
    pub role: RowRole,
}

/// The part a row plays in the template's arithmetic; the checks (R1, R3, R5) derive their sums
/// from these marks rather than from lists of row keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowRole {
    /// A row that enters no sum across rows.
    Item,
    /// 一、本年新收: with 二 on the left of the template's note (第一项加第二项之和…).
    Received,
    /// 二、上年结转: the previous year's 四、结转下年度 (R5).
    CarriedOver,
    /// A row under 三、本年度办理结果 that its （七）总计 counts.
    Result,
    /// （七）总计: the sum of the result rows (R3), on the right of the template's note.
    ResultsTotal,
    /// 四、结转下年度继续办理: on the right of the template's note.
    CarriedForward,
}

impl RowRole {
    /// The side of the template's note (第一项加第二项之和，等于第三项加第四项之和) the row is on:
    /// `Some(true)` for items 1 and 2, `Some(false)` for items 3 and 4 (R1).
    pub fn balance_side(self) -> Option<bool> {
        match self {
            RowRole::Received | RowRole::CarriedOver => Some(true),
            RowRole::ResultsTotal | RowRole::CarriedForward => Some(false),
            RowRole::Item | RowRole::Result => None,
        }
    }
}

/// One column of a row.
#[derive(Debug, PartialEq)]
pub struct ColumnDef {
    /// The stable key.
    pub key: &'static str,
    /// The column's own header.
    pub label: Label,
    /// The labels of the merged header cells above it, outermost first.
    pub groups: &'static [Label],
    /// What its cells hold.
    pub kind: ValueKind,
    /// The part the column plays in the template's arithmetic.
    pub role: ColumnRole,
}

/// The part a column plays in the template's arithmetic; the checks (R2, R4, R6) derive their
/// sums from these marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// A column that enters no sum of its own.
    Item,
    /// 总计: the sum of the row's other columns (R2 in table 三, R4 in table 四).
    Total,
    /// 本年制发件数: added to last year's 现行有效件数 (R6).
    Issued,
    /// 本年废止件数: taken from last year's 现行有效件数 (R6).
    Repealed,
    /// 现行有效件数: last year's, plus this year's issued, less this year's repealed (R6).
    InForce,
}

/// A cell that some template version has: an index into [`Catalog::cells`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16")]
pub struct CellId(u16);

/// An id read back (from `load`'s cache) must name a cell of the catalog.
impl TryFrom<u16> for CellId {
    type Error = String;

    fn try_from(index: u16) -> Result<CellId, String> {
        if usize::from(index) < catalog().len() {
            Ok(CellId(index))
        } else {
            Err(format!("no cell {index}"))
        }
    }
}

impl CellId {
    /// The position of this cell in every report's value array.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A cell's place: `table.row.column`.
#[derive(Debug)]
pub struct CellDef {
    /// The table.
    pub table: TableKey,
    /// The row key.
    pub row: &'static str,
    /// The column key.
    pub column: &'static str,
    /// The full key (`table.row.column`), made once.
    path: String,
    /// What the cell holds (the same in every version that has the cell).
    pub kind: ValueKind,
    /// The versions that have this cell.
    pub formats: Vec<FormatId>,
}

impl CellDef {
    /// The full key, e.g. `active.licensing.decisions`.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Every cell of both versions, numbered once.
#[derive(Debug)]
pub struct Catalog {
    cells: Vec<CellDef>,
    /// Per table (in `TableKey::ALL` order), each row key's cells.
    rows: [FxHashMap<&'static str, Vec<CellId>>; 3],
    /// Per table (in `TableKey::ALL` order), every row of either version in template order, each
    /// once: the checks walk these for every report, so they are listed once here.
    row_defs: [Vec<&'static RowDef>; 3],
    /// Each row and column definition of either template, by their addresses, → its cell: the
    /// checks look up hundreds of cells per report, and two addresses hash faster than two keys
    /// are found.
    by_definition: FxHashMap<(usize, usize), CellId>,
}

/// A definition's address, which identifies it: the templates are statics.
fn address<T>(definition: &T) -> usize {
    std::ptr::from_ref(definition) as usize
}

impl Catalog {
    fn build() -> Catalog {
        let mut catalog = Catalog {
            cells: Vec::new(),
            rows: Default::default(),
            row_defs: TableKey::ALL.map(|table| {
                let mut rows: Vec<&'static RowDef> = Vec::new();
                for format in FormatId::ALL {
                    for row in format.template().table(table).rows() {
                        if !rows.iter().any(|known| known.key == row.key) {
                            rows.push(row);
                        }
                    }
                }
                rows
            }),
            by_definition: FxHashMap::default(),
        };
        for format in FormatId::ALL {
            for table in &format.template().tables {
                for row in table.rows() {
                    for column in row.columns {
                        let id = match catalog.find(table.key, row.key, column.key) {
                            Some(id) => {
                                let cell = &mut catalog.cells[id.index()];
                                assert_eq!(cell.kind, column.kind, "{} changes kind", cell.path());
                                cell.formats.push(format);
                                id
                            }
                            None => catalog.add(table.key, row.key, column, format),
                        };
                        catalog
                            .by_definition
                            .insert((address(row), address(column)), id);
                    }
                }
            }
        }
        catalog
    }

    /// Numbers a cell no version before `format` has.
    fn add(
        &mut self,
        table: TableKey,
        row: &'static str,
        column: &ColumnDef,
        format: FormatId,
    ) -> CellId {
        let id = CellId(u16::try_from(self.cells.len()).expect("few cells"));
        self.cells.push(CellDef {
            table,
            row,
            column: column.key,
            path: format!("{}.{}.{}", table.key(), row, column.key),
            kind: column.kind,
            formats: vec![format],
        });
        self.rows[table as usize].entry(row).or_default().push(id);
        id
    }

    /// Every cell, in catalog order (gb2019's cells first, then those only gb2021 has).
    pub fn cells(&self) -> &[CellDef] {
        &self.cells
    }

    /// Every cell with its id.
    pub fn entries(&self) -> impl Iterator<Item = (CellId, &CellDef)> {
        self.cells
            .iter()
            .enumerate()
            .map(|(at, cell)| (CellId(at as u16), cell))
    }

    /// The definition of one cell.
    pub fn cell(&self, id: CellId) -> &CellDef {
        &self.cells[id.index()]
    }

    /// How many cells there are.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether there are no cells (never, but clippy asks).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Finds a cell by its keys.
    pub fn find(&self, table: TableKey, row: &str, column: &str) -> Option<CellId> {
        self.row_cells(table, row)
            .iter()
            .copied()
            .find(|&id| self.cell(id).column == column)
    }

    /// The cell of a row and a column as a template defines them (the column may be another
    /// row's, of the same key).
    pub fn cell_of(&self, table: TableKey, row: &RowDef, column: &ColumnDef) -> Option<CellId> {
        self.by_definition
            .get(&(address(row), address(column)))
            .copied()
            .or_else(|| self.find(table, row.key, column.key))
    }

    /// Every cell of a row, in either version.
    pub fn row_cells(&self, table: TableKey, row: &str) -> &[CellId] {
        self.rows[table as usize]
            .get(row)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Whether any version has this row.
    pub fn has_row(&self, table: TableKey, row: &str) -> bool {
        !self.row_cells(table, row).is_empty()
    }

    /// Every row key of a table in either version, in template order.
    pub fn row_keys(&self, table: TableKey) -> impl Iterator<Item = &'static str> + '_ {
        self.row_defs(table).iter().map(|row| row.key)
    }

    /// The definition of a row in the first version that has it (the roles and columns of a row
    /// are the same in every version that has it).
    pub fn row_def(&self, table: TableKey, row: &str) -> Option<&'static RowDef> {
        self.row_defs(table)
            .iter()
            .copied()
            .find(|known| known.key == row)
    }

    /// Every row of a table in either version, in template order, each once (the first
    /// version's definition of a row both have).
    pub fn row_defs(&self, table: TableKey) -> &[&'static RowDef] {
        &self.row_defs[table as usize]
    }

    /// Every column key of a row in either version.
    pub fn column_keys(&self, table: TableKey, row: &str) -> Vec<&'static str> {
        self.row_cells(table, row)
            .iter()
            .map(|&id| self.cell(id).column)
            .collect()
    }
}

/// The one catalog of cells.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_found_by_its_definitions_as_by_its_keys() {
        let catalog = catalog();
        // The catalog's per-table lists are indexed by the table's place in `TableKey::ALL`.
        for (at, table) in TableKey::ALL.into_iter().enumerate() {
            assert_eq!(table as usize, at);
        }
        for format in FormatId::ALL {
            for table in &format.template().tables {
                for row in table.rows() {
                    for column in row.columns {
                        let by_keys = catalog.find(table.key, row.key, column.key);
                        assert!(by_keys.is_some());
                        assert_eq!(catalog.cell_of(table.key, row, column), by_keys);
                    }
                }
            }
        }
        // A column taken from another row is found by its key.
        let applications = FormatId::Gb2021.template().table(TableKey::Applications);
        let received = applications.rows().next().unwrap();
        let other = applications.rows().nth(3).unwrap();
        assert_eq!(
            catalog.cell_of(TableKey::Applications, other, &received.columns[0]),
            catalog.find(TableKey::Applications, other.key, received.columns[0].key)
        );
    }

    #[test]
    fn both_versions_have_the_spec_row_counts() {
        let gb2021 = FormatId::Gb2021.template();
        let gb2019 = FormatId::Gb2019.template();
        assert_eq!(gb2021.table(TableKey::Applications).rows().count(), 25);
        assert_eq!(gb2019.table(TableKey::Applications).rows().count(), 23);
        assert_eq!(gb2021.table(TableKey::Active).rows().count(), 6);
        assert_eq!(gb2019.table(TableKey::Active).rows().count(), 8);
        assert_eq!(gb2021.table(TableKey::Appeals).rows().count(), 3);
    }

    #[test]
    fn shared_cells_are_numbered_once() {
        let catalog = catalog();
        let licensing = catalog
            .find(TableKey::Active, "licensing", "decisions")
            .unwrap();
        assert_eq!(
            catalog.cell(licensing).formats,
            vec![FormatId::Gb2019, FormatId::Gb2021]
        );
        let active = catalog
            .cells()
            .iter()
            .filter(|cell| cell.table == TableKey::Active)
            .count();
        // rules and normative_documents: 3 + 3 columns each; licensing, other_services, penalty,
        // coercion: 3 each; fees: 2 (gb2019) + 1 (gb2021); procurement: 2.
        assert_eq!(active, 12 + 12 + 3 + 2);
        // 26 application rows × 7 columns, 3 appeal groups × 5 columns.
        assert_eq!(catalog.len(), active + 26 * 7 + 15);
    }

    #[test]
    fn keys_are_unique_within_each_table() {
        for format in FormatId::ALL {
            for table in &format.template().tables {
                let mut keys: Vec<_> = table.rows().map(|row| row.key).collect();
                keys.sort_unstable();
                keys.dedup();
                assert_eq!(keys.len(), table.rows().count(), "{format} {}", table.key);
            }
        }
    }

    #[test]
    fn long_labels_lose_their_bracketed_notes() {
        assert_eq!(
            without_note("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "（二）部分公开"
        );
        assert_eq!(without_note("（七）总计"), "（七）总计");
        assert_eq!(
            without_note("(2) Partially disclosed (counted here only)"),
            "(2) Partially disclosed"
        );
    }

    #[test]
    fn roles_are_the_same_in_both_versions() {
        let catalog = catalog();
        for format in FormatId::ALL {
            for table in &format.template().tables {
                for row in table.rows() {
                    let first = catalog.row_def(table.key, row.key).unwrap();
                    assert_eq!(first.role, row.role, "{format} {}", row.key);
                    for (a, b) in first.columns.iter().zip(row.columns) {
                        if a.key == b.key {
                            assert_eq!(a.role, b.role, "{format} {}.{}", row.key, a.key);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn result_rows_are_the_rows_under_the_results_heading() {
        // The template groups the result rows under 三、本年度办理结果; every row so grouped except
        // （七）总计 is counted in it.
        for format in FormatId::ALL {
            let table = format.template().table(TableKey::Applications);
            let grouped: Vec<&str> = table
                .rows()
                .filter(|row| {
                    row.groups
                        .first()
                        .is_some_and(|group| group.zh.starts_with("三、"))
                })
                .filter(|row| row.role != RowRole::ResultsTotal)
                .map(|row| row.key)
                .collect();
            let results: Vec<&str> = table
                .rows()
                .filter(|row| row.role == RowRole::Result)
                .map(|row| row.key)
                .collect();
            assert_eq!(grouped, results, "{format}");
            assert_eq!(
                results.len(),
                if format == FormatId::Gb2019 { 19 } else { 21 }
            );
            let totals = table.rows().filter(|row| row.role == RowRole::ResultsTotal);
            assert_eq!(totals.count(), 1);
        }
    }
}
