//! `archive import report.pdf`: the real published PDFs import to their hand-checked values, and
//! PDFs that cannot be read say why and change nothing. Needs poppler's `pdftotext` (Debian's
//! `poppler-utils`, which `.ci/run` installs).

use crate::import::{assert_imports_as_expected, expected, load};
use crate::support::{
    archive_in as archive, code_and_errors, copy_of, fixture, snapshot_tree, tool_present,
};

/// Both PDFs of 洪泽区 (WPS exports with CID fonts) import cleanly to exactly their expected
/// values, and the imported sources pass `archive check`.
#[test]
fn the_real_pdfs_import_to_their_expected_values() {
    if !tool_present(
        "pdftotext",
        "poppler-utils",
        "the_real_pdfs_import_to_their_expected_values",
    ) {
        return;
    }
    for (input, key) in [
        ("10_hongze_qu_2023", "hongze/2023"),
        ("11_hongze_qu_2024", "hongze/2024"),
    ] {
        let site = copy_of("import/archive");
        let file = fixture("import/pdf").join(format!("{input}.pdf"));
        let output = archive(site.path(), &["import", file.to_str().unwrap()]);
        let (code, errors) = code_and_errors(&output);
        assert_eq!(code, 0, "{input}:\n{errors}");
        assert!(errors.contains("1 cleanly"), "{input}:\n{errors}");
        assert!(
            errors.contains("text extracted from") && errors.contains("pdftotext"),
            "{input}: the source says where its text came from:\n{errors}"
        );
        let report = load(site.path(), key);
        assert_imports_as_expected(&format!("{input}.pdf"), &report, &expected(input));
        let (check, messages) = code_and_errors(&archive(site.path(), &["check"]));
        assert_eq!(check, 0, "{input}: archive check passes:\n{messages}");
    }
}

/// A scanned PDF, an encrypted one and a truncated one each get a clear error naming the file,
/// exit code 1, and nothing is written.
#[test]
fn pdfs_that_cannot_be_read_say_why_and_change_nothing() {
    if !tool_present(
        "pdftotext",
        "poppler-utils",
        "pdfs_that_cannot_be_read_say_why_and_change_nothing",
    ) {
        return;
    }
    let mut report = String::new();
    for name in ["scanned", "encrypted", "truncated"] {
        let site = copy_of("import/archive");
        let before = snapshot_tree(site.path());
        let file = fixture("import/hostile").join(format!("{name}.pdf"));
        let output = archive(site.path(), &["import", file.to_str().unwrap()]);
        let (code, errors) = code_and_errors(&output);
        assert_eq!(code, 1, "{name}:\n{errors}");
        assert!(errors.contains(&format!("{name}.pdf")), "{name}:\n{errors}");
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
