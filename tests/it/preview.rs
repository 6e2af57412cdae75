//! The preview's incremental rebuilds, without a server: after every kind of change, the pages it
//! serves (kept from before the change, or drawn when asked) must be exactly those a whole build
//! of the changed sources draws.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use archive::serve::{Changed, Preview, SourceChange};

use crate::support::{TestSite, save};

const ORIGIN: &str = "http://127.0.0.1:1111";

fn report(agency: &str, year: u16) -> SourceChange {
    SourceChange::Report {
        agency: agency.to_owned(),
        year,
    }
}

fn changes(list: &[SourceChange]) -> BTreeSet<SourceChange> {
    list.iter().cloned().collect()
}

/// A loaded preview with every page drawn and kept: a change must then forget each page it makes
/// stale, or the comparison with a whole build finds it.
fn built(root: &Path) -> Preview {
    let mut preview = Preview::new(root, ORIGIN);
    preview.rebuild_everything();
    assert_eq!(preview.errors(), [], "the example archive builds");
    every_page(&preview);
    preview
}

/// Every page and data file the preview serves, by path.
fn every_page(preview: &Preview) -> BTreeMap<String, Vec<u8>> {
    preview
        .paths()
        .into_iter()
        .map(|path| {
            let bytes = preview.page(&path).expect("every listed file is served");
            (path, bytes.to_vec())
        })
        .collect()
}

/// The page at `path`, as text.
fn page_text(preview: &Preview, path: &str) -> String {
    String::from_utf8_lossy(&preview.page(path).expect("the page is served")).into_owned()
}

/// Every page must match a whole build of the same sources.
fn assert_same_as_whole_build(preview: &Preview) {
    let whole = built(preview.root());
    let ours = every_page(preview);
    let theirs = every_page(&whole);
    let missing: Vec<_> = theirs
        .keys()
        .filter(|path| !ours.contains_key(*path))
        .collect();
    let extra: Vec<_> = ours
        .keys()
        .filter(|path| !theirs.contains_key(*path))
        .collect();
    let stale: Vec<_> = theirs
        .iter()
        .filter(|(path, bytes)| ours.get(*path).is_some_and(|ours| ours != *bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && stale.is_empty(),
        "missing {missing:?}, extra {extra:?}, stale {stale:?}"
    );
    assert_eq!(preview.assets().len(), whole.assets().len());
}

fn pages_changed(changed: &Changed) -> Vec<String> {
    match changed {
        Changed::Pages(urls) => urls.clone(),
        other => panic!("expected some pages, got {other:?}"),
    }
}

#[test]
fn editing_a_reports_text_redraws_its_page_and_data_file() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let source = site.path().join("content/pingtan/2023.md");
    let text = std::fs::read_to_string(&source).unwrap();
    save(
        &source,
        &text.replace("## 一、总体情况\n", "## 一、总体情况\n\n新增的一句话。\n"),
    );

    let update = preview.apply(&changes(&[report("pingtan", 2023)]));
    // Its page and data, and what shows its checks and comparisons: the agency's page and
    // CSV file, the home page, 数据质量, its year's table, the coverage grid and the data downloads; the year's
    // rankings, its region's totals, the year's builder and rankings files and the catalog; and
    // the year before's page, whose cells its R5 and R6 cite carry an id.
    let builder = archive_core::compare::RANKED_MEASURES
        .iter()
        .map(|figure| format!("data/builder/2023/{}.json", figure.key));
    let mut expected: Vec<String> = [
        "",
        "agencies/pingtan/",
        "agencies/pingtan/2022/",
        "agencies/pingtan/2023/",
        "agencies/pingtan/2023/data.json",
        "agencies/pingtan/pingtan.csv",
        "coverage/",
        "data/",
        "data/2023-long.csv.gz",
        "data/2023-wide.csv",
        "data/archive-long.csv.gz",
        "data/builder/index.json",
        "data/catalog.json",
        "data/findings.csv",
        "data/rankings/2023.csv",
        "quality/",
        "rankings/2023/",
        "rankings/2023/kinds/people_government/",
        "rankings/2023/regions/fujian/",
        "rankings/2023/regions/fujian/fuzhou/",
        "rankings/2023/regions/jiangsu/",
        "rankings/2023/regions/jiangsu/huaian/",
        "rankings/regions/fujian/",
        "rankings/regions/fujian/fuzhou/",
        "rankings/regions/fujian/fuzhou/pingtan/",
        "years/2023/",
    ]
    .map(str::to_owned)
    .into_iter()
    .chain(builder)
    .collect();
    expected.sort();
    assert_eq!(pages_changed(&update.changed), expected);
    assert!(page_text(&preview, "agencies/pingtan/2023/index.html").contains("新增的一句话。"));
    assert_same_as_whole_build(&preview);

    // Saving the same text again changes nothing.
    let update = preview.apply(&changes(&[report("pingtan", 2023)]));
    assert_eq!(update.changed, Changed::Nothing);
}

#[test]
fn a_new_title_redraws_the_lists_that_show_it() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let source = site.path().join("content/pingtan/2022.md");
    let text = std::fs::read_to_string(&source).unwrap();
    let title = text
        .lines()
        .find(|line| line.starts_with("title: "))
        .unwrap();
    save(&source, &text.replace(title, "title: 改过的标题"));

    let update = preview.apply(&changes(&[report("pingtan", 2022)]));
    let urls = pages_changed(&update.changed);
    for url in [
        "agencies/pingtan/2022/",
        "",
        "agencies/pingtan/",
        "years/2022/",
        "agencies/pingtan/2021/",
        "atom.xml",
    ] {
        assert!(urls.iter().any(|changed| changed == url), "{url}: {urls:?}");
    }
    assert_same_as_whole_build(&preview);
}

#[test]
fn adding_and_removing_reports_keeps_every_list_right() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let content = site.path().join("content");

    // A new report, of a year no other report has.
    let text = std::fs::read_to_string(content.join("pingtan/2023.md")).unwrap();
    let new = text
        .replace("year: 2023", "year: 2025")
        .replace("2023年度", "2025年度");
    std::fs::write(content.join("pingtan/2025.md"), new).unwrap();
    let update = preview.apply(&changes(&[report("pingtan", 2025)]));
    let urls = pages_changed(&update.changed);
    assert!(urls.contains(&"years/2025/".to_owned()), "{urls:?}");
    assert!(preview.page("agencies/pingtan/2025/index.html").is_some());
    assert_same_as_whole_build(&preview);

    // Removed again: its pages and its year's page go.
    std::fs::remove_file(content.join("pingtan/2025.md")).unwrap();
    preview.apply(&changes(&[report("pingtan", 2025)]));
    assert!(preview.page("agencies/pingtan/2025/index.html").is_none());
    assert!(preview.page("agencies/pingtan/2025/data.json").is_none());
    assert!(preview.page("years/2025/index.html").is_none());
    assert_same_as_whole_build(&preview);

    // An agency's only report removed.
    std::fs::remove_file(content.join("houma-kfq/2024.md")).unwrap();
    preview.apply(&changes(&[report("houma-kfq", 2024)]));
    assert_same_as_whole_build(&preview);

    // A report in the middle of an agency's years.
    std::fs::remove_file(content.join("pingtan/2021.md")).unwrap();
    preview.apply(&changes(&[report("pingtan", 2021)]));
    assert_same_as_whole_build(&preview);
}

#[test]
fn a_broken_save_keeps_the_last_good_pages_until_it_is_fixed() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let source = site.path().join("content/pingtan/2023.md");
    let good = std::fs::read_to_string(&source).unwrap();
    let before = every_page(&preview);

    save(&source, &good.replace("format: gb2021", "format: [gb2021"));
    let update = preview.apply(&changes(&[report("pingtan", 2023)]));
    assert_eq!(update.changed, Changed::Nothing);
    let errors = preview.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].location.file,
        Path::new("content/pingtan/2023.md")
    );
    assert!(errors[0].location.line.is_some(), "{:?}", errors[0]);
    assert!(
        every_page(&preview) == before,
        "the last good pages are served"
    );

    // Another report can still be edited meanwhile; the error stays.
    let other = site.path().join("content/pingtan/2022.md");
    let text = std::fs::read_to_string(&other).unwrap();
    save(&other, &format!("{text}\n另一处修改。\n"));
    preview.apply(&changes(&[report("pingtan", 2022)]));
    assert_eq!(preview.errors().len(), 1);

    // Fixed: the error goes, and the page is drawn again.
    save(&source, &good);
    let update = preview.apply(&changes(&[report("pingtan", 2023)]));
    assert_eq!(preview.errors(), []);
    assert!(pages_changed(&update.changed).contains(&"agencies/pingtan/2023/".to_owned()));
    assert_same_as_whole_build(&preview);
}

#[test]
fn agency_files_redraw_their_pages_or_everything() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let agency = site.path().join("content/pingtan/_agency.yaml");
    let text = std::fs::read_to_string(&agency).unwrap();

    std::fs::write(
        &agency,
        text.replace("https://www.pingtan.gov.cn/", "https://pingtan.example/"),
    )
    .unwrap();
    let update = preview.apply(&changes(&[SourceChange::Agency("pingtan".to_owned())]));
    let urls = pages_changed(&update.changed);
    assert!(urls.contains(&"agencies/pingtan/".to_owned()), "{urls:?}");
    assert!(
        urls.contains(&"agencies/pingtan/2019/".to_owned()),
        "{urls:?}"
    );
    assert_same_as_whole_build(&preview);

    std::fs::write(&agency, text.replace("name: 平潭综合实验区", "name: 平潭")).unwrap();
    let update = preview.apply(&changes(&[SourceChange::Agency("pingtan".to_owned())]));
    assert_eq!(update.changed, Changed::Everything);
    assert_same_as_whole_build(&preview);

    std::fs::write(&agency, "name: [broken\n").unwrap();
    preview.apply(&changes(&[SourceChange::Agency("pingtan".to_owned())]));
    assert_eq!(preview.errors().len(), 1);
}

#[test]
fn templates_and_structure_rebuild_everything() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let base = site.path().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replace("</footer>", "<p>模板改动</p></footer>")).unwrap();
    let update = preview.apply(&changes(&[SourceChange::Everything]));
    assert_eq!(update.changed, Changed::Everything);
    assert!(page_text(&preview, "index.html").contains("模板改动"));

    // A broken template: the last good site stays, with the error; the next change tries again.
    std::fs::write(
        &base,
        text.replace("{% block content %}", "{% block content "),
    )
    .unwrap();
    preview.apply(&changes(&[SourceChange::Everything]));
    assert!(!preview.errors().is_empty());
    assert!(page_text(&preview, "index.html").contains("模板改动"));
    std::fs::write(&base, &text).unwrap();
    let update = preview.apply(&changes(&[report("pingtan", 2023)]));
    assert_eq!(update.changed, Changed::Everything);
    assert_eq!(preview.errors(), []);

    // A renamed agency folder.
    std::fs::rename(
        site.path().join("content/hongze"),
        site.path().join("content/hongze-xian"),
    )
    .unwrap();
    preview.apply(&changes(&[SourceChange::Content]));
    assert!(
        preview
            .page("agencies/hongze-xian/2024/index.html")
            .is_some()
    );
    assert!(preview.page("agencies/hongze/2024/index.html").is_none());
    assert_same_as_whole_build(&preview);
}

#[test]
fn a_first_build_that_fails_is_retried_on_the_next_change() {
    let site = TestSite::example();
    let config = site.path().join("site.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, good.replace("title =", "titel =")).unwrap();
    let mut preview = Preview::new(site.path(), ORIGIN);
    preview.rebuild_everything();
    assert!(!preview.errors().is_empty());
    assert!(preview.paths().is_empty());

    std::fs::write(&config, &good).unwrap();
    let update = preview.apply(&changes(&[SourceChange::Everything]));
    assert_eq!(update.changed, Changed::Everything);
    assert_eq!(preview.errors(), []);
    assert!(preview.page("index.html").is_some());
}

#[test]
fn a_new_publication_date_reorders_the_latest_reports() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let source = site.path().join("content/pingtan/2019.md");
    let text = std::fs::read_to_string(&source).unwrap();
    save(
        &source,
        &text.replace("published: 2020-01-20", "published: 2020-12-31"),
    );

    let update = preview.apply(&changes(&[report("pingtan", 2019)]));
    let urls = pages_changed(&update.changed);
    assert!(
        urls.contains(&String::new()),
        "the home page lists the latest: {urls:?}"
    );
    assert_same_as_whole_build(&preview);
}

#[test]
fn an_edited_reports_own_page_is_handed_on_before_the_lists() {
    let site = TestSite::example();
    let mut preview = built(site.path());
    let source = site.path().join("content/pingtan/2022.md");
    let text = std::fs::read_to_string(&source).unwrap();
    let title = text
        .lines()
        .find(|line| line.starts_with("title: "))
        .unwrap();
    save(&source, &text.replace(title, "title: 先行的标题"));

    let mut early = Vec::new();
    let update = preview.apply_publishing_early(
        &changes(&[report("pingtan", 2022)]),
        &mut |preview, changed| {
            let page = page_text(preview, "agencies/pingtan/2022/index.html");
            assert!(page.contains("先行的标题"));
            early.push(changed.clone());
        },
    );
    assert_eq!(
        early,
        [Changed::Pages(vec![
            "agencies/pingtan/2022/".to_owned(),
            "agencies/pingtan/2022/data.json".to_owned()
        ])]
    );
    let rest = pages_changed(&update.changed);
    assert!(rest.contains(&"years/2022/".to_owned()), "{rest:?}");
    assert!(
        !rest.contains(&"agencies/pingtan/2022/".to_owned()),
        "{rest:?}"
    );
    assert_same_as_whole_build(&preview);
}
