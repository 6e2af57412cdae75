//! Drawing a report's tables as the national template draws them: the same merged header cells
//! (rowspan, colspan), the same row labels, in the version the report declares.
//!
//! The result is plain data ([`DrawnTable`]) that a theme prints with two loops; every span is
//! computed here, from the template definitions in `format`.

use std::collections::HashSet;

use serde::Serialize;

use crate::config::Language;
use crate::format::{BlockDef, ColumnDef, FormatId, Label, Orientation, RowDef, TableKey, catalog};
use crate::model::{Cell, Cells};

/// A table ready to print.
#[derive(Debug, Serialize, PartialEq)]
pub struct DrawnTable {
    /// The table's key (`active`, `applications`, `appeals`).
    pub key: &'static str,
    /// The table's heading, for its caption.
    pub caption: &'static str,
    /// Header rows (`<thead>`).
    pub head: Vec<Vec<DrawnCell>>,
    /// Groups of body rows (`<tbody>`), one per block of the template.
    pub bodies: Vec<Vec<Vec<DrawnCell>>>,
    /// Values the source has that the declared template does not draw (from the other
    /// version), so that nothing the source holds is hidden.
    pub extras: Vec<ExtraValue>,
}

/// One cell of a drawn table.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct DrawnCell {
    /// Whether it is a header cell (`th`).
    pub header: bool,
    /// Its text.
    pub text: String,
    /// `scope` for header cells: `col`, `colgroup`, `row` or `rowgroup`.
    pub scope: Option<&'static str>,
    /// Columns it spans (1 is left out when printing).
    pub colspan: usize,
    /// Rows it spans.
    pub rowspan: usize,
    /// `table.row.column` for value cells.
    pub key: Option<String>,
    /// Whether a value cell is blank (or absent).
    pub blank: bool,
    /// Whether a check found a problem involving this value cell.
    pub finding: bool,
    /// The same cell in the agency's report of the year before, when the two compare (set by
    /// the comparisons, not by `draw`).
    pub previous: Option<String>,
    /// The change from that value, with its sign.
    pub change: Option<String>,
}

impl DrawnCell {
    fn header(text: &str, scope: &'static str, colspan: usize, rowspan: usize) -> DrawnCell {
        DrawnCell {
            header: true,
            text: text.to_owned(),
            scope: Some(scope),
            colspan,
            rowspan,
            key: None,
            blank: false,
            finding: false,
            previous: None,
            change: None,
        }
    }

    fn value(key: String, cell: &Cell, colspan: usize, flagged: &HashSet<String>) -> DrawnCell {
        DrawnCell {
            header: false,
            finding: flagged.contains(&key),
            text: cell.to_string(),
            scope: None,
            colspan,
            rowspan: 1,
            key: Some(key),
            blank: !matches!(
                cell,
                Cell::Count(_) | Cell::Change(_) | Cell::Amount(_) | Cell::Text(_)
            ),
            previous: None,
            change: None,
        }
    }
}

/// A value outside the declared template's drawing.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ExtraValue {
    /// `table.row.column`.
    pub key: String,
    /// The row and column labels.
    pub label: String,
    /// The value as printed.
    pub text: String,
    /// Whether a check found a problem involving it.
    pub finding: bool,
}

/// Draws one table of a report; the value cells whose keys are `flagged` are marked as involved
/// in a finding.
pub fn draw(
    table: TableKey,
    format: FormatId,
    cells: &Cells,
    language: Language,
    flagged: &HashSet<String>,
) -> DrawnTable {
    let definition = format.template().table(table);
    let mut drawn = DrawnTable {
        key: table.key(),
        caption: definition.heading.get(language),
        head: Vec::new(),
        bodies: Vec::new(),
        extras: Vec::new(),
    };
    let mut drawn_rows: Vec<&'static RowDef> = Vec::new();
    match definition.orientation {
        Orientation::Rows => {
            let has_block_headings = definition
                .blocks
                .iter()
                .any(|block| block.heading.is_some());
            let width = definition
                .blocks
                .iter()
                .map(|block| {
                    block
                        .rows
                        .iter()
                        .map(|row| row.columns.len())
                        .max()
                        .unwrap_or(0)
                })
                .max()
                .unwrap_or(0);
            for block in definition.blocks {
                let rows = rows_to_draw(block, format, table, cells);
                drawn_rows.extend(rows.iter().copied());
                let corner = definition.note.or(block.row_header);
                let (head, body) = draw_block(
                    table,
                    block,
                    &rows,
                    cells,
                    (corner, width),
                    language,
                    flagged,
                );
                if has_block_headings {
                    let mut body_rows = head;
                    body_rows.extend(body);
                    drawn.bodies.push(body_rows);
                } else {
                    drawn.head = head;
                    drawn.bodies.push(body);
                }
            }
        }
        Orientation::Columns => {
            let rows: Vec<&'static RowDef> = definition.rows().collect();
            drawn_rows.extend(rows.iter().copied());
            let (head, body) = draw_side_by_side(table, &rows, cells, language, flagged);
            drawn.head = head;
            drawn.bodies.push(body);
        }
    }
    drawn.extras = extras(table, format, cells, &drawn_rows, language, flagged);
    drawn
}

/// The rows of a block to draw: the declared version's, except where the source fills the same
/// slot with the other version's rows (gb2019's single （六）其他处理 in a gb2021 report).
fn rows_to_draw(
    block: &'static BlockDef,
    format: FormatId,
    table: TableKey,
    cells: &Cells,
) -> Vec<&'static RowDef> {
    let other = format.other().template().table(table);
    let mut rows = Vec::new();
    let mut replaced_slots: Vec<&str> = Vec::new();
    for row in block.rows {
        let Some(slot) = row.slot else {
            rows.push(row);
            continue;
        };
        let declared_present = block
            .rows
            .iter()
            .any(|candidate| candidate.slot == Some(slot) && cells.has_row(table, candidate.key));
        let alternatives: Vec<&'static RowDef> = other
            .rows()
            .filter(|candidate| candidate.slot == Some(slot) && cells.has_row(table, candidate.key))
            .collect();
        if declared_present || alternatives.is_empty() {
            rows.push(row);
        } else if !replaced_slots.contains(&slot) {
            replaced_slots.push(slot);
            rows.extend(alternatives);
        }
    }
    rows
}

/// A block with row labels down the side and column headers on top.
/// `(corner, width)`: the text of the top-left header cell, and how many value columns the widest
/// block of the table has.
fn draw_block(
    table: TableKey,
    block: &BlockDef,
    rows: &[&RowDef],
    cells: &Cells,
    (corner, width): (Option<Label>, usize),
    language: Language,
    flagged: &HashSet<String>,
) -> (Vec<Vec<DrawnCell>>, Vec<Vec<DrawnCell>>) {
    let label_depth = rows
        .iter()
        .map(|row| row.groups.len() + 1)
        .max()
        .unwrap_or(1);
    let columns: &[ColumnDef] = rows.first().map_or(&[], |row| row.columns);
    let paths: Vec<Vec<Label>> = columns
        .iter()
        .map(|column| {
            column
                .groups
                .iter()
                .copied()
                .chain([column.label])
                .collect()
        })
        .collect();
    let mut head = Vec::new();
    if let Some(heading) = block.heading {
        head.push(vec![DrawnCell::header(
            heading.get(language),
            "colgroup",
            label_depth + width,
            1,
        )]);
    }
    let mut column_head = header_rows(&paths, width, language);
    if let Some(first) = column_head.first_mut() {
        let text = corner.map_or("", |label| label.get(language));
        first.insert(
            0,
            DrawnCell::header(text, "col", label_depth, column_head_depth(&paths)),
        );
    }
    head.extend(column_head);

    let mut body = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let mut line = Vec::new();
        for level in 0..label_depth {
            if level < row.groups.len() {
                let starts_run =
                    index == 0 || rows[index - 1].groups.get(..=level) != row.groups.get(..=level);
                if starts_run {
                    let run = rows[index..]
                        .iter()
                        .take_while(|other| other.groups.get(..=level) == row.groups.get(..=level))
                        .count();
                    line.push(DrawnCell::header(
                        row.groups[level].get(language),
                        "rowgroup",
                        1,
                        run,
                    ));
                }
            } else if level == row.groups.len() {
                line.push(DrawnCell::header(
                    row.label.get(language),
                    "row",
                    label_depth - level,
                    1,
                ));
            }
        }
        let count = row.columns.len();
        for (at, column) in row.columns.iter().enumerate() {
            // The last value cell of a short row fills the block's width, as the template draws it.
            let span = if at + 1 == count {
                width - count + 1
            } else {
                1
            };
            let cell = cells.at(table, row.key, column.key);
            line.push(DrawnCell::value(
                format!("{}.{}.{}", table.key(), row.key, column.key),
                cell,
                span,
                flagged,
            ));
        }
        body.push(line);
    }
    (head, body)
}

/// All rows side by side in one line, each a group of columns (table 四).
fn draw_side_by_side(
    table: TableKey,
    rows: &[&RowDef],
    cells: &Cells,
    language: Language,
    flagged: &HashSet<String>,
) -> (Vec<Vec<DrawnCell>>, Vec<Vec<DrawnCell>>) {
    let mut paths = Vec::new();
    let mut line = Vec::new();
    for row in rows {
        for column in row.columns {
            paths.push(
                row.groups
                    .iter()
                    .copied()
                    .chain([row.label, column.label])
                    .collect::<Vec<_>>(),
            );
            let cell = cells.at(table, row.key, column.key);
            line.push(DrawnCell::value(
                format!("{}.{}.{}", table.key(), row.key, column.key),
                cell,
                1,
                flagged,
            ));
        }
    }
    let width = paths.len();
    (header_rows(&paths, width, language), vec![line])
}

fn column_head_depth(paths: &[Vec<Label>]) -> usize {
    paths.iter().map(Vec::len).max().unwrap_or(1)
}

/// Header rows for columns given by their label paths: equal neighbours at a level merge into one
/// cell spanning them; a path that ends early spans the remaining rows. A last column narrower
/// than `width` spans the difference.
fn header_rows(paths: &[Vec<Label>], width: usize, language: Language) -> Vec<Vec<DrawnCell>> {
    let depth = column_head_depth(paths);
    let mut rows = Vec::new();
    for level in 0..depth {
        let mut row = Vec::new();
        let mut at = 0;
        while at < paths.len() {
            let path = &paths[at];
            if level >= path.len() {
                at += 1;
                continue;
            }
            let leaf = level + 1 == path.len();
            let run = if leaf {
                1
            } else {
                paths[at..]
                    .iter()
                    .take_while(|other| {
                        other.len() > level + 1 && other[..=level] == path[..=level]
                    })
                    .count()
            };
            let mut colspan = run;
            if at + run == paths.len() && paths.len() < width {
                colspan += width - paths.len();
            }
            let rowspan = if leaf { depth - level } else { 1 };
            let scope = if leaf { "col" } else { "colgroup" };
            row.push(DrawnCell::header(
                path[level].get(language),
                scope,
                colspan,
                rowspan,
            ));
            at += run;
        }
        rows.push(row);
    }
    rows
}

/// Values in the source that the drawing leaves out.
fn extras(
    table: TableKey,
    format: FormatId,
    cells: &Cells,
    drawn_rows: &[&RowDef],
    language: Language,
    flagged: &HashSet<String>,
) -> Vec<ExtraValue> {
    let mut extras = Vec::new();
    for (id, definition) in catalog().entries() {
        let cell = cells.get(id);
        let drawn = drawn_rows.iter().any(|row| {
            row.key == definition.row
                && row
                    .columns
                    .iter()
                    .any(|column| column.key == definition.column)
        });
        if definition.table != table || !cell.is_present() || drawn {
            continue;
        }
        // Label the value as the version that has the column labels it.
        let row = [format, format.other()]
            .into_iter()
            .filter_map(|version| version.template().row(table, definition.row))
            .find(|row| {
                row.columns
                    .iter()
                    .any(|column| column.key == definition.column)
            });
        let (row_label, column_label) = row.map_or((definition.row, definition.column), |row| {
            let column = row
                .columns
                .iter()
                .find(|column| column.key == definition.column);
            (
                row.label.get(language),
                column.map_or(definition.column, |column| column.label.get(language)),
            )
        });
        let text = cell.to_string();
        let key = definition.path();
        extras.push(ExtraValue {
            finding: flagged.contains(&key),
            key,
            label: format!("{row_label} · {column_label}"),
            text: if text.is_empty() {
                "—".to_owned()
            } else {
                text
            },
        });
    }
    extras
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &[DrawnCell]) -> Vec<String> {
        row.iter()
            .map(|cell| {
                format!(
                    "{}{}{}",
                    cell.text,
                    span("c", cell.colspan),
                    span("r", cell.rowspan)
                )
            })
            .collect()
    }

    fn span(name: &str, n: usize) -> String {
        if n > 1 {
            format!("/{name}{n}")
        } else {
            String::new()
        }
    }

    #[test]
    fn applications_headers_merge_like_the_template() {
        let table = draw(
            TableKey::Applications,
            FormatId::Gb2021,
            &Cells::default(),
            Language::Zh,
            &HashSet::new(),
        );
        assert_eq!(table.head.len(), 3);
        assert_eq!(
            texts(&table.head[0]),
            vec![
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）/c3/r3",
                "申请人情况/c7"
            ]
        );
        assert_eq!(
            texts(&table.head[1]),
            vec!["自然人/r2", "法人或其他组织/c5", "总计/r2"]
        );
        assert_eq!(texts(&table.head[2]).len(), 5);
        let body = &table.bodies[0];
        assert_eq!(body.len(), 25);
        assert_eq!(texts(&body[0])[0], "一、本年新收政府信息公开申请数量/c3");
        assert_eq!(
            texts(&body[2])[..2],
            ["三、本年度办理结果/r22", "（一）予以公开/c2"]
        );
        assert_eq!(
            texts(&body[4])[..2],
            ["（三）不予公开/r8", "1.属于国家秘密"]
        );
        assert_eq!(texts(&body[5])[0], "2.其他法律行政法规禁止公开");
        assert_eq!(body[5].len(), 1 + 7);
    }

    #[test]
    fn appeals_are_drawn_side_by_side() {
        let table = draw(
            TableKey::Appeals,
            FormatId::Gb2021,
            &Cells::default(),
            Language::Zh,
            &HashSet::new(),
        );
        assert_eq!(texts(&table.head[0]), vec!["行政复议/c5", "行政诉讼/c10"]);
        assert_eq!(texts(&table.head[1])[..2], ["结果维持/r2", "结果纠正/r2"]);
        assert_eq!(
            texts(&table.head[1])[5..],
            ["未经复议直接起诉/c5", "复议后起诉/c5"]
        );
        assert_eq!(table.head[2].len(), 10);
        assert_eq!(table.bodies[0][0].len(), 15);
    }

    #[test]
    fn a_gb2019_row_in_a_gb2021_report_takes_its_slot() {
        let mut cells = Cells::default();
        let id = catalog()
            .find(TableKey::Applications, "other_handling", "total")
            .unwrap();
        cells.set(id, Cell::Count(4));
        let flagged = HashSet::from(["applications.other_handling.total".to_owned()]);
        let table = draw(
            TableKey::Applications,
            FormatId::Gb2021,
            &cells,
            Language::Zh,
            &flagged,
        );
        let labels: Vec<String> = table.bodies[0]
            .iter()
            .map(|row| texts(row).join("|"))
            .collect();
        assert_eq!(table.bodies[0].len(), 23);
        let marked: Vec<&str> = table.bodies[0]
            .iter()
            .flatten()
            .filter(|cell| cell.finding)
            .filter_map(|cell| cell.key.as_deref())
            .collect();
        assert_eq!(marked, vec!["applications.other_handling.total"]);
        assert!(
            labels
                .iter()
                .any(|row| row.starts_with("（六）其他处理/c2|")),
            "{labels:#?}"
        );
        assert!(table.extras.is_empty());
    }

    #[test]
    fn values_the_drawing_leaves_out_are_listed() {
        let mut cells = Cells::default();
        let id = catalog().find(TableKey::Active, "rules", "made").unwrap();
        cells.set(id, Cell::Count(3));
        let flagged = HashSet::from(["active.rules.made".to_owned()]);
        let table = draw(
            TableKey::Active,
            FormatId::Gb2021,
            &cells,
            Language::Zh,
            &flagged,
        );
        assert_eq!(
            table.extras,
            vec![ExtraValue {
                key: "active.rules.made".into(),
                label: "规章 · 本年新制作数量".into(),
                text: "3".into(),
                finding: true,
            }]
        );
    }

    #[test]
    fn active_blocks_carry_their_article_headings() {
        let table = draw(
            TableKey::Active,
            FormatId::Gb2019,
            &Cells::default(),
            Language::Zh,
            &HashSet::new(),
        );
        assert_eq!(table.bodies.len(), 5);
        assert_eq!(texts(&table.bodies[0][0]), vec!["第二十条第（一）项/c4"]);
        assert_eq!(
            texts(&table.bodies[0][1]),
            vec![
                "信息内容",
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量"
            ]
        );
        assert_eq!(
            texts(&table.bodies[3][1]),
            vec!["信息内容", "上一年项目数量", "本年增/减/c2"]
        );
        assert_eq!(
            texts(&table.bodies[3][2]),
            vec!["行政事业性收费", "", "/c2"]
        );
    }
}
