//! The site `serve` shows: loaded once, its pages drawn when a request asks for them and kept
//! while valid (`live`), then kept up to date change by change. A report edit reads that one
//! source again and forgets the drawn pages that show it, drawing the edited report's own page
//! again at once; a change to the configuration or the theme loads everything again. Whatever
//! fails, the last good site is kept, and the errors are kept beside it until a save fixes them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;

use crate::address::{DataFile, Page, SiteFile, file_path, file_url};
use crate::build::{Site, copy_static};
use crate::output::MemoryOutput;
use archive_core::check::Checks;
use archive_core::config::SiteConfig;
use archive_core::diagnostic::Diagnostic;
use archive_core::export::DataKind;
use archive_core::index::Index;
use archive_core::load::{self, AGENCY_FILE, SourceCache, SourceFile};

use super::live::{LiveSite, Model};
use crate::stale::{Dirty, ModelEdit, SourceChange, dirty_pages};

/// Beyond this many sources changed at once (a `git checkout`, a search-and-replace over the
/// archive), one whole reload is quicker than following source after source.
const MAX_INCREMENTAL_CHANGES: usize = 64;

/// How many bytes of drawn pages a preview keeps unless told otherwise: some four thousand report
/// pages, or every page of a thousand-report archive.
pub const DEFAULT_CACHE_BYTES: usize = 256 * 1024 * 1024;

/// Files in memory: path below the site's root → bytes.
pub type Files = std::collections::HashMap<Arc<str>, Bytes>;

/// The site being previewed.
pub struct Preview {
    root: PathBuf,
    origin: String,
    base_path: String,
    cache_bytes: usize,
    live: Option<Arc<LiveSite>>,
    /// The theme the last good load used: a change below it is a template change.
    theme: Option<String>,
    /// Warnings of the last good load.
    warnings: Vec<Diagnostic>,
    assets: Arc<Files>,
    /// Sources that could not be read, with their errors; the model keeps their last good
    /// version.
    file_errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// The errors of the last whole load, if it failed: until one succeeds, every change
    /// loads everything again.
    build_errors: Vec<Diagnostic>,
    /// The search index `archive build` last wrote (`public/pagefind/`), if any: the preview
    /// never indexes, so its search page searches the archive as last built.
    search_index: Option<PathBuf>,
}

/// What one round of changes did.
#[derive(Debug)]
pub struct Update {
    /// Which pages changed.
    pub changed: Changed,
    /// How many files became stale (and are drawn again when asked), or were copied.
    pub files: usize,
    /// How many of them were drawn again at once (the edited report's own files).
    pub drawn: usize,
    /// How long it took.
    pub elapsed: Duration,
}
/// Which pages an update changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// None: the sources read the same as before, or they failed.
    Nothing,
    /// These addresses (below the base path, e.g. `agencies/pingtan/2023/`), drawn or removed.
    Pages(Vec<String>),
    /// Every page.
    Everything,
}

impl Changed {
    /// These changes and the pages at `urls` too.
    fn with(self, urls: Vec<String>) -> Changed {
        match self {
            _ if urls.is_empty() => self,
            Changed::Everything => Changed::Everything,
            Changed::Nothing => Changed::Pages(urls),
            Changed::Pages(mut known) => {
                known.extend(urls);
                known.sort();
                known.dedup();
                Changed::Pages(known)
            }
        }
    }
}

impl Preview {
    /// A preview of the site at `root`, served at `origin` (`http://127.0.0.1:1111`): nothing is
    /// loaded until [`Preview::rebuild_everything`].
    pub fn new(root: &Path, origin: &str) -> Preview {
        Preview {
            root: root.to_path_buf(),
            origin: origin.trim_end_matches('/').to_owned(),
            base_path: "/".to_owned(),
            cache_bytes: DEFAULT_CACHE_BYTES,
            live: None,
            theme: None,
            warnings: Vec::new(),
            assets: Arc::default(),
            file_errors: BTreeMap::new(),
            build_errors: Vec::new(),
            search_index: None,
        }
    }

    /// Keeps at most `bytes` of drawn pages (from the next load on).
    pub fn with_cache_bytes(mut self, bytes: usize) -> Preview {
        self.cache_bytes = bytes;
        self
    }

    /// The folder of the last built search index, if there is one.
    pub fn search_index(&self) -> Option<&Path> {
        self.search_index.as_deref()
    }

    /// The loaded site, drawn on request, once a load succeeded.
    pub fn live(&self) -> Option<&Arc<LiveSite>> {
        self.live.as_ref()
    }

    /// The file at `path` below the site's root (`agencies/pingtan/2023/index.html`): kept, or
    /// drawn now. `None` when there is no such file, or its template fails (see `errors`).
    pub fn page(&self, path: &str) -> Option<Bytes> {
        self.live.as_ref()?.page(path).ok().flatten()
    }

    /// Every page's and data file's path below the site's root, sorted; none before a load
    /// succeeded.
    pub fn paths(&self) -> Vec<String> {
        self.live
            .as_ref()
            .map_or_else(Vec::new, |live| live.paths())
    }

    /// The static files (the theme's, then the site's own), served before pages of the same
    /// path.
    pub fn assets(&self) -> &Arc<Files> {
        &self.assets
    }

    /// The theme the loaded site uses.
    pub fn theme(&self) -> Option<&str> {
        self.theme.as_deref()
    }

    /// How many reports and agencies the loaded site has.
    pub fn counts(&self) -> Option<(usize, usize)> {
        let live = self.live.as_ref()?;
        let model = live.lock();
        let archive = &model.site.archive;
        Some((archive.reports.len(), archive.agencies.len()))
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site's base path (`/` or `/nianbao/`), from the last configuration read.
    pub fn base_path(&self) -> String {
        self.base_path.clone()
    }

    /// Every current error: the last failed whole load's, or those of sources that could not be
    /// read.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self.build_errors.clone();
        errors.extend(self.file_errors.values().flatten().cloned());
        errors
    }

    /// Warnings of the last whole load.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Applies a round of changes: incrementally where it can, else by loading everything.
    pub fn apply(&mut self, changes: &BTreeSet<SourceChange>) -> Update {
        let mut early = Vec::new();
        let mut update = self.apply_publishing_early(changes, &mut |_, changed| {
            if let Changed::Pages(urls) = changed {
                early.extend(urls.iter().cloned());
            }
        });
        update.changed = update.changed.with(early);
        update
    }

    /// [`Preview::apply`], handing `early` the pages that are ready before the rest: an edited
    /// report's own page, drawn again at once. The returned update names only the pages not
    /// handed on, which are drawn when next asked for.
    pub fn apply_publishing_early(
        &mut self,
        changes: &BTreeSet<SourceChange>,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Update {
        let started = Instant::now();
        let needs_everything = self.live.is_none()
            || !self.build_errors.is_empty()
            || changes.len() > MAX_INCREMENTAL_CHANGES
            || changes
                .iter()
                .any(|change| matches!(change, SourceChange::Content | SourceChange::Everything));
        if needs_everything {
            return self.rebuild_everything();
        }
        let mut changed = Vec::new();
        let mut everything = false;
        let (mut files, mut drawn) = (0, 0);
        for change in changes {
            let step = match change {
                SourceChange::Report { agency, year } => self.update_report(agency, *year, early),
                SourceChange::Agency(id) => self.update_agency(id, early),
                SourceChange::Static => self.update_static(),
                SourceChange::Content | SourceChange::Everything => unreachable!("handled above"),
            };
            match step {
                Step::Unchanged | Step::Failed => {}
                Step::Reload => return self.rebuild_everything(),
                Step::Redrawn {
                    urls,
                    stale,
                    drawn: now,
                } => {
                    changed.extend(urls);
                    files += stale;
                    drawn += now;
                }
                Step::RedrawnAll { files: count } => {
                    everything = true;
                    files += count;
                }
            }
        }
        changed.sort();
        changed.dedup();
        let changed = if everything {
            Changed::Everything
        } else if changed.is_empty() {
            Changed::Nothing
        } else {
            Changed::Pages(changed)
        };
        Update {
            changed,
            files,
            drawn,
            elapsed: started.elapsed(),
        }
    }

    /// Loads the whole site again and draws a page of each kind (see `one_of_each_kind`; they are
    /// kept), so that a template that fails keeps the last good site. On failure the last good
    /// site stays.
    pub fn rebuild_everything(&mut self) -> Update {
        let started = Instant::now();
        self.file_errors.clear();
        let failed = |preview: &mut Preview, errors: Vec<Diagnostic>| {
            preview.build_errors = errors;
            Update {
                changed: Changed::Nothing,
                files: 0,
                drawn: 0,
                elapsed: started.elapsed(),
            }
        };
        let (base_url, cache) = match SiteConfig::load(&self.root) {
            Ok(config) => {
                self.base_path = config.base_path();
                let cache = source_cache(&self.root, &config);
                (format!("{}{}", self.origin, self.base_path), cache)
            }
            Err(error) => return failed(self, vec![error]),
        };
        let site = match Site::load_for_preview(&self.root, Some(&base_url), &cache) {
            Ok(site) => site,
            Err(failure) => return failed(self, failure.diagnostics().to_vec()),
        };
        let assets = MemoryOutput::new();
        let copied = match copy_static(&site, &assets) {
            Ok(copied) => copied,
            Err(error) => return failed(self, vec![error]),
        };
        let (theme, warnings) = (site.config.theme.clone(), site.warnings.clone());
        let search_index = Some(site.config.output_dir.join(crate::address::SEARCH_DIR));
        let live = LiveSite::new(site, self.cache_bytes);
        let (files, drawn) = {
            let mut model = live.lock();
            let sample = one_of_each_kind(&model.site);
            if let Err(error) = live.draw_and_keep(&mut model, &sample) {
                return failed(self, vec![error]);
            }
            (model.files(), sample.len())
        };
        self.assets = Arc::new(into_files(assets));
        self.search_index = search_index
            .map(|folder| self.root.join(folder))
            .filter(|folder| folder.is_dir());
        self.live = Some(Arc::new(live));
        (self.theme, self.warnings) = (Some(theme), warnings);
        self.build_errors.clear();
        Update {
            changed: Changed::Everything,
            files: files + copied,
            drawn,
            elapsed: started.elapsed(),
        }
    }

    /// The loaded site: every incremental step has one (a step runs only after a load
    /// succeeded).
    fn loaded(&self) -> Arc<LiveSite> {
        Arc::clone(self.live.as_ref().expect("a site is loaded"))
    }

    fn update_report(
        &mut self,
        agency: &str,
        year: u16,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Step {
        let live = self.loaded();
        let mut model = live.lock();
        let site = &mut model.site;
        if site.archive.agency(agency).is_none() {
            // A new agency folder, or one without an agency file: the content scan tells.
            return Step::Reload;
        }
        let path = Path::new("content").join(agency).join(format!("{year}.md"));
        let had_errors = self.file_errors.remove(&path).is_some();
        let position = site
            .archive
            .reports
            .binary_search_by(|report| (report.agency.as_str(), report.year).cmp(&(agency, year)));
        if !self.root.join(&path).is_file() {
            let Ok(at) = position else {
                // Never loaded (a new file saved broken, then deleted): only its errors go.
                return Step::Unchanged;
            };
            return self.remove_report(&live, model, at, (agency, year), early);
        }
        let source = SourceFile {
            path: path.clone(),
            agency: agency.to_owned(),
            year,
        };
        let report = match load::read_source(&self.root, &source, load::current_year()) {
            Ok(report) => report,
            Err(errors) => {
                self.file_errors.insert(path, errors);
                return Step::Failed;
            }
        };
        let edit = match position {
            Ok(at) => {
                let old = &site.archive.reports[at];
                if *old == report && !had_errors {
                    return Step::Unchanged;
                }
                let listed = (&old.title, old.published, old.format)
                    != (&report.title, report.published, report.format);
                // Of a report, the index holds its agency and year (fixed by its path) and its
                // publication date (the order of the latest reports).
                let reindex = old.published != report.published;
                site.archive.reports[at] = report;
                if reindex {
                    site.index = Index::build(&site.archive);
                }
                site.checks
                    .update(&site.archive, &site.config.deadlines, &[at]);
                ModelEdit::ReportChanged { at, listed }
            }
            Err(at) => {
                site.archive.reports.insert(at, report);
                site.index = Index::build(&site.archive);
                site.checks = Checks::run_rules(&site.archive, &site.config.deadlines);
                ModelEdit::ReportAdded { at }
            }
        };
        self.redraw(&live, model, edit, Vec::new(), early)
    }

    /// Takes the report at `at` (of `agency` and `year`), whose source is gone, out of the model
    /// and its files out of the site, and forgets what showed it.
    fn remove_report(
        &mut self,
        live: &LiveSite,
        mut model: MutexGuard<'_, Model>,
        at: usize,
        (agency, year): (&str, u16),
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Step {
        let site = &mut model.site;
        let removed = [
            SiteFile::Page(Page::Report(at)),
            SiteFile::Data(DataFile::Report(at)),
        ];
        let mut removed: Vec<(String, String)> = removed
            .iter()
            .map(|&file| {
                let url = file_url(&site.archive, file);
                (crate::address::url_to_path(&url), url)
            })
            .collect();
        site.archive.reports.remove(at);
        site.index = Index::build(&site.archive);
        site.checks = Checks::run_rules(&site.archive, &site.config.deadlines);
        if !site.index.years.contains_key(&year) {
            // Its year's page and files go too; the open pages showing them are told by the
            // edit's list of stale pages.
            let year_files = [
                SiteFile::Page(Page::Year(year)),
                DataFile::Archive(DataKind::LongYear(year)).into(),
                DataFile::Archive(DataKind::WideYear(year)).into(),
            ];
            removed.extend(year_files.iter().map(|&file| {
                let path = file_path(&site.archive, file);
                (path, String::new())
            }));
        }
        let agency = site
            .archive
            .agencies
            .binary_search_by(|known| known.id.as_str().cmp(agency))
            .expect("update_report found the agency");
        self.redraw(
            live,
            model,
            ModelEdit::ReportRemoved { agency, year },
            removed,
            early,
        )
    }

    fn update_agency(&mut self, id: &str, early: &mut dyn FnMut(&Preview, &Changed)) -> Step {
        let live = self.loaded();
        let mut model = live.lock();
        let site = &mut model.site;
        let path = Path::new("content").join(id).join(AGENCY_FILE);
        let Ok(at) = site
            .archive
            .agencies
            .binary_search_by(|agency| agency.id.as_str().cmp(id))
        else {
            return Step::Reload;
        };
        if !self.root.join(&path).is_file() {
            return Step::Reload;
        }
        let had_errors = self.file_errors.remove(&path).is_some();
        let agency = match load::read_agency(&self.root, id, &site.archive.regions) {
            Ok(agency) => agency,
            Err(error) => {
                self.file_errors.insert(path, vec![error]);
                return Step::Failed;
            }
        };
        let old = &site.archive.agencies[at];
        if *old == agency && !had_errors {
            return Step::Unchanged;
        }
        let listed =
            (&old.name, old.kind, &old.region) != (&agency.name, agency.kind, &agency.region);
        site.archive.agencies[at] = agency;
        // The agency's kind decides its deadline (R7).
        site.checks = Checks::run_rules(&site.archive, &site.config.deadlines);
        self.redraw(
            &live,
            model,
            ModelEdit::AgencyChanged { at, listed },
            Vec::new(),
            early,
        )
    }

    fn update_static(&mut self) -> Step {
        let live = self.loaded();
        let model = live.lock();
        self.file_errors.remove(Path::new("static"));
        let assets = MemoryOutput::new();
        match copy_static(&model.site, &assets) {
            Ok(copied) => {
                self.assets = Arc::new(into_files(assets));
                Step::RedrawnAll { files: copied }
            }
            Err(error) => {
                self.file_errors
                    .insert(PathBuf::from("static"), vec![error]);
                Step::Failed
            }
        }
    }

    /// Forgets the drawn files an edit makes stale and those of files that are gone
    /// (`removed`: each one's path and, when open pages show it, its address), while the model's
    /// lock is held: no request can keep a page drawn before the edit. An edited or added
    /// report's own page and data are drawn again at once and handed to `early`, after the lock
    /// is let go: the page being edited reloads without waiting for anything else.
    fn redraw(
        &mut self,
        live: &LiveSite,
        mut model: MutexGuard<'_, Model>,
        edit: ModelEdit,
        removed: Vec<(String, String)>,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Step {
        let (removed_paths, mut urls): (Vec<String>, Vec<String>) = removed.into_iter().unzip();
        urls.retain(|url| !url.is_empty());
        live.forget(&removed_paths);
        if matches!(
            edit,
            ModelEdit::ReportAdded { .. } | ModelEdit::ReportRemoved { .. }
        ) {
            model.readdress();
        }
        let stale = match dirty_pages(edit, &model.site.archive, &model.site.index) {
            Dirty::All => {
                live.forget_all();
                return Step::RedrawnAll {
                    files: model.files(),
                };
            }
            Dirty::Files(files) => files,
        };
        let stale_paths: Vec<String> = stale
            .iter()
            .map(|&file| file_path(&model.site.archive, file))
            .collect();
        live.forget(&stale_paths);
        let (first, rest): (Vec<SiteFile>, Vec<SiteFile>) = match edit {
            ModelEdit::ReportChanged { at, .. } | ModelEdit::ReportAdded { at } => {
                stale.iter().partition(|file| {
                    matches!(
                        file,
                        SiteFile::Page(Page::Report(report))
                            | SiteFile::Data(DataFile::Report(report))
                            if *report == at
                    )
                })
            }
            _ => (Vec::new(), stale.clone()),
        };
        if let Err(error) = live.draw_and_keep(&mut model, &first) {
            // The model moved on but its pages cannot be drawn: the next change loads everything.
            self.build_errors = vec![error];
            return Step::Failed;
        }
        let first_urls = model.urls(&first);
        urls.extend(model.urls(&rest));
        drop(model);
        if !first_urls.is_empty() {
            early(self, &Changed::Pages(first_urls));
        }
        Step::Redrawn {
            urls,
            stale: stale.len(),
            drawn: first.len(),
        }
    }
}

/// The load cache the site's builds keep beside their output (`archive build` writes it; serve
/// only reads it, writing no files): the reports whose sources did not change since the last
/// build are taken from it rather than read again.
fn source_cache(root: &Path, config: &SiteConfig) -> SourceCache {
    let output = crate::output::resolve(&root.join(&config.output_dir));
    SourceCache::open(
        &crate::incremental::cache_folder(&output),
        &crate::incremental::binary_version(),
    )
}

/// A page of each kind drawn from one item (the home page, the first agency, report, year and
/// region, and the small fixed pages), to try the templates on a new load before it replaces the
/// last good one. The lists of every agency, region or report (the sitemap, the feed, 数据质量, the
/// coverage grid, 数据下载) are left to a request: at 100,000 reports each takes seconds, and
/// the first page would wait for them.
fn one_of_each_kind(site: &Site) -> Vec<SiteFile> {
    let (archive, index) = (&site.archive, &site.index);
    crate::address::all_pages(archive, index)
        .into_iter()
        .filter(|page| match page {
            Page::Home | Page::NotFound | Page::Glossary | Page::Search | Page::Robots => true,
            Page::Agency(at) | Page::Report(at) | Page::Region(at) => *at == 0,
            Page::Year(year) => index.years.keys().next() == Some(year),
            _ => false,
        })
        .map(SiteFile::Page)
        .collect()
}

/// What one change did.
enum Step {
    /// The sources read the same.
    Unchanged,
    /// A source could not be read (its errors are recorded).
    Failed,
    /// The change needs the whole content read again.
    Reload,
    /// These pages went stale (or were removed); `drawn` of them were drawn again at once.
    Redrawn {
        urls: Vec<String>,
        stale: usize,
        drawn: usize,
    },
    /// Every page went stale (or every static file was copied).
    RedrawnAll { files: usize },
}

fn into_files(output: MemoryOutput) -> Files {
    output
        .into_files()
        .into_iter()
        .map(|(path, bytes)| (Arc::from(path), Bytes::from(bytes)))
        .collect()
}
