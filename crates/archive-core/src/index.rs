//! The archive cross-referenced: reports by year, agencies by region, the latest reports, each
//! report's neighbours. Computed once, in one pass over the model, before any page is drawn.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::model::Archive;

/// Positions into [`Archive`]'s sorted vectors.
#[derive(Debug, Default)]
pub struct Index {
    /// For each agency (by position), the range of its reports (oldest first).
    pub agency_reports: Vec<Range<usize>>,
    /// Reports of each year, by agency order.
    pub years: BTreeMap<u16, Vec<usize>>,
    /// Agencies placed directly in each region (key: region path; "" for agencies with none).
    pub region_agencies: HashMap<String, Vec<usize>>,
    /// Sub-regions of each region (key: region path; "" for the provinces).
    pub region_children: HashMap<String, Vec<usize>>,
    /// Agencies in each region or below it, counted.
    pub region_agency_counts: HashMap<String, usize>,
    /// Every report, newest first: by year, then by publication date (undated last).
    pub latest: Vec<usize>,
}

impl Index {
    /// Builds the index of an archive.
    pub fn build(archive: &Archive) -> Index {
        let mut index = Index::default();

        let mut start = 0;
        for agency in &archive.agencies {
            let reports = archive.agency_reports(&agency.id);
            let begin = reports
                .first()
                .map_or(start, |first| position(archive, first));
            index.agency_reports.push(begin..begin + reports.len());
            start = begin + reports.len();
        }

        for (at, report) in archive.reports.iter().enumerate() {
            index.years.entry(report.year).or_default().push(at);
        }

        for (at, region) in archive.regions.iter().enumerate() {
            index
                .region_children
                .entry(region.parent_path().unwrap_or("").to_owned())
                .or_default()
                .push(at);
        }
        for (at, agency) in archive.agencies.iter().enumerate() {
            index
                .region_agencies
                .entry(agency.region.clone())
                .or_default()
                .push(at);
            let mut path = agency.region.as_str();
            while !path.is_empty() {
                *index
                    .region_agency_counts
                    .entry(path.to_owned())
                    .or_default() += 1;
                path = path.rsplit_once('/').map_or("", |(parent, _)| parent);
            }
        }

        index.latest = (0..archive.reports.len()).collect();
        index.latest.sort_by(|&a, &b| {
            let (a, b) = (&archive.reports[a], &archive.reports[b]);
            (b.year, b.published)
                .cmp(&(a.year, a.published))
                .then_with(|| a.agency.cmp(&b.agency))
        });
        index
    }

    /// The reports of the agency at `agency` (a position in `archive.agencies`).
    pub fn reports_of(&self, agency: usize) -> Range<usize> {
        self.agency_reports[agency].clone()
    }

    /// The agency of a report, as a position.
    pub fn agency_of(&self, report: usize) -> usize {
        self.agency_reports
            .partition_point(|range| range.end <= report)
    }

    /// The same agency's report of the year before and after, if the archive has them.
    pub fn neighbours(&self, archive: &Archive, report: usize) -> (Option<usize>, Option<usize>) {
        let range = self.reports_of(self.agency_of(report));
        let previous = (report > range.start).then(|| report - 1);
        let next = (report + 1 < range.end).then(|| report + 1);
        let year = archive.reports[report].year;
        (
            previous.filter(|&at| archive.reports[at].year < year),
            next.filter(|&at| archive.reports[at].year > year),
        )
    }
}

fn position(archive: &Archive, report: &crate::model::Report) -> usize {
    archive.reports.partition_point(|other| {
        (other.agency.as_str(), other.year) < (report.agency.as_str(), report.year)
    })
}
