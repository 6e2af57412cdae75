//! The importer on arbitrary bytes, as a published report file (text or HTML, any encoding),
//! through the public `import` entry point with `--dry-run`: it may refuse the file; it must never
//! panic.
#![no_main]

use std::sync::OnceLock;

use archive::import::{ImportOptions, import};
use libfuzzer_sys::fuzz_target;

fn archive_root() -> &'static tempfile::TempDir {
    static ROOT: OnceLock<tempfile::TempDir> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(root.path().join("content")).expect("content folder");
        std::fs::write(
            root.path().join("site.toml"),
            "title = \"fuzz\"\nbase_url = \"https://example.org/\"\n",
        )
        .expect("site.toml");
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = archive_root();
    let input = root.path().join("report.txt");
    std::fs::write(&input, data).expect("the input file");
    let options = ImportOptions {
        agency: Some("fuzz".to_owned()),
        year: None,
        dry_run: true,
        force: false,
    };
    let _ = import(root.path(), &[input], &options, |_| {});
});
