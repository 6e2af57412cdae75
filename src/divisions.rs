//! The national list of administrative divisions (GB/T 2260 codes and names, province → city →
//! county), shipped in `data/divisions.tsv` (source, date and licence in its header and in
//! docs/sources.md), written by `archive init` as `content/_regions.yaml`; and the two things
//! `init` and `import` both need of a region's name: the forms a name may be printed in and an
//! id in pinyin.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use archive_core::diagnostic::{Diagnostic, Location};
use archive_core::messages::cli;
use archive_core::model::Region;
use pinyin::ToPinyin;

/// The list: `code<TAB>name` a line, parents before their children, `#` comment lines first.
const DIVISIONS: &str = include_str!("../data/divisions.tsv");

/// The edition of the list, for the file `init` writes.
pub const EDITION: &str = "国家统计局 统计用区划代码 2023（截至 2023-06-30）";

/// One division and the divisions below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Division {
    /// Its GB/T 2260 code: 2 digits for a province, 4 for a city, 6 for a county.
    pub code: &'static str,
    /// Its Chinese name.
    pub name: &'static str,
    /// Its id in `_regions.yaml`, unique among its siblings.
    pub id: String,
    /// The divisions directly below it.
    pub children: Vec<Division>,
}

/// The whole country: every province with its cities and counties. Counties of a province's
/// own (北京市's districts, 济源市) hang from the province.
pub fn national() -> Vec<Division> {
    let mut provinces: Vec<Division> = Vec::new();
    for line in DIVISIONS.lines().filter(|line| !line.starts_with('#')) {
        let Some((code, name)) = line.split_once('\t') else {
            continue;
        };
        let division = Division {
            code,
            name,
            id: String::new(),
            children: Vec::new(),
        };
        match code.len() {
            2 => provinces.push(division),
            _ => place(&mut provinces, division),
        }
    }
    assign_ids(&mut provinces);
    provinces
}

/// The whole country as the archive's regions (paths of ids, sorted by path as `load` sorts
/// them): for telling a person where a name the archive's own list lacks would go.
pub fn national_regions() -> &'static [Region] {
    static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| {
        let mut regions = Vec::new();
        add_regions(&mut regions, "", &national());
        regions.sort_by(|a, b| a.path.cmp(&b.path));
        regions
    });
    &REGIONS
}

fn add_regions(regions: &mut Vec<Region>, parent: &str, divisions: &[Division]) {
    for division in divisions {
        let path = if parent.is_empty() {
            division.id.clone()
        } else {
            format!("{parent}/{}", division.id)
        };
        add_regions(regions, &path, &division.children);
        regions.push(Region {
            path,
            name: division.name.to_owned(),
        });
    }
}

/// Puts a city or county under its parent: the division whose code its code starts with,
/// the longest such (a city before its province).
fn place(provinces: &mut [Division], division: Division) {
    let Some(province) = provinces
        .iter_mut()
        .find(|province| division.code.starts_with(province.code))
    else {
        return;
    };
    let city = province
        .children
        .iter_mut()
        .rfind(|city| city.code.len() == 4 && division.code.starts_with(city.code));
    match city {
        Some(city) if division.code.len() == 6 => city.children.push(division),
        _ => province.children.push(division),
    }
}

/// Gives every division its id: its short name in pinyin, with its code appended where two
/// siblings would share one.
fn assign_ids(divisions: &mut [Division]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let ids: Vec<String> = divisions
        .iter()
        .map(|division| division_id(division.name))
        .collect();
    for id in &ids {
        *counts.entry(id.clone()).or_default() += 1;
    }
    for (division, id) in divisions.iter_mut().zip(ids) {
        division.id = if counts[&id] > 1 {
            format!("{id}-{}", division.code)
        } else {
            id
        };
        assign_ids(&mut division.children);
    }
}

/// The id of a division named `name`: its name without its ending (and without the peoples an
/// autonomous division names), in pinyin.
fn division_id(name: &str) -> String {
    // The official romanisation keeps 陕西 apart from 山西 (GB/T 2260's own spelling).
    if name == "陕西省" {
        return "shaanxi".to_owned();
    }
    // 延边朝鲜族自治州 → 延边, 新疆维吾尔自治区 → 新疆: the place, not the peoples it names.
    let short = if name.contains("自治") {
        leading_place(name)
    } else {
        short_name(name).unwrap_or(name)
    };
    short
        .chars()
        .map(
            |c| match PLACE_READINGS.iter().find(|(place, _)| *place == c) {
                Some((_, reading)) => (*reading).to_owned(),
                None => in_pinyin(&c.to_string()),
            },
        )
        .collect()
}

/// Characters place names read otherwise than their most common reading (长春, 重庆, 厦门,
/// 蚌埠, 西藏, 成都, 涡阳, 单县, 蔚县, 铅山).
const PLACE_READINGS: [(char, &str); 10] = [
    ('长', "chang"),
    ('重', "chong"),
    ('厦', "xia"),
    ('蚌', "beng"),
    ('藏', "zang"),
    ('都', "du"),
    ('涡', "guo"),
    ('单', "shan"),
    ('蔚', "yu"),
    ('铅', "yan"),
];

/// The place an autonomous division's name starts with: its first two characters, or one of the
/// longer places the provinces' and prefectures' autonomous divisions name (a county's longer
/// place is cut to two: its id is a name in a URL, its code says which division it is).
fn leading_place(name: &str) -> &str {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let end = |n: usize| chars.get(n).map_or(name.len(), |&(at, _)| at);
    const LONGER: [&str; 7] = [
        "内蒙古",
        "西双版纳",
        "博尔塔拉",
        "巴音郭楞",
        "克孜勒苏",
        "黔东南",
        "黔西南",
    ];
    LONGER
        .iter()
        .find(|place| name.starts_with(*place))
        .map_or(&name[..end(2)], |place| &name[..place.len()])
}

/// Endings a region's name may be printed without (淮安 for 淮安市).
const SUFFIXES: [&str; 11] = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
];

/// A region's name without its ending, when two characters or more remain (淮安市 → 淮安).
pub(crate) fn short_name(name: &str) -> Option<&str> {
    SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .filter(|short| short.chars().count() >= 2)
}

/// A text in toneless pinyin: each Chinese character's reading (ü written v, as keyboards type
/// it: 吕梁 → lvliang), ASCII letters and digits lower-cased, a hyphen for anything else (no two
/// in a row).
pub(crate) fn in_pinyin(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if let Some(reading) = c.to_pinyin() {
            out.extend(
                reading
                    .plain()
                    .chars()
                    .map(|c| if c == 'ü' { 'v' } else { c }),
            );
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The province `asked` names (山西省, 山西, its code 14 or its id `shanxi`), from `divisions`;
/// an error names `regions_file`, the list it was asked for.
pub fn province<'a>(
    divisions: &'a [Division],
    asked: &str,
    regions_file: &Path,
) -> Result<&'a Division, Diagnostic> {
    let asked = asked.trim();
    divisions
        .iter()
        .find(|province| {
            province.name == asked
                || short_name(province.name) == Some(asked)
                || province.code == asked
                || province.id == asked
        })
        .ok_or_else(|| unknown_province(divisions, asked, regions_file))
}

/// `--province` named no province: the provinces listed.
fn unknown_province(divisions: &[Division], asked: &str, regions_file: &Path) -> Diagnostic {
    let names: Vec<&str> = divisions.iter().map(|province| province.name).collect();
    Diagnostic::error(Location::file(regions_file), cli::unknown_province(asked))
        .with_help(cli::unknown_province_help(&names.join("、")))
}

/// `content/_regions.yaml` listing `provinces` with every city and county below them, each with
/// its code in a comment.
pub fn regions_yaml(provinces: &[&Division]) -> String {
    let mut out = format!(
        "# 地区表：省 → 市 → 县，机关的 region 写 id 路径（例如 shanxi/linfen/houma）。\n\
         # 来源：{EDITION}，GB/T 2260 代码在每行的注释里；不用的地区可以删去，新设的地区照样添加。\n\
         # The region list (province → city → county): an agency's `region` is a path of ids.\n\
         # From the national list shipped with archive ({EDITION}; docs/sources.md).\n"
    );
    for province in provinces {
        write_division(&mut out, province, 0);
    }
    out
}

fn write_division(out: &mut String, division: &Division, depth: usize) {
    let indent = "    ".repeat(depth);
    // Names are plain Chinese: no YAML quoting is needed (checked by a test over the list).
    let _ = writeln!(out, "{indent}- id: {}  # {}", division.id, division.code);
    let _ = writeln!(out, "{indent}  name: {}", division.name);
    if !division.children.is_empty() {
        let _ = writeln!(out, "{indent}  children:");
        for child in &division.children {
            write_division(out, child, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests;
