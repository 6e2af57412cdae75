//! Finding the six section headings (一、总体情况 … 六、其他需要报告的事项) in a report's lines,
//! also where the text runs together (`…成效。二、主动公开政府信息情况 第二十条…`).
//!
//! A heading is a numeral with `、`, then text ending in 情况 or 事项 within a short span, holding
//! the section's keyword and no digits or sentence punctuation. Headings are looked for in order,
//! so the table's own 三、本年度办理结果 or 四、结转下年度继续办理 are never taken for one; a
//! missing section is skipped.

use super::document::Line;

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Words one of which each section's heading holds (the templates' headings, and the variants
/// reports print: 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 …).
const KEYWORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "基本情况"],
    &["主动公开"],
    &["申请"],
    &["复议", "诉讼"],
    &["问题", "改进"],
    &["其他"],
];

const LONGEST: usize = 40;

/// A section heading found in the lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    /// 1 … 6.
    pub(crate) number: u8,
    /// The index of its line.
    pub(crate) line: usize,
    /// Where it starts and ends in the line (bytes).
    pub(crate) start: usize,
    /// The end of the heading's text in the line.
    pub(crate) end: usize,
    /// Its text as printed, spaces removed.
    pub(crate) text: String,
}

/// A part of a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span<'a> {
    /// The line.
    pub(crate) line: &'a Line,
    /// The part of its text.
    pub(crate) text: &'a str,
}

/// Every section heading, in order.
pub(crate) fn find_headings(lines: &[Line]) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut from = (0, 0);
    for number in 1..=6u8 {
        if let Some(heading) = find_one(lines, number, from) {
            from = (heading.line, heading.end);
            found.push(heading);
        }
    }
    found
}

fn find_one(lines: &[Line], number: u8, from: (usize, usize)) -> Option<Heading> {
    let numeral = NUMERALS[usize::from(number) - 1];
    for (index, line) in lines.iter().enumerate().skip(from.0) {
        if line.table.is_some() {
            continue;
        }
        let start_at = if index == from.0 { from.1 } else { 0 };
        let text = &line.text;
        for (at, c) in text[start_at..].char_indices() {
            if c != numeral {
                continue;
            }
            let start = start_at + at;
            let after = &text[start + c.len_utf8()..];
            let Some(rest) = after.strip_prefix(['、', '.', '．']) else {
                continue;
            };
            let rest_start = text.len() - rest.len();
            if let Some(length) = heading_length(rest, number) {
                let end = rest_start + length;
                return Some(Heading {
                    number,
                    line: index,
                    start,
                    end,
                    text: text[start..end].split_whitespace().collect(),
                });
            }
        }
    }
    None
}

/// The length in bytes of a heading's text after its numeral, if `rest` starts with one.
fn heading_length(rest: &str, number: u8) -> Option<usize> {
    let window: String = rest.chars().take(LONGEST).collect();
    let end = ["情况", "事项"]
        .iter()
        .filter_map(|word| window.find(word).map(|at| at + word.len()))
        .min()
        .or_else(|| {
            // A heading that ends otherwise (…改进措施) takes its whole short line.
            (rest.chars().count() <= LONGEST && !rest.contains('。')).then_some(rest.len())
        })?;
    let heading = &rest[..end];
    let clean = !heading.chars().any(|c| {
        c.is_ascii_digit() || matches!(c, '。' | '；' | '：' | ':' | ';' | '，' | '０'..='９')
    });
    let keyword = KEYWORDS[usize::from(number) - 1]
        .iter()
        .any(|word| heading.contains(word));
    (clean && keyword && !heading.trim().is_empty()).then_some(end)
}

/// The body of section `number`: from its heading to the next heading found.
pub(crate) fn section<'a>(lines: &'a [Line], headings: &[Heading], number: u8) -> Vec<Span<'a>> {
    let Some(position) = headings.iter().position(|h| h.number == number) else {
        return Vec::new();
    };
    let heading = &headings[position];
    let end = headings
        .get(position + 1)
        .map(|next| (next.line, next.start));
    spans(lines, (heading.line, heading.end), end)
}

/// What comes before the first heading (the whole text if there is none).
pub(crate) fn preamble<'a>(lines: &'a [Line], headings: &[Heading]) -> Vec<Span<'a>> {
    let end = headings.first().map(|first| (first.line, first.start));
    spans(lines, (0, 0), end)
}

fn spans<'a>(lines: &'a [Line], from: (usize, usize), to: Option<(usize, usize)>) -> Vec<Span<'a>> {
    let to = to.unwrap_or((lines.len(), 0));
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate().take(to.0 + 1).skip(from.0) {
        if index == lines.len() {
            break;
        }
        let start = if index == from.0 { from.1 } else { 0 };
        let end = if index == to.0 { to.1 } else { line.text.len() };
        if start > end || (index == to.0 && end == 0 && line.table.is_none()) {
            continue;
        }
        if index == to.0 && line.table.is_some() {
            continue;
        }
        out.push(Span {
            line,
            text: &line.text[start..end],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(at, text)| Line {
                text: (*text).to_owned(),
                number: at + 1,
                table: None,
            })
            .collect()
    }

    #[test]
    fn headings_are_found_in_run_together_text() {
        let lines = lines(&[
            "报告 一、总体情况2019年，取得成效。二、主动公开政府信息情况 第二十条规章000三、收到和处理政府信息公开申请情况（本列…）三、本年度办理结果（一）予以公开7000007四、结转下年度继续办理 0 0 00 00 0 四、政府信息公开行政复议、行政诉讼情况000000000000000 五、存在的主要问题及改进情况问题。六、其他需要报告的事项 无其他需要报告的事项",
        ]);
        let headings = find_headings(&lines);
        let texts: Vec<&str> = headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项"
            ]
        );
        let body: Vec<&str> = section(&lines, &headings, 4)
            .iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(body, vec!["000000000000000 "]);
        assert_eq!(preamble(&lines, &headings)[0].text, "报告 ");
    }

    #[test]
    fn sections_span_lines_and_missing_ones_are_skipped() {
        let lines = lines(&[
            "前言",
            "一、总体情况",
            "正文",
            "正文二",
            "五、存在的主要问题及改进情况",
            "问题",
        ]);
        let headings = find_headings(&lines);
        assert_eq!(
            headings.iter().map(|h| h.number).collect::<Vec<_>>(),
            vec![1, 5]
        );
        let body: Vec<&str> = section(&lines, &headings, 1)
            .iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(body, vec!["", "正文", "正文二"]);
        assert!(section(&lines, &headings, 2).is_empty());
    }
}
