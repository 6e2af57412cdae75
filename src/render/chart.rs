//! Charts drawn at build time as inline SVG: no script, no inline style, and each with a text
//! alternative (`role="img"`, a `<title>` and a `<desc>` that says every value in words). Colours
//! come from the theme's stylesheet through class names, with presentation attributes as a
//! fallback.
//!
//! A year without a report is a gap in the chart and is labelled as such; a blank value is
//! labelled blank, a rate over a zero denominator 无法计算; none is drawn as 0.
//!
//! The drawing is small (320 units wide) and its text 13 units high, and the stylesheet never
//! draws a chart narrower than 320 CSS pixels: text is never smaller than 13 px on any screen.

use std::fmt::Write;

use serde::Serialize;

use crate::html::escaped;

/// How the values are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// One bar per series and year.
    Bars,
    /// One line per series, broken where a year has no value.
    Line,
}

/// One value of a series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChartValue {
    /// No report that year.
    Gap,
    /// The report has no value (blank cells).
    Blank,
    /// A rate whose denominator is 0: the cells are there, the rate cannot be computed.
    Incalculable,
    /// A number.
    Value(f64),
}

/// One series of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    /// Its name, for the legend and the text alternative.
    pub name: String,
    /// One value per year.
    pub values: Vec<ChartValue>,
    /// Per year, a note said after the value (a contradicted total's parts' sum): the value's
    /// label gets a dagger, the text alternative and the caption's notes the words. Empty for none.
    pub marks: Vec<Option<String>>,
}

impl ChartSeries {
    fn mark(&self, at: usize) -> Option<&str> {
        self.marks.get(at).and_then(Option::as_deref)
    }
}

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// A unique id on the page (the title's and description's ids derive from it).
    pub id: String,
    /// The chart's title.
    pub title: String,
    /// Bars or a line.
    pub kind: ChartKind,
    /// Whether values are fractions shown as percentages (the axis then runs 0–100 %).
    pub percent: bool,
    /// The years along the axis.
    pub years: Vec<u16>,
    /// The series.
    pub series: Vec<ChartSeries>,
    /// The words for a year without a report, and for a blank value.
    pub gap_word: String,
    /// See `gap_word`.
    pub blank_word: String,
    /// The words for a rate over a zero denominator (`无法计算`).
    pub incalculable_word: String,
    /// How a year is written in the text alternative (`{year}年`).
    pub year_word: String,
    /// The text alternative's punctuation: after a series' name, between years, between series
    /// (`：`, `；`, `。` in Chinese).
    pub separators: [String; 3],
}

/// A chart ready to print.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Chart {
    /// The chart's id.
    pub id: String,
    /// Its title (also the figure's caption).
    pub title: String,
    /// The values in words: the text alternative.
    pub description: String,
    /// The `<svg>` element.
    pub svg: String,
    /// What the daggers on values say, shown under the chart: `2023年 行政复议：…`.
    pub notes: Vec<String>,
}

// The stylesheet keeps `.chart-svg` at least WIDTH CSS pixels wide, so a unit is never less
// than a pixel and TEXT_SIZE is the smallest size a reader sees.
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 26.0;
const TEXT_SIZE: f64 = 13.0;
const PLOT_WIDTH: f64 = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - TOP - BOTTOM;
/// Fallback colours of the series, used where the stylesheet is not applied.
const COLOURS: [&str; 3] = ["#9b1c1c", "#0b57a4", "#555d66"];

/// Draws a chart.
pub fn draw(spec: &ChartSpec) -> Chart {
    let description = describe(spec);
    let top_value = axis_top(spec);
    let band = PLOT_WIDTH / spec.years.len().max(1) as f64;
    let y_of = |value: f64| TOP + PLOT_HEIGHT - (value.max(0.0) / top_value) * PLOT_HEIGHT;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        id = escaped(&spec.id),
        title = escaped(&spec.title),
        desc = escaped(&description),
    );
    // The text size and the centred anchor once, inherited by every text (they were 35 bytes on
    // each of some 25 texts a chart, 0.4 KB a report: issue 16); texts anchored otherwise say so.
    let _ = write!(svg, r#"<g font-size="{TEXT_SIZE}" text-anchor="middle">"#);
    value_axis(&mut svg, spec, top_value, &y_of);
    year_axis(&mut svg, spec, band);
    match spec.kind {
        ChartKind::Bars => bars(&mut svg, spec, band, &y_of),
        ChartKind::Line => lines(&mut svg, spec, band, &y_of),
    }
    missing_marks(&mut svg, spec, band);
    // The legend, when there is more than one series.
    if spec.series.len() > 1 {
        legend(&mut svg, spec);
    }
    svg.push_str("</g></svg>");
    Chart {
        id: spec.id.clone(),
        title: spec.title.clone(),
        description,
        svg,
        notes: notes(spec),
    }
}

/// Each marked value's note, by year and series: `2023年 行政复议：0（分项合计 11）与分项不符`.
fn notes(spec: &ChartSpec) -> Vec<String> {
    let mut notes = Vec::new();
    for (at, year) in spec.years.iter().enumerate() {
        for series in &spec.series {
            if let Some(mark) = series.mark(at) {
                let year = spec.year_word.replace("{year}", &year.to_string());
                notes.push(format!(
                    "{year} {}{}{mark}",
                    series.name, spec.separators[0]
                ));
            }
        }
    }
    notes
}

/// A value's label on the chart: a dagger when a note says more about it.
fn value_label(series: &ChartSeries, at: usize, value: f64, percent: bool) -> String {
    let label = number(value, percent);
    if series.mark(at).is_some() {
        format!("{label}†")
    } else {
        label
    }
}

/// Grid lines and the values they stand at, from 0 to `top_value` in four steps.
fn value_axis(svg: &mut String, spec: &ChartSpec, top_value: f64, y_of: &dyn Fn(f64) -> f64) {
    for step in 0..=4 {
        let value = top_value * f64::from(step) / 4.0;
        let y = y_of(value);
        let _ = write!(
            svg,
            r##"<line class="chart-grid" x1="{LEFT}" y1="{y:.1}" x2="{x2}" y2="{y:.1}" stroke="#c9ced6" stroke-width="1"/><text class="chart-axis" x="{tx}" y="{ty:.1}" text-anchor="end">{label}</text>"##,
            x2 = WIDTH - RIGHT,
            tx = LEFT - 6.0,
            ty = y + 4.0,
            label = escaped(&number(value, spec.percent)),
        );
    }
}

/// The years along the bottom.
fn year_axis(svg: &mut String, spec: &ChartSpec, band: f64) {
    for (at, year) in spec.years.iter().enumerate() {
        let x = LEFT + band * (at as f64 + 0.5);
        let _ = write!(
            svg,
            r#"<text class="chart-axis" x="{x:.1}" y="{y}">{year}</text>"#,
            y = HEIGHT - BOTTOM + 17.0,
        );
    }
}

/// Years without a value in any series, marked at the baseline with the reason.
fn missing_marks(svg: &mut String, spec: &ChartSpec, band: f64) {
    for (at, _) in spec.years.iter().enumerate() {
        let missing: Vec<&str> = spec
            .series
            .iter()
            .filter_map(|series| match series.values.get(at) {
                Some(ChartValue::Gap) => Some(spec.gap_word.as_str()),
                Some(ChartValue::Blank) => Some(spec.blank_word.as_str()),
                Some(ChartValue::Incalculable) => Some(spec.incalculable_word.as_str()),
                _ => None,
            })
            .collect();
        if let Some(word) = missing.first()
            && missing.len() == spec.series.len()
        {
            let x = LEFT + band * (at as f64 + 0.5);
            let _ = write!(
                svg,
                r#"<text class="chart-missing" x="{x:.1}" y="{y:.1}">{word}</text>"#,
                y = TOP + PLOT_HEIGHT - 6.0,
                word = escaped(word),
            );
        }
    }
}

/// Each series' colour and name, along the top.
fn legend(svg: &mut String, spec: &ChartSpec) {
    let mut x = LEFT;
    for (at, series) in spec.series.iter().enumerate() {
        let _ = write!(
            svg,
            r##"<rect class="chart-series-{at}" x="{x:.1}" y="6" width="12" height="12" fill="{colour}"/><text class="chart-legend" x="{tx:.1}" y="16" text-anchor="start">{name}</text>"##,
            colour = COLOURS[at % COLOURS.len()],
            tx = x + 16.0,
            name = escaped(&series.name),
        );
        x += 24.0 + TEXT_SIZE * series.name.chars().count() as f64;
    }
}

fn bars(svg: &mut String, spec: &ChartSpec, band: f64, y_of: &dyn Fn(f64) -> f64) {
    let count = spec.series.len().max(1) as f64;
    let width = (band * 0.7 / count).min(48.0);
    for (at, _) in spec.years.iter().enumerate() {
        let centre = LEFT + band * (at as f64 + 0.5);
        let start = centre - width * count / 2.0;
        for (index, series) in spec.series.iter().enumerate() {
            let Some(ChartValue::Value(value)) = series.values.get(at).copied() else {
                continue;
            };
            let x = start + width * index as f64;
            let y = y_of(value);
            let height = (y_of(0.0) - y).max(0.0);
            let _ = write!(
                svg,
                r#"<rect class="chart-series-{index}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{height:.1}" fill="{colour}"/><text class="chart-value" x="{tx:.1}" y="{ty:.1}">{label}</text>"#,
                w = width - 2.0,
                colour = COLOURS[index % COLOURS.len()],
                tx = x + (width - 2.0) / 2.0,
                ty = y - 4.0,
                label = escaped(&value_label(series, at, value, spec.percent)),
            );
        }
    }
}

fn lines(svg: &mut String, spec: &ChartSpec, band: f64, y_of: &dyn Fn(f64) -> f64) {
    for (index, series) in spec.series.iter().enumerate() {
        let colour = COLOURS[index % COLOURS.len()];
        // Runs of consecutive values, each drawn as one line: gaps and blanks break it.
        let mut runs: Vec<Vec<(f64, f64, f64, usize)>> = vec![Vec::new()];
        for (at, value) in series.values.iter().enumerate() {
            match value {
                ChartValue::Value(value) => {
                    let x = LEFT + band * (at as f64 + 0.5);
                    runs.last_mut()
                        .expect("one run at least")
                        .push((x, y_of(*value), *value, at));
                }
                ChartValue::Gap | ChartValue::Blank | ChartValue::Incalculable => {
                    runs.push(Vec::new())
                }
            }
        }
        for run in runs.iter().filter(|run| run.len() > 1) {
            let points: Vec<String> = run
                .iter()
                .map(|(x, y, _, _)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = write!(
                svg,
                r#"<polyline class="chart-line-{index}" points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
                points = points.join(" "),
            );
        }
        for (x, y, value, at) in runs.iter().flatten() {
            let _ = write!(
                svg,
                r#"<circle class="chart-series-{index}" cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/><text class="chart-value" x="{x:.1}" y="{ty:.1}">{label}</text>"#,
                ty = y - 8.0,
                label = escaped(&value_label(series, *at, *value, spec.percent)),
            );
        }
    }
}

/// The top of the value axis: 100 % for rates, else a round number above the largest value.
fn axis_top(spec: &ChartSpec) -> f64 {
    if spec.percent {
        return 1.0;
    }
    let largest = spec
        .series
        .iter()
        .flat_map(|series| &series.values)
        .filter_map(|value| match value {
            ChartValue::Value(value) => Some(*value),
            _ => None,
        })
        .fold(0.0_f64, f64::max);
    if largest <= 0.0 {
        return 4.0;
    }
    let raw_step = largest / 4.0;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| step * 4.0 >= largest)
        .unwrap_or(10.0 * magnitude);
    if step < 1.0 { 4.0 } else { step * 4.0 }
}

/// Every value in words: `平潭综合实验区新收申请：2019年 21；2020年 21；…`.
fn describe(spec: &ChartSpec) -> String {
    let mut parts = Vec::new();
    for series in &spec.series {
        let values: Vec<String> = spec
            .years
            .iter()
            .zip(&series.values)
            .enumerate()
            .map(|(at, (year, value))| {
                let year = spec.year_word.replace("{year}", &year.to_string());
                let value = match value {
                    ChartValue::Gap => spec.gap_word.clone(),
                    ChartValue::Blank => spec.blank_word.clone(),
                    ChartValue::Incalculable => spec.incalculable_word.clone(),
                    ChartValue::Value(value) => number(*value, spec.percent),
                };
                match series.mark(at) {
                    Some(mark) => format!("{year} {value}{mark}"),
                    None => format!("{year} {value}"),
                }
            })
            .collect();
        parts.push(format!(
            "{}{}{}",
            series.name,
            spec.separators[0],
            values.join(&spec.separators[1])
        ));
    }
    parts.join(&spec.separators[2])
}

/// A value as the chart labels it: whole numbers as they are, others with one decimal; fractions
/// as percentages.
pub fn number(value: f64, percent: bool) -> String {
    if percent {
        let percent = value * 100.0;
        if (percent - percent.round()).abs() < 0.05 {
            format!("{:.0}%", percent.round())
        } else {
            format!("{percent:.1}%")
        }
    } else if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: ChartKind, values: Vec<ChartValue>) -> ChartSpec {
        ChartSpec {
            id: "chart-received".into(),
            title: "新收申请 <总计>".into(),
            kind,
            percent: false,
            years: (2019..2019 + values.len() as u16).collect(),
            series: vec![ChartSeries {
                name: "新收申请".into(),
                values,
                marks: Vec::new(),
            }],
            gap_word: "无报告".into(),
            blank_word: "空白".into(),
            incalculable_word: "无法计算".into(),
            year_word: "{year}年".into(),
            separators: ["：".into(), "；".into(), "。".into()],
        }
    }

    #[test]
    fn the_text_alternative_says_every_value_gap_and_blank() {
        let chart = draw(&spec(
            ChartKind::Bars,
            vec![
                ChartValue::Value(21.0),
                ChartValue::Gap,
                ChartValue::Blank,
                ChartValue::Value(70.0),
            ],
        ));
        assert_eq!(
            chart.description,
            "新收申请：2019年 21；2020年 无报告；2021年 空白；2022年 70"
        );
        assert!(chart.svg.starts_with(r#"<svg class="chart-svg" viewBox="0 0 320 200" role="img" aria-labelledby="chart-received-title chart-received-desc""#));
        assert!(
            chart
                .svg
                .contains("<title id=\"chart-received-title\">新收申请 &lt;总计&gt;</title>")
        );
        // Two bars, and the gap and the blank written at the baseline rather than drawn as 0.
        assert_eq!(
            chart.svg.matches("<rect class=\"chart-series-0\"").count(),
            2
        );
        assert!(chart.svg.contains(">无报告</text>"));
        assert!(chart.svg.contains(">空白</text>"));
        assert!(!chart.svg.contains("style="));
    }

    #[test]
    fn a_marked_value_gets_a_dagger_and_its_note_is_said() {
        let mut marked = spec(
            ChartKind::Bars,
            vec![ChartValue::Value(0.0), ChartValue::Value(2.0)],
        );
        marked.series[0].marks = vec![Some("（分项合计 11）与分项不符".into()), None];
        let chart = draw(&marked);
        assert_eq!(
            chart.description,
            "新收申请：2019年 0（分项合计 11）与分项不符；2020年 2"
        );
        assert!(chart.svg.contains(">0†</text>"));
        assert!(chart.svg.contains(">2</text>"));
        assert_eq!(chart.notes, ["2019年 新收申请：（分项合计 11）与分项不符"]);
    }

    #[test]
    fn a_rate_over_zero_says_it_cannot_be_computed_and_text_is_readable() {
        let chart = draw(&ChartSpec {
            percent: true,
            ..spec(
                ChartKind::Line,
                vec![ChartValue::Value(0.5), ChartValue::Incalculable],
            )
        });
        assert!(chart.description.ends_with("2020年 无法计算"));
        assert!(chart.svg.contains(">无法计算</text>"));
        assert!(!chart.svg.contains(">空白</text>"));
        // Every text at 13 units, in a drawing the stylesheet keeps at least 320 px wide.
        assert!(chart.svg.contains(r#"viewBox="0 0 320 200""#));
        let sizes: Vec<&str> = chart
            .svg
            .split("font-size=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert!(
            !sizes.is_empty() && sizes.iter().all(|size| *size == "13"),
            "{sizes:?}"
        );
    }

    #[test]
    fn lines_break_at_gaps() {
        let chart = draw(&ChartSpec {
            percent: true,
            ..spec(
                ChartKind::Line,
                vec![
                    ChartValue::Value(0.5),
                    ChartValue::Value(0.25),
                    ChartValue::Gap,
                    ChartValue::Value(1.0),
                    ChartValue::Value(0.507),
                ],
            )
        });
        assert_eq!(chart.svg.matches("<polyline").count(), 2);
        assert_eq!(chart.svg.matches("<circle").count(), 4);
        assert!(chart.description.ends_with("2022年 100%；2023年 50.7%"));
    }

    #[test]
    fn the_axis_ends_at_a_round_number() {
        let top = |largest: f64| axis_top(&spec(ChartKind::Bars, vec![ChartValue::Value(largest)]));
        assert_eq!(top(70.0), 80.0);
        assert_eq!(top(21.0), 40.0);
        assert_eq!(top(3.0), 4.0);
        assert_eq!(top(0.0), 4.0);
        assert_eq!(top(447228.0), 800000.0);
    }
}
