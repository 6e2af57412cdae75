//! The comparisons as pages show them: the agency page's tables over the years, its rates and
//! charts; the report page's last-year values; the year page's table of key figures; the coverage
//! grid; the 数据下载 page. Every number and sentence is made here from the [`Comparison`], in the
//! site's language; templates only print.

use std::collections::BTreeMap;

use serde::Serialize;

use super::chart::{self, ChartKind, ChartSeries, ChartSpec, ChartValue};
use super::i18n::Words;
use super::table::{DrawnTable, definitions};
use crate::html::escape;
use archive_core::check::Checks;
use archive_core::compare::rates::{self, RATES, RateDef, RateOutcome};
use archive_core::compare::{
    AgencySeries, Change, Comparison, Coverage, FigureValue, KEY_FIGURES, Measure, Point, Total,
    YearColumn, comparable, coverage, year_table,
};
use archive_core::export::{DataKind, LONG_COLUMNS, WIDE_COLUMNS};
use archive_core::format::Language;
use archive_core::format::{CellId, FormatId, RowDef, TableKey, catalog, without_note};
use archive_core::index::Index;
use archive_core::model::Archive;

/// (key, zh, en): the words of the comparison pages, merged into the theme's `t`.
pub(super) const WORDS: &[(&str, &str, &str)] = &[
    ("comparison", "历年比较", "Over the years"),
    ("figure", "项目", "Figure"),
    (
        "comparison_intro",
        "每个数值下方为与上一年度相比的增减（绝对数和百分比）。空白单元格保持空白；档案中没有报告的年度留空，不视为 0，也不跨过它计算增减。",
        "Under each value, its change from the year before (absolute and per cent). Blank cells stay blank; a year without a report in the archive is a gap, not 0, and no change is computed across it.",
    ),
    ("no_report_short", "无报告", "no report"),
    ("not_in_format", "本版无此项", "not in this version"),
    ("blank_short", "空白", "blank"),
    (
        "format_break",
        "格式变更，不可比",
        "format changed: not comparable",
    ),
    ("format_gb2019", "2019年版格式", "2019 format"),
    ("format_gb2021", "2021年版格式", "2021 format"),
    (
        "break_note",
        "{year}年起报告使用{format}（{document}）。两版含义相同、可以跨年比较的有：表二中的{shared}，表三、表四中除{unshared}以外的各行。其余项目只在同一版本内比较，跨版本处标为“格式变更，不可比”。",
        "From {year} the reports use the {format} ({document}). Figures that mean the same in both versions compare across the change: in table 2, {shared}; in tables 3 and 4, every row but {unshared}. The others compare only within a version and are marked “format changed: not comparable” where the version changes.",
    ),
    ("change_against", "较上年", "change from the year before:"),
    (
        "applicant_split",
        "按申请人类型查看表三各行",
        "Table 3 by type of applicant",
    ),
    ("totals_column", "（总计列）", "(total column)"),
    ("rates", "比率指标", "Rates"),
    (
        "rates_intro",
        "比率由报告中的数值计算，数值下方的小字为分子/分母；所需数值空白或分母为 0 时不计算。增减以百分点计。",
        "Rates are computed from the report's values (numerator / denominator below each); none is given when an input is blank or the denominator is 0. Changes are in percentage points.",
    ),
    (
        "rate_definitions_link",
        "各比率的定义",
        "How each rate is defined",
    ),
    ("rate_zero", "分母为 0", "denominator 0"),
    ("rate_blank", "数值空白", "inputs blank"),
    ("points", "{value} 个百分点", "{value} points"),
    ("charts", "图表", "Charts"),
    (
        "chart_received",
        "新收政府信息公开申请数量",
        "Applications received",
    ),
    ("chart_disclosure", "公开率", "Disclosure rate"),
    (
        "chart_appeals",
        "行政复议和行政诉讼（总计）",
        "Reviews and lawsuits (totals)",
    ),
    ("series_reviews", "行政复议", "Reviews"),
    ("series_lawsuits", "行政诉讼", "Lawsuits"),
    ("year_word", "{year}年", "{year}"),
    ("chart_name_separator", "：", ": "),
    ("chart_year_separator", "；", "; "),
    ("chart_series_separator", "。", ". "),
    ("last_year_short", "上年", "last year"),
    (
        "report_comparison",
        "与上一年度比较",
        "Compared with the year before",
    ),
    (
        "report_comparison_note",
        "表中各数值下方的小字为 {year} 年度报告的同项数值及增减。",
        "Under each value in the tables: the same figure in the {year} report, and the change.",
    ),
    (
        "report_no_previous",
        "本档案未收录 {year} 年度报告，表中数值不作比较。",
        "The archive has no {year} report: the values are not compared.",
    ),
    (
        "report_break_note",
        "{year} 年度报告使用{format}；两版含义不同的项目不作比较，只有两版共有的项目标出上年数值。",
        "The {year} report uses the {format}: only the figures both versions share show last year's value.",
    ),
    ("rate", "比率", "Rate"),
    ("value", "数值", "Value"),
    ("inputs", "分子/分母", "Numerator / denominator"),
    ("key_figures", "主要数据", "Key figures"),
    (
        "key_figures_intro",
        "每个机关一行，按地区小计，最后为合计。点击列标题可按该列排序（需要 JavaScript），不排序时按地区分组。空白不计入小计和合计，另行注明；公开率的小计与合计按分子之和除以分母之和计算。",
        "One agency a line, with subtotals by region and a total. Click a column's header to sort by it (needs JavaScript); unsorted, the table is grouped by region. Blanks are left out of subtotals and totals, and counted beside them; the disclosure rate of a subtotal is the sum of numerators over the sum of denominators.",
    ),
    ("subtotal", "小计", "Subtotal"),
    (
        "blank_excluded",
        "另有 {count} 个空白",
        "{count} blank not counted",
    ),
    ("group_by_region", "恢复按地区分组", "Group by region again"),
    ("sorted_by", "已按“{column}”排序", "Sorted by “{column}”"),
    ("coverage", "报告覆盖", "Coverage"),
    (
        "coverage_intro",
        "每个机关在档案所涵盖各年度的报告：已收录的报告按发布日期是否在期限内（规则 R7）标出；未收录表示本档案没有该年度的报告，不一定是机关未发布。",
        "Each agency's report for every year the archive covers: reports in the archive are marked by whether they were published by the deadline (rule R7); “not in the archive” means the archive lacks that year's report, not necessarily that the agency did not publish one.",
    ),
    (
        "coverage_summary",
        "{agencies} 个机关 × {years} 个年度：已收录 {present} 份报告，其中逾期发布 {late} 份、未印发布日期 {undated} 份；未收录 {missing} 份。",
        "{agencies} agencies × {years} years: {present} reports in the archive, {late} of them late and {undated} undated; {missing} not in the archive.",
    ),
    ("cov_on_time", "按期", "on time"),
    ("cov_late", "逾期", "late"),
    ("cov_undated", "未印日期", "undated"),
    ("cov_missing", "未收录", "not in the archive"),
    ("legend", "图例", "Legend"),
    ("downloads", "数据下载", "Data downloads"),
    (
        "data_intro",
        "档案中每份报告的全部数值都可以下载：每份报告一个 JSON 文件，另有按年度和全档案的 CSV 文件。数值与各报告原文一致；空白单元格在 JSON 中为 null，在 CSV 中为空，从不写作 0。",
        "Every value of every report in the archive can be downloaded: one JSON file per report, and CSV files per year and for the whole archive. Values are as printed in the reports; a blank cell is null in JSON and an empty field in CSV, never 0.",
    ),
    (
        "archive_files",
        "全档案与各年度文件",
        "Archive and year files",
    ),
    ("file", "文件", "File"),
    ("size", "大小", "Size"),
    ("description", "内容", "Contents"),
    (
        "bytes",
        "{kb} KB（{bytes} 字节）",
        "{kb} KB ({bytes} bytes)",
    ),
    (
        "file_schema",
        "JSON Schema：每份报告数据文件（data.json）的结构，由模板定义生成",
        "JSON Schema of the reports' data files (data.json), generated from the template definitions",
    ),
    (
        "file_long_archive",
        "全部报告的全部数值，长格式（每行一个数值）",
        "Every value of every report, long form (one value a line)",
    ),
    (
        "file_long_year",
        "{year} 年度报告的全部数值，长格式",
        "Every value of the {year} reports, long form",
    ),
    (
        "file_wide_year",
        "{year} 年度报告，宽格式（每个机关一行，每个单元格一列）",
        "The {year} reports, wide form (one agency a line, one cell a column)",
    ),
    (
        "report_files",
        "各报告的数据文件（JSON）",
        "Each report's data (JSON)",
    ),
    (
        "report_files_text",
        "每份报告的页面都链接它自己的数据文件，地址是报告页地址加 data.json，例如 {example}。文件的字段见上面的数据规范（JSON Schema）。",
        "Every report's page links its own data file, at the page's address followed by data.json, for example {example}. The fields are those of the schema above (JSON Schema).",
    ),
    ("csv_format", "CSV 文件的格式", "The CSV files"),
    (
        "csv_format_text",
        "UTF-8 编码，带字节顺序标记（BOM），以便 Excel 正确显示中文；逗号分隔，行尾为 CRLF。长格式每行一个数值，各列为：",
        "UTF-8 with a byte-order mark, so that Excel shows the Chinese text correctly; comma-separated, lines ending in CRLF. The long form has one value a line, in the columns:",
    ),
    (
        "csv_wide_text",
        "宽格式每个机关一行，前几列为 {columns}，其后每列一个单元格，列名为完整键（table.row.column）；只列出该年度至少一份报告有的单元格。",
        "The wide form has one agency a line: first {columns}, then one column per cell, named by its full key (table.row.column); only cells that at least one report of the year has are listed.",
    ),
    (
        "values_relation",
        "数值与报告原文的关系",
        "How the values relate to the reports",
    ),
    (
        "values_relation_text",
        "每个数值都按报告原文录入，不作更正：报告自身加总不符的，在该报告页的“数据核验”中标出，数值照旧。空白单元格（报告留空或填写“/”“—”“无”）保持空白；报告没有的行不出现在 JSON 和长格式 CSV 中，在宽格式 CSV 中为空。键名（table.row.column）见数据规范；金额单位为万元，“政府集中采购·采购总金额”为原文文字。比率和上年增减只出现在 JSON 中，由上述数值计算，不是报告原文。",
        "Every value is as the report printed it, never corrected: where a report's own sums do not add up, its page's Checks box says so and the values stay. Blank cells (left empty, or written /, —, 无) stay blank; rows a report lacks are absent from the JSON and the long CSV, and empty in the wide CSV. Keys (table.row.column) follow the data specification; amounts are in 10,000 yuan, and the procurement amount is the report's text. Rates and changes appear only in the JSON, computed from these values: they are not the reports' own.",
    ),
    (
        "rate_definitions",
        "比率指标的定义",
        "How the rates are defined",
    ),
    ("numerator", "分子", "Numerator"),
    ("denominator", "分母", "Denominator"),
    (
        "rate_rule",
        "所需数值有一项空白，或分母为 0 时，不计算比率。比率在两种格式版本之间可以比较（所用数值两版相同）。",
        "No rate is given when an input is blank or the denominator is 0. The rates compare across the two template versions (their inputs are the same in both).",
    ),
];

/// Builds the comparison views in one language.
pub(super) struct CompareViews<'a> {
    archive: &'a Archive,
    index: &'a Index,
    comparison: Comparison<'a>,
    words: Words,
    base_path: String,
}

/// A year's head in an agency's tables.
#[derive(Debug, Serialize)]
pub(super) struct YearHead {
    year: u16,
    url: Option<String>,
    format: Option<&'static str>,
    /// The template version changes at this year.
    break_before: bool,
}

/// One cell of a comparison table.
#[derive(Debug, Serialize, PartialEq)]
pub(super) struct CompareCell {
    /// `value`, `blank`, `gap` (no report) or `absent` (not in the version): a class name.
    state: &'static str,
    text: String,
    /// A second line: a rate's inputs.
    detail: Option<String>,
    /// What a mark (—) stands for, for screen readers.
    hidden: Option<&'static str>,
    change: Option<ChangeView>,
    /// The template version changes at this year (a class on the cell).
    break_before: bool,
}

/// A change, ready to print.
#[derive(Debug, Serialize, PartialEq)]
pub(super) struct ChangeView {
    /// `up`, `down`, `same` or `break`: a class name.
    class: &'static str,
    text: String,
    percent: Option<String>,
}

/// One figure's line.
#[derive(Debug, Serialize)]
pub(super) struct CompareRow {
    /// The enclosing row's label, on the first line of its group.
    group: Option<String>,
    /// How many lines the group spans.
    group_span: usize,
    label: String,
    /// The full key, or the rate's key.
    key: String,
    /// A link to the figure's definition (rates).
    url: Option<String>,
    cells: Vec<CompareCell>,
}

/// A table of figures over the years.
#[derive(Debug, Serialize)]
pub(super) struct CompareTable {
    id: String,
    caption: String,
    /// Whether rows have group headers (a column for them).
    grouped: bool,
    rows: Vec<CompareRow>,
}

/// A comparison table as a theme receives it: its markup is made here, like the report tables'
/// (an agency page has some 2,000 cells).
#[derive(Debug, Serialize)]
pub(super) struct CompareTableView {
    id: String,
    caption: String,
    /// `<table>` … `</table>` and a line break.
    html: String,
}

/// The agency page's comparisons.
#[derive(Debug, Serialize)]
pub(super) struct AgencyComparisonView {
    years: Vec<YearHead>,
    break_notes: Vec<String>,
    tables: Vec<CompareTableView>,
    applicants: CompareTableView,
    rates: CompareTableView,
    rates_url: String,
    charts: Vec<chart::Chart>,
}

/// A rate of one report, with last year's (report page).
#[derive(Debug, Serialize)]
pub(super) struct ReportRate {
    key: &'static str,
    name: &'static str,
    url: String,
    value: CompareCell,
    previous: Option<CompareCell>,
}

/// The report page's comparison note and rates.
#[derive(Debug, Serialize)]
pub(super) struct ReportComparisonView {
    note: String,
    previous_year: Option<u16>,
    rates: Vec<ReportRate>,
    rates_url: String,
}

/// A column of the year table.
#[derive(Debug, Serialize)]
pub(super) struct ColumnHead {
    key: &'static str,
    name: &'static str,
    url: Option<String>,
}

/// A value of the year table, with the value it sorts by.
#[derive(Debug, Serialize, PartialEq)]
pub(super) struct SortCell {
    text: String,
    /// A number, or empty for a blank (sorted last).
    sort: String,
    detail: Option<String>,
}

/// An agency's line of the year table.
#[derive(Debug, Serialize)]
pub(super) struct YearRowView {
    agency: String,
    agency_url: String,
    report_url: String,
    cells: Vec<SortCell>,
}

/// A region's lines of the year table.
#[derive(Debug, Serialize)]
pub(super) struct YearGroupView {
    name: String,
    url: Option<String>,
    rows: Vec<YearRowView>,
    subtotal: Vec<SortCell>,
}

/// The year page's table.
#[derive(Debug, Serialize)]
pub(super) struct YearTableView {
    columns: Vec<ColumnHead>,
    /// Columns in all, the agency's included (for the region rows' span).
    width: usize,
    groups: Vec<YearGroupView>,
    total: Vec<SortCell>,
}

/// One cell of the coverage grid.
#[derive(Debug, Serialize)]
pub(super) struct CoverageCell {
    /// `on_time`, `late`, `undated`, `missing`: a class name.
    state: &'static str,
    text: &'static str,
    url: Option<String>,
    published: Option<String>,
}

/// An agency's line of the coverage grid.
#[derive(Debug, Serialize)]
pub(super) struct CoverageRow {
    name: String,
    url: String,
    cells: Vec<CoverageCell>,
}

/// The coverage page.
#[derive(Debug, Serialize)]
pub(super) struct CoverageView {
    summary: String,
    years: Vec<u16>,
    rows: Vec<CoverageRow>,
    legend: Vec<CoverageCell>,
}

/// A file of the 数据下载 page.
#[derive(Debug, Serialize)]
pub(super) struct FileView {
    name: String,
    url: String,
    description: String,
    size: String,
    bytes: u64,
}

/// A rate's definition on the 数据下载 page.
#[derive(Debug, Serialize)]
pub(super) struct RateDefinition {
    key: &'static str,
    name: &'static str,
    description: &'static str,
    numerator: Vec<String>,
    denominator: Vec<String>,
}

/// The 数据下载 page.
#[derive(Debug, Serialize)]
pub(super) struct DataPageView {
    files: Vec<FileView>,
    long_columns: Vec<&'static str>,
    wide_text: String,
    rates: Vec<RateDefinition>,
    schema_url: String,
    report_files_text: String,
}

impl<'a> CompareViews<'a> {
    pub(super) fn new(
        archive: &'a Archive,
        index: &'a Index,
        language: Language,
        base_path: &str,
    ) -> CompareViews<'a> {
        CompareViews {
            archive,
            index,
            comparison: Comparison::new(archive, index),
            words: Words::new(language),
            base_path: base_path.to_owned(),
        }
    }

    fn report_url(&self, at: usize) -> String {
        format!(
            "{}{}",
            self.base_path,
            crate::address::report_url(&self.archive.reports[at])
        )
    }

    fn rates_url(&self) -> String {
        format!("{}data/#rates", self.base_path)
    }

    fn rate_url(&self, rate: &RateDef) -> String {
        format!("{}data/#rate-{}", self.base_path, rate.key)
    }

    fn format_name(&self, format: FormatId) -> &'static str {
        match format {
            FormatId::Gb2019 => self.words.get("format_gb2019"),
            FormatId::Gb2021 => self.words.get("format_gb2021"),
        }
    }

    // ---- the agency page ----

    /// The agency page's comparisons; none for an agency without reports.
    pub(super) fn agency(&self, at: usize) -> Option<AgencyComparisonView> {
        let series = &self.comparison.agency(at);
        if series.years.is_empty() {
            return None;
        }
        let years: Vec<YearHead> = series
            .years
            .iter()
            .enumerate()
            .map(|(column, year)| YearHead {
                year: year.year,
                url: year.report.map(|report| self.report_url(report)),
                format: year.format.map(|format| self.format_name(format)),
                break_before: series.format_changes_at(column),
            })
            .collect();
        let break_notes = (0..series.years.len())
            .filter(|&column| series.format_changes_at(column))
            .map(|column| self.break_note(&series.years[column]))
            .collect();
        let catalog = catalog();
        let tables: Vec<CompareTable> = TableKey::ALL
            .into_iter()
            .map(|table| {
                let cells: Vec<CellId> = series
                    .figures
                    .iter()
                    .map(|figure| figure.cell)
                    .filter(|&cell| {
                        let definition = catalog.cell(cell);
                        definition.table == table
                            && (table != TableKey::Applications || definition.column == "total")
                    })
                    .collect();
                let mut caption = self
                    .words
                    .label(FormatId::Gb2021.template().table(table).heading)
                    .to_owned();
                if table == TableKey::Applications {
                    caption.push_str(self.words.get("totals_column"));
                }
                self.figure_table(
                    series,
                    table,
                    &cells,
                    caption,
                    table != TableKey::Applications,
                )
            })
            .collect();
        let split: Vec<CellId> = series
            .figures
            .iter()
            .map(|figure| figure.cell)
            .filter(|&cell| catalog.cell(cell).table == TableKey::Applications)
            .collect();
        let applicants = CompareTable {
            id: "compare-applicants".to_owned(),
            ..self.figure_table(
                series,
                TableKey::Applications,
                &split,
                self.words.get("applicant_split").to_owned(),
                true,
            )
        };
        let rates = self.rates_table(series);
        Some(AgencyComparisonView {
            tables: tables
                .into_iter()
                .map(|table| self.table_view(table, &years))
                .collect(),
            applicants: self.table_view(applicants, &years),
            rates: self.table_view(rates, &years),
            years,
            break_notes,
            rates_url: self.rates_url(),
            charts: self.charts(series, &self.archive.agencies[at].name),
        })
    }

    /// A comparison table's markup.
    fn table_view(&self, table: CompareTable, years: &[YearHead]) -> CompareTableView {
        let mut html = String::with_capacity(32 * 1024);
        let out = &mut html;
        out.push_str("<table class=\"compare-table\" id=\"");
        escape(out, &table.id);
        out.push_str("\">\n<caption id=\"");
        escape(out, &table.id);
        out.push_str("-caption\">");
        escape(out, &table.caption);
        out.push_str("</caption>\n<thead><tr><th scope=\"col\"");
        if table.grouped {
            out.push_str(" colspan=\"2\"");
        }
        out.push('>');
        escape(out, self.words.get("figure"));
        out.push_str("</th>");
        for year in years {
            out.push_str("<th scope=\"col\"");
            if year.break_before {
                out.push_str(" class=\"format-break\"");
            }
            out.push('>');
            match &year.url {
                Some(url) => {
                    out.push_str("<a href=\"");
                    escape(out, url);
                    out.push_str(&format!("\">{}</a>", year.year));
                }
                None => out.push_str(&year.year.to_string()),
            }
            if let Some(format) = year.format {
                out.push_str("<span class=\"format-name\">");
                escape(out, format);
                out.push_str("</span>");
            }
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            out.push_str("<tr>");
            if let Some(group) = row.group.as_ref().filter(|group| !group.is_empty()) {
                out.push_str("<th scope=\"rowgroup\"");
                if row.group_span > 1 {
                    out.push_str(&format!(" rowspan=\"{}\"", row.group_span));
                }
                out.push('>');
                escape(out, group);
                out.push_str("</th>");
            }
            out.push_str("<th scope=\"row\">");
            match &row.url {
                Some(url) => {
                    out.push_str("<a href=\"");
                    escape(out, url);
                    out.push_str("\">");
                    escape(out, &row.label);
                    out.push_str("</a>");
                }
                None => escape(out, &row.label),
            }
            out.push_str("</th>");
            for cell in &row.cells {
                out.push_str("<td class=\"cell-");
                escape(out, cell.state);
                if cell.break_before {
                    out.push_str(" format-break");
                }
                out.push_str("\"><span class=\"value\">");
                escape(out, &cell.text);
                out.push_str("</span>");
                if let Some(hidden) = cell.hidden.filter(|hidden| !hidden.is_empty()) {
                    out.push_str("<span class=\"visually-hidden\">");
                    escape(out, hidden);
                    out.push_str("</span>");
                }
                if let Some(detail) = cell.detail.as_ref().filter(|detail| !detail.is_empty()) {
                    out.push_str("<span class=\"detail\">");
                    escape(out, detail);
                    out.push_str("</span>");
                }
                if let Some(change) = &cell.change {
                    out.push_str("<span class=\"change change-");
                    escape(out, change.class);
                    out.push_str("\"><span class=\"visually-hidden\">");
                    escape(out, self.words.get("change_against"));
                    out.push_str("</span>");
                    escape(out, &change.text);
                    if let Some(percent) = change
                        .percent
                        .as_ref()
                        .filter(|percent| !percent.is_empty())
                    {
                        out.push_str(" (");
                        escape(out, percent);
                        out.push(')');
                    }
                    out.push_str("</span>");
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        CompareTableView {
            id: table.id,
            caption: table.caption,
            html,
        }
    }

    fn break_note(&self, column: &YearColumn) -> String {
        let format = column.format.unwrap_or(FormatId::Gb2021);
        let catalog = catalog();
        let mut shared = Vec::new();
        let mut unshared = Vec::new();
        for (id, cell) in catalog.entries() {
            let both = comparable(id, format, format.other());
            let Some(row) = catalog.row_def(cell.table, cell.row) else {
                continue;
            };
            let row_label = without_note(self.words.label(row.label)).to_owned();
            if cell.table == TableKey::Active {
                if both {
                    let (_, column) = definitions(cell, format);
                    shared.push(format!(
                        "{row_label} · {}",
                        without_note(self.words.label(column.label))
                    ));
                }
            } else if !both {
                // gb2021's sub-rows of （六）其他处理 are named by their group.
                let name = row
                    .groups
                    .last()
                    .filter(|_| row.slot.is_some() && row.groups.len() > 1)
                    .map_or(row_label, |group| {
                        without_note(self.words.label(*group)).to_owned()
                    });
                if !unshared.contains(&name) {
                    unshared.push(name);
                }
            }
        }
        let separator = if self.words.language() == Language::Zh {
            "、"
        } else {
            ", "
        };
        self.words.fill(
            "break_note",
            &[
                ("year", &column.year.to_string()),
                ("format", self.words.label(format.template().name)),
                ("document", format.template().document),
                ("shared", &shared.join(separator)),
                ("unshared", &unshared.join(separator)),
            ],
        )
    }

    /// A table of the agency's figures `cells` (all of one table), grouped by row when `grouped`.
    fn figure_table(
        &self,
        series: &AgencySeries,
        table: TableKey,
        cells: &[CellId],
        caption: String,
        grouped: bool,
    ) -> CompareTable {
        let catalog = catalog();
        let mut rows: Vec<CompareRow> = Vec::new();
        let mut group_start = 0;
        for &id in cells {
            let cell = catalog.cell(id);
            let Some(figure) = series.figure(id) else {
                continue;
            };
            // Rows of both versions are named as the newer one names them (行政规范性文件).
            let row = FormatId::Gb2021
                .template()
                .row(table, cell.row)
                .or_else(|| catalog.row_def(table, cell.row))
                .expect("a row of the catalog");
            let row_label = row_text(row, self.words.language());
            let own_formats = &cell.formats;
            let version = if own_formats.len() == 1 {
                format!("（{}）", self.format_name(own_formats[0]))
            } else {
                String::new()
            };
            let newest = *own_formats.last().expect("every cell has a version");
            let (_, column) = definitions(cell, newest);
            let column_label = without_note(self.words.label(column.label));
            let (group, label) = if grouped {
                (Some(row_label), format!("{column_label}{version}"))
            } else {
                (None, format!("{row_label}{version}"))
            };
            if rows.last().is_none_or(|last| {
                rows[group_start].group != group || last.key.split('.').nth(1) != Some(cell.row)
            }) {
                group_start = rows.len();
            }
            let cells = figure
                .entries
                .iter()
                .enumerate()
                .map(|(column, entry)| CompareCell {
                    break_before: series.format_changes_at(column),
                    ..self.entry_cell(&entry.point, entry.change)
                })
                .collect();
            let first_of_group = group_start == rows.len();
            rows.push(CompareRow {
                group: if first_of_group { group } else { None },
                group_span: 1,
                label,
                key: cell.path().to_owned(),
                url: None,
                cells,
            });
            if !first_of_group {
                rows[group_start].group_span += 1;
            }
        }
        CompareTable {
            id: format!("compare-{}", table.key()),
            caption,
            grouped,
            rows,
        }
    }

    fn entry_cell(&self, point: &Point, change: Change) -> CompareCell {
        let (state, text) = match point {
            Point::NoReport => ("gap", self.words.get("no_report_short").to_owned()),
            Point::NotInFormat => ("absent", "—".to_owned()),
            Point::Blank => ("blank", self.words.get("blank_short").to_owned()),
            Point::Value(cell) => ("value", cell.to_string()),
        };
        CompareCell {
            state,
            text,
            detail: None,
            hidden: matches!(point, Point::NotInFormat).then(|| self.words.get("not_in_format")),
            change: self.change_view(change),
            break_before: false,
        }
    }

    fn change_view(&self, change: Change) -> Option<ChangeView> {
        match change {
            Change::None => None,
            Change::Break => Some(ChangeView {
                class: "break",
                text: self.words.get("format_break").to_owned(),
                percent: None,
            }),
            Change::Delta { absolute, relative } => Some(ChangeView {
                class: direction(absolute),
                text: signed(absolute),
                percent: relative
                    .map(|relative| format!("{}%", signed_rounded(relative * 100.0, 1))),
            }),
        }
    }

    fn rates_table(&self, series: &AgencySeries) -> CompareTable {
        let rows = series
            .rates
            .iter()
            .map(|rate| CompareRow {
                group: None,
                group_span: 1,
                label: self.words.label(rate.rate.name).to_owned(),
                key: rate.rate.key.to_owned(),
                url: Some(self.rate_url(rate.rate)),
                cells: rate
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(column, entry)| {
                        let mut cell = self.rate_cell(entry.outcome.as_ref());
                        cell.break_before = series.format_changes_at(column);
                        cell.change = entry.change_points.map(|points| ChangeView {
                            class: direction(points),
                            text: self
                                .words
                                .fill("points", &[("value", &signed_rounded(points, 1))]),
                            percent: None,
                        });
                        cell
                    })
                    .collect(),
            })
            .collect();
        CompareTable {
            id: "compare-rates".to_owned(),
            caption: self.words.get("rates").to_owned(),
            grouped: false,
            rows,
        }
    }

    fn rate_cell(&self, outcome: Option<&RateOutcome>) -> CompareCell {
        let (state, text, detail) = match outcome {
            None => ("gap", self.words.get("no_report_short").to_owned(), None),
            Some(RateOutcome::Value {
                numerator,
                denominator,
            }) => (
                "value",
                chart::number(*numerator as f64 / *denominator as f64, true),
                Some(format!("{numerator}/{denominator}")),
            ),
            Some(RateOutcome::ZeroDenominator { numerator }) => (
                "blank",
                self.words.get("rate_zero").to_owned(),
                Some(format!("{numerator}/0")),
            ),
            Some(RateOutcome::Blank(_)) => ("blank", self.words.get("rate_blank").to_owned(), None),
        };
        CompareCell {
            state,
            text,
            detail,
            hidden: None,
            change: None,
            break_before: false,
        }
    }

    fn charts(&self, series: &AgencySeries, agency: &str) -> Vec<chart::Chart> {
        let years: Vec<u16> = series.years.iter().map(|year| year.year).collect();
        let sum_series = |name: &str, keys: &[&str]| ChartSeries {
            name: name.to_owned(),
            values: series
                .years
                .iter()
                .map(|year| match year.report {
                    None => ChartValue::Gap,
                    Some(at) => match rates::sum(&self.archive.reports[at].cells, keys) {
                        Ok(value) => ChartValue::Value(value as f64),
                        Err(_) => ChartValue::Blank,
                    },
                })
                .collect(),
        };
        let spec = |id: &str, title: &str, kind, percent, series| ChartSpec {
            id: id.to_owned(),
            title: format!("{agency} · {title}"),
            kind,
            percent,
            years: years.clone(),
            series,
            gap_word: self.words.get("no_report_short").to_owned(),
            blank_word: self.words.get("blank_short").to_owned(),
            year_word: self.words.get("year_word").to_owned(),
            separators: [
                "chart_name_separator",
                "chart_year_separator",
                "chart_series_separator",
            ]
            .map(|key| self.words.get(key).to_owned()),
        };
        let disclosure = series
            .rates
            .iter()
            .find(|rate| rate.rate.key == "disclosure_rate")
            .map(|rate| ChartSeries {
                name: self.words.label(rate.rate.name).to_owned(),
                values: rate
                    .entries
                    .iter()
                    .map(|entry| match &entry.outcome {
                        None => ChartValue::Gap,
                        Some(outcome) => {
                            outcome.value().map_or(ChartValue::Blank, ChartValue::Value)
                        }
                    })
                    .collect(),
            });
        let mut charts = vec![chart::draw(&spec(
            "chart-received",
            self.words.get("chart_received"),
            ChartKind::Bars,
            false,
            vec![sum_series(
                self.words.get("chart_received"),
                &["applications.received.total"],
            )],
        ))];
        if let Some(disclosure) = disclosure {
            charts.push(chart::draw(&spec(
                "chart-disclosure",
                self.words.get("chart_disclosure"),
                ChartKind::Line,
                true,
                vec![disclosure],
            )));
        }
        charts.push(chart::draw(&spec(
            "chart-appeals",
            self.words.get("chart_appeals"),
            ChartKind::Bars,
            false,
            vec![
                sum_series(self.words.get("series_reviews"), &["appeals.review.total"]),
                sum_series(
                    self.words.get("series_lawsuits"),
                    &[
                        "appeals.lawsuit_direct.total",
                        "appeals.lawsuit_after_review.total",
                    ],
                ),
            ],
        )));
        charts
    }

    // ---- the report page ----

    /// Last year's value and the change beside each value of a report's drawn tables.
    pub(super) fn annotate(&self, at: usize, tables: &mut [DrawnTable]) {
        let catalog = catalog();
        for table in tables {
            for cell in table.bodies.iter_mut().flatten().flatten() {
                let Some(key) = cell.key.as_deref() else {
                    continue;
                };
                let mut parts = key.splitn(3, '.');
                let (Some(table), Some(row), Some(column)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                let Some(id) =
                    TableKey::from_key(table).and_then(|table| catalog.find(table, row, column))
                else {
                    continue;
                };
                let Some((before, change)) = self.comparison.previous(at, id) else {
                    continue;
                };
                if change == Change::Break {
                    continue;
                }
                cell.previous = match &before {
                    Point::Value(value) => Some(value.to_string()),
                    Point::Blank => Some(self.words.get("blank_short").to_owned()),
                    Point::NoReport | Point::NotInFormat => None,
                };
                if let Change::Delta { absolute, .. } = change {
                    cell.change = Some(signed(absolute));
                }
            }
        }
    }

    /// The report page's note on the comparison and its rates beside last year's.
    pub(super) fn report(&self, at: usize) -> ReportComparisonView {
        let report = &self.archive.reports[at];
        let previous = self.archive.year_before(at);
        let note = match previous {
            None => self.words.fill(
                "report_no_previous",
                &[("year", &(report.year - 1).to_string())],
            ),
            Some(before) => {
                let before = &self.archive.reports[before];
                let mut note = self.words.fill(
                    "report_comparison_note",
                    &[("year", &before.year.to_string())],
                );
                if before.format != report.format {
                    note.push_str(&self.words.fill(
                        "report_break_note",
                        &[
                            ("year", &before.year.to_string()),
                            ("format", self.words.label(before.format.template().name)),
                        ],
                    ));
                }
                note
            }
        };
        let rates = self
            .comparison
            .report_rates(at)
            .iter()
            .map(|rate| {
                let (entry, before) = rate.entries.split_last().expect("the report's year");
                let mut value = self.rate_cell(entry.outcome.as_ref());
                value.change = entry.change_points.map(|points| ChangeView {
                    class: direction(points),
                    text: self
                        .words
                        .fill("points", &[("value", &signed_rounded(points, 1))]),
                    percent: None,
                });
                ReportRate {
                    key: rate.rate.key,
                    name: self.words.label(rate.rate.name),
                    url: self.rate_url(rate.rate),
                    value,
                    previous: before
                        .last()
                        .map(|before| self.rate_cell(before.outcome.as_ref())),
                }
            })
            .collect();
        ReportComparisonView {
            note,
            previous_year: previous.map(|before| self.archive.reports[before].year),
            rates,
            rates_url: self.rates_url(),
        }
    }

    // ---- the year page ----

    /// The year page's table of key figures, grouped by region.
    pub(super) fn year(
        &self,
        year: u16,
        region_name: impl Fn(&str) -> (String, Option<String>),
    ) -> YearTableView {
        let table = year_table(self.archive, self.index, year);
        let columns = KEY_FIGURES
            .iter()
            .map(|figure| ColumnHead {
                key: figure.key,
                name: self.words.label(figure.name),
                url: match figure.measure {
                    Measure::Rate(key) => rates::rate(key).map(|rate| self.rate_url(rate)),
                    Measure::Sum(_) => None,
                },
            })
            .collect();
        let groups = table
            .regions
            .iter()
            .map(|group| {
                let (name, url) = region_name(&group.region);
                YearGroupView {
                    name,
                    url,
                    rows: group
                        .rows
                        .iter()
                        .map(|row| {
                            let agency = &self.archive.agencies[row.agency];
                            YearRowView {
                                agency: agency.name.clone(),
                                agency_url: format!(
                                    "{}{}",
                                    self.base_path,
                                    crate::address::agency_url(agency)
                                ),
                                report_url: self.report_url(row.report),
                                cells: row
                                    .values
                                    .iter()
                                    .map(|value| self.figure_cell(value))
                                    .collect(),
                            }
                        })
                        .collect(),
                    subtotal: self.total_cells(&group.subtotal),
                }
            })
            .collect();
        YearTableView {
            width: KEY_FIGURES.len() + 1,
            columns,
            groups,
            total: self.total_cells(&table.total),
        }
    }

    fn figure_cell(&self, value: &FigureValue) -> SortCell {
        match value {
            FigureValue::Sum(Ok(value)) => SortCell {
                text: value.to_string(),
                sort: value.to_string(),
                detail: None,
            },
            FigureValue::Sum(Err(_)) => SortCell {
                text: self.words.get("blank_short").to_owned(),
                sort: String::new(),
                detail: None,
            },
            FigureValue::Rate(outcome) => {
                let cell = self.rate_cell(Some(outcome));
                SortCell {
                    sort: outcome
                        .value()
                        .map(|value| format!("{value:.6}"))
                        .unwrap_or_default(),
                    text: cell.text,
                    detail: cell.detail,
                }
            }
        }
    }

    fn total_cells(&self, totals: &[Total]) -> Vec<SortCell> {
        KEY_FIGURES
            .iter()
            .zip(totals)
            .map(|(figure, total)| {
                let blank = (total.blank > 0).then(|| {
                    self.words
                        .fill("blank_excluded", &[("count", &total.blank.to_string())])
                });
                match figure.measure {
                    Measure::Sum(_) => SortCell {
                        text: if total.counted > 0 {
                            total.sum.to_string()
                        } else {
                            self.words.get("blank_short").to_owned()
                        },
                        sort: String::new(),
                        detail: blank,
                    },
                    Measure::Rate(_) => {
                        let inputs = format!("{}/{}", total.sum, total.denominator);
                        SortCell {
                            text: total.rate().map_or_else(
                                || self.words.get("rate_zero").to_owned(),
                                |rate| chart::number(rate, true),
                            ),
                            sort: String::new(),
                            detail: Some(match blank {
                                Some(blank) => format!("{inputs}；{blank}"),
                                None => inputs,
                            }),
                        }
                    }
                }
            })
            .collect()
    }

    // ---- coverage ----

    /// The coverage page: every agency × every year of the archive.
    pub(super) fn coverage(&self, checks: &Checks) -> CoverageView {
        let (years, rows) = coverage(self.archive, self.index, checks);
        let (mut present, mut late, mut undated, mut missing) = (0, 0, 0, 0);
        let rows = rows
            .iter()
            .enumerate()
            .map(|(at, cells)| {
                let agency = &self.archive.agencies[at];
                CoverageRow {
                    name: agency.name.clone(),
                    url: format!("{}{}", self.base_path, crate::address::agency_url(agency)),
                    cells: cells
                        .iter()
                        .map(|state| {
                            match state {
                                Coverage::Missing => missing += 1,
                                Coverage::Late(_) => {
                                    present += 1;
                                    late += 1;
                                }
                                Coverage::Undated(_) => {
                                    present += 1;
                                    undated += 1;
                                }
                                Coverage::OnTime(_) => present += 1,
                            }
                            self.coverage_cell(*state)
                        })
                        .collect(),
                }
            })
            .collect();
        let summary = self.words.fill(
            "coverage_summary",
            &[
                ("agencies", &self.archive.agencies.len().to_string()),
                ("years", &years.len().to_string()),
                ("present", &present.to_string()),
                ("late", &late.to_string()),
                ("undated", &undated.to_string()),
                ("missing", &missing.to_string()),
            ],
        );
        let legend = [
            Coverage::OnTime(usize::MAX),
            Coverage::Late(usize::MAX),
            Coverage::Undated(usize::MAX),
            Coverage::Missing,
        ]
        .into_iter()
        .map(|state| self.coverage_cell(state))
        .collect();
        CoverageView {
            summary,
            years,
            rows,
            legend,
        }
    }

    fn coverage_cell(&self, state: Coverage) -> CoverageCell {
        let (class, word, report) = match state {
            Coverage::OnTime(at) => ("on_time", "cov_on_time", Some(at)),
            Coverage::Late(at) => ("late", "cov_late", Some(at)),
            Coverage::Undated(at) => ("undated", "cov_undated", Some(at)),
            Coverage::Missing => ("missing", "cov_missing", None),
        };
        let report = report.filter(|&at| at < self.archive.reports.len());
        CoverageCell {
            state: class,
            text: self.words.get(word),
            url: report.map(|at| self.report_url(at)),
            published: report.and_then(|at| {
                self.archive.reports[at]
                    .published
                    .map(|date| date.to_string())
            }),
        }
    }

    // ---- the 数据下载 page ----

    /// The 数据下载 page: every file with its real size, the formats and the rates' definitions.
    pub(super) fn data_page(&self, sizes: &BTreeMap<DataKind, u64>) -> DataPageView {
        let catalog = catalog();
        let files = archive_core::export::data_kinds(self.index)
            .into_iter()
            .map(|kind| (kind, kind.path(), sizes.get(&kind).copied().unwrap_or(0)))
            .map(|(kind, path, bytes)| FileView {
                name: path.rsplit('/').next().unwrap_or(&path).to_owned(),
                url: format!("{}{path}", self.base_path),
                description: match kind {
                    DataKind::Schema => self.words.get("file_schema").to_owned(),
                    DataKind::LongArchive => self.words.get("file_long_archive").to_owned(),
                    DataKind::LongYear(year) => self
                        .words
                        .fill("file_long_year", &[("year", &year.to_string())]),
                    DataKind::WideYear(year) => self
                        .words
                        .fill("file_wide_year", &[("year", &year.to_string())]),
                },
                size: self.size(bytes),
                bytes,
            })
            .collect();
        let cell_name = |key: &&str| {
            let id = rates::cell_id(key);
            let cell = catalog.cell(id);
            let row = catalog
                .row_def(cell.table, cell.row)
                .expect("a row of the catalog");
            let (_, column) = definitions(cell, FormatId::Gb2021);
            let column = without_note(self.words.label(column.label));
            format!(
                "{} · {column}（{key}）",
                row_text(row, self.words.language())
            )
        };
        let rates = RATES
            .iter()
            .map(|rate| RateDefinition {
                key: rate.key,
                name: self.words.label(rate.name),
                description: self.words.label(rate.description),
                numerator: rate.numerator.iter().map(cell_name).collect(),
                denominator: rate.denominator.iter().map(cell_name).collect(),
            })
            .collect();
        DataPageView {
            files,
            long_columns: LONG_COLUMNS.to_vec(),
            wide_text: self
                .words
                .fill("csv_wide_text", &[("columns", &WIDE_COLUMNS.join(", "))]),
            rates,
            schema_url: format!("{}{}", self.base_path, archive_core::export::SCHEMA_PATH),
            report_files_text: self.words.fill(
                "report_files_text",
                &[(
                    "example",
                    &match self.archive.reports.len() {
                        0 => format!("{}agencies/AGENCY/YEAR/data.json", self.base_path),
                        reports => format!("{}data.json", self.report_url(reports - 1)),
                    },
                )],
            ),
        }
    }

    fn size(&self, bytes: u64) -> String {
        self.words.fill(
            "bytes",
            &[
                ("kb", &format!("{:.1}", bytes as f64 / 1024.0)),
                ("bytes", &bytes.to_string()),
            ],
        )
    }
}

/// A row's label for comparisons: its groups below 三、本年度办理结果 and its own label, short.
fn row_text(row: &RowDef, language: Language) -> String {
    let skip = usize::from(
        row.groups
            .first()
            .is_some_and(|group| group.zh.starts_with("三、")),
    );
    row.groups[skip.min(row.groups.len())..]
        .iter()
        .chain([&row.label])
        .map(|label| without_note(label.get(language)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn direction(value: f64) -> &'static str {
    if value > 0.0 {
        "up"
    } else if value < 0.0 {
        "down"
    } else {
        "same"
    }
}

/// A change with its sign: `+5`, `−3`, `0`; decimals only where the values have them.
fn signed(value: f64) -> String {
    let text = if value.fract() == 0.0 {
        format!("{}", value.abs() as i64)
    } else {
        let text = format!("{:.6}", value.abs());
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    sign(value, text)
}

/// A change rounded to `decimals`, with its sign.
fn signed_rounded(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    if text.trim_start_matches(['0', '.']).is_empty() {
        return "0".to_owned();
    }
    sign(value, text)
}

fn sign(value: f64, text: String) -> String {
    if value > 0.0 {
        format!("+{text}")
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_carry_their_sign_and_only_the_decimals_they_have() {
        assert_eq!(signed(49.0), "+49");
        assert_eq!(signed(-18.0), "−18");
        assert_eq!(signed(0.0), "0");
        assert_eq!(signed(16707.311082000002), "+16707.311082");
        assert_eq!(signed_rounded(233.3333, 1), "+233.3");
        assert_eq!(signed_rounded(-0.01, 1), "0");
    }

    #[test]
    fn rows_are_named_below_the_results_heading() {
        let row = FormatId::Gb2021
            .template()
            .row(TableKey::Applications, "withheld_state_secret")
            .unwrap();
        assert_eq!(
            row_text(row, Language::Zh),
            "（三）不予公开 · 1.属于国家秘密"
        );
        let row = FormatId::Gb2021
            .template()
            .row(TableKey::Appeals, "lawsuit_direct")
            .unwrap();
        assert_eq!(row_text(row, Language::Zh), "行政诉讼 · 未经复议直接起诉");
    }
}
