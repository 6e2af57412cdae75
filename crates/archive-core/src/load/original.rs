//! A report's originals: the `originals:` list of its front matter, and the archived copies it
//! names, checked against their recorded size and SHA-256.

use std::fs::{self, File};
use std::path::{Component, Path};

use serde_yaml::{Mapping, Value};

use super::report::{ReportReader, cell_value, describe};
use crate::diagnostic::{Diagnostic, Location};
use crate::format::{CellId, catalog};
use crate::model::{Difference, Original, Report};

/// The folder of an agency's archived originals, beside its sources.
pub const ORIGINALS_DIR: &str = "originals";

/// The keys an entry of `originals:` may have.
const ORIGINAL_KEYS: [&str; 8] = [
    "file",
    "name",
    "sha256",
    "size",
    "media_type",
    "url",
    "retrieved",
    "differences",
];

const ORIGINAL_HELP: &str = "`archive import` writes this list when it keeps a published file; restore it from the file's import, or remove the entry and import the original again";

impl ReportReader<'_, '_> {
    /// Reads `originals:`, a list of the published files kept with the report.
    pub(super) fn originals(&mut self, mapping: &Mapping) -> Vec<Original> {
        let items = match mapping.get("originals") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Sequence(items)) => items,
            Some(other) => {
                self.error(
                    "originals",
                    format!("`originals` must be a list, found {}", describe(other)),
                    ORIGINAL_HELP,
                );
                return Vec::new();
            }
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| self.original(index, item))
            .collect()
    }

    fn original_error(&mut self, index: usize, message: String) {
        let location = self.yaml.occurrence("originals.file", index);
        self.errors.push(
            Diagnostic::error(location, format!("original {}: {message}", index + 1))
                .with_help(ORIGINAL_HELP),
        );
    }

    fn original(&mut self, index: usize, item: &Value) -> Option<Original> {
        let Some(fields) = item.as_mapping() else {
            self.original_error(
                index,
                format!("expected `file:`, `sha256:` … found {}", describe(item)),
            );
            return None;
        };
        for key in fields.keys() {
            if !key.as_str().is_some_and(|key| ORIGINAL_KEYS.contains(&key)) {
                let message = format!(
                    "unknown field {}; the fields are: {}",
                    describe(key),
                    ORIGINAL_KEYS.join(", ")
                );
                self.original_error(index, message);
            }
        }
        let text = |reader: &mut Self, key: &str| -> Option<String> {
            match fields.get(key) {
                Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
                other => {
                    let found = other.map_or_else(|| "nothing".to_owned(), describe);
                    reader.original_error(index, format!("`{key}` must be text, found {found}"));
                    None
                }
            }
        };
        let file = text(self, "file").filter(|file| self.archived_path(index, file));
        let name = text(self, "name");
        let sha256 = text(self, "sha256").filter(|hash| self.sha256(index, hash));
        let media_type = text(self, "media_type");
        let retrieved = text(self, "retrieved").and_then(|time| self.timestamp(index, &time));
        let size = self.size(index, fields.get("size"));
        let url = self.original_url(index, fields.get("url"));
        let differences = self.differences(index, fields.get("differences"));
        let line = self
            .yaml
            .occurrence("originals.file", index)
            .line
            .unwrap_or(1);
        Some(Original {
            file: file?,
            name: name?,
            sha256: sha256?,
            size: size?,
            media_type: media_type?,
            url: url?,
            retrieved: retrieved?,
            differences: differences?,
            line,
        })
    }

    /// Whether `file` names a file in the agency's `originals/` folder, and nothing outside it.
    fn archived_path(&mut self, index: usize, file: &str) -> bool {
        let path = Path::new(file);
        let mut components = path.components();
        let inside = components.next() == Some(Component::Normal(ORIGINALS_DIR.as_ref()))
            && matches!(components.next(), Some(Component::Normal(name)) if !name.to_string_lossy().starts_with('.'))
            && components.next().is_none()
            && !file.contains('\\');
        if !inside {
            self.original_error(
                index,
                format!("`file` must name a file in the agency's {ORIGINALS_DIR}/ folder (`{ORIGINALS_DIR}/<sha256>.pdf`), found `{file}`"),
            );
        }
        inside
    }

    fn sha256(&mut self, index: usize, hash: &str) -> bool {
        let valid = hash.len() == 64
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !valid {
            self.original_error(
                index,
                format!("`sha256` must be 64 lower-case hex digits, found `{hash}`"),
            );
        }
        valid
    }

    fn timestamp(&mut self, index: usize, time: &str) -> Option<jiff::Timestamp> {
        let parsed = time.trim().parse::<jiff::Timestamp>().ok();
        if parsed.is_none() {
            self.original_error(
                index,
                format!("`retrieved` must be a time such as 2025-01-22T08:00:00Z, found `{time}`"),
            );
        }
        parsed
    }

    fn size(&mut self, index: usize, value: Option<&Value>) -> Option<u64> {
        let size = value.and_then(Value::as_u64);
        if size.is_none() {
            let found = value.map_or_else(|| "nothing".to_owned(), describe);
            self.original_error(
                index,
                format!("`size` must be a number of bytes, found {found}"),
            );
        }
        size
    }

    /// `Some(None)` when the original has no address.
    fn original_url(&mut self, index: usize, value: Option<&Value>) -> Option<Option<String>> {
        match value {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(url))
                if url.starts_with("https://") || url.starts_with("http://") =>
            {
                Some(Some(url.clone()))
            }
            Some(other) => {
                let message = format!(
                    "`url` must be a web address (https:// or http://) or ~, found {}",
                    describe(other)
                );
                self.original_error(index, message);
                None
            }
        }
    }

    fn differences(&mut self, index: usize, value: Option<&Value>) -> Option<Vec<Difference>> {
        let items = match value {
            None | Some(Value::Null) => return Some(Vec::new()),
            Some(Value::Sequence(items)) => items,
            Some(other) => {
                let message = format!("`differences` must be a list, found {}", describe(other));
                self.original_error(index, message);
                return None;
            }
        };
        let read: Vec<Result<Difference, String>> = items.iter().map(difference).collect();
        let mut differences = Vec::with_capacity(read.len());
        for result in read {
            match result {
                Ok(difference) => differences.push(difference),
                Err(message) => self.original_error(index, message),
            }
        }
        (differences.len() == items.len()).then_some(differences)
    }
}

/// One entry of `differences:`: `{cell: KEY, source: V, original: V}` or `{section: N}`.
fn difference(item: &Value) -> Result<Difference, String> {
    let fields = item.as_mapping();
    let field = |key: &str| fields.and_then(|fields| fields.get(key));
    if let Some(section) = field("section") {
        return match section.as_u64() {
            Some(number @ 1..=6) => Ok(Difference::Section {
                number: number as u8,
            }),
            _ => Err(format!(
                "a differing `section` is numbered 1 to 6, found {}",
                describe(section)
            )),
        };
    }
    let Some(key) = field("cell").and_then(Value::as_str) else {
        return Err(format!(
            "a difference is `{{cell: KEY, source: V, original: V}}` or `{{section: N}}`, found {}",
            describe(item)
        ));
    };
    let Some(id) = cell_by_path(key) else {
        return Err(format!("`{key}` is not a cell of either template version"));
    };
    let def = catalog().cell(id);
    let value = |key: &str| {
        cell_value(def, field(key).unwrap_or(&Value::Null)).map_err(|(message, _)| message)
    };
    Ok(Difference::Cell {
        id,
        source: value("source")?,
        original: value("original")?,
    })
}

/// A cell by its key path (`applications.received.total`).
fn cell_by_path(path: &str) -> Option<CellId> {
    catalog()
        .entries()
        .find(|(_, def)| def.path() == path)
        .map(|(id, _)| id)
}

/// Checks every archived copy a report names: a regular file in its agency's `originals/`
/// folder, of the recorded size and SHA-256.
pub(super) fn check_archived_copies(root: &Path, report: &Report) -> Vec<Diagnostic> {
    report
        .originals
        .iter()
        .filter_map(|original| check_archived_copy(root, report, original).err())
        .collect()
}

fn check_archived_copy(
    root: &Path,
    report: &Report,
    original: &Original,
) -> Result<(), Diagnostic> {
    let relative = Path::new("content")
        .join(&report.agency)
        .join(&original.file);
    let here = || Location {
        line: Some(original.line),
        ..Location::file(&report.source.file)
    };
    let missing = |detail: String| {
        Diagnostic::error(
            here(),
            format!("the archived original {} {detail}", relative.display()),
        )
        .with_help(
            "restore the file from a backup or the agency's address, or import the original again",
        )
    };
    let metadata = fs::symlink_metadata(root.join(&relative))
        .map_err(|error| missing(format!("cannot be read: {error}")))?;
    if !metadata.file_type().is_file() {
        return Err(missing("is not a regular file".to_owned()));
    }
    let (sha256, size) = File::open(root.join(&relative))
        .and_then(|mut file| Original::digest_reader(&mut file))
        .map_err(|error| missing(format!("cannot be read: {error}")))?;
    if sha256 != original.sha256 || size != original.size {
        return Err(Diagnostic::error(
            here(),
            format!(
                "the archived original {} was altered: its SHA-256 is {sha256} ({size} bytes), the source records {} ({} bytes)",
                relative.display(),
                original.sha256,
                original.size
            ),
        )
        .with_help("an archived copy is kept as it was published: restore it from a backup, or import the agency's file again"));
    }
    Ok(())
}
