//! Writing what import read: each report's source, checked by the loader before it is written
//! and read back after, and the files of the agencies the run created.

use std::fs;
use std::path::Path;

use super::agency::{NewAgency, RegionMatch};
use super::{ImportOptions, Outcome, Parsed, new_agency_note};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::catalog;
use archive_core::load::{AGENCY_FILE, SourceFile};
use archive_core::model::{AgencyKind, Cell, Report};
use archive_core::source::render_source;
use archive_core::source::yaml_text;

/// Writes a report, then reads the source back with the loader.
pub(super) fn write(root: &Path, parsed: Parsed, options: &ImportOptions) -> Outcome {
    let Parsed {
        mut outcome,
        mut report,
        open_cells,
        ..
    } = parsed;
    outcome.report = Some((report.agency.clone(), report.year));
    outcome.open_cells = open_cells
        .iter()
        .map(|&id| catalog().cell(id).path())
        .collect();
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

/// Writes the file of each agency the run created that has a report written (with `--dry-run`,
/// says what it would write), and tells it on the agency's first report.
pub(super) fn write_agencies(
    root: &Path,
    created: &[NewAgency],
    options: &ImportOptions,
    outcomes: &mut [Outcome],
) {
    for agency in created {
        let Some(first) = outcomes.iter_mut().find(|outcome| {
            outcome.imported
                && outcome
                    .report
                    .as_ref()
                    .is_some_and(|(id, _)| *id == agency.id)
        }) else {
            continue;
        };
        let verb = if options.dry_run {
            "would create: "
        } else {
            ""
        };
        let note = format!("{verb}{}", new_agency_note(agency));
        first.notes.push(note.clone());
        first.agency_note = Some(note);
        if options.dry_run {
            continue;
        }
        let relative = Path::new("content").join(&agency.id).join(AGENCY_FILE);
        match write_agency_file(&root.join(&relative), agency) {
            Ok(true) => first.new_agency = Some(relative),
            Ok(false) => {}
            Err(error) => {
                first.io_failure = true;
                first.diagnostics.push(Diagnostic::error(
                    Location::file(&relative),
                    format!("cannot write the file: {error}"),
                ));
            }
        }
    }
}

/// A new agency's file, unless one is there already (made by hand since the run began): whether
/// it was written.
fn write_agency_file(path: &Path, agency: &NewAgency) -> std::io::Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    fs::write(path, agency_file_text(agency))?;
    Ok(true)
}

/// An agency file: what archive import found in the agency's names, and comments on what a
/// person should check.
fn agency_file_text(agency: &NewAgency) -> String {
    let mut text = format!("name: {}\n", yaml_text(&agency.name));
    if !agency.aliases.is_empty() {
        text.push_str("aliases:\n");
        for alias in &agency.aliases {
            text.push_str(&format!("  - {}\n", yaml_text(alias)));
        }
    }
    if agency.kind == AgencyKind::Unknown {
        text.push_str("# archive import could not tell the kind from the name: set it (people_government,\n# department, development_zone, township or other) so that R7 can be checked.\n");
    } else {
        text.push_str("# Told by archive import from the name: check it.\n");
    }
    text.push_str(&format!("kind: {}\n", agency.kind.key()));
    match &agency.region {
        RegionMatch::Found { path, .. } => text.push_str(&format!("region: {path}\n")),
        RegionMatch::NotFound => text.push_str(
            "# No region of content/_regions.yaml is named in the name: add `region:` by hand.\n",
        ),
        RegionMatch::Ambiguous(paths) => text.push_str(&format!(
            "# The name fits several regions ({}): add the right one as `region:`.\n",
            paths.join(", ")
        )),
    }
    text
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
