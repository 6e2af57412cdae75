//! `archive init` and `archive new`: a new archive, and a blank report source to fill in.

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::config::{CONFIG_FILE, SiteConfig};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::FormatId;
use archive_core::load::{AGENCY_FILE, FIRST_YEAR, is_url_id};
use archive_core::messages::cli;
use archive_core::model::{AgencyKind, Narrative, Region, Report, SourceMap};
use archive_core::source::{blank_cells, blank_narrative, render_source};

use crate::divisions;

/// Makes a new, empty archive in `dir`: a `site.toml`, and `content/` with its region list,
/// `_regions.yaml`: the provinces named in `provinces` from the national list with their cities
/// and counties, or the whole country when none is named. Returns the provinces listed.
pub fn init(dir: &Path, title: &str, provinces: &[String]) -> Result<Vec<String>, Diagnostic> {
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(
            Diagnostic::error(Location::file(&config), cli::archive_exists())
                .with_help(cli::archive_exists_help()),
        );
    }
    let content = dir.join("content");
    let regions = content.join(archive_core::load::REGIONS_FILE);
    // A region list of the folder's own is never replaced.
    if fs::symlink_metadata(&regions).is_ok() {
        return Err(
            Diagnostic::error(Location::file(&regions), cli::region_list_exists())
                .with_help(cli::region_list_exists_help()),
        );
    }
    let country = divisions::national();
    let listed = if provinces.is_empty() {
        country.iter().collect()
    } else {
        provinces
            .iter()
            .map(|asked| divisions::province(&country, asked, &regions))
            .collect::<Result<Vec<_>, _>>()?
    };
    create_folder(&content, dir)?;
    write_file(&regions, &regions, &divisions::regions_yaml(&listed))?;
    write_file(&config, &config, &SiteConfig::starter_toml(title))?;
    Ok(listed
        .iter()
        .map(|province| province.name.to_owned())
        .collect())
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
    check_agency_id(agency)?;
    let format = report_format(year, format)?;
    let folder = root.join("content").join(agency);
    let source = folder.join(format!("{year}.md"));
    let relative = Path::new("content").join(agency).join(format!("{year}.md"));
    if source.exists() {
        return Err(
            Diagnostic::error(Location::file(&relative), cli::source_exists())
                .with_help(cli::source_exists_help()),
        );
    }
    let mut written = Vec::new();
    let agency_file = folder.join(AGENCY_FILE);
    if !agency_file.exists() {
        write_agency_file(root, agency, new_agency)?;
        written.push(agency_file);
    }
    let name = new_agency.name.as_deref().unwrap_or_default();
    let report = blank_report(agency, year, format, name);
    write_file(&source, &relative, &render_source(&report))?;
    written.push(source);
    Ok(written)
}

/// Writes `<agency>-<year>.xlsx` in `root`: the template workbook of the year's template, to
/// fill in Excel and read back with `archive import`. Returns the file written.
pub fn new_workbook(
    root: &Path,
    agency: &str,
    year: u16,
    format: Option<FormatId>,
    agency_name: Option<&str>,
) -> Result<PathBuf, Diagnostic> {
    check_agency_id(agency)?;
    let format = report_format(year, format)?;
    let name = format!("{agency}-{year}.xlsx");
    let file = root.join(&name);
    if file.exists() {
        return Err(
            Diagnostic::error(Location::file(&name), cli::workbook_exists())
                .with_help(cli::workbook_exists_help()),
        );
    }
    // The name given, else the archive's for an agency it has; else the person fills it in.
    let known_name = match agency_name {
        Some(name) => Some(name.to_owned()),
        None => known_agency_name(root, agency),
    };
    let name_or_blank = known_name.as_deref().unwrap_or_default();
    let bytes = crate::workbook::template_workbook(format, agency, name_or_blank, year).map_err(
        |error| {
            Diagnostic::error(
                Location::file(&name),
                cli::cannot_make_workbook(&error.to_string()),
            )
        },
    )?;
    fs::write(&file, bytes).map_err(|error| {
        Diagnostic::error(
            Location::file(&name),
            cli::cannot_write_file(&error.to_string()),
        )
    })?;
    Ok(PathBuf::from(name))
}

fn check_agency_id(agency: &str) -> Result<(), Diagnostic> {
    if is_url_id(agency) {
        return Ok(());
    }
    Err(
        Diagnostic::error(Location::file("content"), cli::bad_agency_id(agency))
            .with_help(cli::agency_id_help(&archive_core::load::id_rule())),
    )
}

/// The template a new report of `year` follows: the one asked for, or the year's.
fn report_format(year: u16, asked: Option<FormatId>) -> Result<FormatId, Diagnostic> {
    let this_year = archive_core::load::current_year();
    if !(FIRST_YEAR..=this_year).contains(&year) {
        return Err(
            Diagnostic::error(Location::file("content"), cli::not_a_report_year(year))
                .with_help(cli::report_years_help(FIRST_YEAR, this_year)),
        );
    }
    match asked {
        Some(format) => Ok(format),
        None if year >= 2019 => Ok(FormatId::for_year(year)),
        None => Err(
            Diagnostic::error(Location::file("content"), cli::no_template(year))
                .with_help(cli::no_template_help()),
        ),
    }
}

/// Writes the agency file of an agency the archive does not have yet, from `new_agency`.
fn write_agency_file(root: &Path, agency: &str, new_agency: &NewAgency) -> Result<(), Diagnostic> {
    let (Some(name), Some(kind)) = (&new_agency.name, new_agency.kind) else {
        return Err(Diagnostic::error(
            Location::file(Path::new("content").join(agency).join(AGENCY_FILE)),
            cli::no_such_agency(agency),
        )
        .with_help(cli::no_such_agency_help()));
    };
    if let Some(region) = &new_agency.region {
        check_region(root, region)?;
    }
    let folder = root.join("content").join(agency);
    create_folder(&folder, &folder)?;
    let mut text = format!("name: {name}\nkind: {}\n", kind.key());
    if let Some(region) = &new_agency.region {
        text.push_str(&format!("region: {region}\n"));
    }
    let agency_file = folder.join(AGENCY_FILE);
    write_file(&agency_file, &agency_file, &text)
}

/// The archive's region list, read like `load` reads it (a regular file, within its limit);
/// none is an empty list.
fn region_list(root: &Path) -> Result<Vec<Region>, Diagnostic> {
    let regions_file = Path::new("content").join(archive_core::load::REGIONS_FILE);
    let known = if fs::symlink_metadata(root.join(&regions_file)).is_ok() {
        archive_core::load::read_text(
            root,
            &regions_file,
            archive_core::load::TextFile::RegionList,
        )?
    } else {
        String::new()
    };
    archive_core::load::read_regions(&regions_file, &known)
}

/// The name of an agency the archive has, if its file reads.
fn known_agency_name(root: &Path, agency: &str) -> Option<String> {
    let regions = region_list(root).ok()?;
    archive_core::load::read_agency(root, agency, &regions)
        .ok()
        .map(|known| known.name)
}

/// An error unless the archive's region list has `region`.
fn check_region(root: &Path, region: &str) -> Result<(), Diagnostic> {
    let regions_file = Path::new("content").join(archive_core::load::REGIONS_FILE);
    let listed = region_list(root)?;
    if listed.iter().any(|known| known.path == region) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Location::file(&regions_file),
        archive_core::messages::load::region_not_listed(region, archive_core::load::REGIONS_FILE),
    )
    .with_help(cli::region_not_listed_help()))
}

/// A report of `format` with every cell blank and the template's section headings.
fn blank_report(agency: &str, year: u16, format: FormatId, name: &str) -> Report {
    let body = blank_narrative(format);
    Report {
        agency: agency.to_owned(),
        year,
        format,
        title: format!("{name}{year}年政府信息公开工作年度报告"),
        published: None,
        issuer: None,
        source_url: None,
        original_file: None,
        notes: None,
        import_notes: None,
        originals: Vec::new(),
        cells: blank_cells(format),
        body: Narrative::new(&body),
        source: SourceMap::default(),
    }
}

/// Creates `folder`; an error names `shown`.
fn create_folder(folder: &Path, shown: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(folder).map_err(|error| {
        Diagnostic::error(
            Location::file(shown),
            cli::cannot_create_folder(&error.to_string()),
        )
    })
}

/// Writes `text` to `file`; an error names `shown`.
fn write_file(file: &Path, shown: &Path, text: &str) -> Result<(), Diagnostic> {
    fs::write(file, text).map_err(|error| {
        Diagnostic::error(
            Location::file(shown),
            cli::cannot_write_file(&error.to_string()),
        )
    })
}
