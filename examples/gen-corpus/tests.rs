//! The generator's promises: its corpus loads without errors, the same seed gives the same bytes,
//! narratives are 3–6 KB, and every injected finding breaks exactly its rule and no report breaks
//! any other (checked here by a small, independent reading of rules R1–R9).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use archive::markdown::section_number;
use archive_core::format::{FormatId, TableKey, catalog};
use archive_core::model::{AgencyKind, Archive, Cell, Report};

use super::*;

fn args(out: &Path, reports: usize, findings: f64, seed: u64) -> Args {
    Args {
        agencies: None,
        reports: Some(reports),
        years: 7,
        last_year: 2025,
        seed,
        findings,
        out: out.to_path_buf(),
        hugo: Some(out.join("hugo")),
        force: false,
    }
}

fn load(root: &Path) -> Archive {
    let loaded = archive_core::load::load(root);
    let errors: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    loaded.archive
}

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().strip_prefix(root).unwrap().to_path_buf(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_corpus_loads_without_errors_with_the_reports_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let summary = generate(&args(&out, 300, 0.05, 1)).unwrap();
    assert_eq!(summary.reports, 300);
    assert_eq!(summary.agencies, 43); // 42 × 7 + 6
    let archive = load(&out);
    assert_eq!(archive.reports.len(), 300);
    assert_eq!(archive.agencies.len(), 43);
    let formats: BTreeSet<FormatId> = archive.reports.iter().map(|r| r.format).collect();
    assert_eq!(formats.len(), 2, "both template versions");
    assert!(archive.regions.iter().any(|region| region.depth() == 3));
    // The Hugo site has a page per report.
    let hugo_pages = files(&out.join("hugo/content/agencies"))
        .keys()
        .filter(|path| !path.ends_with("_index.md"))
        .count();
    assert_eq!(hugo_pages, 300);
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    generate(&args(&dir.path().join("a"), 30, 0.2, 7)).unwrap();
    generate(&args(&dir.path().join("b"), 30, 0.2, 7)).unwrap();
    generate(&args(&dir.path().join("c"), 30, 0.2, 8)).unwrap();
    let a = files(&dir.path().join("a"));
    assert_eq!(a, files(&dir.path().join("b")));
    assert_ne!(a, files(&dir.path().join("c")));
}

#[test]
fn a_folder_it_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mine.txt"), "keep").unwrap();
    let mut forced = args(dir.path(), 7, 0.0, 1);
    forced.force = true;
    assert!(
        generate(&forced)
            .unwrap_err()
            .contains("not written by gen-corpus")
    );
    assert!(dir.path().join("mine.txt").exists());
    let out = dir.path().join("corpus");
    generate(&args(&out, 7, 0.0, 1)).unwrap();
    assert!(
        generate(&args(&out, 7, 0.0, 1))
            .unwrap_err()
            .contains("--force")
    );
    let mut again = args(&out, 7, 0.0, 1);
    again.force = true;
    generate(&again).unwrap();
}

#[test]
fn narratives_are_3_to_6_kb_with_headings_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    generate(&args(&out, 300, 0.0, 3)).unwrap();
    for report in load(&out).reports {
        let size = report.body.len();
        assert!(
            (3 * 1024..=6 * 1024).contains(&size),
            "{}: {size} bytes",
            report.key()
        );
        let body = report.body.text();
        assert!(body.contains("\n### "), "{}", report.key());
        assert!(body.contains("\n- "), "{}", report.key());
        assert!(body.contains("\n1. "), "{}", report.key());
    }
}

#[test]
fn every_injected_finding_breaks_exactly_its_rule() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    generate(&args(&out, 700, 0.3, 5)).unwrap();
    let archive = load(&out);
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for finding in manifest["injected"].as_array().unwrap() {
        expected
            .entry(finding["report"].as_str().unwrap().to_owned())
            .or_default()
            .insert(finding["rule"].as_str().unwrap().to_owned());
    }
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (at, report) in archive.reports.iter().enumerate() {
        let previous = at
            .checked_sub(1)
            .map(|before| &archive.reports[before])
            .filter(|before| before.agency == report.agency && before.year + 1 == report.year);
        let kind = archive.agency(&report.agency).unwrap().kind;
        let broken = broken_rules(report, previous, kind);
        if !broken.is_empty() {
            found.insert(report.key(), broken);
        }
    }
    assert_eq!(found, expected);
    // Every rule was injected at least once, and the counts add up.
    for (rule, count) in manifest["findings"].as_object().unwrap() {
        assert!(count.as_u64().unwrap() > 0, "{rule} never injected");
    }
    assert_eq!(
        manifest["injected"].as_array().unwrap().len(),
        expected.len()
    );
}

/// The rules of report-format.md a report breaks, read plainly from its cells and text.
fn broken_rules(report: &Report, previous: Option<&Report>, kind: AgencyKind) -> BTreeSet<String> {
    let mut broken = BTreeSet::new();
    let cell = |report: &Report, table, row: &str, column: &str| -> Option<i128> {
        match report.cells.at(table, row, column) {
            Cell::Absent => Some(0),
            other => other.whole(),
        }
    };
    let catalog = catalog();
    let applicant_columns = catalog.column_keys(TableKey::Applications, "received");
    let result_rows: Vec<&str> = catalog
        .row_keys(TableKey::Applications)
        .filter(|row| {
            !matches!(
                *row,
                "received" | "carried_over" | "results_total" | "carried_forward"
            )
        })
        .collect();
    let app = |row: &str, column: &str| cell(report, TableKey::Applications, row, column);
    for column in &applicant_columns {
        let r1 = (|| {
            Some(
                app("received", column)? + app("carried_over", column)?
                    == app("results_total", column)? + app("carried_forward", column)?,
            )
        })();
        if r1 == Some(false) {
            broken.insert("R1".to_owned());
        }
        let r3 = (|| {
            let mut sum = 0;
            for row in &result_rows {
                sum += app(row, column)?;
            }
            Some(sum == app("results_total", column)?)
        })();
        if r3 == Some(false) {
            broken.insert("R3".to_owned());
        }
        if let Some(previous) = previous {
            let before = cell(previous, TableKey::Applications, "carried_forward", column);
            if before.is_some() && before != app("carried_over", column) {
                broken.insert("R5".to_owned());
            }
        }
    }
    for row in catalog.row_keys(TableKey::Applications) {
        if !report.cells.has_row(TableKey::Applications, row) {
            continue;
        }
        let sum: Option<i128> = applicant_columns[..6].iter().map(|c| app(row, c)).sum();
        if sum.is_some() && sum != app(row, "total") {
            broken.insert("R2".to_owned());
        }
    }
    for group in catalog.row_keys(TableKey::Appeals) {
        let value = |column| cell(report, TableKey::Appeals, group, column);
        let sum: Option<i128> = ["upheld", "corrected", "other", "pending"]
            .into_iter()
            .map(value)
            .sum();
        if sum.is_some() && sum != value("total") {
            broken.insert("R4".to_owned());
        }
    }
    if let Some(previous) = previous
        .filter(|previous| previous.format == FormatId::Gb2021 && report.format == FormatId::Gb2021)
    {
        for row in ["rules", "normative_documents"] {
            let now = |column| report.cells.at(TableKey::Active, row, column).whole();
            let before = previous.cells.at(TableKey::Active, row, "in_force").whole();
            let holds =
                (|| Some(now("in_force")? == before? + now("issued")? - now("repealed")?))();
            if holds == Some(false) {
                broken.insert("R6".to_owned());
            }
        }
    }
    if let Some(published) = report.published
        && published > deadline(kind, report.year)
    {
        broken.insert("R7".to_owned());
    }
    let body = report.body.text();
    let sections: Vec<u8> = body
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .filter_map(section_number)
        .collect();
    let section_six = body.split("## 六").nth(1).unwrap_or("");
    if sections != [1, 2, 3, 4, 5, 6]
        || (report.format == FormatId::Gb2021 && !section_six.contains("信息处理费"))
    {
        broken.insert("R8".to_owned());
    }
    let mixed = catalog.entries().any(|(id, definition)| {
        report.cells.get(id).is_present() && !definition.formats.contains(&report.format)
    });
    if mixed {
        broken.insert("R9".to_owned());
    }
    broken
}

#[path = "../../tests/it/numbers.rs"]
mod numbers;

/// `EXACT_CORPUS_REPORTS` sets the corpus's size (200 by default; docs/data.md gives a run at
/// 10,000).
#[test]
fn every_number_in_every_data_file_of_a_built_corpus_is_exact() {
    let reports = std::env::var("EXACT_CORPUS_REPORTS")
        .ok()
        .and_then(|reports| reports.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    generate(&args(&out, reports, 0.05, 7)).unwrap();
    let public = dir.path().join("public");
    let options = archive::build::BuildOptions {
        output: Some(public.clone()),
        skip_search: true,
        ..Default::default()
    };
    archive::build::build(&out, &options).unwrap_or_else(|_| panic!("the corpus builds"));
    let printed = numbers::printed_decimals(&out.join("content"));
    assert_eq!(printed, 2, "fees are written to the 分");
    let (inexact, read) = numbers::inexact_numbers(&public, printed);
    assert!(read > 100_000, "only {read} numbers read");
    assert!(inexact.is_empty(), "{}", inexact.join("\n"));
}

/// `archive check` reads and checks a corpus agency by agency (`archive::build::check`); its
/// findings, checks not checkable and source problems are exactly those of the rules on the
/// whole archive loaded at once, on 2,000 generated reports with a fifth of them broken and a few
/// sources spoiled.
#[test]
fn checking_agency_by_agency_finds_what_checking_the_whole_archive_finds() {
    use archive_core::check::{Checks, ReportPlace, listing};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let mut corpus = args(&out, 2000, 0.2, 3);
    corpus.hugo = None;
    generate(&corpus).unwrap();
    let mut agencies: Vec<PathBuf> = fs::read_dir(out.join("content"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    agencies.sort();
    // One source that does not parse, one saved under the next year's name, one agency file gone.
    let broken = agencies[3].join("2022.md");
    let text = fs::read_to_string(&broken).unwrap();
    fs::write(&broken, text.replacen("year:", "year: [", 1)).unwrap();
    fs::copy(agencies[7].join("2021.md"), agencies[7].join("2026.md")).unwrap();
    fs::remove_file(agencies[11].join("_agency.yaml")).unwrap();

    let run = archive::build::check(&out).unwrap_or_else(|_| panic!("site.toml reads"));
    let by_agency = listing::json(&run.checks, &run.reports, &run.diagnostics);

    let config = archive_core::config::SiteConfig::load(&out).unwrap();
    let loaded = archive_core::load::load(&out);
    let checks = Checks::run_rules(&loaded.archive, &config.deadlines);
    let places: Vec<ReportPlace> = loaded.archive.reports.iter().map(ReportPlace::of).collect();
    let whole = listing::json(&checks, &places, &loaded.diagnostics);

    assert!(by_agency["findings"].as_array().unwrap().len() > 300);
    assert_eq!(by_agency["errors"].as_array().unwrap().len(), 3);
    assert_eq!(by_agency, whole);
    assert_eq!(
        listing::text(&run.checks, &run.reports),
        listing::text(&checks, &places)
    );
}
