//! Sources are read on more threads than cores (`load::READING_THREADS`), so that a cold disk
//! has many reads in flight: what `check` and `build` say must stay in file order whatever
//! thread read which folder, and be the same from one run to the next.

use serde_json::Value;

use crate::support::{TestSite, archive, stdout};

/// More agency folders than reading threads, each with a source that cannot be read.
const BROKEN_AGENCIES: usize = 48;

fn site_with_broken_agencies() -> TestSite {
    let site = TestSite::example();
    for index in 0..BROKEN_AGENCIES {
        let folder = format!("content/zz-broken-{index:02}");
        site.write(&format!("{folder}/2022.md"), "---\nyear: [not closed\n");
    }
    site
}

/// The files the JSON listing's errors name, in the order printed.
fn diagnostic_files(listing: &Value) -> Vec<String> {
    listing["errors"]
        .as_array()
        .expect("errors are listed")
        .iter()
        .filter_map(|diagnostic| diagnostic["file"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn problems_in_many_folders_come_in_folder_order_every_time() {
    let site = site_with_broken_agencies();
    let check = |site: &TestSite| -> Value {
        serde_json::from_str(&stdout(&archive(
            site.path(),
            &["check", "--format", "json"],
        )))
        .expect("check prints JSON")
    };
    let first = check(&site);
    let files = diagnostic_files(&first);
    // Each broken folder has no agency file (found when folders are listed) and a source that
    // cannot be read (found when sources are read): each kind in folder order.
    for (name, expected) in [
        ("/_agency.yaml", "content/zz-broken-{index:02}/_agency.yaml"),
        ("/2022.md", "content/zz-broken-{index:02}/2022.md"),
    ] {
        let named: Vec<&String> = files
            .iter()
            .filter(|file| file.contains("zz-broken-") && file.ends_with(name))
            .collect();
        let wanted: Vec<String> = (0..BROKEN_AGENCIES)
            .map(|index| expected.replace("{index:02}", &format!("{index:02}")))
            .collect();
        assert_eq!(
            named,
            wanted.iter().collect::<Vec<_>>(),
            "{name} in folder order"
        );
    }
    for _ in 0..3 {
        assert_eq!(check(&site), first, "the same listing on every run");
    }
}
