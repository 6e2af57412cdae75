//! A comparison table over the years (the agency page's figures and rates): its rows and
//! cells, and its markup, made here like the report tables' (an agency page has some 2,000
//! cells).

use serde::Serialize;

use super::{ChangeView, CompareCell, CompareViews};
use crate::html::escape;

/// A year's head in an agency's tables.
#[derive(Debug, Serialize)]
pub(in crate::render) struct YearHead {
    pub(super) year: u16,
    pub(super) url: Option<String>,
    pub(super) format: Option<&'static str>,
    /// The template version changes at this year.
    pub(super) break_before: bool,
}

/// One figure's line.
#[derive(Debug, Serialize)]
pub(in crate::render) struct CompareRow {
    /// The enclosing row's label, on the first line of its group.
    pub(super) group: Option<String>,
    /// How many lines the group spans.
    pub(super) group_span: usize,
    pub(super) label: String,
    /// The full key, or the rate's key.
    pub(super) key: String,
    /// A link to the figure's definition (rates).
    pub(super) url: Option<String>,
    pub(super) cells: Vec<CompareCell>,
}

/// A table of figures over the years.
#[derive(Debug, Serialize)]
pub(in crate::render) struct CompareTable {
    pub(super) id: String,
    pub(super) caption: String,
    /// Whether rows have group headers (a column for them).
    pub(super) grouped: bool,
    pub(super) rows: Vec<CompareRow>,
}

/// A comparison table as a theme receives it: its markup is made here, like the report tables'
/// (an agency page has some 2,000 cells).
#[derive(Debug, Serialize)]
pub(in crate::render) struct CompareTableView {
    pub(super) id: String,
    pub(super) caption: String,
    /// `<table>` … `</table>` and a line break.
    pub(super) html: String,
}

impl CompareViews<'_> {
    /// A comparison table's markup.
    pub(super) fn table_view(&self, table: CompareTable, years: &[YearHead]) -> CompareTableView {
        let mut html = String::with_capacity(32 * 1024);
        let out = &mut html;
        out.push_str("<table class=\"compare-table\" id=\"");
        escape(out, &table.id);
        out.push_str("\">\n<caption id=\"");
        escape(out, &table.id);
        out.push_str("-caption\">");
        escape(out, &table.caption);
        out.push_str("</caption>\n");
        self.head_html(out, table.grouped, years);
        out.push_str("<tbody>\n");
        for row in &table.rows {
            self.row_html(out, row);
        }
        out.push_str("</tbody>\n</table>\n");
        CompareTableView {
            id: table.id,
            caption: table.caption,
            html,
        }
    }

    /// The head: the figures' column (two wide when rows are grouped), then a column a year.
    fn head_html(&self, out: &mut String, grouped: bool, years: &[YearHead]) {
        out.push_str("<thead><tr><th scope=\"col\"");
        if grouped {
            out.push_str(" colspan=\"2\"");
        }
        out.push('>');
        escape(out, self.words.get("figure"));
        out.push_str("</th>");
        for year in years {
            out.push_str("<th scope=\"col\"");
            if year.break_before {
                out.push_str(" class=\"format-break\"");
            }
            out.push('>');
            match &year.url {
                Some(url) => {
                    out.push_str("<a href=\"");
                    escape(out, url);
                    out.push_str(&format!("\">{}</a>", year.year));
                }
                None => out.push_str(&year.year.to_string()),
            }
            if let Some(format) = year.format {
                out.push_str("<span class=\"format-name\">");
                escape(out, format);
                out.push_str("</span>");
            }
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n");
    }

    /// One figure's line: its group's head (on the group's first line), its label, its cells.
    fn row_html(&self, out: &mut String, row: &CompareRow) {
        out.push_str("<tr>");
        if let Some(group) = row.group.as_ref().filter(|group| !group.is_empty()) {
            out.push_str("<th scope=\"rowgroup\"");
            if row.group_span > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", row.group_span));
            }
            out.push('>');
            escape(out, group);
            out.push_str("</th>");
        }
        out.push_str("<th scope=\"row\">");
        match &row.url {
            Some(url) => {
                out.push_str("<a href=\"");
                escape(out, url);
                out.push_str("\">");
                escape(out, &row.label);
                out.push_str("</a>");
            }
            None => escape(out, &row.label),
        }
        out.push_str("</th>");
        for cell in &row.cells {
            self.cell_html(out, cell);
        }
        out.push_str("</tr>\n");
    }

    /// One year's value: the value, what a mark stands for, a rate's inputs, the change. A value
    /// cell has no class (the usual case: an agency's key figures have some 50 cells), the
    /// others `cell-<state>`.
    fn cell_html(&self, out: &mut String, cell: &CompareCell) {
        let state = (cell.state != "value").then_some(cell.state);
        match (state, cell.break_before) {
            (None, false) => out.push_str("<td>"),
            (None, true) => out.push_str("<td class=\"format-break\">"),
            (Some(state), break_before) => {
                out.push_str("<td class=\"cell-");
                escape(out, state);
                if break_before {
                    out.push_str(" format-break");
                }
                out.push_str("\">");
            }
        }
        escape(out, &cell.text);
        if let Some(hidden) = cell.hidden.filter(|hidden| !hidden.is_empty()) {
            out.push_str("<span class=\"visually-hidden\">");
            escape(out, hidden);
            out.push_str("</span>");
        }
        if let Some(detail) = cell.detail.as_ref().filter(|detail| !detail.is_empty()) {
            out.push_str("<span class=\"detail\">");
            escape(out, detail);
            out.push_str("</span>");
        }
        if let Some(change) = &cell.change {
            self.change_html(out, change);
        }
        out.push_str("</td>");
    }

    fn change_html(&self, out: &mut String, change: &ChangeView) {
        out.push_str("<span class=\"change change-");
        escape(out, change.class);
        out.push_str("\"><span class=\"visually-hidden\">");
        escape(out, self.words.get("change_against"));
        out.push_str("</span>");
        escape(out, &change.text);
        if let Some(percent) = change
            .percent
            .as_ref()
            .filter(|percent| !percent.is_empty())
        {
            out.push_str(" (");
            escape(out, percent);
            out.push(')');
        }
        out.push_str("</span>");
    }
}
