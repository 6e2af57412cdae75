//! The terminal in both languages (issue #20): the same runs read in Chinese and in English,
//! `--lang` over `ARCHIVE_LANG` over site.toml's `language`, and the findings' two languages in
//! the JSON of `archive check` and in data/findings.csv.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{MINIMAL_REPORT, Server, TestSite, fixture, get};

/// Runs `archive ARGS` in `dir` with `ARCHIVE_LANG` set to `language`.
fn run_in(dir: &Path, language: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", language)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the archive binary runs")
}

/// The exit code, standard output and standard error of a run, the site's folder written
/// `[site]`.
fn shown(output: &Output, site: &Path) -> String {
    let text = format!(
        "exit code: {:?}\n{}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    text.replace(&site.display().to_string(), "[site]")
}

/// The same command in Chinese, then in English.
fn in_both(site: &TestSite, args: &[&str]) -> String {
    let zh = shown(&run_in(site.path(), "zh", args), site.path());
    let en = shown(&run_in(site.path(), "en", args), site.path());
    format!("=== zh ===\n{zh}\n=== en ===\n{en}")
}

/// A one-report site whose report has every row of gb2021, its cells 0 but for those `edit`
/// changes.
fn site_with_zeros(edit: impl Fn(String) -> String) -> TestSite {
    let site = TestSite::minimal();
    let output = run_in(
        site.path(),
        "en",
        &["new", "demo", "2023", "--format", "gb2021"],
    );
    assert!(output.status.success(), "{}", shown(&output, site.path()));
    let source = site.read("content/demo/2023.md");
    let zeros: String = source
        .lines()
        .map(|line| {
            if line.starts_with("  ") && line.contains('[') {
                line.replace('~', "0")
            } else {
                line.replace("published: ~", "published: 2024-03-01")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("content/demo/2023.md", &edit(zeros));
    site
}

#[test]
fn a_yaml_error_in_both_languages() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replace("title: 示例县", "title: [示例县"),
    );
    insta::assert_snapshot!(in_both(&site, &["check"]));
}

#[test]
fn an_unknown_row_with_its_suggestion_in_both_languages() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replace("  disclosed:  ", "  disclosd:   "),
    );
    insta::assert_snapshot!(in_both(&site, &["check"]));
}

#[test]
fn a_wrong_results_total_reads_as_arithmetic_in_both_languages() {
    let site =
        site_with_zeros(|source| source.replacen("results_total:", "results_total_marker:", 1));
    let source = site.read("content/demo/2023.md");
    let line = source
        .lines()
        .find(|line| line.contains("results_total_marker:"))
        .expect("the row");
    let wrong = line
        .replace("results_total_marker:", "results_total:")
        .replacen("[0", "[5", 1);
    site.write("content/demo/2023.md", &source.replace(line, &wrong));
    let both = in_both(&site, &["check"]);
    // Once `0 = 0 (the other 21 are 0)`: the sum of none of the terms, then the terms.
    assert!(
        both.contains("results_total 5, but its 21 parts are all 0"),
        "{both}"
    );
    assert!(both.contains("但 21 个分项均为 0"), "{both}");
    assert!(!both.contains("the other 21"), "{both}");
    insta::assert_snapshot!(both);
}

#[test]
fn every_rule_of_the_example_archive_in_both_languages() {
    let site = TestSite::example();
    insta::assert_snapshot!(in_both(&site, &["check"]));
}

#[test]
fn the_build_summary_in_both_languages() {
    let site = TestSite::minimal();
    let mut both = String::new();
    for language in ["zh", "en"] {
        let output = run_in(site.path(), language, &["build", "--no-search"]);
        let text = shown(&output, site.path());
        // The seconds change from run to run.
        let text = regex_lite_seconds(&text);
        both.push_str(&format!("=== {language} ===\n{text}\n"));
    }
    insta::assert_snapshot!(both);
}

/// Every `(1.23 s)` or `（1.23 秒）` written `(T)`.
fn regex_lite_seconds(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(['(', '（']) {
            Some(open) if line.ends_with(" s)") || line.ends_with("秒）") => {
                format!("{}(T)", &line[..open])
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_help_of_build_in_both_languages() {
    let site = TestSite::minimal();
    insta::assert_snapshot!(in_both(&site, &["build", "--help"]));
}

#[test]
fn the_lang_option_wins_over_the_variable_and_the_variable_over_the_site() {
    let site = TestSite::minimal();
    site.write(
        "site.toml",
        "title = \"测试\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n",
    );
    let help = |output: Output| String::from_utf8_lossy(&output.stdout).into_owned();
    let by_site = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env_remove("ARCHIVE_LANG")
        .current_dir(site.path())
        .args(["check", "--help"])
        .output()
        .unwrap();
    assert!(help(by_site).contains("Usage:"));
    let by_variable = run_in(site.path(), "zh", &["check", "--help"]);
    assert!(help(by_variable).contains("用法:"));
    let by_option = run_in(site.path(), "zh", &["check", "--help", "--lang", "en"]);
    assert!(help(by_option).contains("Usage:"));
    let nowhere = tempfile::tempdir().unwrap();
    let by_default = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env_remove("ARCHIVE_LANG")
        .current_dir(nowhere.path())
        .args(["init", "--help"])
        .output()
        .unwrap();
    assert!(help(by_default).contains("用法:"));
}

#[test]
fn the_import_summary_in_both_languages() {
    let site = TestSite::minimal();
    let input = fixture("import/reports/00_houma_kfq_2024.txt");
    let input = input.to_str().unwrap();
    let zh = run_in(site.path(), "zh", &["import", "--dry-run", input]);
    let en = run_in(site.path(), "en", &["import", "--dry-run", input]);
    let last_lines = |output: &Output| {
        let text = String::from_utf8_lossy(&output.stderr).into_owned();
        let lines: Vec<&str> = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        lines[lines.len().saturating_sub(1)..].join("\n")
    };
    insta::assert_snapshot!(format!(
        "=== zh ===\n{}\n=== en ===\n{}",
        last_lines(&zh),
        last_lines(&en)
    ));
}

#[test]
fn serves_overlay_page_in_the_terminal_language() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replace("title: 示例县", "title: [示例县"),
    );
    let mut pages = String::new();
    for language in ["zh", "en"] {
        let server = Server::start_with_env(site.path(), &[], &[("ARCHIVE_LANG", language)]);
        let page = get(&server.at("/")).text();
        pages.push_str(&format!(
            "=== {language} ===\n{}\n",
            page.replace(&site.path().display().to_string(), "[site]")
        ));
    }
    insta::assert_snapshot!(pages);
}

#[test]
fn findings_carry_both_languages_and_their_numbers_in_json_and_csv() {
    let site = TestSite::example();
    let output = run_in(site.path(), "zh", &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        assert!(
            finding["message_zh"]
                .as_str()
                .is_some_and(|text| !text.is_empty())
        );
        assert!(
            finding["message_en"]
                .as_str()
                .is_some_and(|text| !text.is_empty())
        );
        assert_ne!(finding["message_zh"], finding["message_en"]);
        assert!(finding["detail"]["kind"].is_string(), "{finding}");
    }
    let sums = findings
        .iter()
        .find(|finding| finding["detail"]["kind"] == "sums")
        .expect("a sum finding");
    let left = &sums["detail"]["left"];
    let terms_total: i64 = left["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|term| term["value"].as_i64().unwrap())
        .sum();
    assert_eq!(left["total"].as_i64().unwrap(), terms_total);

    site.build();
    let csv = site.read("public/data/findings.csv");
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "agency");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), findings.len(), "one row a finding");
    let column = |name: &str| headers.iter().position(|header| header == name).unwrap();
    for (row, finding) in rows.iter().zip(findings) {
        assert_eq!(&row[column("rule")], finding["rule"].as_str().unwrap());
        assert_eq!(
            &row[column("message_zh")],
            finding["message_zh"].as_str().unwrap()
        );
        assert_eq!(
            &row[column("message_en")],
            finding["message_en"].as_str().unwrap()
        );
    }
    let page = site.read("public/data/index.html");
    assert!(page.contains("findings.csv"), "the 数据下载 page links it");
}

/// The same command in Chinese, then in English, in the folder `dir`.
fn in_both_in(dir: &Path, args: &[&str]) -> String {
    let zh = shown(&run_in(dir, "zh", args), dir);
    let en = shown(&run_in(dir, "en", args), dir);
    format!("=== zh ===\n{zh}\n=== en ===\n{en}")
}

#[test]
fn an_unclosed_bracket_on_a_row_in_both_languages() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replacen(
            "received:        [3, 1, 0, 0, 0, 0, 4]",
            "received:        [3, 1, 0, 0, 0, 0, 4",
            1,
        ),
    );
    let both = in_both(&site, &["check"]);
    assert!(both.contains("列表没有闭合"), "{both}");
    assert!(
        both.contains("the list of `received` is not closed"),
        "{both}"
    );
    insta::assert_snapshot!(both);
}

#[test]
fn a_full_width_colon_note_in_both_languages() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT.replacen(
            "received:        [3, 1, 0, 0, 0, 0, 4]",
            "received：[3, 1, 0, 0, 0, 0, 4]",
            1,
        ),
    );
    let both = in_both(&site, &["check"]);
    assert!(both.contains("全角冒号"), "{both}");
    assert!(both.contains("the full-width colon"), "{both}");
    insta::assert_snapshot!(both);
}

#[test]
fn new_xlsx_lines_in_both_languages() {
    let site = TestSite::minimal();
    let mut both = String::new();
    for language in ["zh", "en"] {
        let output = run_in(site.path(), language, &["new", "demo", "2023", "--xlsx"]);
        both.push_str(&format!(
            "=== {language} ===\n{}\n",
            shown(&output, site.path())
        ));
        assert!(output.status.success(), "{both}");
        std::fs::remove_file(site.path().join("demo-2023.xlsx")).expect("the workbook written");
    }
    insta::assert_snapshot!(both);
}

#[test]
fn init_with_an_unknown_province_in_both_languages() {
    let parent = tempfile::tempdir().expect("a temporary folder");
    let both = in_both_in(parent.path(), &["init", "nianbao", "--province", "山东县"]);
    assert!(!parent.path().join("nianbao/site.toml").exists(), "{both}");
    insta::assert_snapshot!(both);
}

#[test]
fn usage_errors_in_both_languages() {
    let site = TestSite::minimal();
    let mut all = String::new();
    for args in [
        &["build", "--outptu", "site"][..],
        &["check", "--format", "xml"],
        &["new", "demo"],
        &["buidl"],
    ] {
        all.push_str(&format!("##### archive {}\n", args.join(" ")));
        all.push_str(&in_both(&site, args));
    }
    assert!(all.contains("未知的参数 '--outptu'"), "{all}");
    assert!(
        all.contains("unexpected argument '--outptu' found"),
        "{all}"
    );
    insta::assert_snapshot!(all);
}
