//! Reading a theme's files: `themes/<name>/templates` and `themes/<name>/static`, layered file by
//! file over the default theme built into the binary, with the site's own `templates/` on top. An
//! archive made with `archive init` needs no `themes/` folder, and a theme holds only the files it
//! changes. This is the loading stage of the site's presentation: rendering reads no files, it
//! compiles what is read here (`render::theme`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use archive_core::diagnostic::{Diagnostic, Failure, Location};
use archive_core::messages::site;
use archive_core::model::SitePaths;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the theme built into the binary.
pub const DEFAULT_THEME_NAME: &str = "default";

/// A theme's files, layered: templates by name (where each came from, for messages, and its
/// text), and static files by their path below `static/`.
pub struct ThemeFiles {
    /// Template name → (the file it came from, its text).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Path below `static/` → contents.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

impl ThemeFiles {
    /// Reads the theme named in the configuration, then the site's template overrides.
    ///
    /// Files are layered, each layer replacing the files of the one below by name: the default
    /// theme built into the binary, then `themes/<name>/` (for `default` too, if the folder
    /// exists), then the site's own `templates/`. A theme therefore needs only the files it
    /// changes, and pages added to the default theme later still draw in it.
    pub fn read(paths: &SitePaths, name: &str) -> Result<ThemeFiles, Failure> {
        let theme_dir = paths.themes().join(name);
        if !theme_dir.is_dir() && name != DEFAULT_THEME_NAME {
            return Err(Failure::setup(
                Diagnostic::error(
                    Location::file(archive_core::config::CONFIG_FILE),
                    site::theme_not_found(name),
                )
                .with_help(site::theme_not_found_help(DEFAULT_THEME_NAME)),
            ));
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
                static_files.insert(name.to_owned(), published(name, file.contents().to_vec()));
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
                let bytes = published(&name, bytes);
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
        Ok(ThemeFiles {
            templates: sources,
            static_files,
        })
    }
}

fn text(bytes: Vec<u8>, path: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(Location::file(path), site::template_not_utf8())
            .with_help(site::template_not_utf8_help())
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
/// Only regular files and folders are read: a symbolic link (the folder itself or anything in
/// it) is an error, so that no file from outside the archive is published as a theme's file.
fn read_tree(
    dir: &Path,
    shown_as: &Path,
    visit: &mut dyn FnMut(String, PathBuf, Vec<u8>) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic> {
    let Ok(metadata) = fs::symlink_metadata(dir) else {
        return Ok(());
    };
    refuse_special(dir, shown_as, metadata.file_type())?;
    if !metadata.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(dir)
        .follow_root_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|error| {
            Diagnostic::error(
                Location::file(shown_as),
                site::cannot_read_folder(&error.to_string()),
            )
        })?;
        let relative = entry.path().strip_prefix(dir).expect("below dir");
        refuse_special(entry.path(), &shown_as.join(relative), entry.file_type())?;
        if entry.file_type().is_dir() {
            continue;
        }
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.split('/').any(archive_core::load::is_ignored) {
            continue;
        }
        let bytes = fs::read(entry.path()).map_err(|error| {
            Diagnostic::error(
                Location::file(shown_as.join(relative)),
                site::cannot_read_the_file(&error.to_string()),
            )
        })?;
        visit(name, shown_as.join(relative), bytes)?;
    }
    Ok(())
}

/// Refuses anything but a regular file or a folder in a theme: a symbolic link would bring in a
/// file from anywhere on the machine, and a pipe or a device is no file of a theme.
fn refuse_special(path: &Path, shown_as: &Path, file_type: fs::FileType) -> Result<(), Diagnostic> {
    if file_type.is_file() || file_type.is_dir() {
        return Ok(());
    }
    let message = if file_type.is_symlink() {
        let target: String = fs::read_link(path)
            .map(|target| site::link_target(&target.display().to_string()).into())
            .unwrap_or_default();
        site::theme_file_is_link(&target)
    } else {
        site::theme_file_special()
    };
    Err(Diagnostic::error(Location::file(shown_as), message).with_help(site::theme_link_help()))
}

/// A theme's static file as the site publishes it: a stylesheet without its comments (they are
/// for the theme's authors, and every page's reader would download them), anything else as is.
fn published(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    if !name.ends_with(".css") {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => without_css_comments(&text).into_bytes(),
        Err(not_text) => not_text.into_bytes(),
    }
}

/// `css` without its `/* … */` comments (not those inside a quoted string), and without the
/// lines they leave empty.
fn without_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(open) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == open {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for inner in chars.by_ref() {
                    if last == '*' && inner == '/' {
                        break;
                    }
                    last = inner;
                }
            }
            None => out.push(c),
        }
    }
    out.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_are_published_without_their_comments() {
        let css = "/* the theme */\na { color: red; } /* why */\n\n.b::before { content: \"/* kept */\"; }\n/* one\n   more */\n.c { x: '\\'/*'; }\n";
        assert_eq!(
            without_css_comments(css),
            "a { color: red; } \n.b::before { content: \"/* kept */\"; }\n.c { x: '\\'/*'; }\n"
        );
        assert_eq!(published("a.js", b"/* kept */".to_vec()), b"/* kept */");
    }
}
