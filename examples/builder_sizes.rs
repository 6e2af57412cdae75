//! What the report builder downloads at scale: loads an archive (`examples/gen-corpus` output),
//! makes the builder's data files in memory exactly as `archive build` writes them, and prints
//! their sizes and what typical queries download. Run by `benches/builder-sizes.sh`; the figures
//! are in docs/data.md ("The report builder's data files").
//!
//!     builder_sizes DIR [OUT]
//!
//! With OUT, the files are also written there (as `data/builder/` holds them), for the script to
//! measure them compressed.

use std::path::PathBuf;

use archive_core::answers::builder::{index_json, values_json};
use archive_core::check::Checks;
use archive_core::compare::RANKED_MEASURES;
use archive_core::config::SiteConfig;
use archive_core::index::Index;

/// The bytes of a compact JSON file, as the build writes it (with its final newline).
fn size(value: &serde_json::Value) -> u64 {
    serde_json::to_vec(value)
        .expect("JSON values serialize")
        .len() as u64
        + 1
}

fn kb(bytes: u64) -> String {
    format!("{:.0} KB", bytes as f64 / 1024.0)
}

/// The bytes of a compact JSON file, written below `out` when given.
fn made(value: &serde_json::Value, out: Option<&PathBuf>, path: &str) -> u64 {
    if let Some(out) = out {
        let file = out.join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("a writable OUT");
        std::fs::write(&file, format!("{value}\n")).expect("a writable OUT");
    }
    size(value)
}

fn main() {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: builder_sizes DIR [OUT]"),
    );
    let out = std::env::args().nth(2).map(PathBuf::from);
    let config = SiteConfig::load(&root).unwrap_or_else(|error| panic!("{error}"));
    let loaded = archive_core::load::load(&root);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "the archive has errors"
    );
    let archive = loaded.archive;
    let index = Index::build(&archive);
    // The rules without the similarity of narratives: only the sum checks mark values.
    let checks = Checks::run_rules(&archive, &config.deadlines);
    let index_bytes = made(&index_json(&archive, &index), out.as_ref(), "index.json");
    println!(
        "{} reports of {} agencies, {} years",
        archive.reports.len(),
        archive.agencies.len(),
        index.years.len()
    );
    println!("index.json: {}", kb(index_bytes));
    let mut per_measure = vec![0u64; RANKED_MEASURES.len()];
    let mut largest = 0u64;
    for &year in index.years.keys() {
        let sizes: Vec<u64> = RANKED_MEASURES
            .iter()
            .map(|figure| {
                let values = values_json(&archive, &index, &checks, year, figure);
                made(
                    &values,
                    out.as_ref(),
                    &format!("{year}/{}.json", figure.key),
                )
            })
            .collect();
        largest = largest.max(*sizes.iter().max().unwrap_or(&0));
        for (total, bytes) in per_measure.iter_mut().zip(&sizes) {
            *total += bytes;
        }
        let listed: Vec<String> = sizes.iter().map(|&bytes| kb(bytes)).collect();
        println!("{year}: {}", listed.join(", "));
    }
    println!("largest file of one year and measure: {}", kb(largest));
    let years = index.years.len() as u64;
    let one_year_three = index_bytes + 3 * largest;
    let all_years_two = index_bytes + per_measure.iter().take(2).sum::<u64>();
    let one_year_all = index_bytes + RANKED_MEASURES.len() as u64 * largest;
    println!("a query of one year and 3 measures: {}", kb(one_year_three));
    println!(
        "a query of one year and all 8 measures: {}",
        kb(one_year_all)
    );
    println!(
        "a query of all {years} years and 2 measures: {}",
        kb(all_years_two)
    );
}
