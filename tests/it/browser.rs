//! The live preview in a real browser: headless Chromium driven by Playwright
//! (`tests/e2e/live-reload.mjs`). Skipped, saying so, only where Chromium is not installed and
//! this is not CI; `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Server, TestSite};

/// Chromium's path, or where it was looked for.
fn chromium() -> Result<PathBuf, PathBuf> {
    let path = std::env::var_os("ARCHIVE_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.is_file() { Ok(path) } else { Err(path) }
}

fn install_playwright(e2e: &Path) {
    if e2e
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(e2e)
        .status()
        .expect("npm runs (Node.js is needed for the browser test)");
    assert!(status.success(), "npm ci failed in {}", e2e.display());
}

#[test]
fn a_saved_report_reloads_in_the_browser_and_errors_show_over_it() {
    let chromium = match chromium() {
        Ok(chromium) => chromium,
        Err(looked_at) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "Chromium is missing on CI: .ci/run installs Debian's chromium"
            );
            eprintln!(
                "SKIPPED a_saved_report_reloads_in_the_browser_and_errors_show_over_it: no Chromium at {} \
                 (apt-get install chromium, or set ARCHIVE_CHROMIUM)",
                looked_at.display()
            );
            return;
        }
    };
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    install_playwright(&e2e);

    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let output = Command::new("node")
        .arg(e2e.join("live-reload.mjs"))
        .arg(&server.url)
        .arg(site.path())
        .env("ARCHIVE_CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "the browser test failed:\n{said}\nserve said:\n{}",
        server.log()
    );
    eprintln!("{said}");
}
