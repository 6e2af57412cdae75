//! A row named by its Chinese label, as a person copies it from the printed template: `予以公开`,
//! `（一）予以公开`, `一、本年新收政府信息公开申请数量`, with or without its numbering, spaces,
//! full- or half-width brackets, or the note in brackets some labels end with.

use super::{FormatId, RowDef, TableKey, catalog, without_note};

/// What a written label names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RowByLabel {
    /// The label as printed, but for numbering, spaces and widths.
    Exact(&'static RowDef),
    /// A label within a few characters of this row's (a typo, a character left out).
    Close(&'static RowDef),
    /// No row is close; the nearest one, to name in the help.
    Unknown(Option<&'static RowDef>),
}

/// The row of `table` whose label `written` is, preferring `format`'s rows where both
/// versions have a label alike.
pub fn row_by_label(format: FormatId, table: TableKey, written: &str) -> RowByLabel {
    let written = bare_label(written);
    let rows = candidate_rows(format, table);
    if written.is_empty() {
        return RowByLabel::Unknown(None);
    }
    if let Some(row) = rows.iter().find(|row| label_forms(row).contains(&written)) {
        return RowByLabel::Exact(row);
    }
    let mut by_distance: Vec<(usize, &'static RowDef)> = rows
        .iter()
        .map(|row| {
            let distance = label_forms(row)
                .iter()
                .map(|form| strsim::levenshtein(form, &written))
                .min()
                .unwrap_or(usize::MAX);
            (distance, *row)
        })
        .collect();
    by_distance.sort_by_key(|(distance, _)| *distance);
    let allowed = (written.chars().count() / 4).max(1);
    match by_distance.as_slice() {
        [(best, row), rest @ ..]
            if *best <= allowed && rest.first().is_none_or(|(next, _)| next > best) =>
        {
            RowByLabel::Close(row)
        }
        [(_, row), ..] => RowByLabel::Unknown(Some(row)),
        [] => RowByLabel::Unknown(None),
    }
}

/// The rows of `table`: `format`'s first, then those only the other version has.
fn candidate_rows(format: FormatId, table: TableKey) -> Vec<&'static RowDef> {
    let mut rows: Vec<&'static RowDef> = format.template().table(table).rows().collect();
    for row in catalog().row_defs(table) {
        if !rows.iter().any(|known| known.key == row.key) {
            rows.push(row);
        }
    }
    rows
}

/// A row's label, bare, with and without its note in brackets.
fn label_forms(row: &RowDef) -> [String; 2] {
    [
        bare_label(row.label.zh),
        bare_label(without_note(row.label.zh)),
    ]
}

/// A label's words: full-width letters, digits and brackets folded to ASCII, spaces and quotes
/// removed, and the numbering it starts with (`一、`, `（三）`, `1.`, `2、`) cut off.
pub fn bare_label(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"“”‘’\"'`".contains(*c))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '【' | '〔' => '(',
            '】' | '〕' => ')',
            _ => c,
        })
        .collect();
    let mut rest = folded.as_str();
    loop {
        let cut = numbering_length(rest);
        if cut == 0 {
            return rest.to_owned();
        }
        rest = &rest[cut..];
    }
}

/// The bytes of the numbering mark `text` starts with, or 0.
fn numbering_length(text: &str) -> usize {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral_run = |from: &str| -> usize {
        from.chars()
            .take_while(|c| NUMERALS.contains(*c))
            .map(char::len_utf8)
            .sum()
    };
    if let Some(inner) = text.strip_prefix('(') {
        let digits = numeral_run(inner).max(
            inner
                .chars()
                .take_while(char::is_ascii_digit)
                .map(char::len_utf8)
                .sum(),
        );
        if digits > 0 && inner[digits..].starts_with(')') {
            return 1 + digits + 1;
        }
        return 0;
    }
    let chinese = numeral_run(text);
    if chinese > 0 && text[chinese..].starts_with('、') {
        return chinese + '、'.len_utf8();
    }
    let digits: usize = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let after = &text[digits..];
        for mark in ['.', '、', '．', ')'] {
            if after.starts_with(mark) {
                return digits + mark.len_utf8();
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(found: RowByLabel) -> String {
        match found {
            RowByLabel::Exact(row) => format!("exact {}", row.key),
            RowByLabel::Close(row) => format!("close {}", row.key),
            RowByLabel::Unknown(row) => format!("unknown {:?}", row.map(|row| row.key)),
        }
    }

    #[test]
    fn labels_as_printed_or_renumbered_name_their_rows() {
        let find = |text| key_of(row_by_label(FormatId::Gb2021, TableKey::Applications, text));
        for written in [
            "予以公开",
            "（一）予以公开",
            "(一) 予以公开",
            "（ 一 ）予以公开",
        ] {
            assert_eq!(find(written), "exact disclosed", "{written}");
        }
        assert_eq!(find("一、本年新收政府信息公开申请数量"), "exact received");
        assert_eq!(find("部分公开"), "exact partially_disclosed");
        assert_eq!(
            find("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "exact partially_disclosed"
        );
        assert_eq!(find("1.属于国家秘密"), "exact withheld_state_secret");
        assert_eq!(find("1、属于国家秘密"), "exact withheld_state_secret");
        assert_eq!(find("（七）总计"), "exact results_total");
        assert_eq!(find("3.其他"), "exact other_other");
        assert_eq!(
            key_of(row_by_label(
                FormatId::Gb2019,
                TableKey::Applications,
                "（六）其他处理"
            )),
            "exact other_handling"
        );
    }

    #[test]
    fn close_labels_are_read_and_far_ones_answered_with_the_nearest() {
        let find = |text| key_of(row_by_label(FormatId::Gb2021, TableKey::Applications, text));
        assert_eq!(find("本年新收政府信息公开申请数"), "close received");
        assert_eq!(find("属于国家密"), "close withheld_state_secret");
        assert_eq!(find("予以不公开的"), "unknown Some(\"disclosed\")");
        assert_eq!(
            key_of(row_by_label(FormatId::Gb2021, TableKey::Active, "行政许可")),
            "exact licensing"
        );
    }
}
