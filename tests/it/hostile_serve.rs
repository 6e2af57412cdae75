//! `archive serve` at its edges: requests naming another host (DNS rebinding), connections that
//! send nothing or too slowly, symbolic links in the search index it reads from disk, and
//! addresses it cannot listen on. Only loopback addresses are listened on.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use crate::support::{Server, TestSite, archive, connect, get};

/// Sends `GET path` with the `Host` header `host` (none when `None`) and returns the status.
fn status_with_host(server: &Server, path: &str, host: Option<&str>) -> u16 {
    let (mut stream, path) = connect(&server.at(path));
    let host = host
        .map(|host| format!("Host: {host}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    BufReader::new(stream).read_line(&mut raw).unwrap();
    raw.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn only_this_machines_own_names_are_answered() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let port = server.url.split(':').nth(2).unwrap().trim_end_matches('/');
    for own in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_owned(),
    ] {
        assert_eq!(status_with_host(&server, "", Some(&own)), 200, "{own}");
    }
    // A page of another site whose name was made to resolve to 127.0.0.1 sends its own name.
    for other in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "localhost:1".to_owned(),
    ] {
        for path in ["", "__archive/events", "static/style.css"] {
            assert_eq!(
                status_with_host(&server, path, Some(&other)),
                421,
                "{other} {path}"
            );
        }
    }
    assert_eq!(status_with_host(&server, "", None), 421);
}

/// A connection that sends its request's head too slowly, or nothing more after a response, is
/// closed; the live-reload stream, a response being sent, stays open past that time.
#[test]
fn slow_and_idle_connections_are_closed_and_the_event_stream_is_not() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let (mut events, path) = connect(&server.at("__archive/events"));
    events
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(events, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);

    let (mut slow, _) = connect(&server.url);
    slow.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: local").unwrap();
    let (mut idle, path) = connect(&server.url);
    idle.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(idle, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut idle = BufReader::new(idle);
    let mut line = String::new();
    idle.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    // The rest of the response, then the end of the connection (not a read timeout).
    let mut rest = Vec::new();
    idle.read_to_end(&mut rest)
        .expect("the idle connection is closed by the server");
    let mut nothing = Vec::new();
    slow.read_to_end(&mut nothing)
        .expect("the slow connection is closed by the server");
    assert!(
        !String::from_utf8_lossy(&nothing).contains(" 200 "),
        "{}",
        String::from_utf8_lossy(&nothing)
    );

    // By now the header timeout has passed; the stream still delivers (its keep-alive comment).
    let mut seen = String::new();
    loop {
        line.clear();
        assert!(
            events.read_line(&mut line).unwrap() > 0,
            "the stream ended:\n{seen}"
        );
        seen.push_str(&line);
        if line.starts_with(':') {
            break;
        }
    }
    assert!(seen.contains("event: hello"), "{seen}");
}

#[cfg(unix)]
#[test]
fn links_in_the_search_index_are_not_followed() {
    use std::os::unix::fs::symlink;

    let site = TestSite::example();
    site.build();
    let index = site.path().join("public/pagefind");
    symlink(site.path().join("site.toml"), index.join("leak.json")).unwrap();
    symlink(site.path().join("content"), index.join("sources")).unwrap();
    let server = Server::start(site.path(), &[]);
    assert_eq!(get(&server.at("pagefind/pagefind.js")).status, 200);
    for link in ["pagefind/leak.json", "pagefind/sources/_regions.yaml"] {
        let response = get(&server.at(link));
        assert_eq!(response.status, 404, "{link}");
        assert!(!response.text().contains("base_url"), "{link}");
        assert!(!response.text().contains("jiangsu"), "{link}");
    }
    drop(server);

    // The index's folder itself a link: nothing below it is served.
    let moved = site.path().join("elsewhere");
    std::fs::rename(&index, &moved).unwrap();
    symlink(&moved, &index).unwrap();
    let server = Server::start(site.path(), &[]);
    assert_eq!(get(&server.at("pagefind/pagefind.js")).status, 404);
}

/// Every port tried is in use: the message says so and suggests another port. An address this
/// machine does not have: the message is about the address (nothing listens: binding fails).
#[test]
fn addresses_that_cannot_be_listened_on_say_what_to_change() {
    let site = TestSite::minimal();
    let (base, _held) = twenty_ports_in_use();
    let output = archive(
        site.path(),
        &["serve", "--port", &base.to_string(), "--bind", "127.0.0.1"],
    );
    let messages = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{messages}");
    assert!(
        messages.contains(&format!(
            "error: ports {base} to {} on 127.0.0.1 are all in use",
            base + 19
        )),
        "{messages}"
    );
    assert!(messages.contains("help: pass another --port"), "{messages}");

    // 198.51.100.1 is a documentation address, never one of a machine's own.
    let output = archive(site.path(), &["serve", "--bind", "198.51.100.1"]);
    let messages = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{messages}");
    assert!(
        messages.contains("error: cannot listen on 198.51.100.1: this machine has no such address"),
        "{messages}"
    );
    assert!(
        messages.contains("help: pass --bind 127.0.0.1"),
        "{messages}"
    );
    assert!(!messages.contains("port"), "not about ports:\n{messages}");
}

/// Twenty consecutive loopback ports, held until the listeners are dropped.
fn twenty_ports_in_use() -> (u16, Vec<TcpListener>) {
    'bases: for base in (20_000..60_000).step_by(97) {
        let mut held = Vec::new();
        for port in base..base + 20 {
            match TcpListener::bind(("127.0.0.1", port)) {
                Ok(listener) => held.push(listener),
                Err(_) => continue 'bases,
            }
        }
        return (base, held);
    }
    panic!("no twenty free ports in a row");
}
