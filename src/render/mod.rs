//! The site's files, drawn from the model and the index: the templated pages (`Renderer`), the
//! data files (`data::DataFiles`) and, outside this module, the search index
//! (`search::SearchIndex`), each a kind of [`SiteFiles`].
//!
//! Rendering reads no files: it takes the loaded archive, the index and the compiled theme, and
//! hands each finished file to a sink (the output folder, or memory for `serve`). Templates get
//! ready-made data (drawn tables, links, counts); they do not compute.

mod answers;
pub mod chart;
mod checks;
mod compare;
pub mod data;
mod glossary;
mod i18n;
mod originals;
mod relative;

mod search_page;
pub mod table;
pub mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::address::{
    Page, agency_csv_url, agency_url, all_pages, has_agencies, page_url, region_url,
    report_data_url, report_url, url_to_path, year_url,
};
use crate::markdown;
use crate::output::SiteOutput;
use archive_core::check::Checks;
use archive_core::config::SiteConfig;
use archive_core::diagnostic::{Diagnostic, Failure};
use archive_core::format::TableKey;
use archive_core::index::Index;
use archive_core::model::{Agency, Archive, SitePaths};
use theme::{Theme, template_error};

/// One kind of the site's files: writes all its files into a [`SiteOutput`].
pub trait SiteFiles {
    /// What writing them tells: how many files, or more.
    type Written;

    /// Writes every file of this kind into `output`, reporting every file that failed.
    fn write_files(&self, output: &dyn SiteOutput) -> Result<Self::Written, Failure>;
}

/// Draws the templated pages, and holds the data files (the 数据下载 page gives their sizes).
pub struct Renderer<'a> {
    config: &'a SiteConfig,
    /// Where the sources are: an undated report enters the feed by its source's date.
    paths: &'a SitePaths,
    archive: &'a Archive,
    index: &'a Index,
    checks: &'a Checks,
    views: checks::ChecksViews<'a>,
    compare: compare::CompareViews<'a>,
    answers: answers::AnswersViews<'a>,
    originals: originals::OriginalsViews,
    data: data::DataFiles<'a>,
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
        paths: &'a SitePaths,
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
                relative_links: config.relative_links,
                lang: config.language.html_lang(),
                language: match config.language {
                    archive_core::format::Language::Zh => "zh",
                    archive_core::format::Language::En => "en",
                },
            },
        );
        let words = i18n::words(config.language);
        globals.insert("t", &words);
        let views = checks::ChecksViews::new(archive, checks, config.language, |report| {
            format!("{base_path}{}", report_url(report))
        });
        let compare =
            compare::CompareViews::new(archive, index, checks, config.language, &base_path);
        let answers =
            answers::AnswersViews::new(archive, index, checks, config.language, &base_path);
        Renderer {
            config,
            paths,
            archive,
            index,
            checks,
            views,
            compare,
            answers,
            originals: originals::OriginalsViews::new(config.language, &base_path),
            data: data::DataFiles::new(config, paths, archive, index, checks),
            words,
            theme,
            base_path,
            base_url,
        }
    }

    /// Every templated page of the site.
    pub fn pages(&self) -> Vec<Page> {
        all_pages(self.archive, self.index)
    }

    /// The data files, which must be written before the 数据下载 page is drawn: it gives their
    /// sizes.
    pub fn data_files(&self) -> &data::DataFiles<'a> {
        &self.data
    }

    /// Draws one templated page: its path in the output and its bytes.
    pub fn render(&self, page: Page) -> Result<(String, Vec<u8>), Diagnostic> {
        let url = page_url(self.archive, page);
        let (template, context) = self.context(page, &url);
        // Drawn as bytes: `Tera::render` checks its whole output is UTF-8 to return a `String`,
        // a fiftieth of a build's CPU for text that is only written out. A report page's size.
        let mut html = Vec::with_capacity(64 * 1024);
        self.theme
            .tera
            .render_to(template, &context.tera, &mut html)
            .map_err(|error| {
                template_error(&error, &self.theme.template_files, Some(&format!("/{url}")))
            })?;
        let file = url_to_path(&url);
        // The 404 page is served at any address, so its links stay absolute; the XML files'
        // addresses are absolute already.
        let html = if self.config.relative_links && file.ends_with("index.html") {
            // Tera writes text only, so nothing is replaced here.
            relative::relative_links(&String::from_utf8_lossy(&html), &file, &self.base_path)
                .into_bytes()
        } else {
            html
        };
        Ok((file, html))
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
            Page::Home => self.home_page(&mut context),
            Page::Agencies => self.agencies_page(&mut context),
            Page::Agency(at) => self.agency_page(&mut context, at),
            Page::Report(at) => self.report_page(&mut context, at),
            Page::Glossary => self.glossary_page(&mut context),
            Page::Search => self.search_page(&mut context),
            Page::Years => self.years_page(&mut context),
            Page::Year(year) => self.year_page(&mut context, year),
            Page::Regions => self.regions_page(&mut context),
            Page::Region(at) => self.region_page(&mut context, at),
            Page::NotFound => "404.html",
            Page::Sitemap => self.sitemap_page(&mut context),
            Page::Feed => self.feed_page(&mut context),
            Page::Robots => "robots.txt",
            Page::Quality => self.quality_page(&mut context),
            Page::Data => self.data_page(&mut context),
            Page::Coverage => self.coverage_page(&mut context),
            Page::Rankings => {
                context.insert("rankings", &self.answers.rankings_index());
                "rankings.html"
            }
            Page::RankingYear(year, scope) => {
                context.insert("ranking", &self.answers.ranking_page(year, scope));
                "ranking.html"
            }
            Page::RegionTotals(at) => {
                context.insert("totals", &self.answers.region_totals(at));
                "region_totals.html"
            }
            Page::Builder => {
                context.insert("builder", &self.answers.builder());
                "builder.html"
            }
        };
        (template, context)
    }

    /// The home page: the archive in numbers, the latest reports, years and regions.
    fn home_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("stats", &self.stats());
        let latest: Vec<ReportLink> = self
            .index
            .latest
            .iter()
            .take(10)
            .map(|&at| self.report_link(at))
            .collect();
        variables.insert("latest", &latest);
        variables.insert("years", &self.year_links());
        variables.insert("regions", &self.region_links(""));
        variables.insert("check_summary", &self.views.home_summary());
        "index.html"
    }

    /// Every agency, by region.
    fn agencies_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("groups", &self.agency_groups());
        variables.insert("agency_count", &self.archive.agencies.len());
        "agencies.html"
    }

    /// One agency: its reports, its checks across years, its key figures and charts.
    fn agency_page(&self, variables: &mut Variables, at: usize) -> &'static str {
        let agency = &self.archive.agencies[at];
        variables.insert("agency", &self.agency_view(agency));
        let reports: Vec<ReportLink> = self
            .index
            .reports_of(at)
            .rev()
            .map(|at| self.report_link(at))
            .collect();
        variables.insert("reports", &reports);
        variables.insert(
            "year_pairs",
            &self.views.year_pairs(self.index.reports_of(at)),
        );
        variables.insert(
            "key_figures",
            &self
                .compare
                .agency_key_figures(at, self.link(&agency_csv_url(agency))),
        );
        "agency.html"
    }

    /// One report: its tables, narrative, checks and last year's values.
    fn report_page(&self, variables: &mut Variables, at: usize) -> &'static str {
        let report = self.report_view(at);
        let highlight = std::iter::once(&report.preamble_html)
            .chain(report.sections.iter().map(|section| &section.body_html))
            .any(|html| html.contains("<pre class=\"code\""));
        variables.insert("highlight", &highlight);
        variables.insert("report", &report);
        variables.insert("report_comparison", &self.compare.report(at));
        "report.html"
    }

    /// 名词解释.
    fn glossary_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("glossary", &glossary::view(self.config.language));
        "glossary.html"
    }

    /// The search page: its filters and the index's parts.
    fn search_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("filters", &search_page::filters(self.archive, self.index));
        let parts: Vec<String> =
            crate::search_parts::search_parts(self.archive, self.config.search_part_size.get())
                .iter()
                .map(|part| self.link(&part.dir))
                .collect();
        variables.insert("search_index", &parts[0]);
        variables.insert("search_parts", &parts[1..]);
        "search.html"
    }

    /// Every year.
    fn years_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("years", &self.year_links());
        "years.html"
    }

    /// One year: its reports by region, the year table, the years around it.
    fn year_page(&self, variables: &mut Variables, year: u16) -> &'static str {
        variables.insert("year", &year);
        variables.insert("groups", &self.year_groups(year));
        variables.insert(
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
        variables.insert(
            "previous_year",
            &position.checked_sub(1).map(|at| self.year_link(years[at])),
        );
        variables.insert(
            "next_year",
            &years.get(position + 1).map(|&next| self.year_link(next)),
        );
        "year.html"
    }

    /// The provinces, and the agencies placed in none.
    fn regions_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("regions", &self.region_links(""));
        let unplaced = self.agencies_in("");
        variables.insert("unplaced", &unplaced);
        "regions.html"
    }

    /// One region: its trail, the regions below it and its agencies.
    fn region_page(&self, variables: &mut Variables, at: usize) -> &'static str {
        let region = &self.archive.regions[at];
        variables.insert(
            "region",
            &RegionView {
                name: &region.name,
                trail: self.region_trail(&region.path),
            },
        );
        variables.insert("children", &self.region_links(&region.path));
        variables.insert("agencies", &self.agencies_in(&region.path));
        "region.html"
    }

    /// `sitemap.xml`: every page a search engine should see.
    fn sitemap_page(&self, variables: &mut Variables) -> &'static str {
        let mut urls: Vec<String> = self
            .pages()
            .into_iter()
            .filter(|page| {
                !matches!(
                    page,
                    Page::NotFound | Page::Search | Page::Sitemap | Page::Feed | Page::Robots
                )
            })
            .map(|page| format!("{}{}", self.base_url, page_url(self.archive, page)))
            .collect();
        urls.sort();
        variables.insert("urls", &urls);
        "sitemap.xml"
    }

    /// `atom.xml`: the 50 latest reports, by the date printed on them or, for a report that
    /// prints none, the date its source entered the archive (the file's last change).
    fn feed_page(&self, variables: &mut Variables) -> &'static str {
        let mut dated: Vec<(String, usize)> = (0..self.archive.reports.len())
            .map(|at| (entry_date(self.paths, &self.archive.reports[at]), at))
            .collect();
        dated.sort_by(|(a_date, a), (b_date, b)| {
            let (a_agency, b_agency) = (
                &self.archive.reports[*a].agency,
                &self.archive.reports[*b].agency,
            );
            (b_date, b_agency).cmp(&(a_date, a_agency))
        });
        let entries: Vec<FeedEntry> = dated
            .into_iter()
            .take(50)
            .map(|(date, at)| FeedEntry {
                id: format!("{}{}", self.base_url, report_url(&self.archive.reports[at])),
                updated: format!("{date}T00:00:00+08:00"),
                link: self.report_link(at),
            })
            .collect();
        let updated = entries.first().map_or_else(
            || "2008-05-01T00:00:00+08:00".to_owned(),
            |entry| entry.updated.clone(),
        );
        variables.insert("entries", &entries);
        variables.insert("updated", &updated);
        "atom.xml"
    }

    /// 数据质量: every finding, by rule, agency and year.
    fn quality_page(&self, variables: &mut Variables) -> &'static str {
        let agencies = (0..self.archive.agencies.len()).map(|at| {
            let agency = &self.archive.agencies[at];
            (
                agency.name.clone(),
                self.link(&agency_url(agency)),
                self.index.reports_of(at),
            )
        });
        variables.insert("quality", &self.views.quality(agencies));
        variables.insert("changed_originals", &self.originals.changed(self.archive));
        "quality.html"
    }

    /// 数据下载: every data file with its size.
    fn data_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("data_page", &self.compare.data_page(self.data.sizes()));
        variables.insert(
            "dataset",
            &self
                .answers
                .dataset(self.config, &self.data.last_entry_date()),
        );
        "data.html"
    }

    /// Which reports the archive has, for every agency and year.
    fn coverage_page(&self, variables: &mut Variables) -> &'static str {
        variables.insert("coverage", &self.compare.coverage(self.checks));
        "coverage.html"
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
            url: self.link(&year_url(year)),
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
            .map(|&at| &self.archive.regions[at])
            .filter(|region| has_agencies(self.index, region))
            .map(|region| RegionLink {
                name: region.name.clone(),
                url: self.link(&region_url(region)),
                agency_count: self
                    .index
                    .region_agency_counts
                    .get(&region.path)
                    .copied()
                    .unwrap_or(0),
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
        let narrative = markdown::render(&report.body.text(), self.raw_html());
        let language = self.config.language;
        let flagged = self.views.flagged(at);
        let totals = self.views.flagged_totals(at);
        let linked = self.views.linked(at);
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
            drawn.mark_totals(&totals);
            drawn.mark_linked(&linked);
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
            archived: self.originals.report(report),
            notes: report.notes.clone(),
            agency: self.agency_view(agency),
            data_url: self.link(&report_data_url(report)),
            previous: previous.map(|at| self.report_link(at)),
            next: next.map(|at| self.report_link(at)),
            preamble_html: narrative.preamble_html,
            sections,
            checks: self.views.report(at),
        }
    }
}

impl SiteFiles for Renderer<'_> {
    type Written = usize;

    /// Draws every templated page in parallel, each written as soon as it is drawn. The data
    /// files must be written first (the 数据下载 page gives their sizes).
    fn write_files(&self, output: &dyn SiteOutput) -> Result<usize, Failure> {
        let pages = self.pages();
        self.write_pages(&pages, output)?;
        Ok(pages.len())
    }
}

impl Renderer<'_> {
    /// Draws these pages in parallel, each written as soon as it is drawn (an incremental build
    /// draws only the stale ones). The data files must be written first.
    pub fn write_pages(&self, pages: &[Page], output: &dyn SiteOutput) -> Result<(), Failure> {
        let failures: Vec<Failure> = pages
            .par_iter()
            .filter_map(|&page| {
                let path = || {
                    crate::address::file_path(self.archive, crate::address::SiteFile::Page(page))
                };
                crate::timings::time_file(path, || match self.render(page) {
                    Ok((path, bytes)) => output.write(&path, bytes).err().map(Failure::setup),
                    Err(error) => Some(Failure::Sources(vec![error])),
                })
            })
            .collect();
        gather(failures)
    }
}

/// Every failure of a batch of files as one, each message once; a file that could not be written
/// stops the build whatever the templates did.
fn gather(failures: Vec<Failure>) -> Result<(), Failure> {
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
        Ok(())
    }
}

/// The date a report entered the archive (`YYYY-MM-DD`), for the feed and the catalog's last
/// update: as printed, else the day (in China) its source file last changed, else the first day
/// after the year it covers.
fn entry_date(paths: &SitePaths, report: &archive_core::model::Report) -> String {
    if let Some(published) = report.published {
        return published.to_string();
    }
    let china = jiff::tz::offset(8);
    std::fs::metadata(paths.root.join(&report.source.file))
        .and_then(|metadata| metadata.modified())
        .ok()
        .and_then(|modified| jiff::Timestamp::try_from(modified).ok())
        .map_or_else(
            || format!("{}-01-01", report.year + 1),
            |when| china.to_datetime(when).date().to_string(),
        )
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
    relative_links: bool,
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
    archived: originals::ArchiveView,
    notes: Option<String>,
    agency: AgencyView,
    data_url: String,
    previous: Option<ReportLink>,
    next: Option<ReportLink>,
    preamble_html: String,
    sections: Vec<SectionView>,
    checks: checks::ReportChecksView,
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let (template, context) = renderer.context(page, &page_url(renderer.archive, page));
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
