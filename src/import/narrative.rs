//! The narrative as Markdown: the opening paragraphs, then each section under its own heading
//! (`## 一、总体情况` …), tables left out (the source holds their values) and page chrome dropped.

use std::sync::OnceLock;

use regex::Regex;
use unicode_width::UnicodeWidthStr;

use super::document::{Document, Form};
use super::metadata::Metadata;
use super::sections::{Heading, Span, preamble, section};
use super::text::{find_date, tighten_cjk_spacing};

/// Words a site prints around an article that are not part of the report.
const CHROME: [&str; 12] = [
    "附件下载",
    "扫一扫在手机上查看当前页面",
    "【打印】",
    "【关闭】",
    "打印本页",
    "关闭窗口",
    "分享到",
    "上一篇",
    "下一篇",
    "相关链接",
    "【字体：",
    "收藏",
];

/// Writes the body of a report source.
pub(crate) fn markdown(document: &Document, headings: &[Heading], metadata: &Metadata) -> String {
    let form = document.form.unwrap_or(Form::Text);
    let mut out = String::new();
    let spans: Vec<Span<'_>> = preamble(&document.lines, headings)
        .into_iter()
        .filter(|span| {
            let index = document
                .lines
                .iter()
                .position(|line| std::ptr::eq(line, span.line));
            !index.is_some_and(|index| metadata.title_lines.contains(&index))
        })
        .collect();
    let mut opening = paragraphs(&spans, form, false);
    // A title, a date line or a byline before the opening paragraph.
    opening.retain(|paragraph| !is_front_matter(paragraph));
    if let (Some(first), Some(title)) = (opening.first_mut(), &metadata.title) {
        *first = after_title(first, title);
    }
    opening.retain(|paragraph| !paragraph.is_empty());
    write_paragraphs(&mut out, &opening);
    for heading in headings {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("## ");
        out.push_str(&heading.text);
        out.push('\n');
        let body = section(&document.lines, headings, heading.number);
        // Sections 二 to 四 hold the tables: only sentences are narrative there.
        let tables = (2..=4).contains(&heading.number);
        let mut texts = paragraphs(&body, form, tables);
        if heading.number == headings.last().map_or(6, |h| h.number) {
            drop_chrome(&mut texts);
            join_closing(&mut texts);
        }
        if !texts.is_empty() {
            out.push('\n');
        }
        write_paragraphs(&mut out, &texts);
    }
    if !out.is_empty() {
        out.insert(0, '\n');
    }
    out
}

fn write_paragraphs(out: &mut String, paragraphs: &[String]) {
    for (at, paragraph) in paragraphs.iter().enumerate() {
        if at > 0 {
            out.push('\n');
        }
        out.push_str(paragraph);
        out.push('\n');
    }
}

/// The paragraphs of some spans. PDF text is joined across its wrapped lines; a long line of
/// text run together is cut before its numbered parts. In `tables` sections only sentences are
/// kept.
fn paragraphs(spans: &[Span<'_>], form: Form, tables: bool) -> Vec<String> {
    let texts: Vec<&str> = spans
        .iter()
        .filter(|span| span.line.table.is_none())
        .map(|span| span.text.trim())
        .collect();
    let mut out: Vec<String> = match form {
        Form::PdfText => join_wrapped(&texts),
        Form::Html | Form::Text => texts
            .iter()
            .filter(|text| !text.is_empty())
            .flat_map(|text| cut_long_line(text))
            .collect(),
    };
    if tables {
        out.retain(|paragraph| paragraph.contains('。') && !paragraph.contains('\t'));
    }
    out.iter_mut()
        .for_each(|paragraph| *paragraph = escape_markdown(paragraph.trim()));
    out.retain(|paragraph| !paragraph.is_empty());
    out
}

/// Joins lines wrapped at a page width into paragraphs: a paragraph ends at a line that ends a
/// sentence short of the full width, or before a numbered part (（一）…).
fn join_wrapped(lines: &[&str]) -> Vec<String> {
    let widths: Vec<usize> = lines.iter().map(|line| line.width()).collect();
    let mut sorted: Vec<usize> = widths.iter().copied().filter(|&w| w > 0).collect();
    sorted.sort_unstable();
    let full = sorted.get(sorted.len() * 9 / 10).copied().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (line, width) in lines.iter().zip(&widths) {
        if line.is_empty() {
            continue;
        }
        if !current.is_empty() && starts_part(line) {
            out.push(tighten_cjk_spacing(&current));
            current.clear();
        }
        current.push_str(line);
        current.push(' ');
        let ends_sentence = line.ends_with(['。', '：', '！', '？', '；']);
        if ends_sentence && (width + 4 < full || full == 0) {
            out.push(tighten_cjk_spacing(&current));
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(tighten_cjk_spacing(&current));
    }
    out.into_iter().map(|p| p.trim().to_owned()).collect()
}

fn starts_part(line: &str) -> bool {
    static PART: OnceLock<Regex> = OnceLock::new();
    PART.get_or_init(|| {
        Regex::new(r"^[（(][一二三四五六七八九十]{1,3}[)）]").expect("valid pattern")
    })
    .is_match(line)
}

/// A whole report on one line (text copied from a page that dropped its paragraphs): cut after a
/// sentence, before （一）, （1） or 1. parts.
fn cut_long_line(text: &str) -> Vec<String> {
    if text.chars().count() < 300 {
        return vec![text.to_owned()];
    }
    static PART: OnceLock<Regex> = OnceLock::new();
    let part = PART.get_or_init(|| {
        Regex::new(r"[。；]\s*([（(][一二三四五六七八九十0-9]{1,3}[)）]|[0-9]{1,2}\.[^0-9])")
            .expect("valid pattern")
    });
    let mut out = Vec::new();
    let mut start = 0;
    for found in part.captures_iter(text) {
        let cut = found.get(1).expect("group").start();
        if cut > start {
            out.push(text[start..cut].trim().to_owned());
            start = cut;
        }
    }
    out.push(text[start..].trim().to_owned());
    out.retain(|paragraph| !paragraph.is_empty());
    out
}

/// The opening paragraph without what a page prints before it: the breadcrumbs and title, then
/// short labels (来源：…, 时间：…, 微信, 打印 …) up to the first words of prose.
fn after_title(paragraph: &str, title: &str) -> String {
    let compact: String = title.split_whitespace().collect();
    let found = [title, compact.as_str()]
        .iter()
        .find_map(|title| paragraph.find(title).map(|at| (at, title.len())));
    let rest = match found {
        Some((at, length)) if at < 300 => &paragraph[at + length..],
        _ => return paragraph.to_owned(),
    };
    let mut words: Vec<&str> = rest.split(' ').collect();
    while let Some(first) = words.first() {
        let word = first.trim();
        let prose = word.chars().count() > 16 || word.contains(['。', '，', '、']);
        if !word.is_empty() && prose {
            break;
        }
        words.remove(0);
    }
    words.join(" ").trim().to_owned()
}

/// A title line, a date line or a 发布日期 line before the opening paragraph.
fn is_front_matter(paragraph: &str) -> bool {
    let short = paragraph.chars().count() <= 50 && !paragraph.contains('。');
    short
        && (paragraph.contains("报告")
            || paragraph.contains("年报")
            || paragraph.contains("发布")
            || find_date(paragraph).is_some())
}

fn drop_chrome(paragraphs: &mut Vec<String>) {
    for paragraph in paragraphs.iter_mut() {
        for word in CHROME {
            if let Some(at) = paragraph.find(word)
                && paragraph[at..].chars().count() <= word.chars().count() + 2
            {
                paragraph.truncate(at);
            }
        }
        *paragraph = paragraph.trim().to_owned();
    }
    paragraphs.retain(|paragraph| {
        !paragraph.is_empty() && !CHROME.iter().any(|word| paragraph.starts_with(word))
    });
}

/// The signature and date that close a report, kept on two lines of one paragraph.
fn join_closing(paragraphs: &mut Vec<String>) {
    let count = paragraphs.len();
    if count < 2 {
        return;
    }
    let last = &paragraphs[count - 1];
    let is_date =
        find_date(last).is_some_and(|(_, range)| range.start == 0 && range.end == last.len());
    let signature = &paragraphs[count - 2];
    if is_date && signature.chars().count() <= 30 && !signature.contains('。') {
        let date = paragraphs.pop().expect("two");
        let signature = paragraphs.pop().expect("one");
        paragraphs.push(format!("{signature}\\\n{date}"));
    }
}

/// Markdown would read some text as markup: a leading `#`, `>`, `-`, `+`, `*` or `1. `, and
/// `*`, `_`, `` ` `` anywhere.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '\\' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.insert(0, '\\');
    }
    static LIST: OnceLock<Regex> = OnceLock::new();
    let list = LIST.get_or_init(|| Regex::new(r"^(\d{1,9})([.)])(\s)").expect("valid pattern"));
    list.replace(&out, "$1\\$2$3").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_pdf_lines_join_into_paragraphs() {
        let lines = [
            "2023 年，洪泽区人民政府坚持以习近平新时代中国特色社会",
            "主义思想为指导，全面贯彻落实《条例》相关规范要求，不断完",
            "健康发展 。",
            "（一）主动公开情况。主要通过政府门户网站主动公开政府",
            "府信息 1136 条。",
        ];
        assert_eq!(
            join_wrapped(&lines),
            vec![
                "2023年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，不断完健康发展。",
                "（一）主动公开情况。主要通过政府门户网站主动公开政府府信息1136条。"
            ]
        );
    }

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(escape_markdown("# 标题"), "\\# 标题");
        assert_eq!(escape_markdown("1. 要点"), "1\\. 要点");
        assert_eq!(escape_markdown("1.加强组织领导"), "1.加强组织领导");
        assert_eq!(escape_markdown("a*b_c"), "a\\*b\\_c");
    }

    #[test]
    fn chrome_is_dropped_and_the_closing_kept_together() {
        let mut paragraphs = vec![
            "2021年，无收取信息处理费情况。 附件下载".to_owned(),
            "侯马经济开发区管委会".to_owned(),
            "2025年1月22日".to_owned(),
        ];
        drop_chrome(&mut paragraphs);
        join_closing(&mut paragraphs);
        assert_eq!(
            paragraphs,
            vec![
                "2021年，无收取信息处理费情况。".to_owned(),
                "侯马经济开发区管委会\\\n2025年1月22日".to_owned()
            ]
        );
    }
}
