//! Pages: every page of the site drawn from the model and the index through the theme.
//!
//! Rendering reads no files: it takes the loaded archive, the index and the compiled theme, and
//! hands each finished page to a sink (the output folder, or memory for `serve`). Templates get
//! ready-made data (drawn tables, links, counts); they do not compute.

pub mod chart;
mod checks;
mod compare;
mod glossary;
mod i18n;
pub mod markdown;
mod search_page;
pub mod table;
pub mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::check::Checks;
use crate::compare::Comparison;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Failure};
use crate::export::DataKind;
use crate::format::TableKey;
use crate::index::Index;
use crate::model::{Agency, Archive, Region, Report};
use crate::output::SiteOutput;
use theme::{Theme, template_error};

/// One page (or data file) of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    /// The home page.
    Home,
    /// Every agency.
    Agencies,
    /// One agency (a position in `archive.agencies`).
    Agency(usize),
    /// One report's page (a position in `archive.reports`).
    Report(usize),
    /// One report's data as JSON.
    ReportData(usize),
    /// Every year.
    Years,
    /// One year.
    Year(u16),
    /// The provinces.
    Regions,
    /// One region (a position in `archive.regions`).
    Region(usize),
    /// The page for addresses that do not exist.
    NotFound,
    /// `sitemap.xml`.
    Sitemap,
    /// `atom.xml`, reports by publication date.
    Feed,
    /// `robots.txt`.
    Robots,
    /// 数据质量: every finding of the checks, by rule, agency and year.
    Quality,
    /// 数据下载: every data file with its size, the schema, the rates' definitions.
    Data,
    /// One of the archive-wide data files (a position in the renderer's data files).
    DataFile(crate::export::DataKind),
    /// Which reports the archive has, for every agency and year, and which were late.
    Coverage,
    /// 名词解释: every row, column and heading of the templates in plain words.
    Glossary,
    /// 搜索: the search box and its filters (the index is `search`'s).
    Search,
}

/// Draws pages.
pub struct Renderer<'a> {
    config: &'a SiteConfig,
    archive: &'a Archive,
    index: &'a Index,
    checks: &'a Checks,
    views: checks::ChecksViews<'a>,
    compare: compare::CompareViews<'a>,
    /// The sizes of the archive-wide data files (CSV, schema) for the 数据下载 page: recorded as
    /// `render_all` writes them, or counted when a partial redraw first needs them.
    data_sizes: std::sync::OnceLock<BTreeMap<DataKind, u64>>,
    /// The interface's words in the site's language (the templates' `t`).
    words: BTreeMap<&'static str, &'static str>,
    theme: &'a Theme,
    base_path: String,
    base_url: String,
}

impl<'a> Renderer<'a> {
    /// Prepares to draw pages of an archive.
    pub fn new(
        config: &'a SiteConfig,
        archive: &'a Archive,
        index: &'a Index,
        checks: &'a Checks,
        theme: &'a mut Theme,
    ) -> Renderer<'a> {
        let base_path = config.base_path();
        let base_url = config.base_url_with_slash();
        let globals = theme.tera.global_context();
        globals.insert(
            "site",
            &SiteView {
                title: &config.title,
                description: &config.description,
                base_url: base_url.clone(),
                base_path: base_path.clone(),
                lang: config.language.html_lang(),
                language: match config.language {
                    crate::config::Language::Zh => "zh",
                    crate::config::Language::En => "en",
                },
            },
        );
        let words = i18n::words(config.language);
        globals.insert("t", &words);
        let views = checks::ChecksViews::new(archive, checks, config.language, |report| {
            format!("{base_path}{}", report_url(report))
        });
        let compare = compare::CompareViews::new(archive, index, config.language, &base_path);
        Renderer {
            config,
            archive,
            index,
            checks,
            views,
            compare,
            data_sizes: std::sync::OnceLock::new(),
            words,
            theme,
            base_path,
            base_url,
        }
    }

    /// Every page of the site.
    pub fn pages(&self) -> Vec<Page> {
        all_pages(self.archive, self.index)
    }

    /// Draws every page into `output` in parallel, each written as soon as it is drawn: first the
    /// archive-wide data files, streamed (the 数据下载 page gives their sizes), then the rest.
    /// Every failed page is reported.
    pub fn render_all(&self, output: &dyn SiteOutput) -> Result<usize, Failure> {
        let (files, pages): (Vec<Page>, Vec<Page>) = self
            .pages()
            .into_iter()
            .partition(|page| matches!(page, Page::DataFile(_)));
        let sizes = files
            .par_iter()
            .map(|&page| {
                let Page::DataFile(kind) = page else {
                    unreachable!("partitioned above")
                };
                let size = output.stream(&page_path(self.archive, page), &mut |out| {
                    crate::export::write_data_file(
                        self.archive,
                        self.index,
                        kind,
                        &self.base_url,
                        out,
                    )
                })?;
                Ok((kind, size))
            })
            .collect::<Result<BTreeMap<DataKind, u64>, Diagnostic>>()
            .map_err(Failure::setup)?;
        // Set once, before any page is drawn.
        let _ = self.data_sizes.set(sizes);
        let failures: Vec<Failure> = pages
            .par_iter()
            .filter_map(|&page| match self.render(page) {
                Ok((path, bytes)) => output.write(&path, bytes).err().map(Failure::setup),
                Err(error) => Some(Failure::Sources(vec![error])),
            })
            .collect();
        // A page that could not be written stops the build whatever the templates did.
        let (setup, sources): (Vec<_>, Vec<_>) = failures
            .into_iter()
            .partition(|failure| matches!(failure, Failure::Setup(_)));
        let flatten = |failures: Vec<Failure>| -> Vec<Diagnostic> {
            failures
                .iter()
                .flat_map(|failure| failure.diagnostics().to_vec())
                .collect()
        };
        if !setup.is_empty() {
            Err(Failure::Setup(dedup(flatten(setup))))
        } else if !sources.is_empty() {
            Err(Failure::Sources(dedup(flatten(sources))))
        } else {
            Ok(files.len() + pages.len())
        }
    }

    /// Draws one page: its path in the output and its bytes.
    pub fn render(&self, page: Page) -> Result<(String, Vec<u8>), Diagnostic> {
        let url = self.url_of(page);
        let path = url_to_path(&url);
        match page {
            Page::ReportData(at) => return Ok((path, self.report_data(at))),
            Page::DataFile(kind) => {
                let mut bytes = Vec::new();
                crate::export::write_data_file(
                    self.archive,
                    self.index,
                    kind,
                    &self.base_url,
                    &mut bytes,
                )
                .expect("writing to memory");
                return Ok((path, bytes));
            }
            _ => {}
        }
        let (template, context) = self.context(page, &url);
        let html = self
            .theme
            .tera
            .render(template, &context.tera)
            .map_err(|error| {
                template_error(&error, &self.theme.template_files, Some(&format!("/{url}")))
            })?;
        Ok((path, html.into_bytes()))
    }

    /// The page's address below the base path (`agencies/pingtan/2023/`).
    pub fn url_of(&self, page: Page) -> String {
        page_url(self.archive, page)
    }

    /// Gives the sizes of the archive-wide data files, already made, for the 数据下载 page.
    pub fn use_data_sizes(&self, sizes: BTreeMap<DataKind, u64>) {
        // Only before the page is drawn; later calls find the sizes set and change nothing.
        let _ = self.data_sizes.set(sizes);
    }

    /// The size of each archive-wide data file.
    fn data_sizes(&self) -> &BTreeMap<DataKind, u64> {
        self.data_sizes.get_or_init(|| {
            crate::export::data_kinds(self.index)
                .into_par_iter()
                .map(|kind| {
                    let mut counter = ByteCounter(0);
                    crate::export::write_data_file(
                        self.archive,
                        self.index,
                        kind,
                        &self.base_url,
                        &mut counter,
                    )
                    .expect("counting bytes");
                    (kind, counter.0)
                })
                .collect()
        })
    }

    /// One report's data file.
    fn report_data(&self, at: usize) -> Vec<u8> {
        let json = crate::export::report_json(
            self.archive,
            at,
            self.checks,
            Comparison::new(self.archive, self.index),
            &self.base_url,
        );
        let mut bytes = serde_json::to_vec_pretty(&json).expect("JSON values serialize");
        bytes.push(b'\n');
        bytes
    }

    fn raw_html(&self) -> markdown::RawHtml {
        if self.config.allow_raw_html {
            markdown::RawHtml::Allow
        } else {
            markdown::RawHtml::Sanitize
        }
    }

    fn link(&self, url: &str) -> String {
        format!("{}{url}", self.base_path)
    }

    fn context(&self, page: Page, url: &str) -> (&'static str, Variables) {
        let mut context = Variables::default();
        context.insert("page_url", &self.link(url));
        context.insert("canonical_url", &format!("{}{url}", self.base_url));
        // Whether the page shows highlighted code, and so needs the theme's syntax colours.
        context.insert("highlight", &false);
        let template = match page {
            Page::Home => {
                context.insert("stats", &self.stats());
                let latest: Vec<ReportLink> = self
                    .index
                    .latest
                    .iter()
                    .take(10)
                    .map(|&at| self.report_link(at))
                    .collect();
                context.insert("latest", &latest);
                context.insert("years", &self.year_links());
                context.insert("regions", &self.region_links(""));
                context.insert("check_summary", &self.views.home_summary());
                "index.html"
            }
            Page::Agencies => {
                context.insert("groups", &self.agency_groups());
                context.insert("agency_count", &self.archive.agencies.len());
                "agencies.html"
            }
            Page::Agency(at) => {
                let agency = &self.archive.agencies[at];
                context.insert("agency", &self.agency_view(agency));
                let reports: Vec<ReportLink> = self
                    .index
                    .reports_of(at)
                    .rev()
                    .map(|at| self.report_link(at))
                    .collect();
                context.insert("reports", &reports);
                context.insert(
                    "year_pairs",
                    &self.views.year_pairs(self.index.reports_of(at)),
                );
                context.insert("comparison", &self.compare.agency(at));
                "agency.html"
            }
            Page::Report(at) => {
                let report = self.report_view(at);
                let highlight = std::iter::once(&report.preamble_html)
                    .chain(report.sections.iter().map(|section| &section.body_html))
                    .any(|html| html.contains("<pre class=\"code\""));
                context.insert("highlight", &highlight);
                context.insert("report", &report);
                context.insert("report_comparison", &self.compare.report(at));
                "report.html"
            }
            Page::Glossary => {
                context.insert("glossary", &glossary::view(self.config.language));
                "glossary.html"
            }
            Page::Search => {
                context.insert("filters", &search_page::filters(self.archive, self.index));
                let parts: Vec<String> = crate::search::part_dirs(
                    self.archive.reports.len(),
                    self.config.search_part_size.get(),
                )
                .iter()
                .map(|dir| self.link(dir))
                .collect();
                context.insert("search_index", &parts[0]);
                context.insert("search_parts", &parts[1..]);
                "search.html"
            }
            Page::Years => {
                context.insert("years", &self.year_links());
                "years.html"
            }
            Page::Year(year) => {
                context.insert("year", &year);
                context.insert("groups", &self.year_groups(year));
                context.insert(
                    "year_table",
                    &self.compare.year(year, |path| {
                        (
                            self.region_full_name(path),
                            self.archive
                                .region(path)
                                .map(|region| self.link(&region_url(region))),
                        )
                    }),
                );
                let years: Vec<u16> = self.index.years.keys().copied().collect();
                let position = years.iter().position(|&known| known == year).unwrap_or(0);
                context.insert(
                    "previous_year",
                    &position.checked_sub(1).map(|at| self.year_link(years[at])),
                );
                context.insert(
                    "next_year",
                    &years.get(position + 1).map(|&next| self.year_link(next)),
                );
                "year.html"
            }
            Page::Regions => {
                context.insert("regions", &self.region_links(""));
                let unplaced = self.agencies_in("");
                context.insert("unplaced", &unplaced);
                "regions.html"
            }
            Page::Region(at) => {
                let region = &self.archive.regions[at];
                context.insert(
                    "region",
                    &RegionView {
                        name: &region.name,
                        trail: self.region_trail(&region.path),
                    },
                );
                context.insert("children", &self.region_links(&region.path));
                context.insert("agencies", &self.agencies_in(&region.path));
                "region.html"
            }
            Page::NotFound => "404.html",
            Page::Sitemap => {
                let mut urls: Vec<String> = self
                    .pages()
                    .into_iter()
                    .filter(|page| {
                        !matches!(
                            page,
                            Page::NotFound
                                | Page::Search
                                | Page::Sitemap
                                | Page::Feed
                                | Page::Robots
                                | Page::ReportData(_)
                                | Page::DataFile(_)
                        )
                    })
                    .map(|page| format!("{}{}", self.base_url, self.url_of(page)))
                    .collect();
                urls.sort();
                context.insert("urls", &urls);
                "sitemap.xml"
            }
            Page::Feed => {
                let mut dated: Vec<usize> = (0..self.archive.reports.len())
                    .filter(|&at| self.archive.reports[at].published.is_some())
                    .collect();
                dated.sort_by(|&a, &b| {
                    let (a, b) = (&self.archive.reports[a], &self.archive.reports[b]);
                    (b.published, &b.agency).cmp(&(a.published, &a.agency))
                });
                let entries: Vec<FeedEntry> = dated
                    .iter()
                    .take(50)
                    .map(|&at| {
                        let link = self.report_link(at);
                        FeedEntry {
                            id: format!(
                                "{}{}",
                                self.base_url,
                                report_url(&self.archive.reports[at])
                            ),
                            updated: format!(
                                "{}T00:00:00+08:00",
                                link.published.clone().unwrap_or_default()
                            ),
                            link,
                        }
                    })
                    .collect();
                let updated = entries.first().map_or_else(
                    || "2008-05-01T00:00:00+08:00".to_owned(),
                    |entry| entry.updated.clone(),
                );
                context.insert("entries", &entries);
                context.insert("updated", &updated);
                "atom.xml"
            }
            Page::Robots => "robots.txt",
            Page::Quality => {
                let agencies = (0..self.archive.agencies.len()).map(|at| {
                    let agency = &self.archive.agencies[at];
                    (
                        agency.name.clone(),
                        self.link(&agency_url(agency)),
                        self.index.reports_of(at),
                    )
                });
                context.insert("quality", &self.views.quality(agencies));
                "quality.html"
            }
            Page::Data => {
                context.insert("data_page", &self.compare.data_page(self.data_sizes()));
                "data.html"
            }
            Page::Coverage => {
                context.insert("coverage", &self.compare.coverage(self.checks));
                "coverage.html"
            }
            Page::ReportData(_) | Page::DataFile(_) => {
                unreachable!("data files are not drawn with templates")
            }
        };
        (template, context)
    }

    fn stats(&self) -> Stats {
        Stats {
            agencies: self.archive.agencies.len(),
            reports: self.archive.reports.len(),
            years: self.index.years.len(),
            first_year: self.index.years.keys().next().copied(),
            last_year: self.index.years.keys().next_back().copied(),
        }
    }

    fn year_link(&self, year: u16) -> YearLink {
        YearLink {
            year,
            url: self.link(&format!("years/{year}/")),
            count: self.index.years.get(&year).map_or(0, Vec::len),
        }
    }

    fn year_links(&self) -> Vec<YearLink> {
        self.index
            .years
            .keys()
            .rev()
            .map(|&year| self.year_link(year))
            .collect()
    }

    fn region_links(&self, parent: &str) -> Vec<RegionLink> {
        self.index
            .region_children
            .get(parent)
            .into_iter()
            .flatten()
            .map(|&at| {
                let region = &self.archive.regions[at];
                RegionLink {
                    name: region.name.clone(),
                    url: self.link(&region_url(region)),
                    agency_count: self
                        .index
                        .region_agency_counts
                        .get(&region.path)
                        .copied()
                        .unwrap_or(0),
                }
            })
            .collect()
    }

    fn region_trail(&self, path: &str) -> Vec<Link> {
        let mut trail = Vec::new();
        let mut prefix = String::new();
        for part in path.split('/').filter(|part| !part.is_empty()) {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if let Some(region) = self.archive.region(&prefix) {
                trail.push(Link {
                    name: region.name.clone(),
                    url: self.link(&region_url(region)),
                });
            }
        }
        trail
    }

    fn agency_link(&self, at: usize) -> AgencyLink {
        let agency = &self.archive.agencies[at];
        let reports = self.index.reports_of(at);
        AgencyLink {
            name: agency.name.clone(),
            url: self.link(&agency_url(agency)),
            kind: agency.kind.label().get(self.config.language),
            region: self
                .archive
                .region(&agency.region)
                .map(|region| region.name.clone()),
            report_count: reports.len(),
            years: reports
                .map(|report| self.archive.reports[report].year)
                .collect(),
        }
    }

    fn agencies_in(&self, region: &str) -> Vec<AgencyLink> {
        self.index
            .region_agencies
            .get(region)
            .into_iter()
            .flatten()
            .map(|&at| self.agency_link(at))
            .collect()
    }

    /// Agencies grouped by their region's full name, regions in path order.
    fn agency_groups(&self) -> Vec<Group<AgencyLink>> {
        let mut groups: BTreeMap<String, Vec<AgencyLink>> = BTreeMap::new();
        for (at, agency) in self.archive.agencies.iter().enumerate() {
            groups
                .entry(agency.region.clone())
                .or_default()
                .push(self.agency_link(at));
        }
        groups
            .into_iter()
            .map(|(path, items)| Group {
                name: self.region_full_name(&path),
                url: self
                    .archive
                    .region(&path)
                    .map(|region| self.link(&region_url(region))),
                items,
            })
            .collect()
    }

    fn region_full_name(&self, path: &str) -> String {
        let trail = self.region_trail(path);
        if trail.is_empty() {
            self.words["no_region"].to_owned()
        } else {
            trail
                .into_iter()
                .map(|link| link.name)
                .collect::<Vec<_>>()
                .join(" · ")
        }
    }

    fn year_groups(&self, year: u16) -> Vec<Group<ReportLink>> {
        let mut groups: BTreeMap<String, Vec<ReportLink>> = BTreeMap::new();
        for &at in self.index.years.get(&year).into_iter().flatten() {
            let agency = self.index.agency_of(at);
            groups
                .entry(self.archive.agencies[agency].region.clone())
                .or_default()
                .push(self.report_link(at));
        }
        groups
            .into_iter()
            .map(|(path, items)| Group {
                name: self.region_full_name(&path),
                url: self
                    .archive
                    .region(&path)
                    .map(|region| self.link(&region_url(region))),
                items,
            })
            .collect()
    }

    fn agency_view(&self, agency: &Agency) -> AgencyView {
        AgencyView {
            id: agency.id.clone(),
            name: agency.name.clone(),
            aliases: agency.aliases.clone(),
            kind: agency.kind.label().get(self.config.language),
            url: self.link(&agency_url(agency)),
            website: agency.website.clone(),
            region_trail: self.region_trail(&agency.region),
        }
    }

    fn report_link(&self, at: usize) -> ReportLink {
        let report = &self.archive.reports[at];
        let agency = &self.archive.agencies[self.index.agency_of(at)];
        ReportLink {
            agency: agency.name.clone(),
            agency_url: self.link(&agency_url(agency)),
            year: report.year,
            title: report.title.clone(),
            url: self.link(&report_url(report)),
            published: report.published.map(|date| date.to_string()),
            format: report.format.key(),
            findings: self.checks.findings_of(at).count(),
        }
    }

    fn report_view(&self, at: usize) -> ReportView {
        let report = &self.archive.reports[at];
        let agency = &self.archive.agencies[self.index.agency_of(at)];
        let template = report.format.template();
        let (previous, next) = self.index.neighbours(self.archive, at);
        let narrative = markdown::render(&report.body, self.raw_html());
        let language = self.config.language;
        let flagged = self.views.flagged(at);
        let mut sections: Vec<SectionView> = narrative
            .sections
            .into_iter()
            .map(|section| SectionView {
                number: section.number,
                heading: section.heading,
                id: section.id,
                body_html: section.body_html,
                tables: Vec::new(),
            })
            .collect();
        for table in TableKey::ALL {
            let mut drawn = table::draw(table, report.format, &report.cells, language, &flagged);
            self.compare.annotate(at, std::slice::from_mut(&mut drawn));
            let drawn = drawn.into_view(
                &self.base_path,
                self.words["finding_marker"],
                self.words["last_year_short"],
            );
            let number = table.section();
            match sections.iter_mut().find(|section| section.number == number) {
                Some(section) => section.tables.push(drawn),
                None => {
                    // The narrative lacks this section's heading: give the table the template's.
                    let position = sections
                        .iter()
                        .position(|section| section.number > number)
                        .unwrap_or(sections.len());
                    sections.insert(
                        position,
                        SectionView {
                            number,
                            heading: template.sections[usize::from(number) - 1]
                                .get(language)
                                .to_owned(),
                            id: format!("section-{number}"),
                            body_html: String::new(),
                            tables: vec![drawn],
                        },
                    );
                }
            }
        }
        ReportView {
            title: report.title.clone(),
            year: report.year,
            format: report.format.key(),
            format_name: template.name.get(language),
            format_document: template.document,
            published: report.published.map(|date| date.to_string()),
            issuer: report.issuer.clone(),
            source_url: report.source_url.clone(),
            original_file: report.original_file.clone(),
            notes: report.notes.clone(),
            agency: self.agency_view(agency),
            data_url: self.link(&format!("{}data.json", report_url(report))),
            previous: previous.map(|at| self.report_link(at)),
            next: next.map(|at| self.report_link(at)),
            preamble_html: narrative.preamble_html,
            sections,
            checks: self.views.report(at),
        }
    }
}

fn agency_url(agency: &Agency) -> String {
    format!("agencies/{}/", agency.id)
}

/// A report page's address below the base path (`agencies/pingtan/2023/`).
pub(crate) fn report_url(report: &Report) -> String {
    format!("agencies/{}/{}/", report.agency, report.year)
}

fn region_url(region: &Region) -> String {
    format!("regions/{}/", region.path)
}

/// Where a page's address is written: `x/` → `x/index.html`.
/// Every page of an archive, in a fixed order: the lists, then agencies, reports, years, regions.
pub fn all_pages(archive: &Archive, index: &Index) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Agencies,
        Page::Years,
        Page::Regions,
        Page::Quality,
        Page::Data,
        Page::Coverage,
        Page::Glossary,
        Page::Search,
        Page::NotFound,
        Page::Sitemap,
        Page::Feed,
        Page::Robots,
    ];
    pages.extend(
        crate::export::data_kinds(index)
            .into_iter()
            .map(Page::DataFile),
    );
    pages.extend((0..archive.agencies.len()).map(Page::Agency));
    pages
        .extend((0..archive.reports.len()).flat_map(|at| [Page::Report(at), Page::ReportData(at)]));
    pages.extend(index.years.keys().map(|&year| Page::Year(year)));
    pages.extend((0..archive.regions.len()).map(Page::Region));
    pages
}

/// A page's address below the base path (`agencies/pingtan/2023/`).
pub fn page_url(archive: &Archive, page: Page) -> String {
    match page {
        Page::Home => String::new(),
        Page::Agencies => "agencies/".to_owned(),
        Page::Agency(at) => agency_url(&archive.agencies[at]),
        Page::Report(at) => report_url(&archive.reports[at]),
        Page::ReportData(at) => format!("{}data.json", report_url(&archive.reports[at])),
        Page::Years => "years/".to_owned(),
        Page::Year(year) => format!("years/{year}/"),
        Page::Regions => "regions/".to_owned(),
        Page::Region(at) => region_url(&archive.regions[at]),
        Page::NotFound => "404.html".to_owned(),
        Page::Sitemap => "sitemap.xml".to_owned(),
        Page::Feed => "atom.xml".to_owned(),
        Page::Robots => "robots.txt".to_owned(),
        Page::Quality => "quality/".to_owned(),
        Page::Data => "data/".to_owned(),
        Page::DataFile(kind) => kind.path(),
        Page::Coverage => "coverage/".to_owned(),
        Page::Glossary => "glossary/".to_owned(),
        Page::Search => "search/".to_owned(),
    }
}

/// A page's file in the output (`agencies/pingtan/2023/index.html`).
pub fn page_path(archive: &Archive, page: Page) -> String {
    url_to_path(&page_url(archive, page))
}

fn url_to_path(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_owned()
    }
}

/// A writer that only counts what it is given.
struct ByteCounter(u64);

impl std::io::Write for ByteCounter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A page's template variables, their names kept: `docs/themes.md` is checked against them.
#[derive(Default)]
struct Variables {
    tera: Context,
    names: Vec<&'static str>,
}

impl Variables {
    fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.names.push(name);
        self.tera.insert(name, value);
    }
}

/// Template errors repeat for every page a broken template draws: keep each once.
fn dedup(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by(|a, b| {
        (a.location.to_string(), &a.message).cmp(&(b.location.to_string(), &b.message))
    });
    errors.dedup_by(|a, b| a.location == b.location && a.message == b.message);
    errors
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: String,
    base_path: String,
    lang: &'static str,
    language: &'static str,
}

#[derive(Serialize)]
struct Stats {
    agencies: usize,
    reports: usize,
    years: usize,
    first_year: Option<u16>,
    last_year: Option<u16>,
}

#[derive(Serialize)]
struct Link {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct YearLink {
    year: u16,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct RegionLink {
    name: String,
    url: String,
    agency_count: usize,
}

#[derive(Serialize)]
struct RegionView<'a> {
    name: &'a str,
    trail: Vec<Link>,
}

#[derive(Serialize)]
struct AgencyLink {
    name: String,
    url: String,
    kind: &'static str,
    region: Option<String>,
    report_count: usize,
    years: Vec<u16>,
}

#[derive(Serialize)]
struct Group<T> {
    name: String,
    url: Option<String>,
    items: Vec<T>,
}

#[derive(Serialize)]
struct AgencyView {
    id: String,
    name: String,
    aliases: Vec<String>,
    kind: &'static str,
    url: String,
    website: Option<String>,
    region_trail: Vec<Link>,
}

#[derive(Serialize)]
struct ReportLink {
    agency: String,
    agency_url: String,
    year: u16,
    title: String,
    url: String,
    published: Option<String>,
    format: &'static str,
    /// How many findings the checks have on the report.
    findings: usize,
}

#[derive(Serialize)]
struct FeedEntry {
    id: String,
    updated: String,
    link: ReportLink,
}

#[derive(Serialize)]
struct SectionView {
    number: u8,
    heading: String,
    id: String,
    body_html: String,
    tables: Vec<table::TableView>,
}

#[derive(Serialize)]
struct ReportView {
    title: String,
    year: u16,
    format: &'static str,
    format_name: &'static str,
    format_document: &'static str,
    published: Option<String>,
    issuer: Option<String>,
    source_url: Option<String>,
    original_file: Option<String>,
    notes: Option<String>,
    agency: AgencyView,
    data_url: String,
    previous: Option<ReportLink>,
    next: Option<ReportLink>,
    preamble_html: String,
    sections: Vec<SectionView>,
    checks: checks::ReportChecksView,
}

/// Writes `text` escaped for HTML (and for the SVG and XML drawn here), exactly as the templates
/// escape their values: `&`, `<`, `>`, `"` and `'`. Tera escapes with the same function (its
/// `fast` feature), so markup written here and markup the templates write cannot differ.
pub(crate) fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to memory");
}

/// `text` escaped for HTML, as [`escape`] writes it.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character that means something in HTML or XML, and text around it, is escaped as
    /// Tera escapes the templates' values.
    #[test]
    fn text_is_escaped_as_the_templates_escape_it() {
        let text = "a&b <c> \"d\" 'e' 平潭 &amp;";
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("page.html", "{{ text }}").unwrap();
        let mut context = Context::new();
        context.insert("text", text);
        let drawn = tera.render("page.html", &context).unwrap();
        assert_eq!(escaped(text), drawn);
        assert_eq!(
            escaped(text),
            "a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; 平潭 &amp;amp;"
        );
    }

    /// docs/themes.md names every variable each template receives (the globals in its first
    /// table, the rest in the row of the template).
    #[test]
    fn docs_list_every_template_variable() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let doc = std::fs::read_to_string(root.join("docs/themes.md")).unwrap();
        let mut site = crate::build::Site::load(root, None).unwrap();
        let renderer = site.renderer();
        let mut missing = Vec::new();
        for page in renderer.pages() {
            if matches!(page, Page::ReportData(_) | Page::DataFile(_)) {
                continue;
            }
            let (template, context) = renderer.context(page, &renderer.url_of(page));
            let row = doc
                .lines()
                .find(|line| line.starts_with('|') && line.contains(&format!("`{template}`")))
                .unwrap_or_else(|| panic!("docs/themes.md has no row for {template}"));
            for name in context.names {
                let global = ["page_url", "canonical_url", "highlight"].contains(&name);
                let named = format!("`{name}`");
                if !(global && doc.contains(&format!("| {named} |")) || row.contains(&named)) {
                    missing.push(format!("{template}: {name}"));
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "docs/themes.md does not name {missing:?}"
        );
    }
}
