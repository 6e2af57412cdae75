//! The comparison model without any HTML: changes, blanks, the 2020→2021 break, gaps, rates.

use super::*;
use crate::config::Deadlines;
use crate::model::AgencyKind;
use crate::testing::{TestArchive, TestReport};

/// The first agency's series.
fn series(archive: &Archive) -> AgencySeries {
    Comparison::new(archive, &Index::build(archive)).agency(0)
}

fn entries_of<'a>(series: &'a AgencySeries, key: &str) -> &'a [Entry] {
    &series
        .figure(rates::cell_id(key))
        .unwrap_or_else(|| panic!("no series {key}"))
        .entries
}

const RECEIVED: &str = "applications.received.total";

fn dec(text: &str) -> Decimal {
    Decimal::parse(text).unwrap()
}

#[test]
fn a_change_is_absolute_and_relative_to_the_year_before() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(TestReport::new("a", 2022, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(40))]))
        .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(50))]))
        .report(TestReport::new("a", 2024, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(45))]))
        .build();
    let entries = entries_of(&series(&archive), RECEIVED).to_vec();
    assert_eq!(
        entries[0].change,
        Change::None,
        "the first year has nothing before it"
    );
    assert_eq!(
        entries[1].change,
        Change::Delta {
            absolute: dec("10"),
            percent: Some(dec("25"))
        }
    );
    assert_eq!(
        entries[2].change,
        Change::Delta {
            absolute: dec("-5"),
            percent: Some(dec("-10"))
        }
    );
}

#[test]
fn a_change_from_zero_has_no_percentage() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(TestReport::new("a", 2022, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(0))]))
        .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(3))]))
        .build();
    let entries = entries_of(&series(&archive), RECEIVED).to_vec();
    assert_eq!(
        entries[1].change,
        Change::Delta {
            absolute: dec("3"),
            percent: None
        }
    );
}

#[test]
fn blanks_stay_blank_and_have_no_change() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(TestReport::new("a", 2021, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(7))]))
        .report(TestReport::new("a", 2022, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Blank)]))
        .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(9))]))
        .build();
    let entries = entries_of(&series(&archive), RECEIVED).to_vec();
    assert_eq!(entries[1].point, Point::Blank);
    assert_eq!(entries[1].change, Change::None);
    assert_eq!(entries[2].point, Point::Value(Cell::Count(9)));
    assert_eq!(
        entries[2].change,
        Change::None,
        "never against the year before the blank"
    );
}

#[test]
fn missing_years_are_gaps_not_zeros() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(TestReport::new("a", 2019, FormatId::Gb2019).cells(&[(RECEIVED, Cell::Count(7))]))
        .report(TestReport::new("a", 2022, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(9))]))
        .build();
    let index = Index::build(&archive);
    let comparison = Comparison::new(&archive, &index);
    let series = &comparison.agency(0);
    let years: Vec<(u16, bool)> = series
        .years
        .iter()
        .map(|column| (column.year, column.report.is_some()))
        .collect();
    assert_eq!(
        years,
        [(2019, true), (2020, false), (2021, false), (2022, true)]
    );
    let entries = entries_of(series, RECEIVED);
    assert_eq!(entries[1].point, Point::NoReport);
    assert_eq!(entries[2].point, Point::NoReport);
    assert_eq!(entries[3].change, Change::None, "no change across a gap");
    assert_eq!(archive.year_before(1), None);
    let rate = &series.rates[0].entries;
    assert_eq!(rate[1].outcome, None);
}

#[test]
fn the_format_change_breaks_table_two_but_not_the_decisions_or_tables_three_and_four() {
    let archive = TestArchive::new()
        .agency("pingtan", AgencyKind::Department, "")
        .report(TestReport::new("pingtan", 2020, FormatId::Gb2019).cells(&[
            ("active.licensing.decisions", Cell::Count(278)),
            ("active.rules.made", Cell::Count(0)),
            ("active.fees.previous_items", Cell::Count(35)),
            (RECEIVED, Cell::Count(21)),
            ("applications.other_handling.total", Cell::Count(4)),
            ("appeals.review.total", Cell::Count(0)),
        ]))
        .report(TestReport::new("pingtan", 2021, FormatId::Gb2021).cells(&[
            ("active.licensing.decisions", Cell::Count(2293)),
            ("active.rules.issued", Cell::Count(0)),
            ("active.fees.amount", Cell::Amount(dec("24252.311082"))),
            (RECEIVED, Cell::Count(70)),
            ("applications.other_other.total", Cell::Count(1)),
            ("appeals.review.total", Cell::Count(3)),
        ]))
        .build();
    let index = Index::build(&archive);
    let comparison = Comparison::new(&archive, &index);
    let series = &comparison.agency(0);
    assert!(series.format_changes_at(1));
    let change = |key: &str| entries_of(series, key)[1].change;
    assert_eq!(
        change("active.licensing.decisions"),
        Change::Delta {
            absolute: dec("2015"),
            // 2015 / 278 = 7.248201…: 724.82 %.
            percent: Some(dec("724.82"))
        }
    );
    assert!(matches!(change(RECEIVED), Change::Delta { absolute, .. } if absolute == dec("49")));
    assert!(matches!(
        change("appeals.review.total"),
        Change::Delta { .. }
    ));
    // Table 二's other figures: the new version's are a break, the old version's are not there.
    assert_eq!(change("active.rules.issued"), Change::Break);
    assert_eq!(change("active.fees.amount"), Change::Break);
    assert_eq!(
        entries_of(series, "active.rules.made")[1].point,
        Point::NotInFormat
    );
    assert_eq!(change("active.rules.made"), Change::None);
    // gb2019's single （六）其他处理 and gb2021's sub-rows count differently.
    assert_eq!(change("applications.other_other.total"), Change::Break);
    // The previous value and the change, as the report page shows them.
    let licensing = rates::cell_id("active.licensing.decisions");
    let (before, change) = comparison.previous(1, licensing).unwrap();
    assert_eq!(before, Point::Value(Cell::Count(278)));
    assert!(matches!(change, Change::Delta { .. }));
    let issued = rates::cell_id("active.rules.issued");
    assert_eq!(
        comparison.previous(1, issued),
        Some((Point::NotInFormat, Change::Break))
    );
    // The rates read only cells of both versions: they compare across the change.
    let disclosure = &series.rates[0];
    assert_eq!(disclosure.rate.key, "disclosure_rate");
}

#[test]
fn the_figures_are_those_of_the_versions_the_agency_used() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(TestReport::new("a", 2024, FormatId::Gb2021))
        .build();
    let series = &series(&archive);
    assert!(series.figure(rates::cell_id("active.rules.made")).is_none());
    assert!(
        series
            .figure(rates::cell_id("active.rules.issued"))
            .is_some()
    );
    // gb2021: 25 application rows of 7 columns, 3 + 3 + 1 + 1 + 1 + 1 active cells, 15 appeals.
    assert_eq!(series.figures.len(), 25 * 7 + 10 + 15);
}

#[test]
fn rows_of_both_versions_keep_their_template_places() {
    let rows = row_order(TableKey::Applications);
    let at = |key: &str| rows.iter().position(|row| *row == key).unwrap();
    assert_eq!(rows.len(), 26);
    assert_eq!(at("other_handling") + 1, at("other_no_correction"));
    assert_eq!(at("other_other") + 1, at("results_total"));
    assert_eq!(
        row_order(TableKey::Active),
        [
            "rules",
            "normative_documents",
            "licensing",
            "other_services",
            "penalty",
            "coercion",
            "fees",
            "procurement"
        ]
    );
}

#[test]
fn rate_changes_are_in_percentage_points_and_skip_zero_denominators() {
    let handled = |disclosed: u64, total: u64| {
        vec![
            ("applications.disclosed.total", Cell::Count(disclosed)),
            ("applications.results_total.total", Cell::Count(total)),
        ]
    };
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(TestReport::new("a", 2021, FormatId::Gb2021).cells(&handled(1, 4)))
        .report(TestReport::new("a", 2022, FormatId::Gb2021).cells(&handled(1, 2)))
        .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&handled(0, 0)))
        .report(TestReport::new("a", 2024, FormatId::Gb2021).cells(&handled(1, 1)))
        .build();
    let index = Index::build(&archive);
    let comparison = Comparison::new(&archive, &index);
    let series = comparison.agency(0);
    let rate = &series.rates[0].entries;
    assert_eq!(rate[0].change_points, None);
    assert_eq!(rate[1].change_points, Some(dec("25")));
    assert_eq!(
        rate[2].outcome,
        Some(RateOutcome::ZeroDenominator { numerator: 0 })
    );
    assert_eq!(rate[2].change_points, None);
    assert_eq!(
        rate[3].change_points, None,
        "not across a year without a rate"
    );
    // A report against the year before, as its page and data file compare it, is the agency's
    // series at those two years.
    for at in 1..archive.reports.len() {
        for (series, pair) in series.rates.iter().zip(comparison.report_rates(at)) {
            assert_eq!(pair.entries[1], series.entries[at]);
            assert_eq!(pair.entries[0].outcome, series.entries[at - 1].outcome);
        }
        for figure in &series.figures {
            let (before, change) = comparison.previous(at, figure.cell).unwrap();
            assert_eq!(before, figure.entries[at - 1].point);
            assert_eq!(change, figure.entries[at].change);
        }
    }
    assert_eq!(
        comparison.report_rates(0)[0].entries,
        rate[..1],
        "the first year has only its own rate"
    );
}

#[test]
fn the_year_table_adds_up_regions_and_leaves_blanks_out_of_sums() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "jiangsu/huaian")
        .agency("b", AgencyKind::Department, "jiangsu/huaian")
        .agency("c", AgencyKind::Department, "fujian")
        .report(TestReport::new("a", 2024, FormatId::Gb2021).cells(&[
            (RECEIVED, Cell::Count(10)),
            ("applications.disclosed.total", Cell::Count(3)),
            ("applications.results_total.total", Cell::Count(6)),
        ]))
        .report(TestReport::new("b", 2024, FormatId::Gb2021).cells(&[
            (RECEIVED, Cell::Blank),
            ("applications.disclosed.total", Cell::Count(1)),
            ("applications.results_total.total", Cell::Count(2)),
        ]))
        .report(TestReport::new("c", 2024, FormatId::Gb2021).cells(&[(RECEIVED, Cell::Count(5))]))
        .build();
    let index = Index::build(&archive);
    let checks = Checks::run(&archive, &Deadlines::default());
    let table = year_table(&archive, &index, &checks, 2024);
    let regions: Vec<&str> = table
        .regions
        .iter()
        .map(|group| group.region.as_str())
        .collect();
    assert_eq!(regions, ["fujian", "jiangsu/huaian"]);
    let huaian = &table.regions[1];
    assert_eq!(huaian.rows.len(), 2);
    assert_eq!(
        huaian.subtotal[0],
        Total {
            sum: 10,
            denominator: 0,
            counted: 1,
            blank: 1,
            // a's 新收申请 总计 10 is not the sum of its applicant columns (all 0): an R2 finding.
            contradicted: 1,
        }
    );
    // 公开率 of the region: (3 + 1) / (6 + 2).
    assert_eq!(huaian.subtotal[2].rate(), Some(0.5));
    assert_eq!(table.total[0].sum, 15);
    assert_eq!(table.total[0].blank, 1);
    // c handled nothing: its rate has a zero denominator, counted but adding nothing below.
    assert_eq!(table.total[2].rate(), Some(0.5));
    assert_eq!(
        table.regions[0].rows[0].values[2],
        FigureValue::Rate(RateOutcome::ZeroDenominator { numerator: 0 })
    );
}

#[test]
fn coverage_marks_missing_late_and_undated_years() {
    let late = TestReport::new("a", 2022, FormatId::Gb2021).published("2023-06-01");
    let on_time = TestReport::new("a", 2024, FormatId::Gb2021).published("2025-01-20");
    let undated = TestReport::new("b", 2023, FormatId::Gb2021);
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .agency("b", AgencyKind::Department, "")
        .report(late)
        .report(on_time)
        .report(undated)
        .build();
    let index = Index::build(&archive);
    let checks = Checks::run(&archive, &Deadlines::default());
    let (years, rows) = coverage(&archive, &index, &checks);
    assert_eq!(years, [2022, 2023, 2024]);
    assert_eq!(
        rows[0],
        [Coverage::Late(0), Coverage::Missing, Coverage::OnTime(1)]
    );
    assert_eq!(
        rows[1],
        [Coverage::Missing, Coverage::Undated(2), Coverage::Missing]
    );
}

#[test]
fn coverage_of_an_agency_of_unknown_kind_says_its_deadline_is_unknown() {
    let dated = TestReport::new("a", 2022, FormatId::Gb2021).published("2023-06-01");
    let undated = TestReport::new("a", 2023, FormatId::Gb2021);
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Unknown, "")
        .report(dated)
        .report(undated)
        .build();
    let index = Index::build(&archive);
    let checks = Checks::run(&archive, &Deadlines::default());
    let (_, rows) = coverage(&archive, &index, &checks);
    assert_eq!(
        rows[0],
        [Coverage::DeadlineUnknown(0), Coverage::Undated(1)]
    );
}

#[test]
fn the_year_table_counts_contradicted_totals_as_printed_and_says_how_many() {
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "jiangsu")
        .agency("b", AgencyKind::Department, "jiangsu")
        .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&[
            ("appeals.review.upheld", Cell::Count(10)),
            ("appeals.review.corrected", Cell::Count(1)),
            ("appeals.review.total", Cell::Count(0)),
        ]))
        .report(TestReport::new("b", 2023, FormatId::Gb2021).cells(&[
            ("appeals.review.upheld", Cell::Count(2)),
            ("appeals.review.total", Cell::Count(2)),
        ]))
        .build();
    let index = Index::build(&archive);
    let checks = Checks::run(&archive, &Deadlines::default());
    let table = year_table(&archive, &index, &checks, 2023);
    let reviews = KEY_FIGURES
        .iter()
        .position(|figure| figure.key == "reviews")
        .unwrap();
    let jiangsu = &table.regions[0];
    assert_eq!(jiangsu.rows[0].values[reviews], FigureValue::Sum(Ok(0)));
    let marked = jiangsu.rows[0].contradicted[reviews].as_ref().unwrap();
    assert_eq!(marked.parts, Some(11));
    assert_eq!(jiangsu.rows[1].contradicted[reviews], None);
    assert_eq!(
        jiangsu.subtotal[reviews].sum, 2,
        "the printed 0 is added, not 11"
    );
    assert_eq!(jiangsu.subtotal[reviews].contradicted, 1);
    assert_eq!(table.total[reviews].contradicted, 1);
}
