//! Hostile output folders (issue #14): two builds of one output at once, output folders in or
//! around the sources (also through symbolic links, with and without `--force`), and symbolic
//! links in the previous output or in `static/` that would publish files from elsewhere.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{MINIMAL_REPORT, Server, TestSite, snapshot_tree};

/// A site of `agencies` agencies with one report each: enough files for a build to take a while.
fn generated_site(agencies: usize) -> TestSite {
    let site = TestSite::minimal();
    for number in 0..agencies {
        let agency = format!("agency{number:03}");
        site.write(
            &format!("content/{agency}/_agency.yaml"),
            &format!("name: 示例{number}县人民政府\nkind: people_government\nregion: jiangsu\n"),
        );
        site.write(&format!("content/{agency}/2024.md"), MINIMAL_REPORT);
    }
    site
}

/// Every path below `root` (files and folders), relative to it.
fn paths_below(root: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|entry| {
            entry
                .unwrap()
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_path_buf()
        })
        .collect()
}

/// Every entry of the site's folder but the output's and its lock's (which records the last
/// build), so that a refused build can be shown to have changed nothing: files with their
/// bytes, and symbolic links with their targets.
fn everything_but_output(site: &TestSite) -> Vec<(PathBuf, String)> {
    let mut entries: Vec<_> = walkdir::WalkDir::new(site.path())
        .min_depth(1)
        .into_iter()
        // The output, its lock and the record of its builds (`.archive-cache/`) are the build's.
        .filter_entry(|entry| {
            !["public", ".public.lock", ".archive-cache"]
                .contains(&&*entry.file_name().to_string_lossy())
        })
        .map(Result::unwrap)
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(site.path())
                .unwrap()
                .to_path_buf();
            let what = if entry.path_is_symlink() {
                format!("-> {}", fs::read_link(entry.path()).unwrap().display())
            } else if entry.file_type().is_file() {
                String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned()
            } else {
                "folder".to_owned()
            };
            (relative, what)
        })
        .collect();
    entries.sort();
    entries
}

/// The standard error of a run with the site's path (however reached) and its parent's replaced.
fn messages(output: &std::process::Output, site: &TestSite) -> String {
    messages_with(output, site, &[])
}

/// The same, with other folders' paths replaced first.
fn messages_with(
    output: &std::process::Output,
    site: &TestSite,
    others: &[(&Path, &str)],
) -> String {
    let real = fs::canonicalize(site.path()).unwrap();
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    for (path, name) in others {
        let real = fs::canonicalize(path).unwrap();
        text = text.replace(&real.display().to_string(), name);
    }
    for (path, name) in [
        (real.clone(), "[site]"),
        (site.path().to_path_buf(), "[site]"),
        (real.parent().unwrap().to_path_buf(), "[tmp]"),
    ] {
        text = text.replace(&path.display().to_string(), name);
    }
    text
}

#[test]
fn two_builds_at_once_publish_one_whole_site_and_say_what_happened() {
    let site = generated_site(300);
    let binary = env!("CARGO_BIN_EXE_archive");
    // Every file a build on its own makes.
    assert!(site.run(&["build", "--output", "alone"]).status.success());
    let whole_site = paths_below(&site.path().join("alone"));
    let mut refused = 0;
    // Three rounds: the second build may start before, during or after the first one's swap.
    for round in 0..3 {
        let start = || {
            Command::new(binary)
                .env("ARCHIVE_LANG", "en")
                .current_dir(site.path())
                .arg("build")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let builds = [start(), start()];
        let pids: Vec<u32> = builds.iter().map(std::process::Child::id).collect();
        let outcomes: Vec<_> = builds
            .into_iter()
            .map(|build| build.wait_with_output().unwrap())
            .collect();
        let mut succeeded = 0;
        for (index, outcome) in outcomes.iter().enumerate() {
            let text = String::from_utf8_lossy(&outcome.stderr);
            assert!(!text.contains("panicked"), "round {round}: {text}");
            if outcome.status.success() {
                assert!(text.contains("built 301 reports of 301 agencies"), "{text}");
                succeeded += 1;
            } else {
                // Refused at once by the lock, naming the build that holds it, and truthful
                // about the output: it did not touch it.
                assert_eq!(outcome.status.code(), Some(2), "round {round}: {text}");
                let other = pids[1 - index];
                assert!(
                    text.contains(&format!(
                        "another `archive build` is writing this output folder (process {other}, started at "
                    )) || text.contains("(a process that has just started)"),
                    "round {round}: {text}"
                );
                assert!(text.contains("wait for that build to finish"), "{text}");
                refused += 1;
            }
        }
        assert!(succeeded >= 1, "round {round}: no build succeeded");

        let public = site.path().join("public");
        assert!(public.join("index.html").is_file());
        assert!(public.join(".archive-output").is_file());
        for number in 0..300 {
            let page = format!("agencies/agency{number:03}/2024/index.html");
            assert!(
                public.join(&page).is_file(),
                "round {round}: missing {page}"
            );
        }
        let leftovers: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(".staging") || name.contains(".old-"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
        assert_eq!(paths_below(&public), whole_site, "round {round}");
    }
    eprintln!("{refused} of 3 second builds were refused by the lock");
}

#[test]
fn a_build_while_another_holds_the_lock_fails_at_once_and_names_it() {
    let site = TestSite::minimal();
    site.build();
    let before = snapshot_tree(&site.path().join("public"));
    // The test holds the lock as a running build would.
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(site.path().join(".public.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    fs::write(
        site.path().join(".public.lock"),
        "pid: 4321\nstarted: 2026-12-07T06:00:00Z\n",
    )
    .unwrap();

    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!("build_while_locked", messages(&output, &site));
    assert_eq!(snapshot_tree(&site.path().join("public")), before);
    // `serve` and `check` write nothing to the output folder and take no lock.
    drop(Server::start(site.path(), &[]));
    assert!(site.run(&["check"]).status.success());

    drop(lock);
    site.build();
}

/// What a case does to the site's folder (given as its path) before the build.
type Prepare<'a> = dyn Fn(&Path) + 'a;

/// Makes a site with every source and theme folder present and a first build in `public/`.
fn full_site() -> TestSite {
    let site = TestSite::minimal();
    site.write("themes/default/static/extra.css", "body {}\n");
    site.write("templates/.keep", "");
    site.write("static/robots.txt", "User-agent: *\n");
    site.build();
    site
}

#[test]
fn output_folders_in_or_around_sources_are_refused_even_with_force() {
    // (case, --output, what to prepare in the site)
    let cases: Vec<(&str, String, &Prepare)> = vec![
        ("an agency's folder", "content/demo".into(), &|_| {}),
        (
            "a new folder in an agency's",
            "content/demo/sub".into(),
            &|_| {},
        ),
        (
            "a new agency's folder",
            "content/new-agency".into(),
            &|_| {},
        ),
        ("the sources", "content".into(), &|_| {}),
        ("a theme", "themes/default".into(), &|_| {}),
        ("inside a theme", "themes/default/static".into(), &|_| {}),
        ("the templates", "templates".into(), &|_| {}),
        ("the static files", "static".into(), &|_| {}),
        ("the archive", ".".into(), &|_| {}),
        ("the archive's parent", "..".into(), &|_| {}),
        (
            "the sources by another way",
            "../[site]/content/demo".into(),
            &|_| {},
        ),
        ("climbing out and back", "public/../content".into(), &|_| {}),
        ("a link to an agency's folder", "linked".into(), &|root| {
            symlink(root.join("content/demo"), root.join("linked")).unwrap()
        }),
        (
            "a folder below a link to the sources",
            "sources/new-agency".into(),
            &|root| symlink(root.join("content"), root.join("sources")).unwrap(),
        ),
        (
            "a link named public to the sources",
            "public".into(),
            &|root| {
                fs::rename(root.join("public"), root.join("public.real")).unwrap();
                symlink(root.join("content"), root.join("public")).unwrap()
            },
        ),
        (
            "a folder below a dangling link into the sources",
            "pending/sub".into(),
            &|root| symlink(root.join("content/new-agency"), root.join("pending")).unwrap(),
        ),
        (
            "the folder that holds the sources a link points to",
            "store".into(),
            &|root| {
                fs::create_dir(root.join("store")).unwrap();
                fs::rename(root.join("content"), root.join("store/content")).unwrap();
                symlink(root.join("store/content"), root.join("content")).unwrap()
            },
        ),
    ];
    let mut report = String::new();
    for (case, output_dir, prepare) in cases {
        let site = full_site();
        prepare(site.path());
        let output_dir = output_dir.replace(
            "[site]",
            &site.path().file_name().unwrap().to_string_lossy(),
        );
        let before = everything_but_output(&site);
        let public_before = snapshot_tree(&site.path().join("public"));
        let outside_before = fs::canonicalize(site.path().join("content"))
            .ok()
            .map(|content| snapshot_tree(&content));
        for force in [false, true] {
            let mut args = vec!["build", "--output", output_dir.as_str()];
            if force {
                args.push("--force");
            }
            let output = site.run(&args);
            let text = messages(&output, &site);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{case} (force {force}):\n{text}"
            );
            assert!(text.contains("refusing"), "{case}:\n{text}");
            assert!(
                text.contains("--force does not change this"),
                "{case}:\n{text}"
            );
            assert_eq!(
                everything_but_output(&site),
                before,
                "{case}: sources changed"
            );
            assert_eq!(snapshot_tree(&site.path().join("public")), public_before);
            assert_eq!(
                fs::canonicalize(site.path().join("content"))
                    .ok()
                    .map(|content| snapshot_tree(&content)),
                outside_before,
                "{case}: sources changed"
            );
            if force {
                let name = site.path().file_name().unwrap().to_string_lossy();
                report.push_str(
                    &format!("## {case}: --output {output_dir}\n{text}\n")
                        .replace(&*name, "[site]"),
                );
            }
        }
    }
    insta::assert_snapshot!("refused_output_folders", report);
}

#[test]
fn an_output_that_is_a_link_or_a_file_is_refused_and_kept() {
    let site = full_site();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("theirs.txt"), "not archive's").unwrap();
    fs::remove_dir_all(site.path().join("public")).unwrap();
    symlink(elsewhere.path(), site.path().join("public")).unwrap();
    for args in [
        &["build"][..],
        &["build", "--force"],
        &["build", "--output", "public/"],
    ] {
        let output = site.run(args);
        let text = messages(&output, &site);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {text}");
        assert!(
            text.contains("the output folder is a symbolic link"),
            "{args:?}: {text}"
        );
        assert!(
            fs::symlink_metadata(site.path().join("public"))
                .unwrap()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("theirs.txt")).unwrap(),
            "not archive's"
        );
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 1);
    }

    let output = site.run(&["build", "--output", "site.toml", "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(messages(&output, &site).contains("the output path is a file, not a folder"));
    assert!(site.read("site.toml").contains("title"));
}

#[test]
fn links_in_the_previous_output_or_in_static_never_publish_outside_files() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "private key").unwrap();
    fs::create_dir(outside.path().join("folder")).unwrap();
    fs::write(outside.path().join("folder/inner.txt"), "private key").unwrap();
    let secret = outside.path().join("secret.txt");
    let cases: Vec<(&str, Box<Prepare<'_>>)> = vec![
        (
            "a kept file that is a link",
            Box::new(|root: &Path| symlink(&secret, root.join("public/CNAME")).unwrap()),
        ),
        (
            "a kept folder that is a link",
            Box::new(|root: &Path| {
                symlink(
                    outside.path().join("folder"),
                    root.join("public/.well-known"),
                )
                .unwrap()
            }),
        ),
        (
            "a link inside a kept folder",
            Box::new(|root: &Path| {
                fs::create_dir(root.join("public/.well-known")).unwrap();
                symlink(&secret, root.join("public/.well-known/security.txt")).unwrap()
            }),
        ),
        (
            "a kept link to nowhere",
            Box::new(|root: &Path| {
                symlink(root.join("missing"), root.join("public/CNAME")).unwrap()
            }),
        ),
        (
            "a static file that is a link",
            Box::new(|root: &Path| symlink(&secret, root.join("static/leak.txt")).unwrap()),
        ),
        (
            "a static folder that is a link",
            Box::new(|root: &Path| {
                fs::remove_dir_all(root.join("static")).unwrap();
                symlink(outside.path(), root.join("static")).unwrap()
            }),
        ),
    ];
    let mut report = String::new();
    for (case, prepare) in cases {
        let site = full_site();
        prepare(site.path());
        let before = everything_but_output(&site);
        let public_before: Vec<_> = paths_below(&site.path().join("public"))
            .into_iter()
            .collect();
        let output = site.run(&["build"]);
        let text = messages_with(&output, &site, &[(outside.path(), "[outside]")]);
        assert_eq!(output.status.code(), Some(2), "{case}:\n{text}");
        assert!(text.contains("symbolic link"), "{case}:\n{text}");
        assert_eq!(everything_but_output(&site), before, "{case}");
        // The previous output is as it was, its link included.
        let public: Vec<_> = paths_below(&site.path().join("public"))
            .into_iter()
            .collect();
        assert_eq!(public, public_before, "{case}");
        let published = walkdir::WalkDir::new(site.path().join("public"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|entry| entry.file_type().is_file())
            .any(|entry| fs::read_to_string(entry.path()).is_ok_and(|text| text == "private key"));
        assert!(!published, "{case}: an outside file was published");
        report.push_str(&format!("## {case}\n{text}\n"));
    }
    insta::assert_snapshot!("links_never_followed", report);
}

#[test]
fn links_inside_a_replaced_output_are_removed_not_followed() {
    for force in [false, true] {
        let site = full_site();
        if force {
            // A folder archive did not make, handed over with --force.
            fs::remove_file(site.path().join("public/.archive-output")).unwrap();
        }
        for (link, target) in [("sources", "content"), ("theme", "themes/default")] {
            symlink(
                site.path().join(target),
                site.path().join("public").join(link),
            )
            .unwrap();
        }
        let before = everything_but_output(&site);
        let output = site.run(if force {
            &["build", "--force"]
        } else {
            &["build"]
        });
        assert!(output.status.success(), "{}", messages(&output, &site));
        assert_eq!(everything_but_output(&site), before, "force {force}");
        assert!(!site.path().join("public/sources").exists());
        assert!(site.path().join("public/index.html").is_file());
    }
}

/// A theme's file or folder that is a link (templates, static files, the folders themselves) is
/// an error of the theme, at its place: no outside file is read into the site.
#[test]
fn links_in_a_theme_never_publish_outside_files() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "private key").unwrap();
    let secret = outside.path().join("secret.txt");
    let cases: Vec<(&str, Box<Prepare<'_>>)> = vec![
        (
            "a theme's static file that is a link",
            Box::new(|root: &Path| {
                symlink(&secret, root.join("themes/default/static/leak.txt")).unwrap()
            }),
        ),
        (
            "a theme's static folder that is a link",
            Box::new(|root: &Path| {
                fs::remove_dir_all(root.join("themes/default/static")).unwrap();
                symlink(outside.path(), root.join("themes/default/static")).unwrap()
            }),
        ),
        (
            "a site template that is a link",
            Box::new(|root: &Path| symlink(&secret, root.join("templates/404.html")).unwrap()),
        ),
    ];
    let mut report = String::new();
    for (case, prepare) in cases {
        let site = full_site();
        prepare(site.path());
        let public_before = snapshot_tree(&site.path().join("public"));
        let output = site.run(&["build"]);
        let text = messages_with(&output, &site, &[(outside.path(), "[outside]")]);
        assert_eq!(output.status.code(), Some(1), "{case}:\n{text}");
        assert!(text.contains("symbolic link"), "{case}:\n{text}");
        assert_eq!(
            snapshot_tree(&site.path().join("public")),
            public_before,
            "{case}"
        );
        report.push_str(&format!("## {case}\n{text}\n"));
    }
    insta::assert_snapshot!("theme_links_never_followed", report);
}
