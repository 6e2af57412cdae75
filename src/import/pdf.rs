//! A PDF's text, as poppler's `pdftotext -layout` lays it out: each page's lines in reading order
//! with the columns of a table kept apart by spaces, which is what the text importer reads.
//! `docs/import.md` says why poppler (Debian's `poppler-utils`) rather than a Rust crate: on the
//! real reports' PDFs (CID fonts, exported by WPS) it is the only one that gives every cell.
//!
//! `pdftotext` runs as a child process on a copy of the bytes already read, with its output capped
//! and a time limit, so that a hostile PDF costs at most [`TIME_LIMIT`] and [`MAX_TEXT_BYTES`].

use archive_core::messages::cli;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The program that extracts the text, and the Debian package that has it.
const PROGRAM: &str = "pdftotext";
const PACKAGE: &str = "poppler-utils";

/// How long one PDF may take: real reports take well under a second.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The most text one PDF may give: real reports give some 20–60 KB.
pub(crate) const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Whether `bytes` are a PDF file (its header, `%PDF-`, within the first KiB as readers allow).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|window| window == b"%PDF-")
}

/// Why a PDF gave no text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PdfError {
    /// `pdftotext` is not installed.
    NoExtractor,
    /// The PDF is encrypted and needs a password to open.
    Encrypted,
    /// The PDF has pages but no text layer: scanned images.
    NoText,
    /// The file could not be read as a PDF (truncated or damaged), with poppler's words.
    Damaged(String),
    /// Extraction took longer than [`TIME_LIMIT`].
    TooSlow,
    /// Extraction gave more than [`MAX_TEXT_BYTES`].
    TooLong,
}

impl PdfError {
    /// The message and the help for a person.
    pub(crate) fn explain(&self) -> (String, String) {
        let (message, help) = match self {
            PdfError::NoExtractor => (
                cli::pdf_no_extractor(PROGRAM),
                cli::pdf_no_extractor_help(PACKAGE),
            ),
            PdfError::Encrypted => (cli::pdf_encrypted(), cli::pdf_encrypted_help()),
            PdfError::NoText => (cli::pdf_no_text(), cli::pdf_no_text_help()),
            PdfError::Damaged(detail) => (cli::pdf_damaged(detail), cli::pdf_damaged_help()),
            PdfError::TooSlow => (
                cli::pdf_too_slow(TIME_LIMIT.as_secs()),
                cli::pdf_too_slow_help(),
            ),
            PdfError::TooLong => (
                cli::pdf_too_long(MAX_TEXT_BYTES / (1024 * 1024)),
                cli::pdf_too_long_help(),
            ),
        };
        (message.into(), help.into())
    }
}

/// The text of the PDF `bytes` (read from `input`, named in messages only).
pub(crate) fn text(bytes: &[u8]) -> Result<String, PdfError> {
    text_with(PROGRAM, bytes)
}

/// [`text`] with the extractor named, so that tests can name one that does not exist.
fn text_with(program: &str, bytes: &[u8]) -> Result<String, PdfError> {
    let mut child = Command::new(program)
        // `-layout` keeps a table's columns apart; `-` `-` reads standard input, writes standard
        // output; UTF-8 whatever the locale.
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => PdfError::NoExtractor,
            _ => PdfError::Damaged(
                cli::io_step_failed(
                    cli::cannot_start_program(program).here(),
                    &error.to_string(),
                )
                .into(),
            ),
        })?;
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let input = bytes.to_vec();
    // Feeding, reading and waiting each on a thread of their own, so that neither pipe can fill
    // and block the other, and the time limit holds whatever the child does.
    let feeder = std::thread::spawn(move || {
        // A PDF poppler stops reading early closes the pipe: not an error of ours.
        let _ = stdin.write_all(&input);
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.by_ref().take(64 * 1024).read_to_string(&mut text);
        text
    });
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout
            .by_ref()
            .take(MAX_TEXT_BYTES + 1)
            .read_to_end(&mut out);
        let _ = sender.send(read.map(|_| out));
    });
    let out = match receiver.recv_timeout(TIME_LIMIT) {
        Ok(Ok(out)) => out,
        Ok(Err(error)) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::Damaged(
                cli::cannot_read_program_output(program, &error.to_string()).into(),
            ));
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::TooSlow);
        }
    };
    if out.len() as u64 > MAX_TEXT_BYTES {
        let _ = child.kill();
        let _ = child.wait();
        return Err(PdfError::TooLong);
    }
    let status = child.wait().map_err(|error| {
        PdfError::Damaged(cli::program_did_not_finish(program, &error.to_string()).into())
    })?;
    let _ = feeder.join();
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        return Err(classify_failure(&errors));
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    if text.chars().all(|c| c.is_whitespace()) {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

/// What poppler's error output says went wrong.
fn classify_failure(errors: &str) -> PdfError {
    if errors.contains("Incorrect password") || errors.contains("encrypted") {
        return PdfError::Encrypted;
    }
    let detail = errors
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map_or_else(|| cli::poppler_gave_no_reason().into(), str::to_owned);
    PdfError::Damaged(detail)
}

/// The name of a PDF input's text, for the notes: where its text came from.
pub(crate) fn provenance(input: &Path) -> String {
    cli::extracted_by_poppler(&super::file_name(input), PROGRAM).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_known_by_its_header() {
        assert!(is_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"));
        // Some writers put bytes before the header; readers look within the first KiB.
        assert!(is_pdf(b"\xef\xbb\xbf%PDF-1.4\n"));
        assert!(!is_pdf(b"<html><body>%PDF-</body>"[..5].as_ref()));
        assert!(!is_pdf("一、总体情况".as_bytes()));
    }

    #[test]
    fn a_missing_extractor_names_the_package() {
        let error = text_with("pdftotext-that-is-not-installed", b"%PDF-1.7\n").unwrap_err();
        assert_eq!(error, PdfError::NoExtractor);
        let (message, help) = error.explain();
        assert!(message.contains("pdftotext"), "{message}");
        assert!(help.contains("poppler-utils"), "{help}");
    }

    #[test]
    fn poppler_errors_are_told_apart() {
        assert_eq!(
            classify_failure("Command Line Error: Incorrect password\n"),
            PdfError::Encrypted
        );
        assert_eq!(
            classify_failure(
                "Syntax Warning: May not be a PDF file (continuing anyway)\nSyntax Error: Couldn't find trailer dictionary\n"
            ),
            PdfError::Damaged(
                "Syntax Warning: May not be a PDF file (continuing anyway)".to_owned()
            )
        );
    }
}
