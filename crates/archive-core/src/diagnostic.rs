//! Problems found in a site's files, each with the place it was found and what to do.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of stopping at the first one, so that
//! one run names every broken file. The binary prints them and chooses the exit code.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::messages;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build: the source cannot be read as a report.
    Error,
    /// Reported, never stops a build.
    Warning,
}

impl Severity {
    /// The stable name data files give it: `error` or `warning`.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The word in the terminal's language (`error`, `错误`); JSON spells it in English always.
impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            Severity::Error => messages::site::error_word(),
            Severity::Warning => messages::site::warning_word(),
        };
        f.write_str(word.here())
    }
}

/// A place in a file: the file, and where known the line and column (both 1-based; the column
/// counts characters) with the text of that line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, relative to the site's root where it is inside it.
    pub file: PathBuf,
    /// The line, from 1.
    pub line: Option<usize>,
    /// The column, from 1, in characters.
    pub column: Option<usize>,
    /// The text of the line, to show under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters from `column` the problem covers.
    #[serde(skip)]
    pub width: usize,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<PathBuf>) -> Location {
        Location {
            file: file.into(),
            line: None,
            column: None,
            source_line: None,
            width: 0,
        }
    }

    /// A line of a file, with its text.
    pub fn line(file: impl Into<PathBuf>, line: usize, source_line: &str) -> Location {
        Location {
            file: file.into(),
            line: Some(line),
            column: None,
            source_line: Some(source_line.to_owned()),
            width: 0,
        }
    }

    /// The place of a byte offset in a text.
    pub fn in_text(file: impl Into<PathBuf>, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |at| offset + at);
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
            source_line: Some(text[line_start..line_end].trim_end_matches('\r').to_owned()),
            width: 1,
        }
    }

    /// The same place, with a column and a width (in characters) on its line.
    pub fn with_column(mut self, column: usize, width: usize) -> Location {
        self.column = Some(column);
        self.width = width.max(1);
        self
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", visible(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One problem, where it is, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What is wrong, lower case, no trailing period.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// A warning.
    pub fn warning(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// Adds what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether this stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Makes the file name relative to `root` when it is inside it.
    pub fn relative_to(mut self, root: &Path) -> Diagnostic {
        if let Ok(relative) = self.location.file.strip_prefix(root) {
            self.location.file = relative.to_path_buf();
        }
        self
    }
}

/// Printed the way compilers print: the message, the place, the line with a marker, the help.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head =
            messages::site::diagnostic_head(&self.severity.to_string(), &visible(&self.message));
        writeln!(f, "{head}")?;
        let gutter = match (self.location.line, &self.location.source_line) {
            (Some(line), Some(_)) => line.to_string().len(),
            _ => 1,
        };
        let pad = " ".repeat(gutter);
        write!(f, "{pad}--> {}", self.location)?;
        if let (Some(line), Some(text)) = (self.location.line, self.shown_line()) {
            write!(f, "\n{pad} |\n{line} | {}", visible(&text))?;
            if let Some(column) = self.shown_column() {
                let before: String = text.chars().take(column - 1).collect();
                let marked: String = text
                    .chars()
                    .skip(column - 1)
                    .take(self.location.width)
                    .collect();
                let indent = " ".repeat(UnicodeWidthStr::width(&*visible(&before)));
                let marker = "^".repeat(UnicodeWidthStr::width(&*visible(&marked)).max(1));
                write!(f, "\n{pad} | {indent}{marker}")?;
            }
        }
        if let Some(help) = &self.help {
            let help =
                messages::site::diagnostic_help(messages::site::help_word().here(), &visible(help));
            write!(f, "\n{pad} {help}")?;
        }
        Ok(())
    }
}

/// Why a command stopped: problems in the site's files, or a build that could not run at all.
#[derive(Debug)]
pub enum Failure {
    /// Broken sources, agency files or templates: the user fixes the files (exit code 1).
    Sources(Vec<Diagnostic>),
    /// No usable site.toml, a refused output folder, a file that could not be written (exit
    /// code 2).
    Setup(Vec<Diagnostic>),
}

impl Failure {
    /// The problems.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Failure::Sources(diagnostics) | Failure::Setup(diagnostics) => diagnostics,
        }
    }

    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Sources(_) => 1,
            Failure::Setup(_) => 2,
        }
    }

    /// A setup failure of one problem.
    pub fn setup(diagnostic: Diagnostic) -> Failure {
        Failure::Setup(vec![diagnostic])
    }
}

/// Lines longer than this are shown around the marked column only.
const SHOWN_LINE_CHARS: usize = 100;

impl Diagnostic {
    /// The source line to show: the whole line, or a window around the column of a long one.
    fn shown_line(&self) -> Option<String> {
        let text = self.location.source_line.as_deref()?;
        let start = self.window_start(text);
        Some(text.chars().skip(start).take(SHOWN_LINE_CHARS).collect())
    }

    fn shown_column(&self) -> Option<usize> {
        let column = self.location.column?;
        let start = self.window_start(self.location.source_line.as_deref().unwrap_or(""));
        Some(column - start)
    }

    /// The first character of the line that is shown.
    fn window_start(&self, text: &str) -> usize {
        let length = text.chars().count();
        if length <= SHOWN_LINE_CHARS {
            return 0;
        }
        let column = self.location.column.unwrap_or(1);
        column
            .saturating_sub(SHOWN_LINE_CHARS / 2)
            .min(length - SHOWN_LINE_CHARS)
    }
}

/// Whether a terminal would not show a character as itself: control characters (an escape
/// sequence can move the cursor or recolour what follows, hiding text), noncharacters, and the
/// zero-width and bidirectional formatting characters (which hide or reorder text, and make a
/// key look like another). Tab and line feed are shown as they are.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || is_noncharacter(c)
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Whether a character is one of Unicode's noncharacters (U+FDD0–U+FDEF and the last two code
/// points of every plane), which are never text.
pub fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// A text as printed: each [hidden](is_hidden) character written `<U+XXXX>`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            shown.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Counts the errors among some diagnostics.
pub fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines_up_under_wide_characters() {
        let text = "title: 年报\nyear: 二〇二四\n";
        let offset = text.find("二〇").unwrap();
        let location = Location::in_text("content/a/2024.md", text, offset).with_column(7, 4);
        let diagnostic = Diagnostic::error(location, "year is not a number")
            .with_help("write the year in digits, e.g. 2024");
        assert_eq!(
            diagnostic.to_string(),
            "error: year is not a number\n --> content/a/2024.md:2:7\n  |\n2 | year: 二〇二四\n  |       ^^^^^^^^\n  = help: write the year in digits, e.g. 2024"
        );
    }

    #[test]
    fn hidden_characters_are_printed_as_code_points_and_the_marker_follows() {
        let line = "title: \u{1b}[8m示例\u{202e}县\u{200b}";
        let location = Location::line("content/a\u{200f}/2024.md", 2, line).with_column(8, 1);
        let diagnostic = Diagnostic::error(location, "no row `pen\u{200b}alty`")
            .with_help("`\u{7}\u{85}\u{fffe}\u{feff}\u{2066}` and a\ttab");
        assert_eq!(
            diagnostic.to_string(),
            "error: no row `pen<U+200B>alty`\n --> content/a<U+200F>/2024.md:2:8\n  |\n2 | title: <U+001B>[8m示例<U+202E>县<U+200B>\n  |        ^^^^^^^^\n  = help: `<U+0007><U+0085><U+FFFE><U+FEFF><U+2066>` and a\ttab"
        );
        assert!(!diagnostic.to_string().chars().any(is_hidden));
    }
}
