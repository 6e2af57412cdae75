//! How an incremental `archive build` puts its files in place: only the files that change are
//! staged and renamed over the output's under a journal in `.archive-cache/`. A build that died
//! while committing is finished by the next one, whose output is then a full build's; files a
//! full build would not have go, the host's kept files stay.

use std::fs;
use std::path::Path;

use crate::support::{TestSite, archive, code_and_errors};

/// Runs `archive build` and returns its standard error.
fn build(site: &TestSite) -> String {
    let (code, errors) = code_and_errors(&site.run(&["build"]));
    assert_eq!(code, 0, "{errors}");
    errors
}

/// Every entry below `folder` (folders too, to catch one left empty) with a file's bytes.
fn entries(folder: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut entries: Vec<_> = walkdir::WalkDir::new(folder)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .map(|entry| {
            let relative = entry.path().strip_prefix(folder).unwrap();
            let bytes = entry
                .file_type()
                .is_file()
                .then(|| fs::read(entry.path()).unwrap());
            (relative.display().to_string(), bytes)
        })
        .collect();
    entries.sort();
    entries
}

/// A full build of the site as it is now into a folder of its own.
fn full_build(site: &TestSite) -> tempfile::TempDir {
    let fresh = tempfile::tempdir().unwrap();
    let folder = fresh.path().join("site");
    let (code, errors) = code_and_errors(&archive(
        site.path(),
        &["build", "--output", folder.to_str().unwrap()],
    ));
    assert_eq!(code, 0, "{errors}");
    assert!(errors.contains("full build: no record"), "{errors}");
    fresh
}

fn assert_same_entries(mine: &Path, full: &Path, step: &str) {
    let (mine, full) = (entries(mine), entries(full));
    let names = |list: &[(String, Option<Vec<u8>>)]| -> Vec<String> {
        list.iter().map(|(name, _)| name.clone()).collect()
    };
    assert_eq!(names(&mine), names(&full), "{step}: the entries differ");
    for ((name, a), (_, b)) in mine.iter().zip(&full) {
        assert!(a == b, "{step}: {name} differs from a full build's");
    }
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read(path);
    assert!(text.contains(from), "{path} holds {from}");
    site.write(path, &text.replacen(from, to, 1));
}

/// What a build that died while committing leaves: the staged files and a journal listing them
/// and the files to remove, the first rename done, and the last build's manifest.
fn leave_an_interrupted_commit(site: &TestSite, new_site: &Path) -> usize {
    let public = site.path().join("public");
    let staging = site.path().join(".public.staging");
    fs::create_dir_all(&staging).unwrap();
    fs::write(staging.join(".archive-output"), "").unwrap();
    let old: Vec<_> = entries(&public);
    let new: Vec<_> = entries(new_site);
    let mut replace = Vec::new();
    for (name, bytes) in &new {
        let Some(bytes) = bytes else { continue };
        if old
            .iter()
            .any(|(old_name, old_bytes)| old_name == name && old_bytes.as_ref() == Some(bytes))
        {
            continue;
        }
        let staged = staging.join(name);
        fs::create_dir_all(staged.parent().unwrap()).unwrap();
        fs::write(&staged, bytes).unwrap();
        replace.push(name.clone());
    }
    let remove: Vec<String> = old
        .iter()
        .filter(|(name, bytes)| {
            bytes.is_some() && !new.iter().any(|(new_name, _)| new_name == name)
        })
        .map(|(name, _)| name.clone())
        .collect();
    assert!(!remove.is_empty() && replace.len() > 1);
    let journal = serde_json::json!({ "replace": replace, "remove": remove });
    fs::write(
        site.path().join(".archive-cache/public.journal.json"),
        journal.to_string(),
    )
    .unwrap();
    // The first file was renamed into place before the process died.
    fs::rename(staging.join(&replace[0]), public.join(&replace[0])).unwrap();
    replace.len()
}

#[test]
fn an_interrupted_commit_is_finished_by_the_next_build() {
    let site = TestSite::example();
    build(&site);
    let manifest = fs::read(site.path().join(".archive-cache/public.manifest")).unwrap();
    // A cell edited and a report removed: files replaced, files and a folder removed.
    edit(
        &site,
        "content/huaian/2024.md",
        "licensing:           [447228]",
        "licensing:           [447229]",
    );
    fs::remove_file(site.path().join("content/pingtan/2020.md")).unwrap();
    let full = full_build(&site);
    let staged = leave_an_interrupted_commit(&site, &full.path().join("site"));
    assert!(staged > 1);
    // The dead build never wrote its manifest.
    assert_eq!(
        fs::read(site.path().join(".archive-cache/public.manifest")).unwrap(),
        manifest
    );

    let errors = build(&site);
    assert!(errors.contains("incremental build: "), "{errors}");
    assert_same_entries(
        &site.path().join("public"),
        &full.path().join("site"),
        "after finishing the commit",
    );
    assert!(
        !site
            .path()
            .join(".archive-cache/public.journal.json")
            .exists()
    );
    assert!(!site.path().join(".public.staging").exists());
    assert!(!site.path().join("public/agencies/pingtan/2020").exists());
}

#[test]
fn a_build_that_died_before_its_journal_leaves_the_previous_site() {
    let site = TestSite::example();
    build(&site);
    let before = entries(&site.path().join("public"));
    // Staged files but no journal: the commit had not begun.
    let staging = site.path().join(".public.staging");
    fs::create_dir_all(staging.join("agencies/huaian/2024")).unwrap();
    fs::write(staging.join(".archive-output"), "").unwrap();
    fs::write(staging.join("agencies/huaian/2024/index.html"), "half").unwrap();

    let errors = build(&site);
    assert!(errors.contains("incremental build: 0 of "), "{errors}");
    assert_eq!(entries(&site.path().join("public")), before);
    assert!(!staging.exists());
}

#[test]
fn an_incremental_build_removes_what_a_full_build_lacks_and_keeps_the_hosts_files() {
    let site = TestSite::example();
    build(&site);
    let public = site.path().join("public");
    fs::write(public.join("CNAME"), "nianbao.example.gov.cn").unwrap();
    fs::create_dir_all(public.join(".well-known")).unwrap();
    fs::write(public.join(".well-known/security.txt"), "Contact: x").unwrap();
    fs::create_dir_all(public.join("stray/deep")).unwrap();
    fs::write(public.join("stray/deep/page.html"), "not archive's").unwrap();
    edit(
        &site,
        "content/huaian/2024.md",
        "licensing:           [447228]",
        "licensing:           [447229]",
    );

    let errors = build(&site);
    assert!(errors.contains("incremental build: "), "{errors}");
    assert!(
        !public.join("stray").exists(),
        "a full build has no such file"
    );
    assert_eq!(
        fs::read_to_string(public.join("CNAME")).unwrap(),
        "nianbao.example.gov.cn"
    );
    assert!(public.join(".well-known/security.txt").is_file());
    for kept in ["CNAME", ".well-known"] {
        let path = public.join(kept);
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else {
            fs::remove_file(path).unwrap();
        }
    }
    let full = full_build(&site);
    assert_same_entries(
        &public,
        &full.path().join("site"),
        "with kept and stray files",
    );
}

#[test]
fn a_journal_that_cannot_be_read_stops_the_build_and_changes_nothing() {
    let site = TestSite::example();
    build(&site);
    let before = entries(&site.path().join("public"));
    let staging = site.path().join(".public.staging");
    fs::create_dir_all(&staging).unwrap();
    fs::write(staging.join(".archive-output"), "").unwrap();
    let journal = site.path().join(".archive-cache/public.journal.json");
    fs::write(
        &journal,
        "{\"replace\": [\"../site.toml\"], \"remove\": []}",
    )
    .unwrap();

    let output = site.run(&["build"]);
    let real = fs::canonicalize(site.path()).unwrap();
    insta::assert_snapshot!(
        "unreadable_journal",
        String::from_utf8_lossy(&output.stderr).replace(&real.display().to_string(), "[site]")
    );
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 2, "{errors}");
    assert!(errors.contains("public.journal.json"), "{errors}");
    assert!(errors.contains("outside the output folder"), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");
    assert_eq!(entries(&site.path().join("public")), before);
    assert!(journal.exists(), "left for the user to see");
}
