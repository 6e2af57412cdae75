//! What one report costs in the build's model: loads an archive (`examples/gen-corpus` output)
//! one agency folder at a time and counts the heap and inline bytes each field of
//! `model::Report` holds, by the capacities of its allocations (what the allocator hands out,
//! less its own few bytes of bookkeeping). The figures are in docs/benchmarks.md ("The build's
//! model per report").
//!
//!     model_bytes DIR

use std::mem::size_of;
use std::sync::Mutex;

use archive_core::load::{SourceCache, load_by_agency};
use archive_core::model::{Original, Report};

/// Bytes by field, summed over every report.
#[derive(Default)]
struct Bytes {
    reports: u64,
    fields: Vec<(&'static str, u64)>,
}

impl Bytes {
    fn add(&mut self, field: &'static str, bytes: usize) {
        match self.fields.iter_mut().find(|(name, _)| *name == field) {
            Some((_, total)) => *total += bytes as u64,
            None => self.fields.push((field, bytes as u64)),
        }
    }
}

fn string_bytes(text: Option<&String>) -> usize {
    text.map_or(0, String::capacity)
}

fn original_bytes(original: &Original) -> usize {
    size_of::<Original>()
        + original.file.capacity()
        + original.name.capacity()
        + original.sha256.capacity()
        + original.media_type.capacity()
        + string_bytes(original.url.as_ref())
        + original.differences.capacity() * size_of::<archive_core::model::Difference>()
}

fn count(bytes: &mut Bytes, report: &Report) {
    bytes.reports += 1;
    bytes.add("Report itself (inline fields)", size_of::<Report>());
    bytes.add("agency", report.agency.capacity());
    bytes.add("title", report.title.capacity());
    let strings = [
        &report.issuer,
        &report.source_url,
        &report.original_file,
        &report.notes,
        &report.import_notes,
    ];
    let other: usize = strings.iter().map(|text| string_bytes(text.as_ref())).sum();
    bytes.add("issuer, source_url, original_file, notes", other);
    let originals = report.originals.iter().map(original_bytes).sum::<usize>();
    bytes.add("originals", originals);
    bytes.add("cells", report.cells.heap_bytes());
    bytes.add("body (Markdown, deflated)", report.body.heap_bytes());
    bytes.add("source.file", report.source.file.as_os_str().len());
    bytes.add("source.rows", report.source.heap_bytes());
}

fn main() {
    let root = std::env::args().nth(1).expect("usage: model_bytes DIR");
    let totals = Mutex::new(Bytes::default());
    let loaded = load_by_agency(
        std::path::Path::new(&root),
        &SourceCache::disabled(),
        |_, reports| {
            let mut bytes = Bytes::default();
            for report in &reports {
                count(&mut bytes, report);
            }
            let mut totals = totals.lock().expect("no panics while counting");
            totals.reports += bytes.reports;
            for (field, total) in bytes.fields {
                totals.add(field, total as usize);
            }
        },
    );
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let totals = totals.into_inner().expect("no panics while counting");
    let reports = totals.reports.max(1);
    let all: u64 = totals.fields.iter().map(|(_, total)| total).sum();
    println!("{} reports; bytes per report by field:", totals.reports);
    for (field, total) in &totals.fields {
        println!("{:>8.0}  {field}", *total as f64 / reports as f64);
    }
    println!("{:>8.0}  all", all as f64 / reports as f64);
}
