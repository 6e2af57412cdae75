//! Benchmark of `archive serve`: the time from saving one report's source to the updated page
//! being served, on synthetic archives of N reports. Run by `benches/serve-latency.sh`; the
//! method and the figures are in docs/benchmarks.md ("serve: save to reload").
//!
//!     serve_latency --archive target/release/archive --reports 1000 --reports 10000 --runs 7
//!
//! For each N it writes a synthetic archive (below), starts `archive serve` on it, and then, for
//! each run, saves one report the way editors do (a copy renamed over the file) and polls the
//! report's page over HTTP until the new text is served. Two edits are timed: a sentence added
//! to the narrative (the report's page and data file are redrawn), and a new title (the lists
//! that show the report are redrawn too: its agency, its year, the home page, the feed).
//!
//! The synthetic archive: N/5 agencies with one report a year for 2020–2024, spread over 31 × 10
//! regions. Each report is the example archive's gb2019 (2020) or gb2021 (2021–) report of
//! 平潭综合实验区 with the agency, year, title, dates and address replaced, written with
//! `source::render_source`. Self-contained and deterministic, so that runs compare.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use archive_core::format::FormatId;
use archive_core::model::Report;

const YEARS: std::ops::RangeInclusive<u16> = 2020..=2024;
const PROVINCES: usize = 31;
const CITIES: usize = 10;

fn main() {
    let mut archive_binary = None;
    let mut sizes = Vec::new();
    let mut runs = 7;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--archive" => archive_binary = args.next().map(PathBuf::from),
            "--reports" => sizes.push(
                args.next()
                    .and_then(|n| n.parse().ok())
                    .expect("--reports N"),
            ),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            other => panic!("unknown argument {other}; see the file's header"),
        }
    }
    let archive_binary = archive_binary.unwrap_or_else(|| {
        // target/release/examples/serve_latency → target/release/archive
        let exe = std::env::current_exe().expect("own path");
        exe.parent()
            .and_then(Path::parent)
            .expect("target folder")
            .join("archive")
    });
    assert!(runs >= 3, "take at least 3 runs for a median");
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000];
    }
    println!("archive serve: save → updated page served, median of {runs} runs (min–max);");
    println!("in brackets, the median time serve itself reported for the redraw");
    println!("| reports | load | narrative edit (2 pages) | title edit (lists too) |");
    println!("|--------:|------------:|-------------------------:|-----------------------:|");
    for reports in sizes {
        let site = tempfile::tempdir().expect("a temporary folder");
        let written = write_archive(site.path(), reports);
        let server = Server::start(&archive_binary, site.path());
        let agency = agency_id(written / YEARS.clone().count() / 2);
        let page = format!("{}agencies/{agency}/2023/", server.url);
        let source = site.path().join(format!("content/{agency}/2023.md"));
        let narrative = measure(&server, &source, &page, runs, Edit::Narrative);
        let title = measure(&server, &source, &page, runs, Edit::Title);
        println!(
            "| {written} | {} | {} | {} |",
            server.first_build,
            summary(&narrative),
            summary(&title)
        );
    }
}

#[derive(Clone, Copy)]
enum Edit {
    Narrative,
    Title,
}

/// Saves `runs` edits (after one untimed) and times each until the page serves it; with each,
/// the time serve reported for its redraw.
fn measure(
    server: &Server,
    source: &Path,
    page: &str,
    runs: usize,
    edit: Edit,
) -> Vec<(Duration, Option<f64>)> {
    let original = std::fs::read_to_string(source).expect("the source");
    let title_line = original
        .lines()
        .find(|line| line.starts_with("title: "))
        .expect("a title")
        .to_owned();
    let mut times = Vec::new();
    for run in 0..=runs {
        let marker = format!("基准标记{run}x{}", std::process::id());
        let text = match edit {
            Edit::Narrative => format!("{original}\n{marker}\n"),
            Edit::Title => original.replacen(&title_line, &format!("{title_line}{marker}"), 1),
        };
        let started = Instant::now();
        save(source, &text);
        loop {
            if get(page).contains(&marker) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the page never showed the edit"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let took = started.elapsed();
        std::thread::sleep(Duration::from_millis(300));
        if run > 0 {
            times.push((took, server.last_redraw_ms()));
        }
    }
    save(source, &original);
    std::thread::sleep(Duration::from_millis(500));
    times
}

fn summary(times: &[(Duration, Option<f64>)]) -> String {
    let mut ms: Vec<f64> = times
        .iter()
        .map(|(took, _)| took.as_secs_f64() * 1000.0)
        .collect();
    ms.sort_by(f64::total_cmp);
    let mut redraws: Vec<f64> = times.iter().filter_map(|(_, redraw)| *redraw).collect();
    redraws.sort_by(f64::total_cmp);
    let redraw = if redraws.is_empty() {
        "?".to_owned()
    } else {
        format!("{:.0} ms", median(&redraws))
    };
    format!(
        "{:.0} ms ({:.0}–{:.0}) [{redraw}]",
        median(&ms),
        ms[0],
        ms[ms.len() - 1]
    )
}

/// The middle of sorted values.
fn median(sorted: &[f64]) -> f64 {
    if sorted.len() % 2 == 1 {
        sorted[sorted.len() / 2]
    } else {
        (sorted[sorted.len() / 2 - 1] + sorted[sorted.len() / 2]) / 2.0
    }
}

fn agency_id(n: usize) -> String {
    format!("agency-{n:05}")
}

/// Writes a synthetic archive of about `reports` reports; returns how many.
fn write_archive(root: &Path, reports: usize) -> usize {
    let example = archive_core::load::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let template = |format: FormatId| -> &Report {
        example
            .archive
            .reports
            .iter()
            .rev()
            .find(|report| report.agency == "pingtan" && report.format == format)
            .expect("the example archive has pingtan's reports")
    };
    std::fs::write(
        root.join("site.toml"),
        "title = \"合成基准年报库\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    let mut regions = String::new();
    for province in 0..PROVINCES {
        regions.push_str(&format!(
            "- id: p{province:02}\n  name: 合成省{province:02}\n  children:\n"
        ));
        for city in 0..CITIES {
            regions.push_str(&format!(
                "    - id: c{city:02}\n      name: 合成市{province:02}{city:02}\n"
            ));
        }
    }
    std::fs::write(content.join("_regions.yaml"), regions).unwrap();

    let agencies = reports.div_ceil(YEARS.clone().count());
    let mut written = 0;
    for n in 0..agencies {
        let id = agency_id(n);
        let name = format!("合成市第{n}机关");
        let folder = content.join(&id);
        std::fs::create_dir_all(&folder).unwrap();
        let kind = [
            "people_government",
            "department",
            "development_zone",
            "township",
            "other",
        ][n % 5];
        std::fs::write(
            folder.join("_agency.yaml"),
            format!(
                "name: {name}\nkind: {kind}\nregion: p{:02}/c{:02}\n",
                n % PROVINCES,
                (n / PROVINCES) % CITIES
            ),
        )
        .unwrap();
        for year in YEARS {
            let format = FormatId::for_year(year);
            let mut report = template(format).clone();
            report.agency = id.clone();
            report.year = year;
            report.title = format!("{name}{year}年政府信息公开工作年度报告");
            report.published = jiff::civil::Date::new(
                i16::try_from(year + 1).unwrap(),
                1 + i8::try_from(n % 3).unwrap(),
                10 + i8::try_from(n % 17).unwrap(),
            )
            .ok();
            report.issuer = Some(name.clone());
            report.source_url = Some(format!("https://example.org/{id}/{year}.html"));
            report.original_file = None;
            report.notes = None;
            std::fs::write(
                folder.join(format!("{year}.md")),
                archive_core::source::render_source(&report),
            )
            .unwrap();
            written += 1;
        }
    }
    written
}

fn save(path: &Path, text: &str) {
    let copy = path.with_extension("md.tmp");
    std::fs::write(&copy, text).unwrap();
    std::fs::rename(&copy, path).unwrap();
}

struct Server {
    child: Child,
    url: String,
    first_build: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(binary: &Path, root: &Path) -> Server {
        let mut child = Command::new(binary)
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot run {}: {error}", binary.display()));
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut first_build = String::new();
        let url = loop {
            let line = lines
                .next()
                .expect("archive serve stopped before serving")
                .unwrap();
            // `loaded N reports of M agencies (2.31 s): …`
            if let Some(took) = line
                .strip_prefix("loaded ")
                .and_then(|rest| rest.split_once('('))
                .and_then(|(_, rest)| rest.split_once(')'))
            {
                first_build = took.0.to_owned();
            }
            if line.starts_with("error") {
                eprintln!("{line}");
            }
            if let Some(rest) = line.strip_prefix("serving ") {
                break rest.split(' ').next().unwrap().to_owned();
            }
        };
        // Keep reading what it prints, so that it never blocks on a full pipe.
        let log = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                writer.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            url,
            first_build,
            log,
        }
    }

    /// The milliseconds of the last edit serve reported (`…: 11 pages stale, 2 drawn again at
    /// once (7 ms)`).
    fn last_redraw_ms(&self) -> Option<f64> {
        let log = self.log.lock().unwrap();
        let line = log.iter().rev().find(|line| line.contains(" stale, "))?;
        let took = line.rsplit_once('(')?.1.trim_end_matches(')');
        match took.split_once(' ') {
            Some((n, "ms")) => n.parse().ok(),
            Some((n, "s")) => n.parse::<f64>().ok().map(|s| s * 1000.0),
            _ => None,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body of `GET url`.
fn get(url: &str) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}
