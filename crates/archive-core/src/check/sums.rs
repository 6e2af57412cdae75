//! The template's arithmetic within one report (R1–R4), and the comparison of two sums that the
//! cross-year rules share. Which cells add up to which comes from the roles the template
//! definitions give rows and columns.

use super::{CellRef, Checked, Detail, Found, Rule, Subject, Term, Verdict, signed};
use crate::format::{
    ColumnDef, ColumnRole, Label, RowDef, RowRole, TableKey, catalog, without_note,
};
use crate::model::Report;

/// One value a check reads.
pub(super) struct Operand {
    cell: CellRef,
    name: &'static str,
    label: Label,
    value: Option<i128>,
    negative: bool,
}

/// What tells the operands of a check apart: their rows (a column checked down) or their columns
/// (a row checked across).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Across {
    Rows,
    Columns,
}

impl Operand {
    /// The cell at `row`, `column` of a report.
    pub(super) fn of(
        report: &Report,
        table: TableKey,
        row: &'static RowDef,
        column: &'static ColumnDef,
        across: Across,
    ) -> Operand {
        let (name, label) = match across {
            Across::Rows => (row.key, row.label),
            Across::Columns => (column.key, column.label),
        };
        let catalog = catalog();
        let id = catalog
            .cell_of(table, row, column)
            .expect("the catalog has every cell of the templates");
        Operand {
            cell: CellRef {
                year: report.year,
                key: catalog.cell(id).path(),
            },
            name,
            label,
            value: report.cells.get(id).whole(),
            negative: false,
        }
    }

    /// The same value, taken away.
    pub(super) fn negated(self) -> Operand {
        Operand {
            negative: true,
            ..self
        }
    }
}

/// The result of comparing two sums: equal (`None`), unequal (both sides' terms), or impossible
/// for these blank cells.
pub(super) type Compared = Result<Option<(Vec<Term>, Vec<Term>)>, Vec<CellRef>>;

/// Compares two sums of cells.
pub(super) fn compare(left: Vec<Operand>, right: Vec<Operand>) -> Compared {
    let blank: Vec<CellRef> = left
        .iter()
        .chain(&right)
        .filter(|operand| operand.value.is_none())
        .map(|operand| operand.cell.clone())
        .collect();
    if !blank.is_empty() {
        return Err(blank);
    }
    // Most sums agree: their terms are written out only when they do not.
    let sum = |operands: &[Operand]| -> i128 {
        operands
            .iter()
            .map(|operand| {
                signed(
                    operand.value.expect("blanks were handled"),
                    operand.negative,
                )
            })
            .sum()
    };
    if sum(&left) == sum(&right) {
        return Ok(None);
    }
    let terms = |operands: Vec<Operand>| -> Vec<Term> {
        operands
            .into_iter()
            .map(|operand| Term {
                cell: operand.cell,
                name: operand.name,
                label: operand.label,
                value: operand.value.expect("blanks were handled"),
                negative: operand.negative,
            })
            .collect()
    };
    Ok(Some((terms(left), terms(right))))
}

/// A side written out for a message: `received 80 + carried_over 0 = 80`, terms of another year
/// than `year` named with theirs (`2022's in_force 698`).
pub(super) fn side_text(terms: &[Term], year: u16) -> String {
    super::side_text(
        terms,
        |term| {
            if term.cell.year == year {
                term.name.to_owned()
            } else {
                format!("{}'s {}", term.cell.year, term.name)
            }
        },
        |zeros| format!(" (the other {zeros} are 0)"),
    )
}

/// How a row or column is named in messages: its key, and its label without a trailing note in
/// brackets (（二）部分公开（区分处理的…） → （二）部分公开).
pub(super) fn named(key: &str, label: Label) -> String {
    format!("{key} ({})", without_note(label.zh))
}

/// Turns a comparison into a verdict, with the finding's message `"{what}: {left}, but {right}"`,
/// where `what` names the checked row or column: `column received (收到申请数)`, `row …`.
pub(super) fn verdict(
    subject: &Subject<'_>,
    rule: Rule,
    checked: Checked,
    line: Option<usize>,
    compared: Compared,
) -> Verdict {
    let year = subject.report.year;
    let result = compared.map(|unequal| {
        unequal.map(|(left, right)| {
            let what = match checked {
                Checked::Column(_, column) => format!("column {}", named(column.key, column.label)),
                // R6 checks a row of table 二 against last year's: the row's name says it.
                Checked::Row(_, row) if rule == Rule::R6 => named(row.key, row.label),
                Checked::Row(_, row) => format!("row {}", named(row.key, row.label)),
                Checked::Part(part) => part.to_owned(),
            };
            let message = format!(
                "{what}: {}, but {}",
                side_text(&left, year),
                side_text(&right, year)
            );
            let cells = left
                .iter()
                .chain(&right)
                .map(|term| term.cell.clone())
                .collect();
            subject.finding(Found {
                rule,
                line,
                subject: checked,
                cells,
                detail: Detail::Sums { left, right },
                message,
            })
        })
    });
    Verdict {
        subject: checked,
        line,
        result,
    }
}

/// The line of the first of these rows the source has.
fn first_line(report: &Report, table: TableKey, rows: &[&RowDef]) -> Option<usize> {
    rows.iter()
        .find_map(|row| report.source.row_line(table, row.key))
}

/// R1: in every column, the rows on the left of the template's note (一 + 二) add up to those on
/// its right (三（七）总计 + 四).
pub(super) fn balance(subject: &Subject<'_>) -> Vec<Verdict> {
    let report = subject.report;
    let mut verdicts = Vec::new();
    for table in TableKey::ALL {
        let rows = catalog().row_defs(table);
        let side = |left: bool| -> Vec<&'static RowDef> {
            rows.iter()
                .copied()
                .filter(|row| row.role.balance_side() == Some(left))
                .collect()
        };
        let (left, right) = (side(true), side(false));
        let has_any = left
            .iter()
            .chain(&right)
            .any(|row| report.cells.has_row(table, row.key));
        if left.is_empty() || right.is_empty() || !has_any {
            continue;
        }
        let line = first_line(report, table, &left);
        for column in left[0].columns {
            let operands = |rows: &[&'static RowDef]| -> Vec<Operand> {
                rows.iter()
                    .map(|row| Operand::of(report, table, row, column, Across::Rows))
                    .collect()
            };
            let compared = compare(operands(&left), operands(&right));
            verdicts.push(verdict(
                subject,
                Rule::R1,
                Checked::Column(table, column),
                line,
                compared,
            ));
        }
    }
    verdicts
}

/// R2 (table 三) and R4 (table 四): in every row the report has, the total column is the sum of
/// the row's other columns.
pub(super) fn row_totals(subject: &Subject<'_>, rule: Rule) -> Vec<Verdict> {
    let table = match rule {
        Rule::R2 => TableKey::Applications,
        Rule::R4 => TableKey::Appeals,
        _ => unreachable!("row totals are R2 and R4"),
    };
    let report = subject.report;
    let mut verdicts = Vec::new();
    for &row in catalog().row_defs(table) {
        let Some(total) = row
            .columns
            .iter()
            .find(|column| column.role == ColumnRole::Total)
        else {
            continue;
        };
        if !report.cells.has_row(table, row.key) {
            continue;
        }
        let parts: Vec<Operand> = row
            .columns
            .iter()
            .filter(|column| column.role != ColumnRole::Total)
            .map(|column| Operand::of(report, table, row, column, Across::Columns))
            .collect();
        let compared = compare(
            vec![Operand::of(report, table, row, total, Across::Columns)],
            parts,
        );
        verdicts.push(verdict(
            subject,
            rule,
            Checked::Row(table, row),
            report.source.row_line(table, row.key),
            compared,
        ));
    }
    verdicts
}

/// R3: in every column, （七）总计 is the sum of all the result rows the report has (so a gb2021
/// report that prints gb2019's single （六）其他处理 row is summed with it).
pub(super) fn results_total(subject: &Subject<'_>) -> Vec<Verdict> {
    let report = subject.report;
    let mut verdicts = Vec::new();
    for table in TableKey::ALL {
        let rows = catalog().row_defs(table);
        let Some(total) = rows.iter().find(|row| row.role == RowRole::ResultsTotal) else {
            continue;
        };
        let results: Vec<&'static RowDef> = rows
            .iter()
            .copied()
            .filter(|row| row.role == RowRole::Result && report.cells.has_row(table, row.key))
            .collect();
        if !report.cells.has_row(table, total.key) && results.is_empty() {
            continue;
        }
        for column in total.columns {
            let parts = results
                .iter()
                .map(|row| Operand::of(report, table, row, column, Across::Rows))
                .collect();
            let compared = compare(
                vec![Operand::of(report, table, total, column, Across::Rows)],
                parts,
            );
            verdicts.push(verdict(
                subject,
                Rule::R3,
                Checked::Column(table, column),
                report.source.row_line(table, total.key),
                compared,
            ));
        }
    }
    verdicts
}
