//! `archive serve`: build the site and serve it on the local machine.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::diagnostic::Diagnostic;

/// Serves the built site in `output` on `bind:port` (or the next free port), under `base_path`,
/// until Ctrl-C.
pub fn serve(
    output: &Path,
    bind: IpAddr,
    port: u16,
    base_path: &str,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Runtime::new().map_err(|error| {
        Diagnostic::error(
            crate::diagnostic::Location::file(output),
            format!("cannot start the server: {error}"),
        )
    })?;
    runtime.block_on(async {
        let listener = bind_free_port(bind, port).await?;
        let address = listener.local_addr().map_err(|error| {
            Diagnostic::error(
                crate::diagnostic::Location::file(output),
                format!("cannot start the server: {error}"),
            )
        })?;
        let files = ServeDir::new(output)
            .append_index_html_on_directories(true)
            .not_found_service(ServeFile::new(output.join("404.html")));
        let app = if base_path == "/" {
            Router::new().fallback_service(files)
        } else {
            Router::new().nest_service(base_path.trim_end_matches('/'), files)
        };
        ready(address);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|error| {
                Diagnostic::error(
                    crate::diagnostic::Location::file(output),
                    format!("the server stopped: {error}"),
                )
            })
    })
}

async fn bind_free_port(bind: IpAddr, port: u16) -> Result<tokio::net::TcpListener, Diagnostic> {
    let mut last_error = None;
    for candidate in port..port.saturating_add(20) {
        match tokio::net::TcpListener::bind((bind, candidate)).await {
            Ok(listener) => return Ok(listener),
            Err(error) => last_error = Some(error),
        }
    }
    Err(Diagnostic::error(
        crate::diagnostic::Location::file("site.toml"),
        format!(
            "no free port from {port} to {}: {}",
            port.saturating_add(19),
            last_error.map(|e| e.to_string()).unwrap_or_default()
        ),
    )
    .with_help("pass another --port"))
}
