//! A whole build: configuration → sources → index → pages → output, stage after stage.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::address::SiteFile;
use crate::incremental::{self, FullReason, Manifest, Plan, SourceRecord};
use crate::search::PartRecord;
use crate::search_parts::NarrativeKey;

use crate::output::{SiteOutput, Staging, copy_tree};
use crate::render::theme::Theme;
use crate::render::{Renderer, SiteFiles};
use crate::theme_files::ThemeFiles;
use crate::timings::Stages;
use archive_core::check::{
    Checks, InputKey, KeptChecks, ReportPlace, Summary, check_sources, input_keys,
};
use archive_core::config::{Deadlines, SiteConfig};
use archive_core::diagnostic::{Diagnostic, Failure, Location, count_errors};
use archive_core::export::MemberCache;
use archive_core::index::Index;
use archive_core::load::{self, Narratives, SourceCache};
use archive_core::model::{Archive, SitePaths};

/// What a build may be told beyond `site.toml`.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Write here instead of `output_dir`.
    pub output: Option<PathBuf>,
    /// Replace an output folder that `archive` did not make.
    pub force: bool,
    /// Publish for this address instead of `base_url`.
    pub base_url: Option<String>,
    /// Fail (and write nothing) when the checks find anything.
    pub strict: bool,
    /// Leave the search index out (a preview's rebuild on every save): the previous output's
    /// `pagefind/` folder, if any, is carried over instead.
    pub skip_search: bool,
    /// Write links relative to each page (as `relative_links = true` in site.toml).
    pub relative_links: bool,
    /// Draw every file, whatever the last build's manifest says (`--full`).
    pub full: bool,
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
    /// What the checks found in the reports (published beside them).
    pub checks: Checks,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// The fingerprint of the theme's files (an incremental build compares it with the last).
    pub theme_fingerprint: String,
}

impl Site {
    /// What draws the site's pages.
    pub fn renderer(&mut self) -> Renderer<'_> {
        Renderer::new(
            &self.config,
            &self.paths,
            &self.archive,
            &self.index,
            &self.checks,
            &mut self.theme,
        )
    }

    /// Loads a site from its root, or returns every error found.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Site, Failure> {
        Site::load_cached(root, base_url, &SourceCache::disabled())
    }

    /// Loads a site from its root, taking the reports whose sources did not change from `cache`.
    pub fn load_cached(
        root: &Path,
        base_url: Option<&str>,
        cache: &SourceCache,
    ) -> Result<Site, Failure> {
        Site::load_checked_by(root, base_url, cache, Checks::run)
    }

    /// Loads a site for `serve`, as [`Site::load_cached`] but checking the rules only: the
    /// narratives' similarity, which only a report's own page shows, is found when that page is
    /// drawn (`serve::live`), so that the first page does not wait for every report's.
    pub fn load_for_preview(
        root: &Path,
        base_url: Option<&str>,
        cache: &SourceCache,
    ) -> Result<Site, Failure> {
        Site::load_checked_by(root, base_url, cache, Checks::run_rules)
    }

    fn load_checked_by(
        root: &Path,
        base_url: Option<&str>,
        cache: &SourceCache,
        run: fn(&Archive, &Deadlines) -> Checks,
    ) -> Result<Site, Failure> {
        let config = SiteConfig::load(root).map_err(Failure::setup)?;
        let check = |archive: &Archive, config: &SiteConfig, stages: &mut Stages| {
            let checks = run(archive, &config.deadlines);
            stages.done("checks");
            Ok(checks)
        };
        let stages = &mut Stages::start();
        Site::load_with(
            root,
            config,
            base_url,
            (cache, Narratives::AsRead),
            stages,
            check,
        )
    }

    /// Loads a site whose `site.toml` was read already; `check` makes the checks of the loaded
    /// archive (all of them again, or those a build did not keep) and times itself.
    fn load_with<C>(
        root: &Path,
        mut config: SiteConfig,
        base_url: Option<&str>,
        (cache, narratives): (&SourceCache, Narratives),
        stages: &mut Stages,
        check: C,
    ) -> Result<Site, Failure>
    where
        C: FnOnce(&Archive, &SiteConfig, &mut Stages) -> Result<Checks, Failure>,
    {
        let paths = SitePaths {
            root: root.to_path_buf(),
        };
        if let Some(base_url) = base_url {
            config.base_url = base_url.to_owned();
        }
        // The theme and the sources are both read before either's errors stop the build, so
        // that one run reports them all.
        let mut theme_fingerprint = String::new();
        let theme = ThemeFiles::read(&paths, &config.theme).and_then(|files| {
            theme_fingerprint = incremental::theme_fingerprint(&files);
            Theme::compile(files)
        });
        stages.done("theme");
        let loaded = load::load_cached(root, cache, narratives);
        stages.done(&format!(
            "load sources ({} of {} reports from the cache)",
            cache.reports_taken(),
            loaded.archive.reports.len()
        ));
        let mut diagnostics = loaded.diagnostics;
        diagnostics.extend(cache.note());
        let theme = match theme {
            Ok(theme) => Some(theme),
            Err(Failure::Setup(setup)) if count_errors(&diagnostics) == 0 => {
                return Err(Failure::Setup(setup));
            }
            Err(failure) => {
                diagnostics.extend_from_slice(failure.diagnostics());
                None
            }
        };
        let Some(theme) = theme.filter(|_| count_errors(&diagnostics) == 0) else {
            return Err(Failure::Sources(diagnostics));
        };
        let archive = loaded.archive;
        let index = Index::build(&archive);
        stages.done("index");
        let checks = check(&archive, &config, stages)?;
        Ok(Site {
            paths,
            config,
            archive,
            index,
            theme,
            checks,
            warnings: diagnostics,
            theme_fingerprint,
        })
    }
}

/// What `archive check` found: every source problem, and the findings on every report that could
/// be read.
#[derive(Debug)]
pub struct CheckRun {
    /// Where each report that could be read came from, by agency, then year.
    pub reports: Vec<ReportPlace>,
    /// The checks of those reports.
    pub checks: Checks,
    /// Source errors and warnings (the theme's too).
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads a site and checks it without drawing or writing anything. Only a `site.toml` that cannot
/// be read is an `Err`: broken sources are reported in the run, and the rest are checked. The
/// sources are checked agency by agency as they are read (`check::check_sources`): no model of
/// the whole archive is held.
pub fn check(root: &Path) -> Result<CheckRun, Failure> {
    let paths = SitePaths {
        root: root.to_path_buf(),
    };
    let config = SiteConfig::load(root).map_err(Failure::setup)?;
    let checked = check_sources(root, &config.deadlines);
    let mut diagnostics = checked.diagnostics;
    if let Err(failure) = ThemeFiles::read(&paths, &config.theme).and_then(Theme::compile) {
        diagnostics.extend_from_slice(failure.diagnostics());
    }
    Ok(CheckRun {
        reports: checked.reports,
        checks: checked.checks,
        diagnostics,
    })
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
    /// What the checks found.
    pub checks: Summary,
    /// The search index: reports, files, bytes and time (`None` when skipped).
    pub search: Option<SearchSummary>,
    /// What was drawn: every file, and why, or only the stale ones.
    pub drawn: Drawn,
    /// How long it took.
    pub elapsed: Duration,
}

/// What building the search index did.
pub type SearchSummary = crate::search::SearchStats;

/// What a build drew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    /// Every file, for this reason.
    Everything(FullReason),
    /// Only the files the changed sources make stale; the rest were carried over.
    Stale {
        /// Sources added, changed or removed since the last build.
        sources: usize,
        /// Pages and data files drawn.
        files: usize,
        /// Pages and data files in the site.
        of: usize,
    },
}

/// Builds the site at `root` into its output folder. The output is checked and locked before
/// anything else: a refused folder or another build of it is reported at once, and the lock is
/// held for the whole build.
///
/// The build is incremental (`crate::incremental`): it draws only what the sources changed
/// since the last build of this output make stale, and carries every other file over; a file
/// drawn with the bytes it had is carried over too, so that unchanged files keep their
/// modification time. A full build writes the new site aside and swaps it in whole; an
/// incremental one stages only the files that change and renames them into place under a
/// journal (`crate::journal`), so that its cost follows what changed.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildSummary, Failure> {
    let started = Instant::now();
    let mut stages = Stages::start();
    let config = SiteConfig::load(root).map_err(Failure::setup)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    let mut staging = Staging::begin(root, &output, options.force).map_err(Failure::setup)?;
    let Loaded {
        mut site,
        cache,
        kept,
        keys,
        manifest,
    } = load_for_build(root, config, options, &staging, &mut stages)?;
    site.config.relative_links |= options.relative_links;
    if options.strict && !site.checks.findings.is_empty() {
        return Err(Failure::Sources(
            site.checks
                .findings
                .iter()
                .map(|finding| finding.to_diagnostic())
                .collect(),
        ));
    }
    let (mut manifest, mut previous, plan) = plan_build(options, manifest, &site, &staging);
    stages.done("plan");
    if let Some(previous) = &mut previous {
        // Moved, not copied: 232,000 paths at 100,000 reports.
        staging.trust(std::mem::take(&mut previous.files));
    }
    // Only the changed files are staged and renamed into place; a full build swaps whole trees.
    if matches!(plan, Plan::Stale { .. }) {
        staging.commit_in_place().map_err(Failure::setup)?;
    }
    stages.done("list output");
    let members = member_cache(&site, &staging, &manifest);
    // The last manifest still says all this build would record, if no source changed, the
    // index keeps its parts and the commit finds every file as recorded: it is not written again.
    let mut same_record = matches!(plan, Plan::Stale { sources: 0, .. });
    let (mut pages, drawn) = match plan {
        Plan::Everything(reason) => (
            write_site(&mut site, &staging, members)?,
            Drawn::Everything(reason),
        ),
        Plan::Stale { files, sources } => {
            write_stale(&mut site, &staging, &files, sources, members)?
        }
    };
    stages.done("draw");
    // The last build's index parts, and the narrative keys they were keyed by, are reused
    // only if this binary built them.
    let (reusable, narratives) = previous
        .filter(|previous| previous.version == manifest.version)
        .map(|previous| (previous.search, previous.narratives))
        .unwrap_or_default();
    let mut keep = site.config.keep.clone();
    let search = if options.skip_search {
        keep.push(crate::address::SEARCH_DIR.to_owned());
        manifest.search = reusable;
        manifest.narratives = narratives;
        None
    } else {
        let previous = (reusable.as_deref().unwrap_or_default(), &narratives);
        let mut summary = write_search_index(&site, &staging, previous, &manifest)?;
        same_record &=
            reusable.as_deref() == Some(&summary.records[..]) && summary.narratives == narratives;
        pages += summary.files;
        manifest.search = Some(summary.records.clone());
        manifest.narratives = std::mem::take(&mut summary.narratives);
        Some(summary)
    };
    stages.done("search index");
    let output = commit(staging, &keep, manifest, same_record, &mut site.warnings)?;
    stages.done("commit");
    if let Err(warning) = cache.save(&site.archive, true) {
        site.warnings.push(warning);
    }
    if let Err(warning) = kept.save(&site.archive, &site.checks, &keys) {
        site.warnings.push(warning);
    }
    stages.done("save cache");
    Ok(BuildSummary {
        output,
        pages,
        reports: site.archive.reports.len(),
        agencies: site.archive.agencies.len(),
        warnings: site.warnings,
        checks: site.checks.summary(),
        search,
        drawn,
        elapsed: started.elapsed(),
    })
}

/// What a build loads before it plans: the site, its load cache and the checks the last build
/// kept (both saved again at the end), each report's [`InputKey`], and this build's manifest
/// without its output files yet.
struct Loaded {
    site: Site,
    cache: SourceCache,
    kept: KeptChecks,
    keys: Vec<Option<InputKey>>,
    manifest: Manifest,
}

/// Loads the site for `build`: its reports (unchanged ones from the load cache), every source
/// hashed, and its checks (those the last build kept reused, unless `--full`).
fn load_for_build(
    root: &Path,
    config: SiteConfig,
    options: &BuildOptions,
    staging: &Staging,
    stages: &mut Stages,
) -> Result<Loaded, Failure> {
    let version = incremental::binary_version();
    let config_fingerprint = incremental::config_fingerprint(root, options.base_url.as_deref());
    // Both caches are decoded at once: the checks' file is one sequence, the load cache's
    // shards leave a core idle at their end.
    let (cache, kept) = rayon::join(
        || {
            SourceCache::open(&incremental::cache_folder(staging.output()), &version)
                .keeping_listing()
        },
        || {
            let path = incremental::checks_path(staging.output());
            KeptChecks::open(&path, &version, &config_fingerprint)
        },
    );
    stages.done("begin");
    let mut scanned = None;
    let check = |archive: &Archive, config: &SiteConfig, stages: &mut Stages| {
        let sources = incremental::scan_sources(root, &cache).map_err(Failure::setup)?;
        stages.done("hash sources");
        let keep = !options.full && !kept.is_empty();
        let (checks, keys) = check_keeping(
            archive,
            &config.deadlines,
            &sources,
            keep.then_some(&kept),
            stages,
        );
        scanned = Some((sources, keys));
        Ok(checks)
    };
    let base_url = options.base_url.as_deref();
    let sources = (&cache, Narratives::Deflated);
    let mut site = Site::load_with(root, config, base_url, sources, stages, check)?;
    let (sources, keys) = scanned.expect("the checks ran");
    site.warnings.extend(kept.note());
    let manifest = Manifest {
        layout: incremental::layout(),
        version,
        config: config_fingerprint,
        theme: site.theme_fingerprint.clone(),
        sources,
        ..Manifest::default()
    };
    Ok(Loaded {
        site,
        cache,
        kept,
        keys,
        manifest,
    })
}

/// The checks of a build, and each report's [`InputKey`] from `sources` (every source hashed,
/// the manifest's): the reports whose inputs are those `kept` has are not checked again
/// (`kept` is `None` for a build that checks every report: the first, or `--full`).
fn check_keeping(
    archive: &Archive,
    deadlines: &Deadlines,
    sources: &BTreeMap<String, SourceRecord>,
    kept: Option<&KeptChecks>,
    stages: &mut Stages,
) -> (Checks, Vec<Option<InputKey>>) {
    let keys = input_keys(archive, |path| {
        sources.get(path).map(|record| record.sha256.as_str())
    });
    let Some(kept) = kept else {
        let checks = Checks::run(archive, deadlines);
        stages.done("checks (every report)");
        return (checks, keys);
    };
    let (checks, checked) = Checks::run_keeping(archive, deadlines, kept, &keys);
    stages.done(&format!(
        "checks ({checked} of {} reports checked again)",
        archive.reports.len()
    ));
    (checks, keys)
}

/// This build's manifest (`manifest`, without its output files yet), the last build's if it can
/// be used, and what to draw.
fn plan_build(
    options: &BuildOptions,
    manifest: Manifest,
    site: &Site,
    staging: &Staging,
) -> (Manifest, Option<Manifest>, Plan) {
    let previous = staging
        .reuses()
        .then(|| incremental::read_manifest(staging.output()))
        .flatten();
    let plan = match &previous {
        _ if options.full => Plan::Everything(FullReason::Asked),
        previous => incremental::plan(previous.as_ref(), &manifest, &site.archive, &site.index),
    };
    (manifest, previous, plan)
}

/// The long CSV files' members kept under the output's cache folder, each report's keyed by its
/// source's hash as this build's manifest records it; the files of years with no report left
/// are removed.
fn member_cache(site: &Site, staging: &Staging, manifest: &Manifest) -> MemberCache {
    let folder = incremental::cache_folder(staging.output()).with_extension("members");
    let cache = MemberCache::new(
        folder,
        &incremental::binary_version(),
        &site.archive,
        |report| {
            let path = report.source.file.to_string_lossy().replace('\\', "/");
            manifest
                .sources
                .get(&path)
                .map(|source| source.sha256.as_str())
        },
    );
    cache.forget_other_years(&site.archive);
    cache
}

/// Puts the new site in place (swapped in whole, or its changed files renamed in under a
/// journal), then records its manifest, unless the last one already says it all
/// (`same_record`: no source changed and the index kept its parts; and the commit found every
/// file as recorded). A manifest that cannot be written is a warning: the site is in place. A build stopped between the two leaves the last manifest,
/// which stays safe to trust: a file is carried over only if it is still as that manifest
/// recorded it, and what changed is reckoned against the sources that manifest records.
fn commit(
    staging: Staging,
    keep: &[String],
    mut manifest: Manifest,
    same_record: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<PathBuf, Failure> {
    let committed = staging.commit(keep).map_err(Failure::setup)?;
    let output = committed.output;
    if same_record && committed.as_recorded {
        // The manifest on disk already records this build (at 100,000 reports, 48 MB).
        return Ok(output);
    }
    // In place, the files the build did not touch keep the stamps the last manifest recorded.
    manifest.files = committed
        .files
        .unwrap_or_else(|| incremental::stamp_files(&output));
    if let Err(warning) = incremental::write_manifest(&output, &manifest) {
        warnings.push(warning);
    }
    Ok(output)
}

/// Draws the stale files and carries every other page and data file over from the previous
/// output (a file that cannot be carried over, missing or changed since, is drawn too); copies
/// the static files and the originals. Returns how many files the site has, and what was drawn.
fn write_stale(
    site: &mut Site,
    output: &Staging,
    stale: &BTreeSet<SiteFile>,
    sources: usize,
    members: MemberCache,
) -> Result<(usize, Drawn), Failure> {
    use crate::address::{DataFile, all_data_files, all_pages, file_path};
    use rayon::prelude::*;
    let all: Vec<SiteFile> = all_data_files(&site.archive, &site.index)
        .into_iter()
        .map(SiteFile::Data)
        .chain(
            all_pages(&site.archive, &site.index)
                .into_iter()
                .map(SiteFile::Page),
        )
        .collect();
    let carried: Vec<Option<u64>> = all
        .par_iter()
        .map(|&file| {
            if stale.contains(&file) {
                Ok(None)
            } else {
                output.carry_over(&file_path(&site.archive, file))
            }
        })
        .collect::<Result<_, Diagnostic>>()
        .map_err(Failure::setup)?;
    let (mut data, mut pages, mut sizes) = (Vec::new(), Vec::new(), BTreeMap::new());
    for (&file, size) in all.iter().zip(&carried) {
        match (file, size) {
            (SiteFile::Data(DataFile::Archive(kind)), Some(size)) => {
                sizes.insert(kind, *size);
            }
            (_, Some(_)) => {}
            (SiteFile::Data(data_file), None) => data.push(data_file),
            (SiteFile::Page(page), None) => pages.push(page),
        }
    }
    let drawn = Drawn::Stale {
        sources,
        files: data.len() + pages.len(),
        of: all.len(),
    };
    let renderer = site.renderer();
    renderer.data_files().use_member_cache(members);
    sizes.extend(renderer.data_files().write_some(&data, output)?);
    renderer.data_files().use_sizes(sizes);
    renderer.write_pages(&pages, output)?;
    let notes = renderer.data_files().member_cache_notes();
    site.warnings.extend(notes);
    let copied = copy_static(site, output).map_err(Failure::setup)?;
    let originals = copy_originals(site, output).map_err(Failure::setup)?;
    Ok((all.len() + copied + originals, drawn))
}

/// Draws every page and copies the static files and the archived originals into `output`,
/// the long CSV files' members kept in `members`.
pub fn write_site(
    site: &mut Site,
    output: &dyn SiteOutput,
    members: MemberCache,
) -> Result<usize, Failure> {
    let pages = render_pages(site, output, Some(members))?;
    let copied = copy_static(site, output).map_err(Failure::setup)?;
    let originals = copy_originals(site, output).map_err(Failure::setup)?;
    Ok(pages + copied + originals)
}

/// Copies each report's archived originals (checked against their SHA-256 by the loader) beside
/// its page; returns how many. A preview leaves them out: it holds its files in memory.
pub fn copy_originals(site: &Site, output: &dyn SiteOutput) -> Result<usize, Diagnostic> {
    let mut copied = 0;
    for report in &site.archive.reports {
        for original in &report.originals {
            let relative = Path::new("content")
                .join(&report.agency)
                .join(&original.file);
            let bytes = std::fs::read(site.paths.root.join(&relative)).map_err(|error| {
                Diagnostic::error(
                    Location::file(&relative),
                    archive_core::messages::site::cannot_read_original(&error.to_string()),
                )
            })?;
            output.write(&crate::address::original_url(report, original), bytes)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Writes every data file and draws every page into `output`; returns how many. The data files
/// and the pages are made side by side, so that both cores stay busy to the end (the
/// archive-wide long CSV, one file on one core, took as long as all the reports' data files on
/// the other); only the 数据下载 page waits for the data files, whose sizes it gives.
pub fn render_pages(
    site: &mut Site,
    output: &dyn SiteOutput,
    members: Option<MemberCache>,
) -> Result<usize, Failure> {
    use crate::address::Page;
    let renderer = site.renderer();
    if let Some(members) = members {
        renderer.data_files().use_member_cache(members);
    }
    let (data_page, pages): (Vec<Page>, Vec<Page>) = renderer
        .pages()
        .into_iter()
        .partition(|&page| page == Page::Data);
    let (data, drawn) = rayon::join(
        || renderer.data_files().write_files(output),
        || renderer.write_pages(&pages, output),
    );
    let data = data?;
    drawn?;
    renderer.write_pages(&data_page, output)?;
    let notes = renderer.data_files().member_cache_notes();
    site.warnings.extend(notes);
    Ok(data + pages.len() + data_page.len())
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

/// Builds the search index of every report and writes it under `pagefind/`: a stage of its own,
/// after the pages, that `build` runs and a preview's rebuild on every save can leave out.
/// A part whose inputs — as this build's `manifest` has the sources — are those of a part of
/// the last build's (`previous`: its parts and the narrative keys they were keyed by) is
/// carried over.
pub fn write_search_index(
    site: &Site,
    output: &dyn SiteOutput,
    previous: (&[PartRecord], &BTreeMap<String, NarrativeKey>),
    manifest: &Manifest,
) -> Result<SearchSummary, Failure> {
    let (parts, narratives) = previous;
    let source_sha256 = |path: &str| {
        manifest
            .sources
            .get(path)
            .map(|source| source.sha256.as_str())
    };
    let inputs = crate::search::PartInputs {
        version: &manifest.version,
        source_sha256: &source_sha256,
        narratives,
    };
    crate::search::SearchIndex::new(
        &site.archive,
        &site.index,
        site.config.search_part_size.get(),
    )
    .reusing(parts, inputs)
    .write_files(output)
}
