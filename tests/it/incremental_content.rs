//! The content side of an incremental build (issue 16): with nothing changed, the load cache and
//! the kept checks are not written again; a source replaced by another file (a new inode) with
//! the same length and modification time is still seen, although the hashing after the load
//! takes its stamp from the load rather than from a second look at the file.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::incremental::assert_same_as_a_full_build;
use crate::support::{TestSite, archive, code_and_errors, settled_example};

const REPORT: &str = "content/huaian/2024.md";
const CELL: &str = "licensing:           [447228]";
/// The same cell, changed without changing the file's length.
const SAME_LENGTH: &str = "licensing:           [447229]";

/// Builds and returns standard error.
fn build(site: &TestSite) -> String {
    let output = archive(site.path(), &["build"]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    errors
}

/// Every file of the load cache and the kept checks (not the manifest: the output's record, written
/// by every build), with its inode and modification time:
/// a file written again (to a temporary file renamed into place) has another inode.
fn cache_files(site: &TestSite) -> Vec<(PathBuf, u64, i64, i64)> {
    let cache = site.path().join(".archive-cache");
    let mut files: Vec<(PathBuf, u64, i64, i64)> = walkdir::WalkDir::new(&cache)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| {
            let name = entry.path().strip_prefix(&cache).unwrap();
            name.starts_with("public.sources") || name == Path::new("public.checks")
        })
        .map(|entry| {
            let metadata = entry.metadata().unwrap();
            let path = entry.path().strip_prefix(&cache).unwrap().to_path_buf();
            (
                path,
                metadata.ino(),
                metadata.mtime(),
                metadata.mtime_nsec(),
            )
        })
        .collect();
    files.sort();
    assert!(
        files
            .iter()
            .any(|(path, ..)| path.starts_with("public.sources")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|(path, ..)| path == Path::new("public.checks")),
        "{files:?}"
    );
    files
}

#[test]
fn with_nothing_changed_the_caches_are_not_written_again() {
    let site = settled_example();
    build(&site);
    let before = cache_files(&site);
    build(&site);
    assert_eq!(
        cache_files(&site),
        before,
        "nothing changed: nothing rewritten"
    );
    assert_same_as_a_full_build(&site, "nothing changed");
}

#[test]
fn a_source_replaced_with_the_same_length_and_time_is_seen_by_every_stage() {
    let site = settled_example();
    build(&site);
    let before = cache_files(&site);
    // A new file (another inode), the same length, given the old one's modification time.
    let path = site.path().join(REPORT);
    let old = fs::metadata(&path).unwrap();
    let text = site.read(REPORT);
    assert!(text.contains(CELL));
    let replacement = path.with_extension("md.new");
    fs::write(&replacement, text.replacen(CELL, SAME_LENGTH, 1)).unwrap();
    fs::File::options()
        .write(true)
        .open(&replacement)
        .and_then(|file| file.set_modified(old.modified().unwrap()))
        .unwrap();
    fs::rename(&replacement, &path).unwrap();
    assert_ne!(fs::metadata(&path).unwrap().ino(), old.ino());

    let errors = build(&site);
    assert!(errors.contains("(changed sources: 1)"), "{errors}");
    assert_same_as_a_full_build(&site, "a replaced source");
    // The report's shard and the kept checks were written again, not every shard.
    let after = cache_files(&site);
    let rewritten = before
        .iter()
        .zip(&after)
        .filter(|(old, new)| old != new)
        .count();
    assert!(
        rewritten >= 2 && rewritten < before.len(),
        "{before:?} {after:?}"
    );
}
