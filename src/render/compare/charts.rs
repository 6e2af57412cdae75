//! The agency page's charts: requests received, the disclosure rate, reviews and lawsuits.

use super::CompareViews;
use crate::render::chart::{self, ChartKind, ChartSeries, ChartSpec, ChartValue};
use archive_core::compare::rates::{self, RateOutcome};
use archive_core::compare::{AgencySeries, contradicted_figure};
use archive_core::format::CellId;

impl CompareViews<'_> {
    /// The charts, when the archive holds two reports of the agency or more: one report's
    /// figures are drawn better by the tables than as single points.
    pub(super) fn charts(&self, series: &AgencySeries, agency: &str) -> Vec<chart::Chart> {
        if series
            .years
            .iter()
            .filter(|year| year.report.is_some())
            .count()
            < 2
        {
            return Vec::new();
        }
        let years: Vec<u16> = series.years.iter().map(|year| year.year).collect();
        let received = ChartSpec {
            series: vec![self.summed(series, "chart_received", &["applications.received.total"])],
            ..self.bar_chart(agency, &years, "chart-received", "chart_received")
        };
        let disclosure = self.disclosure(series).map(|disclosure| ChartSpec {
            kind: ChartKind::Line,
            percent: true,
            series: vec![disclosure],
            ..self.bar_chart(agency, &years, "chart-disclosure", "chart_disclosure")
        });
        let appeals = ChartSpec {
            series: vec![
                self.summed(series, "series_reviews", &["appeals.review.total"]),
                self.summed(
                    series,
                    "series_lawsuits",
                    &[
                        "appeals.lawsuit_direct.total",
                        "appeals.lawsuit_after_review.total",
                    ],
                ),
            ],
            ..self.bar_chart(agency, &years, "chart-appeals", "chart_appeals")
        };
        std::iter::once(received)
            .chain(disclosure)
            .chain([appeals])
            .map(|spec| chart::draw(&spec))
            .collect()
    }

    /// A bar chart of no series yet, titled with the agency's name and the word at `title`.
    fn bar_chart(&self, agency: &str, years: &[u16], id: &str, title: &str) -> ChartSpec {
        ChartSpec {
            id: id.to_owned(),
            title: format!("{agency} · {}", self.words.get(title)),
            kind: ChartKind::Bars,
            percent: false,
            years: years.to_vec(),
            series: Vec::new(),
            gap_word: self.words.get("no_report_short").to_owned(),
            blank_word: self.words.get("blank_short").to_owned(),
            incalculable_word: self.words.get("incalculable_short").to_owned(),
            year_word: self.words.get("year_word").to_owned(),
            separators: [
                "chart_name_separator",
                "chart_year_separator",
                "chart_series_separator",
            ]
            .map(|key| self.words.get(key).to_owned()),
        }
    }

    /// The sum of the cells at `keys` in each year's report, named by the word at `name`.
    /// A year's value that includes a printed total its rows contradict is drawn as printed,
    /// marked with the parts' sum.
    fn summed(&self, series: &AgencySeries, name: &str, keys: &[&str]) -> ChartSeries {
        let cells: Vec<CellId> = keys.iter().map(|key| rates::cell_id(key)).collect();
        ChartSeries {
            name: self.words.get(name).to_owned(),
            marks: series
                .years
                .iter()
                .map(|year| {
                    let at = year.report?;
                    let values = &self.archive.reports[at].cells;
                    let figure = contradicted_figure(self.checks, at, values, &cells)?;
                    let parts = figure
                        .parts
                        .map_or_else(|| "?".to_owned(), |parts| parts.to_string());
                    Some(self.words.fill("contradicted_mark", &[("parts", &parts)]))
                })
                .collect(),
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
        }
    }

    /// The disclosure rate of each year, if the comparison has it.
    fn disclosure(&self, series: &AgencySeries) -> Option<ChartSeries> {
        let rate = series
            .rates
            .iter()
            .find(|rate| rate.rate.key == "disclosure_rate")?;
        let inputs = rate.rate.inputs();
        Some(ChartSeries {
            name: self.words.label(rate.rate.name).to_owned(),
            // A rate over a printed total its rows contradict is drawn as computed, and marked.
            marks: series
                .years
                .iter()
                .map(|year| {
                    let at = year.report?;
                    inputs
                        .iter()
                        .any(|&input| self.checks.contradicted_total(at, input).is_some())
                        .then(|| self.words.get("contradicted_rate_mark").to_owned())
                })
                .collect(),
            values: rate
                .entries
                .iter()
                .map(|entry| match &entry.outcome {
                    None => ChartValue::Gap,
                    Some(RateOutcome::ZeroDenominator { .. }) => ChartValue::Incalculable,
                    Some(outcome) => outcome.value().map_or(ChartValue::Blank, ChartValue::Value),
                })
                .collect(),
        })
    }
}
