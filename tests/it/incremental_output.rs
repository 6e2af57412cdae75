//! The output side of an incremental build (issue 16, branch `editout`): the listing of the
//! previous output, which files are kept and removed at an in-place commit, with entries of
//! `keep` matched on whole path components.

use std::fs;

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::TestSite;

fn edit_one_cell(site: &TestSite) {
    let path = site.path().join("content/huaian/2024.md");
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "licensing:           [447228]",
        "licensing:           [447229]",
        1,
    );
    assert_ne!(text, edited, "the edit must change the report");
    fs::write(&path, edited).unwrap();
}

/// A kept entry keeps what is at its path and below it, but not a sibling whose name merely
/// starts with it: `.well-known-old/` is no `.well-known` and goes, as a full build lacks it.
#[test]
fn kept_entries_match_whole_path_components_at_an_in_place_commit() {
    let site = TestSite::example();
    build(&site);
    let public = site.path().join("public");
    fs::create_dir_all(public.join(".well-known/deep/er")).unwrap();
    fs::write(public.join(".well-known/deep/er/key.txt"), "kept").unwrap();
    fs::create_dir_all(public.join(".well-known-old")).unwrap();
    fs::write(public.join(".well-known-old/key.txt"), "not kept").unwrap();
    fs::write(public.join("CNAMES"), "not kept").unwrap();
    edit_one_cell(&site);

    let errors = build(&site);
    assert!(errors.contains("incremental build: "), "{errors}");
    assert_eq!(
        fs::read_to_string(public.join(".well-known/deep/er/key.txt")).unwrap(),
        "kept"
    );
    assert!(!public.join(".well-known-old").exists(), "{errors}");
    assert!(!public.join("CNAMES").exists(), "{errors}");
    fs::remove_dir_all(public.join(".well-known")).unwrap();
    assert_same_as_a_full_build(&site, "after keeping .well-known");
}

/// The listing of the previous output names each file by its whole path from the output's
/// root, however deep: a file deleted or hand-edited three folders down is drawn again, and one
/// a full build lacks is removed, in the same build as a one-cell edit.
#[test]
fn deep_files_are_listed_by_their_whole_path() {
    let site = TestSite::example();
    build(&site);
    let public = site.path().join("public");
    let deep_page = "agencies/huaian/2024/index.html";
    assert!(
        public.join(deep_page).is_file(),
        "the example site has {deep_page}"
    );
    fs::remove_file(public.join(deep_page)).unwrap();
    let other = walk_first_html(&public.join("agencies"), deep_page);
    fs::write(public.join(&other), "hand-edited").unwrap();
    fs::write(public.join("agencies/huaian/2024/stray.html"), "stray").unwrap();
    edit_one_cell(&site);

    let errors = build(&site);
    assert!(errors.contains("incremental build: "), "{errors}");
    assert!(public.join(deep_page).is_file());
    assert_ne!(
        fs::read_to_string(public.join(&other)).unwrap(),
        "hand-edited"
    );
    assert!(!public.join("agencies/huaian/2024/stray.html").exists());
    assert_same_as_a_full_build(&site, "deep files");
}

/// Some page below `agencies/` other than `except`, as a path from the output's root.
fn walk_first_html(folder: &std::path::Path, except: &str) -> String {
    let root = folder.parent().unwrap();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let mut entries: Vec<_> = fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                pending.push(path);
            } else if relative.ends_with(".html") && relative != except {
                return relative;
            }
        }
    }
    panic!("no page below {}", folder.display());
}
