//! A whole build: configuration → sources → index → pages → output, stage after stage.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, count_errors};
use crate::index::Index;
use crate::load;
use crate::model::{Archive, SitePaths};
use crate::output::{SiteOutput, Staging, copy_tree};
use crate::render::Renderer;
use crate::render::theme::Theme;

/// What a build may be told beyond `site.toml`.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Write here instead of `output_dir`.
    pub output: Option<PathBuf>,
    /// Replace an output folder that `archive` did not make.
    pub force: bool,
    /// Publish for this address instead of `base_url`.
    pub base_url: Option<String>,
}

/// A site loaded and checked, ready to draw.
pub struct Site {
    /// Where the site's files are.
    pub paths: SitePaths,
    /// `site.toml`.
    pub config: SiteConfig,
    /// The reports.
    pub archive: Archive,
    /// The archive cross-referenced.
    pub index: Index,
    /// The compiled theme.
    pub theme: Theme,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// Loads a site from its root, or returns every error found.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Site, Vec<Diagnostic>> {
        let paths = SitePaths {
            root: root.to_path_buf(),
        };
        let mut config = SiteConfig::load(root).map_err(|error| vec![error])?;
        if let Some(base_url) = base_url {
            config.base_url = base_url.to_owned();
        }
        let loaded = load::load(root);
        let theme = Theme::load(&paths, &config.theme);
        let mut diagnostics = loaded.diagnostics;
        let theme = match theme {
            Ok(theme) => Some(theme),
            Err(error) => {
                diagnostics.push(error);
                None
            }
        };
        if count_errors(&diagnostics) > 0 {
            return Err(diagnostics);
        }
        let archive = loaded.archive;
        let index = Index::build(&archive);
        Ok(Site {
            paths,
            config,
            archive,
            index,
            theme: theme.expect("no errors, so the theme loaded"),
            warnings: diagnostics,
        })
    }
}

/// What a finished build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// Where the site was written.
    pub output: PathBuf,
    /// Pages and data files written.
    pub pages: usize,
    /// Reports in the archive.
    pub reports: usize,
    /// Agencies in the archive.
    pub agencies: usize,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// How long it took.
    pub elapsed: Duration,
}

/// Builds the site at `root` into its output folder.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildSummary, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut site = Site::load(root, options.base_url.as_deref())?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&site.config.output_dir));
    let staging = Staging::begin(root, &output, options.force).map_err(|error| vec![error])?;
    let pages = write_site(&mut site, &staging)?;
    let output = staging.commit().map_err(|error| vec![error])?;
    Ok(BuildSummary {
        output,
        pages,
        reports: site.archive.reports.len(),
        agencies: site.archive.agencies.len(),
        warnings: site.warnings,
        elapsed: started.elapsed(),
    })
}

/// Draws every page and copies the static files into `output`.
pub fn write_site(site: &mut Site, output: &dyn SiteOutput) -> Result<usize, Vec<Diagnostic>> {
    let pages = render_pages(site, output)?;
    let copied = copy_static(site, output).map_err(|error| vec![error])?;
    Ok(pages + copied)
}

/// Draws every page into `output`; returns how many.
pub fn render_pages(site: &mut Site, output: &dyn SiteOutput) -> Result<usize, Vec<Diagnostic>> {
    let renderer = Renderer::new(&site.config, &site.archive, &site.index, &mut site.theme);
    renderer.render_all(&|path, bytes| output.write(path, bytes))
}

/// Copies the theme's static files (under `static/`), then the site's own `static/` folder (to
/// the root, so that it can replace any file), into `output`; returns how many.
pub fn copy_static(site: &Site, output: &dyn SiteOutput) -> Result<usize, Diagnostic> {
    for (name, bytes) in &site.theme.static_files {
        output.write(&format!("static/{name}"), bytes.clone())?;
    }
    let copied = copy_tree(&site.paths.static_files(), output)?;
    Ok(site.theme.static_files.len() + copied)
}
