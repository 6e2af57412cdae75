//! Odd input that loading must refuse with a clear message (issue #14, classes 6, 8 and 11):
//! special files and oversized files, control and invisible characters, and messages that used
//! to name the wrong thing or the wrong line. Each case runs `check` and `build` on a site that
//! has built once: both exit non-zero with the same message, and the previous output stays
//! byte for byte as it was.

use std::fs;
use std::path::Path;

use crate::support::{MINIMAL_REPORT, TestSite, snapshot_tree, stderr};

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
fn archive_new_reads_the_region_list_as_loading_does() {
    let site = TestSite::minimal();
    mkfifo(&site.path().join("content/_regions.yaml"));
    let output = site.run(&[
        "new",
        "other",
        "2024",
        "--name",
        "另一县人民政府",
        "--kind",
        "people_government",
        "--region",
        "jiangsu",
    ]);
    let messages = stderr(&output, &site);
    assert!(!output.status.success(), "{messages}");
    assert!(
        messages.contains("not a regular file: a FIFO")
            && messages.contains("--> content/_regions.yaml"),
        "{messages}"
    );
    assert!(!site.path().join("content/other").exists());
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

/// Runs `archive check` on a broken site and returns what it printed, checked to be a clear
/// failure (exit code 1, a place, no panic).
fn check_fails(site: &TestSite) -> String {
    let output = site.run(&["check"]);
    let messages = stderr(&output, site);
    assert!(!messages.contains("panicked"), "panic\n{messages}");
    assert_eq!(output.status.code(), Some(1), "{messages}");
    assert!(messages.contains("-->"), "names no file\n{messages}");
    messages
}

fn report_with(old: &str, new: &str) -> String {
    assert!(MINIMAL_REPORT.contains(old), "fixture lacks {old:?}");
    MINIMAL_REPORT.replacen(old, new, 1)
}

const AGENCY_FILE: &str = "content/demo/_agency.yaml";
const REGIONS_FILE: &str = "content/_regions.yaml";

// Class 8: control characters and noncharacters are refused wherever YAML decodes them, and
// the printer shows hidden characters as code points.

/// YAML escapes of characters no text may hold, and the code point each writes.
const ESCAPED: [(&str, &str); 10] = [
    ("\\x0b", "U+000B"),
    ("\\x1b", "U+001B"),
    ("\\0", "U+0000"),
    ("\\x7f", "U+007F"),
    ("\\x9b", "U+009B"),
    ("\\N", "U+0085"),
    ("\\r", "U+000D"),
    ("\\uFFFE", "U+FFFE"),
    ("\\uFFFF", "U+FFFF"),
    ("\\uFDD0", "U+FDD0"),
];

#[test]
fn control_characters_and_noncharacters_are_refused_in_every_text() {
    for (escape, code) in ESCAPED {
        let title = TestSite::minimal();
        title.write(
            REPORT,
            &report_with("title: 示例县", &format!("title: \"示例{escape}县\"  #")),
        );
        let printed = check_fails(&title);
        assert!(
            printed.contains(&format!("control character {code} in `title`"))
                || printed.contains(&format!("noncharacter {code} in `title`")),
            "{escape}: {printed}"
        );
        assert!(
            printed.contains(" --> content/demo/2024.md:4:1"),
            "{printed}"
        );

        let agency = TestSite::minimal();
        agency.write(
            AGENCY_FILE,
            &format!(
                "name: \"示例{escape}县人民政府\"\nkind: people_government\nregion: jiangsu\n"
            ),
        );
        let printed = check_fails(&agency);
        assert!(
            printed.contains(&format!("{code} in `name`"))
                && printed.contains(" --> content/demo/_agency.yaml:1:1"),
            "{escape}: {printed}"
        );

        let region = TestSite::minimal();
        region.write(
            REGIONS_FILE,
            &format!("- id: jiangsu\n  name: \"江苏{escape}省\"\n"),
        );
        let printed = check_fails(&region);
        assert!(
            printed.contains(&format!("{code} in the name of region `jiangsu`"))
                && printed.contains(" --> content/_regions.yaml:2:3"),
            "{escape}: {printed}"
        );
    }
    // The narrative is not YAML: the characters themselves, other than tab and line ends.
    for c in [
        '\u{b}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{fffe}', '\u{ffff}', '\u{fdd0}',
    ] {
        let site = TestSite::minimal();
        site.write(REPORT, &report_with("示例。", &format!("示例{c}。")));
        let printed = check_fails(&site);
        let code = format!("U+{:04X}", u32::from(c));
        assert!(
            printed.contains(&format!("{code} in the narrative"))
                && printed.contains(" --> content/demo/2024.md:32:3"),
            "{c:?}: {printed}"
        );
        assert!(!printed.contains(c), "printed raw: {printed}");
    }
}

#[test]
fn escape_sequences_in_a_source_are_printed_as_code_points() {
    // An escape sequence that would hide the rest of the line (SGR 8, concealed) in a title, an
    // agency name and the narrative.
    let printed = check_and_build("escape_sequences", 1, |site| {
        site.write(
            REPORT,
            &report_with("title: 示例县", "title: \"示例\\e[8m县\"\n#").replacen(
                "示例。",
                "示例\u{1b}[8m隐藏。",
                1,
            ),
        );
        site.write(
            AGENCY_FILE,
            "name: \"示例县\\e[8m人民政府\"\nkind: people_government\nregion: jiangsu\n",
        );
    });
    assert!(!printed.contains('\u{1b}'), "{printed}");
    insta::assert_snapshot!("escape_sequences", printed);
    // A raw escape character in the YAML is refused by the YAML reader, which quotes the line.
    let site = TestSite::minimal();
    site.write(REPORT, &report_with("title: 示例", "title: \u{1b}[8m示例"));
    let printed = check_fails(&site);
    assert!(
        !printed.contains('\u{1b}') && printed.contains("title: <U+001B>[8m示例"),
        "{printed}"
    );
}

#[test]
fn invisible_characters_in_keys_are_shown_and_named() {
    let printed = check_and_build("invisible_characters_in_keys", 1, |site| {
        site.write(
            REPORT,
            &report_with("  penalty:", "  pen\u{200b}alty:")
                .replacen("  received:", "  \u{202e}received:", 1)
                .replacen("issuer:", "issuer\u{2066}:", 1),
        );
    });
    for hidden in ['\u{200b}', '\u{202e}', '\u{2066}'] {
        assert!(!printed.contains(hidden), "{printed}");
    }
    assert!(
        printed.contains("`pen<U+200B>alty` holds an invisible character: retype it as `penalty`"),
        "{printed}"
    );
    insta::assert_snapshot!("invisible_characters_in_keys", printed);
}

#[test]
fn invisible_characters_in_text_build_and_the_feed_stays_well_formed_xml() {
    let site = TestSite::minimal();
    site.build();
    roxmltree::Document::parse(&site.read("public/atom.xml")).expect("the feed is XML");
    // Zero-width, bidirectional and other format characters are text that a report may hold
    // (pasted from web pages); tab and CRLF are line layout.
    site.write(
        REPORT,
        &report_with(
            "title: 示例县",
            "title: \"示例\\u200B\\u202E\\u2066\\uFEFF\\t县\"\nnotes: \"一\\r\\n二\"\n#",
        )
        .replacen("示例。", "示例\u{200b}\u{202e}\u{feff}\t。\r\n", 1),
    );
    site.write(
        AGENCY_FILE,
        "name: \"示例县\\u200F人民政府\"\naliases: [\"示例\\u00A0县\"]\nkind: people_government\nregion: jiangsu\n",
    );
    site.build();
    let feed = site.read("public/atom.xml");
    let document = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    assert!(
        document.descendants().any(|node| node
            .text()
            .is_some_and(|text| text.contains("示例\u{200b}\u{202e}"))),
        "the title is in the feed:\n{feed}"
    );
}

// Class 11: messages that used to mislead.

#[test]
fn ids_longer_than_64_bytes_are_refused_by_check_at_their_line() {
    let long = "a".repeat(300);
    let printed = check_and_build("long_region_id", 1, |site| {
        site.write(
            REGIONS_FILE,
            &format!(
                "- id: jiangsu\n  name: 江苏省\n  children:\n    - id: {long}\n      name: 长\n"
            ),
        );
    });
    assert!(
        printed.contains(" --> content/_regions.yaml:4:7"),
        "{printed}"
    );
    assert!(printed.contains("is longer than 64 bytes"), "{printed}");
    insta::assert_snapshot!("long_region_id", printed.replace(&long, "a…a"));

    let long = "b".repeat(65);
    let site = TestSite::minimal();
    fs::rename(
        site.path().join("content/demo"),
        site.path().join("content").join(&long),
    )
    .unwrap();
    let printed = check_fails(&site);
    assert!(
        printed.contains(&format!("agency folder `{long}` is longer than 64 bytes")),
        "{printed}"
    );
}

#[test]
fn a_duplicate_key_is_reported_at_its_second_line_in_every_kind_of_file() {
    let printed = check_and_build("duplicate_keys", 1, |site| {
        site.write(
            REPORT,
            &report_with(
                "  penalty:             [2]\n",
                "  penalty:             [2]\n  licensing: [3]\n",
            ),
        );
        site.write(
            AGENCY_FILE,
            "name: 示例县人民政府\nkind: people_government\nregion: jiangsu\nname: 示例县\n",
        );
    });
    assert!(printed.contains("duplicate key `licensing`"), "{printed}");
    assert!(
        printed.contains(" --> content/demo/2024.md:14:3"),
        "{printed}"
    );
    assert!(
        printed.contains("`licensing` is already set on line 12"),
        "{printed}"
    );
    assert!(
        printed.contains(" --> content/demo/_agency.yaml:4:1"),
        "{printed}"
    );
    assert!(!printed.contains("missing space"), "{printed}");
    insta::assert_snapshot!("duplicate_keys", printed);

    let site = TestSite::minimal();
    site.write(
        REGIONS_FILE,
        "- id: jiangsu\n  name: 江苏省\n- id: anhui\n  name: 安徽省\n  id: zhejiang\n",
    );
    let printed = check_fails(&site);
    assert!(
        printed.contains("duplicate key `id`")
            && printed.contains(" --> content/_regions.yaml:5:3")
            && printed.contains("already set on line 3"),
        "{printed}"
    );
}

#[test]
fn a_duplicate_region_is_one_error_at_the_duplicate() {
    let printed = check_and_build("duplicate_region", 1, |site| {
        site.write(
            REGIONS_FILE,
            "- id: jiangsu\n  name: 江苏省\n- id: anhui\n  name: 安徽省\n- id: jiangsu\n  name: 江苏\n",
        );
    });
    let check = printed.split("$ archive build").next().unwrap();
    assert_eq!(check.matches("error:").count(), 1, "{printed}");
    assert!(
        printed.contains(" --> content/_regions.yaml:5:3"),
        "{printed}"
    );
    insta::assert_snapshot!("duplicate_region", printed);
}

#[test]
fn numbers_not_in_decimal_digits_get_one_message() {
    let printed = check_and_build("numbers_not_in_decimal", 1, |site| {
        site.write(
            REPORT,
            &report_with("[10]", "[1e400]")
                .replacen("[2]", "[017]", 1)
                .replacen("[0]", "[0x10]", 1)
                .replacen("[1, 0, 5]", "[0o17, 0, 1e3]", 1),
        );
    });
    assert_eq!(
        printed
            .matches("write the number as printed, in decimal digits")
            .count(),
        10,
        "{printed}"
    );
    assert!(
        !printed.contains("1400") && !printed.contains("without units"),
        "{printed}"
    );
    insta::assert_snapshot!("numbers_not_in_decimal", printed);
}

#[test]
fn a_utf16_source_and_a_gbk_site_toml_are_named_as_such() {
    let printed = check_and_build("utf16_source", 1, |site| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(MINIMAL_REPORT.encode_utf16().flat_map(u16::to_le_bytes));
        fs::write(site.path().join(REPORT), bytes).unwrap();
    });
    assert!(printed.contains("saved as UTF-16"), "{printed}");
    insta::assert_snapshot!("utf16_source", printed);
    let site = TestSite::minimal();
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(MINIMAL_REPORT.encode_utf16().flat_map(u16::to_be_bytes));
    fs::write(site.path().join(REPORT), bytes).unwrap();
    assert!(check_fails(&site).contains("UTF-16BE"));

    let printed = check_and_build("gbk_site_toml", 2, |site| {
        // `title = "测试"` with the title in GBK.
        let mut bytes = b"title = \"".to_vec();
        bytes.extend_from_slice(&[0xB2, 0xE2, 0xCA, 0xD4]);
        bytes.extend_from_slice(b"\"\nbase_url = \"https://example.org/\"\n");
        fs::write(site.path().join("site.toml"), bytes).unwrap();
    });
    assert!(printed.contains("looks like GB18030 (GBK)"), "{printed}");
    assert!(
        !printed.contains("run the command in the archive's root"),
        "{printed}"
    );
    insta::assert_snapshot!("gbk_site_toml", printed);
}

#[test]
fn a_content_folder_that_is_missing_or_not_a_folder_is_told_apart() {
    let printed = check_and_build("content_is_a_file", 1, |site| {
        fs::remove_dir_all(site.path().join("content")).unwrap();
        site.write("content", "");
    });
    assert!(printed.contains("content is not a folder"), "{printed}");
    insta::assert_snapshot!("content_is_a_file", printed);
    let site = TestSite::minimal();
    fs::remove_dir_all(site.path().join("content")).unwrap();
    let printed = check_fails(&site);
    assert!(
        printed.contains("there is no folder content/")
            && printed.contains("create the folder `content/`"),
        "{printed}"
    );
}
