//! Issue 19, read in headless Chromium by `tests/browser/screens.cjs` at 360, 1280 and 1920 px,
//! with both themes: every table fits its box or scrolls with a cue and keeps its row labels,
//! chart text is at least 12 px, a finding's link lands on its highlighted cell under its
//! headers, the total apart; search finds the glossary and nothing for words in no report, one
//! excerpt a result; the header's search form works without JavaScript; the feed lists every
//! report; a favicon; the print layouts.

use super::Browser;
use super::reading::StaticServer;
use crate::support::{TestSite, copy_tree, repo};

#[test]
fn readers_find_and_read_on_every_screen_in_chromium() {
    let Some(browser) = Browser::find("readers_find_and_read_on_every_screen_in_chromium") else {
        return;
    };
    let site = TestSite::example();
    site.build();
    run_screens(&browser, &site);

    let example = site.read("site.toml");
    copy_tree(
        &repo().join("themes/minimal"),
        &site.path().join("themes/minimal"),
    );
    site.write(
        "site.toml",
        &example.replace("theme = \"default\"", "theme = \"minimal\""),
    );
    site.build();
    run_screens(&browser, &site);
}

fn run_screens(browser: &Browser, site: &TestSite) {
    let server = StaticServer::start(&site.path().join("public"), "/");
    let output = browser
        .script("screens.cjs")
        .arg(&server.url)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the screens checks failed on {}:\n{stdout}",
        server.url
    );
}
