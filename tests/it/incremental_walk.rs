//! The content side of an incremental build, second round (issue 16): the build hashes the
//! files the load's scan of `content/` listed instead of walking the folder again. Every file a
//! walk would have found is still seen — a file added to a folder of archived originals, a
//! renamed or removed report, an agency folder added — and an editor's temporary file is still
//! not a change; each time the output is byte for byte a full build's.

use std::fs;

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::settled_example;

const REPORT: &str = "content/huaian/2024.md";

#[test]
fn a_file_added_to_a_folder_of_originals_is_a_change_of_content() {
    let site = settled_example();
    build(&site);
    // Named by no report: only the walk of the originals' folder finds it.
    site.write("content/hongze/originals/notes/scan.txt", "扫描件说明");
    let errors = build(&site);
    assert!(
        errors.contains("another file of content/ changed"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "an original added");

    let errors = build(&site);
    assert!(errors.contains("(changed sources: 0)"), "{errors}");
    fs::remove_file(site.path().join("content/hongze/originals/notes/scan.txt")).unwrap();
    let errors = build(&site);
    assert!(
        errors.contains("another file of content/ changed"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "an original removed");
}

#[test]
fn editors_temporary_files_are_not_sources_anywhere_in_content() {
    let site = settled_example();
    build(&site);
    for temporary in [
        "content/huaian/.2024.md.swp",
        "content/huaian/2024.md~",
        "content/hongze/originals/#draft.txt#",
        "content/hongze/originals/.cache/part.bin",
    ] {
        site.write(temporary, "x");
    }
    let errors = build(&site);
    assert!(errors.contains("(changed sources: 0)"), "{errors}");
    assert_same_as_a_full_build(&site, "temporary files");
}

#[test]
fn a_renamed_report_is_seen_as_one_removed_and_one_added() {
    let site = settled_example();
    build(&site);
    let text = site.read(REPORT);
    let renamed = "content/huaian/2019.md";
    site.write(renamed, &text.replacen("year: 2024", "year: 2019", 1));
    fs::remove_file(site.path().join(REPORT)).unwrap();
    let errors = build(&site);
    assert!(errors.contains("(changed sources: 2)"), "{errors}");
    assert_same_as_a_full_build(&site, "a renamed report");
}

#[test]
fn an_agency_added_or_removed_is_a_change_of_content() {
    let site = settled_example();
    build(&site);
    // A copy of an agency folder, its archived originals included.
    let from = site.path().join("content/huaian");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(&from).unwrap();
        let to = site.path().join("content/huaian-copy").join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(to).unwrap();
        } else {
            fs::copy(entry.path(), to).unwrap();
        }
    }
    let errors = build(&site);
    assert!(
        errors.contains("another file of content/ changed"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "an agency added");

    fs::remove_dir_all(site.path().join("content/huaian-copy")).unwrap();
    let errors = build(&site);
    assert!(
        errors.contains("another file of content/ changed"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "an agency removed");
}
