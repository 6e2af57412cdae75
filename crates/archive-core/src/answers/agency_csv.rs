//! An agency's values over the years as one CSV file (`agencies/<id>/<id>.csv`): one line per
//! cell key (with its Chinese label, unit and the template versions that define it) and per
//! derived rate, one column per year from the agency's first report to its last. It replaced the
//! agency's full table page (issue 16: 26 KB a report of HTML); what that page showed is here as
//! data — the values, the version each year declares (where the 2020→2021 change breaks a
//! comparison), the rates, and each printed total its own rows contradict — and every change is
//! this year's value less the year before's.

use super::catalog::cell_label;
use super::rankings_csv::percent_text;
use crate::check::Checks;
use crate::compare::rates::RateOutcome;
use crate::compare::{AgencySeries, Comparison, Point, RateSeries, Series};
use crate::export::{csv_writer, field};
use crate::format::{FormatId, Language, catalog};
use crate::index::Index;
use crate::model::Archive;

/// The columns before the years: the key (a cell's full key, a rate's key, or `format`), its
/// Chinese label, its unit (`万元`, `元`, `%`; empty for counts) and the one version that
/// defines it, where only one does (empty for a key of both: `formats_field`).
pub const AGENCY_COLUMNS: [&str; 4] = ["key", "label", "unit", "formats"];

/// The last column: the years in which the line's value is a printed total its own rows
/// contradict (`2023:R4=11`: the year, the rule, what the rows add up to), or in which a rate
/// uses one as printed (`2020:applications.results_total.total`), separated by spaces.
pub const AGENCY_CONTRADICTED: &str = "contradicted";

/// The key of the first line, which gives the template version each year's report declares.
pub const FORMAT_KEY: &str = "format";

/// The file's path below the site's root (`agencies/pingtan/pingtan.csv`): beside the agency's
/// page, named so that a download keeps the agency's id.
pub fn agency_csv_path(agency_id: &str) -> String {
    format!("agencies/{agency_id}/{agency_id}.csv")
}

/// Writes the CSV of the agency at `agency` (a position in `archive.agencies`): UTF-8 with a
/// byte-order mark and CRLF like the other CSV files, a blank cell or a year without the cell an
/// empty field, numbers as printed (exact decimals).
pub fn write_agency_csv(
    archive: &Archive,
    index: &Index,
    checks: &Checks,
    agency: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let series = Comparison::new(archive, index).agency(agency);
    let mut writer = csv_writer(out)?;
    let years = series.years.iter().map(|column| column.year.to_string());
    let header: Vec<String> = AGENCY_COLUMNS
        .iter()
        .map(|&column| column.to_owned())
        .chain(years)
        .chain([AGENCY_CONTRADICTED.to_owned()])
        .collect();
    writer.write_record(&header)?;
    writer.write_record(format_line(&series))?;
    for figure in &series.figures {
        writer.write_record(figure_line(&series, figure, checks))?;
    }
    for rate in &series.rates {
        writer.write_record(rate_line(&series, rate, checks))?;
    }
    writer.flush()
}

/// The first line: the version each year's report declares, empty for a year without one.
fn format_line(series: &AgencySeries) -> Vec<String> {
    let mut line = vec![FORMAT_KEY.to_owned(), "模板版本".to_owned()];
    line.extend([String::new(), String::new()]);
    line.extend(
        series
            .years
            .iter()
            .map(|column| column.format.map_or("", FormatId::key).to_owned()),
    );
    line.push(String::new());
    line
}

/// The `formats` field: the version that defines a key only it has (`gb2021`), which is not
/// comparable across the 2020→2021 change; empty for a key of both versions, three lines in four,
/// whose `gb2019 gb2021` was 2.6 KB an agency (issue 16; `data/dictionary.csv` lists every key's
/// versions).
fn formats_field(formats: &[FormatId]) -> String {
    if FormatId::ALL.iter().all(|format| formats.contains(format)) {
        String::new()
    } else {
        let keys: Vec<&str> = formats.iter().map(|format| format.key()).collect();
        keys.join(" ")
    }
}

/// A cell's line: its value in each year (as the long CSV writes it), and its contradictions.
fn figure_line(series: &AgencySeries, figure: &Series, checks: &Checks) -> Vec<String> {
    let cell = catalog().cell(figure.cell);
    let mut line = vec![
        cell.path().to_owned(),
        cell_label(cell, Language::Zh),
        cell.kind.unit().map_or("", |unit| unit.zh).to_owned(),
        formats_field(&cell.formats),
    ];
    line.extend(figure.entries.iter().map(|entry| match &entry.point {
        Point::Value(value) => field(value).unwrap_or_default(),
        Point::NoReport | Point::NotInFormat | Point::Blank => String::new(),
    }));
    let contradicted: Vec<String> = series
        .years
        .iter()
        .filter_map(|column| {
            let total = checks.contradicted_total(column.report?, figure.cell)?;
            Some(format!(
                "{}:{}={}",
                column.year,
                total.rule.id(),
                total.parts
            ))
        })
        .collect();
    line.push(contradicted.join(" "));
    line
}

/// A rate's line: its percentage in each year (two decimals, as the rankings CSV gives it),
/// empty where an input is blank or the denominator is 0; and the contradicted totals it used.
fn rate_line(series: &AgencySeries, rate: &RateSeries, checks: &Checks) -> Vec<String> {
    let mut line = vec![
        rate.rate.key.to_owned(),
        rate.rate.name.zh.to_owned(),
        "%".to_owned(),
        formats_field(&FormatId::ALL),
    ];
    line.extend(rate.entries.iter().map(|entry| match entry.outcome {
        Some(RateOutcome::Value {
            numerator,
            denominator,
        }) => percent_text(numerator, denominator),
        _ => String::new(),
    }));
    let catalog = catalog();
    let contradicted: Vec<String> = series
        .years
        .iter()
        .filter_map(|column| column.report.map(|report| (column.year, report)))
        .flat_map(|(year, report)| {
            rate.rate
                .inputs()
                .into_iter()
                .filter(move |&cell| checks.contradicted_total(report, cell).is_some())
                .map(move |cell| format!("{year}:{}", catalog.cell(cell).path()))
        })
        .collect();
    line.push(contradicted.join(" "));
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Deadlines;
    use crate::model::{AgencyKind, Cell};
    use crate::testing::{TestArchive, TestReport};

    /// The lines of the CSV of agency 0, each as its fields (after the byte-order mark).
    fn lines(archive: &Archive) -> Vec<Vec<String>> {
        let index = Index::build(archive);
        let checks = Checks::run(archive, &Deadlines::default());
        let mut bytes = Vec::new();
        write_agency_csv(archive, &index, &checks, 0, &mut bytes).unwrap();
        assert!(bytes.starts_with(crate::export::BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.ends_with("\r\n"), "CRLF like the other CSV files");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|record| record.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    /// A year without a report is an empty column (its version too), never 0; a blank cell is
    /// empty; a printed total its rows contradict is kept, with the rule and its rows' sum.
    #[test]
    fn a_gap_year_and_a_blank_are_empty_and_a_contradicted_total_is_marked() {
        let archive = TestArchive::new()
            .agency("a", AgencyKind::Department, "")
            .report(TestReport::new("a", 2021, FormatId::Gb2021).cells(&[
                ("appeals.review.upheld", Cell::Count(10)),
                ("appeals.review.corrected", Cell::Count(1)),
                ("appeals.review.total", Cell::Count(0)),
            ]))
            .report(TestReport::new("a", 2023, FormatId::Gb2021).cells(&[
                ("appeals.review.upheld", Cell::Blank),
                ("appeals.review.total", Cell::Count(4)),
            ]))
            .build();
        let lines = lines(&archive);
        assert_eq!(
            lines[0],
            [
                "key",
                "label",
                "unit",
                "formats",
                "2021",
                "2022",
                "2023",
                "contradicted"
            ]
        );
        assert_eq!(lines[1][4..7], ["gb2021", "", "gb2021"]);
        let line = |key: &str| lines.iter().find(|line| line[0] == key).unwrap().clone();
        let total = line("appeals.review.total");
        assert_eq!(total[1], "行政复议 · 总计");
        assert_eq!(total[4..], ["0", "", "4", "2021:R4=11"]);
        assert_eq!(line("appeals.review.upheld")[4..7], ["10", "", ""]);
        let rate = line("review_correction_rate");
        // A key of both versions leaves `formats` empty; one of a single version names it.
        assert_eq!((rate[2].as_str(), rate[3].as_str()), ("%", ""));
        assert_eq!(line("applications.other_fee_unpaid.total")[3], "gb2021");
    }
}
