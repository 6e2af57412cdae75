//! The site's addresses: every page and data file an archive publishes, where each one is found
//! below the base path, and which file holds it. Rendering, the search index, the preview and the
//! output all name files through this module, so the scheme is written once.

use archive_core::answers::builder::{BUILDER_INDEX_PATH, values_path};
use archive_core::answers::catalog::{CATALOG_PATH, DICTIONARY_PATH};
use archive_core::answers::rankings_csv::rankings_csv_path;
use archive_core::compare::RANKED_MEASURES;
use archive_core::export::DataKind;
use archive_core::index::Index;
use archive_core::model::{Agency, AgencyKind, Archive, Original, Region, Report};

/// The folder below the site's root that holds the index.
pub const SEARCH_DIR: &str = "pagefind";

/// One page of the site, drawn through the theme's templates.
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
    /// Which reports the archive has, for every agency and year, and which were late.
    Coverage,
    /// 名词解释: every row, column and heading of the templates in plain words.
    Glossary,
    /// 搜索: the search box and its filters (the index is `search`'s).
    Search,
    /// 排名: the years' rankings and the regions' totals.
    Rankings,
    /// One year's rankings of the agencies in a scope.
    RankingYear(u16, RankingScope),
    /// A region's totals over the years (a position in `archive.regions`).
    RegionTotals(usize),
    /// 自定义报表: the report builder, drawn by its script from the builder's data files.
    Builder,
}

/// Which agencies a ranking page ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RankingScope {
    /// Every agency.
    All,
    /// A province's or a city's (a position in `archive.regions`): deeper regions are filtered
    /// in the rankings CSV and the builder, so that pages stay few at 100,000 reports.
    Region(usize),
    /// One kind of agency.
    Kind(AgencyKind),
}

/// The deepest regions that get ranking pages of their own: provinces and cities.
pub const RANKED_REGION_DEPTH: usize = 2;

/// One data file of the site, made from the model without templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataFile {
    /// One report's data as JSON (a position in `archive.reports`).
    Report(usize),
    /// One agency's values over the years as CSV (a position in `archive.agencies`).
    Agency(usize),
    /// One of the archive-wide files: a CSV of the values, or their schema.
    Archive(DataKind),
    /// A file of the answers across agencies: rankings, the builder's data, the catalog.
    Answers(AnswersFile),
}

/// A data file of the answers across agencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnswersFile {
    /// The dataset catalog, DCAT in JSON-LD.
    Catalog,
    /// The data dictionary (CSV).
    Dictionary,
    /// A year's full rankings (CSV).
    Rankings(u16),
    /// The builder's agencies, regions, kinds, years and measures.
    BuilderIndex,
    /// The builder's values of one year and one measure (a position in `RANKED_MEASURES`).
    BuilderValues(u16, usize),
}

impl AnswersFile {
    /// The file's address below the base path.
    pub fn url(self) -> String {
        match self {
            AnswersFile::Catalog => CATALOG_PATH.to_owned(),
            AnswersFile::Dictionary => DICTIONARY_PATH.to_owned(),
            AnswersFile::Rankings(year) => rankings_csv_path(year),
            AnswersFile::BuilderIndex => BUILDER_INDEX_PATH.to_owned(),
            AnswersFile::BuilderValues(year, measure) => {
                values_path(year, RANKED_MEASURES[measure].key)
            }
        }
    }
}

/// The answers' data files of an archive: the catalog and dictionary, the builder's index, and
/// each year's rankings CSV and builder values.
pub fn answers_files(index: &Index) -> Vec<AnswersFile> {
    let mut files = vec![
        AnswersFile::Catalog,
        AnswersFile::Dictionary,
        AnswersFile::BuilderIndex,
    ];
    for &year in index.years.keys().rev() {
        files.push(AnswersFile::Rankings(year));
        files.extend(
            (0..RANKED_MEASURES.len()).map(|measure| AnswersFile::BuilderValues(year, measure)),
        );
    }
    files
}

/// The answers' files that show a report of `year`: all but the dictionary (the catalog lists
/// every report, the builder's index every agency that reported).
pub fn answers_files_of_year(index: &Index, year: u16) -> Vec<AnswersFile> {
    answers_files(index)
        .into_iter()
        .filter(|file| match file {
            AnswersFile::Dictionary => false,
            AnswersFile::Rankings(of) | AnswersFile::BuilderValues(of, _) => *of == year,
            AnswersFile::Catalog | AnswersFile::BuilderIndex => true,
        })
        .collect()
}

/// The ranking pages of a year: every agency, each province and city with a report of the
/// year, each kind of agency with one.
pub fn ranking_pages(archive: &Archive, index: &Index, year: u16) -> Vec<Page> {
    let mut regions = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    for &report in index.years.get(&year).into_iter().flatten() {
        let agency = &archive.agencies[index.agency_of(report)];
        kinds.insert(agency.kind);
        let mut end = 0;
        for part in agency.region.split('/').take(RANKED_REGION_DEPTH) {
            end += part.len();
            if let Ok(at) = archive
                .regions
                .binary_search_by(|region| region.path.as_str().cmp(&agency.region[..end]))
            {
                regions.insert(at);
            }
            end += 1;
        }
    }
    std::iter::once(RankingScope::All)
        .chain(regions.into_iter().map(RankingScope::Region))
        .chain(kinds.into_iter().map(RankingScope::Kind))
        .map(|scope| Page::RankingYear(year, scope))
        .collect()
}

/// A year's ranking page's address below the base path (`rankings/2023/`,
/// `rankings/2023/regions/jiangsu/`, `rankings/2023/kinds/department/`).
pub fn ranking_url(archive: &Archive, year: u16, scope: RankingScope) -> String {
    match scope {
        RankingScope::All => format!("rankings/{year}/"),
        RankingScope::Region(at) => {
            format!("rankings/{year}/regions/{}/", archive.regions[at].path)
        }
        RankingScope::Kind(kind) => format!("rankings/{year}/kinds/{}/", kind.key()),
    }
}

/// Any file the renderer makes: a page or a data file. The preview's lists of stale files name
/// both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SiteFile {
    /// A templated page.
    Page(Page),
    /// A data file.
    Data(DataFile),
}

impl From<Page> for SiteFile {
    fn from(page: Page) -> SiteFile {
        SiteFile::Page(page)
    }
}

impl From<DataFile> for SiteFile {
    fn from(file: DataFile) -> SiteFile {
        SiteFile::Data(file)
    }
}

/// An agency page's address below the base path (`agencies/pingtan/`).
pub fn agency_url(agency: &Agency) -> String {
    format!("agencies/{}/", agency.id)
}

/// An agency's CSV file's address below the base path (`agencies/pingtan/pingtan.csv`). No
/// report's file collides with it: a report's folder is its year.
pub fn agency_csv_url(agency: &Agency) -> String {
    archive_core::answers::agency_csv::agency_csv_path(&agency.id)
}

/// A report page's address below the base path (`agencies/pingtan/2023/`).
pub fn report_url(report: &Report) -> String {
    format!("agencies/{}/{}/", report.agency, report.year)
}

/// An archived original's address below the base path, beside its report's page
/// (`agencies/hongze/2023/<sha256>.pdf`; see `Original::published_name`).
pub fn original_url(report: &Report, original: &Original) -> String {
    format!("{}{}", report_url(report), original.published_name())
}

/// A year page's address below the base path (`years/2023/`).
pub fn year_url(year: u16) -> String {
    format!("years/{year}/")
}

/// A region page's address below the base path (`regions/jiangsu/huaian/`).
pub fn region_url(region: &Region) -> String {
    format!("regions/{}/", region.path)
}

/// Every templated page of an archive, in a fixed order: the lists, then agencies, reports,
/// years, regions. A region gets a page when an agency is in it or below it: the region list
/// `init` writes names every county of a province or of the country, and empty pages for all
/// of them would be most of the site.
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
        Page::Rankings,
        Page::Builder,
        Page::NotFound,
        Page::Sitemap,
        Page::Feed,
        Page::Robots,
    ];
    pages.extend((0..archive.agencies.len()).map(Page::Agency));
    pages.extend((0..archive.reports.len()).map(Page::Report));
    pages.extend(index.years.keys().map(|&year| Page::Year(year)));
    pages.extend(
        (0..archive.regions.len())
            .filter(|&at| has_agencies(index, &archive.regions[at]))
            .map(Page::Region),
    );
    for &year in index.years.keys() {
        pages.extend(ranking_pages(archive, index, year));
    }
    pages.extend(
        (0..archive.regions.len())
            .filter(|&at| has_agencies(index, &archive.regions[at]))
            .map(Page::RegionTotals),
    );
    pages
}

/// Whether an agency is in `region` or below it (and so the region has a page).
pub fn has_agencies(index: &Index, region: &Region) -> bool {
    index.region_agency_counts.contains_key(&region.path)
}

/// Every data file of an archive: the archive-wide ones, then each agency's, then each report's.
pub fn all_data_files(archive: &Archive, index: &Index) -> Vec<DataFile> {
    let mut files: Vec<DataFile> = archive_core::export::data_kinds(index)
        .into_iter()
        .map(DataFile::Archive)
        .collect();
    files.extend(answers_files(index).into_iter().map(DataFile::Answers));
    files.extend((0..archive.agencies.len()).map(DataFile::Agency));
    files.extend((0..archive.reports.len()).map(DataFile::Report));
    files
}

/// A page's address below the base path (`agencies/pingtan/2023/`).
pub fn page_url(archive: &Archive, page: Page) -> String {
    match page {
        Page::Home => String::new(),
        Page::Agencies => "agencies/".to_owned(),
        Page::Agency(at) => agency_url(&archive.agencies[at]),
        Page::Report(at) => report_url(&archive.reports[at]),
        Page::Years => "years/".to_owned(),
        Page::Year(year) => year_url(year),
        Page::Regions => "regions/".to_owned(),
        Page::Region(at) => region_url(&archive.regions[at]),
        Page::NotFound => "404.html".to_owned(),
        Page::Sitemap => "sitemap.xml".to_owned(),
        Page::Feed => "atom.xml".to_owned(),
        Page::Robots => "robots.txt".to_owned(),
        Page::Quality => "quality/".to_owned(),
        Page::Data => "data/".to_owned(),
        Page::Coverage => "coverage/".to_owned(),
        Page::Glossary => "glossary/".to_owned(),
        Page::Search => "search/".to_owned(),
        Page::Rankings => "rankings/".to_owned(),
        Page::RankingYear(year, scope) => ranking_url(archive, year, scope),
        Page::RegionTotals(at) => format!("rankings/regions/{}/", archive.regions[at].path),
        Page::Builder => "builder/".to_owned(),
    }
}

/// A report's data file's address below the base path (`agencies/pingtan/2023/data.json`).
pub fn report_data_url(report: &Report) -> String {
    format!("{}data.json", report_url(report))
}

/// A data file's address below the base path (`data/2023-wide.csv`).
pub fn data_url(archive: &Archive, file: DataFile) -> String {
    match file {
        DataFile::Report(at) => report_data_url(&archive.reports[at]),
        DataFile::Agency(at) => agency_csv_url(&archive.agencies[at]),
        DataFile::Archive(kind) => kind.path(),
        DataFile::Answers(file) => file.url(),
    }
}

/// Any file's address below the base path.
pub fn file_url(archive: &Archive, file: SiteFile) -> String {
    match file {
        SiteFile::Page(page) => page_url(archive, page),
        SiteFile::Data(file) => data_url(archive, file),
    }
}

/// Any file's path in the output (`agencies/pingtan/2023/index.html`).
pub fn file_path(archive: &Archive, file: SiteFile) -> String {
    url_to_path(&file_url(archive, file))
}

/// Where a page's address is written: `x/` → `x/index.html`.
pub fn url_to_path(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No two of the example site's pages and data files are written to the same file.
    #[test]
    fn every_page_and_data_file_has_a_file_of_its_own() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::build::Site::load(root, None).unwrap();
        let (archive, index) = (&site.archive, &site.index);
        let files: Vec<SiteFile> = all_pages(archive, index)
            .into_iter()
            .map(SiteFile::Page)
            .chain(
                all_data_files(archive, index)
                    .into_iter()
                    .map(SiteFile::Data),
            )
            .collect();
        assert!(files.contains(&SiteFile::Data(DataFile::Report(0))));
        let mut paths = std::collections::BTreeMap::new();
        for file in files {
            if let Some(other) = paths.insert(file_path(archive, file), file) {
                panic!("{file:?} and {other:?} share a file");
            }
        }
    }
}
