//! The example archive built end to end, and the pages it makes.

use std::fs;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{TestSite, built_example, published_table, repo, snapshot_tree, value_cell};

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

#[test]
fn example_archive_makes_every_page() {
    let site = built_example();
    let mut expected = vec![
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "atom.xml",
        "static/style.css",
        "agencies/index.html",
        "years/index.html",
        "regions/index.html",
        "regions/jiangsu/huaian/hongze/index.html",
        "regions/shanghai/index.html",
    ];
    let reports = [
        "houma-kfq/2024",
        "shanghai-bgt/2019",
        "pingtan/2019",
        "pingtan/2020",
        "pingtan/2021",
        "pingtan/2022",
        "pingtan/2023",
        "huaian/2024",
        "hongze/2023",
        "hongze/2024",
    ];
    let pages: Vec<String> = reports
        .iter()
        .flat_map(|report| {
            [
                format!("agencies/{report}/index.html"),
                format!("agencies/{report}/data.json"),
            ]
        })
        .chain(
            ["houma-kfq", "shanghai-bgt", "pingtan", "huaian", "hongze"]
                .iter()
                .map(|agency| format!("agencies/{agency}/index.html")),
        )
        .chain((2019..=2024).map(|year| format!("years/{year}/index.html")))
        .collect();
    expected.extend(pages.iter().map(String::as_str));
    for page in expected {
        assert!(
            site.path().join("public").join(page).is_file(),
            "missing {page}"
        );
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/agencies/pingtan/2023/</loc>"));
    let feed = site.read("public/atom.xml");
    assert!(feed.contains("平潭综合实验区2023年度政府信息公开工作年度报告"));
}

#[test]
fn houma_2024_shows_licensing_and_all_25_rows_of_table_three() {
    let site = built_example();
    let html = Html::parse_document(&site.read("public/agencies/houma-kfq/2024/index.html"));
    assert_eq!(
        text(&value_cell(&html, "active.licensing.decisions")),
        "2663"
    );
    let applications = select(&html, "table.report-table-applications tbody tr");
    assert_eq!(applications.len(), 25);
    let labels: Vec<String> = applications
        .iter()
        .map(|row| {
            row.select(&Selector::parse(r#"th[scope="row"]"#).unwrap())
                .map(|th| text(&th))
                .collect::<String>()
        })
        .collect();
    assert_eq!(labels[0], "一、本年新收政府信息公开申请数量");
    assert_eq!(
        labels[20],
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    );
    assert_eq!(labels[23], "（七）总计");
    assert_eq!(labels[24], "四、结转下年度继续办理");
    // The blank 结转下年度 row stays blank.
    let carried: Vec<_> = applications[24]
        .select(&Selector::parse("td").unwrap())
        .collect();
    assert_eq!(carried.len(), 7);
    assert!(carried.iter().all(|cell| text(cell).is_empty()));
    let links = select(&html, r#"link[rel="alternate"][type="application/json"]"#);
    assert_eq!(
        links[0].value().attr("href"),
        Some("/agencies/houma-kfq/2024/data.json")
    );
}

#[test]
fn pingtan_2019_shows_the_gb2019_active_table() {
    let site = built_example();
    let html = Html::parse_document(&site.read("public/agencies/pingtan/2019/index.html"));
    let headings: Vec<String> = select(&html, "table.report-table-active th[scope=colgroup]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headings,
        [
            "第二十条第（一）项",
            "第二十条第（五）项",
            "第二十条第（六）项",
            "第二十条第（八）项",
            "第二十条第（九）项"
        ]
    );
    let amount = value_cell(&html, "active.procurement.amount");
    assert_eq!(text(&amount), "75394432.52元");
    let projects = value_cell(&html, "active.procurement.projects");
    assert_eq!(text(&projects), "135");
    // gb2019 has one （六）其他处理 row: exactly one cell is announced with it and 总计.
    value_cell(&html, "applications.other_handling.total");
}

#[test]
fn every_report_json_equals_its_hand_checked_values() {
    let site = built_example();
    let fixtures = repo().join("tests/fixtures/expected");
    let sources: serde_json::Map<String, Value> =
        serde_json::from_str(&fs::read_to_string(fixtures.join("sources.json")).unwrap()).unwrap();
    assert_eq!(sources.len(), 10);
    for (file, report) in sources {
        let expected: Value =
            serde_json::from_str(&fs::read_to_string(fixtures.join(&file)).unwrap()).unwrap();
        let built: Value = serde_json::from_str(&site.read(&format!(
            "public/agencies/{}/data.json",
            report.as_str().unwrap()
        )))
        .unwrap();
        for key in [
            "year",
            "format",
            "published",
            "active",
            "applications",
            "appeals",
        ] {
            assert_eq!(built[key], published_table(&expected[key]), "{file}: {key}");
        }
        if let Some(printed) = expected["active"]["procurement"]["amount"].as_str() {
            assert_eq!(built["printed"]["active.procurement.amount"], printed);
            assert_eq!(built["units"]["active.procurement.amount"], "元");
        }
    }
}

#[test]
fn links_follow_a_sub_path_base_url() {
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("https://example.org/", "https://example.gov.cn/nianbao/");
    site.write("site.toml", &config);
    site.build();
    for (path, bytes) in snapshot_tree(&site.path().join("public")) {
        if path.extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for element in select(&html, "a[href], link[href]") {
            let href = element.value().attr("href").unwrap();
            if href.starts_with('/') {
                assert!(href.starts_with("/nianbao/"), "{}: {href}", path.display());
            }
        }
    }
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://example.gov.cn/nianbao/agencies/")
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::example();
    site.build();
    let before = snapshot_tree(&site.path().join("public"));
    site.write("content/pingtan/2023.md", "---\nyear: [unclosed\n---\n");
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(snapshot_tree(&site.path().join("public")), before);
    assert!(!site.path().join(".public.staging").exists());
}

#[test]
fn report_pages_in_each_format() {
    let site = built_example();
    insta::assert_snapshot!(
        "report_page_gb2021_houma_2024",
        site.read("public/agencies/houma-kfq/2024/index.html")
    );
    insta::assert_snapshot!(
        "report_page_gb2019_shanghai_2019",
        site.read("public/agencies/shanghai-bgt/2019/index.html")
    );
}

#[test]
fn english_labels_with_language_en() {
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("language = \"zh\"", "language = \"en\"");
    site.write("site.toml", &config);
    site.build();
    let page = site.read("public/agencies/huaian/2024/index.html");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Natural persons"));
    assert!(page.contains("Administrative licensing"));
}

#[test]
fn a_site_template_overrides_the_theme_file() {
    let site = TestSite::example();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>找不到了</h1>{% endblock content %}",
    );
    site.build();
    assert!(site.read("public/404.html").contains("<h1>找不到了</h1>"));
}

/// A broken template does not hide broken sources: one run reports both, each at its file.
#[test]
fn template_and_source_errors_are_reported_in_one_run() {
    let site = TestSite::minimal();
    site.write("templates/404.html", "{% block content %}<h1>{{ x </h1>");
    site.write("content/demo/2024.md", "---\nyear: [unclosed\n---\n");
    let output = site.run(&["build"]);
    let messages = crate::support::stderr(&output, &site);
    assert_eq!(output.status.code(), Some(1), "{messages}");
    assert!(messages.contains("templates/404.html"), "{messages}");
    assert!(messages.contains("content/demo/2024.md"), "{messages}");
    assert!(!site.path().join("public").exists());
}
