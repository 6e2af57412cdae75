//! A report's narrative: Markdown to HTML (pulldown-cmark), split at the report's six section
//! headings so that the tables can stand in their sections, with fenced code highlighted by
//! syntect as CSS classes.
//!
//! Report text is pasted from many websites and must not carry scripts: raw HTML is cleaned with
//! ammonia (unless the site allows it as it is), and Markdown links keep only web, mail and
//! relative addresses.

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd, html};
use serde::Serialize;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The narrative, in parts.
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Narrative {
    /// What comes before the first section heading.
    pub preamble_html: String,
    /// The sections, in the report's order.
    pub sections: Vec<Section>,
}

/// One numbered section (一 … 六) of the narrative.
#[derive(Debug, Serialize, PartialEq)]
pub struct Section {
    /// 1 … 6.
    pub number: u8,
    /// The heading's text as the report prints it.
    pub heading: String,
    /// The anchor id of the heading.
    pub id: String,
    /// The section's text, after its heading.
    pub body_html: String,
}

use crate::html::escaped;
pub use archive_core::narrative::section_number;
use archive_core::narrative::{SectionLevel, heading_text, options};

/// What happens to raw HTML written in a source's Markdown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// Cleaned by ammonia: formatting kept, scripts, event handlers and unsafe links removed.
    #[default]
    Sanitize,
    /// Passed through as written (`allow_raw_html = true` in site.toml, for trusted sources).
    Allow,
}

/// Renders a narrative.
pub fn render(markdown: &str, raw_html: RawHtml) -> Narrative {
    let mut has_raw_html = false;
    let events: Vec<Event<'_>> = safe_events(Parser::new_ext(markdown, options()))
        .inspect(|event| has_raw_html |= matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .collect();
    let sanitize = has_raw_html && raw_html == RawHtml::Sanitize;
    // The level of the first heading that numbers a section is the level of all of them.
    let mut section_level = SectionLevel::default();
    // (section number and heading, events); the first part is the preamble.
    type Part<'e> = (Option<(u8, String)>, Vec<Event<'e>>);
    let mut parts: Vec<Part<'_>> = vec![(None, Vec::new())];
    let mut at = 0;
    let mut heading_count = 0;
    while at < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[at] {
            let end = events[at..]
                .iter()
                .position(|event| matches!(event, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |offset| at + offset);
            let text = heading_text(&events[at + 1..end]);
            if let Some(number) = section_level.number(*level, &text) {
                parts.push((Some((number, text.trim().to_owned())), Vec::new()));
                at = end + 1;
                continue;
            }
            heading_count += 1;
            let id = format!("h{heading_count}");
            let part = &mut parts.last_mut().expect("never empty").1;
            part.push(Event::Start(Tag::Heading {
                level: *level,
                id: Some(CowStr::from(id)),
                classes: Vec::new(),
                attrs: Vec::new(),
            }));
            part.extend(events[at + 1..=end.min(events.len() - 1)].iter().cloned());
            at = end + 1;
            continue;
        }
        parts
            .last_mut()
            .expect("never empty")
            .1
            .push(events[at].clone());
        at += 1;
    }
    let mut narrative = Narrative::default();
    for (heading, events) in parts {
        let mut body_html = String::new();
        html::push_html(&mut body_html, highlight_code(events).into_iter());
        if sanitize {
            body_html = sanitizer().clean(&body_html).to_string();
        }
        match heading {
            None => narrative.preamble_html = body_html,
            Some((number, heading)) => narrative.sections.push(Section {
                number,
                id: format!("section-{number}"),
                heading,
                body_html,
            }),
        }
    }
    narrative
}

/// Shows raw HTML as text, drops unsafe link addresses and links e-mail addresses.
fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Inside links and code, text stays as it is.
    let mut verbatim = false;
    events.flat_map(move |event| match event {
        Event::Text(text) if !verbatim => link_emails(text),
        Event::Start(Tag::Link { .. } | Tag::CodeBlock(_)) => {
            verbatim = true;
            vec![safe_event(event)]
        }
        Event::End(TagEnd::Link | TagEnd::CodeBlock) => {
            verbatim = false;
            vec![event]
        }
        other => vec![safe_event(other)],
    })
}

/// Reports print contact addresses inside long runs of Chinese text with no spaces around them;
/// linking them makes them usable and keeps link checkers from reading the whole run as an address.
fn link_emails(text: CowStr<'_>) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    let mut rest: &str = &text;
    while let Some((start, end)) = find_email(rest) {
        if start > 0 {
            events.push(Event::Text(CowStr::from(rest[..start].to_owned())));
        }
        let address = &rest[start..end];
        events.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Autolink,
            dest_url: CowStr::from(format!("mailto:{address}")),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        events.push(Event::Text(CowStr::from(address.to_owned())));
        events.push(Event::End(TagEnd::Link));
        rest = &rest[end..];
    }
    if events.is_empty() {
        return vec![Event::Text(text)];
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_owned())));
    }
    events
}

/// The byte range of the first e-mail address (ASCII local part @ dotted ASCII domain).
fn find_email(text: &str) -> Option<(usize, usize)> {
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text[from..].find('@') {
        let at = from + offset;
        let start = (0..at)
            .rev()
            .take_while(|&i| local(bytes[i]))
            .last()
            .unwrap_or(at);
        let mut end = (at + 1..bytes.len())
            .take_while(|&i| domain(bytes[i]))
            .last()
            .map_or(at + 1, |i| i + 1);
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let host = &text[at + 1..end];
        let has_tld = host.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        if start < at && has_tld {
            return Some((start, end));
        }
        from = at + 1;
    }
    None
}

/// The cleaner for narratives with raw HTML: ammonia's safe defaults, plus what the renderer
/// itself emits (heading anchors, code highlighting classes), and only web and mail links.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(["http", "https", "mailto"].into())
            .add_generic_attributes(["id"])
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("pre", ["class", "data-lang"])
            .add_tag_attributes("code", ["class"]);
        builder
    })
}

fn safe_event(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

/// Keeps web, mail, in-page and relative addresses; anything with another scheme (javascript:,
/// data:, vbscript: …) becomes an empty anchor.
pub fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_start = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    let has_scheme = scheme_end.is_some_and(|at| at < path_start);
    let allowed = !has_scheme
        || lower.starts_with("https:")
        || lower.starts_with("http:")
        || lower.starts_with("mailto:");
    if allowed { url } else { CowStr::from("#") }
}

/// Replaces fenced code blocks with syntect's classed HTML.
fn highlight_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                code.as_mut().expect("checked").1.push_str(&text);
            }
            Event::End(TagEnd::CodeBlock) => {
                let (language, text) = code.take().unwrap_or_default();
                out.push(Event::Html(CowStr::from(highlighted(&language, &text))));
            }
            other => out.push(other),
        }
    }
    out
}

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// One code block as `<pre class="code"><code>` with `hl-` classes that themes colour.
fn highlighted(language: &str, code: &str) -> String {
    let syntaxes = syntaxes();
    let syntax = syntaxes
        .find_syntax_by_token(language)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            // syntect gave up on this line: show the block unhighlighted.
            return format!("<pre class=\"code\"><code>{}</code></pre>\n", escaped(code));
        }
    }
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escaped(language))
    };
    format!(
        "<pre class=\"code\"{class}><code>{}</code></pre>\n",
        generator.finalize()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_split_at_numbered_headings() {
        let narrative = render(
            "前言\n\n## 一、总体情况\n\n正文\n\n### （一）主动公开\n\n细节\n\n## 二、主动公开政府信息情况\n\n## 六、其他需要报告的事项\n\n无。\n",
            RawHtml::Sanitize,
        );
        assert_eq!(narrative.preamble_html, "<p>前言</p>\n");
        let numbers: Vec<u8> = narrative.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, vec![1, 2, 6]);
        assert_eq!(narrative.sections[0].heading, "一、总体情况");
        assert_eq!(
            narrative.sections[0].body_html,
            "<p>正文</p>\n<h3 id=\"h1\">（一）主动公开</h3>\n<p>细节</p>\n"
        );
        assert_eq!(narrative.sections[1].body_html, "");
    }

    #[test]
    fn raw_html_is_sanitised_and_script_links_are_defused() {
        let source = "<script>alert(1)</script>\n\n<p onclick=\"x()\">段落<br>换行</p>\n\n[点击](javascript:alert(1)) [官网](https://www.gov.cn/)\n";
        let html = render(source, RawHtml::Sanitize).preamble_html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<p>段落<br>换行</p>"), "{html}");
        assert!(
            html.contains(">点击</a>") && !html.contains("javascript"),
            "{html}"
        );
        assert!(html.contains("href=\"https://www.gov.cn/\""), "{html}");
        let trusted = render(source, RawHtml::Allow).preamble_html;
        assert!(trusted.contains("<p onclick=\"x()\">"), "{trusted}");
    }

    #[test]
    fn email_addresses_in_running_text_are_linked() {
        let narrative = render(
            "联系（电话：0517-83605210，电子邮箱：hazwgkc@163.com）。\n",
            RawHtml::Sanitize,
        );
        assert_eq!(
            narrative.preamble_html,
            "<p>联系（电话：0517-83605210，电子邮箱：<a href=\"mailto:hazwgkc@163.com\">hazwgkc@163.com</a>）。</p>\n"
        );
        assert_eq!(find_email("a@b"), None);
        assert_eq!(find_email("见 x.y@gov.cn."), Some((4, 14)));
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let narrative = render("```json\n{\"a\": \"x@gov.cn\"}\n```\n", RawHtml::Sanitize);
        assert!(
            narrative.preamble_html.contains("x@gov.cn"),
            "{}",
            narrative.preamble_html
        );
        assert!(!narrative.preamble_html.contains("mailto"));
        assert!(
            narrative.preamble_html.starts_with(
                "<pre class=\"code\" data-lang=\"json\"><code><span class=\"hl-source hl-json\">"
            ),
            "{}",
            narrative.preamble_html
        );
    }
}
