use super::*;
use crate::compare::ranked_measure;
use crate::format::FormatId;
use crate::model::Cell;
use crate::testing::{TestArchive, TestReport};

#[test]
fn a_region_holds_its_own_agencies_and_those_below_it() {
    assert!(in_region("jiangsu/huaian", "jiangsu"));
    assert!(in_region("jiangsu", "jiangsu"));
    assert!(!in_region("jiangsuxi", "jiangsu"));
    assert!(in_region("anything", ""));
}

#[test]
fn rates_rank_exactly_and_blank_values_are_not_ranked() {
    let third = FigureValue::Rate(RateOutcome::Value {
        numerator: 1,
        denominator: 3,
    });
    let a_bit_more = FigureValue::Rate(RateOutcome::Value {
        numerator: 333_334,
        denominator: 1_000_000,
    });
    assert_eq!(descending(&a_bit_more, &third), Ordering::Less);
    assert_eq!(descending(&third, &a_bit_more), Ordering::Greater);
    let blank = MarkedValue {
        value: FigureValue::Rate(RateOutcome::ZeroDenominator { numerator: 0 }),
        contradicted: None,
    };
    assert!(!blank.is_ranked());
}

#[test]
fn a_contradicted_total_is_kept_as_printed_and_its_rows_given_beside() {
    let report = TestReport::new("a", 2023, FormatId::Gb2021).cells(&[
        ("appeals.review.upheld", Cell::Count(10)),
        ("appeals.review.corrected", Cell::Count(1)),
        ("appeals.review.other", Cell::Count(0)),
        ("appeals.review.pending", Cell::Count(0)),
        ("appeals.review.total", Cell::Count(0)),
    ]);
    let archive = TestArchive::new()
        .agency("a", AgencyKind::Department, "")
        .report(report)
        .build();
    let checks = Checks::run(&archive, &Default::default());
    let reviews = ranked_measure("reviews").unwrap();
    let value = MarkedValue::of(&archive, &checks, 0, reviews);
    assert_eq!(value.value, FigureValue::Sum(Ok(0)));
    assert_eq!(value.rows_give(), Some(11));
    let rate = ranked_measure("review_correction_rate").unwrap();
    let value = MarkedValue::of(&archive, &checks, 0, rate);
    assert!(value.contradicted.is_none(), "the rate reads the rows only");
}
