//! `archive build` on the example archive: the checks are published beside the reports.

use super::{archive, example_copy, stderr};

#[test]
fn build_prints_a_one_line_summary_of_the_checks() {
    let site = example_copy();
    let output = archive(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(
            "checks: 7 findings (2 R3, 2 R4, 1 R6, 2 R9) in 4 of 10 reports; 49 checks not checkable\nbuilt 10 reports"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn strict_builds_fail_on_findings_and_write_nothing() {
    let site = example_copy();
    let output = archive(site.path(), &["build", "--strict"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("R6 normative_documents"),
        "{}",
        stderr(&output)
    );
    assert!(!site.path().join("public").exists());
}
