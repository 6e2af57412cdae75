//! The published file an import read, kept with the report: its record (`Original`), where its
//! copy goes (`content/<agency>/originals/<sha256>.<ext>`), and what it says that the source
//! does not (its `Difference`s).

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::format::{CellId, catalog};
use archive_core::load::ORIGINALS_DIR;
use archive_core::messages::cli;
use archive_core::model::{Difference, Original, Report};
use archive_core::narrative::section_headings;

/// The file an input was read from, read once more as bytes to be kept.
pub(super) struct Published {
    /// The record the source gets.
    pub(super) original: Original,
    /// The bytes, written to the archived copy.
    pub(super) bytes: Vec<u8>,
}

impl Published {
    /// Reads the input as published: `input` names it (a file, or the URL it was fetched
    /// from), `contents` holds its bytes; `url` is where it was published and `retrieved` when
    /// it was fetched, if known (a local file: now).
    pub(super) fn read(
        input: &Path,
        contents: &Path,
        url: Option<String>,
        retrieved: Option<jiff::Timestamp>,
    ) -> Result<Published, Diagnostic> {
        let bytes = fs::read(contents).map_err(|error| {
            Diagnostic::error(
                Location::file(input),
                cli::cannot_read_to_keep(&error.to_string()),
            )
        })?;
        let sha256 = Original::digest(&bytes);
        let extension = input
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .filter(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "bin".to_owned());
        let name = input
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        // A text file is kept as bytes, whatever its encoding: its media type says only "text".
        let media_type = mime_guess::from_ext(&extension)
            .first_or_octet_stream()
            .essence_str()
            .to_owned();
        let now = retrieved.unwrap_or_else(jiff::Timestamp::now);
        Ok(Published {
            original: Original {
                file: format!("{ORIGINALS_DIR}/{sha256}.{extension}"),
                name,
                sha256,
                size: bytes.len() as u64,
                media_type,
                url,
                retrieved: jiff::Timestamp::from_second(now.as_second()).unwrap_or(now),
                differences: Vec::new(),
                line: 0,
            },
            bytes,
        })
    }

    /// Writes the archived copy into `content/<agency>/originals/`, unless a copy with these
    /// bytes is there already (copies are named by their hash).
    pub(super) fn keep(&self, root: &Path, agency: &str) -> Result<PathBuf, Diagnostic> {
        let relative = Path::new("content").join(agency).join(&self.original.file);
        let path = root.join(&relative);
        let failed = |error: std::io::Error| {
            Diagnostic::error(
                Location::file(&relative),
                cli::cannot_write_original(&error.to_string()),
            )
            .with_help(cli::content_writable_help())
        };
        if fs::read(&path).is_ok_and(|kept| Original::digest(&kept) == self.original.sha256) {
            return Ok(relative);
        }
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(failed)?;
        }
        fs::write(&path, &self.bytes).map_err(failed)?;
        Ok(relative)
    }
}

/// Where the values read from an original differ from the source's: the cells the importer
/// placed (not those left for a person) whose value is another, and the narrative sections
/// whose text is another.
pub(super) fn differences(
    source: &Report,
    read: &Report,
    open_cells: &[CellId],
) -> Vec<Difference> {
    let mut differences: Vec<Difference> = catalog()
        .entries()
        .map(|(id, _)| id)
        .filter(|id| !open_cells.contains(id))
        .filter_map(|id| {
            let (kept, original) = (source.cells.get(id), read.cells.get(id));
            (original.is_present() && kept != original).then(|| Difference::Cell {
                id,
                source: kept.clone(),
                original: original.clone(),
            })
        })
        .collect();
    let (kept, original) = (
        section_words(&source.body.text()),
        section_words(&read.body.text()),
    );
    for number in 1..=6u8 {
        let index = usize::from(number) - 1;
        if original[index].is_some() && kept[index] != original[index] {
            differences.push(Difference::Section { number });
        }
    }
    differences
}

/// The words of each of the six sections (`None` where the narrative lacks one): its letters
/// and digits only, so that Markdown markup, line breaks and a sub-heading written as a heading
/// or as a paragraph are no difference, and a changed word or number is.
fn section_words(body: &str) -> [Option<String>; 6] {
    let headings = section_headings(body);
    std::array::from_fn(|index| {
        let at = headings
            .iter()
            .position(|heading| usize::from(heading.number) == index + 1)?;
        let end = headings.get(at + 1).map_or(body.len(), |next| next.start);
        Some(
            body[headings[at].end..end]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect(),
        )
    })
}

/// The differences in words, for the import's notes.
pub(super) fn describe(differences: &[Difference]) -> String {
    differences
        .iter()
        .map(|difference| match difference {
            Difference::Cell {
                id,
                source,
                original,
            } => cli::cell_differs(catalog().cell(*id).path(), &shown(source), &shown(original))
                .into(),
            Difference::Section { number } => cli::section_differs(*number).into(),
        })
        .collect::<Vec<String>>()
        .join("; ")
}

fn shown(cell: &archive_core::model::Cell) -> String {
    let text = cell.to_string();
    if text.is_empty() {
        "blank".to_owned()
    } else {
        text
    }
}
