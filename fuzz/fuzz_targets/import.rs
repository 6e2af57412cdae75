//! The importer on arbitrary bytes, as a published report file (text or HTML, any encoding),
//! through the public `import` entry point with `--dry-run`: it may refuse the file; it must never
//! panic.
#![no_main]

mod shared;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shared::import_dry_run("report.txt", data));
