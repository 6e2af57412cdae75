//! The downloads that issue 16's size target changed: each year's long CSV gzipped with stable
//! bytes beside its plain wide CSV, and the catalog naming the compression; each agency's
//! values over the years as one CSV file instead of a page.

use serde_json::Value;

use crate::support::{TestSite, built_example, gunzip};

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
