//! `archive import` on hostile structure: pages nested tens of thousands of elements deep, and
//! table rows followed by runs of more digits than their cells can hold. Each input is generated;
//! each run must end (the outcome is asserted, not the time) with a clear message naming the file,
//! and never panic or overflow the stack.

use std::fs;
use std::process::Output;

use crate::support::{archive, copy_of, fixture, stdout};

/// Imports `name` (written with `text` into a copy of the import fixture archive) with
/// `--dry-run`; returns the run and its standard error with the folder's path removed.
fn import(name: &str, text: &str, extra: &[&str]) -> (Output, String) {
    let site = copy_of("import/archive");
    let input = site.path().join(name);
    fs::write(&input, text).unwrap();
    let mut args = vec!["import", "--dry-run"];
    args.extend_from_slice(extra);
    args.push(input.to_str().unwrap());
    let output = archive(site.path(), &args);
    let messages =
        String::from_utf8_lossy(&output.stderr).replace(&format!("{}/", site.path().display()), "");
    assert!(
        !messages.contains("panicked") && !messages.contains("overflow"),
        "{name}: crashed\n{messages}"
    );
    (output, messages)
}

/// The messages about one input, up to its first blank line.
fn first_message(messages: &str) -> &str {
    messages.split("\n\n").next().unwrap_or(messages)
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html>\n<head><title>年报</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )
}

/// The nesting the HTML parser's cost and the importer's walk follow, beyond any page's: each is
/// refused before it is parsed, with the line where it went too deep.
#[test]
fn deeply_nested_pages_are_refused_with_their_line() {
    let cases = [
        (
            "nested_divs",
            page(&format!(
                "<div>一、总体情况\n{}{}",
                "<div>".repeat(50_000),
                "</div>".repeat(50_001)
            )),
        ),
        (
            "nested_inline_tags",
            page(&format!(
                "<p>一、总体情况</p>\n<p>{}正文{}</p>",
                "<b>".repeat(50_000),
                "</b>".repeat(50_000)
            )),
        ),
        (
            "nested_tables",
            page(&format!(
                "<p>一、总体情况</p>\n{}本年新收政府信息公开申请数量{}",
                "<table><tr><td>".repeat(6_000),
                "</td></tr></table>".repeat(6_000)
            )),
        ),
    ];
    for (name, text) in cases {
        let (output, messages) = import(&format!("{name}.html"), &text, &[]);
        assert_eq!(output.status.code(), Some(1), "{name}:\n{messages}");
        assert!(
            messages.contains(&format!("not imported: {name}.html")),
            "{name}:\n{messages}"
        );
        assert!(
            messages.contains(&format!("--> {name}.html:6")),
            "{name}: the line where it goes too deep\n{messages}"
        );
        insta::assert_snapshot!(name, first_message(&messages));
    }
}

/// Nesting within the limit is read as before: a real report's page wrapped in a hundred more
/// `<div>`s and `<span>`s imports to the same source.
#[test]
fn nesting_within_the_limit_imports_as_before() {
    let original = fs::read_to_string(fixture("import/reports/06_pingtan_2023_page.html")).unwrap();
    let (plain, plain_messages) = import("page.html", &original, &[]);
    let start = original.find("<body").unwrap();
    let body_open = start + original[start..].find('>').unwrap() + 1;
    let end = original.rfind("</body>").unwrap();
    let wrapped = format!(
        "{}{}{}{}{}",
        &original[..body_open],
        "<div><span>".repeat(100),
        &original[body_open..end],
        "</span></div>".repeat(100),
        &original[end..]
    );
    let (deep, deep_messages) = import("page.html", &wrapped, &[]);
    assert!(plain.status.code() == deep.status.code(), "{deep_messages}");
    assert!(!deep_messages.contains("nest more than"), "{deep_messages}");
    assert_eq!(stdout(&deep), stdout(&plain));
    assert_eq!(deep_messages, plain_messages);
}

/// A row of table 三 followed by a run of 120 or 1,000 digits: more than its seven cells can hold,
/// cut nearly every way before the last cell fails. The search's budget runs out; the row is
/// left blank and named with the reason, and the rest of the report is imported.
#[test]
fn runs_of_digits_too_long_to_cut_leave_their_row_blank() {
    let report = fixture("import/reports/06_pingtan_2023.txt");
    let original = fs::read_to_string(&report).unwrap();
    let row = "一、本年新收政府信息公开申请数量801000081";
    assert!(original.contains(row));
    for digits in [120, 1_000] {
        let text = original.replace(
            row,
            &format!("一、本年新收政府信息公开申请数量{}", "1".repeat(digits)),
        );
        let (output, messages) = import("digits.txt", &text, &["--year", "2023"]);
        assert_eq!(output.status.code(), Some(1), "{digits}:\n{messages}");
        let warning = messages
            .split("\n\n")
            .flat_map(|part| part.split("\nwarning: "))
            .find(|part| part.contains("applications.received:"))
            .unwrap_or_else(|| panic!("{digits}: no message about the row\n{messages}"));
        assert!(
            warning.contains(
                "the digits are too many to cut into 7 cells (200000 tries were not enough); the row is left blank"
            ),
            "{digits}:\n{warning}"
        );
        assert!(
            warning.contains("--> digits.txt:12"),
            "{digits}:\n{warning}"
        );
        let source = stdout(&output);
        assert!(
            source.contains("received:                    [~, ~, ~, ~, ~, ~, ~]"),
            "{digits}: the row is blank\n{source}"
        );
        // The rows around it are read as without the run.
        assert!(
            source.contains("disclosed:                   [22, 0, 0, 0, 0, 0, 22]"),
            "{digits}:\n{source}"
        );
        assert!(source.contains("applications.received.total"), "{source}");
    }
}
