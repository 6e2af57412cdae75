//! Writing report sources: the inverse of `load`, for `archive new` and `archive import`.
//!
//! The text is laid out for a person reading the published tables: one table row a line, values
//! in the template's column order, the column labels in a comment above each table.

use std::fmt::Write;

use crate::format::{CellId, FormatId, TableKey, catalog};
use crate::model::{Cell, Difference, Original, Report};

/// A report as source text (front matter and body).
pub fn render_source(report: &Report) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "year: {}", report.year);
    let _ = writeln!(out, "format: {}", report.format);
    let _ = writeln!(out, "title: {}", yaml_text(&report.title));
    let _ = writeln!(
        out,
        "published: {}",
        report
            .published
            .map_or_else(|| "~".to_owned(), |date| date.to_string())
    );
    let _ = writeln!(out, "issuer: {}", optional(report.issuer.as_deref()));
    let _ = writeln!(
        out,
        "source_url: {}",
        optional(report.source_url.as_deref())
    );
    if let Some(original) = &report.original_file {
        let _ = writeln!(out, "original_file: {}", yaml_text(original));
    }
    if let Some(notes) = &report.notes {
        let _ = writeln!(out, "notes: {}", yaml_text(notes));
    }
    if let Some(notes) = &report.import_notes {
        let _ = writeln!(out, "import_notes: {}", yaml_text(notes));
    }
    out.push_str(&originals_block(&report.originals));
    for table in TableKey::ALL {
        write_table(&mut out, report, table);
    }
    out.push_str("---\n");
    out.push_str(&report.body.text());
    out
}

fn write_table(out: &mut String, report: &Report, table: TableKey) {
    let catalog = catalog();
    let definition = report.format.template().table(table);
    // The declared version's rows, then any row of the other version the source has.
    let mut rows: Vec<&'static crate::format::RowDef> = definition.rows().collect();
    for row in report.format.other().template().table(table).rows() {
        if !rows.iter().any(|known| known.key == row.key) && report.cells.has_row(table, row.key) {
            rows.push(row);
        }
    }
    // A row the report does not have is left out: written as `~` it would read back as blank.
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|row| report.cells.has_row(table, row.key))
        .collect();
    let _ = writeln!(out, "\n# {}", definition.heading.zh);
    let _ = writeln!(out, "{}:", table.key());
    let width = rows.iter().map(|row| row.key.len()).max().unwrap_or(0) + 1;
    let mut columns_said: Vec<&str> = Vec::new();
    for row in rows {
        let ids: Vec<CellId> = row
            .columns
            .iter()
            .map(|column| {
                catalog
                    .find(table, row.key, column.key)
                    .expect("catalogued")
            })
            .collect();
        let values: Vec<String> = ids
            .iter()
            .map(|&id| yaml_cell(&report.cells.get(id)))
            .collect();
        let line = format!(
            "  {:<width$} [{}]",
            format!("{}:", row.key),
            values.join(", ")
        );
        // The columns' order is said once for rows that share it (table 三's, 四's), and on
        // every row of table 二, whose rows differ.
        let keys: Vec<&str> = row.columns.iter().map(|column| column.key).collect();
        let new_columns = table == TableKey::Active || columns_said != keys;
        columns_said = keys;
        let _ = writeln!(out, "{line}  # {}", row_comment(row, new_columns));
    }
}

/// A row's label as the template prints it, and its columns in order. A label that does not
/// say which part of the table it is in (`1.属于国家秘密`, `未经复议直接起诉`) follows the header
/// that encloses it; one numbered （一）…（七） is plain by itself.
fn row_comment(row: &crate::format::RowDef, with_columns: bool) -> String {
    let enclosing = row
        .groups
        .last()
        .filter(|_| !row.label.zh.starts_with(['（', '(']));
    let mut comment = match enclosing {
        Some(group) => format!("{} {}", group.zh, row.label.zh),
        None => row.label.zh.to_owned(),
    };
    if with_columns {
        let labels: Vec<&str> = row.columns.iter().map(|column| column.label.zh).collect();
        let _ = write!(comment, "（{}）", labels.join("、"));
    }
    comment
}

/// The narrative of a report not yet written: the template's six section headings.
pub fn blank_narrative(format: FormatId) -> String {
    format
        .template()
        .sections
        .iter()
        .map(|heading| format!("\n## {}\n", heading.zh))
        .collect()
}

/// The published files kept with the report, each with what differed from the source when it
/// was imported.
pub fn originals_block(originals: &[Original]) -> String {
    let mut out = String::new();
    if originals.is_empty() {
        return out;
    }
    out.push_str("\n# 原文存档: the published files kept in originals/, written by archive import\noriginals:\n");
    for original in originals {
        let _ = writeln!(out, "  - file: {}", yaml_text(&original.file));
        let _ = writeln!(out, "    name: {}", yaml_text(&original.name));
        let _ = writeln!(out, "    sha256: {}", original.sha256);
        let _ = writeln!(out, "    size: {}", original.size);
        let _ = writeln!(out, "    media_type: {}", yaml_text(&original.media_type));
        let _ = writeln!(out, "    url: {}", optional(original.url.as_deref()));
        let _ = writeln!(
            out,
            "    retrieved: {}",
            yaml_text(&original.retrieved.to_string())
        );
        if original.differences.is_empty() {
            continue;
        }
        out.push_str("    differences:\n");
        for difference in &original.differences {
            match difference {
                Difference::Cell {
                    id,
                    source,
                    original,
                } => {
                    let _ = writeln!(
                        out,
                        "      - {{cell: {}, source: {}, original: {}}}",
                        catalog().cell(*id).path(),
                        yaml_cell(source),
                        yaml_cell(original)
                    );
                }
                Difference::Section { number } => {
                    let _ = writeln!(out, "      - {{section: {number}}}");
                }
            }
        }
    }
    out
}

/// A source's text with its `originals:` list replaced by `originals` (or added at the end of
/// the front matter), every other line kept as it was written: a hand-typed source keeps its
/// layout and comments. `None` when the text has no front matter.
pub fn with_originals(text: &str, originals: &[Original]) -> Option<String> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let close = 1 + lines
        .iter()
        .skip(1)
        .position(|line| line.trim_end() == "---")?;
    if lines.first()?.trim_end() != "---" {
        return None;
    }
    let start = lines[..close]
        .iter()
        .position(|line| line.trim_end() == "originals:");
    let (start, end) = match start {
        Some(start) => {
            // The list runs while lines are indented (or blank); its comment line goes too.
            let mut end = start
                + 1
                + lines[start + 1..close]
                    .iter()
                    .take_while(|line| line.starts_with([' ', '\t']) || line.trim().is_empty())
                    .count();
            // Blank lines after the list belong to the layout around it.
            while end > start + 1 && lines[end - 1].trim().is_empty() {
                end -= 1;
            }
            // The comment above the list, and the blank line above that, were written with it.
            let mut first = start;
            if first > 0 && lines[first - 1].starts_with("# 原文存档") {
                first -= 1;
                if first > 1 && lines[first - 1].trim().is_empty() {
                    first -= 1;
                }
            }
            (first, end)
        }
        None => (close, close),
    };
    let block = originals_block(originals);
    let mut spliced = String::with_capacity(text.len() + block.len());
    lines[..start]
        .iter()
        .for_each(|line| spliced.push_str(line));
    if !spliced.ends_with('\n') {
        spliced.push('\n');
    }
    // The block starts with a blank line of its own.
    let block = if spliced.ends_with("\n\n") || start == 0 {
        block.trim_start_matches('\n')
    } else {
        &block
    };
    spliced.push_str(block);
    lines.drain(..end);
    lines.iter().for_each(|line| spliced.push_str(line));
    Some(spliced)
}

/// A cell's value as a source writes it in a row's list.
pub(crate) fn yaml_cell(cell: &Cell) -> String {
    match cell {
        Cell::Absent | Cell::Blank => "~".to_owned(),
        Cell::Text(text) => yaml_text(text),
        other => other.to_string(),
    }
}

fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| "~".to_owned(), yaml_text)
}

/// Text as a YAML scalar: plain where that reads back the same, quoted otherwise.
pub fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([' ', ':'])
        && !text.contains(['\n', '\t'])
        && serde_yaml::from_str::<serde_yaml::Value>(text)
            .is_ok_and(|value| value.as_str() == Some(text));
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).expect("strings serialize")
    }
}

/// A blank report of one template version: every row and column present and empty.
pub fn blank_cells(format: FormatId) -> crate::model::Cells {
    let catalog = catalog();
    let mut cells = crate::model::Cells::default();
    for table in &format.template().tables {
        for row in table.rows() {
            for column in row.columns {
                let id = catalog
                    .find(table.key, row.key, column.key)
                    .expect("catalogued");
                cells.set(id, Cell::Blank);
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn original(byte: u8) -> Original {
        let bytes = [byte; 4];
        let sha256 = Original::digest(&bytes);
        Original {
            file: format!("originals/{sha256}.pdf"),
            name: "报告.pdf".to_owned(),
            sha256,
            size: 4,
            media_type: "application/pdf".to_owned(),
            url: Some("https://a.gov.cn/r.pdf".to_owned()),
            retrieved: "2025-01-22T08:00:00Z".parse().unwrap(),
            differences: vec![
                Difference::Cell {
                    id: catalog()
                        .find(TableKey::Active, "licensing", "decisions")
                        .unwrap(),
                    source: Cell::Count(2663),
                    original: Cell::Blank,
                },
                Difference::Section { number: 5 },
            ],
            line: 0,
        }
    }

    const HAND_TYPED: &str = "---\nyear: 2024\nformat: gb2021\ntitle: 年报\npublished: 2025-01-22\n# typed in by hand\nactive:\n  licensing: {decisions: 2663}  # 行政许可\n---\n\n## 一、总体情况\n";

    fn read(text: &str) -> crate::model::Report {
        crate::load::read_report(Path::new("content/a/2024.md"), text, "a", 2100).unwrap()
    }

    #[test]
    fn originals_are_added_and_replaced_keeping_every_other_line() {
        let first = with_originals(HAND_TYPED, &[original(1)]).unwrap();
        for line in HAND_TYPED.lines() {
            assert!(first.lines().any(|kept| kept == line), "{line}\n{first}");
        }
        let report = read(&first);
        assert_eq!(report.originals.len(), 1);
        let mut expected = original(1);
        expected.line = report.originals[0].line;
        assert_eq!(report.originals[0], expected, "read back as written");
        assert_eq!(report.cells, read(HAND_TYPED).cells);

        let second = with_originals(&first, &[original(1), original(2)]).unwrap();
        assert_eq!(second.matches("originals:").count(), 1, "{second}");
        assert_eq!(second.matches("# 原文存档").count(), 1, "{second}");
        assert_eq!(read(&second).originals.len(), 2);
        assert_eq!(
            with_originals(&second, &[]).unwrap(),
            HAND_TYPED,
            "an empty list removes the block and only it"
        );
        assert_eq!(with_originals("no front matter", &[original(1)]), None);
    }

    #[test]
    fn text_that_yaml_would_misread_is_quoted() {
        assert_eq!(
            yaml_text("平潭综合实验区2021年度政府信息公开工作年度报告"),
            "平潭综合实验区2021年度政府信息公开工作年度报告"
        );
        assert_eq!(yaml_text("2024"), "\"2024\"");
        assert_eq!(yaml_text("a: b"), "\"a: b\"");
        assert_eq!(yaml_text("~"), "\"~\"");
        assert_eq!(yaml_text("yes"), "yes");
    }

    #[test]
    fn a_source_reads_back_as_the_report_it_was_written_from() {
        use crate::testing::TestReport;
        let apps = "applications";
        let report = TestReport::new("demo", 2024, FormatId::Gb2021)
            .blank()
            .cells(&[("applications.received.total", Cell::Count(3))])
            // gb2019's single row in place of gb2021's three: those three are absent, not blank.
            .rows(&[
                (apps, "other_no_correction", "-"),
                (apps, "other_fee_unpaid", "-"),
                (apps, "other_other", "-"),
                (apps, "other_handling", "[0, 0, 0, 0, 0, 0, 0]"),
            ])
            .body("## 一、总体情况\n")
            .read();
        let text = render_source(&report);
        assert!(!text.contains("other_other"), "{text}");
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/demo")).unwrap();
        std::fs::write(site.path().join("content/demo/2024.md"), &text).unwrap();
        let source = crate::load::SourceFile {
            path: "content/demo/2024.md".into(),
            agency: "demo".to_owned(),
            year: 2024,
        };
        let read = crate::load::read_source(site.path(), &source, 2026).unwrap();
        assert_eq!(read.cells, report.cells);
        assert_eq!(read.body, report.body);
    }
}
