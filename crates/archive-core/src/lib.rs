//! `archive-core`: reading and checking 政府信息公开工作年度报告 (government information-disclosure
//! annual reports), for the `archive` site generator and for anyone else who wants to read, check
//! or compare reports. It draws no pages: no templates, no server, no search index, no HTML parser.
//!
//! The stages, each taking the previous one's output: [`config`] (`site.toml`) → [`load`] (report
//! sources into the [`model`], shaped by the templates in [`format`](mod@format)) → [`check`] (the
//! rules R1–R9) → [`index`] (agencies, years and regions cross-referenced) → [`compare`] (figures
//! over the years, changes, rates) → [`export`] (open data: JSON and CSV). [`source`] writes
//! sources back; [`diagnostic`] is how every stage reports a problem.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is made once per problem, on the cold path; boxing buys nothing"
)]

pub mod answers;
pub mod check;
pub mod compare;
pub mod config;
pub mod decimal;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod index;
pub mod load;
pub mod messages;
pub mod model;
pub mod narrative;
pub mod source;
#[cfg(test)]
mod testing;
