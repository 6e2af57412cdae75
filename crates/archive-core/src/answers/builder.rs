//! The report builder's data: small JSON files the builder page's script reads, split so that a
//! query downloads only what it shows — one file of agencies, regions, kinds, years and measures,
//! and one file per year and measure (docs/data.md gives the sizes at 100,000 reports).
//!
//! Values are whole numbers as printed, never floats: a rate is given as its numerator and
//! denominator, and the page divides. Positions refer to the lists of the index file.

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

/// The index file: the years with reports, the measures, every region (its path and its full
/// name), the agency kinds and every agency with a report as `[id, name, region, kind]`
/// (positions in `regions` and `kinds`; region `null` for an agency placed in none).
pub fn index_json(archive: &Archive, index: &Index) -> Value {
    let regions: Vec<Value> = archive
        .regions
        .iter()
        .map(|region| json!([region.path, full_name(archive, &region.path)]))
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

/// A region's name with the names of the regions above it (`江苏省 淮安市 洪泽区`).
fn full_name(archive: &Archive, path: &str) -> String {
    let mut names = Vec::new();
    let mut end = 0;
    for part in path.split('/') {
        end += part.len();
        if let Some(region) = archive.region(&path[..end]) {
            names.push(region.name.as_str());
        }
        end += 1;
    }
    names.join(" ")
}

/// One measure's values in one year, a line per reporting agency (by its position among the
/// index file's agencies): a count as `[agency, value]`, a rate as `[agency, numerator,
/// denominator]`, a blank as `null` in place of the numbers; a value read from a contradicted
/// total gets one more item — for a count what its rows give, for a rate `true`.
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
    let rows: Vec<Value> = index
        .years
        .get(&year)
        .into_iter()
        .flatten()
        .map(|&report| {
            let agency = position[index.agency_of(report)].expect("an agency that reported");
            row(agency, &MarkedValue::of(archive, checks, report, figure))
        })
        .collect();
    json!({ "year": year, "measure": figure.key, "rows": rows })
}

fn row(agency: usize, value: &MarkedValue) -> Value {
    let mut row = vec![json!(agency)];
    match &value.value {
        FigureValue::Sum(sum) => row.push(json!(sum.as_ref().ok())),
        FigureValue::Rate(RateOutcome::Value {
            numerator,
            denominator,
        }) => row.extend([json!(numerator), json!(denominator)]),
        FigureValue::Rate(RateOutcome::ZeroDenominator { numerator }) => {
            row.extend([json!(numerator), json!(0)]);
        }
        FigureValue::Rate(RateOutcome::Blank(_)) => row.extend([Value::Null, Value::Null]),
    }
    if !value.contradicted.is_empty() {
        row.push(match value.rows_give() {
            Some(parts) => json!(parts),
            None => json!(true),
        });
    }
    Value::Array(row)
}
