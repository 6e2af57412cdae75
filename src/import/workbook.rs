//! A filled template workbook (`archive new … --xlsx`) as a report: its values are the
//! person's own, read exactly, so nothing is left for a person and nothing is guessed; the
//! agency and year go through the same steps as any input's.

use std::path::Path;

use archive_core::diagnostic::Diagnostic;
use archive_core::messages::cli;
use archive_core::model::{Agency, Narrative, Report, SourceMap};
use archive_core::source::blank_narrative;

use super::document::Form;
use super::metadata::Metadata;
use super::parse::{ReadReport, report_year, resolve_agency};
use super::{ImportOptions, Outcome};

/// Reads a filled workbook as a report.
pub(super) fn read_report(
    input: &Path,
    bytes: &[u8],
    options: &ImportOptions,
    agencies: &[Agency],
    outcome: &mut Outcome,
) -> Result<ReadReport, Diagnostic> {
    let sheet = crate::workbook::read_workbook(input, bytes)?;
    let year = report_year(input, options.year, Some(sheet.year), &mut outcome.notes)?;
    // The workbook's 机关代码 stands for `--agency` unless that was given.
    let agency_options = ImportOptions {
        agency: options.agency.clone().or(sheet.agency.clone()),
        ..options.clone()
    };
    let metadata = Metadata {
        agency: sheet.agency_name.clone(),
        ..Metadata::default()
    };
    let (agency, new_agency) = resolve_agency(input, &agency_options, &metadata, agencies)?;
    let name = sheet.agency_name.clone().unwrap_or_else(|| agency.clone());
    let title = sheet.title.clone().unwrap_or_else(|| {
        outcome.notes.push(cli::workbook_no_title().into());
        format!("{name}{year}年政府信息公开工作年度报告")
    });
    if sheet.published.is_none() {
        outcome.notes.push(cli::workbook_no_published().into());
    }
    outcome.notes.push(cli::workbook_no_narrative().into());
    outcome.summary = Some(format!(
        "{name} {year}, {}, {}",
        sheet.format,
        cli::read_from_workbook()
    ));
    let report = Report {
        agency,
        year,
        format: sheet.format,
        title,
        published: sheet.published,
        issuer: sheet.issuer,
        source_url: sheet.source_url,
        original_file: None,
        notes: None,
        import_notes: None,
        originals: Vec::new(),
        cells: sheet.cells,
        body: Narrative::new(&blank_narrative(sheet.format)),
        source: SourceMap::default(),
    };
    Ok(ReadReport {
        report,
        new_agency,
        open_cells: Vec::new(),
        open_rows: Vec::new(),
        form: Form::Text,
    })
}
