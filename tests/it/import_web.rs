//! `archive import URL…` and `--urls FILE`: reports fetched from a server started here on
//! 127.0.0.1 (nothing reaches the network), with a page whose report is an attached PDF, and
//! URLs that fail each in their own way: a 404, a redirect loop, 2 GB declared, a body that never
//! ends, a server that never answers, a closed port, a failed TLS handshake, a page that is not
//! a report.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::import::{assert_imports_as_expected, expected, load};
use crate::support::{
    archive_in as archive, code_and_errors, copy_of, fixture, snapshot_tree, tool_present,
};

/// A page that publishes its report as an attachment: a layout table (a menu), and the link.
const NOTICE_PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>淮安市洪泽区人民政府2024年政府信息公开工作年度报告</title></head><body>
<table><tr><td><a href="/">首页</a></td><td><a href="/ysqgk/">依申请公开</a></td></tr></table>
<p>现将本区2024年政府信息公开工作年度报告予以公布。</p>
<p>附件：<a href="files/hongze_2024.pdf">淮安市洪泽区人民政府2024年政府信息公开工作年度报告</a></p>
</body></html>"#;

/// A request the server received: its path, User-Agent and when it came.
#[derive(Debug, Clone)]
struct Request {
    path: String,
    user_agent: String,
    at: Instant,
}

/// A web server on 127.0.0.1 serving the fixtures and the hostile answers, one thread a
/// connection; it lives as long as the test process.
struct Site {
    base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Site {
    fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                thread::spawn(move || serve(stream, &log));
            }
        });
        Site { base, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("the log").clone()
    }
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<Request>>) {
    // A TLS handshake (record type 0x16) gets what a plain HTTP server answers to it.
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok_and(|read| read == 1) && first[0] == 0x16 {
        let _ = answer(&mut stream, "400 Bad Request", "text/plain", b"not HTTP");
        return;
    }
    let Some(request) = read_request(&stream) else {
        return;
    };
    let path = request.path.clone();
    log.lock().expect("the log").push(request);
    // Errors writing are the client hanging up, which the hostile answers expect.
    let _ = match path.as_str() {
        "/report.html" => {
            let page = fixture("import/reports/01_shanghai_shizhengfu_bangongting_2019.html");
            answer(&mut stream, "200 OK", "text/html", &std::fs::read(page).unwrap())
        }
        "/gk/notice.html" => answer(&mut stream, "200 OK", "text/html", NOTICE_PAGE.as_bytes()),
        // The same notice, its attachment since deleted.
        "/gk/deleted.html" => {
            let page = NOTICE_PAGE.replace("files/hongze_2024.pdf", "files/deleted.pdf");
            answer(&mut stream, "200 OK", "text/html", page.as_bytes())
        }
        "/gk/files/hongze_2024.pdf" => {
            let pdf = fixture("import/pdf/11_hongze_qu_2024.pdf");
            answer(&mut stream, "200 OK", "application/pdf", &std::fs::read(pdf).unwrap())
        }
        "/not-a-report.html" => answer(
            &mut stream,
            "200 OK",
            "text/html",
            "<html><body><p>关于节假日安排的通知</p></body></html>".as_bytes(),
        ),
        "/loop" => stream.write_all(
            b"HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ),
        "/huge" => endless(&mut stream, "Content-Length: 2147483648\r\n"),
        "/endless" => endless(&mut stream, ""),
        // Never answers: waits until the client gives up and closes.
        "/silent" => stream.read(&mut [0; 1]).map(drop),
        _ => answer(&mut stream, "404 Not Found", "text/html", b"<h1>Not Found</h1>"),
    };
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let mut user_agent = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            user_agent = value.trim().to_owned();
        }
    }
    Some(Request {
        path,
        user_agent,
        at: Instant::now(),
    })
}

fn answer(stream: &mut TcpStream, status: &str, media: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {media}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

/// Zeros, generated (never stored), until the client hangs up.
fn endless(stream: &mut TcpStream, length_header: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n{length_header}Connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes())?;
    let chunk = [0u8; 64 * 1024];
    loop {
        stream.write_all(&chunk)?;
    }
}

/// `archive import` in `site` with no pause between requests (the pause has its own test).
fn import(site: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["import", "--pause", "0"];
    all.extend_from_slice(args);
    code_and_errors(&archive(site, &all))
}

/// A report's page imports exactly as the saved file does, with its URL as `source_url`, and
/// the request names archive and its version.
#[test]
fn a_report_page_imports_with_its_url_as_the_source_url() {
    let server = Site::start();
    let site = copy_of("import/archive");
    let url = server.url("/report.html");
    let temporary = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .args(["--root", site.path().to_str().unwrap(), "import", &url])
        .env("TMPDIR", temporary.path())
        .output()
        .unwrap();
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    assert!(
        std::fs::read_dir(temporary.path())
            .unwrap()
            .next()
            .is_none(),
        "the fetched copy is removed once imported"
    );
    assert!(errors.contains("1 cleanly"), "{errors}");
    let report = load(site.path(), "shanghai-bgt/2019");
    assert_imports_as_expected(
        "01_shanghai_shizhengfu_bangongting_2019.html",
        &report,
        &expected("01_shanghai_shizhengfu_bangongting_2019"),
    );
    assert_eq!(report.source_url.as_deref(), Some(url.as_str()));
    // The fetched page is kept as the report's original, with the URL it came from.
    let original = &report.originals[0];
    assert_eq!(original.url.as_deref(), Some(url.as_str()));
    assert_eq!(original.name, "report.html");
    assert!(
        site.path()
            .join("content/shanghai-bgt")
            .join(&original.file)
            .is_file()
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let version = format!("archive/{}", env!("CARGO_PKG_VERSION"));
    assert!(requests[0].user_agent.starts_with(&version), "{requests:?}");
}

/// A page with no report table that links its report as a PDF: the PDF is fetched and imports
/// to its expected values; the report's `source_url` is the page, and the output names both.
#[test]
fn a_page_whose_report_is_an_attached_pdf_imports_the_attachment() {
    if !tool_present(
        "pdftotext",
        "poppler-utils",
        "a_page_whose_report_is_an_attached_pdf_imports_the_attachment",
    ) {
        return;
    }
    let server = Site::start();
    let site = copy_of("import/archive");
    let page = server.url("/gk/notice.html");
    let (code, errors) = import(site.path(), &[&page]);
    assert_eq!(code, 0, "{errors}");
    let report = load(site.path(), "hongze/2024");
    assert_imports_as_expected(
        "11_hongze_qu_2024.pdf",
        &report,
        &expected("11_hongze_qu_2024"),
    );
    assert_eq!(report.source_url.as_deref(), Some(page.as_str()));
    let attachment = server.url("/gk/files/hongze_2024.pdf");
    assert!(
        errors.contains(&format!("the attachment {attachment}")) && errors.contains(&page),
        "{errors}"
    );
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/gk/notice.html", "/gk/files/hongze_2024.pdf"]);
}

/// `--urls FILE`: comments and blank lines skipped; a URL that fails is named with what to do,
/// and the others still import (exit 2, for the failure outside the archive).
#[test]
fn a_list_of_urls_imports_each_and_names_the_one_that_failed() {
    let server = Site::start();
    let site = copy_of("import/archive");
    let list = site.path().join("urls.txt");
    let missing = server.url("/2019/gone.html");
    std::fs::write(
        &list,
        format!(
            "# 上海市人民政府办公厅\n\n{}\n  {missing}  \n",
            server.url("/report.html")
        ),
    )
    .unwrap();
    let (code, errors) = import(site.path(), &["--urls", list.to_str().unwrap()]);
    assert_eq!(code, 2, "{errors}");
    assert!(
        errors.contains(&format!("not imported: {missing}")),
        "{errors}"
    );
    assert!(
        errors.contains("HTTP 404 Not Found") && errors.contains("moved"),
        "{errors}"
    );
    assert!(errors.contains("imported 1 of 2"), "{errors}");
    let report = load(site.path(), "shanghai-bgt/2019");
    assert_eq!(report.source_url, Some(server.url("/report.html")));
}

/// A list with a line that is not a URL is refused, naming the line, before anything is
/// fetched.
#[test]
fn a_list_with_a_line_that_is_not_a_url_is_refused_before_fetching() {
    let server = Site::start();
    let site = copy_of("import/archive");
    let before = snapshot_tree(site.path());
    let list = site.path().join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "{}\nwww.example.gov.cn/report.html\n",
            server.url("/report.html")
        ),
    )
    .unwrap();
    let before_list = snapshot_tree(site.path());
    let (code, errors) = import(site.path(), &["--urls", list.to_str().unwrap()]);
    assert_eq!(code, 2, "{errors}");
    assert!(errors.contains("urls.txt:2"), "{errors}");
    assert!(errors.contains("not a web address"), "{errors}");
    assert!(server.requests().is_empty());
    assert_eq!(snapshot_tree(site.path()), before_list);
    assert_ne!(before, before_list, "the list itself was the only change");
}

/// A list with only comments is refused: there is nothing to import.
#[test]
fn a_list_with_no_urls_is_refused() {
    let site = copy_of("import/archive");
    let list = site.path().join("urls.txt");
    std::fs::write(&list, "# 待补充\n\n").unwrap();
    let (code, errors) = import(site.path(), &["--urls", list.to_str().unwrap()]);
    assert_eq!(code, 2, "{errors}");
    assert!(errors.contains("the list has no URLs"), "{errors}");
}

/// Two requests to one host are at least `--pause` apart.
#[test]
fn requests_to_one_host_wait_for_the_pause() {
    let server = Site::start();
    let site = copy_of("import/archive");
    let (a, b) = (server.url("/report.html"), server.url("/nothing.html"));
    let output = archive(site.path(), &["import", "--pause", "0.4", &a, &b]);
    let (_, errors) = code_and_errors(&output);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{errors}");
    let gap = requests[1].at.duration_since(requests[0].at);
    assert!(gap >= Duration::from_millis(380), "{gap:?}");
}

/// Each failing URL: its error names the URL, says what happened and what to do; the exit code
/// is not zero, and nothing is written.
#[test]
fn urls_that_fail_say_why_and_change_nothing() {
    let server = Site::start();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let cases = [
        ("redirect loop", server.url("/loop"), 2),
        ("2 GB declared", server.url("/huge"), 2),
        ("a body that never ends", server.url("/endless"), 2),
        ("a server that never answers", server.url("/silent"), 2),
        ("404", server.url("/missing.html"), 2),
        ("an attachment gone", server.url("/gk/deleted.html"), 2),
        (
            "nothing listening",
            format!("http://127.0.0.1:{closed}/report.html"),
            2,
        ),
        (
            "https to a server that speaks plain HTTP",
            server
                .url("/report.html")
                .replacen("http://", "https://", 1),
            2,
        ),
        ("not a report", server.url("/not-a-report.html"), 1),
    ];
    let mut report = String::new();
    for (name, url, expected_code) in cases {
        let site = copy_of("import/archive");
        let before = snapshot_tree(site.path());
        let (code, errors) = import(site.path(), &["--timeout", "0.5", "--max-size", "1", &url]);
        assert_eq!(code, expected_code, "{name}:\n{errors}");
        assert_eq!(
            snapshot_tree(site.path()),
            before,
            "{name}: nothing changed"
        );
        let lines: Vec<&str> = errors.lines().collect();
        let at = lines
            .iter()
            .position(|line| line.starts_with("error"))
            .unwrap_or_else(|| panic!("{name}: an error:\n{errors}"));
        let (first, location) = (lines[at], lines.get(at + 1).copied().unwrap_or_default());
        assert!(
            location.trim() == format!("--> {url}")
                || first.contains(&format!("attached to {url}")),
            "{name}: the error names the URL:\n{errors}"
        );
        let first = first.replace(&server.base, "http://SERVER");
        let help = lines[at..]
            .iter()
            .find(|line| line.contains("= help"))
            .unwrap_or(&"");
        report.push_str(&format!("{name}: {first}\n  {}\n", help.trim()));
    }
    let loops = server
        .requests()
        .iter()
        .filter(|r| r.path == "/loop")
        .count();
    assert!(loops <= 11, "the loop was followed {loops} times");
    insta::assert_snapshot!(report);
}
