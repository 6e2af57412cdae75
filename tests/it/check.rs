//! `archive check` on the example archive: the findings are those checked by hand on the real
//! reports (tests/fixtures/expected-findings.json), and nothing else.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::{TestSite, archive, repo as example, stderr_text as stderr, stdout};

fn expected() -> Value {
    let text = include_str!("../fixtures/expected-findings.json");
    serde_json::from_str(text).expect("the expected findings parse")
}

fn check_json(root: &std::path::Path) -> (Value, i32) {
    let output = archive(root, &["check", "--format", "json"]);
    let json = serde_json::from_str(&stdout(&output)).expect("check prints JSON");
    (json, output.status.code().unwrap_or(-1))
}

/// `agency year rule subject` of each entry.
fn keys(entries: &Value) -> BTreeSet<String> {
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            format!(
                "{} {} {} {}",
                entry["agency"].as_str().unwrap(),
                entry["year"],
                entry["rule"].as_str().unwrap(),
                entry["subject"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn findings_on_the_example_archive_are_the_expected_ones_and_no_others() {
    let (json, code) = check_json(&example());
    assert_eq!(code, 0, "findings do not fail a check");
    let mut expected_findings = BTreeSet::new();
    for report in expected()["reports"].as_array().unwrap() {
        for finding in report["findings"].as_array().unwrap() {
            expected_findings.insert(format!(
                "{} {} {} {}",
                report["agency"].as_str().unwrap(),
                report["year"],
                finding["rule"].as_str().unwrap(),
                finding["subject"].as_str().unwrap()
            ));
        }
    }
    assert_eq!(keys(&json["findings"]), expected_findings);
    assert_eq!(json["errors"], Value::Array(Vec::new()));
}

#[test]
fn blank_cells_make_exactly_the_expected_checks_not_checkable() {
    let (json, _) = check_json(&example());
    let mut expected_checks = BTreeSet::new();
    for report in expected()["reports"].as_array().unwrap() {
        for check in report["not_checkable"].as_array().unwrap() {
            let (rule, subject) = check.as_str().unwrap().split_once(' ').unwrap();
            expected_checks.insert(format!(
                "{} {} {rule} {subject}",
                report["agency"].as_str().unwrap(),
                report["year"]
            ));
        }
    }
    // R7 is not checkable where the report prints no date; the expectations list blank cells.
    let (dates, cells): (BTreeSet<String>, BTreeSet<String>) = keys(&json["not_checkable"])
        .into_iter()
        .partition(|key| key.contains(" R7 "));
    assert_eq!(cells, expected_checks);
    assert_eq!(
        dates,
        BTreeSet::from([
            "hongze 2023 R7 published".to_owned(),
            "hongze 2024 R7 published".to_owned(),
            "huaian 2024 R7 published".to_owned(),
        ])
    );
}

#[test]
fn text_output_names_file_line_rule_and_numbers() {
    let output = archive(&example(), &["check"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("check_text", stdout(&output));
    insta::assert_snapshot!("check_text_summary", stderr(&output));
}

#[test]
fn json_output_has_stable_fields() {
    let output = archive(&example(), &["check", "--format", "json"]);
    insta::assert_snapshot!("check_json", stdout(&output));
}

#[test]
fn strict_makes_findings_exit_1() {
    let output = archive(&example(), &["check", "--strict"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    let output = archive(&example(), &["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let missing = tempfile::tempdir().unwrap();
    let output = archive(missing.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn source_errors_exit_1_and_the_other_reports_are_still_checked() {
    let site = TestSite::example();
    let file = site.path().join("content/pingtan/2021.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("licensing:           [2293]", "licensing: [\"2293条\"]", 1),
    )
    .unwrap();
    let (json, code) = check_json(site.path());
    assert_eq!(code, 1);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["file"], "content/pingtan/2021.md");
    assert_eq!(errors[0]["severity"], "error");
    // Every other report is checked: the 2020 and 2023 findings are still there.
    let findings = keys(&json["findings"]);
    assert!(findings.contains("pingtan 2020 R3 applications.total"));
    assert!(findings.contains("pingtan 2023 R6 active.normative_documents"));
    assert_eq!(json["summary"]["errors"], 1);

    let output = archive(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("1 error in the sources"),
        "{}",
        stderr(&output)
    );
}
