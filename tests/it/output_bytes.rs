//! The output's bytes a report (issue 16, item 3): what was cut must not cost a link, a value or a
//! readable download. A report page gives an `id` only to the value cells that a link of the site
//! lands on, and every such link still lands; an incremental build moves those ids as a full
//! build does; an agency's CSV names every line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::{TestSite, built_example, published_csv, snapshot_tree};

/// Every HTML page of `public/`, by its path from there (`agencies/pingtan/2023/index.html`).
fn pages(public: &Path) -> BTreeMap<String, Html> {
    snapshot_tree(public)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|ext| ext == "html"))
        .map(|(path, bytes)| {
            (
                path.to_string_lossy().replace('\\', "/"),
                Html::parse_document(&String::from_utf8(bytes).unwrap()),
            )
        })
        .collect()
}

/// The page a link of `from` goes to and its fragment, for links to a place in a page of the
/// site (`#x`, `/path/#x`); `None` for other links.
fn target(from: &str, href: &str) -> Option<(String, String)> {
    let (path, fragment) = href.split_once('#')?;
    let page = if path.is_empty() {
        from.to_owned()
    } else {
        let path = path.strip_prefix('/')?;
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        }
    };
    Some((page, fragment.to_owned()))
}

fn ids(html: &Html, selector: &str) -> BTreeSet<String> {
    html.select(&Selector::parse(selector).unwrap())
        .filter_map(|element| element.value().attr("id"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_link_to_a_place_in_a_page_lands_and_only_linked_cells_have_ids() {
    let site = built_example();
    let pages = pages(&site.path().join("public"));
    let links = Selector::parse("a[href]").unwrap();
    // Each report page's cells that some link names, from any page of the site.
    let mut cells_linked: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut landed = 0;
    for (from, html) in &pages {
        for link in html.select(&links) {
            let href = link.value().attr("href").unwrap();
            let Some((page, fragment)) = target(from, href) else {
                continue;
            };
            let Some(target_html) = pages.get(&page) else {
                panic!("{from}: {href} goes to no page of the site");
            };
            assert!(
                !ids(target_html, &format!(r#"[id="{fragment}"]"#)).is_empty(),
                "{from}: {href} lands on no element with that id"
            );
            landed += 1;
            if fragment.starts_with("cell-") {
                cells_linked.entry(page).or_default().insert(fragment);
            }
        }
    }
    assert!(landed > 100, "{landed} links to a place in a page");
    // The 2023 report's R6 finding cites the 2022 report's 现行有效件数, across years.
    assert!(
        cells_linked["agencies/pingtan/2022/index.html"]
            .contains("cell-active.normative_documents.in_force")
    );
    let report_pages = pages
        .iter()
        .filter(|(path, _)| path.starts_with("agencies/") && path.matches('/').count() == 3);
    let value_cells = Selector::parse("table.report-table td").unwrap();
    let mut report_count = 0;
    for (path, html) in report_pages {
        report_count += 1;
        let with_id = ids(html, "table.report-table td[id]");
        let linked = cells_linked.get(path).cloned().unwrap_or_default();
        assert_eq!(with_id, linked, "{path}: the value cells with an id");
        // The others are still there, each announced by its headers.
        let cells: Vec<_> = html.select(&value_cells).collect();
        assert!(cells.len() > 100, "{path}: {} value cells", cells.len());
        assert!(
            cells
                .iter()
                .all(|cell| cell.value().attr("headers").is_some())
        );
    }
    assert!(report_count >= 10, "{report_count} report pages");
}

#[test]
fn fixing_a_cross_year_finding_takes_the_id_off_the_cell_it_cited_as_a_full_build_does() {
    let site = TestSite::example();
    build(&site);
    let previous = "public/agencies/pingtan/2022/index.html";
    let cited = r#"id="cell-active.normative_documents.in_force""#;
    assert!(site.read(previous).contains(cited));
    // 698 + 77 − 132 = 643: the 2023 report's R6 now holds.
    let source = site.read("content/pingtan/2023.md");
    let from = "normative_documents: [77, 132, 470]";
    assert!(source.contains(from));
    site.write(
        "content/pingtan/2023.md",
        &source.replacen(from, "normative_documents: [77, 132, 643]", 1),
    );
    let errors = build(&site);
    assert!(errors.contains("incremental build: "), "{errors}");
    assert!(!site.read(previous).contains(cited));
    assert_same_as_a_full_build(&site, "a cross-year finding fixed");
}

#[test]
fn every_line_of_an_agency_csv_names_what_it_is() {
    let site = built_example();
    let agencies = site.path().join("public/agencies");
    let mut files = 0;
    for entry in std::fs::read_dir(&agencies).unwrap() {
        let id = entry.unwrap().file_name().to_string_lossy().into_owned();
        let path = format!("agencies/{id}/{id}.csv");
        if !site.path().join("public").join(&path).exists() {
            continue;
        }
        files += 1;
        let (header, records) = published_csv(site, &path);
        assert_eq!(header[..2], ["key", "label"], "{path}");
        assert!(records.len() > 100, "{path}: {} lines", records.len());
        for record in &records {
            assert!(
                !record[0].is_empty() && !record[1].trim().is_empty(),
                "{path}: a line without its key or label: {record:?}"
            );
        }
    }
    assert!(files > 3, "{files} agency CSV files");
}
