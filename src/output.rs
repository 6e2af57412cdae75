//! Writing the site: into a staging folder beside the output folder, swapped in only when the
//! whole build succeeded (a full build), or holding only the changed files, renamed into place
//! under a journal (an incremental build, `crate::journal`); or into memory for `serve`. A failed
//! build leaves the previous output exactly as it was; one that dies committing in place is
//! finished by the next.
//!
//! Nothing but this module (and its journal) deletes files, and only in folders it made: the
//! staging folder, and an output folder that carries its marker file (or that `--force` handed
//! over).

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::journal::Journal;
use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::{Text, site};

/// The file that marks a folder as made by `archive`.
pub const MARKER_FILE: &str = ".archive-output";

/// The folder, beside the output folder, that holds what builds keep about it: the manifest of
/// the last build (`crate::incremental`) and the journal of a commit in progress ([`Journal`]).
pub const CACHE_DIR: &str = ".archive-cache";

/// Where a build puts the site's files: a [`Staging`] folder for `build`, a [`MemoryOutput`] for
/// `serve`. Files may be written from several threads at once.
pub trait SiteOutput: Sync {
    /// Writes one file of the site (`path` uses `/` and is relative to the site's root).
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic>;

    /// Writes one file of the site as `fill` makes it, piece by piece, for files too large to
    /// hold in memory; returns its size in bytes.
    fn stream(&self, path: &str, fill: &mut FileFiller<'_>) -> Result<u64, Diagnostic> {
        let mut bytes = Vec::new();
        fill(&mut bytes)
            .map_err(|error| io_error(Path::new(path), site::io_make_file(), &error))?;
        let size = bytes.len() as u64;
        self.write(path, bytes)?;
        Ok(size)
    }

    /// Carries one file over from the previous output unchanged, if the output can and the file
    /// is there as the last build left it; returns its size, or `None` when it must be drawn.
    fn carry_over(&self, _path: &str) -> Result<Option<u64>, Diagnostic> {
        Ok(None)
    }
}

/// Makes a file's bytes into a writer.
pub type FileFiller<'a> = dyn FnMut(&mut dyn io::Write) -> io::Result<()> + 'a;

/// Copies a folder's files (the site's own `static/`) into the site's root; returns how many.
/// Only regular files and folders are copied: a symbolic link (the folder itself or anything in
/// it) is refused, so that no file from outside the archive can be published.
pub fn copy_tree(from: &Path, output: &dyn SiteOutput) -> Result<usize, Diagnostic> {
    let Ok(metadata) = fs::symlink_metadata(from) else {
        return Ok(0);
    };
    refuse_special(from, metadata.file_type(), CopiedFrom::Static)?;
    if !metadata.is_dir() {
        return Ok(0);
    }
    let mut copied = 0;
    for entry in walkdir::WalkDir::new(from)
        .follow_root_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|error| {
            Diagnostic::error(
                Location::file(from),
                site::cannot_read_folder(&error.to_string()),
            )
        })?;
        refuse_special(entry.path(), entry.file_type(), CopiedFrom::Static)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(from).expect("below from");
        let bytes = fs::read(entry.path())
            .map_err(|error| io_error(entry.path(), site::io_read_file(), &error))?;
        output.write(&relative.to_string_lossy().replace('\\', "/"), bytes)?;
        copied += 1;
    }
    Ok(copied)
}

/// Where a copied file comes from, for the message that refuses it.
#[derive(Clone, Copy)]
enum CopiedFrom {
    /// The site's `static/` folder.
    Static,
    /// The previous output (an entry of `keep`).
    Kept,
}

/// Refuses anything but a regular file or a folder at `path`: a symbolic link would bring in a
/// file from anywhere on the machine, and a pipe or a device is no file of a site.
fn refuse_special(
    path: &Path,
    file_type: fs::FileType,
    from: CopiedFrom,
) -> Result<(), Diagnostic> {
    if file_type.is_file() || file_type.is_dir() {
        return Ok(());
    }
    let what = match from {
        CopiedFrom::Static => site::a_static_file(),
        CopiedFrom::Kept => site::a_kept_file(),
    };
    let message = if file_type.is_symlink() {
        let target: String = fs::read_link(path)
            .map(|target| site::link_target(&target.display().to_string()).into())
            .unwrap_or_default();
        site::is_a_link(what.here(), &target)
    } else {
        site::not_file_or_folder(what.here())
    };
    let help = match from {
        CopiedFrom::Static => site::static_link_help(),
        CopiedFrom::Kept => site::kept_link_help(),
    };
    Err(Diagnostic::error(Location::file(path), message).with_help(help))
}

/// A site kept in memory: path → bytes. `serve` draws into it and serves from it.
#[derive(Debug, Default)]
pub struct MemoryOutput {
    files: Mutex<HashMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    /// An empty site.
    pub fn new() -> MemoryOutput {
        MemoryOutput::default()
    }

    /// The files written, by path.
    pub fn into_files(self) -> HashMap<String, Vec<u8>> {
        self.files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SiteOutput for MemoryOutput {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        if safe_relative(path).is_none() {
            return Err(Diagnostic::error(
                Location::file(path),
                site::outside_output(),
            ));
        }
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path.to_owned(), bytes);
        Ok(())
    }
}

/// The lock that serialises builds of one output folder: an OS file lock on `.<output>.lock`
/// beside it, held from before the staging folder is touched until the new site is in place.
/// The OS releases it when the holding process exits, even when it is killed, so a stale lock
/// cannot block; the file itself stays (removing it would let a third build lock a new file
/// while a second still holds the old one). A second build fails at once, naming the holder
/// from the file's record, which the holder writes just after locking and clears just before
/// unlocking, so that no finished build is named.
#[derive(Debug)]
struct OutputLock {
    file: fs::File,
}

impl OutputLock {
    /// Takes the lock of `output` (an absolute path with its links resolved), or says which
    /// build holds it.
    fn acquire(output: &Path) -> Result<OutputLock, Diagnostic> {
        let (parent, name) = beside(output);
        fs::create_dir_all(&parent)
            .map_err(|error| io_error(&parent, site::cannot_create_output_folder(), &error))?;
        let path = parent.join(format!(".{name}.lock"));
        if fs::symlink_metadata(&path).is_ok_and(|metadata| !metadata.is_file()) {
            return Err(
                Diagnostic::error(Location::file(&path), site::lock_name_taken())
                    .with_help(site::lock_name_taken_help()),
            );
        }
        let mut options = fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // Never write through a link put in the lock's place after the check above.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        let mut file = options
            .open(&path)
            .map_err(|error| io_error(&path, site::cannot_open_lock(), &error))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = io::Read::read_to_string(&mut file, &mut holder);
                return Err(Diagnostic::error(
                    Location::file(output),
                    site::another_build(describe_holder(&holder).here()),
                )
                .with_help(site::another_build_help()));
            }
            Err(fs::TryLockError::Error(error)) => {
                return Err(io_error(&path, site::cannot_take_lock(), &error));
            }
        }
        let holder = format!(
            "pid: {}\nstarted: {}\n",
            std::process::id(),
            jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ")
        );
        file.set_len(0)
            .and_then(|()| io::Seek::rewind(&mut file))
            .and_then(|()| io::Write::write_all(&mut file, holder.as_bytes()))
            .map_err(|error| io_error(&path, site::io_write_build_lock(), &error))?;
        Ok(OutputLock { file })
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // The lock itself goes with the file handle, after this.
        let _ = self.file.set_len(0);
    }
}

/// The holder of a lock as its file records it, in words.
fn describe_holder(recorded: &str) -> Text {
    let field = |name: &str| {
        recorded.lines().find_map(|line| {
            line.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(": "))
                .map(str::trim)
        })
    };
    match (field("pid"), field("started")) {
        (Some(pid), Some(started)) => site::lock_holder(pid, started),
        // The holder has just taken the lock and not yet written its name.
        _ => site::lock_holder_just_started(),
    }
}

/// The folder an output lies in and its name: where its staging folder and lock go.
fn beside(output: &Path) -> (PathBuf, String) {
    let name = output
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    (parent, name)
}

/// A file as the last build left it: its size and modification time (seconds and nanoseconds
/// since the Unix epoch), recorded by the build manifest (`crate::incremental`).
pub type FileStamp = (u64, (u64, u32));

/// Files' stamps by their paths from the output's root: the one map type the manifest reads,
/// [`Staging::trust`] takes and [`Committed::files`] gives back, so that 350,000 paths at
/// 100,000 reports are never moved from one kind of map to another. Fx, not SipHash: the keys
/// are the site's own paths, and no one outside chooses them.
pub type FileStamps = FxHashMap<String, FileStamp>;

/// A file's size and modification time, if it is a regular file.
pub fn stamp(path: &Path) -> Option<FileStamp> {
    stamp_of(&fs::symlink_metadata(path).ok()?)
}

/// The stamp in a regular file's metadata.
fn stamp_of(metadata: &fs::Metadata) -> Option<FileStamp> {
    if !metadata.is_file() {
        return None;
    }
    let modified = metadata.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((metadata.len(), (since.as_secs(), since.subsec_nanos())))
}

/// A site being written.
///
/// When the output folder is archive's, the new site reuses the previous one's files: a file
/// written with the bytes it already has there is hard-linked from it instead (same bytes, same
/// modification time, so that a sync tool uploads only what changed), and [`SiteOutput::
/// carry_over`] links a file not drawn again, if it is as the last build recorded it. The
/// previous output is never written through: a staged file is unlinked before it is written.
/// After [`Staging::commit_in_place`], such files are left where they are instead, and only the
/// files whose bytes change are staged.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Whether the previous output is archive's, and so may lend its files.
    reuse: bool,
    /// The previous output's files as the last build recorded them: those may be carried over.
    recorded: FileStamps,
    /// Set when only the changed files are staged and renamed over the output's in place.
    in_place: Option<InPlace>,
    /// Every staged file's stamp, taken as it was written (from its open file: no path looked
    /// up again), so that a swap knows the new site's stamps without walking it: at 100,000
    /// reports that walk was some 230,000 `statx` on one core after the draw.
    stamps: Mutex<FileStamps>,
    /// Dropped after the fields above and after `Drop::drop` cleared the staging folder.
    _lock: OutputLock,
}

impl Staging {
    /// Prepares to write a new site for `output`, holding its lock until the site is swapped in
    /// or the build fails. Refuses an output that is a symbolic link, is not a folder, is the
    /// site's root or holds it, is, holds or lies inside a source or theme folder, or is an
    /// existing folder `archive` did not make (unless `force`).
    pub fn begin(root: &Path, output: &Path, force: bool) -> Result<Staging, Diagnostic> {
        let resolved = resolve(output);
        refuse_dangerous(root, output, &resolved)?;
        refuse_linked_output(output)?;
        let output = resolved;
        if fs::metadata(&output).is_ok_and(|metadata| !metadata.is_dir()) {
            return Err(
                Diagnostic::error(Location::file(&output), site::output_is_file())
                    .with_help(site::output_is_file_help()),
            );
        }
        let lock = OutputLock::acquire(&output)?;
        if output.exists() && !force && !is_archive_output(&output) {
            return Err(
                Diagnostic::error(Location::file(&output), site::output_not_ours())
                    .with_help(site::output_not_ours_help()),
            );
        }
        let (parent, name) = beside(&output);
        let staging = parent.join(format!(".{name}.staging"));
        Journal::finish_interrupted(&output, &staging)?;
        if let Ok(metadata) = fs::symlink_metadata(&staging) {
            if metadata.is_symlink() || !is_archive_output(&staging) {
                return Err(
                    Diagnostic::error(Location::file(&staging), site::staging_not_ours())
                        .with_help(site::staging_not_ours_help()),
                );
            }
            fs::remove_dir_all(&staging)
                .map_err(|error| io_error(&staging, site::io_clear_staging(), &error))?;
        }
        fs::create_dir_all(&staging)
            .map_err(|error| io_error(&staging, site::io_create_staging(), &error))?;
        fs::write(
            staging.join(MARKER_FILE),
            "This folder is written by `archive build`; it is replaced on every build.\n",
        )
        .map_err(|error| io_error(&staging, site::io_write_staging(), &error))?;
        let reuse = output.join(MARKER_FILE).is_file();
        let staged = Staging {
            output,
            staging,
            committed: false,
            reuse,
            recorded: FileStamps::default(),
            in_place: None,
            stamps: Mutex::default(),
            _lock: lock,
        };
        staged.restamp(MARKER_FILE);
        Ok(staged)
    }

    /// The output folder (absolute, its links resolved).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The folder the new site is written into.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Whether the previous output is archive's and lends its files to the new site.
    pub fn reuses(&self) -> bool {
        self.reuse
    }

    /// Lets files the last build recorded (path → stamp) be carried over when still so.
    pub fn trust(&mut self, recorded: FileStamps) {
        self.recorded = recorded;
    }

    /// Writes one file of the site (`path` uses `/` and is relative to the site's root).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if let Some(previous) = self.previous(path)
            && fs::metadata(&previous).is_ok_and(|old| old.len() == bytes.len() as u64)
            && fs::read(&previous).is_ok_and(|old| old == bytes)
        {
            return self.reuse_previous(path, &previous);
        }
        let (target, mut file) = self.create(path)?;
        io::Write::write_all(&mut file, bytes)
            .map_err(|error| io_error(&target, site::io_write_file(), &error))?;
        match &self.in_place {
            Some(in_place) => in_place.staged(path),
            None => self.stamp_written(path, file.metadata().ok().as_ref()),
        }
        Ok(())
    }

    /// Records the stamp of a file just written at `path` from its open file's metadata, or,
    /// if that could not be read, as the file system has it.
    fn stamp_written(&self, path: &str, metadata: Option<&fs::Metadata>) {
        match metadata.and_then(stamp_of) {
            Some(stamp) => self.record_stamp(path, Some(stamp)),
            None => self.restamp(path),
        }
    }

    /// Records the stamp of the staged file at `path` (`None`: it is no regular file, and is
    /// left out, as a walk of the folder would leave it).
    fn record_stamp(&self, path: &str, stamp: Option<FileStamp>) {
        let Some(relative) = safe_relative(path) else {
            return;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        let mut stamps = lock(&self.stamps);
        match stamp {
            Some(stamp) => stamps.insert(name, stamp),
            None => stamps.remove(&name),
        };
    }

    /// Records the stamp of the staged file at `path` as the file system has it now.
    fn restamp(&self, path: &str) {
        if self.in_place.is_none()
            && let Some(relative) = safe_relative(path)
        {
            self.record_stamp(path, stamp(&self.staging.join(relative)));
        }
    }

    /// Keeps the previous output's file at `path` in the new site: left where it is when
    /// committing in place, else linked (or copied) into the staging folder.
    fn reuse_previous(&self, path: &str, previous: &Path) -> Result<(), Diagnostic> {
        match &self.in_place {
            Some(in_place) => {
                in_place.unchanged(path);
                Ok(())
            }
            None => {
                link_or_copy(previous, &self.target(path)?)?;
                self.restamp(path);
                Ok(())
            }
        }
    }

    /// Commits in place rather than by swapping whole trees, if the previous output allows it:
    /// it is archive's and holds only files and folders (a symbolic link or anything else in it
    /// leaves the swap, which never writes through one). Returns whether it does.
    ///
    /// Only the files whose bytes change are then written to the staging folder; at commit a
    /// [`Journal`] lists them and the files to remove, and each is renamed over its live path.
    /// The listing stamps every file as it finds it (one `statx` relative to its folder, on both
    /// cores): [`SiteOutput::carry_over`] and the commit use those stamps, so that no file of the
    /// output is looked up by its path again.
    pub fn commit_in_place(&mut self) -> Result<bool, Diagnostic> {
        if !self.reuse {
            return Ok(false);
        }
        let listed = list_files(&self.output, "").map_err(|error| {
            Diagnostic::error(
                Location::file(&self.output),
                site::cannot_read_folder(&error.to_string()),
            )
        })?;
        let Some(live) = listed else {
            return Ok(false);
        };
        let live = live
            .into_iter()
            .map(|(path, stamp)| {
                let present = AtomicBool::new(path == MARKER_FILE);
                (path, LiveFile { stamp, present })
            })
            .collect();
        self.in_place = Some(InPlace {
            live,
            added: Mutex::default(),
            staged: Mutex::default(),
        });
        Ok(true)
    }

    /// The previous output's regular file at `path`, if the new site may reuse it. Committing
    /// in place, the walk that found the output's files vouches that each is a regular file
    /// reached through folders only (it found no link), so no more is asked of the disk.
    fn previous(&self, path: &str) -> Option<PathBuf> {
        let previous = self.output.join(safe_relative(path)?);
        if let Some(in_place) = &self.in_place {
            return in_place.live.contains_key(path).then_some(previous);
        }
        (self.reuse && no_link_below(&self.output, &previous)).then_some(previous)
    }

    /// Where a file of the site goes in the staging folder, its folder made and any file staged
    /// there before removed (it may be a link to the previous output's, which must not change).
    fn target(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        let target = self.staging_path(path)?;
        make_parent(&target)?;
        remove_staged(&target)?;
        Ok(target)
    }

    /// Creates a file of the site in the staging folder, new and empty, and returns it with its
    /// path. It is first created alone: its folder usually exists already and nothing was
    /// staged there, and one `openat` is then all it costs, where making sure of the folder and
    /// removing a staged file first took a `mkdir`, a `statx` and an `unlink` for every file of
    /// the site (docs/benchmarks.md). Only when that fails is the folder made, or a file staged
    /// there before removed (never written through: it may be a link to the previous output's).
    fn create(&self, path: &str) -> Result<(PathBuf, fs::File), Diagnostic> {
        let target = self.staging_path(path)?;
        let create_new = || {
            fs::File::options()
                .write(true)
                .create_new(true)
                .open(&target)
        };
        let created = match create_new() {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                make_parent(&target)?;
                create_new()
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                remove_staged(&target)?;
                create_new()
            }
            created => created,
        };
        match created {
            Ok(file) => Ok((target, file)),
            Err(error) => Err(io_error(&target, site::io_write_file(), &error)),
        }
    }

    /// Where a file of the site goes in the staging folder.
    fn staging_path(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        Ok(self.staging.join(
            safe_relative(path)
                .ok_or_else(|| Diagnostic::error(Location::file(path), site::outside_output()))?,
        ))
    }

    /// Swaps the finished site in place of the old output, first carrying over the entries of
    /// `keep` (files a host needs, like `CNAME`) that the old output has and the new one lacks.
    pub fn commit(mut self, keep: &[String]) -> Result<Committed, Diagnostic> {
        if let Some(in_place) = self.in_place.take() {
            return self.commit_changes(in_place, keep);
        }
        let mut stamps = std::mem::take(&mut *lock(&self.stamps));
        for entry in keep {
            let relative = kept_relative(entry)?;
            let new = self.staging.join(&relative);
            if let Some(old) = kept_entry(&self.output, &relative)?
                && !new.exists()
            {
                copy_entry(&old, &new)?;
                stamps.extend(stamps_below(&self.staging, &new));
            }
        }
        let (parent, name) = beside(&self.output);
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &retired)
                .map_err(|error| io_error(&self.output, site::io_move_previous_aside(), &error))?;
        }
        if let Err(error) = fs::rename(&self.staging, &self.output) {
            if had_output {
                // Put the previous site back: a failed swap must not lose it.
                let _ = fs::rename(&retired, &self.output);
            }
            return Err(io_error(&self.output, site::io_move_new_site(), &error));
        }
        self.committed = true;
        if had_output {
            fs::remove_dir_all(&retired)
                .map_err(|error| io_error(&retired, site::io_previous_not_removed(), &error))?;
        }
        Ok(Committed {
            output: self.output.clone(),
            files: Some(stamps),
            as_recorded: false,
        })
    }

    /// Commits in place: the staged files and the files the new site no longer has go into a
    /// journal (the staged files flushed to disk first), then the journal is carried out. From
    /// the moment the journal exists the commit is finished by whoever runs next, this build or
    /// the next one ([`Journal::finish_interrupted`]), so the output is never left half old.
    fn commit_changes(
        mut self,
        in_place: InPlace,
        keep: &[String],
    ) -> Result<Committed, Diagnostic> {
        let kept = in_place.kept_entries(&self.output, keep)?;
        // Each kept entry as `name/`: a path is kept if it is the entry or lies below it. The
        // prefixes are made once, not once per file of the site.
        let is_kept = |path: &str| {
            kept.iter().any(|below| {
                path.starts_with(below.as_str()) || below.strip_suffix('/') == Some(path)
            })
        };
        let mut remove: Vec<String> = in_place
            .live
            .iter()
            .filter(|(path, file)| !file.is_present() && !is_kept(path))
            .map(|(path, _)| path.clone())
            .collect();
        remove.sort();
        let replace: Vec<String> = lock(&in_place.staged).iter().cloned().collect();
        if replace.is_empty() && remove.is_empty() {
            // Nothing to rename or remove: the output is already the new site, and no journal
            // need be written and flushed to say so.
            self.committed = true;
            fs::remove_dir_all(&self.staging)
                .map_err(|error| io_error(&self.staging, site::io_staging_not_removed(), &error))?;
            let files = in_place.stamps_after(&self.output, &Journal::default());
            let as_recorded = files == self.recorded;
            return Ok(Committed {
                output: self.output.clone(),
                files: Some(files),
                as_recorded,
            });
        }
        flush_staged(&self.staging, &replace)?;
        let journal = Journal { replace, remove };
        journal.write(&self.output)?;
        // The staged files now belong to the journal: a failure from here on leaves them for
        // the next build to finish with.
        self.committed = true;
        journal.carry_out(&self.output, &self.staging)?;
        // Dropped aside: freeing 350,000 paths at 100,000 reports is no part of the commit.
        let recorded = std::mem::take(&mut self.recorded);
        std::thread::spawn(move || drop(recorded));
        let files = in_place.stamps_after(&self.output, &journal);
        Ok(Committed {
            output: self.output.clone(),
            files: Some(files),
            as_recorded: false,
        })
    }
}

/// Flushes the staged files at `paths` (below `staging`) to disk, on both cores: at a one-cell
/// edit some 200 files, each `fsync` a wait on the disk, not on the CPU.
fn flush_staged(staging: &Path, paths: &[String]) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    paths.par_iter().try_for_each(|path| {
        let staged = staging.join(path);
        fs::File::open(&staged)
            .and_then(|file| file.sync_all())
            .map_err(|error| io_error(&staged, site::io_flush_file(), &error))
    })
}

/// A committed site: where it is, and its files' stamps, known without looking at every file
/// again (`None` only when the commit could not tell them).
#[derive(Debug)]
pub struct Committed {
    /// The output folder.
    pub output: PathBuf,
    /// Every file of the output with its stamp, if known.
    pub files: Option<FileStamps>,
    /// Whether those are exactly the files and stamps [`Staging::trust`] was given: an
    /// in-place commit that had nothing to rename or remove, every file as last recorded.
    pub as_recorded: bool,
}

/// What [`Staging::commit_in_place`] tracks while the new site is drawn.
#[derive(Debug, Default)]
struct InPlace {
    /// The previous output's files (paths from its root), as the listing found them when the
    /// build began. Asked about every file of the site (232,000 at 100,000 reports), with no
    /// lock: each file's presence in the new site is a flag of its own.
    live: FxHashMap<String, LiveFile>,
    /// The files the new site has that the previous output had not (the few drawn anew).
    added: Mutex<FxHashSet<String>>,
    /// The files written to the staging folder, to be renamed over the output's.
    staged: Mutex<BTreeSet<String>>,
}

/// One file of the previous output, as the listing found it.
#[derive(Debug)]
struct LiveFile {
    /// Its stamp then (`None` if it could not be read: it is then never carried over).
    stamp: Option<FileStamp>,
    /// Whether the new site has it (staged, or left as it is). The marker always is.
    present: AtomicBool,
}

impl LiveFile {
    fn is_present(&self) -> bool {
        self.present.load(Ordering::Relaxed)
    }

    fn mark_present(&self) {
        self.present.store(true, Ordering::Relaxed);
    }
}

impl InPlace {
    /// `path` is written anew to the staging folder.
    fn staged(&self, path: &str) {
        self.mark_present(path);
        lock(&self.staged).insert(path.to_owned());
    }

    /// `path` keeps the previous output's file (a copy staged before is no longer wanted).
    fn unchanged(&self, path: &str) {
        self.mark_present(path);
        lock(&self.staged).remove(path);
    }

    /// Carries the previous output's file at `path` over if the listing found it as `recorded`
    /// says; returns its size. Never staged before: the draw writes a file or carries it over,
    /// and a search part carried over in part and then built again writes it after, so no lock
    /// is taken.
    fn carry_over(&self, path: &str, recorded: Option<&FileStamp>) -> Option<u64> {
        let file = self.live.get(path)?;
        let now = file.stamp.filter(|now| Some(now) == recorded)?;
        file.mark_present();
        Some(now.0)
    }

    fn mark_present(&self, path: &str) {
        match self.live.get(path) {
            Some(file) => file.mark_present(),
            None => {
                lock(&self.added).insert(path.to_owned());
            }
        }
    }

    /// The entries of `keep` that the previous output has and the new site lacks, each as
    /// `name/`: as the swap does, an entry the new site lacks is kept whole, else the new one
    /// wins.
    fn kept_entries(&self, output: &Path, keep: &[String]) -> Result<Vec<String>, Diagnostic> {
        let added = lock(&self.added);
        let present = self
            .live
            .iter()
            .filter(|(_, file)| file.is_present())
            .map(|(path, _)| path)
            .chain(added.iter());
        let present: Vec<&String> = if keep.is_empty() {
            Vec::new()
        } else {
            present.collect()
        };
        let mut kept = Vec::new();
        for entry in keep {
            let relative = kept_relative(entry)?;
            let name = relative.to_string_lossy().replace('\\', "/");
            let below = format!("{name}/");
            let in_new_site = present
                .iter()
                .any(|path| **path == name || path.starts_with(&below));
            if kept_entry(output, &relative)?.is_some() && !in_new_site {
                kept.push(below);
            }
        }
        Ok(kept)
    }

    /// The output's files after the commit of `journal`, with their stamps: every file the
    /// listing found and the journal did not remove (the new site's, the marker, the kept
    /// entries') with the stamp the listing took, and the files the journal renamed into place
    /// stamped anew. Only those are asked about again.
    fn stamps_after(self, output: &Path, journal: &Journal) -> FileStamps {
        let removed: FxHashSet<&str> = journal.remove.iter().map(String::as_str).collect();
        let replaced: FxHashSet<&str> = journal.replace.iter().map(String::as_str).collect();
        let mut files = FileStamps::with_capacity_and_hasher(self.live.len(), Default::default());
        for (path, file) in self.live {
            if removed.contains(path.as_str()) || replaced.contains(path.as_str()) {
                continue;
            }
            // A file the listing could not stamp, if it was kept: as the file system has it now.
            if let Some(stamp) = file.stamp.or_else(|| stamp(&output.join(&path))) {
                files.insert(path, stamp);
            }
        }
        for path in &journal.replace {
            if let Some(now) = stamp(&output.join(path)) {
                files.insert(path.clone(), now);
            }
        }
        files
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An entry of `keep` (site.toml) as a path inside the output, or why it cannot be one.
fn kept_relative(entry: &str) -> Result<PathBuf, Diagnostic> {
    safe_relative(entry.trim_end_matches('/')).ok_or_else(|| {
        Diagnostic::error(
            Location::file(archive_core::config::CONFIG_FILE),
            site::bad_keep_entry(entry),
        )
        .with_help(site::bad_keep_entry_help())
    })
}

impl SiteOutput for Staging {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        Staging::write(self, path, &bytes)
    }

    fn stream(&self, path: &str, fill: &mut FileFiller<'_>) -> Result<u64, Diagnostic> {
        let (target, file) = self.create(path)?;
        let mut writer = io::BufWriter::with_capacity(256 * 1024, file);
        fill(&mut writer)
            .and_then(|()| io::Write::flush(&mut writer))
            .map_err(|error| io_error(&target, site::io_write_file(), &error))?;
        let metadata = writer
            .get_ref()
            .metadata()
            .map_err(|error| io_error(&target, site::io_read_written_file(), &error))?;
        let size = metadata.len();
        drop(writer);
        if let Some(previous) = self.previous(path)
            && same_contents(&previous, &target, size)
        {
            self.reuse_previous(path, &previous)?;
        } else if let Some(in_place) = &self.in_place {
            in_place.staged(path);
        } else {
            self.stamp_written(path, Some(&metadata));
        }
        Ok(size)
    }

    fn carry_over(&self, path: &str) -> Result<Option<u64>, Diagnostic> {
        if let Some(in_place) = &self.in_place {
            return Ok(in_place.carry_over(path, self.recorded.get(path)));
        }
        let Some(previous) = self.previous(path) else {
            return Ok(None);
        };
        let recorded = self.recorded.get(path);
        match stamp(&previous) {
            Some(now) if Some(&now) == recorded => {
                self.reuse_previous(path, &previous)?;
                Ok(Some(now.0))
            }
            // Missing, or changed since the last build recorded it: drawn again.
            _ => Ok(None),
        }
    }
}

/// Every regular file below `folder`, as paths from the output's root with `/` (`prefix` is
/// `folder`'s own path from there, ending in `/`, or empty at the root), each with its stamp
/// (`None` if it could not be read), or `None` when `folder` holds anything but files and
/// folders (a link). The folders are read on both cores: at 100,000 reports the output has some
/// 120,000 of them, and reading them one after another took 1.6 s of an incremental build
/// (docs/benchmarks.md). Each entry's kind comes with its name, and a file is stamped relative
/// to its open folder (no path looked up from the root). Each path is made once, from the
/// prefix and the name, and the lists are only appended: merging a hashed set per folder
/// rehashed every path once per folder above it.
fn list_files(folder: &Path, prefix: &str) -> io::Result<Option<Vec<ListedFile>>> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let relative = format!("{prefix}{}", name.to_string_lossy());
        if kind.is_dir() {
            folders.push((entry.path(), relative + "/"));
        } else if kind.is_file() {
            let stamp = entry.metadata().ok().as_ref().and_then(stamp_of);
            files.push((relative, stamp));
        } else {
            return Ok(None);
        }
    }
    let nested: Vec<Option<Vec<ListedFile>>> = folders
        .par_iter()
        .map(|(folder, prefix)| list_files(folder, prefix))
        .collect::<io::Result<_>>()?;
    for below in nested {
        let Some(below) = below else {
            return Ok(None);
        };
        files.extend(below);
    }
    Ok(Some(files))
}

/// A file [`list_files`] found: its path from the output's root and its stamp then.
type ListedFile = (String, Option<FileStamp>);

/// Makes the folder a staged file goes in, and the folders above it.
fn make_parent(target: &Path) -> Result<(), Diagnostic> {
    match target.parent() {
        Some(parent) => fs::create_dir_all(parent)
            .map_err(|error| io_error(parent, site::cannot_create_a_folder(), &error)),
        None => Ok(()),
    }
}

/// Removes a file staged at `target` before, if any.
fn remove_staged(target: &Path) -> Result<(), Diagnostic> {
    match fs::remove_file(target) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(io_error(target, site::io_replace_file(), &error))
        }
        _ => Ok(()),
    }
}

/// Whether `path`, below `output`, is a regular file reached through folders only (no
/// symbolic link on the way: nothing from outside the site is reused).
fn no_link_below(output: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(output) else {
        return false;
    };
    let mut at = output.to_path_buf();
    relative.components().all(|part| {
        at.push(part);
        fs::symlink_metadata(&at).is_ok_and(|metadata| !metadata.is_symlink())
    }) && at.is_file()
}

/// Whether two files hold the same bytes (`size` is the second one's).
fn same_contents(first: &Path, second: &Path, size: u64) -> bool {
    use io::Read;
    if fs::metadata(first).map(|metadata| metadata.len()).ok() != Some(size) {
        return false;
    }
    let (Ok(first), Ok(second)) = (fs::File::open(first), fs::File::open(second)) else {
        return false;
    };
    let (mut first, mut second) = (io::BufReader::new(first), io::BufReader::new(second));
    let (mut a, mut b) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let read = match first.read(&mut a) {
            Ok(0) => return second.read(&mut b[..1]).is_ok_and(|more| more == 0),
            Ok(read) => read,
            Err(_) => return false,
        };
        if second.read_exact(&mut b[..read]).is_err() || a[..read] != b[..read] {
            return false;
        }
    }
}

/// Puts the previous output's file at `target` unchanged: a hard link (same bytes, same
/// modification time, no space), or where the file system has none a copy given the same
/// modification time.
fn link_or_copy(previous: &Path, target: &Path) -> Result<(), Diagnostic> {
    if fs::hard_link(previous, target).is_ok() {
        return Ok(());
    }
    let copied = fs::copy(previous, target).and_then(|_| {
        let modified = fs::metadata(previous)?.modified()?;
        fs::File::options()
            .write(true)
            .open(target)?
            .set_modified(modified)
    });
    copied.map_err(|error| io_error(target, site::io_reuse_previous_file(), &error))
}

/// The stamps of the regular files at or below `entry`, a file or folder inside `folder`, by
/// their paths from `folder`.
fn stamps_below(folder: &Path, entry: &Path) -> Vec<(String, FileStamp)> {
    walkdir::WalkDir::new(entry)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|found| {
            let relative = found.path().strip_prefix(folder).ok()?;
            let stamp = stamp_of(&found.metadata().ok()?)?;
            Some((relative.to_string_lossy().replace('\\', "/"), stamp))
        })
        .collect()
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// The entry `relative` of the previous output, if it has one, checked part by part: a symbolic
/// link anywhere on the way is refused rather than followed out of the output folder.
fn kept_entry(output: &Path, relative: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    let mut path = output.to_path_buf();
    for part in relative.components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(metadata) => refuse_special(&path, metadata.file_type(), CopiedFrom::Kept)?,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(io_error(&path, site::io_read_kept_file(), &error)),
        }
    }
    Ok(Some(path))
}

/// Copies a file, or a folder with everything in it; refuses a symbolic link inside it.
fn copy_entry(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    for entry in walkdir::WalkDir::new(from).follow_root_links(false) {
        let entry = entry.map_err(|error| {
            Diagnostic::error(
                Location::file(from),
                site::cannot_read_kept(&error.to_string()),
            )
        })?;
        refuse_special(entry.path(), entry.file_type(), CopiedFrom::Kept)?;
        let relative = entry.path().strip_prefix(from).expect("below from");
        let target = if relative.as_os_str().is_empty() {
            to.to_path_buf()
        } else {
            to.join(relative)
        };
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)
                .map_err(|error| io_error(&target, site::cannot_create_a_folder(), &error))?;
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|error| io_error(parent, site::cannot_create_a_folder(), &error))?;
        }
        link_or_copy(entry.path(), &target)?;
    }
    Ok(())
}

/// Whether `folder` was made by archive, or is empty (and so holds nothing to lose).
fn is_archive_output(folder: &Path) -> bool {
    folder.join(MARKER_FILE).is_file()
        || fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none())
}

/// `path` as a relative path with no `..`, root or prefix parts.
pub(crate) fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = Path::new(path);
    relative
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)))
        .then(|| relative.to_path_buf())
}

/// `path` made absolute, with every symbolic link of the part that exists resolved, dangling
/// links included (their targets resolved in turn); the parts that do not exist yet follow as
/// written (`..` among them taken lexically, as nothing there can be a link).
pub(crate) fn resolve(path: &Path) -> PathBuf {
    // As many links as Linux follows in one path (MAXSYMLINKS); a loop stops there.
    let mut hops = 40;
    resolve_within(path, &mut hops)
}

fn resolve_within(path: &Path, hops: &mut u32) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component<'_>> = absolute.components().collect();
    // The longest prefix that exists, its links resolved by the OS.
    let (mut resolved, rest) = (1..=parts.len())
        .rev()
        .find_map(|existing| {
            fs::canonicalize(parts[..existing].iter().collect::<PathBuf>())
                .ok()
                .map(|resolved| (resolved, &parts[existing..]))
        })
        .unwrap_or_else(|| (PathBuf::new(), &parts[..]));
    for part in rest {
        match part {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
        // A link whose target does not exist (yet): where a folder made through it would be.
        if let Ok(target) = fs::read_link(&resolved)
            && *hops > 0
        {
            *hops -= 1;
            let from = resolved.parent().map(Path::to_path_buf).unwrap_or_default();
            resolved = resolve_within(&from.join(target), hops);
        }
    }
    resolved
}

/// Refuses output folders whose replacement would destroy sources or more: the archive's root
/// or a folder holding it, and anything that is, holds or lies inside a source or theme folder.
/// `output` (the path as given, `resolved` once made absolute with its links followed) and every
/// protected folder are compared resolved, so no other spelling of a path reaches them.
fn refuse_dangerous(root: &Path, output: &Path, resolved: &Path) -> Result<(), Diagnostic> {
    let root = resolve(root);
    // Say where the path leads when the words given do not show it.
    let leads_to = if std::path::absolute(output).is_ok_and(|absolute| absolute == resolved) {
        String::new()
    } else {
        site::leads_to(&resolved.display().to_string()).into()
    };
    let refuse = |message: Text| {
        Err(Diagnostic::error(Location::file(output), message)
            .with_help(site::dangerous_output_help()))
    };
    let output = resolved;
    if root.starts_with(output) {
        let what = if root == output {
            site::the_archives_folder()
        } else {
            site::a_folder_holding_the_archive()
        };
        return refuse(site::refusing_output(what.here(), &leads_to));
    }
    if output.parent().is_none() {
        return refuse(site::refusing_root());
    }
    let home = std::env::var_os("HOME").map(|home| resolve(Path::new(&home)));
    if home.as_deref() == Some(output) {
        return refuse(site::refusing_home());
    }
    let protected = [
        ("content", site::the_sources()),
        ("themes", site::the_themes()),
        ("templates", site::the_templates()),
        ("static", site::the_static_files()),
    ];
    for (folder, what) in protected {
        let source = resolve(&root.join(folder));
        let relation = if source == output {
            site::relation_is()
        } else if output.starts_with(&source) {
            site::relation_inside()
        } else if source.starts_with(output) {
            site::relation_holds()
        } else {
            continue;
        };
        return refuse(site::refusing_protected(
            &leads_to,
            relation.here(),
            what.here(),
            &source.display().to_string(),
        ));
    }
    Ok(())
}

/// Refuses an output path that is a symbolic link: replacing it would put a folder in place of
/// the link (or, followed, swap a folder elsewhere on the machine).
fn refuse_linked_output(output: &Path) -> Result<(), Diagnostic> {
    // `components` drops a trailing `/` or `.`, which would make the check see the link's target.
    let named: PathBuf = output.components().collect();
    let is_link = fs::symlink_metadata(&named).is_ok_and(|metadata| metadata.is_symlink());
    if !is_link {
        return Ok(());
    }
    let target = fs::read_link(&named)
        .map(|target| target.display().to_string())
        .unwrap_or_else(|_| "?".to_owned());
    Err(
        Diagnostic::error(Location::file(&named), site::output_is_link(&target)).with_help(
            site::output_is_link_help(&resolve(&named).display().to_string()),
        ),
    )
}

pub(crate) fn io_error(path: &Path, what: Text, error: &io::Error) -> Diagnostic {
    Diagnostic::error(
        Location::file(path),
        site::io_failure(what.here(), &error.to_string()),
    )
    .with_help(site::io_failure_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        assert!(safe_relative("agencies/a/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
    }

    #[test]
    fn source_folders_are_never_outputs() {
        let site = tempfile::tempdir().unwrap();
        for name in ["content", "themes", "templates", "static"] {
            fs::create_dir(site.path().join(name)).unwrap();
            let error = Staging::begin(site.path(), &site.path().join(name), true)
                .err()
                .unwrap();
            assert!(
                error.message.starts_with("refusing"),
                "{name}: {}",
                error.message
            );
        }
        assert!(Staging::begin(site.path(), site.path(), true).is_err());
        assert!(Staging::begin(site.path(), site.path().parent().unwrap(), true).is_err());
        assert!(Staging::begin(site.path(), Path::new("/"), true).is_err());
        // The home folder holds the archive in practice; alone, it is refused by name.
        if let Some(home) = std::env::var_os("HOME") {
            assert!(Staging::begin(site.path(), Path::new(&home), true).is_err());
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_dangling_or_looping() {
        use std::os::unix::fs::symlink;
        let site = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(site.path()).unwrap();
        fs::create_dir(root.join("content")).unwrap();
        symlink(root.join("content/new"), root.join("pending")).unwrap();
        symlink("pending", root.join("chained")).unwrap();
        assert_eq!(resolve(&root.join("chained/x")), root.join("content/new/x"));
        assert_eq!(
            resolve(&root.join("content/../pending/..")),
            root.join("content")
        );
        // A loop is followed only as far as the hop budget, then taken as written.
        symlink("loop", root.join("loop")).unwrap();
        assert!(resolve(&root.join("loop/x")).ends_with("loop/x"));
        let error = Staging::begin(&root, &root.join("chained/x"), true)
            .err()
            .unwrap();
        assert!(
            error.message.contains("lies inside the report sources"),
            "{}",
            error.message
        );
    }

    #[test]
    fn one_build_at_a_time_holds_the_lock_and_names_itself() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let first = Staging::begin(site.path(), &output, false).unwrap();
        first.write("index.html", b"first").unwrap();

        let error = Staging::begin(site.path(), &output, false).err().unwrap();
        assert!(
            error
                .message
                .contains(&format!("process {}, started at ", std::process::id())),
            "{}",
            error.message
        );
        assert!(
            error
                .help
                .as_deref()
                .unwrap()
                .contains("wait for that build")
        );
        // The refused build touched nothing of the first one's.
        assert_eq!(
            fs::read_to_string(site.path().join(".public.staging/index.html")).unwrap(),
            "first"
        );

        first.commit(&[]).unwrap();
        let second = Staging::begin(site.path(), &output, false).unwrap();
        second.commit(&[]).unwrap();
        assert_eq!(fs::read_dir(&output).unwrap().count(), 1, "only the marker");
    }

    #[test]
    fn a_lock_file_left_by_a_killed_build_does_not_block() {
        let site = tempfile::tempdir().unwrap();
        // What a killed build leaves: the file with its holder, but no OS lock on it.
        fs::write(
            site.path().join(".public.lock"),
            "pid: 4194304\nstarted: 2026-01-01T00:00:00Z\n",
        )
        .unwrap();
        let staging = Staging::begin(site.path(), &site.path().join("public"), false).unwrap();
        let recorded = fs::read_to_string(site.path().join(".public.lock")).unwrap();
        assert!(
            recorded.starts_with(&format!("pid: {}\n", std::process::id())),
            "{recorded}"
        );
        drop(staging);
    }

    #[test]
    fn the_holder_is_described_even_before_it_wrote_its_name() {
        assert_eq!(
            describe_holder("pid: 12\nstarted: 2026-12-07T06:00:00Z\n").en,
            "process 12, started at 2026-12-07T06:00:00Z"
        );
        assert_eq!(describe_holder("").en, "a process that has just started");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_followed_into_the_site() {
        use std::os::unix::fs::symlink;
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("secret"), "private").unwrap();
        let output = site.path().join("public");
        Staging::begin(site.path(), &output, false)
            .unwrap()
            .commit(&[])
            .unwrap();
        let kept = ["CNAME".to_owned(), ".well-known/".to_owned()];

        // A kept file, a kept folder, and a link inside a kept folder.
        for (name, make) in [
            ("CNAME", "CNAME"),
            (".well-known", ".well-known"),
            (".well-known/security.txt", ".well-known/security.txt"),
        ] {
            let _ = fs::remove_dir_all(output.join(".well-known"));
            let _ = fs::remove_file(output.join("CNAME"));
            if make.contains('/') {
                fs::create_dir(output.join(".well-known")).unwrap();
            }
            symlink(elsewhere.path().join("secret"), output.join(make)).unwrap();
            let staging = Staging::begin(site.path(), &output, false).unwrap();
            let error = staging.commit(&kept).err().unwrap();
            assert!(
                error.message.contains("symbolic link"),
                "{name}: {}",
                error.message
            );
            assert!(
                error.location.file.ends_with(make),
                "{name}: {:?}",
                error.location
            );
            // The previous output, link included, is as it was.
            assert!(
                fs::symlink_metadata(output.join(make))
                    .unwrap()
                    .is_symlink()
            );
        }

        // The site's static folder: a linked file inside it, or the folder itself a link.
        let statics = site.path().join("static");
        fs::create_dir(&statics).unwrap();
        symlink(elsewhere.path().join("secret"), statics.join("leak.txt")).unwrap();
        let memory = MemoryOutput::new();
        let error = copy_tree(&statics, &memory).err().unwrap();
        assert!(error.location.file.ends_with("static/leak.txt"));
        fs::remove_dir_all(&statics).unwrap();
        symlink(elsewhere.path(), &statics).unwrap();
        assert!(copy_tree(&statics, &memory).is_err());
        assert!(memory.into_files().is_empty());
    }

    #[test]
    fn a_staged_file_makes_its_folders_and_a_second_write_replaces_it() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let staging = Staging::begin(site.path(), &output, false).unwrap();
        staging.write("a/b/c/index.html", b"page").unwrap();
        staging.write("a/b/c/data.json", b"{}").unwrap();
        // The site's own static file replaces a drawn one at the same path.
        staging.write("a/b/c/index.html", b"static").unwrap();
        let size = staging
            .stream("a/d/long.csv", &mut |out| out.write_all(b"x,y\n"))
            .unwrap();
        assert_eq!(size, 4);
        staging.commit(&[]).unwrap();
        assert_eq!(
            fs::read(output.join("a/b/c/index.html")).unwrap(),
            b"static"
        );
        assert_eq!(fs::read(output.join("a/b/c/data.json")).unwrap(), b"{}");
        assert_eq!(fs::read(output.join("a/d/long.csv")).unwrap(), b"x,y\n");
    }

    /// Every regular file below `folder` with its stamp, as a walk of the folder finds them.
    fn walked_stamps(folder: &Path) -> FileStamps {
        walkdir::WalkDir::new(folder)
            .into_iter()
            .map(Result::unwrap)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let relative = entry.path().strip_prefix(folder).unwrap();
                (
                    relative.to_string_lossy().replace('\\', "/"),
                    stamp(entry.path()).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn a_swap_knows_the_new_sites_stamps_as_a_walk_of_it_finds_them() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let first = Staging::begin(site.path(), &output, false).unwrap();
        first.write("same.html", b"same").unwrap();
        first.write("pagefind/part.json", b"{}").unwrap();
        let committed = first.commit(&[]).unwrap();
        assert_eq!(committed.files.unwrap(), walked_stamps(&output));
        fs::write(output.join("CNAME"), "nianbao.example.gov.cn").unwrap();

        let second = Staging::begin(site.path(), &output, false).unwrap();
        // Linked from the previous output, written twice, streamed, kept whole.
        second.write("same.html", b"same").unwrap();
        second.write("a/b/index.html", b"drawn").unwrap();
        second.write("a/b/index.html", b"replaced").unwrap();
        second
            .stream("data/long.csv", &mut |out| out.write_all(b"x,y\n"))
            .unwrap();
        let committed = second
            .commit(&["CNAME".into(), "pagefind/".into()])
            .unwrap();
        let stamps = committed.files.unwrap();
        assert_eq!(stamps, walked_stamps(&output));
        for name in [MARKER_FILE, "same.html", "CNAME", "pagefind/part.json"] {
            assert!(stamps.contains_key(name), "{name}");
        }
        assert_eq!(stamps["a/b/index.html"].0, 8);
    }

    #[test]
    fn unchanged_files_are_reused_and_the_previous_output_never_written_through() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let first = Staging::begin(site.path(), &output, false).unwrap();
        for name in ["same.html", "changed.html", "carried.html", "edited.html"] {
            first.write(name, b"first").unwrap();
        }
        first.commit(&[]).unwrap();
        let stamps: FileStamps = ["same.html", "changed.html", "carried.html", "edited.html"]
            .into_iter()
            .map(|name| (name.to_owned(), stamp(&output.join(name)).unwrap()))
            .collect();
        // Edited by hand after the build recorded it.
        fs::write(output.join("edited.html"), "by hand").unwrap();

        let mut second = Staging::begin(site.path(), &output, false).unwrap();
        assert!(second.reuses());
        second.trust(stamps.clone());
        second.write("same.html", b"first").unwrap();
        // Written once with the old bytes (a link), then with new ones: the link is replaced.
        second.write("changed.html", b"first").unwrap();
        second.write("changed.html", b"second").unwrap();
        assert_eq!(second.carry_over("carried.html").unwrap(), Some(5));
        assert_eq!(second.carry_over("edited.html").unwrap(), None);
        assert_eq!(second.carry_over("missing.html").unwrap(), None);
        // The previous output is as it was until the swap.
        assert_eq!(fs::read(output.join("changed.html")).unwrap(), b"first");
        second.commit(&[]).unwrap();

        assert_eq!(stamp(&output.join("same.html")), Some(stamps["same.html"]));
        assert_eq!(
            stamp(&output.join("carried.html")),
            Some(stamps["carried.html"])
        );
        assert_eq!(fs::read(output.join("changed.html")).unwrap(), b"second");
        assert!(
            !output.join("edited.html").exists(),
            "neither written nor carried"
        );
    }

    #[test]
    fn committing_in_place_renames_only_what_changed_and_removes_what_went() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let first = Staging::begin(site.path(), &output, false).unwrap();
        for name in [
            "same.html",
            "changed.html",
            "carried.html",
            "gone/page.html",
        ] {
            first.write(name, b"first").unwrap();
        }
        first.commit(&[]).unwrap();
        let stamps: FileStamps = ["same.html", "changed.html", "carried.html"]
            .into_iter()
            .map(|name| (name.to_owned(), stamp(&output.join(name)).unwrap()))
            .collect();

        let mut second = Staging::begin(site.path(), &output, false).unwrap();
        second.trust(stamps.clone());
        assert!(second.commit_in_place().unwrap());
        second.write("same.html", b"first").unwrap();
        second.write("changed.html", b"second").unwrap();
        second.write("added/page.html", b"added").unwrap();
        assert_eq!(second.carry_over("carried.html").unwrap(), Some(5));
        // Only the changed and new files are staged; the live output is untouched until commit.
        let staged: Vec<String> = walkdir::WalkDir::new(second.staging())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(staged.len(), 3, "{staged:?}"); // the two files and the marker
        assert_eq!(fs::read(output.join("changed.html")).unwrap(), b"first");
        second.commit(&[]).unwrap();

        for name in ["same.html", "carried.html"] {
            assert_eq!(stamp(&output.join(name)), Some(stamps[name]), "{name}");
        }
        assert_eq!(fs::read(output.join("changed.html")).unwrap(), b"second");
        assert_eq!(fs::read(output.join("added/page.html")).unwrap(), b"added");
        assert!(
            !output.join("gone").exists(),
            "removed with its emptied folder"
        );
        assert!(output.join(MARKER_FILE).is_file());
        assert!(!site.path().join(".public.staging").exists());
        assert!(!Journal::path(&output).exists());
    }

    #[test]
    fn an_in_place_commit_records_the_listings_stamps_and_the_renamed_files_anew() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let first = Staging::begin(site.path(), &output, false).unwrap();
        for name in ["carried.html", "changed.html", "late.html", "gone.html"] {
            first.write(name, b"first").unwrap();
        }
        let recorded = first.commit(&[]).unwrap().files.unwrap();
        fs::write(output.join("CNAME"), "nianbao.example.gov.cn").unwrap();

        let mut second = Staging::begin(site.path(), &output, false).unwrap();
        second.trust(recorded.clone());
        assert!(second.commit_in_place().unwrap());
        // Edited by hand after the listing stamped it: carried over as the listing found it,
        // and recorded with the listing's stamp, so that the next build draws it again.
        fs::write(output.join("late.html"), "edited after the listing").unwrap();
        assert_eq!(second.carry_over("late.html").unwrap(), Some(5));
        assert_eq!(second.carry_over("carried.html").unwrap(), Some(5));
        assert_eq!(second.carry_over("never-built.html").unwrap(), None);
        second.write("changed.html", b"second").unwrap();
        second.write("added/page.html", b"added").unwrap();
        let committed = second.commit(&["CNAME".into()]).unwrap();
        assert!(!committed.as_recorded);
        let stamps = committed.files.unwrap();

        let mut walked = walked_stamps(&output);
        assert_ne!(walked["late.html"], recorded["late.html"]);
        walked.insert("late.html".to_owned(), recorded["late.html"]);
        assert_eq!(stamps, walked);
        assert!(!stamps.contains_key("gone.html"));
        assert_eq!(stamps["carried.html"], recorded["carried.html"]);
        assert_eq!(stamps["changed.html"].0, 6);
        for name in [MARKER_FILE, "CNAME", "added/page.html"] {
            assert!(stamps.contains_key(name), "{name}");
        }
    }

    #[test]
    fn an_in_place_commit_with_nothing_to_do_writes_no_journal() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        let first = Staging::begin(site.path(), &output, false).unwrap();
        first.write("same.html", b"same").unwrap();
        first.write("carried.html", b"carried").unwrap();
        let recorded = first.commit(&[]).unwrap().files.unwrap();

        let mut second = Staging::begin(site.path(), &output, false).unwrap();
        second.trust(recorded.clone());
        assert!(second.commit_in_place().unwrap());
        second.write("same.html", b"same").unwrap();
        assert_eq!(second.carry_over("carried.html").unwrap(), Some(7));
        let committed = second.commit(&[]).unwrap();
        assert!(committed.as_recorded);
        let stamps = committed.files.unwrap();

        assert_eq!(stamps, recorded);
        // The journal's folder is made only to write one.
        assert!(!site.path().join(CACHE_DIR).exists());
        assert!(!site.path().join(".public.staging").exists());
        assert_eq!(walked_stamps(&output), recorded);
    }

    #[cfg(unix)]
    #[test]
    fn an_output_holding_a_link_is_swapped_whole_not_written_in_place() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        Staging::begin(site.path(), &output, false)
            .unwrap()
            .commit(&[])
            .unwrap();
        std::os::unix::fs::symlink(site.path(), output.join("agencies")).unwrap();
        let mut staging = Staging::begin(site.path(), &output, false).unwrap();
        assert!(!staging.commit_in_place().unwrap());
    }

    #[test]
    fn a_foreign_folder_needs_force_and_a_failed_build_keeps_the_old_site() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        fs::create_dir(&output).unwrap();
        fs::write(output.join("mine.txt"), "keep").unwrap();
        assert!(Staging::begin(site.path(), &output, false).is_err());

        let staging = Staging::begin(site.path(), &output, true).unwrap();
        staging.write("index.html", b"new").unwrap();
        drop(staging); // a build that failed
        assert_eq!(fs::read_to_string(output.join("mine.txt")).unwrap(), "keep");
        assert!(!site.path().join(".public.staging").exists());

        fs::write(output.join("CNAME"), "nianbao.example.gov.cn").unwrap();
        fs::create_dir_all(output.join(".well-known")).unwrap();
        fs::write(output.join(".well-known/security.txt"), "Contact: x").unwrap();
        let staging = Staging::begin(site.path(), &output, true).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging
            .commit(&["CNAME".into(), ".well-known/".into()])
            .unwrap();
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "new"
        );
        assert!(!output.join("mine.txt").exists());
        assert_eq!(
            fs::read_to_string(output.join("CNAME")).unwrap(),
            "nianbao.example.gov.cn"
        );
        assert!(output.join(".well-known/security.txt").is_file());
        assert!(output.join(MARKER_FILE).is_file());
        // Now archive's own: no force needed.
        assert!(Staging::begin(site.path(), &output, false).is_ok());
    }
}
