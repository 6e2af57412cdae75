//! The text of each table, as tokens, and the template version it shows.

use super::document::{Document, Form};
use super::sections::{self, Heading};
use super::tables::TableTexts;
use super::tokens::{self, Located, Token};
use super::{labels, text};
use archive_core::format::{FormatId, TableKey};
use archive_core::messages::{Text, cli};

/// The version of the template: the active table's own labels decide (its columns changed in
/// 2021); without them, gb2021's sub-rows of （六）其他处理; else the year.
pub(super) fn detect_format(texts: &TableTexts, year: u16) -> (FormatId, Text) {
    let evidence = labels::format_evidence(&region_text(&texts.active));
    let (gb2019, gb2021) = (evidence[0].1, evidence[1].1);
    if gb2019 > gb2021 {
        return (
            FormatId::Gb2019,
            cli::format_by_labels("gb2019", gb2019, "2019"),
        );
    }
    if gb2021 > gb2019 {
        return (
            FormatId::Gb2021,
            cli::format_by_labels("gb2021", gb2021, "2021"),
        );
    }
    if labels::has_other_handling_subrows(&region_text(&texts.applications)) {
        return (FormatId::Gb2021, cli::format_by_other_handling());
    }
    let format = FormatId::for_year(year);
    (format, cli::format_by_year(format.key(), year))
}

/// The text among tokens (labels and sentences, not values), one piece a line.
pub(super) fn region_text(tokens: &[Located]) -> String {
    tokens
        .iter()
        .filter_map(|located| match &located.token {
            Token::Text(text) => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tokens of each table. An HTML table is given to the table whose rows it names; text is
/// read from the sections that hold the tables (二, 三 and 四).
pub(super) fn table_texts(document: &Document, headings: &[Heading]) -> TableTexts {
    let mut texts = TableTexts::default();
    if document.form == Some(Form::Html) {
        for (index, table) in document.tables.iter().enumerate() {
            let mut tokens = Vec::new();
            table.tokens(&mut tokens);
            let text = text::label_key(&region_text(&tokens));
            let by_labels = TableKey::ALL
                .into_iter()
                .map(|key| {
                    (
                        key,
                        labels::TableLabels::of(key).find_rows(&text, false).len(),
                    )
                })
                .max_by_key(|(_, count)| *count)
                .filter(|(_, count)| *count > 0)
                .map(|(key, _)| key);
            let by_place = headings
                .iter()
                .rev()
                .find(|heading| {
                    document
                        .lines
                        .iter()
                        .position(|line| line.table == Some(index))
                        .is_some_and(|at| at >= heading.line)
                })
                .and_then(|heading| match heading.number {
                    2 => Some(TableKey::Active),
                    3 => Some(TableKey::Applications),
                    4 => Some(TableKey::Appeals),
                    _ => None,
                });
            let target = match by_labels.or(by_place) {
                Some(TableKey::Active) => &mut texts.active,
                Some(TableKey::Applications) => &mut texts.applications,
                Some(TableKey::Appeals) => &mut texts.appeals,
                None => continue,
            };
            target.extend(tokens);
        }
        return texts;
    }
    for (number, target) in [
        (2u8, &mut texts.active),
        (3, &mut texts.applications),
        (4, &mut texts.appeals),
    ] {
        let spans = sections::section(&document.lines, headings, number);
        if document.tab_cells {
            tab_tokens(&spans, target);
        } else {
            for span in spans {
                tokens::tokenize(span.text, span.line.number, false, target);
            }
        }
    }
    texts
}

/// Text copied from a web table: a tab starts each cell; a line without one continues the cell
/// above it (`商业` / `企业`); a cell holding only a tab is blank.
fn tab_tokens(spans: &[sections::Span<'_>], out: &mut Vec<Located>) {
    let mut cells: Vec<(String, usize, bool)> = Vec::new();
    let mut previous_was_cell = false;
    for span in spans {
        let line = span.text.trim_end_matches('\r');
        if line.trim().is_empty() && !line.contains('\t') {
            previous_was_cell = false;
            continue;
        }
        if line.contains('\t') {
            let mut pieces: Vec<&str> = line.split('\t').collect();
            if line.starts_with('\t') {
                pieces.remove(0);
            }
            for piece in pieces {
                cells.push((piece.to_owned(), span.line.number, true));
            }
            previous_was_cell = true;
        } else if previous_was_cell && let Some(last) = cells.last_mut() {
            last.0.push_str(line.trim());
        } else {
            cells.push((line.to_owned(), span.line.number, false));
            previous_was_cell = false;
        }
    }
    for (text, line, cell) in cells {
        tokens::tokenize(&text, line, cell, out);
    }
}
