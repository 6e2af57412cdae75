//! A Word document (`.docx`) as a web page: its paragraphs as `<p>` lines and each of its tables
//! (`<w:tbl>`) as a `<table>`, merged cells as `colspan` and `rowspan`, so that the page reader
//! (`document`, `grid`) reads a Word report's tables exactly as it reads a published page's.
//!
//! A `.docx` is a zip of XML parts; only `word/document.xml` holds the text. It is read with the
//! `zip` crate and `quick-xml` under limits (see `docs/import.md`): at most [`MAX_ENTRIES`]
//! entries, at most [`MAX_DOCUMENT_BYTES`] inflated, at most [`MAX_RATIO`] times the compressed
//! size once past [`RATIO_GRACE_BYTES`], and elements nested at most [`body::MAX_DEPTH`] deep, so
//! that a zip bomb or a hostile part costs a bounded amount of memory and time.

mod body;

use archive_core::messages::cli;
use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;
use zip::result::ZipError;

/// The part that holds a Word document's text.
const DOCUMENT_PART: &str = "word/document.xml";

/// The part that holds its properties, among them its title (`<dc:title>`).
const PROPERTIES_PART: &str = "docProps/core.xml";

/// The most entries a Word file may have: Word writes a dozen or two.
pub(crate) const MAX_ENTRIES: usize = 10_000;

/// The most bytes the document's XML may inflate to: a long report's is a few MiB.
pub(crate) const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The most the document's XML may inflate relative to its compressed size once it is past
/// [`RATIO_GRACE_BYTES`]. Word's XML deflates some 10 to 30 times; a zip bomb, a thousand.
pub(crate) const MAX_RATIO: u64 = 200;

/// Below this many inflated bytes the ratio is not checked: a small part may compress very well
/// and costs nothing.
pub(crate) const RATIO_GRACE_BYTES: u64 = 1024 * 1024;

/// Whether `bytes` are a zip file, which is what a `.docx` is (its local header, or the end
/// record of an empty zip).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Why a Word file gave no page.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DocxError {
    /// The file is not a zip at all.
    NotZip,
    /// The zip cannot be read (truncated or damaged), with the zip reader's words.
    Damaged(String),
    /// The zip has no `word/document.xml`: not a Word document.
    NoDocument,
    /// The zip has more than [`MAX_ENTRIES`] entries.
    TooManyEntries(usize),
    /// The document inflates past [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// The document inflates more than [`MAX_RATIO`] times its compressed size.
    Bomb,
    /// The document's XML nests more than [`body::MAX_DEPTH`] deep, at this line of its XML.
    TooDeep(usize),
    /// The document's XML is malformed, at this line of its XML, with the parser's words.
    BadXml(usize, String),
}

impl DocxError {
    /// The message and the help for a person.
    pub(crate) fn explain(&self) -> (String, String) {
        let (message, help) = match self {
            DocxError::NotZip => (cli::docx_not_zip(), cli::docx_not_zip_help()),
            DocxError::Damaged(detail) => (cli::docx_damaged(detail), cli::docx_damaged_help()),
            DocxError::NoDocument => (
                cli::docx_no_document(DOCUMENT_PART),
                cli::docx_no_document_help(),
            ),
            DocxError::TooManyEntries(count) => (
                cli::docx_too_many_entries(*count, MAX_ENTRIES),
                cli::docx_save_again_help(),
            ),
            DocxError::TooLarge => (
                cli::docx_too_large(MAX_DOCUMENT_BYTES / (1024 * 1024)),
                cli::docx_too_large_help(),
            ),
            DocxError::Bomb => (cli::docx_bomb(MAX_RATIO), cli::docx_bomb_help()),
            DocxError::TooDeep(line) => (
                cli::docx_too_deep(DOCUMENT_PART, *line, body::MAX_DEPTH),
                cli::docx_save_again_help(),
            ),
            DocxError::BadXml(line, detail) => (
                cli::docx_bad_xml(DOCUMENT_PART, *line, detail),
                cli::docx_save_again_help(),
            ),
        };
        (message.into(), help.into())
    }
}

/// The Word document `bytes` as a web page with its title, paragraphs and tables.
pub(crate) fn html(bytes: &[u8]) -> Result<String, DocxError> {
    if !is_zip(bytes) {
        return Err(DocxError::NotZip);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries(archive.len()));
    }
    let xml = part_text(&mut archive, DOCUMENT_PART)?.ok_or(DocxError::NoDocument)?;
    let title = match part_text(&mut archive, PROPERTIES_PART)? {
        Some(properties) => title(&properties),
        None => None,
    };
    body::html(&xml, title.as_deref())
}

/// The text of a part, inflated under the limits; `None` when the zip has no such part.
fn part_text(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let mut part = match archive.by_name(name) {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(other) => return Err(damaged(other)),
    };
    let compressed = part.compressed_size();
    let inflated = read_limited(&mut part, compressed)?;
    String::from_utf8(inflated)
        .map(Some)
        .map_err(|error| DocxError::BadXml(1, cli::part_not_utf8(name, &error.to_string()).into()))
}

/// The document's title among its properties: what a page's `<title>` is. Properties that
/// cannot be read give none: the title is found in the text too.
fn title(properties: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(properties);
    let mut in_title = false;
    let mut title = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => in_title = start.local_name().as_ref() == "title",
            Ok(Event::Text(text)) if in_title => title.push_str(&text.xml10_content()),
            Ok(Event::End(_)) if in_title => break,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_owned())
}

/// Inflates a part chunk by chunk, stopping as soon as it passes a limit: the sizes a zip
/// declares are not trusted, only the bytes that come out.
fn read_limited(part: &mut impl Read, compressed: u64) -> Result<Vec<u8>, DocxError> {
    let mut inflated = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let read = part.read(&mut chunk).map_err(|error| {
            DocxError::Damaged(cli::part_not_inflated(&error.to_string()).into())
        })?;
        if read == 0 {
            return Ok(inflated);
        }
        inflated.extend_from_slice(&chunk[..read]);
        let size = inflated.len() as u64;
        if size > MAX_DOCUMENT_BYTES {
            return Err(DocxError::TooLarge);
        }
        if size > RATIO_GRACE_BYTES && size > compressed.max(1).saturating_mul(MAX_RATIO) {
            return Err(DocxError::Bomb);
        }
    }
}

fn damaged(error: ZipError) -> DocxError {
    DocxError::Damaged(error.to_string())
}

/// The name of a Word input's text, for the notes: where its text came from.
pub(crate) fn provenance(input: &Path) -> String {
    cli::read_from_word_document(&super::file_name(input)).into()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::{SimpleFileOptions, ZipWriter};

    use super::*;

    /// A zip with the entries given, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const MINIMAL: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#;

    #[test]
    fn a_docx_is_read_to_a_page() {
        let bytes = zip_of(&[(DOCUMENT_PART, MINIMAL.as_bytes())]);
        assert!(is_zip(&bytes));
        let page = html(&bytes).unwrap();
        assert!(page.contains("<p>一、总体情况</p>"), "{page}");
    }

    #[test]
    fn the_title_comes_from_the_properties() {
        let properties = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator>某</dc:creator><dc:title> 2023年度报告 </dc:title></cp:coreProperties>"#;
        let bytes = zip_of(&[
            (DOCUMENT_PART, MINIMAL.as_bytes()),
            (PROPERTIES_PART, properties.as_bytes()),
        ]);
        assert!(
            html(&bytes)
                .unwrap()
                .contains("<title>2023年度报告</title>")
        );
        assert_eq!(
            title("<cp:coreProperties><dc:title/></cp:coreProperties>"),
            None
        );
    }

    #[test]
    fn what_is_not_a_word_file_is_told_apart() {
        assert_eq!(html(b"<html></html>"), Err(DocxError::NotZip));
        let other = zip_of(&[("content.xml", b"<office:document/>".as_slice())]);
        assert_eq!(html(&other), Err(DocxError::NoDocument));
        let whole = zip_of(&[(DOCUMENT_PART, MINIMAL.as_bytes())]);
        let cut = &whole[..whole.len() / 2];
        assert!(
            matches!(html(cut), Err(DocxError::Damaged(_))),
            "{:?}",
            html(cut)
        );
    }

    #[test]
    fn inflating_stops_at_the_limits() {
        // 2 MiB of zeros deflate to some 2 KB: far past the ratio, well under the size limit.
        let zeros = vec![b'0'; 2 * 1024 * 1024];
        let bomb = zip_of(&[(DOCUMENT_PART, zeros.as_slice())]);
        assert_eq!(html(&bomb), Err(DocxError::Bomb));
        // Past the size limit whatever the ratio (a compressed size the zip may lie about).
        let mut endless = std::io::repeat(b'0').take(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(
            read_limited(&mut endless, u64::MAX),
            Err(DocxError::TooLarge)
        );
        // Small parts may compress as well as they like.
        let mut small = std::io::repeat(b'0').take(RATIO_GRACE_BYTES);
        assert!(read_limited(&mut small, 1).is_ok());
    }
}
