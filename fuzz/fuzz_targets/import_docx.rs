//! The importer on arbitrary bytes as a Word file (seeded with the real reports as .docx, so that
//! most inputs are zips the reader half opens): through the zip and XML limits and the page
//! reader, with `--dry-run`. It may refuse the file; it must never panic or exhaust memory.
#![no_main]

mod shared;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shared::import_dry_run("report.docx", data));
