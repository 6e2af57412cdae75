//! Text normalisation shared by the importer: full-width forms, label keys, spacing in CJK text.

/// Folds full-width ASCII forms (０-９, Ａ-Ｚ, （）, ：…) and the ideographic and no-break spaces to
/// their half-width forms. Other characters are kept.
pub(crate) fn fold_width(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// One character of [`fold_width`].
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{2212}' | '\u{2013}' => '-',
        _ => c,
    }
}

/// The form in which labels are compared: widths folded, whitespace and quotation marks removed,
/// `1、` and `1．` numbering written `1.`.
pub(crate) fn label_key(text: &str) -> String {
    let folded = fold_width(text);
    let mut key = String::with_capacity(folded.len());
    let mut previous: Option<char> = None;
    for c in folded.chars() {
        if c.is_whitespace() || matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '\u{200B}')
        {
            continue;
        }
        let c = if c == '、' && previous.is_some_and(|p| p.is_ascii_digit()) {
            '.'
        } else {
            c
        };
        key.push(c);
        previous = Some(c);
    }
    key
}

/// Whether a character is written in CJK text (ideographs and CJK punctuation).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms
        | '\u{2018}'..='\u{201D}' // curly quotes, used as CJK quotation marks
    )
}

/// Removes the spaces PDF text extraction puts between CJK characters and beside digits
/// (`2023 年` → `2023年`, `号 ， 邮 编` → `号，邮编`); spaces between Latin words stay.
pub(crate) fn tighten_cjk_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == ' ' || c == '\u{3000}' {
            let start = at;
            while at < chars.len() && (chars[at] == ' ' || chars[at] == '\u{3000}') {
                at += 1;
            }
            let before = start.checked_sub(1).map(|i| chars[i]);
            let after = chars.get(at).copied();
            let drop = match (before, after) {
                (Some(b), Some(a)) => {
                    (is_cjk(b) && (is_cjk(a) || a.is_ascii_alphanumeric()))
                        || (is_cjk(a) && b.is_ascii_alphanumeric())
                }
                _ => true,
            };
            if !drop {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        at += 1;
    }
    out
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A printed page number line, as PDF extraction leaves them: `- 3 -`, `— 3 —`, `第3页`.
pub(crate) fn is_page_number(line: &str) -> bool {
    let line = fold_width(line);
    let line = line.trim();
    if let Some(inner) = line
        .strip_prefix(['-', '—'])
        .and_then(|rest| rest.strip_suffix(['-', '—']))
    {
        let inner = inner.trim();
        return !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit());
    }
    if let Some(inner) = line
        .strip_prefix('第')
        .and_then(|rest| rest.strip_suffix('页'))
    {
        return inner.trim().bytes().all(|b| b.is_ascii_digit()) && !inner.trim().is_empty();
    }
    false
}

/// A date written in a report: `2025年1月22日`, `2020-01-31`, `2024/03/08`, `2024.3.8`.
/// Returns the date and the byte range it covers.
pub(crate) fn find_date(text: &str) -> Option<(jiff::civil::Date, std::ops::Range<usize>)> {
    use std::sync::OnceLock;
    static DATE: OnceLock<regex::Regex> = OnceLock::new();
    let pattern = DATE.get_or_init(|| {
        regex::Regex::new(
            r"((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})(?:\s*日)?",
        )
        .expect("valid pattern")
    });
    let folded = fold_width(text);
    // Folding keeps byte lengths only for ASCII; search the folded text and map back by chars.
    for captures in pattern.captures_iter(&folded) {
        let year: i16 = captures[1].parse().ok()?;
        let month: i8 = captures[2].parse().ok()?;
        let day: i8 = captures[3].parse().ok()?;
        if let Ok(date) = jiff::civil::Date::new(year, month, day) {
            let whole = captures.get(0).expect("group 0");
            let start = char_offset_map(&folded, text, whole.start());
            let end = char_offset_map(&folded, text, whole.end());
            return Some((date, start..end));
        }
    }
    None
}

/// Maps a byte offset in `folded` (made from `original` char by char) to the same char position
/// in `original`.
fn char_offset_map(folded: &str, original: &str, offset: usize) -> usize {
    let chars = folded[..offset].chars().count();
    original
        .char_indices()
        .nth(chars)
        .map_or(original.len(), |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_width_spacing_or_numbering_style() {
        assert_eq!(label_key("（一）予以公开"), "(一)予以公开");
        assert_eq!(
            label_key("1、申请人无正当理由逾期不补 正"),
            "1.申请人无正当理由逾期不补正"
        );
        assert_eq!(label_key("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(
            label_key("本年新<br>制作数量").len(),
            "本年新<br>制作数量".len()
        );
        assert_eq!(fold_width("２６６３条"), "2663条");
    }

    #[test]
    fn pdf_spacing_is_tightened_between_cjk_and_digits() {
        assert_eq!(tighten_cjk_spacing("2023 年 1 月"), "2023年1月");
        assert_eq!(
            tighten_cjk_spacing("号 ， 邮 编 ： 223100 ， 电"),
            "号，邮编：223100，电"
        );
        assert_eq!(tighten_cjk_spacing("hello world"), "hello world");
    }

    #[test]
    fn page_numbers_and_dates_are_recognised() {
        assert!(is_page_number("- 3 -"));
        assert!(is_page_number("－ 12 －"));
        assert!(!is_page_number("-18"));
        assert!(!is_page_number("0"));
        let (date, range) = find_date("  2025年1月22日").unwrap();
        assert_eq!(date.to_string(), "2025-01-22");
        assert_eq!(&"  2025年1月22日"[range], "2025年1月22日");
        assert_eq!(
            find_date("发布时间: 2020-01-20 15:22")
                .unwrap()
                .0
                .to_string(),
            "2020-01-20"
        );
        assert!(find_date("2024年13月1日").is_none());
    }
}
