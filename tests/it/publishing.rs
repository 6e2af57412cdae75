//! A county office from nothing to a published site (issue #20): `init`'s national region list,
//! the region import finds there, what import leaves for the editor and never publishes, and a
//! site built with relative links that browses from disk.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{TestSite, archive_in, code_and_errors, fixture, stderr_text, stdout};

/// `archive init DIR ARGS…` in a new temporary folder: the folder and the archive's root.
fn init(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "nianbao"];
    all.extend_from_slice(args);
    let output = archive_in(parent.path(), &all);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let root = parent.path().join("nianbao");
    (parent, root)
}

fn import_report(name: &str) -> PathBuf {
    fixture("import/reports").join(name)
}

#[test]
fn init_lists_the_province_asked_from_the_national_list() {
    let parent = tempfile::tempdir().unwrap();
    let output = archive_in(parent.path(), &["init", "nianbao", "--province", "山西"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    assert!(
        stdout(&output)
            .contains("content/_regions.yaml lists 山西省 with their cities and counties"),
        "{}",
        stdout(&output)
    );
    let root = parent.path().join("nianbao");
    let regions = fs::read_to_string(root.join("content/_regions.yaml")).unwrap();
    assert!(
        regions.starts_with("# 地区表"),
        "a header saying what it is"
    );
    assert!(
        regions.contains("统计用区划代码 2023"),
        "its source and date"
    );
    assert!(regions.contains("- id: shanxi  # 14\n  name: 山西省\n"));
    assert!(regions.contains("        - id: houma  # 141081\n          name: 侯马市\n"));
    assert!(!regions.contains("江苏省"), "one province only");
    // The archive reads it, and an agency may be placed in any county of it.
    let output = archive_in(
        &root,
        &[
            "new",
            "houma",
            "2024",
            "--name",
            "侯马市人民政府",
            "--kind",
            "people_government",
            "--region",
            "shanxi/linfen/houma",
        ],
    );
    assert!(output.status.success(), "{}", stderr_text(&output));
    let output = archive_in(&root, &["build"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    // Region pages for the agency's chain of regions only, not for the 100-odd empty counties.
    let mut pages: Vec<String> = walk(&root.join("public/regions"))
        .into_iter()
        .map(|page| page.display().to_string())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "index.html",
            "shanxi/index.html",
            "shanxi/linfen/houma/index.html",
            "shanxi/linfen/index.html",
        ]
    );
}

#[test]
fn init_without_a_province_lists_the_whole_country() {
    let (_parent, root) = init(&[]);
    let regions = fs::read_to_string(root.join("content/_regions.yaml")).unwrap();
    let provinces = regions
        .lines()
        .filter(|line| line.starts_with("- id:"))
        .count();
    assert_eq!(provinces, 31);
    assert!(regions.contains("name: 平潭县"));
    let output = archive_in(&root, &["check"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
}

#[test]
fn init_names_the_provinces_when_it_does_not_know_the_one_asked() {
    let parent = tempfile::tempdir().unwrap();
    let output = archive_in(parent.path(), &["init", "nianbao", "--province", "山东县"]);
    let (code, errors) = code_and_errors(&output);
    let errors = errors.replace(&parent.path().display().to_string(), "[parent]");
    assert_eq!(code, 2);
    insta::assert_snapshot!("init_unknown_province", errors);
    assert!(
        !parent.path().join("nianbao").exists(),
        "nothing is written"
    );
}

#[test]
fn init_never_replaces_a_region_list_the_folder_has() {
    let parent = tempfile::tempdir().unwrap();
    let own = "- id: mine\n  name: 我的地区\n";
    fs::create_dir_all(parent.path().join("nianbao/content")).unwrap();
    fs::write(parent.path().join("nianbao/content/_regions.yaml"), own).unwrap();
    let output = archive_in(parent.path(), &["init", "nianbao"]);
    let (code, errors) = code_and_errors(&output);
    assert_eq!(code, 2);
    assert!(
        errors.starts_with(
            "error: a region list already exists here\n --> nianbao/content/_regions.yaml"
        ),
        "{errors}"
    );
    let kept = fs::read_to_string(parent.path().join("nianbao/content/_regions.yaml")).unwrap();
    assert_eq!(kept, own);
    assert!(!parent.path().join("nianbao/site.toml").exists());
}

#[test]
fn import_finds_the_agency_region_in_the_national_list_and_guesses_no_kind() {
    let (_parent, root) = init(&["--province", "山西省", "--province", "福建省"]);
    let houma = import_report("00_houma_kfq_2024.txt");
    let pingtan = import_report("06_pingtan_2023.txt");
    let output = archive_in(
        &root,
        &["import", houma.to_str().unwrap(), pingtan.to_str().unwrap()],
    );
    let errors = stderr_text(&output);
    assert!(
        errors.contains("new agency houma-jingjikaifaqu: 侯马经济开发区; kind development_zone from its name; region shanxi/linfen/houma"),
        "{errors}"
    );
    let agency = fs::read_to_string(root.join("content/houma-jingjikaifaqu/_agency.yaml")).unwrap();
    assert!(agency.contains("region: shanxi/linfen/houma\n"), "{agency}");
    // 平潭综合实验区: the name does not tell whether it reports as a zone or a government.
    let agency =
        fs::read_to_string(root.join("content/pingtan-zongheshiyanqu/_agency.yaml")).unwrap();
    assert!(agency.contains("kind: unknown\n"), "{agency}");
    assert!(
        agency.contains("region: fujian/fuzhou/pingtan\n"),
        "{agency}"
    );
    let output = archive_in(&root, &["check"]);
    let report = stdout(&output);
    assert!(
        report.contains(
            "pingtan-zongheshiyanqu/2023.md:5: note[R7] not checkable: the agency's kind is unknown"
        ),
        "{report}"
    );
    assert!(!report.contains("] R7"), "no R7 finding: {report}");
    assert!(!report.contains("warning[R7]") && !report.contains("error[R7]"));
    let output = archive_in(&root, &["build"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let page =
        fs::read_to_string(root.join("public/agencies/pingtan-zongheshiyanqu/2023/index.html"))
            .unwrap();
    assert!(
        page.contains("机关类别未定，无法确定发布期限"),
        "R7 said not checkable"
    );
    assert!(!page.contains("晚于"), "no lateness");
}

#[test]
fn import_names_the_national_region_an_archive_of_one_province_lacks() {
    let (_parent, root) = init(&["--province", "山西省"]);
    let hongze = import_report("11_hongze_qu_2024.txt");
    let output = archive_in(&root, &["import", hongze.to_str().unwrap()]);
    let errors = stderr_text(&output);
    assert!(
        errors.contains("no region of content/_regions.yaml matched the name; the national list has it as jiangsu/huaian/hongze: add that region to content/_regions.yaml, then `region: jiangsu/huaian/hongze`"),
        "{errors}"
    );
    let agency = walk(&root.join("content"))
        .into_iter()
        .find(|file| file.ends_with("_agency.yaml"))
        .unwrap();
    let agency = fs::read_to_string(root.join("content").join(agency)).unwrap();
    assert!(
        agency.contains("# as jiangsu/huaian/hongze: add that region"),
        "{agency}"
    );
    assert!(
        !agency.contains("\nregion:"),
        "not set while the archive lacks it: {agency}"
    );
}

#[test]
fn import_says_when_the_name_fits_several_regions() {
    let (_parent, root) = init(&[]);
    // 朝阳区 is a district of 北京市 and of 长春市.
    let text = fs::read_to_string(import_report("00_houma_kfq_2024.txt"))
        .unwrap()
        .replace("侯马经济开发区", "朝阳区人民政府");
    let input = root.join("chaoyang.txt");
    fs::write(&input, text).unwrap();
    let output = archive_in(&root, &["import", "chaoyang.txt"]);
    let errors = stderr_text(&output);
    assert!(
        errors.contains("the name fits several regions (beijing/chaoyang, jilin/changchun/chaoyang): none set (add `region:`)"),
        "{errors}"
    );
    let agency =
        fs::read_to_string(root.join("content/chaoyangqurenminzhengfu/_agency.yaml")).unwrap();
    assert!(!agency.contains("\nregion:"), "no region guessed: {agency}");
}

#[test]
fn the_importer_notes_for_the_editor_stay_off_the_public_page() {
    let (_parent, root) = init(&["--province", "福建省"]);
    let pingtan = import_report("06_pingtan_2023.txt");
    let output = archive_in(&root, &["import", pingtan.to_str().unwrap()]);
    let errors = stderr_text(&output);
    assert!(
        errors.contains("1 with 3 cell(s) left for a person"),
        "{errors}"
    );
    assert!(
        errors.ends_with(
            "next: fill in the cells listed above (each source's `import_notes` names them; delete that line once they are filled), then archive check\n"
        ),
        "{errors}"
    );
    let source = fs::read_to_string(root.join("content/pingtan-zongheshiyanqu/2023.md")).unwrap();
    assert!(
        source.contains("import_notes: \"archive import left these cells blank for a person to fill from the published table: active.normative_documents.issued, active.normative_documents.repealed, active.normative_documents.in_force\"\n"),
        "{source}"
    );
    assert!(
        !source.contains("\nnotes:"),
        "the published notes stay empty"
    );
    let output = archive_in(&root, &["build"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let report = root.join("public/agencies/pingtan-zongheshiyanqu/2023");
    for file in ["index.html", "data.json"] {
        let text = fs::read_to_string(report.join(file)).unwrap();
        assert!(
            !text.contains("archive import"),
            "{file} publishes the import's note"
        );
        assert!(!text.contains("编者注"), "{file} shows an editor's note");
    }
    // The archive's own notes are still published.
    let edited = source.replace(
        "import_notes:",
        "notes: 本表数据经编辑核对。\nimport_notes:",
    );
    fs::write(root.join("content/pingtan-zongheshiyanqu/2023.md"), edited).unwrap();
    let output = archive_in(&root, &["build"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let page = fs::read_to_string(report.join("index.html")).unwrap();
    assert!(page.contains("编者注：</strong>本表数据经编辑核对。"));
    assert!(!page.contains("archive import"));
}

#[test]
fn a_clean_import_ends_with_the_next_step_not_cells_to_fill() {
    let (_parent, root) = init(&["--province", "山西省"]);
    let houma = import_report("00_houma_kfq_2024.txt");
    let output = archive_in(&root, &["import", houma.to_str().unwrap()]);
    let errors = stderr_text(&output);
    assert_eq!(output.status.code(), Some(0), "{errors}");
    assert!(
        errors.ends_with(
            "imported 1 of 1 file(s): 1 cleanly, 0 with 0 cell(s) left for a person; 0 not imported\nnext: archive check, then archive serve to look at the pages\n"
        ),
        "{errors}"
    );
    let source = fs::read_to_string(root.join("content/houma-jingjikaifaqu/2024.md")).unwrap();
    assert!(!source.contains("notes:"), "{source}");
}

#[test]
fn a_blank_carried_forward_row_gets_one_warning() {
    let (_parent, root) = init(&["--province", "山西省"]);
    // The 结转 row printed with no cells at all (the published file has seven empty ones).
    let text = fs::read_to_string(import_report("00_houma_kfq_2024.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.contains("四、结转下年度继续办理"))
        .unwrap();
    let kept: Vec<&str> = lines[..=at]
        .iter()
        .chain(
            lines[at + 1..]
                .iter()
                .skip_while(|line| line.trim().is_empty()),
        )
        .copied()
        .collect();
    fs::write(root.join("houma.txt"), kept.join("\n")).unwrap();
    let output = archive_in(&root, &["import", "houma.txt"]);
    let errors = stderr_text(&output);
    let warnings: Vec<&str> = errors
        .lines()
        .filter(|line| line.starts_with("warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: applications.carried_forward: the row's label was found but no values after it; the row is left blank"
        ],
        "{errors}"
    );
    assert!(
        errors.contains("1 with 7 cell(s) left for a person"),
        "{errors}"
    );
}

/// The addresses of a page's `href`, `src` and `action` attributes.
fn addresses(html: &str) -> Vec<String> {
    let pattern = regex::Regex::new(r#"\s(?:href|src|action)="([^"]*)""#).unwrap();
    pattern
        .captures_iter(html)
        .map(|captures| captures[1].replace("&amp;", "&"))
        .collect()
}

/// Whether `address` leads away from the site (another scheme) or within the page (`#x`).
fn leaves_the_folder(address: &str) -> bool {
    address.starts_with('#')
        || address.starts_with("//")
        || address
            .split_once(':')
            .is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Checks that every address of every page below `public` names a file that exists relative to
/// the page, as a browser opening the pages from disk finds them; returns how many were checked.
fn every_address_resolves_from_disk(public: &Path) -> usize {
    let mut checked = 0;
    let mut broken = Vec::new();
    for page in walk(public) {
        let name = page.display().to_string();
        // The 404 page is served by a web host at any address: its links stay absolute.
        if !name.ends_with(".html") || name == "404.html" {
            continue;
        }
        let html = fs::read_to_string(public.join(&page)).unwrap();
        let folder = public.join(&page).parent().unwrap().to_path_buf();
        for address in addresses(&html) {
            if leaves_the_folder(&address) {
                continue;
            }
            assert!(!address.starts_with('/'), "{name}: root-relative {address}");
            let path = address.split(['#', '?']).next().unwrap();
            let decoded = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap();
            let target = folder.join(decoded.as_ref());
            if !target.is_file() {
                broken.push(format!("{name}: {address}"));
            }
            checked += 1;
        }
    }
    assert!(
        broken.is_empty(),
        "addresses that lead nowhere from disk: {broken:#?}"
    );
    checked
}

#[test]
fn a_site_built_with_relative_links_browses_from_disk() {
    let site = TestSite::example();
    let output = site.run(&["build", "--relative-links"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let public = site.path().join("public");
    let checked = every_address_resolves_from_disk(&public);
    assert!(checked > 1000, "only {checked} addresses checked");
    let home = site.read("public/index.html");
    assert!(home.contains(r#"<link rel="stylesheet" href="static/style.css">"#));
    assert!(home.contains(r#"href="agencies/index.html""#));
    let report = site.read("public/agencies/pingtan/2023/index.html");
    assert!(report.contains(r#"href="../../../static/style.css""#));
    assert!(
        report.contains(r#"action="../../../search/index.html""#),
        "the header's search form"
    );
    // The canonical address stays absolute, and the 404 page keeps root-relative links.
    assert!(report.contains(r#"<link rel="canonical" href="https://"#));
    assert!(
        site.read("public/404.html")
            .contains(r#"href="/static/style.css""#)
    );
    // The search page says that search needs http, and finds its index relative to itself.
    let search = site.read("public/search/index.html");
    assert!(search.contains(r#"<p id="search-from-disk" class="notes">从本地文件夹打开网站时"#));
    assert!(search.contains(r#"data-index="../pagefind/""#), "{search}");
    assert!(search.contains(r#"data-base="../""#));
}

#[test]
fn relative_links_in_site_toml_and_under_a_sub_path() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    let config = config.replace("base_url = ", "relative_links = true\nbase_url = ");
    let config = regex::Regex::new(r#"base_url = "[^"]*""#)
        .unwrap()
        .replace(&config, r#"base_url = "https://example.gov.cn/nianbao/""#)
        .into_owned();
    site.write("site.toml", &config);
    site.build();
    let public = site.path().join("public");
    every_address_resolves_from_disk(&public);
    let page = site.read("public/years/2023/index.html");
    assert!(
        page.contains(r#"href="../../agencies/pingtan/2023/index.html""#),
        "{page}"
    );
    // Without the option, links stay as they were: below the base path, no search note.
    let site = TestSite::example();
    site.build();
    let search = site.read("public/search/index.html");
    assert!(!search.contains("search-from-disk"));
    assert!(
        site.read("public/index.html")
            .contains(r#"href="/agencies/""#)
    );
}

/// Every file below `root`, relative to it.
fn walk(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.path().strip_prefix(root).unwrap().to_path_buf())
        .collect()
}
