//! What a one-report edit draws (issue 16): the long CSV files are gzip members, one for the
//! header and one a group of a year's reports, kept between builds, so that an edit compresses
//! its own group again; each file still reads as one gzip file, and the output stays byte for
//! byte a full build's.

use std::io::Read;
use std::process::Command;

use crate::incremental::{assert_same_as_a_full_build, build};
use crate::support::{TestSite, copy_tree, gunzip, tool_present};

/// How many reports a member holds (`archive_core::export::long::MEMBER_REPORTS`).
const MEMBER_REPORTS: usize = 16;
/// Agencies added to the example, each with a 2023 report: 2023 then has members of several groups.
const ADDED: usize = 20;

/// The example with [`ADDED`] more agencies, each with a copy of hongze's 2023 report (and of
/// its archived original).
fn site_with_many_2023_reports() -> TestSite {
    let site = TestSite::example();
    let report = site.read("content/hongze/2023.md");
    for at in 0..ADDED {
        site.write(
            &format!("content/copy-{at:02}/_agency.yaml"),
            &format!("name: 复制机构{at:02}\nkind: people_government\nregion: jiangsu/huaian\n"),
        );
        site.write(&format!("content/copy-{at:02}/2023.md"), &report);
        copy_tree(
            &site.path().join("content/hongze/originals"),
            &site.path().join(format!("content/copy-{at:02}/originals")),
        );
    }
    site
}

/// A gzip file's members, each as its bytes.
fn members(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut rest = bytes;
    let mut members = Vec::new();
    while !rest.is_empty() {
        let mut decoder = flate2::bufread::GzDecoder::new(rest);
        std::io::copy(&mut decoder, &mut std::io::sink()).expect("a whole member");
        let left = decoder.into_inner().len();
        members.push(rest[..rest.len() - left].to_vec());
        rest = &rest[rest.len() - left..];
    }
    members
}

fn published(site: &TestSite, path: &str) -> Vec<u8> {
    std::fs::read(site.path().join("public").join(path)).unwrap()
}

fn reports_of_2023(site: &TestSite) -> usize {
    std::fs::read_dir(site.path().join("content"))
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().path().join("2023.md").exists())
        .count()
}

/// Each long file is the header's member and one per group of a year's reports; flate2's
/// reader of members and the `gzip` command read it whole, and the archive's file holds each
/// year's rows, years ascending.
#[test]
fn the_long_files_are_gzip_members_read_whole() {
    let site = site_with_many_2023_reports();
    build(&site);
    let groups = reports_of_2023(&site).div_ceil(MEMBER_REPORTS);
    assert!(groups > 1, "several groups in 2023");
    let year = published(&site, "data/2023-long.csv.gz");
    assert_eq!(
        members(&year).len(),
        1 + groups,
        "the header, then each group"
    );
    let archive = published(&site, "data/archive-long.csv.gz");
    let archive_members = members(&archive);
    assert_eq!(archive_members[0], members(&year)[0], "the same header");
    // The archive's rows: the header, then each year's rows one year after the other.
    let mut want = gunzip(&archive_members[0]);
    for year in 2019..=2025 {
        let path = format!("data/{year}-long.csv.gz");
        if site.path().join("public").join(&path).exists() {
            let plain = gunzip(&published(&site, &path));
            let header = gunzip(&archive_members[0]).len();
            want.extend_from_slice(&plain[header..]);
        }
    }
    assert!(gunzip(&archive) == want, "the years' rows, in order");
    if !tool_present("gzip", "gzip", "the_long_files_are_gzip_members_read_whole") {
        return;
    }
    for path in ["data/2023-long.csv.gz", "data/archive-long.csv.gz"] {
        let file = site.path().join("public").join(path);
        let tested = Command::new("gzip").arg("-t").arg(&file).status().unwrap();
        assert!(tested.success(), "gzip -t {path}");
        let read = Command::new("gzip").arg("-dc").arg(&file).output().unwrap();
        assert!(read.status.success(), "gzip -dc {path}");
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(&published(&site, path)[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert!(read.stdout == plain, "gzip reads {path} as flate2 does");
    }
}

/// An edit of one report compresses its group's member again and keeps every other member's
/// bytes; the output is a full build's.
#[test]
fn an_edit_compresses_its_group_again_and_keeps_the_others() {
    let site = site_with_many_2023_reports();
    build(&site);
    let before = members(&published(&site, "data/2023-long.csv.gz"));
    let kept = |year: u16| {
        let path = site
            .path()
            .join(format!(".archive-cache/public.members/{year}.members"));
        let modified = std::fs::metadata(&path).and_then(|metadata| metadata.modified());
        let bytes = std::fs::read(&path);
        (bytes.unwrap(), modified.unwrap())
    };
    let (kept_2023, kept_2024) = (kept(2023), kept(2024));
    // One copy's report: one group's member holds it.
    let text = site.read("content/copy-19/2023.md");
    site.write(
        "content/copy-19/2023.md",
        &text.replacen(
            "licensing:           [550]",
            "licensing:           [551]",
            1,
        ),
    );
    let errors = build(&site);
    assert!(errors.contains("incremental build"), "{errors}");
    let after = members(&published(&site, "data/2023-long.csv.gz"));
    assert_eq!(before.len(), after.len());
    let changed: Vec<usize> = (0..before.len())
        .filter(|&at| before[at] != after[at])
        .collect();
    assert_eq!(changed.len(), 1, "one member changed: {changed:?}");
    assert!(
        String::from_utf8(gunzip(&after[changed[0]]))
            .unwrap()
            .contains(",551,")
    );
    // The year's kept members now hold the new one; another year's were not written again.
    assert!(kept(2023).0 != kept_2023.0, "2023's members written again");
    assert!(kept(2024) == kept_2024, "2024's members left alone");
    assert_same_as_a_full_build(&site, "one cell of a copy");
}

/// A damaged file of kept members is noted, its members made again: the output is a full
/// build's all the same.
#[test]
fn a_damaged_member_cache_is_noted_and_made_again() {
    let site = site_with_many_2023_reports();
    build(&site);
    let cache = site
        .path()
        .join(".archive-cache/public.members/2023.members");
    let mut bytes = std::fs::read(&cache).expect("2023's members are kept");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&cache, bytes).unwrap();
    let text = site.read("content/copy-03/2023.md");
    site.write(
        "content/copy-03/2023.md",
        &text.replacen(
            "licensing:           [550]",
            "licensing:           [552]",
            1,
        ),
    );
    let errors = build(&site);
    assert!(
        errors.contains("cache of compressed members is damaged (checksum)"),
        "{errors}"
    );
    assert!(errors.contains("2023.members"), "names the file: {errors}");
    assert_same_as_a_full_build(&site, "after a damaged member cache");
    // Written again whole: the next build finds it sound.
    let errors = build(&site);
    assert!(!errors.contains("damaged"), "{errors}");
}

/// A year whose last report is removed leaves no kept members behind; the other years' stay.
#[test]
fn a_year_without_reports_keeps_no_members() {
    let site = TestSite::example();
    build(&site);
    let cache = site.path().join(".archive-cache/public.members");
    assert!(
        cache.join("2022.members").exists(),
        "2022's members are kept"
    );
    std::fs::remove_file(site.path().join("content/pingtan/2022.md")).unwrap();
    build(&site);
    assert!(
        !cache.join("2022.members").exists(),
        "2022 has no report left"
    );
    assert!(cache.join("2023.members").exists(), "2023's members stay");
    assert_same_as_a_full_build(&site, "after a year's last report is removed");
}
