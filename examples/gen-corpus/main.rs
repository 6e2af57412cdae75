//! `gen-corpus`: a deterministic synthetic archive, for benchmarks and for tests of the checks.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --agencies 500 --years 20 --out DIR
//! cargo run --release --example gen-corpus -- --reports 10000 --out DIR --hugo HUGO_DIR
//! ```
//!
//! `DIR` becomes an archive like any other: `site.toml`, `content/_regions.yaml` (real provinces,
//! invented cities, counties and districts), and one folder per agency (governments, departments,
//! development zones, townships …) with its `_agency.yaml` and one source a year, written by
//! `archive_core::source::render_source`. Each source has every cell of its template (gb2019 up to 2020,
//! gb2021 from 2021) and 3–6 KB of narrative under the six section headings.
//!
//! The figures are consistent (rules R1–R9 of the report format hold, also from one year to the
//! next) except in a known share of reports (`--findings`, 5% by default), each of which breaks
//! exactly one rule on purpose. `DIR/corpus.json` records what was made: counts by format, blank
//! rows, undated reports, and every injected finding with its rule and the cells changed.
//!
//! With `--hugo HUGO_DIR`, the same reports are also written as a Hugo site (Markdown pages with
//! the figures in front matter) for `benches/run.sh` to build beside the archive with the layouts
//! in `benches/hugo/`.
//!
//! The same arguments give the same bytes on any machine: every agency draws from its own stream
//! of a seeded SplitMix64 generator, so agencies are written in parallel without changing a byte.

mod figures;
mod hugo;
mod narrative;
mod places;
mod rng;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use archive_core::format::FormatId;
use archive_core::model::{AgencyKind, Narrative, Report, SourceMap};
use archive_core::source::render_source;
use clap::Parser;
use jiff::ToSpan;
use rayon::prelude::*;

use figures::{Fault, Injected, Series, Tables};
use narrative::{Contact, Omissions};
use places::{Place, PlannedAgency};
use rng::Rng;

/// Writes a synthetic archive of 政府信息公开工作年度报告 sources.
#[derive(Parser, Debug, Clone)]
#[command(name = "gen-corpus")]
struct Args {
    /// How many agencies; each reports every one of --years.
    #[arg(long, conflicts_with = "reports", required_unless_present = "reports")]
    agencies: Option<usize>,
    /// How many reports in all: as many agencies as that takes, the last with fewer years.
    #[arg(long)]
    reports: Option<usize>,
    /// Years each agency reports, ending with --last-year (gb2019 up to 2020, gb2021 from 2021).
    #[arg(long, default_value_t = 7)]
    years: u16,
    /// The last year reported.
    #[arg(long, default_value_t = 2025)]
    last_year: u16,
    /// The seed: the same seed and arguments give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The share of reports given one injected finding (one of R1–R9).
    #[arg(long, default_value_t = 0.05)]
    findings: f64,
    /// The folder to write the archive in.
    #[arg(long)]
    out: PathBuf,
    /// Also write the same reports as a Hugo site in this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Replace the folders if an earlier run of gen-corpus wrote them.
    #[arg(long)]
    force: bool,
}

/// The file that marks a folder as written by gen-corpus (so that --force may replace it).
const MARKER: &str = ".gen-corpus";

fn main() -> ExitCode {
    let args = Args::parse();
    match generate(&args) {
        Ok(summary) => {
            eprintln!(
                "wrote {} reports of {} agencies in {} ({} with an injected finding)",
                summary.reports,
                summary.agencies,
                args.out.display(),
                summary.injected
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// What a run wrote.
#[derive(Debug)]
struct Summary {
    reports: usize,
    agencies: usize,
    injected: usize,
}

fn generate(args: &Args) -> Result<Summary, String> {
    let first_year = args
        .last_year
        .checked_sub(args.years.saturating_sub(1))
        .filter(|&year| year >= archive_core::load::FIRST_YEAR && args.years > 0)
        .ok_or_else(|| {
            format!(
                "--years {} ending with {} starts before {}",
                args.years,
                args.last_year,
                archive_core::load::FIRST_YEAR
            )
        })?;
    if !(0.0..=1.0).contains(&args.findings) {
        return Err("--findings is a share between 0 and 1, e.g. 0.05".to_owned());
    }
    let years_per_agency = usize::from(args.years);
    let (agency_count, report_count) = match (args.agencies, args.reports) {
        (Some(agencies), _) => (agencies, agencies * years_per_agency),
        (None, Some(reports)) => (reports.div_ceil(years_per_agency), reports),
        (None, None) => unreachable!("clap requires one"),
    };
    prepare(&args.out, args.force)?;
    if let Some(hugo) = &args.hugo {
        prepare(hugo, args.force)?;
    }

    let plan = places::plan(args.seed, agency_count);
    let region_names = full_names(&plan.provinces);
    let content = args.out.join("content");
    write(
        &content.join("_regions.yaml"),
        &places::regions_yaml(&plan.provinces),
    )?;
    write(&args.out.join("site.toml"), SITE_TOML)?;
    if let Some(hugo) = &args.hugo {
        hugo::write_site(hugo)?;
    }

    // Every agency from its own stream, in parallel; the results come back in plan order.
    let findings_per_100k = (args.findings * 100_000.0).round() as u64;
    let results: Vec<Result<AgencyOutcome, String>> = plan
        .agencies
        .par_iter()
        .enumerate()
        .map(|(at, planned)| {
            let skip = (at + 1) * years_per_agency;
            let years = if skip > report_count {
                years_per_agency - (skip - report_count).min(years_per_agency)
            } else {
                years_per_agency
            };
            let years = args.last_year + 1 - years as u16..=args.last_year;
            let outcome = agency_reports(args.seed, at, planned, years, findings_per_100k);
            write_agency(args, planned, &outcome, &region_names)?;
            Ok(outcome)
        })
        .collect();
    let outcomes: Vec<AgencyOutcome> = results.into_iter().collect::<Result<_, _>>()?;

    let manifest = manifest(args, first_year, &plan, &outcomes, &region_names);
    write(
        &args.out.join("corpus.json"),
        &(serde_json::to_string_pretty(&manifest).expect("JSON serializes") + "\n"),
    )?;
    Ok(Summary {
        reports: outcomes.iter().map(|outcome| outcome.reports.len()).sum(),
        agencies: outcomes.len(),
        injected: outcomes
            .iter()
            .flat_map(|outcome| &outcome.reports)
            .filter(|made| made.injected.is_some())
            .count(),
    })
}

/// One report as made, with what was done to it.
struct Made {
    report: Report,
    tables: Tables,
    injected: Option<Injected>,
}

struct AgencyOutcome {
    reports: Vec<Made>,
}

fn agency_reports(
    seed: u64,
    at: usize,
    planned: &PlannedAgency,
    years: std::ops::RangeInclusive<u16>,
    findings_per_100k: u64,
) -> AgencyOutcome {
    let mut rng = Rng::stream(seed, at as u64 + 1);
    let contact = Contact::new(&mut rng, planned);
    let mut series = Series::default();
    let mut reports = Vec::new();
    for year in years {
        let format = FormatId::for_year(year);
        let mut tables = figures::generate(&mut rng, planned, format, &mut series);
        let fault = (rng.below(100_000) < findings_per_100k).then(|| {
            let possible: Vec<Fault> = Fault::ALL
                .into_iter()
                .filter(|&fault| tables.can_break(fault))
                .collect();
            *rng.pick(&possible)
        });
        let mut omit = Omissions::default();
        let mut published = publication_date(&mut rng, planned.agency.kind, year);
        let detail = fault.map(|fault| match fault {
            Fault::R7 => {
                let late = rng.range(1, 120);
                let date = deadline(planned.agency.kind, year)
                    .checked_add((late as i64).days())
                    .expect("a date in range");
                published = Some(date);
                format!("published {date}, {late} days after the deadline")
            }
            Fault::R8 => {
                if format == FormatId::Gb2021 && rng.per_mille(500) {
                    omit.fee_statement = true;
                    "section 六 does not state the 信息处理费".to_owned()
                } else {
                    let section = *rng.pick(&[2u8, 5, 6]);
                    omit.section = Some(section);
                    format!("section {section} is missing")
                }
            }
            table_fault => tables.inject(&mut rng, table_fault, &mut series),
        });
        let body = narrative::narrative(&mut rng, planned, &contact, year, &tables, omit);
        let agency = &planned.agency;
        let title = if rng.per_mille(150) {
            format!("{}{year}年度政府信息公开工作年度报告", agency.name)
        } else {
            format!("{}{year}年政府信息公开工作年度报告", agency.name)
        };
        let source_url = agency
            .website
            .as_ref()
            .map(|website| format!("{website}zwgk/ndbg/{year}.html"));
        let original_file = agency
            .website
            .as_ref()
            .filter(|_| rng.per_mille(300))
            .map(|website| format!("{website}zwgk/ndbg/{year}.pdf"));
        let report = Report {
            agency: agency.id.clone(),
            year,
            format,
            title,
            published,
            issuer: Some(contact.issuer.clone()),
            source_url,
            original_file,
            notes: None,
            import_notes: None,
            originals: Vec::new(),
            cells: tables.cells(),
            body: Narrative::new(&body),
            source: SourceMap::default(),
        };
        reports.push(Made {
            report,
            injected: fault.zip(detail).map(|(fault, detail)| Injected {
                rule: fault.rule(),
                detail,
            }),
            tables,
        });
    }
    AgencyOutcome { reports }
}

/// The date a report is due (rule R7): 31 January of the next year for departments, 31 March for
/// governments and townships (the archive's default deadlines, written into site.toml).
fn deadline(kind: AgencyKind, year: u16) -> jiff::civil::Date {
    let next = i16::try_from(year + 1).expect("a year");
    match kind {
        AgencyKind::PeopleGovernment | AgencyKind::Township => jiff::civil::date(next, 3, 31),
        _ => jiff::civil::date(next, 1, 31),
    }
}

/// When a report appeared: in time, or (2%) undated.
fn publication_date(rng: &mut Rng, kind: AgencyKind, year: u16) -> Option<jiff::civil::Date> {
    if rng.per_mille(20) {
        return None;
    }
    let due = deadline(kind, year);
    let start = jiff::civil::date(due.year(), 1, 5);
    let days = (due - start).get_days().max(0) as u64;
    Some(
        start
            .checked_add((rng.range(0, days) as i64).days())
            .expect("a date in range"),
    )
}

fn write_agency(
    args: &Args,
    planned: &PlannedAgency,
    outcome: &AgencyOutcome,
    region_names: &HashMap<String, String>,
) -> Result<(), String> {
    let folder = args.out.join("content").join(&planned.agency.id);
    write(
        &folder.join("_agency.yaml"),
        &places::agency_yaml(&planned.agency),
    )?;
    for made in &outcome.reports {
        write(
            &folder.join(format!("{}.md", made.report.year)),
            &render_source(&made.report),
        )?;
    }
    if let Some(hugo) = &args.hugo {
        let reports: Vec<&Report> = outcome.reports.iter().map(|made| &made.report).collect();
        hugo::write_agency(hugo, &planned.agency, &reports, region_names)?;
    }
    Ok(())
}

/// Region path → full name (江苏省 · 清河市 · 安平县).
fn full_names(provinces: &[Place]) -> HashMap<String, String> {
    fn walk(place: &Place, path: &str, name: &str, names: &mut HashMap<String, String>) {
        names.insert(path.to_owned(), name.to_owned());
        for child in &place.children {
            walk(
                child,
                &format!("{path}/{}", child.id),
                &format!("{name} · {}", child.name),
                names,
            );
        }
    }
    let mut names = HashMap::new();
    for province in provinces {
        walk(province, &province.id, &province.name, &mut names);
    }
    names
}

fn manifest(
    args: &Args,
    first_year: u16,
    plan: &places::Plan,
    outcomes: &[AgencyOutcome],
    region_names: &HashMap<String, String>,
) -> serde_json::Value {
    let made: Vec<&Made> = outcomes
        .iter()
        .flat_map(|outcome| &outcome.reports)
        .collect();
    let mut formats: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut findings: BTreeMap<&str, usize> = Fault::ALL
        .into_iter()
        .map(|fault| (fault.rule(), 0))
        .collect();
    let mut injected = Vec::new();
    for one in &made {
        *formats.entry(one.report.format.key()).or_default() += 1;
        if let Some(finding) = &one.injected {
            *findings.entry(finding.rule).or_default() += 1;
            injected.push(serde_json::json!({
                "report": one.report.key(),
                "rule": finding.rule,
                "detail": finding.detail,
            }));
        }
    }
    for planned in &plan.agencies {
        *kinds.entry(planned.agency.kind.key()).or_default() += 1;
    }
    let sizes: Vec<usize> = made.iter().map(|one| one.report.body.len()).collect();
    serde_json::json!({
        "generator": "gen-corpus",
        "seed": args.seed,
        "years": [first_year, args.last_year],
        "agencies": plan.agencies.len(),
        "agency_kinds": kinds,
        "regions": region_names.len(),
        "reports": made.len(),
        "formats": formats,
        "blank_rows": made.iter().map(|one| one.tables.blank_rows).sum::<usize>(),
        "undated": made.iter().filter(|one| one.report.published.is_none()).count(),
        "narrative_bytes": {
            "min": sizes.iter().min(),
            "mean": sizes.iter().sum::<usize>() / sizes.len().max(1),
            "max": sizes.iter().max(),
        },
        "findings_share": args.findings,
        "findings": findings,
        "injected": injected,
    })
}

const SITE_TOML: &str = r#"# A synthetic archive written by gen-corpus (examples/gen-corpus): not real reports.
title = "政府信息公开工作年度报告库（合成数据）"
description = "由 gen-corpus 生成的合成报告，用于性能测试和检查规则的测试。"
base_url = "https://example.org/"
language = "zh"
theme = "default"
output_dir = "public"

[deadlines]
people_government = "03-31"
department = "01-31"
development_zone = "01-31"
township = "03-31"
other = "01-31"
"#;

/// Makes `folder` ready to write: absent, or (with --force) one that gen-corpus wrote before.
fn prepare(folder: &Path, force: bool) -> Result<(), String> {
    if folder.exists() {
        if !force {
            return Err(format!(
                "{} exists; pass --force to replace a corpus gen-corpus wrote",
                folder.display()
            ));
        }
        if !folder.join(MARKER).is_file() {
            return Err(format!(
                "{} exists and was not written by gen-corpus; choose another folder",
                folder.display()
            ));
        }
        fs::remove_dir_all(folder)
            .map_err(|error| format!("cannot remove {}: {error}", folder.display()))?;
    }
    write(
        &folder.join(MARKER),
        "Written by gen-corpus; replaced by gen-corpus --force.\n",
    )
}

/// Writes a file, making its folder.
fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

#[cfg(test)]
mod tests;
