//! Reading a site's text files: only regular files, never more than a limit, UTF-8 only.
//!
//! A FIFO named like a source would block a read forever and a device (or a file that keeps
//! growing) would be read until memory runs out, so the file's type is checked before it is
//! opened and again on the opened file (it may have been replaced in between), it is opened
//! without blocking, and at most its limit and one byte more are read.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location};

const MIB: u64 = 1024 * 1024;

/// The kinds of text file a site has, each with its size limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFile {
    /// `content/<agency>/<year>.md`.
    Source,
    /// `content/<agency>/_agency.yaml`.
    AgencyFile,
    /// `content/_regions.yaml`.
    RegionList,
    /// `site.toml`.
    SiteConfig,
}

impl TextFile {
    /// The most bytes a file of this kind may hold. A real report source is 10–100 KB, with
    /// room for a narrative of tens of megabytes (the hostile tests build one of 20 MB); a
    /// national region list of every township is a few megabytes; an agency file and site.toml
    /// are a few lines.
    pub const fn limit(self) -> u64 {
        match self {
            TextFile::Source => 64 * MIB,
            TextFile::RegionList => 16 * MIB,
            TextFile::AgencyFile | TextFile::SiteConfig => MIB,
        }
    }

    fn name(self) -> &'static str {
        match self {
            TextFile::Source => "a report source",
            TextFile::AgencyFile => "an agency file",
            TextFile::RegionList => "the region list",
            TextFile::SiteConfig => "site.toml",
        }
    }

    /// Links are followed only for site.toml, which is the maintainer's; under `content/`
    /// they are refused like the scan refuses them.
    fn follows_links(self) -> bool {
        self == TextFile::SiteConfig
    }
}

/// Reads `root/relative` as text, refusing what is not a regular file, is larger than the
/// kind's limit, or is not UTF-8. Messages name `relative`.
pub fn read_text(root: &Path, relative: &Path, kind: TextFile) -> Result<String, Diagnostic> {
    let path = root.join(relative);
    let metadata = if kind.follows_links() {
        fs::metadata(&path)
    } else {
        fs::symlink_metadata(&path)
    }
    .map_err(|error| cannot_read(relative, kind, &error))?;
    check_metadata(relative, kind, &metadata)?;
    let file = open(&path, kind).map_err(|error| cannot_read(relative, kind, &error))?;
    // Checked again on the file that was opened: the path may now name something else.
    let metadata = file
        .metadata()
        .map_err(|error| cannot_read(relative, kind, &error))?;
    check_metadata(relative, kind, &metadata)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(kind.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| cannot_read(relative, kind, &error))?;
    if bytes.len() as u64 > kind.limit() {
        return Err(too_large(relative, kind, None));
    }
    decode(relative, bytes)
}

#[cfg(unix)]
fn open(path: &Path, kind: TextFile) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK;
    if !kind.follows_links() {
        flags |= libc::O_NOFOLLOW;
    }
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _kind: TextFile) -> io::Result<File> {
    File::open(path)
}

fn check_metadata(relative: &Path, kind: TextFile, metadata: &Metadata) -> Result<(), Diagnostic> {
    let file_type = metadata.file_type();
    if file_type.is_symlink() {
        return Err(Diagnostic::error(
            Location::file(relative),
            "symbolic links are not followed under content/",
        )
        .with_help("replace the link with the file or folder itself"));
    }
    if !file_type.is_file() {
        return Err(Diagnostic::error(
            Location::file(relative),
            format!("not a regular file: {}", special_kind(metadata)),
        )
        .with_help(format!(
            "only a regular file is read as {}: remove this one and put the file itself in its place",
            kind.name()
        )));
    }
    if metadata.len() > kind.limit() {
        return Err(too_large(relative, kind, Some(metadata.len())));
    }
    Ok(())
}

/// What a file that is not a regular file is.
fn special_kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

fn too_large(relative: &Path, kind: TextFile, size: Option<u64>) -> Diagnostic {
    let limit = kind.limit() / MIB;
    let size = size.map_or_else(String::new, |size| format!(" ({size} bytes)"));
    let help = match kind {
        TextFile::Source => "check that this is the right file: a source holds a report's tables and narrative as text; its attachments belong at the `original_file` address".to_owned(),
        _ => format!("check that this is the right file: {} is a short text file", kind.name()),
    };
    Diagnostic::error(
        Location::file(relative),
        format!(
            "the file is larger than the {limit} MiB {} may hold{size}",
            kind.name()
        ),
    )
    .with_help(help)
}

fn cannot_read(relative: &Path, kind: TextFile, error: &io::Error) -> Diagnostic {
    let location = Location::file(relative);
    if kind == TextFile::SiteConfig {
        return Diagnostic::error(
            location,
            format!("cannot read the site configuration: {error}"),
        )
        .with_help(if error.kind() == io::ErrorKind::NotFound {
            "run the command in the archive's root folder (the one holding site.toml), pass --root, or create a new archive with `archive init DIR`"
        } else {
            "check that site.toml is a file the user running archive may read"
        });
    }
    Diagnostic::error(location, format!("cannot read the file: {error}"))
        .with_help("check that the file exists and is readable")
}

/// The text of a file's bytes: a UTF-8 byte-order mark is dropped; UTF-16, binary files and
/// other encodings are refused, naming the encoding where it can be told.
fn decode(relative: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    // Notepad's "Unicode" is UTF-16 with a byte-order mark; its text is full of zero bytes,
    // so it is told apart before the test for binary files.
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some("UTF-16LE"),
        Some([0xFE, 0xFF]) => Some("UTF-16BE"),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return Err(Diagnostic::error(
            Location::file(relative),
            "the file is saved as UTF-16, not UTF-8",
        )
        .with_help(format!(
            "save it as UTF-8 (in the editor's \"Save as\", or `iconv -f {encoding} -t UTF-8 {0} > {0}.utf8` and replace it)",
            relative.display()
        )));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(Diagnostic::error(Location::file(relative), "the file is binary, not a text source")
            .with_help("report sources are UTF-8 text; to bring in a published report, use its text or web page"));
    }
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let offset = error.utf8_error().valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let location = Location {
            line: Some(line),
            ..Location::file(relative)
        };
        // Text copied from Chinese sites is often GB18030 (GBK): say so when it decodes as that.
        let (_, _, had_errors) = encoding_rs::GB18030.decode(bytes);
        let help = if had_errors {
            "save the file as UTF-8 text".to_owned()
        } else {
            format!(
                "the file looks like GB18030 (GBK): convert it to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {0} > {0}.utf8` and replace it",
                relative.display()
            )
        };
        Diagnostic::error(location, "the file is not UTF-8 text").with_help(help)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Result<String, String> {
        decode(Path::new("content/a/2024.md"), bytes.to_vec()).map_err(|error| error.message)
    }

    #[test]
    fn byte_order_marks_are_told_apart() {
        assert_eq!(
            decoded(b"\xEF\xBB\xBFyear: 2024"),
            Ok("year: 2024".to_owned())
        );
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("year".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("year".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [utf16le, utf16be] {
            assert_eq!(
                decoded(&bytes),
                Err("the file is saved as UTF-16, not UTF-8".to_owned())
            );
        }
        assert_eq!(
            decoded(b"year\0"),
            Err("the file is binary, not a text source".to_owned())
        );
    }

    #[test]
    fn site_toml_that_cannot_be_read_is_not_told_to_move() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let missing = io::Error::from(io::ErrorKind::NotFound);
        let help = |error| {
            cannot_read(Path::new("site.toml"), TextFile::SiteConfig, error)
                .help
                .unwrap()
        };
        assert!(help(&missing).contains("run the command in the archive's root"));
        assert!(!help(&denied).contains("run the command in the archive's root"));
    }
}
