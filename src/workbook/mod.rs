//! The Excel template workbook: one report's tables laid out as the printed template lays them
//! out, for an office to fill in Excel or WPS (`archive new … --xlsx`) and `archive import` to
//! read back (`read`).
//!
//! The layout, shared by the writer (`template`) and the reader (`read`): a first sheet
//! 报告信息 with the front-matter fields, one label a row and its key in a grey column; then one
//! sheet a table, named by the table's heading, with the template's merged headers and row
//! labels, blank value cells, and — in grey, for the reader — each row's key in the column
//! after the values and, under each block's headers, a row of the columns' keys marked 行键.
//! The reader finds rows and columns by those keys, never by position, so that a person may
//! widen, colour or re-label the sheet; every label comes from `format`.

mod read;
mod template;

pub use read::{WorkbookReport, is_workbook, read_workbook};
pub use template::template_workbook;

use archive_core::format::{FormatId, TableDef, TableKey};

/// The first sheet: the report's fields.
const INFO_SHEET: &str = "报告信息";

/// The marker of a row of column keys, in the row-key column.
const KEYS_MARKER: &str = "行键";

/// A field of the first sheet: its key (read back), its label and what it asks for.
struct Field {
    key: &'static str,
    label: &'static str,
    hint: &'static str,
}

/// The fields of the first sheet, in order.
const FIELDS: [Field; 8] = [
    Field {
        key: "agency_name",
        label: "机关名称",
        hint: "发布报告的机关全称，如 侯马经济开发区管理委员会",
    },
    Field {
        key: "agency",
        label: "机关代码",
        hint: "archive 中的机关文件夹名（小写字母、数字、连字符）",
    },
    Field {
        key: "year",
        label: "报告年度",
        hint: "报告所述年度，如 2024",
    },
    Field {
        key: "format",
        label: "模板版本",
        hint: "gb2019（2019—2020年度）或 gb2021（2021年度起）；请勿修改",
    },
    Field {
        key: "title",
        label: "报告标题",
        hint: "报告自身的标题",
    },
    Field {
        key: "published",
        label: "发布日期",
        hint: "报告印发或发布的日期，写作 2025-01-22；未印日期则留空",
    },
    Field {
        key: "issuer",
        label: "发布机关",
        hint: "报告署名的机关（可留空）",
    },
    Field {
        key: "source_url",
        label: "发布网址",
        hint: "报告发布的网址，以 https:// 或 http:// 开头（可留空）",
    },
];

/// The sheet of a table: its heading as the template prints it (within Excel's 31 characters
/// and without the characters a sheet name may not hold).
fn sheet_name(format: FormatId, table: TableKey) -> String {
    let heading = format.template().table(table).heading.zh;
    heading
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// How many label columns a table's rows need: their deepest groups, and the label itself.
fn label_columns(definition: &TableDef) -> u16 {
    let depth = definition
        .rows()
        .map(|row| row.groups.len())
        .max()
        .unwrap_or(0);
    u16::try_from(depth + 1).unwrap_or(u16::MAX)
}

/// How many value columns a table's widest row has.
fn value_columns(definition: &TableDef) -> u16 {
    let widest = definition
        .rows()
        .map(|row| row.columns.len())
        .max()
        .unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX)
}
