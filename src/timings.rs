//! `ARCHIVE_TIMINGS=1`: each stage of a build or of serve's load, timed on standard error, so
//! that where a build's time goes can be measured on a real archive without a profiler.

use std::time::Instant;

use archive_core::messages::load::timing;

/// The environment variable that turns the stage times on.
pub const TIMINGS_VARIABLE: &str = "ARCHIVE_TIMINGS";

/// The stages of one run, timed one after another.
pub struct Stages {
    enabled: bool,
    last: Instant,
}

impl Stages {
    /// Starts timing, if [`TIMINGS_VARIABLE`] is set to anything but `0` or nothing.
    pub fn start() -> Stages {
        let enabled = std::env::var_os(TIMINGS_VARIABLE)
            .is_some_and(|value| !value.is_empty() && value != "0");
        Stages {
            enabled,
            last: Instant::now(),
        }
    }

    /// Ends the stage named `stage` (printing its time when timings are on) and starts the next.
    pub fn done(&mut self, stage: &str) {
        let now = Instant::now();
        if self.enabled {
            let millis = format!("{:.1}", (now - self.last).as_secs_f64() * 1000.0);
            crate::errln!("{}", timing(stage, &millis));
        }
        self.last = now;
    }
}

/// Whether [`TIMINGS_VARIABLE`] asks for each drawn file's time too (`files`): an incremental
/// build's draw is bound by its slowest files, which this names.
fn files_timed() -> bool {
    static FILES: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FILES.get_or_init(|| std::env::var_os(TIMINGS_VARIABLE).is_some_and(|value| value == "files"))
}

/// Runs `draw`, the drawing of the file at `path()`, printing its time when files are timed.
pub fn time_file<T>(path: impl FnOnce() -> String, draw: impl FnOnce() -> T) -> T {
    if !files_timed() {
        return draw();
    }
    let started = Instant::now();
    let drawn = draw();
    let millis = format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0);
    crate::errln!("{}", timing(&path(), &millis));
    drawn
}
