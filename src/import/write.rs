//! Writing what import read: each report's source with the file it was read from kept as its
//! original, checked by the loader before it is written and read back after, and the files of
//! the agencies the run created.

use std::fs;
use std::path::Path;

use super::agency::{NewAgency, RegionMatch};
use super::originals::{Published, describe, differences};
use super::{ImportOptions, Outcome, Parsed, new_agency_note};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::catalog;
use archive_core::load::{AGENCY_FILE, SourceFile, TextFile};
use archive_core::messages::cli;
use archive_core::model::{AgencyKind, Cell, Report};
use archive_core::source::{render_source, with_originals, yaml_text};

/// Writes a report with the file it was read from kept as its original, then reads the source back with the loader. A report the archive has already keeps
/// its values: the new original is recorded beside the earlier ones, with its differences
/// (unless `--force`).
pub(super) fn write(root: &Path, parsed: Parsed, options: &ImportOptions) -> Outcome {
    let Parsed {
        mut outcome,
        mut report,
        open_cells,
        contents,
        fetched,
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
    let (url, retrieved) = match fetched {
        Some((url, retrieved)) => (Some(url), Some(retrieved)),
        None => (report.source_url.clone(), None),
    };
    let mut published = match Published::read(&outcome.input, &contents, url, retrieved) {
        Ok(published) => published,
        Err(diagnostic) => {
            outcome.io_failure = true;
            return outcome.fail(diagnostic);
        }
    };
    let this_year = archive_core::load::current_year();
    if root.join(&relative).exists() {
        let existing = match existing_source(root, &relative, &report, this_year) {
            Ok(existing) => Some(existing),
            Err(_) if options.force => None,
            Err(diagnostics) => {
                outcome.diagnostics.extend(diagnostics);
                return outcome;
            }
        };
        if let Some(existing) = existing {
            let same = existing
                .originals
                .iter()
                .any(|kept| kept.sha256 == published.original.sha256);
            if same && !options.force {
                outcome.notes.push(
                    cli::original_kept_already(&published.original.name, &published.original.file)
                        .into(),
                );
                outcome.imported = true;
                return outcome;
            }
            published.original.differences = differences(&existing, &report, &open_cells);
            if published.original.url.is_none() {
                published.original.url.clone_from(&existing.source_url);
            }
            if !options.force {
                return attach(root, &relative, existing, &published, options, outcome);
            }
            report.originals = existing.originals;
            report
                .originals
                .retain(|kept| kept.sha256 != published.original.sha256);
        }
    }
    report.originals.push(published.original.clone());
    write_source(root, &relative, &report, &published, options, outcome)
}

/// Writes a report's whole source (a new one, or one replaced with --force) and the archived
/// original.
fn write_source(
    root: &Path,
    relative: &Path,
    report: &Report,
    published: &Published,
    options: &ImportOptions,
    mut outcome: Outcome,
) -> Outcome {
    let this_year = archive_core::load::current_year();
    let source = render_source(report);
    // Whatever is written must load: the importer's output is checked by the loader itself.
    if let Err(errors) =
        archive_core::load::read_report_text(relative, &source, &report.agency, this_year)
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
    let written = create_folder(root, &report.agency)
        .and_then(|()| published.keep(root, &report.agency))
        .and_then(|_| write_file(root, relative, &source));
    if let Err(diagnostic) = written {
        outcome.io_failure = true;
        return outcome.fail(diagnostic);
    }
    read_back(root, relative, report, this_year, &mut outcome);
    outcome
}

/// The report's source as the archive has it, read (and its originals checked) by the loader; a
/// source that does not load is an error saying what to do.
fn existing_source(
    root: &Path,
    relative: &Path,
    report: &Report,
    this_year: u16,
) -> Result<Report, Vec<Diagnostic>> {
    let file = SourceFile {
        path: relative.to_path_buf(),
        agency: report.agency.clone(),
        year: report.year,
    };
    archive_core::load::read_source(root, &file, this_year).map_err(|errors| {
        let mut diagnostics = vec![
            Diagnostic::error(Location::file(relative), cli::existing_source_broken())
                .with_help(cli::existing_source_broken_help()),
        ];
        diagnostics.extend(errors);
        diagnostics
    })
}

/// Records a new original with a report the archive has already: the source's own lines are
/// kept, its `originals:` list gets the new entry, and its values stay as they are.
fn attach(
    root: &Path,
    relative: &Path,
    existing: Report,
    published: &Published,
    options: &ImportOptions,
    mut outcome: Outcome,
) -> Outcome {
    let failed = |error: String| {
        Diagnostic::error(Location::file(relative), error).with_help(cli::check_or_force_help())
    };
    let text = match archive_core::load::read_text(root, relative, TextFile::Source) {
        Ok(text) => text,
        Err(diagnostic) => return outcome.fail(diagnostic),
    };
    let mut originals = existing.originals.clone();
    originals.push(published.original.clone());
    let Some(source) = with_originals(&text, &originals) else {
        return outcome.fail(failed(cli::source_without_front_matter().into()));
    };
    note_attached(&existing, published, &mut outcome);
    if options.dry_run {
        outcome.preview = Some(source);
        outcome.imported = true;
        return outcome;
    }
    let written = published
        .keep(root, &existing.agency)
        .and_then(|_| write_file(root, relative, &source));
    if let Err(diagnostic) = written {
        outcome.io_failure = true;
        return outcome.fail(diagnostic);
    }
    read_back(
        root,
        relative,
        &existing,
        archive_core::load::current_year(),
        &mut outcome,
    );
    outcome
}

/// What recording an original with an existing report did, in the import's notes.
fn note_attached(existing: &Report, published: &Published, outcome: &mut Outcome) {
    let original = &published.original;
    let mut note = cli::original_attached(&original.name, &original.file)
        .here()
        .to_owned();
    if !original.differences.is_empty() {
        note.push_str(cli::original_differs_in(&describe(&original.differences)).here());
    }
    if !existing.originals.is_empty() {
        note.push_str(cli::original_changed().here());
    }
    outcome.notes.push(note);
}

/// The agency's folder.
fn create_folder(root: &Path, agency: &str) -> Result<(), Diagnostic> {
    let folder = root.join("content").join(agency);
    fs::create_dir_all(&folder).map_err(|error| {
        Diagnostic::error(
            Location::file(&folder),
            cli::cannot_create_folder(&error.to_string()),
        )
    })
}

fn write_file(root: &Path, relative: &Path, text: &str) -> Result<(), Diagnostic> {
    fs::write(root.join(relative), text).map_err(|error| {
        Diagnostic::error(
            Location::file(relative),
            cli::cannot_write_file(&error.to_string()),
        )
    })
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
        let note = new_agency_note(agency);
        let note: String = if options.dry_run {
            cli::would_create(note.here()).into()
        } else {
            note.into()
        };
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
                    cli::cannot_write_file(&error.to_string()),
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
        RegionMatch::NotFound => match super::agency::national_region(&agency.name) {
            Some(path) => text.push_str(&format!(
                "# No region of content/_regions.yaml is named in the name; the national list has it\n\
                 # as {path}: add that region to content/_regions.yaml, then `region: {path}`.\n"
            )),
            None => text.push_str(
                "# No region of content/_regions.yaml is named in the name: add `region:` by hand.\n",
            ),
        },
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
            Diagnostic::error(Location::file(relative), cli::reads_back_otherwise())
                .with_help(cli::reads_back_otherwise_help()),
        ),
        Err(errors) => outcome
            .diagnostics
            .extend(errors.into_iter().map(does_not_load)),
    }
}

/// A loader's error about a source import made: import's bug, not the input's.
fn does_not_load(error: Diagnostic) -> Diagnostic {
    Diagnostic {
        message: cli::imported_source_does_not_load(&error.message).into(),
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
