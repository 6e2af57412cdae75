//! How deeply a web page's elements nest, measured before the page is parsed.
//!
//! html5ever's tree builder checks "is an element in scope" by walking its stack of open elements,
//! once for nearly every tag, so a page nested n deep costs n² steps (50,000 nested `<div>`s: a
//! quarter of a minute), and the importer's own walk over the tree follows the nesting. A report's
//! page nests a few dozen elements deep; one nested more deeply than [`MAX_NESTING`] is refused
//! before it is parsed. The measure is html5ever's tokenizer (linear) with a stack of element
//! names that models the tree builder closely enough to bound it: end tags close the last element
//! of their name and what was opened inside it, and the elements a page may leave unclosed
//! (`<p>`, `<li>`, `<td>` …) are closed by the next one of their kind, and formatting elements
//! (`<b>`, `<font>` …) closed around them are opened again before the next text, as browsers do.

use std::cell::RefCell;

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rustc_hash::{FxHashMap, FxHashSet};

/// The deepest nesting a page may have. The real reports' pages nest under 40 deep; the margin is
/// for layouts of nested tables and for pages that leave elements unclosed. At this depth the
/// tree builder's scope checks cost at most this many steps a tag.
pub(crate) const MAX_NESTING: usize = 512;

/// Where a page first nests more deeply than [`MAX_NESTING`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    /// The input's line (1-based) of the tag that went too deep.
    pub(crate) line: u64,
}

/// Checks that `html` nests no more than [`MAX_NESTING`] elements deep.
pub(crate) fn check(html: &str) -> Result<(), TooDeep> {
    let tokenizer = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to run a script, so one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    match tokenizer.sink.state.into_inner().too_deep {
        Some(line) => Err(TooDeep { line }),
        None => Ok(()),
    }
}

/// Elements that have no content and no end tag.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements that a start tag of the same group closes (`<li>` closes an open `<li>`), looking
/// down the open elements no further than the group's scope: a cell or a row nested in another
/// table's cell closes nothing outside its table, an item nothing outside its list.
const CLOSED_BY_A_SIBLING: [(&[&str], Scope); 9] = [
    (&["p"], Scope::Button),
    (&["table"], Scope::Cell),
    (&["li"], Scope::List),
    (&["dd", "dt"], Scope::List),
    (&["option", "optgroup"], Scope::Current),
    (&["rb", "rt", "rp", "rtc"], Scope::Ruby),
    (&["td", "th"], Scope::Table),
    (&["tr"], Scope::Table),
    (&["thead", "tbody", "tfoot"], Scope::Table),
];

/// Start tags that close an open `<p>` first.
const CLOSES_P: [&str; 44] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "plaintext",
    "table",
    "hr",
    "li",
    "dd",
    "dt",
    "xmp",
    "select",
    "ruby",
    "button",
];

const TABLE_SCOPE: &[&str] = &["html", "table", "template"];
const BUTTON_SCOPE: &[&str] = &[
    "html", "table", "template", "td", "th", "caption", "button", "object", "applet", "marquee",
];

/// How far down the open elements a start tag looks for one of its group to close.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Button,
    /// Also not beyond another block (but `<div>`, `<p>`, `<address>`): a list in an item.
    List,
    Ruby,
    Table,
    /// Not beyond a table's cell: a table opened right in another closes that one.
    Cell,
    /// Only the innermost element.
    Current,
}

impl Scope {
    /// Whether the search stops at `element`, leaving it and what is outside it open.
    fn stops_at(self, element: &str) -> bool {
        match self {
            Scope::Button => BUTTON_SCOPE.contains(&element),
            Scope::List => {
                BUTTON_SCOPE.contains(&element)
                    || BLOCK_LEVEL.contains(&element) && !matches!(element, "address" | "div" | "p")
            }
            Scope::Ruby => BUTTON_SCOPE.contains(&element) || element == "ruby",
            Scope::Table => TABLE_SCOPE.contains(&element),
            Scope::Cell => matches!(element, "html" | "template" | "td" | "th" | "caption"),
            Scope::Current => true,
        }
    }
}

/// Formatting elements: closed by an end tag of an element around them, they stay "active" and
/// browsers open them again before the next text or tag (the HTML standard's "reconstruct the
/// active formatting elements"), so a page can nest deeply without a tag for every level.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements that start a new list of active formatting elements (a cell, say).
const MARKERS: [&str; 7] = [
    "td", "th", "caption", "object", "applet", "marquee", "template",
];

/// Start tags before which browsers do not open the active formatting elements again: blocks,
/// tables and the document's frame (text inside them does).
const BLOCK_LEVEL: [&str; 60] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "li",
    "dd",
    "dt",
    "plaintext",
    "table",
    "hr",
    "html",
    "head",
    "body",
    "script",
    "style",
    "title",
    "meta",
    "link",
    "base",
    "td",
    "th",
    "tr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "colgroup",
    "col",
    "template",
    "noscript",
];

#[derive(Default)]
struct Depth {
    state: RefCell<Stack>,
}

/// The open elements and the active formatting elements, as the tree builder keeps them.
#[derive(Default)]
struct Stack {
    open: Vec<(LocalName, u64)>,
    /// How many of each name are open, so that an end tag without a match costs no search.
    counts: FxHashMap<LocalName, usize>,
    /// The ids of the open elements.
    open_ids: FxHashSet<u64>,
    formatting: Vec<Active>,
    next_id: u64,
    too_deep: Option<u64>,
}

enum Active {
    Marker,
    Element { tag: Tag, id: u64 },
}

impl Stack {
    fn push(&mut self, name: &LocalName) -> u64 {
        self.next_id += 1;
        self.open.push((name.clone(), self.next_id));
        self.open_ids.insert(self.next_id);
        *self.counts.entry(name.clone()).or_default() += 1;
        self.next_id
    }

    fn pop(&mut self) -> Option<LocalName> {
        let (name, id) = self.open.pop()?;
        self.open_ids.remove(&id);
        if let Some(count) = self.counts.get_mut(&name) {
            *count -= 1;
        }
        if MARKERS.contains(&&*name) {
            while let Some(active) = self.formatting.pop() {
                if matches!(active, Active::Marker) {
                    break;
                }
            }
        }
        Some(name)
    }

    /// Closes the innermost open element of `group` within `scope`, and everything inside it.
    fn close_in_scope(&mut self, group: &[&str], scope: Scope) {
        let below = self
            .open
            .iter()
            .rev()
            .take_while(|(open, _)| group.contains(&&**open) || !scope.stops_at(open))
            .position(|(open, _)| group.contains(&&**open));
        if let Some(below) = below {
            for _ in 0..=below {
                self.pop();
            }
        }
    }

    /// Closes the last open element named `name`, and everything opened inside it.
    fn end(&mut self, name: &LocalName) {
        if FORMATTING.contains(&&**name) {
            // A block opened inside the formatting element stays open, with a copy of the
            // formatting element in it (the standard's "adoption agency"): nothing closes.
            if let Some(at) = self.open.iter().rposition(|(open, _)| open == name)
                && self.open[at + 1..]
                    .iter()
                    .any(|(open, _)| BLOCK_LEVEL.contains(&&**open))
            {
                return;
            }
            let last = self
                .formatting
                .iter()
                .rev()
                .take_while(|active| !matches!(active, Active::Marker))
                .position(
                    |active| matches!(active, Active::Element { tag, .. } if tag.name == *name),
                );
            if let Some(last) = last {
                self.formatting.remove(self.formatting.len() - 1 - last);
            }
        }
        if self.counts.get(name).is_none_or(|&count| count == 0) {
            return;
        }
        while let Some(open) = self.pop() {
            if open == *name {
                return;
            }
        }
    }

    /// Opens again the active formatting elements that were closed around them, as browsers
    /// do before text and tags.
    fn reconstruct(&mut self) {
        let closed = self
            .formatting
            .iter()
            .rev()
            .take_while(|active| {
                matches!(active, Active::Element { id, .. } if !self.open_ids.contains(id))
            })
            .count();
        let first = self.formatting.len() - closed;
        for at in first..self.formatting.len() {
            let Active::Element { tag, .. } = &self.formatting[at] else {
                continue;
            };
            let name = tag.name.clone();
            let reopened = self.push(&name);
            if let Active::Element { id, .. } = &mut self.formatting[at] {
                *id = reopened;
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        // A link or `<nobr>` in an open one closes that one first.
        if matches!(name, "a" | "nobr") {
            self.end(&tag.name);
        }
        if !BLOCK_LEVEL.contains(&name) {
            self.reconstruct();
        }
        if VOID.contains(&name) {
            return;
        }
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], Scope::Button);
        }
        if let Some((group, scope)) = CLOSED_BY_A_SIBLING
            .iter()
            .find(|(group, _)| group.contains(&name))
        {
            self.close_in_scope(group, *scope);
        }
        let id = self.push(&tag.name);
        if FORMATTING.contains(&name) {
            // At most three alike after the last marker: the earliest goes (the "Noah's Ark").
            let alike: Vec<usize> = self
                .formatting
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, active)| !matches!(active, Active::Marker))
                .filter(|(_, active)| {
                    matches!(active, Active::Element { tag: other, .. }
                        if other.name == tag.name && other.attrs == tag.attrs)
                })
                .map(|(at, _)| at)
                .collect();
            if alike.len() >= 3 {
                self.formatting.remove(alike[alike.len() - 1]);
            }
            self.formatting.push(Active::Element {
                tag: tag.clone(),
                id,
            });
        } else if MARKERS.contains(&name) {
            self.formatting.push(Active::Marker);
        }
    }

    fn check(&mut self, line: u64) {
        if self.open.len() > MAX_NESTING {
            self.too_deep = Some(line);
        }
    }
}

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut stack = self.state.borrow_mut();
        // Found: the rest need not be measured, and the stack stays within the limit.
        if stack.too_deep.is_some() {
            return TokenSinkResult::Continue;
        }
        let tag = match token {
            Token::TagToken(tag) => tag,
            Token::CharacterTokens(text) => {
                if !text.trim().is_empty() {
                    stack.reconstruct();
                    stack.check(line_number);
                }
                return TokenSinkResult::Continue;
            }
            _ => return TokenSinkResult::Continue,
        };
        let result = match tag.kind {
            TagKind::EndTag => {
                stack.end(&tag.name);
                TokenSinkResult::Continue
            }
            TagKind::StartTag => {
                stack.start(&tag);
                // What the tree builder reads as text, not tags.
                match &*tag.name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
        };
        stack.check(line_number);
        result
    }
}

#[cfg(test)]
mod tests {
    use ego_tree::iter::Edge;

    use super::*;

    #[test]
    fn nesting_beyond_the_limit_is_found_with_its_line() {
        let deep = format!("<html>\n<body>\n{}", "<div>".repeat(MAX_NESTING));
        assert_eq!(check(&deep), Err(TooDeep { line: 3 }));
        let within = format!("<div>{}", "<span>".repeat(MAX_NESTING - 1));
        assert_eq!(check(&within), Ok(()));
    }

    #[test]
    fn closed_and_self_closing_elements_do_not_add_up() {
        let siblings = "<div><p>a</p><br><img src=x></div>".repeat(10 * MAX_NESTING);
        assert_eq!(check(&siblings), Ok(()));
        // Paragraphs, items and cells left open are closed by the next of their kind.
        let unclosed = "<p>a<li>b<table><tr><td>1<td>2<tr><th>3</table>".repeat(MAX_NESTING);
        assert_eq!(check(&unclosed), Ok(()));
        // An end tag closes what was opened inside its element.
        let inner_left_open = "<div><b><i>x</div>".repeat(MAX_NESTING);
        assert_eq!(check(&inner_left_open), Ok(()));
    }

    #[test]
    fn formatting_elements_opened_again_count() {
        // Each round leaves 100 different <b>s active; browsers open them all again before the
        // next text, inside the next <div>: 100 levels more a round, without a tag for them.
        let round = |r: usize| {
            let tags: String = (0..100).map(|i| format!("<b id={r}-{i}>")).collect();
            format!("<div>{tags}</div><div>x</div>")
        };
        let rounds: String = (0..10).map(round).collect();
        assert!(check(&rounds).is_err());
        // Formatting left open in every paragraph, as sloppy pages do: opened again in the next
        // paragraph, at most three alike, so it does not add up.
        let sloppy = "<p><font color=red>a</p><p><b>b</p>".repeat(2 * MAX_NESTING);
        assert_eq!(check(&sloppy), Ok(()));
        let closed = "<p><b>a</b> <i>b</i></p>".repeat(2 * MAX_NESTING);
        assert_eq!(check(&closed), Ok(()));
    }

    /// The depth of the tree html5ever builds (scraper's), walked without recursion.
    fn parsed_depth(html: &str) -> usize {
        let document = scraper::Html::parse_document(html);
        let (mut depth, mut deepest) = (0usize, 0usize);
        for edge in document.tree.root().traverse() {
            match edge {
                Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Edge::Close(_) => depth -= 1,
            }
        }
        deepest
    }

    #[test]
    fn the_measure_follows_the_tree_builder() {
        // Shapes whose tree nests deeper than the tags do: the measure refuses each.
        let deeper = [
            // A block in a formatting element stays open when it ends ("adoption agency").
            "<b><div>".repeat(300) + &"</b>x".repeat(300),
            "<a><div>x</a>".repeat(700),
            // A block closes the paragraph, and the stray </p> does not close the block.
            "<p><font>x<div>y</p>".repeat(400),
            // Ruby and list items close siblings only inside their own ruby or list.
            "<ruby><rb>x<rt>".repeat(400),
            "<li><ul>".repeat(400),
            "<dl><dd>".repeat(400),
        ];
        for html in deeper {
            assert!(parsed_depth(&html) > MAX_NESTING, "{}", &html[..40]);
            assert!(check(&html).is_err(), "{}", &html[..40]);
        }
        // Shapes whose tags look deep but whose tree is not: the measure lets each through.
        let shallow = [
            "<table>x<b>y".repeat(2 * MAX_NESTING),
            "<nobr>x<nobr>y".repeat(2 * MAX_NESTING),
            "<a href=1>x<a href=2>y".repeat(2 * MAX_NESTING),
            "<b><i>x</b>y</i>".repeat(2 * MAX_NESTING),
            "<ul><li>a<li>b</ul><dl><dt>c<dd>d</dl>".repeat(2 * MAX_NESTING),
        ];
        for html in shallow {
            assert!(parsed_depth(&html) < 20, "{}", &html[..40]);
            assert_eq!(check(&html), Ok(()), "{}", &html[..40]);
        }
    }

    #[test]
    fn script_and_style_text_is_not_read_as_tags() {
        let script = format!("<script>{}</script>", "<div>".repeat(2 * MAX_NESTING));
        assert_eq!(check(&script), Ok(()));
        let style = format!("<style>{}</style>", "<b>".repeat(2 * MAX_NESTING));
        assert_eq!(check(&style), Ok(()));
    }

    #[test]
    fn nested_tables_and_inline_tags_count() {
        let tables = "<table><tr><td>".repeat(MAX_NESTING);
        assert!(check(&tables).is_err());
        let inline = format!("<p>{}", "<b>".repeat(MAX_NESTING));
        assert!(check(&inline).is_err());
    }
}
