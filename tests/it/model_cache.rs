//! The model's compact parts read back from the load cache (`model::Narrative`, deflated, and
//! `model::RowLines`, one line per catalog row): a build that takes every report from the cache
//! names the same source lines in its findings and prints the same narratives as one that read
//! every source.

use crate::support::{TestSite, reports_from_cache, settled_example, snapshot_tree, timed_run};

/// Builds everything again (`--full`) and returns how many reports came from the load cache.
fn full_build(site: &TestSite) -> usize {
    reports_from_cache(&timed_run(site, &["build", "--full", "--no-search"]))
}

/// The line `findings.csv` gives for a finding, by the start of its row.
fn finding_line(findings: &str, start: &str) -> usize {
    let row = findings
        .lines()
        .find(|row| row.starts_with(start))
        .unwrap_or_else(|| panic!("no finding {start} in\n{findings}"));
    let line = row.rsplit(',').next().unwrap();
    line.parse().unwrap_or_else(|_| panic!("no line in {row}"))
}

#[test]
fn reports_from_the_load_cache_name_the_same_lines_and_print_the_same_narratives() {
    let site = settled_example();
    let reports = 10;
    assert_eq!(full_build(&site), 0, "the first build reads every source");
    let public = site.path().join("public");
    let read = snapshot_tree(&public);
    let findings = site.read("public/data/findings.csv");
    // The sum in hongze's 2023 appeals table is found at the line of its row.
    let line = finding_line(&findings, "hongze,2023,R4,error,appeals.review,");
    let source = site.read("content/hongze/2023.md");
    let printed = source.lines().nth(line - 1).unwrap();
    assert!(
        printed.trim_start().starts_with("review:"),
        "{line}: {printed}"
    );
    // A narrative in a page: the one of hongze's 2023 report, read from its source.
    let page = site.read("public/agencies/hongze/2023/index.html");
    assert!(page.contains("总体情况"));

    assert_eq!(
        full_build(&site),
        reports,
        "the second takes every report from the cache"
    );
    assert_eq!(site.read("public/data/findings.csv"), findings);
    let cached = snapshot_tree(&public);
    assert_eq!(read.len(), cached.len());
    for ((path, first), (cached_path, second)) in read.iter().zip(&cached) {
        assert_eq!(path, cached_path);
        assert!(first == second, "{} differs", path.display());
    }
}
