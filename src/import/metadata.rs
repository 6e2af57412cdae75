//! The facts around a report's tables: its title, year, agency, published date, issuer and
//! address.

use std::sync::OnceLock;

use archive_core::messages::{Text, cli};

use regex::Regex;

use super::document::Document;
use super::sections::{Heading, Span, preamble, section};
use super::text::{find_date, fold_width, tighten_cjk_spacing};

/// What the importer found out about a report.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Metadata {
    /// The report's title.
    pub(crate) title: Option<String>,
    /// Lines of the body that make up the title (left out of the narrative).
    pub(crate) title_lines: Vec<usize>,
    /// The year the report covers.
    pub(crate) year: Option<u16>,
    /// The agency's name as the title gives it.
    pub(crate) agency: Option<String>,
    /// The published date, and where it was read.
    pub(crate) published: Option<(jiff::civil::Date, Text)>,
    /// The body that issued the report.
    pub(crate) issuer: Option<String>,
    /// Where the report was published.
    pub(crate) source_url: Option<String>,
}

/// Reads the metadata of a document whose section headings are known.
pub(crate) fn read(document: &Document, headings: &[Heading]) -> Metadata {
    let mut metadata = Metadata::default();
    let preamble = preamble(&document.lines, headings);
    let (title, title_lines) = title(document, &preamble);
    metadata.title = title;
    metadata.title_lines = title_lines;
    if let Some(title) = &metadata.title {
        metadata.year = year_of(title);
        metadata.agency = agency_of(title);
    }
    if metadata.year.is_none() {
        metadata.year = statistics_year(
            &document
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    metadata.published = published(document, headings, &preamble, metadata.year);
    metadata.issuer = issuer(document, headings, &preamble);
    metadata.source_url = source_url(document);
    metadata
}

/// The title: a heading line of the body (joined with the agency line above it when it starts
/// with the year), else a labelled title field, else the page's `<title>`.
fn title(document: &Document, preamble: &[Span<'_>]) -> (Option<String>, Vec<usize>) {
    let mut candidates: Vec<(usize, String)> = Vec::new();
    for span in preamble.iter().take(12) {
        if span.line.table.is_some() {
            break;
        }
        let text = span.text.trim();
        if text.is_empty() {
            continue;
        }
        let index = document
            .lines
            .iter()
            .position(|line| std::ptr::eq(line, span.line))
            .unwrap_or(0);
        candidates.push((index, text.to_owned()));
    }
    for (at, (index, text)) in candidates.iter().enumerate() {
        let head = title_prefix(text);
        let Some(head) = head else {
            continue;
        };
        let mut title = tighten_cjk_spacing(&head);
        // A line that holds more than the title (the opening paragraph run on) stays in the body.
        let whole_line = text.chars().count() <= head.chars().count() + 2;
        let mut lines = if whole_line { vec![*index] } else { Vec::new() };
        // `2024年政府信息公开工作年报` under a line with the agency's name.
        if agency_of(&title).is_none() && at > 0 {
            let (above_index, above) = &candidates[at - 1];
            if above.chars().count() <= 30 && !above.contains(['。', '，']) {
                title = format!("{}{title}", tighten_cjk_spacing(above));
                lines.insert(0, *above_index);
            }
        }
        return (Some(title), lines);
    }
    let field = document
        .field(&["ArticleTitle", "标题", "题目", "title"])
        .map(str::to_owned)
        .or_else(|| {
            document.page_title.as_ref().map(|title| {
                title
                    .split(['_', '|', '-'])
                    .next()
                    .unwrap_or(title)
                    .trim()
                    .to_owned()
            })
        })
        .filter(|title| title.contains("报告") || title.contains("年报"));
    (field, Vec::new())
}

/// A title at the start of a line: text up to 报告 or 年报 with a year in it, no sentence.
fn title_prefix(text: &str) -> Option<String> {
    static TITLE: OnceLock<Regex> = OnceLock::new();
    let pattern = TITLE.get_or_init(|| {
        Regex::new(
            r"^[^。，；：:]{0,40}?(?:19|20)\d{2}\s*年度?[^。，；：:]{0,30}?(?:年度报告|年报|报告)",
        )
        .expect("valid pattern")
    });
    let folded = fold_width(text);
    let found = pattern.find(&folded)?;
    Some(folded[..found.end()].trim().to_owned())
}

/// The year in a title (the first four-digit year before 年).
pub(crate) fn year_of(title: &str) -> Option<u16> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let pattern = YEAR.get_or_init(|| Regex::new(r"((?:19|20)\d{2})\s*年").expect("valid pattern"));
    pattern
        .captures(&fold_width(title))
        .and_then(|captures| captures[1].parse().ok())
}

/// The statistics period 统计期限自2024年1月1日…: its year.
fn statistics_year(text: &str) -> Option<u16> {
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let pattern = PERIOD.get_or_init(|| {
        Regex::new(r"统计期限[^。]{0,10}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
            .expect("valid pattern")
    });
    pattern
        .captures(&fold_width(text))
        .and_then(|captures| captures[1].parse().ok())
}

/// The agency in a title: what stands before the year, or after it up to 政府信息公开.
pub(crate) fn agency_of(title: &str) -> Option<String> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let pattern =
        YEAR.get_or_init(|| Regex::new(r"(?:19|20)\d{2}\s*年度?").expect("valid pattern"));
    let title: String = fold_width(title).split_whitespace().collect();
    let found = pattern.find(&title)?;
    let before =
        title[..found.start()].trim_matches(|c: char| !super::text::is_cjk(c) || c == '《');
    let name = if before.chars().count() >= 2 {
        before.to_owned()
    } else {
        let after = &title[found.end()..];
        let end = after
            .find("政府信息公开")
            .or_else(|| after.find("政务公开"))?;
        after[..end].to_owned()
    };
    let name = name.trim_matches(['《', '》', '(', ')', ' ']).to_owned();
    (name.chars().count() >= 2).then_some(name)
}

/// The published date: a labelled date (发布日期, 发布时间, the page's PubDate), else the date
/// line that closes the report (落款).
fn published(
    document: &Document,
    headings: &[Heading],
    preamble: &[Span<'_>],
    year: Option<u16>,
) -> Option<(jiff::civil::Date, Text)> {
    let plausible = |date: &jiff::civil::Date| {
        year.is_none_or(|year| {
            let published = i32::from(date.year());
            let year = i32::from(year);
            (year..=year + 2).contains(&published)
        })
    };
    const LABELS: [&str; 8] = [
        "发布日期",
        "发布时间",
        "PubDate",
        "publishdate",
        "成文日期",
        "日期",
        "时间",
        "firstpublishedtime",
    ];
    for label in LABELS {
        if let Some(value) = document.field(&[label])
            && let Some((date, _)) = find_date(value)
            && plausible(&date)
        {
            return Some((date, cli::date_from_page_field()));
        }
    }
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    let labelled = LABELLED.get_or_init(|| {
        Regex::new(r"(?:发布日期|发布时间|发文日期|日期|时间)\s*[:：]\s*").expect("valid pattern")
    });
    for span in preamble {
        let text = fold_width(span.text);
        if let Some(found) = labelled.find(&text)
            && let Some((date, range)) = find_date(&text[found.end()..])
            && range.start == 0
            && plausible(&date)
        {
            return Some((date, cli::date_printed_with_report()));
        }
    }
    // 落款: a line holding only a date at the end of the last section.
    let last = headings.last()?;
    let body = section(&document.lines, headings, last.number);
    for span in body.iter().rev().take(4) {
        let text = span.text.trim();
        if let Some((date, range)) = find_date(text)
            && range.start == 0
            && range.end == text.len()
            && plausible(&date)
        {
            return Some((date, cli::date_closing_line()));
        }
    }
    None
}

/// The issuing body: 本报告由…编制 in the opening paragraph, else the signature above the
/// closing date.
fn issuer(document: &Document, headings: &[Heading], preamble: &[Span<'_>]) -> Option<String> {
    static BY: OnceLock<Regex> = OnceLock::new();
    let by = BY.get_or_init(|| {
        Regex::new(r"(?:本|本年度)?报告由([\p{Han}（）()]{4,30}?)(?:根据|依据|按照|编制|汇总)")
            .expect("valid pattern")
    });
    let opening: String = preamble
        .iter()
        .chain(
            headings
                .first()
                .map(|_| section(&document.lines, headings, 1))
                .unwrap_or_default()
                .iter()
                .take(3),
        )
        .map(|span| span.text)
        .collect::<Vec<_>>()
        .join("");
    let raw_opening = opening;
    let opening = tighten_cjk_spacing(&raw_opening);
    if let Some(captures) = by.captures(&opening) {
        return Some(captures[1].to_owned());
    }
    // 来源：… printed with the article, or the page's ContentSource.
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    let source = SOURCE.get_or_init(|| {
        Regex::new(r"来源\s*[:：]\s*([\p{Han}（）()]{2,30})").expect("valid pattern")
    });
    let field = document
        .field(&["ContentSource", "来源", "发布机构"])
        .map(str::to_owned)
        .filter(|name| name.chars().count() >= 2)
        .or_else(|| {
            source
                .captures(&raw_opening)
                .map(|captures| captures[1].to_owned())
        });
    if field.is_some() {
        return field;
    }
    let last = headings.last()?;
    let body = section(&document.lines, headings, last.number);
    let lines: Vec<&str> = body
        .iter()
        .map(|span| span.text.trim())
        .filter(|text| !text.is_empty())
        .collect();
    let date_at = lines.iter().rposition(|text| {
        find_date(text).is_some_and(|(_, range)| range.start == 0 && range.end == text.len())
    })?;
    let signature = lines.get(date_at.checked_sub(1)?)?;
    (signature.chars().count() <= 30 && !signature.contains(['。', '，', '：']))
        .then(|| signature.to_string())
}

/// The address: from the provenance line, a labelled field, or the page's own.
fn source_url(document: &Document) -> Option<String> {
    static URL: OnceLock<Regex> = OnceLock::new();
    let url =
        URL.get_or_init(|| Regex::new(r"https?://[^\s)）,，;；<>\x22]+").expect("valid pattern"));
    let provenance = document
        .provenance
        .as_deref()
        .and_then(|line| url.find(line))
        .map(|found| found.as_str().trim_end_matches(['.', '。']).to_owned());
    provenance.or_else(|| {
        document
            .field(&["原文链接", "原文地址", "链接", "Url", "canonical"])
            .and_then(|value| url.find(value))
            .map(|found| found.as_str().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_and_year_come_from_the_title() {
        assert_eq!(
            agency_of("侯马经济开发区2024年政府信息公开工作年报").as_deref(),
            Some("侯马经济开发区")
        );
        assert_eq!(
            agency_of("2019年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(),
            Some("上海市人民政府办公厅")
        );
        assert_eq!(
            agency_of("淮安市洪泽区人民政府 2024 年政府信息公开工作年度报告").as_deref(),
            Some("淮安市洪泽区人民政府")
        );
        assert_eq!(
            year_of("平潭综合实验区2019年度政府信息公开工作年度报告"),
            Some(2019)
        );
        assert_eq!(year_of("２０２３年"), Some(2023));
    }

    #[test]
    fn titles_are_read_from_the_first_lines() {
        assert_eq!(
            title_prefix("平潭综合实验区2019年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》").as_deref(),
            Some("平潭综合实验区2019年政府信息公开工作年度报告")
        );
        assert!(title_prefix("2024年，我市坚持以习近平新时代中国特色社会主义思想为指导").is_none());
    }
}
