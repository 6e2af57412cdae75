//! `archive`: a static site generator for 政府信息公开工作年度报告.
//!
//! A build runs in stages, each taking the previous one's output: [`config`] → [`load`] (sources
//! into the [`model`], shaped by the templates in [`format`]) → [`index`] (agencies, years and
//! regions cross-referenced) → [`compare`] (figures over the years, changes, rates) → [`render`]
//! (pages through a Tera theme, data files from [`export`]) → [`output`] (written to a staging
//! folder and swapped in). [`build`] runs them; the binary adds the command line.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is made once per problem, on the cold path; boxing buys nothing"
)]

pub mod build;
pub mod check;
pub mod compare;
pub mod config;
pub mod console;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod import;
pub mod index;
pub mod load;
pub mod model;
pub mod narrative;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
