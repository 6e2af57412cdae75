//! Integration tests: the real `archive` binary on fixture archives.

mod build;
mod check;
mod compare;
mod diagnostics;
mod hostile;
mod import;
mod scaffold;
mod site;
mod support;
mod untrusted;
