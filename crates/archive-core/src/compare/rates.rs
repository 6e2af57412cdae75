//! Derived rates, defined once as data: each is a sum of cells over a sum of cells. Pages, charts,
//! the year table and the data files all compute them here, and the 数据下载 page documents them
//! from these same definitions.
//!
//! A rate needs every one of its inputs: a blank input (or a row the report does not have) gives no
//! rate, and neither does a zero denominator. A rate is never made up from a partial sum.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::decimal::Decimal;
use crate::format::{CellId, Label, catalog};
use crate::model::Cells;

/// A derived rate: `numerator / denominator`, each the sum of the named cells.
#[derive(Debug, PartialEq, Eq)]
pub struct RateDef {
    /// The stable key, used in JSON and page anchors (`disclosure_rate`).
    pub key: &'static str,
    /// The rate's name.
    pub name: Label,
    /// What it measures, in a sentence.
    pub description: Label,
    /// The cells added up above the line (full keys, `table.row.column`).
    pub numerator: &'static [&'static str],
    /// The cells added up below it.
    pub denominator: &'static [&'static str],
}

const fn label(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

/// Every derived rate, in the order pages show them.
pub static RATES: [RateDef; 5] = [
    RateDef {
        key: "disclosure_rate",
        name: label("公开率", "Disclosure rate"),
        description: label(
            "予以公开与部分公开的申请占本年度办理结果总数的比例",
            "Applications disclosed in full or in part, as a share of all applications handled this year",
        ),
        numerator: &[
            "applications.disclosed.total",
            "applications.partially_disclosed.total",
        ],
        denominator: &["applications.results_total.total"],
    },
    RateDef {
        key: "not_held_rate",
        name: label("信息不掌握率", "Not-held rate"),
        description: label(
            "因本机关不掌握相关政府信息而无法提供的申请占本年度办理结果总数的比例",
            "Applications answered “not held by this body”, as a share of all applications handled",
        ),
        numerator: &["applications.unavailable_not_held.total"],
        denominator: &["applications.results_total.total"],
    },
    RateDef {
        key: "withheld_rate",
        name: label("不予公开率", "Withheld rate"),
        description: label(
            "不予公开（八种情形合计）的申请占本年度办理结果总数的比例",
            "Applications withheld (all eight grounds together), as a share of all applications handled",
        ),
        numerator: &[
            "applications.withheld_state_secret.total",
            "applications.withheld_prohibited_by_law.total",
            "applications.withheld_security_stability.total",
            "applications.withheld_third_party.total",
            "applications.withheld_internal_affairs.total",
            "applications.withheld_process_info.total",
            "applications.withheld_enforcement_files.total",
            "applications.withheld_inquiry.total",
        ],
        denominator: &["applications.results_total.total"],
    },
    RateDef {
        key: "review_correction_rate",
        name: label("行政复议纠错率", "Review correction rate"),
        description: label(
            "行政复议结果纠正的件数占已审结件数（结果维持、结果纠正、其他结果之和）的比例",
            "Administrative reviews that corrected the decision, as a share of reviews concluded (upheld + corrected + other)",
        ),
        numerator: &["appeals.review.corrected"],
        denominator: &[
            "appeals.review.upheld",
            "appeals.review.corrected",
            "appeals.review.other",
        ],
    },
    RateDef {
        key: "lawsuit_correction_rate",
        name: label("行政诉讼纠错率", "Lawsuit correction rate"),
        description: label(
            "行政诉讼（未经复议直接起诉与复议后起诉）结果纠正的件数占已审结件数的比例",
            "Lawsuits (filed directly or after review) that corrected the decision, as a share of lawsuits concluded",
        ),
        numerator: &[
            "appeals.lawsuit_direct.corrected",
            "appeals.lawsuit_after_review.corrected",
        ],
        denominator: &[
            "appeals.lawsuit_direct.upheld",
            "appeals.lawsuit_direct.corrected",
            "appeals.lawsuit_direct.other",
            "appeals.lawsuit_after_review.upheld",
            "appeals.lawsuit_after_review.corrected",
            "appeals.lawsuit_after_review.other",
        ],
    },
];

/// The rate with this key.
pub fn rate(key: &str) -> Option<&'static RateDef> {
    RATES.iter().find(|rate| rate.key == key)
}

/// A rate as one report gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RateOutcome {
    /// Both sums are known and the denominator is not 0.
    Value {
        /// The sum above the line.
        numerator: u64,
        /// The sum below it (> 0).
        denominator: u64,
    },
    /// Both sums are known, and the denominator is 0: no rate.
    ZeroDenominator {
        /// The sum above the line.
        numerator: u64,
    },
    /// Some inputs are blank, or not in the report: no rate. These.
    Blank(Vec<CellId>),
}

/// The digits after the point of a rate written as a fraction (0.5072 for 50.72 %).
pub const FRACTION_SCALE: u8 = 4;

impl RateOutcome {
    /// The rate as a fraction rounded to [`FRACTION_SCALE`] digits, exactly, when there is one.
    pub fn fraction(&self) -> Option<Decimal> {
        match self {
            RateOutcome::Value {
                numerator,
                denominator,
            } => Decimal::ratio(
                i128::from(*numerator),
                i128::from(*denominator),
                FRACTION_SCALE,
            ),
            _ => None,
        }
    }

    /// This rate less `before`, in percentage points to [`super::PERCENT_SCALE`] digits, computed
    /// on the exact fractions: 100 × (n₁d₀ − n₀d₁) / (d₀d₁).
    pub fn points_since(&self, before: &RateOutcome) -> Option<Decimal> {
        let (
            RateOutcome::Value {
                numerator: n1,
                denominator: d1,
            },
            RateOutcome::Value {
                numerator: n0,
                denominator: d0,
            },
        ) = (self, before)
        else {
            return None;
        };
        let (n1, d1, n0, d0) = (
            i128::from(*n1),
            i128::from(*d1),
            i128::from(*n0),
            i128::from(*d0),
        );
        Decimal::ratio(100 * (n1 * d0 - n0 * d1), d0 * d1, super::PERCENT_SCALE)
    }

    /// The rate as a fraction (0.5 for half), when there is one.
    pub fn value(&self) -> Option<f64> {
        match self {
            RateOutcome::Value {
                numerator,
                denominator,
            } => Some(*numerator as f64 / *denominator as f64),
            _ => None,
        }
    }
}

impl RateDef {
    /// The rate on one report's values.
    pub fn compute(&self, cells: &Cells) -> RateOutcome {
        let numerator = sum(cells, self.numerator);
        let denominator = sum(cells, self.denominator);
        match (numerator, denominator) {
            (Ok(numerator), Ok(0)) => RateOutcome::ZeroDenominator { numerator },
            (Ok(numerator), Ok(denominator)) => RateOutcome::Value {
                numerator,
                denominator,
            },
            (numerator, denominator) => {
                let mut blanks = numerator.err().unwrap_or_default();
                for cell in denominator.err().unwrap_or_default() {
                    if !blanks.contains(&cell) {
                        blanks.push(cell);
                    }
                }
                RateOutcome::Blank(blanks)
            }
        }
    }

    /// Every input cell, numerator first, each once.
    pub fn inputs(&self) -> Vec<CellId> {
        let mut cells: Vec<CellId> = Vec::new();
        for key in self.numerator.iter().chain(self.denominator) {
            let cell = cell_id(key);
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
        cells
    }
}

/// The sum of the cells named by full keys, or the cells that are blank (or not in the report).
pub fn sum(cells: &Cells, keys: &[&str]) -> Result<u64, Vec<CellId>> {
    let mut total: u64 = 0;
    let mut blanks = Vec::new();
    for key in keys {
        let id = cell_id(key);
        match cells
            .get(id)
            .whole()
            .and_then(|value| u64::try_from(value).ok())
        {
            Some(value) => total = total.saturating_add(value),
            None => blanks.push(id),
        }
    }
    if blanks.is_empty() {
        Ok(total)
    } else {
        Err(blanks)
    }
}

/// The catalog id of a full key written in this module's definitions.
pub fn cell_id(key: &str) -> CellId {
    // Asked for every input of every rate of every report and agency page: the keys are
    // looked up in a map made once, not split and searched for in their rows each time.
    static BY_PATH: OnceLock<FxHashMap<&'static str, CellId>> = OnceLock::new();
    let by_path = BY_PATH.get_or_init(|| {
        let catalog = catalog();
        catalog
            .entries()
            .map(|(id, cell)| (cell.path(), id))
            .collect()
    });
    by_path
        .get(key)
        .copied()
        .unwrap_or_else(|| panic!("`{key}` names no cell of the catalog"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::FormatId;
    use crate::model::Cell;
    use crate::testing::TestReport;

    /// The cells of a gb2021 report with these values, every other value 0.
    fn cells(values: &[(&str, Cell)]) -> Cells {
        TestReport::new("a", 2024, FormatId::Gb2021)
            .cells(values)
            .read()
            .cells
    }

    #[test]
    fn every_input_is_a_whole_number_cell_of_both_versions() {
        for rate in &RATES {
            for id in rate.inputs() {
                let cell = catalog().cell(id);
                assert_eq!(cell.formats, FormatId::ALL, "{}: {}", rate.key, cell.path());
                assert_eq!(cell.kind, crate::format::ValueKind::Count);
            }
        }
    }

    #[test]
    fn a_rate_is_its_sums_divided() {
        let report = cells(&[
            ("applications.disclosed.total", Cell::Count(30)),
            ("applications.partially_disclosed.total", Cell::Count(5)),
            ("applications.results_total.total", Cell::Count(70)),
        ]);
        let outcome = rate("disclosure_rate").unwrap().compute(&report);
        assert_eq!(
            outcome,
            RateOutcome::Value {
                numerator: 35,
                denominator: 70
            }
        );
        assert_eq!(outcome.value(), Some(0.5));
    }

    #[test]
    fn a_zero_denominator_gives_no_rate() {
        let report = cells(&[
            ("appeals.review.upheld", Cell::Count(0)),
            ("appeals.review.corrected", Cell::Count(0)),
            ("appeals.review.other", Cell::Count(0)),
        ]);
        let outcome = rate("review_correction_rate").unwrap().compute(&report);
        assert_eq!(outcome, RateOutcome::ZeroDenominator { numerator: 0 });
        assert_eq!(outcome.value(), None);
    }

    #[test]
    fn a_blank_input_gives_no_rate_and_is_named() {
        let report = cells(&[
            ("applications.disclosed.total", Cell::Count(3)),
            ("applications.partially_disclosed.total", Cell::Blank),
            ("applications.results_total.total", Cell::Count(0)),
        ]);
        let outcome = rate("disclosure_rate").unwrap().compute(&report);
        assert_eq!(
            outcome,
            RateOutcome::Blank(vec![cell_id("applications.partially_disclosed.total")])
        );
        // A row the report does not have counts as blank too, never as 0.
        let outcome = rate("disclosure_rate").unwrap().compute(&Cells::default());
        assert!(matches!(outcome, RateOutcome::Blank(cells) if cells.len() == 3));
    }
}
