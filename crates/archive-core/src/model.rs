//! The archive as data: agencies, regions and reports, with every table value in its cell.
//!
//! The model knows nothing of YAML, Markdown or HTML: `load` builds it from sources, everything
//! after reads it.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::format::{CellId, FormatId, TableKey, ValueKind, catalog};

mod cells;
pub use cells::Cells;

/// What kind of body an agency is; decides its publication deadline (R7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// 人民政府 (province, city, county).
    PeopleGovernment,
    /// 政府部门 (a department or office of a government).
    Department,
    /// 开发区、新区、综合实验区管委会.
    DevelopmentZone,
    /// 乡镇人民政府、街道办事处.
    Township,
    /// Any other body that publishes a report.
    Other,
    /// Not known yet: archive import could not tell the kind from the name. Its reporting
    /// deadline is unknown, so R7 is not checkable until a person sets the kind.
    Unknown,
}

impl AgencyKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [AgencyKind; 6] = [
        AgencyKind::PeopleGovernment,
        AgencyKind::Department,
        AgencyKind::DevelopmentZone,
        AgencyKind::Township,
        AgencyKind::Other,
        AgencyKind::Unknown,
    ];

    /// The key written in agency files.
    pub fn key(self) -> &'static str {
        match self {
            AgencyKind::PeopleGovernment => "people_government",
            AgencyKind::Department => "department",
            AgencyKind::DevelopmentZone => "development_zone",
            AgencyKind::Township => "township",
            AgencyKind::Other => "other",
            AgencyKind::Unknown => "unknown",
        }
    }

    /// The kind's name in Chinese and English.
    pub fn label(self) -> crate::format::Label {
        use crate::format::Label;
        match self {
            AgencyKind::PeopleGovernment => Label {
                zh: "人民政府",
                en: "People's government",
            },
            AgencyKind::Department => Label {
                zh: "政府部门",
                en: "Government department",
            },
            AgencyKind::DevelopmentZone => Label {
                zh: "开发区（管委会）",
                en: "Development zone",
            },
            AgencyKind::Township => Label {
                zh: "乡镇（街道）",
                en: "Township or street office",
            },
            AgencyKind::Other => Label {
                zh: "其他",
                en: "Other",
            },
            AgencyKind::Unknown => Label {
                zh: "类别未定",
                en: "Kind not known",
            },
        }
    }
}

/// A body that publishes reports, described once in `content/<id>/_agency.yaml`.
#[derive(Clone, Debug, PartialEq)]
pub struct Agency {
    /// The folder name: ASCII, used in URLs.
    pub id: String,
    /// The Chinese name.
    pub name: String,
    /// Other names its reports use.
    pub aliases: Vec<String>,
    /// Its kind.
    pub kind: AgencyKind,
    /// Its region, as a path of region ids (`jiangsu/huaian/hongze`).
    pub region: String,
    /// Its website, if given.
    pub website: Option<String>,
}

/// An administrative region (province, city or county).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The path of ids from the province down, e.g. `jiangsu/huaian`.
    pub path: String,
    /// The Chinese name.
    pub name: String,
}

impl Region {
    /// How deep the region is: 1 for a province.
    pub fn depth(&self) -> usize {
        self.path.split('/').count()
    }

    /// The enclosing region's path.
    pub fn parent_path(&self) -> Option<&str> {
        self.path.rsplit_once('/').map(|(parent, _)| parent)
    }
}

/// One table value, or its absence.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub enum Cell {
    /// The source does not have this cell (its row is not in the report).
    #[default]
    Absent,
    /// The report left the cell empty (or wrote /, —, 无): never the same as 0.
    Blank,
    /// A whole number ≥ 0.
    Count(u64),
    /// A signed whole number (本年增/减).
    Change(i64),
    /// A decimal in 万元, exactly as printed.
    Amount(Decimal),
    /// Text with its unit. Boxed once more so that a cell is 16 bytes, not 24: every report
    /// holds about 200 cells, and text cells are rare.
    Text(Box<String>),
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(Box::new(text.into()))
    }

    /// Whether the source has this cell at all (blank or not).
    pub fn is_present(&self) -> bool {
        !matches!(self, Cell::Absent)
    }

    /// The value as an exact number, if it has one: counts and changes, amounts in 万元, and a
    /// text amount with its unit (采购总金额, "75394432.52元") in 元 ([`yuan_of`]).
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            Cell::Count(value) => i64::try_from(*value).ok().map(Decimal::whole),
            Cell::Change(value) => Some(Decimal::whole(*value)),
            Cell::Amount(value) => Some(*value),
            Cell::Text(text) => yuan_of(text),
            Cell::Absent | Cell::Blank => None,
        }
    }

    /// The value as a whole number, for sums; `None` for blanks and other kinds.
    pub fn whole(&self) -> Option<i128> {
        match self {
            Cell::Count(value) => Some(i128::from(*value)),
            Cell::Change(value) => Some(i128::from(*value)),
            _ => None,
        }
    }

    /// The value for JSON: a number (a text amount in 元, read from its printed text), a string
    /// (text that is not an amount), or null for a blank cell.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Cell::Absent | Cell::Blank => serde_json::Value::Null,
            Cell::Count(value) => (*value).into(),
            Cell::Change(value) => (*value).into(),
            Cell::Amount(value) => value.to_json(),
            Cell::Text(text) => yuan_of(text).map_or_else(
                || serde_json::Value::String(text.to_string()),
                Decimal::to_json,
            ),
        }
    }

    /// The kind of value held, if any.
    pub fn kind(&self) -> Option<ValueKind> {
        match self {
            Cell::Absent | Cell::Blank => None,
            Cell::Count(_) => Some(ValueKind::Count),
            Cell::Change(_) => Some(ValueKind::Change),
            Cell::Amount(_) => Some(ValueKind::Amount),
            Cell::Text(_) => Some(ValueKind::Text),
        }
    }
}

/// A text amount with its unit, as 政府集中采购's 采购总金额 is printed ("75394432.52元",
/// "7539.44万元"), in 元; none for text that is not a number followed by 元 or 万元.
pub fn yuan_of(printed: &str) -> Option<Decimal> {
    let text = printed.trim();
    let (number, power) = match text.strip_suffix("万元") {
        Some(number) => (number, 4),
        None => (text.strip_suffix('元')?, 0),
    };
    let value = Decimal::parse(&number.trim().replace(',', ""))?.shifted(power)?;
    // A JSON number carries at most 15 significant digits exactly: a longer amount stays text.
    let normal = value.normalized().to_string().replace('.', "");
    (value.signum() >= 0 && normal.trim_start_matches('0').len() <= 15).then_some(value)
}

/// Displayed as the report printed it, without units added; blank and absent cells are empty.
impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Absent | Cell::Blank => Ok(()),
            Cell::Count(value) => write!(f, "{value}"),
            Cell::Change(value) => write!(f, "{value}"),
            Cell::Amount(value) => write!(f, "{value}"),
            Cell::Text(text) => f.write_str(text),
        }
    }
}

/// Where a report came from, for pointing at it in messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceMap {
    /// The source file, relative to the site's root.
    pub file: PathBuf,
    /// The line of each table row in the source.
    pub rows: RowLines,
    /// The line of the `year:` field.
    pub year_line: usize,
    /// The line where the Markdown body starts.
    pub body_line: usize,
    /// The line of the `published` field.
    pub published_line: Option<usize>,
    /// Warnings on how the source is written that did not stop it being read (a Chinese label
    /// for a row key, full-width characters read as ASCII), each at its line: `load` reports
    /// them, so that the person can correct the file. Never cached: a report with notes is read
    /// again on every load (`load::SourceCache`).
    #[serde(skip)]
    pub notes: Vec<crate::diagnostic::Diagnostic>,
}

impl SourceMap {
    /// The line of a table row, if the source has it.
    pub fn row_line(&self, table: TableKey, row: &str) -> Option<usize> {
        self.rows.get(table, row)
    }

    /// The bytes the rows' lines take on the heap (what a report costs the model;
    /// `examples/model_bytes.rs` counts it).
    pub fn heap_bytes(&self) -> usize {
        self.rows.0.len() * std::mem::size_of::<u32>()
    }
}

/// The line of each table row a source has: one number for every row of the catalog (the rows
/// of either version, [`crate::format::Catalog::row_defs`]), 0 for a row the source does not
/// have. About 40 rows: 160 bytes a report, where a list of the rows it has took 540.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<u32>")]
pub struct RowLines(Box<[u32]>);

/// Lines read back (from `load`'s cache) must be one per catalog row, as every lookup assumes.
impl TryFrom<Vec<u32>> for RowLines {
    type Error = String;

    fn try_from(lines: Vec<u32>) -> Result<RowLines, String> {
        let rows = catalog_rows(TableKey::ALL.len());
        if lines.len() == rows {
            Ok(RowLines(lines.into_boxed_slice()))
        } else {
            Err(format!("{} row lines, not {rows}", lines.len()))
        }
    }
}

impl Default for RowLines {
    fn default() -> Self {
        RowLines(vec![0; catalog_rows(TableKey::ALL.len())].into_boxed_slice())
    }
}

/// How many rows the catalog's first `tables` tables (in `TableKey::ALL` order) have.
fn catalog_rows(tables: usize) -> usize {
    let catalog = catalog();
    TableKey::ALL[..tables]
        .iter()
        .map(|&table| catalog.row_defs(table).len())
        .sum()
}

impl RowLines {
    /// A row's place in the lines: its table's first place, then its place in the table.
    fn slot(table: TableKey, row: &str) -> Option<usize> {
        let at = catalog()
            .row_defs(table)
            .iter()
            .position(|known| known.key == row)?;
        Some(catalog_rows(table as usize) + at)
    }

    /// The line of a row, if the source has it.
    pub fn get(&self, table: TableKey, row: &str) -> Option<usize> {
        let line = *self.0.get(Self::slot(table, row)?)?;
        (line != 0).then_some(line as usize)
    }

    /// Records the line of a row (1 or more) that some version has; other rows are not kept.
    pub fn set(&mut self, table: TableKey, row: &str, line: usize) {
        if let Some(slot) = Self::slot(table, row) {
            self.0[slot] = u32::try_from(line).unwrap_or(u32::MAX);
        }
    }
}

/// One annual report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The agency's id (the folder the source is in).
    pub agency: String,
    /// The year the report covers (it is published the year after).
    pub year: u16,
    /// The template version the report declares.
    pub format: FormatId,
    /// The report's own title.
    pub title: String,
    /// The date printed on or with the report, if any.
    pub published: Option<jiff::civil::Date>,
    /// The body that issued it, as the report names it.
    pub issuer: Option<String>,
    /// Where it was published.
    pub source_url: Option<String>,
    /// The original file (PDF, Word …) if the agency published one.
    pub original_file: Option<String>,
    /// The archive editor's notes on the source, published on the report's page.
    pub notes: Option<String>,
    /// `archive import`'s notes for the archive's editor (the cells it left blank): never
    /// published, on the page or in the data; removed by the editor once the cells are filled.
    pub import_notes: Option<String>,
    /// The published files kept with the report, oldest first (empty for a report typed in by
    /// hand).
    pub originals: Vec<Original>,
    /// Every table value.
    pub cells: Cells,
    /// The narrative, in Markdown, with the report's own headings.
    pub body: Narrative,
    /// Where in the source each part is.
    pub source: SourceMap,
}

impl Report {
    /// The key of the report in URLs and data: `<agency>/<year>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.agency, self.year)
    }

    /// Whether the agency published another file for this report after the first one kept
    /// (原文已变更): an archive keeps an original only when its bytes differ from those kept.
    pub fn changed_after_publication(&self) -> bool {
        self.originals.len() > 1
    }
}

/// A report's narrative (Markdown), as read or deflated ([`Narrative::deflate`]): it is the
/// largest part of a report in the model (4.5 KB on average, 2.4 KB deflated), which a build
/// holds for the whole build, while only the checks, the report's page and its search record
/// read it, once each; `archive check` and `serve`, which hold less or read it more, keep the
/// text as read and spare deflate's time (a tenth of a 1,000,000-report check).
/// [`Narrative::text`] gives it back exactly as written.
#[derive(Clone, Serialize, Deserialize)]
pub struct Narrative(NarrativeBytes);

/// Two narratives are equal when their texts are, whether held as read or deflated.
impl PartialEq for Narrative {
    fn eq(&self, other: &Narrative) -> bool {
        self.len() == other.len() && self.text() == other.text()
    }
}

impl Eq for Narrative {}

#[derive(Clone, Serialize, Deserialize)]
enum NarrativeBytes {
    /// The text as read, or one that deflate does not make shorter (an empty or very short one).
    Plain(Box<str>),
    /// The raw deflate stream of a text of `len` bytes.
    Deflated { len: u32, deflated: Box<[u8]> },
}

impl Narrative {
    /// Holds `text` as it is.
    pub fn new(text: &str) -> Narrative {
        Narrative(NarrativeBytes::Plain(text.into()))
    }

    /// Holds the text deflated, when that makes it shorter.
    pub fn deflate(&mut self) {
        if let NarrativeBytes::Plain(text) = &self.0
            && let Some((len, deflated)) = deflated(text)
        {
            self.0 = NarrativeBytes::Deflated { len, deflated };
        }
    }

    /// The text, exactly as written.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            NarrativeBytes::Plain(text) => std::borrow::Cow::Borrowed(text),
            NarrativeBytes::Deflated { len, deflated } => {
                std::borrow::Cow::Owned(inflated(*len as usize, deflated))
            }
        }
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            NarrativeBytes::Plain(text) => text.len(),
            NarrativeBytes::Deflated { len, .. } => *len as usize,
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes it takes on the heap (what a report costs the model; `examples/model_bytes.rs`
    /// counts it).
    pub fn heap_bytes(&self) -> usize {
        match &self.0 {
            NarrativeBytes::Plain(text) => text.len(),
            NarrativeBytes::Deflated { deflated, .. } => deflated.len(),
        }
    }
}

/// The raw deflate stream of `text` and its length, if shorter than the text. Level 2: on the
/// corpus's narratives level 1 keeps 69 % of the bytes, 2 keeps 53 % (6: 51 %) for a fifth
/// more time; a narrative is deflated once per source read (the load cache keeps it so).
fn deflated(text: &str) -> Option<(u32, Box<[u8]>)> {
    let len = u32::try_from(text.len()).ok()?;
    let bytes = NARRATIVE_CODEC.with_borrow_mut(|codec| {
        let compress = &mut codec.compress;
        compress.reset();
        let mut out = Vec::with_capacity(text.len() / 2 + 64);
        loop {
            let read = usize::try_from(compress.total_in()).ok()?;
            let status = compress
                .compress_vec(
                    &text.as_bytes()[read..],
                    &mut out,
                    flate2::FlushCompress::Finish,
                )
                .ok()?;
            if status == flate2::Status::StreamEnd {
                return Some(out);
            }
            out.reserve(out.capacity().max(64));
        }
    })?;
    (bytes.len() < text.len()).then(|| (len, bytes.into_boxed_slice()))
}

/// The text of `len` bytes that `deflated` was made from ([`deflated`]).
fn inflated(len: usize, deflated: &[u8]) -> String {
    let bytes = NARRATIVE_CODEC.with_borrow_mut(|codec| {
        let decompress = &mut codec.decompress;
        decompress.reset(false);
        // One byte more than the text, so that a stream that does not end there shows.
        let mut out = Vec::with_capacity(len + 1);
        let status = decompress
            .decompress_vec(deflated, &mut out, flate2::FlushDecompress::Finish)
            .expect("a narrative's deflate stream, made by `deflated`, inflates");
        assert!(
            status == flate2::Status::StreamEnd && out.len() == len,
            "a narrative inflates to the {len} bytes it was made from"
        );
        out
    });
    String::from_utf8(bytes).expect("a narrative inflates to the UTF-8 text it was made from")
}

/// A raw-deflate compressor and decompressor for narratives, one pair a thread, reset between
/// narratives: a new zlib-rs compressor allocates and zeroes its window and hash tables (some
/// 300 KB) for each 4.5 KB text, about as long as compressing it (issue 16, branch `cpu3`).
struct NarrativeCodec {
    compress: flate2::Compress,
    decompress: flate2::Decompress,
}

thread_local! {
    static NARRATIVE_CODEC: std::cell::RefCell<NarrativeCodec> =
        std::cell::RefCell::new(NarrativeCodec {
            compress: flate2::Compress::new(flate2::Compression::new(2), false),
            decompress: flate2::Decompress::new(false),
        });
}

impl Default for Narrative {
    fn default() -> Narrative {
        Narrative::new("")
    }
}

impl fmt::Debug for Narrative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text(), f)
    }
}

/// A published file kept with its report (`originals:` in the front matter): the archive's own
/// copy of what the agency published, under `content/<agency>/originals/`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Original {
    /// The archived copy, relative to the agency's folder (`originals/<sha256>.pdf`).
    pub file: String,
    /// The file's name when it was imported (`2023年报.pdf`).
    pub name: String,
    /// The SHA-256 of its bytes, in lower-case hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its media type (`application/pdf`).
    pub media_type: String,
    /// The address it was published at, if known.
    pub url: Option<String>,
    /// When it was retrieved (for a local file: when it was imported).
    pub retrieved: jiff::Timestamp,
    /// How its values and sections differ from the source's when it was imported.
    pub differences: Vec<Difference>,
    /// The line of its `file:` key in the source.
    pub line: usize,
}

impl Original {
    /// The archived copy's name on the site, beside its report's page: its name in
    /// `originals/`, with `.txt` after a page or drawing the agency published (HTML, SVG, XML),
    /// which served as itself would run its scripts as the archive's own.
    pub fn published_name(&self) -> String {
        const ACTIVE: [&str; 6] = ["html", "htm", "shtml", "xhtml", "svg", "xml"];
        let name = self.file.rsplit('/').next().unwrap_or(&self.file);
        let active = name.rsplit_once('.').is_some_and(|(_, extension)| {
            ACTIVE.contains(&extension.to_ascii_lowercase().as_str())
        });
        if active {
            format!("{name}.txt")
        } else {
            name.to_owned()
        }
    }

    /// The SHA-256 of some bytes, in lower-case hex (as `sha256:` is written).
    pub fn digest(bytes: &[u8]) -> String {
        use sha2::Digest;
        hex(&sha2::Sha256::digest(bytes))
    }

    /// The SHA-256 of everything `reader` gives, in lower-case hex, and how many bytes it gave.
    pub fn digest_reader(reader: &mut impl std::io::Read) -> std::io::Result<(String, u64)> {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        let size = std::io::copy(reader, &mut hasher)?;
        Ok((hex(&hasher.finalize()), size))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Where an original differs from the report's source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Difference {
    /// A table cell: the source's value and the original's.
    Cell {
        /// The cell.
        id: CellId,
        /// The value in the source (the one the archive shows).
        source: Cell,
        /// The value read from the original.
        original: Cell,
    },
    /// A narrative section whose text differs, by its number (1 … 6).
    Section {
        /// 1 … 6, as the six headings 一 … 六 number them.
        number: u8,
    },
}

/// Everything a site holds, sorted: agencies by id, regions by path, reports by agency then year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Archive {
    /// The agencies.
    pub agencies: Vec<Agency>,
    /// The regions.
    pub regions: Vec<Region>,
    /// The reports.
    pub reports: Vec<Report>,
}

impl Archive {
    /// The agency with this id.
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies
            .binary_search_by(|agency| agency.id.as_str().cmp(id))
            .ok()
            .map(|at| &self.agencies[at])
    }

    /// The region with this path.
    pub fn region(&self, path: &str) -> Option<&Region> {
        self.regions
            .binary_search_by(|region| region.path.as_str().cmp(path))
            .ok()
            .map(|at| &self.regions[at])
    }

    /// The same agency's report of the year before the report at `at`, if the archive has it
    /// (a position in `reports`).
    pub fn year_before(&self, at: usize) -> Option<usize> {
        let report = &self.reports[at];
        // Sorted by agency, then year: the report before is the agency's previous.
        at.checked_sub(1).filter(|&before| {
            let before = &self.reports[before];
            before.agency == report.agency && before.year + 1 == report.year
        })
    }

    /// The reports of one agency, oldest first.
    pub fn agency_reports(&self, agency: &str) -> &[Report] {
        let start = self
            .reports
            .partition_point(|report| report.agency.as_str() < agency);
        let end = self
            .reports
            .partition_point(|report| report.agency.as_str() <= agency);
        &self.reports[start..end]
    }
}

/// Where a site's files are, relative to its root.
#[derive(Clone, Debug)]
pub struct SitePaths {
    /// The site's root (the folder holding `site.toml`).
    pub root: PathBuf,
}

impl SitePaths {
    /// The report sources.
    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The site's own templates, overriding the theme's.
    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The site's own static files, copied to the output's root.
    pub fn static_files(&self) -> PathBuf {
        self.root.join("static")
    }

    /// The themes folder.
    pub fn themes(&self) -> PathBuf {
        self.root.join("themes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_two_words() {
        // Every report holds a cell for every cell of the catalog.
        assert_eq!(std::mem::size_of::<Cell>(), 16);
    }

    #[test]
    fn a_narrative_gives_back_its_text_exactly() {
        let long = "## 一、总体情况\n\n2023年，我厅坚持以人民为中心的发展思想。\r\n".repeat(40);
        for text in ["", "\n", "短", long.as_str()] {
            let mut narrative = Narrative::new(text);
            assert_eq!(narrative.text(), text);
            narrative.deflate();
            assert_eq!(narrative.text(), text);
            assert_eq!(narrative.len(), text.len());
            assert!(narrative.heap_bytes() <= text.len());
        }
        // A long narrative is held in fewer bytes than its text, and reads back from the cache.
        let mut narrative = Narrative::new(&long);
        narrative.deflate();
        assert!(
            narrative.heap_bytes() < long.len() / 4,
            "{}",
            narrative.heap_bytes()
        );
        let stored = postcard::to_allocvec(&narrative).unwrap();
        let read: Narrative = postcard::from_bytes(&stored).unwrap();
        assert_eq!(read.text(), long);
        assert_eq!(read, narrative);
        // The thread's compressor is reset between texts: the same text deflates to the same
        // bytes whatever was deflated before it on the thread.
        let first = deflated(&long).unwrap();
        deflated("另一段文字，另一段文字，另一段文字。").unwrap();
        assert_eq!(deflated(&long).unwrap(), first);
        // Equal to the same text held as read.
        assert_eq!(read, Narrative::new(&long));
        assert_ne!(read, Narrative::new("短"));
    }

    #[test]
    fn row_lines_are_kept_for_the_rows_of_either_version() {
        let mut lines = RowLines::default();
        let rows: Vec<(TableKey, &str)> = TableKey::ALL
            .into_iter()
            .flat_map(|table| catalog().row_keys(table).map(move |row| (table, row)))
            .collect();
        for (at, &(table, row)) in rows.iter().enumerate() {
            assert_eq!(lines.get(table, row), None);
            lines.set(table, row, at + 7);
        }
        for (at, &(table, row)) in rows.iter().enumerate() {
            assert_eq!(lines.get(table, row), Some(at + 7), "{}.{row}", table.key());
        }
        lines.set(TableKey::Active, "no_such_row", 3);
        assert_eq!(lines.get(TableKey::Active, "no_such_row"), None);
        let stored = postcard::to_allocvec(&lines).unwrap();
        assert_eq!(postcard::from_bytes::<RowLines>(&stored).unwrap(), lines);
        let short = postcard::to_allocvec(&vec![1_u32; 3]).unwrap();
        assert!(postcard::from_bytes::<RowLines>(&short).is_err());
    }

    #[test]
    fn blank_is_null_and_whole_amounts_are_integers() {
        assert_eq!(Cell::Blank.to_json(), serde_json::Value::Null);
        let amount = |text: &str| Cell::Amount(Decimal::parse(text).unwrap());
        assert_eq!(amount("7545").to_json().to_string(), "7545");
        assert_eq!(amount("24252.311082").to_json().to_string(), "24252.311082");
        assert_eq!(amount("24252.311082").to_string(), "24252.311082");
        assert_eq!(Cell::Change(-18).to_json().to_string(), "-18");
    }

    #[test]
    fn a_procurement_amount_is_read_in_yuan_from_its_printed_text() {
        let yuan = |text: &str| yuan_of(text).map(|value| value.to_string());
        assert_eq!(yuan("75394432.52元").as_deref(), Some("75394432.52"));
        assert_eq!(yuan("251000元").as_deref(), Some("251000"));
        assert_eq!(yuan(" 7539.44万元").as_deref(), Some("75394400"));
        assert_eq!(yuan("1,200元").as_deref(), Some("1200"));
        for unreadable in [
            "",
            "元",
            "约75万",
            "75394432.52",
            "-5元",
            "七十万元",
            "1234567890123456.7元",
        ] {
            assert_eq!(yuan_of(unreadable), None, "{unreadable}");
        }
        assert_eq!(
            Cell::text("73802895.90元").decimal(),
            Decimal::parse("73802895.90")
        );
    }

    #[test]
    fn a_row_is_had_when_one_of_its_cells_is() {
        let mut cells = Cells::default();
        let id = catalog()
            .find(TableKey::Applications, "other_handling", "total")
            .unwrap();
        cells.set(id, Cell::Blank);
        assert!(cells.has_row(TableKey::Applications, "other_handling"));
        assert!(!cells.has_row(TableKey::Applications, "received"));
    }
}
