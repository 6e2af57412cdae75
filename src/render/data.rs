//! The data files: each report's JSON and the archive-wide CSV files and schema, made from the
//! model by `export` (no templates).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::{SiteFiles, gather};
use crate::address::{
    AnswersFile, DataFile, all_data_files, data_url, report_data_url, url_to_path,
};
use crate::output::SiteOutput;
use archive_core::answers::{agency_csv, builder, catalog, rankings_csv};
use archive_core::check::Checks;
use archive_core::compare::RANKED_MEASURES;
use archive_core::config::SiteConfig;
use archive_core::diagnostic::{Diagnostic, Failure};
use archive_core::export::{self, DataKind, MemberCache};
use archive_core::index::Index;
use archive_core::model::{Archive, SitePaths};

/// Makes the data files.
pub struct DataFiles<'a> {
    config: &'a SiteConfig,
    paths: &'a SitePaths,
    archive: &'a Archive,
    index: &'a Index,
    checks: &'a Checks,
    base_url: String,
    /// The sizes of the archive-wide files for the 数据下载 page: recorded as `write_files`
    /// streams them, given by the preview, or counted when a partial redraw first needs them.
    sizes: OnceLock<BTreeMap<DataKind, u64>>,
    /// The long CSV files' members kept between builds (a build's; a preview keeps none).
    members: OnceLock<MemberCache>,
}

impl<'a> DataFiles<'a> {
    pub(super) fn new(
        config: &'a SiteConfig,
        paths: &'a SitePaths,
        archive: &'a Archive,
        index: &'a Index,
        checks: &'a Checks,
    ) -> DataFiles<'a> {
        DataFiles {
            config,
            paths,
            archive,
            index,
            checks,
            base_url: config.base_url_with_slash(),
            sizes: OnceLock::new(),
            members: OnceLock::new(),
        }
    }

    /// Makes one data file: its path in the output and its bytes.
    pub fn draw(&self, file: DataFile) -> (String, Vec<u8>) {
        let path = url_to_path(&data_url(self.archive, file));
        let bytes = match file {
            DataFile::Report(at) => self.report_json(at),
            DataFile::Agency(at) => {
                let mut bytes = Vec::new();
                agency_csv::write_agency_csv(self.archive, self.index, self.checks, at, &mut bytes)
                    .expect("writing to memory");
                bytes
            }
            DataFile::Archive(kind) => {
                let mut bytes = Vec::new();
                self.write_archive_file(kind, &mut bytes)
                    .expect("writing to memory");
                bytes
            }
            DataFile::Answers(file) => {
                let mut bytes = Vec::new();
                self.write_answers_file(file, &mut bytes)
                    .expect("writing to memory");
                bytes
            }
        };
        (path, bytes)
    }

    /// Writes one of the answers' files: JSON compact (the builder's are downloaded by every
    /// query), CSV streamed.
    fn write_answers_file(
        &self,
        file: AnswersFile,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let (archive, index) = (self.archive, self.index);
        let json = match file {
            AnswersFile::Dictionary => return catalog::write_dictionary(out),
            AnswersFile::Rankings(year) => {
                return rankings_csv::write_rankings_csv(archive, index, self.checks, year, out);
            }
            AnswersFile::Catalog => return self.write_catalog(out),
            AnswersFile::BuilderIndex => builder::index_json(archive, index),
            AnswersFile::BuilderValues(year, measure) => {
                builder::values_json(archive, index, self.checks, year, RANKED_MEASURES[measure])
            }
        };
        serde_json::to_writer(&mut *out, &json)?;
        out.write_all(b"\n")
    }

    /// The date the newest report entered the archive: the data's last update.
    pub(super) fn last_entry_date(&self) -> String {
        (0..self.archive.reports.len())
            .map(|at| super::entry_date(self.paths, &self.archive.reports[at]))
            .max()
            .unwrap_or_else(|| "2008-05-01".to_owned())
    }

    /// The dataset catalog: every archive-wide file, the answers' files and every report's JSON.
    fn write_catalog(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let words = super::i18n::Words::new(self.config.language);
        let title = |file: DataFile| super::answers::data_file_title(&words, file);
        let files: Vec<catalog::CatalogFile> = all_data_files(self.archive, self.index)
            .into_iter()
            .filter(|file| !matches!(file, DataFile::Report(_) | DataFile::Agency(_)))
            .map(|file| {
                let path = data_url(self.archive, file);
                catalog::CatalogFile {
                    media_type: catalog::media_type(&path),
                    title: title(file),
                    path,
                    bytes: None,
                }
            })
            .collect();
        let modified = self.last_entry_date();
        catalog::write_catalog(
            out,
            self.config,
            self.archive,
            &files,
            report_data_url,
            &modified,
        )
    }

    /// Takes the long CSV files' members from `members` and keeps them there (before any data
    /// file is written).
    pub fn use_member_cache(&self, members: MemberCache) {
        let _ = self.members.set(members);
    }

    /// What went wrong with the long CSV files' member cache: warnings.
    pub fn member_cache_notes(&self) -> Vec<Diagnostic> {
        self.members
            .get()
            .map(MemberCache::notes)
            .unwrap_or_default()
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
        export::write_data_file(
            self.archive,
            self.index,
            self.checks,
            kind,
            &self.base_url,
            self.members.get(),
            out,
        )
    }

    /// One report's data file: compact JSON and a final line break.
    fn report_json(&self, at: usize) -> Vec<u8> {
        let json = export::report_json(self.archive, at, self.checks, &self.base_url);
        // Room for a typical file, so that the buffer is not grown step by step from empty.
        let mut bytes = Vec::with_capacity(8 * 1024);
        // Compact: indentation made a third of the file's bytes (issue 16).
        serde_json::to_writer(&mut bytes, &json).expect("a report's data serializes");
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
            .map(|&file| {
                let path = || url_to_path(&data_url(self.archive, file));
                crate::timings::time_file(path, || self.write_one(file, output))
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

    /// Writes one data file; returns its size if it is an archive-wide one.
    fn write_one(
        &self,
        file: DataFile,
        output: &dyn SiteOutput,
    ) -> Result<Option<(DataKind, u64)>, Diagnostic> {
        match file {
            DataFile::Archive(kind) => {
                let path = url_to_path(&data_url(self.archive, file));
                let size = output.stream(&path, &mut |out| self.write_archive_file(kind, out))?;
                Ok(Some((kind, size)))
            }
            DataFile::Answers(answers) => {
                let path = url_to_path(&data_url(self.archive, file));
                output
                    .stream(&path, &mut |out| self.write_answers_file(answers, out))
                    .map(|_| None)
            }
            DataFile::Report(_) | DataFile::Agency(_) => {
                let (path, bytes) = self.draw(file);
                output.write(&path, bytes).map(|()| None)
            }
        }
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
        let written = DataFiles::new(&site.config, &site.paths, archive, index, &site.checks);
        let output = MemoryOutput::new();
        let count = written.write_files(&output).unwrap();
        let files = output.into_files();
        let all = all_data_files(archive, index);
        assert_eq!((count, files.len()), (all.len(), all.len()));
        let counted = DataFiles::new(&site.config, &site.paths, archive, index, &site.checks);
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
