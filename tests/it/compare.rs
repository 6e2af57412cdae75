//! Comparisons and open data on the example archive: the agency page over the years with the
//! 2020→2021 break, the year and coverage pages, and every CSV and JSON file read back and held
//! against the sources' hand-checked values.

use std::collections::BTreeMap;
use std::fs;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{built_example, published_csv, published_table, repo, value_cell};

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// The hand-checked values of every example report: (agency id, year) → its expected JSON.
fn expected_reports() -> BTreeMap<(String, u16), Value> {
    let fixtures = repo().join("tests/fixtures/expected");
    let sources: serde_json::Map<String, Value> =
        serde_json::from_str(&fs::read_to_string(fixtures.join("sources.json")).unwrap()).unwrap();
    sources
        .into_iter()
        .map(|(file, report)| {
            let (agency, year) = report.as_str().unwrap().split_once('/').unwrap();
            let expected: Value =
                serde_json::from_str(&fs::read_to_string(fixtures.join(&file)).unwrap()).unwrap();
            ((agency.to_owned(), year.parse().unwrap()), expected)
        })
        .collect()
}

/// A source value as a CSV field: the number as written, the text, or empty for a blank cell.
fn as_field(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        // An amount printed with its unit is written as its number, digits as printed.
        Value::String(text) => text.strip_suffix('元').unwrap_or(text).to_owned(),
        other => other.to_string(),
    }
}

/// A cell's place: (table, row, column).
type CellKey = (String, String, String);

/// Every (table, row, column) → value of a report's expected JSON.
fn expected_cells(report: &Value) -> BTreeMap<CellKey, Value> {
    let mut cells = BTreeMap::new();
    for table in ["active", "applications", "appeals"] {
        for (row, columns) in report[table].as_object().unwrap() {
            for (column, value) in columns.as_object().unwrap() {
                cells.insert(
                    (table.to_owned(), row.clone(), column.clone()),
                    value.clone(),
                );
            }
        }
    }
    cells
}

#[test]
fn the_pingtan_csv_gives_every_year_the_versions_and_the_rates() {
    let site = built_example();
    let values = crate::size_downloads::agency_csv(site, "pingtan");
    let years = ["2019", "2020", "2021", "2022", "2023"];
    let line = |key: &str| -> Vec<&str> {
        years
            .iter()
            .map(|year| values[key][*year].as_str())
            .collect()
    };
    // The version of each year: the format changes in 2021.
    assert_eq!(
        line("format"),
        ["gb2019", "gb2019", "gb2021", "gb2021", "gb2021"]
    );
    // Table 二: 2021's 规章 figures exist in gb2021 only; the decisions in both.
    assert_eq!(values["active.rules.issued"]["formats"], "gb2021");
    assert_eq!(
        values["active.rules.issued"]["label"],
        "规章 · 本年制发件数"
    );
    assert_eq!(line("active.rules.issued"), ["", "", "0", "0", "0"]);
    // Empty where both versions define the key (`data/dictionary.csv` names them).
    assert_eq!(values["active.licensing.decisions"]["formats"], "");
    assert_eq!(
        line("active.licensing.decisions"),
        ["181", "278", "2293", "10690", "2629"]
    );
    // Table 三 compares across the change; the applicant split is there too.
    assert_eq!(
        line("applications.received.total"),
        ["23", "21", "70", "74", "81"]
    );
    assert_eq!(
        line("applications.received.natural_person"),
        ["23", "20", "64", "71", "80"]
    );
    // The rates in percent; a zero denominator gives none.
    assert_eq!(values["review_correction_rate"]["unit"], "%");
    assert_eq!(
        line("review_correction_rate"),
        ["", "", "0.00", "50.00", "50.00"]
    );
    // The charts are on the agency page, beside its key figures.
    let html = Html::parse_document(&site.read("public/agencies/pingtan/index.html"));
    // Three charts, each an image with a title and a description of every value.
    let charts = select(&html, "figure.chart svg[role=img]");
    assert_eq!(charts.len(), 3);
    for chart in &charts {
        let labelled = chart.value().attr("aria-labelledby").unwrap();
        for id in labelled.split(' ') {
            assert_eq!(select(&html, &format!("#{id}")).len(), 1, "{id}");
        }
    }
    let description = text(&select(&html, "#chart-received-desc")[0]);
    assert_eq!(
        description,
        "新收政府信息公开申请数量：2019年 23；2020年 21；2021年 70；2022年 74；2023年 81"
    );
}

fn select_in<'a>(
    element: &scraper::ElementRef<'a>,
    selector: &str,
) -> Vec<scraper::ElementRef<'a>> {
    element
        .select(&Selector::parse(selector).unwrap())
        .collect()
}

#[test]
fn comparison_tables_are_drawn_as_before() {
    let site = built_example();
    let page = site.read("public/agencies/pingtan/index.html");
    let start = page
        .find(r#"<table class="compare-table" id="key-figures">"#)
        .unwrap();
    let end = start + page[start..].find("</table>").unwrap() + "</table>".len();
    insta::assert_snapshot!("pingtan_key_figures", &page[start..end]);
}

#[test]
fn report_pages_give_last_years_value_beside_each_value() {
    let site = built_example();
    let html = Html::parse_document(&site.read("public/agencies/pingtan/2021/index.html"));
    let cell = |key: &str| text(&value_cell(&html, key));
    assert_eq!(cell("active.licensing.decisions"), "2293上年 278 · +2015");
    assert_eq!(cell("applications.received.total"), "70上年 21 · +49");
    // Across the format change, figures the versions do not share are not compared.
    assert_eq!(cell("active.normative_documents.in_force"), "665");
    // A report without the year before has no comparison.
    let html = Html::parse_document(&site.read("public/agencies/pingtan/2019/index.html"));
    assert!(select(&html, "td small").is_empty());
    assert!(text(&select(&html, ".report-comparison p")[0]).contains("2018"));
}

#[test]
fn the_year_page_has_key_figures_with_subtotals_and_a_total() {
    let site = built_example();
    let html = Html::parse_document(&site.read("public/years/2024/index.html"));
    let table = select(&html, "table.year-table[data-sortable]");
    assert_eq!(table.len(), 1);
    assert_eq!(select(&html, "table.year-table tr.data-row").len(), 3);
    assert_eq!(select(&html, "table.year-table tr.subtotal").len(), 3);
    let total: Vec<String> = select(&html, "table.year-table tfoot td")
        .iter()
        .map(text)
        .collect();
    // 新收申请: 淮安 3119 + 洪泽 95 + 侯马 0.
    assert_eq!(total[0], "3214");
    assert_eq!(total[2], "59.6%1875/3145");
    assert_eq!(
        select(&html, r#"script[src="/static/sort.js"][defer]"#).len(),
        1
    );
    assert!(site.path().join("public/static/sort.js").is_file());
}

#[test]
fn the_coverage_page_marks_each_agency_and_year() {
    let site = built_example();
    let html = Html::parse_document(&site.read("public/coverage/index.html"));
    let years: Vec<String> = select(&html, ".coverage-grid thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(years[1..], ["2019", "2020", "2021", "2022", "2023", "2024"]);
    let cells = |agency: &str| -> Vec<String> {
        select(&html, ".coverage-grid tbody tr")
            .into_iter()
            .find(|tr| text(&select_in(tr, "th")[0]) == agency)
            .map(|tr| {
                select_in(&tr, "td")
                    .iter()
                    .map(|td| td.value().attr("class").unwrap().to_owned())
                    .collect()
            })
            .unwrap()
    };
    assert_eq!(
        cells("平潭综合实验区"),
        [
            "coverage-on_time",
            "coverage-on_time",
            "coverage-on_time",
            "coverage-on_time",
            "coverage-on_time",
            "coverage-missing"
        ]
    );
    assert_eq!(cells("洪泽区人民政府")[4], "coverage-undated");
}

#[test]
fn csv_files_read_back_equal_the_sources() {
    let site = built_example();
    let expected = expected_reports();
    // The agencies' names as the archive knows them (the fixtures hold the names reports print).
    let names: BTreeMap<String, String> = expected
        .keys()
        .map(|(agency, year)| {
            let data: Value = serde_json::from_str(
                &site.read(&format!("public/agencies/{agency}/{year}/data.json")),
            )
            .unwrap();
            (
                agency.clone(),
                data["agency"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();

    // Long form, the whole archive: exactly every value of every report, blank as empty.
    let (header, records) = published_csv(site, "data/archive-long.csv.gz");
    assert_eq!(
        header,
        [
            "agency_id",
            "agency",
            "region",
            "year",
            "format",
            "table",
            "row",
            "column",
            "value",
            "unit",
            "printed",
            "contradicted_rule",
            "parts_sum"
        ]
    );
    let mut seen: BTreeMap<(String, u16), BTreeMap<CellKey, String>> = BTreeMap::new();
    for record in &records {
        let key = (record[0].clone(), record[3].parse().unwrap());
        let report = &expected[&key];
        assert_eq!(record[1], names[&record[0]]);
        assert_eq!(record[4], report["format"].as_str().unwrap());
        // The unit of amounts; the printed text of an amount read from text (采购总金额).
        let unit = match (record[6].as_str(), record[7].as_str()) {
            _ if record[8].is_empty() => "",
            ("fees", "amount") => "万元",
            ("procurement", "amount") => "元",
            _ => "",
        };
        assert_eq!(record[9], unit, "{record:?}");
        let printed = report[&record[5]][&record[6]][&record[7]].as_str();
        assert_eq!(record[10], printed.unwrap_or_default(), "{record:?}");
        seen.entry(key).or_default().insert(
            (record[5].clone(), record[6].clone(), record[7].clone()),
            record[8].clone(),
        );
    }
    assert_eq!(seen.len(), expected.len(), "every report is in the file");
    for (key, report) in &expected {
        let want: BTreeMap<_, String> = expected_cells(report)
            .into_iter()
            .map(|(cell, value)| (cell, as_field(&value)))
            .collect();
        assert_eq!(seen[key], want, "{key:?}");
    }

    // Each year's long file holds that year's lines of the archive's file.
    for year in 2019..=2024u16 {
        let (_, lines) = published_csv(site, &format!("data/{year}-long.csv.gz"));
        let want: Vec<&Vec<String>> = records
            .iter()
            .filter(|record| record[3] == year.to_string())
            .collect();
        assert_eq!(lines.iter().collect::<Vec<_>>(), want, "{year}");

        // Wide: one line per agency, a column per cell; blank and missing rows are empty.
        let (header, rows) = published_csv(site, &format!("data/{year}-wide.csv"));
        assert_eq!(
            header[..5],
            ["agency_id", "agency", "region", "year", "format"]
        );
        let reports: Vec<_> = expected.keys().filter(|(_, y)| *y == year).collect();
        assert_eq!(rows.len(), reports.len(), "{year}");
        for row in rows {
            let report = &expected[&(row[0].clone(), year)];
            let cells = expected_cells(report);
            // The last column names the contradicted totals (tests/it/trust.rs).
            let values = header.len() - 1;
            assert_eq!(header[values], "contradicted");
            for (column, value) in header[..values].iter().zip(&row).skip(5) {
                let mut parts = column.splitn(3, '.');
                let cell = (
                    parts.next().unwrap().to_owned(),
                    parts.next().unwrap().to_owned(),
                    parts.next().unwrap().to_owned(),
                );
                let want = cells.get(&cell).map(as_field).unwrap_or_default();
                assert_eq!(value, &want, "{year} {} {column}", row[0]);
            }
            let filled = header.len() - 5;
            assert!(
                cells.len() <= filled,
                "{year} {}: every value has a column",
                row[0]
            );
        }
    }
}

#[test]
fn report_json_holds_the_source_values_and_rates_and_no_changes() {
    let site = built_example();
    let expected = expected_reports();
    for ((agency, year), report) in &expected {
        let data: Value =
            serde_json::from_str(&site.read(&format!("public/agencies/{agency}/{year}/data.json")))
                .unwrap();
        for table in ["active", "applications", "appeals"] {
            assert_eq!(
                data[table],
                published_table(&report[table]),
                "{agency} {year} {table}"
            );
        }
        assert_eq!(
            data["$schema"],
            "https://example.org/data/report.schema.json"
        );
        // The disclosure rate, recomputed from the hand-checked values.
        let total = |row: &str| report["applications"][row]["total"].as_u64();
        let rate = &data["rates"]["disclosure_rate"];
        match (
            total("disclosed"),
            total("partially_disclosed"),
            total("results_total"),
        ) {
            (Some(disclosed), Some(partially), Some(handled)) if handled > 0 => {
                assert_eq!(rate["numerator"], disclosed + partially);
                assert_eq!(rate["denominator"], handled);
                let value = rate["value"].as_f64().unwrap();
                // A fraction to four decimals.
                assert!((value - (disclosed + partially) as f64 / handled as f64).abs() <= 0.00005);
            }
            _ => assert_eq!(rate["value"], Value::Null, "{agency} {year}"),
        }
        // No changes (issue 16): last year's values are in last year's file.
        assert!(data.get("changes").is_none(), "{agency} {year}");
        if let Some(before) = expected.get(&(agency.clone(), year - 1)) {
            let last: Value = serde_json::from_str(
                &site.read(&format!("public/agencies/{agency}/{}/data.json", year - 1)),
            )
            .unwrap();
            assert_eq!(
                last["applications"]["received"]["total"],
                before["applications"]["received"]["total"],
                "{agency} {year}"
            );
        }
    }
}

#[test]
fn every_data_file_follows_the_published_schema() {
    let site = built_example();
    let schema: Value = serde_json::from_str(&site.read("public/data/report.schema.json")).unwrap();
    for entry in walkdir::WalkDir::new(site.path().join("public/agencies")) {
        let entry = entry.unwrap();
        if entry.file_name() != "data.json" {
            continue;
        }
        let data: Value = serde_json::from_str(&fs::read_to_string(entry.path()).unwrap()).unwrap();
        let problems = validate(&data, &schema, "");
        assert!(
            problems.is_empty(),
            "{}: {problems:#?}",
            entry.path().display()
        );
    }
    // The checker checks: a stray key and a wrong type are caught.
    let mut data: Value =
        serde_json::from_str(&site.read("public/agencies/pingtan/2023/data.json")).unwrap();
    data["applications"]["received"]["total"] = "81".into();
    data["active"]["rules"]["made"] = 1.into();
    data["surprise"] = true.into();
    assert_eq!(validate(&data, &schema, "").len(), 2);
}

/// The part of JSON Schema the archive's schema uses: type, enum, properties,
/// additionalProperties: false, required, items, oneOf.
fn validate(value: &Value, schema: &Value, path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(options) = schema["oneOf"].as_array() {
        let fitting = options
            .iter()
            .filter(|option| validate(value, option, path).is_empty())
            .count();
        if fitting != 1 {
            problems.push(format!("{path}: fits {fitting} of oneOf"));
        }
        return problems;
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        problems.push(format!("{path}: {value} not in {allowed:?}"));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let fits = |kind: &str| match kind {
        "null" => value.is_null(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => false,
    };
    if !types.is_empty() && !types.iter().any(|kind| fits(kind)) {
        problems.push(format!("{path}: {value} is not {types:?}"));
        return problems;
    }
    if let Some(object) = value.as_object() {
        let properties = schema["properties"].as_object();
        for (key, item) in object {
            match properties.and_then(|properties| properties.get(key)) {
                Some(property) => {
                    problems.extend(validate(item, property, &format!("{path}/{key}")))
                }
                None if schema["additionalProperties"] == false => {
                    problems.push(format!("{path}/{key}: not in the schema"));
                }
                None => {}
            }
        }
        for required in schema["required"].as_array().into_iter().flatten() {
            if !object.contains_key(required.as_str().unwrap()) {
                problems.push(format!("{path}: no {required}"));
            }
        }
    }
    if let Some(items) = value.as_array() {
        for (at, item) in items.iter().enumerate() {
            problems.extend(validate(item, &schema["items"], &format!("{path}/{at}")));
        }
    }
    problems
}

#[test]
fn the_downloads_page_lists_every_file_with_its_real_size() {
    let site = built_example();
    let public = site.path().join("public");
    let html = Html::parse_document(&site.read("public/data/index.html"));
    let rows = select(&html, "table.files tbody tr");
    // The schema, the archive's long CSV, the findings, a long and a wide CSV for each of six
    // years; each report's JSON is linked from its page, so this page does not grow with the
    // archive.
    assert_eq!(rows.len(), 3 + 2 * 6);
    assert!(
        html.html()
            .contains("/agencies/shanghai-bgt/2019/data.json"),
        "the page says where a report's data file is"
    );
    for row in rows {
        let href = select_in(&row, "a")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_owned();
        let size: u64 = select_in(&row, "data")[0]
            .value()
            .attr("value")
            .unwrap()
            .parse()
            .unwrap();
        let file = public.join(href.trim_start_matches('/'));
        assert_eq!(fs::metadata(&file).unwrap().len(), size, "{href}");
    }
    // The rates are defined there, once, with their inputs.
    let definition = text(&select(&html, "#rate-disclosure_rate + dd")[0]);
    assert!(
        definition.contains("applications.partially_disclosed.total"),
        "{definition}"
    );
}
