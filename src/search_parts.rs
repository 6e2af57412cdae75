//! Which part of the search index holds each report, decided by the report itself — its year,
//! then a hash of its agency's id — rather than by its position in the archive, so that adding,
//! removing or editing a report changes the documents of its own part and of no other, and an
//! incremental build indexes that part alone (docs/search.md, "Parts").
//!
//! An archive of no more than `search_part_size` reports is indexed as one part, `pagefind/`
//! (the search code, the 名词解释 and every report). A larger one's `pagefind/` holds the
//! 名词解释 and the search code, and each year's reports are in
//! `pagefind/<year>-<k>/`, k from 1 to the year's bucket count: the smallest power of two that
//! keeps the year's parts at `search_part_size` reports or fewer on average. A year's bucket count
//! changes only when its count of reports crosses a doubling of the part size, and only then are
//! all of that year's parts built again (a bucket k of b splits into k and k + b). Buckets left
//! empty by the hash have no folder.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::address::{SEARCH_DIR, report_url};
use archive_core::index::Index;
use archive_core::model::{Agency, Archive, Region, Report};

/// One part of the index: its folder below the site's root and the reports it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchPart {
    /// `pagefind/` (the glossary and the search code) or `pagefind/<year>-<k>/`.
    pub dir: String,
    /// The reports' positions in the archive, by agency id (an order that does not depend on
    /// where the sources sit).
    pub reports: Vec<usize>,
}

/// Every part of the index: the glossary's first, then each year's, newest years first. An
/// archive of no more than `part_size` reports is one part, `pagefind/`, newest years first.
pub fn search_parts(archive: &Archive, part_size: usize) -> Vec<SearchPart> {
    let first = format!("{SEARCH_DIR}/");
    if archive.reports.len() <= part_size {
        let mut reports: Vec<usize> = (0..archive.reports.len()).collect();
        reports.sort_by(|&a, &b| {
            let (a, b) = (&archive.reports[a], &archive.reports[b]);
            (b.year, &a.agency).cmp(&(a.year, &b.agency))
        });
        return vec![SearchPart {
            dir: first,
            reports,
        }];
    }
    let mut years: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
    for (at, report) in archive.reports.iter().enumerate() {
        years.entry(report.year).or_default().push(at);
    }
    let mut parts = vec![SearchPart {
        dir: first,
        reports: Vec::new(),
    }];
    for (year, reports) in years.into_iter().rev() {
        let buckets = bucket_count(reports.len(), part_size);
        let mut by_bucket: Vec<Vec<usize>> = vec![Vec::new(); buckets];
        for at in reports {
            by_bucket[bucket(&archive.reports[at].agency, buckets)].push(at);
        }
        for (k, mut reports) in by_bucket.into_iter().enumerate() {
            if reports.is_empty() {
                continue;
            }
            reports.sort_by(|&a, &b| archive.reports[a].agency.cmp(&archive.reports[b].agency));
            parts.push(SearchPart {
                dir: format!("{SEARCH_DIR}/{year}-{}/", k + 1),
                reports,
            });
        }
    }
    parts
}

/// What a narrative is, for a part's key: the first half of its text's SHA-256.
pub type NarrativeKey = [u8; 16];

/// The key of a report's narrative: the first half of its text's SHA-256. Making it inflates the
/// narrative, which a build does only for the sources that changed (`search::PartInputs`).
pub fn narrative_key(report: &Report) -> NarrativeKey {
    let digest = Sha256::digest(report.body.text().as_bytes());
    digest[..16].try_into().expect("16 of 32 bytes")
}

/// The key of what one part's documents are made of (SHA-256, hex), found without making a
/// document: making them renders every narrative, which at 100,000 reports cost a build with
/// nothing changed some 4 s (docs/benchmarks.md). Each report's narrative is keyed by
/// `narratives` (in the part's order, [`narrative_key`]), so that a table's cell, which no
/// document shows, changes no key; every other field a document shows — the report's address,
/// title, year and issuer, its agency's id, name and aliases, the names of its regions — is
/// hashed as the model holds it, so that an agency or region renamed changes the keys of the
/// parts whose documents show it and of no other. The binary's `version` stands for the code
/// that makes documents from these (the Markdown, the glossary, Pagefind) and `caps` for how
/// much of them is indexed.
pub fn part_key(
    archive: &Archive,
    index: &Index,
    part: &SearchPart,
    version: &str,
    caps: [usize; 2],
    narratives: &[NarrativeKey],
) -> String {
    let mut hasher = Sha256::new();
    framed(&mut hasher, version.as_bytes());
    for cap in caps {
        hasher.update((cap as u64).to_le_bytes());
    }
    framed(&mut hasher, part.dir.as_bytes());
    hasher.update((part.reports.len() as u64).to_le_bytes());
    for (&at, narrative) in part.reports.iter().zip(narratives) {
        let agency = &archive.agencies[index.agency_of(at)];
        hasher.update(narrative);
        hash_report_fields(&mut hasher, archive, &archive.reports[at], agency);
    }
    format!("{:x}", hasher.finalize())
}

/// Hashes the fields of a report's document that its narrative is not: the same fields
/// `search::document` shows.
fn hash_report_fields(hasher: &mut Sha256, archive: &Archive, report: &Report, agency: &Agency) {
    framed(hasher, report_url(report).as_bytes());
    framed(hasher, report.title.as_bytes());
    hasher.update(report.year.to_le_bytes());
    match &report.issuer {
        Some(issuer) => framed(hasher, issuer.as_bytes()),
        None => hasher.update([0xff]),
    }
    framed(hasher, agency.id.as_bytes());
    framed(hasher, agency.name.as_bytes());
    hasher.update((agency.aliases.len() as u64).to_le_bytes());
    for alias in &agency.aliases {
        framed(hasher, alias.as_bytes());
    }
    let regions = agency_regions(archive, agency);
    hasher.update((regions.len() as u64).to_le_bytes());
    for region in regions {
        framed(hasher, region.path.as_bytes());
        framed(hasher, region.name.as_bytes());
    }
}

/// Every region an agency is in that the archive knows, from the province down: a search
/// filter on 江苏省 finds the reports of 淮安市 and 洪泽区 too.
pub fn agency_regions<'a>(archive: &'a Archive, agency: &Agency) -> Vec<&'a Region> {
    let mut regions = Vec::new();
    let mut path = String::new();
    for part in agency.region.split('/').filter(|part| !part.is_empty()) {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(part);
        regions.extend(archive.region(&path));
    }
    regions
}

/// Hashes `bytes` after their length, so that no two sequences of fields hash alike.
fn framed(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// How many buckets a year of `reports` reports is hashed into: the smallest power of two that
/// makes them `part_size` or fewer on average.
fn bucket_count(reports: usize, part_size: usize) -> usize {
    reports
        .div_ceil(part_size.max(1))
        .max(1)
        .next_power_of_two()
}

/// The bucket of an agency's report among `buckets` (a power of two): the low bits of a hash of
/// its id, the same on every machine and in every build.
fn bucket(agency: &str, buckets: usize) -> usize {
    let digest = Sha256::digest(agency.as_bytes());
    let mut head = [0; 8];
    head.copy_from_slice(&digest[..8]);
    (u64::from_le_bytes(head) % buckets as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use archive_core::model::{Narrative, Report};

    fn archive_of(reports: &[(&str, u16)]) -> Archive {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::build::Site::load(root, None).unwrap();
        let template: Report = site.archive.reports[0].clone();
        let mut archive = site.archive;
        archive.reports = reports
            .iter()
            .map(|&(agency, year)| Report {
                agency: agency.to_owned(),
                year,
                ..template.clone()
            })
            .collect();
        archive
    }

    /// Each part's reports as (agency, year), by folder.
    fn members(archive: &Archive, part_size: usize) -> BTreeMap<String, Vec<(String, u16)>> {
        search_parts(archive, part_size)
            .into_iter()
            .map(|part| {
                let reports = part.reports.iter().map(|&at| {
                    let report = &archive.reports[at];
                    (report.agency.clone(), report.year)
                });
                (part.dir, reports.collect())
            })
            .collect()
    }

    fn agencies(count: usize, year: u16) -> Vec<(String, u16)> {
        (0..count).map(|n| (format!("agency-{n}"), year)).collect()
    }

    /// The key of the example archive's one part, each narrative keyed from its text.
    fn key_of(archive: &Archive, version: &str) -> String {
        let index = Index::build(archive);
        let part = &search_parts(archive, usize::MAX)[0];
        let narratives: Vec<NarrativeKey> = part
            .reports
            .iter()
            .map(|&at| narrative_key(&archive.reports[at]))
            .collect();
        part_key(archive, &index, part, version, [10, 20], &narratives)
    }

    #[test]
    fn a_parts_key_follows_what_its_documents_show_and_not_the_tables() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let example = crate::build::Site::load(root, None).unwrap().archive;
        let key = key_of(&example, "1");
        assert_eq!(key, key_of(&example.clone(), "1"));
        assert_ne!(key, key_of(&example, "2"), "another binary");
        type Change = fn(&mut Archive);
        let shown: [(&str, Change); 6] = [
            ("narrative", |a| {
                a.reports[0].body = Narrative::new("另一段。")
            }),
            ("title", |a| a.reports[0].title.push('报')),
            ("issuer", |a| {
                a.reports[0].issuer = Some("办公室".to_owned())
            }),
            ("agency name", |a| a.agencies[0].name.push('局')),
            ("alias", |a| a.agencies[0].aliases.push("别名".to_owned())),
            ("region name", |a| a.regions[0].name.push('省')),
        ];
        for (what, change) in shown {
            let mut changed = example.clone();
            change(&mut changed);
            assert_ne!(key, key_of(&changed, "1"), "{what}");
        }
        // A table is not indexed: another report's cells change no key.
        let mut cells = example.clone();
        cells.reports[0].cells = example.reports[1].cells.clone();
        assert!(cells.reports[0].cells != example.reports[0].cells);
        assert_eq!(key, key_of(&cells, "1"));
    }

    #[test]
    fn the_glossary_comes_first_then_each_year_newest_first() {
        let archive = archive_of(&[("c", 2021), ("b", 2023), ("a", 2021)]);
        let parts = search_parts(&archive, 2);
        let dirs: Vec<&str> = parts.iter().map(|part| part.dir.as_str()).collect();
        assert_eq!(dirs, ["pagefind/", "pagefind/2023-1/", "pagefind/2021-1/"]);
        assert!(parts[0].reports.is_empty());
        assert_eq!(parts[2].reports, [2, 0], "by agency");
        // No more reports than a part: one part, newest years first.
        let whole = search_parts(&archive, 3);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].dir, "pagefind/");
        assert_eq!(whole[0].reports, [1, 2, 0]);
        assert_eq!(search_parts(&archive_of(&[]), 10).len(), 1);
    }

    #[test]
    fn a_year_is_hashed_into_a_power_of_two_of_parts_near_the_part_size() {
        assert_eq!(bucket_count(0, 100), 1);
        assert_eq!(bucket_count(100, 100), 1);
        assert_eq!(bucket_count(101, 100), 2);
        assert_eq!(bucket_count(300, 100), 4);
        assert_eq!(bucket_count(400, 100), 4);
        assert_eq!(bucket_count(401, 100), 8);
        let owned = agencies(1000, 2023);
        let reports: Vec<(&str, u16)> = owned.iter().map(|(a, y)| (a.as_str(), *y)).collect();
        let parts = search_parts(&archive_of(&reports), 100);
        // 1,000 reports in parts of 100 on average: 16 buckets (of 62 on average), each within
        // what a hash's spread allows, every report in exactly one.
        assert_eq!(parts.len(), 1 + 16);
        assert!(
            parts[1..]
                .iter()
                .all(|part| (30..=100).contains(&part.reports.len()))
        );
        let mut all: Vec<usize> = parts.iter().flat_map(|part| part.reports.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn adding_or_removing_a_report_changes_its_own_part_only() {
        let mut owned = agencies(300, 2023);
        owned.extend(agencies(50, 2022));
        let archive = |owned: &[(String, u16)]| {
            let reports: Vec<(&str, u16)> = owned.iter().map(|(a, y)| (a.as_str(), *y)).collect();
            archive_of(&reports)
        };
        let before = members(&archive(&owned), 100);
        // A new agency's 2023 report (301 reports: still 4 buckets), then one removed.
        let mut added = owned.clone();
        added.push(("agency-new".to_owned(), 2023));
        let mut removed = owned.clone();
        removed.retain(|(agency, year)| !(agency == "agency-7" && *year == 2023));
        for (step, changed) in [("added", added), ("removed", removed)] {
            let after = members(&archive(&changed), 100);
            assert_eq!(
                after.keys().collect::<Vec<_>>(),
                before.keys().collect::<Vec<_>>(),
                "{step}"
            );
            let differing = after
                .iter()
                .filter(|(dir, reports)| before[*dir] != **reports)
                .count();
            assert_eq!(differing, 1, "{step}: one part changes");
        }
    }
}
