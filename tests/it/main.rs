//! Integration tests: the real `archive` binary on fixture archives.

mod check;
mod site;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example archive of the repository (`site.toml` and `content/`).
fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `archive --root ROOT ARGS…`.
fn archive(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the archive binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// A copy of the example archive's sources in a temporary folder, to change or build.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(example().join("site.toml"), dir.path().join("site.toml")).unwrap();
    for entry in walkdir::WalkDir::new(example().join("content")) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(example()).unwrap();
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}
