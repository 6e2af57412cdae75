//! Search: a [Pagefind](https://pagefind.app) index of every report, written under `pagefind/`.
//!
//! The index is its own stage, run by `archive build` after the pages are written and by nothing
//! else (a preview server's rebuild on every save leaves it out). It reads the model, not the
//! themed pages: each report becomes a small HTML document of its own — title, agency, region,
//! the narrative by section — with the filters (`agency`, `year`, `region`) and metadata marked
//! for Pagefind, so every theme gets the same search and the index costs no page parsing.
//! Pagefind splits Chinese text into words at build time (its `extended` feature, ICU's
//! dictionary segmenter) and the browser splits the query the same way (`Intl.Segmenter`).
//! The first part also holds one document per entry of the 名词解释 (its term, explanation,
//! basis and the table labels it explains, linked to its place on the glossary page), so a
//! reader who searches for a label finds what it means as well as the reports that use it.
//! `docs/search.md` explains the choice, the files and their sizes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::address::SEARCH_DIR;
use crate::html::escaped;
use crate::markdown::{self, RawHtml};
use crate::output::SiteOutput;
use crate::render::SiteFiles;
use crate::search_parts::{
    NarrativeKey, SearchPart, agency_regions, narrative_key, part_key, search_parts,
};
use archive_core::diagnostic::{Diagnostic, Failure, Location};
use archive_core::format::glossary::{Entry, GLOSSARY, Target};
use archive_core::format::{FormatId, Label};
use archive_core::index::Index;
use archive_core::messages::{Text, site};
use archive_core::model::Archive;

/// How much of a narrative is indexed, in characters. Reports run to some 5,000–30,000; the
/// cap bounds the cost of a pathological source (Pagefind's Chinese word pairs take time
/// quadratic in how often a pair repeats within one page).
pub const INDEXED_CHARACTERS: usize = 60_000;

/// How much of each short field (title, agency name, alias, issuer, region name) is indexed, in
/// characters. Real ones run to some 40; the cap keeps a pathological source from costing the
/// indexer more than a narrative does.
pub const INDEXED_FIELD_CHARACTERS: usize = 200;

/// What building the index did.
#[derive(Debug)]
pub struct SearchStats {
    /// Reports indexed.
    pub reports: usize,
    /// Parts of the index (built or carried over).
    pub parts: usize,
    /// Files written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: usize,
    /// How long building took.
    pub elapsed: Duration,
    /// Parts carried over from the previous output unchanged.
    pub reused: usize,
    /// What each part was built from and the files it holds, for the next build to reuse.
    pub records: Vec<PartRecord>,
    /// Each report's narrative key by its source's hash, for the next build to reuse.
    pub narratives: BTreeMap<String, NarrativeKey>,
}

/// One part of the index as a build left it: the key of what its documents were made of
/// (`search_parts::part_key`) and its files (paths below the site's root). A later build whose
/// part has the same key carries its files over without making its documents.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartRecord {
    /// The key of the part's inputs (empty when it could not be keyed: never carried over).
    pub fingerprint: String,
    /// The part's files.
    pub files: Vec<String>,
}

/// The search index of every report: the third kind of the site's files, after the pages and
/// the data files.
pub struct SearchIndex<'a> {
    archive: &'a Archive,
    index: &'a Index,
    /// At most this many reports a part.
    part_size: usize,
    /// The parts the previous output holds, which may be carried over.
    previous: &'a [PartRecord],
    /// What keys a part's inputs: the binary's version and each source's hash by its path.
    inputs: Option<PartInputs<'a>>,
}

/// What a part's key is made of besides the model (`search_parts::part_key`).
#[derive(Clone, Copy)]
pub struct PartInputs<'a> {
    /// The binary's version (`incremental::binary_version`).
    pub version: &'a str,
    /// A source's SHA-256 (hex) by its path from the site's root, as the manifest spells it.
    pub source_sha256: &'a (dyn Fn(&str) -> Option<&'a str> + Sync),
    /// The last build's narrative keys by their source's hash: a report whose source is
    /// unchanged has the same narrative, which is then not inflated to be keyed.
    pub narratives: &'a BTreeMap<String, NarrativeKey>,
}

impl<'a> SearchIndex<'a> {
    /// The index of an archive's reports, in parts of at most `part_size`.
    pub fn new(archive: &'a Archive, index: &'a Index, part_size: usize) -> SearchIndex<'a> {
        SearchIndex {
            archive,
            index,
            part_size,
            previous: &[],
            inputs: None,
        }
    }

    /// Carries over each part whose inputs (`inputs`) are those of a part of the previous
    /// output (an incremental build), rather than indexing it again; records each part's key
    /// for the next build.
    pub fn reusing(
        mut self,
        previous: &'a [PartRecord],
        inputs: PartInputs<'a>,
    ) -> SearchIndex<'a> {
        self.previous = previous;
        self.inputs = Some(inputs);
        self
    }

    /// The key of a part's inputs and each of its reports' source hash and narrative key, if
    /// they can be keyed (every report's source hash known).
    fn key(&self, part: &SearchPart) -> Option<(String, Vec<(String, NarrativeKey)>)> {
        let inputs = self.inputs?;
        let narratives = part
            .reports
            .par_iter()
            .map(|&at| {
                let report = &self.archive.reports[at];
                let path = report.source.file.to_str()?.replace('\\', "/");
                let source = (inputs.source_sha256)(&path)?;
                let narrative = match inputs.narratives.get(source) {
                    Some(kept) => *kept,
                    None => narrative_key(report),
                };
                Some((source.to_owned(), narrative))
            })
            .collect::<Option<Vec<_>>>()?;
        let keys: Vec<NarrativeKey> = narratives.iter().map(|(_, key)| *key).collect();
        let caps = [INDEXED_CHARACTERS, INDEXED_FIELD_CHARACTERS];
        let key = part_key(self.archive, self.index, part, inputs.version, caps, &keys);
        Some((key, narratives))
    }
}

impl SiteFiles for SearchIndex<'_> {
    type Written = SearchStats;

    fn write_files(&self, output: &dyn SiteOutput) -> Result<SearchStats, Failure> {
        build_index(self, output).map_err(Failure::setup)
    }
}

/// How many parts are indexed at once: Pagefind indexes one part's documents one after the
/// other, so two parts keep both of this machine's cores busy; each holds its part's index in
/// memory (docs/search.md, "What limits the index"), which bounds how many may run together.
const PARTS_AT_ONCE: usize = 2;

/// Builds the index of every report in the parts `search_parts` assigns them to, several parts
/// at once, writing each part's files into `output` as soon as it is built, so that memory holds
/// only the parts being built. A part whose inputs' key is one the previous output holds is
/// carried over (Pagefind's output is the same for the same documents).
fn build_index(
    search: &SearchIndex<'_>,
    output: &dyn SiteOutput,
) -> Result<SearchStats, Diagnostic> {
    let started = Instant::now();
    let parts = search_parts(search.archive, search.part_size);
    let previous: HashMap<&str, &PartRecord> = search
        .previous
        .iter()
        .filter(|record| !record.fingerprint.is_empty())
        .map(|record| (record.fingerprint.as_str(), record))
        .collect();
    let order = largest_first(&parts);
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let outcomes: Mutex<Vec<Option<PartOutcome>>> = Mutex::new(vec![None; parts.len()]);
    let threads = std::thread::available_parallelism()
        .map_or(1, |cores| cores.get())
        .clamp(1, PARTS_AT_ONCE);
    let run_worker = || -> Result<(), Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| failure(site::no_indexer(&error.to_string())))?;
        loop {
            let Some(&at) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return Ok(());
            };
            if failed.load(Ordering::Relaxed) {
                return Ok(());
            }
            let outcome = build_part(search, &parts[at], at == 0, &previous, &runtime, output)
                .inspect_err(|_| failed.store(true, Ordering::Relaxed))?;
            outcomes.lock().expect("no worker panics while holding it")[at] = Some(outcome);
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(run_worker)).collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Result<Vec<()>, Diagnostic>>()
    })?;
    let outcomes = outcomes.into_inner().expect("every worker has ended");
    let mut stats = SearchStats {
        reports: search.archive.reports.len(),
        parts: parts.len(),
        files: 0,
        bytes: 0,
        elapsed: Duration::ZERO,
        reused: 0,
        records: Vec::with_capacity(parts.len()),
        narratives: BTreeMap::new(),
    };
    for outcome in outcomes.into_iter().flatten() {
        stats.reused += usize::from(outcome.reused);
        stats.narratives.extend(outcome.narratives);
        stats.files += outcome.record.files.len();
        stats.bytes += outcome.bytes;
        stats.records.push(outcome.record);
    }
    stats.elapsed = started.elapsed();
    Ok(stats)
}

/// The parts' positions in the order they are built: the largest first, so that the last to
/// start are the smallest (the glossary's, a few reports left by a year's hash) and no large
/// part runs alone on one core while the other has nothing left to do.
fn largest_first(parts: &[SearchPart]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Stable: parts of the same size keep their order (newest years first).
    order.sort_by_key(|&at| std::cmp::Reverse(parts[at].reports.len()));
    order
}

/// What became of one part: built or carried over, and its files.
#[derive(Clone)]
struct PartOutcome {
    record: PartRecord,
    /// Its reports' source hashes and narrative keys.
    narratives: Vec<(String, NarrativeKey)>,
    /// The size of its files.
    bytes: usize,
    /// Whether it was carried over from the previous output.
    reused: bool,
}

/// Builds one part (the first with the glossary and the search code) or carries it over,
/// which makes none of its documents.
fn build_part(
    search: &SearchIndex<'_>,
    part: &SearchPart,
    first: bool,
    previous: &HashMap<&str, &PartRecord>,
    runtime: &tokio::runtime::Runtime,
    output: &dyn SiteOutput,
) -> Result<PartOutcome, Diagnostic> {
    let (key, narratives) = search.key(part).unzip();
    let narratives = narratives.unwrap_or_default();
    if let Some(record) = key.as_deref().and_then(|key| previous.get(key))
        && let Some(bytes) = carry_over_part(&record.files, output)?
    {
        return Ok(PartOutcome {
            record: (*record).clone(),
            narratives,
            bytes,
            reused: true,
        });
    }
    let documents = part_documents(search.archive, search.index, &part.reports, first);
    let files = runtime.block_on(index_part(documents))?;
    let mut outcome = PartOutcome {
        record: PartRecord {
            fingerprint: key.unwrap_or_default(),
            files: Vec::new(),
        },
        narratives,
        bytes: 0,
        reused: false,
    };
    for file in files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        if !is_needed(&name, first) {
            continue;
        }
        outcome.bytes += file.contents.len();
        let path = format!("{}{name}", part.dir);
        output.write(&path, file.contents)?;
        outcome.record.files.push(path);
    }
    Ok(outcome)
}

/// Carries over every file of a part; returns their total size, or `None` if any is missing or
/// changed (the part is then built again, and its files written over those carried).
fn carry_over_part(files: &[String], output: &dyn SiteOutput) -> Result<Option<usize>, Diagnostic> {
    let mut bytes = 0;
    for file in files {
        match output.carry_over(file)? {
            Some(size) => bytes += size as usize,
            None => return Ok(None),
        }
    }
    Ok(Some(bytes))
}

/// The documents of one part (address, HTML), the glossary's entries with the first.
fn part_documents(
    archive: &Archive,
    index: &Index,
    reports: &[usize],
    with_glossary: bool,
) -> Vec<(String, String)> {
    let mut documents: Vec<(String, String)> = reports
        .par_iter()
        .map(|&at| document(archive, index, at))
        .collect();
    let glossary = GLOSSARY.iter().flat_map(|part| part.entries);
    documents.extend(glossary.filter(|_| with_glossary).map(glossary_document));
    documents
}

/// One part of the index, as Pagefind's files.
async fn index_part(documents: Vec<(String, String)>) -> Result<Vec<SyntheticFile>, Diagnostic> {
    let options = PagefindServiceConfig::builder()
        // Reports are in Chinese whatever the interface's language.
        .force_language("zh".to_owned())
        .keep_index_url(false)
        .build();
    let mut pagefind = PagefindIndex::new(Some(options))
        .map_err(|error| failure(site::no_indexer(&error.to_string())))?;
    for (url, html) in documents {
        pagefind
            .add_html_file(None, Some(url.clone()), html)
            .await
            .map_err(|error| failure(site::cannot_index(&url, &error.to_string())))?;
    }
    pagefind
        .get_files()
        .await
        .map_err(|error| failure(site::cannot_build_index(&error.to_string())))
}

/// The files the search page uses: the index of each part (entry, metadata, word chunks,
/// filters, fragments), and with the first part the search API, its worker and the WebAssembly
/// (merged parts use the first part's). Pagefind's ready-made interfaces and its playground are
/// left out: the theme brings its own search page.
fn is_needed(name: &str, first_part: bool) -> bool {
    let code = matches!(name, "pagefind.js" | "pagefind-worker.js") || name.ends_with(".pagefind");
    let data = name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|folder| name.starts_with(folder));
    data || (code && first_part)
}

/// The page Pagefind reads for one report (position `at`): its address (below the site's root,
/// without the base path, which the search page adds) and a small HTML document.
fn document(archive: &Archive, index: &Index, at: usize) -> (String, String) {
    let report = &archive.reports[at];
    let agency = &archive.agencies[index.agency_of(at)];
    let url = crate::address::report_url(report);
    let narrative = markdown::render(indexed_part(&report.body.text()), RawHtml::Sanitize);
    let mut html = String::with_capacity(report.body.len() * 2);
    html.push_str("<html lang=\"zh\"><body>");
    html.push_str(&format!(
        "<h1>{}</h1>",
        escaped(indexed_field(&report.title))
    ));
    html.push_str(&format!(
        "<p><span data-pagefind-meta=\"agency\">{}</span> <span data-pagefind-meta=\"year\" data-pagefind-filter=\"year\">{}</span>",
        escaped(indexed_field(&agency.name)),
        report.year
    ));
    html.push_str(&format!(
        "<span data-pagefind-filter=\"agency:{}\"></span>",
        escaped(&agency.id)
    ));
    for alias in &agency.aliases {
        html.push_str(&format!(" {}", escaped(indexed_field(alias))));
    }
    if let Some(issuer) = &report.issuer {
        html.push_str(&format!(" {}", escaped(indexed_field(issuer))));
    }
    for region in agency_regions(archive, agency) {
        html.push_str(&format!(
            " <span data-pagefind-filter=\"region:{}\">{}</span>",
            escaped(&region.path),
            escaped(indexed_field(&region.name))
        ));
    }
    html.push_str("</p>");
    html.push_str(&narrative.preamble_html);
    // A section whose text is only its table (not indexed: every report has the same labels)
    // would put its heading in the excerpts.
    for section in narrative
        .sections
        .iter()
        .filter(|section| !section.body_html.trim().is_empty())
    {
        html.push_str(&format!(
            "<section><h2 id=\"{}\">{}</h2>{}</section>",
            escaped(&section.id),
            escaped(&section.heading),
            section.body_html
        ));
    }
    html.push_str("</body></html>");
    (url, html)
}

/// The page Pagefind reads for one entry of the 名词解释: its term (weighted, so that the
/// entry comes before the reports that merely use the term), in both languages, its
/// explanation and basis, and the labels of the tables it explains; its address is the
/// entry's place on the glossary page. Its one filter, `kind:glossary`, lets the search page
/// look the glossary up on its own; choosing an agency, year or region leaves it out.
fn glossary_document(entry: &Entry) -> (String, String) {
    let both = |label: &Label| format!("{} {}", label.zh, label.en);
    let mut html = format!(
        "<html lang=\"zh\"><body><h1 data-pagefind-weight=\"10\">{}</h1><p data-pagefind-meta=\"kind\">名词解释 Glossary</p><span data-pagefind-filter=\"kind:glossary\"></span><p>{}</p>",
        escaped(entry.term.zh),
        escaped(entry.term.en),
    );
    html.push_str(&format!("<p>{}</p>", escaped(&both(&entry.text))));
    if let Some(basis) = &entry.basis {
        html.push_str(&format!("<p>{}</p>", escaped(&both(basis))));
    }
    for label in entry.targets.iter().flat_map(target_labels) {
        html.push_str(&format!("<p>{}</p>", escaped(label)));
    }
    html.push_str("</body></html>");
    (format!("glossary/#{}", entry.id), html)
}

/// The printed labels a glossary entry explains: a row's, in each version that has it, or a
/// heading's text. (A column's label is the entry's own term.)
fn target_labels(target: &Target) -> Vec<&'static str> {
    match *target {
        Target::Row(table, row) => FormatId::ALL
            .into_iter()
            .filter_map(|format| format.template().row(table, row))
            .map(|def| def.label.zh)
            .collect(),
        Target::Heading(text) => vec![text],
        Target::Column(..) => Vec::new(),
    }
}

/// The narrative up to `INDEXED_CHARACTERS`, cut at a line's end.
fn indexed_part(body: &str) -> &str {
    let head = first_characters(body, INDEXED_CHARACTERS);
    if head.len() == body.len() {
        return body;
    }
    head.rfind('\n').map_or(head, |end| &head[..end])
}

/// A short field up to `INDEXED_FIELD_CHARACTERS`.
fn indexed_field(text: &str) -> &str {
    first_characters(text, INDEXED_FIELD_CHARACTERS)
}

/// The first `count` characters of `text` (all of it when it is shorter).
fn first_characters(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(end, _)| &text[..end])
}

fn failure(message: Text) -> Diagnostic {
    Diagnostic::error(Location::file(SEARCH_DIR), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_narratives_are_indexed_up_to_the_cap_at_a_line_end() {
        let line = "本机关坚持以公开为常态、不公开为例外。\n";
        let body = line.repeat(INDEXED_CHARACTERS / line.chars().count() * 3);
        let part = indexed_part(&body);
        assert!(part.chars().count() <= INDEXED_CHARACTERS);
        assert!(part.chars().count() > INDEXED_CHARACTERS - line.chars().count());
        assert!(part.ends_with('。'));
        assert_eq!(indexed_part("短。\n"), "短。\n");
    }

    #[test]
    fn a_glossary_entry_is_indexed_at_its_place_with_the_labels_it_explains() {
        let entry = GLOSSARY
            .iter()
            .flat_map(|part| part.entries)
            .find(|entry| {
                entry
                    .targets
                    .iter()
                    .any(|target| matches!(target, Target::Row(..)))
            })
            .expect("an entry explains a row");
        let (url, html) = glossary_document(entry);
        assert_eq!(url, format!("glossary/#{}", entry.id));
        assert!(html.contains(&format!(
            "<h1 data-pagefind-weight=\"10\">{}</h1>",
            escaped(entry.term.zh)
        )));
        assert!(html.contains(&escaped(entry.text.zh)));
        let labels: Vec<&str> = entry.targets.iter().flat_map(target_labels).collect();
        assert!(!labels.is_empty());
        assert!(labels.iter().all(|label| html.contains(&escaped(label))));
        // Its kind its one filter: a search narrowed to an agency or year leaves it out.
        assert_eq!(html.matches("data-pagefind-filter").count(), 1);
        assert!(html.contains(r#"data-pagefind-filter="kind:glossary""#));
    }

    #[test]
    fn the_largest_parts_are_built_first_and_the_glossary_last() {
        let part = |dir: &str, reports: usize| SearchPart {
            dir: dir.to_owned(),
            reports: (0..reports).collect(),
        };
        let parts = [
            part("pagefind/", 0),
            part("pagefind/2023-1/", 700),
            part("pagefind/2023-2/", 729),
            part("pagefind/2022-1/", 729),
            part("pagefind/2022-2/", 12),
        ];
        assert_eq!(largest_first(&parts), [2, 3, 1, 4, 0]);
        // One part (an archive of no more than a part's reports): itself.
        assert_eq!(largest_first(&parts[..1]), [0]);
    }

    #[test]
    fn short_fields_are_indexed_up_to_their_cap() {
        let title = "公开".repeat(150_000);
        assert_eq!(
            indexed_field(&title).chars().count(),
            INDEXED_FIELD_CHARACTERS
        );
        assert_eq!(indexed_field("洪泽区人民政府"), "洪泽区人民政府");
        // A narrative of one line longer than the cap is cut at the cap.
        let line = "公".repeat(INDEXED_CHARACTERS * 2);
        assert_eq!(indexed_part(&line).chars().count(), INDEXED_CHARACTERS);
    }
}
