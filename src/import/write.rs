//! Writing a report read by import: its source (and a new agency's file), checked by the loader
//! before it is written and read back after.

use std::fs;
use std::path::Path;

use super::{ImportOptions, Outcome, Parsed};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::catalog;
use archive_core::load::{AGENCY_FILE, SourceFile};
use archive_core::model::{AgencyKind, Cell, Report};
use archive_core::source::render_source;

/// Writes a report (and a new agency's file), then reads the source back with the loader.
pub(super) fn write(root: &Path, parsed: Parsed, options: &ImportOptions) -> Outcome {
    let Parsed {
        mut outcome,
        mut report,
        new_agency,
        ..
    } = parsed;
    blank_missing_rows(&mut report);
    let relative = Path::new("content")
        .join(&report.agency)
        .join(format!("{}.md", report.year));
    outcome.target = Some(relative.clone());
    let source = render_source(&report);
    let target = root.join(&relative);
    if target.exists() && !options.force {
        return outcome.fail(
            Diagnostic::error(Location::file(&relative), "the report source already exists")
                .with_help("pass --force to replace it (after checking what it holds), or --dry-run to see what would be written"),
        );
    }
    // Whatever is written must load: the importer's output is checked by the loader itself.
    let this_year = archive_core::load::current_year();
    if let Err(errors) =
        archive_core::load::read_report_text(&relative, &source, &report.agency, this_year)
    {
        outcome
            .diagnostics
            .extend(errors.into_iter().map(does_not_load));
        outcome.imported = false;
        return outcome;
    }
    if options.dry_run {
        outcome.preview = Some(source);
        outcome.imported = true;
        if let Some((name, kind)) = &new_agency {
            outcome.notes.push(format!(
                "would create the agency {} ({name}, kind {} guessed from its name)",
                report.agency,
                kind.key()
            ));
        }
        return outcome;
    }
    let folder = root.join("content").join(&report.agency);
    if let Err(error) = fs::create_dir_all(&folder) {
        outcome.io_failure = true;
        return outcome.fail(Diagnostic::error(
            Location::file(folder),
            format!("cannot create the folder: {error}"),
        ));
    }
    if let Some((name, kind)) = &new_agency
        && let Err(diagnostic) =
            write_agency_file(&folder, &report.agency, name, *kind, &mut outcome)
    {
        outcome.io_failure = true;
        return outcome.fail(diagnostic);
    }
    if let Err(error) = fs::write(&target, &source) {
        outcome.io_failure = true;
        return outcome.fail(Diagnostic::error(
            Location::file(&relative),
            format!("cannot write the file: {error}"),
        ));
    }
    read_back(root, &relative, &report, this_year, &mut outcome);
    outcome
}

/// Rows of the declared template that the published tables lacked become blank rows, for a
/// person to fill in — except where the other version's row stands in their place (gb2019's
/// single （六）其他处理 in a gb2021 report).
fn blank_missing_rows(report: &mut Report) {
    let catalog = catalog();
    let template = report.format.template();
    let other = report.format.other().template();
    for table in &template.tables {
        for row in table.rows() {
            if report.cells.has_row(table.key, row.key) {
                continue;
            }
            let slot_taken = row.slot.is_some_and(|slot| {
                other.table(table.key).rows().any(|alternative| {
                    alternative.slot == Some(slot)
                        && report.cells.has_row(table.key, alternative.key)
                })
            });
            if slot_taken {
                continue;
            }
            for column in row.columns {
                let id = catalog
                    .find(table.key, row.key, column.key)
                    .expect("catalogued");
                report.cells.set(id, Cell::Blank);
            }
        }
    }
}

/// A new agency's file, with its guessed kind, unless the folder has one already.
fn write_agency_file(
    folder: &Path,
    agency: &str,
    name: &str,
    kind: AgencyKind,
    outcome: &mut Outcome,
) -> Result<(), Diagnostic> {
    let agency_file = folder.join(AGENCY_FILE);
    if agency_file.exists() {
        return Ok(());
    }
    let text = format!(
        "name: {name}\n# Guessed from the name by archive import: check it, and add `region:`.\nkind: {}\n",
        kind.key()
    );
    fs::write(&agency_file, text).map_err(|error| {
        Diagnostic::error(
            Location::file(&agency_file),
            format!("cannot write the file: {error}"),
        )
    })?;
    let relative = Path::new("content").join(agency).join(AGENCY_FILE);
    outcome.notes.push(format!(
        "new agency {agency}: {name}, kind {} guessed from its name; add its region to {}",
        kind.key(),
        relative.display()
    ));
    outcome.new_agency = Some(relative);
    Ok(())
}

/// Reads the source written back with the loader: imported when it holds every value placed.
fn read_back(root: &Path, relative: &Path, report: &Report, this_year: u16, outcome: &mut Outcome) {
    let read_back = archive_core::load::read_source(
        root,
        &SourceFile {
            path: relative.to_path_buf(),
            agency: report.agency.clone(),
            year: report.year,
        },
        this_year,
    );
    match read_back {
        Ok(loaded) if same_values(&loaded, report) => outcome.imported = true,
        Ok(_) => outcome.diagnostics.push(
            Diagnostic::error(
                Location::file(relative),
                "bug: the source written reads back with other values",
            )
            .with_help("report this with the input file"),
        ),
        Err(errors) => outcome
            .diagnostics
            .extend(errors.into_iter().map(does_not_load)),
    }
}

/// A loader's error about a source import made: import's bug, not the input's.
fn does_not_load(error: Diagnostic) -> Diagnostic {
    Diagnostic {
        message: format!("bug: the imported source does not load: {}", error.message),
        ..error
    }
}

/// Whether a source read back holds every value the importer placed.
fn same_values(loaded: &Report, report: &Report) -> bool {
    catalog().entries().all(|(id, _)| {
        let placed = report.cells.get(id);
        !placed.is_present() || loaded.cells.get(id) == placed
    })
}
