//! Tests in a real browser: headless Chromium driven by Playwright from Node.js scripts in
//! `tests/browser/` (their packages pinned by its `package-lock.json`).
//!
//! Without Chromium, Node.js or the Node packages a test says loudly that it did not run and
//! passes on a developer's machine; on CI (`CI` set), where `.ci/run` installs Debian's
//! `chromium`, Node.js and the packages (`npm ci`), a missing one is a failure.
//! `ARCHIVE_CHROMIUM` names another Chromium binary.

mod builder;
mod preview;
mod reading;
mod screens;

use std::io::Write;
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
        let packages = node_packages();
        let missing = match (&chromium, node, &packages) {
            (None, _, _) => "no Chromium (apt-get install chromium, or set ARCHIVE_CHROMIUM)",
            (_, false, _) => "no Node.js",
            (_, _, Err(missing)) => missing,
            (Some(_), true, Ok(_)) => "",
        };
        if !missing.is_empty() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test} cannot run on CI: {missing}; .ci/run installs them"
            );
            // Straight to the process's stderr: the test harness captures `eprintln!`, and a
            // skipped browser test must not pass unnoticed.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED {test}: {missing}. This browser test did NOT run; CI fails without it. ***\n"
            );
            return None;
        }
        Some(Browser {
            chromium: chromium.expect("checked above"),
            node_path: packages.expect("checked above"),
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

/// Where playwright-core and axe-core are: `tests/browser/node_modules` (`npm ci` there, which
/// `.ci/run` does; a test never reaches the network), or else site-audit's cache. `Ok(None)`
/// for the first, `Ok(Some(NODE_PATH))` for the cache, `Err` with what to do when neither has them.
fn node_packages() -> Result<Option<PathBuf>, &'static str> {
    let installed =
        |dir: &Path| dir.join("playwright-core").is_dir() && dir.join("axe-core").is_dir();
    if installed(&repo().join("tests/browser/node_modules")) {
        return Ok(None);
    }
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache/site-audit/node/node_modules"))
        .filter(|dir| installed(dir))
        .map(Some)
        .ok_or("no playwright-core and axe-core (run `npm ci` in tests/browser)")
}
