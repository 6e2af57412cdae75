//! Two inputs of the same report (a page and its text): one source, the values of both.

use super::document::Form;
use super::tables::cell_text;
use super::{Outcome, Parsed, open_cells_note};
use archive_core::format::catalog;
use archive_core::messages::cli;
use archive_core::model::Cell;

/// Two inputs for the same agency and year (the same report as a page and as text): the one
/// with fewer cells left open is written; the other's values fill its open cells where they are
/// certain, and any value the two disagree on is reported.
pub(super) fn merge_duplicates(
    parsed: Vec<Result<Parsed, Outcome>>,
) -> Vec<Result<Parsed, Outcome>> {
    let mut out: Vec<Result<Parsed, Outcome>> = Vec::new();
    for result in parsed {
        let Ok(mut report) = result else {
            out.push(result);
            continue;
        };
        let twin = out.iter_mut().find_map(|earlier| match earlier {
            Ok(earlier)
                if earlier.report.agency == report.report.agency
                    && earlier.report.year == report.report.year =>
            {
                Some(earlier)
            }
            _ => None,
        });
        let Some(earlier) = twin else {
            out.push(Ok(report));
            continue;
        };
        // Keep the better one in place.
        if is_better(&report, earlier) {
            std::mem::swap(earlier, &mut report);
        }
        let merged = merge(earlier, report);
        out.push(Err(merged));
    }
    out
}

/// Whether `new` is the better reading of a report than `earlier`: fewer cells left open, or as
/// many from a web page (whose table cells need no cutting).
fn is_better(new: &Parsed, earlier: &Parsed) -> bool {
    new.open_cells.len() < earlier.open_cells.len()
        || (new.open_cells.len() == earlier.open_cells.len()
            && new.form == Form::Html
            && earlier.form != Form::Html)
}

/// Fills `kept`'s open cells from `other` and says so; gives `other`'s outcome, merged into
/// `kept`'s input.
fn merge(kept: &mut Parsed, other: Parsed) -> Outcome {
    let (filled, disagree) = fill_open_cells(kept, &other);
    let other_name = other.outcome.input.display().to_string();
    let note = if disagree.is_empty() {
        cli::merged_agreeing(&other_name, filled.len())
    } else {
        cli::merged_disagreeing(&other_name, filled.len(), &disagree.join(", "))
    };
    kept.outcome.notes.push(note.into());
    if !filled.is_empty() {
        // Warnings about the cells now filled (`table.row.{a, b}: …`) no longer apply.
        kept.outcome.diagnostics.retain(|d| {
            let place = d.message.split(": ").next().unwrap_or_default();
            let row = place.split(".{").next().unwrap_or(place);
            d.is_error() || !filled.iter().any(|path| path.starts_with(row))
        });
    }
    kept.outcome.cells_needing_a_person = kept.open_cells.len();
    kept.report.import_notes = open_cells_note(&kept.open_cells);
    let mut merged = other.outcome;
    merged.imported = false;
    merged.target = None;
    merged.merged_into = Some(kept.outcome.input.clone());
    merged.diagnostics.clear();
    merged.cells_needing_a_person = 0;
    merged
}

/// Fills the cells open in `kept` that `other` holds for certain. Gives the paths of the cells
/// filled, and the cells certain in both that differ (`path (kept / other)`).
fn fill_open_cells(kept: &mut Parsed, other: &Parsed) -> (Vec<&'static str>, Vec<String>) {
    let catalog = catalog();
    let mut filled = Vec::new();
    let mut disagree = Vec::new();
    for (id, def) in catalog.entries() {
        let mine = kept.report.cells.get(id).clone();
        let theirs = other.report.cells.get(id).clone();
        let open_here = kept.open_cells.contains(&id);
        let open_there = other.open_cells.contains(&id);
        if open_here && !open_there && theirs.is_present() && !matches!(theirs, Cell::Blank) {
            kept.report.cells.set(id, theirs);
            filled.push(def.path());
        } else if !open_here
            && !open_there
            && mine != theirs
            && mine.is_present()
            && theirs.is_present()
        {
            disagree.push(format!(
                "{} ({} / {})",
                def.path(),
                cell_text(&mine),
                cell_text(&theirs)
            ));
        }
    }
    kept.open_cells
        .retain(|id| !filled.contains(&catalog.cell(*id).path()));
    (filled, disagree)
}
