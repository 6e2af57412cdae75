//! Comparisons: every figure of every agency as a series over the years, each year's change
//! against the year before, the derived rates ([`rates`]), a year's key figures across agencies
//! and the archive's coverage. [`Comparison`] computes an agency's series, or a report against the
//! year before, from the model when a page or a data file asks: the same functions for pages,
//! charts and data files.
//!
//! A figure is one cell of the catalog (`table.row.column`). Two consecutive years compare when
//! both have a report and either both declare the same template version or the cell is one that
//! both versions have (the catalog's `formats`): across the 2020→2021 change that keeps tables 三
//! and 四 and the decisions of 行政许可, 行政处罚 and 行政强制, and makes every other figure of
//! table 二 a *break*. A year without a report is a gap, never 0; a blank cell stays blank and has
//! no change; a change is always against the year just before, never across a gap.

mod contradicted;
pub mod rates;

pub use contradicted::{ContradictedFigure, change_is_contradicted, contradicted_figure};

use crate::check::{Checks, Rule, RuleStatus};
use crate::decimal::Decimal;
use crate::format::{CellId, FormatId, Label, TableKey, catalog};
use crate::index::Index;
use crate::model::{Archive, Cell, Cells};

/// The digits after the point of the percentages and percentage points derived data give.
pub const PERCENT_SCALE: u8 = 2;
use rates::{RATES, RateDef, RateOutcome};

/// The comparisons of an archive, made from the model and the index when a page asks for them.
/// Nothing is held for the whole archive: every figure of every year of every agency, held at
/// once, was a third of a 100,000-report build's memory (docs/benchmarks.md), and each agency's
/// series is drawn on one page.
#[derive(Clone, Copy, Debug)]
pub struct Comparison<'a> {
    archive: &'a Archive,
    index: &'a Index,
}
/// An agency's figures over the years.
#[derive(Debug, Default, PartialEq)]
pub struct AgencySeries {
    /// Every year from the agency's first report to its last, oldest first, gaps included.
    pub years: Vec<YearColumn>,
    /// Every figure the agency's reports have or their template versions define, in table order.
    pub figures: Vec<Series>,
    /// Every derived rate.
    pub rates: Vec<RateSeries>,
    /// For each catalog cell (by index), its position in `figures`.
    by_cell: Vec<Option<usize>>,
}

/// One year of an agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearColumn {
    /// The year.
    pub year: u16,
    /// The report of that year (a position in `archive.reports`), if the archive has it.
    pub report: Option<usize>,
    /// The template version it declares.
    pub format: Option<FormatId>,
}

/// One figure of an agency over the years.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The cell.
    pub cell: CellId,
    /// One entry per year column.
    pub entries: Vec<Entry>,
}

/// A figure in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What the year holds.
    pub point: Point,
    /// How it changed from the year before.
    pub change: Change,
}

/// What a year holds of a figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Point {
    /// The archive has no report of that year: a gap, not 0.
    NoReport,
    /// The report has no such cell: its template version does not define it (or the source left
    /// the row out).
    NotInFormat,
    /// The report left the cell blank.
    Blank,
    /// The value printed.
    Value(Cell),
}

/// A year's change against the year just before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing to compare: the first year, a year after a gap, a blank on either side, text.
    None,
    /// The year before declared the other template version, which does not define this figure
    /// the same way: the figures do not compare.
    Break,
    /// Both years have a number.
    Delta {
        /// This year less the year before, exactly.
        absolute: Decimal,
        /// `absolute` over the year before's value, in percent to [`PERCENT_SCALE`] digits;
        /// none when that was 0.
        percent: Option<Decimal>,
    },
}

/// A derived rate of an agency over the years.
#[derive(Clone, Debug, PartialEq)]
pub struct RateSeries {
    /// The rate.
    pub rate: &'static RateDef,
    /// One entry per year column.
    pub entries: Vec<RateEntry>,
}

/// A rate in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct RateEntry {
    /// The rate as the year's report gives it; none when there is no report.
    pub outcome: Option<RateOutcome>,
    /// The change from the year before, in percentage points to [`PERCENT_SCALE`] digits,
    /// when both years have a rate.
    pub change_points: Option<Decimal>,
}

/// Whether a cell means the same in reports of versions `a` and `b`.
pub fn comparable(cell: CellId, a: FormatId, b: FormatId) -> bool {
    let formats = &catalog().cell(cell).formats;
    a == b || (formats.contains(&a) && formats.contains(&b))
}

/// The rows of a table in both versions, in the templates' order: gb2021's rows with gb2019's
/// own rows at their place (（六）其他处理 before gb2021's three sub-rows, 其他对外管理服务事项 after
/// 行政许可, 政府集中采购 last).
pub fn row_order(table: TableKey) -> Vec<&'static str> {
    let old: Vec<&'static str> = FormatId::Gb2019
        .template()
        .table(table)
        .rows()
        .map(|row| row.key)
        .collect();
    let new: Vec<&'static str> = FormatId::Gb2021
        .template()
        .table(table)
        .rows()
        .map(|row| row.key)
        .collect();
    let mut order = old.clone();
    for (at, key) in new.iter().enumerate() {
        if order.contains(key) {
            continue;
        }
        let mut position = match at.checked_sub(1) {
            Some(before) => order
                .iter()
                .position(|row| *row == new[before])
                .map_or(0, |p| p + 1),
            None => 0,
        };
        while position < order.len() && !new.contains(&order[position]) {
            position += 1;
        }
        order.insert(position, key);
    }
    order
}

/// Every cell in the order comparisons list them: by table, row (as [`row_order`]) and column.
pub fn figure_order() -> Vec<CellId> {
    let catalog = catalog();
    TableKey::ALL
        .into_iter()
        .flat_map(|table| {
            row_order(table)
                .into_iter()
                .flat_map(move |row| catalog.row_cells(table, row).iter().copied())
        })
        .collect()
}

impl<'a> Comparison<'a> {
    /// The comparisons of an archive.
    pub fn new(archive: &'a Archive, index: &'a Index) -> Comparison<'a> {
        Comparison { archive, index }
    }

    /// An agency's figures over the years (the agency at `agency` in `archive.agencies`).
    pub fn agency(&self, agency: usize) -> AgencySeries {
        agency_series(self.archive, self.index.reports_of(agency), &figure_order())
    }

    /// The report's year, after the year before when the agency reported it: the columns of its
    /// agency's series that its page and data compare.
    fn columns(&self, report: usize) -> Vec<YearColumn> {
        self.archive
            .year_before(report)
            .map(|before| self.column(before))
            .into_iter()
            .chain([self.column(report)])
            .collect()
    }

    /// The year column of the report at `at`.
    fn column(&self, at: usize) -> YearColumn {
        YearColumn {
            year: self.archive.reports[at].year,
            report: Some(at),
            format: Some(self.archive.reports[at].format),
        }
    }

    /// How a cell of the report at `report` compares with the agency's report of the year before:
    /// that year's point and the change; none when there is no such report.
    pub fn previous(&self, report: usize, cell: CellId) -> Option<(Point, Change)> {
        // As `entries` over the two columns, without its vectors: a report page asks this for
        // each of its 200-odd cells.
        let (old, new) = (
            self.column(self.archive.year_before(report)?),
            self.column(report),
        );
        let cell_of = |at: usize| self.archive.reports[at].cells.get(cell);
        let (before, now) = (point(&old, cell_of), point(&new, cell_of));
        let change = change(cell, (&old, &before), (&new, &now));
        Some((before, change))
    }

    /// Every derived rate of the report at `report`: each series' last entry is the report's,
    /// the one before it (when there are two) the year before's.
    pub fn report_rates(&self, report: usize) -> Vec<RateSeries> {
        let years = self.columns(report);
        rates_over(&years, |at| &self.archive.reports[at].cells)
    }
}

impl AgencySeries {
    /// The series of one figure, if the agency has it.
    pub fn figure(&self, cell: CellId) -> Option<&Series> {
        self.by_cell
            .get(cell.index())
            .copied()
            .flatten()
            .map(|at| &self.figures[at])
    }

    /// Whether the year at `column` declares another version than the year before (both reported).
    pub fn format_changes_at(&self, column: usize) -> bool {
        column
            .checked_sub(1)
            .and_then(|before| self.years[before].format.zip(self.years[column].format))
            .is_some_and(|(before, now)| before != now)
    }
}

/// The series of one agency, whose reports are at `reports` (oldest first).
fn agency_series(
    archive: &Archive,
    reports: std::ops::Range<usize>,
    order: &[CellId],
) -> AgencySeries {
    let list = &archive.reports[reports.clone()];
    let (Some(first), Some(last)) = (list.first(), list.last()) else {
        return AgencySeries::default();
    };
    let years: Vec<YearColumn> = (first.year..=last.year)
        .map(|year| {
            let report = reports.clone().find(|&at| archive.reports[at].year == year);
            YearColumn {
                year,
                report,
                format: report.map(|at| archive.reports[at].format),
            }
        })
        .collect();
    let catalog = catalog();
    let figures: Vec<Series> = order
        .iter()
        .copied()
        .filter(|&cell| {
            list.iter().any(|report| {
                report.cells.get(cell).is_present()
                    || catalog.cell(cell).formats.contains(&report.format)
            })
        })
        .map(|cell| Series {
            cell,
            entries: entries(&years, cell, |at| archive.reports[at].cells.get(cell)),
        })
        .collect();
    let rates = rates_over(&years, |at| &archive.reports[at].cells);
    let mut by_cell = vec![None; catalog.len()];
    for (at, series) in figures.iter().enumerate() {
        by_cell[series.cell.index()] = Some(at);
    }
    AgencySeries {
        years,
        figures,
        rates,
        by_cell,
    }
}

/// A figure's entries over the year columns; `cell_of(report)` is its cell in a report.
pub fn entries(years: &[YearColumn], cell: CellId, cell_of: impl Fn(usize) -> Cell) -> Vec<Entry> {
    let points: Vec<Point> = years.iter().map(|column| point(column, &cell_of)).collect();
    points
        .iter()
        .enumerate()
        .map(|(at, point)| Entry {
            point: point.clone(),
            change: at.checked_sub(1).map_or(Change::None, |before| {
                change(cell, (&years[before], &points[before]), (&years[at], point))
            }),
        })
        .collect()
}

/// A cell's point in one year's column.
fn point(column: &YearColumn, cell_of: impl Fn(usize) -> Cell) -> Point {
    match column.report {
        None => Point::NoReport,
        Some(at) => match cell_of(at) {
            Cell::Absent => Point::NotInFormat,
            Cell::Blank => Point::Blank,
            value => Point::Value(value),
        },
    }
}

fn change(
    cell: CellId,
    (old, before): (&YearColumn, &Point),
    (new, now): (&YearColumn, &Point),
) -> Change {
    let (Some(old_format), Some(new_format)) = (old.format, new.format) else {
        return Change::None;
    };
    if matches!(now, Point::NoReport | Point::NotInFormat) {
        return Change::None;
    }
    if !comparable(cell, old_format, new_format) {
        return Change::Break;
    }
    match (before, now) {
        (Point::Value(before), Point::Value(now)) => match (before.decimal(), now.decimal()) {
            (Some(before), Some(now)) => {
                now.checked_sub(before)
                    .map_or(Change::None, |absolute| Change::Delta {
                        absolute,
                        percent: now.percent_change(before, PERCENT_SCALE),
                    })
            }
            _ => Change::None,
        },
        _ => Change::None,
    }
}

/// Every rate over the year columns; `cells_of(report)` is a report's cells.
fn rates_over<'a>(
    years: &[YearColumn],
    cells_of: impl Fn(usize) -> &'a Cells + Copy,
) -> Vec<RateSeries> {
    RATES
        .iter()
        .map(|rate| RateSeries {
            rate,
            entries: rate_entries(years, cells_of, rate),
        })
        .collect()
}

fn rate_entries<'a>(
    years: &[YearColumn],
    cells_of: impl Fn(usize) -> &'a Cells,
    rate: &'static RateDef,
) -> Vec<RateEntry> {
    let outcomes: Vec<Option<RateOutcome>> = years
        .iter()
        .map(|column| column.report.map(|at| rate.compute(cells_of(at))))
        .collect();
    let inputs = rate.inputs();
    outcomes
        .iter()
        .enumerate()
        .map(|(at, outcome)| {
            let before = at.checked_sub(1).and_then(|before| {
                let formats = years[before].format.zip(years[at].format)?;
                inputs
                    .iter()
                    .all(|&cell| comparable(cell, formats.0, formats.1))
                    .then_some(outcomes[before].as_ref())
                    .flatten()
            });
            RateEntry {
                outcome: outcome.clone(),
                change_points: before
                    .zip(outcome.as_ref())
                    .and_then(|(before, now)| now.points_since(before)),
            }
        })
        .collect()
}

// ---- a year across agencies ----

/// What the year table shows of a figure.
#[derive(Debug, PartialEq, Eq)]
pub enum Measure {
    /// The sum of these cells (one cell for most).
    Sum(&'static [&'static str]),
    /// A derived rate (by key).
    Rate(&'static str),
}

/// A column of the year table.
#[derive(Debug, PartialEq, Eq)]
pub struct KeyFigure {
    /// The stable key (CSV-like, for class names and sorting).
    pub key: &'static str,
    /// The column's header.
    pub name: Label,
    /// How it is computed.
    pub measure: Measure,
}

const fn label(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

/// The year table's columns: the figures evaluators compare agencies by.
pub static KEY_FIGURES: [KeyFigure; 8] = [
    KeyFigure {
        key: "received",
        name: label("新收申请", "Applications received"),
        measure: Measure::Sum(&["applications.received.total"]),
    },
    KeyFigure {
        key: "handled",
        name: label("办理结果总计", "Applications handled"),
        measure: Measure::Sum(&["applications.results_total.total"]),
    },
    KeyFigure {
        key: "disclosure_rate",
        name: label("公开率", "Disclosure rate"),
        measure: Measure::Rate("disclosure_rate"),
    },
    KeyFigure {
        key: "reviews",
        name: label("行政复议", "Reviews"),
        measure: Measure::Sum(&["appeals.review.total"]),
    },
    KeyFigure {
        key: "lawsuits",
        name: label("行政诉讼", "Lawsuits"),
        measure: Measure::Sum(&[
            "appeals.lawsuit_direct.total",
            "appeals.lawsuit_after_review.total",
        ]),
    },
    KeyFigure {
        key: "licensing",
        name: label("行政许可决定", "Licensing decisions"),
        measure: Measure::Sum(&["active.licensing.decisions"]),
    },
    KeyFigure {
        key: "penalty",
        name: label("行政处罚决定", "Penalty decisions"),
        measure: Measure::Sum(&["active.penalty.decisions"]),
    },
    KeyFigure {
        key: "coercion",
        name: label("行政强制决定", "Coercion decisions"),
        measure: Measure::Sum(&["active.coercion.decisions"]),
    },
];

/// 结转下年度继续办理: applications still open at the year's end (ranked, not in the year table).
static CARRIED_FORWARD: KeyFigure = KeyFigure {
    key: "carried_forward",
    name: label("结转下年度", "Carried forward"),
    measure: Measure::Sum(&["applications.carried_forward.total"]),
};

/// 不予公开 share (a ranked measure; the rate is defined in [`rates`]).
static WITHHELD_RATE: KeyFigure = KeyFigure {
    key: "withheld_rate",
    name: label("不予公开率", "Withheld rate"),
    measure: Measure::Rate("withheld_rate"),
};

/// 行政复议纠错率 (a ranked measure; the rate is defined in [`rates`]).
static REVIEW_CORRECTION_RATE: KeyFigure = KeyFigure {
    key: "review_correction_rate",
    name: label("行政复议纠错率", "Review correction rate"),
    measure: Measure::Rate("review_correction_rate"),
};

/// 行政诉讼纠错率 (a ranked measure; the rate is defined in [`rates`]).
static LAWSUIT_CORRECTION_RATE: KeyFigure = KeyFigure {
    key: "lawsuit_correction_rate",
    name: label("行政诉讼纠错率", "Lawsuit correction rate"),
    measure: Measure::Rate("lawsuit_correction_rate"),
};

/// The measures agencies are ranked by and the report builder offers, in the order pages show
/// them: the year table's where it has them, so that each is defined once.
pub static RANKED_MEASURES: [&KeyFigure; 8] = [
    &KEY_FIGURES[0],
    &KEY_FIGURES[2],
    &WITHHELD_RATE,
    &CARRIED_FORWARD,
    &KEY_FIGURES[3],
    &REVIEW_CORRECTION_RATE,
    &KEY_FIGURES[4],
    &LAWSUIT_CORRECTION_RATE,
];

/// The ranked measure with this key.
pub fn ranked_measure(key: &str) -> Option<&'static KeyFigure> {
    RANKED_MEASURES
        .iter()
        .copied()
        .find(|figure| figure.key == key)
}

/// A key figure of one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FigureValue {
    /// A sum, or the cells that left it blank.
    Sum(Result<u64, Vec<CellId>>),
    /// A rate.
    Rate(RateOutcome),
}

impl KeyFigure {
    /// The cells it is computed from: a sum's terms, or a rate's inputs.
    pub fn cells(&self) -> Vec<CellId> {
        match &self.measure {
            Measure::Sum(keys) => keys.iter().map(|key| rates::cell_id(key)).collect(),
            Measure::Rate(key) => rates::rate(key)
                .unwrap_or_else(|| panic!("no rate `{key}`"))
                .inputs(),
        }
    }

    /// The figure on one report's values.
    pub fn value(&self, cells: &Cells) -> FigureValue {
        match &self.measure {
            Measure::Sum(keys) => FigureValue::Sum(rates::sum(cells, keys)),
            Measure::Rate(key) => FigureValue::Rate(
                rates::rate(key)
                    .unwrap_or_else(|| panic!("no rate `{key}`"))
                    .compute(cells),
            ),
        }
    }
}

/// A column of key figures added up over several reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Total {
    /// For sums: the sum of the known values. For rates: the sum of the known numerators.
    pub sum: u64,
    /// For rates: the sum of the known denominators.
    pub denominator: u64,
    /// Reports whose value is known (added in).
    pub counted: usize,
    /// Reports whose value is blank (left out of the sum).
    pub blank: usize,
    /// Printed totals their own rows contradict among the values added in: counted as
    /// printed, and said (docs/data.md).
    pub contradicted: usize,
}

impl Total {
    /// Adds one report's value: a known one into the sums (counting the contradicted totals it
    /// includes), a blank one counted apart.
    pub fn add(&mut self, value: &FigureValue, contradicted: Option<&ContradictedFigure>) {
        if let Some(figure) = contradicted
            && !matches!(
                value,
                FigureValue::Sum(Err(_)) | FigureValue::Rate(RateOutcome::Blank(_))
            )
        {
            self.contradicted += figure.totals.len();
        }
        match value {
            FigureValue::Sum(Ok(value)) => {
                self.sum += value;
                self.counted += 1;
            }
            FigureValue::Rate(RateOutcome::Value {
                numerator,
                denominator,
            }) => {
                self.sum += numerator;
                self.denominator += denominator;
                self.counted += 1;
            }
            FigureValue::Rate(RateOutcome::ZeroDenominator { numerator }) => {
                self.sum += numerator;
                self.counted += 1;
            }
            FigureValue::Sum(Err(_)) | FigureValue::Rate(RateOutcome::Blank(_)) => {
                self.blank += 1;
            }
        }
    }

    /// For a rate column: the rate of the totals, when the denominators add up to more than 0.
    pub fn rate(&self) -> Option<f64> {
        (self.denominator > 0).then(|| self.sum as f64 / self.denominator as f64)
    }
}

/// One agency's line of the year table.
#[derive(Debug, PartialEq)]
pub struct YearRow {
    /// The report (a position in `archive.reports`).
    pub report: usize,
    /// Its agency (a position in `archive.agencies`).
    pub agency: usize,
    /// One value per [`KEY_FIGURES`] column.
    pub values: Vec<FigureValue>,
    /// Per column, the printed totals its rows contradict that the value includes.
    pub contradicted: Vec<Option<ContradictedFigure>>,
}

/// The agencies of one region in the year table.
#[derive(Debug, PartialEq)]
pub struct RegionRows {
    /// The region's path ("" for agencies placed in none).
    pub region: String,
    /// One line per agency, by agency order.
    pub rows: Vec<YearRow>,
    /// The region's subtotal, per column.
    pub subtotal: Vec<Total>,
}

/// A year's key figures across agencies.
#[derive(Debug, PartialEq)]
pub struct YearTable {
    /// The year.
    pub year: u16,
    /// By region path.
    pub regions: Vec<RegionRows>,
    /// Every agency's, per column.
    pub total: Vec<Total>,
}

/// The year table of `year`: every report of the year, grouped by its agency's region. A
/// contradicted total is added in as printed and counted in its column's totals.
pub fn year_table(archive: &Archive, index: &Index, checks: &Checks, year: u16) -> YearTable {
    let mut regions: Vec<RegionRows> = Vec::new();
    let mut total = vec![Total::default(); KEY_FIGURES.len()];
    for &report in index.years.get(&year).into_iter().flatten() {
        let agency = index.agency_of(report);
        let region = &archive.agencies[agency].region;
        let values: Vec<FigureValue> = KEY_FIGURES
            .iter()
            .map(|figure| figure.value(&archive.reports[report].cells))
            .collect();
        let contradicted: Vec<Option<ContradictedFigure>> = KEY_FIGURES
            .iter()
            .map(|figure| {
                contradicted_figure(
                    checks,
                    report,
                    &archive.reports[report].cells,
                    &figure.cells(),
                )
            })
            .collect();
        let group = match regions.iter().position(|group| &group.region == region) {
            Some(at) => at,
            None => {
                regions.push(RegionRows {
                    region: region.clone(),
                    rows: Vec::new(),
                    subtotal: vec![Total::default(); KEY_FIGURES.len()],
                });
                regions.len() - 1
            }
        };
        for (at, value) in values.iter().enumerate() {
            regions[group].subtotal[at].add(value, contradicted[at].as_ref());
            total[at].add(value, contradicted[at].as_ref());
        }
        regions[group].rows.push(YearRow {
            report,
            agency,
            values,
            contradicted,
        });
    }
    regions.sort_by(|a, b| a.region.cmp(&b.region));
    YearTable {
        year,
        regions,
        total,
    }
}

// ---- coverage ----

/// Whether an agency's report of a year is in the archive, and whether it was on time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// No report of the year in the archive.
    Missing,
    /// Published by the deadline (R7 passed).
    OnTime(usize),
    /// Published after the deadline (an R7 finding).
    Late(usize),
    /// The report prints no date: whether it was late is unknown.
    Undated(usize),
    /// Dated, but its agency's kind, and so its deadline, is not known yet (`kind: unknown`).
    DeadlineUnknown(usize),
}

/// Each agency's coverage of every year from the archive's first to its last: `(years, rows)`,
/// one row per agency (by position), one entry per year.
pub fn coverage(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
) -> (Vec<u16>, Vec<Vec<Coverage>>) {
    let (Some(&first), Some(&last)) = (index.years.keys().next(), index.years.keys().next_back())
    else {
        return (Vec::new(), vec![Vec::new(); archive.agencies.len()]);
    };
    let years: Vec<u16> = (first..=last).collect();
    let rows = (0..archive.agencies.len())
        .map(|agency| {
            let reports = index.reports_of(agency);
            years
                .iter()
                .map(|&year| {
                    let Some(at) = reports.clone().find(|&at| archive.reports[at].year == year)
                    else {
                        return Coverage::Missing;
                    };
                    match checks.of_report(at).rule(Rule::R7).status() {
                        RuleStatus::Failed => Coverage::Late(at),
                        RuleStatus::NotCheckable if archive.reports[at].published.is_some() => {
                            Coverage::DeadlineUnknown(at)
                        }
                        RuleStatus::NotCheckable => Coverage::Undated(at),
                        RuleStatus::Passed | RuleStatus::NotApplicable => Coverage::OnTime(at),
                    }
                })
                .collect()
        })
        .collect();
    (years, rows)
}

#[cfg(test)]
mod tests;
