//! Drawing a report's tables as the national template draws them: the same merged header cells
//! (rowspan, colspan), the same row labels, in the version the report declares.
//!
//! The result is plain data ([`DrawnTable`]) that a theme prints with two loops; every span is
//! computed here, from the template definitions in `format`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use serde::Serialize;

use crate::html::escape;
use archive_core::format::Language;
use archive_core::format::{
    BlockDef, CellDef, CellId, ColumnDef, FormatId, Label, Orientation, RowDef, TableKey, catalog,
    glossary,
};
use archive_core::model::{Cell, Cells};

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

/// One cell of a drawn table. What does not depend on the report's values (labels, keys, ids,
/// header associations) is borrowed from its table's `Layout`, made once.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DrawnCell {
    /// Whether it is a header cell (`th`).
    pub header: bool,
    /// Its text.
    pub text: Cow<'static, str>,
    /// `scope` for header cells: `col`, `colgroup`, `row` or `rowgroup`.
    pub scope: Option<&'static str>,
    /// Columns it spans (1 is left out when printing).
    pub colspan: usize,
    /// Rows it spans.
    pub rowspan: usize,
    /// `table.row.column` for value cells.
    pub key: Option<&'static str>,
    /// A value cell's place in the catalog, if the catalog has it.
    #[serde(skip)]
    pub cell: Option<CellId>,
    /// Whether a value cell is blank (or absent).
    pub blank: bool,
    /// Whether a check found a problem involving this value cell.
    pub finding: bool,
    /// Whether it is, in a finding of sums that differ, the total that the others should add
    /// up to (set by `mark_totals`, not by `draw`).
    pub total: bool,
    /// Whether a link of the site lands on this value cell, which then has its `id` (set by
    /// `mark_linked`, not by `draw`).
    pub linked: bool,
    /// The same cell in the agency's report of the year before, when the two compare (set by
    /// the comparisons, not by `draw`).
    pub previous: Option<String>,
    /// The change from that value, with its sign.
    pub change: Option<String>,
    /// A header cell's `id`, which the value cells it labels name in their `headers`.
    pub id: Option<&'static str>,
    /// A value cell's `headers`: the ids of the header cells that label it, row headers first
    /// (outermost first), then column headers, so that a screen reader announces
    /// "（一）予以公开 自然人: 0" on its own.
    pub headers: Option<&'static str>,
    /// The 名词解释 anchor that explains a header cell's label.
    pub glossary: Option<&'static str>,
}

impl DrawnCell {
    fn header(
        (text, glossary): Heading,
        language: Language,
        scope: &'static str,
        colspan: usize,
        rowspan: usize,
    ) -> DrawnCell {
        DrawnCell {
            header: true,
            text: Cow::Borrowed(text.get(language)),
            scope: Some(scope),
            colspan,
            rowspan,
            key: None,
            cell: None,
            blank: false,
            finding: false,
            total: false,
            linked: false,
            previous: None,
            change: None,
            id: None,
            headers: None,
            glossary,
        }
    }

    /// A value cell of a layout, its value not filled in yet (see [`DrawnCell::fill`]).
    fn slot(table: TableKey, row: &RowDef, column: &ColumnDef, colspan: usize) -> DrawnCell {
        DrawnCell {
            header: false,
            finding: false,
            total: false,
            linked: false,
            text: Cow::Borrowed(""),
            scope: None,
            colspan,
            rowspan: 1,
            key: Some(intern(format!(
                "{}.{}.{}",
                table.key(),
                row.key,
                column.key
            ))),
            cell: catalog().find(table, row.key, column.key),
            blank: true,
            previous: None,
            change: None,
            id: None,
            headers: None,
            glossary: None,
        }
    }

    /// Gives a value cell its value from `cells`; the keys of `flagged` are marked as involved
    /// in a finding.
    fn fill(&mut self, cells: &Cells, flagged: &HashSet<String>) {
        let cell = self.cell.map_or(Cell::Absent, |id| cells.get(id));
        self.text = Cow::Owned(cell.to_string());
        self.blank = !matches!(
            cell,
            Cell::Count(_) | Cell::Change(_) | Cell::Amount(_) | Cell::Text(_)
        );
        self.finding = !flagged.is_empty() && self.key.is_some_and(|key| flagged.contains(key));
    }
}

/// A string of a [`Layout`], which lives as long as the process: a layout is made once for each
/// table, version, language and choice of rows (a few dozen at most), and is never dropped.
fn intern(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

impl DrawnTable {
    /// Marks the value cells whose keys are in `totals` as the totals of a finding's sums.
    pub fn mark_totals(&mut self, totals: &HashSet<String>) {
        for cell in self.bodies.iter_mut().flatten().flatten() {
            cell.total = cell.key.is_some_and(|key| totals.contains(key));
        }
    }

    /// Marks the value cells whose keys are in `linked` as the ones a link of the site lands on.
    pub fn mark_linked(&mut self, linked: &HashSet<&str>) {
        let all_cells = self.head.iter_mut().chain(self.bodies.iter_mut().flatten());
        for cell in all_cells.flatten() {
            cell.linked = cell.key.is_some_and(|key| linked.contains(key));
        }
    }
}

/// A header's label and the glossary anchor that explains it.
type Heading = (Label, Option<&'static str>);

fn heading(label: Label) -> Heading {
    (label, glossary::for_heading(label).map(|entry| entry.id))
}

/// A drawn table as a theme receives it: the table's markup, made here rather than by a
/// template. A report page holds some 300 cells, each with up to eight attributes: drawn by Tera
/// they took most of a build's time (docs/benchmarks.md). The markup is the same for every theme,
/// which styles it with CSS; its header associations are what screen readers rely on.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// The table's key (`active`, `applications`, `appeals`).
    pub key: &'static str,
    /// The table's heading.
    pub caption: &'static str,
    /// `<table>` … `</table>` and a line break.
    pub html: String,
    /// Values outside the declared template's drawing.
    pub extras: Vec<ExtraValue>,
}

impl DrawnTable {
    /// The table ready for a template. `base_path` prefixes the glossary links; `finding_marker`
    /// and `last_year` are the words read out for a marked cell and before last year's value.
    pub fn into_view(self, base_path: &str, finding_marker: &str, last_year: &str) -> TableView {
        let mut html = String::with_capacity(48 * 1024);
        let out = &mut html;
        out.push_str("<table class=\"report-table report-table-");
        out.push_str(self.key);
        out.push_str("\">\n<caption>");
        escape(out, self.caption);
        out.push_str("</caption>\n");
        if !self.head.is_empty() {
            out.push_str("<thead>\n");
            for row in &self.head {
                write_row(out, row, base_path, finding_marker, last_year);
            }
            out.push_str("</thead>");
        }
        out.push('\n');
        for body in &self.bodies {
            out.push_str("<tbody>\n");
            for row in body {
                write_row(out, row, base_path, finding_marker, last_year);
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table>\n");
        TableView {
            key: self.key,
            caption: self.caption,
            html,
            extras: self.extras,
        }
    }
}

/// One row of cells. The end tags of `tr`, `th` and `td` are left out, as HTML allows where
/// the next cell or row (or the group's end) follows: some 2 KB a page (issue 16).
fn write_row(
    out: &mut String,
    row: &[DrawnCell],
    base_path: &str,
    finding_marker: &str,
    last_year: &str,
) {
    out.push_str("<tr>");
    for cell in row {
        if cell.header {
            out.push_str("<th");
            attribute(out, "id", cell.id);
            attribute(out, "scope", cell.scope);
            spans(out, cell);
            out.push('>');
            match cell.glossary {
                // Styled as `.report-table th a`: a class on each of some 90 links a page
                // repeated 1 KB (issue 16).
                Some(anchor) => {
                    out.push_str("<a href=\"");
                    escape(out, base_path);
                    out.push_str("glossary/#");
                    escape(out, anchor);
                    out.push_str("\">");
                    escape(out, &cell.text);
                    out.push_str("</a>");
                }
                None => escape(out, &cell.text),
            }
        } else {
            out.push_str("<td");
            span(out, "colspan", cell.colspan);
            // Only where a link lands: an id on every cell was 10 KB a page (issue 16).
            if cell.linked {
                out.push_str(" id=\"cell-");
                escape(out, cell.key.unwrap_or_default());
                out.push('"');
            }
            attribute(
                out,
                "class",
                match (cell.blank, cell.finding, cell.total) {
                    (true, true, true) => Some("blank finding finding-total"),
                    (true, true, false) => Some("blank finding"),
                    (true, false, _) => Some("blank"),
                    (false, true, true) => Some("finding finding-total"),
                    (false, true, false) => Some("finding"),
                    (false, false, _) => None,
                },
            );
            attribute(out, "headers", cell.headers);
            out.push('>');
            escape(out, &cell.text);
            if cell.finding {
                out.push_str("<span class=\"visually-hidden\">");
                escape(out, finding_marker);
                out.push_str("</span>");
            }
            // `small` (side comments) instead of `span.previous`: 3 KB a page (issue 16). The
            // change stays after " · ": after a bare space, "上年 0 0" read as one number.
            if let Some(previous) = &cell.previous {
                out.push_str("<small>");
                escape(out, last_year);
                out.push(' ');
                escape(out, previous);
                if let Some(change) = &cell.change {
                    out.push_str(" · ");
                    escape(out, change);
                }
                out.push_str("</small>");
            }
        }
    }
    out.push('\n');
}

fn spans(out: &mut String, cell: &DrawnCell) {
    span(out, "colspan", cell.colspan);
    span(out, "rowspan", cell.rowspan);
}

/// ` colspan="n"` (or `rowspan`), written straight into the page, when `n` is more than 1.
fn span(out: &mut String, name: &str, n: usize) {
    use std::fmt::Write;
    if n > 1 {
        write!(out, " {name}=\"{n}\"").expect("writing to memory");
    }
}

/// ` name="value"`, escaped, when there is a value.
fn attribute(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape(out, value);
        out.push('"');
    }
}

/// A cell's row and column as the version `format` defines them, or as the other version does
/// where only it has the cell: the labels a cell is named by wherever it is shown.
pub(super) fn definitions(
    cell: &CellDef,
    format: FormatId,
) -> (&'static RowDef, &'static ColumnDef) {
    [format, format.other()]
        .into_iter()
        .find_map(|version| {
            let row = version.template().row(cell.table, cell.row)?;
            let column = row
                .columns
                .iter()
                .find(|candidate| candidate.key == cell.column)?;
            Some((row, column))
        })
        .expect("every cell of the catalog is in a template version")
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
/// in a finding. The table's `Layout` is made once and copied; only the values are the
/// report's own (the headers, ids and associations took a tenth of a build's time, redone for
/// every report: docs/benchmarks.md, "Build CPU and kernel time").
pub fn draw(
    table: TableKey,
    format: FormatId,
    cells: &Cells,
    language: Language,
    flagged: &HashSet<String>,
) -> DrawnTable {
    let definition = format.template().table(table);
    let rows: Vec<Vec<&'static RowDef>> = match definition.orientation {
        Orientation::Rows => definition
            .blocks
            .iter()
            .map(|block| rows_to_draw(block, format, table, cells))
            .collect(),
        Orientation::Columns => vec![definition.rows().collect()],
    };
    let layout = Layout::of(table, format, language, rows);
    let mut drawn = DrawnTable {
        key: table.key(),
        caption: definition.heading.get(language),
        head: layout.head.clone(),
        bodies: layout.bodies.clone(),
        extras: Vec::new(),
    };
    let all_cells = drawn
        .head
        .iter_mut()
        .chain(drawn.bodies.iter_mut().flatten());
    for cell in all_cells.flatten().filter(|cell| !cell.header) {
        cell.fill(cells, flagged);
    }
    drawn.extras = extras(table, format, cells, &layout.drawn_rows, language, flagged);
    drawn
}

/// A table drawn for a version, a language and a choice of rows, its values left blank: the
/// header cells with their ids, the value cells with their keys and `headers`.
struct Layout {
    head: Vec<Vec<DrawnCell>>,
    bodies: Vec<Vec<Vec<DrawnCell>>>,
    /// The rows drawn, every block's.
    drawn_rows: Vec<&'static RowDef>,
}

/// What a layout depends on: the table, the version, the language (`lang`) and the rows of each
/// block (the template's rows are statics: each is known by its address).
type LayoutKey = (TableKey, FormatId, &'static str, Vec<Vec<usize>>);

impl Layout {
    /// The layout of these rows, made the first time it is asked for.
    fn of(
        table: TableKey,
        format: FormatId,
        language: Language,
        rows: Vec<Vec<&'static RowDef>>,
    ) -> &'static Layout {
        static LAYOUTS: OnceLock<Mutex<HashMap<LayoutKey, &'static Layout>>> = OnceLock::new();
        let key = (
            table,
            format,
            language.html_lang(),
            rows.iter()
                .map(|block| {
                    block
                        .iter()
                        .map(|row| std::ptr::from_ref(*row).addr())
                        .collect()
                })
                .collect(),
        );
        let mut layouts = LAYOUTS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        layouts
            .entry(key)
            .or_insert_with(|| Box::leak(Box::new(Layout::make(table, format, language, &rows))))
    }

    /// Draws the table's rows (`rows`: each block's) without values.
    fn make(
        table: TableKey,
        format: FormatId,
        language: Language,
        rows: &[Vec<&'static RowDef>],
    ) -> Layout {
        let definition = format.template().table(table);
        let mut layout = Layout {
            head: Vec::new(),
            bodies: Vec::new(),
            drawn_rows: rows.iter().flatten().copied().collect(),
        };
        // Header ids are unique on a report page: `b12` is header 12 of table 三 (二 `a`, 四 `c`).
        // Some 800 `headers` references a page name them: `t3h12` made them 1.7 KB longer
        // (issue 16). No other id on the page is a letter a–c and digits (the narrative's
        // headings are `h1`…).
        let prefix = char::from(b'a' + table.section() - 2).to_string();
        let mut counter = 0;
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
                for (block, rows) in definition.blocks.iter().zip(rows) {
                    let corner = definition.note.or(block.row_header);
                    let (mut head, mut body) =
                        draw_block(table, block, rows, (corner, width), language);
                    associate(&mut head, &mut body, &prefix, &mut counter);
                    if has_block_headings {
                        let mut body_rows = head;
                        body_rows.extend(body);
                        layout.bodies.push(body_rows);
                    } else {
                        layout.head = head;
                        layout.bodies.push(body);
                    }
                }
            }
            Orientation::Columns => {
                let (mut head, mut body) = draw_side_by_side(table, &layout.drawn_rows, language);
                associate(&mut head, &mut body, &prefix, &mut counter);
                layout.head = head;
                layout.bodies.push(body);
            }
        }
        layout
    }
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
    (corner, width): (Option<Label>, usize),
    language: Language,
) -> (Vec<Vec<DrawnCell>>, Vec<Vec<DrawnCell>>) {
    let label_depth = rows
        .iter()
        .map(|row| row.groups.len() + 1)
        .max()
        .unwrap_or(1);
    let head = block_head(table, block, rows, (corner, width), label_depth, language);
    let body = (0..rows.len())
        .map(|index| {
            let mut line = row_labels(table, rows, index, label_depth, language);
            line.extend(row_values(table, rows[index], width));
            line
        })
        .collect();
    (head, body)
}

/// A block's header rows: its heading across the whole block, if it has one, then the column
/// headers (the columns of its first row), with the corner cell over the row labels.
fn block_head(
    table: TableKey,
    block: &BlockDef,
    rows: &[&RowDef],
    (corner, width): (Option<Label>, usize),
    label_depth: usize,
    language: Language,
) -> Vec<Vec<DrawnCell>> {
    let columns: &[ColumnDef] = rows.first().map_or(&[], |row| row.columns);
    let first_row = rows.first().map_or("", |row| row.key);
    let paths: Vec<Vec<Heading>> = columns
        .iter()
        .map(|column| {
            let leaf = (
                column.label,
                glossary::for_column(table, first_row, column.key).map(|entry| entry.id),
            );
            column
                .groups
                .iter()
                .copied()
                .map(heading)
                .chain([leaf])
                .collect()
        })
        .collect();
    let mut head = Vec::new();
    if let Some(block_heading) = block.heading {
        head.push(vec![DrawnCell::header(
            heading(block_heading),
            language,
            "colgroup",
            label_depth + width,
            1,
        )]);
    }
    let mut column_head = header_rows(&paths, width, language);
    if let Some(first) = column_head.first_mut() {
        let corner = corner.map_or((Label { zh: "", en: "" }, None), heading);
        first.insert(
            0,
            DrawnCell::header(
                corner,
                language,
                "col",
                label_depth,
                column_head_depth(&paths),
            ),
        );
    }
    head.extend(column_head);
    head
}

/// The label cells of the row at `index`: each group that starts a run of rows here (spanning
/// the run), then the row's own label, stretched to fill `label_depth` columns.
fn row_labels(
    table: TableKey,
    rows: &[&RowDef],
    index: usize,
    label_depth: usize,
    language: Language,
) -> Vec<DrawnCell> {
    let row = rows[index];
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
                    heading(row.groups[level]),
                    language,
                    "rowgroup",
                    1,
                    run,
                ));
            }
        } else if level == row.groups.len() {
            let explained = glossary::for_row(table, row.key).map(|entry| entry.id);
            line.push(DrawnCell::header(
                (row.label, explained),
                language,
                "row",
                label_depth - level,
                1,
            ));
        }
    }
    line
}

/// A row's value cells, to be filled: the last of a short row fills the block's `width`, as the
/// template draws it.
fn row_values(table: TableKey, row: &RowDef, width: usize) -> Vec<DrawnCell> {
    let count = row.columns.len();
    row.columns
        .iter()
        .enumerate()
        .map(|(at, column)| {
            let span = if at + 1 == count {
                width - count + 1
            } else {
                1
            };
            DrawnCell::slot(table, row, column, span)
        })
        .collect()
}

/// Gives every header cell of a part of a table an `id` (`{prefix}{n}`, counting on from
/// `counter`) and every value cell the `headers` that label it: the row headers to its left in
/// `body`, then the column headers above it in `head` whose columns it shares. The cells are
/// placed on a grid as a browser places them, spans included.
fn associate(
    head: &mut [Vec<DrawnCell>],
    body: &mut [Vec<DrawnCell>],
    prefix: &str,
    counter: &mut usize,
) {
    let head_len = head.len();
    let places = {
        let rows: Vec<&Vec<DrawnCell>> = head.iter().chain(body.iter()).collect();
        grid_places(&rows)
    };
    // The header cells alone, in document order: each value cell looks through these only
    // (a table part has some 30 headers among 150 cells).
    let mut headers: Vec<(bool, &Place, &'static str)> = Vec::new();
    for (r, row) in head.iter_mut().chain(body.iter_mut()).enumerate() {
        for (i, cell) in row.iter_mut().enumerate() {
            if cell.header {
                *counter += 1;
                let id = intern(format!("{prefix}{counter}"));
                headers.push((r < head_len, &places[r][i], id));
                cell.id = Some(id);
            }
        }
    }
    let headers_of = |place: &Place| -> String {
        let mut row_headers: Vec<(&Place, &str)> = Vec::new();
        let mut column_headers: Vec<(&Place, &str)> = Vec::new();
        for (in_head, other, id) in &headers {
            let rows_overlap =
                other.rows.start <= place.rows.start && place.rows.start < other.rows.end;
            let columns_overlap =
                other.columns.start < place.columns.end && place.columns.start < other.columns.end;
            if !in_head && rows_overlap && other.columns.end <= place.columns.start {
                row_headers.push((other, id));
            } else if *in_head && columns_overlap {
                column_headers.push((other, id));
            }
        }
        row_headers.sort_by_key(|(other, _)| other.columns.start);
        column_headers.sort_by_key(|(other, _)| other.rows.start);
        row_headers
            .iter()
            .chain(column_headers.iter())
            .map(|(_, id)| *id)
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (r, row) in head.iter_mut().chain(body.iter_mut()).enumerate() {
        for (i, cell) in row.iter_mut().enumerate() {
            if !cell.header {
                let list = headers_of(&places[r][i]);
                cell.headers = (!list.is_empty()).then(|| intern(list));
            }
        }
    }
}

/// Where a cell stands on the table's grid.
struct Place {
    rows: std::ops::Range<usize>,
    columns: std::ops::Range<usize>,
}

/// The grid places of every cell, row by row, by the HTML table model: each cell takes the
/// first column not covered by a cell spanning down from a row above.
fn grid_places(rows: &[&Vec<DrawnCell>]) -> Vec<Vec<Place>> {
    let mut covered: Vec<Vec<bool>> = Vec::new();
    let mut places = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line = Vec::new();
        let mut column = 0;
        for cell in row.iter() {
            while covered.get(r).and_then(|line| line.get(column)).copied() == Some(true) {
                column += 1;
            }
            let place = Place {
                rows: r..r + cell.rowspan.max(1),
                columns: column..column + cell.colspan.max(1),
            };
            for covered_row in place.rows.clone() {
                if covered.len() <= covered_row {
                    covered.resize(covered_row + 1, Vec::new());
                }
                let line = &mut covered[covered_row];
                if line.len() < place.columns.end {
                    line.resize(place.columns.end, false);
                }
                for at in place.columns.clone() {
                    line[at] = true;
                }
            }
            column = place.columns.end;
            line.push(place);
        }
        places.push(line);
    }
    places
}

/// All rows side by side in one line, each a group of columns (table 四).
fn draw_side_by_side(
    table: TableKey,
    rows: &[&RowDef],
    language: Language,
) -> (Vec<Vec<DrawnCell>>, Vec<Vec<DrawnCell>>) {
    let mut paths = Vec::new();
    let mut line = Vec::new();
    for row in rows {
        let row_heading = (
            row.label,
            glossary::for_row(table, row.key).map(|entry| entry.id),
        );
        for column in row.columns {
            let column_heading = (
                column.label,
                glossary::for_column(table, row.key, column.key).map(|entry| entry.id),
            );
            paths.push(
                row.groups
                    .iter()
                    .copied()
                    .map(heading)
                    .chain([row_heading, column_heading])
                    .collect::<Vec<_>>(),
            );
            line.push(DrawnCell::slot(table, row, column, 1));
        }
    }
    let width = paths.len();
    (header_rows(&paths, width, language), vec![line])
}

fn column_head_depth(paths: &[Vec<Heading>]) -> usize {
    paths.iter().map(Vec::len).max().unwrap_or(1)
}

/// Header rows for columns given by their label paths: equal neighbours at a level merge into one
/// cell spanning them; a path that ends early spans the remaining rows. A last column narrower
/// than `width` spans the difference.
fn header_rows(paths: &[Vec<Heading>], width: usize, language: Language) -> Vec<Vec<DrawnCell>> {
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
                path[level],
                language,
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
        if definition.table != table || !cell.is_present() {
            continue;
        }
        let drawn = drawn_rows.iter().any(|row| {
            row.key == definition.row
                && row
                    .columns
                    .iter()
                    .any(|column| column.key == definition.column)
        });
        if drawn {
            continue;
        }
        let (row, column) = definitions(definition, format);
        let text = cell.to_string();
        let key = definition.path();
        extras.push(ExtraValue {
            finding: flagged.contains(key),
            key: key.to_owned(),
            label: format!(
                "{} · {}",
                row.label.get(language),
                column.label.get(language)
            ),
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
            .filter_map(|cell| cell.key)
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
