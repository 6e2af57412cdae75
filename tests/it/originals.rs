//! Originals kept (issue #17): `archive import` keeps the file it read beside the source and
//! records it; the loader refuses an altered copy; a different original of a report already in
//! the archive is recorded with its differences (原文已变更) and the values stay.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::import::load;
use crate::support::{
    TestSite, archive_in as archive, code_and_errors, copy_of, fixture, snapshot_tree,
};

const HOUMA: &str = "import/reports/00_houma_kfq_2024.txt";
/// `sha256sum tests/fixtures/import/reports/00_houma_kfq_2024.txt`
const HOUMA_SHA256: &str = "16d339d784d2e47bc377575d907857c46e12df772c72ee1744f81cc984e144dd";
const HONGZE_PDF: &str = "import/pdf/10_hongze_qu_2023.pdf";
/// `sha256sum tests/fixtures/import/pdf/10_hongze_qu_2023.pdf`
const HONGZE_PDF_SHA256: &str = "94a211353fb046b7c869cbb236078deb4d1f7085bd0c2b0dbf85051ec831698c";

fn import(root: &Path, file: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    code_and_errors(&archive(root, &args))
}

fn data_json(root: &Path, key: &str) -> Value {
    let text = fs::read_to_string(root.join(format!("public/agencies/{key}/data.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn page(root: &Path, url: &str) -> String {
    fs::read_to_string(root.join("public").join(url).join("index.html")).unwrap()
}

fn build(root: &Path) {
    let (code, errors) = code_and_errors(&archive(root, &["build"]));
    assert_eq!(code, 0, "{errors}");
}

/// The houma report's text with its 行政许可 count changed from 2663 to 2664, under the same
/// file name: the agency's file as republished.
fn changed_houma(folder: &Path) -> std::path::PathBuf {
    let text = fs::read_to_string(fixture(HOUMA)).unwrap();
    assert!(text.contains("\t2663条\n"));
    let changed = folder.join("00_houma_kfq_2024.txt");
    fs::write(&changed, text.replace("\t2663条\n", "\t2664条\n")).unwrap();
    changed
}

#[test]
fn import_keeps_the_original_with_its_hash_size_and_type() {
    let site = copy_of("import/archive");
    let (code, errors) = import(site.path(), &fixture(HOUMA), &[]);
    assert_eq!(code, 0, "{errors}");
    let kept = site
        .path()
        .join(format!("content/houma-kfq/originals/{HOUMA_SHA256}.txt"));
    assert_eq!(fs::read(&kept).unwrap(), fs::read(fixture(HOUMA)).unwrap());

    let report = load(site.path(), "houma-kfq/2024");
    let [original] = report.originals.as_slice() else {
        panic!("one original: {:?}", report.originals);
    };
    assert_eq!(original.file, format!("originals/{HOUMA_SHA256}.txt"));
    assert_eq!(original.name, "00_houma_kfq_2024.txt");
    assert_eq!(original.sha256, HOUMA_SHA256);
    assert_eq!(original.size, fs::metadata(fixture(HOUMA)).unwrap().len());
    assert_eq!(original.media_type, "text/plain");
    assert!(original.differences.is_empty());
    let age = jiff::Timestamp::now().duration_since(original.retrieved);
    assert!(
        age.as_secs() < 3600 && age.as_secs() >= 0,
        "retrieved when imported: {}",
        original.retrieved
    );

    build(site.path());
    let served = site
        .path()
        .join(format!("public/agencies/houma-kfq/2024/{HOUMA_SHA256}.txt"));
    assert_eq!(fs::read(served).unwrap(), fs::read(fixture(HOUMA)).unwrap());
    let html = page(site.path(), "agencies/houma-kfq/2024");
    assert!(html.contains("原文存档"), "{html}");
    assert!(
        html.contains(&format!(
            "href=\"/agencies/houma-kfq/2024/{HOUMA_SHA256}.txt\""
        )),
        "a link to the archived copy"
    );
    assert!(html.contains(&format!("<code class=\"sha256\">{HOUMA_SHA256}</code>")));
    assert!(html.contains("6311 字节"), "its size");
    assert!(!html.contains("原文已变更"));
    let data = data_json(site.path(), "houma-kfq/2024");
    assert_eq!(data["originals"][0]["sha256"], HOUMA_SHA256);
    assert_eq!(data["originals"][0]["size"], 6311);
    assert_eq!(data["originals"][0]["media_type"], "text/plain");
    assert_eq!(data["original_changed"], false);
}

/// A PDF is kept as the PDF, with the agency's address when the import is given one by the
/// source, and shown with it on the page.
#[test]
fn a_pdf_original_is_kept_as_published() {
    let site = copy_of("import/archive");
    let (code, errors) = import(site.path(), &fixture(HONGZE_PDF), &[]);
    assert_eq!(code, 0, "{errors}");
    let report = load(site.path(), "hongze/2023");
    assert_eq!(report.originals.len(), 1);
    assert_eq!(report.originals[0].sha256, HONGZE_PDF_SHA256);
    assert_eq!(report.originals[0].media_type, "application/pdf");
    let kept = site
        .path()
        .join(format!("content/hongze/originals/{HONGZE_PDF_SHA256}.pdf"));
    assert_eq!(
        fs::read(kept).unwrap(),
        fs::read(fixture(HONGZE_PDF)).unwrap()
    );
    // The agency's own address, once the editor has written it in the source.
    let source = site.path().join("content/hongze/2023.md");
    let text = fs::read_to_string(&source).unwrap();
    fs::write(
        &source,
        text.replace(
            "    url: ~\n",
            "    url: https://www.hongze.gov.cn/2023.pdf\n",
        ),
    )
    .unwrap();
    build(site.path());
    let html = page(site.path(), "agencies/hongze/2023");
    assert!(html.contains("机关原址"), "{html}");
    assert!(html.contains("href=\"https://www.hongze.gov.cn/2023.pdf\" rel=\"external\""));
    assert_eq!(
        data_json(site.path(), "hongze/2023")["originals"][0]["url"],
        "https://www.hongze.gov.cn/2023.pdf"
    );
}

#[test]
fn a_report_typed_in_by_hand_says_it_has_no_archived_original() {
    let site = TestSite::minimal();
    site.build();
    let html = site.read("public/agencies/demo/2024/index.html");
    assert!(html.contains("暂无原文存档"), "{html}");
    let data: Value =
        serde_json::from_str(&site.read("public/agencies/demo/2024/data.json")).unwrap();
    assert_eq!(data["originals"], Value::Array(Vec::new()));
    assert_eq!(data["original_changed"], false);

    fs::write(
        site.path().join("site.toml"),
        format!("{}language = \"en\"\n", site.read("site.toml")),
    )
    .unwrap();
    site.build();
    let html = site.read("public/agencies/demo/2024/index.html");
    assert!(html.contains("No archived original"), "{html}");
}

/// An archived copy changed (or removed) after it was recorded is an error naming the copy and
/// the source's line; nothing is built.
#[test]
fn an_altered_archived_copy_is_an_error_naming_the_file() {
    let site = copy_of("import/archive");
    assert_eq!(import(site.path(), &fixture(HOUMA), &[]).0, 0);
    let kept = site
        .path()
        .join(format!("content/houma-kfq/originals/{HOUMA_SHA256}.txt"));
    let mut bytes = fs::read(&kept).unwrap();
    bytes.extend_from_slice("（已修改）".as_bytes());
    fs::write(&kept, &bytes).unwrap();

    let (code, errors) = code_and_errors(&archive(site.path(), &["check"]));
    assert_eq!(code, 1, "{errors}");
    insta::assert_snapshot!("altered_original", errors.trim());
    let (code, errors) = code_and_errors(&archive(site.path(), &["build"]));
    assert_eq!(code, 1, "{errors}");
    assert!(!site.path().join("public").exists());

    fs::remove_file(&kept).unwrap();
    let (code, errors) = code_and_errors(&archive(site.path(), &["check"]));
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains(&format!(
            "the archived original content/houma-kfq/originals/{HOUMA_SHA256}.txt cannot be read"
        )),
        "{errors}"
    );
}

#[test]
fn the_same_original_imported_twice_changes_nothing() {
    let site = copy_of("import/archive");
    assert_eq!(import(site.path(), &fixture(HOUMA), &[]).0, 0);
    let before = snapshot_tree(site.path());
    let (code, errors) = import(site.path(), &fixture(HOUMA), &[]);
    assert_eq!(code, 0, "{errors}");
    assert!(errors.contains("nothing changed"), "{errors}");
    assert!(
        before == snapshot_tree(site.path()),
        "byte-identical archive"
    );
}

/// A republished file with one cell changed: both originals kept, the hand-checked value kept,
/// and 原文已变更 with the differing cell on the page, in data.json and on 数据质量.
#[test]
fn a_changed_original_is_recorded_with_its_differences_and_the_values_stay() {
    let site = copy_of("import/archive");
    assert_eq!(import(site.path(), &fixture(HOUMA), &[]).0, 0);
    let inputs = tempfile::tempdir().unwrap();
    let changed = changed_houma(inputs.path());
    let (code, errors) = import(site.path(), &changed, &[]);
    assert_eq!(code, 0, "{errors}");
    assert!(
        errors.contains("active.licensing.decisions: 2663 in the source, 2664 in the original"),
        "{errors}"
    );
    assert!(errors.contains("原文已变更"), "{errors}");

    let report = load(site.path(), "houma-kfq/2024");
    assert_eq!(
        report.cells.at(
            archive_core::format::TableKey::Active,
            "licensing",
            "decisions"
        ),
        archive_core::model::Cell::Count(2663),
        "the source's value stays"
    );
    assert_eq!(report.originals.len(), 2);
    assert_eq!(report.originals[0].sha256, HOUMA_SHA256);
    assert_ne!(report.originals[1].sha256, HOUMA_SHA256);
    assert_eq!(
        report.originals[1].differences.len(),
        1,
        "only the edited cell"
    );
    for original in &report.originals {
        assert!(
            site.path()
                .join("content/houma-kfq")
                .join(&original.file)
                .is_file()
        );
    }

    build(site.path());
    let html = page(site.path(), "agencies/houma-kfq/2024");
    assert!(html.contains("原文已变更"), "{html}");
    assert!(
        html.contains(
            "<tr><th scope=\"row\">行政许可 · 本年处理决定数量</th><td>2663</td><td>2664</td></tr>"
        ),
        "{html}"
    );
    let data = data_json(site.path(), "houma-kfq/2024");
    assert_eq!(data["original_changed"], true);
    assert_eq!(
        data["originals"][1]["differences"],
        serde_json::json!([{"cell": "active.licensing.decisions", "source": 2663, "original": 2664}])
    );
    let quality = page(site.path(), "quality");
    assert!(
        quality.contains("行政许可 · 本年处理决定数量：2663 → 2664"),
        "{quality}"
    );

    // Once more with --force: the new values replace the source's, every original is kept.
    let (code, errors) = import(site.path(), &changed, &["--force"]);
    assert_eq!(code, 0, "{errors}");
    let report = load(site.path(), "houma-kfq/2024");
    assert_eq!(
        report.cells.at(
            archive_core::format::TableKey::Active,
            "licensing",
            "decisions"
        ),
        archive_core::model::Cell::Count(2664)
    );
    assert_eq!(report.originals.len(), 2);
}

/// An original attached to a report typed in by hand keeps the source's every line: only the
/// `originals:` list is added, and the values stay.
#[test]
fn an_original_attached_to_a_hand_typed_source_keeps_its_lines() {
    let site = copy_of("import/archive");
    assert_eq!(import(site.path(), &fixture(HOUMA), &[]).0, 0);
    let source = site.path().join("content/houma-kfq/2024.md");
    let imported = fs::read_to_string(&source).unwrap();
    let start = imported.find("\n# 原文存档").unwrap();
    let end = imported.find("\n# 二、").unwrap();
    let hand_typed = format!(
        "{}\n# typed in from the agency's page{}",
        &imported[..start],
        &imported[end..]
    )
    .replace(
        "licensing:           [2663]",
        "licensing: {decisions: 2663}  # 行政许可",
    );
    fs::write(&source, &hand_typed).unwrap();
    fs::remove_dir_all(site.path().join("content/houma-kfq/originals")).unwrap();

    let (code, errors) = import(site.path(), &fixture(HOUMA), &[]);
    assert_eq!(code, 0, "{errors}");
    let attached = fs::read_to_string(&source).unwrap();
    let added: Vec<&str> = attached
        .lines()
        .filter(|line| !hand_typed.lines().any(|kept| kept == *line))
        .collect();
    assert!(
        added.iter().all(|line| line.starts_with("  ")
            || line.starts_with("originals:")
            || line.starts_with("# 原文存档")),
        "only the originals list is added: {added:?}"
    );
    assert!(hand_typed.lines().all(|line| attached.contains(line)));
    assert_eq!(load(site.path(), "houma-kfq/2024").originals.len(), 1);
}
