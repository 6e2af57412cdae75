//! The dataset catalog (`data/catalog.json`, DCAT in JSON-LD: every archive-wide file and every
//! report's JSON, with publisher, licence, contact and date) and the data dictionary
//! (`data/dictionary.csv`: every key of the data files with its labels, unit and template
//! versions), both generated from the format data and the model.

use serde_json::{Map, Value, json};

use crate::compare::rates::RATES;
use crate::compare::{Measure, RANKED_MEASURES};
use crate::config::SiteConfig;
use crate::export::{WIDE_CONTRADICTED, csv_writer};
use crate::format::{CellDef, FormatId, Label, Language, ValueKind, catalog, without_note};
use crate::model::{Archive, Report};

/// The catalog's path below the site's root.
pub const CATALOG_PATH: &str = "data/catalog.json";

/// The dictionary's path below the site's root.
pub const DICTIONARY_PATH: &str = "data/dictionary.csv";

/// The dictionary's columns.
pub const DICTIONARY_COLUMNS: [&str; 8] = [
    "key",
    "kind",
    "label_zh",
    "label_en",
    "unit_zh",
    "unit_en",
    "formats",
    "definition",
];

/// An archive-wide file as the catalog lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogFile {
    /// Its path below the site's root (`data/2023-wide.csv`).
    pub path: String,
    /// What it holds, in the site's language.
    pub title: String,
    /// Its media type (`text/csv`).
    pub media_type: &'static str,
    /// Its size in bytes, when known.
    pub bytes: Option<u64>,
}

/// The media type of a data file, by its name's ending: a gzipped CSV file's is the CSV's (DCAT
/// names the compression apart, [`compress_format`]).
pub fn media_type(path: &str) -> &'static str {
    if path.ends_with(".csv") || path.ends_with(".csv.gz") {
        "text/csv"
    } else if path.ends_with(".jsonld") || path == CATALOG_PATH {
        "application/ld+json"
    } else {
        "application/json"
    }
}

/// The compression of a data file, by its name's ending (`dcat:compressFormat`): gzip for
/// `.gz`, none otherwise.
pub fn compress_format(path: &str) -> Option<&'static str> {
    path.ends_with(".gz").then_some("application/gzip")
}

/// Writes the catalog, streamed (at 100,000 reports it runs to about 60 MB): the archive as a
/// `dcat:Catalog` whose datasets are `files` (the archive-wide files, each its own dataset) and
/// each report's data file (`report_url(report)`, below the site's root). `modified` is the date
/// (`YYYY-MM-DD`) the newest report entered the archive.
pub fn write_catalog(
    out: &mut dyn std::io::Write,
    config: &SiteConfig,
    archive: &Archive,
    files: &[CatalogFile],
    report_url: impl Fn(&Report) -> String,
    modified: &str,
) -> std::io::Result<()> {
    let base_url = config.base_url_with_slash();
    let head = serde_json::to_string(&catalog_head(config, modified))?;
    // The head is an object: its datasets go in before its closing brace, one at a time.
    out.write_all(&head.as_bytes()[..head.len() - 1])?;
    out.write_all(b",\"dcat:dataset\":[")?;
    let datasets = files
        .iter()
        .map(|file| file_dataset(&base_url, file))
        .chain(
            archive
                .reports
                .iter()
                .map(|report| report_dataset(archive, report, &base_url, &report_url(report))),
        );
    for (at, dataset) in datasets.enumerate() {
        if at > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &dataset)?;
    }
    out.write_all(b"]}\n")
}

/// The catalog without its datasets.
fn catalog_head(config: &SiteConfig, modified: &str) -> Value {
    let base_url = config.base_url_with_slash();
    let publisher = config.dataset.publisher(&config.title);
    let mut catalog = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base_url}{CATALOG_PATH}"),
        "@type": "dcat:Catalog",
        "dct:title": config.title,
        "dct:description": config.description,
        "dct:language": config.language.html_lang(),
        "dct:publisher": { "@type": "foaf:Agent", "foaf:name": publisher },
        "dct:license": { "@id": config.dataset.license() },
        "dct:modified": date(modified),
        "dct:conformsTo": { "@id": format!("{base_url}{}", crate::export::SCHEMA_PATH) },
        "foaf:homepage": { "@id": base_url },
    });
    if let Some(contact) = config.dataset.contact_url() {
        let key = if contact.starts_with("mailto:") {
            "vcard:hasEmail"
        } else {
            "vcard:hasURL"
        };
        catalog["dcat:contactPoint"] =
            json!({ "@type": "vcard:Kind", "vcard:fn": publisher, key: { "@id": contact } });
    }
    catalog
}

/// A day as an `xsd:date` literal.
fn date(day: &str) -> Value {
    json!({ "@value": day, "@type": "xsd:date" })
}

/// An archive-wide file as a dataset of its own.
fn file_dataset(base_url: &str, file: &CatalogFile) -> Value {
    let url = format!("{base_url}{}", file.path);
    let mut distribution = Map::new();
    distribution.insert("@type".into(), json!("dcat:Distribution"));
    distribution.insert("dcat:downloadURL".into(), json!({ "@id": url }));
    distribution.insert("dcat:mediaType".into(), json!(file.media_type));
    if let Some(compression) = compress_format(&file.path) {
        distribution.insert("dcat:compressFormat".into(), json!(compression));
    }
    if let Some(bytes) = file.bytes {
        distribution.insert("dcat:byteSize".into(), json!(bytes));
    }
    json!({
        "@id": format!("{url}#dataset"),
        "@type": "dcat:Dataset",
        "dct:identifier": file.path,
        "dct:title": file.title,
        "dcat:distribution": [Value::Object(distribution)],
    })
}

/// A report's JSON (at `path` below the site's root) as a dataset: its title, period and date.
fn report_dataset(archive: &Archive, report: &Report, base_url: &str, path: &str) -> Value {
    let url = format!("{base_url}{path}");
    let agency = archive
        .agency(&report.agency)
        .map_or(report.agency.as_str(), |agency| agency.name.as_str());
    let mut dataset = json!({
        "@id": format!("{url}#dataset"),
        "@type": "dcat:Dataset",
        "dct:identifier": path,
        "dct:title": format!("{agency} {}", report.title),
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": date(&format!("{}-01-01", report.year)),
            "dcat:endDate": date(&format!("{}-12-31", report.year)),
        },
        "dcat:distribution": [{
            "@type": "dcat:Distribution",
            "dcat:downloadURL": { "@id": url },
            "dcat:mediaType": "application/json",
        }],
    });
    if let Some(published) = report.published {
        dataset["dct:issued"] = date(&published.to_string());
    }
    dataset
}

/// A cell's row and column labels in one language (`一、本年新收政府信息公开申请数量 · 总计`),
/// from the first version that has the row.
pub fn cell_label(cell: &CellDef, language: Language) -> String {
    let language = |label: &Label| label.get(language);
    // The row as a version that has this column defines it: gb2019's 规章 has no 本年制发件数.
    let (row, column) = FormatId::ALL
        .into_iter()
        .filter_map(|format| format.template().row(cell.table, cell.row))
        .find_map(|row| {
            let column = row
                .columns
                .iter()
                .find(|column| column.key == cell.column)?;
            Some((row, without_note(language(&column.label))))
        })
        .expect("a cell of the catalog is in a version");
    let mut parts: Vec<&str> = row.groups.iter().map(language).collect();
    parts.push(language(&row.label));
    format!("{} · {column}", parts.join(" › "))
}

/// Writes the dictionary: every cell key of the catalog, then every rate and ranked sum.
pub fn write_dictionary(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut writer = csv_writer(out)?;
    writer.write_record(DICTIONARY_COLUMNS)?;
    for cell in catalog().cells() {
        let unit = cell.kind.dictionary_unit();
        let formats: Vec<&str> = cell.formats.iter().map(|format| format.key()).collect();
        writer.write_record([
            cell.path(),
            "cell",
            &cell_label(cell, Language::Zh),
            &cell_label(cell, Language::En),
            unit.zh,
            unit.en,
            &formats.join(" "),
            "",
        ])?;
    }
    let both = FormatId::ALL.map(FormatId::key).join(" ");
    for rate in &RATES {
        let definition = format!(
            "({}) / ({})",
            rate.numerator.join(" + "),
            rate.denominator.join(" + ")
        );
        writer.write_record([
            rate.key,
            "rate",
            rate.name.zh,
            rate.name.en,
            "%",
            "%",
            &both,
            &definition,
        ])?;
    }
    // The ranked sums (the ranked rates are the rates above, under the same keys).
    for figure in RANKED_MEASURES {
        let Measure::Sum(keys) = figure.measure else {
            continue;
        };
        let unit = ValueKind::Count.dictionary_unit();
        writer.write_record([
            figure.key,
            "measure",
            figure.name.zh,
            figure.name.en,
            unit.zh,
            unit.en,
            &both,
            &keys.join(" + "),
        ])?;
    }
    // The wide CSV's last column.
    writer.write_record([
        WIDE_CONTRADICTED,
        "column",
        "与分项不符的总计",
        "totals contradicted by their rows",
        "",
        "",
        &both,
        "each printed total of the report that its own rows contradict, as key=parts_sum, separated by spaces",
    ])?;
    writer.flush()
}
