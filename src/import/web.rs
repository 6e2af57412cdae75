//! Fetching published reports for `archive import URL` and `--urls FILE`.
//!
//! Agencies' sites are small and often slow, so the fetcher is polite and bounded: one request at
//! a time (and a pause between two requests to one host), a User-Agent that names archive and its
//! version, timeouts for connecting and for each read, a redirect limit, and a limit on the
//! body's size. A fetched page is kept in a file of a temporary folder (never more than the size
//! limit, and never written when it is over) and read like a local file; a page with no report table that links its report as an attachment (PDF, DOC,
//! DOCX) has the attachment fetched in its place, with both URLs kept.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::cli;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::{Input, decode, pdf};

/// What every request says it is, so that a site's administrator knows who is asking.
pub const USER_AGENT: &str = concat!(
    "archive/",
    env!("CARGO_PKG_VERSION"),
    " (an archive of government information-disclosure annual reports)"
);

/// How long a whole exchange may last, in timeouts: a server that sends a byte now and then
/// never trips the read timeout, but does trip this.
const WHOLE_EXCHANGE_IN_TIMEOUTS: u32 = 10;

/// The limits of fetching (`archive import --timeout, --max-size, --pause`).
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// How long to wait to connect, and for each read of the answer.
    pub timeout: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    /// The pause between two requests to the same host.
    pub pause: Duration,
    /// How many redirects are followed before the URL is given up.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 100 * 1024 * 1024,
            pause: Duration::from_secs(1),
            max_redirects: 10,
        }
    }
}

/// Why a URL gave no body.
#[derive(Debug)]
enum FetchError {
    NotAWebAddress,
    HostNotFound,
    Unreachable(String),
    Status(u16),
    Timeout,
    TooLarge,
    TooManyRedirects,
    Tls(String),
}

/// A body fetched, and the URL it finally came from (after redirects).
struct Body {
    bytes: Vec<u8>,
    url: String,
}

/// Fetches URLs one at a time, remembering when each host was last asked.
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    last_request: HashMap<String, Instant>,
    /// The folder the fetched bytes are kept in, and how many files it has.
    downloads: PathBuf,
    kept: usize,
}

impl Fetcher {
    /// A fetcher with these limits, keeping what it fetches in `downloads`.
    pub fn new(options: FetchOptions, downloads: &Path) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_connect(Some(options.timeout))
            .timeout_per_read(Some(options.timeout))
            .timeout_global(Some(options.timeout * WHOLE_EXCHANGE_IN_TIMEOUTS))
            .max_redirects(options.max_redirects)
            .max_redirects_will_error(true)
            .http_status_as_error(true)
            .build();
        Fetcher {
            agent: config.into(),
            options,
            last_request: HashMap::new(),
            downloads: downloads.to_path_buf(),
            kept: 0,
        }
    }

    /// The report at `url`: the page itself, or the attachment it links when it has no report
    /// table. An error names the URL and says what to do.
    pub fn fetch_report(&mut self, url: &str) -> Result<Input, Diagnostic> {
        let page = self
            .get(url)
            .map_err(|error| self.explain(url, &error, None))?;
        let retrieved = jiff::Timestamp::now();
        if let Some(attachment) = attachment_link(&page) {
            let file = self
                .get(&attachment)
                .map_err(|error| self.explain(&attachment, &error, Some(&page.url)))?;
            return Ok(Input {
                path: PathBuf::from(&file.url),
                copy: Some(self.keep(&file)?),
                url: Some(file.url),
                page_url: Some(page.url),
                retrieved: Some(jiff::Timestamp::now()),
            });
        }
        Ok(Input {
            path: PathBuf::from(url),
            copy: Some(self.keep(&page)?),
            url: Some(page.url),
            page_url: None,
            retrieved: Some(retrieved),
        })
    }

    /// Writes a fetched body to a file of its own in the downloads folder, named by its order
    /// and its URL's extension (which readers of some forms go by).
    fn keep(&mut self, body: &Body) -> Result<PathBuf, Diagnostic> {
        self.kept += 1;
        let extension = Url::parse(&body.url)
            .ok()
            .and_then(|url| {
                let path = Path::new(url.path())
                    .extension()?
                    .to_str()?
                    .to_ascii_lowercase();
                (path.len() <= 5 && path.chars().all(|c| c.is_ascii_alphanumeric())).then_some(path)
            })
            .map_or_else(String::new, |extension| format!(".{extension}"));
        let file = self.downloads.join(format!("{}{extension}", self.kept));
        fs::write(&file, &body.bytes).map_err(|error| {
            Diagnostic::error(
                Location::file(&body.url),
                cli::cannot_keep_fetched(&self.downloads.display().to_string(), &error.to_string()),
            )
            .with_help(cli::cannot_keep_fetched_help())
        })?;
        Ok(file)
    }

    /// One GET, after this host's pause, with the body read up to the size limit.
    fn get(&mut self, url: &str) -> Result<Body, FetchError> {
        let host = web_address(url)
            .and_then(|parsed| parsed.host_str().map(str::to_owned))
            .ok_or(FetchError::NotAWebAddress)?;
        if let Some(last) = self.last_request.get(&host) {
            std::thread::sleep(self.options.pause.saturating_sub(last.elapsed()));
        }
        let result = self.exchange(url);
        self.last_request.insert(host, Instant::now());
        result
    }

    fn exchange(&self, url: &str) -> Result<Body, FetchError> {
        use ureq::ResponseExt;
        let mut response = self.agent.get(url).call().map_err(FetchError::from)?;
        let declared = response
            .headers()
            .get("content-length")
            .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| length > self.options.max_bytes) {
            return Err(FetchError::TooLarge);
        }
        let final_url = response.get_uri().to_string();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.options.max_bytes)
            .read_to_vec()
            .map_err(FetchError::from)?;
        Ok(Body {
            bytes,
            url: final_url,
        })
    }

    /// The diagnostic for a URL that gave no body; `page` is the page that linked it.
    fn explain(&self, url: &str, error: &FetchError, page: Option<&str>) -> Diagnostic {
        let (message, help) = error.explain(&self.options);
        let message = match page {
            Some(page) => cli::attached_to(&message, page).into(),
            None => message,
        };
        Diagnostic::error(Location::file(url), message).with_help(help)
    }
}

impl From<ureq::Error> for FetchError {
    fn from(error: ureq::Error) -> FetchError {
        match error {
            ureq::Error::StatusCode(code) => FetchError::Status(code),
            ureq::Error::BadUri(_) => FetchError::NotAWebAddress,
            ureq::Error::HostNotFound => FetchError::HostNotFound,
            ureq::Error::Timeout(_) => FetchError::Timeout,
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge,
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
            ureq::Error::Tls(reason) => FetchError::Tls(reason.to_owned()),
            ureq::Error::Rustls(error) => FetchError::Tls(error.to_string()),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout,
            // rustls reports a failed handshake as data that is not what TLS expects.
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                FetchError::Tls(io.to_string())
            }
            ureq::Error::Io(io) => FetchError::Unreachable(io.to_string()),
            other => FetchError::Unreachable(other.to_string()),
        }
    }
}

impl FetchError {
    /// The message and the help for a person.
    fn explain(&self, options: &FetchOptions) -> (String, String) {
        let (message, help) = match self {
            FetchError::NotAWebAddress => (cli::fetch_not_address(), cli::fetch_not_address_help()),
            FetchError::HostNotFound => (cli::host_not_found(), cli::host_not_found_help()),
            FetchError::Unreachable(reason) => (cli::unreachable(reason), cli::unreachable_help()),
            FetchError::Status(code) => return status_explained(*code),
            FetchError::Timeout => (
                cli::fetch_timeout(options.timeout.as_secs_f64()),
                cli::fetch_timeout_help(),
            ),
            FetchError::TooLarge => (
                cli::fetch_too_large(&megabytes(options.max_bytes)),
                cli::fetch_too_large_help(),
            ),
            FetchError::TooManyRedirects => (
                cli::too_many_redirects(options.max_redirects),
                cli::too_many_redirects_help(),
            ),
            FetchError::Tls(reason) => (cli::tls_failed(reason), cli::tls_failed_help()),
        };
        (message.into(), help.into())
    }
}

fn status_explained(code: u16) -> (String, String) {
    let reason = ureq::http::StatusCode::from_u16(code)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("");
    let message = cli::http_status(format!("{code} {reason}").trim_end()).into();
    let help = if code >= 500 {
        cli::server_failed_help()
    } else if code == 404 || code == 410 {
        cli::page_gone_help()
    } else {
        cli::refused_help()
    };
    (message, help.into())
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1024 * 1024))
}

/// `text` as an http or https URL with a host, or nothing.
pub fn web_address(text: &str) -> Option<Url> {
    Url::parse(text)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && url.host_str().is_some())
}

/// Whether an input argument names a web address rather than a file.
pub fn is_url(argument: &Path) -> bool {
    argument.to_str().is_some_and(|text| {
        let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    })
}

/// The URLs of a `--urls` file: one a line, blank lines and lines starting with `#` skipped.
/// Every line that is not a web address is an error naming its line.
pub fn read_url_list(file: &Path) -> Result<Vec<String>, Vec<Diagnostic>> {
    let text = fs::read_to_string(file).map_err(|error| {
        vec![
            Diagnostic::error(
                Location::file(file),
                cli::cannot_read_url_list(&error.to_string()),
            )
            .with_help(cli::url_list_help()),
        ]
    })?;
    let mut urls = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let url = line.trim();
        if url.is_empty() || url.starts_with('#') {
            continue;
        }
        if web_address(url).is_some() {
            urls.push(url.to_owned());
        } else {
            errors.push(
                Diagnostic::error(
                    Location::line(file, index + 1, line),
                    cli::fetch_not_address(),
                )
                .with_help(cli::url_line_help()),
            );
        }
    }
    if errors.is_empty() {
        Ok(urls)
    } else {
        Err(errors)
    }
}

/// Words of the applications table (表三) in every format: a table with them holds the report.
const REPORT_TABLE_WORDS: [&str; 4] = ["本年新收", "上年结转", "本年制发", "行政复议"];

/// File endings of attachments that hold a report.
const ATTACHMENT_ENDINGS: [&str; 3] = [".pdf", ".doc", ".docx"];

/// The attachment to fetch in place of `page`: when the page is HTML with no report table, the
/// first link to a PDF or Word file, or else the first link whose text says 附件 or 下载 and
/// names the report.
fn attachment_link(page: &Body) -> Option<String> {
    if pdf::is_pdf(&page.bytes) {
        return None;
    }
    let text = decode::decode(&page.bytes).ok()?.text;
    let html = Html::parse_document(&text);
    if has_report_table(&html) {
        return None;
    }
    let links = Selector::parse("a[href]").expect("a valid selector");
    let title = page_title(&html);
    let base = Url::parse(&page.url).ok()?;
    let resolve = |link: &ElementRef| base.join(link.value().attr("href")?.trim()).ok();
    let candidates: Vec<(ElementRef, Url)> = html
        .select(&links)
        .filter_map(|link| resolve(&link).map(|url| (link, url)))
        .filter(|(_, url)| matches!(url.scheme(), "http" | "https"))
        .collect();
    let by_ending = candidates.iter().find(|(_, url)| {
        let path = url.path().to_ascii_lowercase();
        ATTACHMENT_ENDINGS
            .iter()
            .any(|ending| path.ends_with(ending))
    });
    let by_words = || {
        candidates.iter().find(|(link, _)| {
            let words: String = link.text().collect();
            (words.contains("附件") || words.contains("下载"))
                && (words.contains("年度报告")
                    || title.as_deref().is_some_and(|t| words.contains(t)))
        })
    };
    by_ending.or_else(by_words).map(|(_, url)| url.to_string())
}

fn has_report_table(html: &Html) -> bool {
    let tables = Selector::parse("table").expect("a valid selector");
    html.select(&tables).any(|table| {
        let text: String = table.text().collect();
        text.contains("申请") && REPORT_TABLE_WORDS.iter().any(|word| text.contains(word))
    })
}

/// The page's `<title>`, trimmed, when it has one.
fn page_title(html: &Html) -> Option<String> {
    let title = Selector::parse("title").expect("a valid selector");
    html.select(&title)
        .next()
        .map(|element| element.text().collect::<String>().trim().to_owned())
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Body {
        Body {
            bytes: html.as_bytes().to_vec(),
            url: "http://127.0.0.1:8080/gk/2024/page.html".to_owned(),
        }
    }

    #[test]
    fn a_page_without_a_report_table_gives_its_pdf_link_resolved() {
        let body = page(
            r#"<html><head><title>某区2024年政府信息公开工作年度报告</title></head><body>
            <a href="/index.html">首页</a><p>附件：<a href="files/report.PDF">点击查看</a></p></body></html>"#,
        );
        assert_eq!(
            attachment_link(&body).as_deref(),
            Some("http://127.0.0.1:8080/gk/2024/files/report.PDF")
        );
    }

    #[test]
    fn a_link_whose_text_says_download_and_names_the_report_is_followed() {
        let body = page(
            r#"<html><head><title>某区2024年报告</title></head><body>
            <a href="/news?id=3">下载中心</a>
            <a href="/down?id=7">附件下载：某区2024年报告</a></body></html>"#,
        );
        assert_eq!(
            attachment_link(&body).as_deref(),
            Some("http://127.0.0.1:8080/down?id=7")
        );
    }

    #[test]
    fn a_page_with_its_report_table_is_read_itself() {
        let body = page(
            r#"<html><body><table><tr><td>本年新收政府信息公开申请数量</td><td>12</td></tr></table>
            <a href="report.pdf">附件</a></body></html>"#,
        );
        assert_eq!(attachment_link(&body), None);
    }

    #[test]
    fn a_layout_table_with_a_menu_is_not_a_report_table() {
        let body = page(
            r#"<html><body><table><tr><td>依申请公开</td></tr></table>
            <a href="report.docx">附件</a></body></html>"#,
        );
        assert_eq!(
            attachment_link(&body).as_deref(),
            Some("http://127.0.0.1:8080/gk/2024/report.docx")
        );
    }

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_urls() {
        assert!(web_address("https://www.gov.cn/a.html").is_some());
        assert!(web_address("ftp://www.gov.cn/a.html").is_none());
        assert!(web_address("report.html").is_none());
        assert!(is_url(Path::new("HTTPS://x.cn/")));
        assert!(!is_url(Path::new("http.txt")));
    }

    #[test]
    fn statuses_say_what_to_do() {
        let (message, help) = status_explained(404);
        assert_eq!(message, "the site answered HTTP 404 Not Found");
        assert!(help.contains("moved"));
        assert!(status_explained(503).1.contains("later"));
    }
}
