//! The template's arithmetic within one report (R1–R4), and the comparison of two sums that the
//! cross-year rules share. Which cells add up to which comes from the roles the template
//! definitions give rows and columns.

use super::{
    Check, CheckInput, CheckResult, Detail, Field, FieldRef, Rule, SideWords, Subject, Term, sum_of,
};
use crate::format::{
    ColumnDef, ColumnRole, Label, Language, RowDef, RowRole, TableKey, catalog, without_note,
};
use crate::messages::{Text, check};
use crate::model::Report;

/// What tells the terms of a check apart: their rows (a column checked down) or their columns
/// (a row checked across).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Across {
    Rows,
    Columns,
}

/// The cell at `row`, `column` of a report as a term of a sum, or the cell itself when it is
/// blank (or absent).
pub(super) fn term(
    report: &Report,
    table: TableKey,
    row: &'static RowDef,
    column: &'static ColumnDef,
    across: Across,
) -> Result<Term, FieldRef> {
    let (name, label) = match across {
        Across::Rows => (row.key, row.label),
        Across::Columns => (column.key, column.label),
    };
    let id = catalog()
        .cell_of(table, row, column)
        .expect("the catalog has every cell of the templates");
    let cell = FieldRef {
        year: report.year,
        field: Field::Cell(id),
    };
    match report.cells.get(id).whole() {
        Some(value) => Ok(Term {
            cell,
            name,
            label,
            value,
            negative: false,
        }),
        None => Err(cell),
    }
}

/// A side written out for a message in `language`: `received 80 + carried_over 0 = 80` (in
/// Chinese each key with its label), terms of another year than `year` named with theirs
/// (`2022's in_force 698`).
fn message_side(terms: &[Term], year: u16, language: Language) -> String {
    let name = |term: &Term| {
        let name = match language {
            Language::Zh => check::key_and_label(term.name, without_note(term.label.zh)).zh,
            Language::En => term.name.to_owned(),
        };
        if term.cell.year == year {
            name
        } else {
            check::term_of_year(term.cell.year, &name).into_language(language)
        }
    };
    let others_zero = |count| check::others_are_zero(count).into_language(language);
    let all_zero = |count| check::all_parts_zero(count).into_language(language);
    super::side_text(
        terms,
        &SideWords {
            name: &name,
            others_zero: &others_zero,
            all_zero: &all_zero,
        },
    )
}

/// How a row or column is named in messages: its key, and its label without a trailing note in
/// brackets (（二）部分公开（区分处理的…） → （二）部分公开).
fn named(key: &str, label: Label) -> Text {
    check::key_and_label(key, without_note(label.zh))
}

/// What a sum check looked at, as its message names it: `column received (收到申请数)`, `row …`.
fn subject_name(rule: Rule, subject: Subject) -> Text {
    match subject {
        Subject::Column(_, column) => {
            let name = named(column.key, column.label);
            Text::each(|language| check::column_named(name.get(language)).into_language(language))
        }
        // R6 checks a row of table 二 against last year's: the row's name says it.
        Subject::Row(_, row) if rule == Rule::R6 => named(row.key, row.label),
        Subject::Row(_, row) => {
            let name = named(row.key, row.label);
            Text::each(|language| check::row_named(name.get(language)).into_language(language))
        }
        Subject::Part(part) => Text::same(part.key()),
    }
}

/// The check that two sums of cells are equal: not checkable for their blank cells, else failed
/// with the message `"{what}: {left}, but {right}"`, where `what` names the checked row or column:
/// `column received (收到申请数)`, `row …`.
pub(super) fn sums_equal(
    input: &CheckInput<'_>,
    rule: Rule,
    subject: Subject,
    line: Option<usize>,
    left: Vec<Result<Term, FieldRef>>,
    right: Vec<Result<Term, FieldRef>>,
) -> Check {
    let blank: Vec<FieldRef> = left
        .iter()
        .chain(&right)
        .filter_map(|term| term.as_ref().err().copied())
        .collect();
    if !blank.is_empty() {
        return Check {
            subject,
            line,
            result: CheckResult::NotCheckable(blank),
        };
    }
    let known = |terms: Vec<Result<Term, FieldRef>>| -> Vec<Term> {
        terms.into_iter().filter_map(Result::ok).collect()
    };
    let (left, right) = (known(left), known(right));
    if sum_of(&left) == sum_of(&right) {
        return Check {
            subject,
            line,
            result: CheckResult::Passed,
        };
    }
    let year = input.report.year;
    let what = subject_name(rule, subject);
    let message = Text::each(|language| {
        check::sums_differ(
            what.get(language),
            &message_side(&left, year, language),
            &message_side(&right, year, language),
        )
        .into_language(language)
    });
    let cells = left.iter().chain(&right).map(|term| term.cell).collect();
    input.failed(
        rule,
        subject,
        line,
        cells,
        Detail::Sums { left, right },
        message,
    )
}

/// The line of the first of these rows the source has.
fn first_line(report: &Report, table: TableKey, rows: &[&RowDef]) -> Option<usize> {
    rows.iter()
        .find_map(|row| report.source.row_line(table, row.key))
}

/// R1: in every column, the rows on the left of the template's note (一 + 二) add up to those on
/// its right (三（七）总计 + 四).
pub(super) fn balance(input: &CheckInput<'_>) -> Vec<Check> {
    let report = input.report;
    let mut checks = Vec::new();
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
            let terms = |rows: &[&'static RowDef]| -> Vec<Result<Term, FieldRef>> {
                rows.iter()
                    .map(|row| term(report, table, row, column, Across::Rows))
                    .collect()
            };
            checks.push(sums_equal(
                input,
                Rule::R1,
                Subject::Column(table, column),
                line,
                terms(&left),
                terms(&right),
            ));
        }
    }
    checks
}

/// R2 (table 三) and R4 (table 四): in every row the report has, the total column is the sum of
/// the row's other columns.
pub(super) fn row_totals(input: &CheckInput<'_>, rule: Rule) -> Vec<Check> {
    let table = match rule {
        Rule::R2 => TableKey::Applications,
        Rule::R4 => TableKey::Appeals,
        _ => unreachable!("row totals are R2 and R4"),
    };
    let report = input.report;
    let mut checks = Vec::new();
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
        let parts: Vec<Result<Term, FieldRef>> = row
            .columns
            .iter()
            .filter(|column| column.role != ColumnRole::Total)
            .map(|column| term(report, table, row, column, Across::Columns))
            .collect();
        checks.push(sums_equal(
            input,
            rule,
            Subject::Row(table, row),
            report.source.row_line(table, row.key),
            vec![term(report, table, row, total, Across::Columns)],
            parts,
        ));
    }
    checks
}

/// R3: in every column, （七）总计 is the sum of all the result rows the report has (so a gb2021
/// report that prints gb2019's single （六）其他处理 row is summed with it).
pub(super) fn results_total(input: &CheckInput<'_>) -> Vec<Check> {
    let report = input.report;
    let mut checks = Vec::new();
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
                .map(|row| term(report, table, row, column, Across::Rows))
                .collect();
            checks.push(sums_equal(
                input,
                Rule::R3,
                Subject::Column(table, column),
                report.source.row_line(table, total.key),
                vec![term(report, table, total, column, Across::Rows)],
                parts,
            ));
        }
    }
    checks
}
