//! Fixture archives and a runner for the real binary.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The repository's root (holding the example archive).
/// A hand-checked table (tests/fixtures/expected) as the published data gives it: 采购总金额,
/// printed with its unit ("251000元"), is its number in 元; the text is kept in the report JSON's
/// `printed` and the long CSV's `printed` column.
pub(crate) fn published_table(table: &serde_json::Value) -> serde_json::Value {
    let mut table = table.clone();
    if let Some(amount) = table.pointer_mut("/procurement/amount")
        && let Some(yuan) = amount.as_str().and_then(|text| text.strip_suffix('元'))
    {
        *amount = serde_json::from_str(yuan).expect("the fixtures print amounts in 元");
    }
    table
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example archive, built once for the whole test binary: for the tests that only read what
/// it published (it is never written to), which would otherwise each copy and build it again. It
/// lives in Cargo's folder for test files (a static is never dropped), which `cargo clean` empties.
pub(crate) fn built_example() -> &'static TestSite {
    static BUILT: OnceLock<TestSite> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("built-example-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        let site = TestSite { dir };
        site.copy_example();
        site.build();
        site
    })
}

/// A temporary archive, removed when dropped.
pub(crate) struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of the repository's example archive (site.toml, content/ and themes/).
    pub(crate) fn example() -> TestSite {
        let site = TestSite::empty();
        site.copy_example();
        site
    }

    fn copy_example(&self) {
        for folder in ["content", "themes"] {
            copy_tree(&repo().join(folder), &self.path().join(folder));
        }
        fs::copy(repo().join("site.toml"), self.path().join("site.toml")).unwrap();
    }

    /// A one-report archive, small enough to break on purpose.
    pub(crate) fn minimal() -> TestSite {
        let site = TestSite::empty();
        site.write(
            "site.toml",
            "title = \"测试\"\nbase_url = \"https://example.org/\"\n",
        );
        site.write("content/_regions.yaml", "- id: jiangsu\n  name: 江苏省\n");
        site.write(
            "content/demo/_agency.yaml",
            "name: 示例县人民政府\nkind: people_government\nregion: jiangsu\n",
        );
        site.write("content/demo/2024.md", MINIMAL_REPORT);
        site
    }

    fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|error| panic!("{relative}: {error}"))
    }

    /// Runs `archive ARGS` in the site's folder.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        archive_in(self.path(), args)
    }

    /// Runs `archive build` and insists that it succeeds.
    pub(crate) fn build(&self) -> Output {
        let output = self.run(&["build"]);
        assert!(
            output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }
}

pub(crate) const MINIMAL_REPORT: &str = "---
year: 2024
format: gb2021
title: 示例县人民政府2024年政府信息公开工作年度报告
published: 2025-03-01
issuer: 示例县人民政府办公室
source_url: https://example.org/2024.html

active:
  rules:               [0, 0, 0]
  normative_documents: [1, 0, 5]
  licensing:           [10]
  penalty:             [2]
  coercion:            [0]
  fees:                [1.5]

applications:
  received:        [3, 1, 0, 0, 0, 0, 4]
  carried_over:    [0, 0, 0, 0, 0, 0, 0]
  disclosed:       [2, 1, 0, 0, 0, 0, 3]
  results_total:   [2, 1, 0, 0, 0, 0, 3]
  carried_forward: [1, 0, 0, 0, 0, 0, 1]

appeals:
  review:               [0, 0, 0, 0, 0]
  lawsuit_direct:       [0, 0, 0, 0, 0]
  lawsuit_after_review: [0, 0, 0, 0, 0]
---

## 一、总体情况

示例。

## 二、主动公开政府信息情况

## 三、收到和处理政府信息公开申请情况

## 四、政府信息公开行政复议、行政诉讼情况

## 五、存在的主要问题及改进情况

无。

## 六、其他需要报告的事项

本年度未收取信息处理费。
";

/// Runs `archive ARGS…` in the folder `dir`. The tests read the terminal in English (their
/// snapshots were written so); tests/it/messages.rs reads both languages.
pub(crate) fn archive_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the archive binary runs")
}

/// A fixture folder under `tests/fixtures/`.
pub(crate) fn fixture(path: &str) -> PathBuf {
    repo().join("tests/fixtures").join(path)
}

/// A copy of a fixture folder in a new temporary folder.
pub(crate) fn copy_of(path: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_tree(&fixture(path), dir.path());
    dir
}

/// The exit code and standard error of a run.
pub(crate) fn code_and_errors(output: &Output) -> (i32, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `archive --root ROOT ARGS…`.
pub(crate) fn archive(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("the archive binary runs")
}

/// A command's standard output.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// A command's standard error, as printed.
pub(crate) fn stderr_text(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// Copies a folder recursively.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below a folder with its bytes, for comparing outputs.
pub(crate) fn snapshot_tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().strip_prefix(root).unwrap().to_path_buf(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The text of a command's standard error, with the temporary folder's path removed.
pub(crate) fn stderr(output: &Output, site: &TestSite) -> String {
    String::from_utf8_lossy(&output.stderr).replace(&site.path().display().to_string(), "[site]")
}

/// Saves a file the way vim, VS Code and JetBrains editors do: a copy, renamed over the file.
pub(crate) fn save(path: &Path, text: &str) {
    let copy = path.with_extension("md.tmp");
    std::fs::write(&copy, text).unwrap();
    std::fs::rename(&copy, path).unwrap();
}

/// A running `archive serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// The site's address, ending in `/` (`http://127.0.0.1:40123/` or with the base path).
    pub(crate) url: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `archive serve` on any free port and waits until it serves.
    pub(crate) fn start(root: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(root, extra, &[])
    }

    /// [`Server::start`] with these environment variables set.
    pub(crate) fn start_with_env(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_archive"))
            .env("ARCHIVE_LANG", "en")
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(extra)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("archive runs");
        let log = Arc::new(Mutex::new(String::new()));
        let (url_sender, url_receiver) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let writer = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                // The line saying where it serves, in either language of the terminal.
                if let Some(rest) = line
                    .strip_prefix("serving ")
                    .or_else(|| line.strip_prefix("正在预览 "))
                {
                    let url = rest.split(' ').next().unwrap_or_default().to_owned();
                    let _ = url_sender.send(url);
                }
                let mut log = writer.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let url = match url_receiver.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("archive serve did not start:\n{}", log.lock().unwrap());
            }
        };
        Server { child, url, log }
    }

    /// What it printed so far.
    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to ten seconds for `text` to be printed.
    pub(crate) fn wait_for_log(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.log().contains(text) {
            assert!(
                Instant::now() < deadline,
                "serve never said {text:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The address of a path below the site's base.
    pub(crate) fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// Asks it to stop as Ctrl-C does; returns whether it exited successfully in time.
    pub(crate) fn interrupt(&mut self) -> bool {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Polls `path` until its body satisfies `test`, for up to ten seconds.
    pub(crate) fn wait_for(&self, path: &str, test: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let response = get(&self.at(path));
            if test(&response) {
                return response;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never changed as expected; last {}:\n{}\nlog:\n{}",
                response.status,
                response.text(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `GET url` (an `http://host:port/path` address, the path sent as written) and reads
/// the whole response.
pub(crate) fn get(url: &str) -> Response {
    let (mut stream, path) = connect(url);
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

/// Opens a connection for `url`; returns it and the path to ask for.
pub(crate) fn connect(url: &str) -> (TcpStream, String) {
    let rest = url.strip_prefix("http://").expect("an http address");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let stream = TcpStream::connect(host).expect("the server listens");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    (
        stream,
        if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        },
    )
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..line_end])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap();
        data = &data[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// Whether `program` (an external tool a test needs, from Debian's `package`) runs here. On a
/// developer's machine without it the test says loudly that it did not run, and is skipped; on CI
/// (`CI` set), where `.ci/run` installs it, a missing tool is a failure.
pub(crate) fn tool_present(program: &str, package: &str, test: &str) -> bool {
    let found = Command::new(program)
        .arg(if program == "pdftotext" {
            "-v"
        } else {
            "--version"
        })
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test} cannot run on CI without {program}; .ci/run installs {package}"
        );
        // Straight to the process's stderr: the harness captures `eprintln!`.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED {test}: no {program} (apt-get install {package}). This test did NOT run. ***\n"
        );
    }
    found
}

/// A whole gzip stream's bytes, decompressed (the published `.csv.gz` files).
pub(crate) use crate::numbers::gunzip;

/// A CSV file of the built site's output (`public/PATH`): its header and records, after checking
/// that it starts with a byte-order mark; a `.gz` file is decompressed first.
pub(crate) fn published_csv(site: &TestSite, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut bytes = std::fs::read(site.path().join("public").join(path)).unwrap();
    if path.ends_with(".gz") {
        bytes = gunzip(&bytes);
    }
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{path} starts with a BOM"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let records = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, records)
}

/// The example site with every source modified an hour ago: older than the moment a build
/// begins by more than the load cache's margin, so that the first build keeps every report.
pub(crate) fn settled_example() -> TestSite {
    let site = TestSite::example();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(site.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .and_then(|file| file.set_modified(an_hour_ago))
                .unwrap_or_else(|error| panic!("{}: {error}", entry.path().display()));
        }
    }
    site
}

/// Runs `archive --root SITE ARGS…` with each stage's time printed (`ARCHIVE_TIMINGS=1`),
/// insists that it succeeded, and returns its standard error.
pub(crate) fn timed_run(site: &TestSite, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .env("ARCHIVE_TIMINGS", "1")
        .arg("--root")
        .arg(site.path())
        .args(args)
        .output()
        .expect("the archive binary runs");
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 0, "{errors}");
    errors
}

/// How many reports a build took from the load cache, as its timings say.
pub(crate) fn reports_from_cache(timings: &str) -> usize {
    timings
        .lines()
        .find_map(|line| line.split("load sources (").nth(1))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("no count of cached reports: {timings}"))
}

/// The value cell of `key` (`table.row.column`) on a report page, found as a screen reader
/// finds it: the one cell of its table whose `headers` name its row's and its column's labels
/// (Chinese, as the example site draws them). Only the cells a link of the site lands on have
/// an `id` (issue 16), so tests that read any cell find it by what it is announced with.
pub(crate) fn value_cell<'a>(html: &'a scraper::Html, key: &str) -> scraper::ElementRef<'a> {
    use archive_core::format::{FormatId, TableKey};
    use scraper::Selector;
    let mut parts = key.splitn(3, '.');
    let (table, row, column) = (
        parts.next().unwrap(),
        parts.next().expect("a key table.row.column"),
        parts.next().expect("a key table.row.column"),
    );
    let table_key = TableKey::from_key(table).unwrap_or_else(|| panic!("{key}: no such table"));
    // Each version's labels: the page draws those of the version its report declares.
    let labels: Vec<(&str, &str)> = FormatId::ALL
        .iter()
        .filter_map(|format| {
            let row = format.template().row(table_key, row)?;
            let column = row.columns.iter().find(|def| def.key == column)?;
            Some((row.label.zh, column.label.zh))
        })
        .collect();
    assert!(!labels.is_empty(), "{key}: not in a template");
    let header_text = |id: &str| -> String {
        let selector = Selector::parse(&format!(r#"th[id="{id}"]"#)).unwrap();
        let header = html.select(&selector).next();
        let header = header.unwrap_or_else(|| panic!("{key}: no header {id}"));
        header.text().collect::<String>().trim().to_owned()
    };
    let cells = Selector::parse(&format!("table.report-table-{table} td[headers]")).unwrap();
    let found: Vec<scraper::ElementRef<'a>> = html
        .select(&cells)
        .filter(|cell| {
            let headers: Vec<String> = cell
                .value()
                .attr("headers")
                .unwrap_or_default()
                .split(' ')
                .map(header_text)
                .collect();
            labels.iter().any(|(row_label, column_label)| {
                headers.iter().any(|text| text == row_label)
                    && headers.iter().any(|text| text == column_label)
            })
        })
        .collect();
    assert_eq!(found.len(), 1, "{key}: cells announced with {labels:?}");
    found[0]
}

/// Every report's data file of a built site (`agencies/<id>/<year>/data.json`).
pub(crate) fn report_data_files(output: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for agency in fs::read_dir(output.join("agencies")).unwrap() {
        let agency = agency.unwrap().path();
        if !agency.is_dir() {
            continue;
        }
        for year in fs::read_dir(&agency).unwrap() {
            let data = year.unwrap().path().join("data.json");
            if data.is_file() {
                files.push(data);
            }
        }
    }
    files.sort();
    files
}
