//! The stamps an incremental build records (issue 16, branch `editout2`): the listing of the
//! previous output stamps each file once, the draw, the search index's carry-over and the
//! commit use those stamps, and the manifest records them. Whatever changed by hand after any
//! build, in-place commits included, is drawn again; nothing else is.

use std::fs;

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::TestSite;

/// How many pages and data files the build drew again, and of how many.
fn drawn(errors: &str) -> (usize, usize) {
    let (_, rest) = errors
        .split_once("incremental build: ")
        .unwrap_or_else(|| panic!("not incremental: {errors}"));
    let mut words = rest.split_whitespace();
    let files = words.next().and_then(|count| count.parse().ok());
    let of = words.nth(1).and_then(|count| count.parse().ok());
    match (files, of) {
        (Some(files), Some(of)) => (files, of),
        _ => panic!("no counts: {errors}"),
    }
}

/// Whether the build kept every part of the search index.
fn every_part_kept(errors: &str) -> bool {
    let Some((_, rest)) = errors.split_once("search index: ") else {
        return false;
    };
    let Some((head, _)) = rest.split_once(" parts unchanged and kept") else {
        return false;
    };
    let phrase = head.rsplit(", ").next().unwrap_or_default();
    matches!(phrase.split_once(" of "), Some((kept, all)) if kept == all)
}

fn edit_one_cell(site: &TestSite, from: &str, to: &str) {
    let path = "content/huaian/2024.md";
    let text = site.read(path);
    assert!(text.contains(from), "{path} holds {from}");
    site.write(path, &text.replacen(from, to, 1));
}

/// After an in-place commit, the manifest holds the listing's stamps for the files it left and
/// fresh ones for those it renamed in: the next build, with nothing changed, draws nothing and
/// keeps every part of the search index.
#[test]
fn after_an_in_place_commit_a_build_with_nothing_changed_draws_nothing() {
    let site = TestSite::example();
    build(&site);
    edit_one_cell(&site, "[447228]", "[447229]");
    let edited = build(&site);
    let (files, of) = drawn(&edited);
    assert!(files > 0 && files < of, "{edited}");
    assert!(every_part_kept(&edited), "{edited}");

    let again = build(&site);
    assert_eq!(drawn(&again), (0, of), "{again}");
    assert!(every_part_kept(&again), "{again}");
}

/// Files changed by hand after an in-place commit — one it renamed in, one it left, one of the
/// search index — are found changed by the next listing's stamps and drawn again (the index's
/// part built again), and the output is a full build's.
#[test]
fn files_edited_by_hand_after_an_in_place_commit_are_drawn_again() {
    let site = TestSite::example();
    build(&site);
    edit_one_cell(&site, "[447228]", "[447229]");
    build(&site);
    let public = site.path().join("public");
    let renamed_in = "agencies/huaian/2024/index.html";
    let left = "glossary/index.html";
    let index_file = "pagefind/pagefind-entry.json";
    for path in [renamed_in, left] {
        assert!(public.join(path).is_file(), "the example site has {path}");
    }
    let index_path = first_file_named(&public.join("pagefind"), "pagefind-entry.json")
        .unwrap_or_else(|| panic!("the example site has a {index_file}"));
    for path in [
        public.join(renamed_in),
        public.join(left),
        index_path.clone(),
    ] {
        fs::write(&path, "edited by hand, longer than nothing").unwrap();
    }

    let errors = build(&site);
    let (files, _) = drawn(&errors);
    assert!(files >= 2, "{errors}");
    assert!(!every_part_kept(&errors), "{errors}");
    for path in [public.join(renamed_in), public.join(left), index_path] {
        let text = fs::read_to_string(&path).unwrap();
        assert_ne!(
            text,
            "edited by hand, longer than nothing",
            "{}",
            path.display()
        );
    }
    assert_same_as_a_full_build(&site, "after editing by hand");
}

/// A file deleted by hand after an in-place commit is drawn again, and an entry of `keep` the
/// previous output has stays, with its modification time, through builds that commit in place.
#[test]
fn deleted_files_come_back_and_kept_entries_stay_through_in_place_commits() {
    let site = TestSite::example();
    let config = format!("keep = [\"CNAME\"]\n{}", site.read("site.toml"));
    site.write("site.toml", &config);
    build(&site);
    let public = site.path().join("public");
    fs::write(public.join("CNAME"), "nianbao.example.gov.cn").unwrap();
    let kept_time = fs::metadata(public.join("CNAME"))
        .unwrap()
        .modified()
        .unwrap();
    edit_one_cell(&site, "[447228]", "[447229]");
    build(&site);
    fs::remove_file(public.join("glossary/index.html")).unwrap();

    let errors = build(&site);
    assert_eq!(drawn(&errors).0, 1, "{errors}");
    assert!(public.join("glossary/index.html").is_file());
    edit_one_cell(&site, "[447229]", "[447230]");
    build(&site);
    assert_eq!(
        fs::read_to_string(public.join("CNAME")).unwrap(),
        "nianbao.example.gov.cn"
    );
    let time = fs::metadata(public.join("CNAME"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(time, kept_time);
    fs::remove_file(public.join("CNAME")).unwrap();
    assert_same_as_a_full_build(&site, "after keeping CNAME");
}

/// The first file named `name` at or below `folder`.
fn first_file_named(folder: &std::path::Path, name: &str) -> Option<std::path::PathBuf> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|entry| entry.file_type().is_file() && entry.file_name() == name)
        .map(walkdir::DirEntry::into_path)
}

/// The manifest's modification time.
fn manifest_time(site: &TestSite) -> std::time::SystemTime {
    fs::metadata(site.path().join(".archive-cache/public.manifest"))
        .and_then(|metadata| metadata.modified())
        .expect("the build wrote its manifest")
}

/// A build with nothing changed leaves the manifest as it is (it records that build already);
/// an edited source, or a file of the output drawn again, makes the next build write it.
#[test]
fn the_manifest_is_written_only_when_what_it_records_changed() {
    let site = TestSite::example();
    build(&site);
    let first = manifest_time(&site);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(&site);
    assert_eq!(drawn(&again).0, 0, "{again}");
    assert_eq!(manifest_time(&site), first, "nothing changed: {again}");

    edit_one_cell(&site, "[447228]", "[447229]");
    build(&site);
    let edited = manifest_time(&site);
    assert_ne!(edited, first, "a source changed");

    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::remove_file(site.path().join("public/glossary/index.html")).unwrap();
    let redrawn = build(&site);
    assert_eq!(drawn(&redrawn).0, 1, "{redrawn}");
    assert_ne!(
        manifest_time(&site),
        edited,
        "a file drawn again: {redrawn}"
    );

    // And the record it left is still right: nothing to draw, the output a full build's.
    let last = build(&site);
    assert_eq!(drawn(&last).0, 0, "{last}");
    assert_same_as_a_full_build(&site, "after builds that kept the manifest");
}
