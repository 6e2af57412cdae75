//! `archive import DIR` on a whole collection from agencies the archive does not know: the
//! agencies created (ids, regions, kinds, aliases), two same-named counties kept apart, an
//! unknown kind leaving R7 unchecked, and the summary's rows.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::{archive, code_and_errors, fixture};

/// Three made-up regions; 青石县 is a county in two provinces.
const REGIONS: &str = "\
- id: jiangsu
  name: 江苏省
  children:
    - id: yunxi
      name: 云溪市
      children:
        - id: qingshi
          name: 青石县
- id: zhejiang
  name: 浙江省
  children:
    - id: baisha
      name: 白沙市
      children:
        - id: qingshi
          name: 青石县
- id: fujian
  name: 福建省
  children:
    - id: haimen
      name: 海门市
";

/// A published report used as a template: its file, the names of its agency as printed
/// (longest first) and the year in its title.
struct Template {
    file: &'static str,
    names: &'static [&'static str],
    year: &'static str,
}

const HONGZE: Template = Template {
    file: "11_hongze_qu_2024.txt",
    names: &["淮安市洪泽区人民政府", "洪泽区人民政府"],
    year: "2024",
};
const HOUMA: Template = Template {
    file: "00_houma_kfq_2024.txt",
    names: &["侯马经济开发区"],
    year: "2024",
};

/// The template's text under another agency's name and year: every writing of the name
/// replaced, and the year of the title.
fn rewrite(template: &Template, name: &str, year: u16) -> String {
    let mut text =
        fs::read_to_string(fixture(&format!("import/reports/{}", template.file))).unwrap();
    for original in template.names {
        text = text.replace(original, name);
    }
    for spacing in ["", " "] {
        text = text.replace(
            &format!("{}{spacing}年政府信息公开", template.year),
            &format!("{year}{spacing}年政府信息公开"),
        );
    }
    text
}

/// 31 inputs: six agencies (one written two ways) over 2021–2025, two of whose reports have
/// cells no rule settles, and a file that is no report.
fn write_collection(dir: &Path) {
    let mut files: Vec<(String, String)> = Vec::new();
    for year in 2021..=2025 {
        let jiangsu_county = if year <= 2023 {
            "江苏省云溪市青石县人民政府"
        } else {
            "云溪青石县人民政府"
        };
        for (slug, template, name) in [
            ("a", &HONGZE, jiangsu_county),
            ("b", &HONGZE, "浙江省白沙市青石县人民政府"),
            ("c", &HONGZE, "云溪市教育局"),
            ("d", &HOUMA, "海门市经济开发区管理委员会"),
            ("e", &HONGZE, "白沙市石桥镇人民政府"),
        ] {
            files.push((format!("{slug}/{year}.txt"), rewrite(template, name, year)));
        }
    }
    // 东山综合实验区: no region is named, and the name does not tell its kind. Its reports are
    // 平潭's, published in February, after a zone's or a department's deadline.
    for (file, year) in [
        ("04_pingtan_2021.txt", "2021"),
        ("05_pingtan_2022.txt", "2022"),
        ("06_pingtan_2023.txt", "2023"),
    ] {
        let pingtan = Template {
            file,
            names: &["平潭综合实验区"],
            year,
        };
        let year: u16 = year.parse().unwrap();
        files.push((
            format!("f/{year}.txt"),
            rewrite(&pingtan, "东山综合实验区", year),
        ));
    }
    for year in [2024, 2025] {
        files.push((
            format!("f/{year}.txt"),
            rewrite(&HONGZE, "东山综合实验区", year),
        ));
    }
    files.push((
        "f/readme.txt".to_owned(),
        "下载说明：本目录收录年报原文。\n".to_owned(),
    ));
    for (relative, text) in files {
        let path = dir.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn empty_archive() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    fs::write(
        site.path().join("site.toml"),
        "title = \"年报库\"\nbase_url = \"https://example.gov.cn/\"\n",
    )
    .unwrap();
    fs::create_dir(site.path().join("content")).unwrap();
    fs::write(site.path().join("content/_regions.yaml"), REGIONS).unwrap();
    site
}

#[test]
fn a_collection_creates_its_agencies_and_writes_the_summary() {
    let site = empty_archive();
    let inputs = tempfile::tempdir().unwrap();
    write_collection(inputs.path());
    let summary = site.path().join("summary");
    let (code, errors) = code_and_errors(&archive(
        site.path(),
        &[
            "import",
            inputs.path().to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ],
    ));
    // Cells left for a person, and a file that is no report: exit 1.
    assert_eq!(code, 1, "{errors}");
    assert!(
        errors.contains("imported 30 of 31 file(s): 28 cleanly, 2 with 5 cell(s) left for a person; 1 not imported"),
        "{errors}"
    );

    let agency = |id: &str| {
        fs::read_to_string(site.path().join(format!("content/{id}/_agency.yaml")))
            .unwrap_or_else(|error| panic!("{id}: {error}\n{errors}"))
    };
    let reports = |id: &str| {
        let mut years: Vec<String> = fs::read_dir(site.path().join("content").join(id))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".md"))
            .collect();
        years.sort();
        years.join(" ")
    };
    let every_year = "2021.md 2022.md 2023.md 2024.md 2025.md";

    // One agency written two ways: one folder, the other writing an alias.
    let jiangsu = agency("qingshi-renminzhengfu");
    assert_eq!(
        jiangsu,
        "name: 江苏省云溪市青石县人民政府\naliases:\n  - 云溪青石县人民政府\n# Told by archive import from the name: check it.\nkind: people_government\nregion: jiangsu/yunxi/qingshi\n"
    );
    assert_eq!(reports("qingshi-renminzhengfu"), every_year);
    // The county of the same name in another province is another agency.
    let zhejiang = agency("qingshi-renminzhengfu-2");
    assert!(
        zhejiang.contains("name: 浙江省白沙市青石县人民政府\n"),
        "{zhejiang}"
    );
    assert!(
        zhejiang.contains("region: zhejiang/baisha/qingshi\n"),
        "{zhejiang}"
    );
    assert_eq!(reports("qingshi-renminzhengfu-2"), every_year);

    for (id, kind, region) in [
        ("yunxi-jiaoyuju", "department", "jiangsu/yunxi"),
        (
            "haimen-jingjikaifaquguanliweiyuanhui",
            "development_zone",
            "fujian/haimen",
        ),
        (
            "baisha-shiqiaozhenrenminzhengfu",
            "township",
            "zhejiang/baisha",
        ),
    ] {
        let text = agency(id);
        assert!(text.contains(&format!("kind: {kind}\n")), "{text}");
        assert!(text.contains(&format!("region: {region}\n")), "{text}");
        assert_eq!(reports(id), every_year);
    }
    let unknown = agency("dongshanzongheshiyanqu");
    assert!(unknown.contains("kind: unknown\n"), "{unknown}");
    assert!(
        !unknown.lines().any(|line| line.starts_with("region:")),
        "{unknown}"
    );
    assert!(
        unknown.contains("# No region of content/_regions.yaml is named in the name"),
        "{unknown}"
    );
    assert_eq!(reports("dongshanzongheshiyanqu"), every_year);
    let folders = fs::read_dir(site.path().join("content")).unwrap().count();
    assert_eq!(folders, 7, "six agencies and _regions.yaml");

    check_summary(&summary, inputs.path());
    check_r7(site.path());
    check_agency_pages(site.path());
}

/// The site shows the unknown kind, and the coverage page a dated report of such an agency as
/// one whose deadline is unknown, not as undated.
fn check_agency_pages(root: &Path) {
    let file = root.join("content/dongshanzongheshiyanqu/_agency.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("kind: department", "kind: unknown")).unwrap();
    let (code, errors) = code_and_errors(&archive(root, &["build", "--no-search"]));
    assert_eq!(code, 0, "{errors}");
    let page = |path: &str| fs::read_to_string(root.join("public").join(path)).unwrap();
    assert!(page("agencies/dongshanzongheshiyanqu/index.html").contains("类别未定"));
    let coverage = page("coverage/index.html");
    assert_eq!(
        coverage.matches("期限未定").count(),
        3 + 1,
        "three reports and the legend"
    );
}

/// The summary's rows, the same in CSV (with a byte-order mark) and JSON.
fn check_summary(summary: &Path, inputs: &Path) {
    let csv_bytes = fs::read(summary.with_extension("csv")).unwrap();
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "input",
            "status",
            "agency",
            "year",
            "source",
            "merged_into",
            "open_cells",
            "reasons",
            "agency_note"
        ]
    );
    let rows: BTreeMap<String, Vec<String>> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            let input = Path::new(&record[0]).strip_prefix(inputs).unwrap();
            (
                input.display().to_string(),
                record.iter().map(str::to_owned).collect(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 31);
    let statuses = |status: &str| rows.values().filter(|row| row[1] == status).count();
    assert_eq!(
        (
            statuses("imported"),
            statuses("needs_person"),
            statuses("not_imported")
        ),
        (28, 2, 1)
    );
    let clean = &rows["c/2022.txt"];
    assert_eq!(
        clean[1..6],
        [
            "imported",
            "yunxi-jiaoyuju",
            "2022",
            "content/yunxi-jiaoyuju/2022.md",
            ""
        ]
    );
    assert_eq!(clean[6..8], ["", ""]);
    let open = &rows["f/2021.txt"];
    assert_eq!(open[1], "needs_person");
    assert_eq!(
        open[6],
        "active.normative_documents.issued; active.normative_documents.repealed"
    );
    assert!(
        open[7].starts_with("warning: line ")
            && open[7].contains("fill the cells in from the published table"),
        "{}",
        open[7]
    );
    assert!(
        open[8].contains("kind unknown")
            && open[8].contains("no region of content/_regions.yaml matched"),
        "{}",
        open[8]
    );
    let refused = &rows["f/readme.txt"];
    assert_eq!(refused[1..6], ["not_imported", "", "", "", ""]);
    assert!(refused[7].starts_with("error: "), "{}", refused[7]);
    // The agency's note stands on its first report, aliases included.
    assert!(
        rows["a/2021.txt"][8].contains("also written 云溪青石县人民政府"),
        "{:?}",
        rows["a/2021.txt"]
    );

    let json: Value =
        serde_json::from_str(&fs::read_to_string(summary.with_extension("json")).unwrap()).unwrap();
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), 31);
    let open_json = json
        .iter()
        .find(|row| row["input"].as_str().unwrap().ends_with("f/2021.txt"))
        .unwrap();
    assert_eq!(open_json["status"], "needs_person");
    assert_eq!(open_json["year"], 2021);
    assert_eq!(
        open_json["open_cells"],
        serde_json::json!([
            "active.normative_documents.issued",
            "active.normative_documents.repealed"
        ])
    );
}

/// An agency of unknown kind gets no R7 finding for a report published in February: R7 is not
/// checkable for it.
fn check_r7(root: &Path) {
    let r7_lines = |root: &Path| -> Vec<String> {
        let output = archive(root, &["check"]);
        let listing = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        listing
            .lines()
            .filter(|line| {
                line.starts_with("content/dongshanzongheshiyanqu/") && line.contains("[R7]")
            })
            .map(str::to_owned)
            .collect()
    };
    let dongshan = r7_lines(root);
    assert_eq!(
        dongshan,
        [
            "content/dongshanzongheshiyanqu/2021.md:5: note[R7] not checkable: the agency's kind is unknown (set `kind:` in its _agency.yaml)",
            "content/dongshanzongheshiyanqu/2022.md:5: note[R7] not checkable: the agency's kind is unknown (set `kind:` in its _agency.yaml)",
            "content/dongshanzongheshiyanqu/2023.md:5: note[R7] not checkable: the agency's kind is unknown (set `kind:` in its _agency.yaml)",
            "content/dongshanzongheshiyanqu/2024.md:5: note[R7] not checkable: the report prints no publication date",
            "content/dongshanzongheshiyanqu/2025.md:5: note[R7] not checkable: the report prints no publication date",
        ]
    );
    // The same reports under a department's deadline are late: what the unknown kind keeps
    // from being reported as a finding.
    let file = root.join("content/dongshanzongheshiyanqu/_agency.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("kind: unknown", "kind: department")).unwrap();
    let late: Vec<String> = r7_lines(root)
        .into_iter()
        .filter(|line| line.contains("warning[R7] published "))
        .collect();
    assert_eq!(late.len(), 3, "{late:?}");
}

#[test]
fn ids_are_stable_across_runs_and_later_writings_find_their_agency() {
    let site = empty_archive();
    let inputs = tempfile::tempdir().unwrap();
    write_collection(inputs.path());
    let import = |files: &[&str]| {
        let mut args = vec!["import".to_owned()];
        args.extend(
            files
                .iter()
                .map(|file| inputs.path().join(file).display().to_string()),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        code_and_errors(&archive(site.path(), &args))
    };
    let exists = |file: &str| site.path().join("content").join(file).exists();
    // The Zhejiang county first this time: of two agencies whose names make one id, the first
    // gets it.
    let (code, errors) = import(&["b/2021.txt", "a/2021.txt"]);
    assert_eq!(code, 0, "{errors}");
    assert!(exists("qingshi-renminzhengfu/2021.md"), "{errors}");
    assert!(exists("qingshi-renminzhengfu-2/2021.md"), "{errors}");
    let zhejiang = fs::read_to_string(
        site.path()
            .join("content/qingshi-renminzhengfu/_agency.yaml"),
    )
    .unwrap();
    assert!(
        zhejiang.contains("region: zhejiang/baisha/qingshi"),
        "{zhejiang}"
    );

    // A later run: the same names, and the other writing of the Jiangsu county's name, go to
    // the agencies made before.
    let (code, errors) = import(&["a/2022.txt", "a/2024.txt", "b/2022.txt"]);
    assert_eq!(code, 0, "{errors}");
    for file in [
        "qingshi-renminzhengfu-2/2022.md",
        "qingshi-renminzhengfu-2/2024.md",
        "qingshi-renminzhengfu/2022.md",
    ] {
        assert!(exists(file), "{file}\n{errors}");
    }
    assert!(
        errors.contains("“云溪青石县人民政府” is taken to be the agency qingshi-renminzhengfu-2 (江苏省云溪市青石县人民政府)"),
        "{errors}"
    );
    assert!(!errors.contains("new agency"), "{errors}");
    assert_eq!(
        fs::read_dir(site.path().join("content")).unwrap().count(),
        3
    );
}

#[test]
fn a_summary_that_cannot_be_written_is_an_error_after_the_import() {
    let site = empty_archive();
    let inputs = tempfile::tempdir().unwrap();
    write_collection(inputs.path());
    let nowhere = site.path().join("no-such-folder/summary.csv");
    let (code, errors) = code_and_errors(&archive(
        site.path(),
        &[
            "import",
            inputs.path().join("c/2021.txt").to_str().unwrap(),
            "--summary",
            nowhere.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 2, "{errors}");
    assert!(
        errors.contains("error: cannot write the summary: "),
        "{errors}"
    );
    assert!(errors.contains("no-such-folder/summary.csv"), "{errors}");
    assert!(
        errors.contains("help: name a file in a folder you can write to"),
        "{errors}"
    );
    // The import itself was done.
    assert!(site.path().join("content/yunxi-jiaoyuju/2021.md").exists());
}
