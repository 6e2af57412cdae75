//! Bad input: every problem reported in one run, at file:line:column, with what to do; the build
//! exits non-zero and writes nothing.

use crate::support::{MINIMAL_REPORT, TestSite, stderr};

/// Builds a broken site and returns the exit code and the messages.
fn broken_build(site: &TestSite) -> String {
    let output = site.run(&["build"]);
    assert!(
        !site.path().join("public").exists(),
        "a failed build wrote output"
    );
    format!(
        "exit code: {:?}\n{}",
        output.status.code(),
        stderr(&output, site)
    )
}

#[test]
fn malformed_yaml() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replace("title: 示例县", "title: [示例县"),
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn tabs_in_yaml() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replace("  licensing:           [10]", "\tlicensing: [10]"),
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn values_of_the_wrong_type() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT
            .replace(
                "licensing:           [10]",
                "licensing:           [\"10条\"]",
            )
            .replace("[3, 1, 0, 0, 0, 0, 4]", "[3, -1, 0.5, 0, 0, 0, 4]")
            .replace("year: 2024", "year: 二〇二四"),
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn unknown_keys_with_suggestions() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT
            .replace("  received:", "  recieved:")
            .replace("issuer:", "isuer:")
            .replace(
                "review:               [0, 0, 0, 0, 0]",
                "review: {upheld: 0, totl: 0}",
            ),
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn missing_required_fields() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT
            .replace("format: gb2021\n", "")
            .replace("published: 2025-03-01\n", ""),
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn two_sources_for_one_agency_and_year() {
    let site = TestSite::minimal();
    // A copy of last year's file, saved under the new year without changing its `year:`.
    site.write("content/demo/2025.md", MINIMAL_REPORT);
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn files_outside_the_layout() {
    let site = TestSite::minimal();
    site.write("content/notes.txt", "草稿");
    site.write("content/demo/2024-draft.md", MINIMAL_REPORT);
    site.write("content/Other Agency/2024.md", MINIMAL_REPORT);
    site.write("content/orphan/2024.md", MINIMAL_REPORT);
    // Hidden files and editor backups are ignored.
    site.write("content/demo/.2024.md.swp", "");
    site.write("content/demo/2024.md~", "");
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2023.md",
        &MINIMAL_REPORT
            .replace("year: 2024", "year: 2023")
            .replace("format: gb2021", "format: gb2022"),
    );
    site.write("content/demo/2022.md", "no front matter here\n");
    site.write(
        "content/demo/_agency.yaml",
        "name: 示例县人民政府\nkind: people_government\nregion: jiangsu/huain\n",
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = TestSite::minimal();
    site.write(
        "templates/agency.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ agency.name }</h1>\n{% endblock content %}\n",
    );
    insta::assert_snapshot!(broken_build(&site));
}

#[test]
fn missing_site_toml_is_a_usage_error() {
    let site = TestSite::minimal();
    std::fs::remove_file(site.path().join("site.toml")).unwrap();
    insta::assert_snapshot!(broken_build(&site));
}
