//! The report builder's data: small JSON files the builder page's script reads, split so that a
//! query downloads only what it shows — one file of agencies, regions, kinds, years and measures,
//! and one file per year and measure (docs/data.md gives the sizes at 100,000 reports).
//!
//! Values are whole numbers as printed, never floats: a rate is given as its numerator and
//! denominator, and the page divides. Positions refer to the lists of the index file. Lists are
//! parallel arrays and the agencies' positions are deltas, so that a file of 14,000 agencies'
//! values of a year is under 100 KB (docs/data.md has the figures at 100,000 reports).

use serde_json::{Value, json};

use super::MarkedValue;
use crate::check::Checks;
use crate::compare::rates::RateOutcome;
use crate::compare::{FigureValue, KeyFigure, Measure, RANKED_MEASURES};
use crate::index::Index;
use crate::model::{AgencyKind, Archive};

/// The index file's path below the site's root.
pub const BUILDER_INDEX_PATH: &str = "data/builder/index.json";

/// The path below the site's root of the values of one measure in one year.
pub fn values_path(year: u16, measure: &str) -> String {
    format!("data/builder/{year}/{measure}.json")
}

/// The index file: the years with reports, the measures, every region as `[id, name, parent]`
/// (its parent's position, `null` for a province; the page makes paths and full names), the
/// agency kinds as `[key, zh, en]` and every agency with a report as `[id, name, region, kind]`
/// (positions in `regions` and `kinds`; region `null` for an agency placed in none).
pub fn index_json(archive: &Archive, index: &Index) -> Value {
    let regions: Vec<Value> = archive
        .regions
        .iter()
        .map(|region| {
            let id = region.path.rsplit('/').next().unwrap_or(&region.path);
            let parent = region.parent_path().and_then(|parent| {
                archive
                    .regions
                    .binary_search_by(|known| known.path.as_str().cmp(parent))
                    .ok()
            });
            json!([id, region.name, parent])
        })
        .collect();
    let kinds: Vec<Value> = AgencyKind::ALL
        .iter()
        .map(|kind| json!([kind.key(), kind.label().zh, kind.label().en]))
        .collect();
    let agencies: Vec<Value> = archive
        .agencies
        .iter()
        .enumerate()
        .filter(|&(at, _)| !index.reports_of(at).is_empty())
        .map(|(_, agency)| {
            let region = archive
                .regions
                .binary_search_by(|known| known.path.as_str().cmp(&agency.region))
                .ok();
            let kind = AgencyKind::ALL.iter().position(|&kind| kind == agency.kind);
            json!([agency.id, agency.name, region, kind])
        })
        .collect();
    let measures: Vec<Value> = RANKED_MEASURES
        .iter()
        .map(|figure| {
            json!({
                "key": figure.key,
                "zh": figure.name.zh,
                "en": figure.name.en,
                "kind": match figure.measure {
                    Measure::Sum(_) => "count",
                    Measure::Rate(_) => "rate",
                },
            })
        })
        .collect();
    json!({
        "years": index.years.keys().collect::<Vec<_>>(),
        "measures": measures,
        "regions": regions,
        "kinds": kinds,
        "agencies": agencies,
    })
}

/// One measure's values in one year, one entry per reporting agency in parallel arrays:
/// `agencies` (positions among the index file's agencies, each as its difference from the one
/// before), then a count's `values`, or a rate's `numerators` and `denominators` (`null` for a
/// blank; a rate over 0 has denominator `0`), and `contradicted`: `[entry, what the rows give]`
/// for a count read from a contradicted total, `[entry, true]` for a rate computed from one.
pub fn values_json(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    year: u16,
    figure: &KeyFigure,
) -> Value {
    let mut position = vec![None; archive.agencies.len()];
    let mut listed = 0usize;
    for (at, slot) in position.iter_mut().enumerate() {
        if !index.reports_of(at).is_empty() {
            *slot = Some(listed);
            listed += 1;
        }
    }
    let mut columns = Columns::default();
    let mut previous = 0;
    for &report in index.years.get(&year).into_iter().flatten() {
        let agency = position[index.agency_of(report)].expect("an agency that reported");
        columns.agencies.push(json!(agency - previous));
        previous = agency;
        columns.push(&MarkedValue::of(archive, checks, report, figure));
    }
    let mut file = json!({ "year": year, "measure": figure.key, "agencies": columns.agencies });
    match figure.measure {
        Measure::Sum(_) => file["values"] = json!(columns.numerators),
        Measure::Rate(_) => {
            file["numerators"] = json!(columns.numerators);
            file["denominators"] = json!(columns.denominators);
        }
    }
    file["contradicted"] = json!(columns.contradicted);
    file
}

/// The parallel arrays of a values file.
#[derive(Default)]
struct Columns {
    agencies: Vec<Value>,
    numerators: Vec<Value>,
    denominators: Vec<Value>,
    contradicted: Vec<Value>,
}

impl Columns {
    fn push(&mut self, value: &MarkedValue) {
        let entry = self.numerators.len();
        let (numerator, denominator) = match &value.value {
            FigureValue::Sum(sum) => (json!(sum.as_ref().ok()), Value::Null),
            FigureValue::Rate(RateOutcome::Value {
                numerator,
                denominator,
            }) => (json!(numerator), json!(denominator)),
            FigureValue::Rate(RateOutcome::ZeroDenominator { numerator }) => {
                (json!(numerator), json!(0))
            }
            FigureValue::Rate(RateOutcome::Blank(_)) => (Value::Null, Value::Null),
        };
        self.numerators.push(numerator);
        self.denominators.push(denominator);
        if value.contradicted.is_some() {
            self.contradicted.push(match value.rows_give() {
                Some(parts) => json!([entry, parts]),
                None => json!([entry, true]),
            });
        }
    }
}
