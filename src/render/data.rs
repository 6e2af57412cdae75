//! The data files: each report's JSON and the archive-wide CSV files and schema, made from the
//! model by `export` (no templates).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::{SiteFiles, gather};
use crate::address::{DataFile, all_data_files, data_url, url_to_path};
use crate::output::SiteOutput;
use archive_core::check::Checks;
use archive_core::compare::Comparison;
use archive_core::diagnostic::{Diagnostic, Failure};
use archive_core::export::{self, DataKind};
use archive_core::index::Index;
use archive_core::model::Archive;

/// Makes the data files.
pub struct DataFiles<'a> {
    archive: &'a Archive,
    index: &'a Index,
    checks: &'a Checks,
    base_url: String,
    /// The sizes of the archive-wide files for the 数据下载 page: recorded as `write_files`
    /// streams them, given by the preview, or counted when a partial redraw first needs them.
    sizes: OnceLock<BTreeMap<DataKind, u64>>,
}

impl<'a> DataFiles<'a> {
    pub(super) fn new(
        archive: &'a Archive,
        index: &'a Index,
        checks: &'a Checks,
        base_url: &str,
    ) -> DataFiles<'a> {
        DataFiles {
            archive,
            index,
            checks,
            base_url: base_url.to_owned(),
            sizes: OnceLock::new(),
        }
    }

    /// Makes one data file: its path in the output and its bytes.
    pub fn draw(&self, file: DataFile) -> (String, Vec<u8>) {
        let path = url_to_path(&data_url(self.archive, file));
        let bytes = match file {
            DataFile::Report(at) => self.report_json(at),
            DataFile::Archive(kind) => {
                let mut bytes = Vec::new();
                self.write_archive_file(kind, &mut bytes)
                    .expect("writing to memory");
                bytes
            }
        };
        (path, bytes)
    }

    /// Gives the sizes of the archive-wide files, already made, for the 数据下载 page.
    pub fn use_sizes(&self, sizes: BTreeMap<DataKind, u64>) {
        // Only before the page is drawn; later calls find the sizes set and change nothing.
        let _ = self.sizes.set(sizes);
    }

    /// The size of each archive-wide file.
    pub(super) fn sizes(&self) -> &BTreeMap<DataKind, u64> {
        self.sizes.get_or_init(|| {
            export::data_kinds(self.index)
                .into_par_iter()
                .map(|kind| {
                    let mut counter = ByteCounter(0);
                    self.write_archive_file(kind, &mut counter)
                        .expect("counting bytes");
                    (kind, counter.0)
                })
                .collect()
        })
    }

    fn write_archive_file(
        &self,
        kind: DataKind,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        export::write_data_file(self.archive, self.index, kind, &self.base_url, out)
    }

    /// One report's data file.
    fn report_json(&self, at: usize) -> Vec<u8> {
        let json = export::report_json(
            self.archive,
            at,
            self.checks,
            Comparison::new(self.archive, self.index),
            &self.base_url,
        );
        let mut bytes = serde_json::to_vec_pretty(&json).expect("JSON values serialize");
        bytes.push(b'\n');
        bytes
    }
}

impl SiteFiles for DataFiles<'_> {
    type Written = usize;

    /// Writes every data file ([`DataFiles::write_some`]), and records the archive-wide ones'
    /// sizes for the 数据下载 page.
    fn write_files(&self, output: &dyn SiteOutput) -> Result<usize, Failure> {
        let files = all_data_files(self.archive, self.index);
        let sizes = self.write_some(&files, output)?;
        // Set once, before the 数据下载 page is drawn.
        self.use_sizes(sizes);
        Ok(files.len())
    }
}

impl DataFiles<'_> {
    /// Writes these data files in parallel, the archive-wide ones streamed (the long CSV of a
    /// large archive is too big to hold); returns the archive-wide ones' sizes.
    pub fn write_some(
        &self,
        files: &[DataFile],
        output: &dyn SiteOutput,
    ) -> Result<BTreeMap<DataKind, u64>, Failure> {
        let written: Vec<Result<Option<(DataKind, u64)>, Diagnostic>> = files
            .par_iter()
            .map(|&file| match file {
                DataFile::Archive(kind) => {
                    let path = url_to_path(&data_url(self.archive, file));
                    let size =
                        output.stream(&path, &mut |out| self.write_archive_file(kind, out))?;
                    Ok(Some((kind, size)))
                }
                DataFile::Report(_) => {
                    let (path, bytes) = self.draw(file);
                    output.write(&path, bytes).map(|()| None)
                }
            })
            .collect();
        let mut sizes = BTreeMap::new();
        let mut failures = Vec::new();
        for result in written {
            match result {
                Ok(size) => sizes.extend(size),
                Err(error) => failures.push(Failure::setup(error)),
            }
        }
        gather(failures)?;
        Ok(sizes)
    }
}

/// A writer that only counts what it is given.
struct ByteCounter(u64);

impl std::io::Write for ByteCounter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MemoryOutput;

    /// The 数据下载 page gives the same sizes whether they were recorded as the files were written
    /// (a build) or counted without writing (a preview's partial redraw), and each is the size of
    /// the file written; every data file is written, each as `draw` makes it.
    #[test]
    fn recorded_and_counted_sizes_are_the_files_sizes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::build::Site::load(root, None).unwrap();
        let (archive, index) = (&site.archive, &site.index);
        let base_url = site.config.base_url_with_slash();
        let written = DataFiles::new(archive, index, &site.checks, &base_url);
        let output = MemoryOutput::new();
        let count = written.write_files(&output).unwrap();
        let files = output.into_files();
        let all = all_data_files(archive, index);
        assert_eq!((count, files.len()), (all.len(), all.len()));
        let counted = DataFiles::new(archive, index, &site.checks, &base_url);
        assert_eq!(written.sizes(), counted.sizes());
        assert!(
            written.sizes().len() > 2,
            "the example has years of CSV files"
        );
        for (kind, &size) in written.sizes() {
            let path = url_to_path(&data_url(archive, DataFile::Archive(*kind)));
            assert_eq!(files[&path].len() as u64, size, "{path}");
        }
        for file in all {
            let (path, bytes) = counted.draw(file);
            assert_eq!(files[&path], bytes, "{path}");
        }
    }
}
