//! Integration tests: the real `archive` binary on fixture archives, one module per feature.

mod browser;
mod build;
mod check;
mod compare;
mod diagnostics;
mod hostile;
mod hostile_data;
mod hostile_import;
mod hostile_input;
mod hostile_output;
mod hostile_serve;
mod import;
mod import_collections;
mod import_pdf;
mod import_web;
mod import_word;
mod originals;
mod preview;
mod readers;
mod scaffold;
mod scaffold_refusals;
mod serve;
mod serve_lazy;
mod site;
mod support;
mod untrusted;
