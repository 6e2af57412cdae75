//! The interface's words, in Chinese and English. Templates read them as `t.<key>`.

use std::collections::BTreeMap;

use archive_core::format::Label;
use archive_core::format::Language;
use archive_core::narrative::SECTION_NUMERALS;

/// (key, zh, en)
const WORDS: &[(&str, &str, &str)] = &[
    ("home", "首页", "Home"),
    ("agencies", "机关", "Agencies"),
    ("years", "年度", "Years"),
    ("regions", "地区", "Regions"),
    ("reports", "年度报告", "Reports"),
    ("report_count", "份报告", "reports"),
    ("agency_count", "个机关", "agencies"),
    ("year_count", "个年度", "years"),
    ("latest_reports", "最新报告", "Latest reports"),
    ("browse", "浏览方式", "Browse"),
    ("by_agency", "按机关", "By agency"),
    ("by_year", "按年度", "By year"),
    ("by_region", "按地区", "By region"),
    ("kind", "机关类型", "Kind"),
    ("region", "地区", "Region"),
    ("website", "网站", "Website"),
    ("also_named", "又称", "Also named"),
    ("year", "年度", "Year"),
    ("title", "标题", "Title"),
    ("format", "模板版本", "Template"),
    ("published", "发布日期", "Published"),
    ("not_printed", "报告未印日期", "not printed"),
    ("issuer", "发布机关", "Issued by"),
    ("source", "原文", "Original"),
    ("original_file", "原始文件", "Original file"),
    ("open_data", "数据（JSON）", "Data (JSON)"),
    ("previous_year", "上一年度", "Previous year"),
    ("next_year", "下一年度", "Next year"),
    ("report_of", "年度报告", "annual report"),
    ("year_reports", "年度报告", "reports"),
    ("sub_regions", "下级地区", "Sub-regions"),
    ("no_region", "未分地区", "No region"),
    ("editor_notes", "编者注", "Editor's notes"),
    // ---- archived originals ----
    ("archived_original", "原文存档", "Archived original"),
    (
        "no_archived_original",
        "暂无原文存档：本报告由人工录入，未保存机关发布的文件。",
        "No archived original: this report was typed in by hand, and the agency's file is not kept.",
    ),
    ("original_changed", "原文已变更", "Original changed"),
    (
        "original_changed_text",
        "机关发布的文件在首次存档后有改动。各版本均已存档；本页数值未被替换，与后来版本不同之处列在下面。",
        "The agency's file changed after it was first archived. Every version is kept; this page's values were not replaced, and where a later version differs is listed below.",
    ),
    ("archived_copy", "存档副本", "Archived copy"),
    ("agency_address", "机关原址", "Agency's address"),
    ("retrieved", "获取时间", "Retrieved"),
    (
        "differs_from_page",
        "与本页数值不同",
        "Differs from this page",
    ),
    (
        "agrees_with_page",
        "与本页数值一致。",
        "Agrees with this page's values.",
    ),
    ("value_on_page", "本页数值", "On this page"),
    ("value_in_original", "原文数值", "In the original"),
    (
        "narrative_section",
        "正文第{number}部分",
        "Narrative section {number}",
    ),
    (
        "changed_originals",
        "原文已变更的报告",
        "Reports whose original changed",
    ),
    (
        "no_changed_originals",
        "没有原文已变更的报告。",
        "No report's original has changed.",
    ),
    ("originals_kept", "存档版本数", "Versions kept"),
    (
        "extra_values",
        "报告另载的其他模板版本数值",
        "Values from the other template version",
    ),
    ("blank_cell", "空白", "blank"),
    ("not_found", "页面不存在", "Page not found"),
    (
        "not_found_text",
        "您访问的页面不存在。可以从以下入口浏览：",
        "The page you asked for does not exist. Try one of these:",
    ),
    // ---- checks ----
    ("quality", "数据质量", "Data quality"),
    ("checks", "数据核验", "Checks"),
    ("findings", "发现的问题", "Findings"),
    ("rules_passed", "通过的规则", "Rules passed"),
    ("not_checkable", "无法核验", "Not checkable"),
    ("not_applicable", "不适用的规则", "Rules that do not apply"),
    ("no_findings", "未发现问题。", "No findings."),
    (
        "checks_clean",
        "未发现问题：{passed} 项核验全部通过。",
        "No findings: all {passed} checks passed.",
    ),
    (
        "checks_partly_unchecked",
        "已进行的 {ran} 项核验未发现问题；另有 {not_checkable} 项因空白单元格无法核验（见下）。",
        "No findings in the {ran} checks that ran; {not_checkable} more could not run because cells are blank (below).",
    ),
    (
        "checks_mostly_unchecked",
        "多数核验无法进行：{total} 项核验中 {not_checkable} 项因空白单元格无法核验，只进行了 {ran} 项（均通过）。",
        "Most checks could not run: {not_checkable} of {total} need cells left blank; only {ran} ran (all passed).",
    ),
    (
        "sum_checks_unchecked",
        "表三、表四的勾稽核验（R1–R4）{total} 项中 {not_checkable} 项无法核验。",
        " Of the sums of tables 3 and 4 (R1–R4), {not_checkable} of {total} could not be checked.",
    ),
    (
        "grid_mostly_unchecked",
        "多数无法核验：仅核验 {ran}/{total} 项",
        "mostly not checkable: {ran} of {total} checks ran",
    ),
    ("checks_passed_total", "通过的核验", "Checks passed"),
    ("checks_failed_total", "未通过的核验", "Checks failed"),
    (
        "finding_count",
        "发现 {count} 个问题。",
        "{count} findings.",
    ),
    ("error", "错误", "error"),
    ("warning", "警告", "warning"),
    ("cells_involved", "涉及的单元格", "Cells involved"),
    (
        "finding_marker",
        "（核验发现问题）",
        " (involved in a finding)",
    ),
    ("blank_cells", "空白单元格", "Blank cells"),
    ("checked_subjects", "无法核验的项", "Not checked"),
    (
        "checks_note",
        "按年度报告格式的勾稽关系和相关规定核验；发现的问题如实标注，报告中的数值一律不改动。表中涉及问题的单元格已标出。",
        "Checked against the template's own arithmetic and rules; findings are marked, and the report's values are never changed. Cells involved in a finding are marked in the tables.",
    ),
    (
        "blank_note",
        "空白单元格不视为 0，需要用到空白单元格的核验记为无法核验，而不是通过。",
        "Blank cells are not zero: a check that needs one is not checkable, never passed.",
    ),
    (
        "passed_all",
        "{count} 项核验全部通过",
        "all {count} checks passed",
    ),
    (
        "not_checkable_count",
        "{total} 项中 {count} 项无法核验，{passed} 项通过",
        "{count} of {total} checks not checkable, {passed} passed",
    ),
    (
        "kind_unknown",
        "机关类别未定，无法确定发布期限",
        "the agency's kind is not known, so its deadline is not either",
    ),
    (
        "no_date",
        "报告未印发布日期",
        "the report prints no publication date",
    ),
    (
        "similarity",
        "与上一年度报告的文字重复率",
        "Text repeated from the previous report",
    ),
    (
        "similarity_text",
        "本报告叙述文字有 {percent}% 与 {year} 年度报告相同。",
        "{percent}% of this report's narrative repeats the {year} report.",
    ),
    ("similarity_over_half", "超过一半", "more than half"),
    (
        "similarity_method",
        "计算方法：去掉标题、格式标记和空白，连续的数字一律视为相同，把叙述文字切成相邻 5 个字的片段，统计本报告的片段中同样出现在上一年度报告中的比例。",
        "Method: headings, markup and whitespace are dropped and any run of digits counts as the same; the narrative is cut into overlapping 5-character pieces, and the share of this report's pieces that also occur in the previous report is given.",
    ),
    ("year_term", "{year}年{label}", "{label} ({year})"),
    (
        "others_zero",
        "（其余 {count} 项为 0）",
        " (the other {count} are 0)",
    ),
    ("list_separator", "、", ", "),
    ("clause_separator", "；", "; "),
    ("quoted", "“{text}”", "“{text}”"),
    (
        "late",
        "发布日期 {published} 晚于{kind}的发布期限 {deadline}",
        "published {published}, after the deadline for a {kind}, {deadline}",
    ),
    (
        "sections_missing",
        "缺少第{sections}部分的标题",
        "no heading for section {sections}",
    ),
    (
        "sections_order",
        "各部分标题的顺序为{sections}",
        "the section headings stand in the order {sections}",
    ),
    (
        "no_fee",
        "第六部分未说明信息处理费的收取情况",
        "section 6 does not state the information processing fees",
    ),
    (
        "other_row",
        "申报格式为 {declared}，但使用了 {other} 格式的行“{row}”",
        "declared {declared}, but prints {other}'s row “{row}”",
    ),
    ("in_place_of", "，代替{rows}", " in place of {rows}"),
    (
        "other_columns",
        "申报格式为 {declared}，但“{row}”一行使用了 {other} 格式的列{columns}",
        "declared {declared}, but the row “{row}” has {other}'s columns {columns}",
    ),
    ("cross_year", "跨年度核验", "Checks across years"),
    ("years_compared", "比对年度", "Years compared"),
    ("status_passed", "通过", "passed"),
    ("status_failed", "未通过", "failed"),
    ("status_not_checkable", "无法核验", "not checkable"),
    ("status_not_applicable", "不适用", "does not apply"),
    ("rule", "规则", "Rule"),
    ("severity", "级别", "Grade"),
    ("finding_total", "问题数", "Findings"),
    ("reports_affected", "涉及报告", "Reports"),
    (
        "not_checkable_total",
        "无法核验的核验项",
        "Checks not checkable",
    ),
    ("where", "位置", "Where"),
    ("details", "说明", "Details"),
    ("by_rule", "按规则", "By rule"),
    ("by_agency_and_year", "按机关和年度", "By agency and year"),
    ("total", "合计", "Total"),
    ("no_report", "无报告", "no report"),
    (
        "quality_intro",
        "对全部报告按核验规则 R1–R9 逐一核验的结果。报告按原文发布，核验不改动任何数值；R1–R4（表内勾稽关系）为错误，R5–R9 为警告。",
        "Every report checked against rules R1–R9. Reports are published as printed and checks never change a value; R1–R4 (the tables' own sums) are errors, R5–R9 warnings.",
    ),
    (
        "quality_summary",
        "{reports} 份报告中，{with} 份发现问题，共 {findings} 个；另有 {not_checkable} 项核验因空白单元格或未印日期无法进行。",
        "{findings} findings in {with} of {reports} reports; {not_checkable} checks were not possible because of blank cells or a missing date.",
    ),
    ("all_rules", "核验规则", "The rules"),
    ("all_findings", "全部问题", "Every finding"),
    ("skip_to_content", "跳到正文", "Skip to content"),
    ("site_navigation", "网站导航", "Site navigation"),
    ("contents", "目录", "Contents"),
    ("tables", "统计表", "Tables"),
    ("none_yet", "暂无报告。", "No reports yet."),
    ("feed", "订阅（Atom）", "Feed (Atom)"),
    ("generated_by", "由 archive 生成", "Made with archive"),
    // ---- search, glossary, accessibility ----
    ("search", "搜索", "Search"),
    ("search_reports", "搜索报告", "Search the reports"),
    ("search_words", "关键词", "Words"),
    (
        "search_hint",
        "例如：行政许可、依申请公开、信息处理费、平潭",
        "for example: 行政许可, 依申请公开, 信息处理费, 平潭",
    ),
    ("search_button", "搜索", "Search"),
    ("filter_agency", "机关", "Agency"),
    ("filter_year", "年度", "Year"),
    ("filter_region", "地区", "Region"),
    ("all_agencies", "全部机关", "All agencies"),
    ("all_years", "全部年度", "All years"),
    ("all_regions", "全部地区", "All regions"),
    (
        "search_no_js",
        "搜索需要浏览器运行 JavaScript；阅读报告不需要。也可以按机关、年度或地区浏览全部报告。",
        "Search needs JavaScript in your browser; reading the reports does not. You can also browse every report by agency, year or region.",
    ),
    (
        "search_from_disk",
        "从本地文件夹打开网站时（地址以 file:// 开头）不能搜索：搜索需要通过网站地址（http:// 或 https://）访问。其他页面都可以照常浏览。",
        "Search does not work when the site is opened from a folder on disk (an address starting with file://): it needs the site's web address (http:// or https://). Every other page works as usual.",
    ),
    ("search_loading", "正在搜索……", "Searching…"),
    (
        "search_count",
        "找到 {count} 份报告。",
        "{count} reports found.",
    ),
    (
        "search_none",
        "没有找到符合条件的报告。",
        "No report matches.",
    ),
    (
        "search_failed",
        "搜索索引没有加载成功，请稍后再试。",
        "The search index could not be loaded; please try again later.",
    ),
    ("search_more", "显示更多结果", "Show more results"),
    ("glossary", "名词解释", "Glossary"),
    (
        "glossary_intro",
        "年度报告的统计表按国家统一格式填写。这里用平实的话解释表中每一行、每一列的意思，以及它出自《条例》的哪一条。报告页面上表格的行名、列名都链接到这里。",
        "The annual reports' tables follow a national format. This page explains every row and column in plain words, with the article of the Regulations each comes from. The row and column labels of the tables on report pages link here.",
    ),
    (
        "glossary_source",
        "文中的《条例》指《中华人民共和国政府信息公开条例》（2019年4月3日国务院令第711号修订）；表格格式见国办公开办函〔2019〕60号（2019—2020年度）和国办公开办函〔2021〕30号（2021年度起）。",
        "“Regulations” means the Regulations of the People's Republic of China on the Disclosure of Government Information (revised by State Council Decree No. 711 of 3 April 2019); the table formats are those of 国办公开办函〔2019〕60号 (2019–2020) and 国办公开办函〔2021〕30号 (from 2021).",
    ),
    ("basis", "依据", "Basis"),
    ("term_link", "名词解释：", "Glossary: "),
    (
        "about_values",
        "表中数值按报告原文录入，空白单元格保持空白，不视为 0。",
        "Values are as printed in the report; blank cells stay blank and are not zero.",
    ),
    // ---- comparisons ----
    ("comparison", "历年比较", "Over the years"),
    ("figure", "项目", "Figure"),
    (
        "agency_key_figures_intro",
        "下表为各年度的主要数据（即年度页比较的各项），每个数值下方为与上一年度相比的增减。各年度每个单元格、比率和按申请人类型的分项见",
        "The key figures of each year (those the year pages compare), each with its change from the year before. Every cell, rate and type of applicant over the years is in",
    ),
    (
        "full_table_link",
        "下载各年度全部数值和比率（CSV）",
        "Download every value and rate over the years (CSV)",
    ),
    ("no_report_short", "无报告", "no report"),
    ("not_in_format", "本版无此项", "not in this version"),
    ("blank_short", "空白", "blank"),
    (
        "no_source_url",
        "档案没有记录原文的网址：录入时未找到该报告在网上发布的页面。",
        "The archive has no address for the original: no published page of this report was found when it was typed in.",
    ),
    ("search_site", "全站搜索", "Search the archive"),
    ("incalculable_short", "无法计算", "cannot be computed"),
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
    // ---- printed totals their own rows contradict (docs/data.md) ----
    ("contradicted", "与分项不符", "contradicted by its rows"),
    (
        "parts_sum",
        "{value}（分项合计 {parts}）",
        "{value} (rows add to {parts})",
    ),
    (
        "contradicted_mark",
        "（分项合计 {parts}，与分项不符）",
        " (rows add to {parts}: contradicted by its rows)",
    ),
    (
        "contradicted_change",
        "{change} †据与分项不符的总计",
        "{change} † based on a contradicted total",
    ),
    (
        "contradicted_included",
        "含 {count} 个与分项不符的总计（按所印数值计入）",
        "includes {count} contradicted total(s), counted as printed",
    ),
    (
        "contradicted_rate_mark",
        "（所用总计与分项不符）",
        " (uses a contradicted total)",
    ),
    (
        "contradicted_input",
        "所用总计与分项不符",
        "uses a contradicted total",
    ),
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
        "one_report_numbers",
        "档案中只有这个机关的一份报告，没有可以画成图表的变化；它的数字见上表和完整数据表。",
        "The archive holds one report of this agency: there is no change to chart. Its figures are in the table above and in the full table.",
    ),
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
    ("cov_deadline_unknown", "期限未定", "deadline unknown"),
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
        "全部报告的全部数值，长格式（每行一个数值），gzip 压缩，解压后即为 CSV 文件",
        "Every value of every report, long form (one value a line), gzipped: it decompresses to the CSV file",
    ),
    (
        "file_findings",
        "全部核验发现（每行一项）：规则编号、单元格、数字，中英文说明",
        "Every finding of the checks, one a line: rule id, cells, numbers, the message in Chinese and English",
    ),
    (
        "file_long_year",
        "{year} 年度报告的全部数值，长格式（每行一个数值），gzip 压缩，解压后即为 CSV 文件",
        "Every value of the {year} reports, long form (one value a line), gzipped: it decompresses to the CSV file",
    ),
    (
        "file_wide_year",
        "{year} 年度报告，宽格式（每个机关一行，每个单元格一列），未压缩，可直接用 Excel 打开",
        "The {year} reports, wide form (one agency a line, one cell a column), plain: it opens in Excel as it is",
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
    (
        "agency_files_text",
        "每个机关的页面都链接该机关各年度的全部数值和比率（CSV，每个键一行、每年一列，附中文名称、单位、模板版本和与分项不符的总计），地址是机关页地址加机关代码和 .csv，例如 {example}。",
        "Every agency's page links the agency's values and rates over the years (CSV: one key a line, one year a column, with its Chinese label, unit, template versions and the totals their rows contradict), at the page's address followed by the agency's id and .csv, for example {example}.",
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
        "每个数值都按报告原文录入，不作更正：报告自身加总不符的，在该报告页的“数据核验”中标出，数值照旧。空白单元格（报告留空或填写“/”“—”“无”）保持空白；报告没有的行不出现在 JSON 和长格式 CSV 中，在宽格式 CSV 中为空。键名（table.row.column）见数据规范。本年收费金额单位为万元；“政府集中采购·采购总金额”按原文文字换算为元（原文照录在 JSON 的 printed 和长格式 CSV 的 printed 列），单位见 unit 列。小数按原文位数精确写出，增减为精确差值。与分项不符的总计照录原值，JSON 的 contradicted 和长格式 CSV 的 contradicted_rule、parts_sum 列给出规则和分项合计。比率只出现在 JSON 中，由上述数值计算，不是报告原文；上年增减见报告页，也可由上年数值算出。",
        "Every value is as the report printed it, never corrected: where a report's own sums do not add up, its page's Checks box says so and the values stay. Blank cells (left empty, or written /, —, 无) stay blank; rows a report lacks are absent from the JSON and the long CSV, and empty in the wide CSV. Keys (table.row.column) follow the data specification. Fees are in 10,000 yuan; the procurement amount is read from the report's text in yuan (the text is kept in the JSON's printed and the long CSV's printed column), the unit in the unit column. Decimals are written exactly, with the report's digits, and changes are exact differences. A total its own rows contradict is kept as printed; the JSON's contradicted and the long CSV's contradicted_rule and parts_sum give the rule and the rows' sum. Rates appear only in the JSON, computed from these values: they are not the reports' own; the changes from last year are on the report pages, or computed from last year's values.",
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
    // ---- answers across agencies: rankings, the report builder, the dataset ----
    ("rankings_nav", "排名", "Rankings"),
    (
        "rankings_title",
        "各机关排名与地区合计",
        "Rankings and regional totals",
    ),
    (
        "rankings_intro",
        "每年按以下指标给机关排名：新收申请、公开率、不予公开率、结转下年度、行政复议及其纠错率、行政诉讼及其纠错率。可按地区（省、市）或机关类别筛选；每项排名列出前 10 名和后 10 名，完整名单见该年度的 CSV 文件。",
        "Each year, agencies are ranked by applications received, disclosure rate, withheld rate, carried forward, administrative reviews and their correction rate, lawsuits and their correction rate. Rankings can be narrowed to a province, a city or a kind of agency; each shows the top 10 and the bottom 10, and the year's CSV file has every agency.",
    ),
    (
        "rankings_rule",
        "数值均按报告原文：报告自身分项加总与所印总计不符的，排名和合计仍用所印数值，并标注“与分项不符”及分项之和；由这类总计算出的比率同样标注。空白或分母为 0 的比率不参加排名，另行列出。",
        "Every value is as the report printed it: a printed total its own rows contradict is ranked and added up as printed, marked “contradicted by its rows” with their sum beside it, and so is a rate computed from one. A rate over a blank input or a zero denominator is not ranked, and is listed apart.",
    ),
    ("rankings_by_year", "按年度排名", "Rankings by year"),
    (
        "regional_totals",
        "地区合计（历年）",
        "Regional totals over the years",
    ),
    ("year_rankings", "年度排名", "rankings"),
    ("ranking_scope", "排名范围", "Agencies ranked"),
    ("ranking_other_years", "其他年度", "Other years"),
    ("rank", "名次", "Rank"),
    ("top_ranked", "前列", "Top"),
    ("bottom_ranked", "末尾", "Bottom"),
    (
        "ranking_omitted",
        "中间另有 {count} 个机关，见完整 CSV。",
        "{count} more agencies in between: see the full CSV.",
    ),
    ("omitted_count", "省略的机关数", "Agencies left out"),
    (
        "ranking_reports",
        "本页范围内共 {reports} 份报告。",
        "{reports} reports in this scope.",
    ),
    (
        "ranking_contradicted",
        "其中 {count} 个数值取自与分项不符的总计（已标注）。",
        "{count} of the values are read from a total its rows contradict (marked).",
    ),
    (
        "ranking_unranked",
        "{count} 份报告未排名（数值空白或分母为 0）：",
        "{count} reports not ranked (a blank value or a zero denominator):",
    ),
    ("full_csv", "完整排名（CSV）", "Full rankings (CSV)"),
    ("definition", "定义", "Definition"),
    ("measure_sum", "报告所印数值：{keys}", "As printed: {keys}"),
    (
        "rate_with_inputs",
        "{percent}%（{numerator}/{denominator}）",
        "{percent}% ({numerator}/{denominator})",
    ),
    (
        "contradicted_rows_give",
        "与分项不符：分项合计 {parts}",
        "contradicted by its rows, which add up to {parts}",
    ),
    (
        "contradicted_rate",
        "由与分项不符的总计算出",
        "computed from a total its rows contradict",
    ),
    (
        "region_coverage",
        "合计涵盖 {agencies} 个机关的 {reports} 份报告（{years} 个年度），含下级地区。",
        "The totals cover {reports} reports of {agencies} agencies ({years} years), regions below included.",
    ),
    (
        "total_contradicted",
        "含 {count} 个与分项不符的总计",
        "includes {count} totals their rows contradict",
    ),
    (
        "region_totals_intro",
        "每年该地区全部报告的数值之和；比率为分子之和除以分母之和。空白不计入合计，另行注明。",
        "Each year's sum over the region's reports; a rate is the sum of numerators over the sum of denominators. Blanks are left out and counted beside the total.",
    ),
    ("reports_in_year", "报告数", "Reports"),
    ("region_page_link", "地区页面", "The region's page"),
    ("builder_nav", "自定义报表", "Report builder"),
    ("builder_title", "自定义报表", "Build a report"),
    (
        "builder_intro",
        "选择机关（按地区、类别或名称）、年度和指标，生成可排序的表格和图表，可下载为 CSV，也可复制链接分享。",
        "Choose agencies (by region, kind or name), years and measures to get a sortable table and a chart, download it as CSV, or share it as a link.",
    ),
    (
        "builder_no_js",
        "自定义报表需要在浏览器中启用 JavaScript：它在浏览器中读取下列数据文件并生成表格。未启用时，可直接下载各年度的完整排名 CSV 或数据下载页的文件。",
        "The report builder needs JavaScript: it reads the data files below in your browser and draws the table. Without it, download each year's full rankings CSV or the files of the data downloads page.",
    ),
    ("builder_agencies", "机关", "Agencies"),
    ("builder_name", "机关名称包含", "Agency name contains"),
    ("builder_kind", "机关类别", "Kind of agency"),
    ("all_kinds", "全部类别", "All kinds"),
    ("builder_years", "年度", "Years"),
    ("builder_measures", "指标", "Measures"),
    ("builder_run", "生成报表", "Build the report"),
    ("builder_csv", "下载 CSV", "Download CSV"),
    ("builder_share", "分享链接", "Link to this report"),
    ("builder_loading", "正在读取数据……", "Loading the data…"),
    (
        "builder_count",
        "{rows} 行（{agencies} 个机关）",
        "{rows} rows ({agencies} agencies)",
    ),
    ("builder_none", "没有符合条件的报告。", "No report matches."),
    (
        "builder_failed",
        "数据读取失败。",
        "The data could not be loaded.",
    ),
    (
        "builder_pick",
        "请至少选择一个年度和一个指标。",
        "Choose at least one year and one measure.",
    ),
    ("builder_chart", "图表：", "Chart: "),
    ("builder_sort", "按此列排序", "Sort by this column"),
    (
        "builder_data",
        "报表所用数据文件",
        "The data files the builder reads",
    ),
    ("dataset", "数据集说明", "About the dataset"),
    (
        "dataset_intro",
        "本档案的数据集目录采用 DCAT 词汇的 JSON-LD 格式，列出每个数据文件和每份报告的 JSON；数据字典列出数据文件中的每个键及其中英文名称、单位和适用的模板版本。",
        "The archive's catalog, in JSON-LD with the DCAT vocabulary, lists every data file and every report's JSON; the data dictionary gives every key of the data files with its Chinese and English label, unit and template versions.",
    ),
    (
        "catalog",
        "数据集目录（DCAT JSON-LD）",
        "Dataset catalog (DCAT JSON-LD)",
    ),
    ("dictionary", "数据字典（CSV）", "Data dictionary (CSV)"),
    ("publisher", "发布者", "Publisher"),
    ("license", "许可协议", "Licence"),
    ("contact", "联系方式", "Contact"),
    ("last_updated", "最近更新", "Last updated"),
    ("how_to_cite", "引用格式", "How to cite"),
    (
        "citation",
        // A space after the address: link checkers and readers' linkifiers took the full-width
        // bracket for part of it (a broken link to `/data/（2026-12-07`).
        "{publisher}. {title}［数据集］. {url} （{date} 更新）.",
        "{publisher}. {title} [dataset]. {url} (updated {date}).",
    ),
    (
        "file_report",
        "一份报告的数据（JSON）",
        "One report's data (JSON)",
    ),
    (
        "file_agency",
        "一个机关各年度的全部数值（CSV）",
        "One agency's values over the years (CSV)",
    ),
    (
        "file_catalog",
        "数据集目录（DCAT，JSON-LD）",
        "The dataset catalog (DCAT, JSON-LD)",
    ),
    (
        "file_dictionary",
        "数据字典：每个键的名称、单位和模板版本",
        "The data dictionary: every key's labels, unit and template versions",
    ),
    (
        "file_rankings",
        "{year} 年各机关排名（全部机关）",
        "{year}: every agency's ranked measures",
    ),
    (
        "file_builder_index",
        "自定义报表：机关、地区、类别、年度和指标",
        "Report builder: agencies, regions, kinds, years and measures",
    ),
    (
        "file_builder_values",
        "自定义报表：{year} 年 {measure}",
        "Report builder: {measure}, {year}",
    ),
];

/// The interface words in one language, keyed for templates.
pub(super) fn words(language: Language) -> BTreeMap<&'static str, &'static str> {
    WORDS
        .iter()
        .map(|&(key, zh, en)| {
            (
                key,
                match language {
                    Language::Zh => zh,
                    Language::En => en,
                },
            )
        })
        .collect()
}

/// The interface words of one language, for the views that write sentences: `{name}`
/// placeholders filled in, labels, lists and section numbers in that language.
pub(super) struct Words {
    words: BTreeMap<&'static str, &'static str>,
    language: Language,
}

impl Words {
    pub(super) fn new(language: Language) -> Words {
        Words {
            words: words(language),
            language,
        }
    }

    pub(super) fn language(&self) -> Language {
        self.language
    }

    pub(super) fn get(&self, key: &str) -> &'static str {
        self.words.get(key).copied().unwrap_or_else(|| {
            debug_assert!(false, "no word `{key}`");
            ""
        })
    }

    /// The word at `key` with each `{name}` replaced by its value.
    pub(super) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub(super) fn label(&self, label: Label) -> &'static str {
        label.get(self.language)
    }

    /// A list: 一、二 in Chinese, "1, 2" in English.
    pub(super) fn list(&self, items: &[String]) -> String {
        items.join(self.get("list_separator"))
    }

    /// A section's number as the site's language writes it: 三, or 3.
    pub(super) fn section(&self, number: u8) -> String {
        match self.language {
            Language::Zh => SECTION_NUMERALS[usize::from(number) - 1].to_string(),
            Language::En => number.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_defined_once_in_both_languages() {
        let mut keys: Vec<&str> = WORDS.iter().map(|(key, _, _)| *key).collect();
        keys.sort_unstable();
        let count = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), count, "a key is defined twice");
        for (key, zh, en) in WORDS {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
        }
    }
}
