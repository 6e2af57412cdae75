//! The agencies and the regions they sit in: provinces (the real ones), and synthetic cities,
//! counties and townships named from a syllable table, each with its government, departments and
//! the odd development zone.
//!
//! Cities are handed out to the provinces in turn, so that even a small corpus spans several
//! provinces, and each city brings its counties; the plan stops at the number of agencies asked
//! for, and only regions that hold an agency are kept.

use archive_core::model::{Agency, AgencyKind};

use crate::rng::Rng;

/// A region of `_regions.yaml`, with its children.
#[derive(Debug)]
pub(crate) struct Place {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) children: Vec<Place>,
}

/// An agency with what the figures and the narrative need to know of it.
#[derive(Debug)]
pub(crate) struct PlannedAgency {
    pub(crate) agency: Agency,
    /// How the narrative refers to the agency itself (我市, 我局 …).
    pub(crate) self_name: &'static str,
    /// Whether it may make 规章 (provincial and city governments).
    pub(crate) makes_rules: bool,
    /// New information-disclosure applications in a typical year.
    pub(crate) applications: u64,
    /// A rough size of its other figures (licences, penalties …).
    pub(crate) activity: u64,
}

/// The region tree and every agency, in plan order.
pub(crate) struct Plan {
    pub(crate) provinces: Vec<Place>,
    pub(crate) agencies: Vec<PlannedAgency>,
}

const PROVINCES: [(&str, &str); 31] = [
    ("beijing", "北京市"),
    ("tianjin", "天津市"),
    ("hebei", "河北省"),
    ("shanxi", "山西省"),
    ("neimenggu", "内蒙古自治区"),
    ("liaoning", "辽宁省"),
    ("jilin", "吉林省"),
    ("heilongjiang", "黑龙江省"),
    ("shanghai", "上海市"),
    ("jiangsu", "江苏省"),
    ("zhejiang", "浙江省"),
    ("anhui", "安徽省"),
    ("fujian", "福建省"),
    ("jiangxi", "江西省"),
    ("shandong", "山东省"),
    ("henan", "河南省"),
    ("hubei", "湖北省"),
    ("hunan", "湖南省"),
    ("guangdong", "广东省"),
    ("guangxi", "广西壮族自治区"),
    ("hainan", "海南省"),
    ("chongqing", "重庆市"),
    ("sichuan", "四川省"),
    ("guizhou", "贵州省"),
    ("yunnan", "云南省"),
    ("xizang", "西藏自治区"),
    ("shaanxi", "陕西省"),
    ("gansu", "甘肃省"),
    ("qinghai", "青海省"),
    ("ningxia", "宁夏回族自治区"),
    ("xinjiang", "新疆维吾尔自治区"),
];

/// Syllables for place names, with their pinyin for ids.
const SYLLABLES: [(&str, &str); 64] = [
    ("清", "qing"),
    ("河", "he"),
    ("安", "an"),
    ("平", "ping"),
    ("江", "jiang"),
    ("山", "shan"),
    ("阳", "yang"),
    ("南", "nan"),
    ("北", "bei"),
    ("东", "dong"),
    ("西", "xi"),
    ("城", "cheng"),
    ("源", "yuan"),
    ("宁", "ning"),
    ("兴", "xing"),
    ("华", "hua"),
    ("丰", "feng"),
    ("泉", "quan"),
    ("林", "lin"),
    ("石", "shi"),
    ("云", "yun"),
    ("新", "xin"),
    ("永", "yong"),
    ("和", "he"),
    ("乐", "le"),
    ("长", "chang"),
    ("庆", "qing"),
    ("福", "fu"),
    ("瑞", "rui"),
    ("昌", "chang"),
    ("德", "de"),
    ("明", "ming"),
    ("春", "chun"),
    ("湖", "hu"),
    ("海", "hai"),
    ("川", "chuan"),
    ("临", "lin"),
    ("望", "wang"),
    ("金", "jin"),
    ("玉", "yu"),
    ("桂", "gui"),
    ("龙", "long"),
    ("凤", "feng"),
    ("白", "bai"),
    ("青", "qing"),
    ("黄", "huang"),
    ("溪", "xi"),
    ("峰", "feng"),
    ("岭", "ling"),
    ("桥", "qiao"),
    ("泽", "ze"),
    ("远", "yuan"),
    ("嘉", "jia"),
    ("荣", "rong"),
    ("泰", "tai"),
    ("宜", "yi"),
    ("恩", "en"),
    ("信", "xin"),
    ("武", "wu"),
    ("文", "wen"),
    ("富", "fu"),
    ("康", "kang"),
    ("定", "ding"),
    ("沙", "sha"),
];

/// Provincial departments: (id suffix, name after the province's).
const PROVINCE_DEPARTMENTS: [(&str, &str); 14] = [
    ("fgw", "发展和改革委员会"),
    ("jyt", "教育厅"),
    ("gat", "公安厅"),
    ("mzt", "民政厅"),
    ("sft", "司法厅"),
    ("czt", "财政厅"),
    ("rst", "人力资源和社会保障厅"),
    ("zrzyt", "自然资源厅"),
    ("sthjt", "生态环境厅"),
    ("zjt", "住房和城乡建设厅"),
    ("jtt", "交通运输厅"),
    ("nynct", "农业农村厅"),
    ("wsjkw", "卫生健康委员会"),
    ("scjgj", "市场监督管理局"),
];

/// City and county departments.
const LOCAL_DEPARTMENTS: [(&str, &str); 20] = [
    ("fgj", "发展和改革局"),
    ("jyj", "教育局"),
    ("gaj", "公安局"),
    ("mzj", "民政局"),
    ("sfj", "司法局"),
    ("czj", "财政局"),
    ("rsj", "人力资源和社会保障局"),
    ("zrzyj", "自然资源和规划局"),
    ("sthjj", "生态环境局"),
    ("zjj", "住房和城乡建设局"),
    ("jtj", "交通运输局"),
    ("slj", "水利局"),
    ("nyncj", "农业农村局"),
    ("swj", "商务局"),
    ("wlj", "文化和旅游局"),
    ("wjw", "卫生健康委员会"),
    ("yjj", "应急管理局"),
    ("scjgj", "市场监督管理局"),
    ("tjj", "统计局"),
    ("ybj", "医疗保障局"),
];

/// Plans `count` agencies and the regions they need.
pub(crate) fn plan(seed: u64, count: usize) -> Plan {
    let mut rng = Rng::stream(seed, 0);
    let mut provinces: Vec<Place> = Vec::new();
    let mut agencies: Vec<PlannedAgency> = Vec::new();
    'rounds: loop {
        for (at, &(id, name)) in PROVINCES.iter().enumerate() {
            if agencies.len() >= count {
                break 'rounds;
            }
            if provinces.len() <= at {
                provinces.push(Place {
                    id: id.to_owned(),
                    name: name.to_owned(),
                    children: Vec::new(),
                });
                plan_province(&mut rng, &provinces[at], &mut agencies);
            }
            let province = &mut provinces[at];
            let city = plan_city(&mut rng, province, &mut agencies);
            province.children.push(city);
        }
    }
    agencies.truncate(count);
    // Keep the regions that hold an agency, and their ancestors.
    let used: std::collections::HashSet<&str> =
        agencies.iter().map(|a| a.agency.region.as_str()).collect();
    let mut kept = Vec::new();
    for mut province in provinces {
        let path = province.id.clone();
        prune(&mut province, &path, &used);
        if used.iter().any(|path| in_region(path, &province.id)) {
            kept.push(province);
        }
    }
    Plan {
        provinces: kept,
        agencies,
    }
}

fn in_region(path: &str, region: &str) -> bool {
    path == region
        || path
            .strip_prefix(region)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn prune(place: &mut Place, path: &str, used: &std::collections::HashSet<&str>) {
    place.children.retain_mut(|child| {
        let child_path = format!("{path}/{}", child.id);
        prune(child, &child_path, used);
        used.iter().any(|known| in_region(known, &child_path))
    });
}

fn plan_province(rng: &mut Rng, province: &Place, agencies: &mut Vec<PlannedAgency>) {
    let region = province.id.clone();
    let short = if province.name.ends_with('市') {
        "我市"
    } else if province.name.ends_with("自治区") {
        "我区"
    } else {
        "我省"
    };
    agencies.push(government(
        rng,
        format!("{}-gov", province.id),
        format!("{}人民政府", province.name),
        &region,
        short,
        (3000, 15000),
        true,
    ));
    agencies.push(department(
        rng,
        format!("{}-bgt", province.id),
        format!("{}人民政府办公厅", province.name),
        &region,
        (200, 2000),
    ));
    let count = rng.range(8, PROVINCE_DEPARTMENTS.len() as u64) as usize;
    for at in rng.choose(PROVINCE_DEPARTMENTS.len(), count) {
        let (code, name) = PROVINCE_DEPARTMENTS[at];
        agencies.push(department(
            rng,
            format!("{}-{code}", province.id),
            format!("{}{name}", province.name),
            &region,
            (80, 1500),
        ));
    }
}

fn plan_city(rng: &mut Rng, province: &Place, agencies: &mut Vec<PlannedAgency>) -> Place {
    let (id, stem) = place_name(rng, &province.children);
    let mut city = Place {
        id,
        name: format!("{stem}市"),
        children: Vec::new(),
    };
    let region = format!("{}/{}", province.id, city.id);
    let prefix = format!("{}-{}", province.id, city.id);
    agencies.push(government(
        rng,
        format!("{prefix}-gov"),
        format!("{}人民政府", city.name),
        &region,
        "我市",
        (500, 4000),
        true,
    ));
    agencies.push(department(
        rng,
        format!("{prefix}-bgs"),
        format!("{}人民政府办公室", city.name),
        &region,
        (50, 600),
    ));
    let count = rng.range(8, 14) as usize;
    for at in rng.choose(LOCAL_DEPARTMENTS.len(), count) {
        let (code, name) = LOCAL_DEPARTMENTS[at];
        agencies.push(department(
            rng,
            format!("{prefix}-{code}"),
            format!("{}{name}", city.name),
            &region,
            (20, 400),
        ));
    }
    if rng.per_mille(500) {
        agencies.push(planned(
            rng,
            format!("{prefix}-kfq"),
            format!("{}经济技术开发区管理委员会", city.name),
            AgencyKind::DevelopmentZone,
            &region,
            "管委会",
            (5, 80),
            false,
        ));
    }
    if rng.per_mille(300) {
        agencies.push(planned(
            rng,
            format!("{prefix}-ggzy"),
            format!("{}公共资源交易中心", city.name),
            AgencyKind::Other,
            &region,
            "我中心",
            (0, 20),
            false,
        ));
    }
    let counties = rng.range(4, 9);
    for _ in 0..counties {
        let county = plan_county(rng, &city, &region, &prefix, agencies);
        city.children.push(county);
    }
    city
}

fn plan_county(
    rng: &mut Rng,
    city: &Place,
    city_region: &str,
    city_prefix: &str,
    agencies: &mut Vec<PlannedAgency>,
) -> Place {
    let (id, stem) = place_name(rng, &city.children);
    let district = rng.per_mille(300);
    let county = Place {
        id,
        name: format!("{stem}{}", if district { "区" } else { "县" }),
        children: Vec::new(),
    };
    let region = format!("{city_region}/{}", county.id);
    let prefix = format!("{city_prefix}-{}", county.id);
    let mut government = government(
        rng,
        format!("{prefix}-gov"),
        format!("{}人民政府", county.name),
        &region,
        if district { "我区" } else { "我县" },
        (80, 900),
        false,
    );
    if rng.per_mille(200) {
        government.agency.aliases = vec![format!("{}{}人民政府", city.name, county.name)];
    }
    agencies.push(government);
    let count = rng.range(6, 10) as usize;
    for at in rng.choose(LOCAL_DEPARTMENTS.len(), count) {
        let (code, name) = LOCAL_DEPARTMENTS[at];
        agencies.push(department(
            rng,
            format!("{prefix}-{code}"),
            format!("{}{name}", county.name),
            &region,
            (3, 120),
        ));
    }
    let mut towns: Vec<Place> = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let (id, stem) = place_name(rng, &towns);
        let (name, suffix, short) = match rng.below(10) {
            0..=5 => (format!("{stem}镇人民政府"), "zhen", "我镇"),
            6 => (format!("{stem}乡人民政府"), "xiang", "我乡"),
            _ => (format!("{stem}街道办事处"), "jd", "我街道"),
        };
        agencies.push(planned(
            rng,
            format!("{prefix}-{id}-{suffix}"),
            name,
            AgencyKind::Township,
            &region,
            short,
            (0, 25),
            false,
        ));
        towns.push(Place {
            id,
            name: stem,
            children: Vec::new(),
        });
    }
    county
}

/// A two-syllable name not yet used among `siblings`: (id, name without its 市/县 suffix).
fn place_name(rng: &mut Rng, siblings: &[Place]) -> (String, String) {
    loop {
        let (first, first_pinyin) = *rng.pick(&SYLLABLES);
        let (second, second_pinyin) = *rng.pick(&SYLLABLES);
        if first == second {
            continue;
        }
        let id = format!("{first_pinyin}{second_pinyin}");
        let name = format!("{first}{second}");
        let taken = |candidate: &str| {
            siblings
                .iter()
                .any(|place| place.id == candidate || place.name.starts_with(&name))
        };
        if !taken(&id) {
            return (id, name);
        }
        // Another name with the same pinyin: number it (清河 qinghe, 青禾 qinghe2).
        if !siblings.iter().any(|place| place.name.starts_with(&name)) {
            let numbered = (2..).map(|n| format!("{id}{n}")).find(|id| !taken(id));
            if let Some(id) = numbered {
                return (id, name);
            }
        }
    }
}

fn government(
    rng: &mut Rng,
    id: String,
    name: String,
    region: &str,
    self_name: &'static str,
    applications: (u64, u64),
    makes_rules: bool,
) -> PlannedAgency {
    planned(
        rng,
        id,
        name,
        AgencyKind::PeopleGovernment,
        region,
        self_name,
        applications,
        makes_rules,
    )
}

fn department(
    rng: &mut Rng,
    id: String,
    name: String,
    region: &str,
    applications: (u64, u64),
) -> PlannedAgency {
    let self_name = match name.chars().last() {
        Some('局') => "我局",
        Some('厅') => "我厅",
        Some('会') => "我委",
        Some('室') => "我办",
        _ => "本机关",
    };
    planned(
        rng,
        id,
        name,
        AgencyKind::Department,
        region,
        self_name,
        applications,
        false,
    )
}

#[allow(
    clippy::too_many_arguments,
    reason = "one call site per kind, all named"
)]
fn planned(
    rng: &mut Rng,
    id: String,
    name: String,
    kind: AgencyKind,
    region: &str,
    self_name: &'static str,
    (low, high): (u64, u64),
    makes_rules: bool,
) -> PlannedAgency {
    let website = rng
        .per_mille(900)
        .then(|| format!("https://www.{id}.gov.example/"));
    PlannedAgency {
        agency: Agency {
            id,
            name,
            aliases: Vec::new(),
            kind,
            region: region.to_owned(),
            website,
        },
        self_name,
        makes_rules,
        applications: rng.range(low, high),
        activity: rng.range(low, high) * rng.range(5, 60),
    }
}

/// `_regions.yaml` for the plan.
pub(crate) fn regions_yaml(provinces: &[Place]) -> String {
    let mut out = String::from(
        "# Synthetic regions (gen-corpus): real provinces, invented cities and counties.\n",
    );
    for province in provinces {
        write_place(&mut out, province, 0);
    }
    out
}

fn write_place(out: &mut String, place: &Place, depth: usize) {
    let indent = "    ".repeat(depth);
    out.push_str(&format!(
        "{indent}- id: {}\n{indent}  name: {}\n",
        place.id, place.name
    ));
    if !place.children.is_empty() {
        out.push_str(&format!("{indent}  children:\n"));
        for child in &place.children {
            write_place(out, child, depth + 1);
        }
    }
}

/// An agency file, as `archive new` writes one.
pub(crate) fn agency_yaml(agency: &Agency) -> String {
    let mut out = format!("name: {}\n", agency.name);
    if !agency.aliases.is_empty() {
        out.push_str(&format!("aliases: [{}]\n", agency.aliases.join(", ")));
    }
    out.push_str(&format!("kind: {}\n", agency.kind.key()));
    out.push_str(&format!("region: {}\n", agency.region));
    if let Some(website) = &agency.website {
        out.push_str(&format!("website: {website}\n"));
    }
    out
}
