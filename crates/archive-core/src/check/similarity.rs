//! How much of a report's narrative repeats the same agency's previous report.
//!
//! Local evaluations of 政务公开 mark down reports that copy most of last year's text. The measure
//! here is deterministic and documented in `docs/check.md`:
//!
//! 1. Each narrative is reduced to its plain text ([`crate::narrative::plain_text`]): headings,
//!    Markdown markup and all whitespace are dropped, and every run of digits becomes one `#`, so
//!    that a sentence copied with only its numbers updated ("2022年…共81件" → "2023年…共95件")
//!    still counts as repeated.
//! 2. Each text is cut into its set of overlapping [`SHINGLE`]-character pieces ("shingles").
//! 3. The share is the part of this report's shingles that also occur in the previous report's:
//!    |this ∩ previous| / |this| — how much of what a reader of this report reads was already in
//!    last year's.

use std::cmp::Ordering;

use rayon::prelude::*;

use crate::model::Archive;
use crate::narrative::plain_text;

/// The length, in characters, of the pieces the texts are compared by. Five characters are about
/// two or three Chinese words: long enough that common phrases alone (政府信息公开) do not make two
/// reports similar, short enough to find a sentence copied with a word changed.
pub const SHINGLE: usize = 5;

/// The narrative's similarity to the previous report of the same agency.
#[derive(Clone, Debug, PartialEq)]
pub struct Similarity {
    /// The year of the report compared with.
    pub previous_year: u16,
    /// The share of this narrative's shingles found in the previous one, 0 … 1.
    pub share: f64,
    /// How many distinct shingles this narrative has.
    pub shingles: usize,
}

impl Similarity {
    /// The share as a whole percentage, for showing.
    pub fn percent(&self) -> u32 {
        (self.share * 100.0).round() as u32
    }

    /// Whether more than half of the text repeats the previous report.
    pub fn over_half(&self) -> bool {
        self.share > 0.5
    }
}

/// The share of `current`'s shingles that `previous` also has, both given as Markdown; `None`
/// when `current` has too little text to compare.
pub fn repeated_share(current: &str, previous: &str) -> Option<(f64, usize)> {
    share(
        &shingles(&normalise(current)),
        &shingles(&normalise(previous)),
    )
}

fn share(current: &[u128], previous: &[u128]) -> Option<(f64, usize)> {
    if current.is_empty() {
        return None;
    }
    let repeated = common(current, previous);
    Some((repeated as f64 / current.len() as f64, current.len()))
}

/// Each report's similarity to the agency's report before it (reports are sorted by agency,
/// then year), the agencies in parallel: each narrative is cut into shingles once.
pub(super) fn of_every_report(archive: &Archive) -> Vec<Option<Similarity>> {
    let reports = &archive.reports;
    let starts: Vec<usize> = (0..reports.len())
        .filter(|&at| at == 0 || reports[at - 1].agency != reports[at].agency)
        .collect();
    starts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(agency, &start)| {
            let end = starts.get(agency + 1).copied().unwrap_or(reports.len());
            let mut previous: Option<(u16, Vec<u128>)> = None;
            (start..end).map(move |at| {
                let current = shingles(&normalise(&reports[at].body.text()));
                let similarity = previous.as_ref().and_then(|(year, before)| {
                    share(&current, before).map(|(share, shingles)| Similarity {
                        previous_year: *year,
                        share,
                        shingles,
                    })
                });
                previous = Some((reports[at].year, current));
                similarity
            })
        })
        .collect()
}

/// The report at `at`'s similarity to the agency's report before it, if any.
pub(super) fn to_previous(archive: &Archive, at: usize) -> Option<Similarity> {
    let report = &archive.reports[at];
    let previous = at
        .checked_sub(1)
        .map(|before| &archive.reports[before])
        .filter(|before| before.agency == report.agency)?;
    repeated_share(&report.body.text(), &previous.body.text()).map(|(share, shingles)| Similarity {
        previous_year: previous.year,
        share,
        shingles,
    })
}

/// The narrative's text without markup and whitespace, digit runs as `#`.
fn normalise(markdown: &str) -> Vec<char> {
    let mut text = Vec::new();
    for c in plain_text(markdown).chars() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            if text.last() != Some(&'#') {
                text.push('#');
            }
        } else {
            text.push(c);
        }
    }
    text
}

/// The text's distinct shingles, sorted. Each is packed into one number (a character is at most
/// 21 bits, five of them 105), so that sets are compared by a merge rather than by hashing.
fn shingles(text: &[char]) -> Vec<u128> {
    let mut shingles: Vec<u128> = text
        .windows(SHINGLE)
        .map(|piece| {
            piece
                .iter()
                .fold(0, |packed, &c| (packed << 21) | u128::from(u32::from(c)))
        })
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// How many values two sorted lists without repeats have in common.
fn common(a: &[u128], b: &[u128]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_with_new_numbers_is_a_full_repeat() {
        let last = "## 一、总体情况\n\n2022年共收到申请81件，均已办结。\n";
        let this = "## 一、总体情况\n\n2023年 共收到申请 95 件，均已办结。\n";
        let (share, _) = repeated_share(this, last).unwrap();
        assert_eq!(share, 1.0);
    }

    #[test]
    fn new_text_is_not_a_repeat() {
        let last = "本年度加强政策解读，发布解读文章十篇。";
        let this = "今年重点推进基层政务公开标准化规范化建设。";
        assert_eq!(repeated_share(this, last).unwrap().0, 0.0);
    }

    #[test]
    fn the_share_is_of_this_years_text() {
        let last = "甲乙丙丁戊己庚辛";
        // The first six characters (two shingles of five) come from last year; four new ones follow.
        let this = "甲乙丙丁戊己子丑寅卯";
        let (share, count) = repeated_share(this, last).unwrap();
        assert_eq!(count, 6);
        assert!((share - 2.0 / 6.0).abs() < 1e-9, "{share}");
    }

    #[test]
    fn headings_alone_are_too_little_text() {
        assert_eq!(
            repeated_share("## 一、总体情况\n", "## 一、总体情况\n"),
            None
        );
    }
}
