//! The importer on arbitrary bytes as a PDF (seeded with the real reports' PDFs, so that most
//! inputs are PDFs poppler half reads): through pdftotext and the text reader, with `--dry-run`. It
//! may refuse the file; it must never panic or hang past the extraction's time limit.
#![no_main]

mod shared;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shared::import_dry_run("report.pdf", data));
