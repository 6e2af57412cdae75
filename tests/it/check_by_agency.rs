//! `archive check` reads and checks the sources one agency folder at a time
//! (`check::check_sources`), never holding the whole archive: what it prints must be exactly what
//! the rules give on the whole archive loaded at once (`load::load`, then `Checks::run_rules`),
//! source problems and their order included. The same comparison on a 2,000-report generated
//! corpus is in examples/gen-corpus/tests.rs.

use std::fs;
use std::path::Path;

use archive_core::check::{Checks, ReportPlace, listing};
use archive_core::config::SiteConfig;
use serde_json::Value;

use crate::support::{TestSite, archive, stdout};

/// The JSON and the text listing of the checks on the whole archive loaded at once.
fn whole_archive_listings(root: &Path) -> (Value, String) {
    let config = SiteConfig::load(root).expect("site.toml reads");
    let loaded = archive_core::load::load(root);
    let checks = Checks::run_rules(&loaded.archive, &config.deadlines);
    let places: Vec<ReportPlace> = loaded.archive.reports.iter().map(ReportPlace::of).collect();
    (
        listing::json(&checks, &places, &loaded.diagnostics),
        listing::text(&checks, &places),
    )
}

fn assert_same_as_whole_archive(root: &Path) -> Value {
    let (json, text) = whole_archive_listings(root);
    let printed: Value =
        serde_json::from_str(&stdout(&archive(root, &["check", "--format", "json"])))
            .expect("check prints JSON");
    assert_eq!(printed, json);
    assert_eq!(stdout(&archive(root, &["check"])), text);
    json
}

#[test]
fn the_example_archive_checked_by_agency_is_checked_as_a_whole() {
    let site = TestSite::example();
    let json = assert_same_as_whole_archive(site.path());
    assert!(!json["findings"].as_array().unwrap().is_empty());
    assert!(!json["not_checkable"].as_array().unwrap().is_empty());
}

#[test]
fn source_problems_in_several_agencies_come_in_the_same_order() {
    let site = TestSite::example();
    let edit = |relative: &str, from: &str, to: &str| {
        let text = site.read(relative);
        assert!(text.contains(from), "{relative} has {from}");
        site.write(relative, &text.replacen(from, to, 1));
    };
    // A value that is not a number (an error), a key typed on a Chinese keyboard (a note), a
    // report saved under another year's name (placement), an agency without its file (R7
    // cannot find its kind).
    edit(
        "content/pingtan/2021.md",
        "licensing:           [2293]",
        "licensing: [\"2293条\"]",
    );
    edit("content/huaian/2024.md", "year: 2024", "year：2024");
    let copy = site.read("content/pingtan/2022.md");
    site.write("content/pingtan/2024.md", &copy);
    fs::remove_file(site.path().join("content/hongze/_agency.yaml")).unwrap();

    let json = assert_same_as_whole_archive(site.path());
    let files: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["file"].as_str().unwrap())
        .collect();
    for file in [
        "content/hongze/_agency.yaml",
        "content/pingtan/2021.md",
        "content/pingtan/2024.md",
    ] {
        assert!(files.contains(&file), "{file} in {files:?}");
    }
}
