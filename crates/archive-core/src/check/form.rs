//! The report's form: its publication date (R7), its sections (R8), and the template version of
//! its rows and columns (R9).

use std::collections::BTreeMap;

use super::{Check, CheckInput, CheckResult, Detail, Field, FieldRef, ReportPart, Rule, Subject};
use crate::format::{FormatId, RowDef, TableKey, catalog};
use crate::messages::{Text, check};
use crate::model::{AgencyKind, Report};
use crate::narrative::{SECTION_NUMERALS, SectionHeading, section_headings, section_text};

/// The words section 六 of a gb2021 report states the fees with.
const FEE: &str = "信息处理费";

/// R7: published by the deadline for the agency's kind, in the year after the report's.
pub(super) fn deadline(input: &CheckInput<'_>) -> Vec<Check> {
    let report = input.report;
    let Some(agency) = input.archive.agency(&report.agency) else {
        return Vec::new();
    };
    let line = report.source.published_line;
    let subject = Subject::Part(ReportPart::Published);
    let date = FieldRef {
        year: report.year,
        field: Field::Published,
    };
    let Some(published) = report.published else {
        return vec![Check {
            subject,
            line,
            result: CheckResult::NotCheckable(vec![date]),
        }];
    };
    // An agency whose kind is not known has no deadline to check against: no cell is blank,
    // but the check cannot be made.
    let Some(day) = input.deadlines.for_kind(agency.kind) else {
        return vec![Check {
            subject,
            line,
            result: CheckResult::NotCheckable(Vec::new()),
        }];
    };
    let year = i16::try_from(report.year).unwrap_or(i16::MAX - 1) + 1;
    // 02-29 in a year without one is the last day of February.
    let deadline = jiff::civil::Date::new(year, day.month, day.day).unwrap_or_else(|_| {
        jiff::civil::Date::new(year, day.month, 1)
            .map(|first| first.last_of_month())
            .unwrap_or(jiff::civil::Date::MAX)
    });
    if published <= deadline {
        return vec![Check {
            subject,
            line,
            result: CheckResult::Passed,
        }];
    }
    vec![input.failed(
        Rule::R7,
        subject,
        line,
        vec![date],
        Detail::Late {
            published,
            deadline,
            kind: agency.kind,
        },
        Text::each(|language| {
            check::published_late(
                &published.to_string(),
                &deadline.to_string(),
                kind_name(agency.kind).get(language),
            )
            .into_language(language)
        }),
    )]
}

/// The kind of agency as R7's message names it.
fn kind_name(kind: AgencyKind) -> Text {
    match kind {
        AgencyKind::PeopleGovernment => check::kind_people_government(),
        AgencyKind::Department => check::kind_department(),
        AgencyKind::DevelopmentZone => check::kind_development_zone(),
        AgencyKind::Township => check::kind_township(),
        AgencyKind::Other | AgencyKind::Unknown => check::kind_other(),
    }
}

/// R8: the narrative has the six section headings, in order; from gb2021 on, section 六 states
/// the 信息处理费 (or that none was collected).
pub(super) fn sections(input: &CheckInput<'_>) -> Vec<Check> {
    let report = input.report;
    let body = report.body.text();
    let headings = section_headings(&body);
    let mut checks = vec![headings_check(input, &body, &headings)];
    if report.format == FormatId::Gb2021
        && let Some(six) = headings.iter().find(|heading| heading.number == 6)
    {
        checks.push(fee_check(input, &body, &headings, six));
    }
    checks
}

/// The six headings, each once and in order: the line is the first heading out of place, or the
/// narrative's first.
fn headings_check(input: &CheckInput<'_>, body: &str, headings: &[SectionHeading]) -> Check {
    let report = input.report;
    let body_line = report.source.body_line;
    let order: Vec<u8> = headings.iter().map(|heading| heading.number).collect();
    let missing: Vec<u8> = (1..=6).filter(|number| !order.contains(number)).collect();
    let out_of_place = order.windows(2).position(|pair| pair[0] >= pair[1]);
    let line = Some(match out_of_place {
        None => body_line,
        Some(at) => headings[at + 1].line(body, body_line),
    });
    let subject = Subject::Part(ReportPart::Sections);
    if missing.is_empty() && out_of_place.is_none() {
        return Check {
            subject,
            line,
            result: CheckResult::Passed,
        };
    }
    let mut problems = Vec::new();
    if !missing.is_empty() {
        let names = section_names(&missing);
        problems.push(if missing.len() == 1 {
            check::section_missing(&names)
        } else {
            check::sections_missing(&names)
        });
    }
    if out_of_place.is_some() {
        problems.push(check::sections_out_of_order(&section_names(&order)));
    }
    let message = Text::each(|language| {
        let problems: Vec<&str> = problems.iter().map(|text| text.get(language)).collect();
        check::sections_problems(&problems.join(check::and_also().get(language)))
            .into_language(language)
    });
    let detail = Detail::Sections {
        missing,
        order: out_of_place.map(|_| order),
    };
    input.failed(Rule::R8, subject, line, Vec::new(), detail, message)
}

/// Section 六 of a gb2021 report states the fee.
fn fee_check(
    input: &CheckInput<'_>,
    body: &str,
    headings: &[SectionHeading],
    six: &SectionHeading,
) -> Check {
    let line = Some(six.line(body, input.report.source.body_line));
    let subject = Subject::Part(ReportPart::Fees);
    if section_text(body, headings, 6).is_some_and(|text| text.contains(FEE)) {
        return Check {
            subject,
            line,
            result: CheckResult::Passed,
        };
    }
    input.failed(
        Rule::R8,
        subject,
        line,
        Vec::new(),
        Detail::NoFeeStatement,
        check::no_fee_statement(FEE),
    )
}

/// Section numbers as their numerals, `一, 三, 二`.
fn section_names(numbers: &[u8]) -> String {
    numbers
        .iter()
        .map(|&number| SECTION_NUMERALS[usize::from(number) - 1].to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The other version's columns a report has in one row, with their cells.
type ForeignColumns = Vec<(&'static str, FieldRef)>;

/// R9: every row and column the report has is one of the version it declares.
pub(super) fn other_version(input: &CheckInput<'_>) -> Vec<Check> {
    let foreign = foreign_cells(input.report);
    if foreign.is_empty() {
        return vec![Check {
            subject: Subject::Part(ReportPart::Version(input.report.format)),
            line: None,
            result: CheckResult::Passed,
        }];
    }
    foreign
        .into_iter()
        .map(|((table, row), columns)| foreign_row(input, table, row, columns))
        .collect()
}

/// The cells the report has that its declared version does not, by row.
fn foreign_cells(report: &Report) -> BTreeMap<(TableKey, &'static str), ForeignColumns> {
    let mut foreign: BTreeMap<_, ForeignColumns> = BTreeMap::new();
    for (id, cell) in catalog().entries() {
        if report.cells.get(id).is_present() && !cell.formats.contains(&report.format) {
            foreign.entry((cell.table, cell.row)).or_default().push((
                cell.column,
                FieldRef {
                    year: report.year,
                    field: Field::Cell(id),
                },
            ));
        }
    }
    foreign
}

/// The finding on one row with the other version's cells: its columns, when the declared
/// version has the row, or else the whole row and the rows it stands in for.
fn foreign_row(
    input: &CheckInput<'_>,
    table: TableKey,
    row_key: &'static str,
    columns: ForeignColumns,
) -> Check {
    let declared = input.report.format;
    let other = declared.other();
    let (column_keys, cells): (Vec<&str>, Vec<FieldRef>) = columns.into_iter().unzip();
    let row = other
        .template()
        .row(table, row_key)
        .expect("a cell the declared version lacks is the other version's");
    let key = format!("{}.{}", table.key(), row_key);
    let (detail, message) = match declared.template().row(table, row_key) {
        Some(_) => {
            let columns = row
                .columns
                .iter()
                .filter(|column| column_keys.contains(&column.key))
                .collect();
            let columns_text = column_keys.join(", ");
            let message = if column_keys.len() == 1 {
                check::other_version_column
            } else {
                check::other_version_columns
            }(declared.key(), &key, other.key(), &columns_text);
            (
                Detail::OtherVersion {
                    declared,
                    row,
                    columns,
                    in_place_of: Vec::new(),
                },
                message,
            )
        }
        None => {
            let in_place_of = rows_in_place_of(declared, table, row);
            let instead = if in_place_of.is_empty() {
                Text::default()
            } else {
                let names: Vec<&str> = in_place_of.iter().map(|row| row.key).collect();
                check::in_place_of(&names.join(", "))
            };
            let message = Text::each(|language| {
                check::other_version_row(
                    declared.key(),
                    other.key(),
                    &key,
                    row.label.zh,
                    instead.get(language),
                )
                .into_language(language)
            });
            (
                Detail::OtherVersion {
                    declared,
                    row,
                    columns: Vec::new(),
                    in_place_of,
                },
                message,
            )
        }
    };
    let line = input.report.source.row_line(table, row_key);
    input.failed(
        Rule::R9,
        Subject::Row(table, row),
        line,
        cells,
        detail,
        message,
    )
}

/// The declared version's rows that stand where the other version's `row` stands.
fn rows_in_place_of(declared: FormatId, table: TableKey, row: &RowDef) -> Vec<&'static RowDef> {
    row.slot
        .map(|slot| {
            declared
                .template()
                .table(table)
                .rows()
                .filter(|candidate| candidate.slot == Some(slot))
                .collect()
        })
        .unwrap_or_default()
}
