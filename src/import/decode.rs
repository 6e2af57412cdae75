//! Bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or the legacy
//! encoding chardetng detects (GB18030/GBK for most Chinese sites), decoded by encoding_rs.

use encoding_rs::{Encoding, UTF_8};

/// A decoded input.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text.
    pub(crate) text: String,
    /// The encoding it was read as (`UTF-8`, `GBK`, …).
    pub(crate) encoding: &'static str,
    /// Whether some bytes were not valid in that encoding (replaced by U+FFFD).
    pub(crate) had_errors: bool,
}

/// Why an input is not text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NotText {
    /// The file is empty or only whitespace.
    Empty,
    /// The bytes look like a binary file (NUL bytes, control characters).
    Binary,
}

/// Decodes a file's bytes, detecting the encoding.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return checked(text.into_owned(), encoding.name(), had_errors);
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_owned(), UTF_8.name(), false);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    checked(text.into_owned(), encoding.name(), had_errors)
}

fn checked(text: String, encoding: &'static str, had_errors: bool) -> Result<Decoded, NotText> {
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    let total = text.chars().count();
    let bad = text
        .chars()
        .filter(|&c| {
            c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        })
        .count();
    // A few replaced bytes happen in real pages; a text that is mostly replacement is not one.
    if bad * 10 > total {
        return Err(NotText::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        had_errors,
    })
}

/// NUL bytes or many C0 control bytes in the first 8 KiB: not a text file in any encoding the
/// importer reads (UTF-16 without a mark is not supported).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "侯马经济开发区2024年政府信息公开工作年报\n一、总体情况\n2024年，侯马经济开发区在市委、市政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导。";

    #[test]
    fn utf8_with_and_without_a_mark() {
        assert_eq!(decode(REPORT.as_bytes()).unwrap().text, REPORT);
        let mut marked = b"\xEF\xBB\xBF".to_vec();
        marked.extend_from_slice(REPORT.as_bytes());
        let decoded = decode(&marked).unwrap();
        assert_eq!(decoded.text, REPORT);
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(REPORT);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, REPORT);
        assert!(
            matches!(decoded.encoding, "GBK" | "gb18030"),
            "{}",
            decoded.encoding
        );
        assert!(!decoded.had_errors);
    }

    #[test]
    fn binary_and_empty_files_are_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            NotText::Binary
        );
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i * 7919 % 251) as u8 | 0x80)
            .collect();
        assert!(decode(&junk).is_err() || !decode(&junk).unwrap().text.contains("一、"));
        assert_eq!(decode(b"  \n").unwrap_err(), NotText::Empty);
    }
}
