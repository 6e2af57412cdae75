//! The checks kept between builds (`.archive-cache/public.checks`): a build checks again whole
//! only the reports whose inputs changed — the edited report and the agency's next one, which
//! reads it (R5, R6, the similarity) — and its output stays byte for byte a full build's when an edit of
//! one year makes or clears a finding in the next, or copies its narrative; a damaged file is a
//! note, and every report is checked.

use std::fs;

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::{TestSite, timed_run};

/// pingtan's 2021 report: its 现行有效件数 (665) is what the 2022 report's R6 adds to.
const EARLIER: &str = "content/pingtan/2021.md";
const IN_FORCE: &str = "normative_documents: [69, 3, 665]";
const IN_FORCE_CHANGED: &str = "normative_documents: [69, 3, 666]";
/// Its 结转下年度 (1), which the 2022 report's 上年结转 (R5) must equal.
const CARRIED_FORWARD: &str = "carried_forward:             [1, 0, 0, 0, 0, 0, 1]";
const CARRIED_FORWARD_CHANGED: &str = "carried_forward:             [2, 0, 0, 0, 0, 0, 2]";
const LATER_DATA: &str = "public/agencies/pingtan/2022/data.json";

/// Builds with the stage times on; returns how many reports were checked again and of how
/// many, as the checks' stage names them (`None` when every report was checked).
fn checked_again(site: &TestSite) -> Option<(usize, usize)> {
    let errors = timed_run(site, &["build"]);
    let line = errors
        .lines()
        .find(|line| line.contains("checks ("))
        .unwrap_or_else(|| panic!("no checks stage: {errors}"));
    let counts = line.split("checks (").nth(1)?;
    let mut words = counts.split(' ');
    let again = words.next()?.parse().ok()?;
    let of = words.nth(1)?.parse().ok()?;
    Some((again, of))
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read(path);
    assert!(text.contains(from), "{path} holds {from}");
    site.write(path, &text.replacen(from, to, 1));
}

/// The rules of the 2022 report's published findings (each once), in its `data.json`.
fn later_findings(site: &TestSite) -> String {
    let data: serde_json::Value = serde_json::from_str(&site.read(LATER_DATA)).unwrap();
    let findings = data["findings"].as_array().expect("a list of findings");
    findings
        .iter()
        .map(|finding| finding["rule"].as_str().expect("a rule").to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_edit_checks_again_its_report_and_the_next_years_and_equals_a_full_build() {
    let site = TestSite::example();
    assert_eq!(
        checked_again(&site),
        None,
        "the first build checks everything"
    );
    let (again, reports) = checked_again(&site).expect("the checks were kept");
    assert_eq!(again, 0, "nothing changed: none of {reports} checked again");
    assert_eq!(later_findings(&site), "");

    // R6 in the next year: 2021's in-force count no longer adds up with 2022's.
    edit(&site, EARLIER, IN_FORCE, IN_FORCE_CHANGED);
    let (again, _) = checked_again(&site).unwrap();
    assert_eq!(again, 2, "the edited report and the next year's");
    assert_eq!(later_findings(&site), "R6");
    assert_same_as_a_full_build(&site, "an R6 finding made in the next year");

    // Cleared again.
    edit(&site, EARLIER, IN_FORCE_CHANGED, IN_FORCE);
    checked_again(&site);
    assert_eq!(later_findings(&site), "");
    assert_same_as_a_full_build(&site, "the R6 finding cleared");

    // R5 in the next year, then cleared.
    edit(&site, EARLIER, CARRIED_FORWARD, CARRIED_FORWARD_CHANGED);
    build(&site);
    assert_eq!(later_findings(&site), "R5");
    assert_same_as_a_full_build(&site, "an R5 finding made in the next year");
    edit(&site, EARLIER, CARRIED_FORWARD_CHANGED, CARRIED_FORWARD);
    build(&site);
    assert_eq!(later_findings(&site), "");
    assert_same_as_a_full_build(&site, "the R5 finding cleared");
}

#[test]
fn a_narrative_copied_from_the_year_before_is_found_and_equals_a_full_build() {
    let site = TestSite::example();
    build(&site);
    build(&site);
    let page = "public/agencies/pingtan/2022/index.html";
    let before = site.read(page);
    // 2022's narrative becomes 2021's, word for word: its similarity to the year before, and
    // 2023's to it, change.
    let body = |text: &str| text.split_once("\n---\n").unwrap().1.to_owned();
    let later = site.read("content/pingtan/2022.md");
    let copied = later.replace(&body(&later), &body(&site.read(EARLIER)));
    assert_ne!(copied, later);
    site.write("content/pingtan/2022.md", &copied);
    build(&site);
    assert_ne!(site.read(page), before);
    assert_same_as_a_full_build(&site, "a narrative copied");
}

#[test]
fn damaged_kept_checks_are_a_note_and_every_report_is_checked() {
    let site = TestSite::example();
    build(&site);
    let path = site.path().join(".archive-cache/public.checks");
    let mut bytes = fs::read(&path).expect("the checks are kept");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    fs::write(&path, bytes).unwrap();
    edit(&site, EARLIER, IN_FORCE, IN_FORCE_CHANGED);
    let errors = build(&site);
    assert!(
        errors.contains("the checks kept by the last build are damaged (checksum)")
            && errors.contains(".archive-cache/ can be deleted"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "damaged kept checks");
    let (again, of) = checked_again(&site).unwrap();
    assert!(again < of, "written whole again: {again} of {of}");
}
