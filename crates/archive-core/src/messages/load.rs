//! The messages of reading `content/` and `site.toml`: YAML syntax, unknown keys, values.

use super::catalogue;

catalogue! {
    // ---- YAML ----
    malformed_yaml(detail: &str) {
        zh: "YAML 格式错误：{detail}",
        en: "malformed YAML: {detail}",
    }
    control_character_help() {
        zh: "删除这个控制字符（多数编辑器里看不见；重新输入这一行）",
        en: "remove the control character (it is invisible in most editors; retype the line)",
    }
    duplicate_key(key: &str) { zh: "重复的键 `{key}`", en: "duplicate key `{key}`" }
    duplicate_key_help(key: &str, line: usize) {
        zh: "`{key}` 已在第 {line} 行设置：保留两者之一",
        en: "`{key}` is already set on line {line}: keep one of the two",
    }
    number_too_large(number: &str) {
        zh: "数字 {number} 太大",
        en: "the number {number} is too large",
    }
    number_too_large_help() {
        zh: "件数是小于 2^64 的整数：请对照已发布的表格核对这个单元格",
        en: "counts are whole numbers below 2^64: check the cell against the published table",
    }
    tab_help() {
        zh: "YAML 用空格缩进：把制表符换成空格",
        en: "YAML is indented with spaces: replace the tab characters with spaces",
    }
    repeated_key_help() {
        zh: "每个键只能出现一次：删除或合并重复的那个",
        en: "each key may appear once: remove or merge the repeated one",
    }
    too_deep_help() {
        zh: "YAML 嵌套或重复太深（锚点和别名）：把值直接写出来",
        en: "the YAML nests or repeats too deeply (anchors and aliases): write the values out",
    }
    syntax_help() {
        zh: "修正这一行的 YAML 语法（`:` 后缺少空格、括号或引号没有闭合）",
        en: "fix the YAML syntax on this line (a missing space after `:`, an unclosed bracket or quote)",
    }

    // ---- suggestions ----
    did_you_mean(candidate: &str) { zh: "是不是 `{candidate}`？", en: "did you mean `{candidate}`?" }
    invisible_character(typed: &str) {
        zh: "`{typed}` 含有看不见的字符：请重新输入",
        en: "`{typed}` holds an invisible character: retype it",
    }
    invisible_character_as(typed: &str, candidate: &str) {
        zh: "`{typed}` 含有看不见的字符：请重新输入为 `{candidate}`",
        en: "`{typed}` holds an invisible character: retype it as `{candidate}`",
    }

    // ---- tables ----
    no_such_row(table: &str, key: &str) {
        zh: "表 `{table}` 没有行 `{key}`",
        en: "table `{table}` has no row `{key}`",
    }
    rows_are(table: &str, keys: &str) {
        zh: "`{table}` 的行有：{keys}",
        en: "the rows of `{table}` are: {keys}",
    }
    table_not_rows(table: &str, found: &str) {
        zh: "表 `{table}` 应每行写一行数据，但这里是 {found}",
        en: "table `{table}` must hold one row a line, found {found}",
    }
    table_not_rows_help(table: &str) {
        zh: "把每一行缩进写在 `{table}:` 之下，例如 `  received: [0, 0, 0, 0, 0, 0, 0]`",
        en: "write each row indented under `{table}:`, e.g. `  received: [0, 0, 0, 0, 0, 0, 0]`",
    }
    row_key_not_text(table: &str, found: &str) {
        zh: "`{table}` 的一个行键不是文字：{found}",
        en: "a row key of `{table}` is not text: {found}",
    }
    row_key_help() {
        zh: "行以其键命名，例如 `received`",
        en: "rows are named by their keys, e.g. `received`",
    }
    no_such_column(row: &str, column: &str) {
        zh: "行 `{row}` 没有列 `{column}`",
        en: "row `{row}` has no column `{column}`",
    }
    columns_are(row: &str, keys: &str) {
        zh: "`{row}` 的列有：{keys}",
        en: "the columns of `{row}` are: {keys}",
    }
    column_key_not_text(row: &str) {
        zh: "行 `{row}` 的一个列键不是文字",
        en: "a column key of row `{row}` is not text",
    }
}
