//! YAML with places: parsing with serde_yaml, and finding where each key and list item stands in
//! the text so that messages can point at it.
//!
//! serde_yaml's values carry no positions, so [`KeyIndex`] reads the block-style YAML that
//! sources are written in (one `key:` a line, rows as one-line `[…]` or `{…}` lists) and records
//! the line and column of every key path (`applications.received`) and flow item
//! (`applications.received[2]`, `applications.received.total`).

use std::ops::ControlFlow;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::keyboard::KeyboardNote;
use crate::diagnostic::{Diagnostic, Location};
use crate::messages::load;

/// Where a key or item stands in a file: 1-based line and character column, and its width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spot {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) width: usize,
}

/// A YAML text inside a file, with the index of its key positions.
pub(crate) struct YamlText<'a> {
    file: &'a Path,
    /// The whole file's text, for quoting lines.
    file_text: &'a str,
    /// The whole file as read: `file_text` with the Chinese keyboard's characters replaced
    /// (`keyboard.rs`), line for line, for reading a value as written.
    read_text: &'a str,
    /// The YAML itself.
    yaml: &'a str,
    /// The file line of the YAML's first line, minus one.
    line_offset: usize,
    /// Every block key, and where its value stands when it is a one-line flow value (`[…]`,
    /// `{…}`): the items of those are found only when a message needs one, which keeps reading
    /// a correct source cheap.
    keys: FxHashMap<String, (Spot, Option<FlowValue>)>,
}

/// A one-line flow value: its byte range in the YAML, its line and character column.
#[derive(Clone, Debug)]
struct FlowValue {
    range: std::ops::Range<usize>,
    line: usize,
    column: usize,
}

impl<'a> YamlText<'a> {
    /// Indexes `yaml`, which starts on line `line_offset + 1` of `file_text`.
    pub(crate) fn new(
        file: &'a Path,
        file_text: &'a str,
        yaml: &'a str,
        line_offset: usize,
    ) -> YamlText<'a> {
        YamlText {
            file,
            file_text,
            read_text: file_text,
            yaml,
            line_offset,
            keys: index_keys(yaml, line_offset),
        }
    }

    /// The same YAML, whose file was read as `read_text` (the file with the Chinese keyboard's
    /// characters replaced, line for line).
    pub(crate) fn reading(mut self, read_text: &'a str) -> YamlText<'a> {
        self.read_text = read_text;
        self
    }

    /// Parses the YAML into a value, or says where and why it is malformed. The layout sources
    /// are written in is read by a fast reader that gives the same value; serde_yaml reads the
    /// rest. Also says whether the fast reader read it: it reads numbers only when they are
    /// written in decimal digits, where serde_yaml also reads `0x10`, `0o17`, `+5` and `1e3`.
    pub(crate) fn parse(&self, yaml: &str) -> Result<(serde_yaml::Value, bool), Diagnostic> {
        match super::fast_yaml::parse(yaml).or_else(|| super::fast_yaml::parse_with_originals(yaml))
        {
            Some(value) => Ok((value, true)),
            None => serde_yaml::from_str(yaml)
                .map(|value| (value, false))
                .map_err(|error| self.syntax_error(&error)),
        }
    }

    /// A scalar value as written in the text: a flow item (`rules[1]`), or the value after a
    /// key on its line (`licensing`, `received.total`). `None` for values written over several
    /// lines.
    pub(crate) fn written(&self, path: &str) -> Option<String> {
        let spot = self.spot(path)?;
        let line = self.read_text.lines().nth(spot.line.checked_sub(1)?)?;
        let from: String = line.chars().skip(spot.column - 1).collect();
        if path.ends_with(']') {
            return Some(from.chars().take(spot.width).collect());
        }
        let after_key: String = from.chars().skip(spot.width).collect();
        let value = after_key.trim_start().strip_prefix(':')?;
        let end = value.find([',', '}', '#']).unwrap_or(value.len());
        Some(value[..end].trim().to_owned())
    }

    /// A serde_yaml error as a diagnostic at its place in the file.
    pub(crate) fn syntax_error(&self, error: &serde_yaml::Error) -> Diagnostic {
        let message = error.to_string();
        // serde_yaml appends " at line L column C"; the location says it better.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        // libyaml's reader errors name a byte position and no line.
        let reader_position = message
            .split_once(" at position ")
            .and_then(|(_, position)| position.trim().parse::<usize>().ok());
        if let Some(position) = reader_position {
            let message = message.split(" at position ").next().unwrap_or(&message);
            let yaml_start = self.line_start_offset(self.line_offset + 1);
            return Diagnostic::error(
                Location::in_text(self.file, self.read_text, yaml_start + position),
                load::malformed_yaml(message),
            )
            .with_help(load::control_character_help());
        }
        // serde_yaml names a repeated key (`duplicate entry with key "x"` in a mapping,
        // `duplicate field `x`` in a struct) at the mapping's start; the key scan finds both.
        if (message.contains("duplicate entry") || message.contains("duplicate field"))
            && let Some((key, first, second)) = self.duplicate_key()
        {
            return Diagnostic::error(
                self.line_location(second.line)
                    .with_column(second.column, second.width),
                load::duplicate_key(&key),
            )
            .with_help(load::duplicate_key_help(&key, first.line));
        }
        if message.contains("invalid type: integer") {
            let location = match error.location() {
                Some(place) => self
                    .line_location(place.line() + self.line_offset)
                    .with_column(place.column(), 1),
                None => Location::file(self.file),
            };
            let message = match message.split('`').nth(1) {
                Some(number) => load::number_too_large(number),
                None => load::a_number_too_large(),
            };
            return Diagnostic::error(location, message).with_help(load::number_too_large_help());
        }
        let error_line = error
            .location()
            .map_or(usize::MAX, |place| place.line() + self.line_offset);
        if let Some(unclosed) = first_unclosed(self.yaml)
            && unclosed.line + 1 + self.line_offset <= error_line
        {
            return self.unclosed_error(&unclosed);
        }
        if let Some(line) = first_keyless(self.yaml)
            && line + 1 + self.line_offset <= error_line
        {
            return self.keyless_error(line + 1 + self.line_offset);
        }
        let location = match error.location() {
            Some(place) => self
                .line_location(place.line() + self.line_offset)
                .with_column(place.column(), 1),
            None => Location::file(self.file),
        };
        let help = if location
            .source_line
            .as_deref()
            .is_some_and(|line| line.contains('\t'))
        {
            load::tab_help()
        } else if message.contains("duplicate entry") {
            load::repeated_key_help()
        } else if message.contains("recursion limit") || message.contains("repetition limit") {
            load::too_deep_help()
        } else {
            load::syntax_help()
        };
        Diagnostic::error(location, load::malformed_yaml(&message)).with_help(help)
    }

    /// What the keyboard reader read differently, as a warning at its place.
    pub(crate) fn keyboard_note(&self, note: KeyboardNote) -> Diagnostic {
        let line = note.line + 1 + self.line_offset;
        Diagnostic::warning(
            self.line_location(line)
                .with_column(note.column, note.width),
            note.message,
        )
        .with_help(note.help)
    }

    /// A bracket or quote opened and never closed, at its own line: YAML would go on reading
    /// the next lines into it and report the mistake there.
    fn unclosed_error(&self, unclosed: &Unclosed<'_>) -> Diagnostic {
        let line = unclosed.line + 1 + self.line_offset;
        let (key, opener) = (unclosed.key, unclosed.opener);
        let (message, close) = match opener {
            '[' => (load::unclosed_list(key, opener, "]"), "]"),
            '{' => (load::unclosed_columns(key, opener, "}"), "}"),
            '"' => (load::unclosed_quote(key, opener, "\""), "\""),
            _ => (load::unclosed_quote(key, opener, "'"), "'"),
        };
        // A row's list gets a row's example; anything else a placeholder.
        let example = match opener {
            '[' if unclosed.indented => "0, 0, 0",
            '{' if unclosed.indented => "total: 0",
            _ => "…",
        };
        Diagnostic::error(
            self.line_location(line).with_column(unclosed.column, 1),
            message,
        )
        .with_help(load::unclosed_help(key, opener, close, example))
    }

    /// A line that should start with `key:` and does not (`carried_over [0, 0]`): YAML reads it
    /// on into the next line and reports the mistake there.
    fn keyless_error(&self, line: usize) -> Diagnostic {
        let location = self.line_location(line);
        let text = location.source_line.clone().unwrap_or_default();
        let indent = text.len() - text.trim_start().len();
        let word: String = text
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !"[{：:".contains(*c))
            .collect();
        Diagnostic::error(
            location.with_column(indent + 1, word.chars().count()),
            load::key_without_colon(&word),
        )
        .with_help(load::key_without_colon_help(&word))
    }

    /// The place of a key path or item, or of its nearest enclosing key, or of the YAML's start.
    pub(crate) fn locate(&self, path: &str) -> Location {
        let mut path = path;
        loop {
            if let Some(spot) = self.spot(path) {
                return self
                    .line_location(spot.line)
                    .with_column(spot.column, spot.width);
            }
            match path.rfind(['.', '[']) {
                Some(at) => path = &path[..at],
                None => return self.line_location(self.line_offset.max(1)),
            }
        }
    }

    /// The place of the `n`th (from 0) block key with this path, for keys that every item of a
    /// list repeats (`children.id` of a region list); the last such key where there are fewer.
    pub(crate) fn occurrence(&self, path: &str, n: usize) -> Location {
        let mut seen = 0;
        let mut found = None;
        scan_keys(self.yaml, self.line_offset, |key| {
            if key.path == path {
                found = Some(key.spot);
                seen += 1;
                if seen > n {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        match found {
            Some(spot) => self
                .line_location(spot.line)
                .with_column(spot.column, spot.width),
            None => self.locate(path),
        }
    }

    /// The first key written twice in one mapping: its name and both places.
    fn duplicate_key(&self) -> Option<(String, Spot, Spot)> {
        let mut first: FxHashMap<(usize, String), Spot> = FxHashMap::default();
        let mut duplicate = None;
        scan_keys(self.yaml, self.line_offset, |key| {
            match first.entry((key.mapping, key.name.to_owned())) {
                std::collections::hash_map::Entry::Occupied(earlier) => {
                    duplicate = Some((key.name.to_owned(), *earlier.get(), key.spot));
                    ControlFlow::Break(())
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(key.spot);
                    ControlFlow::Continue(())
                }
            }
        });
        duplicate
    }

    /// The file the YAML is in.
    pub(crate) fn file(&self) -> &Path {
        self.file
    }

    /// The line a key path stands on.
    pub(crate) fn line_of(&self, path: &str) -> Option<usize> {
        self.spot(path).map(|spot| spot.line)
    }

    /// The place of a block key, or of an item of a one-line flow value
    /// (`applications.received[2]`, `applications.received.total`).
    fn spot(&self, path: &str) -> Option<Spot> {
        if let Some((spot, _)) = self.keys.get(path) {
            return Some(*spot);
        }
        let parent = &path[..path.rfind(['.', '['])?];
        let (_, value) = self.keys.get(parent)?;
        let value = value.as_ref()?;
        let mut items = FxHashMap::default();
        index_flow_items(
            parent,
            &self.yaml[value.range.clone()],
            value.line,
            value.column,
            &mut items,
        );
        items.get(path).copied()
    }

    /// The byte offset where a line of the file starts.
    fn line_start_offset(&self, line: usize) -> usize {
        self.read_text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum()
    }

    /// A whole line of the file.
    pub(crate) fn line_location(&self, line: usize) -> Location {
        let text = self
            .file_text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("");
        Location::line(self.file, line, text.trim_end_matches('\r'))
    }
}

/// Records the place of every block key and one-line flow value.
fn index_keys(yaml: &str, line_offset: usize) -> FxHashMap<String, (Spot, Option<FlowValue>)> {
    let mut keys = FxHashMap::default();
    scan_keys(yaml, line_offset, |key| {
        keys.insert(key.path.to_owned(), (key.spot, key.flow));
        ControlFlow::Continue(())
    });
    keys
}

/// A block key met by [`scan_keys`].
struct BlockKey<'a> {
    /// The key path (`applications.received`; list items add no index: `children.id`).
    path: &'a str,
    /// The key itself.
    name: &'a str,
    spot: Spot,
    flow: Option<FlowValue>,
    /// The mapping the key belongs to: one number for each mapping of the text (each list
    /// item is a mapping of its own), so that a key repeated in one mapping can be told from
    /// the same key in the next list item.
    mapping: usize,
}

/// Visits every block key of the YAML in the order they are written.
fn scan_keys(
    yaml: &str,
    line_offset: usize,
    mut visit: impl FnMut(BlockKey<'_>) -> ControlFlow<()>,
) {
    let mut line_start = 0;
    // The current key path, and for each enclosing block key its indentation, the length of
    // the path before it and the number of the mapping it opens.
    let mut path = String::new();
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    // The list items open, by the indentation of their keys, with their mapping's number.
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut mappings = 0;
    for (number, raw) in yaml.split_inclusive('\n').enumerate() {
        let this_start = line_start;
        line_start += raw.len();
        let line = raw.trim_end_matches('\n').trim_end_matches('\r');
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let (indent, rest, is_item) = match rest.strip_prefix("- ") {
            Some(item) => (indent + 2, item, true),
            None => (indent, rest, false),
        };
        let Some((key, value_at)) = block_key(rest) else {
            continue;
        };
        while let Some(&(depth, before, _)) = stack.last() {
            if depth < indent {
                break;
            }
            path.truncate(before);
            stack.pop();
        }
        items.retain(|&(depth, _)| depth < indent || (depth == indent && !is_item));
        if is_item {
            mappings += 1;
            items.push((indent, mappings));
        }
        let mapping = match items.last() {
            Some(&(depth, item)) if depth == indent => item,
            _ => stack.last().map_or(0, |&(_, _, opened)| opened),
        };
        mappings += 1;
        stack.push((indent, path.len(), mappings));
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        let file_line = number + 1 + line_offset;
        let column = line[..indent].chars().count() + 1;
        let spot = Spot {
            line: file_line,
            column,
            width: key.chars().count(),
        };
        let value = &rest[value_at..];
        let flow = value.starts_with(['[', '{']).then(|| {
            let start = this_start + (line.len() - rest.len()) + value_at;
            FlowValue {
                range: start..start + value.len(),
                line: file_line,
                column: column + rest[..value_at].chars().count(),
            }
        });
        let key = BlockKey {
            path: &path,
            name: key,
            spot,
            flow,
            mapping,
        };
        if visit(key).is_break() {
            return;
        }
    }
}

/// A flow value or quoted text that a line opens and does not close.
struct Unclosed<'a> {
    /// The YAML's line, from 0.
    line: usize,
    /// The character column of the opening bracket or quote, from 1.
    column: usize,
    opener: char,
    key: &'a str,
    /// Whether the key is indented (a table's row) rather than a field of the front matter.
    indented: bool,
}

/// The first `key: [`, `key: {` or `key: "` line whose bracket or quote is not closed on it,
/// followed by another key no deeper than it (or by nothing): a value meant to be one line.
fn first_unclosed(yaml: &str) -> Option<Unclosed<'_>> {
    let lines: Vec<&str> = yaml.lines().collect();
    let is_content = |line: &&&str| !line.trim().is_empty() && !line.trim_start().starts_with('#');
    for (number, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let rest = rest.strip_prefix("- ").unwrap_or(rest);
        let Some((key, value_at)) = block_key(rest) else {
            continue;
        };
        let value = &rest[value_at..];
        let Some(opener) = value.chars().next().filter(|c| "[{\"'".contains(*c)) else {
            continue;
        };
        if closes(value) {
            continue;
        }
        let next = lines[number + 1..].iter().find(is_content);
        let key_indent = line.len() - rest.len();
        let ends_here = next.is_none_or(|next| {
            let next_indent = next.len() - next.trim_start_matches(' ').len();
            let next_rest = &next[next_indent..];
            let next_rest = next_rest.strip_prefix("- ").unwrap_or(next_rest);
            next_indent <= key_indent && block_key(next_rest).is_some()
        });
        if ends_here {
            let column = line[..line.len() - value.len()].chars().count() + 1;
            return Some(Unclosed {
                line: number,
                column,
                opener,
                key,
                indented: key_indent > 0,
            });
        }
    }
    None
}

/// The first line (from 0) that is neither a `key:` line, a list item nor a comment, where a
/// key is due: no deeper than the key line before it (so it cannot continue that key's value),
/// or followed by a key line as deep as it (a row among rows).
fn first_keyless(yaml: &str) -> Option<usize> {
    let lines: Vec<(usize, &str)> = yaml
        .lines()
        .map(|line| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            (indent, line[indent..].trim_end())
        })
        .collect();
    let is_content = |rest: &str| !rest.is_empty() && !rest.starts_with('#');
    let mut key_indent: Option<usize> = None;
    for (number, &(indent, rest)) in lines.iter().enumerate() {
        if !is_content(rest) || rest.starts_with('-') {
            continue;
        }
        if block_key(rest).is_some() {
            key_indent = Some(indent);
            continue;
        }
        let next_is_sibling_key = lines[number + 1..]
            .iter()
            .find(|(_, next)| is_content(next))
            .is_some_and(|&(next_indent, next)| next_indent == indent && block_key(next).is_some());
        if key_indent.is_some_and(|key| indent <= key) || next_is_sibling_key {
            return Some(number);
        }
    }
    None
}

/// Whether a value that starts with a bracket or quote closes it on its line.
fn closes(value: &str) -> bool {
    let mut chars = value.chars();
    match chars.next() {
        Some(quote @ ('"' | '\'')) => {
            let mut escaped = false;
            for c in chars {
                match c {
                    '\\' if quote == '"' && !escaped => escaped = true,
                    c if c == quote && !escaped => return true,
                    _ => escaped = false,
                }
            }
            false
        }
        _ => {
            let mut depth = 0usize;
            let mut quote: Option<char> = None;
            let mut previous = ' ';
            for c in value.chars() {
                match (quote, c) {
                    (Some(open), _) if c == open => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => depth = depth.saturating_sub(1),
                    (None, '#') if previous == ' ' => break,
                    _ => {}
                }
                previous = c;
            }
            depth == 0
        }
    }
}

/// Splits `key: value` (or `key:`) at the colon; the value's byte offset is returned.
fn block_key(text: &str) -> Option<(&str, usize)> {
    let colon = text.find(':')?;
    let after = &text[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let key = text[..colon].trim();
    // A key with spaces is a row's Chinese label (`(七) 总计`); an ASCII one is not a key.
    let spaced = key.contains(' ') && key.is_ascii();
    if key.is_empty() || key.starts_with(['[', '{', '"', '\'']) || spaced {
        return None;
    }
    let value_at = colon + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
    Some((key, value_at))
}

/// Records the items of a one-line `[a, b]` or `{k: v}` value.
fn index_flow_items(
    path: &str,
    value: &str,
    line: usize,
    column: usize,
    spots: &mut FxHashMap<String, Spot>,
) {
    let (is_map, inner) = match value.as_bytes().first() {
        Some(b'[') => (false, &value[1..]),
        Some(b'{') => (true, &value[1..]),
        _ => return,
    };
    let mut column = column + 1;
    for (index, item) in split_flow_items(inner).into_iter().enumerate() {
        let leading = item.len() - item.trim_start().len();
        let trimmed = item.trim();
        let item_column = column + item[..leading].chars().count();
        if !trimmed.is_empty() {
            let (key, width) = if is_map {
                match trimmed.split_once(':') {
                    Some((key, _)) => {
                        (format!("{path}.{}", key.trim()), key.trim().chars().count())
                    }
                    None => (format!("{path}.{trimmed}"), trimmed.chars().count()),
                }
            } else {
                (format!("{path}[{index}]"), trimmed.chars().count())
            };
            spots.insert(
                key,
                Spot {
                    line,
                    column: item_column,
                    width,
                },
            );
        }
        column += item.chars().count() + 1;
    }
}

/// The comma-separated items of a flow collection's inside, up to its closing bracket.
fn split_flow_items(inner: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (at, ch) in inner.char_indices() {
        match (quote, ch) {
            (Some(open), _) if ch == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(ch),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') if depth == 0 => {
                items.push(&inner[start..at]);
                return items;
            }
            (None, ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                items.push(&inner[start..at]);
                start = at + 1;
            }
            (None, '#') if inner[..at].ends_with(' ') => break,
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_items_are_found() {
        let yaml =
            "year: 2024\napplications:\n  received: [1, 22, ~]\n  carried_over: {total: 3}\n";
        let text = YamlText::new(Path::new("a.md"), yaml, yaml, 1);
        let spots: std::collections::HashMap<&str, Spot> = [
            "applications.received",
            "applications.received[1]",
            "applications.received[2]",
            "applications.carried_over.total",
            "year",
        ]
        .into_iter()
        .map(|path| (path, text.spot(path).unwrap()))
        .collect();
        assert_eq!(
            spots["applications.received"],
            Spot {
                line: 4,
                column: 3,
                width: 8
            }
        );
        assert_eq!(
            spots["applications.received[1]"],
            Spot {
                line: 4,
                column: 17,
                width: 2
            }
        );
        assert_eq!(spots["applications.received[2]"].column, 21);
        assert_eq!(spots["applications.carried_over.total"].column, 18);
        assert_eq!(spots["year"].line, 2);
    }

    #[test]
    fn quoted_commas_do_not_split_items() {
        assert_eq!(
            split_flow_items("6, \"251,000元\"]  # 采购"),
            vec!["6", " \"251,000元\""]
        );
    }

    #[test]
    fn a_key_repeated_in_one_mapping_is_found_and_list_items_are_mappings_of_their_own() {
        let duplicate = |yaml: &str| {
            YamlText::new(Path::new("a.yaml"), yaml, yaml, 0)
                .duplicate_key()
                .map(|(key, first, second)| (key, first.line, second.line))
        };
        let regions = "- id: a\n  name: A\n  children:\n    - id: b\n      name: B\n    - id: c\n      name: C\n- id: d\n  name: D\n";
        assert_eq!(duplicate(regions), None);
        assert_eq!(
            duplicate("- id: a\n  name: A\n  id: b\n"),
            Some(("id".to_owned(), 1, 3))
        );
        assert_eq!(
            duplicate(
                "year: 1\nactive:\n  rules: [1]\n  fees: [2]\nappeals:\n  rules: x\n  fees: [3]\n  fees: [4]\n"
            ),
            Some(("fees".to_owned(), 7, 8))
        );
        assert_eq!(
            duplicate("a:\n  b: 1\nc: 2\na: 3\n"),
            Some(("a".to_owned(), 1, 4))
        );
    }

    #[test]
    fn list_items_are_keys_of_their_own_depth() {
        let yaml = "- id: jiangsu\n  name: 江苏省\n  children:\n    - id: huaian\n";
        let keys = index_keys(yaml, 0);
        assert_eq!(keys["id"].0.line, 1);
        assert_eq!(keys["children"].0.line, 3);
        assert_eq!(keys["children.id"].0.line, 4);
        assert_eq!(keys["name"].0.line, 2);
    }
}
