//! The 数据下载 page: every data file with its size, the CSV formats and the rates' definitions.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{CompareViews, row_text};
use crate::address::{agency_csv_url, report_data_url};
use crate::render::table::definitions;
use archive_core::compare::rates::{self, RATES};
use archive_core::export::{DataKind, LONG_COLUMNS, WIDE_COLUMNS};
use archive_core::format::{FormatId, catalog, without_note};

/// A file of the 数据下载 page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct FileView {
    name: String,
    url: String,
    description: String,
    size: String,
    bytes: u64,
}

/// A rate's definition on the 数据下载 page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RateDefinition {
    key: &'static str,
    name: &'static str,
    description: &'static str,
    numerator: Vec<String>,
    denominator: Vec<String>,
}

/// The 数据下载 page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct DataPageView {
    files: Vec<FileView>,
    long_columns: Vec<&'static str>,
    wide_text: String,
    rates: Vec<RateDefinition>,
    schema_url: String,
    report_files_text: String,
    /// Where each agency's CSV is, with an example.
    agency_files_text: String,
}
impl CompareViews<'_> {
    /// The 数据下载 page: every file with its real size, the formats and the rates' definitions.
    pub(in crate::render) fn data_page(&self, sizes: &BTreeMap<DataKind, u64>) -> DataPageView {
        let catalog = catalog();
        let files = archive_core::export::data_kinds(self.index)
            .into_iter()
            .map(|kind| (kind, kind.path(), sizes.get(&kind).copied().unwrap_or(0)))
            .map(|(kind, path, bytes)| FileView {
                name: path.rsplit('/').next().unwrap_or(&path).to_owned(),
                url: format!("{}{path}", self.base_path),
                description: crate::render::answers::data_file_title(
                    &self.words,
                    crate::address::DataFile::Archive(kind),
                ),
                size: self.size(bytes),
                bytes,
            })
            .collect();
        let cell_name = |key: &&str| {
            let id = rates::cell_id(key);
            let cell = catalog.cell(id);
            let row = catalog
                .row_def(cell.table, cell.row)
                .expect("a row of the catalog");
            let (_, column) = definitions(cell, FormatId::Gb2021);
            let column = without_note(self.words.label(column.label));
            format!(
                "{} · {column}（{key}）",
                row_text(row, self.words.language())
            )
        };
        let rates = RATES
            .iter()
            .map(|rate| RateDefinition {
                key: rate.key,
                name: self.words.label(rate.name),
                description: self.words.label(rate.description),
                numerator: rate.numerator.iter().map(cell_name).collect(),
                denominator: rate.denominator.iter().map(cell_name).collect(),
            })
            .collect();
        DataPageView {
            files,
            long_columns: LONG_COLUMNS.to_vec(),
            wide_text: self
                .words
                .fill("csv_wide_text", &[("columns", &WIDE_COLUMNS.join(", "))]),
            rates,
            schema_url: format!("{}{}", self.base_path, archive_core::export::SCHEMA_PATH),
            report_files_text: self.words.fill(
                "report_files_text",
                &[(
                    "example",
                    &match self.archive.reports.len() {
                        0 => format!("{}agencies/AGENCY/YEAR/data.json", self.base_path),
                        reports => format!(
                            "{}{}",
                            self.base_path,
                            report_data_url(&self.archive.reports[reports - 1])
                        ),
                    },
                )],
            ),
            agency_files_text: self.words.fill(
                "agency_files_text",
                &[(
                    "example",
                    &format!(
                        "{}{}",
                        self.base_path,
                        self.archive.agencies.first().map_or_else(
                            || archive_core::answers::agency_csv::agency_csv_path("AGENCY"),
                            agency_csv_url
                        )
                    ),
                )],
            ),
        }
    }

    fn size(&self, bytes: u64) -> String {
        self.words.fill(
            "bytes",
            &[
                ("kb", &format!("{:.1}", bytes as f64 / 1024.0)),
                ("bytes", &bytes.to_string()),
            ],
        )
    }
}
