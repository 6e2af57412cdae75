//! Corroboration across a report's rows: R1 and R3 decide cuts of table 三 that R2 (within the
//! row) left open, and the narrative decides cuts of table 二, which has no sum rule.

use std::collections::HashMap;

use super::super::text::fold_width;
use super::rows::{RowState, agreed};
use super::rule_name;
use archive_core::format::{FormatId, TableKey};
use archive_core::messages::cli;
use archive_core::model::Cell;

/// An equation between rows of table 三, column by column: the sums of its two sides are equal.
struct Equation {
    left: Vec<&'static str>,
    right: Vec<&'static str>,
    name: &'static str,
}

impl Equation {
    /// Whether the equation holds in a column when row `me` has `mine` there, the other rows
    /// having the values `known` gives; `None` where it does not involve `me` or a value is not
    /// known.
    fn holds(
        &self,
        me: &str,
        mine: Option<i128>,
        known: &dyn Fn(&str) -> Option<i128>,
    ) -> Option<bool> {
        if !self.left.contains(&me) && !self.right.contains(&me) {
            return None;
        }
        let value = |row: &str| if row == me { mine } else { known(row) };
        let sum =
            |rows: &[&'static str]| -> Option<i128> { rows.iter().map(|row| value(row)).sum() };
        Some(sum(&self.left)? == sum(&self.right)?)
    }
}

/// R3 and R1 over the rows of table 三 read.
fn equations(states: &[RowState]) -> [Equation; 2] {
    let result_rows: Vec<&'static str> = states
        .iter()
        .filter(|state| {
            state.table == TableKey::Applications
                && !state.row.groups.is_empty()
                && state.row.key != "results_total"
        })
        .map(|state| state.row.key)
        .collect();
    [
        Equation {
            left: vec!["results_total"],
            right: result_rows,
            name: "R3",
        },
        Equation {
            left: vec!["received", "carried_over"],
            right: vec!["results_total", "carried_forward"],
            name: "R1",
        },
    ]
}

/// R3 (（七）总计 = the sum of the result rows) and R1 (一 + 二 = 三 + 四), column by column, decide
/// between the cuts of a row of table 三 that R2 left open. A rule is used only where every other
/// cell it sums is known, and only for the columns the cuts disagree on, so that a rule the
/// report breaks elsewhere does not reject every cut. A row settled this way can settle another:
/// rounds run until none changes, each change taking at least one cut away.
pub(super) fn cross_row_rules(states: &mut [RowState]) {
    let index: HashMap<&'static str, usize> = states
        .iter()
        .enumerate()
        .filter(|(_, state)| state.table == TableKey::Applications)
        .map(|(at, state)| (state.row.key, at))
        .collect();
    let equations = equations(states);
    loop {
        let mut changed = false;
        for at in 0..states.len() {
            let Some((keep, used)) = narrowed(states, at, &index, &equations) else {
                continue;
            };
            let state = &mut states[at];
            let names: Vec<String> = used.iter().map(|id| rule_name(id).into()).collect();
            let s = if used.len() == 1 { "s" } else { "" };
            state
                .how
                .push(cli::rules_decide(&names.join(cli::and_word().here()), s).into());
            state.candidates = keep;
            changed = true;
        }
        if !changed {
            break;
        }
    }
}

/// The cuts of the row at `at` the equations keep, and the equations used, when they take some
/// but not all of them away.
fn narrowed(
    states: &[RowState],
    at: usize,
    index: &HashMap<&'static str, usize>,
    equations: &[Equation],
) -> Option<(Vec<Vec<Cell>>, Vec<&'static str>)> {
    let state = &states[at];
    if state.table != TableKey::Applications || state.candidates.len() < 2 || state.coupled {
        return None;
    }
    let disputed: Vec<usize> = (0..state.row.columns.len())
        .filter(|&column| agreed(&state.candidates, column).is_none())
        .collect();
    let mut used: Vec<&'static str> = Vec::new();
    let keep: Vec<Vec<Cell>> = state
        .candidates
        .iter()
        .filter(|candidate| {
            disputed.iter().all(|&column| {
                let known = |row: &str| settled(states, index, row, column);
                equations.iter().all(|equation| {
                    match equation.holds(state.row.key, candidate[column].whole(), &known) {
                        Some(holds) => {
                            if !used.contains(&equation.name) {
                                used.push(equation.name);
                            }
                            holds
                        }
                        None => true,
                    }
                })
            })
        })
        .cloned()
        .collect();
    (!keep.is_empty() && keep.len() < state.candidates.len()).then_some((keep, used))
}

/// A row's whole number in a column, where every cut of the row has the same one.
fn settled(
    states: &[RowState],
    index: &HashMap<&'static str, usize>,
    row: &str,
    column: usize,
) -> Option<i128> {
    let other = &states[*index.get(row)?];
    let first = other.candidates.first()?[column].whole()?;
    other
        .candidates
        .iter()
        .all(|candidate| candidate[column].whole() == Some(first))
        .then_some(first)
}

/// Table 二 has no sum rules. Where the digits of one of its rows can be cut several ways, the
/// report's own narrative may print the same figures beside the row's label (现行有效行政规范性文件
/// 698件 … 制发的规范性文件88件): a cut is taken when it is the only one with the most of its
/// cells (of two digits or more) printed that way, and at least two of them.
pub(super) fn corroborate(states: &mut [RowState], narrative: &str) {
    let text = fold_width(narrative);
    for state in states.iter_mut() {
        if state.table != TableKey::Active || state.candidates.len() < 2 || state.coupled {
            continue;
        }
        let mut labels: Vec<&'static str> = FormatId::ALL
            .iter()
            .filter_map(|format| format.template().row(TableKey::Active, state.row.key))
            .map(|row| row.label.zh)
            .collect();
        labels.sort_unstable();
        labels.dedup();
        let mentioned = numbers_after(&text, &labels);
        if mentioned.is_empty() {
            continue;
        }
        let score = |candidate: &Vec<Cell>| -> usize {
            candidate
                .iter()
                .filter(|cell| {
                    cell.whole()
                        .is_some_and(|value| value >= 10 && mentioned.contains(&value))
                })
                .count()
        };
        let best = state.candidates.iter().map(score).max().unwrap_or(0);
        let at_best: Vec<usize> = (0..state.candidates.len())
            .filter(|&at| score(&state.candidates[at]) == best)
            .collect();
        if best >= 2 && at_best.len() == 1 {
            let chosen = state.candidates[at_best[0]].clone();
            let figures: Vec<String> = chosen
                .iter()
                .filter_map(Cell::whole)
                .filter(|value| *value >= 10 && mentioned.contains(value))
                .map(|value| value.to_string())
                .collect();
            let figures = figures.join(cli::and_word().here());
            state.how.push(
                cli::narrative_decides(state.candidates.len(), &figures, &labels.join("”/“"))
                    .into(),
            );
            state.candidates = vec![chosen];
        }
    }
}

/// Whole numbers printed within a few characters after one of `labels` (`规范性文件88件`).
fn numbers_after(text: &str, labels: &[&str]) -> Vec<i128> {
    let mut found = Vec::new();
    for label in labels {
        for (at, _) in text.match_indices(label) {
            let after: String = text[at + label.len()..].chars().take(12).collect();
            let start = after.char_indices().find(|(_, c)| c.is_ascii_digit());
            let Some((offset, _)) =
                start.filter(|(offset, _)| after[..*offset].chars().count() <= 6)
            else {
                continue;
            };
            if after[..offset]
                .chars()
                .any(|c| matches!(c, '。' | '，' | '；' | '、'))
            {
                continue;
            }
            let digits: String = after[offset..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let unit_follows =
                after[offset + digits.len()..].starts_with(['件', '个', '条', '项', '部']);
            if unit_follows && let Ok(value) = digits.parse() {
                found.push(value);
            }
        }
    }
    found
}
