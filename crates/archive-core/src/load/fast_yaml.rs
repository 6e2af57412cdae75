//! A fast reader for the YAML that sources are written in, as `archive new` and `render_source`
//! write it: top-level `key: value` lines, tables as a `key:` line with its rows indented by two
//! spaces, each row a one-line `[…]`, `{…}` or single value, and comments.
//!
//! It builds exactly the `serde_yaml::Value` that serde_yaml would, several times faster, and
//! gives up (`None`) on anything outside that subset — other indentation, quoting with escapes or
//! single quotes, anchors, block scalars, duplicate keys, anything a number parser might read
//! differently — so that serde_yaml reads the rest, with its error messages. The tests compare the
//! two readers on every source of the repository and on thousands of mutated ones.

use serde_yaml::{Mapping, Number, Value};

/// The value of `yaml`, or `None` if the text is not in the subset this reader knows.
pub(crate) fn parse(yaml: &str) -> Option<Value> {
    let mut top = Mapping::new();
    // The table being filled: its key and rows.
    let mut table: Option<(String, Mapping)> = None;
    for line in yaml.split('\n') {
        if line.contains(['\t', '\r']) {
            return None;
        }
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let (key, rest) = key_and_rest(content)?;
        match indent {
            0 => {
                if let Some(open) = table.take() {
                    close_table(&mut top, open)?;
                }
                match value_text(rest)? {
                    // `active:` opens a table, unless no rows follow (then it is empty: null).
                    "" => table = Some((key.to_owned(), Mapping::new())),
                    text => insert(&mut top, key.to_owned(), scalar(text)?)?,
                }
            }
            2 => {
                let (_, rows) = table.as_mut()?;
                let value = match value_text(rest)? {
                    text if text.starts_with('[') => sequence(text)?,
                    text if text.starts_with('{') => mapping(text)?,
                    text => scalar(text)?,
                };
                insert(rows, key.to_owned(), value)?;
            }
            _ => return None,
        }
    }
    if let Some(open) = table.take() {
        close_table(&mut top, open)?;
    }
    // serde_yaml reads a document with no keys as null; leave such texts to it.
    (!top.is_empty()).then_some(Value::Mapping(top))
}

/// The value of a source whose `originals:` list (a list of mappings that `archive import`
/// writes, outside the fast reader's subset) is read by serde_yaml on its own, and the rest by the
/// fast reader; `None` where either gives up, so that serde_yaml reads the whole text.
pub(crate) fn parse_with_originals(yaml: &str) -> Option<Value> {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|line| line.trim_end() == "originals:")?;
    let end = start
        + 1
        + lines[start + 1..]
            .iter()
            .take_while(|line| line.starts_with(' ') || line.trim().is_empty())
            .count();
    let rest: String = lines[..start].concat() + &lines[end..].concat();
    let Value::Mapping(mut top) = parse(&rest)? else {
        return None;
    };
    let block: Value = serde_yaml::from_str(&lines[start..end].concat()).ok()?;
    let originals = block.as_mapping()?.get("originals")?.clone();
    insert(&mut top, "originals".to_owned(), originals)?;
    Some(Value::Mapping(top))
}

/// Adds a finished table: a `key:` line with no rows under it is null.
fn close_table(top: &mut Mapping, (name, rows): (String, Mapping)) -> Option<()> {
    let value = if rows.is_empty() {
        Value::Null
    } else {
        Value::Mapping(rows)
    };
    insert(top, name, value)
}

/// Adds a key, giving up on a duplicate (serde_yaml reports those).
fn insert(mapping: &mut Mapping, key: String, value: Value) -> Option<()> {
    let key = Value::String(key);
    if mapping.contains_key(&key) {
        return None;
    }
    mapping.insert(key, value);
    Some(())
}

/// `key: rest` or `key:` with a key of lower-case ASCII letters, digits and underscores.
fn key_and_rest(content: &str) -> Option<(&str, &str)> {
    let colon = content.find(':')?;
    let key = &content[..colon];
    let rest = &content[colon + 1..];
    let plain_key = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !key.as_bytes()[0].is_ascii_digit();
    (plain_key && (rest.is_empty() || rest.starts_with(' '))).then_some((key, rest))
}

/// The value after `key:`, without its comment and surrounding spaces. Quotes are kept; a flow
/// collection is cut at its closing bracket. `None` if something other than a comment follows.
fn value_text(rest: &str) -> Option<&str> {
    let value = rest.trim_start_matches(' ');
    let end = match value.as_bytes().first() {
        None | Some(b'#') => return Some(""),
        Some(b'"') => value[1..].find('"')? + 2,
        Some(b'[') => value.find(']')? + 1,
        Some(b'{') => value.find('}')? + 1,
        // A plain scalar ends where a comment (` #`) starts.
        Some(_) => value.find(" #").unwrap_or(value.len()),
    };
    let (text, after) = value.split_at(end);
    let after = after.trim_start_matches(' ');
    (after.is_empty() || (after.starts_with('#') && after.len() < value.len() - text.len()))
        .then(|| text.trim_end_matches(' '))
}

/// `[a, b, ~]`, items plain or double-quoted.
fn sequence(text: &str) -> Option<Value> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    if inner.contains(['[', '{', '}']) {
        return None;
    }
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    items(inner)?
        .into_iter()
        .map(flow_scalar)
        .collect::<Option<Vec<_>>>()
        .map(Value::Sequence)
}

/// `{key: value, …}`, values plain or double-quoted.
fn mapping(text: &str) -> Option<Value> {
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    if inner.contains(['[', ']', '{']) {
        return None;
    }
    let mut columns = Mapping::new();
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Mapping(columns));
    }
    for item in items(inner)? {
        let (key, value) = key_and_rest(item.trim_start_matches(' '))?;
        insert(&mut columns, key.to_owned(), flow_scalar(value)?)?;
    }
    Some(Value::Mapping(columns))
}

/// The comma-separated items of a flow collection's inside; `None` on an empty item or a quote
/// holding a comma (the positions index in `yaml.rs` splits the same way).
fn items(inner: &str) -> Option<Vec<&str>> {
    let items: Vec<&str> = inner.split(',').collect();
    let balanced = items.iter().all(|item| item.matches('"').count() % 2 == 0);
    (balanced && items.iter().all(|item| !item.trim_matches(' ').is_empty())).then_some(items)
}

/// A scalar inside `[…]` or `{…}`: no `:` or `#` of its own.
fn flow_scalar(item: &str) -> Option<Value> {
    let item = item.trim_matches(' ');
    if !item.starts_with('"') && item.contains([':', '#']) {
        return None;
    }
    scalar(item)
}

/// A plain or double-quoted scalar, typed as serde_yaml types it: null, a whole number, a simple
/// decimal, or text. Booleans, and anything a number parser could read, are left to serde_yaml.
fn scalar(text: &str) -> Option<Value> {
    if let Some(quoted) = text.strip_prefix('"') {
        let inner = quoted.strip_suffix('"')?;
        let plain_inner = !inner.contains(['"', '\\']) && !inner.chars().any(char::is_control);
        return plain_inner.then(|| Value::String(inner.to_owned()));
    }
    if text.chars().any(char::is_control) || text.contains(": ") || text.ends_with(':') {
        return None;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return None,
        _ => {}
    }
    if let Some(number) = number(text) {
        return Some(Value::Number(number));
    }
    // Whatever a number parser might accept (1e3, .5, inf, 0x1f, +1, 007 …) is serde_yaml's call.
    let might_be_number = text.parse::<f64>().is_ok()
        || ["0x", "0o", "0b", "+", "-0", "."]
            .iter()
            .any(|prefix| text.starts_with(prefix));
    let indicator = text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c));
    (!might_be_number && !indicator).then(|| Value::String(text.to_owned()))
}

/// Whole numbers and decimals written plainly (`12`, `-3`, `96171.6`), without leading zeros.
fn number(text: &str) -> Option<Number> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    match fraction {
        Some(fraction) if is_digits(fraction) => {
            let value: f64 = text.parse().ok()?;
            value.is_finite().then(|| Number::from(value))
        }
        Some(_) => None,
        None if text.starts_with('-') => text.parse::<i64>().ok().map(Number::from),
        None => text.parse::<u64>().ok().map(Number::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast reader either gives up or agrees with serde_yaml.
    fn agrees(yaml: &str) -> bool {
        let fast = parse(yaml).or_else(|| parse_with_originals(yaml));
        if let Some(fast) = &fast {
            let slow: Value = serde_yaml::from_str(yaml).unwrap_or_else(|error| {
                panic!("fast read what serde_yaml refuses ({error}):\n{yaml}")
            });
            assert_eq!(fast, &slow, "\n{yaml}");
        }
        fast.is_some()
    }

    #[test]
    fn the_written_layout_is_read_as_serde_yaml_reads_it() {
        let yaml = "year: 2024\nformat: gb2021\ntitle: 淮安市人民政府2024年政府信息公开工作年度报告\npublished: ~\nnotes: \"报告未印发布日期。\"\n\n# 二、主动公开\nactive:\n  rules:               [1, 0, 11]  # 本年制发件数\n  fees:                [96171.6]\n  licensing: 2663\n  coercion: ~\napplications:\n  received: {natural_person: 3001, total: 3119}\n  carried_over: [~, ~, -2]\nappeals:\n";
        assert!(agrees(yaml));
        let value = parse(yaml).unwrap();
        assert_eq!(value["appeals"], Value::Null);
        assert_eq!(value["active"]["fees"][0].as_f64(), Some(96171.6));
    }

    #[test]
    fn texts_a_number_parser_might_read_are_left_to_serde_yaml() {
        for text in [
            "1e3", ".5", "inf", "0x1f", "+1", "007", "true", "-.inf", "1.",
        ] {
            assert_eq!(parse(&format!("title: {text}\n")), None, "{text}");
        }
        for text in [
            "2025-01-22",
            "251000元",
            "yes",
            "https://a.gov.cn/x#y",
            "1_000",
        ] {
            assert!(agrees(&format!("title: {text}\n")), "{text}");
        }
    }

    #[test]
    fn layouts_outside_the_subset_are_left_to_serde_yaml() {
        for yaml in [
            "year: 2024\nyear: 2025\n",
            "active:\n    rules: [1, 2, 3]\n",
            "title: 'single'\n",
            "title: \"esc\\\"aped\"\n",
            "title: a: b\n",
            "active:\n  rules: [1, [2], 3]\n",
            "active:\n  rules: [1, , 3]\n",
            "title: &anchor x\n",
            "notes: |\n  text\n",
            "active:\n  rules:\n    issued: 1\n",
            "- item\n",
            "\ttitle: x\n",
            "",
        ] {
            assert_eq!(parse(yaml), None, "{yaml}");
        }
    }

    #[test]
    fn every_source_in_the_repository_is_read_alike() {
        // The repository's root, two folders above this crate.
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let mut fast = 0;
        for folder in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(folder)) {
                let path = entry.unwrap().into_path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let yaml = match path.extension().and_then(|e| e.to_str()) {
                    Some("md") => match crate::load::report::split_front_matter(&path, &text) {
                        Ok(split) => split.yaml.to_owned(),
                        Err(_) => continue,
                    },
                    Some("yaml") => text,
                    _ => continue,
                };
                if agrees(&yaml) {
                    fast += 1;
                }
            }
        }
        // Every report of the example archive is in the written layout.
        assert!(fast >= 10, "only {fast} sources read fast");
    }

    #[test]
    fn mutated_sources_never_disagree() {
        let source = "year: 2024\nformat: gb2021\ntitle: 某县2024年报告\npublished: 2025-01-22\nissuer: 某县人民政府办公室\nsource_url: https://a.gov.cn/b.html\nactive:\n  rules: [1, 0, 11]  # 本年制发件数\n  fees: [96171.6]\n  licensing: {decisions: 5}\napplications:\n  received: [3001, 53, 0, 0, 61, 4, 3119]\n  procurement: [6, \"251000元\"]\n";
        let alphabet: Vec<char> = " :#,[]{}\"'~-.0123456789ae\n\t!&*|>?%@`x年/"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        let mut read_fast = 0;
        for _ in 0..20_000 {
            let mut chars: Vec<char> = source.chars().collect();
            for _ in 0..1 + next(3) {
                let at = next(chars.len());
                match next(3) {
                    0 => chars[at] = alphabet[next(alphabet.len())],
                    1 => chars.insert(at, alphabet[next(alphabet.len())]),
                    _ => {
                        chars.remove(at);
                    }
                }
            }
            let yaml: String = chars.into_iter().collect();
            if let Some(fast) = parse(&yaml) {
                read_fast += 1;
                match serde_yaml::from_str::<Value>(&yaml) {
                    Ok(slow) => assert_eq!(fast, slow, "\n{yaml}"),
                    Err(error) => panic!("fast read what serde_yaml refuses ({error}):\n{yaml}"),
                }
            }
        }
        assert!(read_fast > 5_000, "only {read_fast} mutants read fast");
    }
}
