//! What readers get from the built example archive: tables a screen reader can announce, labels
//! explained in plain words, a search index, light pages, and themes that restyle everything.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::support::{TestSite, built_example, copy_tree, repo, snapshot_tree, value_cell};

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// The texts of the header cells a value cell names in `headers`, in order.
fn announced(html: &Html, key: &str) -> Vec<String> {
    let headers = value_cell(html, key)
        .value()
        .attr("headers")
        .unwrap_or_else(|| panic!("{key} has no headers"));
    headers
        .split(' ')
        .map(|id| {
            let header = select(html, &format!(r#"th[id="{id}"]"#));
            assert_eq!(header.len(), 1, "{key}: header {id}");
            text(&header[0])
        })
        .collect()
}

fn html_pages(root: &Path) -> Vec<(String, String)> {
    snapshot_tree(root)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|ext| ext == "html"))
        .map(|(path, bytes)| {
            (
                path.to_string_lossy().replace('\\', "/"),
                String::from_utf8(bytes).unwrap(),
            )
        })
        .collect()
}

#[test]
fn value_cells_name_their_row_and_column_headers() {
    let site = built_example();
    let html = Html::parse_document(&site.read("public/agencies/houma-kfq/2024/index.html"));
    assert_eq!(
        announced(&html, "applications.disclosed.natural_person"),
        [
            "三、本年度办理结果",
            "（一）予以公开",
            "申请人情况",
            "自然人"
        ]
    );
    assert_eq!(
        announced(&html, "applications.withheld_internal_affairs.business"),
        [
            "三、本年度办理结果",
            "（三）不予公开",
            "5.属于三类内部事务信息",
            "申请人情况",
            "法人或其他组织",
            "商业企业"
        ]
    );
    assert_eq!(
        announced(&html, "applications.received.total"),
        ["一、本年新收政府信息公开申请数量", "申请人情况", "总计"]
    );
    assert_eq!(
        announced(&html, "appeals.lawsuit_after_review.upheld"),
        ["行政诉讼", "复议后起诉", "结果维持"]
    );
    assert_eq!(
        announced(&html, "active.licensing.decisions"),
        ["行政许可", "第二十条第（五）项", "本年处理决定数量"]
    );
    // Every value cell of every report is labelled, by headers of its own table, and header ids
    // are unique on the page.
    for (path, page) in html_pages(&site.path().join("public/agencies")) {
        let html = Html::parse_document(&page);
        let ids: Vec<&str> = select(&html, "[id]")
            .iter()
            .filter_map(|element| element.value().attr("id"))
            .collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{path}: an id is used twice");
        for table in select(&html, "table.report-table") {
            let headers: BTreeSet<&str> = table
                .select(&Selector::parse("th[id]").unwrap())
                .filter_map(|th| th.value().attr("id"))
                .collect();
            for cell in table.select(&Selector::parse("td").unwrap()) {
                let names = cell.value().attr("headers").unwrap_or_default();
                assert!(!names.is_empty(), "{path}: {:?}", cell.value().attr("id"));
                for name in names.split(' ') {
                    assert!(headers.contains(name), "{path}: {name} is not in the table");
                }
            }
            assert!(
                table
                    .select(&Selector::parse("caption").unwrap())
                    .next()
                    .is_some(),
                "{path}: a table without caption"
            );
        }
    }
}

#[test]
fn every_table_label_links_to_its_glossary_entry() {
    let site = built_example();
    let glossary = Html::parse_document(&site.read("public/glossary/index.html"));
    let entries: BTreeSet<String> = select(&glossary, "dl.glossary dt[id]")
        .iter()
        .map(|dt| dt.value().attr("id").unwrap().to_owned())
        .collect();
    assert!(entries.len() > 60, "{}", entries.len());
    let mut linked = BTreeSet::new();
    for (path, page) in html_pages(&site.path().join("public/agencies")) {
        let html = Html::parse_document(&page);
        for th in select(&html, "table.report-table th") {
            if text(&th).is_empty() {
                continue;
            }
            let links: Vec<ElementRef<'_>> = th.select(&Selector::parse("a").unwrap()).collect();
            assert_eq!(links.len(), 1, "{path}: {} has no glossary link", text(&th));
            let href = links[0].value().attr("href").unwrap();
            let anchor = href
                .strip_prefix("/glossary/#")
                .unwrap_or_else(|| panic!("{path}: {href}"));
            assert!(entries.contains(anchor), "{path}: no entry #{anchor}");
            linked.insert(anchor.to_owned());
        }
    }
    // The terms the issue names, each with the article it comes from.
    let page = site.read("public/glossary/index.html");
    for (anchor, article) in [
        ("partially-disclosed", "《条例》第三十七条"),
        ("internal-affairs", "《条例》第十六条第一款"),
        ("process-information", "《条例》第十六条第二款"),
        ("lawsuit-after-review", "《条例》第五十一条"),
        ("processing-fee", "《条例》第四十二条"),
    ] {
        let at = page.find(&format!(r#"<dt id="{anchor}">"#)).unwrap();
        let entry_end = page[at..].find("</dd>").unwrap();
        assert!(page[at..at + entry_end].contains(article), "{anchor}");
    }
    assert!(linked.contains("internal-affairs") && linked.contains("lawsuit-after-review"));
}

/// How many entries the 名词解释 has: each is a document of the search index.
fn glossary_entries() -> u64 {
    archive_core::format::glossary::GLOSSARY
        .iter()
        .map(|part| part.entries.len() as u64)
        .sum()
}

#[test]
fn build_writes_a_chunked_search_index_and_a_search_page() {
    let site = TestSite::example();
    let output = site.build();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("search index: 10 reports,"), "{stderr}");
    let public = site.path().join("public");
    for file in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.unknown.pagefind",
    ] {
        assert!(public.join(file).is_file(), "{file}");
    }
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("public/pagefind/pagefind-entry.json")).unwrap();
    // The ten reports and every entry of the 名词解释.
    let glossary_entries = glossary_entries() as usize;
    assert_eq!(
        entry["languages"]["zh"]["page_count"],
        10 + glossary_entries
    );
    let folders: BTreeMap<String, usize> = ["index", "fragment", "filter"]
        .iter()
        .map(|folder| {
            let count = fs::read_dir(public.join("pagefind").join(folder))
                .map_or(0, |entries| entries.count());
            ((*folder).to_owned(), count)
        })
        .collect();
    assert!(folders.values().all(|&count| count > 0), "{folders:?}");
    assert_eq!(
        folders["fragment"],
        10 + glossary_entries,
        "one fragment per report and per glossary entry"
    );
    // Pagefind's own interfaces are not shipped: the theme has its search page.
    assert!(!public.join("pagefind/pagefind-ui.js").exists());

    let page = Html::parse_document(&site.read("public/search/index.html"));
    let script = select(&page, "script");
    assert_eq!(script.len(), 1);
    assert_eq!(script[0].value().attr("src"), Some("/static/search.js"));
    assert_eq!(script[0].value().attr("type"), Some("module"));
    assert!(public.join("static/search.js").is_file());
    let options = |name: &str| -> Vec<String> {
        select(&page, &format!(r#"select[name="{name}"] option"#))
            .iter()
            .map(|option| option.value().attr("value").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        options("year"),
        ["", "2024", "2023", "2022", "2021", "2020", "2019"]
    );
    assert_eq!(options("agency").len(), 1 + 5);
    assert!(options("region").contains(&"jiangsu/huaian/hongze".to_owned()));
    // Search and the report builder need JavaScript; their pages say so. Nothing else does: the
    // year tables' sorting script only adds buttons to a table that reads whole without it.
    assert!(site.read("public/search/index.html").contains("<noscript>"));
    assert!(
        site.read("public/builder/index.html")
            .contains("<noscript>")
    );
    for (path, html) in html_pages(&public) {
        let scripts = html.matches("<script").count();
        let sorting = r#"<script src="/static/sort.js" defer></script>"#;
        let allowed = match path.as_str() {
            "search/index.html" | "builder/index.html" => scripts,
            year if year.starts_with("years/2") && html.contains(sorting) => 1,
            _ => 0,
        };
        assert_eq!(scripts, allowed, "{path} has a script");
    }
}

#[test]
fn a_large_archive_is_indexed_in_parts_the_search_page_merges() {
    let site = TestSite::example();
    // A top-level key, so before the [deadlines] table.
    let config = format!("search_part_size = 4\n{}", site.read("site.toml"));
    site.write("site.toml", &config);
    let output = site.build();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("search index: 10 reports in 7 parts,")
    );
    let public = site.path().join("public");
    let count = |part: &str| -> u64 {
        let entry: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/{part}pagefind-entry.json"))).unwrap();
        entry["languages"]["zh"]["page_count"].as_u64().unwrap()
    };
    // The glossary's entries in the first part; each year's reports in a part of their own
    // (none has more than 4).
    let years = ["2024", "2023", "2022", "2021", "2020", "2019"];
    let parts: Vec<String> = years
        .iter()
        .map(|year| format!("pagefind/{year}-1/"))
        .collect();
    assert_eq!(count("pagefind/"), glossary_entries());
    assert_eq!(
        parts.iter().map(|part| count(part)).collect::<Vec<_>>(),
        [3, 2, 1, 1, 1, 2]
    );
    // The search code and WebAssembly come once, with the first part.
    assert!(public.join("pagefind/pagefind.js").is_file());
    assert!(!public.join("pagefind/2024-1/pagefind.js").exists());
    assert!(
        !public
            .join("pagefind/2024-1/wasm.unknown.pagefind")
            .exists()
    );
    let page = Html::parse_document(&site.read("public/search/index.html"));
    let form = select(&page, "#search-form");
    assert_eq!(
        form[0].value().attr("data-parts"),
        Some(
            parts
                .iter()
                .map(|part| format!("/{part}"))
                .collect::<Vec<_>>()
                .join(" ")
                .as_str()
        )
    );
}

#[test]
fn a_rebuild_without_the_index_keeps_the_previous_one() {
    let site = TestSite::example();
    site.build();
    let before: Vec<_> = snapshot_tree(&site.path().join("public/pagefind"));
    let options = archive::build::BuildOptions {
        skip_search: true,
        ..archive::build::BuildOptions::default()
    };
    let summary = archive::build::build(site.path(), &options).unwrap();
    assert!(summary.search.is_none());
    assert_eq!(snapshot_tree(&site.path().join("public/pagefind")), before);
}

/// Each report page's HTML and the stylesheets it links, together, stay under 100 KB.
#[test]
fn report_pages_with_their_css_stay_under_100_kb() {
    let site = built_example();
    let public = site.path().join("public");
    let mut largest = (0, String::new());
    for (path, page) in html_pages(&public.join("agencies")) {
        // A report page is `<agency>/<year>/index.html`: not an agency page.
        let mut parts = path.split('/');
        if path.matches('/').count() != 2
            || parts.nth(1).is_none_or(|year| year.parse::<u16>().is_err())
        {
            continue;
        }
        let html = Html::parse_document(&page);
        let css: usize = select(&html, r#"link[rel="stylesheet"]"#)
            .iter()
            .map(|link| {
                let href = link.value().attr("href").unwrap().trim_start_matches('/');
                fs::metadata(public.join(href)).unwrap().len() as usize
            })
            .sum();
        let total = page.len() + css;
        assert!(total < 100 * 1024, "{path}: {} + {css} bytes", page.len());
        if total > largest.0 {
            largest = (total, path);
        }
    }
    assert!(largest.0 > 0);
    eprintln!(
        "largest report page with its CSS: {} ({} bytes)",
        largest.1, largest.0
    );
}

fn with_theme(site: &TestSite, theme: &str) {
    copy_tree(
        &repo().join("themes").join(theme),
        &site.path().join("themes").join(theme),
    );
    let config = site
        .read("site.toml")
        .replace("theme = \"default\"", &format!("theme = \"{theme}\""));
    site.write("site.toml", &config);
}

#[test]
fn the_minimal_theme_restyles_every_page() {
    let site = TestSite::example();
    with_theme(&site, "minimal");
    site.build();
    let public = site.path().join("public");
    // The minimal theme's stylesheet is published, without its comments.
    let published = fs::read_to_string(public.join("static/style.css")).unwrap();
    let theirs = fs::read_to_string(repo().join("themes/minimal/static/style.css")).unwrap();
    assert!(!published.contains("/*"), "{published}");
    let rules = |css: &str| -> Vec<String> {
        css.lines()
            .filter(|line| line.contains('{') && !line.trim_start().starts_with("/*"))
            .map(|line| line.split("/*").next().unwrap().trim_end().to_owned())
            .collect()
    };
    assert_eq!(rules(&published), rules(&theirs));
    let pages = html_pages(&public);
    assert!(pages.len() > 30);
    for (path, html) in &pages {
        assert!(
            html.contains(r#"<header class="masthead">"#),
            "{path} is not drawn by the minimal theme's base.html"
        );
    }
    // Templates the theme does not have come from the default theme: the report tables, the
    // search page and its script.
    let report = site.read("public/agencies/pingtan/2023/index.html");
    assert!(report.contains(r#"class="report-table report-table-applications""#));
    assert!(public.join("static/search.js").is_file());
    assert!(
        site.read("public/index.html")
            .contains(r#"action="/search/""#)
    );
}

#[test]
fn a_site_template_overrides_a_file_of_any_theme() {
    let site = TestSite::example();
    with_theme(&site, "minimal");
    site.write(
        "templates/glossary.html",
        "{% extends \"base.html\" %}{% block content %}<h1>词语</h1>{% for part in glossary %}<p>{{ part.title }}</p>{% endfor %}{% endblock content %}",
    );
    site.build();
    let page = site.read("public/glossary/index.html");
    assert!(page.contains("<h1>词语</h1>") && page.contains("<p>基本概念</p>"));
    assert!(page.contains(r#"<header class="masthead">"#));
}

#[test]
fn syntax_colours_are_linked_only_where_code_is_shown() {
    let site = TestSite::example();
    let report = site.read("content/huaian/2024.md") + "\n```toml\nkey = 1\n```\n";
    site.write("content/huaian/2024.md", &report);
    site.build();
    let link = r#"<link rel="stylesheet" href="/static/syntax.css">"#;
    assert!(
        site.read("public/agencies/huaian/2024/index.html")
            .contains(link)
    );
    assert!(
        !site
            .read("public/agencies/hongze/2024/index.html")
            .contains(link)
    );
    assert!(!site.read("public/index.html").contains(link));
}
