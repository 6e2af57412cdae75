//! The interface's words, in Chinese and English. Templates read them as `t.<key>`.

use std::collections::BTreeMap;

use crate::config::Language;

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
    ("skip_to_content", "跳到正文", "Skip to content"),
    ("site_navigation", "网站导航", "Site navigation"),
    ("contents", "目录", "Contents"),
    ("tables", "统计表", "Tables"),
    ("none_yet", "暂无报告。", "No reports yet."),
    ("feed", "订阅（Atom）", "Feed (Atom)"),
    ("generated_by", "由 archive 生成", "Made with archive"),
    (
        "about_values",
        "表中数值按报告原文录入，空白单元格保持空白，不视为 0。",
        "Values are as printed in the report; blank cells stay blank and are not zero.",
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
