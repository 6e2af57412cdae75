//! Themes: `themes/<name>/templates` (Tera 2) and `themes/<name>/static`, layered file by file
//! over the default theme built into the binary, with the site's own `templates/` on top. An
//! archive made with `archive init` needs no `themes/` folder, and a theme holds only the files
//! it changes. `docs/themes.md` lists the variables each template receives.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Failure, Location};
use crate::model::SitePaths;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the theme built into the binary.
pub const DEFAULT_THEME_NAME: &str = "default";

/// A theme's compiled templates and its static files.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Where each template came from, for messages.
    pub template_files: BTreeMap<String, PathBuf>,
    /// The theme's static files: path below `static/` → contents.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// Loads the theme named in the configuration, then the site's template overrides.
    ///
    /// Files are layered, each layer replacing the files of the one below by name: the default
    /// theme built into the binary, then `themes/<name>/` (for `default` too, if the folder
    /// exists), then the site's own `templates/`. A theme therefore needs only the files it
    /// changes, and pages added to the default theme later still draw in it.
    pub fn load(paths: &SitePaths, name: &str) -> Result<Theme, Failure> {
        let theme_dir = paths.themes().join(name);
        if !theme_dir.is_dir() && name != DEFAULT_THEME_NAME {
            return Err(Failure::setup(Diagnostic::error(
                Location::file(crate::config::CONFIG_FILE),
                format!("theme `{name}` not found: there is no folder themes/{name}/"),
            )
            .with_help(format!("set `theme = \"{DEFAULT_THEME_NAME}\"` in site.toml, or add the theme under themes/"))));
        }
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let mut static_files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for file in embedded_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let contents = String::from_utf8_lossy(file.contents()).into_owned();
                sources.insert(
                    name.to_owned(),
                    (PathBuf::from(format!("(built-in theme)/{path}")), contents),
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_owned(), file.contents().to_vec());
            }
        }
        let relative_theme = Path::new("themes").join(name);
        read_tree(
            &theme_dir.join("templates"),
            &relative_theme.join("templates"),
            &mut |name, path, bytes| {
                let contents = text(bytes, &path)?;
                sources.insert(name, (path, contents));
                Ok(())
            },
        )
        .map_err(|error| Failure::Sources(vec![error]))?;
        read_tree(
            &theme_dir.join("static"),
            &relative_theme.join("static"),
            &mut |name, _, bytes| {
                static_files.insert(name, bytes);
                Ok(())
            },
        )
        .map_err(|error| Failure::Sources(vec![error]))?;
        read_tree(
            &paths.templates(),
            Path::new("templates"),
            &mut |name, path, bytes| {
                let contents = text(bytes, &path)?;
                sources.insert(name, (path, contents));
                Ok(())
            },
        )
        .map_err(|error| Failure::Sources(vec![error]))?;

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let template_files: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, contents))| (name.as_str(), contents.as_str())),
        )
        .map_err(|error| Failure::Sources(vec![template_error(&error, &template_files, None)]))?;
        Ok(Theme {
            tera,
            template_files,
            static_files: static_files.into_iter().collect(),
        })
    }
}

fn text(bytes: Vec<u8>, path: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(Location::file(path), "the template is not UTF-8 text")
            .with_help("save the template as UTF-8")
    })
}

fn embedded_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

/// Visits every file below `dir` (if it exists) with its path relative to `dir`, using `/`.
fn read_tree(
    dir: &Path,
    shown_as: &Path,
    visit: &mut dyn FnMut(String, PathBuf, Vec<u8>) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|error| {
            Diagnostic::error(
                Location::file(shown_as),
                format!("cannot read the folder: {error}"),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).expect("below dir");
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.split('/').any(crate::load::is_ignored) {
            continue;
        }
        let bytes = fs::read(entry.path()).map_err(|error| {
            Diagnostic::error(
                Location::file(shown_as.join(relative)),
                format!("cannot read the file: {error}"),
            )
        })?;
        visit(name, shown_as.join(relative), bytes)?;
    }
    Ok(())
}

/// A Tera error as a diagnostic naming the template file and line.
pub fn template_error(
    error: &tera::Error,
    files: &BTreeMap<String, PathBuf>,
    page: Option<&str>,
) -> Diagnostic {
    let located = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    let mut message = match located {
        Some(report) => report.message().to_owned(),
        None => error.to_string(),
    };
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    let location = match located {
        Some(report) => {
            let file = files
                .get(report.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(report.filename()));
            let span = report.span();
            Location {
                file,
                line: Some(span.start_line),
                column: Some(span.start_col + 1),
                source_line: None,
                width: 0,
            }
        }
        None => Location::file("templates"),
    };
    let help = match page {
        Some(page) => format!("fix the template; it failed while drawing {page}"),
        None => "fix the template's syntax".to_owned(),
    };
    Diagnostic::error(location, format!("template error: {message}")).with_help(help)
}
