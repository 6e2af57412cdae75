//! The three tables of one report: every cell of the declared template, consistent with the
//! rules of `../shared/spec/report-format.md` (R1–R6) and with the agency's previous year, unless
//! a finding is injected on purpose.
//!
//! Each injected finding breaks exactly one rule, and nothing else: a changed cell is always
//! balanced by another so that the neighbouring sums still hold.

use archive_core::decimal::Decimal;
use archive_core::format::{CellId, FormatId, TableKey, catalog};
use archive_core::model::{Cell, Cells};

use crate::places::PlannedAgency;
use crate::rng::Rng;

/// The applicant columns and 总计.
pub(crate) const COLUMNS: usize = 7;
const TOTAL: usize = 6;

/// What one agency's figures carry from one year to the next.
#[derive(Debug, Default)]
pub(crate) struct Series {
    /// Last year's 结转下年度继续办理, which is this year's 上年结转 (R5).
    carried_forward: Option<[u64; COLUMNS]>,
    /// 现行有效件数 of 规章 and 行政规范性文件 (R6).
    in_force: [u64; 2],
    /// Last year's template version.
    previous_format: Option<FormatId>,
    /// gb2019's 上一年项目数量 of 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费.
    items: Option<[u64; 5]>,
    /// gb2019's 对外公开总数量 of 规章 and 规范性文件.
    total_published: [u64; 2],
}

/// One report's tables, row by row in template order.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub(crate) format: FormatId,
    pub(crate) active: Vec<(&'static str, Vec<Cell>)>,
    pub(crate) applications: Vec<(&'static str, [u64; COLUMNS])>,
    pub(crate) appeals: Vec<(&'static str, [u64; 5])>,
    /// Rows left blank (all cells `~`).
    pub(crate) blank_rows: usize,
    /// Whether last year's report was gb2021 too, so that R6 compares the two.
    follows_gb2021: bool,
    /// Whether last year's report exists, so that R5 compares the two.
    follows_a_report: bool,
}

/// A rule broken on purpose, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Injected {
    /// `R1` … `R9`.
    pub(crate) rule: &'static str,
    /// What was changed, e.g. `applications.received.business +3 (and total)`.
    pub(crate) detail: String,
}

/// The rules a report can be made to break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// R1: 第一项加第二项 ≠ 第三项加第四项 in one column (and the total column).
    R1,
    /// R2: a row's 总计 ≠ the sum of its applicant columns (two rows, one column moved).
    R2,
    /// R3: （七）总计 ≠ the sum of the result rows, in one column (and the total column).
    R3,
    /// R4: an appeal group's 总计 ≠ the sum of its four outcomes.
    R4,
    /// R5: 上年结转 ≠ last year's 结转下年度继续办理 in one column (and the total column).
    R5,
    /// R6: 现行有效件数 ≠ last year's + 本年制发 − 本年废止 (行政规范性文件).
    R6,
    /// R7: published after the deadline.
    R7,
    /// R8: a section missing, or gb2021's section 六 silent on 信息处理费.
    R8,
    /// R9: a gb2021 report with gb2019's single （六）其他处理 row.
    R9,
}

impl Fault {
    pub(crate) const ALL: [Fault; 9] = [
        Fault::R1,
        Fault::R2,
        Fault::R3,
        Fault::R4,
        Fault::R5,
        Fault::R6,
        Fault::R7,
        Fault::R8,
        Fault::R9,
    ];

    pub(crate) fn rule(self) -> &'static str {
        match self {
            Fault::R1 => "R1",
            Fault::R2 => "R2",
            Fault::R3 => "R3",
            Fault::R4 => "R4",
            Fault::R5 => "R5",
            Fault::R6 => "R6",
            Fault::R7 => "R7",
            Fault::R8 => "R8",
            Fault::R9 => "R9",
        }
    }
}

/// Typical shares of the applicant columns, per mille (自然人 … 其他).
const APPLICANT_SHARES: [u64; 6] = [870, 70, 4, 4, 32, 20];

/// Typical shares of the result rows, per mille; rows not named get 4.
const RESULT_WEIGHTS: [(&str, u64); 12] = [
    ("disclosed", 420),
    ("partially_disclosed", 90),
    ("withheld_third_party", 10),
    ("withheld_process_info", 12),
    ("unavailable_not_held", 220),
    ("unavailable_needs_creation", 30),
    ("unavailable_unclear", 20),
    ("rejected_petition", 40),
    ("rejected_duplicate", 30),
    ("other_no_correction", 40),
    ("other_other", 35),
    ("other_handling", 80),
];

fn is_result_row(key: &str) -> bool {
    !matches!(
        key,
        "received" | "carried_over" | "results_total" | "carried_forward"
    )
}

/// Makes one year's tables and moves the series on.
pub(crate) fn generate(
    rng: &mut Rng,
    agency: &PlannedAgency,
    format: FormatId,
    series: &mut Series,
) -> Tables {
    let mut tables = Tables {
        format,
        active: active(rng, agency, format, series),
        applications: applications(rng, agency, format, series),
        appeals: Vec::new(),
        blank_rows: 0,
        follows_gb2021: series.previous_format == Some(FormatId::Gb2021),
        follows_a_report: series.previous_format.is_some(),
    };
    tables.blank_rows = tables
        .active
        .iter()
        .filter(|(_, cells)| cells.iter().all(|cell| *cell == Cell::Blank))
        .count();
    let received = tables.applications[0].1[TOTAL];
    tables.appeals = appeals(rng, received);
    series.previous_format = Some(format);
    tables
}

fn applications(
    rng: &mut Rng,
    agency: &PlannedAgency,
    format: FormatId,
    series: &mut Series,
) -> Vec<(&'static str, [u64; COLUMNS])> {
    let template = format.template().table(TableKey::Applications);
    let total = rng.scale(agency.applications, 70, 135);
    let mut received = [0u64; COLUMNS];
    for (column, &share) in APPLICANT_SHARES.iter().enumerate() {
        received[column] = total * rng.scale(share, 40, 160) / 1000;
    }
    // The odd application from a research body or a charity, even at a small office.
    if rng.per_mille(150) {
        received[rng.range(1, 5) as usize] += 1;
    }
    let carried_over = series.carried_forward.unwrap_or_else(|| {
        let mut first = [0u64; COLUMNS];
        for column in 0..TOTAL {
            first[column] = received[column] * rng.range(0, 40) / 1000;
        }
        first
    });
    let results: Vec<&'static str> = template
        .rows()
        .map(|row| row.key)
        .filter(|key| is_result_row(key))
        .collect();
    let weights: Vec<u64> = results
        .iter()
        .map(|key| {
            let weight = RESULT_WEIGHTS
                .iter()
                .find(|(known, _)| known == key)
                .map_or(4, |(_, weight)| *weight);
            rng.scale(weight, 50, 150)
        })
        .collect();
    let weight_sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut result_values = vec![[0u64; COLUMNS]; results.len()];
    let mut carried_forward = [0u64; COLUMNS];
    for column in 0..TOTAL {
        let available = received[column] + carried_over[column];
        carried_forward[column] = available * rng.range(0, 60) / 1000;
        let handled = available - carried_forward[column];
        let mut given = 0;
        for (row, &weight) in weights.iter().enumerate() {
            result_values[row][column] = handled * weight / weight_sum;
            given += result_values[row][column];
        }
        // What the shares leave over goes to rows drawn by weight.
        for _ in given..handled {
            let mut draw = rng.below(weight_sum);
            let row = weights
                .iter()
                .position(|&weight| {
                    if draw < weight {
                        true
                    } else {
                        draw -= weight;
                        false
                    }
                })
                .unwrap_or(0);
            result_values[row][column] += 1;
        }
    }
    let mut rows: Vec<(&'static str, [u64; COLUMNS])> = Vec::with_capacity(25);
    rows.push(("received", with_total(received)));
    rows.push(("carried_over", with_total(carried_over)));
    let mut results_total = [0u64; COLUMNS];
    for (key, values) in results.iter().zip(result_values) {
        for column in 0..TOTAL {
            results_total[column] += values[column];
        }
        rows.push((key, with_total(values)));
    }
    rows.push(("results_total", with_total(results_total)));
    rows.push(("carried_forward", with_total(carried_forward)));
    series.carried_forward = Some(with_total(carried_forward));
    rows
}

fn with_total(mut values: [u64; COLUMNS]) -> [u64; COLUMNS] {
    values[TOTAL] = values[..TOTAL].iter().sum();
    values
}

fn appeals(rng: &mut Rng, received: u64) -> Vec<(&'static str, [u64; 5])> {
    let reviews = received * rng.range(0, 40) / 1000 + rng.below(2);
    let groups = [
        ("review", reviews),
        ("lawsuit_direct", reviews * rng.range(10, 50) / 100),
        ("lawsuit_after_review", reviews * rng.range(5, 35) / 100),
    ];
    groups
        .into_iter()
        .map(|(key, count)| {
            let upheld = count * rng.range(40, 75) / 100;
            let corrected = (count - upheld) * rng.range(0, 40) / 100;
            let other = (count - upheld - corrected) * rng.range(30, 90) / 100;
            let pending = count - upheld - corrected - other;
            (key, [upheld, corrected, other, pending, count])
        })
        .collect()
}

fn active(
    rng: &mut Rng,
    agency: &PlannedAgency,
    format: FormatId,
    series: &mut Series,
) -> Vec<(&'static str, Vec<Cell>)> {
    // The odd report leaves a row empty (or writes /, —, 无 in it).
    let blank_row = rng.per_mille(80).then(|| rng.below(3));
    match format {
        FormatId::Gb2021 => active_2021(rng, agency, series, blank_row),
        FormatId::Gb2019 => active_2019(rng, agency, series, blank_row),
    }
}

fn counts(values: &[u64]) -> Vec<Cell> {
    values.iter().map(|&value| Cell::Count(value)).collect()
}

fn blank(count: usize) -> Vec<Cell> {
    vec![Cell::Blank; count]
}

fn active_2021(
    rng: &mut Rng,
    agency: &PlannedAgency,
    series: &mut Series,
    blank_row: Option<u64>,
) -> Vec<(&'static str, Vec<Cell>)> {
    let activity = agency.activity;
    if series.previous_format != Some(FormatId::Gb2021) {
        series.in_force = [
            if agency.makes_rules {
                rng.range(20, 200)
            } else {
                0
            },
            rng.range(5, 40 + activity / 200),
        ];
    }
    let mut rows = Vec::with_capacity(6);
    for (at, key) in ["rules", "normative_documents"].into_iter().enumerate() {
        let (issued, repealed) = if at == 0 && !agency.makes_rules {
            (0, 0)
        } else {
            let issued = rng.range(0, if at == 0 { 6 } else { 4 + activity / 800 });
            (issued, rng.below(series.in_force[at] / 8 + 1))
        };
        series.in_force[at] = series.in_force[at] + issued - repealed;
        // Bodies that cannot make 规章 often leave the row empty.
        let cells = if at == 0 && !agency.makes_rules && agency.activity.is_multiple_of(3) {
            blank(3)
        } else {
            counts(&[issued, repealed, series.in_force[at]])
        };
        rows.push((key, cells));
    }
    let decisions = |rng: &mut Rng, share: u64| activity * rng.range(share / 2, share) / 100;
    rows.push(("licensing", counts(&[decisions(rng, 120)])));
    rows.push(("penalty", counts(&[decisions(rng, 40)])));
    rows.push(("coercion", counts(&[decisions(rng, 5)])));
    let cents = activity * rng.range(0, 300);
    rows.push((
        "fees",
        vec![Cell::Amount(
            Decimal::new(i64::try_from(cents).expect("an amount"), 2).expect("cents"),
        )],
    ));
    if let Some(row) = blank_row {
        let key = ["coercion", "fees", "penalty"][row as usize];
        if let Some((_, cells)) = rows.iter_mut().find(|(known, _)| *known == key) {
            *cells = blank(cells.len());
        }
    }
    rows
}

fn active_2019(
    rng: &mut Rng,
    agency: &PlannedAgency,
    series: &mut Series,
    blank_row: Option<u64>,
) -> Vec<(&'static str, Vec<Cell>)> {
    let activity = agency.activity;
    let mut rows = Vec::with_capacity(8);
    for (at, key) in ["rules", "normative_documents"].into_iter().enumerate() {
        let made = if at == 0 && !agency.makes_rules {
            0
        } else {
            rng.range(0, if at == 0 { 6 } else { 4 + activity / 800 })
        };
        let published = made - rng.below(made / 4 + 1).min(made);
        if series.total_published[at] == 0 {
            series.total_published[at] = rng.range(0, 60 + activity / 100);
        }
        series.total_published[at] += published;
        rows.push((key, counts(&[made, published, series.total_published[at]])));
    }
    let mut items = series.items.unwrap_or_else(|| {
        [
            rng.range(20, 80 + activity / 100),
            rng.range(5, 40),
            rng.range(50, 200 + activity / 50),
            rng.range(5, 30),
            rng.range(0, 20),
        ]
    });
    let keys = ["licensing", "other_services", "penalty", "coercion", "fees"];
    let shares = [120, 20, 40, 5, 0];
    for (at, key) in keys.into_iter().enumerate() {
        let previous = items[at];
        let change = rng.range(0, 10) as i64 - 4;
        let change = change.max(-(previous as i64));
        items[at] = (previous as i64 + change) as u64;
        let mut cells = vec![Cell::Count(previous), Cell::Change(change)];
        if key != "fees" {
            let share = shares[at];
            cells.push(Cell::Count(
                activity * rng.range(share / 2, share.max(1)) / 100,
            ));
        }
        rows.push((key, cells));
    }
    series.items = Some(items);
    let projects = rng.range(0, 30 + activity / 400);
    let amount = if projects == 0 {
        Cell::text("0万元")
    } else {
        Cell::text(format!("{}万元", projects * rng.range(5, 400)))
    };
    rows.push(("procurement", vec![Cell::Count(projects), amount]));
    if let Some(row) = blank_row {
        let key = ["other_services", "coercion", "procurement"][row as usize];
        if let Some((_, cells)) = rows.iter_mut().find(|(known, _)| *known == key) {
            *cells = blank(cells.len());
        }
    }
    rows
}

impl Tables {
    fn row_mut(&mut self, key: &str) -> &mut [u64; COLUMNS] {
        &mut self
            .applications
            .iter_mut()
            .find(|(known, _)| *known == key)
            .expect("the row is in every version")
            .1
    }

    fn row(&self, key: &str) -> [u64; COLUMNS] {
        self.applications
            .iter()
            .find(|(known, _)| *known == key)
            .map_or([0; COLUMNS], |(_, values)| *values)
    }

    /// Whether `fault` can be injected into this report (R5 and R6 need last year's report, R6
    /// and R9 a gb2021 one).
    /// (行政规范性文件 is never left blank, so R6 can always compare it.)
    pub(crate) fn can_break(&self, fault: Fault) -> bool {
        match fault {
            Fault::R5 => {
                self.follows_a_report && self.row("received")[..TOTAL].iter().any(|&n| n > 0)
            }
            Fault::R6 => self.format == FormatId::Gb2021 && self.follows_gb2021,
            Fault::R9 => self.format == FormatId::Gb2021,
            Fault::R2 => self
                .result_rows()
                .iter()
                .any(|(_, values)| values[..TOTAL].iter().any(|&n| n > 0)),
            _ => true,
        }
    }

    fn result_rows(&self) -> Vec<(&'static str, [u64; COLUMNS])> {
        self.applications
            .iter()
            .filter(|(key, _)| is_result_row(key))
            .copied()
            .collect()
    }

    /// Breaks one rule of the tables (R1–R6, R9); R7 and R8 are the report's and narrative's.
    pub(crate) fn inject(&mut self, rng: &mut Rng, fault: Fault, series: &mut Series) -> String {
        let columns = [
            "natural_person",
            "business",
            "research",
            "nonprofit",
            "legal_services",
            "other_org",
            "total",
        ];
        let d = rng.range(1, 9);
        match fault {
            Fault::R1 => {
                let column = rng.below(TOTAL as u64) as usize;
                let row = self.row_mut("received");
                row[column] += d;
                row[TOTAL] += d;
                format!("applications.received.{} +{d} (and total)", columns[column])
            }
            Fault::R2 => {
                // One column's applications counted in one row too many and one row too few.
                let results = self.result_rows();
                let (column, from) = loop {
                    let column = rng.below(TOTAL as u64) as usize;
                    let candidates: Vec<&str> = results
                        .iter()
                        .filter(|(_, values)| values[column] > 0)
                        .map(|(key, _)| *key)
                        .collect();
                    if !candidates.is_empty() {
                        break (column, *rng.pick(&candidates));
                    }
                };
                let to = loop {
                    let (key, _) = *rng.pick(&results);
                    if key != from {
                        break key;
                    }
                };
                let d = d.min(self.row(from)[column]);
                self.row_mut(from)[column] -= d;
                self.row_mut(to)[column] += d;
                format!(
                    "applications.{from}.{column} -{d}, applications.{to}.{column} +{d} (totals unchanged)",
                    column = columns[column]
                )
            }
            Fault::R3 => {
                let results = self.result_rows();
                let (key, _) = *rng.pick(&results);
                let column = rng.below(TOTAL as u64) as usize;
                let row = self.row_mut(key);
                row[column] += d;
                row[TOTAL] += d;
                format!(
                    "applications.{key}.{} +{d} (and total; results_total unchanged)",
                    columns[column]
                )
            }
            Fault::R4 => {
                let at = rng.below(3) as usize;
                let (key, values) = &mut self.appeals[at];
                values[4] += d;
                format!("appeals.{key}.total +{d}")
            }
            Fault::R5 => {
                // Moved between 上年结转 and 本年新收: R1 and R2 still hold.
                let candidates: Vec<usize> = (0..TOTAL)
                    .filter(|&column| self.row("received")[column] > 0)
                    .collect();
                let column = *rng.pick(&candidates);
                let d = d.min(self.row("received")[column]);
                let received = self.row_mut("received");
                received[column] -= d;
                received[TOTAL] -= d;
                let carried_over = self.row_mut("carried_over");
                carried_over[column] += d;
                carried_over[TOTAL] += d;
                format!(
                    "applications.carried_over.{} +{d} (and total), received −{d}",
                    columns[column]
                )
            }
            Fault::R6 => {
                let cells = &mut self
                    .active
                    .iter_mut()
                    .find(|(key, _)| *key == "normative_documents")
                    .expect("gb2021 has the row")
                    .1;
                let Cell::Count(in_force) = cells[2] else {
                    unreachable!("printed, checked by can_break")
                };
                cells[2] = Cell::Count(in_force + d);
                // Next year follows the printed figure, so only this year breaks R6.
                series.in_force[1] = in_force + d;
                format!("active.normative_documents.in_force +{d}")
            }
            Fault::R9 => {
                let at = self
                    .applications
                    .iter()
                    .position(|(key, _)| *key == "other_no_correction")
                    .expect("gb2021 has the row");
                let mut merged = [0u64; COLUMNS];
                for (_, values) in self.applications.drain(at..at + 3) {
                    for column in 0..COLUMNS {
                        merged[column] += values[column];
                    }
                }
                self.applications.insert(at, ("other_handling", merged));
                "applications.other_handling in place of the three gb2021 rows".to_owned()
            }
            Fault::R7 | Fault::R8 => unreachable!("not a table fault"),
        }
    }

    /// The tables as the model's cells.
    pub(crate) fn cells(&self) -> Cells {
        let catalog = catalog();
        let mut cells = Cells::default();
        let mut set = |table: TableKey, row: &str, values: Vec<Cell>| {
            let definition = self
                .format
                .template()
                .row(table, row)
                .or_else(|| self.format.other().template().row(table, row))
                .expect("a row of some version");
            for (column, value) in definition.columns.iter().zip(values) {
                let id: CellId = catalog.find(table, row, column.key).expect("catalogued");
                cells.set(id, value);
            }
        };
        for (row, values) in &self.active {
            set(TableKey::Active, row, values.clone());
        }
        for (row, values) in &self.applications {
            set(TableKey::Applications, row, counts(values));
        }
        for (row, values) in &self.appeals {
            set(TableKey::Appeals, row, counts(values));
        }
        cells
    }

    /// A figure for the narrative: one cell of the total column.
    pub(crate) fn total(&self, row: &str) -> u64 {
        self.row(row)[TOTAL]
    }

    /// An appeal group's total.
    pub(crate) fn appeal_total(&self, group: &str) -> u64 {
        self.appeals
            .iter()
            .find(|(key, _)| *key == group)
            .map_or(0, |(_, values)| values[4])
    }
}
