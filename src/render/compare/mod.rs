//! The comparisons as pages show them: the agency page's tables over the years, its rates and
//! charts (`agency`, `table`, `charts`); the report page's last-year values (`report`); the
//! year page's table of key figures (`year`); the coverage grid (`coverage`); the 数据下载 page
//! (`data_page`). Every number and sentence is made here from the [`Comparison`], in the site's
//! language (the words are `i18n`'s); templates only print.

mod agency;
mod charts;
mod coverage;
mod data_page;
mod report;
mod table;
mod year;

use serde::Serialize;

use super::chart;
use super::i18n::Words;
use archive_core::check::Checks;
use archive_core::compare::rates::{RateDef, RateOutcome};
use archive_core::compare::{Change, Comparison, ContradictedFigure};
use archive_core::decimal::Decimal;
use archive_core::format::{FormatId, Language, RowDef, without_note};
use archive_core::index::Index;
use archive_core::model::Archive;

/// Builds the comparison views in one language.
pub(super) struct CompareViews<'a> {
    archive: &'a Archive,
    checks: &'a Checks,
    index: &'a Index,
    comparison: Comparison<'a>,
    words: Words,
    base_path: String,
}

/// One cell of a comparison table.
#[derive(Debug, Serialize, PartialEq)]
pub(in crate::render) struct CompareCell {
    /// `value`, `blank`, `gap` (no report) or `absent` (not in the version): a class name.
    state: &'static str,
    text: String,
    /// A second line: a rate's inputs.
    detail: Option<String>,
    /// What a mark (—) stands for, for screen readers.
    hidden: Option<&'static str>,
    change: Option<ChangeView>,
    /// The template version changes at this year (a class on the cell).
    break_before: bool,
}

/// A change, ready to print.
#[derive(Debug, Serialize, PartialEq)]
pub(in crate::render) struct ChangeView {
    /// `up`, `down`, `same` or `break`: a class name.
    class: &'static str,
    text: String,
    percent: Option<String>,
}

impl<'a> CompareViews<'a> {
    pub(super) fn new(
        archive: &'a Archive,
        index: &'a Index,
        checks: &'a Checks,
        language: Language,
        base_path: &str,
    ) -> CompareViews<'a> {
        CompareViews {
            archive,
            checks,
            index,
            comparison: Comparison::new(archive, index),
            words: Words::new(language),
            base_path: base_path.to_owned(),
        }
    }

    pub(super) fn report_url(&self, at: usize) -> String {
        format!(
            "{}{}",
            self.base_path,
            crate::address::report_url(&self.archive.reports[at])
        )
    }

    pub(super) fn rates_url(&self) -> String {
        format!("{}data/#rates", self.base_path)
    }

    pub(super) fn rate_url(&self, rate: &RateDef) -> String {
        format!("{}data/#rate-{}", self.base_path, rate.key)
    }

    pub(super) fn format_name(&self, format: FormatId) -> &'static str {
        match format {
            FormatId::Gb2019 => self.words.get("format_gb2019"),
            FormatId::Gb2021 => self.words.get("format_gb2021"),
        }
    }

    pub(super) fn change_view(&self, change: Change) -> Option<ChangeView> {
        match change {
            Change::None => None,
            Change::Break => Some(ChangeView {
                class: "break",
                text: self.words.get("format_break").to_owned(),
                percent: None,
            }),
            Change::Delta { absolute, percent } => Some(ChangeView {
                class: direction(absolute),
                text: signed(absolute),
                percent: percent.map(|percent| format!("{}%", signed_rounded(percent, 1))),
            }),
        }
    }

    /// A value that is, or includes, a printed total its rows contradict, with what the rows
    /// add up to beside it: "0（分项合计 11）". The printed value is kept (docs/data.md).
    pub(super) fn contradicted_text(&self, printed: &str, parts: Option<i128>) -> String {
        match parts {
            Some(parts) => self.words.fill(
                "parts_sum",
                &[("value", printed), ("parts", &parts.to_string())],
            ),
            None => printed.to_owned(),
        }
    }

    /// A value cell marked as a contradicted total's: the parts' sum beside the printed value,
    /// and the words 与分项不符 (a text, not only a colour).
    pub(super) fn mark_contradicted(&self, cell: &mut CompareCell, figure: &ContradictedFigure) {
        cell.text = self.contradicted_text(&cell.text, figure.parts);
        cell.state = "contradicted";
        let flag = self.words.get("contradicted");
        cell.detail = Some(match cell.detail.take() {
            Some(detail) => format!("{detail} {flag}"),
            None => flag.to_owned(),
        });
    }

    /// A change from or to a contradicted total: marked, never a plain change.
    pub(super) fn mark_contradicted_change(&self, change: &mut ChangeView) {
        change.text = self
            .words
            .fill("contradicted_change", &[("change", &change.text)]);
    }

    /// Marks a rate of the report at `now` whose inputs include a printed total its rows
    /// contradict (the rate uses it as printed), and its change when either year's does.
    pub(super) fn mark_rate(
        &self,
        cell: &mut CompareCell,
        rate: &RateDef,
        before: Option<usize>,
        now: Option<usize>,
    ) {
        let inputs = rate.inputs();
        let contradicted = |at: usize| {
            inputs
                .iter()
                .any(|&input| self.checks.contradicted_total(at, input).is_some())
        };
        if now.is_some_and(contradicted) && cell.state == "value" {
            cell.state = "contradicted";
            let flag = self.words.get("contradicted_input");
            cell.detail = Some(match cell.detail.take() {
                Some(detail) => format!("{detail} {flag}"),
                None => flag.to_owned(),
            });
        }
        if let Some(change) = cell.change.as_mut()
            && [before, now].into_iter().flatten().any(contradicted)
        {
            self.mark_contradicted_change(change);
        }
    }

    /// A rate's change from last year, in percentage points.
    pub(super) fn points_change(&self, points: Decimal) -> ChangeView {
        ChangeView {
            class: direction(points),
            text: self
                .words
                .fill("points", &[("value", &signed_rounded(points, 1))]),
            percent: None,
        }
    }

    pub(super) fn rate_cell(&self, outcome: Option<&RateOutcome>) -> CompareCell {
        let (state, text, detail) = match outcome {
            None => ("gap", self.words.get("no_report_short").to_owned(), None),
            Some(RateOutcome::Value {
                numerator,
                denominator,
            }) => (
                "value",
                chart::number(*numerator as f64 / *denominator as f64, true),
                Some(format!("{numerator}/{denominator}")),
            ),
            Some(RateOutcome::ZeroDenominator { numerator }) => (
                "blank",
                self.words.get("rate_zero").to_owned(),
                Some(format!("{numerator}/0")),
            ),
            Some(RateOutcome::Blank(_)) => ("blank", self.words.get("rate_blank").to_owned(), None),
        };
        CompareCell {
            state,
            text,
            detail,
            hidden: None,
            change: None,
            break_before: false,
        }
    }
}

/// A row's label for comparisons: its groups below 三、本年度办理结果 and its own label, short.
fn row_text(row: &RowDef, language: Language) -> String {
    let skip = usize::from(
        row.groups
            .first()
            .is_some_and(|group| group.zh.starts_with("三、")),
    );
    row.groups[skip.min(row.groups.len())..]
        .iter()
        .chain([&row.label])
        .map(|label| without_note(label.get(language)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn direction(value: Decimal) -> &'static str {
    match value.signum() {
        1 => "up",
        -1 => "down",
        _ => "same",
    }
}

/// A change with its sign: `+5`, `−3`, `0`; exactly the decimals the values have.
fn signed(value: Decimal) -> String {
    sign(value, value.abs().to_string())
}

/// A change rounded to `decimals` (`+140.0`), with its sign; `0` when it rounds to nothing.
fn signed_rounded(value: Decimal, decimals: u8) -> String {
    let rounded = value.rounded(decimals).unwrap_or(value);
    if rounded.signum() == 0 {
        return "0".to_owned();
    }
    sign(rounded, rounded.abs().to_string())
}

fn sign(value: Decimal, text: String) -> String {
    match value.signum() {
        1 => format!("+{text}"),
        -1 => format!("−{text}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use archive_core::format::TableKey;

    #[test]
    fn changes_carry_their_sign_and_only_the_decimals_they_have() {
        let d = |text: &str| Decimal::parse(text).unwrap();
        assert_eq!(signed(d("49")), "+49");
        assert_eq!(signed(d("-18")), "−18");
        assert_eq!(signed(d("0")), "0");
        assert_eq!(signed(d("16707.311082")), "+16707.311082");
        assert_eq!(signed_rounded(d("233.33"), 1), "+233.3");
        assert_eq!(signed_rounded(d("-0.01"), 1), "0");
        assert_eq!(signed_rounded(d("25.00"), 1), "+25.0");
    }

    #[test]
    fn rows_are_named_below_the_results_heading() {
        let row = FormatId::Gb2021
            .template()
            .row(TableKey::Applications, "withheld_state_secret")
            .unwrap();
        assert_eq!(
            row_text(row, Language::Zh),
            "（三）不予公开 · 1.属于国家秘密"
        );
        let row = FormatId::Gb2021
            .template()
            .row(TableKey::Appeals, "lawsuit_direct")
            .unwrap();
        assert_eq!(row_text(row, Language::Zh), "行政诉讼 · 未经复议直接起诉");
    }
}
