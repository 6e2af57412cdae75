//! `archive import` on hostile structure: pages nested tens of thousands of elements deep, and
//! table rows followed by runs of more digits than their cells can hold. Each input is generated;
//! each run must end (the outcome is asserted, not the time) with a clear message naming the file,
//! and never panic or overflow the stack. And the binary's output closed or full under it.

use std::fs;
use std::io::{BufReader, Read};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{TestSite, archive, archive_in, copy_of, fixture, stdout};

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
/// refused before it is parsed, with the line where it went too deep (before this check, each
/// overflowed the stack).
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
        (
            // 40 rounds of 400 different <b>s left open: browsers open them all again before
            // the next text, 400 levels more a round, without a tag for them.
            "reopened_formatting_tags",
            page(&format!(
                "<p>一、总体情况</p>\n{}",
                (0..40)
                    .map(|round| {
                        let tags: String =
                            (0..400).map(|i| format!("<b id={round}-{i}>")).collect();
                        format!("<div>{tags}</div><div>x</div>")
                    })
                    .collect::<String>()
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
    // The same source but for the original each keeps (its hash, size and time differ).
    assert_eq!(
        without_originals(&stdout(&deep)),
        without_originals(&stdout(&plain))
    );
    assert_eq!(deep_messages, plain_messages);
}

/// A source's text without its `originals:` list.
fn without_originals(source: &str) -> String {
    let mut in_list = false;
    source
        .lines()
        .filter(|line| {
            in_list = line.starts_with("originals:") || (in_list && line.starts_with("  "));
            !in_list
        })
        .collect::<Vec<_>>()
        .join("\n")
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

// ---- closed output ----
//
// Every print of the binary goes through a writer whose errors are handled: a reader that closes
// the pipe early (`archive check | head -3`) ends the output quietly with the usual exit code; an
// output that cannot be written (`> /dev/full`) is an error on standard error and exit code 2.
// A panic would exit 101.

/// Runs `archive ARGS` in `dir` with standard output (and, with `close_stderr`, standard error)
/// a pipe whose reading end is closed before anything is written; returns the exit code and
/// what standard error said.
fn run_with_closed_pipe(dir: &Path, args: &[&str], close_stderr: bool) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the archive binary runs");
    // Loading the archive takes far longer than this: the pipe is closed before the first write.
    drop(child.stdout.take());
    let mut messages = String::new();
    let stderr = child.stderr.take().unwrap();
    if close_stderr {
        drop(stderr);
    } else {
        BufReader::new(stderr)
            .read_to_string(&mut messages)
            .unwrap();
    }
    let status = child.wait().unwrap();
    (status.code(), messages)
}

#[test]
fn a_pipe_closed_early_ends_the_output_quietly() {
    let site = TestSite::example();
    let open = site.run(&["check"]);
    assert!(!open.stdout.is_empty(), "check prints its findings");
    for format in ["text", "json"] {
        let (code, messages) =
            run_with_closed_pipe(site.path(), &["check", "--format", format], false);
        assert_eq!(code, open.status.code(), "{format}:\n{messages}");
        assert!(!messages.contains("panicked"), "{format}:\n{messages}");
        assert!(!messages.contains("cannot write"), "{format}:\n{messages}");
    }
    // `archive import … 2>&1 | head -1`: both streams closed.
    let archive_copy = copy_of("import/archive");
    let report = fixture("import/reports/06_pingtan_2023.txt");
    let args = ["import", "--dry-run", report.to_str().unwrap()];
    let open = archive_in(archive_copy.path(), &args);
    assert!(!open.stdout.is_empty(), "a dry run prints the source");
    let (code, _) = run_with_closed_pipe(archive_copy.path(), &args, true);
    assert_eq!(code, open.status.code());
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_is_an_error() {
    let site = TestSite::example();
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["new", "demo", "2024", "--name", "示例", "--kind", "other"],
        // Printed by clap.
        &["--help"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_archive"))
            .env("ARCHIVE_LANG", "en")
            .current_dir(site.path())
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let messages = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}:\n{messages}");
        assert!(!messages.contains("panicked"), "{args:?}:\n{messages}");
        assert!(
            messages.contains(
                "error: cannot write to standard output: No space left on device (os error 28)"
            ),
            "{args:?}:\n{messages}"
        );
    }
}
