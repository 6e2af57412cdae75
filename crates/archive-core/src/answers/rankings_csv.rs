//! A year's full rankings as CSV (`data/rankings/<year>.csv`): every report of the year, one a
//! line, with every ranked measure; the ranking pages show the top and bottom of each.

use super::MarkedValue;
use crate::check::Checks;
use crate::compare::rates::RateOutcome;
use crate::compare::{FigureValue, Measure, RANKED_MEASURES};
use crate::export::{agency_fields, csv_writer};
use crate::index::Index;
use crate::model::Archive;

/// The path below the site's root of a year's rankings CSV.
pub fn rankings_csv_path(year: u16) -> String {
    format!("data/rankings/{year}.csv")
}

/// The columns that start every line; each measure's columns follow ([`measure_columns`]).
pub const RANKINGS_COLUMNS: [&str; 5] = ["agency_id", "agency", "region", "kind", "year"];

/// A measure's columns: a count's value and what its rows give when it is a contradicted total;
/// a rate's percentage, numerator, denominator and `1` when it was read from a contradicted
/// total.
pub fn measure_columns(key: &str, measure: &Measure) -> Vec<String> {
    let suffixes: &[&str] = match measure {
        Measure::Sum(_) => &["", "_rows_give"],
        Measure::Rate(_) => &["_percent", "_numerator", "_denominator", "_contradicted"],
    };
    suffixes
        .iter()
        .map(|suffix| format!("{key}{suffix}"))
        .collect()
}

/// A rate as a percentage with two decimals, rounded half up in whole numbers (no float noise).
pub fn percent_text(numerator: u64, denominator: u64) -> String {
    let hundredths =
        (u128::from(numerator) * 20_000 + u128::from(denominator)) / (2 * u128::from(denominator));
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn fields(value: &MarkedValue) -> Vec<String> {
    let text = |number: &u64| number.to_string();
    match &value.value {
        FigureValue::Sum(sum) => vec![
            sum.as_ref().map(text).unwrap_or_default(),
            value
                .rows_give()
                .map(|sum| sum.to_string())
                .unwrap_or_default(),
        ],
        FigureValue::Rate(outcome) => {
            let (percent, numerator, denominator) = match outcome {
                RateOutcome::Value {
                    numerator,
                    denominator,
                } => (
                    percent_text(*numerator, *denominator),
                    text(numerator),
                    text(denominator),
                ),
                RateOutcome::ZeroDenominator { numerator } => {
                    (String::new(), text(numerator), "0".to_owned())
                }
                RateOutcome::Blank(_) => Default::default(),
            };
            let flag = if value.contradicted.is_none() {
                ""
            } else {
                "1"
            };
            vec![percent, numerator, denominator, flag.to_owned()]
        }
    }
}

/// Writes the year's rankings CSV: every report of the year in agency order.
pub fn write_rankings_csv(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    year: u16,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut writer = csv_writer(out)?;
    let mut header: Vec<String> = RANKINGS_COLUMNS.iter().map(|&c| c.to_owned()).collect();
    for figure in RANKED_MEASURES {
        header.extend(measure_columns(figure.key, &figure.measure));
    }
    writer.write_record(&header)?;
    for &at in index.years.get(&year).into_iter().flatten() {
        let report = &archive.reports[at];
        let (name, region) = agency_fields(archive, report);
        let kind = archive.agencies[index.agency_of(at)].kind.key();
        let mut line: Vec<String> = vec![
            report.agency.clone(),
            name.into_owned(),
            region.into_owned(),
            kind.to_owned(),
            year.to_string(),
        ];
        for figure in RANKED_MEASURES {
            line.extend(fields(&MarkedValue::of(archive, checks, at, figure)));
        }
        writer.write_record(&line)?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::percent_text;

    #[test]
    fn percentages_are_rounded_half_up_in_whole_numbers() {
        assert_eq!(percent_text(1, 3), "33.33");
        assert_eq!(percent_text(2, 3), "66.67");
        assert_eq!(percent_text(1, 8), "12.50");
        assert_eq!(percent_text(1, 80_000), "0.00");
        assert_eq!(percent_text(1, 20_000), "0.01");
        assert_eq!(percent_text(7, 7), "100.00");
    }
}
