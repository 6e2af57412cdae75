//! A full build's bookkeeping done as the files are written (issue 16, item 5): the stamps its
//! manifest records are taken from each file as it is staged, not by walking the new site after
//! the swap, and must be exactly what the file system has.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

use archive::incremental::read_manifest;
use archive::output::FileStamp;

use crate::support::{TestSite, code_and_errors};

/// Every regular file below `output`, by its path from there, with its size and modification
/// time (seconds and nanoseconds since the epoch), as the manifest writes a stamp.
fn stamps_on_disk(output: &Path) -> BTreeMap<String, FileStamp> {
    let mut stamps = BTreeMap::new();
    let mut folders = vec![output.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let metadata = fs::symlink_metadata(entry.path()).unwrap();
            if metadata.is_dir() {
                folders.push(entry.path());
                continue;
            }
            let since = metadata
                .modified()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap();
            let relative = entry.path().strip_prefix(output).unwrap().to_owned();
            stamps.insert(
                relative.to_string_lossy().replace('\\', "/"),
                (metadata.len(), (since.as_secs(), since.subsec_nanos())),
            );
        }
    }
    stamps
}

/// The output stamps the last build's manifest recorded.
fn recorded_stamps(site: &TestSite) -> BTreeMap<String, FileStamp> {
    read_manifest(&site.path().join("public"))
        .expect("the build wrote its manifest")
        .files
        .into_iter()
        .collect()
}

fn build(site: &TestSite, args: &[&str]) {
    let (code, errors) = code_and_errors(&site.run(args));
    assert_eq!(code, 0, "{errors}");
}

#[test]
fn a_full_build_records_every_files_stamp_as_the_file_system_has_it() {
    let site = TestSite::example();
    // A kept file of the host's, carried into each new site by the swap.
    // (before site.toml's first table, `[deadlines]`, so that it is a top-level key)
    site.write(
        "site.toml",
        &format!("keep = [\"CNAME\"]\n{}", site.read("site.toml")),
    );
    build(&site, &["build", "--no-search"]);
    let output = site.path().join("public");
    let first = recorded_stamps(&site);
    assert_eq!(first, stamps_on_disk(&output));
    assert!(first.contains_key(".archive-output"));
    assert!(first.keys().any(|path| path.ends_with("/data.json")));

    // Again in full over that output: unchanged files are linked from it, the kept file copied.
    fs::write(output.join("CNAME"), "nianbao.example.gov.cn").unwrap();
    build(&site, &["build", "--no-search", "--full"]);
    let second = recorded_stamps(&site);
    assert_eq!(second, stamps_on_disk(&output));
    assert!(second.contains_key("CNAME"));
    let unchanged = first
        .iter()
        .filter(|(path, stamp)| second.get(*path) == Some(*stamp))
        .count();
    assert!(
        unchanged > first.len() / 2,
        "{unchanged} of {}",
        first.len()
    );
}
