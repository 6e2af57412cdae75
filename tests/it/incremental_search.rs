//! Incremental `archive build` and the search index's parts: a report belongs to a part by its
//! year and agency, not by its position, so adding, removing or editing a report builds its own
//! part again and carries every other over, and the result is a full build's.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::TestSite;

/// Every file of the index with its modification time, by path below `public/`.
fn index_files(site: &TestSite) -> BTreeMap<String, SystemTime> {
    let public = site.path().join("public");
    walkdir::WalkDir::new(public.join("pagefind"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(&public).unwrap();
            (
                path.display().to_string(),
                entry.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// The part folder a file of the index is in (`pagefind/` or `pagefind/2024-1/`).
fn part_of(file: &str) -> String {
    let rest = file.strip_prefix("pagefind/").unwrap();
    match rest.split_once('/') {
        Some((dir, _)) if dir.starts_with("20") => format!("pagefind/{dir}/"),
        _ => "pagefind/".to_owned(),
    }
}

/// The parts whose files were written (new or with a new time) between two listings.
fn parts_written(
    before: &BTreeMap<String, SystemTime>,
    after: &BTreeMap<String, SystemTime>,
) -> BTreeSet<String> {
    after
        .iter()
        .filter(|(file, time)| before.get(*file) != Some(*time))
        .map(|(file, _)| part_of(file))
        .collect()
}

/// The parts the build reports: (kept, all).
fn kept_of(errors: &str) -> (usize, usize) {
    let (_, rest) = errors
        .split_once("search index: ")
        .unwrap_or_else(|| panic!("{errors}"));
    let parts = rest
        .split_once(" parts,")
        .and_then(|(head, _)| head.rsplit(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("no part count: {errors}"));
    let kept = rest
        .split_once(" parts unchanged and kept")
        .and_then(|(head, _)| head.split(", ").last())
        .and_then(|phrase| phrase.split(" of ").next())
        .and_then(|count| count.parse().ok())
        .unwrap_or(0);
    (kept, parts)
}

/// The example archive with parts of two reports, built once.
fn site_in_small_parts() -> TestSite {
    let site = TestSite::example();
    let config = format!("search_part_size = 2\n{}", site.read("site.toml"));
    site.write("site.toml", &config);
    let errors = build(&site);
    // The glossary's part and, for 2024's three reports, two; one for each other year.
    let (kept, parts) = kept_of(&errors);
    assert_eq!(kept, 0, "{errors}");
    assert!((7..=8).contains(&parts), "{errors}");
    site
}

/// Runs a build after `change` and insists that the parts written are `expected` only, that the
/// build says it kept every other part, and that the output is a full build's.
fn only_its_part_is_built(site: &TestSite, step: &str, expected: &dyn Fn(&str) -> bool) {
    let before = index_files(site);
    let errors = build(site);
    let after = index_files(site);
    let written = parts_written(&before, &after);
    assert_eq!(
        written.len(),
        1,
        "{step}: parts written {written:?}\n{errors}"
    );
    assert!(
        written.iter().all(|part| expected(part)),
        "{step}: {written:?}"
    );
    let (kept, parts) = kept_of(&errors);
    assert_eq!(kept + 1, parts, "{step}: {errors}");
    assert_same_as_a_full_build(site, step);
}

#[test]
fn adding_removing_or_editing_a_report_builds_its_own_part_only() {
    let site = site_in_small_parts();

    // A report added to a year of three: 2024 stays in two buckets, and only the new report's
    // one is built again (or made, if the hash had left it empty).
    let added = site
        .read("content/pingtan/2023.md")
        .replace("year: 2023", "year: 2024")
        .replace("2023年", "2024年");
    site.write("content/pingtan/2024.md", &added);
    only_its_part_is_built(&site, "a report added", &|part| {
        part.starts_with("pagefind/2024-")
    });

    // A report removed from a year of two: that year's part alone is built again.
    fs::remove_file(site.path().join("content/hongze/2023.md")).unwrap();
    only_its_part_is_built(&site, "a report removed", &|part| {
        part == "pagefind/2023-1/"
    });
    assert!(!Path::new(&site.path().join("public/agencies/hongze/2023")).exists());

    // An edited narrative: its part alone.
    let source = "content/pingtan/2021.md";
    let text = site.read(source);
    let end = text.rfind('。').expect("a narrative");
    site.write(
        source,
        &format!("{}，另有补充说明。{}", &text[..end], &text[end + 3..]),
    );
    only_its_part_is_built(&site, "a narrative edited", &|part| {
        part == "pagefind/2021-1/"
    });
}

#[test]
fn a_year_whose_reports_outgrow_its_buckets_is_split_and_the_other_years_kept() {
    let site = site_in_small_parts();
    let before = index_files(&site);
    // 2019's two reports become three with another agency's: 2019 is hashed into two buckets
    // instead of one, and only 2019's parts are built.
    let added = site
        .read("content/hongze/2023.md")
        .replace("year: 2023", "year: 2019")
        .replace("2023年", "2019年");
    site.write("content/hongze/2019.md", &added);
    let errors = build(&site);
    let written = parts_written(&before, &index_files(&site));
    assert!(
        !written.is_empty()
            && written
                .iter()
                .all(|part| part.starts_with("pagefind/2019-")),
        "{written:?}\n{errors}"
    );
    let (kept, parts) = kept_of(&errors);
    assert_eq!(kept + written.len(), parts, "{errors}");
    assert_same_as_a_full_build(&site, "a year split");
}

/// The index's files, bytes and modification times, by path below `public/`.
fn index_snapshot(site: &TestSite) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let public = site.path().join("public");
    index_files(site)
        .into_iter()
        .map(|(file, time)| {
            let bytes = fs::read(public.join(&file)).unwrap();
            (file, (bytes, time))
        })
        .collect()
}

#[test]
fn a_cell_edit_builds_no_part_and_leaves_the_index_as_it_was() {
    let site = site_in_small_parts();
    let before = index_snapshot(&site);
    let source = "content/hongze/2024.md";
    let text = site.read(source);
    assert!(text.contains("licensing:           [9487]"));
    site.write(source, &text.replace("[9487]", "[9488]"));
    let errors = build(&site);
    let (kept, parts) = kept_of(&errors);
    assert_eq!(kept, parts, "a table is not indexed: {errors}");
    assert!(
        index_snapshot(&site) == before,
        "pagefind/ changed after a cell edit"
    );
    assert_same_as_a_full_build(&site, "a cell edited");
}

/// Builds after `change` and insists that the parts written are as many as `years` and each of
/// one of them (the parts of the reports whose documents changed), that every other part was
/// kept, and that the output is a full build's.
fn the_parts_of_these_years_are_built(site: &TestSite, step: &str, years: &[&str]) {
    let before = index_files(site);
    let errors = build(site);
    let written = parts_written(&before, &index_files(site));
    assert_eq!(written.len(), years.len(), "{step}: {written:?}\n{errors}");
    for year in years {
        let prefix = format!("pagefind/{year}-");
        assert!(
            written.iter().any(|part| part.starts_with(&prefix)),
            "{step}: no part of {year} in {written:?}"
        );
    }
    let (kept, parts) = kept_of(&errors);
    assert_eq!(kept + written.len(), parts, "{step}: {errors}");
    assert_same_as_a_full_build(site, step);
}

#[test]
fn an_agency_or_region_renamed_builds_the_parts_of_the_reports_that_show_it() {
    let site = site_in_small_parts();
    // The agency's name is in its reports' documents (2023 and 2024), not in their sources.
    let agency = "content/hongze/_agency.yaml";
    let text = site.read(agency);
    site.write(
        agency,
        &text.replace("name: 洪泽区人民政府", "name: 洪泽区政府"),
    );
    the_parts_of_these_years_are_built(&site, "an agency renamed", &["2023", "2024"]);

    // An alias too.
    let text = site.read(agency);
    site.write(
        agency,
        &text.replace(
            "aliases: [淮安市洪泽区人民政府]",
            "aliases: [洪泽区人民政府]",
        ),
    );
    the_parts_of_these_years_are_built(&site, "an alias changed", &["2023", "2024"]);

    // 福州市 is a region of pingtan's reports alone (2019 to 2023): a filter's name.
    let regions = site.read("content/_regions.yaml");
    site.write(
        "content/_regions.yaml",
        &regions.replace("name: 福州市", "name: 福州"),
    );
    the_parts_of_these_years_are_built(
        &site,
        "a region renamed",
        &["2019", "2020", "2021", "2022", "2023"],
    );
}
