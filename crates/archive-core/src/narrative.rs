//! A report's narrative read as structure and text: where its six section headings stand, and its
//! plain text. Rendering splits the page at the same headings that the checks look for (R8), and
//! the similarity measure reads the same text, so both go through here.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown extensions sources may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The numerals of the six sections, 一 … 六.
pub const SECTION_NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// The number of a section heading: its text starts with 一、 … 六、.
pub fn section_number(heading: &str) -> Option<u8> {
    let mut chars = heading.trim_start().chars();
    let numeral = chars.next()?;
    let separator = chars.next()?;
    if !matches!(separator, '、' | '.' | '．' | ' ' | '　') {
        return None;
    }
    SECTION_NUMERALS
        .iter()
        .position(|&candidate| candidate == numeral)
        .map(|at| at as u8 + 1)
}

/// Decides which headings number a section: the level of the first heading that starts with a
/// section numeral is the level of all of them, so that a （一） list item or a `### 一、` inside
/// section 三 does not split the report.
#[derive(Debug, Default)]
pub struct SectionLevel(Option<HeadingLevel>);

impl SectionLevel {
    /// The section number of a heading at `level` with this text, if it numbers a section.
    pub fn number(&mut self, level: HeadingLevel, text: &str) -> Option<u8> {
        let number = section_number(text).filter(|_| self.0.is_none_or(|known| known == level))?;
        self.0 = Some(level);
        Some(number)
    }
}

/// The text of a heading from the events between its start and end.
pub fn heading_text<'e>(events: impl IntoIterator<Item = &'e Event<'e>>) -> String {
    events
        .into_iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                Some(text.as_ref())
            }
            _ => None,
        })
        .collect()
}

/// A section heading in a narrative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionHeading {
    /// 1 … 6.
    pub number: u8,
    /// The heading's text, trimmed.
    pub text: String,
    /// Where the heading starts, in bytes from the start of the narrative.
    pub start: usize,
    /// Where the heading ends (and its section's text begins).
    pub end: usize,
}

impl SectionHeading {
    /// The line of the heading in a file whose narrative starts at `body_line`.
    pub fn line(&self, body: &str, body_line: usize) -> usize {
        body_line + body[..self.start].matches('\n').count()
    }
}

/// The section headings of a narrative, in the order it has them.
pub fn section_headings(markdown: &str) -> Vec<SectionHeading> {
    let mut events = Parser::new_ext(markdown, options()).into_offset_iter();
    let mut level = SectionLevel::default();
    let mut headings = Vec::new();
    // Only the headings' own events are kept: a narrative is read as it is parsed.
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Heading { level: depth, .. }) = event else {
            continue;
        };
        let inside: Vec<Event<'_>> = events
            .by_ref()
            .map(|(event, _)| event)
            .take_while(|event| !matches!(event, Event::End(TagEnd::Heading(_))))
            .collect();
        let text = heading_text(&inside);
        if let Some(number) = level.number(depth, &text) {
            headings.push(SectionHeading {
                number,
                text: text.trim().to_owned(),
                start: range.start,
                end: range.end,
            });
        }
    }
    headings
}

/// The words of a narrative (or a part of one) without its headings, markup or line breaks: the
/// text of its paragraphs, lists, tables and quotes, in order.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(part) | Event::Code(part) | Event::Html(part) | Event::InlineHtml(part)
                if !in_heading =>
            {
                text.push_str(&part);
            }
            _ => {}
        }
    }
    text
}

/// The text of one section (after its heading, up to the next section heading), if the narrative
/// has that section; `headings` are the narrative's [`section_headings`].
pub fn section_text(markdown: &str, headings: &[SectionHeading], number: u8) -> Option<String> {
    let at = headings
        .iter()
        .position(|heading| heading.number == number)?;
    let end = headings
        .get(at + 1)
        .map_or(markdown.len(), |next| next.start);
    Some(plain_text(&markdown[headings[at].end..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "前言\n\n## 一、总体情况\n\n正文\n\n### 三、不是章节\n\n## 二、主动公开政府信息情况\n\n## 六、其他需要报告的事项\n\n无收取信息处理费情况。\n";

    #[test]
    fn section_numbers_need_the_separator() {
        assert_eq!(
            section_number("三、收到和处理政府信息公开申请情况"),
            Some(3)
        );
        assert_eq!(section_number("三是加大公开力度"), None);
        assert_eq!(section_number("（一）主动公开"), None);
    }

    #[test]
    fn headings_are_found_at_the_level_of_the_first() {
        let headings = section_headings(BODY);
        let numbers: Vec<u8> = headings.iter().map(|heading| heading.number).collect();
        assert_eq!(numbers, vec![1, 2, 6]);
        assert_eq!(headings[0].text, "一、总体情况");
        assert_eq!(headings[0].line(BODY, 10), 12);
    }

    #[test]
    fn text_leaves_out_headings_and_markup() {
        assert_eq!(
            plain_text("## 一、总体情况\n\n**加强**公开，\n共`3`件。\n"),
            "加强公开，共3件。"
        );
        assert_eq!(
            section_text(BODY, &section_headings(BODY), 6).as_deref(),
            Some("无收取信息处理费情况。")
        );
        assert_eq!(
            section_text(BODY, &section_headings(BODY), 1).as_deref(),
            Some("正文")
        );
        assert_eq!(section_text(BODY, &section_headings(BODY), 5), None);
    }
}
