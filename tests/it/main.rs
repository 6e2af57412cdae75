//! Integration tests: the real `archive` binary on fixture archives.

mod build;
mod diagnostics;
mod scaffold;
mod support;
