//! Integration tests: one binary, one module per feature.

mod browser;
mod preview;
mod serve;
mod support;
