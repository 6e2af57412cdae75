//! Watching the site's sources with notify, debounced: the root (for `site.toml` and folders
//! appearing) and each source folder that exists, recursively. The folders are checked again
//! after every round of events, so that a `templates/` or `static/` made while serving is
//! watched too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::site;

/// How to learn of changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WatcherKind {
    /// The operating system's events (inotify, FSEvents, ReadDirectoryChangesW).
    #[default]
    Native,
    /// Looking at every file (its modification time and its contents) twice a second, for file
    /// systems whose events do not arrive (network shares, some containers and virtual
    /// machines).
    Poll,
}

/// How long a path must stay quiet before its events are handed on. An editor's save (write a
/// copy, rename it over the file) takes a few milliseconds, so the round that follows sees the
/// saved file whole; anything longer only delays the preview.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
const TICK: Duration = Duration::from_millis(10);
/// How often the polling watcher looks.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The folders below the root that hold sources.
const SOURCE_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// A running watcher; events go to the handler given to [`SourceWatcher::start`].
pub struct SourceWatcher {
    root: PathBuf,
    debouncer: ActiveDebouncer,
    watched: BTreeSet<&'static str>,
}

enum ActiveDebouncer {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl SourceWatcher {
    /// Starts watching the site at `root`; `handler` gets each round of debounced events, on
    /// the watcher's own thread.
    pub fn start(
        root: &Path,
        kind: WatcherKind,
        handler: impl FnMut(DebounceEventResult) + Send + 'static,
    ) -> Result<SourceWatcher, Diagnostic> {
        let debouncer = match kind {
            WatcherKind::Native => new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )
            .map(ActiveDebouncer::Native),
            WatcherKind::Poll => new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler,
                RecommendedCache::new(),
                // Modification times are compared in whole seconds: without comparing contents,
                // a second save within the same second would go unseen.
                notify::Config::default()
                    .with_poll_interval(POLL_INTERVAL)
                    .with_compare_contents(true),
            )
            .map(ActiveDebouncer::Poll),
        }
        .map_err(|error| watch_error(root, &error))?;
        let mut watcher = SourceWatcher {
            root: root.to_path_buf(),
            debouncer,
            watched: BTreeSet::new(),
        };
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|error| watch_error(root, &error))?;
        if let Some(error) = watcher.refresh().into_iter().next() {
            return Err(error);
        }
        Ok(watcher)
    }

    /// Watches the source folders that appeared since the last call and forgets those that
    /// went. (The root's own events name the folder, so its files are read in the same round.)
    pub fn refresh(&mut self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for folder in SOURCE_FOLDERS {
            let path = self.root.join(folder);
            let exists = path.is_dir();
            let watched = self.watched.contains(folder);
            if exists && !watched {
                match self.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(folder);
                    }
                    Err(error) => errors.push(watch_error(&path, &error)),
                }
            } else if !exists && watched {
                // The folder's watch ended with it; this only tidies up.
                let _ = self.unwatch(&path);
                self.watched.remove(folder);
            }
        }
        errors
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.debouncer {
            ActiveDebouncer::Native(debouncer) => debouncer.watch(path, mode),
            ActiveDebouncer::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match &mut self.debouncer {
            ActiveDebouncer::Native(debouncer) => debouncer.unwatch(path),
            ActiveDebouncer::Poll(debouncer) => debouncer.unwatch(path),
        }
    }
}

fn watch_error(path: &Path, error: &notify::Error) -> Diagnostic {
    let help = if matches!(error.kind, notify::ErrorKind::MaxFilesWatch) {
        site::too_many_watches_help()
    } else {
        site::poll_help()
    };
    Diagnostic::error(Location::file(path), site::cannot_watch(&error.to_string())).with_help(help)
}
