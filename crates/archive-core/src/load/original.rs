//! A report's originals: the `originals:` list of its front matter, and the archived copies it
//! names, checked against their recorded size and SHA-256.

use std::fs::{self, File};
use std::path::{Component, Path};

use serde_yaml::{Mapping, Value};

use super::report::{ReportReader, cell_value, describe};
use crate::diagnostic::{Diagnostic, Location};
use crate::format::{CellId, catalog};
use crate::messages::{Text, load};
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

impl ReportReader<'_, '_> {
    /// Reads `originals:`, a list of the published files kept with the report.
    pub(super) fn originals(&mut self, mapping: &Mapping) -> Vec<Original> {
        let items = match mapping.get("originals") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Sequence(items)) => items,
            Some(other) => {
                self.error(
                    "originals",
                    load::originals_not_list(&describe(other)),
                    load::original_help(),
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
            Diagnostic::error(location, load::original_numbered(index + 1, &message))
                .with_help(load::original_help()),
        );
    }

    fn original(&mut self, index: usize, item: &Value) -> Option<Original> {
        let Some(fields) = item.as_mapping() else {
            self.original_error(index, load::original_not_fields(&describe(item)).into());
            return None;
        };
        for key in fields.keys() {
            if !key.as_str().is_some_and(|key| ORIGINAL_KEYS.contains(&key)) {
                let message =
                    load::original_unknown_field(&describe(key), &ORIGINAL_KEYS.join(", ")).into();
                self.original_error(index, message);
            }
        }
        let text = |reader: &mut Self, key: &str| -> Option<String> {
            match fields.get(key) {
                Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
                other => {
                    let found = other.map_or_else(|| load::value_nothing().into(), describe);
                    reader.original_error(index, load::must_be_text(key, &found).into());
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
                load::original_file_outside(ORIGINALS_DIR, file).into(),
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
            self.original_error(index, load::bad_sha256(hash).into());
        }
        valid
    }

    fn timestamp(&mut self, index: usize, time: &str) -> Option<jiff::Timestamp> {
        let parsed = time.trim().parse::<jiff::Timestamp>().ok();
        if parsed.is_none() {
            self.original_error(index, load::bad_retrieved(time).into());
        }
        parsed
    }

    fn size(&mut self, index: usize, value: Option<&Value>) -> Option<u64> {
        let size = value.and_then(Value::as_u64);
        if size.is_none() {
            let found = value.map_or_else(|| load::value_nothing().into(), describe);
            self.original_error(index, load::bad_size(&found).into());
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
                let message = load::bad_original_url(&describe(other)).into();
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
                let message = load::differences_not_list(&describe(other)).into();
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
            _ => Err(load::bad_section_number(&describe(section)).into()),
        };
    }
    let Some(key) = field("cell").and_then(Value::as_str) else {
        return Err(load::bad_difference(&describe(item)).into());
    };
    let Some(id) = cell_by_path(key) else {
        return Err(load::not_a_cell(key).into());
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
    let missing = |detail: Text| {
        Diagnostic::error(
            here(),
            load::archived_original(&relative.display().to_string(), detail.here()),
        )
        .with_help(load::archived_original_help())
    };
    let metadata = fs::symlink_metadata(root.join(&relative))
        .map_err(|error| missing(load::cannot_be_read(&error.to_string())))?;
    if !metadata.file_type().is_file() {
        return Err(missing(load::not_regular()));
    }
    let (sha256, size) = File::open(root.join(&relative))
        .and_then(|mut file| Original::digest_reader(&mut file))
        .map_err(|error| missing(load::cannot_be_read(&error.to_string())))?;
    if sha256 != original.sha256 || size != original.size {
        return Err(Diagnostic::error(
            here(),
            load::original_altered(
                &relative.display().to_string(),
                &sha256,
                size,
                &original.sha256,
                original.size,
            ),
        )
        .with_help(load::original_altered_help()));
    }
    Ok(())
}
