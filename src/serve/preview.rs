//! The site `serve` shows: loaded and drawn into memory once, then kept up to date change by
//! change. A report edit reads that one source again and redraws the pages that show it; a
//! change to the configuration or the theme rebuilds everything. Whatever fails, the last good
//! pages are kept, and the errors are kept beside them until a save fixes them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;

use crate::address::{DataFile, Page, SiteFile, file_path, file_url};
use crate::build::{Site, copy_static, render_pages};
use crate::output::MemoryOutput;
use archive_core::check::Checks;
use archive_core::config::SiteConfig;
use archive_core::diagnostic::Diagnostic;
use archive_core::export::DataKind;
use archive_core::index::Index;
use archive_core::load::{self, AGENCY_FILE, SourceFile};

use super::change::{Dirty, ModelEdit, SourceChange, dirty_pages};

/// Beyond this many sources changed at once (a `git checkout`, a search-and-replace over the
/// archive), one whole rebuild is quicker than redrawing source after source.
const MAX_INCREMENTAL_CHANGES: usize = 64;

/// Files in memory: path below the site's root → bytes.
pub type Files = HashMap<Arc<str>, Bytes>;

/// The site being previewed.
pub struct Preview {
    root: PathBuf,
    origin: String,
    base_path: String,
    site: Option<Site>,
    pages: Arc<Files>,
    assets: Arc<Files>,
    /// Sources that could not be read, with their errors; the model keeps their last good
    /// version.
    file_errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// The errors of the last whole build, if it failed: until one succeeds, every change
    /// rebuilds everything.
    build_errors: Vec<Diagnostic>,
    /// Archive-wide data files and the 数据下载 page, stale after edits, drawn when the saves
    /// pause.
    deferred: BTreeSet<SiteFile>,
    /// The search index `archive build` last wrote (`public/pagefind/`), if any: the preview
    /// never indexes, so its search page searches the archive as last built.
    search_index: Option<PathBuf>,
}

/// What one round of changes did.
#[derive(Debug)]
pub struct Update {
    /// Which pages changed.
    pub changed: Changed,
    /// How many files were drawn or copied.
    pub files: usize,
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
    /// built until [`Preview::rebuild_everything`].
    pub fn new(root: &Path, origin: &str) -> Preview {
        Preview {
            root: root.to_path_buf(),
            origin: origin.trim_end_matches('/').to_owned(),
            base_path: "/".to_owned(),
            site: None,
            pages: Arc::default(),
            assets: Arc::default(),
            file_errors: BTreeMap::new(),
            build_errors: Vec::new(),
            deferred: BTreeSet::new(),
            search_index: None,
        }
    }

    /// The folder of the last built search index, if there is one.
    pub fn search_index(&self) -> Option<&Path> {
        self.search_index.as_deref()
    }

    /// The drawn pages.
    pub fn pages(&self) -> &Arc<Files> {
        &self.pages
    }

    /// The static files (the theme's, then the site's own), served before pages of the same
    /// path.
    pub fn assets(&self) -> &Arc<Files> {
        &self.assets
    }

    /// The loaded site, once a build succeeded.
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site's base path (`/` or `/nianbao/`), from the last configuration read.
    pub fn base_path(&self) -> String {
        self.base_path.clone()
    }

    /// Every current error: the last failed whole build's, or those of sources that could not be
    /// read.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self.build_errors.clone();
        errors.extend(self.file_errors.values().flatten().cloned());
        errors
    }

    /// Warnings of the last whole build.
    pub fn warnings(&self) -> &[Diagnostic] {
        self.site.as_ref().map_or(&[], |site| &site.warnings)
    }

    /// Applies a round of changes, the archive-wide data files included: incrementally where it
    /// can, else by rebuilding everything.
    pub fn apply(&mut self, changes: &BTreeSet<SourceChange>) -> Update {
        let mut early = Vec::new();
        let mut update = self.apply_publishing_early(changes, &mut |_, changed| {
            if let Changed::Pages(urls) = changed {
                early.extend(urls.iter().cloned());
            }
        });
        update.changed = update.changed.with(early);
        if let Some(deferred) = self.draw_deferred() {
            update.changed = update.changed.with(match deferred.changed {
                Changed::Pages(urls) => urls,
                Changed::Nothing | Changed::Everything => Vec::new(),
            });
            update.files += deferred.files;
        }
        update
    }

    /// Whether archive-wide data files wait to be redrawn ([`Preview::draw_deferred`]).
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Redraws the archive-wide data files and the 数据下载 page that edits made stale. They hold
    /// every report (the long CSV of 10,000 reports takes seconds to make), so a save leaves
    /// them to this, which `serve` calls once the saves pause. `None` when nothing waits.
    pub fn draw_deferred(&mut self) -> Option<Update> {
        if self.deferred.is_empty() {
            return None;
        }
        let started = Instant::now();
        let site = self.site.as_ref().expect("deferred pages have a site");
        // A year whose last report went has no files any more.
        let (files, pages): (Vec<SiteFile>, Vec<SiteFile>) = std::mem::take(&mut self.deferred)
            .into_iter()
            .filter(|file| match file {
                SiteFile::Data(DataFile::Archive(
                    DataKind::LongYear(year) | DataKind::WideYear(year),
                )) => site.index.years.contains_key(year),
                _ => true,
            })
            .partition(|file| matches!(file, SiteFile::Data(_)));
        let mut urls = self.draw(&files, &[])?;
        urls.extend(self.draw(&pages, &[])?);
        Some(Update {
            changed: Changed::Pages(urls),
            files: files.len() + pages.len(),
            elapsed: started.elapsed(),
        })
    }

    /// [`Preview::apply`], handing `early` the pages that are ready before the rest: an edited
    /// report's own page, before the lists that show it. The returned update names only the
    /// pages not handed on.
    pub fn apply_publishing_early(
        &mut self,
        changes: &BTreeSet<SourceChange>,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Update {
        let started = Instant::now();
        let needs_everything = self.site.is_none()
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
        let mut files = 0;
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
                Step::Redrawn { urls, files: count } => {
                    changed.extend(urls);
                    files += count;
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
            elapsed: started.elapsed(),
        }
    }

    /// Loads and draws the whole site again. On failure the last good pages stay.
    pub fn rebuild_everything(&mut self) -> Update {
        let started = Instant::now();
        self.file_errors.clear();
        let failed = |preview: &mut Preview, errors: Vec<Diagnostic>| {
            preview.build_errors = errors;
            Update {
                changed: Changed::Nothing,
                files: 0,
                elapsed: started.elapsed(),
            }
        };
        let base_url = match SiteConfig::load(&self.root) {
            Ok(config) => {
                self.base_path = config.base_path();
                format!("{}{}", self.origin, self.base_path)
            }
            Err(error) => return failed(self, vec![error]),
        };
        let mut site = match Site::load(&self.root, Some(&base_url)) {
            Ok(site) => site,
            Err(failure) => return failed(self, failure.diagnostics().to_vec()),
        };
        let pages = MemoryOutput::new();
        let assets = MemoryOutput::new();
        let drawn = match render_pages(&mut site, &pages) {
            Ok(drawn) => drawn,
            Err(failure) => return failed(self, failure.diagnostics().to_vec()),
        };
        let copied = match copy_static(&site, &assets) {
            Ok(copied) => copied,
            Err(error) => return failed(self, vec![error]),
        };
        self.pages = Arc::new(into_files(pages));
        self.assets = Arc::new(into_files(assets));
        self.deferred.clear();
        self.search_index = Some(
            self.root
                .join(&site.config.output_dir)
                .join(crate::address::SEARCH_DIR),
        )
        .filter(|folder| folder.is_dir());
        self.site = Some(site);
        self.build_errors.clear();
        Update {
            changed: Changed::Everything,
            files: drawn + copied,
            elapsed: started.elapsed(),
        }
    }

    fn update_report(
        &mut self,
        agency: &str,
        year: u16,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Step {
        let site = self.site.as_mut().expect("a site is loaded");
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
            return self.remove_report(at, agency, year, early);
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
                site.checks = Checks::run(&site.archive, &site.config.deadlines);
                ModelEdit::ReportAdded { at }
            }
        };
        self.redraw(edit, &[], Vec::new(), early)
    }

    /// Takes the report at `at` (of `agency` and `year`), whose source is gone, out of the model
    /// and its files out of the site, and redraws what showed it.
    fn remove_report(
        &mut self,
        at: usize,
        agency: &str,
        year: u16,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Step {
        let site = self.site.as_mut().expect("a site is loaded");
        let removed = [
            SiteFile::Page(Page::Report(at)),
            SiteFile::Data(DataFile::Report(at)),
        ];
        let removed_urls: Vec<String> = removed
            .iter()
            .map(|&file| file_url(&site.archive, file))
            .collect();
        let mut removed_paths: Vec<String> = removed
            .iter()
            .map(|&file| file_path(&site.archive, file))
            .collect();
        site.archive.reports.remove(at);
        site.index = Index::build(&site.archive);
        site.checks = Checks::run(&site.archive, &site.config.deadlines);
        if !site.index.years.contains_key(&year) {
            removed_paths.push(file_path(&site.archive, Page::Year(year).into()));
            for kind in [DataKind::LongYear(year), DataKind::WideYear(year)] {
                removed_paths.push(file_path(&site.archive, DataFile::Archive(kind).into()));
            }
        }
        let agency = site
            .archive
            .agencies
            .binary_search_by(|known| known.id.as_str().cmp(agency))
            .expect("update_report found the agency");
        self.redraw(
            ModelEdit::ReportRemoved { agency, year },
            &removed_paths,
            removed_urls,
            early,
        )
    }

    fn update_agency(&mut self, id: &str, early: &mut dyn FnMut(&Preview, &Changed)) -> Step {
        let site = self.site.as_mut().expect("a site is loaded");
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
        site.checks = Checks::run(&site.archive, &site.config.deadlines);
        self.redraw(
            ModelEdit::AgencyChanged { at, listed },
            &[],
            Vec::new(),
            early,
        )
    }

    fn update_static(&mut self) -> Step {
        let site = self.site.as_ref().expect("a site is loaded");
        self.file_errors.remove(Path::new("static"));
        let assets = MemoryOutput::new();
        match copy_static(site, &assets) {
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

    /// Draws the pages an edit makes stale and removes the files of pages that are gone; keeps
    /// the old pages if any page fails to draw. When a report is edited, its own page and data are
    /// drawn and handed to `early` first: the page being edited need not wait for a year's list
    /// of two thousand reports, nor for the archive's CSV files.
    fn redraw(
        &mut self,
        edit: ModelEdit,
        removed_paths: &[String],
        mut urls: Vec<String>,
        early: &mut dyn FnMut(&Preview, &Changed),
    ) -> Step {
        let site = self.site.as_mut().expect("a site is loaded");
        let pages = match dirty_pages(edit, &site.archive, &site.index) {
            Dirty::All => {
                let pages = MemoryOutput::new();
                return match render_pages(site, &pages) {
                    Ok(files) => {
                        self.pages = Arc::new(into_files(pages));
                        self.deferred.clear();
                        Step::RedrawnAll { files }
                    }
                    Err(failure) => {
                        self.build_errors = failure.diagnostics().to_vec();
                        Step::Failed
                    }
                };
            }
            Dirty::Files(pages) => pages,
        };
        let (deferred, pages): (Vec<SiteFile>, Vec<SiteFile>) =
            pages.into_iter().partition(|file| {
                matches!(
                    file,
                    SiteFile::Data(DataFile::Archive(_)) | SiteFile::Page(Page::Data)
                )
            });
        self.deferred.extend(deferred);
        let (first, rest): (Vec<SiteFile>, Vec<SiteFile>) = match edit {
            ModelEdit::ReportChanged { at, .. } => pages.iter().partition(|file| {
                matches!(
                    file,
                    SiteFile::Page(Page::Report(report)) | SiteFile::Data(DataFile::Report(report))
                        if *report == at
                )
            }),
            _ => (Vec::new(), pages),
        };
        let mut files = 0;
        if !first.is_empty() {
            let Some(drawn) = self.draw(&first, &[]) else {
                return Step::Failed;
            };
            files += first.len();
            early(self, &Changed::Pages(drawn));
        }
        let Some(drawn) = self.draw(&rest, removed_paths) else {
            return Step::Failed;
        };
        urls.extend(drawn);
        Step::Redrawn {
            urls,
            files: files + rest.len(),
        }
    }

    /// Draws `pages` (and data files) into the files and removes `removed_paths`; returns their
    /// addresses, or `None` (with the error recorded) if a page fails to draw.
    fn draw(&mut self, pages: &[SiteFile], removed_paths: &[String]) -> Option<Vec<String>> {
        let site = self.site.as_mut().expect("a site is loaded");
        // The data files are in memory, drawn before the 数据下载 page: it gives their sizes.
        let data_sizes = pages.contains(&Page::Data.into()).then(|| {
            archive_core::export::data_kinds(&site.index)
                .into_iter()
                .map(|kind| {
                    let path = file_path(&site.archive, DataFile::Archive(kind).into());
                    let size = self.pages.get(path.as_str()).map_or(0, Bytes::len);
                    (kind, size as u64)
                })
                .collect()
        });
        let renderer = site.renderer();
        if let Some(sizes) = data_sizes {
            renderer.data_files().use_sizes(sizes);
        }
        let drawn: Result<Vec<(String, Vec<u8>)>, Diagnostic> = pages
            .par_iter()
            .map(|&file| match file {
                SiteFile::Page(page) => renderer.render(page),
                SiteFile::Data(data) => Ok(renderer.data_files().draw(data)),
            })
            .collect();
        let urls = pages
            .iter()
            .map(|&file| file_url(&site.archive, file))
            .collect();
        let drawn = match drawn {
            Ok(drawn) => drawn,
            Err(error) => {
                // The model moved on but its pages could not be drawn: the next change rebuilds
                // everything.
                self.build_errors = vec![error];
                return None;
            }
        };
        let files = Arc::make_mut(&mut self.pages);
        for path in removed_paths {
            files.remove(path.as_str());
        }
        for (path, bytes) in drawn {
            files.insert(Arc::from(path), Bytes::from(bytes));
        }
        Some(urls)
    }
}

/// What one change did.
enum Step {
    /// The sources read the same.
    Unchanged,
    /// A source could not be read (its errors are recorded).
    Failed,
    /// The change needs the whole content read again.
    Reload,
    /// These pages were drawn or removed.
    Redrawn { urls: Vec<String>, files: usize },
    /// Every page was drawn again (or every static file copied).
    RedrawnAll { files: usize },
}

fn into_files(output: MemoryOutput) -> Files {
    output
        .into_files()
        .into_iter()
        .map(|(path, bytes)| (Arc::from(path), Bytes::from(bytes)))
        .collect()
}
