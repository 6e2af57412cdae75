//! The ranking pages: a year's agencies ranked by each measure (the top and bottom
//! [`SHOWN_AT_EACH_END`], the whole list in the year's CSV), the rankings' index, and each
//! region's totals over the years.

use serde::Serialize;

use super::{AnswersViews, ChoiceView, ValueView};
use crate::address::{
    AnswersFile, Page, RANKED_REGION_DEPTH, RankingScope, agency_url, region_url,
};
use archive_core::answers::{RankedRow, Ranking, Scope, rankings, region_totals};
use archive_core::compare::{Measure, RANKED_MEASURES, Total};

/// How many agencies a ranking shows at its top and at its bottom: pages stay small at 100,000
/// reports, and the year's CSV has every agency.
pub(super) const SHOWN_AT_EACH_END: usize = 10;

/// One line of a ranking.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RankedLine {
    /// Before the bottom's first line: how many agencies were left out above it.
    gap: Option<String>,
    rank: usize,
    agency: String,
    agency_url: String,
    value: ValueView,
}

/// One measure's ranking.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RankingView {
    key: &'static str,
    name: &'static str,
    definition: String,
    definition_url: Option<String>,
    /// The top and the bottom, or every ranked agency when there are few.
    lines: Vec<RankedLine>,
    /// 「N 个数值取自与分项不符的总计」, when any is.
    contradicted: Option<String>,
    /// The reports not ranked (blank, or a rate over 0): a sentence and the first of them.
    unranked_text: Option<String>,
    unranked: Vec<RankedLine>,
}

/// A year's ranking page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RankingPageView {
    year: u16,
    scope: String,
    scopes: Vec<ChoiceView>,
    years: Vec<ChoiceView>,
    reports_text: String,
    csv_url: String,
    rankings: Vec<RankingView>,
}

/// A region's line of the rankings' index.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RegionTotalsLink {
    name: String,
    url: String,
    depth: usize,
}

/// The rankings' index.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RankingsIndexView {
    years: Vec<ChoiceView>,
    regions: Vec<RegionTotalsLink>,
    builder_url: String,
}

/// A measure's total of a region in one year.
#[derive(Debug, Serialize)]
pub(in crate::render) struct TotalCell {
    text: String,
    notes: Vec<String>,
}

/// A year of a region's totals.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RegionYearView {
    year: u16,
    reports: usize,
    url: String,
    cells: Vec<TotalCell>,
}

/// A region's totals over the years.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RegionTotalsView {
    name: String,
    region_url: String,
    coverage: String,
    measures: Vec<&'static str>,
    years: Vec<RegionYearView>,
}

impl AnswersViews<'_> {
    /// The rankings' index: the years, every region's totals, the builder.
    pub(in crate::render) fn rankings_index(&self) -> RankingsIndexView {
        RankingsIndexView {
            years: self.year_choices(None, RankingScope::All),
            regions: (0..self.archive.regions.len())
                .map(|at| {
                    let region = &self.archive.regions[at];
                    RegionTotalsLink {
                        name: region.name.clone(),
                        url: self.page_link(Page::RegionTotals(at)),
                        depth: region.depth(),
                    }
                })
                .collect(),
            builder_url: self.page_link(Page::Builder),
        }
    }

    fn year_choices(&self, shown: Option<u16>, scope: RankingScope) -> Vec<ChoiceView> {
        self.index
            .years
            .keys()
            .filter(|&&year| self.scopes_of(year).contains(&scope))
            .map(|&year| ChoiceView {
                name: year.to_string(),
                url: self.page_link(Page::RankingYear(year, scope)),
                current: Some(year) == shown,
            })
            .collect()
    }

    /// A year's ranking page for the agencies in `scope`.
    pub(in crate::render) fn ranking_page(
        &self,
        year: u16,
        scope: RankingScope,
    ) -> RankingPageView {
        let core_scope = match scope {
            RankingScope::All => Scope::All,
            RankingScope::Region(at) => Scope::Region(&self.archive.regions[at].path),
            RankingScope::Kind(kind) => Scope::Kind(kind),
        };
        let rankings = rankings(self.archive, self.index, self.checks, year, core_scope);
        let reports = rankings
            .first()
            .map_or(0, |ranking| ranking.ranked.len() + ranking.unranked.len());
        RankingPageView {
            year,
            scope: self.scope_name(scope),
            scopes: self.scope_choices(year, scope),
            years: self.year_choices(Some(year), scope),
            reports_text: self
                .words
                .fill("ranking_reports", &[("reports", &reports.to_string())]),
            csv_url: self.link(&AnswersFile::Rankings(year).url()),
            rankings: rankings
                .iter()
                .map(|ranking| self.ranking(ranking))
                .collect(),
        }
    }

    fn ranking(&self, ranking: &Ranking) -> RankingView {
        let line = |rank: usize, row: &RankedRow| {
            let agency = &self.archive.agencies[row.agency];
            RankedLine {
                gap: None,
                rank,
                agency: agency.name.clone(),
                agency_url: self.link(&agency_url(agency)),
                value: self.value(row.report, &row.value),
            }
        };
        let (definition, definition_url) = self.definition(ranking.figure);
        let contradicted = ranking.contradicted();
        RankingView {
            key: ranking.figure.key,
            name: self.words.label(ranking.figure.name),
            definition,
            definition_url,
            lines: self.ranked_lines(ranking, &line),
            contradicted: (contradicted > 0).then(|| {
                self.words.fill(
                    "ranking_contradicted",
                    &[("count", &contradicted.to_string())],
                )
            }),
            unranked_text: (!ranking.unranked.is_empty()).then(|| {
                self.words.fill(
                    "ranking_unranked",
                    &[("count", &ranking.unranked.len().to_string())],
                )
            }),
            unranked: ranking
                .unranked
                .iter()
                .take(SHOWN_AT_EACH_END)
                .map(|row| line(0, row))
                .collect(),
        }
    }

    /// The top and bottom [`SHOWN_AT_EACH_END`] of a ranking, the gap between them said.
    fn ranked_lines(
        &self,
        ranking: &Ranking,
        line: &dyn Fn(usize, &RankedRow) -> RankedLine,
    ) -> Vec<RankedLine> {
        let count = ranking.ranked.len();
        let mut lines: Vec<RankedLine> = Vec::new();
        for (at, row) in ranking.ranked.iter().enumerate() {
            if at < SHOWN_AT_EACH_END || at + SHOWN_AT_EACH_END >= count {
                lines.push(line(at + 1, row));
            }
        }
        let omitted = count.saturating_sub(2 * SHOWN_AT_EACH_END);
        if omitted > 0 {
            lines[SHOWN_AT_EACH_END].gap = Some(
                self.words
                    .fill("ranking_omitted", &[("count", &omitted.to_string())]),
            );
        }
        lines
    }

    /// A region's totals over the years.
    pub(in crate::render) fn region_totals(&self, at: usize) -> RegionTotalsView {
        let region = &self.archive.regions[at];
        let totals = region_totals(self.archive, self.index, self.checks, &region.path);
        RegionTotalsView {
            name: self.region_name(&region.path),
            region_url: self.link(&region_url(region)),
            coverage: self.words.fill(
                "region_coverage",
                &[
                    ("reports", &totals.reports.to_string()),
                    ("agencies", &totals.agencies.to_string()),
                    ("years", &totals.years.len().to_string()),
                ],
            ),
            measures: RANKED_MEASURES
                .iter()
                .map(|figure| self.words.label(figure.name))
                .collect(),
            years: totals
                .years
                .iter()
                .map(|year| RegionYearView {
                    year: year.year,
                    reports: year.reports,
                    url: self.page_link(self.region_year_page(at, year.year)),
                    cells: RANKED_MEASURES
                        .iter()
                        .zip(&year.totals)
                        .map(|(figure, total)| self.total_cell(&figure.measure, total))
                        .collect(),
                })
                .collect(),
        }
    }

    /// The ranking page of the region, or of the city or province above it, in a year when the
    /// region reported.
    fn region_year_page(&self, at: usize, year: u16) -> Page {
        let path = &self.archive.regions[at].path;
        let ranked: Vec<&str> = path.split('/').take(RANKED_REGION_DEPTH).collect();
        self.archive
            .regions
            .binary_search_by(|region| region.path.as_str().cmp(&ranked.join("/")))
            .ok()
            .map(RankingScope::Region)
            .filter(|scope| self.scopes_of(year).contains(scope))
            .map_or(Page::RankingYear(year, RankingScope::All), |scope| {
                Page::RankingYear(year, scope)
            })
    }

    fn total_cell(&self, measure: &Measure, total: &Total) -> TotalCell {
        let text = match measure {
            Measure::Sum(_) if total.counted == 0 => self.words.get("blank_short").to_owned(),
            Measure::Sum(_) => total.sum.to_string(),
            Measure::Rate(_) if total.denominator == 0 => self.words.get("rate_zero").to_owned(),
            Measure::Rate(_) => self.rate_text(total.sum, total.denominator),
        };
        let mut notes = Vec::new();
        if total.blank > 0 {
            notes.push(
                self.words
                    .fill("blank_excluded", &[("count", &total.blank.to_string())]),
            );
        }
        if total.contradicted > 0 {
            notes.push(self.words.fill(
                "total_contradicted",
                &[("count", &total.contradicted.to_string())],
            ));
        }
        TotalCell { text, notes }
    }
}
