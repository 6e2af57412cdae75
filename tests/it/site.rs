//! `archive build` on the example archive: the checks are published beside the reports.

use crate::support::{TestSite, archive, stderr_text as stderr};

#[test]
fn build_prints_a_one_line_summary_of_the_checks() {
    let site = TestSite::example();
    let output = archive(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(
            "checks: 7 findings (2 R3, 2 R4, 1 R6, 2 R9) in 4 of 10 reports; 49 checks not checkable\nbuilt 10 reports"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn strict_builds_fail_on_findings_and_write_nothing() {
    let site = TestSite::example();
    let output = archive(site.path(), &["build", "--strict"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("R6 normative_documents"),
        "{}",
        stderr(&output)
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn pages_publish_the_findings() {
    let site = TestSite::example();
    let output = archive(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = site.path().join("public");
    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap();

    // The report page: the box, its finding with the numbers, the cells marked in the table.
    let page = read("agencies/pingtan/2023/index.html");
    assert!(page.contains(r#"<h2 id="checks">数据核验</h2>"#));
    assert!(page.contains(
        "现行有效件数 470 ≠ 2022年现行有效件数 698 + 本年制发件数 77 − 本年废止件数 132 = 643"
    ));
    assert!(page.contains(
        r#"<td id="cell-active.normative_documents.in_force" class="finding finding-total" headers="a7 a1 a5">470"#
    ));
    assert!(
        page.contains(r#"href="/agencies/pingtan/2022/#cell-active.normative_documents.in_force""#)
    );
    assert!(page.contains("本报告叙述文字有 23% 与 2022 年度报告相同。"));
    // Blank cells are reported as not checkable, never as passed.
    let page = read("agencies/houma-kfq/2024/index.html");
    assert!(page.contains("7 项中 7 项无法核验，0 项通过"), "{page}");
    assert!(page.contains(r#"class="blank""#));

    // The agency page: the cross-year checks along the timeline.
    let page = read("agencies/pingtan/index.html");
    assert!(page.contains(r#"<h2 id="cross-year">跨年度核验</h2>"#));
    assert!(page.contains(r#"<span class="status status-failed">未通过</span>"#));

    // The 数据质量 page, linked from every page.
    let page = read("quality/index.html");
    assert!(page.contains("10 份报告中，4 份发现问题，共 7 个"));
    assert!(page.contains(r#"<h3 id="rule-R9">"#));
    assert!(read("index.html").contains(r#"href="/quality/""#));

    // The data file.
    let data: serde_json::Value =
        serde_json::from_str(&read("agencies/hongze/2023/data.json")).unwrap();
    let rules: Vec<&str> = data["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["R9", "R4", "R4"]);
    assert_eq!(data["findings"][1]["severity"], "error");
    assert_eq!(data["findings"][1]["cells"][0], "appeals.review.total");
    let data: serde_json::Value =
        serde_json::from_str(&read("agencies/pingtan/2023/data.json")).unwrap();
    assert_eq!(data["findings"][0]["previous_year"]["year"], 2022);
    let data: serde_json::Value =
        serde_json::from_str(&read("agencies/pingtan/2022/data.json")).unwrap();
    assert_eq!(data["findings"], serde_json::json!([]));
}

#[test]
fn the_checks_are_published_in_english_too() {
    let site = TestSite::example();
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("language = \"zh\"", "language = \"en\""),
    )
    .unwrap();
    let output = archive(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = std::fs::read_to_string(site.path().join("public/agencies/pingtan/2020/index.html"))
        .unwrap();
    assert!(page.contains(
        "(7) Total 20 ≠ (1) Disclosed 6 + (2) Partially disclosed 6 + 1. Not held by this body 4 + 3. Still unclear after correction 3 + 2. Duplicate applications 3 + (6) Otherwise handled 4 = 26 (the other 13 are 0)"
    ), "{page}");
    let page = std::fs::read_to_string(site.path().join("public/quality/index.html")).unwrap();
    assert!(page.contains("<h1>Data quality</h1>"));
}
