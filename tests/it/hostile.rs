//! Hostile and odd input. Each case breaks (or oddly shapes) one file of a site that has already
//! built once, then builds again: a broken source must give a clear message with its place and a
//! non-zero exit, never a panic, and leave the previous output byte for byte as it was; an odd
//! but valid source must build.

use std::fs;

use crate::support::{MINIMAL_REPORT, TestSite, snapshot_tree, stderr};

/// What a case expects of the second build.
enum Expect {
    /// The build fails with exit code 1 (or 2 for I/O failures) and changes nothing.
    Fails(i32),
    /// The build succeeds.
    Builds,
}

fn run_case(name: &str, expect: Expect, break_site: impl FnOnce(&TestSite)) -> TestSite {
    let site = TestSite::minimal();
    site.build();
    let before = snapshot_tree(&site.path().join("public"));
    break_site(&site);
    let output = site.run(&["build"]);
    let messages = stderr(&output, &site);
    assert!(!messages.contains("panicked"), "{name}: panic\n{messages}");
    match expect {
        Expect::Fails(code) => {
            assert_eq!(output.status.code(), Some(code), "{name}:\n{messages}");
            assert_eq!(
                snapshot_tree(&site.path().join("public")),
                before,
                "{name}: the previous output changed"
            );
            assert!(messages.contains("-->"), "{name}: no location\n{messages}");
            insta::assert_snapshot!(name, messages);
        }
        Expect::Builds => {
            assert!(output.status.success(), "{name}:\n{messages}");
        }
    }
    site
}

fn report_with(old: &str, new: &str) -> String {
    assert!(MINIMAL_REPORT.contains(old), "fixture lacks {old:?}");
    MINIMAL_REPORT.replacen(old, new, 1)
}

const REPORT: &str = "content/demo/2024.md";

#[test]
fn empty_file() {
    run_case("empty_file", Expect::Fails(1), |site| {
        site.write(REPORT, "")
    });
}

#[test]
fn whitespace_only() {
    run_case("whitespace_only", Expect::Fails(1), |site| {
        site.write(REPORT, " \n\n\t\n")
    });
}

#[test]
fn no_front_matter() {
    run_case("no_front_matter", Expect::Fails(1), |site| {
        site.write(REPORT, "## 一、总体情况\n\n正文。\n")
    });
}

#[test]
fn unterminated_front_matter() {
    run_case("unterminated_front_matter", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &MINIMAL_REPORT.replacen("---\n\n## 一", "\n## 一", 1),
        )
    });
}

#[test]
fn front_matter_that_is_a_list() {
    run_case("front_matter_that_is_a_list", Expect::Fails(1), |site| {
        site.write(REPORT, "---\n- year: 2024\n---\n")
    });
}

#[test]
fn tabs_in_yaml() {
    run_case("tabs_in_yaml", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("  penalty:", "\tpenalty:"))
    });
}

#[test]
fn byte_order_mark_is_accepted() {
    let site = run_case("byte_order_mark", Expect::Builds, |site| {
        site.write(REPORT, &format!("\u{feff}{MINIMAL_REPORT}"))
    });
    assert!(
        site.read("public/agencies/demo/2024/index.html")
            .contains("示例县人民政府2024年")
    );
}

#[test]
fn crlf_line_ends_are_accepted() {
    let site = run_case("crlf_line_ends", Expect::Builds, |site| {
        site.write(REPORT, &MINIMAL_REPORT.replace('\n', "\r\n"))
    });
    let data: serde_json::Value =
        serde_json::from_str(&site.read("public/agencies/demo/2024/data.json")).unwrap();
    assert_eq!(data["applications"]["received"]["total"], 4);
}

#[test]
fn crlf_errors_point_at_the_right_line() {
    run_case("crlf_error_line", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("[10]", "[-10]").replace('\n', "\r\n"))
    });
}

#[test]
fn gbk_encoded_source() {
    run_case("gbk_encoded_source", Expect::Fails(1), |site| {
        // "标题" in GBK, inside an otherwise ASCII file.
        let mut bytes = b"---\nyear: 2024\ntitle: ".to_vec();
        bytes.extend_from_slice(&[0xB1, 0xEA, 0xCC, 0xE2]);
        bytes.extend_from_slice(b"\n---\n");
        fs::write(site.path().join(REPORT), bytes).unwrap();
    });
}

#[test]
fn binary_junk() {
    run_case("binary_junk", Expect::Fails(1), |site| {
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        fs::write(site.path().join(REPORT), junk).unwrap();
    });
}

#[test]
fn nul_bytes_in_yaml() {
    run_case("nul_bytes_in_yaml", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("title: 示例", "title: \0示例"))
    });
}

#[test]
fn control_characters_in_yaml() {
    run_case("control_characters_in_yaml", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("title: 示例", "title: \u{7}示例"))
    });
}

#[test]
fn non_utf8_file_name() {
    use std::os::unix::ffi::OsStrExt;
    run_case("non_utf8_file_name", Expect::Fails(1), |site| {
        let name = std::ffi::OsStr::from_bytes(b"\xff\xfe.md");
        fs::write(site.path().join("content/demo").join(name), MINIMAL_REPORT).unwrap();
    });
}

#[test]
fn number_larger_than_64_bits() {
    run_case("number_larger_than_64_bits", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("[10]", "[184467440737095516160]"))
    });
}

#[test]
fn negative_count() {
    run_case("negative_count", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &report_with("[3, 1, 0, 0, 0, 0, 4]", "[3, 1, 0, 0, 0, 0, -4]"),
        )
    });
}

#[test]
fn fractional_count() {
    run_case("fractional_count", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("[2]", "[2.5]"))
    });
}

#[test]
fn negative_amount() {
    run_case("negative_amount", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("[1.5]", "[-1.5]"))
    });
}

#[test]
fn text_in_a_count_cell() {
    run_case("text_in_a_count_cell", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("[10]", "[\"2663条\"]"))
    });
}

#[test]
fn duplicate_yaml_keys() {
    run_case("duplicate_yaml_keys", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &report_with("year: 2024\n", "year: 2024\nyear: 2024\n"),
        )
    });
}

#[test]
fn yaml_alias_bomb() {
    run_case("yaml_alias_bomb", Expect::Fails(1), |site| {
        let mut bomb = String::from(
            "---\nyear: 2024\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut previous = "a";
        for name in names {
            bomb.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
            previous = name;
        }
        bomb.push_str("---\n");
        site.write(REPORT, &bomb);
    });
}

#[test]
fn deeply_nested_yaml() {
    run_case("deeply_nested_yaml", Expect::Fails(1), |site| {
        let depth = 10_000;
        site.write(
            REPORT,
            &format!(
                "---\nyear: {}{}\n---\n",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        );
    });
}

#[test]
fn twenty_megabyte_body_builds() {
    let site = run_case("twenty_megabyte_body", Expect::Builds, |site| {
        let paragraph = "本机关坚持以公开为常态、不公开为例外，持续推进政务公开。\n\n";
        let body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
        site.write(REPORT, &format!("{MINIMAL_REPORT}{body}"));
    });
    let page = fs::metadata(site.path().join("public/agencies/demo/2024/index.html")).unwrap();
    assert!(page.len() > 20 * 1024 * 1024);
}

#[test]
fn symlink_loop_under_content() {
    run_case("symlink_loop", Expect::Fails(1), |site| {
        std::os::unix::fs::symlink("..", site.path().join("content/demo/loop")).unwrap();
    });
}

#[test]
fn unreadable_source() {
    // Root reads files whatever their mode, so a folder stands in the report's place: the scan
    // names it, where a file that cannot be read is named by the reader (see the unit tests).
    run_case("unreadable_source", Expect::Fails(1), |site| {
        fs::remove_file(site.path().join(REPORT)).unwrap();
        fs::create_dir(site.path().join(REPORT)).unwrap();
    });
}

#[test]
fn folder_without_agency_file() {
    run_case("folder_without_agency_file", Expect::Fails(1), |site| {
        site.write("content/other/2024.md", MINIMAL_REPORT);
    });
}

#[test]
fn two_sources_for_one_report() {
    run_case("two_sources_for_one_report", Expect::Fails(1), |site| {
        site.write("content/demo/2023.md", MINIMAL_REPORT);
    });
}

#[test]
fn year_in_the_future() {
    run_case("year_in_the_future", Expect::Fails(1), |site| {
        site.write(
            "content/demo/2999.md",
            &MINIMAL_REPORT.replace("year: 2024", "year: 2999"),
        );
    });
}

#[test]
fn year_before_2008() {
    run_case("year_before_2008", Expect::Fails(1), |site| {
        site.write(
            "content/demo/2007.md",
            &MINIMAL_REPORT.replace("year: 2024", "year: 2007"),
        );
    });
}

#[test]
fn agency_id_differs_from_folder() {
    run_case("agency_id_differs_from_folder", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &report_with("year: 2024\n", "year: 2024\nagency: elsewhere\n"),
        )
    });
}

#[test]
fn unknown_format() {
    run_case("unknown_format", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("format: gb2021", "format: 2021"))
    });
}

#[test]
fn row_with_too_few_values() {
    run_case("row_with_too_few_values", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &report_with("[2, 1, 0, 0, 0, 0, 3]", "[2, 1, 0, 0, 3]"),
        )
    });
}

#[test]
fn row_that_is_text() {
    run_case("row_that_is_text", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("[0, 0, 0, 0, 0, 0, 0]", "无"))
    });
}

#[test]
fn table_that_is_a_list() {
    run_case("table_that_is_a_list", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &report_with("appeals:\n", "appeals:\n  - [0, 0, 0, 0, 0]\nignored:\n"),
        )
    });
}

#[test]
fn invalid_date() {
    run_case("invalid_date", Expect::Fails(1), |site| {
        site.write(REPORT, &report_with("2025-03-01", "2025-02-30"))
    });
}

#[test]
fn script_link_in_source_url() {
    run_case("script_link_in_source_url", Expect::Fails(1), |site| {
        site.write(
            REPORT,
            &report_with("https://example.org/2024.html", "javascript:alert(1)"),
        )
    });
}

#[test]
fn malformed_agency_file() {
    run_case("malformed_agency_file", Expect::Fails(1), |site| {
        site.write(
            "content/demo/_agency.yaml",
            "name: 示例县人民政府\nkind: county\n",
        )
    });
}

#[test]
fn malformed_region_list() {
    run_case("malformed_region_list", Expect::Fails(1), |site| {
        site.write("content/_regions.yaml", "- id: Jiang Su\n  name: 江苏省\n")
    });
}

#[test]
fn report_at_the_top_of_content() {
    run_case("report_at_the_top_of_content", Expect::Fails(1), |site| {
        site.write("content/2024.md", MINIMAL_REPORT)
    });
}

#[test]
fn broken_site_toml() {
    run_case("broken_site_toml", Expect::Fails(2), |site| {
        site.write(
            "site.toml",
            "title = \"测试\"\nbase_url = \"example.org\"\n",
        )
    });
}
