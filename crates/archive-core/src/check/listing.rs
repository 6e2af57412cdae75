//! The checks written out for people (`archive check`) and for programs (`--format json`, and the
//! `findings` of each report's data file). The JSON fields are documented in `docs/check.md` and
//! do not change.

use std::fmt;
use std::io;
use std::path::Path;

use serde::ser::{Serialize, SerializeMap, Serializer};

use serde_json::{Value, json};

use super::{
    CheckResult, Checks, Detail, FieldRef, Finding, ReportPlace, Rule, Term, cells_of_year,
    location, previous_cells, sum_of,
};
use crate::diagnostic::Diagnostic;
use crate::messages::{Text, check};

/// One line per finding and one `note` line per report and rule that blank cells made partly
/// impossible, by report, then line:
///
/// ```text
/// content/pingtan/2023.md:12: warning[R6] normative_documents (行政规范性文件): in_force 470, but …
/// content/huaian/2024.md:5: note[R7] not checkable: the report prints no publication date
/// ```
pub fn text(checks: &Checks, reports: &[ReportPlace]) -> String {
    let mut out = String::new();
    for (at, report) in reports.iter().enumerate() {
        // (line, rule, text) of each line of the report.
        let mut lines: Vec<(usize, Rule, String)> = Vec::new();
        for finding in checks.findings_of(at) {
            lines.push((
                finding.line.unwrap_or(0),
                finding.rule,
                format!(
                    "{}\n",
                    check::finding_line(
                        &finding.location(),
                        &finding.severity().to_string(),
                        finding.rule.id(),
                        finding.message.here(),
                    )
                ),
            ));
        }
        let Some(results) = checks.reports.get(at) else {
            continue;
        };
        for result in &results.rules {
            let impossible: Vec<_> = result.not_checkable().collect();
            let Some((first, _)) = impossible.first() else {
                continue;
            };
            let mut blank: Vec<&FieldRef> = Vec::new();
            for (_, cells) in &impossible {
                for cell in *cells {
                    if !blank.contains(&cell) {
                        blank.push(cell);
                    }
                }
            }
            let note = if result.rule == Rule::R7 && blank.is_empty() {
                check::kind_unknown()
            } else if result.rule == Rule::R7 {
                check::no_publication_date()
            } else {
                let more = match blank.len() {
                    1 => Text::default(),
                    2 => check::one_more_cell(),
                    n => check::more_cells(n - 1),
                };
                check::not_checkable_for(
                    impossible.len(),
                    result.total(),
                    noun(result.rule, result.total()).here(),
                    &cell_name(blank[0], report.year),
                    more.here(),
                )
            };
            let place = location(&report.file, first.line);
            lines.push((
                first.line.unwrap_or(0),
                result.rule,
                format!(
                    "{}\n",
                    check::note_line(&place, result.rule.id(), note.here())
                ),
            ));
        }
        lines.sort_by_key(|(line, rule, _)| (*line, *rule));
        for (_, _, text) in lines {
            out.push_str(&text);
        }
    }
    out
}

/// What one check of a rule covers.
fn noun(rule: Rule, count: usize) -> Text {
    let plural = check::s(count);
    match rule {
        Rule::R1 | Rule::R3 | Rule::R5 => check::columns_noun(plural),
        Rule::R2 | Rule::R6 => check::rows_noun(plural),
        Rule::R4 => check::groups_noun(plural),
        Rule::R7 | Rule::R8 | Rule::R9 => check::checks_noun(plural),
    }
}

fn cell_name(cell: &FieldRef, year: u16) -> String {
    if cell.year == year {
        cell.field.key().to_owned()
    } else {
        check::term_of_year(cell.year, cell.field.key())
            .here()
            .to_owned()
    }
}

/// A finding as the report's data file gives it: `rule`, `severity`, `subject`, `cells` (full keys
/// of the report's own cells), `previous_year` (R5 and R6: `{year, cells}`), `message` (English,
/// as before), `message_zh`, `message_en` and `detail` (the numbers: [`detail_json`]).
pub fn finding_json(finding: &Finding) -> Value {
    let mut object = json!({
        "rule": finding.rule.id(),
        "severity": finding.severity(),
        "subject": finding.subject.key(),
        "cells": finding.own_cells(),
        "message": finding.message.en,
        "message_zh": finding.message.zh,
        "message_en": finding.message.en,
        "detail": detail_json(&finding.detail),
    });
    if let Some((year, cells)) = finding.previous_cells() {
        object["previous_year"] = json!({ "year": year, "cells": cells });
    }
    object
}

/// What a finding found, with its numbers: for a sum, `{"kind": "sums", "left": side, "right":
/// side}`, each side `{"terms": [{"cell", "year", "value", "negative"}], "total"}`; for R7
/// `{"kind": "late", "published", "deadline", "agency_kind"}`; for R8 `{"kind": "sections",
/// "missing", "order"}` or `{"kind": "no_fee_statement"}`; for R9 `{"kind": "other_version",
/// "declared", "row", "columns", "in_place_of"}`.
pub fn detail_json(detail: &Detail) -> Value {
    match detail {
        Detail::Sums { left, right } => json!({
            "kind": "sums",
            "left": side_json(left),
            "right": side_json(right),
        }),
        Detail::Late {
            published,
            deadline,
            kind,
        } => json!({
            "kind": "late",
            "published": published.to_string(),
            "deadline": deadline.to_string(),
            "agency_kind": kind.key(),
        }),
        Detail::Sections { missing, order } => json!({
            "kind": "sections",
            "missing": missing,
            "order": order,
        }),
        Detail::NoFeeStatement => json!({ "kind": "no_fee_statement" }),
        Detail::OtherVersion {
            declared,
            row,
            columns,
            in_place_of,
        } => json!({
            "kind": "other_version",
            "declared": declared.key(),
            "row": row.key,
            "columns": columns.iter().map(|column| column.key).collect::<Vec<_>>(),
            "in_place_of": in_place_of.iter().map(|row| row.key).collect::<Vec<_>>(),
        }),
    }
}

fn side_json(terms: &[Term]) -> Value {
    let terms_json: Vec<Value> = terms
        .iter()
        .map(|term| {
            json!({
                "cell": term.cell.field.key(),
                "year": term.cell.year,
                "value": term.value,
                "negative": term.negative,
            })
        })
        .collect();
    json!({ "terms": terms_json, "total": sum_of(terms) })
}

/// The whole run as one JSON document: `findings` (one object per finding), `not_checkable` (one
/// object per impossible check), `errors` (source errors) and `summary`.
pub fn json(checks: &Checks, reports: &[ReportPlace], errors: &[Diagnostic]) -> Value {
    serde_json::to_value(JsonListing {
        checks,
        reports,
        errors,
    })
    .expect("JSON values serialize")
}

/// The document [`json()`] makes, displayed as indented JSON written out as it is made, one
/// finding at a time: at 1,000,000 reports the document held whole takes gigabytes.
pub struct JsonListing<'a> {
    /// The checks.
    pub checks: &'a Checks,
    /// Where each checked report came from.
    pub reports: &'a [ReportPlace],
    /// Source problems.
    pub errors: &'a [Diagnostic],
}

impl Serialize for JsonListing<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // In the order of the keys' names, as a `Value`'s object prints them.
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("errors", &Items(|| self.errors.iter().map(error_json)))?;
        map.serialize_entry(
            "findings",
            &Items(|| self.checks.findings.iter().map(placed_finding_json)),
        )?;
        map.serialize_entry(
            "not_checkable",
            &Items(|| not_checkable_json(self.checks, self.reports)),
        )?;
        map.serialize_entry(
            "summary",
            &summary_json(self.checks, crate::diagnostic::count_errors(self.errors)),
        )?;
        map.end()
    }
}

impl fmt::Display for JsonListing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        serde_json::to_writer_pretty(FormatterWriter(f), self).map_err(|_| fmt::Error)
    }
}

/// A JSON array of the values an iterator gives, serialized as they are made.
struct Items<F>(F);

impl<F, I> Serialize for Items<F>
where
    F: Fn() -> I,
    I: Iterator<Item = Value>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// `serde_json` writes bytes; a formatter takes text (JSON is UTF-8, written whole characters at
/// a time).
struct FormatterWriter<'a, 'f>(&'a mut fmt::Formatter<'f>);

impl io::Write for FormatterWriter<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let text = std::str::from_utf8(bytes)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
        self.0
            .write_str(text)
            .map_err(|_| io::Error::other("the output could not be written"))?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A finding as the data file gives it, and where it stands in the archive.
fn placed_finding_json(finding: &Finding) -> Value {
    let mut object = finding_json(finding);
    object["agency"] = json!(finding.agency);
    object["year"] = json!(finding.year);
    object["file"] = json!(file_json(&finding.file));
    object["line"] = json!(finding.line);
    object
}

/// Each check blank cells made impossible, report by report.
fn not_checkable_json<'a>(
    checks: &'a Checks,
    reports: &'a [ReportPlace],
) -> impl Iterator<Item = Value> + 'a {
    reports
        .iter()
        .zip(&checks.reports)
        .flat_map(|(report, results)| {
            results.rules.iter().flat_map(move |result| {
                result.checks.iter().filter_map(move |check| {
                    let CheckResult::NotCheckable(cells) = &check.result else {
                        return None;
                    };
                    let mut object = json!({
                        "rule": result.rule.id(),
                        "agency": report.agency,
                        "year": report.year,
                        "file": file_json(&report.file),
                        "line": check.line,
                        "subject": check.subject.key(),
                        "cells": cells_of_year(cells, report.year),
                    });
                    if let Some((year, cells)) = previous_cells(cells, report.year) {
                        object["previous_year"] = json!({ "year": year, "cells": cells });
                    }
                    Some(object)
                })
            })
        })
}

fn error_json(error: &Diagnostic) -> Value {
    json!({
        "severity": error.severity,
        "file": file_json(&error.location.file),
        "line": error.location.line,
        "column": error.location.column,
        "message": error.message,
        "help": error.help,
    })
}

fn summary_json(checks: &Checks, error_count: usize) -> Value {
    let summary = checks.summary();
    let by_rule: serde_json::Map<String, Value> = summary
        .by_rule
        .iter()
        .map(|(rule, count)| (rule.id().to_owned(), json!(count)))
        .collect();
    json!({
        "reports": summary.reports,
        "findings": summary.findings,
        "by_rule": by_rule,
        "reports_with_findings": summary.reports_with_findings,
        "not_checkable": summary.not_checkable,
        "errors": error_count,
    })
}

/// A file's path as JSON gives it, with `/` between its parts on every system.
fn file_json(file: &Path) -> String {
    file.to_string_lossy().replace('\\', "/")
}
