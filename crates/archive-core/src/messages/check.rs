//! The checks' messages: findings (R1–R9), the notes on checks blank cells made impossible, and
//! the checks' summary.

use super::catalogue;

catalogue! {
    /// A sum that does not add up: `row received (…): total 0, but natural_person 1 + … = 1`.
    sums_differ(what: &str, left: &str, right: &str) {
        zh: "{what}：{left}，但 {right}",
        en: "{what}: {left}, but {right}",
    }
    /// The column a sum was checked down.
    column_named(name: &str) { zh: "列 {name}", en: "column {name}" }
    /// The row a sum was checked across.
    row_named(name: &str) { zh: "行 {name}", en: "row {name}" }
    /// A row or column named by the key a person types and its printed label.
    key_and_label(key: &str, label: &str) { zh: "{key}（{label}）", en: "{key} ({label})" }
    /// A term of the report of another year than the one checked.
    term_of_year(year: u16, name: &str) { zh: "{year}年的 {name}", en: "{year}'s {name}" }
    /// After the terms that are not 0 of a long sum.
    others_are_zero(count: usize) {
        zh: "（其余 {count} 项为 0）",
        en: " (the other {count} are 0)",
    }
    /// A long sum whose every term is 0.
    all_parts_zero(count: usize) {
        zh: "{count} 个分项均为 0",
        en: "its {count} parts are all 0",
    }
    /// R7.
    published_late(published: &str, deadline: &str, kind: &str) {
        zh: "发布于 {published}，晚于{kind}的发布期限 {deadline}",
        en: "published {published}, after the deadline of {deadline} for {kind}",
    }
    /// R7's kinds of agency, as the English message names them.
    kind_people_government() { zh: "人民政府", en: "a people's government" }
    kind_department() { zh: "政府部门", en: "a government department" }
    kind_development_zone() { zh: "开发区（管委会）", en: "a development zone" }
    kind_township() { zh: "乡镇（街道）", en: "a township or street office" }
    kind_other() { zh: "该类机关", en: "its kind of agency" }
    /// R8: one section without its heading.
    section_missing(sections: &str) {
        zh: "第{sections}部分没有标题",
        en: "section {sections} has no heading",
    }
    /// R8: sections without their headings.
    sections_missing(sections: &str) {
        zh: "第{sections}部分没有标题",
        en: "sections {sections} have no heading",
    }
    /// R8: headings out of order.
    sections_out_of_order(sections: &str) {
        zh: "各部分标题的顺序是 {sections}",
        en: "the section headings stand in the order {sections}",
    }
    /// Between two of R8's problems.
    and_also() { zh: "；并且", en: ", and " }
    /// R8's message around its problems.
    sections_problems(problems: &str) {
        zh: "{problems}；报告应依次包含一至六部分，每部分有其标题",
        en: "{problems}; a report has the six sections 一 … 六 in order, each under its heading",
    }
    /// R8: no fee statement.
    no_fee_statement(fee: &str) {
        zh: "第六部分未提及{fee}；自 gb2021 格式起，应说明收取的费用或未收取",
        en: "section 六 does not mention the {fee}; from the gb2021 format on it states the fees collected, or that none were",
    }
    /// R9: a row with one column of the other version.
    other_version_column(declared: &str, key: &str, other: &str, columns: &str) {
        zh: "申报为 {declared}，但行 {key} 有 {other} 的列 {columns}",
        en: "declared {declared}, but row {key} has {other}'s column {columns}",
    }
    /// R9: a row with columns of the other version.
    other_version_columns(declared: &str, key: &str, other: &str, columns: &str) {
        zh: "申报为 {declared}，但行 {key} 有 {other} 的列 {columns}",
        en: "declared {declared}, but row {key} has {other}'s columns {columns}",
    }
    /// R9: a row of the other version.
    other_version_row(declared: &str, other: &str, key: &str, label: &str, instead: &str) {
        zh: "申报为 {declared}，但报告印有 {other} 的行 {key}（{label}）{instead}",
        en: "declared {declared}, but the report prints {other}'s row {key} ({label}){instead}",
    }
    /// R9: the declared version's rows the other version's row stands in for.
    in_place_of(rows: &str) { zh: "，代替 {rows}", en: " in place of {rows}" }
    /// The help of a finding that `build --strict` turns into an error.
    strict_help() {
        zh: "报告按印发的原样发布；--strict 使构建在任何核验发现上失败",
        en: "the report is published as printed; --strict fails the build on every finding",
    }
    /// A finding's line in `archive check`: `file:line: error[R2] …`.
    finding_line(place: &str, severity: &str, rule: &str, message: &str) {
        zh: "{place}：{severity}[{rule}] {message}",
        en: "{place}: {severity}[{rule}] {message}",
    }
    /// A note's line in `archive check`.
    note_line(place: &str, rule: &str, note: &str) {
        zh: "{place}：说明[{rule}] {note}",
        en: "{place}: note[{rule}] {note}",
    }
    /// R7 without the agency's kind.
    kind_unknown() {
        zh: "无法核验：机关类型未知（在其 _agency.yaml 中设置 `kind:`）",
        en: "not checkable: the agency's kind is unknown (set `kind:` in its _agency.yaml)",
    }
    /// R7 without a date.
    no_publication_date() {
        zh: "无法核验：报告未印发布日期",
        en: "not checkable: the report prints no publication date",
    }
    /// Checks blank cells made impossible.
    not_checkable_for(count: usize, total: usize, noun: &str, cell: &str, more: &str) {
        zh: "{total} {noun}中有 {count} {noun}无法核验：{cell} 为空{more}",
        en: "not checkable for {count} of {total} {noun}: blank {cell}{more}",
    }
    /// One more blank cell.
    one_more_cell() { zh: "（另有 1 个空单元格）", en: " and 1 more cell" }
    /// More blank cells.
    more_cells(count: usize) {
        zh: "（另有 {count} 个空单元格）",
        en: " and {count} more cells",
    }
    /// What one check of R1, R3, R5 covers.
    columns_noun(s: &str) { zh: "列", en: "column{s}" }
    /// … of R2, R6.
    rows_noun(s: &str) { zh: "行", en: "row{s}" }
    /// … of R4.
    groups_noun(s: &str) { zh: "组", en: "group{s}" }
    /// … of R7–R9.
    checks_noun(s: &str) { zh: "项检查", en: "check{s}" }
    /// The checks' cache of the last build could not be read back.
    damaged_checks_cache(why: &str) {
        zh: "上次构建保存的核验结果已损坏（{why}），全部报告重新核验",
        en: "the checks kept by the last build are damaged ({why}); every report is checked again",
    }
    /// The checks' cache could not be written.
    cannot_write_checks_cache(error: &str) {
        zh: "无法保存核验结果供下次构建使用：{error}",
        en: "cannot keep the checks for the next build: {error}",
    }
    /// The checks' summary with findings.
    summary_findings(findings: usize, s: &str, by_rule: &str, with: usize, reports: usize, rs: &str, not_checkable: usize, cs: &str) {
        zh: "核验：{reports} 份报告中有 {with} 份共 {findings} 项发现（{by_rule}）；{not_checkable} 项检查无法进行",
        en: "checks: {findings} finding{s} ({by_rule}) in {with} of {reports} report{rs}; {not_checkable} check{cs} not checkable",
    }
    /// The checks' summary without findings.
    summary_no_findings(reports: usize, rs: &str, not_checkable: usize, cs: &str) {
        zh: "核验：{reports} 份报告中没有发现；{not_checkable} 项检查无法进行",
        en: "checks: 0 findings in {reports} report{rs}; {not_checkable} check{cs} not checkable",
    }
}

/// English's plural ending for `count` (Chinese needs none): the `{s}` of the messages above.
pub fn s(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
