//! Derived numbers that never mislead, on the example archive: a printed total its own rows
//! contradict (洪泽 2023's 行政复议 总计 0, rows 10 + 1; 平潭 2020's 办理结果 总计 21, rows 27)
//! is shown as printed and marked with its parts' sum on every view; what the checks could not
//! check is said; amounts carry their unit and exact decimals.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::support::{TestSite, built_example, published_csv, value_cell};

fn page(site: &TestSite, path: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{path}")))
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

fn data(site: &TestSite, agency: &str, year: u16) -> Value {
    serde_json::from_str(&site.read(&format!("public/agencies/{agency}/{year}/data.json"))).unwrap()
}

/// The text of the cell of an agency page's comparison table `table` in the line of `key` and
/// the column of `year`.
fn agency_cell(html: &Html, table: &str, key_label: &str, year: u16) -> String {
    let heads: Vec<String> = select(html, &format!("#{table} thead th"))
        .iter()
        .map(text)
        .collect();
    let column = heads
        .iter()
        .position(|head| head.starts_with(&year.to_string()))
        .unwrap_or_else(|| panic!("{table} has no column {year}: {heads:?}"));
    let row = select(html, &format!("#{table} tbody tr"))
        .into_iter()
        .find(|row| {
            select_in(row, "th[scope=row]")
                .first()
                .is_some_and(|head| text(head) == key_label)
        })
        .unwrap_or_else(|| panic!("{table} has no line {key_label}"));
    // The figure's heads (a group head, the row head) take the first columns.
    let cells = select_in(&row, "td");
    let heads_in_row = heads.len() - cells.len();
    text(&cells[column - heads_in_row])
}

fn select_in<'a>(element: &ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(selector).unwrap())
        .collect()
}

/// The year table's cell of an agency in the column headed `column`.
fn year_cell(html: &Html, agency: &str, column: &str) -> String {
    let heads: Vec<String> = select(html, ".year-table thead th")
        .iter()
        .map(text)
        .collect();
    let at = heads.iter().position(|head| head == column).unwrap();
    let row = select(html, ".year-table tr.data-row")
        .into_iter()
        .find(|row| text(&select_in(row, "th")[0]) == agency)
        .unwrap();
    text(&select_in(&row, "td")[at - 1])
}

#[test]
fn hongze_2023_reviews_read_as_printed_and_marked_with_their_parts_sum_in_every_view() {
    let site = built_example();

    // The agency page's key figures and its chart; its CSV names the rule and the parts' sum.
    let agency = page(site, "agencies/hongze/index.html");
    let review = agency_cell(&agency, "key-figures", "行政复议", 2023);
    assert!(
        review.starts_with("0（分项合计 11）") && review.contains("与分项不符"),
        "{review}"
    );
    let values = crate::size_downloads::agency_csv(site, "hongze");
    let line = &values["appeals.review.total"];
    assert_eq!(
        (line["2023"].as_str(), line["contradicted"].as_str()),
        ("0", "2023:R4=11")
    );
    let change = agency_cell(&agency, "key-figures", "行政复议", 2024);
    assert!(
        change.contains("+2 †据与分项不符的总计"),
        "the change from the contradicted 0 is marked: {change}"
    );
    let chart = select(&agency, "#chart-appeals")[0];
    let description = text(&select_in(&chart, "desc")[0]);
    assert!(
        description.contains("2023年 0（分项合计 11，与分项不符）"),
        "{description}"
    );
    let notes: Vec<String> = select_in(&chart, ".chart-note").iter().map(text).collect();
    assert!(
        notes
            .iter()
            .any(|note| note.contains("行政复议") && note.contains("11")),
        "{notes:?}"
    );

    // The year table: the printed value, the parts' sum, and the subtotal saying it includes it.
    let year = page(site, "years/2023/index.html");
    let cell = year_cell(&year, "洪泽区人民政府", "行政复议");
    assert_eq!(cell, "0（分项合计 11）与分项不符");
    let subtotals: Vec<String> = select(&year, ".year-table tr.subtotal")
        .iter()
        .map(text)
        .collect();
    assert!(
        subtotals
            .iter()
            .any(|line| line.contains("0含 1 个与分项不符的总计（按所印数值计入）")),
        "{subtotals:?}"
    );

    // The 2024 report page: last year's value with its parts' sum, the change marked.
    let report = page(site, "agencies/hongze/2024/index.html");
    let previous = select_in(&value_cell(&report, "appeals.review.total"), "small");
    assert_eq!(
        text(&previous[0]),
        "上年 0（分项合计 11） · +2 †据与分项不符的总计"
    );

    // The JSON: the value as printed, the contradiction beside it; the change marked.
    let json = data(site, "hongze", 2023);
    assert_eq!(json["appeals"]["review"]["total"], 0);
    assert_eq!(
        json["contradicted"]["appeals.review.total"],
        serde_json::json!({"rule": "R4", "printed": 0, "parts": 11})
    );
    // The change is on the page (above); the JSON leaves it to the year before's file.
    let next = data(site, "hongze", 2024);
    assert!(next.get("changes").is_none());

    // The long CSV: the value as printed, the rule and the parts' sum in their columns.
    let (header, records) = published_csv(site, "data/2023-long.csv.gz");
    let column = |name: &str| header.iter().position(|head| head == name).unwrap();
    let line = records
        .iter()
        .find(|record| {
            record[0] == "hongze"
                && record[column("row")] == "review"
                && record[column("column")] == "total"
        })
        .unwrap();
    assert_eq!(line[column("value")], "0");
    assert_eq!(line[column("contradicted_rule")], "R4");
    assert_eq!(line[column("parts_sum")], "11");
    let upheld = records
        .iter()
        .find(|record| {
            record[0] == "hongze"
                && record[column("row")] == "review"
                && record[column("column")] == "upheld"
        })
        .unwrap();
    assert_eq!(upheld[column("contradicted_rule")], "");
    assert_eq!(upheld[column("parts_sum")], "");

    // The wide CSV: the value as printed, the contradicted total named in the last column.
    let (header, records) = published_csv(site, "data/2023-wide.csv");
    let column = |name: &str| header.iter().position(|head| head == name).unwrap();
    let contradicted = |agency: &str| {
        let record = records.iter().find(|record| record[0] == agency).unwrap();
        (
            record[column("appeals.review.total")].clone(),
            record[column("contradicted")].clone(),
        )
    };
    assert_eq!(header.last().unwrap(), "contradicted");
    assert_eq!(
        contradicted("hongze"),
        (
            "0".to_owned(),
            "appeals.review.total=11 appeals.lawsuit_after_review.total=5".to_owned()
        )
    );
    assert_eq!(contradicted("pingtan").1, "");
}

#[test]
fn pingtan_2020_results_total_is_marked_with_the_rates_that_use_it() {
    let site = built_example();
    let agency = page(site, "agencies/pingtan/index.html");
    let total = agency_cell(&agency, "key-figures", "办理结果总计", 2020);
    assert!(total.starts_with("21（分项合计 27）"), "{total}");
    let rate = agency_cell(&agency, "key-figures", "公开率", 2020);
    assert!(rate.contains("13/21 所用总计与分项不符"), "{rate}");
    let values = crate::size_downloads::agency_csv(site, "pingtan");
    let line = &values["applications.results_total.total"];
    assert_eq!(
        (line["2020"].as_str(), line["contradicted"].as_str()),
        ("21", "2020:R3=27")
    );
    assert_eq!(
        values["disclosure_rate"]["contradicted"],
        "2020:applications.results_total.total"
    );
    let charts = page(site, "agencies/pingtan/index.html");
    let chart = select(&charts, "#chart-disclosure")[0];
    let description = text(&select_in(&chart, "desc")[0]);
    assert!(
        description.contains("2020年 61.9%（所用总计与分项不符）"),
        "{description}"
    );
    assert!(chart.html().contains(">61.9%†</text>"));

    let year = page(site, "years/2020/index.html");
    assert_eq!(
        year_cell(&year, "平潭综合实验区", "办理结果总计"),
        "21（分项合计 27）与分项不符"
    );
    assert!(year_cell(&year, "平潭综合实验区", "公开率").contains("所用总计与分项不符"));

    let json = data(site, "pingtan", 2020);
    assert_eq!(json["applications"]["results_total"]["total"], 21);
    assert_eq!(
        json["contradicted"]["applications.results_total.total"]["parts"],
        27
    );
    assert_eq!(
        json["rates"]["disclosure_rate"]["contradicted"],
        serde_json::json!(["applications.results_total.total"])
    );
}

#[test]
fn shanghai_2019_says_how_many_checks_ran_and_which_blank_cells_stopped_the_others() {
    let site = built_example();
    let report = page(site, "agencies/shanghai-bgt/2019/index.html");
    let summary = text(&select(&report, ".checks-summary")[0]);
    assert!(
        !summary.contains("未发现问题"),
        "38 of its 40 sums could not run: {summary}"
    );
    assert!(
        summary.contains("只进行了 5 项")
            && summary.contains("勾稽核验（R1–R4）40 项中 38 项无法核验"),
        "{summary}"
    );
    // The blank cells, grouped by row, each named by its column and linked to its place.
    let groups = select(&report, ".checks .blank-cells dt");
    let rows: Vec<String> = groups.iter().map(text).collect();
    assert!(
        rows.contains(&"二、上年结转政府信息公开申请数量".to_owned()),
        "{rows:?}"
    );
    let carried_over = rows
        .iter()
        .position(|row| row == "二、上年结转政府信息公开申请数量")
        .unwrap();
    let cells = select(&report, ".checks .blank-cells dd")[carried_over];
    let links: Vec<(String, String)> = select_in(&cells, "a")
        .iter()
        .map(|link| (text(link), link.value().attr("href").unwrap().to_owned()))
        .collect();
    assert!(links.contains(&(
        "商业企业".to_owned(),
        "#cell-applications.carried_over.business".to_owned()
    )));

    // Where every check ran, and none found anything, the box says so with the count.
    let clean = page(site, "agencies/pingtan/2022/index.html");
    assert_eq!(
        text(&select(&clean, ".checks-summary")[0]),
        "未发现问题：55 项核验全部通过。"
    );

    // data.json: passed, failed and not checkable per rule.
    let json = data(site, "shanghai-bgt", 2019);
    assert_eq!(
        json["checks"]["R2"],
        serde_json::json!({"passed": 0, "failed": 0, "not_checkable": 23})
    );
    assert_eq!(
        json["checks"]["R1"],
        serde_json::json!({"passed": 2, "failed": 0, "not_checkable": 5})
    );
    let hongze = data(site, "hongze", 2023);
    assert_eq!(hongze["checks"]["R4"]["failed"], 2);

    // 数据质量: each rule's passed, failed and not checkable checks; the grid's 0 for 上海 2019
    // says it rests on 5 of 43 checks.
    let quality = page(site, "quality/index.html");
    let r2 = select(
        &quality,
        "#by-rule ~ table tbody tr, section[aria-labelledby=by-rule] tbody tr",
    )
    .into_iter()
    .find(|row| text(&select_in(row, "th")[0]).starts_with("R2"))
    .unwrap();
    let counts: Vec<String> = select_in(&r2, "td").iter().map(text).collect();
    assert_eq!(counts[counts.len() - 3..], ["216", "0", "24"], "{counts:?}");
    let notes: Vec<String> = select(&quality, ".grid .unchecked")
        .iter()
        .map(text)
        .collect();
    assert_eq!(notes, ["多数无法核验：仅核验 5/43 项"]);
}

#[test]
fn amounts_are_numbers_with_their_unit_and_the_printed_text_beside_them() {
    let site = built_example();
    let json = data(site, "pingtan", 2020);
    // 采购总金额 in 元, read from "73802895.90元", the text kept.
    assert_eq!(
        json["active"]["procurement"]["amount"],
        serde_json::json!(73802895.9)
    );
    assert_eq!(
        json["printed"]["active.procurement.amount"],
        "73802895.90元"
    );
    assert_eq!(json["units"]["active.procurement.amount"], "元");
    // The change from 2019's 75394432.52元, exactly, on the page (the JSON has no changes).
    let previous = |year: u16, key: &str| {
        let report = page(site, &format!("agencies/pingtan/{year}/index.html"));
        text(&select_in(&value_cell(&report, key), "small")[0])
    };
    assert!(previous(2020, "active.procurement.amount").ends_with("−1591536.62"));
    let fees = data(site, "pingtan", 2023);
    assert_eq!(fees["units"]["active.fees.amount"], "万元");
    // 5949.088667 − 9116.36: a float subtraction gives -3167.2713330000006.
    assert_eq!(
        previous(2023, "active.fees.amount"),
        "上年 9116.36 · −3167.271333"
    );

    // The long CSV: the value as printed, its unit, the printed text of a text amount.
    let (header, records) = published_csv(site, "data/archive-long.csv.gz");
    let column = |name: &str| header.iter().position(|head| head == name).unwrap();
    let line = |agency: &str, year: &str, row: &str, cell: &str| {
        records
            .iter()
            .find(|record| {
                record[0] == agency
                    && record[column("year")] == year
                    && record[column("row")] == row
                    && record[column("column")] == cell
            })
            .unwrap()
            .clone()
    };
    let procurement = line("pingtan", "2020", "procurement", "amount");
    assert_eq!(procurement[column("value")], "73802895.90");
    assert_eq!(procurement[column("unit")], "元");
    assert_eq!(procurement[column("printed")], "73802895.90元");
    let fee = line("pingtan", "2021", "fees", "amount");
    assert_eq!(fee[column("value")], "24252.311082");
    assert_eq!(fee[column("unit")], "万元");
    assert_eq!(
        line("pingtan", "2021", "licensing", "decisions")[column("unit")],
        ""
    );

    // The agency's CSV names the unit and the version beside the figure.
    let values = crate::size_downloads::agency_csv(site, "pingtan");
    let fees = &values["active.fees.amount"];
    assert_eq!(
        (
            fees["unit"].as_str(),
            fees["formats"].as_str(),
            fees["2023"].as_str()
        ),
        ("万元", "gb2021", "5949.088667")
    );
    let procurement = &values["active.procurement.amount"];
    assert_eq!(
        (procurement["unit"].as_str(), procurement["2020"].as_str()),
        ("元", "73802895.90")
    );
}

#[test]
fn every_number_in_every_data_file_of_the_example_archive_is_exact() {
    let site = built_example();
    let printed = crate::numbers::printed_decimals(&site.path().join("content"));
    assert_eq!(
        printed, 6,
        "24252.311082 万元 is the most precise value printed"
    );
    let (inexact, read) = crate::numbers::inexact_numbers(&site.path().join("public"), printed);
    assert!(read > 5000, "only {read} numbers read");
    assert!(inexact.is_empty(), "{}", inexact.join("\n"));

    // Each value no more precise than its source, each change than its two values.
    let places = |value: &Value| {
        let text = value.to_string();
        text.split_once('.')
            .map_or(0, |(_, fraction)| fraction.len())
    };
    let json = data(site, "pingtan", 2022);
    let before = data(site, "pingtan", 2021);
    // The change is on the report page ("上年 9116.36 · −3167.271333"): the JSON has none.
    let report = page(site, "agencies/pingtan/2022/index.html");
    let previous = text(&select_in(&value_cell(&report, "active.fees.amount"), "small")[0]);
    let change = previous
        .rsplit(" · ")
        .next()
        .unwrap()
        .trim_start_matches(['−', '+']);
    let change_places = change
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    assert_eq!(places(&json["active"]["fees"]["amount"]), 2);
    assert_eq!(change_places, 6, "{previous}");
    assert!(
        change_places
            <= places(&json["active"]["fees"]["amount"])
                .max(places(&before["active"]["fees"]["amount"]))
    );
}
