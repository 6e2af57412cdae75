//! Odd input that loading must refuse with a clear message (issue #14, classes 6, 8 and 11):
//! special files and oversized files, control and invisible characters, and messages that used
//! to name the wrong thing or the wrong line. Each case runs `check` and `build` on a site that
//! has built once: both exit non-zero with the same message, and the previous output stays
//! byte for byte as it was.

use std::fs;
use std::path::Path;

use crate::support::{TestSite, snapshot_tree, stderr};

const REPORT: &str = "content/demo/2024.md";

/// Breaks a site that has built once, runs `check` and `build`, and returns what they printed
/// (checked to be a clear failure with exit code `code` that left the output alone).
fn check_and_build(name: &str, code: i32, break_site: impl FnOnce(&TestSite)) -> String {
    let site = TestSite::minimal();
    site.build();
    let before = snapshot_tree(&site.path().join("public"));
    break_site(&site);
    let mut printed = String::new();
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        let messages = stderr(&output, &site);
        assert!(!messages.contains("panicked"), "{name}: panic\n{messages}");
        assert_eq!(
            output.status.code(),
            Some(code),
            "{name}: {command}\n{messages}"
        );
        assert!(
            messages.contains("-->"),
            "{name}: {command} names no file\n{messages}"
        );
        printed.push_str(&format!("$ archive {command}\n{messages}"));
    }
    assert_eq!(
        snapshot_tree(&site.path().join("public")),
        before,
        "{name}: the previous output changed"
    );
    printed
}

/// Replaces a file with a FIFO of the same name.
fn mkfifo(path: &Path) {
    fs::remove_file(path).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

// Class 6: only regular files are read, each kind of file up to its limit.

#[test]
fn a_fifo_named_like_a_file_is_refused_without_blocking() {
    for (name, file) in [
        ("fifo_source", REPORT),
        ("fifo_agency_file", "content/demo/_agency.yaml"),
        ("fifo_region_list", "content/_regions.yaml"),
        ("fifo_site_toml", "site.toml"),
    ] {
        let code = if file == "site.toml" { 2 } else { 1 };
        let printed = check_and_build(name, code, |site| mkfifo(&site.path().join(file)));
        assert!(printed.contains("not a regular file: a FIFO"), "{printed}");
        insta::assert_snapshot!(name, printed);
    }
}

#[test]
fn a_socket_named_like_a_source_is_refused() {
    let printed = check_and_build("socket_source", 1, |site| {
        let path = site.path().join(REPORT);
        fs::remove_file(&path).unwrap();
        // The socket file stays when the listener is dropped.
        std::os::unix::net::UnixListener::bind(&path).unwrap();
    });
    insta::assert_snapshot!("socket_source", printed);
}

#[test]
fn a_file_over_its_limit_is_refused_before_it_is_read() {
    // Sparse files: the size is set, nothing is written, so the test stays cheap.
    for (name, file, limit_mib, code) in [
        ("oversized_source", REPORT, 64, 1),
        ("oversized_agency_file", "content/demo/_agency.yaml", 1, 1),
        ("oversized_region_list", "content/_regions.yaml", 16, 1),
        ("oversized_site_toml", "site.toml", 1, 2),
    ] {
        let printed = check_and_build(name, code, |site| {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(site.path().join(file))
                .unwrap();
            file.set_len(limit_mib * 1024 * 1024 + 1).unwrap();
        });
        assert!(
            printed.contains(&format!("larger than the {limit_mib} MiB")),
            "{printed}"
        );
        insta::assert_snapshot!(name, printed);
    }
}

#[test]
fn a_device_is_reached_only_through_a_link_which_is_not_followed_under_content() {
    let printed = check_and_build("dev_zero_link_as_source", 1, |site| {
        let path = site.path().join(REPORT);
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    });
    assert!(
        printed.contains("symbolic links are not followed"),
        "{printed}"
    );
    insta::assert_snapshot!("dev_zero_link_as_source", printed);
    // site.toml is the maintainer's and may be a link, but what it leads to must be a file.
    let printed = check_and_build("dev_zero_link_as_site_toml", 2, |site| {
        let path = site.path().join("site.toml");
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    });
    assert!(
        printed.contains("not a regular file: a character device"),
        "{printed}"
    );
    insta::assert_snapshot!("dev_zero_link_as_site_toml", printed);
}
