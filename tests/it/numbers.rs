//! The check that a built site's data files write every number exactly: as plain digits
//! (`-?\d+(\.\d+)?`, never `1e-7`) and with no more digits after the point than the sources print
//! (never float noise such as `-3167.2713330000006`). Shared by `trust.rs` (the example archive)
//! and the generator's tests (examples/gen-corpus, a generated corpus).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The most digits after the point of any number in the front matter of the sources below
/// `content`: what no value, and no change between two values, may exceed.
pub(crate) fn printed_decimals(content: &Path) -> usize {
    files(content, "md")
        .iter()
        .map(|source| {
            let text = fs::read_to_string(source).unwrap();
            let front = text.split("---").nth(1).unwrap_or_default().to_owned();
            front
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter_map(|token| token.split_once('.'))
                .filter(|(whole, fraction)| !whole.is_empty() && !fraction.is_empty())
                .map(|(_, fraction)| fraction.len())
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// The digits after the point of what data files derive rather than copy: a rate as a fraction
/// (4: 0.5072), a percentage or percentage points (2); docs/data.md.
const DERIVED_DECIMALS: usize = 4;

/// Every number in the JSON and CSV files below `public` that is not plain digits, or has
/// more than `decimals` digits after the point (a value or a change; a rate or a percentage
/// [`DERIVED_DECIMALS`]), as `file: number`; and how many numbers were read.
pub(crate) fn inexact_numbers(public: &Path, decimals: usize) -> (Vec<String>, usize) {
    let mut inexact = Vec::new();
    let mut read = 0;
    let mut check = |file: &Path, number: &str, derived: bool| {
        read += 1;
        let allowed = if derived { DERIVED_DECIMALS } else { decimals };
        if !is_exact(number, allowed) {
            inexact.push(format!("{}: {number}", file.display()));
        }
    };
    for file in files(public, "json") {
        let value: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        each_number(&value, false, &mut |number, derived| {
            check(&file, number, derived)
        });
    }
    // The long CSV files are gzipped (`.csv.gz`): read decompressed.
    let gzipped = files(public, "gz")
        .into_iter()
        .filter(|file| file.to_string_lossy().ends_with(".csv.gz"));
    for file in files(public, "csv").into_iter().chain(gzipped) {
        let mut bytes = fs::read(&file).unwrap();
        if file.extension().is_some_and(|extension| extension == "gz") {
            bytes = gunzip(&bytes);
        }
        let text = std::str::from_utf8(&bytes)
            .unwrap()
            .trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for field in record.unwrap().iter().filter(|field| looks_numeric(field)) {
                check(&file, field, false);
            }
        }
    }
    (inexact, read)
}

/// A whole gzip file's bytes, decompressed: every member, as gzip and zcat read it (the published
/// `data/*-long.csv.gz` are a header member and one per group of reports). Here, not in
/// `support`, because gen-corpus's tests include this file; `support` re-exports it.
pub(crate) fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(bytes), &mut plain)
        .expect("a whole gzip file");
    plain
}

/// Whether `number` is plain digits with at most `decimals` after the point.
fn is_exact(number: &str, decimals: usize) -> bool {
    let digits = number.strip_prefix('-').unwrap_or(number);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && all_digits(fraction)
        && !(digits.contains('.') && fraction.is_empty())
        && fraction.len() <= decimals
}

/// A CSV field that a reader would take for a number (digits, a sign, a point or an exponent).
fn looks_numeric(field: &str) -> bool {
    field.bytes().any(|byte| byte.is_ascii_digit())
        && field
            .bytes()
            .all(|byte| byte.is_ascii_digit() || b"+-.eE".contains(&byte))
}

/// Visits every number with whether it is derived (below a `rates` key, or a `change_percent`).
fn each_number(value: &Value, derived: bool, visit: &mut dyn FnMut(&str, bool)) {
    match value {
        Value::Number(number) => visit(&number.to_string(), derived),
        Value::Array(items) => items
            .iter()
            .for_each(|item| each_number(item, derived, visit)),
        Value::Object(entries) => entries.iter().for_each(|(key, item)| {
            let derived = derived || key == "rates" || key == "change_percent";
            each_number(item, derived, visit)
        }),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// The files below `root` whose names end in `.extension`.
fn files(root: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|found| found == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_check_refuses_float_noise_and_exponents() {
    assert!(is_exact("-3167.271333", 6));
    assert!(is_exact("7545", 0));
    assert!(!is_exact("-3167.2713330000006", 6));
    assert!(!is_exact("1e-7", 6));
    assert!(!is_exact("7545.", 6));
    assert!(!is_exact("0.5", 0));
    assert!(looks_numeric("1e-7") && looks_numeric("-18") && !looks_numeric("gb2021"));
}
