//! Checking the published reports: the template's arithmetic (R1–R4), continuity across years
//! (R5, R6) and each report's form (R7–R9), as `docs/check.md` and the spec describe them.
//!
//! Checks run once, on the loaded archive, before anything is drawn ([`Checks::run`]); `archive
//! check` prints them, `archive build` publishes them beside the reports. A **finding** is a fact
//! about the report as its agency published it: it never fails a build (unless `--strict`) and
//! never changes a value. A check that a blank cell makes impossible is *not checkable*, never
//! passed. Which rows and columns add up to which is read from the roles the template definitions
//! give them (`format::RowRole`, `format::ColumnRole`), not from lists of keys.
//!
//! The words of the checks, one per idea:
//!
//! - **rule** ([`Rule`]): R1 … R9, what the spec asks of every report.
//! - **check** ([`Check`]): one test of a rule on one report, at one [`Subject`] and source line.
//! - **subject** ([`Subject`]): what a check looks at: a column or a row of a table, or a part
//!   of the report ([`ReportPart`]: its date, its sections, its fees, its template version).
//! - **field** ([`Field`]): a value a check reads: a table cell ([`CellId`]) or the publication
//!   date; a [`FieldRef`] is a field of the report of one year.
//! - **result** ([`CheckResult`]): how a check came out: passed, failed (with its finding), or not
//!   checkable (with the blank fields that made it impossible).
//! - **finding** ([`Finding`]): what a failed check found on its report: rule, file, line, the
//!   fields involved (`cells`, as the JSON names them), its [`Detail`] and a message.
//! - **term** ([`Term`]): one value of a sum that does not add up.
//! - **rule result** ([`RuleResult`]): a rule's checks on one report: the passed ones counted, the
//!   others kept; its [`RuleStatus`] sums them up.
//! - **report checks** ([`ReportChecks`]): every rule's result on one report, and the similarity
//!   of its narrative to the year before's.
//! - [`Checks`]: the findings and report checks of the whole archive; [`Summary`]: their counts.
//! - **input** (`CheckInput`, private to the checks): what a rule reads to check one report (the
//!   report, the same agency's report of the year before, the archive, the deadlines).

mod form;
mod kept;
pub mod listing;
mod similarity;
mod sources;
mod sums;
mod years;

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Deadlines;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::format::{CellId, ColumnDef, FormatId, Label, RowDef, TableKey, catalog};
use crate::messages::{self, Text};
use crate::model::{AgencyKind, Archive, Report};

pub use kept::{InputKey, KeptChecks, input_keys};
pub use similarity::{SHINGLE, Similarity, repeated_share};
pub use sources::{CheckedSources, ReportPlace, check_sources};

/// A rule of the spec that a published report can break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rule {
    /// 三: 一 + 二 = 三（七）总计 + 四, every column.
    R1,
    /// 三: 总计 = the six applicant columns, every row.
    R2,
    /// 三: （七）总计 = the result rows, every column.
    R3,
    /// 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, each group.
    R4,
    /// 上年结转 (N) = 结转下年度 (N−1).
    R5,
    /// 现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发 (N) − 本年废止 (N), both years gb2021.
    R6,
    /// Published by the deadline for the agency's kind.
    R7,
    /// The six sections, in order; from gb2021 on, section 六 states the 信息处理费.
    R8,
    /// Only rows and columns of the declared template version.
    R9,
}

impl Rule {
    /// Every rule, in order.
    /// The sums of one report's tables 三 and 四 (R1–R4): the checks blank totals stop.
    pub const SUMS: [Rule; 4] = [Rule::R1, Rule::R2, Rule::R3, Rule::R4];

    pub const ALL: [Rule; 9] = [
        Rule::R1,
        Rule::R2,
        Rule::R3,
        Rule::R4,
        Rule::R5,
        Rule::R6,
        Rule::R7,
        Rule::R8,
        Rule::R9,
    ];

    /// The stable id: `R1` … `R9`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::R1 => "R1",
            Rule::R2 => "R2",
            Rule::R3 => "R3",
            Rule::R4 => "R4",
            Rule::R5 => "R5",
            Rule::R6 => "R6",
            Rule::R7 => "R7",
            Rule::R8 => "R8",
            Rule::R9 => "R9",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.id() == id)
    }

    /// How the spec grades a finding of this rule: the sums of one report (R1–R4) are errors, the
    /// rest warnings. Neither fails a build.
    pub fn severity(self) -> Severity {
        match self {
            Rule::R1 | Rule::R2 | Rule::R3 | Rule::R4 => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// Whether the rule compares a report with the same agency's previous year.
    pub fn is_cross_year(self) -> bool {
        matches!(self, Rule::R5 | Rule::R6)
    }

    /// What the rule asks, in both languages of the site.
    pub fn title(self) -> Label {
        let (zh, en) = match self {
            Rule::R1 => (
                "申请情况表：新收与上年结转之和等于办理结果总计与结转下年度之和",
                "Applications: received + carried over = results total + carried forward",
            ),
            Rule::R2 => (
                "申请情况表：每行总计等于各类申请人之和",
                "Applications: each row's total = the sum of its applicant columns",
            ),
            Rule::R3 => (
                "申请情况表：（七）总计等于各项办理结果之和",
                "Applications: (7) total = the sum of the result rows",
            ),
            Rule::R4 => (
                "复议诉讼表：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
                "Reviews and lawsuits: total = upheld + corrected + other + pending",
            ),
            Rule::R5 => (
                "跨年度：上年结转申请数等于上一年度报告的结转下年度数",
                "Across years: carried over = last year's carried forward",
            ),
            Rule::R6 => (
                "跨年度：现行有效件数等于上一年度现行有效件数加本年制发件数减本年废止件数",
                "Across years: in force = last year's in force + issued − repealed",
            ),
            Rule::R7 => (
                "按期发布（政府部门1月31日前，人民政府3月31日前）",
                "Published by the deadline (departments 31 January, people's governments 31 March)",
            ),
            Rule::R8 => (
                "六个部分齐全且顺序正确；2021年版起第六部分说明信息处理费收取情况",
                "All six sections, in order; from the 2021 format on, section 6 states the processing fees",
            ),
            Rule::R9 => (
                "只使用所申报格式版本的行和列",
                "Only rows and columns of the declared template version",
            ),
        };
        Label { zh, en }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A value of a report that a check reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// A cell of one of the tables.
    Cell(CellId),
    /// The publication date (R7).
    Published,
}

impl Field {
    /// The stable name `archive check` and the data files print: the cell's full key
    /// (`table.row.column`), or `published`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Cell(id) => catalog().cell(id).path(),
            Field::Published => "published",
        }
    }
}

/// A field of a report: of the report checked, or of the same agency's report of the year before
/// (R5, R6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FieldRef {
    /// The year of the report holding the field.
    pub year: u16,
    /// The field.
    pub field: Field,
}

/// One value in a sum that does not add up.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The cell.
    pub cell: FieldRef,
    /// The row or column key that tells the term apart within the check (`received`, `upheld`).
    pub name: &'static str,
    /// The row or column label, for pages.
    pub label: Label,
    /// The value as printed.
    pub value: i128,
    /// Whether the value is taken away rather than added (本年废止件数 in R6).
    pub negative: bool,
}

impl Term {
    /// The same value, taken away.
    fn negated(self) -> Term {
        Term {
            negative: true,
            ..self
        }
    }
}

/// The value of one side of a sum.
pub fn sum_of(terms: &[Term]) -> i128 {
    terms
        .iter()
        .map(|term| {
            if term.negative {
                -term.value
            } else {
                term.value
            }
        })
        .sum()
}

/// How one side of a sum is worded: each term's name, the tail of a long sum whose other terms
/// are 0, and a long sum whose every term is 0.
pub struct SideWords<'a> {
    /// A term's name (its key or label, with its year when not the report's).
    pub name: &'a dyn Fn(&Term) -> String,
    /// After the terms that are not 0: `(the other {count} are 0)`.
    pub others_zero: &'a dyn Fn(usize) -> String,
    /// In place of the terms when all {count} are 0.
    pub all_zero: &'a dyn Fn(usize) -> String,
}

/// One side of a sum written out: each term as `name(term)` and its value, joined by + and −,
/// then ` = total` when there is more than one term. With more than six terms only those that are
/// not 0 are written, followed by `others_zero(count of the others)`; when every one of them is
/// 0, `all_zero(count)` alone (never `0 = 0`).
pub fn side_text(terms: &[Term], words: &SideWords<'_>) -> String {
    const LIST_ALL: usize = 6;
    let shown: Vec<&Term> = if terms.len() <= LIST_ALL {
        terms.iter().collect()
    } else {
        terms.iter().filter(|term| term.value != 0).collect()
    };
    if shown.is_empty() {
        return if terms.is_empty() {
            "0".to_owned()
        } else {
            (words.all_zero)(terms.len())
        };
    }
    let mut text = String::new();
    for (at, term) in shown.iter().enumerate() {
        match (at, term.negative) {
            (0, false) => {}
            (0, true) => text.push('−'),
            (_, false) => text.push_str(" + "),
            (_, true) => text.push_str(" − "),
        }
        text.push_str(&format!("{} {}", (words.name)(term), term.value));
    }
    if terms.len() > 1 {
        text.push_str(&format!(" = {}", sum_of(terms)));
    }
    if shown.len() < terms.len() {
        text.push_str(&(words.others_zero)(terms.len() - shown.len()));
    }
    text
}

/// What exactly a finding found.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// Two sums that the rule says are equal and are not (R1–R6): `left`, usually the report's
    /// own total, and `right`, what the rule adds up.
    Sums {
        /// The first side.
        left: Vec<Term>,
        /// The second side.
        right: Vec<Term>,
    },
    /// Published after the deadline (R7).
    Late {
        /// The date printed on the report.
        published: jiff::civil::Date,
        /// The last day allowed.
        deadline: jiff::civil::Date,
        /// The agency's kind, which chose the deadline.
        kind: AgencyKind,
    },
    /// Sections missing or out of order (R8).
    Sections {
        /// The section numbers (1 … 6) without a heading.
        missing: Vec<u8>,
        /// The order the headings stand in, when it is not 一 … 六.
        order: Option<Vec<u8>>,
    },
    /// Section 六 of a gb2021 report does not state the 信息处理费 (R8).
    NoFeeStatement,
    /// A row, or columns of a row, of the other template version (R9).
    OtherVersion {
        /// The version the report declares.
        declared: FormatId,
        /// The row.
        row: &'static RowDef,
        /// The other version's columns used, when the declared version has the row.
        columns: Vec<&'static ColumnDef>,
        /// The declared version's rows that the row stands in for.
        in_place_of: Vec<&'static RowDef>,
    },
}

/// A part of a report that a check looks at as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportPart {
    /// The publication date (R7).
    Published,
    /// The six sections (R8).
    Sections,
    /// The fee statement of section 六 (R8).
    Fees,
    /// The declared template version, when the report has only its rows and columns (R9).
    Version(FormatId),
}

impl ReportPart {
    /// The stable name: `published`, `sections`, `fees`, or the version's key.
    pub fn key(self) -> &'static str {
        match self {
            ReportPart::Published => "published",
            ReportPart::Sections => "sections",
            ReportPart::Fees => "fees",
            ReportPart::Version(format) => format.key(),
        }
    }
}

/// What one check looks at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Subject {
    /// A column of a table, checked down its rows (R1, R3, R5).
    Column(TableKey, &'static ColumnDef),
    /// A row of a table, checked across its columns (R2, R4, R6, R9).
    Row(TableKey, &'static RowDef),
    /// A part of the report (R7, R8, R9).
    Part(ReportPart),
}

impl Subject {
    /// The stable name `archive check` prints: `applications.natural_person` (a column),
    /// `appeals.review` (a row), `sections` …
    pub fn key(&self) -> String {
        match self {
            Subject::Column(table, column) => format!("{}.{}", table.key(), column.key),
            Subject::Row(table, row) => format!("{}.{}", table.key(), row.key),
            Subject::Part(part) => part.key().to_owned(),
        }
    }

    /// The labels naming it, outermost first, for pages; none for a part of the report.
    pub fn labels(&self) -> Vec<Label> {
        let (groups, label) = match self {
            Subject::Column(_, column) => (column.groups, column.label),
            Subject::Row(_, row) => (row.groups, row.label),
            Subject::Part(_) => return Vec::new(),
        };
        groups.iter().copied().chain([label]).collect()
    }
}

/// A fact about one published report that breaks a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// The report (a position in `archive.reports`).
    pub report: usize,
    /// The report's agency id.
    pub agency: String,
    /// The report's year.
    pub year: u16,
    /// The source file, relative to the site's root.
    pub file: PathBuf,
    /// The line of the row (or field, or heading) concerned.
    pub line: Option<usize>,
    /// What the check looked at.
    pub subject: Subject,
    /// The fields involved, this report's first.
    pub cells: Vec<FieldRef>,
    /// What exactly was found.
    pub detail: Detail,
    /// One line saying it, with the numbers (lower case, no trailing period), in both languages.
    pub message: Text,
}

impl Finding {
    /// The spec's grade of the finding.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The keys of the fields of the report itself.
    pub fn own_cells(&self) -> Vec<&'static str> {
        cells_of_year(&self.cells, self.year)
    }

    /// The previous year and the keys of its fields, for R5 and R6.
    pub fn previous_cells(&self) -> Option<(u16, Vec<&'static str>)> {
        previous_cells(&self.cells, self.year)
    }

    /// `file:line`.
    pub fn location(&self) -> String {
        location(&self.file, self.line)
    }

    /// The finding as a diagnostic, for builds that `--strict` makes fail on findings.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut location = Location::file(&self.file);
        location.line = self.line;
        let message = format!("{} {}", self.rule, self.message.here());
        Diagnostic::error(location, message).with_help(messages::check::strict_help())
    }
}

/// The keys of the fields of `year`'s report.
fn cells_of_year(cells: &[FieldRef], year: u16) -> Vec<&'static str> {
    cells
        .iter()
        .filter(|cell| cell.year == year)
        .map(|cell| cell.field.key())
        .collect()
}

fn previous_cells(cells: &[FieldRef], year: u16) -> Option<(u16, Vec<&'static str>)> {
    let previous = cells.iter().find(|cell| cell.year != year)?.year;
    Some((previous, cells_of_year(cells, previous)))
}

fn location(file: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}:{line}", file.display()),
        None => file.display().to_string(),
    }
}

/// How one check came out. A rule gives a failed check its finding (`F` = [`Finding`]); the
/// checks kept in a [`RuleResult`] give the finding's position in [`Checks::findings`] instead
/// (`F` = `usize`).
#[derive(Clone, Debug, PartialEq)]
pub enum CheckResult<F = Finding> {
    /// The report does what the rule asks.
    Passed,
    /// The report breaks the rule: this finding.
    Failed(F),
    /// Blank fields (cells, or the publication date) make the check impossible: these.
    NotCheckable(Vec<FieldRef>),
}

/// One check of a rule on one report: a column, a row, a part.
#[derive(Clone, Debug, PartialEq)]
pub struct Check<F = Finding> {
    /// What the check looks at.
    pub subject: Subject,
    /// The source line concerned.
    pub line: Option<usize>,
    /// How it came out.
    pub result: CheckResult<F>,
}

impl Check {
    /// A failed check, from its finding.
    fn failed(finding: Finding) -> Check {
        Check {
            subject: finding.subject,
            line: finding.line,
            result: CheckResult::Failed(finding),
        }
    }
}

/// How a rule came out on a report, over all its checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    /// Every check passed.
    Passed,
    /// At least one finding.
    Failed,
    /// No finding, but some checks were impossible.
    NotCheckable,
    /// The rule does not apply (no previous year, a gb2019 year for R6, no such table).
    NotApplicable,
}

/// A rule's checks on one report. Only the checks that did not pass are kept, the others
/// counted: at archive scale the passed ones (about 60 a report) were most of the memory the
/// checks held.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleResult {
    /// The rule.
    pub rule: Rule,
    /// How many checks passed.
    pub passed: usize,
    /// The checks that failed or were not checkable, in the order the rule made them; a failed
    /// one gives its finding's position in [`Checks::findings`].
    pub checks: Vec<Check<usize>>,
}

impl RuleResult {
    /// How many checks the rule made; none when it does not apply.
    pub fn total(&self) -> usize {
        self.passed + self.checks.len()
    }

    /// The rule's outcome over all its checks.
    pub fn status(&self) -> RuleStatus {
        if self.total() == 0 {
            RuleStatus::NotApplicable
        } else if self.failed().next().is_some() {
            RuleStatus::Failed
        } else if self.not_checkable().next().is_some() {
            RuleStatus::NotCheckable
        } else {
            RuleStatus::Passed
        }
    }

    /// The positions in [`Checks::findings`] of the findings of the checks that failed.
    pub fn failed(&self) -> impl Iterator<Item = usize> {
        self.checks.iter().filter_map(|check| match check.result {
            CheckResult::Failed(number) => Some(number),
            _ => None,
        })
    }

    /// How many checks passed, failed and could not run.
    pub fn counts(&self) -> CheckCounts {
        CheckCounts {
            passed: self.passed,
            failed: self.failed().count(),
            not_checkable: self.not_checkable().count(),
        }
    }

    /// The checks that blank fields made impossible.
    pub fn not_checkable(&self) -> impl Iterator<Item = (&Check<usize>, &[FieldRef])> {
        self.checks.iter().filter_map(|check| match &check.result {
            CheckResult::NotCheckable(cells) => Some((check, cells.as_slice())),
            _ => None,
        })
    }
}

/// Everything checked on one report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportChecks {
    /// R1 … R9, in order.
    pub rules: Vec<RuleResult>,
    /// The narrative's similarity to the agency's previous report, if it has one.
    pub similarity: Option<Similarity>,
}

/// How many checks passed, failed and could not run (blank fields): what a "no findings" rests on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CheckCounts {
    /// Checks that ran and passed.
    pub passed: usize,
    /// Checks that ran and found something.
    pub failed: usize,
    /// Checks that blank fields (or a missing date) made impossible.
    pub not_checkable: usize,
}

impl CheckCounts {
    /// Checks made in all.
    pub fn total(self) -> usize {
        self.passed + self.failed + self.not_checkable
    }

    /// Checks that ran.
    pub fn ran(self) -> usize {
        self.passed + self.failed
    }

    /// Whether more checks could not run than ran: then "no findings" says little, and pages
    /// say how many ran instead.
    pub fn mostly_not_checkable(self) -> bool {
        self.not_checkable > self.ran()
    }
}

/// The counts of two sets of checks together.
impl std::ops::Add for CheckCounts {
    type Output = CheckCounts;

    fn add(self, other: CheckCounts) -> CheckCounts {
        CheckCounts {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
            not_checkable: self.not_checkable + other.not_checkable,
        }
    }
}

impl ReportChecks {
    /// The counts of the rules `rules` together.
    pub fn counts(&self, rules: &[Rule]) -> CheckCounts {
        rules
            .iter()
            .map(|&rule| self.rule(rule).counts())
            .fold(CheckCounts::default(), std::ops::Add::add)
    }

    /// The result of one rule.
    pub fn rule(&self, rule: Rule) -> &RuleResult {
        &self.rules[Rule::ALL
            .iter()
            .position(|&known| known == rule)
            .expect("every rule")]
    }
}

/// The checks of a whole archive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    /// Every finding, by report (agency, then year), then by line.
    pub findings: Vec<Finding>,
    /// The checks of each report, at the report's position in `archive.reports`.
    pub reports: Vec<ReportChecks>,
}

/// What a rule reads to check one report.
struct CheckInput<'a> {
    at: usize,
    report: &'a Report,
    /// The same agency's report of the year before, if the archive has it.
    previous_year: Option<&'a Report>,
    archive: &'a Archive,
    deadlines: &'a Deadlines,
}

impl<'a> CheckInput<'a> {
    /// The report at `at`, with what its checks read.
    fn of(archive: &'a Archive, deadlines: &'a Deadlines, at: usize) -> CheckInput<'a> {
        CheckInput {
            at,
            report: &archive.reports[at],
            previous_year: archive
                .year_before(at)
                .map(|before| &archive.reports[before]),
            archive,
            deadlines,
        }
    }

    /// A check of `rule` on this report that failed: what it found, placed on the report.
    fn failed(
        &self,
        rule: Rule,
        subject: Subject,
        line: Option<usize>,
        cells: Vec<FieldRef>,
        detail: Detail,
        message: Text,
    ) -> Check {
        Check::failed(Finding {
            rule,
            report: self.at,
            agency: self.report.agency.clone(),
            year: self.report.year,
            file: self.report.source.file.clone(),
            line,
            subject,
            cells,
            detail,
            message,
        })
    }
}

impl Checks {
    /// Checks every report of an archive, and compares each narrative with the agency's
    /// previous report's (the report pages show it).
    pub fn run(archive: &Archive, deadlines: &Deadlines) -> Checks {
        Checks::of_similarities(archive, deadlines, similarity::of_every_report(archive))
    }

    /// Checks every report of an archive against the rules only: the narratives' similarity, a
    /// quarter of the work, is no finding. `archive check` does the same agency by agency as it
    /// reads the sources ([`check_sources`]).
    pub fn run_rules(archive: &Archive, deadlines: &Deadlines) -> Checks {
        Checks::of_similarities(archive, deadlines, vec![None; archive.reports.len()])
    }

    fn of_similarities(
        archive: &Archive,
        deadlines: &Deadlines,
        similarities: Vec<Option<Similarity>>,
    ) -> Checks {
        let per_report: Vec<(ReportChecks, Vec<Finding>)> = similarities
            .into_par_iter()
            .enumerate()
            .map(|(at, similarity)| check_report(archive, deadlines, at, similarity))
            .collect();
        let mut checks = Checks::default();
        for (report, findings) in per_report {
            checks.push_report(report, findings);
        }
        checks
    }

    /// Finds the similarity of the report at `at` to its agency's previous report again, from
    /// the archive as it is now: `serve` checks the rules only ([`Checks::run_rules`]) and finds
    /// a report's similarity when it draws the report's page, the only one that shows it.
    pub fn refresh_similarity(&mut self, archive: &Archive, at: usize) {
        if let Some(report) = self.reports.get_mut(at) {
            report.similarity = similarity::to_previous(archive, at);
        }
    }

    /// Adds the next report's checks, with its findings (numbered from 0 for the report, each
    /// already giving the report's position).
    fn push_report(&mut self, mut report: ReportChecks, findings: Vec<Finding>) {
        number_findings(&mut report, self.findings.len());
        self.findings.extend(findings);
        self.reports.push(report);
    }

    /// Checks again the reports at `changed` after they were edited in place (the archive's
    /// reports kept their positions), with every report whose checks read them: the same
    /// agency's next report (R5, R6 and the similarity compare with the year before).
    pub fn update(&mut self, archive: &Archive, deadlines: &Deadlines, changed: &[usize]) {
        let mut affected: Vec<usize> = Vec::new();
        for &at in changed {
            affected.push(at);
            if archive
                .reports
                .get(at + 1)
                .is_some_and(|next| next.agency == archive.reports[at].agency)
            {
                affected.push(at + 1);
            }
        }
        affected.sort_unstable();
        affected.dedup();
        let mut fresh: Vec<(usize, ReportChecks, Vec<Finding>)> = affected
            .par_iter()
            .map(|&at| {
                let similarity = similarity::to_previous(archive, at);
                let (report, findings) = check_report(archive, deadlines, at, similarity);
                (at, report, findings)
            })
            .collect();
        // Splice the new findings in, report by report, and renumber every report's failed
        // checks: findings are one list ordered by report.
        let mut old = std::mem::take(&mut self.findings).into_iter().peekable();
        let mut fresh = fresh.drain(..).peekable();
        for at in 0..self.reports.len() {
            let mut own: Vec<Finding> = Vec::new();
            while let Some(finding) = old.next_if(|finding| finding.report == at) {
                own.push(finding);
            }
            let first = self.findings.len();
            if let Some((_, report, findings)) = fresh.next_if(|(changed, _, _)| *changed == at) {
                self.reports[at] = report;
                number_findings(&mut self.reports[at], first);
                self.findings.extend(findings);
            } else {
                renumber_findings(&mut self.reports[at], first, !own.is_empty());
                self.findings.extend(own);
            }
        }
    }

    /// The checks of the report at `at`.
    pub fn of_report(&self, at: usize) -> &ReportChecks {
        &self.reports[at]
    }

    /// The findings on the report at `at`.
    pub fn findings_of(&self, at: usize) -> impl Iterator<Item = &Finding> {
        let start = self.findings.partition_point(|finding| finding.report < at);
        self.findings[start..]
            .iter()
            .take_while(move |finding| finding.report == at)
    }

    /// The printed totals of the report at `at` that its own parts contradict: each failed sum
    /// check (R2–R4) whose one side is a single cell of the report, with what its parts add up
    /// to. The one rule every derived view follows for such a total (docs/data.md): it is shown
    /// and counted as printed, never replaced, and marked with this sum beside it.
    pub fn contradicted_totals(&self, at: usize) -> impl Iterator<Item = Contradiction> + '_ {
        self.findings_of(at).filter_map(Contradiction::of)
    }

    /// The contradiction of `cell` of the report at `at`, when it is a printed total its parts
    /// contradict (the first finding that says so: （七）总计's 总计 is a total of R2 and R3).
    pub fn contradicted_total(&self, at: usize, cell: CellId) -> Option<Contradiction> {
        self.contradicted_totals(at)
            .find(|contradiction| contradiction.cell == cell)
    }

    /// The counts `archive build` prints.
    pub fn summary(&self) -> Summary {
        let mut by_rule: Vec<(Rule, usize)> = Vec::new();
        for rule in Rule::ALL {
            let count = self
                .findings
                .iter()
                .filter(|finding| finding.rule == rule)
                .count();
            if count > 0 {
                by_rule.push((rule, count));
            }
        }
        let mut reports_with_findings: Vec<usize> =
            self.findings.iter().map(|finding| finding.report).collect();
        reports_with_findings.dedup();
        Summary {
            findings: self.findings.len(),
            by_rule,
            reports_with_findings: reports_with_findings.len(),
            reports: self.reports.len(),
            not_checkable: self
                .reports
                .iter()
                .flat_map(|report| &report.rules)
                .map(|rule| rule.not_checkable().count())
                .sum(),
        }
    }
}

fn evaluate(rule: Rule, input: &CheckInput<'_>) -> Vec<Check> {
    match rule {
        Rule::R1 => sums::balance(input),
        Rule::R2 | Rule::R4 => sums::row_totals(input, rule),
        Rule::R3 => sums::results_total(input),
        Rule::R5 => years::carried_over(input),
        Rule::R6 => years::in_force(input),
        Rule::R7 => form::deadline(input),
        Rule::R8 => form::sections(input),
        Rule::R9 => form::other_version(input),
    }
}

/// A printed total that the report's own parts contradict (an R2, R3 or R4 finding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contradiction {
    /// The total's cell.
    pub cell: CellId,
    /// The rule whose check found it.
    pub rule: Rule,
    /// The total as printed.
    pub printed: i128,
    /// What the parts the template adds into it add up to.
    pub parts: i128,
}

impl Contradiction {
    /// The contradiction a finding states, when it is a sum check of one report whose first side
    /// is one cell: R1's sides are both sums and R5, R6 compare two years.
    fn of(finding: &Finding) -> Option<Contradiction> {
        if !matches!(finding.rule, Rule::R2 | Rule::R3 | Rule::R4) {
            return None;
        }
        let Detail::Sums { left, right } = &finding.detail else {
            return None;
        };
        let [total] = left.as_slice() else {
            return None;
        };
        let Field::Cell(cell) = total.cell.field else {
            return None;
        };
        (total.cell.year == finding.year && !total.negative).then(|| Contradiction {
            cell,
            rule: finding.rule,
            printed: total.value,
            parts: sum_of(right),
        })
    }
}

/// The counts of a run of checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Findings in all.
    pub findings: usize,
    /// Findings of each rule that has any, in rule order.
    pub by_rule: Vec<(Rule, usize)>,
    /// Reports with at least one finding.
    pub reports_with_findings: usize,
    /// Reports checked.
    pub reports: usize,
    /// Checks that blank cells (or an unknown date) made impossible.
    pub not_checkable: usize,
}

impl Summary {
    /// `checks: 7 findings (2 R3, 2 R4, 1 R6, 2 R9) in 4 of 10 reports; 50 checks not
    /// checkable`, in both languages.
    pub fn text(&self) -> Text {
        use messages::check::{s, summary_findings, summary_no_findings};
        if self.by_rule.is_empty() {
            return summary_no_findings(
                self.reports,
                s(self.reports),
                self.not_checkable,
                s(self.not_checkable),
            );
        }
        let counts: Vec<String> = self
            .by_rule
            .iter()
            .map(|(rule, count)| format!("{count} {rule}"))
            .collect();
        summary_findings(
            self.findings,
            s(self.findings),
            &counts.join(", "),
            self.reports_with_findings,
            self.reports,
            s(self.reports),
            self.not_checkable,
            s(self.not_checkable),
        )
    }
}

/// The summary in the terminal's language.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().here())
    }
}

/// Checks one report; its failed checks point at the returned findings by their position.
fn check_report(
    archive: &Archive,
    deadlines: &Deadlines,
    at: usize,
    similarity: Option<Similarity>,
) -> (ReportChecks, Vec<Finding>) {
    check_report_keeping(
        archive,
        deadlines,
        at,
        similarity,
        std::array::from_fn(|_| None),
    )
}

/// [`check_report`], with the rules whose result is in `kept` (in the order of [`Rule::ALL`]:
/// a rule none of whose checks failed on the same inputs last time) taken as kept instead of
/// run: a report with one finding has that rule alone run again.
fn check_report_keeping(
    archive: &Archive,
    deadlines: &Deadlines,
    at: usize,
    similarity: Option<Similarity>,
    kept: [Option<RuleResult>; Rule::ALL.len()],
) -> (ReportChecks, Vec<Finding>) {
    let input = CheckInput::of(archive, deadlines, at);
    let mut rules = Vec::new();
    // (rule, check) of each finding, to point the check at the finding once ordered.
    let mut findings: Vec<((usize, usize), Finding)> = Vec::new();
    for (rule, kept) in Rule::ALL.into_iter().zip(kept) {
        if let Some(kept) = kept {
            rules.push(kept);
            continue;
        }
        let mut result = RuleResult {
            rule,
            passed: 0,
            checks: Vec::new(),
        };
        for check in evaluate(rule, &input) {
            let kept = match check.result {
                CheckResult::Passed => {
                    result.passed += 1;
                    continue;
                }
                CheckResult::Failed(finding) => {
                    findings.push(((rules.len(), result.checks.len()), finding));
                    CheckResult::Failed(usize::MAX)
                }
                CheckResult::NotCheckable(cells) => CheckResult::NotCheckable(cells),
            };
            result.checks.push(Check {
                subject: check.subject,
                line: check.line,
                result: kept,
            });
        }
        rules.push(result);
    }
    // The report's findings in order of line, then rule.
    findings.sort_by_key(|(_, finding)| (finding.line.unwrap_or(0), finding.rule));
    let mut ordered = Vec::with_capacity(findings.len());
    for (number, ((rule, check), finding)) in findings.into_iter().enumerate() {
        rules[rule].checks[check].result = CheckResult::Failed(number);
        ordered.push(finding);
    }
    (ReportChecks { rules, similarity }, ordered)
}

/// Turns a report's finding positions (from 0) into positions in the archive's list.
fn number_findings(report: &mut ReportChecks, first: usize) {
    for check in report
        .rules
        .iter_mut()
        .flat_map(|rule| rule.checks.iter_mut())
    {
        if let CheckResult::Failed(number) = &mut check.result {
            *number += first;
        }
    }
}

/// Moves a report's findings, already numbered in the archive's list, to start at `first`.
fn renumber_findings(report: &mut ReportChecks, first: usize, has_findings: bool) {
    if !has_findings {
        return;
    }
    let old_first = report
        .rules
        .iter()
        .flat_map(RuleResult::failed)
        .min()
        .unwrap_or(first);
    for check in report
        .rules
        .iter_mut()
        .flat_map(|rule| rule.checks.iter_mut())
    {
        if let CheckResult::Failed(number) = &mut check.result {
            *number = *number - old_first + first;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
