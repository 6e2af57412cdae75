//! The report reader on arbitrary text: front matter, YAML, every value check, the narrative.
//! It may reject the input with diagnostics; it must never panic, and a report it accepts must
//! render.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("content/fuzz/2024.md");
    if let Ok(report) = archive_core::load::read_report_text(path, text, "fuzz", 2026) {
        let _ = archive::markdown::render(&report.body.text(), Default::default());
        for table in archive_core::format::TableKey::ALL {
            let _ = archive::render::table::draw(
                table,
                report.format,
                &report.cells,
                archive_core::format::Language::Zh,
                &Default::default(),
            );
        }
    }
});
