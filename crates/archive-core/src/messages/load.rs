//! The messages of reading `content/` and `site.toml`: YAML syntax, unknown keys, values.

use super::{Text, catalogue};
use crate::format::ValueKind;

/// How a kind of value is described to a person fixing a source.
pub fn value_kind(kind: ValueKind) -> Text {
    match kind {
        ValueKind::Count => kind_count(),
        ValueKind::Amount => kind_amount(),
        ValueKind::Change => kind_change(),
        ValueKind::Text => kind_text(),
    }
}

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
    did_you_mean_labelled(candidate: &str, label: &str) {
        zh: "是不是 `{candidate}`（{label}）？",
        en: "did you mean `{candidate}` ({label})?",
    }
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

    // ---- a report source ----
    source_empty() { zh: "源文件是空的", en: "the source is empty" }
    source_empty_help() {
        zh: "报告源文件以两行 `---` 之间的前置数据开头；`archive new 机关 年度` 会写一个待填写的源文件",
        en: "a report source starts with front matter between two `---` lines; `archive new AGENCY YEAR` writes one to fill in",
    }
    no_front_matter() {
        zh: "源文件不是以前置数据开头",
        en: "the source does not start with front matter",
    }
    no_front_matter_help() {
        zh: "把报告的数据写在第一行 `---` 与结束行 `---` 之间，之后是正文",
        en: "put the report's data between a first line `---` and a closing line `---`, then the narrative",
    }
    front_matter_not_closed() { zh: "前置数据没有结束", en: "the front matter is not closed" }
    front_matter_not_closed_help() {
        zh: "在正文之前，用只有 `---` 的一行结束前置数据",
        en: "end the front matter with a line holding only `---`, before the narrative",
    }
    the_narrative() { zh: "正文", en: "the narrative" }
    decimal_help() {
        zh: "按印发的样子用十进制数字写这个数",
        en: "write the number as printed, in decimal digits",
    }
    not_key_value_lines() {
        zh: "前置数据不是一组 `键: 值` 行",
        en: "the front matter is not a set of `key: value` lines",
    }
    not_key_value_lines_help() {
        zh: "每行写一个字段，例如 `year: 2024`",
        en: "write one field a line, e.g. `year: 2024`",
    }
    title_help() {
        zh: "写报告自己的标题，例如 `title: 某某区2024年政府信息公开工作年度报告`",
        en: "write the report's own title, e.g. `title: 某某区2024年政府信息公开工作年度报告`",
    }
    key_not_text(key: &str) { zh: "键 {key} 不是文字", en: "the key {key} is not text" }
    key_not_text_help() { zh: "键是名称，例如 `year`", en: "keys are names such as `year`" }
    fields_are(fields: &str) { zh: "字段有：{fields}", en: "the fields are: {fields}" }
    unknown_field(key: &str) { zh: "未知字段 `{key}`", en: "unknown field `{key}`" }
    other_agency(declared: &str, agency: &str) {
        zh: "报告写的机关是 {declared}，但它所在的文件夹是 `{agency}`",
        en: "the report names agency {declared}, but its folder is `{agency}`",
    }
    other_agency_help(declared: &str, agency: &str) {
        zh: "把文件移到 content/{declared}/，或写 `agency: {agency}`",
        en: "move the file to content/{declared}/ or write `agency: {agency}`",
    }
    missing_field(key: &str) { zh: "缺少必填字段 `{key}`", en: "missing required field `{key}`" }
    year_help() {
        zh: "写报告所属的年度，例如 `year: 2024`",
        en: "write the year the report covers, e.g. `year: 2024`",
    }
    year_not_decimal(written: &str) {
        zh: "年度 `{written}` 不是用十进制数字写的",
        en: "the year `{written}` is not written in decimal digits",
    }
    year_in_digits_help() {
        zh: "用数字写年度，例如 `year: 2024`",
        en: "write the year in digits, e.g. `year: 2024`",
    }
    not_a_year(found: &str) { zh: "年度 {found} 不是年份", en: "the year {found} is not a year" }
    year_too_early(year: u16, first: u16) {
        zh: "年度 {year} 早于《条例》施行的 {first} 年",
        en: "the year {year} is before {first}, when the 条例 took effect",
    }
    check_year_help() { zh: "核对报告所属的年度", en: "check the year the report covers" }
    year_in_future(year: u16) { zh: "年度 {year} 还没有到", en: "the year {year} is in the future" }
    year_in_future_help() {
        zh: "写报告所属的年度（报告在次年发布）",
        en: "write the year the report covers (reports are published the year after)",
    }
    format_help(expected: &str) {
        zh: "写报告所用的模板：`format: {expected}`（2019–2020 年报告用 gb2019，2021 年起用 gb2021）",
        en: "write the template the report follows: `format: {expected}` (gb2019 for 2019–2020 reports, gb2021 from 2021)",
    }
    unknown_format(found: &str) { zh: "未知的模板版本 {found}", en: "unknown format {found}" }
    unknown_format_help(expected: &str) {
        zh: "模板版本有 gb2019 和 gb2021；按报告的年度应是 `format: {expected}`",
        en: "the formats are gb2019 and gb2021; this report's year suggests `format: {expected}`",
    }
    must_be_text(key: &str, found: &str) {
        zh: "`{key}` 必须是文字，这里是 {found}",
        en: "`{key}` must be text, found {found}",
    }
    quote_help(key: &str) {
        zh: "给值加上引号，没有时写 `{key}: ~`",
        en: "quote the value, or write `{key}: ~` if there is none",
    }
    not_web_address(key: &str, url: &str) {
        zh: "`{key}` 不是网址：`{url}`",
        en: "`{key}` is not a web address: `{url}`",
    }
    web_address_help() {
        zh: "写以 https:// 或 http:// 开头的网址，没有时写 `~`",
        en: "write an address starting with https:// or http://, or `~` if there is none",
    }
    published_help() {
        zh: "写报告上印的日期 `published: YYYY-MM-DD`，没有印日期时写 `published: ~`",
        en: "write the date printed on or with the report as `published: YYYY-MM-DD`, or `published: ~` if it prints none",
    }
    not_a_date(text: &str) { zh: "`{text}` 不是日期", en: "`{text}` is not a date" }
    published_not_date(found: &str) {
        zh: "`published` 必须是日期，这里是 {found}",
        en: "`published` must be a date, found {found}",
    }
    row_not_list(row: &str, count: usize, found: &str) {
        zh: "行 `{row}` 必须是 {count} 个值的列表，这里是 {found}",
        en: "row `{row}` must be a list of {count} values, found {found}",
    }
    row_not_list_help(columns: &str) {
        zh: "写 `[…]`，每列（{columns}）一个值，空白单元格写 ~",
        en: "write `[…]` with one value for each column ({columns}), ~ for a blank cell",
    }
    row_length(row: &str, values: usize, format: &str, columns: usize) {
        zh: "行 `{row}` 有 {values} 个值，但 {format} 模板有 {columns} 列",
        en: "row `{row}` has {values} values, but the {format} template has {columns} columns",
    }
    row_length_help(columns: &str) {
        zh: "按顺序每列写一个值（{columns}），空白单元格写 ~",
        en: "write one value for each column, in order ({columns}), and ~ for a blank cell",
    }
    column_key_help() {
        zh: "列以其键命名，例如 `total`",
        en: "columns are named by their keys, e.g. `total`",
    }
    value_not_decimal(cell: &str, written: &str) {
        zh: "`{cell}` 的值 `{written}` 不是用十进制数字写的",
        en: "`{cell}` holds `{written}`, which is not written in decimal digits",
    }
    cell_holds(cell: &str, found: &str, kind: &str) {
        zh: "`{cell}` 的值是 {found}，但它只能是{kind}",
        en: "`{cell}` holds {found}, but it takes {kind}",
    }
    the_text(text: &str) { zh: "文字“{text}”", en: "the text \"{text}\"" }
    the_negative_number(number: &str) { zh: "负数 {number}", en: "the negative number {number}" }
    the_fraction(number: &str) { zh: "小数 {number}", en: "the fraction {number}" }
    too_large_or_fraction(cell: &str, number: &str) {
        zh: "`{cell}` 的值 {number} 太大或不是整数",
        en: "`{cell}` holds {number}, which is too large or not a whole number",
    }
    value_as_printed_help() {
        zh: "按印发的样子写这个值，空白单元格写 ~",
        en: "write the value as printed, or ~ for a blank cell",
    }
    number_as_printed_help() {
        zh: "按印发的样子写这个数，空白单元格写 ~",
        en: "write the number as printed, or ~ for a blank cell",
    }
    change_help() { zh: "把增减写成整数，例如 -18", en: "write the change as a whole number, e.g. -18" }
    amount_help() {
        zh: "按印发的样子写以万元为单位的金额，例如 24252.311082",
        en: "write the amount in 万元 as printed, e.g. 24252.311082",
    }
    negative_help() {
        zh: "核对已发布的表格；只有“本年增/减”单元格可以是负数",
        en: "check the published table; only 本年增/减 cells may be negative",
    }
    count_digits_help() { zh: "按印发的样子用数字写件数", en: "write the count as printed, in digits" }
    fraction_help() {
        zh: "只有“本年收费金额（万元）”可以有小数",
        en: "only 本年收费金额（万元） may have decimals",
    }
    blank_is_tilde_help() { zh: "空白单元格写 ~", en: "a blank cell is written ~" }
    without_units_help(digits: &str) {
        zh: "只写数字，不带单位：{digits}",
        en: "write the number alone, without units: {digits}",
    }
    misplaced_row(key: &str, table: &str) {
        zh: "`{key}` 是表 `{table}` 的一行：把它缩进写在 `{table}:` 之下",
        en: "`{key}` is a row of table `{table}`: indent it under `{table}:`",
    }
    // ---- YAML values, described ----
    value_nothing() { zh: "空值", en: "nothing" }
    value_list() { zh: "一个列表", en: "a list" }
    value_mapping() { zh: "一组键", en: "a set of keys" }
    value_tagged(tag: &str) { zh: "带标签 {tag} 的值", en: "a value tagged {tag}" }
    // ---- value kinds ----
    kind_count() { zh: "≥ 0 的整数", en: "a whole number ≥ 0" }
    kind_amount() { zh: "≥ 0 的小数（万元）", en: "a decimal number ≥ 0 (万元)" }
    kind_change() { zh: "整数，减少时为负数", en: "a whole number, negative for a decrease" }
    kind_text() {
        zh: "按印发样子带单位的文字（例如“251000元”）",
        en: "text, with its unit as printed (e.g. \"251000元\")",
    }

    // ---- the layout of content/ ----
    unexpected_file_in_content() { zh: "content/ 中有意外的文件", en: "unexpected file in content/" }
    unexpected_file_in_content_help(regions: &str) {
        zh: "content/ 中只放 {regions} 和每个机关一个文件夹（content/<机关id>/<年度>.md）；请移走或删除这个文件",
        en: "content/ holds {regions} and one folder per agency (content/<agency-id>/<year>.md); move or remove this file",
    }
    bad_agency_folder(id: &str, problem: &str) {
        zh: "机关文件夹 `{id}` {problem}",
        en: "agency folder `{id}` {problem}",
    }
    agency_id_help(rule: &str) {
        zh: "文件夹名就是机关在网址和文件名中的 id：{rule}，例如 `huaian-shi`",
        en: "the folder name is the agency's id in URLs and file names: {rule}, e.g. `huaian-shi`",
    }
    unexpected_folder_in_agency() { zh: "机关文件夹中有意外的文件夹", en: "unexpected folder in an agency folder" }
    unexpected_file_in_agency() { zh: "机关文件夹中有意外的文件", en: "unexpected file in an agency folder" }
    agency_folder_help(agency_file: &str, originals: &str) {
        zh: "机关文件夹中放 {agency_file}、每份报告一个 <年度>.md（例如 2024.md）和存放原文的 {originals}/ 文件夹；请改名、移走或删除这一项",
        en: "an agency folder holds {agency_file}, one <year>.md per report (e.g. 2024.md) and the {originals}/ folder of archived originals; rename, move or remove this",
    }
    no_agency_file(id: &str, agency_file: &str) {
        zh: "机关文件夹 `{id}` 没有 {agency_file}",
        en: "agency folder `{id}` has no {agency_file}",
    }
    no_agency_file_help(folder: &str, agency_file: &str) {
        zh: "在 {folder}/{agency_file} 中描述一次机关：`name:`、`kind:` 和 `region:`",
        en: "describe the agency once in {folder}/{agency_file}: `name:`, `kind:` and `region:`",
    }
    no_file_type(error: &str) { zh: "无法读取文件类型：{error}", en: "cannot read the file's type: {error}" }
    no_folder(folder: &str) { zh: "没有文件夹 {folder}/", en: "there is no folder {folder}/" }
    no_folder_help(folder: &str) {
        zh: "在 site.toml 旁边建立文件夹 `{folder}/`",
        en: "create the folder `{folder}/` next to site.toml",
    }
    not_a_folder(folder: &str) { zh: "{folder} 不是文件夹", en: "{folder} is not a folder" }
    not_a_folder_help(folder: &str) {
        zh: "{folder} 必须是文件夹：请改名或移走这个文件，再建立文件夹",
        en: "{folder} must be a folder: rename or move this file, then create the folder",
    }
    folder_permission(folder: &str) {
        zh: "无法读取文件夹 {folder}/：没有权限",
        en: "cannot read the folder {folder}/: permission denied",
    }
    folder_permission_help(folder: &str) {
        zh: "文件夹存在，但运行 archive 的用户不能列出它：请授权，例如 `chmod u+rx {folder}`",
        en: "the folder exists, but the user running archive may not list it: allow it, e.g. `chmod u+rx {folder}`",
    }
    unreadable_folder(folder: &str, error: &str) {
        zh: "无法读取文件夹 {folder}/：{error}",
        en: "cannot read the folder {folder}/: {error}",
    }
    unreadable_folder_help() { zh: "检查文件夹可以读取", en: "check that the folder can be read" }
    name_not_unicode() { zh: "文件名不是有效的 Unicode", en: "the file name is not valid Unicode" }
    name_not_unicode_help() {
        zh: "请给文件改名：content/ 下的名称是机关 id 和年度",
        en: "rename the file: names under content/ are agency ids and years",
    }
    symlink_not_followed() {
        zh: "不跟随 content/ 下的符号链接",
        en: "symbolic links are not followed under content/",
    }
    symlink_help() {
        zh: "用文件或文件夹本身替换这个链接",
        en: "replace the link with the file or folder itself",
    }
    year_and_file_name(year: u16, file_year: u16) {
        zh: "报告写的是 `year: {year}`，但文件名是 {file_year}.md",
        en: "the report says `year: {year}` but its file is named {file_year}.md",
    }
    year_and_file_name_help(year: u16) {
        zh: "把文件改名为 {year}.md，或改正年度",
        en: "rename the file to {year}.md, or correct the year",
    }
    two_sources(agency: &str, year: u16, others: &str, file: &str) {
        zh: "{agency} {year} 有两个源文件：{others} 和 {file}",
        en: "two sources for {agency} {year}: {others} and {file}",
    }
    two_sources_help(file: &str, year: u16, file_year: u16) {
        zh: "{file} 仍写着 `year: {year}`：把年度改为 {file_year}，或删除这个副本",
        en: "{file} still says `year: {year}`: correct its year to {file_year}, or remove the copy",
    }

    // ---- reading a file ----
    kind_source() { zh: "报告源文件", en: "a report source" }
    kind_agency_file() { zh: "机关文件", en: "an agency file" }
    kind_region_list() { zh: "地区表", en: "the region list" }
    kind_site_config() { zh: "site.toml 配置文件", en: "site.toml" }
    not_regular_file(kind: &str) { zh: "不是普通文件：{kind}", en: "not a regular file: {kind}" }
    not_regular_file_help(what: &str) {
        zh: "只有普通文件才能作为{what}读取：请删除这一项，换成文件本身",
        en: "only a regular file is read as {what}: remove this one and put the file itself in its place",
    }
    special_folder() { zh: "一个文件夹", en: "a folder" }
    special_fifo() { zh: "一个 FIFO（命名管道）", en: "a FIFO (named pipe)" }
    special_char_device() { zh: "一个字符设备", en: "a character device" }
    special_block_device() { zh: "一个块设备", en: "a block device" }
    special_socket() { zh: "一个套接字", en: "a socket" }
    special_file() { zh: "一个特殊文件", en: "a special file" }
    file_size(size: u64) { zh: "（{size} 字节）", en: " ({size} bytes)" }
    too_large_source_help() {
        zh: "检查是不是选对了文件：源文件以文字保存报告的表格和正文；附件应放在 `original_file` 网址",
        en: "check that this is the right file: a source holds a report's tables and narrative as text; its attachments belong at the `original_file` address",
    }
    too_large_help(what: &str) {
        zh: "检查是不是选对了文件：{what}是很短的文本文件",
        en: "check that this is the right file: {what} is a short text file",
    }
    too_large(limit: u64, what: &str, size: &str) {
        zh: "文件超过了{what}的上限 {limit} MiB{size}",
        en: "the file is larger than the {limit} MiB {what} may hold{size}",
    }
    no_site_config(error: &str) {
        zh: "无法读取网站配置：{error}",
        en: "cannot read the site configuration: {error}",
    }
    no_site_config_help() {
        zh: "在年报库的根文件夹（含 site.toml 的文件夹）中运行命令，或用 --root 指定，或用 `archive init DIR` 新建年报库",
        en: "run the command in the archive's root folder (the one holding site.toml), pass --root, or create a new archive with `archive init DIR`",
    }
    unreadable_site_config_help() {
        zh: "检查 site.toml 是运行 archive 的用户可以读取的文件",
        en: "check that site.toml is a file the user running archive may read",
    }
    cannot_read_file(error: &str) { zh: "无法读取文件：{error}", en: "cannot read the file: {error}" }
    cannot_read_file_help() {
        zh: "检查文件存在且可以读取",
        en: "check that the file exists and is readable",
    }
    utf16() { zh: "文件保存为 UTF-16，不是 UTF-8", en: "the file is saved as UTF-16, not UTF-8" }
    utf16_help(encoding: &str, file: &str) {
        zh: "另存为 UTF-8（编辑器的“另存为”，或 `iconv -f {encoding} -t UTF-8 {file} > {file}.utf8` 后替换）",
        en: "save it as UTF-8 (in the editor's \"Save as\", or `iconv -f {encoding} -t UTF-8 {file} > {file}.utf8` and replace it)",
    }
    binary_file() { zh: "文件是二进制文件，不是文字源文件", en: "the file is binary, not a text source" }
    binary_file_help() {
        zh: "报告源文件是 UTF-8 文字；要导入已发布的报告，请用它的文字或网页（archive import）",
        en: "report sources are UTF-8 text; to bring in a published report, use its text or web page",
    }
    save_as_utf8_help() { zh: "把文件另存为 UTF-8 文字", en: "save the file as UTF-8 text" }
    gb18030_help(file: &str) {
        zh: "文件看起来是 GB18030（GBK）编码：请转换为 UTF-8，例如 `iconv -f GB18030 -t UTF-8 {file} > {file}.utf8` 后替换",
        en: "the file looks like GB18030 (GBK): convert it to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {file} > {file}.utf8` and replace it",
    }
    not_utf8() { zh: "文件不是 UTF-8 文字", en: "the file is not UTF-8 text" }

    // ---- agency files and the region list ----
    agency_name_empty() { zh: "机关名称为空", en: "the agency's name is empty" }
    agency_name_help() {
        zh: "写机关的中文名称，例如 `name: 淮安市人民政府`",
        en: "write the agency's Chinese name, e.g. `name: 淮安市人民政府`",
    }
    website_not_address(website: &str) {
        zh: "`{website}` 不是网址",
        en: "`{website}` is not a web address",
    }
    website_help() {
        zh: "写以 https:// 或 http:// 开头的网址",
        en: "write an address starting with https:// or http://",
    }
    unknown_agency_kind() { zh: "未知的机关类型", en: "unknown agency kind" }
    kinds_are(kinds: &str) { zh: "机关类型有：{kinds}", en: "the kinds are: {kinds}" }
    agency_keys_are(keys: &str) { zh: "机关文件的字段有：{keys}", en: "an agency file has: {keys}" }
    agency_needs_help() {
        zh: "机关文件至少要有 `name:` 和 `kind:`",
        en: "an agency file needs at least `name:` and `kind:`",
    }
    add_region_help(regions: &str) {
        zh: "把它加到 content/{regions}，或使用其中列出的地区",
        en: "add it to content/{regions}, or use one of the regions listed there",
    }
    region_not_listed(region: &str, regions: &str) {
        zh: "地区 `{region}` 不在 content/{regions} 中",
        en: "region `{region}` is not in content/{regions}",
    }
    region_entry_help() {
        zh: "每个地区写作 `- id: ascii-id`，带 `name:`，可选 `children:`",
        en: "each region is `- id: ascii-id` with `name:` and optional `children:`",
    }
    bad_region_id(id: &str, problem: &str) {
        zh: "地区 id `{id}` {problem}",
        en: "region id `{id}` {problem}",
    }
    region_id_help(rule: &str) {
        zh: "id 用于网址和文件名：{rule}，例如 `huaian`",
        en: "ids are used in URLs and file names: {rule}, e.g. `huaian`",
    }
    region_name_place(id: &str) { zh: "地区 `{id}` 的名称", en: "the name of region `{id}`" }
    on_line(line: usize) { zh: "在第 {line} 行", en: " on line {line}" }
    region_twice(region: &str) { zh: "地区 `{region}` 列出了两次", en: "region `{region}` is listed twice" }
    region_twice_help(first_line: &str) {
        zh: "它第一次列出{first_line}：删除其中一个，或给同一上级下的每个地区各自的 id",
        en: "it is first listed{first_line}: remove one, or give each region of the same parent its own id",
    }
    // ---- characters ----
    control_character() { zh: "控制字符", en: "control character" }
    noncharacter() { zh: "非字符", en: "noncharacter" }
    forbidden_char(what: &str, code: &str, place: &str) {
        zh: "{place}中有{what} {code}",
        en: "{what} {code} in {place}",
    }
    forbidden_char_help() {
        zh: "删除它：它不是文字（通常是看不见地粘贴进来的，或写成了 `\\x1b`、`\\0` 这样的转义），会破坏 Atom 订阅和数据文件",
        en: "remove it: it is not text (usually pasted in unseen, or written as an escape such as `\\x1b` or `\\0`), and would break the Atom feed and the data files",
    }
    // ---- site.toml ----
    base_url_not_absolute(url: &str) {
        zh: "base_url `{url}` 不是完整网址",
        en: "base_url `{url}` is not an absolute URL",
    }
    base_url_help() {
        zh: "写网站将要发布的地址，例如 \"https://example.gov.cn/nianbao/\"",
        en: "write the address the site will be published at, e.g. \"https://example.gov.cn/nianbao/\"",
    }
    output_dir_empty() { zh: "output_dir 为空", en: "output_dir is empty" }
    output_dir_help() {
        zh: "为生成的网站指定一个文件夹，例如 \"public\"",
        en: "name a folder for the built site, e.g. \"public\"",
    }

    // ---- a report's archived originals ----
    original_help() {
        zh: "`archive import` 在保存已发布的文件时写这个列表；请从该文件的导入中恢复，或删除这一项后重新导入原文",
        en: "`archive import` writes this list when it keeps a published file; restore it from the file's import, or remove the entry and import the original again",
    }
    originals_not_list(found: &str) {
        zh: "`originals` 必须是列表，这里是 {found}",
        en: "`originals` must be a list, found {found}",
    }
    original_numbered(number: usize, message: &str) {
        zh: "第 {number} 个原文：{message}",
        en: "original {number}: {message}",
    }
    original_not_fields(found: &str) {
        zh: "应为 `file:`、`sha256:` 等字段，这里是 {found}",
        en: "expected `file:`, `sha256:` … found {found}",
    }
    original_unknown_field(found: &str, fields: &str) {
        zh: "未知字段 {found}；字段有：{fields}",
        en: "unknown field {found}; the fields are: {fields}",
    }
    original_file_outside(folder: &str, file: &str) {
        zh: "`file` 必须是机关的 {folder}/ 文件夹中的文件（`{folder}/<sha256>.pdf`），这里是 `{file}`",
        en: "`file` must name a file in the agency's {folder}/ folder (`{folder}/<sha256>.pdf`), found `{file}`",
    }
    bad_sha256(hash: &str) {
        zh: "`sha256` 必须是 64 位小写十六进制数字，这里是 `{hash}`",
        en: "`sha256` must be 64 lower-case hex digits, found `{hash}`",
    }
    bad_retrieved(time: &str) {
        zh: "`retrieved` 必须是时间，例如 2025-01-22T08:00:00Z，这里是 `{time}`",
        en: "`retrieved` must be a time such as 2025-01-22T08:00:00Z, found `{time}`",
    }
    bad_size(found: &str) {
        zh: "`size` 必须是字节数，这里是 {found}",
        en: "`size` must be a number of bytes, found {found}",
    }
    bad_original_url(found: &str) {
        zh: "`url` 必须是网址（https:// 或 http://）或 ~，这里是 {found}",
        en: "`url` must be a web address (https:// or http://) or ~, found {found}",
    }
    differences_not_list(found: &str) {
        zh: "`differences` 必须是列表，这里是 {found}",
        en: "`differences` must be a list, found {found}",
    }
    bad_section_number(found: &str) {
        zh: "不同之处的 `section` 编号为 1 至 6，这里是 {found}",
        en: "a differing `section` is numbered 1 to 6, found {found}",
    }
    bad_difference(found: &str) {
        zh: "不同之处写作 `{{cell: KEY, source: V, original: V}}` 或 `{{section: N}}`，这里是 {found}",
        en: "a difference is `{{cell: KEY, source: V, original: V}}` or `{{section: N}}`, found {found}",
    }
    not_a_cell(key: &str) {
        zh: "`{key}` 不是任何模板版本的单元格",
        en: "`{key}` is not a cell of either template version",
    }
    archived_original(file: &str, detail: &str) {
        zh: "存档的原文 {file} {detail}",
        en: "the archived original {file} {detail}",
    }
    archived_original_help() {
        zh: "从备份或机关网址恢复这个文件，或重新导入原文",
        en: "restore the file from a backup or the agency's address, or import the original again",
    }
    cannot_be_read(error: &str) { zh: "无法读取：{error}", en: "cannot be read: {error}" }
    not_regular() { zh: "不是普通文件", en: "is not a regular file" }
    original_altered(file: &str, sha256: &str, size: u64, recorded: &str, recorded_size: u64) {
        zh: "存档的原文 {file} 被改动过：其 SHA-256 为 {sha256}（{size} 字节），源文件记录的是 {recorded}（{recorded_size} 字节）",
        en: "the archived original {file} was altered: its SHA-256 is {sha256} ({size} bytes), the source records {recorded} ({recorded_size} bytes)",
    }
    original_altered_help() {
        zh: "存档副本按发布时的样子保存：请从备份恢复，或重新导入机关的文件",
        en: "an archived copy is kept as it was published: restore it from a backup, or import the agency's file again",
    }

    // ---- ids ----
    id_rule() {
        zh: "小写 ASCII 字母、数字和连字符，不以连字符开头，最多 64 字节",
        en: "lower-case ASCII letters, digits and hyphens, not starting with a hyphen, at most 64 bytes",
    }
    id_too_long() { zh: "超过 64 字节", en: "is longer than 64 bytes" }
    id_not_ascii() { zh: "不是小写 ASCII id", en: "is not a lower-case ASCII id" }

    // ---- the Chinese keyboard ----
    full_width_colon(key: &str) {
        zh: "`{key}` 后的全角冒号 `：` 已按 `:` 读取",
        en: "the full-width colon `：` after `{key}` was read as `:`",
    }
    full_width_colon_help(key: &str) {
        zh: "冒号请用半角输入：`{key}: …`，这样源文件在哪里读都一样",
        en: "type the colon half-width (半角): `{key}: …`, so that the source reads the same everywhere",
    }
    no_space_after_colon(key: &str) {
        zh: "`{key}:` 的冒号后没有空格；已按 `{key}: …` 读取",
        en: "`{key}:` has no space after its colon; it was read as `{key}: …`",
    }
    no_space_after_colon_help(key: &str) {
        zh: "在冒号后输入一个空格：`{key}: …`",
        en: "type a space after the colon: `{key}: …`",
    }
    full_width_punctuation(c: char, row: &str, ascii: char) {
        zh: "行 `{row}` 中的全角 `{c}` 已按 `{ascii}` 读取",
        en: "the full-width `{c}` in row `{row}` was read as `{ascii}`",
    }
    full_width_punctuation_help() {
        zh: "行的括号、逗号和空格请用半角输入：`[0, 0, 0]`",
        en: "type the row's brackets, commas and spaces half-width (半角): `[0, 0, 0]`",
    }
    full_width_number(first: &str, row: &str, ascii: &str) {
        zh: "行 `{row}` 中的全角数字 `{first}` 已按 `{ascii}` 读取",
        en: "the full-width number `{first}` in row `{row}` was read as `{ascii}`",
    }
    full_width_numbers(first: &str, row: &str, ascii: &str, more: usize) {
        zh: "行 `{row}` 中的全角数字 `{first}` 已按 `{ascii}` 读取（另有 {more} 个）",
        en: "the full-width number `{first}` in row `{row}` was read as `{ascii}` (and {more} more)",
    }
    full_width_number_help() {
        zh: "数字请用半角输入，例如 `2663`",
        en: "type numbers half-width (半角), e.g. `2663`",
    }

    // ---- YAML mistakes placed at their line ----
    unclosed_list(key: &str, opener: char, close: &str) {
        zh: "`{key}` 的列表没有闭合：`{opener}` 在这一行没有对应的 `{close}`",
        en: "the list of `{key}` is not closed: `{opener}` has no `{close}` on this line",
    }
    unclosed_columns(key: &str, opener: char, close: &str) {
        zh: "`{key}` 的列集合没有闭合：`{opener}` 在这一行没有对应的 `{close}`",
        en: "the set of columns of `{key}` is not closed: `{opener}` has no `{close}` on this line",
    }
    unclosed_quote(key: &str, opener: char, close: &str) {
        zh: "`{key}` 的引号文字没有闭合：`{opener}` 在这一行没有对应的 `{close}`",
        en: "the quoted text of `{key}` is not closed: `{opener}` has no `{close}` on this line",
    }
    unclosed_help(key: &str, opener: char, close: &str, example: &str) {
        zh: "在这一行用半角 `{close}` 结束它，例如 `{key}: {opener}{example}{close}`",
        en: "end it on this line with a half-width (半角) `{close}`, e.g. `{key}: {opener}{example}{close}`",
    }
    key_without_colon(word: &str) {
        zh: "`{word}` 后面没有冒号：这一行不是 `键: 值` 的形式",
        en: "`{word}` is not followed by a colon: the line is not a `key: value` line",
    }
    key_without_colon_help(word: &str) {
        zh: "在键后写一个半角冒号和一个空格：`{word}: …`",
        en: "write a half-width (半角) colon and a space after the key: `{word}: …`",
    }

    // ---- rows written by their Chinese label ----
    row_written_twice(row: &str, first: &str, key: &str) {
        zh: "行 `{row}` 写了两次：`{first}` 和 `{key}`",
        en: "row `{row}` is written twice, as `{first}` and as `{key}`",
    }
    row_written_twice_help(first_line: usize) {
        zh: "两者保留其一（第一个在第 {first_line} 行）",
        en: "keep one of the two (the first is on line {first_line})",
    }
    label_read_as_row(key: &str, row: &str) {
        zh: "`{key}` 是行 `{row}` 的标签：已按该行读取",
        en: "`{key}` is the label of row `{row}`: read as that row",
    }
    label_close_read_as_row(key: &str, row: &str, label: &str) {
        zh: "`{key}` 接近行 `{row}` 的标签（{label}）：已按该行读取",
        en: "`{key}` is close to the label of row `{row}` ({label}): read as that row",
    }
    label_differs_read_as_row(key: &str, row: &str, label: &str) {
        zh: "`{key}` 是行 `{row}` 的标签（{label}）：已按该行读取",
        en: "`{key}` is the label of row `{row}` ({label}): read as that row",
    }
    write_row_key_help(row: &str) {
        zh: "请写行的键，这样源文件在哪里读都一样：`{row}:`",
        en: "write the row's key, so that the source reads the same everywhere: `{row}:`",
    }
    unknown_label_nearest_help(label: &str, row: &str) {
        zh: "最接近的行是 {label} —— 请写它的键 `{row}:`；docs/sources.md 列出了每行的键及其标签",
        en: "the nearest row is {label} — write its key `{row}:`; docs/sources.md lists every row's key beside its label",
    }
    unknown_label_help() {
        zh: "请写行的键；docs/sources.md 列出了每行的键及其标签",
        en: "write the row's key; docs/sources.md lists every row's key beside its label",
    }
    top_level_label_help(key: &str, row: &str, table: &str) {
        zh: "`{key}` 是表 `{table}` 中行 `{row}` 的标签：请缩进到 `{table}:` 之下，写作 `{row}:`",
        en: "`{key}` is the label of row `{row}` of table `{table}`: indent it under `{table}:` as `{row}:`",
    }

    // ---- site.toml ----
    not_month_day(text: &str) {
        zh: "`{text}` 不是月日：请写成 MM-DD，例如 \"03-31\"",
        en: "`{text}` is not a month and day: write it as MM-DD, e.g. \"03-31\"",
    }
    dataset_license_not_url(license: &str) {
        zh: "[dataset] 的 license `{license}` 不是网址",
        en: "[dataset] license `{license}` is not a web address",
    }
    dataset_license_help() {
        zh: "请写许可协议的网址，例如 \"https://creativecommons.org/licenses/by/4.0/\"",
        en: "write the licence's URL, e.g. \"https://creativecommons.org/licenses/by/4.0/\"",
    }
    dataset_contact_invalid(contact: &str) {
        zh: "[dataset] 的 contact `{contact}` 既不是电子邮件地址也不是网址",
        en: "[dataset] contact `{contact}` is neither an e-mail address nor a web address",
    }
    dataset_contact_help() {
        zh: "请写电子邮件地址（\"data@example.gov.cn\"）或联系页面的网址（\"https://example.gov.cn/contact/\"）",
        en: "write an e-mail address (\"data@example.gov.cn\") or a page's URL (\"https://example.gov.cn/contact/\")",
    }
    dataset_publisher_empty() {
        zh: "[dataset] 的 publisher 为空",
        en: "[dataset] publisher is empty",
    }
    dataset_publisher_help() {
        zh: "写出发布数据的机构名称，或删去这个键以使用网站标题",
        en: "name the body that publishes the data, or leave the key out to use the site's title",
    }

    a_number_too_large() { zh: "数字太大", en: "the number is too large" }
    cannot_write_cache(error: &str) {
        zh: "无法写入读取缓存：{error}",
        en: "cannot write the load cache: {error}",
    }
    damaged_cache(why: &str) {
        zh: "读取缓存已损坏（{why}），其中的来源文件重新读取",
        en: "the load cache is damaged ({why}); its sources are read again",
    }
    cache_help() {
        zh: "缓存只用于加快下次读取，不影响输出；可以删除 .archive-cache/ 文件夹，下次会重新生成",
        en: "the cache only speeds up the next read and never changes the output; .archive-cache/ can be deleted and is made again",
    }
    timing(stage: &str, millis: &str) {
        zh: "耗时 {stage}：{millis} 毫秒",
        en: "time {stage}: {millis} ms",
    }
}
