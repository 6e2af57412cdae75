//! `archive init` and `archive new`, as a user outside this repository runs them.

use std::process::Command;

use crate::support::TestSite;

fn archive(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_archive"))
        .env("ARCHIVE_LANG", "en")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn init_then_new_then_build() {
    let parent = tempfile::tempdir().unwrap();
    let output = archive(parent.path(), &["init", "nianbao"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let root = parent.path().join("nianbao");
    assert!(root.join("site.toml").is_file());
    assert!(root.join("content").is_dir());

    // An empty archive builds with the theme built into the binary.
    let output = archive(&root, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(root.join("public/index.html").is_file());
    assert!(root.join("public/static/style.css").is_file());

    // A report for a new agency needs its description.
    let output = archive(&root, &["new", "demo", "2024"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("pass --name and --kind"));

    let output = archive(
        &root,
        &[
            "new",
            "demo",
            "2024",
            "--name",
            "示例县人民政府",
            "--kind",
            "people_government",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let source = std::fs::read_to_string(root.join("content/demo/2024.md")).unwrap();
    assert!(source.contains("format: gb2021"));
    assert!(
        source.contains("  other_fee_unpaid:            [~, ~, ~, ~, ~, ~, ~]"),
        "{source}"
    );
    let blank_rows = source.lines().filter(|line| line.contains("[~")).count();
    assert_eq!(blank_rows, 6 + 25 + 3, "every row present and blank");

    // The blank report builds; its cells are blank, never 0.
    let output = archive(&root, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let data = std::fs::read_to_string(root.join("public/agencies/demo/2024/data.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(
        data["applications"]["received"]["total"],
        serde_json::Value::Null
    );
    assert_eq!(data["applications"].as_object().unwrap().len(), 25);

    // A gb2019 year gets the gb2019 rows; an existing source is never overwritten.
    let output = archive(&root, &["new", "demo", "2020"]);
    assert!(output.status.success());
    let source = std::fs::read_to_string(root.join("content/demo/2020.md")).unwrap();
    assert!(source.contains("format: gb2019") && source.contains("procurement:"));
    let output = archive(&root, &["new", "demo", "2020"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
}

#[test]
fn init_refuses_an_existing_archive() {
    let site = TestSite::minimal();
    let output = archive(site.path(), &["init", "."]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn help_describes_every_command() {
    let output = archive(std::path::Path::new("."), &["--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for command in ["build", "check", "serve", "init", "new"] {
        assert!(help.contains(command), "{help}");
    }
}
