//! `archive serve`: a live preview. The site is loaded into memory and each page is drawn when a
//! request first asks for it, then kept (up to a bound, see `cache`) while it is valid; its
//! sources are watched, and every save forgets the pages it changes (see `change`) and reloads
//! the open pages that show them. Errors are printed and shown over every open page while the last
//! good site stays in service.
//!
//! Four parts: [`Preview`] keeps the loaded site up to date (one thread), [`LiveSite`] draws and
//! keeps its pages, `watch` hands the preview the paths that changed, and `http` serves the
//! current [`Snapshot`] and tells open pages what changed over server-sent events.

mod cache;
mod http;
mod live;
mod preview;
mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use notify::EventKind;
use notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::DebounceEventResult;
use tokio::sync::{Semaphore, watch as signal_watch};

pub use crate::stale::{Dirty, ModelEdit, SourceChange, classify, dirty_pages};
pub use cache::PageCache;
pub use http::{
    AllowedHosts, EVENTS_PATH, SCRIPT_PATH, STATS_PATH, Shared, Snapshot, content_type,
    inject_script, router,
};
pub use live::{CacheStats, LiveSite};
pub use preview::{Changed, DEFAULT_CACHE_BYTES, Files, Preview, Update};
pub use watch::{DEBOUNCE, POLL_INTERVAL, SourceWatcher, WatcherKind};

use crate::errln;
use archive_core::diagnostic::{Diagnostic, Location, count_errors};
use archive_core::messages::check::s;
use archive_core::messages::{Text, site};

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port to try first; the next free one is used if it is taken (0: any free port).
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// How to learn of changes.
    pub watcher: WatcherKind,
}

/// The environment variable that sets how many bytes of drawn pages a preview keeps.
pub const CACHE_BYTES_VARIABLE: &str = "ARCHIVE_SERVE_CACHE_BYTES";

/// The bound on the drawn pages kept: [`CACHE_BYTES_VARIABLE`] if set, else
/// [`DEFAULT_CACHE_BYTES`].
fn cache_bytes() -> Result<usize, Diagnostic> {
    let Some(value) = std::env::var_os(CACHE_BYTES_VARIABLE) else {
        return Ok(DEFAULT_CACHE_BYTES);
    };
    value
        .to_str()
        .and_then(|value| value.trim().parse::<usize>().ok())
        .ok_or_else(|| {
            server_error(site::cache_bytes_not_a_number(
                CACHE_BYTES_VARIABLE,
                &format!("{value:?}"),
            ))
            .with_help(site::cache_bytes_help())
        })
}

/// Loads the site at `root` into memory, serves it (drawing its pages when asked) and keeps it up
/// to date until Ctrl-C. Source errors do not stop it (they are shown); failing to listen or to
/// watch does.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), Diagnostic> {
    let cache_bytes = cache_bytes()?;
    let root = std::fs::canonicalize(root).map_err(|error| {
        Diagnostic::error(
            Location::file(root),
            archive_core::messages::cli::cannot_read_archive_folder(&error.to_string()),
        )
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| server_error(site::no_server(&error.to_string())))?;
    let listener = runtime.block_on(bind_free_port(options.bind, options.port))?;
    let address = listener
        .local_addr()
        .map_err(|error| server_error(site::no_server(&error.to_string())))?;
    let origin = format!("http://{}", shown_address(address));
    let hosts = AllowedHosts::for_address(address);

    let mut preview = Preview::new(&root, &origin).with_cache_bytes(cache_bytes);
    let update = preview.rebuild_everything();
    report_first_build(&preview, &update);

    let (stop_sender, stop_receiver) = signal_watch::channel(false);
    let shared = Shared::new(snapshot_of(&preview, 1), stop_receiver.clone(), hosts);
    let (sender, receiver) = mpsc::channel();
    let events = sender.clone();
    let watcher = SourceWatcher::start(&root, options.watcher, move |result| {
        // The receiver is gone only when serve is stopping.
        let _ = events.send(Message::Files(result));
    })?;
    let rebuilding = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("archive-serve-rebuild".to_owned())
        .spawn(move || {
            let loop_ = std::panic::AssertUnwindSafe(|| {
                rebuild_loop(preview, watcher, &receiver, &rebuilding);
            });
            if std::panic::catch_unwind(loop_).is_err() {
                errln!("{}", site::rebuild_thread_died());
            }
        })
        .map_err(|error| server_error(site::no_rebuild_thread(&error.to_string())))?;

    let base_path = shared.current().base_path.clone();
    let url = format!("{origin}{base_path}");
    errln!(
        "{}",
        announce(address, &url, reachable_at(address), &base_path)
    );
    if options.open {
        open_in_browser(&url);
    }
    let app = router(Arc::clone(&shared));
    runtime.block_on(async move {
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        tokio::select! {
            () = accept(listener, app, Arc::clone(&slots), stop_receiver) => {}
            () = stop_signal() => {
                let _ = stop_sender.send(true);
            }
        }
        // Each connection finishes what it is sending and closes (event streams end at once);
        // those that do not get a moment, then are dropped.
        let all = u32::try_from(MAX_CONNECTIONS).unwrap_or(u32::MAX);
        let _ = tokio::time::timeout(Duration::from_secs(3), slots.acquire_many(all)).await;
    });
    let _ = sender.send(Message::Stop);
    errln!("{}", site::stopped());
    Ok(())
}

/// What serve says once it listens on `address` at `url`: a warning first when other machines
/// can reach it, and the address they use (`other`) when it listens on all of this machine's.
fn announce(address: SocketAddr, url: &str, other: Option<SocketAddr>, base_path: &str) -> String {
    let mut said = String::new();
    if !address.ip().is_loopback() {
        said.push_str(site::reachable_warning(&address.ip().to_string()).here());
        said.push_str("\n\n");
    }
    said.push_str(site::serving(url).here());
    if let Some(other) = other {
        said.push_str(site::serving_elsewhere(&format!("http://{other}{base_path}")).here());
    }
    said
}

/// How long a connection may take to send a request's head, counted from when the server is
/// ready to read it: a slow client, and a kept-alive connection left idle, are closed after this
/// (hyper's `header_read_timeout`). A response being sent (the live-reload stream) is not timed.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections served at once; more wait to be accepted until one closes. Each open
/// page holds one for its live-reload stream; a browser opens six at most per site.
const MAX_CONNECTIONS: usize = 256;

/// Accepts connections and serves each on a task of its own, until the future is dropped.
async fn accept(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    slots: Arc<Semaphore>,
    stopping: signal_watch::Receiver<bool>,
) {
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles, or a connection reset while waiting: try again shortly.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = async {
                    let _ = stopping.wait_for(|&stop| stop).await;
                } => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(slot);
        });
    }
}

/// Where other machines reach a preview bound to every address (`0.0.0.0`, `::`): the address
/// this machine sends from (a UDP socket aimed at a documentation address picks it; nothing is
/// sent). `None` when bound to one address, or when there is no network.
fn reachable_at(address: SocketAddr) -> Option<SocketAddr> {
    if !address.ip().is_unspecified() {
        return None;
    }
    let (any, remote): (SocketAddr, SocketAddr) = match address.ip() {
        IpAddr::V4(_) => (([0, 0, 0, 0], 0).into(), ([192, 0, 2, 1], 9).into()),
        IpAddr::V6(_) => (
            (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
            ("2001:db8::1".parse::<IpAddr>().ok()?, 9).into(),
        ),
    };
    let socket = std::net::UdpSocket::bind(any).ok()?;
    socket.connect(remote).ok()?;
    let local = socket.local_addr().ok()?.ip();
    (!local.is_unspecified() && !local.is_loopback())
        .then(|| SocketAddr::new(local, address.port()))
}

/// What the rebuilding thread is told.
enum Message {
    /// Debounced file events.
    Files(DebounceEventResult),
    /// Serve is stopping.
    Stop,
}

/// Applies each round of changes and publishes the result, until told to stop.
fn rebuild_loop(
    mut preview: Preview,
    mut watcher: SourceWatcher,
    receiver: &Receiver<Message>,
    shared: &Shared,
) {
    let root = preview.root().to_path_buf();
    loop {
        let Ok(first) = receiver.recv() else {
            return;
        };
        let mut changes = BTreeSet::new();
        let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
        let theme = preview.theme().map(str::to_owned);
        for message in std::iter::once(first).chain(receiver.try_iter()) {
            let events = match message {
                Message::Stop => return,
                Message::Files(Ok(events)) => events,
                Message::Files(Err(errors)) => {
                    for error in errors {
                        errln!("{}", site::watcher_problem(&error.to_string()));
                    }
                    continue;
                }
            };
            for event in events {
                if !tells_of_a_change(&event) {
                    continue;
                }
                if event.need_rescan() {
                    changes.insert(SourceChange::Everything);
                }
                for path in &event.paths {
                    let Ok(relative) = path.strip_prefix(&root) else {
                        continue;
                    };
                    if let Some(change) = classify(relative, theme.as_deref()) {
                        changes.insert(change);
                        touched.insert(relative.to_path_buf());
                    }
                }
            }
        }
        for error in watcher.refresh() {
            errln!("{error}\n");
        }
        if changes.is_empty() {
            continue;
        }
        let errors_before = preview.errors();
        let update = preview.apply_publishing_early(&changes, &mut |preview, changed| {
            shared.publish(snapshot_of(preview, 0), changed);
        });
        let errors = preview.errors();
        report_update(&touched, &update, &errors_before, &errors);
        if update.changed != Changed::Nothing || errors != errors_before {
            shared.publish(snapshot_of(&preview, 0), &update.changed);
        }
    }
}

/// Whether an event can mean a changed source. Reading is no change (and builds read every
/// source); nor is a folder's own modification time, which the polling watcher reports whenever
/// a file in it is saved (the file has its own event). Folders made, removed or renamed count.
fn tells_of_a_change(event: &notify::Event) -> bool {
    match event.kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Name(_)) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => !event.paths.iter().all(|path| path.is_dir()),
        _ => true,
    }
}

/// The preview's current files and errors, to serve.
fn snapshot_of(preview: &Preview, version: u64) -> Snapshot {
    Snapshot {
        version,
        base_path: preview.base_path(),
        live: preview.live().cloned(),
        assets: Arc::clone(preview.assets()),
        errors: preview.errors(),
        search_index: preview.search_index().map(Path::to_path_buf),
    }
}

fn report_first_build(preview: &Preview, update: &Update) {
    print_diagnostics(preview.warnings());
    let errors = preview.errors();
    if errors.is_empty() {
        let (reports, agencies) = preview.counts().unwrap_or((0, 0));
        let bound = preview.live().map_or(0, |live| live.stats().cache_bound);
        errln!(
            "{}",
            site::loaded(
                reports,
                agencies,
                &duration(update.elapsed),
                update.files,
                bound / (1024 * 1024)
            )
        );
        match preview.search_index() {
            Some(folder) => errln!("{}", site::search_index_kept(&folder.display().to_string())),
            None => errln!("{}", site::no_search_index()),
        }
    } else {
        print_diagnostics(&errors);
        let errors = count_errors(&errors);
        errln!("{}", site::first_build_failed(errors, s(errors)));
    }
}

fn report_update(
    touched: &BTreeSet<PathBuf>,
    update: &Update,
    errors_before: &[Diagnostic],
    errors: &[Diagnostic],
) {
    let mut what: Vec<String> = touched
        .iter()
        .take(3)
        .map(|path| path.display().to_string())
        .collect();
    if touched.len() > 3 {
        what.push(site::more_files(touched.len() - 3).to_string());
    }
    let what = what.join(", ");
    let took = duration(update.elapsed);
    match &update.changed {
        Changed::Nothing if errors.is_empty() && !errors_before.is_empty() => {
            errln!("{}", site::fixed(&what, &took));
        }
        Changed::Nothing => {}
        Changed::Pages(_) => {
            let pages = update.files;
            errln!(
                "{}",
                site::pages_stale(&what, pages, s(pages), update.drawn, &took)
            );
        }
        Changed::Everything => {
            let files = update.files;
            errln!(
                "{}",
                site::reloaded_everything(&what, files, s(files), &took)
            );
        }
    }
    if !errors.is_empty() && errors != errors_before {
        print_diagnostics(errors);
        let errors = count_errors(errors);
        errln!("{}", site::still_serving(errors, s(errors)));
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        errln!("{diagnostic}\n");
    }
}

fn duration(elapsed: Duration) -> String {
    if elapsed < Duration::from_secs(1) {
        format!("{} ms", elapsed.as_millis())
    } else {
        format!("{:.2} s", elapsed.as_secs_f64())
    }
}

/// The address to put in links: a wildcard bind is reached through loopback.
fn shown_address(address: SocketAddr) -> SocketAddr {
    let ip = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, address.port())
}

/// Ctrl-C, or on Unix a polite SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(terminate) => terminate,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn open_in_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(error) => errln!("{}", site::no_browser(program, &error.to_string(), url)),
    }
}

fn server_error(message: Text) -> Diagnostic {
    Diagnostic::error(Location::file(archive_core::config::CONFIG_FILE), message)
}

/// How many ports from the one asked for are tried when it is taken.
const PORTS_TRIED: u16 = 20;

/// Listens on `port`, or the next free one when it is in use. Any other failure is about the
/// address or the permission, which another port would not change: it is reported at once.
async fn bind_free_port(bind: IpAddr, port: u16) -> Result<tokio::net::TcpListener, Diagnostic> {
    let last = port.saturating_add(PORTS_TRIED - 1);
    for candidate in port..=last {
        match tokio::net::TcpListener::bind((bind, candidate)).await {
            Ok(listener) => return Ok(listener),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {}
            Err(error) => return Err(bind_error(bind, candidate, &error)),
        }
    }
    Err(
        server_error(site::ports_in_use(port, last, &bind.to_string()))
            .with_help(site::ports_in_use_help()),
    )
}

/// Why `bind:port` cannot be listened on, with what to do.
fn bind_error(bind: IpAddr, port: u16, error: &std::io::Error) -> Diagnostic {
    match error.kind() {
        std::io::ErrorKind::AddrNotAvailable => {
            server_error(site::no_such_address(&bind.to_string(), &error.to_string()))
                .with_help(site::no_such_address_help())
        }
        std::io::ErrorKind::PermissionDenied => server_error(site::port_not_allowed(
            port,
            &bind.to_string(),
            &error.to_string(),
        ))
        .with_help(site::port_not_allowed_help()),
        _ => server_error(site::cannot_listen(
            &bind.to_string(),
            port,
            &error.to_string(),
        ))
        .with_help(site::cannot_listen_help()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_other_machines_reach_says_so_and_where() {
        let loopback: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        assert_eq!(
            announce(loopback, "http://127.0.0.1:1111/", None, "/"),
            "serving http://127.0.0.1:1111/ (Ctrl-C to stop)"
        );
        let all: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        let other: SocketAddr = "192.168.1.5:1111".parse().unwrap();
        let said = announce(all, "http://127.0.0.1:1111/", Some(other), "/nianbao/");
        assert!(
            said.starts_with(
                "warning: listening on 0.0.0.0: the preview is reachable from other machines"
            ),
            "{said}"
        );
        assert!(
            said.ends_with("serving http://127.0.0.1:1111/ (Ctrl-C to stop); from other machines: http://192.168.1.5:1111/nianbao/"),
            "{said}"
        );
        let one: SocketAddr = "192.168.1.5:1111".parse().unwrap();
        assert!(announce(one, "http://192.168.1.5:1111/", None, "/").starts_with("warning: "));
        assert_eq!(reachable_at(loopback), None);
        assert_eq!(reachable_at(one), None);
    }

    #[test]
    fn binding_errors_say_what_to_change() {
        let bind: IpAddr = "127.0.0.1".parse().unwrap();
        let refused = bind_error(
            bind,
            80,
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert!(refused.message.contains("not allowed to listen on port 80"));
        assert!(refused.help.unwrap().contains("--port 1111"));
        let elsewhere: IpAddr = "198.51.100.1".parse().unwrap();
        let missing = bind_error(
            elsewhere,
            1111,
            &std::io::Error::from(std::io::ErrorKind::AddrNotAvailable),
        );
        assert!(missing.message.contains("this machine has no such address"));
        assert!(missing.help.unwrap().contains("--bind 127.0.0.1"));
    }
}
