//! Printing to standard output and standard error without panicking when they cannot be written.
//!
//! `println!` panics when a write fails: `archive check | head -3` closes the pipe early, and
//! `archive check > /dev/full` has no room. Everything the binary prints goes through
//! [`outln!`](crate::outln) and [`errln!`](crate::errln) instead. A closed pipe (the reader has
//! all it wants) silences that stream and the command ends as it would have, as well-behaved
//! command-line tools do; any other failure silences it too and is remembered, so that the
//! command reports it at the end ([`failure`]) and exits 2.

use std::fmt;
use std::io::{self, Write};
use std::sync::{Mutex, PoisonError};

use archive_core::messages::cli;

/// One of the two streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Out,
    Err,
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Stream::Out => cli::standard_output(),
            Stream::Err => cli::standard_error(),
        };
        f.write_str(name.here())
    }
}

/// A write that failed other than on a closed pipe.
#[derive(Debug)]
pub struct WriteFailure {
    pub stream: Stream,
    pub error: io::Error,
}

struct State {
    out_open: bool,
    err_open: bool,
    failure: Option<WriteFailure>,
}

/// Held while writing, so that lines printed from several threads (serve) stay whole.
static STATE: Mutex<State> = Mutex::new(State {
    out_open: true,
    err_open: true,
    failure: None,
});

/// Writes to a stream; what cannot be written is dropped (see the module's documentation).
pub fn write(stream: Stream, args: fmt::Arguments<'_>) {
    let mut state = STATE.lock().unwrap_or_else(PoisonError::into_inner);
    let open = match stream {
        Stream::Out => &mut state.out_open,
        Stream::Err => &mut state.err_open,
    };
    if !*open {
        return;
    }
    let result = match stream {
        Stream::Out => io::stdout().lock().write_fmt(args),
        Stream::Err => io::stderr().lock().write_fmt(args),
    };
    if let Err(error) = result {
        *open = false;
        state.failed(stream, error);
    }
}

impl State {
    fn failed(&mut self, stream: Stream, error: io::Error) {
        if error.kind() != io::ErrorKind::BrokenPipe && self.failure.is_none() {
            self.failure = Some(WriteFailure { stream, error });
        }
    }
}

/// Flushes standard output (a line may wait in its buffer) and returns the first write that
/// failed other than on a closed pipe, if any.
pub fn failure() -> Option<WriteFailure> {
    let mut state = STATE.lock().unwrap_or_else(PoisonError::into_inner);
    if state.out_open
        && let Err(error) = io::stdout().lock().flush()
    {
        state.out_open = false;
        state.failed(Stream::Out, error);
    }
    state.failure.take()
}

/// `println!` to standard output, through [`write()`].
#[macro_export]
macro_rules! outln {
    () => {
        $crate::console::write($crate::console::Stream::Out, format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::console::write(
            $crate::console::Stream::Out,
            format_args!("{}\n", format_args!($($arg)*)),
        )
    };
}

/// `print!` to standard output, through [`write()`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::console::write($crate::console::Stream::Out, format_args!($($arg)*))
    };
}

/// `eprintln!` to standard error, through [`write()`].
#[macro_export]
macro_rules! errln {
    () => {
        $crate::console::write($crate::console::Stream::Err, format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::console::write(
            $crate::console::Stream::Err,
            format_args!("{}\n", format_args!($($arg)*)),
        )
    };
}
