//! Untrusted content: script payloads in every front-matter string and in the Markdown body must
//! not become executable script in any page (checked by parsing the HTML, not by grepping), and
//! must stay escaped in the XML and JSON files.

use scraper::{Html, Selector};

use crate::support::{TestSite, snapshot_tree};

const PAYLOAD: &str = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

fn yaml(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

#[test]
fn script_payloads_never_become_script() {
    let site = TestSite::minimal();
    let evil_url = format!("https://example.org/{PAYLOAD}");
    site.write(
        "site.toml",
        &format!(
            "title = {}\ndescription = {}\nbase_url = \"https://example.org/\"\n",
            yaml(&format!("档案{PAYLOAD}")),
            yaml(PAYLOAD)
        ),
    );
    site.write(
        "content/_regions.yaml",
        &format!(
            "- id: jiangsu\n  name: {}\n",
            yaml(&format!("江苏{PAYLOAD}"))
        ),
    );
    site.write(
        "content/demo/_agency.yaml",
        &format!(
            "name: {}\naliases: [{}]\nkind: people_government\nregion: jiangsu\nwebsite: {}\n",
            yaml(&format!("示例{PAYLOAD}")),
            yaml(PAYLOAD),
            yaml(&evil_url)
        ),
    );
    let report = crate::support::MINIMAL_REPORT
        .replace(
            "title: 示例县人民政府2024年政府信息公开工作年度报告",
            &format!("title: {}", yaml(&format!("年报{PAYLOAD}"))),
        )
        .replace(
            "issuer: 示例县人民政府办公室",
            &format!("issuer: {}\nnotes: {}", yaml(PAYLOAD), yaml(PAYLOAD)),
        )
        .replace("https://example.org/2024.html", &yaml(&evil_url))
        .replace(
            "示例。",
            &format!(
                "{PAYLOAD}\n\n<script>alert(3)</script>\n\n<a href=\"javascript:alert(4)\" onclick=\"alert(5)\">链接</a>\n\n[点我](javascript:alert(6)) [数据](data:text/html,<script>alert(7)</script>) ![图](javascript:alert(8))\n\n<iframe src=\"https://evil.example/\"></iframe><svg onload=alert(9)></svg>\n\n```html\n<script>alert(10)</script>\n```\n"
            ),
        );
    site.write("content/demo/2024.md", &report);
    site.build();

    let every = Selector::parse("*").unwrap();
    let mut pages = 0;
    for (path, bytes) in snapshot_tree(&site.path().join("public")) {
        if path.starts_with("pagefind") || path.extension().is_some_and(|ext| ext == "gz") {
            continue; // compressed data: the search index (search.js writes it as text only), the long CSV
        }
        let text = String::from_utf8(bytes).unwrap();
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("html") => {
                pages += 1;
                let html = Html::parse_document(&text);
                for element in html.select(&every) {
                    let name = element.value().name();
                    // The theme's own: the year table's sorting script, the search page's and
                    // the report builder's scripts and the charts drawn at build time.
                    let ours = match name {
                        "script" => {
                            element.value().attr("src").is_some_and(|src| {
                                src == "/static/sort.js"
                                    || (src == "/static/search.js"
                                        && path.ends_with("search/index.html"))
                                    || (src == "/static/builder.js"
                                        && path.ends_with("builder/index.html"))
                            }) && element.text().next().is_none()
                        }
                        "svg" => element.value().attr("class") == Some("chart-svg"),
                        _ => false,
                    };
                    assert!(
                        ours || !matches!(name, "script" | "iframe" | "object" | "embed" | "svg"),
                        "{}: <{name}> in the page",
                        path.display()
                    );
                    for (attribute, value) in element.value().attrs() {
                        assert!(
                            !attribute.starts_with("on"),
                            "{}: <{name} {attribute}=…>",
                            path.display()
                        );
                        let value = value.trim().to_ascii_lowercase();
                        if matches!(attribute, "href" | "src" | "action" | "formaction") {
                            assert!(
                                !value.starts_with("javascript:")
                                    && !value.starts_with("data:text/html")
                                    && !value.starts_with("vbscript:"),
                                "{}: <{name} {attribute}={value}>",
                                path.display()
                            );
                        }
                    }
                }
                // The payload text is shown, escaped, where it was written.
                if path.ends_with("agencies/demo/2024/index.html") {
                    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
                }
            }
            Some("xml") => {
                assert!(!text.contains("<script"), "{}", path.display());
                assert!(!text.contains("<img"), "{}", path.display());
            }
            Some("json") if !path.starts_with("data") => {
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert!(value["title"].as_str().unwrap().contains("<script>"));
            }
            _ => {}
        }
    }
    assert!(pages > 5);
}
