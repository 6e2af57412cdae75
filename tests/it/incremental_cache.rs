//! The load cache (`.archive-cache/public.sources/`): a build takes the reports whose sources'
//! stamps did not change from it, and its output stays byte for byte a full build's whatever
//! happened to the sources or to the cache: an edit of the same length, a touched file, a
//! damaged cache, a cache of another binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::incremental::assert_same_as_a_full_build;
use crate::support::{
    TestSite, archive, code_and_errors, reports_from_cache, settled_example, timed_run,
};

const REPORT: &str = "content/huaian/2024.md";
const CELL: &str = "licensing:           [447228]";
/// The same cell, changed without changing the file's length.
const SAME_LENGTH: &str = "licensing:           [447229]";

fn set_modified(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Builds and returns standard error.
fn build(site: &TestSite) -> String {
    let output = archive(site.path(), &["build"]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    errors
}

fn shards(site: &TestSite) -> Vec<PathBuf> {
    let folder = site.path().join(".archive-cache/public.sources");
    let mut shards: Vec<PathBuf> = fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    shards.sort();
    assert!(!shards.is_empty());
    shards
}

/// Rewrites the report with the cell changed, the same length, the same file (inode) and the
/// same modification time: a change no stamp shows, which only a cache that is not trusted
/// lets the build see.
fn edit_behind_the_stamp(site: &TestSite) {
    let path = site.path().join(REPORT);
    let before = modified(&path);
    let text = site.read(REPORT);
    assert!(text.contains(CELL));
    fs::write(&path, text.replacen(CELL, SAME_LENGTH, 1)).unwrap();
    set_modified(&path, before);
}

#[test]
fn unchanged_sources_come_from_the_cache_and_a_same_length_edit_is_seen() {
    let site = settled_example();
    build(&site);
    let reports = fs::read_dir(site.path().join("content"))
        .unwrap()
        .flat_map(|agency| fs::read_dir(agency.unwrap().path()).into_iter().flatten())
        .filter(|entry| {
            entry
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".md")
        })
        .count();
    assert_eq!(
        reports_from_cache(&timed_run(&site, &["build"])),
        reports,
        "nothing changed: every report cached"
    );

    // The same length, another modification time: read again.
    let path = site.path().join(REPORT);
    let before = modified(&path);
    let text = site.read(REPORT);
    fs::write(&path, text.replacen(CELL, SAME_LENGTH, 1)).unwrap();
    set_modified(&path, before + Duration::from_secs(1));
    let errors = build(&site);
    assert!(errors.contains("(changed sources: 1)"), "{errors}");
    assert_same_as_a_full_build(&site, "an edit of the same length");

    // Touched, the bytes unchanged: read and hashed again, nothing drawn.
    set_modified(&path, before + Duration::from_secs(2));
    let errors = build(&site);
    assert!(
        errors.contains("(changed sources: 0)") || errors.contains("0 of "),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "a touched file");
    assert_eq!(
        reports_from_cache(&timed_run(&site, &["build"])),
        reports,
        "the touched report is cached again"
    );
}

#[test]
fn a_damaged_cache_is_noted_and_read_around() {
    let site = settled_example();
    build(&site);
    edit_behind_the_stamp(&site);
    for shard in shards(&site) {
        let mut bytes = fs::read(&shard).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        fs::write(&shard, bytes).unwrap();
    }
    let errors = build(&site);
    assert!(errors.contains("the load cache is damaged"), "{errors}");
    assert!(
        errors.contains(".archive-cache/ can be deleted"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "a damaged cache");
    // Written again whole: the next build trusts it.
    let errors = build(&site);
    assert!(!errors.contains("damaged"), "{errors}");
}

#[test]
fn a_cache_of_another_binary_is_not_trusted() {
    let site = settled_example();
    build(&site);
    edit_behind_the_stamp(&site);
    for shard in shards(&site) {
        let bytes = fs::read(&shard).unwrap();
        // The header's version names the package's: another one, the checksum made again.
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let at = bytes
            .windows(version.len())
            .position(|window| window == version)
            .expect("the header names the version");
        let mut body = bytes[..bytes.len() - 4].to_vec();
        body[at] = if body[at] == b'9' { b'8' } else { b'9' };
        let mut crc = flate2::Crc::new();
        crc.update(&body);
        body.extend(crc.sum().to_le_bytes());
        fs::write(&shard, body).unwrap();
    }
    let errors = build(&site);
    assert!(
        !errors.contains("damaged"),
        "another binary's cache is no damage: {errors}"
    );
    assert_same_as_a_full_build(&site, "another binary's cache");
}

#[test]
fn without_the_cache_a_stamp_hidden_edit_would_be_missed() {
    // The case the two tests above rely on: the cache, when trusted, is what the build reads.
    let site = settled_example();
    build(&site);
    edit_behind_the_stamp(&site);
    build(&site);
    let page =
        fs::read_to_string(site.path().join("public/agencies/huaian/2024/data.json")).unwrap();
    assert!(
        page.contains("447228") && !page.contains("447229"),
        "the cached report was used"
    );
}
