//! The report builder in headless Chromium (`tests/browser/builder.cjs`), on the example site
//! published under a sub-path: a query, its table, chart and sorting, the CSV it downloads
//! checked against the data files, the shared URL restoring the query, the page without
//! JavaScript. `UPDATE_SCREENSHOTS=1` also writes the builder and a rankings page at 360 and
//! 1280 px into docs/screenshots.

use super::Browser;
use super::reading::StaticServer;
use crate::support::{TestSite, repo};

#[test]
fn the_report_builder_answers_a_query_downloads_it_and_shares_it_in_chromium() {
    let Some(browser) =
        Browser::find("the_report_builder_answers_a_query_downloads_it_and_shares_it_in_chromium")
    else {
        return;
    };
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("https://example.org/", "https://example.gov.cn/nianbao/");
    site.write("site.toml", &config);
    site.build();
    let server = StaticServer::start(&site.path().join("public"), "/nianbao/");
    let mut command = browser.script("builder.cjs");
    command.arg(&server.url);
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        command
            .arg("--screenshots")
            .arg(repo().join("docs/screenshots"));
    }
    let output = command.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the builder checks failed on {}:\n{stdout}",
        server.url
    );
}
