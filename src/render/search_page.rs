//! The search page's filters: every agency, year and region with its number of reports, as
//! the values the search index files them under (`search::build_index`).

use std::collections::HashMap;

use serde::Serialize;

use archive_core::index::Index;
use archive_core::model::Archive;

/// The choices of the search page's filters.
#[derive(Debug, Serialize)]
pub(super) struct SearchFilters {
    agencies: Vec<FilterOption>,
    years: Vec<FilterOption>,
    regions: Vec<FilterOption>,
}

/// One choice of a filter.
#[derive(Debug, Serialize)]
pub(super) struct FilterOption {
    /// The value the index files reports under: an agency's id, a year, a region's path.
    value: String,
    /// What the reader sees (a region indented by its depth).
    label: String,
    /// Reports with this value.
    count: usize,
    /// For regions, how deep in the tree (0 for a province), to indent the choice.
    depth: usize,
}

/// The filters' choices: agencies by name, years newest first, regions as a tree.
pub(super) fn filters(archive: &Archive, index: &Index) -> SearchFilters {
    let mut agencies: Vec<FilterOption> = archive
        .agencies
        .iter()
        .enumerate()
        .map(|(at, agency)| FilterOption {
            value: agency.id.clone(),
            label: agency.name.clone(),
            count: index.reports_of(at).len(),
            depth: 0,
        })
        .filter(|option| option.count > 0)
        .collect();
    agencies.sort_by(|a, b| a.label.cmp(&b.label));
    let years = index
        .years
        .iter()
        .rev()
        .map(|(year, reports)| FilterOption {
            value: year.to_string(),
            label: year.to_string(),
            count: reports.len(),
            depth: 0,
        })
        .collect();
    // Each report counts for its agency's region and every region above it.
    let mut per_region: HashMap<&str, usize> = HashMap::new();
    for at in 0..archive.reports.len() {
        let path = archive.agencies[index.agency_of(at)].region.as_str();
        for (end, _) in path.match_indices('/').chain([(path.len(), "")]) {
            *per_region.entry(&path[..end]).or_default() += 1;
        }
    }
    let regions = archive
        .regions
        .iter()
        .map(|region| FilterOption {
            value: region.path.clone(),
            label: format!(
                "{}{}",
                "\u{3000}".repeat(region.depth().saturating_sub(1)),
                region.name
            ),
            count: per_region.get(region.path.as_str()).copied().unwrap_or(0),
            depth: region.depth().saturating_sub(1),
        })
        .filter(|option| option.count > 0)
        .collect();
    SearchFilters {
        agencies,
        years,
        regions,
    }
}
