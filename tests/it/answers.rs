//! Answers across agencies on the example archive: the rankings (洪泽 2023's contradicted
//! 行政复议 total marked, rates over 0 listed apart, the order), the regions' totals, the
//! builder's data files against the rankings CSV, the dataset catalog (valid JSON-LD listing
//! every data file there is) and the dictionary (every key of the catalog and of the files).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::support::{
    TestSite, built_example, code_and_errors, published_csv, report_data_files, stderr,
};

fn page(site: &TestSite, path: &str) -> Html {
    Html::parse_document(&fs::read_to_string(site.path().join("public").join(path)).unwrap())
}

fn select<'a>(html: &'a ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

fn json(site: &TestSite, path: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(site.path().join("public").join(path)).unwrap())
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The line of a ranking section's table for an agency: (rank, value, mark).
fn ranked_line(section: &ElementRef<'_>, agency: &str) -> Option<(String, String, String)> {
    select(section, "tbody tr").into_iter().find_map(|row| {
        let name = select(&row, "th").first().map(text)?;
        (name == agency).then(|| {
            let cells = select(&row, "td");
            let value = select(&cells[1], "a").first().map(text).unwrap_or_default();
            let mark = select(&cells[1], "mark.contradicted")
                .first()
                .map(text)
                .unwrap_or_default();
            (text(&cells[0]), value, mark)
        })
    })
}

#[test]
fn hongze_2023s_contradicted_review_total_is_ranked_as_printed_and_marked() {
    let site = built_example();
    for path in [
        "rankings/2023/index.html",
        "rankings/2023/regions/jiangsu/index.html",
    ] {
        let html = page(site, path);
        let root = html.root_element();
        let section = select(&root, "section#ranking-reviews")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{path} ranks 行政复议"));
        let (_, value, mark) = ranked_line(&section, "洪泽区人民政府").expect("洪泽 is ranked");
        assert_eq!(value, "0", "{path}: the total as printed, never replaced");
        assert!(
            mark.contains("与分项不符") && mark.contains("11"),
            "{path}: {mark}"
        );
        let notes = select(&section, "p.notes")
            .iter()
            .map(text)
            .collect::<String>();
        assert!(
            notes.contains('1'),
            "{path} says how many values are contradicted: {notes}"
        );
        // Its link goes to the report the value is read from.
        let link = select(&section, "tbody a[href$=\"/agencies/hongze/2023/\"]");
        assert!(!link.is_empty(), "{path} links the value to its report");
    }
    // The same in the full CSV and the builder's file.
    let (header, records) = published_csv(site, "data/rankings/2023.csv");
    let column = |name: &str| header.iter().position(|key| key == name).unwrap();
    let hongze = records.iter().find(|record| record[0] == "hongze").unwrap();
    assert_eq!(hongze[column("reviews")], "0");
    assert_eq!(hongze[column("reviews_rows_give")], "11");
    let index = json(site, "data/builder/index.json");
    let at = index["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .position(|agency| agency[0] == "hongze")
        .unwrap();
    let reviews = json(site, "data/builder/2023/reviews.json");
    let entries = builder_entries(&reviews, "count");
    let (entry, line) = entries
        .iter()
        .enumerate()
        .find(|(_, line)| line[0] == at)
        .unwrap();
    assert_eq!(
        line,
        &vec![
            serde_json::json!(at),
            serde_json::json!(0),
            serde_json::json!(11)
        ]
    );
    assert_eq!(reviews["contradicted"], serde_json::json!([[entry, 11]]));
}

/// A builder values file's entries as `[agency, value, mark?]` (a count) or `[agency,
/// numerator, denominator, mark?]` (a rate), its agencies' deltas added up.
fn builder_entries(file: &Value, kind: &str) -> Vec<Vec<Value>> {
    let marks = file["contradicted"].as_array().unwrap();
    let mut agency = 0;
    file["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(entry, delta)| {
            agency += delta.as_u64().unwrap();
            let mut line = vec![serde_json::json!(agency)];
            if kind == "count" {
                line.push(file["values"][entry].clone());
            } else {
                line.push(file["numerators"][entry].clone());
                line.push(file["denominators"][entry].clone());
            }
            if let Some(mark) = marks.iter().find(|mark| mark[0] == entry) {
                line.push(mark[1].clone());
            }
            line
        })
        .collect()
}

#[test]
fn rankings_are_ordered_and_values_over_a_zero_or_blank_denominator_are_listed_apart() {
    let site = built_example();
    let mut unranked_seen = 0;
    for year in 2019..=2024 {
        unranked_seen += check_ranking_page(site, year);
    }
    // 上海 2019's four rates over blank totals; 平潭 2019 and 2020's two and 侯马 2024's four
    // rates over 0.
    assert_eq!(unranked_seen, 12);
}

/// Checks a year's ranking page against its CSV; how many values it lists apart.
fn check_ranking_page(site: &TestSite, year: u16) -> usize {
    let (header, records) = published_csv(site, &format!("data/rankings/{year}.csv"));
    let html = page(site, &format!("rankings/{year}/index.html"));
    let root = html.root_element();
    let mut unranked_seen = 0;
    for section in select(&root, "section.ranking") {
        let key = section.value().id().unwrap().trim_start_matches("ranking-");
        let values: Vec<f64> = select(&section, "tbody tr td:nth-child(3) > a")
            .iter()
            .map(|value| {
                text(value)
                    .split('%')
                    .next()
                    .unwrap()
                    .parse::<f64>()
                    .unwrap()
            })
            .collect();
        assert!(
            values.windows(2).all(|pair| pair[0] >= pair[1]),
            "{key}: {values:?}"
        );
        let Some(denominator) = header
            .iter()
            .position(|name| *name == format!("{key}_denominator"))
        else {
            continue;
        };
        let unranked: BTreeSet<String> = select(&section, "ul.unranked li > a:first-child")
            .iter()
            .map(text)
            .collect();
        for record in &records {
            let apart = record[denominator].is_empty() || record[denominator] == "0";
            assert_eq!(
                unranked.contains(&record[1]),
                apart,
                "{key}: {} (denominator `{}`)",
                record[1],
                record[denominator]
            );
            assert_eq!(
                ranked_line(&section, &record[1]).is_some(),
                !apart,
                "{key}: {}",
                record[1]
            );
            unranked_seen += usize::from(apart);
        }
    }
    unranked_seen
}

#[test]
fn a_regions_totals_say_what_they_cover_and_count_contradicted_values() {
    let site = built_example();
    let html = page(site, "rankings/regions/jiangsu/index.html");
    let root = html.root_element();
    let lead = text(&select(&root, "p.lead")[0]);
    // 洪泽 2023 and 2024 and 淮安 2024.
    assert!(lead.contains("2 个机关的 3 份报告"), "{lead}");
    let rows = select(&root, "tbody tr");
    let first = select(&rows[0], "td").iter().map(text).collect::<Vec<_>>();
    assert_eq!(
        select(&rows[0], "th").first().map(text).as_deref(),
        Some("2023")
    );
    // 报告数, 新收申请 …, 行政复议 (the fifth measure) printed as 0 with one contradicted total.
    assert_eq!(first[0], "1");
    assert!(
        first[5].starts_with('0') && first[5].contains("含 1 个与分项不符"),
        "{first:?}"
    );
}

#[test]
fn the_builders_files_hold_the_rankings_values() {
    let site = built_example();
    let index = json(site, "data/builder/index.json");
    let (header, records) = published_csv(site, "data/rankings/2024.csv");
    let agencies = index["agencies"].as_array().unwrap();
    for measure in index["measures"].as_array().unwrap() {
        let key = measure["key"].as_str().unwrap();
        let values = json(site, &format!("data/builder/2024/{key}.json"));
        let rows = builder_entries(&values, measure["kind"].as_str().unwrap());
        assert_eq!(rows.len(), records.len(), "{key}: every report of the year");
        for row in &rows {
            let id = agencies[row[0].as_u64().unwrap() as usize][0]
                .as_str()
                .unwrap();
            let record = records.iter().find(|record| record[0] == id).unwrap();
            let field = |suffix: &str| {
                let at = header
                    .iter()
                    .position(|name| *name == format!("{key}{suffix}"))
                    .unwrap();
                record[at].clone()
            };
            let number = |value: &Value| value.as_u64().map(|n| n.to_string()).unwrap_or_default();
            if measure["kind"] == "count" {
                assert_eq!(number(&row[1]), field(""), "{key} {id}");
            } else {
                assert_eq!(number(&row[1]), field("_numerator"), "{key} {id}");
                assert_eq!(number(&row[2]), field("_denominator"), "{key} {id}");
            }
        }
    }
}

/// Every file of the output below `dir`, as paths below the output.
fn files_below(root: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_below(root, &path, found);
        } else {
            found.push(
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

#[test]
fn the_catalog_lists_every_data_file_and_every_reports_json_and_nothing_else() {
    let site = built_example();
    let public = site.path().join("public");
    let catalog = json(site, "data/catalog.json");
    assert_eq!(catalog["@type"], "dcat:Catalog");
    assert_eq!(catalog["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
    assert_eq!(
        catalog["dct:license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    assert!(
        catalog["dct:modified"]["@value"]
            .as_str()
            .unwrap()
            .starts_with("20")
    );
    let base = catalog["foaf:homepage"]["@id"].as_str().unwrap().to_owned();
    let listed: BTreeSet<String> = catalog["dcat:dataset"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|dataset| dataset["dcat:distribution"].as_array().unwrap().clone())
        .map(|distribution| {
            let url = distribution["dcat:downloadURL"]["@id"].as_str().unwrap();
            url.strip_prefix(&base).unwrap().to_owned()
        })
        .collect();
    let mut files = Vec::new();
    files_below(&public, &public.join("data"), &mut files);
    let mut expected: BTreeSet<String> = files
        .into_iter()
        .filter(|file| !file.ends_with("index.html"))
        .collect();
    for json in report_data_files(&public) {
        expected.insert(
            json.strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .into_owned(),
        );
    }
    assert_eq!(listed, expected);
    assert!(
        listed.contains("data/dictionary.csv") && listed.contains("agencies/hongze/2023/data.json")
    );
    // The data page links it, also as an alternate of the page.
    let html = page(site, "data/index.html");
    let root = html.root_element();
    let alternate = select(
        &root,
        "link[rel=\"alternate\"][type=\"application/ld+json\"]",
    );
    assert_eq!(
        alternate[0].value().attr("href"),
        Some("/data/catalog.json")
    );
    assert!(text(&select(&root, "dl.dataset")[0]).contains("dictionary.csv"));
}

#[test]
fn the_dictionary_has_every_key_of_the_catalog_and_of_the_data_files() {
    let site = built_example();
    let (header, records) = published_csv(site, "data/dictionary.csv");
    assert_eq!(
        header,
        [
            "key",
            "kind",
            "label_zh",
            "label_en",
            "unit_zh",
            "unit_en",
            "formats",
            "definition"
        ]
    );
    let keys: BTreeSet<&str> = records.iter().map(|record| record[0].as_str()).collect();
    assert_eq!(keys.len(), records.len(), "each key once");
    for cell in archive_core::format::catalog().cells() {
        assert!(keys.contains(cell.path()), "{}", cell.path());
    }
    let (wide, _) = published_csv(site, "data/2024-wide.csv");
    for key in wide.iter().skip(5) {
        assert!(keys.contains(key.as_str()), "wide CSV column {key}");
    }
    let (rankings, _) = published_csv(site, "data/rankings/2024.csv");
    for column in rankings.iter().skip(5) {
        let key = [
            "_rows_give",
            "_percent",
            "_numerator",
            "_denominator",
            "_contradicted",
        ]
        .iter()
        .find_map(|suffix| column.strip_suffix(suffix))
        .unwrap_or(column);
        assert!(keys.contains(key), "rankings CSV column {column}");
    }
    let received = records
        .iter()
        .find(|record| record[0] == "applications.received.total")
        .unwrap();
    assert!(
        received[2].contains("本年新收") && received[4] == "件" && received[6] == "gb2019 gb2021"
    );
}

#[test]
fn the_dataset_keys_of_site_toml_reach_the_catalog_and_a_bad_one_is_named() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!(
            "{config}\n[dataset]\npublisher = \"某某市政务公开办\"\nlicense = \"https://creativecommons.org/publicdomain/zero/1.0/\"\ncontact = \"data@example.gov.cn\"\n"
        ),
    );
    site.build();
    let catalog = json(&site, "data/catalog.json");
    assert_eq!(catalog["dct:publisher"]["foaf:name"], "某某市政务公开办");
    assert_eq!(
        catalog["dct:license"]["@id"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
    assert_eq!(
        catalog["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
        "mailto:data@example.gov.cn"
    );
    let data_page = site.read("public/data/index.html");
    assert!(
        data_page.contains("某某市政务公开办") && data_page.contains("mailto:data@example.gov.cn")
    );

    site.write(
        "site.toml",
        &format!("{config}\n[dataset]\ncontact = \"call us\"\n"),
    );
    let output = site.run(&["build"]);
    let (code, _) = code_and_errors(&output);
    assert_eq!(code, 2, "a configuration error is a usage error");
    insta::assert_snapshot!("dataset_contact_refused", stderr(&output, &site));
}

/// The example with 22 more agencies in 江苏省淮安市, each 洪泽 2024's report (without its
/// archived original) with its own number of applications received.
fn with_many_agencies() -> TestSite {
    let site = TestSite::example();
    let source = site.read("content/hongze/2024.md");
    let (head, rest) = source.split_once("# 原文存档").unwrap();
    let body = &rest[rest.find("\n---\n").unwrap()..];
    for at in 1..=22 {
        let received = at * 10;
        let report = format!("{head}{body}").replace(
            "received:                    [95, 0, 0, 0, 0, 0, 95]",
            &format!("received:                    [{received}, 0, 0, 0, 0, 0, {received}]"),
        );
        site.write(&format!("content/t{at:02}/2024.md"), &report);
        site.write(
            &format!("content/t{at:02}/_agency.yaml"),
            &format!("name: 测试机关{at:02}\nkind: department\nregion: jiangsu/huaian\n"),
        );
    }
    site.build();
    site
}

#[test]
fn a_long_ranking_shows_its_top_and_bottom_ten_and_the_csv_every_agency() {
    let site = with_many_agencies();
    let (header, records) = published_csv(&site, "data/rankings/2024.csv");
    assert_eq!(records.len(), 25, "洪泽, 侯马, 淮安 and the 22");
    let received = header.iter().position(|name| name == "received").unwrap();
    let ranked = records
        .iter()
        .filter(|record| !record[received].is_empty())
        .count();
    assert!(ranked > 20, "{ranked}");
    let html = page(&site, "rankings/2024/index.html");
    let root = html.root_element();
    let section = select(&root, "section#ranking-received").remove(0);
    let ranks: Vec<usize> = select(&section, "tbody tr:not(.omitted) td:first-child")
        .iter()
        .map(|cell| text(cell).parse().unwrap())
        .collect();
    let expected: Vec<usize> = (1..=10).chain(ranked - 9..=ranked).collect();
    assert_eq!(ranks, expected);
    let gap = text(&select(&section, "tr.omitted").remove(0));
    assert!(gap.contains(&(ranked - 20).to_string()), "{gap}");
    // The top is 淮安's 3119, then the largest of the 22.
    assert_eq!(
        ranked_line(&section, "淮安市人民政府").map(|line| line.1),
        Some("3119".to_owned())
    );
    assert_eq!(
        ranked_line(&section, "测试机关22").map(|line| line.0),
        Some("2".to_owned())
    );
    // 江苏省淮安市's page ranks its own: 淮安, 洪泽 and the 22.
    let html = page(&site, "rankings/2024/regions/jiangsu/huaian/index.html");
    let root = html.root_element();
    let lead = select(&root, "main p").iter().map(text).collect::<String>();
    assert!(lead.contains("24 份报告"), "{lead}");
}
