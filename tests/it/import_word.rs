//! `archive import report.docx` (and `.doc`, `.wps`): the real reports saved as Word files import
//! to their hand-checked values, their tables read as tables; Word files that cannot be read, zip
//! bombs among them, say why and change nothing. The `.doc` conversion needs LibreOffice's
//! `soffice` (Debian's `libreoffice-writer-nogui`, which `.ci/run` installs); without it the test
//! says loudly that it was skipped, and fails on CI.

use std::io::{Cursor, Write as _};
use std::path::Path;
use std::process::Command;

use zip::write::{SimpleFileOptions, ZipWriter};

use crate::import::{assert_imports_as_expected, expected, load};
use crate::support::{archive, code_and_errors, copy_of, fixture, snapshot_tree, tool_present};

/// The real reports as Word made them (LibreOffice from the published pages: real Word tables,
/// cells merged with `w:gridSpan` and `w:vMerge`), with their expected files and sources.
const WORD_REPORTS: [(&str, &str, &str); 2] = [
    (
        "01_shanghai_shizhengfu_bangongting_2019.docx",
        "01_shanghai_shizhengfu_bangongting_2019",
        "shanghai-bgt/2019",
    ),
    ("06_pingtan_2023.docx", "06_pingtan_2023", "pingtan/2023"),
];

/// Imports `file` into a copy of the import archive and checks it against `expected_name`.
fn assert_word_file_imports(file: &Path, expected_name: &str, key: &str) {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let site = copy_of("import/archive");
    let output = archive(site.path(), &["import", file.to_str().unwrap()]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{name}:\n{errors}");
    assert!(errors.contains("1 cleanly"), "{name}:\n{errors}");
    assert!(
        errors.contains("Word document") && errors.contains("read from the Word document"),
        "{name}: the summary and notes say it was read from a Word file:\n{errors}"
    );
    let report = load(site.path(), key);
    assert_imports_as_expected(&name, &report, &expected(expected_name));
    let (check, messages) = code_and_errors(&archive(site.path(), &["check"]));
    assert_eq!(check, 0, "{name}: archive check passes:\n{messages}");
}

#[test]
fn the_real_reports_as_docx_import_to_their_expected_values() {
    for (input, expected_name, key) in WORD_REPORTS {
        assert_word_file_imports(&fixture("import/word").join(input), expected_name, key);
    }
}

/// A folder import finds `.docx` files beside the others.
#[test]
fn a_folder_import_reads_its_word_files() {
    let site = copy_of("import/archive");
    let folder = tempfile::tempdir().unwrap();
    let (input, _, key) = WORD_REPORTS[1];
    std::fs::copy(
        fixture("import/word").join(input),
        folder.path().join("平潭.DOCX"),
    )
    .unwrap();
    let output = archive(site.path(), &["import", folder.path().to_str().unwrap()]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    assert!(errors.contains("平潭.DOCX"), "{errors}");
    load(site.path(), key);
}

#[test]
fn a_doc_is_converted_by_libreoffice_and_imports_to_its_expected_values() {
    if !tool_present(
        "soffice",
        "libreoffice-writer-nogui",
        "a_doc_is_converted_by_libreoffice_and_imports_to_its_expected_values",
    ) {
        return;
    }
    let (_, expected_name, key) = WORD_REPORTS[0];
    let file = fixture("import/word").join(format!("{expected_name}.doc"));
    assert_word_file_imports(&file, expected_name, key);
    // WPS Office's .wps is the same OLE compound format: the .doc under that name goes the same
    // way (no real .wps is at hand; LibreOffice cannot write one).
    let folder = tempfile::tempdir().unwrap();
    let wps = folder.path().join(format!("{expected_name}.wps"));
    std::fs::copy(&file, &wps).unwrap();
    assert_word_file_imports(&wps, expected_name, key);
}

/// Agencies also publish web pages saved under the name `.doc`: such a file is read as the page
/// it is, with no LibreOffice.
#[test]
fn a_doc_that_is_a_saved_web_page_is_read_as_the_page() {
    let site = copy_of("import/archive");
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("平潭2023.doc");
    std::fs::copy(
        fixture("import/reports").join("06_pingtan_2023_page.html"),
        &file,
    )
    .unwrap();
    let output = archive(site.path(), &["import", file.to_str().unwrap()]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    assert!(
        errors.contains("web page") && !errors.contains("LibreOffice"),
        "{errors}"
    );
    let report = load(site.path(), "pingtan/2023");
    assert_imports_as_expected("平潭2023.doc", &report, &expected("06_pingtan_2023"));
}

/// With no LibreOffice on the `PATH`, a `.doc` gets an error naming the package to install.
#[test]
fn without_libreoffice_a_doc_gets_an_error_naming_the_package() {
    let site = copy_of("import/archive");
    let before = snapshot_tree(site.path());
    let empty_path = tempfile::tempdir().unwrap();
    let file = fixture("import/word").join("01_shanghai_shizhengfu_bangongting_2019.doc");
    let output = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .env("PATH", empty_path.path())
        .arg("--root")
        .arg(site.path())
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("01_shanghai_shizhengfu_bangongting_2019.doc")
            && errors.contains("needs LibreOffice")
            && errors.contains("apt-get install libreoffice-writer-nogui"),
        "{errors}"
    );
    assert_eq!(snapshot_tree(site.path()), before, "nothing changed");
}

/// A zip holding the entries given, deflated.
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

/// The hostile Word files, each made here: a name and its bytes.
fn hostile_word_files() -> Vec<(&'static str, Vec<u8>)> {
    const HEAD: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
    // 16 MiB of one byte deflate to some 16 KB: a bomb by its ratio.
    let bomb = zip_of(&[("word/document.xml", &vec![b' '; 16 * 1024 * 1024])]);
    let nested = format!(
        "{HEAD}\n{}{}</w:body></w:document>",
        "<w:sdt>".repeat(300),
        "</w:sdt>".repeat(300)
    );
    let real = std::fs::read(fixture("import/word").join(WORD_REPORTS[1].0)).unwrap();
    vec![
        ("bomb.docx", bomb),
        (
            "not_a_zip.docx",
            "一、总体情况 — a text file named .docx".into(),
        ),
        (
            "no_document.docx",
            zip_of(&[("content.xml", b"<office:document/>".as_slice())]),
        ),
        (
            "nested.docx",
            zip_of(&[("word/document.xml", nested.as_bytes())]),
        ),
        ("truncated.docx", real[..real.len() / 2].to_vec()),
    ]
}

/// A zip bomb, a file that is not a zip, a zip without `word/document.xml`, XML nested past the
/// limit and a truncated file each get a clear error naming the file, exit code 1, and nothing
/// is written.
#[test]
fn word_files_that_cannot_be_read_say_why_and_change_nothing() {
    let inputs = tempfile::tempdir().unwrap();
    let mut report = String::new();
    for (name, bytes) in hostile_word_files() {
        let file = inputs.path().join(name);
        std::fs::write(&file, &bytes).unwrap();
        let site = copy_of("import/archive");
        let before = snapshot_tree(site.path());
        let output = archive(site.path(), &["import", file.to_str().unwrap()]);
        let (code, errors) = code_and_errors(&output);
        assert_eq!(code, 1, "{name}:\n{errors}");
        assert!(errors.contains(name), "{name}:\n{errors}");
        assert_eq!(
            snapshot_tree(site.path()),
            before,
            "{name}: nothing changed"
        );
        let first = errors
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or_default();
        let help = errors
            .lines()
            .find(|line| line.contains("= help"))
            .unwrap_or_default();
        report.push_str(&format!("{name}: {first}\n  {}\n", help.trim()));
    }
    insta::assert_snapshot!(report);
}
