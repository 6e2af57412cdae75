//! `archive check` over a whole content folder, agency by agency: each folder's sources are read,
//! checked and dropped in turn, on both cores, and only the checks and where each report came
//! from are kept. A report's rules read nothing beyond its agency (its file, R7) and the agency's
//! report of the year before (R5, R6), so the findings are those of [`Checks::run_rules`] on the
//! whole archive, while memory no longer grows with every narrative and cell of it
//! (docs/benchmarks.md, 1,000,000 reports).

use std::path::{Path, PathBuf};

use super::{Checks, Finding, ReportChecks, check_report};
use crate::config::Deadlines;
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::model::{Agency, Archive, Report};

/// Where a checked report's source is: what the listings print beside its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportPlace {
    /// The agency's id.
    pub agency: String,
    /// The year the report covers.
    pub year: u16,
    /// The source file, relative to the site's root.
    pub file: PathBuf,
}

impl ReportPlace {
    /// Where `report` came from.
    pub fn of(report: &Report) -> ReportPlace {
        ReportPlace {
            agency: report.agency.clone(),
            year: report.year,
            file: report.source.file.clone(),
        }
    }
}

/// Every readable report of a content folder checked against the rules (without the narratives'
/// similarity, which is no finding).
#[derive(Debug)]
pub struct CheckedSources {
    /// Where each checked report came from, by agency, then year: `checks.reports[at]` is the
    /// report of `reports[at]`.
    pub reports: Vec<ReportPlace>,
    /// The checks of those reports.
    pub checks: Checks,
    /// Every problem of the sources, in file order, as `load::load` gives them.
    pub diagnostics: Vec<Diagnostic>,
}

/// One agency's reports checked: where each came from, and its checks and findings (numbered
/// from the agency's first report).
type AgencyChecks = (Vec<ReportPlace>, Vec<(ReportChecks, Vec<Finding>)>);

/// Reads and checks every report source under `root/content`, one agency folder at a time.
/// No load cache: `archive check` reads the sources themselves and writes nothing.
pub fn check_sources(root: &Path, deadlines: &Deadlines) -> CheckedSources {
    let no_cache = load::SourceCache::disabled();
    let loaded = load::load_by_agency(root, &no_cache, |agency, reports| {
        check_agency(agency, reports, deadlines)
    });
    let mut places: Vec<ReportPlace> = Vec::new();
    let mut checks = Checks::default();
    for (agency_places, results) in loaded.parts {
        let first = places.len();
        for (report, mut findings) in results {
            for finding in &mut findings {
                finding.report += first;
            }
            checks.push_report(report, findings);
        }
        places.extend(agency_places);
    }
    CheckedSources {
        reports: places,
        checks,
        diagnostics: loaded.diagnostics,
    }
}

/// Checks one agency's reports (sorted by year) as the rules see them in the whole archive.
fn check_agency(
    agency: Option<&Agency>,
    reports: Vec<Report>,
    deadlines: &Deadlines,
) -> AgencyChecks {
    let archive = Archive {
        agencies: agency.cloned().into_iter().collect(),
        regions: Vec::new(),
        reports,
    };
    let results = (0..archive.reports.len())
        .map(|at| check_report(&archive, deadlines, at, None))
        .collect();
    let places = archive.reports.iter().map(ReportPlace::of).collect();
    (places, results)
}
