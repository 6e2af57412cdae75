//! `archive import --summary FILE`: one row per input — imported cleanly, imported with cells
//! left for a person (which, and why), or not imported (why) — for a person to work through.
//!
//! `FILE.csv` is CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese), `FILE.json`
//! JSON; any other name gets both, `FILE.csv` and `FILE.json` beside each other.

use std::fs;
use std::path::{Path, PathBuf};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::cli;
use serde::Serialize;

use super::Outcome;

/// What became of an input, as the summary says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Imported (or merged into another input's source) with nothing left for a person.
    Imported,
    /// Imported, with cells (or problems) left for a person.
    NeedsPerson,
    /// Not imported.
    NotImported,
}

impl Status {
    fn of(outcome: &Outcome) -> Status {
        if outcome.is_clean() {
            Status::Imported
        } else if outcome.imported || outcome.merged_into.is_some() {
            Status::NeedsPerson
        } else {
            Status::NotImported
        }
    }

    fn key(self) -> &'static str {
        match self {
            Status::Imported => "imported",
            Status::NeedsPerson => "needs_person",
            Status::NotImported => "not_imported",
        }
    }
}

/// One input's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The input file.
    pub input: String,
    /// What became of it.
    pub status: Status,
    /// The agency's id, once read.
    pub agency: Option<String>,
    /// The year the report covers, once read.
    pub year: Option<u16>,
    /// The source written, relative to the archive's root.
    pub source: Option<String>,
    /// The other input of the same report whose source holds this one's values.
    pub merged_into: Option<String>,
    /// The cells left blank for a person (`table.row.column`).
    pub open_cells: Vec<String>,
    /// Why: each problem found, with its line in the input and what to do.
    pub reasons: Vec<String>,
    /// What the run did about the agency (created it, took a name for an existing one).
    pub agency_note: Option<String>,
}

impl Row {
    /// The row of one input's outcome.
    pub fn of(outcome: &Outcome) -> Row {
        Row {
            input: outcome.input.display().to_string(),
            status: Status::of(outcome),
            agency: outcome.report.as_ref().map(|(agency, _)| agency.clone()),
            year: outcome.report.as_ref().map(|&(_, year)| year),
            source: (outcome.imported)
                .then(|| outcome.target.as_ref().map(|t| t.display().to_string()))
                .flatten(),
            merged_into: outcome
                .merged_into
                .as_ref()
                .map(|into| into.display().to_string()),
            open_cells: outcome
                .open_cells
                .iter()
                .map(|&cell| cell.to_owned())
                .collect(),
            reasons: outcome.diagnostics.iter().map(reason).collect(),
            agency_note: outcome.agency_note.clone(),
        }
    }
}

/// A problem in one line: where, what, and what to do.
fn reason(diagnostic: &Diagnostic) -> String {
    let line = diagnostic
        .location
        .line
        .map(|line| String::from(cli::at_line(line)))
        .unwrap_or_default();
    let help = diagnostic
        .help
        .as_ref()
        .map(|help| format!(" — {help}"))
        .unwrap_or_default();
    format!(
        "{}: {line}{}{help}",
        diagnostic.severity, diagnostic.message
    )
}

/// The files `--summary FILE` writes: by its extension, or both.
pub fn summary_files(file: &Path) -> Vec<PathBuf> {
    match file.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("json") => {
            vec![file.to_path_buf()]
        }
        _ => ["csv", "json"]
            .iter()
            .map(|extension| {
                let mut name = file.as_os_str().to_owned();
                name.push(format!(".{extension}"));
                PathBuf::from(name)
            })
            .collect(),
    }
}

/// Writes the summary of `outcomes` to `file` (see [`summary_files`]).
pub fn write_summary(file: &Path, outcomes: &[Outcome]) -> Result<Vec<PathBuf>, Diagnostic> {
    let rows: Vec<Row> = outcomes.iter().map(Row::of).collect();
    let files = summary_files(file);
    for path in &files {
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let bytes = if is_json {
            let mut text = serde_json::to_string_pretty(&rows).expect("rows serialize");
            text.push('\n');
            text.into_bytes()
        } else {
            csv_bytes(&rows)
        };
        fs::write(path, bytes).map_err(|error| {
            Diagnostic::error(
                Location::file(path),
                cli::cannot_write_summary(&error.to_string()),
            )
            .with_help(cli::writable_file_help())
        })?;
    }
    Ok(files)
}

/// The CSV's columns.
const COLUMNS: [&str; 9] = [
    "input",
    "status",
    "agency",
    "year",
    "source",
    "merged_into",
    "open_cells",
    "reasons",
    "agency_note",
];

/// The rows as CSV: a byte-order mark, a header, one line per row; lists joined with "; ".
fn csv_bytes(rows: &[Row]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(COLUMNS).expect("writes to memory");
    for row in rows {
        let record = [
            row.input.clone(),
            row.status.key().to_owned(),
            row.agency.clone().unwrap_or_default(),
            row.year.map(|year| year.to_string()).unwrap_or_default(),
            row.source.clone().unwrap_or_default(),
            row.merged_into.clone().unwrap_or_default(),
            row.open_cells.join("; "),
            row.reasons.join("; "),
            row.agency_note.clone().unwrap_or_default(),
        ];
        writer.write_record(&record).expect("writes to memory");
    }
    writer.into_inner().expect("writes to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_says_which_files() {
        assert_eq!(
            summary_files(Path::new("a/s.csv")),
            [PathBuf::from("a/s.csv")]
        );
        assert_eq!(
            summary_files(Path::new("s.JSON")),
            [PathBuf::from("s.JSON")]
        );
        assert_eq!(
            summary_files(Path::new("run-1")),
            [PathBuf::from("run-1.csv"), PathBuf::from("run-1.json")]
        );
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        let row = Row {
            input: "in/a,b.txt".to_owned(),
            status: Status::NeedsPerson,
            agency: Some("hongze".to_owned()),
            year: Some(2024),
            source: Some("content/hongze/2024.md".to_owned()),
            merged_into: None,
            open_cells: vec!["a.b.c".to_owned(), "a.b.d".to_owned()],
            reasons: vec!["warning: line 3: “5” run together".to_owned()],
            agency_note: None,
        };
        let bytes = csv_bytes(&[row]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "input,status,agency,year,source,merged_into,open_cells,reasons,agency_note\n\
             \"in/a,b.txt\",needs_person,hongze,2024,content/hongze/2024.md,,a.b.c; a.b.d,warning: line 3: “5” run together,\n"
        );
    }
}
