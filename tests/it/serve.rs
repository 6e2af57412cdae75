//! `archive serve` as a user meets it: over HTTP, with real files saved on disk.

use std::io::{BufRead, BufReader, Write};
use std::time::Duration;

use crate::support::{Response, Server, TestSite, connect, get, save};

#[test]
fn pages_and_files_are_served_with_their_types_and_the_script_only_in_html() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);

    let home = get(&server.at(""));
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(
        home.text().contains("src=\"/__archive/live.js\""),
        "{}",
        home.text()
    );

    let css = get(&server.at("static/style.css"));
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));

    let data = get(&server.at("agencies/pingtan/2023/data.json"));
    assert_eq!(
        data.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert!(!data.text().contains("live.js"));
    assert!(data.text().contains("\"year\":2023"));

    let feed = get(&server.at("atom.xml"));
    assert!(
        feed.header("content-type")
            .unwrap()
            .ends_with("xml; charset=utf-8")
    );
    assert!(!feed.text().contains("live.js"));

    let script = get(&server.at("__archive/live.js"));
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource"));

    // Links point at this server.
    assert!(
        home.text().contains(&format!("href=\"{}\"", server.url)),
        "canonical link"
    );
}

#[test]
fn unknown_and_climbing_paths_get_the_themes_404_page() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let missing = get(&server.at("no/such/page/"));
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let not_found_page = get(&server.at("404.html")).text();
    assert!(missing.text().contains("<h1>"), "{}", missing.text());
    assert_eq!(
        missing.text().split("<h1>").nth(1),
        not_found_page.split("<h1>").nth(1)
    );

    for climbing in [
        "../site.toml",
        "%2e%2e/site.toml",
        "%2e%2e%2fsite.toml",
        "static/%2e%2e/%2e%2e/site.toml",
        "static/..%5c..%5csite.toml",
        "..%2f..%2fetc/passwd",
    ] {
        let response = get(&server.at(climbing));
        assert_eq!(response.status, 404, "{climbing}");
        assert!(!response.text().contains("base_url"), "{climbing}");
    }

    let long = get(&server.at(&"a".repeat(10_000)));
    assert_eq!(long.status, 414);

    let folder = get(&server.at("agencies/pingtan"));
    assert_eq!(folder.status, 308);
    assert!(
        folder
            .header("location")
            .unwrap()
            .ends_with("/agencies/pingtan/")
    );
}

#[test]
fn a_sub_path_base_url_is_served_under_that_path() {
    let site = TestSite::example();
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("https://example.org/", "https://example.org/nianbao/"),
    )
    .unwrap();
    let server = Server::start(site.path(), &[]);
    assert!(server.url.ends_with("/nianbao/"), "{}", server.url);

    let home = get(&server.url);
    assert_eq!(home.status, 200);
    assert!(
        home.text()
            .contains("src=\"/nianbao/__archive/live.js\" data-base=\"/nianbao/\"")
    );
    assert!(home.text().contains("href=\"/nianbao/static/style.css\""));
    assert_eq!(get(&server.at("static/style.css")).status, 200);

    let root = server.url.trim_end_matches("nianbao/").to_owned();
    let redirect = get(&root);
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("location"), Some("/nianbao/"));

    let (mut stream, path) = connect(&server.at("__archive/events"));
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
}

/// Reads server-sent events until one named `name` arrives; returns its data.
fn next_event(reader: &mut impl BufRead, name: &str) -> String {
    let mut current = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the stream ended");
        let line = line.trim_end();
        if let Some(event) = line.strip_prefix("event: ") {
            current = event.to_owned();
        } else if let Some(data) = line.strip_prefix("data: ")
            && current == name
        {
            return data.to_owned();
        }
    }
}

fn live_edit(watcher: &str) {
    let site = TestSite::example();
    let server = Server::start(site.path(), &["--watcher", watcher]);
    let page = "agencies/pingtan/2023/";
    let source = site.path().join("content/pingtan/2023.md");
    let good = std::fs::read_to_string(&source).unwrap();

    let (mut stream, path) = connect(&server.at("__archive/events"));
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    let hello = next_event(&mut events, "hello");
    if watcher == "poll" {
        // Modification times count in whole seconds: step past the copy's, so that the folder
        // looks modified too (which must not rebuild everything).
        std::thread::sleep(Duration::from_millis(1100));
    }
    assert!(hello.contains("\"errors\":[]"), "{hello}");

    // An edit: the page changes, and open pages showing it are told to reload.
    save(&source, &format!("{good}\n第一次修改。\n"));
    server.wait_for(page, |response| response.text().contains("第一次修改。"));
    let reload = next_event(&mut events, "reload");
    assert!(
        reload.contains("\"/agencies/pingtan/2023/\""),
        "{reload}\n{}",
        server.log()
    );

    // Broken YAML: the last good page stays; the error is sent to open pages.
    save(&source, &good.replace("format: gb2021", "format: [gb2021"));
    let errors = next_event(&mut events, "errors");
    assert!(errors.contains("content/pingtan/2023.md:"), "{errors}");
    assert!(get(&server.at(page)).text().contains("第一次修改。"));
    server.wait_for_log("still serving the last good site");

    // Fixed: the page is drawn again and the errors are gone.
    save(&source, &format!("{good}\n第二次修改。\n"));
    server.wait_for(page, |response| response.text().contains("第二次修改。"));
    let reload = next_event(&mut events, "reload");
    assert!(reload.contains("\"errors\":[]"), "{reload}");
    // Its page and data (drawn again at once), the agency's page and CSV file, the home page, 数据质量, its
    // year's table, the coverage grid and the data downloads (the archive's and the year's CSV
    // files and the 数据下载 page), and the answers across agencies (the year's 6 ranking pages,
    // its region's 3 totals, the year's 8 builder files and rankings CSV, the builder's index and
    // the catalog: 20; and data/findings.csv), and the 2022 report's page (its cells that 2023's
    // R6 cites carry an id), drawn when next asked for.
    server.wait_for_log("content/pingtan/2023.md: 34 pages stale, 2 drawn again at once");
}

#[test]
fn the_data_downloads_follow_an_edit() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let source = site.path().join("content/pingtan/2023.md");
    let good = std::fs::read_to_string(&source).unwrap();
    // The year's long CSV is gzipped (issue 16); the preview serves its bytes as a build writes them.
    let csv = "data/2023-long.csv.gz";
    let plain = |file: &Response| String::from_utf8(crate::support::gunzip(&file.body)).unwrap();
    assert!(plain(&get(&server.at(csv))).contains(",licensing,decisions,2629,,,,\r\n"));

    save(&source, &good.replace("[2629]", "[2630]"));
    server.wait_for("agencies/pingtan/2023/", |page| {
        page.text().contains("2630")
    });
    let updated = server.wait_for(csv, |file| {
        plain(file).contains(",licensing,decisions,2630,,,,\r\n")
    });
    assert!(
        updated.header("content-type").unwrap().contains("gzip"),
        "{:?}",
        updated.header("content-type")
    );
    assert_eq!(updated.header("content-encoding"), None);
    let data_page = get(&server.at("data/")).text();
    let size = updated.body.len().to_string();
    assert!(
        data_page.contains(&format!("<data value=\"{size}\">")),
        "the 数据下载 page gives the new file's size {size}"
    );
}

#[test]
fn a_saved_report_is_served_at_once_and_a_broken_one_keeps_the_last_good_page() {
    live_edit("native");
}

#[test]
fn the_polling_watcher_sees_saves_too() {
    live_edit("poll");
}

#[test]
fn a_new_agency_folder_and_a_deleted_one_are_picked_up() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let content = site.path().join("content");

    std::fs::create_dir(content.join("newtown")).unwrap();
    std::fs::write(
        content.join("newtown/_agency.yaml"),
        "name: 新城镇人民政府\nkind: township\n",
    )
    .unwrap();
    // The report with the original it names (checked by the loader), before the report.
    std::fs::create_dir(content.join("newtown/originals")).unwrap();
    for entry in std::fs::read_dir(content.join("houma-kfq/originals")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            content.join("newtown/originals").join(entry.file_name()),
        )
        .unwrap();
    }
    let report = std::fs::read_to_string(content.join("houma-kfq/2024.md")).unwrap();
    std::fs::write(content.join("newtown/2024.md"), report).unwrap();
    server.wait_for("agencies/newtown/2024/", |response| response.status == 200);

    std::fs::remove_dir_all(content.join("newtown")).unwrap();
    server.wait_for("agencies/newtown/2024/", |response| response.status == 404);
    server.wait_for("agencies/", |response| {
        !response.text().contains("新城镇人民政府")
    });
}

#[test]
fn a_failed_first_build_still_serves_and_shows_the_errors() {
    let site = TestSite::example();
    let source = site.path().join("content/pingtan/2023.md");
    let good = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, good.replace("format: gb2021", "format: [gb2021")).unwrap();
    let server = Server::start(site.path(), &[]);

    let page = get(&server.url);
    assert_eq!(page.status, 503);
    assert!(
        page.text().contains("content/pingtan/2023.md:"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("live.js"));

    save(&source, &good);
    server.wait_for("", |response| response.status == 200);
}

#[test]
fn ctrl_c_stops_it_even_with_a_page_listening() {
    let site = TestSite::example();
    let mut server = Server::start(site.path(), &[]);
    let (mut stream, path) = connect(&server.at("__archive/events"));
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        server.interrupt(),
        "serve did not stop cleanly:\n{}",
        server.log()
    );
    server.wait_for_log("stopped");
}

#[test]
fn search_uses_the_index_of_the_last_build_and_nothing_beside_it() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    assert_eq!(get(&server.at("pagefind/pagefind.js")).status, 404);
    drop(server);

    site.build();
    let server = Server::start(site.path(), &[]);
    let script = get(&server.at("pagefind/pagefind.js"));
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(!script.text().contains("live.js"));
    let entry = get(&server.at("pagefind/pagefind-entry.json"));
    assert!(entry.text().contains("\"languages\""), "{}", entry.text());
    // The index's folder lets nothing else out: the built pages, the sources.
    for outside in [
        "pagefind/../site.toml",
        "pagefind/%2e%2e/%2e%2e/site.toml",
        "pagefind/%2e%2e%2findex.html",
        "pagefind/..%5c..%5csite.toml",
    ] {
        let response = get(&server.at(outside));
        assert_eq!(response.status, 404, "{outside}");
        assert!(!response.text().contains("base_url"), "{outside}");
    }
}
