//! Answers across agencies: each year's rankings of agencies by the measures readers ask about
//! ([`RANKED_MEASURES`]), each region's totals over the years, and the files that serve them —
//! the report builder's compact data ([`builder`]) and the dataset catalog and data dictionary
//! ([`catalog`]).
//!
//! A printed total that its own rows contradict (`Checks::contradicted_total`) is ranked and added
//! up as printed, never replaced, and every value read from one is marked with what the rows give
//! (docs/data.md). A rate over a blank input or a zero denominator is not ranked: it is listed
//! apart.

pub mod agency_csv;
pub mod builder;
pub mod catalog;
pub mod rankings_csv;

use std::cmp::Ordering;

use crate::check::Checks;
use crate::compare::rates::RateOutcome;
use crate::compare::{
    ContradictedFigure, FigureValue, KeyFigure, RANKED_MEASURES, Total, contradicted_figure,
};
use crate::index::Index;
use crate::model::{Agency, AgencyKind, Archive};

/// A ranked measure of one report, with the printed totals among its inputs that the report's
/// own rows contradict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkedValue {
    /// The value, as printed (a rate from the printed cells).
    pub value: FigureValue,
    /// The contradicted totals it was read from; empty for a value its rows confirm or that no
    /// check could test.
    pub contradicted: Option<ContradictedFigure>,
}

impl MarkedValue {
    /// The measure `figure` of the report at `report`, marked.
    pub fn of(archive: &Archive, checks: &Checks, report: usize, figure: &KeyFigure) -> Self {
        let cells = &archive.reports[report].cells;
        MarkedValue {
            value: figure.value(cells),
            contradicted: contradicted_figure(checks, report, cells, &figure.cells()),
        }
    }

    /// Whether it is ranked: a known sum, or a rate over a denominator above 0.
    pub fn is_ranked(&self) -> bool {
        matches!(
            self.value,
            FigureValue::Sum(Ok(_)) | FigureValue::Rate(RateOutcome::Value { .. })
        )
    }

    /// A sum as its rows give it: the printed value with each contradicted total replaced by
    /// its parts' sum; none for a rate, a blank sum or an uncontradicted one.
    pub fn rows_give(&self) -> Option<i128> {
        match self.value {
            FigureValue::Sum(Ok(_)) => self.contradicted.as_ref()?.parts,
            _ => None,
        }
    }
}

/// The highest first, exactly: rates are compared by cross-multiplying, never as floats.
fn descending(a: &FigureValue, b: &FigureValue) -> Ordering {
    match (a, b) {
        (FigureValue::Sum(Ok(a)), FigureValue::Sum(Ok(b))) => b.cmp(a),
        (
            FigureValue::Rate(RateOutcome::Value {
                numerator: a_top,
                denominator: a_bottom,
            }),
            FigureValue::Rate(RateOutcome::Value {
                numerator: b_top,
                denominator: b_bottom,
            }),
        ) => (u128::from(*b_top) * u128::from(*a_bottom))
            .cmp(&(u128::from(*a_top) * u128::from(*b_bottom))),
        _ => Ordering::Equal,
    }
}

/// Which agencies a ranking or a total covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope<'a> {
    /// Every agency.
    All,
    /// The agencies of a region (a region path) and of the regions below it.
    Region(&'a str),
    /// The agencies of one kind.
    Kind(AgencyKind),
}

impl Scope<'_> {
    /// Whether the scope holds the agency.
    pub fn holds(&self, agency: &Agency) -> bool {
        match self {
            Scope::All => true,
            Scope::Region(path) => in_region(&agency.region, path),
            Scope::Kind(kind) => agency.kind == *kind,
        }
    }
}

/// Whether the region at `region` is `path` or below it (every region is below "").
pub fn in_region(region: &str, path: &str) -> bool {
    path.is_empty()
        || region
            .strip_prefix(path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One agency's line of a ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankedRow {
    /// The report (a position in `archive.reports`).
    pub report: usize,
    /// Its agency (a position in `archive.agencies`).
    pub agency: usize,
    /// Its value, marked.
    pub value: MarkedValue,
}

/// A year's agencies ranked by one measure.
#[derive(Debug, PartialEq, Eq)]
pub struct Ranking {
    /// The measure.
    pub figure: &'static KeyFigure,
    /// The ranked values, highest first (ties in agency order).
    pub ranked: Vec<RankedRow>,
    /// The reports whose value is blank or a rate over 0, in agency order: not ranked.
    pub unranked: Vec<RankedRow>,
}

impl Ranking {
    /// Ranked values read from a contradicted total.
    pub fn contradicted(&self) -> usize {
        self.ranked
            .iter()
            .filter(|row| row.value.contradicted.is_some())
            .count()
    }
}

/// The year's rankings of the agencies in `scope`, one per [`RANKED_MEASURES`] measure.
pub fn rankings(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    year: u16,
    scope: Scope<'_>,
) -> Vec<Ranking> {
    let reports: Vec<(usize, usize)> = index
        .years
        .get(&year)
        .into_iter()
        .flatten()
        .map(|&report| (report, index.agency_of(report)))
        .filter(|&(_, agency)| scope.holds(&archive.agencies[agency]))
        .collect();
    RANKED_MEASURES
        .iter()
        .map(|&figure| {
            let (mut ranked, unranked): (Vec<RankedRow>, Vec<RankedRow>) = reports
                .iter()
                .map(|&(report, agency)| RankedRow {
                    report,
                    agency,
                    value: MarkedValue::of(archive, checks, report, figure),
                })
                .partition(|row| row.value.is_ranked());
            // A stable sort keeps ties in agency order.
            ranked.sort_by(|a, b| descending(&a.value.value, &b.value.value));
            Ranking {
                figure,
                ranked,
                unranked,
            }
        })
        .collect()
}

/// A region's totals of one year.
#[derive(Debug, PartialEq, Eq)]
pub struct RegionYear {
    /// The year.
    pub year: u16,
    /// The region's reports of the year (one per agency that reported).
    pub reports: usize,
    /// One total per [`RANKED_MEASURES`] measure: printed values added up, blanks left out and
    /// counted; a rate's total is its numerators over its denominators.
    pub totals: Vec<Total>,
}

/// A region's totals over the years.
#[derive(Debug, PartialEq, Eq)]
pub struct RegionTotals {
    /// Every year with a report of the region, oldest first.
    pub years: Vec<RegionYear>,
    /// The reports they cover.
    pub reports: usize,
    /// The agencies those reports are of.
    pub agencies: usize,
}

/// The agencies of the region at `path` and below it (positions in `archive.agencies`), from the
/// index's tree rather than a scan of every agency.
pub fn agencies_under(archive: &Archive, index: &Index, path: &str) -> Vec<usize> {
    let mut agencies = Vec::new();
    let mut pending = vec![path.to_owned()];
    while let Some(region) = pending.pop() {
        agencies.extend(index.region_agencies.get(&region).into_iter().flatten());
        pending.extend(
            index
                .region_children
                .get(&region)
                .into_iter()
                .flatten()
                .map(|&child| archive.regions[child].path.clone()),
        );
    }
    agencies.sort_unstable();
    agencies
}

/// The totals of the region at `path` (and the regions below it) for every year it reported.
pub fn region_totals(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    path: &str,
) -> RegionTotals {
    let agencies = agencies_under(archive, index, path);
    let mut years: std::collections::BTreeMap<u16, RegionYear> = Default::default();
    let mut reporting = 0;
    for &agency in &agencies {
        let reports = index.reports_of(agency);
        reporting += usize::from(!reports.is_empty());
        for report in reports {
            let year = archive.reports[report].year;
            let entry = years.entry(year).or_insert_with(|| RegionYear {
                year,
                reports: 0,
                totals: vec![Total::default(); RANKED_MEASURES.len()],
            });
            entry.reports += 1;
            for (at, figure) in RANKED_MEASURES.iter().enumerate() {
                let value = MarkedValue::of(archive, checks, report, figure);
                entry.totals[at].add(&value.value, value.contradicted.as_ref());
            }
        }
    }
    let years: Vec<RegionYear> = years.into_values().collect();
    RegionTotals {
        reports: years.iter().map(|year| year.reports).sum(),
        agencies: reporting,
        years,
    }
}

#[cfg(test)]
mod tests;
