//! `archive`: a static site generator for 政府信息公开工作年度报告.
//!
//! It reads and checks reports with [`archive_core`], then draws the site: [`theme_files`] (a
//! theme's files read) → [`render`] (pages through a Tera theme at the addresses of [`address`],
//! narratives by [`markdown`], data files from `archive_core::export`) → [`search`] (the Pagefind
//! index) → [`output`] (written to a staging folder and swapped in). [`build`] runs them; `serve`
//! (the live preview), `import` (published reports to sources) and `scaffold` (`init`, `new`)
//! sit beside them; the binary adds the command line.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is made once per problem, on the cold path; boxing buys nothing"
)]

pub mod address;
pub mod build;
pub mod cli;
pub mod console;
pub mod divisions;
pub mod html;
pub mod import;
pub mod incremental;
pub mod journal;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod search_parts;
pub mod serve;
pub mod stale;
pub mod terminal;
pub mod theme_files;
pub mod timings;
pub mod usage_error;
pub mod workbook;
