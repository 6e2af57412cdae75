//! The output's size (issue 16): compact report data, the archive-wide long CSV gzipped with
//! stable bytes, and the agency page's key figures linking the agency's CSV — every value still
//! published (`size_downloads.rs`: the per-year long CSV and the agency CSV).

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::support::{Server, TestSite, built_example, fixture, get, gunzip};

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn select_in<'a>(element: &ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(selector).unwrap())
        .collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// Every comparison table of a page as lines of text: the table's id and caption, then a line per
/// row with its headers and each year's cell (value, what a mark stands for, change).
fn comparison_values(page: &str) -> String {
    let html = Html::parse_document(page);
    let mut lines = Vec::new();
    for table in select(&html, "table.compare-table") {
        let caption = select_in(&table, "caption")
            .first()
            .map(text)
            .unwrap_or_default();
        lines.push(format!(
            "## {} {caption}",
            table.value().attr("id").unwrap_or("")
        ));
        let years: Vec<String> = select_in(&table, "thead th").iter().map(text).collect();
        lines.push(years.join(" | "));
        for row in select_in(&table, "tbody tr") {
            let heads: Vec<String> = select_in(&row, "th").iter().map(text).collect();
            let cells: Vec<String> = select_in(&row, "td").iter().map(text).collect();
            lines.push(format!("{} | {}", heads.join(" / "), cells.join(" | ")));
        }
    }
    lines.join("\n")
}

/// The agency page shows the key figures of the year pages over the years and the charts, and
/// links its CSV file (every value over the years) instead of inlining a full table.
#[test]
fn the_agency_page_shows_key_figures_and_links_its_full_table() {
    let site = built_example();
    let page = Html::parse_document(&site.read("public/agencies/pingtan/index.html"));
    let links: Vec<&str> = select(&page, "#comparison a.full-table")
        .iter()
        .filter_map(|link| link.value().attr("href"))
        .collect();
    assert_eq!(links, ["/agencies/pingtan/pingtan.csv"]);
    assert!(
        select(&page, "table#compare-applicants").is_empty(),
        "not inlined"
    );
    let rows: Vec<String> = select(&page, "#key-figures tbody th[scope=row]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        rows,
        [
            "新收申请",
            "办理结果总计",
            "公开率",
            "行政复议",
            "行政诉讼 · 未经复议直接起诉",
            "行政诉讼 · 复议后起诉",
            "行政许可决定",
            "行政处罚决定",
            "行政强制决定"
        ]
    );
    // The key figures are the CSV's values.
    let values = crate::size_downloads::agency_csv(site, "pingtan");
    let received = comparison_values(&site.read("public/agencies/pingtan/index.html"))
        .lines()
        .find(|line| line.starts_with("新收申请 | "))
        .unwrap()
        .to_owned();
    for year in ["2019", "2020", "2021", "2022", "2023"] {
        let value = &values["applications.received.total"][year];
        assert!(received.contains(&format!("| {value}")), "{received}");
    }
    assert_eq!(select(&page, "figure.chart svg[role=img]").len(), 3);
}

/// A report's `data.json` is compact (one line, no spaces between values) and holds exactly the value its
/// indented form held (`tests/fixtures/output_size/`: pingtan 2021 as built before issue 16) but
/// for `changes`.
#[test]
fn data_json_is_compact_and_holds_the_indented_forms_value() {
    let site = built_example();
    let published = site.read("public/agencies/pingtan/2021/data.json");
    let value: Value = serde_json::from_str(&published).expect("data.json parses");
    // One line: no indentation, no line breaks between values (a string holds none unescaped).
    assert_eq!(
        published.matches('\n').count(),
        1,
        "one line and a final break"
    );
    assert!(published.ends_with("}\n"));
    assert!(!published.contains("\": ") && !published.contains(", \""));
    let mut indented: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("output_size/pingtan-2021-data.pretty.json")).unwrap(),
    )
    .unwrap();
    // Everything but `changes`, which the 2020 file and the CSV files give (issue 16).
    assert!(indented["changes"].is_object());
    indented.as_object_mut().unwrap().remove("changes");
    assert_eq!(value, indented);
}

/// A CSV file's lines after its byte-order mark and header.
fn data_lines(csv: &[u8]) -> Vec<&str> {
    let text = std::str::from_utf8(csv.strip_prefix(BOM).expect("a BOM")).unwrap();
    let mut lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.remove(0), LONG_HEADER);
    lines
}

const BOM: &[u8] = b"\xEF\xBB\xBF";
const LONG_HEADER: &str = "agency_id,agency,region,year,format,table,row,column,value,unit,printed,contradicted_rule,parts_sum";

/// The archive-wide long CSV is published gzipped: it decompresses to a long CSV holding exactly
/// the lines of every year's long CSV, and two builds of the same archive give the same bytes
/// (no time or file name in the gzip header), so a sync to a static host leaves it alone.
#[test]
fn the_archive_long_csv_gz_is_the_years_long_csvs_with_stable_bytes() {
    let site = built_example();
    let public = site.path().join("public");
    assert!(!public.join("data/archive-long.csv").exists());
    let gz = std::fs::read(public.join("data/archive-long.csv.gz")).unwrap();
    assert_eq!(gz[..4], [0x1f, 0x8b, 8, 0], "gzip, deflate, no file name");
    assert_eq!(gz[4..8], [0, 0, 0, 0], "no modification time");
    let csv = gunzip(&gz);
    let mut archive_lines = data_lines(&csv);
    let mut year_lines = Vec::new();
    let year_files: Vec<Vec<u8>> = (2019..=2024)
        .map(|year| {
            gunzip(&std::fs::read(public.join(format!("data/{year}-long.csv.gz"))).unwrap())
        })
        .collect();
    for file in &year_files {
        year_lines.extend(data_lines(file));
    }
    assert!(archive_lines.len() > 1000, "every value of ten reports");
    archive_lines.sort_unstable();
    year_lines.sort_unstable();
    assert!(
        archive_lines == year_lines,
        "the same lines as the years' files"
    );

    let again = TestSite::example();
    again.build();
    assert!(
        std::fs::read(again.path().join("public/data/archive-long.csv.gz")).unwrap() == gz,
        "the same bytes from a second build"
    );
}

/// The preview serves the gzipped CSV as a download, not as a compressed response: the bytes a
/// static host would publish, with no `Content-Encoding` that would make a browser save it
/// decompressed under the `.gz` name.
#[test]
fn serve_gives_the_csv_gz_as_a_gzip_file() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let gz = get(&server.at("data/archive-long.csv.gz"));
    assert_eq!(gz.status, 200);
    assert!(
        gz.header("content-type").unwrap().contains("gzip"),
        "{:?}",
        gz.header("content-type")
    );
    assert_eq!(gz.header("content-encoding"), None);
    assert!(data_lines(&gunzip(&gz.body)).len() > 1000);
}
