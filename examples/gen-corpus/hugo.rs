//! The same reports as a Hugo site, for `benches/run.sh` to build beside the archive: one Markdown
//! page a report under `content/agencies/<agency>/<year>.md` with every figure in its front matter,
//! one section page an agency, a `years` and a `regions` taxonomy, and the table labels of both
//! template versions in `data/formats.json`. The layouts are in `benches/hugo/`.

use std::collections::HashMap;
use std::path::Path;

use archive_core::format::{FormatId, TableKey, catalog};
use archive_core::model::{Agency, Report};
use serde_json::{Map, Value, json};

use crate::write;

/// The site's configuration and the template labels.
pub(crate) fn write_site(folder: &Path) -> Result<(), String> {
    write(&folder.join("hugo.toml"), HUGO_TOML)?;
    write(
        &folder.join("content/_index.md"),
        "---\ntitle: 政府信息公开工作年度报告库（合成数据）\n---\n",
    )?;
    write(
        &folder.join("content/agencies/_index.md"),
        "---\ntitle: 机构\n---\n",
    )?;
    let formats: Map<String, Value> = FormatId::ALL
        .into_iter()
        .map(|format| (format.key().to_owned(), format_labels(format)))
        .collect();
    write(
        &folder.join("data/formats.json"),
        &serde_json::to_string(&formats).expect("JSON serializes"),
    )
}

/// One template version's tables, rows and columns, with their labels, in order.
fn format_labels(format: FormatId) -> Value {
    let template = format.template();
    let tables: Vec<Value> = template
        .tables
        .iter()
        .map(|table| {
            let rows: Vec<Value> = table
                .rows()
                .map(|row| {
                    let label = row
                        .groups
                        .iter()
                        .map(|group| group.zh)
                        .chain([row.label.zh])
                        .collect::<Vec<_>>()
                        .join(" › ");
                    let columns: Vec<Value> = row
                        .columns
                        .iter()
                        .map(|column| json!({"key": column.key, "label": column.label.zh}))
                        .collect();
                    json!({"key": row.key, "label": label, "columns": columns})
                })
                .collect();
            json!({"key": table.key.key(), "heading": table.heading.zh, "rows": rows})
        })
        .collect();
    json!({"name": template.name.zh, "document": template.document, "tables": tables})
}

/// An agency's section page and its reports.
pub(crate) fn write_agency(
    folder: &Path,
    agency: &Agency,
    reports: &[&Report],
    region_names: &HashMap<String, String>,
) -> Result<(), String> {
    let section = folder.join("content/agencies").join(&agency.id);
    let region_name = region_names
        .get(&agency.region)
        .cloned()
        .unwrap_or_default();
    let mut page = String::from("---\n");
    field(&mut page, "title", &json!(agency.name));
    field(&mut page, "agency_kind", &json!(agency.kind.key()));
    field(&mut page, "kind_label", &json!(agency.kind.label().zh));
    field(&mut page, "region", &json!(agency.region));
    field(&mut page, "region_name", &json!(region_name));
    field(
        &mut page,
        "regions",
        &json!([agency.region.replace('/', "-")]),
    );
    field(&mut page, "aliases_zh", &json!(agency.aliases));
    field(&mut page, "website", &json!(agency.website));
    page.push_str("---\n");
    write(&section.join("_index.md"), &page)?;
    for report in reports {
        write(
            &section.join(format!("{}.md", report.year)),
            &report_page(agency, report, &region_name),
        )?;
    }
    Ok(())
}

fn report_page(agency: &Agency, report: &Report, region_name: &str) -> String {
    let mut page = String::with_capacity(report.body.len() + 4096);
    page.push_str("---\n");
    field(&mut page, "title", &json!(report.title));
    let date = report
        .published
        .map_or_else(|| format!("{}-12-31", report.year), |date| date.to_string());
    page.push_str(&format!("date: {date}\n"));
    field(&mut page, "year", &json!(report.year));
    field(&mut page, "years", &json!([report.year.to_string()]));
    field(&mut page, "agency", &json!(agency.id));
    field(&mut page, "agency_name", &json!(agency.name));
    field(&mut page, "region", &json!(agency.region));
    field(&mut page, "region_name", &json!(region_name));
    field(&mut page, "format", &json!(report.format.key()));
    field(
        &mut page,
        "published",
        &json!(report.published.map(|date| date.to_string())),
    );
    field(&mut page, "issuer", &json!(report.issuer));
    field(&mut page, "source_url", &json!(report.source_url));
    field(&mut page, "original_file", &json!(report.original_file));
    let catalog = catalog();
    for table in TableKey::ALL {
        page.push_str(table.key());
        page.push_str(":\n");
        for row in catalog.row_keys(table) {
            if !report.cells.has_row(table, row) {
                continue;
            }
            let columns: Map<String, Value> = catalog
                .row_cells(table, row)
                .iter()
                .filter(|&&id| report.cells.get(id).is_present())
                .map(|&id| {
                    (
                        catalog.cell(id).column.to_owned(),
                        report.cells.get(id).to_json(),
                    )
                })
                .collect();
            page.push_str(&format!(
                "  {row}: {}\n",
                serde_json::to_string(&columns).expect("JSON serializes")
            ));
        }
    }
    page.push_str("---\n");
    page.push_str(&report.body.text());
    page
}

/// A front-matter line; JSON values are YAML flow values.
fn field(page: &mut String, key: &str, value: &Value) {
    page.push_str(key);
    page.push_str(": ");
    page.push_str(&serde_json::to_string(value).expect("JSON serializes"));
    page.push('\n');
}

const HUGO_TOML: &str = r#"# The archive's reports as a Hugo site (gen-corpus --hugo), built by benches/run.sh with the
# layouts in benches/hugo/ to compare build times.
baseURL = "https://example.org/"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
title = "政府信息公开工作年度报告库（合成数据）"
hasCJKLanguage = true
enableRobotsTXT = true
disableKinds = []

[taxonomies]
  year = "years"
  region = "regions"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  page = ["HTML", "JSON"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[services.rss]
  limit = 50

[markup.goldmark.renderer]
  unsafe = false
"#;
