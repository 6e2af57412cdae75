//! Continuity across consecutive years of one agency (R5, R6): each is checked on the later
//! report, against the archive's report of the year before.

use super::sums::{Across, sums_equal, term};
use super::{Check, CheckInput, Rule, Subject, Term};
use crate::format::{ColumnRole, FormatId, RowRole, TableKey, catalog};

/// R5: in every column, what a report carries over (上年结转) is what the year before carried
/// forward (结转下年度).
pub(super) fn carried_over(input: &CheckInput<'_>) -> Vec<Check> {
    let Some(previous) = input.previous_year else {
        return Vec::new();
    };
    let report = input.report;
    let mut checks = Vec::new();
    for table in TableKey::ALL {
        let rows = catalog().row_defs(table);
        let find = |role: RowRole| rows.iter().copied().find(|row| row.role == role);
        let (Some(over), Some(forward)) =
            (find(RowRole::CarriedOver), find(RowRole::CarriedForward))
        else {
            continue;
        };
        if !report.cells.has_row(table, over.key) && !previous.cells.has_row(table, forward.key) {
            continue;
        }
        for column in over.columns {
            checks.push(sums_equal(
                input,
                Rule::R5,
                Subject::Column(table, column),
                report.source.row_line(table, over.key),
                vec![term(report, table, over, column, Across::Rows)],
                vec![term(previous, table, forward, column, Across::Rows)],
            ));
        }
    }
    checks
}

/// R6: for every row with 现行有效件数, this year's is last year's plus this year's issued less
/// this year's repealed; only when both years use gb2021 (gb2019 has no 现行有效件数).
pub(super) fn in_force(input: &CheckInput<'_>) -> Vec<Check> {
    let Some(previous) = input.previous_year else {
        return Vec::new();
    };
    let report = input.report;
    if report.format != FormatId::Gb2021 || previous.format != FormatId::Gb2021 {
        return Vec::new();
    }
    let mut checks = Vec::new();
    for table in TableKey::ALL {
        for row in report.format.template().table(table).rows() {
            let column = |role: ColumnRole| row.columns.iter().find(|column| column.role == role);
            let (Some(in_force), Some(issued), Some(repealed)) = (
                column(ColumnRole::InForce),
                column(ColumnRole::Issued),
                column(ColumnRole::Repealed),
            ) else {
                continue;
            };
            checks.push(sums_equal(
                input,
                Rule::R6,
                Subject::Row(table, row),
                report.source.row_line(table, row.key),
                vec![term(report, table, row, in_force, Across::Columns)],
                vec![
                    term(previous, table, row, in_force, Across::Columns),
                    term(report, table, row, issued, Across::Columns),
                    term(report, table, row, repealed, Across::Columns).map(Term::negated),
                ],
            ));
        }
    }
    checks
}
