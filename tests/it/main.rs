//! Integration tests: the real `archive` binary on archives in temporary folders.

mod import;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture folder under `tests/fixtures/`.
pub(crate) fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A copy of a fixture folder in a new temporary folder.
pub(crate) fn copy_of(path: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let from = fixture(path);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("readable fixture");
        let relative = entry.path().strip_prefix(&from).expect("inside");
        let to = dir.path().join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).expect("folder");
        } else {
            fs::copy(entry.path(), &to).expect("file");
        }
    }
    dir
}

/// Runs `archive` with `args` in `root`.
pub(crate) fn archive(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .current_dir(root)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The exit code and standard error of a run.
pub(crate) fn code_and_errors(output: &Output) -> (i32, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
