//! The live preview: `archive serve` on a copy of the example archive, a report page open in
//! Chromium (`tests/browser/live-reload.mjs`), its source saved, broken and fixed.

use super::Browser;
use crate::support::{Server, TestSite};

#[test]
fn a_saved_report_reloads_in_the_browser_and_errors_show_over_it() {
    let Some(browser) =
        Browser::find("a_saved_report_reloads_in_the_browser_and_errors_show_over_it")
    else {
        return;
    };
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let output = browser
        .script("live-reload.mjs")
        .arg(&server.url)
        .arg(site.path())
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
