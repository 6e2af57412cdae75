//! `archive new`'s refusals: each names what is wrong and what to do, exits with 2 and writes
//! nothing, not even the folder of a new agency.

use crate::support::{TestSite, snapshot_tree, stderr};

/// Runs `archive new` on the minimal site (agency `demo`, region `jiangsu`, a 2024 report), which
/// must refuse it and leave the site as it was; returns what it printed.
fn refused(args: &[&str]) -> String {
    let site = TestSite::minimal();
    let before = snapshot_tree(site.path());
    let output = site.run(args);
    let printed = stderr(&output, &site);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {printed}");
    assert_eq!(snapshot_tree(site.path()), before, "{args:?} wrote a file");
    assert!(
        !site.path().join("content/other").exists(),
        "{args:?} made a folder"
    );
    printed
}

#[test]
fn archive_new_refuses_with_the_reason_and_what_to_do() {
    let new_agency = |region: &'static str| {
        [
            "new",
            "other",
            "2024",
            "--name",
            "另一县人民政府",
            "--kind",
            "people_government",
            "--region",
            region,
        ]
    };
    let cases: [(&str, &[&str]); 5] = [
        ("new_agency_id_not_usable", &["new", "Other_1", "2024"]),
        ("new_year_without_a_template", &["new", "demo", "2018"]),
        ("new_source_exists", &["new", "demo", "2024"]),
        ("new_agency_undescribed", &["new", "other", "2024"]),
        ("new_region_not_listed", &new_agency("fujian")),
    ];
    for (name, args) in cases {
        insta::assert_snapshot!(name, refused(args));
    }
}

#[test]
fn archive_new_refuses_a_year_outside_the_reports_years() {
    for year in ["2007", "9999"] {
        let printed = refused(&["new", "demo", year]);
        assert!(
            printed.contains(&format!("{year} is not a report year"))
                && printed.contains("reports cover the years 2008 to "),
            "{printed}"
        );
    }
}
