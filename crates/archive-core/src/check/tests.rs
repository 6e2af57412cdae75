//! Each rule on a passing and a failing report, and on one whose blank cells make it impossible.
//! Reports are written as sources, the way an editor types them.

use super::*;
use crate::config::{Deadlines, MonthDay};
use crate::format::FormatId;
use crate::model::{AgencyKind, Archive};
use crate::testing::{BODY, TestArchive, TestReport};

/// Reports of one agency, `a`, and the deadlines the checks run with.
struct Fixture {
    kind: AgencyKind,
    deadlines: Deadlines,
    reports: Vec<TestReport>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            kind: AgencyKind::PeopleGovernment,
            deadlines: Deadlines::default(),
            reports: Vec::new(),
        }
    }

    fn report(mut self, report: TestReport) -> Fixture {
        self.reports.push(report);
        self
    }

    fn gb2021(self, year: u16, rows: &[(&str, &str, &str)]) -> Fixture {
        self.report(TestReport::new("a", year, FormatId::Gb2021).rows(rows))
    }

    fn gb2019(self, year: u16, rows: &[(&str, &str, &str)]) -> Fixture {
        self.report(TestReport::new("a", year, FormatId::Gb2019).rows(rows))
    }

    fn run(self) -> (Archive, Checks) {
        let agency = TestArchive::new().agency("a", self.kind, "");
        let archive = self
            .reports
            .into_iter()
            .fold(agency, TestArchive::report)
            .build();
        let checks = Checks::run(&archive, &self.deadlines);
        (archive, checks)
    }
}

/// The result of each check of `rule` on the last report, as `subject: result` lines; failures
/// show their message, impossible checks their blank fields.
fn outcomes(fixture: Fixture, rule: Rule) -> Vec<String> {
    let deadlines = fixture.deadlines.clone();
    let (archive, checks) = fixture.run();
    let last = archive.reports.len() - 1;
    let kept = &checks.of_report(last).rule(rule).checks;
    let made = evaluate(rule, &CheckInput::of(&archive, &deadlines, last));
    // The passed checks are only counted; the others are kept in the order the rule made them.
    let passed = made
        .iter()
        .filter(|check| check.result == CheckResult::Passed)
        .count();
    assert_eq!(checks.of_report(last).rule(rule).passed, passed);
    let mut kept = kept.iter();
    made.iter()
        .map(|check| {
            let result = if check.result == CheckResult::Passed {
                "passed".to_owned()
            } else {
                let kept = kept.next().expect("every check that did not pass is kept");
                assert_eq!(kept.subject, check.subject);
                match &kept.result {
                    CheckResult::Passed => unreachable!("passed checks are only counted"),
                    CheckResult::Failed(at) => {
                        format!("failed: {}", checks.findings[*at].message.en)
                    }
                    CheckResult::NotCheckable(cells) => {
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|cell| format!("{}/{}", cell.year, cell.field.key()))
                            .collect();
                        format!("not checkable: {}", cells.join(" "))
                    }
                }
            };
            format!("{}: {result}", check.subject.key())
        })
        .collect()
}

/// Only the checks that did not pass.
fn problems(fixture: Fixture, rule: Rule) -> Vec<String> {
    outcomes(fixture, rule)
        .into_iter()
        .filter(|line| !line.ends_with(": passed"))
        .collect()
}

fn status(fixture: Fixture, rule: Rule) -> RuleStatus {
    let (archive, checks) = fixture.run();
    checks
        .of_report(archive.reports.len() - 1)
        .rule(rule)
        .status()
}

const APPS: &str = "applications";

// ---- R1 ----

#[test]
fn r1_passes_when_what_came_in_was_handled_or_carried_forward() {
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            (APPS, "received", "[3, 0, 0, 0, 0, 0, 3]"),
            (APPS, "carried_over", "[1, 0, 0, 0, 0, 0, 1]"),
            (APPS, "disclosed", "[3, 0, 0, 0, 0, 0, 3]"),
            (APPS, "results_total", "[3, 0, 0, 0, 0, 0, 3]"),
            (APPS, "carried_forward", "[1, 0, 0, 0, 0, 0, 1]"),
        ],
    );
    assert_eq!(outcomes(fixture, Rule::R1).len(), 7);
    let fixture = Fixture::new().gb2021(2023, &[]);
    assert_eq!(status(fixture, Rule::R1), RuleStatus::Passed);
}

#[test]
fn r1_fails_when_an_application_is_unaccounted_for() {
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            (APPS, "received", "[3, 0, 0, 0, 0, 0, 3]"),
            (APPS, "disclosed", "[2, 0, 0, 0, 0, 0, 2]"),
            (APPS, "results_total", "[2, 0, 0, 0, 0, 0, 2]"),
        ],
    );
    assert_eq!(
        problems(fixture, Rule::R1),
        vec![
            "applications.natural_person: failed: column natural_person (自然人): received 3 + carried_over 0 = 3, but results_total 2 + carried_forward 0 = 2",
            "applications.total: failed: column total (总计): received 3 + carried_over 0 = 3, but results_total 2 + carried_forward 0 = 2",
        ]
    );
}

#[test]
fn r1_is_not_checkable_with_a_blank_carried_forward_row() {
    let fixture = Fixture::new().gb2021(2024, &[(APPS, "carried_forward", "~")]);
    let problems = problems(fixture, Rule::R1);
    assert_eq!(problems.len(), 7);
    assert_eq!(
        problems[0],
        "applications.natural_person: not checkable: 2024/applications.carried_forward.natural_person"
    );
}

// ---- R2 ----

#[test]
fn r2_passes_and_fails_row_by_row() {
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            (APPS, "received", "[3, 1, 0, 0, 0, 0, 4]"),
            (APPS, "disclosed", "[2, 1, 0, 0, 0, 0, 2]"),
        ],
    );
    assert_eq!(
        problems(fixture, Rule::R2),
        vec![
            "applications.disclosed: failed: row disclosed (（一）予以公开): total 2, but natural_person 2 + business 1 + research 0 + nonprofit 0 + legal_services 0 + other_org 0 = 3"
        ]
    );
    // Only the rows the report has are checked: 25 in gb2021.
    assert_eq!(
        outcomes(Fixture::new().gb2021(2023, &[]), Rule::R2).len(),
        25
    );
}

#[test]
fn r2_is_not_checkable_when_a_row_has_a_blank_cell() {
    let fixture = Fixture::new().gb2021(2023, &[(APPS, "received", "[3, ~, 0, 0, 0, 0, 3]")]);
    assert_eq!(
        problems(fixture, Rule::R2),
        vec!["applications.received: not checkable: 2023/applications.received.business"]
    );
}

// ---- R3 ----

#[test]
fn r3_passes_when_the_results_add_up() {
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            (APPS, "received", "[5, 0, 0, 0, 0, 0, 5]"),
            (APPS, "disclosed", "[2, 0, 0, 0, 0, 0, 2]"),
            (APPS, "withheld_third_party", "[1, 0, 0, 0, 0, 0, 1]"),
            (APPS, "other_other", "[2, 0, 0, 0, 0, 0, 2]"),
            (APPS, "results_total", "[5, 0, 0, 0, 0, 0, 5]"),
        ],
    );
    assert_eq!(status(fixture, Rule::R3), RuleStatus::Passed);
}

#[test]
fn r3_fails_when_the_total_leaves_out_a_result_row() {
    // 平潭 2020: （七）总计 leaves out the 部分公开 row.
    let fixture = Fixture::new().gb2019(
        2020,
        &[
            (APPS, "received", "[20, 0, 0, 0, 0, 1, 21]"),
            (APPS, "disclosed", "[6, 0, 0, 0, 0, 1, 7]"),
            (APPS, "partially_disclosed", "[6, 0, 0, 0, 0, 0, 6]"),
            (APPS, "unavailable_not_held", "[4, 0, 0, 0, 0, 0, 4]"),
            (APPS, "unavailable_unclear", "[3, 0, 0, 0, 0, 0, 3]"),
            (APPS, "rejected_duplicate", "[3, 0, 0, 0, 0, 0, 3]"),
            (APPS, "other_handling", "[4, 0, 0, 0, 0, 0, 4]"),
            (APPS, "results_total", "[20, 0, 0, 0, 0, 1, 21]"),
        ],
    );
    assert_eq!(
        problems(fixture, Rule::R3),
        vec![
            "applications.natural_person: failed: column natural_person (自然人): results_total 20, but disclosed 6 + partially_disclosed 6 + unavailable_not_held 4 + unavailable_unclear 3 + rejected_duplicate 3 + other_handling 4 = 26 (the other 13 are 0)",
            "applications.total: failed: column total (总计): results_total 21, but disclosed 7 + partially_disclosed 6 + unavailable_not_held 4 + unavailable_unclear 3 + rejected_duplicate 3 + other_handling 4 = 27 (the other 13 are 0)",
        ]
    );
}

#[test]
fn r3_sums_the_other_versions_result_row_that_the_report_prints() {
    // 洪泽 2023: a gb2021 report with gb2019's single （六）其他处理 row.
    let rows = [
        (APPS, "received", "[2, 0, 0, 0, 0, 0, 2]"),
        (APPS, "other_no_correction", "-"),
        (APPS, "other_fee_unpaid", "-"),
        (APPS, "other_other", "-"),
        (APPS, "other_handling", "[2, 0, 0, 0, 0, 0, 2]"),
        (APPS, "results_total", "[2, 0, 0, 0, 0, 0, 2]"),
    ];
    assert_eq!(
        status(Fixture::new().gb2021(2023, &rows), Rule::R3),
        RuleStatus::Passed
    );
    assert_eq!(
        status(Fixture::new().gb2021(2023, &rows), Rule::R1),
        RuleStatus::Passed
    );
}

#[test]
fn r3_is_not_checkable_with_a_blank_result_cell() {
    let fixture = Fixture::new().gb2019(2019, &[(APPS, "other_handling", "~")]);
    let problems = problems(fixture, Rule::R3);
    assert_eq!(problems.len(), 7);
    assert_eq!(
        problems[6],
        "applications.total: not checkable: 2019/applications.other_handling.total"
    );
}

// ---- R4 ----

#[test]
fn r4_checks_each_group_of_table_four() {
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            ("appeals", "review", "[10, 1, 0, 0, 0]"),
            ("appeals", "lawsuit_direct", "[1, 0, 0, 1, 2]"),
            ("appeals", "lawsuit_after_review", "[5, 0, ~, 0, 5]"),
        ],
    );
    assert_eq!(
        outcomes(fixture, Rule::R4),
        vec![
            "appeals.review: failed: row review (行政复议): total 0, but upheld 10 + corrected 1 + other 0 + pending 0 = 11",
            "appeals.lawsuit_direct: passed",
            "appeals.lawsuit_after_review: not checkable: 2023/appeals.lawsuit_after_review.other",
        ]
    );
}

#[test]
fn a_total_its_rows_contradict_is_named_with_the_sum_of_its_parts() {
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            ("appeals", "review", "[10, 1, 0, 0, 0]"),
            ("appeals", "lawsuit_direct", "[1, 0, 0, 1, 2]"),
        ],
    );
    let (_, checks) = fixture.run();
    let review_total = catalog()
        .find(TableKey::Appeals, "review", "total")
        .unwrap();
    let found: Vec<Contradiction> = checks.contradicted_totals(0).collect();
    assert_eq!(
        found,
        vec![Contradiction {
            cell: review_total,
            rule: Rule::R4,
            printed: 0,
            parts: 11,
        }]
    );
    assert_eq!(checks.contradicted_total(0, review_total), Some(found[0]));
    let direct_total = catalog()
        .find(TableKey::Appeals, "lawsuit_direct", "total")
        .unwrap();
    assert_eq!(checks.contradicted_total(0, direct_total), None);
}

// ---- R5 ----

#[test]
fn r5_compares_carried_over_with_last_years_carried_forward() {
    let last = [
        (APPS, "received", "[1, 0, 0, 0, 0, 0, 1]"),
        (APPS, "carried_forward", "[1, 0, 0, 0, 0, 0, 1]"),
    ];
    let this = |over: &'static str| {
        [
            (APPS, "carried_over", over),
            (APPS, "results_total", over),
            (APPS, "disclosed", over),
        ]
    };
    let passing = Fixture::new()
        .gb2021(2022, &last)
        .gb2021(2023, &this("[1, 0, 0, 0, 0, 0, 1]"));
    assert_eq!(status(passing, Rule::R5), RuleStatus::Passed);

    let failing = Fixture::new()
        .gb2021(2022, &last)
        .gb2021(2023, &this("[2, 0, 0, 0, 0, 0, 2]"));
    assert_eq!(
        problems(failing, Rule::R5),
        vec![
            "applications.natural_person: failed: column natural_person (自然人): carried_over 2, but 2022's carried_forward 1",
            "applications.total: failed: column total (总计): carried_over 2, but 2022's carried_forward 1",
        ]
    );
}

#[test]
fn r5_is_not_checkable_against_a_blank_carried_forward() {
    let fixture = Fixture::new()
        .gb2021(2022, &[(APPS, "carried_forward", "~")])
        .gb2021(2023, &[]);
    let problems = problems(fixture, Rule::R5);
    assert_eq!(problems.len(), 7);
    assert_eq!(
        problems[0],
        "applications.natural_person: not checkable: 2022/applications.carried_forward.natural_person"
    );
}

#[test]
fn r5_needs_the_year_before() {
    let fixture = Fixture::new().gb2021(2021, &[]).gb2021(2023, &[]);
    assert_eq!(status(fixture, Rule::R5), RuleStatus::NotApplicable);
    assert_eq!(
        status(Fixture::new().gb2021(2023, &[]), Rule::R5),
        RuleStatus::NotApplicable
    );
}

// ---- R6 ----

#[test]
fn r6_follows_the_documents_in_force_from_year_to_year() {
    let fixture = |in_force: &'static str| {
        Fixture::new()
            .gb2021(2022, &[("active", "normative_documents", "[88, 55, 698]")])
            .gb2021(2023, &[("active", "normative_documents", in_force)])
    };
    assert_eq!(
        outcomes(fixture("[77, 132, 643]"), Rule::R6),
        vec!["active.rules: passed", "active.normative_documents: passed"]
    );
    // 平潭 2023.
    assert_eq!(
        problems(fixture("[77, 132, 470]"), Rule::R6),
        vec![
            "active.normative_documents: failed: normative_documents (行政规范性文件): in_force 470, but 2022's in_force 698 + issued 77 − repealed 132 = 643"
        ]
    );
    assert_eq!(
        problems(fixture("[77, ~, 470]"), Rule::R6),
        vec!["active.normative_documents: not checkable: 2023/active.normative_documents.repealed"]
    );
}

#[test]
fn r6_needs_two_gb2021_years() {
    let fixture = Fixture::new().gb2019(2020, &[]).gb2021(2021, &[]);
    assert_eq!(status(fixture, Rule::R6), RuleStatus::NotApplicable);
    // R5 does cross the change of template.
    let fixture = Fixture::new().gb2019(2020, &[]).gb2021(2021, &[]);
    assert_eq!(status(fixture, Rule::R5), RuleStatus::Passed);
}

// ---- R7 ----

fn published(kind: AgencyKind, date: &str) -> Fixture {
    Fixture {
        kind,
        ..Fixture::new()
    }
    .report(TestReport::new("a", 2023, FormatId::Gb2021).published(date))
}

#[test]
fn r7_deadlines_depend_on_the_agency_kind() {
    assert_eq!(
        status(
            published(AgencyKind::PeopleGovernment, "2024-03-31"),
            Rule::R7
        ),
        RuleStatus::Passed
    );
    assert_eq!(
        problems(published(AgencyKind::Department, "2024-03-08"), Rule::R7),
        vec![
            "published: failed: published 2024-03-08, after the deadline of 2024-01-31 for a government department"
        ]
    );
    assert_eq!(
        status(published(AgencyKind::Department, "2024-01-31"), Rule::R7),
        RuleStatus::Passed
    );
}

#[test]
fn r7_deadlines_come_from_the_site_configuration() {
    let mut fixture = published(AgencyKind::Department, "2024-02-15");
    fixture.deadlines.department = MonthDay { month: 2, day: 29 };
    assert_eq!(status(fixture, Rule::R7), RuleStatus::Passed);
}

#[test]
fn r7_is_not_checkable_without_a_date() {
    assert_eq!(
        problems(published(AgencyKind::Department, "~"), Rule::R7),
        vec!["published: not checkable: 2023/published"]
    );
}

#[test]
fn r7_is_not_checkable_for_an_agency_of_unknown_kind() {
    // Even published in December, no finding: the deadline depends on the kind.
    assert_eq!(
        status(published(AgencyKind::Unknown, "2024-12-01"), Rule::R7),
        RuleStatus::NotCheckable
    );
    assert_eq!(
        problems(published(AgencyKind::Unknown, "2024-12-01"), Rule::R7),
        vec!["published: not checkable: "]
    );
}

// ---- R8 ----

fn with_body(format: FormatId, body: &str) -> Fixture {
    Fixture::new().report(TestReport::new("a", 2023, format).body(body))
}

#[test]
fn r8_passes_with_six_sections_and_the_fee_stated() {
    assert_eq!(
        outcomes(with_body(FormatId::Gb2021, BODY), Rule::R8),
        vec!["sections: passed", "fees: passed"]
    );
    // gb2019 does not ask for the fee.
    let body = BODY.replace("本年度未收取信息处理费。", "无。");
    assert_eq!(
        outcomes(with_body(FormatId::Gb2019, &body), Rule::R8),
        vec!["sections: passed"]
    );
}

#[test]
fn r8_finds_missing_and_misplaced_sections() {
    let body = BODY.replace("## 五、存在的主要问题及改进情况\n\n问题与改进。\n\n", "");
    assert_eq!(
        problems(with_body(FormatId::Gb2021, &body), Rule::R8),
        vec![
            "sections: failed: section 五 has no heading; a report has the six sections 一 … 六 in order, each under its heading"
        ]
    );
    let body = BODY
        .replace("## 二、主动公开政府信息情况", "## 三、收到和处理")
        .replacen(
            "## 三、收到和处理政府信息公开申请情况",
            "## 二、主动公开",
            1,
        );
    let (archive, checks) = with_body(FormatId::Gb2021, &body).run();
    assert_eq!(
        checks.findings[0].message.en,
        "the section headings stand in the order 一, 三, 二, 四, 五, 六; a report has the six sections 一 … 六 in order, each under its heading"
    );
    // The line of the first heading out of place: 二 after 三.
    let line = checks.findings[0].line.unwrap();
    let source = TestReport::new("a", 2023, FormatId::Gb2021)
        .body(&body)
        .source();
    assert_eq!(source.lines().nth(line - 1), Some("## 二、主动公开"));
    assert_eq!(archive.reports.len(), 1);
}

#[test]
fn r8_asks_gb2021_reports_to_state_the_fee() {
    let body = BODY.replace("本年度未收取信息处理费。", "无其他需要报告的事项。");
    assert_eq!(
        problems(with_body(FormatId::Gb2021, &body), Rule::R8),
        vec![
            "fees: failed: section 六 does not mention the 信息处理费; from the gb2021 format on it states the fees collected, or that none were"
        ]
    );
}

// ---- R9 ----

#[test]
fn r9_finds_rows_and_columns_of_the_other_version() {
    assert_eq!(
        outcomes(Fixture::new().gb2021(2023, &[]), Rule::R9),
        vec!["gb2021: passed"]
    );
    let fixture = Fixture::new().gb2021(
        2023,
        &[
            (APPS, "other_no_correction", "-"),
            (APPS, "other_fee_unpaid", "-"),
            (APPS, "other_other", "-"),
            (APPS, "other_handling", "[0, 0, 0, 0, 0, 0, 0]"),
            (
                "active",
                "rules",
                "{issued: 0, repealed: 0, in_force: 0, made: 3}",
            ),
        ],
    );
    assert_eq!(
        problems(fixture, Rule::R9),
        vec![
            "active.rules: failed: declared gb2021, but row active.rules has gb2019's column made",
            "applications.other_handling: failed: declared gb2021, but the report prints gb2019's row applications.other_handling (（六）其他处理) in place of other_no_correction, other_fee_unpaid, other_other",
        ]
    );
}

// ---- the run ----

#[test]
fn findings_are_numbered_by_report_and_line_and_summarised() {
    let fixture = Fixture::new()
        .gb2021(
            2022,
            &[
                ("appeals", "review", "[1, 0, 0, 0, 0]"),
                (APPS, "carried_forward", "~"),
            ],
        )
        .gb2021(2023, &[("active", "normative_documents", "[1, 0, 0]")]);
    let (_, checks) = fixture.run();
    let found: Vec<(usize, Rule)> = checks
        .findings
        .iter()
        .map(|finding| (finding.report, finding.rule))
        .collect();
    assert_eq!(found, vec![(0, Rule::R4), (1, Rule::R6)]);
    assert_eq!(checks.findings_of(1).count(), 1);
    let result = &checks.of_report(0).rule(Rule::R4).checks[0].result;
    assert_eq!(result, &CheckResult::Failed(0));
    // Not checkable: R1 in 7 columns and R2 in one row of 2022, R5 in 7 columns of 2023, R7 in
    // both (no date).
    assert_eq!(
        checks.summary().to_string(),
        "checks: 2 findings (1 R4, 1 R6) in 2 of 2 reports; 17 checks not checkable"
    );
    let r6 = &checks.findings[1];
    assert_eq!(r6.own_cells().len(), 3);
    assert_eq!(
        r6.previous_cells(),
        Some((2022, vec!["active.normative_documents.in_force"]))
    );
}

// ---- the listings ----

#[test]
fn the_json_listing_written_as_it_is_made_is_the_document_printed_whole() {
    use super::listing::{JsonListing, json};
    use crate::diagnostic::{Diagnostic, Location};
    // A finding (section 五 missing), a check not checkable (no publication date) and an error.
    let body = BODY.replace("## 五、存在的主要问题及改进情况\n\n问题与改进。\n\n", "");
    let (archive, checks) = with_body(FormatId::Gb2021, &body).run();
    assert!(!checks.findings.is_empty());
    let places: Vec<ReportPlace> = archive.reports.iter().map(ReportPlace::of).collect();
    let errors = vec![Diagnostic::error(
        Location::file("content/a/2022.md"),
        "not a number",
    )];
    for (places, errors) in [(&places[..], &errors[..]), (&[][..], &[][..])] {
        let streamed = JsonListing {
            checks: &checks,
            reports: places,
            errors,
        };
        let whole = serde_json::to_string_pretty(&json(&checks, places, errors)).unwrap();
        assert_eq!(streamed.to_string(), whole);
    }
    assert!(
        JsonListing {
            checks: &checks,
            reports: &places,
            errors: &errors
        }
        .to_string()
        .contains("\"not_checkable\": [\n    {")
    );
}
