//! Integration tests: the real `archive` binary on fixture archives.

mod browser;
mod build;
mod check;
mod diagnostics;
mod hostile;
mod import;
mod readers;
mod scaffold;
mod site;
mod support;
mod untrusted;
