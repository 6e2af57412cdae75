//! The preview's web server: static files from the current [`Snapshot`] in memory, pages drawn
//! on request by its [`LiveSite`] (off the server's threads), the live-reload script, and the
//! event stream that tells open pages to reload or to show errors.
//!
//! A snapshot is replaced whole after each reload of the site, and an edit changes its model and
//! its drawn pages together, so a response is always one complete version of a page. The script
//! is added to HTML responses here, never to a built site.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tokio::sync::{broadcast, watch};

use super::live::LiveSite;
use super::preview::{Changed, Files};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::check::s;
use archive_core::messages::{self, site};

/// Where the preview's own files are, below the base path.
pub const EVENTS_PATH: &str = "__archive/events";
/// The live-reload script, below the base path.
pub const SCRIPT_PATH: &str = "__archive/live.js";
/// What the preview's cache holds and how many pages it drew (JSON), below the base path.
pub const STATS_PATH: &str = "__archive/stats";

const LIVE_SCRIPT: &str = include_str!("live.js");

/// One version of the site, served whole.
pub struct Snapshot {
    /// Counts up from 1 with every published change.
    pub version: u64,
    /// The base path pages are served under (`/` or `/nianbao/`).
    pub base_path: String,
    /// The loaded site, its pages drawn on request; `None` until a load succeeded.
    pub live: Option<Arc<LiveSite>>,
    /// Static files, served before pages of the same path.
    pub assets: Arc<Files>,
    /// The current errors, shown over every page.
    pub errors: Vec<Diagnostic>,
    /// The folder of the search index the last `archive build` wrote, served from disk as
    /// `pagefind/` (the preview does not index).
    pub search_index: Option<PathBuf>,
}

impl Snapshot {
    /// The static file or page at `path`: a page is drawn if it is not kept, on a thread meant
    /// for blocking work. An error when its template fails.
    async fn find(&self, path: &str) -> Result<Option<Bytes>, Diagnostic> {
        if let Some(bytes) = self.assets.get(path) {
            return Ok(Some(bytes.clone()));
        }
        let Some(live) = self.live.clone() else {
            return Ok(None);
        };
        let owned = path.to_owned();
        tokio::task::spawn_blocking(move || live.page(&owned))
            .await
            .unwrap_or_else(|_| {
                Err(
                    Diagnostic::error(Location::file(path), messages::cli::drawing_failed())
                        .with_help(messages::cli::drawing_failed_help()),
                )
            })
    }

    /// Whether a static file or page is at `path`, without drawing it.
    async fn has(&self, path: &str) -> bool {
        if self.assets.contains_key(path) {
            return true;
        }
        let Some(live) = self.live.clone() else {
            return false;
        };
        let owned = path.to_owned();
        tokio::task::spawn_blocking(move || live.has(&owned))
            .await
            .unwrap_or(false)
    }

    fn built(&self) -> bool {
        self.live.is_some()
    }
}

/// What the server and the rebuilding thread share.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<LiveEvent>,
    shutdown: watch::Receiver<bool>,
    hosts: AllowedHosts,
}

/// The `Host` a request may name. A page of another site can have its own name resolve to
/// 127.0.0.1 (DNS rebinding) and then read the preview as its own origin; the browser still
/// sends that name, so a preview on loopback answers only to this machine's own names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllowedHosts {
    /// Any name: the preview was bound to an address other machines reach, on purpose, and they
    /// may name it as they know it.
    Any,
    /// `localhost` or a loopback address (`127.0.0.1`, `[::1]`, the bound one), with the bound
    /// port or none.
    Loopback(SocketAddr),
}

impl AllowedHosts {
    /// What a preview listening on `address` answers to.
    pub fn for_address(address: SocketAddr) -> AllowedHosts {
        if address.ip().is_loopback() {
            AllowedHosts::Loopback(address)
        } else {
            AllowedHosts::Any
        }
    }

    /// Whether a request whose `Host` is `host` is answered.
    pub fn allow(&self, host: Option<&str>) -> bool {
        let AllowedHosts::Loopback(address) = self else {
            return true;
        };
        let Some(host) = host else {
            return false;
        };
        let (name, port) = match host.strip_prefix('[') {
            Some(bracketed) => match bracketed.split_once(']') {
                Some((name, rest)) => (name, rest),
                None => return false,
            },
            None => match host.find(':') {
                Some(colon) => host.split_at(colon),
                None => (host, ""),
            },
        };
        let port_matches = match port.strip_prefix(':') {
            Some(port) => port.parse::<u16>() == Ok(address.port()),
            None => port.is_empty(),
        };
        // A loopback address written out cannot be rebound; the bound one is among them.
        let name_matches = name.eq_ignore_ascii_case("localhost")
            || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        port_matches && name_matches
    }
}

/// A message to open pages.
#[derive(Clone, Debug)]
struct LiveEvent {
    name: &'static str,
    data: Arc<str>,
}

impl Shared {
    /// Serves `snapshot` until [`Shared::publish`] replaces it, to requests naming one of
    /// `hosts`; event streams end when `shutdown` turns true.
    pub fn new(
        snapshot: Snapshot,
        shutdown: watch::Receiver<bool>,
        hosts: AllowedHosts,
    ) -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            events,
            shutdown,
            hosts,
        })
    }

    /// The snapshot being served.
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Serves `snapshot` from now on (its version is set here) and tells open pages what
    /// changed: those showing a changed page reload, every page shows the current errors.
    pub fn publish(&self, mut snapshot: Snapshot, changed: &Changed) {
        let mut current = self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        snapshot.version = current.version + 1;
        let errors = errors_json(&snapshot.errors);
        let summary = errors_summary(&snapshot.errors);
        let (name, data) = match changed {
            Changed::Nothing => (
                "errors",
                serde_json::json!({
                    "version": snapshot.version,
                    "errors": errors,
                    "errors_summary": summary,
                }),
            ),
            Changed::Pages(urls) => {
                let paths: Vec<String> = urls
                    .iter()
                    .map(|url| format!("{}{url}", snapshot.base_path))
                    .collect();
                (
                    "reload",
                    serde_json::json!({
                        "version": snapshot.version,
                        "paths": paths,
                        "errors": errors,
                        "errors_summary": summary,
                    }),
                )
            }
            Changed::Everything => (
                "reload",
                serde_json::json!({
                    "version": snapshot.version,
                    "paths": null,
                    "errors": errors,
                    "errors_summary": summary,
                }),
            ),
        };
        *current = Arc::new(snapshot);
        drop(current);
        // No open page is not an error.
        let _ = self.events.send(LiveEvent {
            name,
            data: data.to_string().into(),
        });
    }
}

/// The preview's routes: everything under the snapshot's base path.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// Longer request addresses are refused: no page of a site has one (request bodies are never
/// read, and headers are bounded by hyper's own buffer limit).
const MAX_URI_BYTES: usize = 8 * 1024;

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let host = match headers.get(header::HOST) {
        Some(host) => host.to_str().ok(),
        None => uri.authority().map(|authority| authority.as_str()),
    };
    if !shared.hosts.allow(host) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            String::from(site::preview_local_only()),
        )
            .into_response();
    }
    if uri.to_string().len() > MAX_URI_BYTES {
        let message: String = site::address_too_long().into();
        return (StatusCode::URI_TOO_LONG, message).into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            String::from(site::preview_get_and_head_only()),
        )
            .into_response();
    }
    let snapshot = shared.current();
    let path = uri.path();
    let Some(rest) = path.strip_prefix(snapshot.base_path.as_str()) else {
        if path == "/" || format!("{path}/") == snapshot.base_path {
            return redirect(StatusCode::FOUND, &snapshot.base_path);
        }
        return not_found(&snapshot).await;
    };
    match rest {
        EVENTS_PATH => return events(&shared),
        SCRIPT_PATH => {
            return file_response(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                Bytes::from_static(LIVE_SCRIPT.as_bytes()),
            );
        }
        STATS_PATH => return stats(&snapshot),
        _ => {}
    }
    let Some(key) = file_key(rest) else {
        return not_found(&snapshot).await;
    };
    match snapshot.find(&key).await {
        Ok(Some(bytes)) => return page_response(&snapshot, StatusCode::OK, &key, bytes),
        Ok(None) => {}
        Err(error) => return errors_page(&snapshot, StatusCode::INTERNAL_SERVER_ERROR, &[error]),
    }
    if let Some(bytes) = search_file(&snapshot, &key).await {
        return file_response(StatusCode::OK, &content_type(&key), bytes);
    }
    if !key.ends_with("index.html") && snapshot.has(&format!("{key}/index.html")).await {
        let mut location = format!("{path}/");
        if let Some(query) = uri.query() {
            location = format!("{location}?{query}");
        }
        return redirect(StatusCode::PERMANENT_REDIRECT, &location);
    }
    not_found(&snapshot).await
}

/// The cache's figures and the count of drawn files, as JSON: for tests and benchmarks, and to
/// see what a preview holds. `null` before a load succeeded.
fn stats(snapshot: &Snapshot) -> Response {
    let stats = snapshot.live.as_ref().map(|live| live.stats());
    let json = serde_json::json!({ "version": snapshot.version, "cache": stats });
    file_response(
        StatusCode::OK,
        "application/json; charset=utf-8",
        Bytes::from(json.to_string()),
    )
}

/// The file a request path (below the base path) asks for: percent-decoded, `index.html` for a
/// folder. `None` for paths that try to climb out (`..`, also encoded), or that no file can have.
fn file_key(rest: &str) -> Option<String> {
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let (last, folders) = segments.split_last()?;
    if folders
        .iter()
        .any(|segment| matches!(*segment, "" | "." | ".."))
        || matches!(*last, "." | "..")
    {
        return None;
    }
    Some(if last.is_empty() {
        format!("{decoded}index.html")
    } else {
        decoded.into_owned()
    })
}

/// A file of the last built search index, read from disk when asked for. `key` has passed
/// [`file_key`], so it stays below the index's folder; no symbolic link is followed there,
/// neither the folder itself nor any folder or file below it, so that nothing outside the index
/// can be reached through one.
async fn search_file(snapshot: &Snapshot, key: &str) -> Option<Bytes> {
    let below = key
        .strip_prefix(crate::address::SEARCH_DIR)?
        .strip_prefix('/')?;
    let folder = snapshot.search_index.as_ref()?;
    let mut path = folder.clone();
    if is_link(&path).await {
        return None;
    }
    for component in Path::new(below).components() {
        let Component::Normal(name) = component else {
            return None;
        };
        path.push(name);
        if is_link(&path).await {
            return None;
        }
    }
    tokio::fs::read(path).await.ok().map(Bytes::from)
}

/// Whether `path` is a symbolic link.
async fn is_link(path: &Path) -> bool {
    tokio::fs::symlink_metadata(path)
        .await
        .is_ok_and(|metadata| metadata.file_type().is_symlink())
}

/// The content type of a file, from its name; text types say they are UTF-8.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(mime.subtype().as_str(), "json" | "javascript" | "xml")
        || mime
            .suffix()
            .is_some_and(|suffix| matches!(suffix.as_str(), "xml" | "json"));
    if textual && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn page_response(snapshot: &Snapshot, status: StatusCode, path: &str, bytes: Bytes) -> Response {
    let content_type = content_type(path);
    let bytes = if content_type.starts_with("text/html") {
        Bytes::from(inject_script(&bytes, &snapshot.base_path, snapshot.version))
    } else {
        bytes
    };
    file_response(status, &content_type, bytes)
}

fn file_response(status: StatusCode, content_type: &str, bytes: Bytes) -> Response {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).expect("a MIME type is a valid header"),
    );
    // A preview changes with every save: never reuse a stored copy.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (status, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// The theme's 404 page; before any load succeeded, a page listing the errors.
async fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.find("404.html").await {
        Ok(Some(page)) => return page_response(snapshot, StatusCode::NOT_FOUND, "404.html", page),
        Ok(None) => {}
        Err(error) => return errors_page(snapshot, StatusCode::NOT_FOUND, &[error]),
    }
    if snapshot.built() {
        return file_response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            Bytes::from(String::from(site::page_not_found())),
        );
    }
    errors_page(snapshot, StatusCode::SERVICE_UNAVAILABLE, &snapshot.errors)
}

/// A page listing `errors`, in place of a page that could not be drawn; it reloads by itself
/// once a save fixes them.
fn errors_page(snapshot: &Snapshot, status: StatusCode, errors: &[Diagnostic]) -> Response {
    let heading = if snapshot.built() {
        site::page_not_drawn()
    } else {
        site::site_not_built()
    };
    let heading = crate::html::escaped(heading.here());
    let fix = crate::html::escaped(site::fix_and_save().here());
    let lang = messages::terminal_language().html_lang();
    let mut listed = String::new();
    for error in errors {
        listed.push_str(&crate::html::escaped(&error.to_string()));
        listed.push_str("\n\n");
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>archive serve: {heading}</title>\n</head>\n<body>\n<h1>{heading}</h1>\n<p>{fix}</p>\n<pre>{listed}</pre>\n</body>\n</html>\n"
    );
    page_response(snapshot, status, "index.html", Bytes::from(html))
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject_script(html: &[u8], base_path: &str, version: u64) -> Vec<u8> {
    let base = crate::html::escaped(base_path);
    let tag = format!(
        "<script src=\"{base}{SCRIPT_PATH}\" data-base=\"{base}\" data-version=\"{version}\" defer></script>\n"
    );
    let at = html
        .windows(7)
        .rposition(|window| window.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The errors as the script shows them, in the terminal's language: each error's place
/// (file:line:column), severity (as data files spell it, and `severity_word` to show), message,
/// line, help and the word `help_word` before it.
fn errors_json(errors: &[Diagnostic]) -> serde_json::Value {
    errors
        .iter()
        .map(|error| {
            serde_json::json!({
                "severity": error.severity,
                "severity_word": error.severity.to_string(),
                "place": error.location.to_string(),
                "message": error.message,
                "source_line": error.location.source_line,
                "help": error.help,
                "help_word": site::help_word().here(),
            })
        })
        .collect()
}

/// The overlay's first line over `errors`, in the terminal's language.
fn errors_summary(errors: &[Diagnostic]) -> String {
    site::overlay_summary(errors.len(), s(errors.len()))
        .into_language(messages::terminal_language())
}

/// Server-sent events: first `hello` (the current version and errors), then every `reload` and
/// `errors` published, until the server stops.
fn events(shared: &Shared) -> Response {
    // Subscribe before reading the snapshot, so that nothing published in between is missed.
    let receiver = shared.events.subscribe();
    let snapshot = shared.current();
    let hello = Event::default().event("hello").data(
        serde_json::json!({
            "version": snapshot.version,
            "errors": errors_json(&snapshot.errors),
            "errors_summary": errors_summary(&snapshot.errors),
        })
        .to_string(),
    );
    let shutdown = shared.shutdown.clone();
    let stream = futures_util::stream::unfold(
        (Some(hello), receiver, shutdown),
        |(first, mut receiver, mut shutdown)| async move {
            if let Some(hello) = first {
                return Some((Ok::<_, Infallible>(hello), (None, receiver, shutdown)));
            }
            loop {
                if *shutdown.borrow() {
                    return None;
                }
                tokio::select! {
                    changed = shutdown.changed() => {
                        if changed.is_err() {
                            return None;
                        }
                    }
                    received = receiver.recv() => match received {
                        Ok(event) => {
                            let event = Event::default().event(event.name).data(&*event.data);
                            return Some((Ok(event), (None, receiver, shutdown)));
                        }
                        Err(broadcast::error::RecvError::Lagged(_)) => {}
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                }
            }
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_are_decoded_and_may_not_climb_out() {
        assert_eq!(file_key("").as_deref(), Some("index.html"));
        assert_eq!(
            file_key("agencies/pingtan/2023/").as_deref(),
            Some("agencies/pingtan/2023/index.html")
        );
        assert_eq!(
            file_key("static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(
            file_key("static/%E6%A0%B7%E5%BC%8F.css").as_deref(),
            Some("static/样式.css")
        );
        for climbing in [
            "../site.toml",
            "%2e%2e/site.toml",
            "%2E%2E%2Fsite.toml",
            "static/../../site.toml",
            "static/%2e%2e/%2e%2e/site.toml",
            "..",
            "%2e%2e",
            "static/..%5csite.toml",
            "static//style.css",
            "%00",
            "%ff",
        ] {
            assert_eq!(file_key(climbing), None, "{climbing}");
        }
    }

    #[test]
    fn a_preview_on_loopback_answers_only_to_its_own_names() {
        let hosts = AllowedHosts::for_address("127.0.0.1:4000".parse().unwrap());
        for own in [
            "localhost:4000",
            "LOCALHOST:4000",
            "127.0.0.1:4000",
            "[::1]:4000",
            "localhost",
            "127.0.0.1",
        ] {
            assert!(hosts.allow(Some(own)), "{own}");
        }
        for other in [
            "evil.example:4000",
            "evil.example",
            "localhost.evil.example:4000",
            "127.0.0.1.nip.io:4000",
            "localhost:4001",
            "127.0.0.1:80",
            "localhost:",
            "[::1",
            "10.0.0.1:4000",
            "",
        ] {
            assert!(!hosts.allow(Some(other)), "{other}");
        }
        assert!(!hosts.allow(None));
        let everywhere = AllowedHosts::for_address("0.0.0.0:4000".parse().unwrap());
        assert_eq!(everywhere, AllowedHosts::Any);
        assert!(everywhere.allow(Some("nianbao.lan:4000")));
    }

    #[test]
    fn text_types_say_utf8() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("agencies/a/2023/data.json"),
            "application/json; charset=utf-8"
        );
        assert!(content_type("atom.xml").ends_with("xml; charset=utf-8"));
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("logo.svg"), "image/svg+xml; charset=utf-8");
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject_script(html, "/nianbao/", 7)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/nianbao/__archive/live.js\" data-base=\"/nianbao/\" data-version=\"7\" defer></script>\n</BODY></html>"
        );
        let bare = String::from_utf8(inject_script(b"<p>x</p>", "/", 1)).unwrap();
        assert!(bare.starts_with("<p>x</p><script src=\"/__archive/live.js\""));
    }
}
