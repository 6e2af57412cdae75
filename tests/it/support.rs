//! Fixture archives and a runner for the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root (holding the example archive).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary archive, removed when dropped.
pub(crate) struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of the repository's example archive (content/ and site.toml; the default theme is
    /// the one built into the binary).
    pub(crate) fn example() -> TestSite {
        let site = TestSite::empty();
        copy_tree(&repo().join("content"), &site.path().join("content"));
        fs::copy(repo().join("site.toml"), site.path().join("site.toml")).unwrap();
        site
    }

    /// A one-report archive, small enough to break on purpose.
    pub(crate) fn minimal() -> TestSite {
        let site = TestSite::empty();
        site.write(
            "site.toml",
            "title = \"测试\"\nbase_url = \"https://example.org/\"\n",
        );
        site.write("content/_regions.yaml", "- id: jiangsu\n  name: 江苏省\n");
        site.write(
            "content/demo/_agency.yaml",
            "name: 示例县人民政府\nkind: people_government\nregion: jiangsu\n",
        );
        site.write("content/demo/2024.md", MINIMAL_REPORT);
        site
    }

    fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|error| panic!("{relative}: {error}"))
    }

    /// Runs `archive ARGS` in the site's folder.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        archive_in(self.path(), args)
    }

    /// Runs `archive build` and insists that it succeeds.
    pub(crate) fn build(&self) -> Output {
        let output = self.run(&["build"]);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }
}

pub(crate) const MINIMAL_REPORT: &str = "---
year: 2024
format: gb2021
title: 示例县人民政府2024年政府信息公开工作年度报告
published: 2025-03-01
issuer: 示例县人民政府办公室
source_url: https://example.org/2024.html

active:
  rules:               [0, 0, 0]
  normative_documents: [1, 0, 5]
  licensing:           [10]
  penalty:             [2]
  coercion:            [0]
  fees:                [1.5]

applications:
  received:        [3, 1, 0, 0, 0, 0, 4]
  carried_over:    [0, 0, 0, 0, 0, 0, 0]
  disclosed:       [2, 1, 0, 0, 0, 0, 3]
  results_total:   [2, 1, 0, 0, 0, 0, 3]
  carried_forward: [1, 0, 0, 0, 0, 0, 1]

appeals:
  review:               [0, 0, 0, 0, 0]
  lawsuit_direct:       [0, 0, 0, 0, 0]
  lawsuit_after_review: [0, 0, 0, 0, 0]
---

## 一、总体情况

示例。

## 二、主动公开政府信息情况

## 三、收到和处理政府信息公开申请情况

## 四、政府信息公开行政复议、行政诉讼情况

## 五、存在的主要问题及改进情况

无。

## 六、其他需要报告的事项

本年度未收取信息处理费。
";

/// Runs `archive ARGS…` in the folder `dir`.
pub(crate) fn archive_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the archive binary runs")
}

/// A fixture folder under `tests/fixtures/`.
pub(crate) fn fixture(path: &str) -> PathBuf {
    repo().join("tests/fixtures").join(path)
}

/// A copy of a fixture folder in a new temporary folder.
pub(crate) fn copy_of(path: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_tree(&fixture(path), dir.path());
    dir
}

/// The exit code and standard error of a run.
pub(crate) fn code_and_errors(output: &Output) -> (i32, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `archive --root ROOT ARGS…`.
pub(crate) fn archive(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the archive binary runs")
}

/// A command's standard output.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// A command's standard error, as printed.
pub(crate) fn stderr_text(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// Copies a folder recursively.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below a folder with its bytes, for comparing outputs.
pub(crate) fn snapshot_tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().strip_prefix(root).unwrap().to_path_buf(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The text of a command's standard error, with the temporary folder's path removed.
pub(crate) fn stderr(output: &Output, site: &TestSite) -> String {
    String::from_utf8_lossy(&output.stderr).replace(&site.path().display().to_string(), "[site]")
}
