//! What the import targets share: an archive to import into, and a dry-run import of one file.

use std::sync::OnceLock;

use archive::import::{ImportOptions, Input, import};

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

/// Imports `data` as the file `name` with `--dry-run`: it may refuse the file; it must never panic.
pub fn import_dry_run(name: &str, data: &[u8]) {
    let root = archive_root();
    let input = root.path().join(name);
    std::fs::write(&input, data).expect("the input file");
    let options = ImportOptions {
        agency: Some("fuzz".to_owned()),
        year: None,
        dry_run: true,
        force: false,
    };
    let _ = import(root.path(), &[Input::file(input)], &options, |_| {});
}
