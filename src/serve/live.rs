//! One loaded site, drawn page by page as requests ask for it. The model and the cache of drawn
//! pages change together: an edit holds the model's lock while it changes the model and forgets
//! the pages it makes stale, and a page is drawn and kept under the same lock, so that no request
//! gets a page drawn from a half-updated model, nor keeps one drawn before an edit.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::Bytes;
use rayon::prelude::*;

use super::cache::PageCache;
use crate::address::{
    Page, SiteFile, all_data_files, all_pages, file_path, file_url, original_url,
};
use crate::build::Site;
use archive_core::diagnostic::Diagnostic;

/// The loaded site and where each of its files is.
pub struct Model {
    /// The site as loaded and edited since.
    pub site: Site,
    /// Every page and data file by its path below the site's root.
    addresses: HashMap<Arc<str>, SiteFile>,
    /// Every report's archived originals, by the path the site publishes them at: the file in
    /// `content/` each one is read from when asked (the loader checked its hash).
    originals: HashMap<Arc<str>, PathBuf>,
}

impl Model {
    fn new(site: Site) -> Model {
        let mut model = Model {
            site,
            addresses: HashMap::new(),
            originals: HashMap::new(),
        };
        model.readdress();
        model
    }

    /// Finds every file's path again: after a report is added or removed, positions move.
    pub fn readdress(&mut self) {
        let (archive, index) = (&self.site.archive, &self.site.index);
        self.addresses = all_pages(archive, index)
            .into_iter()
            .map(SiteFile::Page)
            .chain(
                all_data_files(archive, index)
                    .into_iter()
                    .map(SiteFile::Data),
            )
            .map(|file| (Arc::from(file_path(archive, file)), file))
            .collect();
        let content = self.site.paths.root.join("content");
        self.originals = archive
            .reports
            .iter()
            .flat_map(|report| {
                report.originals.iter().map(|original| {
                    (
                        Arc::from(original_url(report, original)),
                        content.join(&report.agency).join(&original.file),
                    )
                })
            })
            .collect();
    }

    /// The archived original published at `path`, read from `content/` (not kept in the cache:
    /// it is a file as published, not a drawn page); `None` when there is none, or it cannot be
    /// read any more (the next load reports that).
    fn original(&self, path: &str) -> Option<Bytes> {
        let file = self.originals.get(path)?;
        std::fs::read(file).ok().map(Bytes::from)
    }

    /// How many pages and data files the site has.
    pub fn files(&self) -> usize {
        self.addresses.len()
    }

    /// Draws `files` (in parallel): each one's path and bytes, or the first error.
    fn draw(&mut self, files: &[SiteFile]) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        // Serve's checks leave the narratives' similarity out (`Site::load_for_preview`): a
        // report's page, the only file that shows it, finds it from the model as it is now.
        for file in files {
            if let SiteFile::Page(Page::Report(at)) = *file {
                let site = &mut self.site;
                site.checks.refresh_similarity(&site.archive, at);
            }
        }
        let renderer = self.site.renderer();
        files
            .par_iter()
            .map(|&file| match file {
                SiteFile::Page(page) => renderer.render(page),
                SiteFile::Data(data) => Ok(renderer.data_files().draw(data)),
            })
            .collect()
    }

    /// The addresses of `files` below the base path.
    pub fn urls(&self, files: &[SiteFile]) -> Vec<String> {
        files
            .iter()
            .map(|&file| file_url(&self.site.archive, file))
            .collect()
    }
}

/// What the cache holds, and how many files were drawn (`__archive/stats`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CacheStats {
    /// Files drawn since the site was loaded, on request or ahead of it.
    pub draws: u64,
    /// Files kept.
    pub cached_files: usize,
    /// Their bytes.
    pub cached_bytes: usize,
    /// The most bytes kept.
    pub cache_bound: usize,
}

/// A loaded site, its pages drawn when asked and kept while valid.
pub struct LiveSite {
    model: Mutex<Model>,
    cache: Mutex<PageCache>,
    draws: AtomicU64,
}

impl LiveSite {
    /// `site`, nothing drawn yet, keeping at most `cache_bound` bytes of drawn files.
    pub fn new(site: Site, cache_bound: usize) -> LiveSite {
        LiveSite {
            model: Mutex::new(Model::new(site)),
            cache: Mutex::new(PageCache::new(cache_bound)),
            draws: AtomicU64::new(0),
        }
    }

    /// The model, for reading or for an edit (see [`LiveSite::forget`]). A draw that panicked
    /// left it whole (drawing only reads it).
    pub fn lock(&self) -> MutexGuard<'_, Model> {
        self.model.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cache(&self) -> MutexGuard<'_, PageCache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The file at `path` below the site's root: kept, or drawn now and kept. `None` when the
    /// site has no such file; an error when its template fails.
    pub fn page(&self, path: &str) -> Result<Option<Bytes>, Diagnostic> {
        if let Some(bytes) = self.cache().get(path) {
            return Ok(Some(bytes));
        }
        let mut model = self.lock();
        // Another request may have drawn it while this one waited for the model.
        if let Some(bytes) = self.cache().get(path) {
            return Ok(Some(bytes));
        }
        let Some(&file) = model.addresses.get(path) else {
            return Ok(model.original(path));
        };
        let drawn = self.draw_and_keep(&mut model, &[file])?;
        Ok(drawn.into_iter().next())
    }

    /// Whether the site has a file at `path`, drawn or not.
    pub fn has(&self, path: &str) -> bool {
        let model = self.lock();
        model.addresses.contains_key(path) || model.originals.contains_key(path)
    }

    /// Every file's path below the site's root, sorted.
    pub fn paths(&self) -> Vec<String> {
        let model = self.lock();
        let mut paths: Vec<String> = model
            .addresses
            .keys()
            .chain(model.originals.keys())
            .map(|path| path.to_string())
            .collect();
        paths.sort();
        paths
    }

    /// Draws `files` from `model` (locked by the caller) and keeps them; returns their bytes.
    pub fn draw_and_keep(
        &self,
        model: &mut Model,
        files: &[SiteFile],
    ) -> Result<Vec<Bytes>, Diagnostic> {
        let drawn = model.draw(files)?;
        self.draws.fetch_add(drawn.len() as u64, Ordering::Relaxed);
        let mut cache = self.cache();
        Ok(drawn
            .into_iter()
            .map(|(path, bytes)| {
                let bytes = Bytes::from(bytes);
                cache.insert(&path, bytes.clone());
                bytes
            })
            .collect())
    }

    /// Forgets the drawn files at `paths`: an edit made them stale (the caller holds the model's
    /// lock while it changes the model and until this is done).
    pub fn forget(&self, paths: &[String]) {
        let mut cache = self.cache();
        for path in paths {
            cache.remove(path);
        }
    }

    /// Forgets every drawn file.
    pub fn forget_all(&self) {
        self.cache().clear();
    }

    /// What the cache holds and how many files were drawn.
    pub fn stats(&self) -> CacheStats {
        let cache = self.cache();
        CacheStats {
            draws: self.draws.load(Ordering::Relaxed),
            cached_files: cache.files(),
            cached_bytes: cache.bytes(),
            cache_bound: cache.bound(),
        }
    }
}
