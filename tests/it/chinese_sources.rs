//! Sources a Chinese reader can write (issue 20): `archive new`'s Chinese labels, rows named by
//! their Chinese labels, the Chinese keyboard's characters at their own lines, and the Excel
//! template workbook filled and imported.

use std::fs;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use crate::import::{assert_imports_as_expected, expected, load};
use crate::support::{MINIMAL_REPORT, TestSite, code_and_errors, stderr};

/// `archive check` on a site whose report's front matter has `from` replaced by `to`: the exit
/// code and every message.
fn check_with(from: &str, to: &str) -> String {
    assert!(MINIMAL_REPORT.contains(from), "{from}");
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replacen(from, to, 1),
    );
    let output = site.run(&["check"]);
    format!(
        "exit code: {:?}\n{}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        stderr(&output, &site)
    )
}

#[test]
fn an_unclosed_bracket_is_reported_on_its_own_row() {
    let message = check_with(
        "received:        [3, 1, 0, 0, 0, 0, 4]",
        "received:        [3, 1, 0, 0, 0, 0, 4",
    );
    assert!(message.contains("2024.md:18:"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn an_unclosed_bracket_on_the_last_row_is_reported_there_not_at_the_next_table() {
    let message = check_with(
        "lawsuit_after_review: [0, 0, 0, 0, 0]",
        "lawsuit_after_review: [0, 0, 0, 0, 0】",
    );
    // `】` is the Chinese keyboard's `]`: read as it, with a note.
    assert!(message.contains("exit code: Some(0)"), "{message}");
    let unclosed = check_with(
        "lawsuit_after_review: [0, 0, 0, 0, 0]",
        "lawsuit_after_review: [0, 0, 0, 0, 0",
    );
    assert!(unclosed.contains("2024.md:27:"), "{unclosed}");
    insta::assert_snapshot!(unclosed);
}

#[test]
fn a_full_width_colon_after_a_row_key_is_read_with_a_note() {
    let message = check_with(
        "received:        [3, 1, 0, 0, 0, 0, 4]",
        "received：[3, 1, 0, 0, 0, 0, 4]",
    );
    assert!(message.contains("exit code: Some(0)"), "{message}");
    assert!(message.contains("2024.md:18:11"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn a_full_width_colon_after_published_is_read_at_its_own_line() {
    let message = check_with("published: 2025-03-01", "published：2025-03-01");
    assert!(message.contains("exit code: Some(0)"), "{message}");
    assert!(message.contains("2024.md:5:10"), "{message}");
    assert!(!message.contains("issuer"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn full_width_commas_and_digits_in_a_row_are_read_as_seven_values() {
    let message = check_with(
        "received:        [3, 1, 0, 0, 0, 0, 4]",
        "received:        [３，1，0，0，0、0，４]",
    );
    assert!(message.contains("exit code: Some(0)"), "{message}");
    assert!(!message.contains("has 1 values"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn full_width_digits_are_read_as_the_number_they_are() {
    let message = check_with("licensing:           [10]", "licensing:           ［１０］");
    assert!(message.contains("exit code: Some(0)"), "{message}");
    assert!(!message.contains("decimal digits"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn a_key_without_its_colon_is_reported_on_its_own_line() {
    let message = check_with("  carried_over:    [", "  carried_over    [");
    assert!(message.contains("2024.md:19:3"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn a_tab_after_a_row_key_keeps_the_line_of_its_finding() {
    // The total is wrong: R2's finding must name the row's line.
    let message = check_with(
        "received:        [3, 1, 0, 0, 0, 0, 4]",
        "received:\t[3, 1, 0, 0, 0, 0, 5]",
    );
    assert!(message.contains("2024.md:18"), "{message}");
    assert!(message.contains("R2"), "{message}");
}

#[test]
fn every_yaml_syntax_error_points_at_the_line_of_the_mistake() {
    let quote = check_with("issuer: 示例县", "issuer: \"示例县");
    assert!(quote.contains("2024.md:6:"), "{quote}");
    insta::assert_snapshot!(quote);
}

/// The site built with `rows` in place of the minimal report's table 三: its report page and
/// data file, and what `check` said.
fn built_with_rows(rows: &str) -> (String, String, String) {
    let start = MINIMAL_REPORT.find("  received:").unwrap();
    let end = MINIMAL_REPORT.find("\nappeals:").unwrap();
    let site = TestSite::minimal();
    let source = format!(
        "{}{rows}{}",
        &MINIMAL_REPORT[..start],
        &MINIMAL_REPORT[end..]
    );
    site.write("content/demo/2024.md", &source);
    let check = site.run(&["check"]);
    site.build();
    (
        site.read("public/agencies/demo/2024/index.html"),
        site.read("public/agencies/demo/2024/data.json"),
        stderr(&check, &site),
    )
}

#[test]
fn chinese_row_labels_read_exactly_as_the_keys() {
    let by_key = built_with_rows(
        "  received:        [3, 1, 0, 0, 0, 0, 4]\n  carried_over:    [0, 0, 0, 0, 0, 0, 0]\n  disclosed:       [2, 1, 0, 0, 0, 0, 3]\n  results_total:   [2, 1, 0, 0, 0, 0, 3]\n  carried_forward: [1, 0, 0, 0, 0, 0, 1]\n",
    );
    let by_label = built_with_rows(
        "  一、本年新收政府信息公开申请数量: [3, 1, 0, 0, 0, 0, 4]\n  二、上年结转政府信息公开申请数量: [0, 0, 0, 0, 0, 0, 0]\n  （一）予以公开: [2, 1, 0, 0, 0, 0, 3]\n  (七) 总计: [2, 1, 0, 0, 0, 0, 3]\n  结转下年度继续办理: [1, 0, 0, 0, 0, 0, 1]\n",
    );
    assert_eq!(by_label.0, by_key.0, "the report page");
    assert_eq!(by_label.1, by_key.1, "the data file");
    insta::assert_snapshot!(by_label.2);
}

#[test]
fn close_and_unknown_chinese_labels_are_answered_with_the_key() {
    let close = check_with("  disclosed:", "  予以公开的:");
    assert!(close.contains("exit code: Some(0)"), "{close}");
    let unknown = check_with("  disclosed:", "  同意公开:");
    assert!(unknown.contains("exit code: Some(1)"), "{unknown}");
    insta::assert_snapshot!(format!("{close}\n{unknown}"));
}

#[test]
fn new_writes_each_rows_chinese_label_and_takes_an_unknown_kind() {
    let site = TestSite::minimal();
    let output = site.run(&[
        "new",
        "houma-kfq",
        "2024",
        "--name",
        "侯马经济开发区",
        "--kind",
        "unknown",
    ]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    assert!(
        site.read("content/houma-kfq/_agency.yaml")
            .contains("kind: unknown")
    );
    let source = site.read("content/houma-kfq/2024.md");
    assert!(source.contains(
        "  received:                    [~, ~, ~, ~, ~, ~, ~]  # 一、本年新收政府信息公开申请数量（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）"
    ));
    // The blank source reads back, and R7 is not checkable for an agency of unknown kind.
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check, &site));
    insta::assert_snapshot!(source);
}

/// A cell (`table.row.column`) typed as text rather than as a number.
type Typed<'a> = (&'a str, &'a str);

/// Fills a template workbook as a person would in Excel: every cell of the template kept, each
/// value cell found by the grey keys (行键 and the row keys) given the value of `values` (the
/// expected file's tables; `null` left empty) or the text `typed` gives it, the publication
/// date typed as a date.
fn fill_workbook(template: &Path, values: &Value, published: &str, typed: &[Typed<'_>]) -> Vec<u8> {
    let mut source: Xlsx<_> = calamine::open_workbook(template).unwrap();
    let mut filled = Workbook::new();
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = filled.add_worksheet();
        sheet.set_name(&name).unwrap();
        let (top, left) = range.start().unwrap();
        let mut columns: Vec<(usize, String)> = Vec::new();
        let mut table = None;
        for (index, row) in range.rows().enumerate() {
            let at = top + index as u32;
            for (column, cell) in row.iter().enumerate() {
                let column_at = (left as usize + column) as u16;
                match cell {
                    Data::String(text) => {
                        sheet.write_string(at, column_at, text).unwrap();
                    }
                    Data::Float(number) => {
                        sheet.write_number(at, column_at, *number).unwrap();
                    }
                    _ => {}
                }
            }
            let texts: Vec<String> = row.iter().map(|cell| cell.to_string()).collect();
            if let Some(marker) = texts.iter().position(|text| text == "行键") {
                columns = (0..marker)
                    .filter(|&column| !texts[column].is_empty())
                    .map(|column| (column, texts[column].clone()))
                    .collect();
                table = ["active", "applications", "appeals"]
                    .into_iter()
                    .find(|table| values[*table].is_object() && name.contains(heading_word(table)));
                continue;
            }
            let (Some(table), Some(key)) = (table, texts.last()) else {
                continue;
            };
            for (column, column_key) in &columns {
                let value = &values[table][key.as_str()][column_key.as_str()];
                let column_at = (left as usize + column) as u16;
                let path = format!("{table}.{key}.{column_key}");
                if let Some((_, text)) = typed.iter().find(|(cell, _)| *cell == path) {
                    sheet.write_string(at, column_at, *text).unwrap();
                } else if let Some(number) = value.as_f64() {
                    sheet.write_number(at, column_at, number).unwrap();
                } else if let Some(text) = value.as_str() {
                    sheet.write_string(at, column_at, text).unwrap();
                }
            }
        }
        if name == "报告信息" {
            // 发布日期 is in the second column of the row whose grey key is `published`.
            let row = range
                .rows()
                .position(|row| {
                    row.get(2)
                        .is_some_and(|key| matches!(key, Data::String(text) if text == "published"))
                })
                .unwrap();
            let date = ExcelDateTime::parse_from_str(published).unwrap();
            let format = Format::new().set_num_format("yyyy-mm-dd");
            let at = top + row as u32;
            sheet
                .write_datetime_with_format(at, 1, &date, &format)
                .unwrap();
        }
    }
    filled.save_to_buffer().unwrap()
}

/// A word of each table's heading, which names its sheet.
fn heading_word(table: &str) -> &'static str {
    match table {
        "active" => "主动公开",
        "applications" => "申请",
        _ => "复议",
    }
}

#[test]
fn a_template_workbook_filled_in_excel_imports_exactly() {
    let site = TestSite::minimal();
    let output = site.run(&[
        "new",
        "houma-kfq",
        "2024",
        "--xlsx",
        "--name",
        "侯马经济开发区",
    ]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    let template = site.path().join("houma-kfq-2024.xlsx");
    let want = expected("00_houma_kfq_2024");
    // 2663 typed as text in full-width digits, as an input method may: still 2663.
    let filled = fill_workbook(
        &template,
        &want,
        want["published"].as_str().unwrap(),
        &[("active.licensing.decisions", "２６６３")],
    );
    let input = site.path().join("filled.xlsx");
    fs::write(&input, &filled).unwrap();
    let output = site.run(&["import", "filled.xlsx"]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    let report = load(site.path(), "houma-kfq/2024");
    assert_imports_as_expected("00_houma_kfq_2024.xlsx", &report, &want);
    // The workbook is kept as the report's original, with its hash.
    assert_eq!(report.originals.len(), 1);
    assert_eq!(report.originals[0].size, filled.len() as u64);
    assert!(
        report.originals[0].media_type.contains("spreadsheetml"),
        "{}",
        report.originals[0].media_type
    );
}

#[test]
fn a_workbook_value_that_is_not_a_number_stops_the_import_naming_its_cell() {
    let site = TestSite::minimal();
    let output = site.run(&[
        "new",
        "houma-kfq",
        "2024",
        "--xlsx",
        "--name",
        "侯马经济开发区",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let template = site.path().join("houma-kfq-2024.xlsx");
    let want = expected("00_houma_kfq_2024");
    let filled = fill_workbook(
        &template,
        &want,
        "2025-01-22",
        &[("active.licensing.decisions", "2663条")],
    );
    fs::write(site.path().join("filled.xlsx"), &filled).unwrap();
    let output = site.run(&["import", "filled.xlsx"]);
    let (code, errors) = code_and_errors(&output);
    assert_ne!(code, 0, "{errors}");
    assert!(
        errors
            .contains("cell B12 (active.licensing.decisions): `2663条` is not a whole number ≥ 0"),
        "{errors}"
    );
    assert!(!site.path().join("content/houma-kfq").exists());
}

#[test]
fn a_table_pasted_from_excel_is_named_so_not_a_pdf() {
    let site = TestSite::minimal();
    let text = "侯马经济开发区2024年政府信息公开工作年度报告\n\n一、总体情况\n\n2024年，我区认真贯彻落实。\n\n二、主动公开政府信息情况\n\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t1\t0\n\n三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n\n四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n无。\n\n六、其他需要报告的事项\n\n无。\n";
    site.write("pasted.txt", text);
    let output = site.run(&["import", "pasted.txt", "--dry-run"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        said.contains("text with tables pasted from a spreadsheet (Excel, WPS)"),
        "{said}"
    );
    assert!(!said.contains("PDF"), "{said}");
}

#[test]
fn a_gb2019_workbook_imports_exactly_too() {
    let site = TestSite::minimal();
    let output = site.run(&[
        "new",
        "pingtan",
        "2019",
        "--xlsx",
        "--name",
        "平潭综合实验区",
    ]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    let want = expected("02_pingtan_2019");
    let template = site.path().join("pingtan-2019.xlsx");
    let published = want["published"].as_str().unwrap();
    fs::write(
        site.path().join("filled.xlsx"),
        fill_workbook(&template, &want, published, &[]),
    )
    .unwrap();
    let output = site.run(&["import", "filled.xlsx"]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    let report = load(site.path(), "pingtan/2019");
    assert_imports_as_expected("02_pingtan_2019.xlsx", &report, &want);
}
