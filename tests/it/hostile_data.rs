//! Hostile input that reaches the published data and the search index: text that a spreadsheet
//! would run as a formula, and fields long enough to stall the indexer.

use std::fs;

use crate::support::{MINIMAL_REPORT, TestSite};

/// Every text field of the CSV downloads that starts like a formula is written as text.
#[test]
fn formulas_in_sources_reach_no_csv_as_formulas() {
    let site = TestSite::minimal();
    site.write(
        "content/demo/_agency.yaml",
        "name: \"=HYPERLINK(\\\"https://evil.example\\\",\\\"点击\\\")\"\nkind: people_government\nregion: jiangsu\n",
    );
    // A gb2019 report: its 政府集中采购 amount is text.
    let report = MINIMAL_REPORT
        .replace("format: gb2021", "format: gb2019")
        .replace("year: 2024", "year: 2020");
    let start = report.find("active:").unwrap();
    let end = report.find("applications:").unwrap();
    let report = format!(
        "{}active:\n  licensing: [0, 0, 0]\n  procurement: [1, \"@SUM(1+1)\"]\n\n{}",
        &report[..start],
        &report[end..]
    );
    site.write("content/demo/2020.md", &report);
    site.build();
    let mut formulas = 0;
    // Every CSV file: data/'s, the long ones gzipped, and the agency's.
    let agency_csv = site.path().join("public/agencies/demo/demo.csv");
    let data = fs::read_dir(site.path().join("public/data")).unwrap();
    for path in data.map(|entry| entry.unwrap().path()).chain([agency_csv]) {
        let name = path.to_string_lossy().into_owned();
        let bytes = if name.ends_with(".csv.gz") {
            crate::support::gunzip(&fs::read(&path).unwrap())
        } else if name.ends_with(".csv") {
            fs::read(&path).unwrap()
        } else {
            continue;
        };
        let text = String::from_utf8(bytes).unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        for record in reader.records() {
            for field in &record.unwrap() {
                let formula = field.starts_with(['=', '+', '@', '\t', '\r'])
                    || (field.starts_with('-') && field.parse::<f64>().is_err());
                assert!(!formula, "{}: a formula field {field:?}", path.display());
                formulas += usize::from(field.starts_with("'=") || field.starts_with("'@"));
            }
        }
    }
    // The agency's name in every long and wide file, and the amount in the long ones and the
    // agency's CSV.
    assert!(formulas >= 6, "only {formulas} guarded fields");
}

/// A title of 300,000 distinct characters and a narrative of one endless line are indexed up to
/// their caps: the index grows by the caps, not by the fields.
#[test]
fn long_fields_are_indexed_up_to_their_caps() {
    fn index_size(site: &TestSite) -> u64 {
        walkdir::WalkDir::new(site.path().join("public/pagefind"))
            .into_iter()
            .map(|entry| entry.unwrap().metadata().unwrap().len())
            .sum()
    }
    let plain = TestSite::minimal();
    plain.build();
    // Distinct CJK characters, so that every one is a word of its own for the indexer.
    let long: String = (0..300_000u32)
        .map(|at| char::from_u32(0x4e00 + (at * 7919) % 20_000).unwrap())
        .collect();
    let hostile = TestSite::minimal();
    hostile.write(
        "content/demo/2024.md",
        &MINIMAL_REPORT
            .replace(
                "title: 示例县人民政府2024年政府信息公开工作年度报告",
                &format!("title: \"{long}\""),
            )
            .replace(
                "## 一、总体情况\n\n示例。",
                &format!("## 一、总体情况\n\n{long}"),
            ),
    );
    hostile.build();
    let (plain, hostile) = (index_size(&plain), index_size(&hostile));
    // The capped fields add a few kilobytes; the title indexed whole added over 2 MB.
    assert!(
        hostile < plain + 500_000,
        "the index grew from {plain} to {hostile} bytes"
    );
}
