//! How deeply a web page's elements nest, measured before the page is parsed.
//!
//! html5ever's tree builder checks "is an element in scope" by walking its stack of open elements,
//! once for nearly every tag, so a page nested n deep costs n² steps (50,000 nested `<div>`s: a
//! quarter of a minute), and the importer's own walk over the tree follows the nesting. A report's
//! page nests a few dozen elements deep; one nested more deeply than [`MAX_NESTING`] is refused
//! before it is parsed. The measure is html5ever's tokenizer (linear) with a stack of element
//! names that models the tree builder closely enough to bound it: end tags close the last element
//! of their name and what was opened inside it, and the elements a page may leave unclosed
//! (`<p>`, `<li>`, `<td>` …) are closed by the next one of their kind, as browsers do.

use std::cell::RefCell;

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rustc_hash::FxHashMap;

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
/// no further down the open elements than the group's boundaries: a cell or a row nested in
/// another table's cell closes nothing outside its table.
const CLOSED_BY_A_SIBLING: [(&[&str], &[&str]); 8] = [
    (&["p"], BLOCK_SCOPE),
    (&["li"], BLOCK_SCOPE),
    (&["dd", "dt"], BLOCK_SCOPE),
    (&["option", "optgroup"], BLOCK_SCOPE),
    (&["rb", "rt", "rp", "rtc"], BLOCK_SCOPE),
    (&["td", "th"], TABLE_SCOPE),
    (&["tr"], TABLE_SCOPE),
    (&["thead", "tbody", "tfoot"], TABLE_SCOPE),
];

const TABLE_SCOPE: &[&str] = &["html", "table", "template"];
const BLOCK_SCOPE: &[&str] = &[
    "html", "table", "template", "td", "th", "caption", "button", "object", "applet", "marquee",
];

#[derive(Default)]
struct Depth {
    state: RefCell<Stack>,
}

#[derive(Default)]
struct Stack {
    open: Vec<LocalName>,
    /// How many of each name are open, so that an end tag without a match costs no search.
    counts: FxHashMap<LocalName, usize>,
    too_deep: Option<u64>,
}

impl Stack {
    /// Closes the last open element named `name`, and everything opened inside it.
    fn end(&mut self, name: &LocalName) {
        if self.counts.get(name).is_none_or(|&count| count == 0) {
            return;
        }
        while let Some(open) = self.open.pop() {
            self.close(&open);
            if open == *name {
                return;
            }
        }
    }

    fn close(&mut self, name: &LocalName) {
        if let Some(count) = self.counts.get_mut(name) {
            *count -= 1;
        }
    }

    fn start(&mut self, tag: &Tag, line: u64) {
        let name: &str = &tag.name;
        if VOID.contains(&name) {
            return;
        }
        if let Some((group, scope)) = CLOSED_BY_A_SIBLING
            .iter()
            .find(|(group, _)| group.contains(&name))
        {
            let below = self
                .open
                .iter()
                .rev()
                .take_while(|open| group.contains(&&***open) || !scope.contains(&&***open))
                .position(|open| group.contains(&&**open));
            if let Some(below) = below {
                for open in self.open.split_off(self.open.len() - 1 - below) {
                    self.close(&open);
                }
            }
        }
        self.open.push(tag.name.clone());
        *self.counts.entry(tag.name.clone()).or_default() += 1;
        if self.open.len() > MAX_NESTING {
            self.too_deep = Some(line);
        }
    }
}

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let mut stack = self.state.borrow_mut();
        // Found: the rest need not be measured, and the stack stays within the limit.
        if stack.too_deep.is_some() {
            return TokenSinkResult::Continue;
        }
        match tag.kind {
            TagKind::EndTag => {
                stack.end(&tag.name);
                TokenSinkResult::Continue
            }
            TagKind::StartTag => {
                stack.start(&tag, line_number);
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
        }
    }
}

#[cfg(test)]
mod tests {
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
