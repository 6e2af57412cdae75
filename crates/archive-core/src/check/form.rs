//! The report's form: its publication date (R7), its sections (R8), and the template version of
//! its rows and columns (R9).

use std::collections::BTreeMap;

use super::{Check, CheckInput, CheckResult, Detail, Field, FieldRef, ReportPart, Rule, Subject};
use crate::format::{FormatId, TableKey, catalog};
use crate::model::AgencyKind;
use crate::narrative::{SECTION_NUMERALS, section_headings, section_text};

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
    let day = input.deadlines.for_kind(agency.kind);
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
        format!(
            "published {published}, after the deadline of {deadline} for {}",
            kind_name(agency.kind)
        ),
    )]
}

fn kind_name(kind: AgencyKind) -> &'static str {
    match kind {
        AgencyKind::PeopleGovernment => "a people's government",
        AgencyKind::Department => "a government department",
        AgencyKind::DevelopmentZone => "a development zone",
        AgencyKind::Township => "a township or street office",
        AgencyKind::Other => "its kind of agency",
    }
}

/// R8: the narrative has the six section headings, in order; from gb2021 on, section 六 states
/// the 信息处理费 (or that none was collected).
pub(super) fn sections(input: &CheckInput<'_>) -> Vec<Check> {
    let report = input.report;
    let body = report.body.as_str();
    let body_line = report.source.body_line;
    let headings = section_headings(body);
    let order: Vec<u8> = headings.iter().map(|heading| heading.number).collect();
    let missing: Vec<u8> = (1..=6).filter(|number| !order.contains(number)).collect();
    let in_order = order.windows(2).all(|pair| pair[0] < pair[1]);
    let names = |numbers: &[u8]| -> String {
        numbers
            .iter()
            .map(|&number| SECTION_NUMERALS[usize::from(number) - 1].to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let line = if in_order {
        Some(body_line)
    } else {
        let at = order
            .windows(2)
            .position(|pair| pair[0] >= pair[1])
            .map_or(0, |at| at + 1);
        Some(headings[at].line(body, body_line))
    };
    let mut checks = Vec::new();
    let subject = Subject::Part(ReportPart::Sections);
    if missing.is_empty() && in_order {
        checks.push(Check {
            subject,
            line,
            result: CheckResult::Passed,
        });
    } else {
        let mut problems = Vec::new();
        if !missing.is_empty() {
            let (noun, verb) = if missing.len() == 1 {
                ("section", "has no heading")
            } else {
                ("sections", "have no heading")
            };
            problems.push(format!("{noun} {} {verb}", names(&missing)));
        }
        if !in_order {
            problems.push(format!(
                "the section headings stand in the order {}",
                names(&order)
            ));
        }
        checks.push(input.failed(
            Rule::R8,
            subject,
            line,
            Vec::new(),
            Detail::Sections {
                missing: missing.clone(),
                order: (!in_order).then(|| order.clone()),
            },
            format!(
                "{}; a report has the six sections 一 … 六 in order, each under its heading",
                problems.join(", and ")
            ),
        ));
    }

    if report.format == FormatId::Gb2021
        && let Some(six) = headings.iter().find(|heading| heading.number == 6)
    {
        let line = Some(six.line(body, body_line));
        let subject = Subject::Part(ReportPart::Fees);
        let states_fee = section_text(body, &headings, 6).is_some_and(|text| text.contains(FEE));
        checks.push(if states_fee {
            Check {
                subject,
                line,
                result: CheckResult::Passed,
            }
        } else {
            input.failed(
                Rule::R8,
                subject,
                line,
                Vec::new(),
                Detail::NoFeeStatement,
                format!(
                    "section 六 does not mention the {FEE}; from the gb2021 format on it states the fees collected, or that none were"
                ),
            )
        });
    }
    checks
}

/// R9: every row and column the report has is one of the version it declares.
pub(super) fn other_version(input: &CheckInput<'_>) -> Vec<Check> {
    let report = input.report;
    let declared = report.format;
    let other = declared.other();
    let catalog = catalog();
    // (table, row) → the other version's columns the report has, with their cells.
    type Columns = Vec<(&'static str, FieldRef)>;
    let mut foreign: BTreeMap<(TableKey, &'static str), Columns> = BTreeMap::new();
    for (id, cell) in catalog.entries() {
        if report.cells.get(id).is_present() && !cell.formats.contains(&declared) {
            foreign.entry((cell.table, cell.row)).or_default().push((
                cell.column,
                FieldRef {
                    year: report.year,
                    field: Field::Cell(id),
                },
            ));
        }
    }
    if foreign.is_empty() {
        return vec![Check {
            subject: Subject::Part(ReportPart::Version(declared)),
            line: None,
            result: CheckResult::Passed,
        }];
    }
    let mut checks = Vec::new();
    for ((table, row_key), columns) in foreign {
        let (column_keys, cells): (Vec<&str>, Vec<FieldRef>) = columns.into_iter().unzip();
        let row = other
            .template()
            .row(table, row_key)
            .expect("a cell the declared version lacks is the other version's");
        let line = report.source.row_line(table, row_key);
        let key = format!("{}.{}", table.key(), row_key);
        let (detail, message) = match declared.template().row(table, row_key) {
            Some(_) => {
                let columns: Vec<_> = row
                    .columns
                    .iter()
                    .filter(|column| column_keys.contains(&column.key))
                    .collect();
                (
                    Detail::OtherVersion {
                        declared,
                        row,
                        columns,
                        in_place_of: Vec::new(),
                    },
                    format!(
                        "declared {declared}, but row {key} has {other}'s column{} {}",
                        if column_keys.len() == 1 { "" } else { "s" },
                        column_keys.join(", ")
                    ),
                )
            }
            None => {
                let in_place_of: Vec<_> = row
                    .slot
                    .map(|slot| {
                        declared
                            .template()
                            .table(table)
                            .rows()
                            .filter(|candidate| candidate.slot == Some(slot))
                            .collect()
                    })
                    .unwrap_or_default();
                let instead = if in_place_of.is_empty() {
                    String::new()
                } else {
                    let names: Vec<&str> = in_place_of.iter().map(|row| row.key).collect();
                    format!(" in place of {}", names.join(", "))
                };
                (
                    Detail::OtherVersion {
                        declared,
                        row,
                        columns: Vec::new(),
                        in_place_of,
                    },
                    format!(
                        "declared {declared}, but the report prints {other}'s row {} ({}){instead}",
                        key, row.label.zh
                    ),
                )
            }
        };
        checks.push(input.failed(
            Rule::R9,
            Subject::Row(table, row),
            line,
            cells,
            detail,
            message,
        ));
    }
    checks
}
