//! 原文存档: a report's archived originals (a link to each copy with its size and SHA-256, the
//! agency's own address), and 原文已变更 — the cells and sections a later original changed — on
//! the report page and the 数据质量 page.

use serde::Serialize;

use super::checks::field_label;
use super::i18n::Words;
use crate::address::{original_url, report_url};
use archive_core::check::Field;
use archive_core::format::Language;
use archive_core::model::{Archive, Cell, Difference, Original, Report};

/// Draws the originals' views in the site's language.
pub(super) struct OriginalsViews {
    words: Words,
    base_path: String,
}

/// A report's 原文存档 part.
#[derive(Debug, Serialize)]
pub(super) struct ArchiveView {
    /// Oldest first; empty for a report typed in by hand (暂无原文存档).
    originals: Vec<OriginalView>,
    /// 原文已变更: the agency published another file after the first one was archived.
    changed: bool,
}

#[derive(Debug, Serialize)]
struct OriginalView {
    url: String,
    name: String,
    size: String,
    sha256: String,
    media_type: String,
    /// The agency's own address of it.
    published_at: Option<String>,
    retrieved: String,
    differences: Vec<DifferenceView>,
}

/// A cell or section where an original differs from the page's values.
#[derive(Debug, Serialize)]
pub(super) struct DifferenceView {
    what: String,
    /// The page's value (empty for a section).
    here: String,
    /// The original's value (empty for a section).
    original: String,
}

/// A report whose original changed, for the 数据质量 page.
#[derive(Debug, Serialize)]
pub(super) struct ChangedReportView {
    agency: String,
    year: u16,
    url: String,
    /// How many originals the archive keeps of it.
    originals: usize,
    /// What its latest original changed.
    differences: Vec<DifferenceView>,
}

impl OriginalsViews {
    pub(super) fn new(language: Language, base_path: &str) -> OriginalsViews {
        OriginalsViews {
            words: Words::new(language),
            base_path: base_path.to_owned(),
        }
    }

    /// The 原文存档 part of a report's page.
    pub(super) fn report(&self, report: &Report) -> ArchiveView {
        ArchiveView {
            originals: report
                .originals
                .iter()
                .map(|original| self.original(report, original))
                .collect(),
            changed: report.changed_after_publication(),
        }
    }

    fn original(&self, report: &Report, original: &Original) -> OriginalView {
        OriginalView {
            url: format!("{}{}", self.base_path, original_url(report, original)),
            name: original.name.clone(),
            size: self.words.fill(
                "bytes",
                &[
                    ("kb", &format!("{:.1}", original.size as f64 / 1024.0)),
                    ("bytes", &original.size.to_string()),
                ],
            ),
            sha256: original.sha256.clone(),
            media_type: original.media_type.clone(),
            published_at: original.url.clone(),
            retrieved: original
                .retrieved
                .strftime("%Y-%m-%d %H:%M UTC")
                .to_string(),
            differences: self.differences(report, &original.differences),
        }
    }

    fn differences(&self, report: &Report, differences: &[Difference]) -> Vec<DifferenceView> {
        differences
            .iter()
            .map(|difference| match difference {
                Difference::Cell {
                    id,
                    source,
                    original,
                } => DifferenceView {
                    what: field_label(Field::Cell(*id), report.format, &self.words),
                    here: self.value(source),
                    original: self.value(original),
                },
                Difference::Section { number } => DifferenceView {
                    what: self.words.fill(
                        "narrative_section",
                        &[("number", &self.words.section(*number))],
                    ),
                    here: String::new(),
                    original: String::new(),
                },
            })
            .collect()
    }

    fn value(&self, cell: &Cell) -> String {
        match cell {
            Cell::Absent | Cell::Blank => self.words.get("blank_cell").to_owned(),
            value => value.to_string(),
        }
    }

    /// Every report whose original changed, with what its latest original changed.
    pub(super) fn changed(&self, archive: &Archive) -> Vec<ChangedReportView> {
        archive
            .reports
            .iter()
            .filter(|report| report.changed_after_publication())
            .map(|report| ChangedReportView {
                agency: archive
                    .agency(&report.agency)
                    .map_or_else(|| report.agency.clone(), |agency| agency.name.clone()),
                year: report.year,
                url: format!("{}{}", self.base_path, report_url(report)),
                originals: report.originals.len(),
                differences: report.originals.last().map_or_else(Vec::new, |latest| {
                    self.differences(report, &latest.differences)
                }),
            })
            .collect()
    }
}
