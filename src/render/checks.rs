//! The checks as pages show them: a report's 数据核验 box, an agency's findings across years, and
//! the archive-wide 数据质量 page. Every sentence is made here, in the site's language, from the
//! findings' details; templates only print.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use super::i18n::Words;
use super::table::definitions;
use archive_core::check::{
    Check, CheckCounts, Checks, Detail, Field, FieldRef, Finding, ReportChecks, Rule, RuleResult,
    RuleStatus, Similarity, Term,
};
use archive_core::compare::row_order;
use archive_core::diagnostic::Severity;
use archive_core::format::Language;
use archive_core::format::{FormatId, Label, TableKey, catalog, without_note};
use archive_core::model::{Archive, Report};

/// The labels naming a checked row or column, without the outermost heading when there are
/// three or more (申请人情况 › 法人或其他组织 › 商业企业 → 法人或其他组织 · 商业企业).
fn subject_text(labels: &[Label], words: &Words) -> String {
    let skip = usize::from(labels.len() >= 3);
    labels[skip..]
        .iter()
        .map(|label| without_note(words.label(*label)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A field's labels: a cell's row and column (（七）总计 · 自然人), as the version `format` labels
/// them where it has the cell.
pub(super) fn field_label(field: Field, format: FormatId, words: &Words) -> String {
    let Field::Cell(id) = field else {
        return words.get("published").to_owned();
    };
    let (row, column) = definitions(catalog().cell(id), format);
    format!(
        "{} · {}",
        without_note(words.label(row.label)),
        without_note(words.label(column.label))
    )
}

/// A link to a value cell of a report page.
#[derive(Debug, Serialize)]
pub(super) struct CellLink {
    key: String,
    label: String,
    url: String,
}

/// One finding, ready to print.
#[derive(Debug, Serialize)]
pub(super) struct FindingView {
    rule: &'static str,
    title: &'static str,
    /// `error` or `warning` (a class name).
    severity: &'static str,
    severity_label: &'static str,
    subject: String,
    statement: String,
    cells: Vec<CellLink>,
    cell_count: usize,
    /// For lists across reports: the report's agency, year and page.
    agency: String,
    year: u16,
    url: String,
    /// Where a reader sees what was found: the report's first cell concerned (its total, for a
    /// sum), or its 数据核验 box when no cell is.
    target_url: String,
}

/// A rule's line in a report's box.
#[derive(Debug, Serialize)]
pub(super) struct RuleLine {
    rule: &'static str,
    title: &'static str,
    note: String,
}

/// A rule some of whose checks blank cells made impossible.
#[derive(Debug, Serialize)]
pub(super) struct NotCheckableView {
    rule: &'static str,
    title: &'static str,
    note: String,
    /// The rows or columns not checked.
    subjects: Vec<String>,
    /// How many blank cells stopped them (none for a missing date); the cells themselves are
    /// listed once for the whole box, in `ReportChecksView::blanks`.
    blank_count: usize,
}

/// The blank cells of one row that made checks impossible.
#[derive(Debug, Serialize)]
pub(super) struct BlankGroup {
    /// The row's label (and its year, when it is another year's).
    row: String,
    /// Each cell, labelled by its column.
    cells: Vec<CellLink>,
}

/// The similarity of the narrative to the previous report.
#[derive(Debug, Serialize)]
pub(super) struct SimilarityView {
    percent: u32,
    over_half: bool,
    text: String,
    previous_url: String,
}

/// A report page's 数据核验 box.
#[derive(Debug, Serialize)]
pub(super) struct ReportChecksView {
    summary: String,
    findings: Vec<FindingView>,
    passed: Vec<RuleLine>,
    not_checkable: Vec<NotCheckableView>,
    /// Every blank cell that made a check impossible, once (rules share most of them), grouped
    /// by row, linked to its place: `#cell-…` on this page, or another year's report.
    blanks: Vec<BlankGroup>,
    /// How many blank cells `blanks` holds.
    blank_count: usize,
    not_applicable: Vec<RuleLine>,
    similarity: Option<SimilarityView>,
}

/// One rule's outcome on a pair of consecutive years (agency page).
#[derive(Debug, Serialize)]
pub(super) struct PairRule {
    rule: &'static str,
    title: &'static str,
    /// `passed`, `failed`, `not_checkable`, `not_applicable` (a class name).
    status: RuleStatus,
    status_label: &'static str,
    findings: Vec<FindingView>,
}

/// Two consecutive years of an agency, compared (agency page).
#[derive(Debug, Serialize)]
pub(super) struct YearPair {
    from: u16,
    to: u16,
    to_url: String,
    rules: Vec<PairRule>,
}

/// A rule's counts on the 数据质量 page.
#[derive(Debug, Serialize)]
pub(super) struct RuleCount {
    rule: &'static str,
    title: &'static str,
    severity: &'static str,
    severity_label: &'static str,
    findings: usize,
    reports: usize,
    /// The rule's checks over every report: passed, failed, not checkable.
    checks: CheckCounts,
    not_checkable: usize,
    anchor: String,
}

/// One rule's findings on the 数据质量 page.
#[derive(Debug, Serialize)]
pub(super) struct RuleFindings {
    rule: &'static str,
    title: &'static str,
    anchor: String,
    count: usize,
    findings: Vec<FindingView>,
}

/// A cell of the agency × year grid: the report's finding count, or none for a year without a
/// report.
#[derive(Debug, Serialize)]
pub(super) struct GridCell {
    count: usize,
    url: String,
    /// When most of the report's checks could not run, what that count rests on: "2/40".
    unchecked: Option<String>,
}

/// An agency's line of the grid.
#[derive(Debug, Serialize)]
pub(super) struct GridRow {
    name: String,
    url: String,
    total: usize,
    years: Vec<Option<GridCell>>,
}

/// The 数据质量 page.
#[derive(Debug, Serialize)]
pub(super) struct QualityView {
    findings: usize,
    reports: usize,
    reports_with_findings: usize,
    not_checkable: usize,
    summary: String,
    rules: Vec<RuleCount>,
    years: Vec<u16>,
    grid: Vec<GridRow>,
    by_rule: Vec<RuleFindings>,
}

/// The checks in a line, for the home page.
#[derive(Debug, Serialize)]
pub(super) struct HomeSummary {
    findings: usize,
    text: String,
}

/// Builds the checks' views for one language.
pub(super) struct ChecksViews<'a> {
    archive: &'a Archive,
    checks: &'a Checks,
    words: Words,
    /// The page address of each report, by position.
    report_urls: Vec<String>,
}

impl<'a> ChecksViews<'a> {
    pub(super) fn new(
        archive: &'a Archive,
        checks: &'a Checks,
        language: Language,
        report_url: impl Fn(&Report) -> String,
    ) -> ChecksViews<'a> {
        ChecksViews {
            archive,
            checks,
            words: Words::new(language),
            report_urls: archive.reports.iter().map(report_url).collect(),
        }
    }

    /// The value cells of the report at `at` that its findings concern, to mark in its tables.
    pub(super) fn flagged(&self, at: usize) -> HashSet<String> {
        self.checks
            .findings_of(at)
            .flat_map(|finding| finding.own_cells())
            .map(str::to_owned)
            .collect()
    }

    /// The keys of the value cells of the report at `at` that a link of the site lands on
    /// (`#cell-KEY`): the cells its findings concern and the blank cells that stopped its checks,
    /// and those of its cells that the agency's report of the next year cites (R5, R6 compare
    /// with the year before). Only these cells carry an `id` on its page: an id on each of some
    /// 210 cells was 10 KB of a 46 KB page (issue 16, docs/benchmarks.md "Output size").
    pub(super) fn linked(&self, at: usize) -> HashSet<&'static str> {
        let report = &self.archive.reports[at];
        let next = report
            .year
            .checked_add(1)
            .and_then(|year| self.year_report(&report.agency, year));
        [Some(at), next]
            .into_iter()
            .flatten()
            .flat_map(|citing| self.cited_cells(citing))
            .filter(|cell| cell.year == report.year && matches!(cell.field, Field::Cell(_)))
            .map(|cell| cell.field.key())
            .collect()
    }

    /// Every cell that the findings of the report at `at` and its checks that blanks stopped
    /// link to, of any year.
    fn cited_cells(&self, at: usize) -> impl Iterator<Item = &FieldRef> {
        let findings = self
            .checks
            .findings_of(at)
            .flat_map(|finding| &finding.cells);
        let blanks = self
            .checks
            .of_report(at)
            .rules
            .iter()
            .flat_map(|result| result.not_checkable().flat_map(|(_, cells)| cells));
        findings.chain(blanks)
    }

    /// Of those, the totals: the first side of each finding of sums that differ (the report's
    /// own 总计 or 合计), marked apart from the cells that should add up to it.
    pub(super) fn flagged_totals(&self, at: usize) -> HashSet<String> {
        self.checks
            .findings_of(at)
            .flat_map(|finding| match &finding.detail {
                Detail::Sums { left, .. } => left
                    .iter()
                    .filter(|term| term.cell.year == finding.year)
                    .map(|term| term.cell.field.key().to_owned())
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// The position of `agency`'s report of `year` (reports are sorted by agency, then year).
    fn year_report(&self, agency: &str, year: u16) -> Option<usize> {
        self.archive
            .reports
            .binary_search_by(|report| (report.agency.as_str(), report.year).cmp(&(agency, year)))
            .ok()
    }

    fn year_report_url(&self, agency: &str, year: u16) -> Option<&str> {
        self.year_report(agency, year)
            .map(|at| self.report_urls[at].as_str())
    }

    /// A link to a cell of `agency`'s report of the cell's year, as named on the page of its
    /// report of `year`.
    fn cell_link(&self, cell: &FieldRef, agency: &str, year: u16) -> CellLink {
        let (page, format) =
            self.year_report(agency, cell.year)
                .map_or(("", FormatId::for_year(cell.year)), |at| {
                    (
                        self.report_urls[at].as_str(),
                        self.archive.reports[at].format,
                    )
                });
        let key = cell.field.key();
        let label = field_label(cell.field, format, &self.words);
        CellLink {
            key: key.to_owned(),
            label: if cell.year == year {
                label
            } else {
                self.year_label(cell.year, &label)
            },
            url: format!("{page}#cell-{key}"),
        }
    }

    fn year_label(&self, year: u16, label: &str) -> String {
        self.words.fill(
            "year_term",
            &[("year", &year.to_string()), ("label", label)],
        )
    }

    /// A finding, ready to print.
    pub(super) fn finding(&self, finding: &Finding) -> FindingView {
        let words = &self.words;
        let cells: Vec<CellLink> = finding
            .cells
            .iter()
            .map(|cell| self.cell_link(cell, &finding.agency, finding.year))
            .collect();
        let url = self.report_urls[finding.report].clone();
        let target_url = cells
            .first()
            .filter(|_| finding.cells[0].year == finding.year)
            .map_or_else(|| format!("{url}#checks"), |cell| cell.url.clone());
        FindingView {
            rule: finding.rule.id(),
            title: words.label(finding.rule.title()),
            severity: severity_class(finding.severity()),
            severity_label: words.get(severity_class(finding.severity())),
            subject: subject_text(&finding.subject.labels(), words),
            statement: self.statement(finding),
            cell_count: finding.cells.len(),
            cells,
            agency: self
                .archive
                .agency(&finding.agency)
                .map_or_else(|| finding.agency.clone(), |agency| agency.name.clone()),
            year: finding.year,
            url,
            target_url,
        }
    }

    /// What a finding found, in the site's language.
    fn statement(&self, finding: &Finding) -> String {
        let words = &self.words;
        match &finding.detail {
            Detail::Sums { left, right } => format!(
                "{} ≠ {}",
                self.side(left, finding.year),
                self.side(right, finding.year)
            ),
            Detail::Late {
                published,
                deadline,
                kind,
            } => words.fill(
                "late",
                &[
                    ("published", &published.to_string()),
                    ("deadline", &deadline.to_string()),
                    ("kind", words.label(kind.label())),
                ],
            ),
            Detail::Sections { missing, order } => {
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    let names: Vec<String> = missing.iter().map(|&n| words.section(n)).collect();
                    parts
                        .push(words.fill("sections_missing", &[("sections", &words.list(&names))]));
                }
                if let Some(order) = order {
                    let names: Vec<String> = order.iter().map(|&n| words.section(n)).collect();
                    parts.push(words.fill("sections_order", &[("sections", &words.list(&names))]));
                }
                parts.join(words.get("clause_separator"))
            }
            Detail::NoFeeStatement => words.get("no_fee").to_owned(),
            Detail::OtherVersion {
                declared,
                row,
                columns,
                in_place_of,
            } => {
                let row_name = without_note(words.label(row.label)).to_owned();
                let values = [
                    ("declared", declared.key()),
                    ("other", declared.other().key()),
                    ("row", row_name.as_str()),
                ];
                if columns.is_empty() {
                    let mut text = words.fill("other_row", &values);
                    if !in_place_of.is_empty() {
                        let rows: Vec<String> = in_place_of
                            .iter()
                            .map(|row| {
                                words.fill(
                                    "quoted",
                                    &[("text", without_note(words.label(row.label)))],
                                )
                            })
                            .collect();
                        text.push_str(&words.fill("in_place_of", &[("rows", &words.list(&rows))]));
                    }
                    text
                } else {
                    let names: Vec<String> = columns
                        .iter()
                        .map(|column| {
                            words.fill(
                                "quoted",
                                &[("text", without_note(words.label(column.label)))],
                            )
                        })
                        .collect();
                    let list = words.list(&names);
                    let mut values = values.to_vec();
                    values.push(("columns", &list));
                    words.fill("other_columns", &values)
                }
            }
        }
    }

    /// One side of a sum: `（一）予以公开 6 + （二）部分公开 6 = 12`; terms of another year than
    /// `year` with theirs.
    fn side(&self, terms: &[Term], year: u16) -> String {
        let name = |term: &Term| {
            let label = without_note(self.words.label(term.label));
            if term.cell.year == year {
                label.to_owned()
            } else {
                self.year_label(term.cell.year, label)
            }
        };
        let others_zero = |zeros: usize| {
            self.words
                .fill("others_zero", &[("count", &zeros.to_string())])
        };
        let language = self.words.language();
        let all_zero =
            |count| archive_core::messages::check::all_parts_zero(count).into_language(language);
        archive_core::check::side_text(
            terms,
            &archive_core::check::SideWords {
                name: &name,
                others_zero: &others_zero,
                all_zero: &all_zero,
            },
        )
    }

    /// The 数据核验 box of the report at `at`.
    pub(super) fn report(&self, at: usize) -> ReportChecksView {
        let words = &self.words;
        let results: &ReportChecks = self.checks.of_report(at);
        let report = &self.archive.reports[at];
        let findings: Vec<FindingView> = self
            .checks
            .findings_of(at)
            .map(|finding| self.finding(finding))
            .collect();
        let mut passed = Vec::new();
        let mut not_checkable = Vec::new();
        let mut not_applicable = Vec::new();
        let mut all_blanks: Vec<&FieldRef> = Vec::new();
        for result in &results.rules {
            let rule = result.rule;
            let title = words.label(rule.title());
            match result.status() {
                RuleStatus::Passed => passed.push(RuleLine {
                    rule: rule.id(),
                    title,
                    note: words.fill("passed_all", &[("count", &result.total().to_string())]),
                }),
                RuleStatus::NotApplicable => not_applicable.push(RuleLine {
                    rule: rule.id(),
                    title,
                    note: String::new(),
                }),
                RuleStatus::Failed | RuleStatus::NotCheckable => {
                    not_checkable.extend(self.not_checkable(result, &mut all_blanks));
                }
            }
        }
        let summary = self.report_summary(results, findings.len());
        ReportChecksView {
            summary,
            findings,
            passed,
            not_checkable,
            blank_count: all_blanks
                .iter()
                .filter(|cell| cell.field != Field::Published)
                .count(),
            blanks: self.blank_groups(at, all_blanks),
            not_applicable,
            similarity: results
                .similarity
                .as_ref()
                .map(|similarity| self.similarity(report, similarity)),
        }
    }

    /// A rule's checks that blank cells made impossible, if any; the blank cells (but the
    /// publication date) are added to `all_blanks`, each once.
    fn not_checkable<'r>(
        &self,
        result: &'r RuleResult,
        all_blanks: &mut Vec<&'r FieldRef>,
    ) -> Option<NotCheckableView> {
        let words = &self.words;
        let rule = result.rule;
        let impossible: Vec<(&Check<usize>, &[FieldRef])> = result.not_checkable().collect();
        if impossible.is_empty() {
            return None;
        }
        let mut blanks: Vec<&FieldRef> = Vec::new();
        for (_, cells) in &impossible {
            for cell in *cells {
                if !blanks.contains(&cell) {
                    blanks.push(cell);
                }
                if cell.field != Field::Published && !all_blanks.contains(&cell) {
                    all_blanks.push(cell);
                }
            }
        }
        let note = if rule == Rule::R7 && blanks.is_empty() {
            words.get("kind_unknown").to_owned()
        } else if rule == Rule::R7 {
            words.get("no_date").to_owned()
        } else {
            words.fill(
                "not_checkable_count",
                &[
                    ("passed", &result.passed.to_string()),
                    ("count", &impossible.len().to_string()),
                    ("total", &result.total().to_string()),
                ],
            )
        };
        Some(NotCheckableView {
            rule: rule.id(),
            title: words.label(rule.title()),
            note,
            subjects: impossible
                .iter()
                .map(|(check, _)| check.subject.labels())
                .filter(|labels| !labels.is_empty())
                .map(|labels| subject_text(&labels, words))
                .collect(),
            blank_count: blanks
                .iter()
                .filter(|cell| cell.field != Field::Published)
                .count(),
        })
    }

    /// The narrative's likeness to the agency's report of the year before.
    fn similarity(&self, report: &Report, similarity: &Similarity) -> SimilarityView {
        let previous_url = self
            .year_report_url(&report.agency, similarity.previous_year)
            .unwrap_or_default()
            .to_owned();
        SimilarityView {
            percent: similarity.percent(),
            over_half: similarity.over_half(),
            text: self.words.fill(
                "similarity_text",
                &[
                    ("percent", &similarity.percent().to_string()),
                    ("year", &similarity.previous_year.to_string()),
                ],
            ),
            previous_url,
        }
    }

    /// Links to the blank cells of the report at `at` (as fragments of its own page), grouped
    /// by row in the order rows first come, each cell labelled by its column.
    fn blank_groups(&self, at: usize, blanks: Vec<&FieldRef>) -> Vec<BlankGroup> {
        let report = &self.archive.reports[at];
        let page = self.report_urls[at].as_str();
        let mut groups: Vec<((u16, &'static str, &'static str), BlankGroup)> = Vec::new();
        for cell in blanks {
            let Field::Cell(id) = cell.field else {
                continue;
            };
            let mut link = self.cell_link(cell, &report.agency, report.year);
            if let Some(fragment) = link.url.strip_prefix(page) {
                link.url = fragment.to_owned();
            }
            let definition = catalog().cell(id);
            let format = self
                .year_report(&report.agency, cell.year)
                .map_or(FormatId::for_year(cell.year), |at| {
                    self.archive.reports[at].format
                });
            let (row, column) = definitions(definition, format);
            link.label = without_note(self.words.label(column.label)).to_owned();
            let key = (cell.year, definition.table.key(), definition.row);
            match groups.iter_mut().find(|(known, _)| *known == key) {
                Some((_, group)) => group.cells.push(link),
                None => {
                    let label = without_note(self.words.label(row.label));
                    let row = if cell.year == report.year {
                        label.to_owned()
                    } else {
                        self.year_label(cell.year, label)
                    };
                    groups.push((
                        key,
                        BlankGroup {
                            row,
                            cells: vec![link],
                        },
                    ));
                }
            }
        }
        // In the tables' order: the template's rows, the year before's after this year's.
        groups.sort_by_key(|((year, table, row), _)| {
            let table = TableKey::from_key(table).expect("a table's key");
            let rows = row_order(table);
            (
                std::cmp::Reverse(*year),
                table,
                rows.iter().position(|known| known == row),
            )
        });
        groups.into_iter().map(|(_, group)| group).collect()
    }

    /// What the box says first: the findings, or "no findings" only as far as checks ran.
    fn report_summary(&self, results: &ReportChecks, findings: usize) -> String {
        let words = &self.words;
        let all = results.counts(&Rule::ALL);
        let count = |value: usize| value.to_string();
        let mut summary = if findings > 0 {
            words.fill("finding_count", &[("count", &count(findings))])
        } else if all.not_checkable == 0 {
            words.fill("checks_clean", &[("passed", &count(all.passed))])
        } else {
            let key = if all.mostly_not_checkable() {
                "checks_mostly_unchecked"
            } else {
                "checks_partly_unchecked"
            };
            words.fill(
                key,
                &[
                    ("ran", &count(all.ran())),
                    ("not_checkable", &count(all.not_checkable)),
                    ("total", &count(all.total())),
                ],
            )
        };
        let sums = results.counts(&Rule::SUMS);
        if sums.not_checkable > 0 {
            summary.push_str(&words.fill(
                "sum_checks_unchecked",
                &[
                    ("not_checkable", &count(sums.not_checkable)),
                    ("total", &count(sums.total())),
                ],
            ));
        }
        summary
    }

    /// The cross-year rules (R5, R6) on each pair of consecutive years of an agency's reports
    /// (positions `reports`, oldest first), newest pair first.
    pub(super) fn year_pairs(&self, reports: std::ops::Range<usize>) -> Vec<YearPair> {
        let words = &self.words;
        let mut pairs = Vec::new();
        for at in reports.clone().skip(1).rev() {
            let (before, report) = (&self.archive.reports[at - 1], &self.archive.reports[at]);
            if before.year + 1 != report.year {
                continue;
            }
            let results = self.checks.of_report(at);
            let rules = Rule::ALL
                .into_iter()
                .filter(|rule| rule.is_cross_year())
                .map(|rule| {
                    let result = results.rule(rule);
                    let status = result.status();
                    PairRule {
                        rule: rule.id(),
                        title: words.label(rule.title()),
                        status,
                        status_label: words.get(status_key(status)),
                        findings: result
                            .failed()
                            .map(|number| self.finding(&self.checks.findings[number]))
                            .collect(),
                    }
                })
                .collect();
            pairs.push(YearPair {
                from: before.year,
                to: report.year,
                to_url: self.report_urls[at].clone(),
                rules,
            });
        }
        pairs
    }

    /// The line the home page shows.
    pub(super) fn home_summary(&self) -> HomeSummary {
        HomeSummary {
            findings: self.checks.findings.len(),
            text: self.quality_summary(),
        }
    }

    fn quality_summary(&self) -> String {
        let summary = self.checks.summary();
        self.words.fill(
            "quality_summary",
            &[
                ("findings", &summary.findings.to_string()),
                ("with", &summary.reports_with_findings.to_string()),
                ("reports", &summary.reports.to_string()),
                ("not_checkable", &summary.not_checkable.to_string()),
            ],
        )
    }

    /// The 数据质量 page: every finding by rule, agency and year, with counts.
    pub(super) fn quality(
        &self,
        agencies: impl Iterator<Item = (String, String, std::ops::Range<usize>)>,
    ) -> QualityView {
        let summary = self.checks.summary();
        let years: Vec<u16> = self
            .archive
            .reports
            .iter()
            .map(|report| report.year)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let grid = agencies
            .map(|(name, url, reports)| self.grid_row(name, url, reports, &years))
            .collect();
        QualityView {
            findings: summary.findings,
            reports: summary.reports,
            reports_with_findings: summary.reports_with_findings,
            not_checkable: summary.not_checkable,
            summary: self.quality_summary(),
            rules: Rule::ALL
                .into_iter()
                .map(|rule| self.rule_count(rule))
                .collect(),
            years,
            grid,
            by_rule: Rule::ALL
                .into_iter()
                .filter_map(|rule| self.rule_findings(rule))
                .collect(),
        }
    }

    /// How many findings a rule has, on how many reports, and how many of its checks blanks
    /// made impossible.
    fn rule_count(&self, rule: Rule) -> RuleCount {
        let findings: Vec<&Finding> = self
            .checks
            .findings
            .iter()
            .filter(|finding| finding.rule == rule)
            .collect();
        let reports: BTreeSet<usize> = findings.iter().map(|finding| finding.report).collect();
        let checks_of_rule = self
            .checks
            .reports
            .iter()
            .map(|report| report.counts(&[rule]))
            .fold(CheckCounts::default(), std::ops::Add::add);
        RuleCount {
            rule: rule.id(),
            title: self.words.label(rule.title()),
            severity: severity_class(rule.severity()),
            severity_label: self.words.get(severity_class(rule.severity())),
            findings: findings.len(),
            reports: reports.len(),
            checks: checks_of_rule,
            not_checkable: checks_of_rule.not_checkable,
            anchor: format!("rule-{}", rule.id()),
        }
    }

    /// An agency's line of the grid: its reports' finding counts under `years`, and their total.
    fn grid_row(
        &self,
        name: String,
        url: String,
        reports: std::ops::Range<usize>,
        years: &[u16],
    ) -> GridRow {
        let mut total = 0;
        let cells = years
            .iter()
            .map(|&year| {
                let at = reports
                    .clone()
                    .find(|&at| self.archive.reports[at].year == year)?;
                let count = self.checks.findings_of(at).count();
                total += count;
                let counts = self.checks.of_report(at).counts(&Rule::ALL);
                Some(GridCell {
                    count,
                    url: format!("{}#checks", self.report_urls[at]),
                    unchecked: counts.mostly_not_checkable().then(|| {
                        self.words.fill(
                            "grid_mostly_unchecked",
                            &[
                                ("ran", &counts.ran().to_string()),
                                ("total", &counts.total().to_string()),
                            ],
                        )
                    }),
                })
            })
            .collect();
        GridRow {
            name,
            url,
            total,
            years: cells,
        }
    }

    /// Every finding of a rule, or `None` for a rule without findings.
    fn rule_findings(&self, rule: Rule) -> Option<RuleFindings> {
        let findings: Vec<FindingView> = self
            .checks
            .findings
            .iter()
            .filter(|finding| finding.rule == rule)
            .map(|finding| self.finding(finding))
            .collect();
        (!findings.is_empty()).then(|| RuleFindings {
            rule: rule.id(),
            title: self.words.label(rule.title()),
            anchor: format!("rule-{}", rule.id()),
            count: findings.len(),
            findings,
        })
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn status_key(status: RuleStatus) -> &'static str {
    match status {
        RuleStatus::Passed => "status_passed",
        RuleStatus::Failed => "status_failed",
        RuleStatus::NotCheckable => "status_not_checkable",
        RuleStatus::NotApplicable => "status_not_applicable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_by_row_and_column() {
        let words = Words::new(Language::Zh);
        let cell = |table, row, column| {
            Field::Cell(
                catalog()
                    .find(table, row, column)
                    .expect("a cell of the catalog"),
            )
        };
        use archive_core::format::TableKey::{Active, Applications};
        assert_eq!(
            field_label(
                cell(Applications, "results_total", "natural_person"),
                FormatId::Gb2021,
                &words
            ),
            "（七）总计 · 自然人"
        );
        assert_eq!(
            field_label(
                cell(Active, "normative_documents", "in_force"),
                FormatId::Gb2021,
                &words
            ),
            "行政规范性文件 · 现行有效件数"
        );
        // A gb2021 report's cell that only gb2019 has is named as gb2019 labels it.
        assert_eq!(
            field_label(cell(Active, "rules", "made"), FormatId::Gb2021, &words),
            "规章 · 本年新制作数量"
        );
        assert_eq!(
            field_label(Field::Published, FormatId::Gb2021, &words),
            "发布日期"
        );
    }
}
