//! Tests in a real browser: headless Chromium driven by Playwright from Node.js scripts in
//! `tests/browser/` (their packages pinned by its `package-lock.json`).
//!
//! Without Chromium or Node.js a test says so and passes, except on CI (`CI` set), where
//! `.ci/run` installs Debian's `chromium` and a missing browser is a failure.
//! `ARCHIVE_CHROMIUM` names another Chromium binary.

mod preview;
mod reading;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::repo;

/// What a browser test needs: Chromium, and the `NODE_PATH` under which the scripts find
/// playwright-core and axe-core, if not in `tests/browser/node_modules`.
pub(crate) struct Browser {
    chromium: PathBuf,
    node_path: Option<PathBuf>,
}

impl Browser {
    /// The browser, or `None` (having said why) when this machine cannot run one.
    pub(crate) fn find(test: &str) -> Option<Browser> {
        let chromium = [
            std::env::var_os("ARCHIVE_CHROMIUM").map(PathBuf::from),
            Some(PathBuf::from("/usr/bin/chromium")),
            Some(PathBuf::from("/usr/bin/chromium-browser")),
        ]
        .into_iter()
        .flatten()
        .find(|path| path.is_file());
        let node = Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success());
        let missing = match (&chromium, node) {
            (None, _) => "no Chromium (apt-get install chromium, or set ARCHIVE_CHROMIUM)",
            (_, false) => "no Node.js",
            (Some(_), true) => "",
        };
        if !missing.is_empty() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test} cannot run on CI: {missing}; .ci/run installs them"
            );
            eprintln!("SKIPPED {test}: {missing}");
            return None;
        }
        Some(Browser {
            chromium: chromium.expect("checked above"),
            node_path: node_packages(),
        })
    }

    /// `node tests/browser/<script> <args>`, with Chromium's path in `ARCHIVE_CHROMIUM`.
    pub(crate) fn script(&self, script: &str) -> Command {
        let mut command = Command::new("node");
        command
            .arg(repo().join("tests/browser").join(script))
            .env("ARCHIVE_CHROMIUM", &self.chromium);
        if let Some(node_path) = &self.node_path {
            command.env("NODE_PATH", node_path);
        }
        command
    }
}

/// Makes sure playwright-core and axe-core can be loaded: tests/browser/node_modules, installed
/// with `npm ci` if missing, or else site-audit's cache. The `NODE_PATH` to use, if any.
fn node_packages() -> Option<PathBuf> {
    let folder = repo().join("tests/browser");
    let installed =
        |dir: &Path| dir.join("playwright-core").is_dir() && dir.join("axe-core").is_dir();
    if installed(&folder.join("node_modules")) {
        return None;
    }
    let npm_ci = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&folder)
        .status()
        .is_ok_and(|status| status.success());
    if npm_ci && installed(&folder.join("node_modules")) {
        return None;
    }
    let cache = std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache/site-audit/node/node_modules"))
        .filter(|dir| installed(dir));
    assert!(
        cache.is_some(),
        "the browser tests need playwright-core and axe-core: run `npm ci` in tests/browser"
    );
    cache
}
