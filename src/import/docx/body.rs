//! The body of a Word document (WordprocessingML's `word/document.xml`) as HTML: each paragraph
//! (`<w:p>`) a `<p>`, its line breaks `<br>`; each table (`<w:tbl>`) a `<table>` of its rows
//! (`<w:tr>`) and cells (`<w:tc>`), a cell spanning grid columns (`<w:gridSpan>`) given a
//! `colspan`, cells merged down (`<w:vMerge>`) one cell with a `rowspan`.
//!
//! Read as a stream of events with an explicit stack, never recursively, so that depth costs no
//! call stack; the depth is still capped at [`MAX_DEPTH`].

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::DocxError;
use crate::html::escape;
use archive_core::messages::cli;

/// The deepest the document's elements may nest: Word nests a table in a table's cell some 20
/// deep, and the page made from it stays well within the page reader's own limit.
pub(crate) const MAX_DEPTH: usize = 256;

/// WordprocessingML's namespace, as Word writes it and as ISO 29500 Strict names it.
const WORD: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Markup compatibility: of `<mc:AlternateContent>`, `<mc:Fallback>` repeats `<mc:Choice>`
/// (a text box drawn twice), so it is skipped.
const COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A paragraph's text or a table, in the order of the document.
enum Block {
    Paragraph(String),
    Table(Vec<Row>),
}

#[derive(Default)]
struct Row {
    /// Grid columns left empty before the first cell (`<w:gridBefore>`).
    skipped: usize,
    cells: Vec<Cell>,
}

struct Cell {
    /// Grid columns it covers (`<w:gridSpan>`).
    span: usize,
    merge: Merge,
    blocks: Vec<Block>,
}

/// A cell's part in a vertical merge (`<w:vMerge>`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    /// The first cell of a merge (`w:val="restart"`).
    Restart,
    /// A cell merged into the one above (no `w:val`, or `"continue"`).
    Continue,
}

/// A table being read: its rows so far, the row and the cell open in it.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<Cell>,
}

/// What the events have built so far.
#[derive(Default)]
struct Builder {
    body: Vec<Block>,
    /// Tables open, the innermost last.
    tables: Vec<OpenTable>,
    /// Paragraphs open (a text box's paragraphs sit inside a paragraph), the innermost last.
    paragraphs: Vec<String>,
    /// Runs (`<w:r>`) open: a tab or a break is text only inside one (`<w:tab>` in a
    /// paragraph's `<w:tabs>` is a tab stop).
    runs: usize,
    /// Inside `<w:t>`: its text is the document's.
    in_text: bool,
    /// How deep the elements open nest.
    depth: usize,
    /// The depth of the `<mc:Fallback>` being skipped.
    skipping: Option<usize>,
}

/// The namespace of an element, as far as the body cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Space {
    Word,
    Compatibility,
    Other,
}

impl Space {
    fn of(namespace: &ResolveResult<'_>) -> Space {
        match namespace {
            ResolveResult::Bound(ns) if WORD.contains(&ns.as_ref()) => Space::Word,
            ResolveResult::Bound(ns) if ns.as_ref() == COMPATIBILITY => Space::Compatibility,
            _ => Space::Other,
        }
    }
}

/// What is wrong at the event being read; [`html`] adds the line.
enum Fault {
    TooDeep,
    Malformed(String),
}

/// The page made from `xml`, the text of `word/document.xml`, with the document's title.
pub(super) fn html(xml: &str, title: Option<&str>) -> Result<String, DocxError> {
    let mut reader = NsReader::from_str(xml);
    let mut builder = Builder::default();
    loop {
        let (space, event) = reader
            .read_resolved_event()
            .map(|(namespace, event)| (Space::of(&namespace), event))
            .map_err(|error| {
                DocxError::BadXml(line_of(xml, reader.error_position()), error.to_string())
            })?;
        let line = || line_of(xml, reader.buffer_position());
        if matches!(event, Event::Eof) {
            if builder.depth > 0 {
                return Err(DocxError::BadXml(line(), cli::xml_truncated().into()));
            }
            return Ok(builder.finish(title));
        }
        builder.event(space, event).map_err(|fault| match fault {
            Fault::TooDeep => DocxError::TooDeep(line()),
            Fault::Malformed(detail) => DocxError::BadXml(line(), detail),
        })?;
    }
}

/// The 1-based line of a byte position in `xml`.
fn line_of(xml: &str, position: u64) -> usize {
    let end = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(xml.len());
    1 + xml.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

impl Builder {
    /// Takes in one event of the document.
    fn event(&mut self, space: Space, event: Event<'_>) -> Result<(), Fault> {
        let word = space == Space::Word && self.skipping.is_none();
        match event {
            Event::Start(start) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Fault::TooDeep);
                }
                if space == Space::Compatibility && start.local_name().as_ref() == "Fallback" {
                    self.skipping.get_or_insert(self.depth);
                }
                if word {
                    self.open(&start);
                }
            }
            Event::Empty(empty) if word => {
                self.open(&empty);
                self.close(empty.local_name().as_ref());
            }
            Event::End(end) => {
                if self.skipping == Some(self.depth) {
                    self.skipping = None;
                } else if word {
                    self.close(end.local_name().as_ref());
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Text(text) if self.reads_text() => self.push_text(&text.xml10_content()),
            Event::GeneralRef(reference) if self.reads_text() => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(character)) => character.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&reference)
                        .ok_or_else(|| {
                            Fault::Malformed(cli::unknown_xml_entity(&reference).into())
                        })?
                        .to_owned(),
                    Err(error) => return Err(Fault::Malformed(error.to_string())),
                };
                self.push_text(&resolved);
            }
            _ => {}
        }
        Ok(())
    }

    fn reads_text(&self) -> bool {
        self.in_text && self.skipping.is_none()
    }

    /// A WordprocessingML element opens (or stands empty).
    fn open(&mut self, element: &BytesStart<'_>) {
        match element.local_name().as_ref() {
            "p" => self.paragraphs.push(String::new()),
            "tbl" => self.tables.push(OpenTable::default()),
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(Row::default());
                }
            }
            "tc" => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = Some(Cell {
                        span: 1,
                        merge: Merge::None,
                        blocks: Vec::new(),
                    });
                }
            }
            "r" => self.runs += 1,
            "t" => self.in_text = true,
            "tab" if self.in_run() => self.push_text("\t"),
            "br" | "cr" if self.in_run() => self.push_text("\n"),
            "noBreakHyphen" if self.in_run() => self.push_text("-"),
            "gridSpan" => {
                if let Some(cell) = self.open_cell() {
                    cell.span = value(element)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .max(1);
                }
            }
            "vMerge" => {
                if let Some(cell) = self.open_cell() {
                    cell.merge = match value(element).as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    };
                }
            }
            "gridBefore" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.skipped = value(element).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            _ => {}
        }
    }

    /// A WordprocessingML element closes.
    fn close(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(text) = self.paragraphs.pop() {
                    self.sink().push(Block::Paragraph(text));
                }
            }
            "r" => self.runs = self.runs.saturating_sub(1),
            "t" => self.in_text = false,
            "tc" => {
                if let Some(table) = self.tables.last_mut()
                    && let Some(cell) = table.cell.take()
                {
                    table.row.get_or_insert_with(Row::default).cells.push(cell);
                }
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut()
                    && let Some(row) = table.row.take()
                {
                    table.rows.push(row);
                }
            }
            "tbl" => {
                if let Some(table) = self.tables.pop() {
                    let rows = table.finish();
                    self.sink().push(Block::Table(rows));
                }
            }
            _ => {}
        }
    }

    fn in_run(&self) -> bool {
        self.runs > 0
    }

    fn push_text(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.push_str(text);
        }
    }

    /// The cell being read in the innermost table.
    fn open_cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut().and_then(|table| table.cell.as_mut())
    }

    /// Where a finished paragraph or table goes: the innermost open cell, or the body.
    fn sink(&mut self) -> &mut Vec<Block> {
        for table in self.tables.iter_mut().rev() {
            if let Some(cell) = table.cell.as_mut() {
                return &mut cell.blocks;
            }
        }
        &mut self.body
    }

    /// The page: what is still open (a malformed end) is kept, never dropped.
    fn finish(mut self, title: Option<&str>) -> String {
        while let Some(text) = self.paragraphs.pop() {
            self.sink().push(Block::Paragraph(text));
        }
        while let Some(table) = self.tables.pop() {
            let rows = table.finish();
            self.sink().push(Block::Table(rows));
        }
        let mut page = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
        if let Some(title) = title {
            page.push_str("<title>");
            escape(&mut page, title);
            page.push_str("</title>");
        }
        page.push_str("</head><body>\n");
        write_blocks(&mut page, self.body);
        page.push_str("</body></html>\n");
        page
    }
}

impl OpenTable {
    /// Its rows, with a cell or row left open kept.
    fn finish(mut self) -> Vec<Row> {
        if let Some(cell) = self.cell.take() {
            self.row.get_or_insert_with(Row::default).cells.push(cell);
        }
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
        self.rows
    }
}

/// The attribute `w:val`.
fn value(element: &BytesStart<'_>) -> Option<String> {
    element
        .attributes()
        .filter_map(Result::ok)
        .find(|attribute| attribute.key.local_name().as_ref() == "val")
        .map(|attribute| attribute.value.trim().to_owned())
}

fn write_blocks(page: &mut String, blocks: Vec<Block>) {
    for block in blocks {
        match block {
            Block::Paragraph(text) if text.trim().is_empty() => {}
            Block::Paragraph(text) => {
                page.push_str("<p>");
                for (index, line) in text.split('\n').enumerate() {
                    if index > 0 {
                        page.push_str("<br>");
                    }
                    escape(page, line);
                }
                page.push_str("</p>\n");
            }
            Block::Table(rows) => write_table(page, rows),
        }
    }
}

/// Where each cell goes: its own `<td>` with the rows it spans, or into the cell above that
/// starts a vertical merge.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    Own { rows: usize },
    MergedInto { row: usize, cell: usize },
}

/// Lays the cells on the table's grid: a cell that continues a merge goes into the cell that
/// starts it in the same grid column of the row above; one with none above stands alone.
fn placements(rows: &[Row]) -> Vec<Vec<Placement>> {
    let mut placed: Vec<Vec<Placement>> = Vec::with_capacity(rows.len());
    // The cell that owns each grid column's merge, as of the row above.
    let mut owners: HashMap<usize, (usize, usize)> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        let mut next_owners = HashMap::new();
        let mut column = row.skipped;
        let mut row_placed = Vec::with_capacity(row.cells.len());
        for (i, cell) in row.cells.iter().enumerate() {
            let owner = (cell.merge == Merge::Continue)
                .then(|| owners.get(&column).copied())
                .flatten();
            match owner {
                Some((row, cell)) => {
                    if let Placement::Own { rows } = &mut placed[row][cell] {
                        *rows += 1;
                    }
                    next_owners.insert(column, (row, cell));
                    row_placed.push(Placement::MergedInto { row, cell });
                }
                None => {
                    if cell.merge != Merge::None {
                        next_owners.insert(column, (r, i));
                    }
                    row_placed.push(Placement::Own { rows: 1 });
                }
            }
            column += cell.span;
        }
        placed.push(row_placed);
        owners = next_owners;
    }
    placed
}

fn write_table(page: &mut String, mut rows: Vec<Row>) {
    let placed = placements(&rows);
    // What a merged cell holds (usually nothing) goes after its owner's, never lost.
    let mut merged: HashMap<(usize, usize), Vec<Block>> = HashMap::new();
    for (r, row) in rows.iter_mut().enumerate() {
        for (i, cell) in row.cells.iter_mut().enumerate() {
            if let Placement::MergedInto { row, cell: owner } = placed[r][i] {
                merged
                    .entry((row, owner))
                    .or_default()
                    .append(&mut cell.blocks);
            }
        }
    }
    page.push_str("<table>\n");
    for (r, row) in rows.into_iter().enumerate() {
        page.push_str("<tr>");
        if row.skipped > 0 {
            page.push_str(&format!("<td colspan=\"{}\"></td>", row.skipped));
        }
        for (i, mut cell) in row.cells.into_iter().enumerate() {
            let Placement::Own { rows: span_rows } = placed[r][i] else {
                continue;
            };
            page.push_str("<td");
            if cell.span > 1 {
                page.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            if span_rows > 1 {
                page.push_str(&format!(" rowspan=\"{span_rows}\""));
            }
            page.push('>');
            cell.blocks
                .extend(merged.remove(&(r, i)).unwrap_or_default());
            write_blocks(page, cell.blocks);
            page.push_str("</td>");
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_of(xml: &str) -> Result<String, DocxError> {
        html(xml, None)
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn cell(properties: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn paragraphs_keep_their_runs_breaks_and_escapes() {
        let page = html_of(&document(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">一、总体 </w:t></w:r><w:r><w:t>情况&amp;&#x41;</w:t><w:br/><w:t>下一行</w:t></w:r></w:p><w:p><w:r><w:instrText>PAGE</w:instrText><w:delText>删去</w:delText></w:r></w:p>"#,
        ))
        .unwrap();
        assert!(
            page.contains("<p>一、总体 情况&amp;A<br>下一行</p>\n</body>"),
            "{page}"
        );
    }

    #[test]
    fn merged_cells_become_colspan_and_rowspan() {
        let rows = [
            format!(
                "<w:tr>{}{}</w:tr>",
                cell(r#"<w:vMerge w:val="restart"/>"#, "项目"),
                cell(r#"<w:gridSpan w:val="2"/>"#, "数量")
            ),
            format!(
                "<w:tr>{}{}{}</w:tr>",
                cell("<w:vMerge/>", ""),
                cell("", "1"),
                cell("", "2")
            ),
            format!(
                "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>",
                cell("", "3"),
                cell("", "4")
            ),
        ];
        let page = html_of(&document(&format!("<w:tbl>{}</w:tbl>", rows.concat()))).unwrap();
        assert!(
            page.contains(
                "<table>\n<tr><td rowspan=\"2\"><p>项目</p>\n</td><td colspan=\"2\"><p>数量</p>\n</td></tr>\n\
                 <tr><td><p>1</p>\n</td><td><p>2</p>\n</td></tr>\n\
                 <tr><td colspan=\"1\"></td><td><p>3</p>\n</td><td><p>4</p>\n</td></tr>\n</table>"
            ),
            "{page}"
        );
    }

    #[test]
    fn a_continued_cell_with_no_start_above_stands_alone_and_keeps_its_text() {
        let table = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell("<w:vMerge/>", "孤"));
        let page = html_of(&document(&table)).unwrap();
        assert!(page.contains("<tr><td><p>孤</p>\n</td></tr>"), "{page}");
    }

    #[test]
    fn a_table_in_a_cell_stays_in_its_cell_and_fallbacks_are_skipped() {
        let inner = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell("", "内"));
        let outer = format!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>"
        );
        let alternate = "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        let page = html_of(&document(&format!("{outer}{alternate}"))).unwrap();
        assert!(
            page.contains("<td><p>外</p>\n<table>\n<tr><td><p>内</p>\n</td></tr>\n</table>\n</td>"),
            "{page}"
        );
        assert_eq!(page.matches('框').count(), 1, "{page}");
    }

    #[test]
    fn hostile_xml_is_refused_with_its_line() {
        let deep = document(&format!(
            "\n{}{}",
            "<w:sdt>".repeat(MAX_DEPTH + 1),
            "</w:sdt>".repeat(MAX_DEPTH + 1)
        ));
        assert_eq!(html_of(&deep).err(), Some(DocxError::TooDeep(2)));
        let cut = document("<w:p><w:r><w:t>一");
        let cut = &cut[..cut.len() - "</w:body></w:document>".len()];
        assert!(
            matches!(html_of(cut), Err(DocxError::BadXml(1, _))),
            "{:?}",
            html_of(cut).err()
        );
        let entity = document("<w:p><w:r><w:t>&lol;</w:t></w:r></w:p>");
        assert!(
            matches!(html_of(&entity), Err(DocxError::BadXml(1, detail)) if detail.contains("lol"))
        );
    }
}
