//! `archive serve` with no build before it checks the rules when it loads and finds a report's
//! narrative similarity when it draws the report's page: every page it serves is the page a
//! build writes, findings and similarity included, before and after an edit.

use std::path::Path;

use crate::serve_lazy::{built_for, without_script};
use crate::support::{Server, TestSite, archive, code_and_errors, get, save};

/// How a report page says how much of its narrative repeats the previous year's.
const SIMILARITY: &str = "本报告叙述文字有";

/// The address of every report page a build wrote below `public`.
fn report_pages(public: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for agency in std::fs::read_dir(public.join("agencies")).unwrap() {
        let agency = agency.unwrap();
        if !agency.path().is_dir() {
            continue;
        }
        for year in std::fs::read_dir(agency.path()).unwrap() {
            let year = year.unwrap();
            if year.path().join("index.html").is_file() {
                let (agency, year) = (agency.file_name(), year.file_name());
                pages.push(format!(
                    "agencies/{}/{}/",
                    agency.to_string_lossy(),
                    year.to_string_lossy()
                ));
            }
        }
    }
    pages.sort();
    pages
}

/// The page at `page` as served, and as the build wrote it, both without serve's script.
fn served_and_written(server: &Server, public: &Path, page: &str) -> (String, String) {
    let served = get(&server.at(page));
    assert_eq!(served.status, 200, "{page}");
    let written = std::fs::read_to_string(public.join(page).join("index.html")).unwrap();
    (without_script(&served.text()), without_script(&written))
}

#[test]
fn serve_with_no_build_before_draws_every_report_page_as_a_build_does() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let (_built, public) = built_for(&server);

    let (served, written) = served_and_written(&server, &public, "");
    assert_eq!(served, written, "the first page");
    let pages = report_pages(&public);
    assert!(pages.len() >= 10, "{pages:?}");
    let mut with_similarity = 0;
    for page in &pages {
        let (served, written) = served_and_written(&server, &public, page);
        assert_eq!(served, written, "{page}");
        with_similarity += usize::from(written.contains(SIMILARITY));
    }
    // The comparison is worth something only if pages show a similarity.
    assert!(with_similarity >= 4, "{with_similarity} of {}", pages.len());
}

/// `content/pingtan/2022.md` with the narrative of 2023 added to its own: the 2023 report then
/// repeats more of the year before.
fn with_next_years_narrative(root: &Path) -> String {
    let read = |year| std::fs::read_to_string(root.join(format!("content/pingtan/{year}.md")));
    let (before, after) = (read(2022).unwrap(), read(2023).unwrap());
    let narrative = after
        .splitn(3, "---\n")
        .nth(2)
        .expect("front matter, then text");
    format!("{before}\n{narrative}")
}

#[test]
fn an_edit_to_last_years_narrative_changes_the_next_reports_similarity_as_a_build_does() {
    let site = TestSite::example();
    let server = Server::start(site.path(), &[]);
    let page = "agencies/pingtan/2023/";
    let first = without_script(&get(&server.at(page)).text());
    assert!(first.contains(SIMILARITY));

    let edited = with_next_years_narrative(site.path());
    save(&site.path().join("content/pingtan/2022.md"), &edited);
    let redrawn = server.wait_for(page, |response| without_script(&response.text()) != first);

    let (built, public) = built_for(&server);
    save(&built.path().join("content/pingtan/2022.md"), &edited);
    let output = archive(built.path(), &["build"]);
    assert_eq!(code_and_errors(&output).0, 0, "{output:?}");
    let written = std::fs::read_to_string(public.join(page).join("index.html")).unwrap();
    assert_eq!(without_script(&redrawn.text()), without_script(&written));
    // The served page before the edit was the build's before it too.
    assert_ne!(first, without_script(&written));
}
