//! The built example site served over HTTP and read in headless Chromium by
//! `tests/browser/check.cjs`: a Chinese query typed into the search box finds the right report
//! first, filters narrow it by year, region and agency; no page overflows 360 px; the keyboard,
//! print on A4 and both colour schemes (WCAG 2.1 AA, by axe-core) work — with the default theme
//! and with the minimal one. Then the search again on a build under a sub-path, and on an index
//! built in parts.
//!
//! `UPDATE_SCREENSHOTS=1 cargo test browser` rewrites docs/screenshots.

use std::net::SocketAddr;
use std::path::Path;
use std::thread::JoinHandle;

use axum::Router;
use tower_http::services::ServeDir;

use super::Browser;
use crate::support::{TestSite, copy_tree, repo};

#[test]
fn readers_search_and_read_the_example_site_in_chromium() {
    let Some(browser) = Browser::find("readers_search_and_read_the_example_site_in_chromium")
    else {
        return;
    };

    let site = TestSite::example();
    site.build();
    let server = StaticServer::start(&site.path().join("public"), "/");
    let mut args = vec![server.url.clone()];
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        args.push("--screenshots".to_owned());
        args.push(repo().join("docs/screenshots").display().to_string());
    }
    run_checks(&browser, &args);
    drop(server);

    // Every check again with the second theme.
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
    let server = StaticServer::start(&site.path().join("public"), "/");
    run_checks(&browser, std::slice::from_ref(&server.url));
    drop(server);

    // The search on a site published under a sub-path.
    let config = example.replace("https://example.org/", "https://example.gov.cn/nianbao/");
    site.write("site.toml", &config);
    site.build();
    let server = StaticServer::start(&site.path().join("public"), "/nianbao/");
    run_checks(&browser, &[server.url.clone(), "--quick".to_owned()]);
    drop(server);

    // And on an index built in parts, which the search page merges.
    site.write("site.toml", &format!("search_part_size = 4\n{config}"));
    site.build();
    let server = StaticServer::start(&site.path().join("public"), "/nianbao/");
    run_checks(&browser, &[server.url.clone(), "--quick".to_owned()]);
}

fn run_checks(browser: &Browser, args: &[String]) {
    let output = browser
        .script("check.cjs")
        .args(args)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the browser checks failed on {}:\n{stdout}",
        args[0]
    );
}

/// A static file server for a built site, on a free port of 127.0.0.1, under a base path;
/// stopped when dropped.
pub(super) struct StaticServer {
    pub(super) url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub(super) fn start(root: &Path, base_path: &str) -> StaticServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address: SocketAddr = listener.local_addr().unwrap();
        let files = ServeDir::new(root);
        let app = if base_path == "/" {
            Router::new().fallback_service(files)
        } else {
            Router::new().nest_service(base_path.trim_end_matches('/'), files)
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
        });
        StaticServer {
            url: format!("http://{address}{base_path}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
