//! The checks kept between builds: a report whose rules would read what they read last time
//! is not checked again.
//!
//! A report's rules read its own values, its agency's kind and the agency's report before it
//! (R5, R6 and the similarity); R7's deadlines come from `site.toml`. So each report's checks are
//! kept under an [`InputKey`]: a hash of its source's SHA-256, its agency file's and the previous
//! report's, with their paths; the file as a whole under a header naming the binary and the
//! fingerprint of `site.toml`. Every report's similarity is kept (the costly part: each
//! narrative cut into shingles), and each rule's result when none of its checks failed: its
//! count of passed checks and the checks blank fields made impossible (what each looked at, its
//! line, the blank fields). A rule with a finding is run again (that rule alone) with the
//! report's kept similarity, so no finding or message is ever stored. The file is written with
//! the load cache's machinery (postcard, a CRC-32, renamed into place); one that does not read
//! back is a note, and every report is checked.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use rustc_hash::FxHashMap;

use super::{
    Check, CheckResult, Checks, FieldRef, ReportChecks, ReportPart, Rule, RuleResult, Similarity,
    Subject, check_report_keeping, similarity,
};
use crate::config::Deadlines;
use crate::diagnostic::{Diagnostic, Location};
use crate::format::{ColumnDef, FormatId, RowDef, TableKey};
use crate::load::AGENCY_FILE;
use crate::load::cache::{replace_file, seal, unseal};
use crate::messages;
use crate::model::Archive;

/// The file's own layout; a file of another layout is not read. 2: each rule's result kept on
/// its own, with its checks blank fields made impossible.
const LAYOUT: u32 = 2;

/// What a report's checks read, hashed (the first 16 bytes of a SHA-256).
pub type InputKey = [u8; 16];

/// What the file starts with: a file of another layout, binary, configuration or year is not
/// trusted.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    layout: u32,
    version: String,
    config: String,
    this_year: u16,
}

/// One report's checks as the file keeps them: the similarity always (the costly part: each
/// narrative cut into shingles), each rule's result when none of its checks failed.
#[derive(Debug, Serialize, Deserialize)]
struct KeptReport {
    key: InputKey,
    /// Each rule's result, in the order of [`Rule::ALL`]; `None` for a rule with a check that
    /// failed: that rule alone is run again, its findings never stored.
    rules: [Option<KeptRule>; Rule::ALL.len()],
    /// The similarity: the year compared with, the share, the shingles.
    similarity: Option<(u16, f64, u64)>,
}

/// A rule's results on a report when none of its checks failed.
#[derive(Debug, Serialize, Deserialize)]
struct KeptRule {
    passed: u32,
    /// The checks blank fields made impossible, in the order the rule made them.
    not_checkable: Vec<KeptCheck>,
}

/// A check blank fields made impossible: what it looked at, its line and those fields.
#[derive(Debug, Serialize, Deserialize)]
struct KeptCheck {
    subject: KeptSubject,
    line: Option<u64>,
    fields: Vec<FieldRef>,
}

/// A [`Subject`], its row or column named by its number in [`definitions`].
#[derive(Debug, Serialize, Deserialize)]
enum KeptSubject {
    Column(TableKey, u32),
    Row(TableKey, u32),
    Part(ReportPart),
}

impl KeptSubject {
    fn of(subject: Subject) -> Option<KeptSubject> {
        let definitions = definitions();
        Some(match subject {
            Subject::Column(table, column) => {
                KeptSubject::Column(table, definitions.number(column)?)
            }
            Subject::Row(table, row) => KeptSubject::Row(table, definitions.number(row)?),
            Subject::Part(part) => KeptSubject::Part(part),
        })
    }

    fn subject(&self) -> Option<Subject> {
        let definitions = definitions();
        Some(match *self {
            KeptSubject::Column(table, number) => {
                Subject::Column(table, definitions.columns.get(number as usize)?)
            }
            KeptSubject::Row(table, number) => {
                Subject::Row(table, definitions.rows.get(number as usize)?)
            }
            KeptSubject::Part(part) => Subject::Part(part),
        })
    }
}

/// Every row and column definition of both template versions, numbered, so that a kept check
/// names the very definition its subject had (two versions' definitions of one key may differ,
/// in their labels for one).
struct Definitions {
    rows: Vec<&'static RowDef>,
    columns: Vec<&'static ColumnDef>,
    /// A definition's address → its number among the rows or among the columns.
    numbers: FxHashMap<usize, u32>,
}

impl Definitions {
    fn number<T>(&self, definition: &'static T) -> Option<u32> {
        self.numbers
            .get(&std::ptr::from_ref(definition).addr())
            .copied()
    }
}

fn definitions() -> &'static Definitions {
    static DEFINITIONS: OnceLock<Definitions> = OnceLock::new();
    DEFINITIONS.get_or_init(|| {
        let mut definitions = Definitions {
            rows: Vec::new(),
            columns: Vec::new(),
            numbers: FxHashMap::default(),
        };
        let rows = FormatId::ALL
            .into_iter()
            .flat_map(|format| &format.template().tables)
            .flat_map(|table| table.rows());
        for row in rows {
            let number = definitions.rows.len() as u32;
            definitions.rows.push(row);
            definitions
                .numbers
                .insert(std::ptr::from_ref(row).addr(), number);
            for column in row.columns {
                let number = definitions.columns.len() as u32;
                definitions.columns.push(column);
                definitions
                    .numbers
                    .insert(std::ptr::from_ref(column).addr(), number);
            }
        }
        definitions
    })
}

impl KeptRule {
    /// A rule's results to keep, if none of its checks failed.
    fn of(result: &RuleResult) -> Option<KeptRule> {
        let not_checkable = result
            .checks
            .iter()
            .map(|check| match &check.result {
                CheckResult::NotCheckable(fields) => Some(KeptCheck {
                    subject: KeptSubject::of(check.subject)?,
                    line: check.line.map(|line| line as u64),
                    fields: fields.clone(),
                }),
                CheckResult::Passed | CheckResult::Failed(_) => None,
            })
            .collect::<Option<_>>()?;
        Some(KeptRule {
            passed: u32::try_from(result.passed).ok()?,
            not_checkable,
        })
    }

    /// The rule's results as kept (`None` if a kept number names no definition).
    fn result(&self, rule: Rule) -> Option<RuleResult> {
        let checks = self
            .not_checkable
            .iter()
            .map(|check| {
                Some(Check {
                    subject: check.subject.subject()?,
                    line: check.line.map(|line| line as usize),
                    result: CheckResult::NotCheckable(check.fields.clone()),
                })
            })
            .collect::<Option<_>>()?;
        Some(RuleResult {
            rule,
            passed: self.passed as usize,
            checks,
        })
    }
}

impl KeptReport {
    /// The report's checks as kept.
    fn of(key: InputKey, checks: &ReportChecks) -> KeptReport {
        let rules = std::array::from_fn(|at| checks.rules.get(at).and_then(KeptRule::of));
        let similarity = checks.similarity.as_ref().map(|similarity| {
            (
                similarity.previous_year,
                similarity.share,
                similarity.shingles as u64,
            )
        });
        KeptReport {
            key,
            rules,
            similarity,
        }
    }

    fn similarity(&self) -> Option<Similarity> {
        self.similarity
            .map(|(previous_year, share, shingles)| Similarity {
                previous_year,
                share,
                shingles: shingles as usize,
            })
    }

    /// Each rule's result, where the rule is kept.
    fn results(&self) -> [Option<RuleResult>; Rule::ALL.len()] {
        std::array::from_fn(|at| self.rules[at].as_ref()?.result(Rule::ALL[at]))
    }

    /// The report's checks, if every rule is kept.
    fn checks(&self) -> Option<ReportChecks> {
        let rules = self
            .results()
            .into_iter()
            .collect::<Option<Vec<RuleResult>>>()?;
        Some(ReportChecks {
            rules,
            similarity: self.similarity(),
        })
    }
}

/// What the last build kept of one report whose inputs did not change.
enum Known {
    /// Its checks, all passed.
    Checks(ReportChecks),
    /// Its similarity, and the rules kept (the others are run again).
    Rules(
        Option<Similarity>,
        Box<[Option<RuleResult>; Rule::ALL.len()]>,
    ),
}

/// The checks the last build kept, by the report's source path.
pub struct KeptChecks {
    path: PathBuf,
    header: Header,
    kept: HashMap<String, KeptReport>,
    note: Option<Diagnostic>,
}

impl KeptChecks {
    /// Reads the checks kept at `path` by a build of this binary (`version`) with this
    /// configuration (`config`, a fingerprint of `site.toml`). A missing or foreign file keeps
    /// nothing; a damaged one keeps nothing and leaves a [`KeptChecks::note`].
    pub fn open(path: &Path, version: &str, config: &str) -> KeptChecks {
        let header = Header {
            layout: LAYOUT,
            version: version.to_owned(),
            config: config.to_owned(),
            this_year: crate::load::current_year(),
        };
        let mut kept = KeptChecks {
            path: path.to_path_buf(),
            header,
            kept: HashMap::new(),
            note: None,
        };
        let Ok(bytes) = std::fs::read(path) else {
            return kept;
        };
        // Written as a sequence of pairs, read as a map (the same bytes in postcard's form).
        match unseal::<Header, HashMap<String, KeptReport>>(&bytes, &kept.header) {
            Ok(entries) => kept.kept = entries.unwrap_or_default(),
            Err(why) => {
                kept.note = Some(
                    Diagnostic::warning(
                        Location::file(path),
                        messages::check::damaged_checks_cache(&why),
                    )
                    .with_help(messages::load::cache_help()),
                );
            }
        }
        kept
    }

    /// Why the kept checks were not trusted, if the file was damaged.
    pub fn note(&self) -> Option<Diagnostic> {
        self.note.clone()
    }

    /// How many reports' checks are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether no report's checks are kept.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// What is kept of the report at `path`, if it was made from the same inputs.
    fn get(&self, path: &str, key: Option<InputKey>) -> Option<Known> {
        let kept = self.kept.get(path).filter(|kept| Some(kept.key) == key)?;
        Some(match kept.checks() {
            Some(checks) => Known::Checks(checks),
            None => Known::Rules(kept.similarity(), Box::new(kept.results())),
        })
    }

    /// Writes the checks of `archive` (the reports whose inputs are known, in `keys`) for the
    /// next build: to a temporary file renamed into place. An error is a warning to print.
    pub fn save(
        &self,
        archive: &Archive,
        checks: &Checks,
        keys: &[Option<InputKey>],
    ) -> Result<(), Diagnostic> {
        // Each report kept (its key known), by path, with its key.
        let keyed = || {
            archive
                .reports
                .iter()
                .zip(keys)
                .enumerate()
                .filter_map(|(at, (report, key))| {
                    Some((at, source_path(&report.source.file)?, (*key)?))
                })
        };
        // Nothing to write when the file already holds exactly these: the same inputs give the
        // same checks. Found before any entry is made (the common incremental build).
        let mut count = 0;
        let unchanged = keyed().all(|(_, path, key)| {
            count += 1;
            self.kept
                .get(path.as_ref())
                .is_some_and(|known| known.key == key)
        }) && count == self.kept.len();
        if unchanged {
            return Ok(());
        }
        let entries: Vec<(String, KeptReport)> = keyed()
            .map(|(at, path, key)| (path.into_owned(), KeptReport::of(key, checks.of_report(at))))
            .collect();
        let bytes = seal(&self.header, &entries);
        if let Some(folder) = self.path.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        replace_file(&self.path, &bytes).map_err(|error| {
            Diagnostic::warning(
                Location::file(&self.path),
                messages::check::cannot_write_checks_cache(&error.to_string()),
            )
            .with_help(messages::load::cache_help())
        })
    }
}

/// Each report's [`InputKey`], from its sources' SHA-256 (hex) by path from the site's root
/// (`sha256`); `None` where one of them is not known.
pub fn input_keys<'a, F>(archive: &Archive, sha256: F) -> Vec<Option<InputKey>>
where
    F: Fn(&str) -> Option<&'a str> + Sync,
{
    let reports = &archive.reports;
    (0..reports.len())
        .into_par_iter()
        .map(|at| {
            let report = &reports[at];
            let own = source_path(&report.source.file)?;
            let folder = Path::new(own.as_ref()).parent()?;
            let agency_path = folder.join(AGENCY_FILE);
            let agency_file = source_path(&agency_path)?;
            let mut hasher = Sha256::new();
            for path in [&own, &agency_file] {
                framed(&mut hasher, path.as_bytes());
                framed(&mut hasher, sha256(path)?.as_bytes());
            }
            // The agency's report before it: R5, R6 (when it is the year before) and the
            // similarity read it.
            if let Some(before) = at
                .checked_sub(1)
                .map(|before| &reports[before])
                .filter(|before| before.agency == report.agency)
            {
                let path = source_path(&before.source.file)?;
                framed(&mut hasher, path.as_bytes());
                framed(&mut hasher, sha256(&path)?.as_bytes());
            }
            let digest = hasher.finalize();
            Some(digest[..16].try_into().expect("16 of 32 bytes"))
        })
        .collect()
}

/// A source's path as the build's records spell it (`/`, from the site's root).
/// Borrowed where it already is (every path on Unix): no allocation a report.
fn source_path(file: &Path) -> Option<Cow<'_, str>> {
    let path = file.to_str()?;
    Some(if path.contains('\\') {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    })
}

/// Hashes `bytes` after their length, so that no two sequences of fields hash alike.
fn framed(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

impl Checks {
    /// The checks of every report, taking from `kept` those whose inputs (`keys`, from
    /// [`input_keys`]) are as they were: the same as [`Checks::run`]'s. A kept report with a
    /// finding has that rule run again with its kept similarity. Returns
    /// the checks and how many reports' inputs changed (checked again whole).
    pub fn run_keeping(
        archive: &Archive,
        deadlines: &Deadlines,
        kept: &KeptChecks,
        keys: &[Option<InputKey>],
    ) -> (Checks, usize) {
        let per_report: Vec<(ReportChecks, Vec<super::Finding>, bool)> = (0..archive.reports.len())
            .into_par_iter()
            .map(|at| {
                let path = source_path(&archive.reports[at].source.file);
                let key = keys.get(at).copied().flatten();
                let (similarity, rules, again) = match path.and_then(|path| kept.get(&path, key)) {
                    Some(Known::Checks(report)) => return (report, Vec::new(), false),
                    Some(Known::Rules(similarity, rules)) => (similarity, rules, false),
                    None => (
                        similarity::to_previous(archive, at),
                        Box::new(std::array::from_fn(|_| None)),
                        true,
                    ),
                };
                let (report, findings) =
                    check_report_keeping(archive, deadlines, at, similarity, *rules);
                (report, findings, again)
            })
            .collect();
        let mut checks = Checks::default();
        let mut checked = 0;
        for (report, findings, again) in per_report {
            checked += usize::from(again);
            checks.push_report(report, findings);
        }
        (checks, checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    /// The example site's archive (the repository's).
    fn example() -> Archive {
        load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).archive
    }

    /// Keys made from a stand-in hash of each path, `changed` with another.
    fn keys(archive: &Archive, changed: &str) -> Vec<Option<InputKey>> {
        input_keys(archive, |path| {
            Some(if path == changed { "b" } else { "a" })
        })
    }

    fn clean(checks: &Checks) -> usize {
        checks
            .reports
            .iter()
            .filter(|report| report.rules.iter().all(|rule| rule.checks.is_empty()))
            .count()
    }

    #[test]
    fn kept_checks_are_those_a_full_run_makes_and_a_changed_input_is_checked_again() {
        let archive = example();
        let deadlines = Deadlines::default();
        let full = Checks::run(&archive, &deadlines);
        let clean = clean(&full);
        assert!(clean > 0 && clean < archive.reports.len(), "{clean}");
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("public.checks");
        let unchanged = keys(&archive, "");
        KeptChecks::open(&path, "1", "c")
            .save(&archive, &full, &unchanged)
            .unwrap();

        let kept = KeptChecks::open(&path, "1", "c");
        assert_eq!(kept.len(), archive.reports.len());
        let (checks, again) = Checks::run_keeping(&archive, &deadlines, &kept, &unchanged);
        assert_eq!(checks, full);
        assert_eq!(again, 0);

        // A kept report's previous report changed: it is checked again, and so is that one.
        let (at, _) = archive
            .reports
            .iter()
            .enumerate()
            .skip(1)
            .find(|&(at, report)| {
                archive.reports[at - 1].agency == report.agency
                    && full.reports[at]
                        .rules
                        .iter()
                        .all(|rule| rule.checks.is_empty())
            })
            .expect("a kept report with one before it");
        let before = archive.reports[at - 1].source.file.to_str().unwrap();
        let (checks, more) =
            Checks::run_keeping(&archive, &deadlines, &kept, &keys(&archive, before));
        assert_eq!(checks, full);
        assert_eq!(more, 2, "the report before and the kept one");

        // Another binary or another site.toml keeps nothing.
        assert!(KeptChecks::open(&path, "2", "c").is_empty());
        assert!(KeptChecks::open(&path, "1", "d").is_empty());
    }

    #[test]
    fn a_report_with_a_finding_keeps_its_other_rules() {
        let archive = example();
        let full = Checks::run(&archive, &Deadlines::default());
        let report = full
            .reports
            .iter()
            .find(|report| {
                let open = report.rules.iter().filter(|rule| !rule.checks.is_empty());
                (1..Rule::ALL.len()).contains(&open.count())
            })
            .expect("a report with some rules not passed");
        let kept = KeptReport::of([0; 16], report);
        assert!(kept.checks().is_none(), "not every rule kept");
        for (rule, result) in report.rules.iter().zip(kept.results()) {
            let expected = rule.failed().next().is_none().then(|| rule.clone());
            assert_eq!(result, expected, "{:?}", rule.rule);
        }
    }

    #[test]
    fn checks_blank_fields_made_impossible_are_kept_and_read_back_as_made() {
        let archive = example();
        let full = Checks::run(&archive, &Deadlines::default());
        let blanks_only: Vec<&ReportChecks> = full
            .reports
            .iter()
            .filter(|report| {
                let results = || report.rules.iter().flat_map(|rule| &rule.checks);
                results().next().is_some()
                    && results().all(|check| matches!(check.result, CheckResult::NotCheckable(_)))
            })
            .collect();
        assert!(
            !blanks_only.is_empty(),
            "the example has a report with blanks only"
        );
        for checks in blanks_only {
            let bytes = postcard::to_stdvec(&KeptReport::of([7; 16], checks)).unwrap();
            let read: KeptReport = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(read.checks().as_ref(), Some(checks));
        }
    }

    #[test]
    fn a_damaged_file_keeps_nothing_and_says_so() {
        let archive = example();
        let full = Checks::run(&archive, &Deadlines::default());
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("public.checks");
        KeptChecks::open(&path, "1", "c")
            .save(&archive, &full, &keys(&archive, ""))
            .unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(&path, bytes).unwrap();
        let kept = KeptChecks::open(&path, "1", "c");
        assert!(kept.is_empty());
        let note = kept.note().expect("a note");
        assert!(note.message.contains("checksum"), "{note:?}");
        assert!(note.help.is_some());
    }

    #[test]
    fn a_report_whose_source_is_not_known_has_no_key() {
        let archive = example();
        let keys = input_keys(&archive, |_| None);
        assert!(keys.iter().all(Option::is_none));
    }
}
