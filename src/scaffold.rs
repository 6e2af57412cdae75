//! `archive init` and `archive new`: a new archive, and a blank report source to fill in.

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::config::{CONFIG_FILE, SiteConfig};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::FormatId;
use archive_core::load::{AGENCY_FILE, FIRST_YEAR, is_url_id};
use archive_core::model::{AgencyKind, Report, SourceMap};
use archive_core::source::{blank_cells, render_source};

/// Makes a new, empty archive in `dir`: a `site.toml` and an empty `content/`.
pub fn init(dir: &Path, title: &str) -> Result<(), Diagnostic> {
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(
            Diagnostic::error(Location::file(&config), "an archive already exists here")
                .with_help("choose an empty folder, or edit the existing site.toml"),
        );
    }
    fs::create_dir_all(dir.join("content")).map_err(|error| {
        Diagnostic::error(
            Location::file(dir),
            format!("cannot create the folder: {error}"),
        )
    })?;
    fs::write(&config, SiteConfig::starter_toml(title)).map_err(|error| {
        Diagnostic::error(
            Location::file(&config),
            format!("cannot write the file: {error}"),
        )
    })
}

/// What `archive new` needs to know about an agency the archive does not have yet.
#[derive(Debug, Default, Clone)]
pub struct NewAgency {
    /// The Chinese name.
    pub name: Option<String>,
    /// The kind.
    pub kind: Option<AgencyKind>,
    /// The region path.
    pub region: Option<String>,
}

/// Writes `content/<agency>/<year>.md` with every row and column of the template blank (and the
/// agency file, for a new agency). Returns the files written.
pub fn new_report(
    root: &Path,
    agency: &str,
    year: u16,
    format: Option<FormatId>,
    new_agency: &NewAgency,
) -> Result<Vec<PathBuf>, Diagnostic> {
    if !is_url_id(agency) {
        return Err(Diagnostic::error(
            Location::file("content"),
            format!("`{agency}` is not a usable agency id"),
        )
        .with_help(format!(
            "agency ids are used in URLs and file names: {}, e.g. `huaian-shi`",
            archive_core::load::ID_RULE
        )));
    }
    let this_year = archive_core::load::current_year();
    if !(FIRST_YEAR..=this_year).contains(&year) {
        return Err(Diagnostic::error(
            Location::file("content"),
            format!("{year} is not a report year"),
        )
        .with_help(format!(
            "reports cover the years {FIRST_YEAR} to {this_year}"
        )));
    }
    let format = match format {
        Some(format) => format,
        None if year >= 2019 => FormatId::for_year(year),
        None => {
            return Err(Diagnostic::error(Location::file("content"), format!("there is no national template for {year}"))
                .with_help("the templates start with 2019 reports; pass --format gb2019 or gb2021 to use one anyway"));
        }
    };
    let folder = root.join("content").join(agency);
    let source = folder.join(format!("{year}.md"));
    let relative = Path::new("content").join(agency).join(format!("{year}.md"));
    if source.exists() {
        return Err(Diagnostic::error(
            Location::file(&relative),
            "the report source already exists",
        )
        .with_help("edit it, or remove it first"));
    }
    let mut written = Vec::new();
    let agency_file = folder.join(AGENCY_FILE);
    if !agency_file.exists() {
        let (Some(name), Some(kind)) = (&new_agency.name, new_agency.kind) else {
            return Err(Diagnostic::error(
                Location::file(Path::new("content").join(agency).join(AGENCY_FILE)),
                format!("the archive has no agency `{agency}`"),
            )
            .with_help("pass --name and --kind (and --region) to describe the new agency"));
        };
        if let Some(region) = &new_agency.region {
            let regions_file = Path::new("content").join(archive_core::load::REGIONS_FILE);
            // Read like `load` reads it (a regular file, within its limit); none is an empty list.
            let known = if fs::symlink_metadata(root.join(&regions_file)).is_ok() {
                archive_core::load::read_text(
                    root,
                    &regions_file,
                    archive_core::load::TextFile::RegionList,
                )?
            } else {
                String::new()
            };
            let listed = archive_core::load::read_regions(&regions_file, &known)?;
            if !listed.iter().any(|known| &known.path == region) {
                return Err(Diagnostic::error(
                    Location::file(Path::new("content").join(archive_core::load::REGIONS_FILE)),
                    format!("region `{region}` is not in content/{}", archive_core::load::REGIONS_FILE),
                )
                .with_help("add the region (with its province and city) to the region list first; see the README"));
            }
        }
        fs::create_dir_all(&folder).map_err(|error| {
            Diagnostic::error(
                Location::file(&folder),
                format!("cannot create the folder: {error}"),
            )
        })?;
        let mut text = format!("name: {name}\nkind: {}\n", kind.key());
        if let Some(region) = &new_agency.region {
            text.push_str(&format!("region: {region}\n"));
        }
        fs::write(&agency_file, text).map_err(|error| {
            Diagnostic::error(
                Location::file(&agency_file),
                format!("cannot write the file: {error}"),
            )
        })?;
        written.push(agency_file);
    }
    let template = format.template();
    let name = new_agency.name.clone().unwrap_or_default();
    let body: String = template
        .sections
        .iter()
        .map(|heading| format!("\n## {}\n", heading.zh))
        .collect();
    let report = Report {
        agency: agency.to_owned(),
        year,
        format,
        title: format!("{name}{year}年政府信息公开工作年度报告"),
        published: None,
        issuer: None,
        source_url: None,
        original_file: None,
        notes: None,
        cells: blank_cells(format),
        body,
        source: SourceMap::default(),
    };
    fs::write(&source, render_source(&report)).map_err(|error| {
        Diagnostic::error(
            Location::file(&relative),
            format!("cannot write the file: {error}"),
        )
    })?;
    written.push(source);
    Ok(written)
}
