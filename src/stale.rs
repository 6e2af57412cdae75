//! What a change to the site's sources makes stale: which source a touched path is ([`classify`]),
//! and which pages show what changed in the model ([`dirty_pages`]). `serve` forgets the pages
//! it names, and an incremental `archive build` draws only them (`crate::incremental`). Both are
//! pure, so that the rules can be tested without a file system or a browser.

use std::path::Path;

use crate::address::{DataFile, Page, SiteFile};
use archive_core::config::CONFIG_FILE;
use archive_core::index::Index;
use archive_core::load::{AGENCY_FILE, is_ignored};
use archive_core::model::Archive;

/// One of the site's sources, named by where it is. Whether the file still exists is looked up
/// when the change is applied: editors save by writing in place, by writing a copy and renaming
/// it over the file, or by deleting and recreating it, so the kind of event says little.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceChange {
    /// `content/<agency>/<year>.md`.
    Report {
        /// The agency folder.
        agency: String,
        /// The year the file name says.
        year: u16,
    },
    /// `content/<agency>/_agency.yaml`.
    Agency(String),
    /// Anything else in `content/`: the regions file, agency folders made, renamed or removed,
    /// stray files. The whole content is read again (and its problems reported).
    Content,
    /// The site's own `static/` folder.
    Static,
    /// `site.toml`, the theme in use or the site's `templates/`: everything is rebuilt.
    Everything,
}

/// The source a path (relative to the site's root) belongs to, or `None` for paths no build
/// reads: the output folder, other themes, hidden files, editor backups and swap files. `theme`
/// is the theme in use, if known (when it is not, any theme counts).
pub fn classify(relative: &Path, theme: Option<&str>) -> Option<SourceChange> {
    let parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|part| is_ignored(part)) {
        return None;
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let change = match parts.as_slice() {
        [CONFIG_FILE] | ["templates", ..] | ["themes"] => SourceChange::Everything,
        ["themes", name, ..] if theme.is_none_or(|theme| theme == *name) => {
            SourceChange::Everything
        }
        ["static", ..] => SourceChange::Static,
        ["content", agency, file] if *file == AGENCY_FILE => {
            SourceChange::Agency((*agency).to_owned())
        }
        ["content", agency, file] => match report_year(file) {
            Some(year) => SourceChange::Report {
                agency: (*agency).to_owned(),
                year,
            },
            None => SourceChange::Content,
        },
        ["content", ..] => SourceChange::Content,
        _ => return None,
    };
    Some(change)
}

/// The year of a report source's name (`2023.md`), as the content scan reads it.
fn report_year(name: &str) -> Option<u16> {
    name.strip_suffix(".md")
        .filter(|stem| stem.len() == 4)
        .and_then(|stem| stem.parse().ok())
}

/// What applying a change did to the model. Positions are those after the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelEdit {
    /// A report's source was read again. `listed` tells whether what lists show of it (title,
    /// publication date, template version) changed, or only its own page's content.
    ReportChanged {
        /// The report's position.
        at: usize,
        /// Whether lists show the change.
        listed: bool,
    },
    /// A report was added.
    ReportAdded {
        /// The new report's position.
        at: usize,
    },
    /// A report was removed.
    ReportRemoved {
        /// Its agency's position.
        agency: usize,
        /// Its year.
        year: u16,
    },
    /// An agency file was read again. `listed` tells whether its name, kind or region changed
    /// (every list shows them), or only what its own pages show (website, aliases).
    AgencyChanged {
        /// The agency's position.
        at: usize,
        /// Whether lists show the change.
        listed: bool,
    },
}

/// The files an edit makes stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dirty {
    /// Every page and data file.
    All,
    /// These pages and data files, each once.
    Files(Vec<SiteFile>),
}

/// The pages and data files that show what `edit` changed, given the archive and index after the
/// edit.
///
/// A page belongs here when its drawn data reads the changed report or agency: its own page and
/// data file, the neighbouring reports' pages (their previous/next links), the agency's page,
/// the year's page, and where counts or lists change, the home page, the list pages, the
/// agency's region page, the sitemap and the feed. Pages added later that show report data (a
/// comparison, say) must be added here too; the tests below list the rules.
pub fn dirty_pages(edit: ModelEdit, archive: &Archive, index: &Index) -> Dirty {
    let mut pages = Vec::new();
    match edit {
        ModelEdit::ReportChanged { at, listed } => {
            pages.extend(report_files(at));
            // The checks: the next year's R5, R6 and similarity read this report; findings are
            // counted on the agency's page, the home page and the 数据质量 page.
            let (previous, next) = index.neighbours(archive, at);
            pages.extend(next.into_iter().flat_map(report_files));
            // The year before's page: its cells that this report's R5 and R6 cite carry an id.
            pages.extend(report_pages(previous));
            pages.extend(agency_pages(index.agency_of(at)));
            pages.extend([SiteFile::Page(Page::Home), SiteFile::Page(Page::Quality)]);
            pages.extend(data_pages(index, archive.reports[at].year));
            let year = archive.reports[at].year;
            pages.extend(answers_pages(
                archive,
                index,
                index.agency_of(at),
                year,
                false,
            ));
            if listed {
                let (previous, next) = index.neighbours(archive, at);
                pages.extend(report_pages(previous.into_iter().chain(next)));
                pages.extend([
                    SiteFile::Page(Page::Year(archive.reports[at].year)),
                    SiteFile::Page(Page::Home),
                    SiteFile::Page(Page::Feed),
                ]);
            }
        }
        ModelEdit::ReportAdded { at } => {
            let agency = index.agency_of(at);
            let year = archive.reports[at].year;
            pages.extend(report_files(at));
            let (previous, next) = index.neighbours(archive, at);
            pages.extend(report_pages(previous.into_iter().chain(next)));
            // The next report's data: its cross-year checks (R5, R6) compare with this one now.
            pages.extend(next.map(DataFile::Report).map(SiteFile::Data));
            pages.extend(listing_pages(archive, index, agency, year));
            pages.push(SiteFile::Page(Page::Quality));
            pages.extend(data_pages(index, year));
            pages.extend(answers_pages(archive, index, agency, year, true));
        }
        ModelEdit::ReportRemoved { agency, year } => {
            // The reports on either side of the gap now link to each other.
            let range = index.reports_of(agency);
            let gap = range.start
                + archive.reports[range.clone()]
                    .iter()
                    .take_while(|report| report.year < year)
                    .count();
            if gap > range.start {
                pages.push(SiteFile::Page(Page::Report(gap - 1)));
            }
            if gap < range.end {
                // Its page links back across the gap, and its data's cross-year checks no longer
                // compare with the removed year.
                pages.extend(report_files(gap));
            }
            pages.extend(listing_pages(archive, index, agency, year));
            pages.push(SiteFile::Page(Page::Quality));
            pages.extend(data_pages(index, year));
            pages.extend(answers_pages(archive, index, agency, year, true));
        }
        ModelEdit::AgencyChanged { listed: true, .. } => return Dirty::All,
        ModelEdit::AgencyChanged { at, listed: false } => {
            pages.extend(agency_pages(at));
            pages.extend(report_pages(index.reports_of(at)));
        }
    }
    let mut unique = Vec::with_capacity(pages.len());
    for page in pages {
        if !unique.contains(&page) {
            unique.push(page);
        }
    }
    Dirty::Files(unique)
}

/// An agency's page (its key figures) and its CSV file (every value over the years).
fn agency_pages(at: usize) -> [SiteFile; 2] {
    [
        SiteFile::Page(Page::Agency(at)),
        SiteFile::Data(DataFile::Agency(at)),
    ]
}

/// A report's page and its data file.
fn report_files(at: usize) -> [SiteFile; 2] {
    [
        SiteFile::Page(Page::Report(at)),
        SiteFile::Data(DataFile::Report(at)),
    ]
}

/// The pages of these reports.
fn report_pages(reports: impl IntoIterator<Item = usize>) -> impl Iterator<Item = SiteFile> {
    reports
        .into_iter()
        .map(|at| SiteFile::Page(Page::Report(at)))
}

/// The comparisons and data downloads that hold a report of `year`: its year's table, the
/// coverage grid, the 数据下载 page (file sizes), the archive's and the year's CSV files.
fn data_pages(index: &Index, year: u16) -> Vec<SiteFile> {
    use archive_core::export::DataKind;
    let mut pages = vec![
        SiteFile::Page(Page::Coverage),
        SiteFile::Page(Page::Data),
        SiteFile::Data(DataFile::Archive(DataKind::LongArchive)),
        SiteFile::Data(DataFile::Archive(DataKind::Findings)),
    ];
    // A year whose last report went has no pages or files any more.
    if index.years.contains_key(&year) {
        pages.extend([
            SiteFile::Page(Page::Year(year)),
            SiteFile::Data(DataFile::Archive(DataKind::LongYear(year))),
            SiteFile::Data(DataFile::Archive(DataKind::WideYear(year))),
        ]);
    }
    pages
}

/// The answers across agencies that show a report of `agency` in `year`: the year's ranking pages
/// and its region's totals (and those of the regions above it), the year's builder and rankings
/// files and the catalog. A report added or removed (`listed`) can add or remove a year, a
/// region's or a kind's ranking pages, which every ranking page and the builder's form link or
/// list, and moves the agencies' positions every builder file refers to: all of those too.
fn answers_pages(
    archive: &Archive,
    index: &Index,
    agency: usize,
    year: u16,
    listed: bool,
) -> Vec<SiteFile> {
    use crate::address::{AnswersFile, answers_files, answers_files_of_year, ranking_pages};
    let mut pages: Vec<SiteFile> = if listed {
        let mut all = vec![
            SiteFile::Page(Page::Rankings),
            SiteFile::Page(Page::Builder),
        ];
        for &known in index.years.keys() {
            all.extend(
                ranking_pages(archive, index, known)
                    .into_iter()
                    .map(SiteFile::Page),
            );
        }
        all
    } else {
        ranking_pages(archive, index, year)
            .into_iter()
            .map(SiteFile::Page)
            .collect()
    };
    let region = &archive.agencies[agency].region;
    pages.extend(
        archive
            .regions
            .iter()
            .enumerate()
            .filter(|(_, known)| archive_core::answers::in_region(region, &known.path))
            .map(|(at, _)| SiteFile::Page(Page::RegionTotals(at))),
    );
    let files = if listed {
        answers_files(index)
            .into_iter()
            .filter(|file| *file != AnswersFile::Dictionary)
            .collect()
    } else {
        answers_files_of_year(index, year)
    };
    pages.extend(
        files
            .into_iter()
            .map(|file| SiteFile::Data(DataFile::Answers(file))),
    );
    pages
}

/// The pages that count or list an agency's reports, after one of its reports of `year` was
/// added or removed.
fn listing_pages(archive: &Archive, index: &Index, agency: usize, year: u16) -> Vec<SiteFile> {
    let mut pages = vec![
        SiteFile::Page(Page::Home),
        SiteFile::Page(Page::Agencies),
        SiteFile::Page(Page::Agency(agency)),
        SiteFile::Data(DataFile::Agency(agency)),
        SiteFile::Page(Page::Years),
        SiteFile::Page(Page::Regions),
        SiteFile::Page(Page::Sitemap),
        SiteFile::Page(Page::Feed),
        SiteFile::Page(Page::Search), // its filters count reports, and its index comes in parts of so many
    ];
    let region = &archive.agencies[agency].region;
    if let Ok(at) = archive
        .regions
        .binary_search_by(|known| known.path.as_str().cmp(region))
    {
        pages.push(SiteFile::Page(Page::Region(at)));
    }
    match index.years.get(&year) {
        // The year had other reports: only its page changes.
        Some(reports) if reports.len() > 1 => pages.push(SiteFile::Page(Page::Year(year))),
        // The year is new or gone: every year page links to the years before and after it.
        _ => pages.extend(
            index
                .years
                .keys()
                .map(|&year| SiteFile::Page(Page::Year(year))),
        ),
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::AnswersFile;
    use archive_core::export::DataKind;
    use archive_core::format::FormatId;
    use archive_core::model::{Agency, AgencyKind, Cells, Region, Report, SourceMap};
    use std::path::PathBuf;

    fn classified(path: &str) -> Option<SourceChange> {
        classify(&PathBuf::from(path), Some("default"))
    }

    fn report(agency: &str, year: u16) -> SourceChange {
        SourceChange::Report {
            agency: agency.to_owned(),
            year,
        }
    }

    #[test]
    fn report_sources_agency_files_and_the_rest_of_content() {
        assert_eq!(
            classified("content/pingtan/2023.md"),
            Some(report("pingtan", 2023))
        );
        assert_eq!(
            classified("content/pingtan/_agency.yaml"),
            Some(SourceChange::Agency("pingtan".to_owned()))
        );
        for path in [
            "content",
            "content/_regions.yaml",
            "content/pingtan",
            "content/new-agency",
            "content/pingtan/notes.txt",
            "content/pingtan/23.md",
            "content/pingtan/sub/2023.md",
            "content/stray.md",
        ] {
            assert_eq!(classified(path), Some(SourceChange::Content), "{path}");
        }
    }

    #[test]
    fn configuration_templates_and_the_theme_in_use_rebuild_everything() {
        for path in [
            "site.toml",
            "templates",
            "templates/report.html",
            "templates/partials/table.html",
            "themes",
            "themes/default",
            "themes/default/templates/base.html",
            "themes/default/static/style.css",
        ] {
            assert_eq!(classified(path), Some(SourceChange::Everything), "{path}");
        }
        assert_eq!(classified("themes/other/templates/base.html"), None);
        assert_eq!(
            classify(Path::new("themes/other/templates/base.html"), None),
            Some(SourceChange::Everything),
            "with no site loaded, any theme may be the one in use"
        );
        assert_eq!(classified("static/logo.svg"), Some(SourceChange::Static));
        assert_eq!(classified("static"), Some(SourceChange::Static));
    }

    #[test]
    fn editor_files_and_paths_no_build_reads_are_ignored() {
        for path in [
            "content/pingtan/.2023.md.swp",
            "content/pingtan/.2023.md.swx",
            "content/pingtan/2023.md~",
            "content/pingtan/4913",
            "content/pingtan/#2023.md#",
            "content/pingtan/.#2023.md",
            "content/pingtan/2023.md.tmp",
            "content/pingtan/2023.md___jb_tmp___",
            "content/pingtan/2023.md___jb_old___",
            "content/pingtan/2023.md.kate-swp",
            "content/.hidden/2023.md",
            "templates/.base.html.swp",
            "public/index.html",
            ".public.staging/index.html",
            ".git/index",
            "README.md",
            "site.toml~",
        ] {
            assert_eq!(classified(path), None, "{path}");
        }
    }

    /// Two agencies, one placed in a region; pingtan has 2021–2023, hongze 2023.
    fn archive() -> (Archive, Index) {
        let agency = |id: &str, region: &str| Agency {
            id: id.to_owned(),
            name: id.to_owned(),
            aliases: Vec::new(),
            kind: AgencyKind::PeopleGovernment,
            region: region.to_owned(),
            website: None,
        };
        let report = |agency: &str, year: u16| Report {
            agency: agency.to_owned(),
            year,
            format: FormatId::Gb2021,
            title: format!("{agency} {year}"),
            published: None,
            issuer: None,
            source_url: None,
            original_file: None,
            notes: None,
            import_notes: None,
            originals: Vec::new(),
            cells: Cells::default(),
            body: Default::default(),
            source: SourceMap::default(),
        };
        let archive = Archive {
            agencies: vec![agency("hongze", "jiangsu"), agency("pingtan", "")],
            regions: vec![Region {
                path: "jiangsu".to_owned(),
                name: "江苏省".to_owned(),
            }],
            reports: vec![
                report("hongze", 2023),
                report("pingtan", 2021),
                report("pingtan", 2022),
                report("pingtan", 2023),
            ],
        };
        let index = Index::build(&archive);
        (archive, index)
    }

    fn pages(dirty: Dirty) -> Vec<SiteFile> {
        match dirty {
            Dirty::Files(pages) => pages,
            Dirty::All => panic!("expected a list of pages"),
        }
    }

    /// What an edit of a report in `year` adds to the stale files: the year's ranking pages and
    /// answers' data files (all years', the builder's page and the rankings' index when the
    /// report was added or removed: `listed`), and the totals of `regions`.
    fn answers(
        archive: &Archive,
        index: &Index,
        year: u16,
        listed: bool,
        regions: &[usize],
    ) -> Vec<SiteFile> {
        let years: Vec<u16> = if listed {
            index.years.keys().copied().collect()
        } else {
            vec![year]
        };
        let listing = [
            SiteFile::Page(Page::Rankings),
            SiteFile::Page(Page::Builder),
        ];
        listing
            .into_iter()
            .filter(|_| listed)
            .chain(years.into_iter().flat_map(|year| {
                crate::address::ranking_pages(archive, index, year)
                    .into_iter()
                    .map(SiteFile::Page)
            }))
            .chain(
                regions
                    .iter()
                    .map(|&at| SiteFile::Page(Page::RegionTotals(at))),
            )
            .chain(
                crate::address::answers_files(index)
                    .into_iter()
                    .filter(|file| match file {
                        AnswersFile::Dictionary => false,
                        AnswersFile::Rankings(of) | AnswersFile::BuilderValues(of, _) => {
                            listed || *of == year
                        }
                        AnswersFile::Catalog | AnswersFile::BuilderIndex => true,
                    })
                    .map(|file| SiteFile::Data(DataFile::Answers(file))),
            )
            .collect()
    }

    #[test]
    fn editing_a_reports_content_redraws_its_page_and_what_its_checks_reach() {
        let (archive, index) = archive();
        let edit = ModelEdit::ReportChanged {
            at: 2,
            listed: false,
        };
        assert_eq!(
            pages(dirty_pages(edit, &archive, &index)),
            [
                SiteFile::Page(Page::Report(2)),
                SiteFile::Data(DataFile::Report(2)),
                SiteFile::Page(Page::Report(3)), // next year's R5, R6 and similarity read this report
                SiteFile::Data(DataFile::Report(3)),
                SiteFile::Page(Page::Report(1)), // the cells its R5 and R6 cite have ids
                SiteFile::Page(Page::Agency(1)), // finding counts, key figures
                SiteFile::Data(DataFile::Agency(1)),
                SiteFile::Page(Page::Home),
                SiteFile::Page(Page::Quality),
                SiteFile::Page(Page::Coverage),
                SiteFile::Page(Page::Data),
                SiteFile::Data(DataFile::Archive(DataKind::LongArchive)),
                SiteFile::Data(DataFile::Archive(DataKind::Findings)),
                SiteFile::Page(Page::Year(2022)),
                SiteFile::Data(DataFile::Archive(DataKind::LongYear(2022))),
                SiteFile::Data(DataFile::Archive(DataKind::WideYear(2022))),
            ]
            .into_iter()
            .chain(answers(&archive, &index, 2022, false, &[]))
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn editing_what_lists_show_redraws_the_lists_that_show_the_report() {
        let (archive, index) = archive();
        let edit = ModelEdit::ReportChanged {
            at: 2,
            listed: true,
        };
        assert_eq!(
            pages(dirty_pages(edit, &archive, &index)),
            [
                SiteFile::Page(Page::Report(2)),
                SiteFile::Data(DataFile::Report(2)),
                SiteFile::Page(Page::Report(3)), // next year's checks, and its "previous" link
                SiteFile::Data(DataFile::Report(3)),
                SiteFile::Page(Page::Report(1)), // cited cells' ids, and its "next" link
                SiteFile::Page(Page::Agency(1)),
                SiteFile::Data(DataFile::Agency(1)),
                SiteFile::Page(Page::Home),
                SiteFile::Page(Page::Quality),
                SiteFile::Page(Page::Coverage),
                SiteFile::Page(Page::Data),
                SiteFile::Data(DataFile::Archive(DataKind::LongArchive)),
                SiteFile::Data(DataFile::Archive(DataKind::Findings)),
                SiteFile::Page(Page::Year(2022)),
                SiteFile::Data(DataFile::Archive(DataKind::LongYear(2022))),
                SiteFile::Data(DataFile::Archive(DataKind::WideYear(2022))),
            ]
            .into_iter()
            .chain(answers(&archive, &index, 2022, false, &[]))
            .chain([SiteFile::Page(Page::Feed)])
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn adding_a_report_of_a_known_year_redraws_counts_lists_and_neighbours() {
        let (archive, index) = archive();
        // hongze 2023 at 0 is in a region and its year has other reports.
        let edit = ModelEdit::ReportAdded { at: 0 };
        assert_eq!(
            pages(dirty_pages(edit, &archive, &index)),
            [
                SiteFile::Page(Page::Report(0)),
                SiteFile::Data(DataFile::Report(0)),
                SiteFile::Page(Page::Home),
                SiteFile::Page(Page::Agencies),
                SiteFile::Page(Page::Agency(0)),
                SiteFile::Data(DataFile::Agency(0)),
                SiteFile::Page(Page::Years),
                SiteFile::Page(Page::Regions),
                SiteFile::Page(Page::Sitemap),
                SiteFile::Page(Page::Feed),
                SiteFile::Page(Page::Search),
                SiteFile::Page(Page::Region(0)),
                SiteFile::Page(Page::Year(2023)),
                SiteFile::Page(Page::Quality),
                SiteFile::Page(Page::Coverage),
                SiteFile::Page(Page::Data),
                SiteFile::Data(DataFile::Archive(DataKind::LongArchive)),
                SiteFile::Data(DataFile::Archive(DataKind::Findings)),
                SiteFile::Data(DataFile::Archive(DataKind::LongYear(2023))),
                SiteFile::Data(DataFile::Archive(DataKind::WideYear(2023))),
            ]
            .into_iter()
            .chain(answers(&archive, &index, 2023, true, &[0]))
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_new_or_vanished_year_redraws_every_year_page() {
        let (archive, index) = archive();
        // pingtan 2021 at 1 is the only report of 2021.
        let added = pages(dirty_pages(
            ModelEdit::ReportAdded { at: 1 },
            &archive,
            &index,
        ));
        for year in [2021, 2022, 2023] {
            assert!(
                added.contains(&SiteFile::Page(Page::Year(year))),
                "{year}: {added:?}"
            );
        }
        assert!(
            added.contains(&SiteFile::Page(Page::Report(2))),
            "the next report links back"
        );
        assert!(
            !added
                .iter()
                .any(|page| matches!(page, SiteFile::Page(Page::Region(_)))),
            "pingtan has no region"
        );

        // pingtan 2020 removed (never in this archive): 2020 is gone, the rest stay.
        let removed = pages(dirty_pages(
            ModelEdit::ReportRemoved {
                agency: 1,
                year: 2020,
            },
            &archive,
            &index,
        ));
        for year in [2021, 2022, 2023] {
            assert!(
                removed.contains(&SiteFile::Page(Page::Year(year))),
                "{year}: {removed:?}"
            );
        }
    }

    #[test]
    fn removing_a_report_redraws_the_reports_on_either_side() {
        let (mut archive, _) = archive();
        archive.reports.remove(2); // pingtan 2022
        let index = Index::build(&archive);
        let removed = pages(dirty_pages(
            ModelEdit::ReportRemoved {
                agency: 1,
                year: 2022,
            },
            &archive,
            &index,
        ));
        assert_eq!(
            removed,
            [
                SiteFile::Page(Page::Report(1)), // pingtan 2021
                SiteFile::Page(Page::Report(2)), // pingtan 2023
                SiteFile::Data(DataFile::Report(2)),
                SiteFile::Page(Page::Home),
                SiteFile::Page(Page::Agencies),
                SiteFile::Page(Page::Agency(1)),
                SiteFile::Data(DataFile::Agency(1)),
                SiteFile::Page(Page::Years),
                SiteFile::Page(Page::Regions),
                SiteFile::Page(Page::Sitemap),
                SiteFile::Page(Page::Feed),
                SiteFile::Page(Page::Search),
                SiteFile::Page(Page::Year(2021)),
                SiteFile::Page(Page::Year(2023)),
                SiteFile::Page(Page::Quality),
                SiteFile::Page(Page::Coverage),
                SiteFile::Page(Page::Data),
                SiteFile::Data(DataFile::Archive(DataKind::LongArchive)),
                SiteFile::Data(DataFile::Archive(DataKind::Findings)),
            ]
            .into_iter()
            // 2022 is gone, and with it its rankings and builder files.
            .chain(answers(&archive, &index, 2022, true, &[]))
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_agency_file_redraws_its_pages_or_everything() {
        let (archive, index) = archive();
        assert_eq!(
            pages(dirty_pages(
                ModelEdit::AgencyChanged {
                    at: 1,
                    listed: false
                },
                &archive,
                &index
            )),
            [
                SiteFile::Page(Page::Agency(1)),
                SiteFile::Data(DataFile::Agency(1)),
                SiteFile::Page(Page::Report(1)),
                SiteFile::Page(Page::Report(2)),
                SiteFile::Page(Page::Report(3))
            ]
        );
        assert_eq!(
            dirty_pages(
                ModelEdit::AgencyChanged {
                    at: 1,
                    listed: true
                },
                &archive,
                &index
            ),
            Dirty::All
        );
    }
}
