//! Word's older files (`.doc`, and WPS Office's `.wps`, both OLE compound files; or RTF under
//! those names) converted to `.docx` by LibreOffice in headless mode, then read as any `.docx`
//! (`docx`). LibreOffice is an optional runtime dependency: without it these files get a clear
//! error naming the package, and every other input imports as before.
//!
//! `soffice` runs on a copy of the bytes already read, in a temporary folder with a profile of
//! its own (so that it never joins a LibreOffice the user has open), in a process group of its
//! own that is killed whole after [`TIME_LIMIT`].

use archive_core::messages::{Text, cli};
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The program that converts, and the Debian package that has it.
const PROGRAM: &str = "soffice";
const PACKAGE: &str = "libreoffice-writer-nogui";

/// How long one conversion may take: LibreOffice starts in a few seconds and converts a report
/// in one.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The largest `.docx` a conversion may give: a report's is some 50 KB.
pub(crate) const MAX_CONVERTED_BYTES: u64 = 64 * 1024 * 1024;

/// Whether `bytes` are a file LibreOffice must convert: an OLE compound file (`.doc`, `.wps`)
/// or RTF, which agencies also publish under the name `.doc`.
pub(crate) fn needs_conversion(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        || bytes.starts_with(b"{\\rtf")
}

/// Why a conversion gave no `.docx`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum OfficeError {
    /// LibreOffice is not installed.
    NoConverter,
    /// LibreOffice could not convert the file, with its words.
    Failed(String),
    /// Conversion took longer than [`TIME_LIMIT`].
    TooSlow,
    /// Conversion gave more than [`MAX_CONVERTED_BYTES`].
    TooLarge,
}

impl OfficeError {
    /// The message and the help for a person.
    pub(crate) fn explain(&self) -> (String, String) {
        let (message, help) = match self {
            OfficeError::NoConverter => (
                cli::office_no_converter(PROGRAM),
                cli::office_no_converter_help(PACKAGE, PROGRAM),
            ),
            OfficeError::Failed(detail) => (cli::office_failed(detail), cli::office_failed_help()),
            OfficeError::TooSlow => (
                cli::office_too_slow(TIME_LIMIT.as_secs()),
                cli::office_too_slow_help(),
            ),
            OfficeError::TooLarge => (
                cli::office_too_large(MAX_CONVERTED_BYTES / (1024 * 1024)),
                cli::check_the_file_help(),
            ),
        };
        (message.into(), help.into())
    }
}

/// The `.docx` LibreOffice makes of `bytes`; `extension` (`doc`, `wps`) names the copy it reads.
pub(crate) fn to_docx(bytes: &[u8], extension: &str) -> Result<Vec<u8>, OfficeError> {
    to_docx_with(PROGRAM, bytes, extension)
}

/// [`to_docx`] with the converter named, so that tests can name one that does not exist.
fn to_docx_with(program: &str, bytes: &[u8], extension: &str) -> Result<Vec<u8>, OfficeError> {
    let failed = |what: Text, error: std::io::Error| {
        OfficeError::Failed(cli::io_step_failed(what.here(), &error.to_string()).into())
    };
    let work = tempfile::Builder::new()
        .prefix("archive-office-")
        .tempdir()
        .map_err(|e| failed(cli::cannot_make_temporary_folder(), e))?;
    let input = work.path().join(format!("report.{extension}"));
    fs::write(&input, bytes).map_err(|e| failed(cli::cannot_write_temporary_copy(), e))?;
    let output = work.path().join("out");
    let errors = fs::File::create(work.path().join("errors.txt"))
        .map_err(|e| failed(cli::cannot_write_temporary_folder(), e))?;
    let mut command = Command::new(program);
    command
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation={}",
            file_url(&work.path().join("profile"))
        ))
        .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&output)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(errors);
    // Its own process group, so that the time limit stops LibreOffice's children too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command.spawn().map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => OfficeError::NoConverter,
        _ => failed(cli::cannot_start_program(program), error),
    })?;
    wait_within(child, TIME_LIMIT)?;
    let converted = output.join("report.docx");
    match fs::metadata(&converted) {
        Ok(metadata) if metadata.len() > MAX_CONVERTED_BYTES => Err(OfficeError::TooLarge),
        Ok(_) => fs::read(&converted).map_err(|e| failed(cli::cannot_read_converted_file(), e)),
        Err(_) => {
            let said = fs::read_to_string(work.path().join("errors.txt")).unwrap_or_default();
            Err(OfficeError::Failed(first_words(&said)))
        }
    }
}

/// Waits for the child, killing its process group past `limit`.
fn wait_within(mut child: Child, limit: Duration) -> Result<(), OfficeError> {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return Ok(()),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                kill_group(&mut child);
                return Err(OfficeError::TooSlow);
            }
            Err(error) => {
                kill_group(&mut child);
                return Err(OfficeError::Failed(
                    cli::cannot_wait_for_libreoffice(&error.to_string()).into(),
                ));
            }
        }
    }
}

/// Kills the child and, on Unix, the process group it leads (LibreOffice's `soffice` starts
/// `soffice.bin`). `kill(1)` rather than a system call: the crate has no unsafe code.
fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// LibreOffice's first line that says something, or a plain reason when it said nothing.
fn first_words(said: &str) -> String {
    said.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.contains("javaldx"))
        .map_or_else(|| cli::libreoffice_made_nothing().into(), str::to_owned)
}

/// A `file://` URL for LibreOffice's `-env:UserInstallation`.
fn file_url(path: &Path) -> String {
    const PATH: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b':')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.');
    let path = path.to_string_lossy().replace('\\', "/");
    let path = path.trim_start_matches('/');
    format!("file:///{}", utf8_percent_encode(path, PATH))
}

/// The note saying where a converted input's text came from.
pub(crate) fn provenance(input: &Path) -> String {
    cli::converted_by_libreoffice(&super::file_name(input), PROGRAM).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_word_files_and_rtf_are_known_by_their_headers() {
        assert!(needs_conversion(&[
            0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0
        ]));
        assert!(needs_conversion(b"{\\rtf1\\ansi"));
        assert!(!needs_conversion(b"PK\x03\x04"));
        assert!(!needs_conversion("<html>".as_bytes()));
    }

    #[test]
    fn a_missing_converter_names_the_package() {
        let error = to_docx_with("soffice-that-is-not-installed", b"{\\rtf1}", "doc").unwrap_err();
        assert_eq!(error, OfficeError::NoConverter);
        let (message, help) = error.explain();
        assert!(message.contains("LibreOffice"), "{message}");
        assert!(help.contains("libreoffice-writer-nogui"), "{help}");
    }

    #[test]
    fn the_profile_url_is_a_file_url() {
        assert_eq!(
            file_url(Path::new("/tmp/archive-office-1a/profile dir")),
            "file:///tmp/archive-office-1a/profile%20dir"
        );
    }
}
