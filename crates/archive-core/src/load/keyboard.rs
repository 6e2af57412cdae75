//! What a Chinese keyboard types where a source wants ASCII, read as meant.
//!
//! An input method left in Chinese mode types `：` for `:`, `，` or `、` for `,`, `【】` for `[]`
//! and full-width digits. Where the meaning is certain — the colon after a key, and the
//! punctuation and digits inside a table row's value — the text is read with the ASCII
//! character instead, and a note says so at its line, so that the person can correct the file.
//! Every replacement keeps the line count (and, but for the space added after a colon, the
//! columns), so that every later message still points at the line the person wrote. Anything
//! else (a quoted text, a comment, the narrative) is never touched.

use std::borrow::Cow;

use crate::messages;

/// The source's YAML as read, and what was read differently from how it was written.
pub(crate) struct Normalized<'a> {
    pub(crate) yaml: Cow<'a, str>,
    pub(crate) notes: Vec<KeyboardNote>,
}

/// One replacement: where (0-based line of the YAML, 1-based character column) and what.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct KeyboardNote {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) width: usize,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// The keys of the three tables, whose indented lines are rows.
const TABLE_KEYS: [&str; 3] = ["active", "applications", "appeals"];

/// Reads `yaml` with the Chinese keyboard's characters replaced where they are certain.
pub(crate) fn normalize(yaml: &str) -> Normalized<'_> {
    // The common case, typed on an ASCII keyboard: nothing to read differently.
    if yaml.is_ascii() && !yaml.contains(":[") && !yaml.contains(":{") {
        return Normalized {
            yaml: Cow::Borrowed(yaml),
            notes: Vec::new(),
        };
    }
    // The text as read, made only from the first line that reads differently.
    let mut out: Option<String> = None;
    let mut notes = Vec::new();
    let mut in_table = false;
    // The indentation of the open table's rows: its first row's (two spaces as `archive new`
    // writes them, or any other).
    let mut row_indent: Option<usize> = None;
    let mut block_scalar: Option<usize> = None;
    let mut line_start = 0;
    for (number, raw) in yaml.split_inclusive('\n').enumerate() {
        let this_start = line_start;
        line_start += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        if let Some(scalar_indent) = block_scalar {
            if content.is_empty() || indent > scalar_indent {
                keep(&mut out, raw);
                continue;
            }
            block_scalar = None;
        }
        if content.is_empty() || content.starts_with('#') {
            keep(&mut out, raw);
            continue;
        }
        if in_table && indent > 0 && row_indent.is_none() {
            row_indent = Some(indent);
        }
        let is_row = in_table && row_indent == Some(indent);
        let fixed = if indent == 0 || is_row {
            fix_line(line, indent, is_row, number, &mut notes)
        } else {
            Cow::Borrowed(line)
        };
        if indent == 0 {
            let key = fixed.split(':').next().unwrap_or("").trim();
            let value = fixed.split_once(':').map_or("", |(_, value)| value.trim());
            in_table = TABLE_KEYS.contains(&key) && (value.is_empty() || value.starts_with('#'));
            row_indent = None;
        }
        if let Some((_, value)) = fixed.split_once(": ")
            && value.trim_start().starts_with(['|', '>'])
        {
            block_scalar = Some(indent);
        }
        match fixed {
            Cow::Borrowed(_) => keep(&mut out, raw),
            Cow::Owned(fixed) => {
                let text = out.get_or_insert_with(|| yaml[..this_start].to_owned());
                text.push_str(&fixed);
                text.push_str(&raw[line.len()..]);
            }
        }
    }
    let yaml = out.map_or(Cow::Borrowed(yaml), Cow::Owned);
    Normalized { yaml, notes }
}

/// Adds a line read as written to the text as read, once that text is being made.
fn keep(out: &mut Option<String>, raw: &str) {
    if let Some(text) = out {
        text.push_str(raw);
    }
}

/// A key's line, with its colon and (for a row) its value read as meant.
fn fix_line<'a>(
    line: &'a str,
    indent: usize,
    is_row: bool,
    number: usize,
    notes: &mut Vec<KeyboardNote>,
) -> Cow<'a, str> {
    let content = &line[indent..];
    let Some((key, colon, after)) = key_colon(content) else {
        return Cow::Borrowed(line);
    };
    // The common case: an ASCII colon, spaces after it, and (for a row) an ASCII value.
    let value = after.trim_start_matches([' ', '\t']);
    let spacing = &after[..after.len() - value.len()];
    let code = value.split(" #").next().unwrap_or(value);
    if colon == ':'
        && (value.is_empty() || !spacing.is_empty())
        && !spacing.contains('\t')
        && (!is_row || code.is_ascii())
    {
        return Cow::Borrowed(line);
    }
    let key_column = indent + 1;
    let colon_column = key_column + key.chars().count();
    let mut fixed = String::with_capacity(line.len() + 2);
    fixed.push_str(&line[..indent]);
    fixed.push_str(key);
    fixed.push(':');
    if colon == '：' {
        notes.push(KeyboardNote {
            line: number,
            column: colon_column,
            width: 1,
            message: messages::load::full_width_colon(key).into(),
            help: messages::load::full_width_colon_help(key).into(),
        });
    }
    // A tab after the colon is a space to YAML; a missing space is the Chinese keyboard's.
    if colon == ':' && !value.is_empty() && value.len() == after.len() {
        notes.push(KeyboardNote {
            line: number,
            column: colon_column,
            width: 1,
            message: messages::load::no_space_after_colon(key).into(),
            help: messages::load::no_space_after_colon_help(key).into(),
        });
    }
    // The spacing as written (a tab as a space, so that columns stay), or the one space missing.
    if spacing.is_empty() && !value.is_empty() {
        fixed.push(' ');
    }
    fixed.extend(spacing.chars().map(|_| ' '));
    if is_row {
        let value_column = colon_column + 1 + after[..after.len() - value.len()].chars().count();
        fixed.push_str(&fix_row_value(key, value, number, value_column, notes));
    } else {
        fixed.push_str(value);
    }
    if fixed == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(fixed)
    }
}

/// `key`, the colon (ASCII or full-width) and what follows, when the line starts with a key: a
/// word without spaces, quotes or YAML indicators, before the line's first colon.
fn key_colon(content: &str) -> Option<(&str, char, &str)> {
    let (at, colon) = content
        .char_indices()
        .find(|&(_, c)| c == ':' || c == '：')?;
    let key = &content[..at];
    let after = &content[at + colon.len_utf8()..];
    let plain = !key.is_empty()
        && !key.contains([
            ' ', '\t', '"', '\'', '#', '[', '{', ',', '&', '*', '!', '|', '>',
        ])
        && !key.starts_with(['-', '?']);
    // An ASCII colon is a key's only when a space, a tab, a bracket or nothing follows (so that
    // `https://…` or `12:30` in a value is never cut).
    let ends_key = colon == '：'
        || after.is_empty()
        || after.starts_with([' ', '\t', '[', '{', '【', '［', '｛']);
    (plain && ends_key).then_some((key, colon, after))
}

/// What is read as ASCII inside a row's value, outside quotes and before a comment.
fn ascii_of(c: char) -> Option<char> {
    Some(match c {
        '，' | '、' => ',',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '｛' => '{',
        '｝' => '}',
        '\u{3000}' => ' ',
        '～' => '~',
        _ => return None,
    })
}

/// A full-width digit, minus, point or tilde as its ASCII form.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        '－' => Some('-'),
        '．' => Some('.'),
        _ => None,
    }
}

/// The number written in full-width digits that starts at `chars[index]` (a digit just pushed
/// onto `item_so_far`, the item's text up to it), when it is the whole item: no letters or units
/// before or after it.
fn full_width_number(chars: &[char], index: usize, item_so_far: &str) -> Option<String> {
    let c = chars[index];
    ascii_digit(c)?;
    let item: String = chars[index..]
        .iter()
        .take_while(|&&c| ascii_digit(c).is_some() || c.is_ascii_digit())
        .collect();
    let next = chars.get(index + item.chars().count()).copied();
    let alone = next.is_none_or(|next| {
        next.is_whitespace() || ascii_of(next).is_some() || ",]}#".contains(next)
    });
    let before = item_so_far[..item_so_far.len() - c.len_utf8()].trim();
    let digits_before = before.chars().all(|c| c.is_ascii_digit() || c == '-');
    (alone && digits_before).then_some(item)
}

/// The notes on a row's value: its first full-width punctuation, its full-width numbers.
fn row_value_notes(
    row: &str,
    number: usize,
    value_column: usize,
    punctuation: Option<(usize, char)>,
    numbers: &[(usize, String)],
    notes: &mut Vec<KeyboardNote>,
) {
    if let Some((at, c)) = punctuation {
        let ascii = ascii_of(c).unwrap_or(c);
        notes.push(KeyboardNote {
            line: number,
            column: value_column + at,
            width: 1,
            message: messages::load::full_width_punctuation(c, row, ascii).into(),
            help: messages::load::full_width_punctuation_help().into(),
        });
    }
    if let Some((at, first)) = numbers.first() {
        let ascii: String = first.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect();
        let message = match numbers.len() {
            1 => messages::load::full_width_number(first, row, &ascii),
            count => messages::load::full_width_numbers(first, row, &ascii, count - 1),
        };
        notes.push(KeyboardNote {
            line: number,
            column: value_column + at,
            width: first.chars().count(),
            message: message.into(),
            help: messages::load::full_width_number_help().into(),
        });
    }
}

/// A row's value (`[…]`, `{…}` or a single value) with the Chinese keyboard's punctuation and
/// full-width numbers read as ASCII; one note for each kind of replacement.
fn fix_row_value<'a>(
    row: &str,
    value: &'a str,
    number: usize,
    value_column: usize,
    notes: &mut Vec<KeyboardNote>,
) -> Cow<'a, str> {
    // The common case: nothing but ASCII before the comment (the label `archive new` wrote).
    if value.split(" #").next().unwrap_or(value).is_ascii() {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut quote: Option<char> = None;
    let mut punctuation: Option<(usize, char)> = None;
    let mut item_start = 0;
    let mut numbers: Vec<(usize, String)> = Vec::new();
    let mut previous = ' ';
    let chars: Vec<char> = value.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match quote {
            Some(open) => {
                if c == open {
                    quote = None;
                }
                out.push(c);
            }
            None if c == '#' && previous.is_whitespace() => {
                out.extend(&chars[index..]);
                break;
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                out.push(c);
            }
            None => {
                let ascii = ascii_of(c);
                if let Some(ascii) = ascii {
                    punctuation.get_or_insert((index, c));
                    out.push(ascii);
                } else {
                    out.push(c);
                }
                let ends_item = matches!(ascii.unwrap_or(c), ',' | '[' | ']' | '{' | '}' | ':');
                if ends_item {
                    item_start = out.len();
                } else if let Some(item) = full_width_number(&chars, index, &out[item_start..]) {
                    out.truncate(out.len() - c.len_utf8());
                    out.extend(item.chars().map(|c| ascii_digit(c).unwrap_or(c)));
                    index += item.chars().count();
                    numbers.push((index - item.chars().count(), item));
                    previous = ' ';
                    continue;
                }
            }
        }
        previous = c;
        index += 1;
    }
    row_value_notes(row, number, value_column, punctuation, &numbers, notes);
    if out == value {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (String, Vec<String>) {
        let normalized = normalize(yaml);
        let notes = normalized
            .notes
            .iter()
            .map(|note| format!("{}:{} {}", note.line + 1, note.column, note.message))
            .collect();
        (normalized.yaml.into_owned(), notes)
    }

    #[test]
    fn the_colon_after_a_key_is_read_as_ascii() {
        let (yaml, notes) = read("year: 2024\npublished：2025-01-22\ntitle: 某县：报告\n");
        assert_eq!(
            yaml,
            "year: 2024\npublished: 2025-01-22\ntitle: 某县：报告\n"
        );
        assert_eq!(
            notes,
            ["2:10 the full-width colon `：` after `published` was read as `:`"]
        );
    }

    #[test]
    fn a_rows_punctuation_and_digits_are_read_as_ascii() {
        let (yaml, notes) = read(
            "applications:\n  received：【0，0、０, ~, 0, 0, 1２】  # 一、本年新收（自然人、商业企业）\n",
        );
        assert_eq!(
            yaml,
            "applications:\n  received: [0,0,0, ~, 0, 0, 12]  # 一、本年新收（自然人、商业企业）\n"
        );
        assert_eq!(
            notes,
            [
                "2:11 the full-width colon `：` after `received` was read as `:`",
                "2:12 the full-width `【` in row `received` was read as `[`",
                "2:17 the full-width number `０` in row `received` was read as `0` (and 1 more)",
            ]
        );
    }

    #[test]
    fn text_quotes_comments_and_the_narrative_are_never_touched() {
        for yaml in [
            "title: 某县，报告\n",
            "notes: |\n  说明：１２\nactive:\n  procurement: [6, \"２５元，\"]\n",
            "active:\n  procurement: [6, ２５１０００元]\n",
            "source_url: https://a.gov.cn/x\n",
        ] {
            let (read, notes) = read(yaml);
            assert_eq!(read, yaml);
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    fn rows_indented_by_four_spaces_are_rows_too() {
        let (yaml, notes) = read("appeals:\n    review：[0，0，0，0，0]\n");
        assert_eq!(yaml, "appeals:\n    review: [0,0,0,0,0]\n");
        assert_eq!(notes.len(), 2);
    }

    #[test]
    fn lines_and_endings_are_kept() {
        let yaml = "year: 2024\r\nactive:\r\n  licensing：２６６３\r\n";
        let (read, _) = read(yaml);
        assert_eq!(read, "year: 2024\r\nactive:\r\n  licensing: 2663\r\n");
    }
}
