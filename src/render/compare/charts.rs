//! The agency page's charts: requests received, the disclosure rate, reviews and lawsuits.

use super::CompareViews;
use crate::render::chart::{self, ChartKind, ChartSeries, ChartSpec, ChartValue};
use archive_core::compare::AgencySeries;
use archive_core::compare::rates;

impl CompareViews<'_> {
    pub(super) fn charts(&self, series: &AgencySeries, agency: &str) -> Vec<chart::Chart> {
        let years: Vec<u16> = series.years.iter().map(|year| year.year).collect();
        let sum_series = |name: &str, keys: &[&str]| ChartSeries {
            name: name.to_owned(),
            values: series
                .years
                .iter()
                .map(|year| match year.report {
                    None => ChartValue::Gap,
                    Some(at) => match rates::sum(&self.archive.reports[at].cells, keys) {
                        Ok(value) => ChartValue::Value(value as f64),
                        Err(_) => ChartValue::Blank,
                    },
                })
                .collect(),
        };
        let spec = |id: &str, title: &str, kind, percent, series| ChartSpec {
            id: id.to_owned(),
            title: format!("{agency} · {title}"),
            kind,
            percent,
            years: years.clone(),
            series,
            gap_word: self.words.get("no_report_short").to_owned(),
            blank_word: self.words.get("blank_short").to_owned(),
            year_word: self.words.get("year_word").to_owned(),
            separators: [
                "chart_name_separator",
                "chart_year_separator",
                "chart_series_separator",
            ]
            .map(|key| self.words.get(key).to_owned()),
        };
        let disclosure = series
            .rates
            .iter()
            .find(|rate| rate.rate.key == "disclosure_rate")
            .map(|rate| ChartSeries {
                name: self.words.label(rate.rate.name).to_owned(),
                values: rate
                    .entries
                    .iter()
                    .map(|entry| match &entry.outcome {
                        None => ChartValue::Gap,
                        Some(outcome) => {
                            outcome.value().map_or(ChartValue::Blank, ChartValue::Value)
                        }
                    })
                    .collect(),
            });
        let mut charts = vec![chart::draw(&spec(
            "chart-received",
            self.words.get("chart_received"),
            ChartKind::Bars,
            false,
            vec![sum_series(
                self.words.get("chart_received"),
                &["applications.received.total"],
            )],
        ))];
        if let Some(disclosure) = disclosure {
            charts.push(chart::draw(&spec(
                "chart-disclosure",
                self.words.get("chart_disclosure"),
                ChartKind::Line,
                true,
                vec![disclosure],
            )));
        }
        charts.push(chart::draw(&spec(
            "chart-appeals",
            self.words.get("chart_appeals"),
            ChartKind::Bars,
            false,
            vec![
                sum_series(self.words.get("series_reviews"), &["appeals.review.total"]),
                sum_series(
                    self.words.get("series_lawsuits"),
                    &[
                        "appeals.lawsuit_direct.total",
                        "appeals.lawsuit_after_review.total",
                    ],
                ),
            ],
        )));
        charts
    }
}
