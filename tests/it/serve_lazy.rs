//! `archive serve` at archive scale: pages drawn when a request asks for them, kept while valid
//! and within a bound. `__archive/stats` tells how many files were drawn and what is kept.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Server, TestSite, archive, code_and_errors, get, save};

/// Files drawn so far, files kept, bytes kept and the bound, from `__archive/stats`.
fn stats(server: &Server) -> (u64, u64, u64, u64) {
    let response = get(&server.at("__archive/stats"));
    assert_eq!(response.status, 200);
    let json: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    let cache = &json["cache"];
    let number = |name: &str| cache[name].as_u64().unwrap_or_else(|| panic!("{json}"));
    (
        number("draws"),
        number("cached_files"),
        number("cached_bytes"),
        number("cache_bound"),
    )
}

fn draws(server: &Server) -> u64 {
    stats(server).0
}

/// A served HTML page without the live-reload script the preview adds.
pub(crate) fn without_script(html: &str) -> String {
    html.lines()
        .filter(|line| !line.contains("__archive/live.js"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A copy of the example built by `archive build` for the server's address; its output folder.
pub(crate) fn built_for(server: &Server) -> (TestSite, std::path::PathBuf) {
    let site = TestSite::example();
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(
        "base_url = \"https://example.org/\"",
        &format!("base_url = \"{}\"", server.url),
    );
    std::fs::write(&config, text).unwrap();
    let output = archive(site.path(), &["build"]);
    assert_eq!(code_and_errors(&output).0, 0, "{output:?}");
    let public = site.path().join("public");
    (site, public)
}

#[test]
fn a_page_not_yet_asked_for_is_drawn_on_request_and_equals_the_build() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let (_built, public) = built_for(&server);
    let before = draws(&server);

    let page = "agencies/pingtan/2022/";
    let served = get(&server.at(page));
    assert_eq!(served.status, 200);
    assert_eq!(draws(&server), before + 1, "drawn on request");
    let written = std::fs::read_to_string(public.join(page).join("index.html")).unwrap();
    assert_eq!(without_script(&served.text()), without_script(&written));

    // Asked again: kept, not drawn again.
    assert_eq!(get(&server.at(page)).body, served.body);
    assert_eq!(draws(&server), before + 1);

    let data = "agencies/pingtan/2022/data.json";
    let served = get(&server.at(data));
    assert_eq!(served.body, std::fs::read(public.join(data)).unwrap());
    assert_eq!(draws(&server), before + 2);

    // A folder's address without its slash is still redirected, without drawing anything.
    let redirect = get(&server.at("agencies/hongze/2024"));
    assert_eq!(redirect.status, 308);
    assert_eq!(draws(&server), before + 2);
}

#[test]
fn after_an_edit_the_stale_page_is_redrawn_and_an_untouched_one_is_kept() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let (edited, untouched, year) = (
        "agencies/pingtan/2023/",
        "agencies/hongze/2024/",
        "years/2023/",
    );
    for page in [edited, untouched, year] {
        assert_eq!(get(&server.at(page)).status, 200);
    }
    let untouched_before = without_script(&get(&server.at(untouched)).text());
    let before = draws(&server);

    let source = site.path().join("content/pingtan/2023.md");
    let text = std::fs::read_to_string(&source).unwrap();
    save(&source, &format!("{text}\n按需绘制的修改。\n"));
    server.wait_for(edited, |page| page.text().contains("按需绘制的修改。"));
    // Its page and data were drawn again as soon as the edit was read.
    let after_edit = draws(&server);
    assert_eq!(after_edit, before + 2);

    // The untouched page is served as kept (the script added to it names the new version); the
    // stale year page is drawn again when asked.
    let untouched_after = without_script(&get(&server.at(untouched)).text());
    assert!(untouched_after == untouched_before);
    assert_eq!(draws(&server), after_edit);
    assert_eq!(get(&server.at(year)).status, 200);
    assert_eq!(draws(&server), after_edit + 1);
    assert_eq!(get(&server.at(year)).status, 200);
    assert_eq!(draws(&server), after_edit + 1);
}

/// Every page and data file a build of the example writes, below its output folder.
fn every_file(public: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(public).unwrap();
            path.to_string_lossy().replace('\\', "/")
        })
        // Not the build's own marker file, the search index or the static files.
        .filter(|path| {
            !(path.starts_with('.') || path.starts_with("pagefind/") || path.starts_with("static/"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_cache_stays_under_its_bound_while_every_page_is_requested() {
    let site = TestSite::example();
    let bound: u64 = 150_000;
    let server = Server::start_with_env(
        site.path(),
        &[],
        &[("ARCHIVE_SERVE_CACHE_BYTES", &bound.to_string())],
    );
    let (_built, public) = built_for(&server);
    let files = every_file(&public);
    let mut served_bytes = 0;
    for file in &files {
        let response = get(&server.at(file));
        assert_eq!(response.status, 200, "{file}");
        served_bytes += response.body.len() as u64;
        let (_, _, kept, limit) = stats(&server);
        assert_eq!(limit, bound);
        assert!(kept <= bound, "{kept} bytes kept after {file}");
    }
    assert!(
        served_bytes > 2 * bound,
        "the example's {served_bytes} bytes exceed the bound"
    );
    let (drawn, kept_files, _, _) = stats(&server);
    // Archived originals are served as published, read from content/, not drawn.
    let originals = files
        .iter()
        .filter(|file| {
            let name = file.rsplit('/').next().unwrap_or_default();
            name.len() > 64 && name[..64].bytes().all(|b| b.is_ascii_hexdigit())
        })
        .count();
    assert!(originals > 0, "the example's reports carry their originals");
    assert!(drawn >= (files.len() - originals) as u64, "{drawn} draws");
    assert!(kept_files < files.len() as u64);
}

#[test]
fn a_cache_bound_that_is_not_a_number_is_refused() {
    let site = TestSite::example();
    let output = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .arg("--root")
        .arg(site.path())
        .args(["serve", "--port", "0"])
        .env("ARCHIVE_SERVE_CACHE_BYTES", "256MB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 2, "{errors}");
    assert!(
        errors.contains("ARCHIVE_SERVE_CACHE_BYTES is \"256MB\", not a number of bytes"),
        "{errors}"
    );
    assert!(errors.contains("268435456"), "{errors}");
}
