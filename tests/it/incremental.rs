//! Incremental `archive build`: after each kind of change, the output the build reuses and
//! redraws is byte for byte the output of a fresh full build, files whose bytes did not change
//! keep their modification time, and a failed build leaves the previous output whole.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::support::{TestSite, archive, code_and_errors, snapshot_tree};

/// Runs `archive build` (incremental unless the manifest says otherwise) and returns its
/// standard error.
pub(crate) fn build(site: &TestSite) -> String {
    let (code, errors) = code_and_errors(&site.run(&["build"]));
    assert_eq!(code, 0, "{errors}");
    errors
}

/// Builds the site afresh into a folder of its own and insists that `public/` is the same: the
/// same files, the same bytes.
pub(crate) fn assert_same_as_a_full_build(site: &TestSite, step: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let folder = fresh.path().join("site");
    let output = archive(
        site.path(),
        &["build", "--output", folder.to_str().unwrap()],
    );
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{step}: {errors}");
    assert!(errors.contains("full build: no record"), "{step}: {errors}");
    let (incremental, full) = (
        snapshot_tree(&site.path().join("public")),
        snapshot_tree(&folder),
    );
    let names = |tree: &[(std::path::PathBuf, Vec<u8>)]| -> Vec<String> {
        tree.iter()
            .map(|(path, _)| path.display().to_string())
            .collect()
    };
    assert_eq!(
        names(&incremental),
        names(&full),
        "{step}: the file sets differ"
    );
    for ((path, mine), (_, theirs)) in incremental.iter().zip(&full) {
        assert!(
            mine == theirs,
            "{step}: {} differs from a full build's",
            path.display()
        );
    }
}

fn modified(site: &TestSite, path: &str) -> SystemTime {
    fs::metadata(site.path().join("public").join(path))
        .and_then(|metadata| metadata.modified())
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The modification times of `paths`, to compare before and after a build.
fn times(site: &TestSite, paths: &[&str]) -> Vec<SystemTime> {
    paths.iter().map(|path| modified(site, path)).collect()
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read(path);
    assert!(text.contains(from), "{path} holds {from}");
    site.write(path, &text.replacen(from, to, 1));
}

/// Another agency's report page and data, an agency page, the glossary and the search code:
/// files no report edit of huaian's changes.
const UNTOUCHED: &[&str] = &[
    "agencies/pingtan/2023/index.html",
    "agencies/pingtan/2023/data.json",
    "agencies/shanghai-bgt/index.html",
    "glossary/index.html",
    "static/favicon.svg",
    "pagefind/pagefind.js",
];

#[test]
fn report_edits_additions_and_removals_redraw_only_what_they_change() {
    let site = TestSite::example();
    let first = build(&site);
    assert!(
        first.contains("full build: no record of a previous build"),
        "{first}"
    );
    let untouched = times(&site, UNTOUCHED);
    let report = "agencies/huaian/2024/index.html";
    let before = modified(&site, report);

    // A cell: the report's page and data change, the search index does not.
    edit(
        &site,
        "content/huaian/2024.md",
        "licensing:           [447228]",
        "licensing:           [447229]",
    );
    let errors = build(&site);
    assert!(
        errors.contains("incremental build: ") && errors.contains("(changed sources: 1)"),
        "{errors}"
    );
    assert!(
        errors.contains("1 of 1 parts unchanged and kept"),
        "{errors}"
    );
    assert_same_as_a_full_build(&site, "a cell");
    assert_ne!(
        modified(&site, report),
        before,
        "the edited report's page is written"
    );
    assert_eq!(times(&site, UNTOUCHED), untouched, "a cell");

    // The narrative: its text is indexed, so the index is built again; files of the index
    // whose bytes are the same are still kept as they were.
    edit(
        &site,
        "content/huaian/2024.md",
        "全年收取政府信息公开信息处理费3940元。",
        "全年收取政府信息公开信息处理费3940元，均已上缴。",
    );
    let errors = build(&site);
    assert!(!errors.contains("parts unchanged and kept"), "{errors}");
    assert_same_as_a_full_build(&site, "a narrative");
    assert_eq!(times(&site, UNTOUCHED), untouched, "a narrative");

    // A new report: its neighbours, lists, counts and a new year's pages.
    let added = site
        .read("content/pingtan/2023.md")
        .replace("year: 2023", "year: 2024")
        .replace("2023年", "2024年");
    site.write("content/pingtan/2024.md", &added);
    let errors = build(&site);
    assert!(errors.contains("(changed sources: 1)"), "{errors}");
    assert_same_as_a_full_build(&site, "a report added");
    assert!(
        site.path()
            .join("public/agencies/pingtan/2024/index.html")
            .is_file()
    );
    assert_eq!(
        modified(&site, "agencies/shanghai-bgt/index.html"),
        untouched[2]
    );

    // A report removed from the middle of an agency's years: its pages go, its neighbours
    // link to each other.
    fs::remove_file(site.path().join("content/pingtan/2020.md")).unwrap();
    build(&site);
    assert_same_as_a_full_build(&site, "a report removed");
    assert!(!site.path().join("public/agencies/pingtan/2020").exists());
    assert_eq!(
        modified(&site, "agencies/shanghai-bgt/index.html"),
        untouched[2]
    );

    // An agency renamed: every list shows it, so everything is drawn, and what did not change
    // keeps its time.
    edit(
        &site,
        "content/pingtan/_agency.yaml",
        "name: 平潭综合实验区",
        "name: 平潭综合实验区管理委员会",
    );
    let errors = build(&site);
    assert!(errors.contains("full build: an agency file"), "{errors}");
    assert_same_as_a_full_build(&site, "an agency renamed");
    assert_eq!(modified(&site, "glossary/index.html"), untouched[3]);
}

#[test]
fn templates_configuration_and_another_binary_draw_everything_keeping_unchanged_files() {
    let site = TestSite::example();
    build(&site);
    let untouched = times(&site, UNTOUCHED);

    // A template only the glossary uses: every file is drawn, only the glossary's bytes change.
    edit(
        &site,
        "themes/default/templates/glossary.html",
        "{% block content %}",
        "{% block content %}<!-- 名词解释 -->",
    );
    let errors = build(&site);
    assert!(errors.contains("full build: the theme"), "{errors}");
    assert_same_as_a_full_build(&site, "a template");
    assert_ne!(modified(&site, "glossary/index.html"), untouched[3]);
    assert_eq!(times(&site, &UNTOUCHED[..3]), untouched[..3], "a template");

    // site.toml: the title is on every page.
    edit(&site, "site.toml", "政府信息公开工作年度报告库", "年报库");
    let errors = build(&site);
    assert!(errors.contains("full build: site.toml changed"), "{errors}");
    assert_same_as_a_full_build(&site, "site.toml");
    assert_eq!(modified(&site, "static/favicon.svg"), untouched[4]);
    assert_eq!(
        modified(&site, "agencies/pingtan/2023/data.json"),
        untouched[1]
    );
    let untouched = times(&site, UNTOUCHED);

    // Another binary (its version faked in the manifest): nothing of the last build is trusted.
    fake_another_binary(&site.path().join(".archive-cache/public.manifest"));
    let errors = build(&site);
    assert!(
        errors.contains("full build: the previous build was made by another archive binary"),
        "{errors}"
    );
    assert!(!errors.contains("parts unchanged and kept"), "{errors}");
    assert_same_as_a_full_build(&site, "another binary");
    assert_eq!(
        times(&site, &UNTOUCHED[..3]),
        untouched[..3],
        "another binary"
    );

    // --full draws everything, and still keeps the unchanged files' times.
    let (code, errors) = code_and_errors(&site.run(&["build", "--full"]));
    assert_eq!(code, 0, "{errors}");
    assert!(errors.contains("full build: --full was given"), "{errors}");
    assert_eq!(times(&site, &UNTOUCHED[..3]), untouched[..3], "--full");
}

/// Every file of a folder with its bytes and modification time.
/// Rewrites the manifest as if another binary had written it: the version's `(` becomes `[`
/// (the same length, so postcard's lengths hold) and the trailing CRC-32 is made again.
fn fake_another_binary(manifest: &Path) {
    let mut bytes = fs::read(manifest).unwrap();
    let version = format!("{} (", env!("CARGO_PKG_VERSION"));
    let at = bytes
        .windows(version.len())
        .position(|window| window == version.as_bytes())
        .expect("the manifest names the binary");
    bytes[at + version.len() - 1] = b'[';
    let body = bytes.len() - 4;
    let mut crc = flate2::Crc::new();
    crc.update(&bytes[..body]);
    bytes[body..].copy_from_slice(&crc.sum().to_le_bytes());
    fs::write(manifest, bytes).unwrap();
}

fn tree_with_times(folder: &Path) -> Vec<(String, Vec<u8>, SystemTime)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().display().to_string(),
                fs::read(entry.path()).unwrap(),
                entry.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_failed_incremental_build_leaves_the_previous_output_and_its_record_whole() {
    let site = TestSite::example();
    build(&site);
    edit(
        &site,
        "content/huaian/2024.md",
        "licensing:           [447228]",
        "licensing:           [447229]",
    );
    let before = tree_with_times(&site.path().join("public"));
    let manifest = fs::read(site.path().join(".archive-cache/public.manifest")).unwrap();

    // A template that fails on one kind of page, after others were drawn.
    let template = "themes/default/templates/report.html";
    let good = site.read(template);
    edit(
        &site,
        template,
        "{% block content %}",
        "{% block content %}{{ no_such_value.field }}",
    );
    let (code, errors) = code_and_errors(&site.run(&["build"]));
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("the previous output, if any, is unchanged"),
        "{errors}"
    );
    assert_eq!(tree_with_times(&site.path().join("public")), before);
    assert_eq!(
        fs::read(site.path().join(".archive-cache/public.manifest")).unwrap(),
        manifest
    );
    assert!(!site.path().join(".public.staging").exists());

    // Put right, the build is incremental again: the theme is the one the record names.
    site.write(template, &good);
    let errors = build(&site);
    assert!(errors.contains("(changed sources: 1)"), "{errors}");
    assert_same_as_a_full_build(&site, "after a failed build");

    // A file of the output changed by hand is drawn again, not carried over.
    let page = site.path().join("public/agencies/pingtan/2023/index.html");
    fs::write(&page, "changed by hand").unwrap();
    let errors = build(&site);
    assert!(errors.contains("incremental build: 1 of "), "{errors}");
    assert_same_as_a_full_build(&site, "a page changed by hand");
}
