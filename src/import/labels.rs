//! Recognising the templates' row labels in published text, and telling the two versions apart.
//!
//! Every label comes from `format` (nothing here spells one). Text is compared by
//! [`label_key`](super::text::label_key): widths folded, whitespace and quotes removed. A run of
//! label text (everything between two values) is cut before each numbering mark (`1.`, `（三）`,
//! `四、`, `第二十条第（五）项`); a piece that starts with a mark is matched against the numbered
//! labels, exactly or, for typos such as 行政止公开, by edit distance; unnumbered labels (the rows of
//! table 二) are found anywhere in the text.

use std::sync::OnceLock;

use regex::Regex;

use super::text::label_key;
use archive_core::format::{FormatId, TableKey};

/// A row recognised in label text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowMatch {
    /// The row's key.
    pub(crate) row: &'static str,
    /// Whether the label was matched by edit distance rather than exactly.
    pub(crate) fuzzy: bool,
    /// The text that was matched (label key form).
    pub(crate) text: String,
}

/// One row label of either version.
#[derive(Debug)]
struct RowLabel {
    row: &'static str,
    /// The label's key, numbering included.
    key: String,
    /// The numbering mark at its start (`1.`, `(一)`, `四、`), if any.
    mark: Option<String>,
}

/// The row labels of one table in both versions.
#[derive(Debug)]
pub(crate) struct TableLabels {
    table: TableKey,
    labels: Vec<RowLabel>,
}

impl TableLabels {
    /// The labels of a table, from the template definitions.
    pub(crate) fn of(table: TableKey) -> &'static TableLabels {
        static TABLES: OnceLock<Vec<TableLabels>> = OnceLock::new();
        let tables = TABLES.get_or_init(|| TableKey::ALL.into_iter().map(build).collect());
        tables
            .iter()
            .find(|labels| labels.table == table)
            .expect("every table")
    }

    /// The rows named in a run of label text, in the order they appear. `other_handling_is_group`
    /// says that （六）其他处理 heads gb2021's three sub-rows here rather than being gb2019's row.
    pub(crate) fn find_rows(&self, text: &str, other_handling_is_group: bool) -> Vec<RowMatch> {
        let key = label_key(text);
        let mut found = Vec::new();
        for piece in pieces(&key) {
            let mut rest = piece;
            if let Some(mark) = leading_mark(piece) {
                if let Some((row, length, fuzzy)) = self.numbered(piece, &mark) {
                    if !(row == "other_handling" && other_handling_is_group) {
                        found.push(RowMatch {
                            row,
                            fuzzy,
                            text: piece[..length.min(piece.len())].to_owned(),
                        });
                    }
                    rest = &piece[length.min(piece.len())..];
                } else {
                    rest = &piece[mark.len()..];
                }
            }
            self.unnumbered(rest, &mut found);
        }
        found
    }

    /// The numbered label a piece starts with: (row, bytes of the piece it covers, fuzzy).
    fn numbered(&self, piece: &str, mark: &str) -> Option<(&'static str, usize, bool)> {
        let candidates: Vec<&RowLabel> = self
            .labels
            .iter()
            .filter(|label| label.mark.as_deref() == Some(mark))
            .collect();
        if let Some(label) = candidates
            .iter()
            .filter(|label| piece.starts_with(label.key.as_str()))
            .max_by_key(|label| label.key.len())
        {
            return Some((label.row, label.key.len(), false));
        }
        // Typos and dropped characters: the closest label whose edit distance to a prefix of
        // the piece is within a quarter of its length, if no other label is as close.
        let mut best: Vec<(usize, &RowLabel, usize)> = Vec::new();
        for label in &candidates {
            let (distance, length) = prefix_distance(&label.key, piece);
            let allowed = (label.key.chars().count() / 4).max(1);
            if distance <= allowed {
                best.push((distance, label, length));
            }
        }
        best.sort_by_key(|(distance, _, _)| *distance);
        match best.as_slice() {
            [] => None,
            [(_, label, length)] => Some((label.row, *length, true)),
            [(first, label, length), (second, ..), ..] if first < second => {
                Some((label.row, *length, true))
            }
            _ => None,
        }
    }

    /// Unnumbered labels anywhere in the text, leftmost-longest, without overlaps.
    fn unnumbered(&self, text: &str, found: &mut Vec<RowMatch>) {
        let mut at = 0;
        while at < text.len() {
            let hit = self
                .labels
                .iter()
                .filter(|label| label.mark.is_none())
                .filter(|label| text[at..].starts_with(label.key.as_str()))
                .max_by_key(|label| label.key.len());
            match hit {
                Some(label) => {
                    found.push(RowMatch {
                        row: label.row,
                        fuzzy: false,
                        text: label.key.clone(),
                    });
                    at += label.key.len();
                }
                None => {
                    at += text[at..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
    }
}

fn build(table: TableKey) -> TableLabels {
    let mut labels: Vec<RowLabel> = Vec::new();
    for format in FormatId::ALL {
        for row in format.template().table(table).rows() {
            let key = label_key(row.label.zh);
            if labels.iter().any(|known| known.key == key) {
                continue;
            }
            labels.push(RowLabel {
                row: row.key,
                mark: leading_mark(&key),
                key,
            });
        }
    }
    TableLabels { table, labels }
}

fn mark_pattern() -> &'static Regex {
    static MARK: OnceLock<Regex> = OnceLock::new();
    MARK.get_or_init(|| {
        Regex::new(
            r"第[一二三四五六七八九十]+条第?\([一二三四五六七八九十]+\)项|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,2}、|\d{1,2}\.",
        )
        .expect("valid pattern")
    })
}

/// The numbering mark a label key starts with.
fn leading_mark(key: &str) -> Option<String> {
    mark_pattern()
        .find(key)
        .filter(|found| found.start() == 0)
        .map(|found| found.as_str().to_owned())
}

/// Cuts label text before each numbering mark.
fn pieces(key: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = mark_pattern()
        .find_iter(key)
        .filter(|found| {
            // `1.5` is a number, not a mark.
            !(found.as_str().ends_with('.')
                && key[found.end()..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|found| found.start())
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(key.len());
    starts
        .windows(2)
        .map(|pair| &key[pair[0]..pair[1]])
        .filter(|piece| !piece.is_empty())
        .collect()
}

/// The smallest edit distance between `label` and a prefix of `text`, with that prefix's length
/// in bytes.
fn prefix_distance(label: &str, text: &str) -> (usize, usize) {
    let label_chars = label.chars().count();
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .collect();
    let lowest = label_chars.saturating_sub(label_chars / 4 + 1);
    let highest = (label_chars + label_chars / 4 + 1).min(boundaries.len() - 1);
    (lowest.min(highest)..=highest)
        .map(|chars| {
            let prefix = &text[..boundaries[chars]];
            (strsim::levenshtein(label, prefix), boundaries[chars])
        })
        .min()
        .unwrap_or((usize::MAX, 0))
}

/// What the active table's text says about the version: labels only one version prints (column
/// headers such as 本年新制作数量 or 本年制发件数, rows such as 政府集中采购), counted once each,
/// longer labels first so that 处理决定数量 is not counted inside 本年处理决定数量.
pub(crate) fn format_evidence(active_text: &str) -> [(FormatId, usize); 2] {
    let mut text = label_key(active_text);
    let mut labels: Vec<(String, FormatId)> = Vec::new();
    for format in FormatId::ALL {
        let table = format.template().table(TableKey::Active);
        let other = format.other().template().table(TableKey::Active);
        let other_labels: Vec<String> = other
            .rows()
            .flat_map(|row| {
                std::iter::once(label_key(row.label.zh))
                    .chain(row.columns.iter().map(|column| label_key(column.label.zh)))
            })
            .chain(
                other
                    .blocks
                    .iter()
                    .filter_map(|block| block.heading.map(|h| label_key(h.zh))),
            )
            .collect();
        let own = table
            .rows()
            .flat_map(|row| {
                std::iter::once(label_key(row.label.zh))
                    .chain(row.columns.iter().map(|column| label_key(column.label.zh)))
            })
            .chain(
                table
                    .blocks
                    .iter()
                    .filter_map(|block| block.heading.map(|h| label_key(h.zh))),
            );
        for label in own {
            if !other_labels.contains(&label) && !labels.iter().any(|(known, _)| *known == label) {
                labels.push((label, format));
            }
        }
    }
    // Labels both versions print (行政许可 …) are blanked first so that a shorter label of one
    // version is not found inside a longer shared one.
    let mut shared: Vec<String> = Vec::new();
    for format in FormatId::ALL {
        for row in format.template().table(TableKey::Active).rows() {
            let key = label_key(row.label.zh);
            if !labels.iter().any(|(label, _)| *label == key) {
                shared.push(key);
            }
        }
    }
    let mut all: Vec<(String, Option<FormatId>)> = labels
        .into_iter()
        .map(|(label, format)| (label, Some(format)))
        .chain(shared.into_iter().map(|label| (label, None)))
        .collect();
    all.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
    let mut counts = [(FormatId::Gb2019, 0), (FormatId::Gb2021, 0)];
    for (label, format) in all {
        if text.contains(&label) {
            text = text.replace(&label, "\u{0}");
            if let Some(format) = format {
                counts
                    .iter_mut()
                    .find(|(known, _)| *known == format)
                    .expect("both")
                    .1 += 1;
            }
        }
    }
    counts
}

/// Whether the applications text has gb2021's sub-rows of （六）其他处理 (their labels, without
/// numbering, found anywhere).
pub(crate) fn has_other_handling_subrows(applications_text: &str) -> bool {
    let text = label_key(applications_text);
    FormatId::Gb2021
        .template()
        .table(TableKey::Applications)
        .rows()
        .filter(|row| row.slot == Some("other_handling"))
        .filter_map(|row| {
            let key = label_key(row.label.zh);
            let body = leading_mark(&key).map_or(key.clone(), |mark| key[mark.len()..].to_owned());
            // 3.其他 is too common to count.
            (body.chars().count() > 4).then_some(body)
        })
        .any(|body| {
            let head: String = body.chars().take(10).collect();
            text.contains(&head)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(table: TableKey, text: &str) -> Vec<&'static str> {
        TableLabels::of(table)
            .find_rows(text, false)
            .into_iter()
            .map(|found| found.row)
            .collect()
    }

    #[test]
    fn numbered_rows_are_found_in_run_together_text() {
        assert_eq!(
            rows(
                TableKey::Applications,
                "（三）不予公开1.属于国家秘密2.其他法律行政法规禁止公开3.危及“三安全一稳定”"
            ),
            vec![
                "withheld_state_secret",
                "withheld_prohibited_by_law",
                "withheld_security_stability"
            ]
        );
        assert_eq!(
            rows(
                TableKey::Applications,
                "三、\n本\n年\n度\n办\n理\n结\n果（四）无法提供 1.本机关不掌握相关政府信息"
            ),
            vec!["unavailable_not_held"]
        );
    }

    #[test]
    fn typos_match_by_edit_distance() {
        let found =
            TableLabels::of(TableKey::Applications).find_rows("2.其他法律行政止公开", false);
        assert_eq!(
            found,
            vec![RowMatch {
                row: "withheld_prohibited_by_law",
                fuzzy: true,
                text: "2.其他法律行政止公开".to_owned(),
            }]
        );
        assert!(rows(TableKey::Applications, "2.完全无关的文字内容").is_empty());
    }

    #[test]
    fn other_handling_is_a_row_only_without_sub_rows() {
        let labels = TableLabels::of(TableKey::Applications);
        let text = "（六）其他处理（七）总计";
        assert_eq!(
            labels
                .find_rows(text, false)
                .iter()
                .map(|m| m.row)
                .collect::<Vec<_>>(),
            vec!["other_handling", "results_total"]
        );
        assert_eq!(labels.find_rows(text, true).len(), 1);
        assert!(has_other_handling_subrows(
            "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信息公开申请"
        ));
        assert!(!has_other_handling_subrows("（六）其他处理（七）总计"));
    }

    #[test]
    fn active_rows_are_found_among_headers() {
        assert_eq!(
            rows(
                TableKey::Active,
                "第二十条 第（一）项信息内容规章行政规范性文件第二十条 第（五）项信息内容行政许可"
            ),
            vec!["rules", "normative_documents", "licensing"]
        );
    }

    #[test]
    fn versions_are_told_apart_by_their_own_labels() {
        let gb2019 = format_evidence(
            "信息内容本年新制作数量本年新公开数量对外公开总数量规章规范性文件上一年项目数量本年增/减处理决定数量",
        );
        assert!(gb2019[0].1 > 0 && gb2019[1].1 == 0, "{gb2019:?}");
        let gb2021 = format_evidence(
            "本年制发件数本年废止件数现行有效件数规章行政规范性文件本年处理决定数量",
        );
        assert!(gb2021[1].1 > 0 && gb2021[0].1 == 0, "{gb2021:?}");
    }
}
