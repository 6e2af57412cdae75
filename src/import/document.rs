//! A published report as lines of text: from a web page (the article only, its tables kept as
//! tables), or from text copied from a page, extracted from a PDF, or with tables pasted from a
//! spreadsheet.

use std::sync::OnceLock;

use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::grid::{HtmlTable, RawCell};
use super::labels::TableLabels;
use super::nesting::{self, TooDeep};
use super::text::{collapse_whitespace, is_page_number, label_key};
use archive_core::format::TableKey;
use archive_core::messages::{Text, cli};

/// How the report reached the importer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A web page or a fragment of one, with `<table>` markup.
    Html,
    /// Text copied from a page: one line a paragraph, table cells on lines of their own or
    /// separated by tabs, or run together.
    Text,
    /// Text extracted from a PDF: lines wrapped at the page width, page numbers between pages,
    /// table cells one a line, often column by column.
    PdfText,
}

impl Form {
    /// How the form is named in messages.
    pub(crate) fn describe(self) -> Text {
        match self {
            Form::Html => cli::form_web_page(),
            Form::Text => cli::form_text(),
            Form::PdfText => cli::form_pdf_text(),
        }
    }
}

/// One line of the report's body.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Its text (empty for a table).
    pub(crate) text: String,
    /// Its line number in the input file (1-based), 0 where unknown.
    pub(crate) number: usize,
    /// The HTML table that stands here.
    pub(crate) table: Option<usize>,
}

/// A report as read, before anything is recognised in it.
#[derive(Debug, Default)]
pub(crate) struct Document {
    /// The form, once known.
    pub(crate) form: Option<Form>,
    /// The body: the article of a web page, the text after any header of a text.
    pub(crate) lines: Vec<Line>,
    /// The HTML tables of the article.
    pub(crate) tables: Vec<HtmlTable>,
    /// Whether table cells are tab-separated (text copied from a web table).
    pub(crate) tab_cells: bool,
    /// Whether a table was pasted from a spreadsheet (Excel, WPS): rows of tab-separated cells.
    pub(crate) pasted_sheet: bool,
    /// The provenance line the archive's collected files start with (`source: …`).
    pub(crate) provenance: Option<String>,
    /// Labelled fields found around the body: `标题`, `发布时间`, `<meta name="PubDate">` …
    pub(crate) fields: Vec<(String, String)>,
    /// The page's `<title>`.
    pub(crate) page_title: Option<String>,
}

impl Document {
    /// The value of a labelled field, if any of `names` was found.
    pub(crate) fn field(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|name| {
            self.fields
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.as_str())
        })
    }
}

/// Reads a decoded input. A web page nested too deeply to parse in bounded time is refused,
/// with the input's line where it went too deep.
pub(crate) fn read(text: &str) -> Result<Document, TooDeep> {
    let (provenance, body, first_line) = strip_provenance(text);
    let mut document = if looks_like_html(body) {
        nesting::check(body).map_err(|too_deep| TooDeep {
            line: too_deep.line + first_line as u64 - 1,
        })?;
        read_html(body)
    } else {
        read_text(body, first_line)
    };
    document.provenance = provenance;
    Ok(document)
}

/// The collected files start with `source: …` and a blank line.
fn strip_provenance(text: &str) -> (Option<String>, &str, usize) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().next() else {
        return (None, text, 1);
    };
    if !first
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("source:")
    {
        return (None, text, 1);
    }
    let mut rest = &text[first.len()..];
    rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .unwrap_or(rest);
    let mut skipped = 2;
    if let Some(blank) = rest.lines().next().filter(|line| line.trim().is_empty()) {
        rest = &rest[blank.len()..];
        rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .unwrap_or(rest);
        skipped += 1;
    }
    (Some(first.trim().to_owned()), rest, skipped)
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start();
    trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || ["<table", "<p>", "<p ", "<div", "<body", "<br"]
            .iter()
            .any(|tag| head.contains(tag))
            && trimmed.starts_with('<')
}

// ---- text ----

/// How many rows of tab-separated cells make a text a table pasted from a spreadsheet (a
/// report's tables have at least this many rows; a narrative has no tabs between words).
const PASTED_SHEET_ROWS: usize = 3;

impl Document {
    /// How the document is named in messages and summaries.
    pub(crate) fn describe(&self) -> Text {
        if self.pasted_sheet {
            return cli::form_pasted_sheet();
        }
        self.form.unwrap_or(Form::Text).describe()
    }
}

fn read_text(text: &str, first_line: usize) -> Document {
    let mut document = Document::default();
    let lines: Vec<&str> = text.lines().collect();
    // An archiver's header: `标题: …`, `发布时间: …` lines, then a `==== 正文 ====` line.
    let mut body_start = 0;
    if let Some(separator) = lines
        .iter()
        .take(60)
        .position(|line| line.contains("正文") && line.trim().starts_with("==="))
    {
        for line in &lines[..separator] {
            if let Some((key, value)) = field_line(line) {
                document.fields.push((key, value));
            }
        }
        body_start = separator + 1;
    }
    let mut tab_lines = 0;
    let mut sheet_rows = 0;
    let mut content_lines = 0;
    for (index, line) in lines.iter().enumerate().skip(body_start) {
        let number = first_line + index;
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            content_lines += 1;
            // A spreadsheet's row pasted as text: its label, a tab, its values.
            if line.trim_start_matches('\t').trim_end().contains('\t') {
                sheet_rows += 1;
            }
            if line.starts_with('\t') {
                tab_lines += 1;
            }
        }
        if is_page_number(line) {
            continue;
        }
        document.lines.push(Line {
            text: line.to_owned(),
            number,
            table: None,
        });
    }
    document.tab_cells = tab_lines * 5 >= content_lines.max(1);
    document.pasted_sheet = sheet_rows >= PASTED_SHEET_ROWS;
    let pdf = lines.iter().any(|line| is_page_number(line)) || hard_wrapped(&document.lines);
    document.form = Some(if pdf && !document.tab_cells {
        Form::PdfText
    } else {
        Form::Text
    });
    document
}

/// `标题: …` / `发布时间：…`: a short label before a colon.
fn field_line(line: &str) -> Option<(String, String)> {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let pattern = FIELD.get_or_init(|| {
        Regex::new(r"^\s*([\p{Han}A-Za-z]{2,8})\s*[:：]\s*(.*?)\s*$").expect("valid pattern")
    });
    let captures = pattern.captures(line)?;
    Some((captures[1].to_owned(), captures[2].to_owned()))
}

/// Whether most long lines end in mid-sentence: text wrapped at a page width.
fn hard_wrapped(lines: &[Line]) -> bool {
    let long: Vec<&str> = lines
        .iter()
        .map(|line| line.text.trim())
        .filter(|text| text.chars().count() >= 15)
        .collect();
    if long.len() < 10 {
        return false;
    }
    let open = long
        .iter()
        .filter(|text| !text.ends_with(['。', '；', '：', '！', '？', '」', '”']))
        .count();
    open * 10 >= long.len() * 6
}

// ---- HTML ----

const SKIPPED: [&str; 14] = [
    "script", "style", "noscript", "iframe", "template", "head", "button", "select", "option",
    "svg", "canvas", "object", "input", "textarea",
];

const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "center",
    "dd",
    "dt",
    "dl",
    "form",
    "main",
    "aside",
    "nav",
    "pre",
    "hr",
];

fn read_html(text: &str) -> Document {
    let html = Html::parse_document(text);
    let mut document = Document {
        form: Some(Form::Html),
        ..Document::default()
    };
    let meta = Selector::parse("meta[name][content]").expect("valid selector");
    for element in html.select(&meta) {
        let (Some(name), Some(content)) = (element.attr("name"), element.attr("content")) else {
            continue;
        };
        if !content.trim().is_empty() {
            document
                .fields
                .push((name.trim().to_owned(), content.trim().to_owned()));
        }
    }
    let title = Selector::parse("title").expect("valid selector");
    document.page_title = html
        .select(&title)
        .next()
        .map(|element| collapse_whitespace(&element.text().collect::<String>()))
        .filter(|title| !title.is_empty());
    let root = article(&html);
    // Labelled fields shown on the page outside the article (来源：… 时间：…).
    let body = Selector::parse("body").expect("valid selector");
    if let Some(body) = html.select(&body).next() {
        let mut outside = Vec::new();
        flatten(body, &mut outside, &mut Vec::new(), Some(root.id()));
        for line in outside {
            for part in line.text.split_whitespace() {
                if let Some((key, value)) = field_line(part) {
                    document.fields.push((key, value));
                }
            }
        }
    }
    let mut lines = Vec::new();
    flatten(root, &mut lines, &mut document.tables, None);
    document.lines = lines
        .into_iter()
        .filter(|line| line.table.is_some() || !line.text.trim().is_empty())
        .collect();
    document
}

/// The element that holds the report: the nearest common ancestor of the tables that carry the
/// template's labels and of the first and last section headings. The page's navigation, footer
/// and scripts lie outside it.
fn article(html: &Html) -> ElementRef<'_> {
    let root = html.root_element();
    let mut anchors: Vec<ElementRef<'_>> = Vec::new();
    let table_selector = Selector::parse("table").expect("valid selector");
    for table in html.select(&table_selector) {
        let text = label_key(&own_text(table));
        let relevant = TableKey::ALL
            .into_iter()
            .any(|key| !TableLabels::of(key).find_rows(&text, false).is_empty());
        if relevant {
            anchors.push(table);
        }
    }
    for heading in ["总体情况", "其他需要报告"] {
        let found = root.descendants().find_map(|node| match node.value() {
            Node::Text(text) if text.contains(heading) && text.chars().count() < 40 => {
                node.parent().and_then(ElementRef::wrap)
            }
            _ => None,
        });
        anchors.extend(found);
    }
    if anchors.is_empty() {
        return root;
    }
    let chains: Vec<Vec<ElementRef<'_>>> = anchors
        .iter()
        .map(|anchor| {
            let mut chain: Vec<ElementRef<'_>> =
                anchor.ancestors().filter_map(ElementRef::wrap).collect();
            chain.reverse();
            chain.push(*anchor);
            chain
        })
        .collect();
    let mut common = root;
    for depth in 0.. {
        let Some(first) = chains[0].get(depth) else {
            break;
        };
        if chains.iter().all(|chain| {
            chain
                .get(depth)
                .is_some_and(|element| element.id() == first.id())
        }) {
            common = *first;
        } else {
            break;
        }
    }
    // A single table as the only anchor: take its surroundings too.
    if anchors.len() == 1 {
        return common
            .ancestors()
            .filter_map(ElementRef::wrap)
            .nth(1)
            .unwrap_or(common);
    }
    common
}

/// A table's text without that of the tables nested in it: each table's text is read once, so
/// nested tables cost no more than tables side by side.
fn own_text(table: ElementRef<'_>) -> String {
    let mut text = String::new();
    // Tables open around the current node, the table itself the first.
    let mut tables = 0usize;
    for edge in table.traverse() {
        match edge {
            Edge::Open(node) if is_table(node) => tables += 1,
            Edge::Close(node) if is_table(node) => tables -= 1,
            Edge::Open(node) if tables == 1 => {
                if let Node::Text(part) = node.value() {
                    text.push_str(part);
                }
            }
            _ => {}
        }
    }
    text
}

fn is_table(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| e.name() == "table")
}

/// Writes an element's text as lines: a line break at every block element and `<br>`, a table
/// line for every `<table>` (its cells kept in `tables`). With `skip`, that element (the
/// article) is left out.
fn flatten(
    element: ElementRef<'_>,
    lines: &mut Vec<Line>,
    tables: &mut Vec<HtmlTable>,
    skip: Option<ego_tree::NodeId>,
) {
    let mut current = String::new();
    walk(element, lines, tables, skip, &mut current);
    end_line(lines, &mut current);
}

fn end_line(lines: &mut Vec<Line>, current: &mut String) {
    let text = collapse_whitespace(current);
    if !text.is_empty() {
        lines.push(Line {
            text,
            number: 0,
            table: None,
        });
    }
    current.clear();
}

fn walk(
    element: ElementRef<'_>,
    lines: &mut Vec<Line>,
    tables: &mut Vec<HtmlTable>,
    skip: Option<ego_tree::NodeId>,
    current: &mut String,
) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(inner) => {
                if Some(child.id()) == skip {
                    end_line(lines, current);
                    continue;
                }
                let name = inner.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                match name {
                    "br" => end_line(lines, current),
                    "table" => {
                        end_line(lines, current);
                        if skip.is_some() {
                            continue;
                        }
                        tables.push(read_table(child));
                        lines.push(Line {
                            text: String::new(),
                            number: 0,
                            table: Some(tables.len() - 1),
                        });
                    }
                    _ if BLOCKS.contains(&name) => {
                        end_line(lines, current);
                        walk(child, lines, tables, skip, current);
                        end_line(lines, current);
                    }
                    _ => walk(child, lines, tables, skip, current),
                }
            }
            _ => {}
        }
    }
}

/// A table laid out on its grid (`grid`): each cell at the positions its `rowspan` and `colspan`
/// cover.
fn read_table(table: ElementRef<'_>) -> HtmlTable {
    let mut rows = Vec::new();
    collect_rows(table, &mut rows);
    HtmlTable::build(rows)
}

fn collect_rows(element: ElementRef<'_>, rows: &mut Vec<Vec<RawCell>>) {
    for child in element.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => {
                let cells = child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|cell| matches!(cell.value().name(), "td" | "th"))
                    .map(|cell| RawCell {
                        text: cell_text(cell),
                        rows: span(cell.attr("rowspan")).unwrap_or(1),
                        columns: span(cell.attr("colspan")).filter(|&n| n > 0).unwrap_or(1),
                    })
                    .collect();
                rows.push(cells);
            }
            "table" => {}
            _ => collect_rows(child, rows),
        }
    }
}

/// A `rowspan` or `colspan` as browsers read it: leading digits, anything after them ignored
/// (`2px` is 2); `None` when there are none.
fn span(value: Option<&str>) -> Option<usize> {
    let value = value?.trim_start();
    let digits: String = value
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse().ok()
}

/// A cell's text, one line per paragraph or `<br>`.
fn cell_text(cell: ElementRef<'_>) -> String {
    let mut lines = Vec::new();
    let mut tables = Vec::new();
    let mut current = String::new();
    walk(cell, &mut lines, &mut tables, None, &mut current);
    end_line(&mut lines, &mut current);
    lines
        .into_iter()
        .map(|line| line.text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_is_split_off() {
        let document = read("source: https://example.gov.cn/a.htm (copied)\n\n标题\n正文一行\n")
            .expect("nests within the limit");
        assert_eq!(
            document.provenance.as_deref(),
            Some("source: https://example.gov.cn/a.htm (copied)")
        );
        assert_eq!(document.lines[0].text, "标题");
        assert_eq!(document.lines[0].number, 3);
        let bare = read("标题\n").expect("nests within the limit");
        assert!(bare.provenance.is_none());
        assert_eq!(bare.lines[0].number, 1);
    }

    #[test]
    fn html_article_is_found_and_tables_kept_as_cells() {
        let page = "<html><head><title>年报_网站</title><meta name=\"PubDate\" content=\"2024-03-08 15:34\"></head><body>\
            <div class=nav><a>首页</a><a>政务公开</a></div>\
            <div class=article><p>一、总体情况</p><p>正文。</p><table><tr><td>规章</td><td>0</td><td>&nbsp;</td></tr></table>\
            <p>六、其他需要报告的事项</p><p>无。</p></div><div class=footer>网站地图</div></body></html>";
        let document = read(page).expect("nests within the limit");
        assert_eq!(document.form, Some(Form::Html));
        let texts: Vec<&str> = document
            .lines
            .iter()
            .map(|line| line.text.as_str())
            .collect();
        assert_eq!(
            texts,
            vec![
                "一、总体情况",
                "正文。",
                "",
                "六、其他需要报告的事项",
                "无。"
            ]
        );
        assert_eq!(document.tables[0].texts(), vec![vec!["规章", "0", ""]]);
        assert_eq!(document.field(&["PubDate"]), Some("2024-03-08 15:34"));
        assert_eq!(document.page_title.as_deref(), Some("年报_网站"));
    }

    #[test]
    fn table_cells_keep_their_spans() {
        let page = "<table><tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=2px>（一）予以公开</td>\
            <td rowspan=x>5</td></tr><tr><td colspan=0>（二）部分公开</td><td>1</td></tr></table>";
        let document = read(page).expect("nests within the limit");
        let table = &document.tables[0];
        assert_eq!(
            table.texts(),
            vec![
                vec!["三、本年度办理结果", "（一）予以公开", "5"],
                vec!["三、本年度办理结果", "（二）部分公开", "1"],
            ]
        );
        assert_eq!((table.cells[0].rows, table.cells[1].columns), (2, 2));
        assert_eq!((table.cells[2].rows, table.cells[3].columns), (1, 1));
    }

    #[test]
    fn the_real_pages_tables_are_laid_out_as_drawn() {
        let report = |name: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import/reports")
                .join(name);
            read(&std::fs::read_to_string(path).expect("fixture")).expect("nests within the limit")
        };
        for name in [
            "06_pingtan_2023_page.html",
            "01_shanghai_shizhengfu_bangongting_2019.html",
        ] {
            let document = report(name);
            let [_, applications, appeals] = &document.tables[..] else {
                panic!("{name}: three tables");
            };
            // 三、本年度办理结果 (rowspan 20 or 22) and （三）不予公开 (rowspan 8) head the rows they
            // cover; the values start in the same column as in the row that holds the labels.
            let row = (0..applications.height())
                .find(|&row| {
                    applications
                        .row(row)
                        .iter()
                        .any(|cell| cell.text == "2.其他法律行政法规禁止公开")
                })
                .expect("row 2. of （三）");
            let texts: Vec<&str> = applications
                .row(row)
                .iter()
                .map(|cell| cell.text.as_str())
                .collect();
            assert_eq!(
                texts[..3],
                [
                    "三、本年度办理结果",
                    "（三）不予公开",
                    "2.其他法律行政法规禁止公开"
                ],
                "{name}"
            );
            assert_eq!(applications.row(row)[3].column, 3, "{name}");
            let first = applications.row(row - 1);
            assert_eq!(first[1].text, "（三）不予公开", "{name}");
            assert_eq!(first[3].column, 3, "{name}");
            // 行政复议 spans the five columns of its group, 未经复议直接起诉 the next five: the
            // values row has a value under each of the fifteen.
            let last = appeals.height() - 1;
            assert_eq!(appeals.at(0, 4).unwrap().text, "行政复议", "{name}");
            assert_eq!(appeals.at(0, 5).unwrap().text, "行政诉讼", "{name}");
            assert_eq!(appeals.at(1, 9).unwrap().text, "未经复议直接起诉", "{name}");
            assert_eq!(appeals.at(1, 10).unwrap().text, "复议后起诉", "{name}");
            assert!(
                (0..15).all(|column| appeals.at(last, column).unwrap().row == last),
                "{name}"
            );
        }
    }

    #[test]
    fn pdf_text_is_recognised_by_its_page_numbers() {
        let document = read("一、总体情况\n2024 年，我市坚持\n- 1 -\n以习近平\n")
            .expect("nests within the limit");
        assert_eq!(document.form, Some(Form::PdfText));
        assert!(
            document
                .lines
                .iter()
                .all(|line| !line.text.contains("- 1 -"))
        );
    }
}
