//! Characters that no text of a source may hold once its YAML is decoded: control characters
//! and noncharacters. YAML's escapes (`"\x1b"`, `"\0"`, `"\uFFFE"`) write them past the
//! reader's own check of the raw text, and XML cannot hold them at all, so one would make
//! `atom.xml` not well-formed, and hide text in the pages, the data files and the terminal.

use crate::diagnostic::{Diagnostic, Location, is_noncharacter};
use crate::messages::load;

/// Whether a text may hold carriage returns of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CarriageReturns {
    /// Only as part of a CRLF line end (a YAML string).
    InLineEnds,
    /// Anywhere (the narrative, which Markdown reads as line ends).
    Allowed,
}

/// The first character `text` may not hold, with its byte offset: C0 controls other than tab
/// and line feed, DEL, C1 controls and the noncharacters (U+FDD0–U+FDEF and the last two code
/// points of every plane).
pub(crate) fn forbidden_char(text: &str, returns: CarriageReturns) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let forbidden = match c {
            '\t' | '\n' => false,
            '\r' => {
                returns == CarriageReturns::InLineEnds
                    && chars.peek().is_none_or(|&(_, next)| next != '\n')
            }
            _ => c.is_control() || is_noncharacter(c),
        };
        if forbidden {
            return Some((at, c));
        }
    }
    None
}

/// The error for a forbidden character found in `place` (a key, or "the narrative").
pub(crate) fn forbidden_char_error(location: Location, c: char, place: &str) -> Diagnostic {
    let what = if c.is_control() {
        load::control_character()
    } else {
        load::noncharacter()
    };
    let code = format!("U+{:04X}", u32::from(c));
    Diagnostic::error(location, load::forbidden_char(what.here(), &code, place))
        .with_help(load::forbidden_char_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_found_and_text_is_not() {
        use CarriageReturns::{Allowed, InLineEnds};
        for c in [
            '\0',
            '\u{7}',
            '\u{b}',
            '\u{c}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9b}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            let text = format!("示例{c}县");
            assert_eq!(forbidden_char(&text, Allowed), Some((6, c)), "{c:?}");
        }
        for text in [
            "示例\t县\n",
            "line\r\nend",
            "\u{200b}\u{202e}\u{feff}\u{a0}\u{fffd}\u{fdcf}\u{fdf0}\u{e000}",
        ] {
            assert_eq!(forbidden_char(text, InLineEnds), None, "{text:?}");
        }
        assert_eq!(forbidden_char("a\rb", InLineEnds), Some((1, '\r')));
        assert_eq!(forbidden_char("a\r", InLineEnds), Some((1, '\r')));
        assert_eq!(forbidden_char("a\rb", Allowed), None);
    }
}
