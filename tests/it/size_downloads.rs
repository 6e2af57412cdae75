//! The downloads that issue 16's size target changed: each year's long CSV gzipped with stable
//! bytes beside its plain wide CSV, and the catalog naming the compression; each agency's
//! values over the years as one CSV file instead of a page.

use std::collections::BTreeMap;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{Server, TestSite, built_example, get, gunzip, published_csv};

/// An agency's CSV file (`agencies/<id>/<id>.csv`) as its lines by key, each a map from column
/// name to field.
pub(crate) fn agency_csv(
    site: &TestSite,
    agency: &str,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let bytes = std::fs::read(
        site.path()
            .join(format!("public/agencies/{agency}/{agency}.csv")),
    )
    .unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|record| {
            let line: BTreeMap<String, String> = header
                .iter()
                .cloned()
                .zip(record.unwrap().iter().map(str::to_owned))
                .collect();
            (line["key"].clone(), line)
        })
        .collect()
}

/// Each year's long CSV is published gzipped only (the plain file is gone), decompresses to a
/// CSV with its byte-order mark and header, and has stable bytes (no time, no name); the wide
/// CSV stays plain, what a spreadsheet opens.
#[test]
fn each_years_long_csv_is_gzipped_with_stable_bytes_and_the_wide_one_is_plain() {
    let site = built_example();
    let again = TestSite::example();
    again.build();
    for year in 2019..=2024 {
        let data = site.path().join("public/data");
        assert!(!data.join(format!("{year}-long.csv")).exists(), "{year}");
        let gz = std::fs::read(data.join(format!("{year}-long.csv.gz"))).unwrap();
        assert_eq!(gz[..4], [0x1f, 0x8b, 8, 0], "gzip, deflate, no file name");
        assert_eq!(gz[4..8], [0, 0, 0, 0], "no modification time");
        let csv = gunzip(&gz);
        assert!(
            csv.starts_with("\u{feff}agency_id,agency,region,year,".as_bytes()),
            "{year}"
        );
        assert!(
            String::from_utf8(csv)
                .unwrap()
                .contains(&format!(",{year},")),
            "{year}"
        );
        let rebuilt = again.path().join(format!("public/data/{year}-long.csv.gz"));
        assert!(std::fs::read(rebuilt).unwrap() == gz, "{year}: same bytes");
        let wide = std::fs::read(data.join(format!("{year}-wide.csv"))).unwrap();
        assert!(wide.starts_with("\u{feff}agency_id,".as_bytes()), "{year}");
    }
}

/// The catalog gives a gzipped CSV file the CSV media type and names the compression
/// (`dcat:compressFormat`); a plain CSV file has none.
#[test]
fn the_catalog_names_the_gzipped_files_compression() {
    let site = built_example();
    let catalog: Value = serde_json::from_str(&site.read("public/data/catalog.json")).unwrap();
    let distribution = |path: &str| {
        catalog["dcat:dataset"]
            .as_array()
            .unwrap()
            .iter()
            .find(|dataset| dataset["dct:identifier"] == path)
            .unwrap_or_else(|| panic!("{path} is listed"))["dcat:distribution"][0]
            .clone()
    };
    for path in ["data/2023-long.csv.gz", "data/archive-long.csv.gz"] {
        let listed = distribution(path);
        assert_eq!(listed["dcat:mediaType"], "text/csv", "{path}");
        assert_eq!(listed["dcat:compressFormat"], "application/gzip", "{path}");
    }
    let wide = distribution("data/2023-wide.csv");
    assert_eq!(wide["dcat:mediaType"], "text/csv");
    assert_eq!(wide.get("dcat:compressFormat"), None);
    let page = site.read("public/data/index.html");
    assert!(page.contains("href=\"/data/2023-long.csv.gz\""));
    assert!(!page.contains("2023-long.csv\""));
}

/// An agency's CSV holds every value its reports have, as the long CSV gives it, each in its
/// year's column; a printed total its rows contradict carries the rule and its rows' sum as in the
/// long CSV; the first line gives each year's template version. Checked on every agency of the
/// example archive.
#[test]
fn each_agencys_csv_holds_every_value_of_its_reports_as_the_long_csv() {
    let site = built_example();
    let (header, records) = published_csv(site, "data/archive-long.csv.gz");
    let column = |name: &str| header.iter().position(|head| head == name).unwrap();
    let mut seen = 0;
    for record in &records {
        let agency = &record[column("agency_id")];
        let year = &record[column("year")];
        let values = agency_csv(site, agency);
        let key = format!(
            "{}.{}.{}",
            record[column("table")],
            record[column("row")],
            record[column("column")]
        );
        let line = values
            .get(&key)
            .unwrap_or_else(|| panic!("{agency}: no line {key}"));
        assert_eq!(line[year], record[column("value")], "{agency} {year} {key}");
        let unit = &record[column("unit")];
        assert!(
            unit.is_empty() || &line["unit"] == unit,
            "{agency} {year} {key}"
        );
        assert_eq!(
            values["format"][year],
            record[column("format")],
            "{agency} {year}"
        );
        let rule = &record[column("contradicted_rule")];
        let mark = format!("{year}:{rule}={}", record[column("parts_sum")]);
        assert_eq!(
            line["contradicted"].split(' ').any(|found| found == mark),
            !rule.is_empty(),
            "{agency} {year} {key}: {}",
            line["contradicted"]
        );
        seen += 1;
    }
    assert!(seen > 1900, "every value of the ten reports: {seen}");
}

/// The hongze file as published, read line by line: its two years, the 2023 totals its rows
/// contradict, the rates.
#[test]
fn the_hongze_csv_reads_as_a_table_of_its_years() {
    let site = built_example();
    let text = site.read("public/agencies/hongze/hongze.csv");
    insta::assert_snapshot!("hongze_csv", text.replace("\r\n", "\n"));
}

/// The agency page links its CSV as a download in place of the full table page, which is no
/// longer published; the preview serves the CSV as CSV.
#[test]
fn the_agency_page_links_its_csv_and_the_full_table_page_is_gone() {
    let site = built_example();
    let page = Html::parse_document(&site.read("public/agencies/pingtan/index.html"));
    let selector = Selector::parse("#comparison a.full-table").unwrap();
    let links: Vec<_> = page.select(&selector).collect();
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].value().attr("href"),
        Some("/agencies/pingtan/pingtan.csv")
    );
    assert!(links[0].value().attr("download").is_some());
    assert!(!site.path().join("public/agencies/pingtan/table").exists());

    let preview = TestSite::example();
    let server = Server::start(preview.path(), &[]);
    let csv = get(&server.at("agencies/pingtan/pingtan.csv"));
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.body,
        std::fs::read(site.path().join("public/agencies/pingtan/pingtan.csv")).unwrap()
    );
    assert_eq!(get(&server.at("agencies/pingtan/table/")).status, 404);
}
