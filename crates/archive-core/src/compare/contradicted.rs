//! The one rule every derived figure follows for a printed total its own rows contradict
//! ([`Checks::contradicted_totals`], an R2–R4 finding; docs/data.md): the total is shown and
//! counted as printed, never replaced, and marked with what its parts add up to. A figure made of
//! several cells (a sum, a rate's inputs) is marked when any of them is such a total; an
//! aggregate over reports says how many it includes; a change from or to one is marked.

use crate::check::{Checks, Contradiction};
use crate::format::CellId;
use crate::model::Cells;

/// A figure (one cell, or the sum of several) that includes printed totals its rows contradict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContradictedFigure {
    /// The contradicted totals among its cells.
    pub totals: Vec<Contradiction>,
    /// The figure with each contradicted total replaced by its parts' sum; none when another of
    /// its cells has no number (blank). Shown beside the printed figure, never instead of it.
    pub parts: Option<i128>,
}

/// The contradicted totals among `cells` of the report at `at` (whose values are `values`), and
/// what the figure they add up to would be with each replaced by its parts' sum.
pub fn contradicted_figure(
    checks: &Checks,
    at: usize,
    values: &Cells,
    cells: &[CellId],
) -> Option<ContradictedFigure> {
    let totals: Vec<Contradiction> = cells
        .iter()
        .filter_map(|&cell| checks.contradicted_total(at, cell))
        .collect();
    if totals.is_empty() {
        return None;
    }
    let parts = cells
        .iter()
        .map(|&cell| {
            totals
                .iter()
                .find(|total| total.cell == cell)
                .map_or_else(|| values.get(cell).whole(), |total| Some(total.parts))
        })
        .sum::<Option<i128>>();
    Some(ContradictedFigure { totals, parts })
}

/// Whether a change of `cell` between the reports at `before` and `now` starts or ends at a
/// printed total its rows contradict: such a change is marked, never shown as a plain one.
pub fn change_is_contradicted(
    checks: &Checks,
    before: Option<usize>,
    now: Option<usize>,
    cell: CellId,
) -> bool {
    [before, now]
        .into_iter()
        .flatten()
        .any(|at| checks.contradicted_total(at, cell).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Rule;
    use crate::compare::rates::cell_id;
    use crate::config::Deadlines;
    use crate::format::FormatId;
    use crate::model::{AgencyKind, Archive, Cell};
    use crate::testing::{TestArchive, TestReport};

    fn hongze_like() -> (Archive, Checks) {
        let archive = TestArchive::new()
            .agency("a", AgencyKind::Department, "")
            .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&[
                ("appeals.review.upheld", Cell::Count(10)),
                ("appeals.review.corrected", Cell::Count(1)),
                ("appeals.review.total", Cell::Count(0)),
                ("appeals.lawsuit_direct.upheld", Cell::Count(2)),
                ("appeals.lawsuit_direct.total", Cell::Count(2)),
            ]))
            .build();
        let checks = Checks::run(&archive, &Deadlines::default());
        (archive, checks)
    }

    #[test]
    fn a_sum_including_a_contradicted_total_keeps_it_and_names_the_parts_sum() {
        let (archive, checks) = hongze_like();
        let cells = [
            cell_id("appeals.review.total"),
            cell_id("appeals.lawsuit_direct.total"),
        ];
        let figure = contradicted_figure(&checks, 0, &archive.reports[0].cells, &cells).unwrap();
        assert_eq!(figure.totals.len(), 1);
        assert_eq!(figure.totals[0].rule, Rule::R4);
        assert_eq!(figure.totals[0].printed, 0);
        assert_eq!(figure.parts, Some(11 + 2));
        let uncontradicted = [cell_id("appeals.lawsuit_direct.total")];
        assert_eq!(
            contradicted_figure(&checks, 0, &archive.reports[0].cells, &uncontradicted),
            None
        );
    }

    #[test]
    fn a_change_to_or_from_a_contradicted_total_is_marked() {
        let (_, checks) = hongze_like();
        let review = cell_id("appeals.review.total");
        assert!(change_is_contradicted(&checks, Some(0), None, review));
        assert!(change_is_contradicted(&checks, None, Some(0), review));
        let direct = cell_id("appeals.lawsuit_direct.total");
        assert!(!change_is_contradicted(&checks, Some(0), Some(0), direct));
    }
}
