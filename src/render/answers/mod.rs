//! The answers across agencies as pages show them: the rankings and the regions' totals
//! (`rankings`), the report builder's page, and the 数据下载 page's dataset section (the catalog,
//! the dictionary, licence, publisher, contact, last update and how to cite). Every number and
//! sentence is made here in the site's language; templates only print.

mod rankings;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::i18n::Words;
use crate::address::{
    AnswersFile, DataFile, Page, RANKED_REGION_DEPTH, RankingScope, page_url, report_url,
};
use archive_core::answers::MarkedValue;
use archive_core::answers::catalog::cell_label;
use archive_core::answers::rankings_csv::percent_text;
use archive_core::check::Checks;
use archive_core::compare::rates::RateOutcome;
use archive_core::compare::{FigureValue, KeyFigure, Measure, RANKED_MEASURES, rates};
use archive_core::config::SiteConfig;
use archive_core::export::DataKind;
use archive_core::format::Language;
use archive_core::index::Index;
use archive_core::model::{AgencyKind, Archive};

/// Builds the answers' views in one language.
pub(super) struct AnswersViews<'a> {
    archive: &'a Archive,
    index: &'a Index,
    checks: &'a Checks,
    words: Words,
    base_path: String,
    /// Each year's ranking scopes, found once when a page first needs them.
    scopes: OnceLock<BTreeMap<u16, Vec<RankingScope>>>,
}

/// A value with its link and marks, ready to print.
#[derive(Debug, Serialize, PartialEq)]
pub(super) struct ValueView {
    text: String,
    /// The report it is read from.
    url: String,
    /// 「与分项不符」 and what the rows give, when it was read from a contradicted total.
    contradicted: Option<String>,
}

/// A link with its name, and whether it is the page shown.
#[derive(Debug, Serialize)]
pub(super) struct ChoiceView {
    name: String,
    url: String,
    current: bool,
}

/// A measure of the report builder's form.
#[derive(Debug, Serialize)]
pub(super) struct MeasureChoice {
    key: &'static str,
    name: &'static str,
    /// The first two are chosen when the page opens.
    checked: bool,
}

/// A choice of the builder's lists.
#[derive(Debug, Serialize)]
pub(super) struct OptionView {
    value: String,
    label: String,
}

/// The report builder's page: the form's choices and the data files it reads.
#[derive(Debug, Serialize)]
pub(super) struct BuilderView {
    years: Vec<u16>,
    measures: Vec<MeasureChoice>,
    regions: Vec<OptionView>,
    kinds: Vec<OptionView>,
    /// The builder's data folder (`/nianbao/data/builder/`).
    data_url: String,
    downloads: Vec<ChoiceView>,
}

/// The 数据下载 page's dataset section.
#[derive(Debug, Serialize)]
pub(super) struct DatasetView {
    catalog_url: String,
    dictionary_url: String,
    publisher: String,
    license_url: String,
    contact: Option<String>,
    contact_url: Option<String>,
    modified: String,
    citation: String,
    rankings: Vec<ChoiceView>,
    builder_url: String,
}

/// What a data file other than a report's holds, in the site's language (the 数据下载 page and
/// the catalog).
pub(super) fn data_file_title(words: &Words, file: DataFile) -> String {
    let year = |year: u16| year.to_string();
    match file {
        DataFile::Report(_) => words.get("file_report").to_owned(),
        DataFile::Agency(_) => words.get("file_agency").to_owned(),
        DataFile::Archive(DataKind::Schema) => words.get("file_schema").to_owned(),
        DataFile::Archive(DataKind::LongArchive) => words.get("file_long_archive").to_owned(),
        DataFile::Archive(DataKind::Findings) => words.get("file_findings").to_owned(),
        DataFile::Archive(DataKind::LongYear(y)) => {
            words.fill("file_long_year", &[("year", &year(y))])
        }
        DataFile::Archive(DataKind::WideYear(y)) => {
            words.fill("file_wide_year", &[("year", &year(y))])
        }
        DataFile::Answers(AnswersFile::Catalog) => words.get("file_catalog").to_owned(),
        DataFile::Answers(AnswersFile::Dictionary) => words.get("file_dictionary").to_owned(),
        DataFile::Answers(AnswersFile::Rankings(y)) => {
            words.fill("file_rankings", &[("year", &year(y))])
        }
        DataFile::Answers(AnswersFile::BuilderIndex) => words.get("file_builder_index").to_owned(),
        DataFile::Answers(AnswersFile::BuilderValues(y, measure)) => words.fill(
            "file_builder_values",
            &[
                ("year", &year(y)),
                ("measure", words.label(RANKED_MEASURES[measure].name)),
            ],
        ),
    }
}

impl<'a> AnswersViews<'a> {
    pub(super) fn new(
        archive: &'a Archive,
        index: &'a Index,
        checks: &'a Checks,
        language: Language,
        base_path: &str,
    ) -> AnswersViews<'a> {
        AnswersViews {
            archive,
            index,
            checks,
            words: Words::new(language),
            base_path: base_path.to_owned(),
            scopes: OnceLock::new(),
        }
    }

    fn link(&self, url: &str) -> String {
        format!("{}{url}", self.base_path)
    }

    fn page_link(&self, page: Page) -> String {
        self.link(&page_url(self.archive, page))
    }

    /// A ranked measure's value of a report, linked to the report and marked.
    fn value(&self, report: usize, value: &MarkedValue) -> ValueView {
        ValueView {
            text: self.value_text(&value.value),
            url: self.link(&report_url(&self.archive.reports[report])),
            contradicted: (value.contradicted.is_some()).then(|| match value.rows_give() {
                Some(parts) => self
                    .words
                    .fill("contradicted_rows_give", &[("parts", &parts.to_string())]),
                None => self.words.get("contradicted_rate").to_owned(),
            }),
        }
    }

    fn value_text(&self, value: &FigureValue) -> String {
        match value {
            FigureValue::Sum(Ok(value)) => value.to_string(),
            FigureValue::Sum(Err(_)) | FigureValue::Rate(RateOutcome::Blank(_)) => {
                self.words.get("blank_short").to_owned()
            }
            FigureValue::Rate(RateOutcome::Value {
                numerator,
                denominator,
            }) => self.rate_text(*numerator, *denominator),
            FigureValue::Rate(RateOutcome::ZeroDenominator { .. }) => {
                self.words.get("rate_zero").to_owned()
            }
        }
    }

    /// A rate with its numerator and denominator: `51.85%（42/81）`.
    fn rate_text(&self, numerator: u64, denominator: u64) -> String {
        self.words.fill(
            "rate_with_inputs",
            &[
                ("percent", &percent_text(numerator, denominator)),
                ("numerator", &numerator.to_string()),
                ("denominator", &denominator.to_string()),
            ],
        )
    }

    /// How a measure is computed, in a sentence (rates link to their definition).
    fn definition(&self, figure: &KeyFigure) -> (String, Option<String>) {
        match figure.measure {
            Measure::Sum(keys) => {
                let labels: Vec<String> = keys
                    .iter()
                    .map(|key| {
                        let cell = archive_core::format::catalog().cell(rates::cell_id(key));
                        cell_label(cell, self.words.language())
                    })
                    .collect();
                (
                    self.words
                        .fill("measure_sum", &[("keys", &labels.join(" + "))]),
                    None,
                )
            }
            Measure::Rate(key) => {
                let rate = rates::rate(key).expect("a ranked rate is defined");
                (
                    self.words.label(rate.description).to_owned(),
                    Some(self.link(&format!("data/#rate-{key}"))),
                )
            }
        }
    }

    /// The report builder's page.
    pub(super) fn builder(&self) -> BuilderView {
        let regions = self
            .archive
            .regions
            .iter()
            .filter(|region| region.depth() <= RANKED_REGION_DEPTH)
            .map(|region| OptionView {
                value: region.path.clone(),
                label: self.region_name(&region.path),
            })
            .collect();
        let kinds = AgencyKind::ALL
            .iter()
            .map(|kind| OptionView {
                value: kind.key().to_owned(),
                label: self.words.label(kind.label()).to_owned(),
            })
            .collect();
        BuilderView {
            years: self.index.years.keys().copied().collect(),
            measures: RANKED_MEASURES
                .iter()
                .enumerate()
                .map(|(at, figure)| MeasureChoice {
                    key: figure.key,
                    name: self.words.label(figure.name),
                    checked: at < 2,
                })
                .collect(),
            regions,
            kinds,
            data_url: self.link("data/builder/"),
            downloads: self.ranking_downloads(),
        }
    }

    /// A region's name with the names above it (`江苏省 · 淮安市`).
    fn region_name(&self, path: &str) -> String {
        let mut names = Vec::new();
        let mut end = 0;
        for part in path.split('/') {
            end += part.len();
            if let Some(region) = self.archive.region(&path[..end]) {
                names.push(region.name.as_str());
            }
            end += 1;
        }
        names.join(" · ")
    }

    /// Each year's full rankings CSV, newest first.
    fn ranking_downloads(&self) -> Vec<ChoiceView> {
        self.index
            .years
            .keys()
            .rev()
            .map(|&year| ChoiceView {
                name: format!("{year}.csv"),
                url: self.link(&AnswersFile::Rankings(year).url()),
                current: false,
            })
            .collect()
    }

    /// The 数据下载 page's dataset section: `modified` is the date the newest report entered.
    pub(super) fn dataset(&self, config: &SiteConfig, modified: &str) -> DatasetView {
        let publisher = config.dataset.publisher(&config.title).to_owned();
        let catalog_url = self.link(&AnswersFile::Catalog.url());
        let citation = self.words.fill(
            "citation",
            &[
                ("publisher", &publisher),
                ("title", &config.title),
                ("url", &format!("{}data/", config.base_url_with_slash())),
                ("date", modified),
            ],
        );
        DatasetView {
            catalog_url,
            dictionary_url: self.link(&AnswersFile::Dictionary.url()),
            publisher,
            license_url: config.dataset.license().to_owned(),
            contact: config.dataset.contact.clone(),
            contact_url: config.dataset.contact_url(),
            modified: modified.to_owned(),
            citation,
            rankings: self.ranking_downloads(),
            builder_url: self.page_link(Page::Builder),
        }
    }

    /// The scopes a year has ranking pages for.
    fn scopes_of(&self, year: u16) -> &[RankingScope] {
        let scopes = self.scopes.get_or_init(|| {
            self.index
                .years
                .keys()
                .map(|&year| {
                    let scopes = crate::address::ranking_pages(self.archive, self.index, year)
                        .into_iter()
                        .filter_map(|page| match page {
                            Page::RankingYear(_, scope) => Some(scope),
                            _ => None,
                        })
                        .collect();
                    (year, scopes)
                })
                .collect()
        });
        scopes.get(&year).map_or(&[], Vec::as_slice)
    }

    /// The scopes' links of a year's ranking pages.
    fn scope_choices(&self, year: u16, shown: RankingScope) -> Vec<ChoiceView> {
        self.scopes_of(year)
            .iter()
            .map(|&scope| ChoiceView {
                name: self.scope_name(scope),
                url: self.page_link(Page::RankingYear(year, scope)),
                current: scope == shown,
            })
            .collect()
    }

    fn scope_name(&self, scope: RankingScope) -> String {
        match scope {
            RankingScope::All => self.words.get("all_agencies").to_owned(),
            RankingScope::Region(at) => self.region_name(&self.archive.regions[at].path),
            RankingScope::Kind(kind) => self.words.label(kind.label()).to_owned(),
        }
    }
}
