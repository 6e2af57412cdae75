//! Themes compiled: the templates a theme's files hold (read by `theme_files`), as Tera 2
//! templates, and its static files. `docs/themes.md` lists the variables each template receives.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::Tera;

use crate::theme_files::ThemeFiles;
use archive_core::diagnostic::{Diagnostic, Failure, Location};
use archive_core::messages::site;

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
    /// Compiles the templates of a theme's files.
    pub fn compile(files: ThemeFiles) -> Result<Theme, Failure> {
        let ThemeFiles {
            templates: sources,
            static_files,
        } = files;
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
        Some(page) => site::template_page_help(page),
        None => site::template_syntax_help(),
    };
    Diagnostic::error(location, site::template_error(&message)).with_help(help)
}
