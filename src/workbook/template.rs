//! Writing the template workbook with `rust_xlsxwriter`.

use archive_core::format::{BlockDef, ColumnDef, FormatId, RowDef, TableKey, ValueKind};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{FIELDS, INFO_SHEET, KEYS_MARKER, label_columns, sheet_name, value_columns};

/// About how many Chinese characters a line of the row-label column holds.
const LABEL_LINE_CHARACTERS: usize = 17;

/// The height of a row of column headers, in points: two lines of a wrapped label.
const HEADER_ROW_HEIGHT: f64 = 30.0;

/// What the first sheet says before the fields, a line each.
const INSTRUCTIONS: [&str; 3] = [
    "在黄色格子里填写。表格中报告留空或写“/”“—”“无”的格子请留空：空格不是 0。",
    "数字用半角阿拉伯数字，不带单位；日期写作 2025-01-22。",
    "灰色的键供 archive import 读取，请勿改动；可以加宽列、改颜色。",
];

/// The formats of the workbook's cells.
struct Styles {
    title: Format,
    header: Format,
    label: Format,
    value: Format,
    text_value: Format,
    key: Format,
}

impl Styles {
    fn new() -> Styles {
        let bordered = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let fill = Color::RGB(0x00FF_F2CC);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: bordered
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00F2_F2F2)),
            label: bordered.clone(),
            value: bordered.clone().set_background_color(fill),
            text_value: bordered
                .clone()
                .set_background_color(fill)
                .set_num_format("@"),
            key: Format::new().set_font_color(Color::Gray).set_font_size(8),
        }
    }
}

/// A blank template workbook for one report of `format`, its first sheet filled with what is
/// known (the agency's id and name, the year, the version, a title).
pub fn template_workbook(
    format: FormatId,
    agency: &str,
    agency_name: &str,
    year: u16,
) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let title = format!("{agency_name}{year}年政府信息公开工作年度报告");
    let known = [
        ("agency_name", agency_name.to_owned()),
        ("agency", agency.to_owned()),
        ("year", year.to_string()),
        ("format", format.key().to_owned()),
        ("title", title),
    ];
    info_sheet(workbook.add_worksheet(), &styles, format, &known)?;
    for table in TableKey::ALL {
        table_sheet(workbook.add_worksheet(), &styles, format, table)?;
    }
    workbook.save_to_buffer()
}

/// The first sheet: instructions, then each field's label, value and key.
fn info_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    format: FormatId,
    known: &[(&str, String)],
) -> Result<(), XlsxError> {
    sheet.set_name(INFO_SHEET)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 48)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(3, 50)?;
    sheet.write_string_with_format(0, 0, format.template().name.zh, &styles.title)?;
    for (at, line) in INSTRUCTIONS.iter().enumerate() {
        sheet.write_string(1 + u32::try_from(at).unwrap_or(0), 0, *line)?;
    }
    let first_field = 2 + u32::try_from(INSTRUCTIONS.len()).unwrap_or(0);
    for (at, field) in FIELDS.iter().enumerate() {
        let row = first_field + u32::try_from(at).unwrap_or(0);
        sheet.write_string_with_format(row, 0, field.label, &styles.header)?;
        let value = known
            .iter()
            .find(|(key, _)| *key == field.key)
            .map(|(_, value)| value.as_str());
        match value {
            Some(value) if field.key == "year" => {
                sheet.write_number_with_format(
                    row,
                    1,
                    f64::from(value.parse::<u16>().unwrap_or(0)),
                    &styles.value,
                )?;
            }
            Some(value) => {
                sheet.write_string_with_format(row, 1, value, &styles.text_value)?;
            }
            None => {
                sheet.write_blank(row, 1, &styles.text_value)?;
            }
        }
        sheet.write_string_with_format(row, 2, field.key, &styles.key)?;
        sheet.write_string_with_format(row, 3, field.hint, &styles.key)?;
    }
    Ok(())
}

/// A table's sheet: its heading, then each block's headers, column keys and rows.
fn table_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    format: FormatId,
    table: TableKey,
) -> Result<(), XlsxError> {
    let definition = format.template().table(table);
    let labels = label_columns(definition);
    let values = value_columns(definition);
    let key_column = labels + values;
    sheet.set_name(sheet_name(format, table))?;
    // Printed, a table fits the page's width, as the template does.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    for column in 0..labels {
        sheet.set_column_width(column, if column + 1 == labels { 36 } else { 14 })?;
    }
    for column in labels..key_column {
        sheet.set_column_width(column, 13)?;
    }
    sheet.set_column_width(key_column, 24)?;
    sheet.write_string_with_format(0, 0, definition.heading.zh, &styles.title)?;
    let mut row = 2;
    for block in definition.blocks {
        row = block_rows(sheet, styles, block, labels, key_column, row)?;
        row += 1;
    }
    Ok(())
}

/// One block: its heading, its column headers (groups merged over their columns), the row of
/// column keys, and its rows. Returns the next free row.
fn block_rows(
    sheet: &mut Worksheet,
    styles: &Styles,
    block: &BlockDef,
    labels: u16,
    key_column: u16,
    mut row: u32,
) -> Result<u32, XlsxError> {
    if let Some(heading) = block.heading {
        merge_or_write(
            sheet,
            (row, 0),
            (row, key_column - 1),
            heading.zh,
            &styles.header,
        )?;
        row += 1;
    }
    let Some(first) = block.rows.first() else {
        return Ok(row);
    };
    let depth = first
        .columns
        .iter()
        .map(|c| c.groups.len())
        .max()
        .unwrap_or(0);
    let header_rows = u32::try_from(depth + 1).unwrap_or(1);
    let corner = block.row_header.map_or("", |label| label.zh);
    merge_or_write(
        sheet,
        (row, 0),
        (row + header_rows - 1, labels - 1),
        corner,
        &styles.header,
    )?;
    column_headers(sheet, styles, first.columns, labels, row, depth)?;
    for header_row in row..row + header_rows {
        sheet.set_row_height(header_row, HEADER_ROW_HEIGHT)?;
    }
    row += header_rows;
    sheet.write_string_with_format(row, key_column, KEYS_MARKER, &styles.key)?;
    for (at, column) in first.columns.iter().enumerate() {
        let column_at = labels + u16::try_from(at).unwrap_or(0);
        sheet.write_string_with_format(row, column_at, column.key, &styles.key)?;
    }
    row += 1;
    row_labels(sheet, styles, block.rows, labels, row)?;
    for (at, definition) in block.rows.iter().enumerate() {
        let this_row = row + u32::try_from(at).unwrap_or(0);
        for (index, column) in definition.columns.iter().enumerate() {
            let column_at = labels + u16::try_from(index).unwrap_or(0);
            let style = match column.kind {
                ValueKind::Text => &styles.text_value,
                _ => &styles.value,
            };
            sheet.write_blank(this_row, column_at, style)?;
        }
        sheet.write_string_with_format(this_row, key_column, definition.key, &styles.key)?;
    }
    Ok(row + u32::try_from(block.rows.len()).unwrap_or(0))
}

/// The column headers of a block from `row`: each level of groups, merged over the columns that
/// share it, then the columns' own labels (merged down where a column has fewer groups).
fn column_headers(
    sheet: &mut Worksheet,
    styles: &Styles,
    columns: &[ColumnDef],
    labels: u16,
    row: u32,
    depth: usize,
) -> Result<(), XlsxError> {
    let mut at = 0;
    while at < columns.len() {
        let column = &columns[at];
        let first = labels + u16::try_from(at).unwrap_or(0);
        // The column's own label, from the level under its groups to the last header row.
        let own_row = row + u32::try_from(column.groups.len()).unwrap_or(0);
        let last_row = row + u32::try_from(depth).unwrap_or(0);
        merge_or_write(
            sheet,
            (own_row, first),
            (last_row, first),
            column.label.zh,
            &styles.header,
        )?;
        for (level, group) in column.groups.iter().enumerate() {
            let starts_group = at == 0 || columns[at - 1].groups.get(level) != Some(group);
            if !starts_group {
                continue;
            }
            let span = columns[at..]
                .iter()
                .take_while(|next| next.groups.get(level) == Some(group))
                .count();
            let last = first + u16::try_from(span).unwrap_or(1) - 1;
            let level_row = row + u32::try_from(level).unwrap_or(0);
            merge_or_write(
                sheet,
                (level_row, first),
                (level_row, last),
                group.zh,
                &styles.header,
            )?;
        }
        at += 1;
    }
    Ok(())
}

/// The label cells of a block's rows from `row`: each group merged down over the rows that share
/// it, each row's own label merged across the label columns its groups leave.
fn row_labels(
    sheet: &mut Worksheet,
    styles: &Styles,
    rows: &[RowDef],
    labels: u16,
    row: u32,
) -> Result<(), XlsxError> {
    for (at, definition) in rows.iter().enumerate() {
        let this_row = row + u32::try_from(at).unwrap_or(0);
        let own_column = u16::try_from(definition.groups.len()).unwrap_or(0);
        merge_or_write(
            sheet,
            (this_row, own_column),
            (this_row, labels - 1),
            definition.label.zh,
            &styles.label,
        )?;
        // A long label wraps: the row is as tall as its lines.
        let lines = definition
            .label
            .zh
            .chars()
            .count()
            .div_ceil(LABEL_LINE_CHARACTERS);
        sheet.set_row_height(this_row, 15.0 * lines.max(1) as f64)?;
        for (level, group) in definition.groups.iter().enumerate() {
            let starts_group = at == 0 || rows[at - 1].groups.get(level) != Some(group);
            if !starts_group {
                continue;
            }
            let span = rows[at..]
                .iter()
                .take_while(|next| next.groups.get(level) == Some(group))
                .count();
            let last = this_row + u32::try_from(span).unwrap_or(1) - 1;
            let column = u16::try_from(level).unwrap_or(0);
            merge_or_write(
                sheet,
                (this_row, column),
                (last, column),
                group.zh,
                &styles.label,
            )?;
        }
    }
    Ok(())
}

/// Writes `text` over a range of cells: merged when it is more than one cell (Excel refuses a
/// merge of one).
fn merge_or_write(
    sheet: &mut Worksheet,
    (first_row, first_column): (u32, u16),
    (last_row, last_column): (u32, u16),
    text: &str,
    style: &Format,
) -> Result<(), XlsxError> {
    if (first_row, first_column) == (last_row, last_column) {
        sheet.write_string_with_format(first_row, first_column, text, style)?;
    } else {
        sheet.merge_range(first_row, first_column, last_row, last_column, text, style)?;
    }
    Ok(())
}
