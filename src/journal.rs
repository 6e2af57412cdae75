//! The journal of an in-place commit (`output::Staging::commit_in_place`): which staged files
//! replace or join the output's and which of its files go. It is written and flushed to disk in
//! `.archive-cache/` beside the output before the first file is renamed, and removed after the
//! last; a build that finds one (the previous build died while committing) carries it out before
//! anything else. Every step can be taken again: a staged file already renamed is gone from the
//! staging folder, a removed file is already gone. So the output is the previous build's while
//! no journal exists, and the new build's once the journal is carried out, by whichever run.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::output::{CACHE_DIR, MARKER_FILE, io_error, safe_relative};
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::site;

/// What to do to the output, by paths from its root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// Files in the staging folder to rename over (or beside) the output's.
    pub replace: Vec<String>,
    /// Files of the output the new site does not have.
    pub remove: Vec<String>,
}

/// Whether `diagnostic` reports a commit left unfinished: the output may then be partly the new
/// site until a build finishes the commit, so "the previous output is unchanged" is not said.
pub fn left_unfinished(diagnostic: &Diagnostic) -> bool {
    diagnostic.help.as_deref() == Some(site::journal_stuck_help().to_string().as_str())
}

impl Journal {
    /// Where the journal of `output` (absolute) is kept.
    pub fn path(output: &Path) -> PathBuf {
        let name = output
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        parent.join(CACHE_DIR).join(format!("{name}.journal.json"))
    }

    /// Writes the journal of `output`, flushed to disk with its folder, so that it survives a
    /// crash once this returns.
    pub fn write(&self, output: &Path) -> Result<(), Diagnostic> {
        let path = Journal::path(output);
        let folder = path.parent().expect("in the cache folder").to_path_buf();
        let temporary = path.with_extension(format!("json.{}", std::process::id()));
        let bytes = serde_json::to_vec(self).expect("a journal serializes");
        let written = fs::create_dir_all(&folder)
            .and_then(|()| {
                let mut file = fs::File::create(&temporary)?;
                io::Write::write_all(&mut file, &bytes)?;
                file.sync_all()
            })
            .and_then(|()| fs::rename(&temporary, &path))
            .and_then(|()| sync_folder(&folder));
        written.map_err(|error| {
            let _ = fs::remove_file(&temporary);
            io_error(&path, site::io_write_journal(), &error).with_help(site::journal_write_help())
        })
    }

    /// Finishes the commit a previous build of `output` left, if its journal is there; its
    /// staged files are in `staging`.
    pub fn finish_interrupted(output: &Path, staging: &Path) -> Result<(), Diagnostic> {
        let path = Journal::path(output);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => {
                return Err(io_error(&path, site::io_read_journal(), &error)
                    .with_help(site::journal_stuck_help()));
            }
        };
        if fs::symlink_metadata(output).is_err() {
            // The output was deleted since: there is nothing left to finish.
            return fs::remove_file(&path)
                .map_err(|error| io_error(&path, site::io_remove_journal(), &error));
        }
        let journal: Journal = serde_json::from_slice(&bytes).map_err(|error| {
            Diagnostic::error(
                Location::file(&path),
                site::journal_unreadable(&error.to_string()),
            )
            .with_help(site::journal_stuck_help())
        })?;
        let ours = |folder: &Path| {
            fs::symlink_metadata(folder).is_ok_and(|metadata| metadata.is_dir())
                && folder.join(MARKER_FILE).is_file()
        };
        if !ours(output) || (!journal.replace.is_empty() && !ours(staging)) {
            return Err(
                Diagnostic::error(Location::file(&path), site::journal_not_ours())
                    .with_help(site::journal_stuck_help()),
            );
        }
        journal.carry_out(output, staging)
    }

    /// Renames every staged file over its place in `output`, removes the files to remove (and
    /// the folders they leave empty), then deletes the journal and the staging folder.
    pub fn carry_out(&self, output: &Path, staging: &Path) -> Result<(), Diagnostic> {
        let stuck = |diagnostic: Diagnostic| diagnostic.with_help(site::journal_stuck_help());
        for path in &self.replace {
            let relative = checked(output, path)?;
            let (from, to) = (staging.join(&relative), output.join(&relative));
            if fs::symlink_metadata(&from).is_err() {
                continue; // renamed by the run that was interrupted
            }
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)
                    .map_err(|error| stuck(io_error(parent, site::io_create_folder(), &error)))?;
            }
            fs::rename(&from, &to)
                .map_err(|error| stuck(io_error(&to, site::io_move_file_into_place(), &error)))?;
        }
        for path in &self.remove {
            let relative = checked(output, path)?;
            let file = output.join(&relative);
            match fs::remove_file(&file) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => {
                    return Err(stuck(io_error(&file, site::io_remove_file(), &error)));
                }
                _ => remove_empty_folders(output, &file),
            }
        }
        // The renames and removals reach the disk before the journal that vouches for them goes.
        let folders: std::collections::BTreeSet<PathBuf> = self
            .replace
            .iter()
            .chain(&self.remove)
            .filter_map(|path| output.join(path).parent().map(Path::to_path_buf))
            .chain([output.to_path_buf()])
            .collect();
        // On both cores: each is a wait on the disk (some 200 folders at a one-cell edit). A
        // folder emptied and removed has nothing left to flush.
        {
            use rayon::prelude::*;
            folders.par_iter().for_each(|folder| {
                let _ = sync_folder(folder);
            });
        }
        let journal = Journal::path(output);
        fs::remove_file(&journal).map_err(|error| {
            stuck(io_error(
                &journal,
                site::io_remove_finished_journal(),
                &error,
            ))
        })?;
        match fs::remove_dir_all(staging) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                Err(io_error(staging, site::io_staging_not_removed(), &error))
            }
            _ => Ok(()),
        }
    }
}

/// `path` of a journal as a path inside `output`, refused if it would leave it or pass through
/// a symbolic link (nothing outside the output is ever renamed over or removed).
fn checked(output: &Path, path: &str) -> Result<PathBuf, Diagnostic> {
    let refuse = || {
        Diagnostic::error(
            Location::file(Journal::path(output)),
            site::journal_outside(path),
        )
        .with_help(site::journal_stuck_help())
    };
    let relative = safe_relative(path).ok_or_else(refuse)?;
    let mut at = output.to_path_buf();
    for part in relative.parent().into_iter().flat_map(Path::components) {
        at.push(part);
        if fs::symlink_metadata(&at).is_ok_and(|metadata| !metadata.is_dir()) {
            return Err(refuse());
        }
    }
    Ok(relative)
}

/// Removes the folders between `file` (just removed) and `output` that it left empty, as a full
/// build would not make them.
fn remove_empty_folders(output: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(at) = folder.filter(|at| *at != output && at.starts_with(output)) {
        if fs::remove_dir(at).is_err() {
            break; // not empty
        }
        folder = at.parent();
    }
}

/// Flushes a folder's entries (renames, new files) to disk.
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_output_or_through_links_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        fs::create_dir_all(output.join("agencies")).unwrap();
        assert!(checked(&output, "agencies/a/index.html").is_ok());
        assert!(checked(&output, "../site.toml").is_err());
        assert!(checked(&output, "/etc/passwd").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(site.path(), output.join("out")).unwrap();
            assert!(checked(&output, "out/x.html").is_err());
        }
    }

    #[test]
    fn carrying_out_twice_is_carrying_out_once() {
        let site = tempfile::tempdir().unwrap();
        let (output, staging) = (
            site.path().join("public"),
            site.path().join(".public.staging"),
        );
        for folder in [&output, &staging] {
            fs::create_dir_all(folder.join("a")).unwrap();
            fs::write(folder.join(MARKER_FILE), "").unwrap();
        }
        fs::write(output.join("a/old.html"), "old").unwrap();
        fs::write(output.join("a/gone.html"), "gone").unwrap();
        fs::create_dir_all(output.join("b")).unwrap();
        fs::write(output.join("b/only.html"), "only").unwrap();
        fs::write(staging.join("a/old.html"), "new").unwrap();
        fs::write(staging.join("a/added.html"), "added").unwrap();
        let journal = Journal {
            replace: vec!["a/old.html".into(), "a/added.html".into()],
            remove: vec!["a/gone.html".into(), "b/only.html".into()],
        };
        journal.write(&output).unwrap();
        // Interrupted after the first rename.
        fs::rename(staging.join("a/old.html"), output.join("a/old.html")).unwrap();
        Journal::finish_interrupted(&output, &staging).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("a/old.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(output.join("a/added.html")).unwrap(),
            "added"
        );
        assert!(!output.join("a/gone.html").exists());
        assert!(!output.join("b").exists(), "an emptied folder goes");
        assert!(!staging.exists());
        assert!(!Journal::path(&output).exists());
        // Nothing left to finish.
        Journal::finish_interrupted(&output, &staging).unwrap();
    }

    #[test]
    fn a_journal_whose_output_was_deleted_is_dropped() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        fs::create_dir_all(site.path().join(CACHE_DIR)).unwrap();
        fs::write(Journal::path(&output), "{}").unwrap();
        Journal::finish_interrupted(&output, &site.path().join(".public.staging")).unwrap();
        assert!(!Journal::path(&output).exists());
    }

    #[test]
    fn a_damaged_journal_stops_the_build_naming_it() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        fs::create_dir_all(&output).unwrap();
        fs::create_dir_all(site.path().join(CACHE_DIR)).unwrap();
        fs::write(Journal::path(&output), "{not json").unwrap();
        let error = Journal::finish_interrupted(&output, &site.path().join(".public.staging"))
            .err()
            .unwrap();
        assert!(
            error.location.file.ends_with("public.journal.json"),
            "{:?}",
            error.location
        );
        assert!(left_unfinished(&error));
    }
}
