//! Integration tests: the real `archive` binary on fixture archives.

mod build;
mod diagnostics;
mod hostile;
mod scaffold;
mod support;
mod untrusted;
