//! A full build's CPU, third round (issue 16, item 5): a build holds each narrative deflated by a
//! compressor kept per reading thread and inflates it with a decompressor kept per drawing
//! thread, each reset between narratives. Every report page must still carry its own narrative,
//! exactly, and no other report's.

use std::fs;

use crate::support::{TestSite, code_and_errors};

/// A paragraph no other report has, long enough that its narrative is held deflated.
fn marker(agency: &str, year: &str) -> String {
    format!("本段落仅属于{agency}的{year}年报告，用来核对叙述文字在构建中原样保留。")
}

#[test]
fn every_report_page_carries_its_own_narrative() {
    let site = TestSite::example();
    let mut reports = Vec::new();
    for agency in fs::read_dir(site.path().join("content")).unwrap() {
        let agency = agency.unwrap().path();
        if !agency.is_dir() {
            continue;
        }
        let id = agency.file_name().unwrap().to_str().unwrap().to_owned();
        for source in fs::read_dir(&agency).unwrap() {
            let source = source.unwrap().path();
            if source
                .extension()
                .is_some_and(|extension| extension == "md")
            {
                let year = source.file_stem().unwrap().to_str().unwrap().to_owned();
                let mut text = fs::read_to_string(&source).unwrap();
                text.push_str(&format!("\n{}\n", marker(&id, &year).repeat(3)));
                fs::write(&source, text).unwrap();
                reports.push((id.clone(), year));
            }
        }
    }
    assert!(reports.len() >= 10, "the example's reports: {reports:?}");

    let (code, errors) = code_and_errors(&site.run(&["build", "--no-search"]));
    assert_eq!(code, 0, "{errors}");
    let public = site.path().join("public");
    for (agency, year) in &reports {
        let page = public
            .join("agencies")
            .join(agency)
            .join(year)
            .join("index.html");
        let html = fs::read_to_string(&page).unwrap();
        assert!(
            html.contains(&marker(agency, year).repeat(3)),
            "{} lacks its narrative's last paragraph",
            page.display()
        );
        for (other_agency, other_year) in &reports {
            if (other_agency, other_year) != (agency, year) {
                assert!(
                    !html.contains(&marker(other_agency, other_year)),
                    "{} carries {other_agency}/{other_year}'s narrative",
                    page.display()
                );
            }
        }
    }
}
