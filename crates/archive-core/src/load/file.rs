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
use crate::messages::{Text, load};

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

    fn name(self) -> String {
        match self {
            TextFile::Source => load::kind_source(),
            TextFile::AgencyFile => load::kind_agency_file(),
            TextFile::RegionList => load::kind_region_list(),
            TextFile::SiteConfig => load::kind_site_config(),
        }
        .into()
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
        return Err(
            Diagnostic::error(Location::file(relative), load::symlink_not_followed())
                .with_help(load::symlink_help()),
        );
    }
    if !file_type.is_file() {
        return Err(Diagnostic::error(
            Location::file(relative),
            load::not_regular_file(special_kind(metadata).here()),
        )
        .with_help(load::not_regular_file_help(&kind.name())));
    }
    if metadata.len() > kind.limit() {
        return Err(too_large(relative, kind, Some(metadata.len())));
    }
    Ok(())
}

/// What a file that is not a regular file is.
fn special_kind(metadata: &Metadata) -> Text {
    if metadata.is_dir() {
        return load::special_folder();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return load::special_fifo();
        }
        if file_type.is_char_device() {
            return load::special_char_device();
        }
        if file_type.is_block_device() {
            return load::special_block_device();
        }
        if file_type.is_socket() {
            return load::special_socket();
        }
    }
    load::special_file()
}

fn too_large(relative: &Path, kind: TextFile, size: Option<u64>) -> Diagnostic {
    let limit = kind.limit() / MIB;
    let size = size.map_or_else(String::new, |size| load::file_size(size).into());
    let help = match kind {
        TextFile::Source => load::too_large_source_help(),
        _ => load::too_large_help(&kind.name()),
    };
    Diagnostic::error(
        Location::file(relative),
        load::too_large(limit, &kind.name(), &size),
    )
    .with_help(help)
}

fn cannot_read(relative: &Path, kind: TextFile, error: &io::Error) -> Diagnostic {
    let location = Location::file(relative);
    if kind == TextFile::SiteConfig {
        return Diagnostic::error(location, load::no_site_config(&error.to_string())).with_help(
            if error.kind() == io::ErrorKind::NotFound {
                load::no_site_config_help()
            } else {
                load::unreadable_site_config_help()
            },
        );
    }
    Diagnostic::error(location, load::cannot_read_file(&error.to_string()))
        .with_help(load::cannot_read_file_help())
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
        return Err(Diagnostic::error(Location::file(relative), load::utf16())
            .with_help(load::utf16_help(encoding, &relative.display().to_string())));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(
            Diagnostic::error(Location::file(relative), load::binary_file())
                .with_help(load::binary_file_help()),
        );
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
            load::save_as_utf8_help()
        } else {
            load::gb18030_help(&relative.display().to_string())
        };
        Diagnostic::error(location, load::not_utf8()).with_help(help)
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
