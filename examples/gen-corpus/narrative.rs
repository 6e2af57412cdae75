//! The narrative of a report: 3–6 KB of Chinese text under the six section headings, with
//! sub-headings, bulleted and numbered lists, and the report's own figures in the sentences.
//!
//! The phrases are written for this generator in the register of 政务公开 reports; they are not
//! taken from any real report.

use crate::figures::Tables;
use crate::places::PlannedAgency;
use crate::rng::Rng;

/// How an agency can be reached, the same every year.
#[derive(Debug)]
pub(crate) struct Contact {
    pub(crate) issuer: String,
    pub(crate) address: String,
    pub(crate) postcode: String,
    pub(crate) phone: String,
    pub(crate) email: Option<String>,
}

impl Contact {
    pub(crate) fn new(rng: &mut Rng, agency: &PlannedAgency) -> Contact {
        let name = &agency.agency.name;
        let provincial = !agency.agency.region.contains('/');
        let issuer = match name.strip_suffix("人民政府") {
            Some(stem) if provincial => format!("{stem}人民政府办公厅"),
            Some(stem) => format!("{stem}人民政府办公室"),
            None => name.clone(),
        };
        let roads = [
            "人民路",
            "建设路",
            "解放大道",
            "政务中心路",
            "行政中心大道",
            "府前街",
            "文化路",
            "新华路",
        ];
        Contact {
            issuer,
            address: format!("{}{}号", rng.pick(&roads), rng.range(1, 399)),
            postcode: rng.range(100_000, 859_999).to_string(),
            phone: format!(
                "0{}-{}",
                rng.range(100, 999),
                rng.range(20_000_000, 89_999_999)
            ),
            email: rng
                .per_mille(400)
                .then(|| format!("zwgk@{}.gov.example", agency.agency.id)),
        }
    }
}

/// What a narrative leaves out on purpose (rule R8).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Omissions {
    /// A section (1–6) whose heading and text are missing.
    pub(crate) section: Option<u8>,
    /// Section 六 says nothing of 信息处理费.
    pub(crate) fee_statement: bool,
}

/// Writes the narrative of one report.
pub(crate) fn narrative(
    rng: &mut Rng,
    agency: &PlannedAgency,
    contact: &Contact,
    year: u16,
    tables: &Tables,
    omit: Omissions,
) -> String {
    let me = agency.self_name;
    let name = agency.agency.name.as_str();
    let template = tables.format.template();
    let mut text = Writer {
        out: String::with_capacity(6 * 1024),
        year,
        me,
        name,
    };

    // Preamble.
    let contact_text = match &contact.email {
        Some(email) => format!(
            "地址：{}，邮编：{}，电话：{}，电子邮箱：{email}",
            contact.address, contact.postcode, contact.phone
        ),
        None => format!(
            "地址：{}，邮编：{}，电话：{}",
            contact.address, contact.postcode, contact.phone
        ),
    };
    let preamble = rng.pick(&PREAMBLES);
    text.paragraph(
        &preamble
            .replace("{issuer}", &contact.issuer)
            .replace("{template}", template.name.zh)
            .replace("{document}", template.document)
            .replace("{contact}", &contact_text),
    );

    let sections = template.sections;
    let heading = |number: u8| sections[usize::from(number) - 1].zh;
    let wanted = |number: u8| omit.section != Some(number);

    // 一、总体情况
    if wanted(1) {
        text.heading(2, heading(1));
        let intro = pick_some(rng, &INTRODUCTIONS, 1, 2);
        text.paragraph(&intro.join(""));

        text.heading(3, "（一）主动公开");
        let total = rng.range(80, 400) + agency.activity / 20;
        let split = [
            total * rng.range(5, 15) / 100,
            total * rng.range(15, 30) / 100,
            total * rng.range(30, 50) / 100,
            total * rng.range(3, 10) / 100,
        ];
        text.paragraph(&format!(
            "{year}年，{me}通过门户网站、政务新媒体和政府公报等渠道主动公开政府信息{total}条，其中机构职能类信息{}条，政策文件类信息{}条，工作动态类信息{}条，政策解读类信息{}条。{}",
            split[0],
            split[1],
            split[2],
            split[3],
            rng.pick(&ACTIVE_CLOSINGS)
        ));
        for item in pick_some(rng, &ACTIVE_ITEMS, 3, 5) {
            text.item(&item.replace("{n}", &rng.range(3, 120).to_string()));
        }
        text.end_list();

        text.heading(3, "（二）依申请公开");
        let received = tables.total("received");
        let carried_over = tables.total("carried_over");
        let results = tables.total("results_total");
        let carried_forward = tables.total("carried_forward");
        let handled = if received + carried_over == 0 {
            format!("{year}年，{me}未收到政府信息公开申请，也无上年结转的申请。")
        } else {
            format!(
                "{year}年，{me}共新收政府信息公开申请{received}件，上年结转{carried_over}件，全年办结{results}件，结转下年度继续办理{carried_forward}件。{}",
                rng.pick(&APPLICATION_SENTENCES)
            )
        };
        let topics = pick_some(rng, &TOPICS, 2, 4).join("、");
        text.paragraph(&format!(
            "{handled}从申请内容看，申请主要集中在{topics}等方面。{}",
            rng.pick(&APPLICATION_PRACTICE)
        ));

        text.heading(3, "（三）政府信息管理");
        text.paragraph(&pick_some(rng, &MANAGEMENT, 2, 4).join(""));

        text.heading(3, "（四）政府信息公开平台建设");
        let intro = *rng.pick(&PLATFORM_INTRO);
        text.paragraph(intro);
        for (at, item) in pick_some(rng, &PLATFORM_ITEMS, 3, 5)
            .into_iter()
            .enumerate()
        {
            text.numbered(
                at + 1,
                &item.replace("{n}", &rng.range(12, 900).to_string()),
            );
        }
        text.end_list();

        text.heading(3, "（五）监督保障");
        let mut oversight: Vec<String> = pick_some(rng, &OVERSIGHT, 2, 4)
            .into_iter()
            .map(|line| {
                line.replace("{n}", &rng.range(2, 12).to_string())
                    .replace("{m}", &rng.range(30, 600).to_string())
                    .replace("{pct}", &rng.range(3, 8).to_string())
            })
            .collect();
        oversight.dedup();
        text.paragraph(&oversight.join(""));
    }

    // 二、三、四: the tables are drawn after these headings.
    for (number, lines) in [(2u8, &TABLE_2[..]), (3, &TABLE_3[..]), (4, &TABLE_4[..])] {
        if wanted(number) {
            text.heading(2, heading(number));
            if rng.per_mille(600) {
                let line = rng.pick(lines);
                let reviews = tables.appeal_total("review");
                let lawsuits = tables.appeal_total("lawsuit_direct")
                    + tables.appeal_total("lawsuit_after_review");
                text.paragraph(
                    &line
                        .replace("{reviews}", &reviews.to_string())
                        .replace("{lawsuits}", &lawsuits.to_string()),
                );
            }
        }
    }

    // 五、存在的主要问题及改进情况
    if wanted(5) {
        text.heading(2, heading(5));
        let problems = pick_some(rng, &PROBLEMS, 2, 3);
        let ordinals = ["一是", "二是", "三是"];
        let listed: Vec<String> = problems
            .iter()
            .zip(ordinals)
            .map(|(problem, ordinal)| format!("{ordinal}{problem}"))
            .collect();
        text.paragraph(&format!(
            "{}{}。",
            rng.pick(&PROBLEM_OPENINGS),
            listed.join("；")
        ));
        let opening = *rng.pick(&IMPROVEMENT_OPENINGS);
        text.paragraph(opening);
        for item in pick_some(rng, &IMPROVEMENTS, 3, 4) {
            text.item(&format!("{item}。"));
        }
        text.end_list();
    }

    // 六、其他需要报告的事项
    if wanted(6) {
        text.heading(2, heading(6));
        let mut lines = Vec::new();
        if !omit.fee_statement {
            lines.push(if rng.per_mille(850) {
                format!("{year}年，{me}未收取政府信息公开信息处理费。")
            } else {
                format!(
                    "{year}年，{me}依据《政府信息公开信息处理费管理办法》发出收费通知{}件，收取信息处理费{}元。",
                    rng.range(1, 6),
                    rng.range(1, 40) * 100
                )
            });
        }
        for line in pick_some(rng, &OTHER_MATTERS, 1, 2) {
            lines.push(
                line.replace("{n}", &rng.range(1, 40).to_string())
                    .replace("{m}", &rng.range(1, 30).to_string()),
            );
        }
        text.paragraph(&lines.join(""));
    }
    text.out
}

/// `count` (drawn from `low..=high`) different phrases, in the list's order.
fn pick_some<'a>(rng: &mut Rng, phrases: &[&'a str], low: usize, high: usize) -> Vec<&'a str> {
    let count = rng.range(low as u64, high as u64) as usize;
    rng.choose(phrases.len(), count)
        .into_iter()
        .map(|at| phrases[at])
        .collect()
}

struct Writer<'a> {
    out: String,
    year: u16,
    me: &'a str,
    name: &'a str,
}

impl Writer<'_> {
    fn fill(&self, phrase: &str) -> String {
        phrase
            .replace("{year}", &self.year.to_string())
            .replace("{me}", self.me)
            .replace("{name}", self.name)
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.out.push_str(&"#".repeat(level));
        self.out.push(' ');
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    fn paragraph(&mut self, text: &str) {
        let filled = self.fill(text);
        self.out.push_str(&filled);
        self.out.push_str("\n\n");
    }

    fn item(&mut self, text: &str) {
        let filled = self.fill(text);
        self.out.push_str("- ");
        self.out.push_str(&filled);
        self.out.push('\n');
    }

    fn numbered(&mut self, number: usize, text: &str) {
        let filled = self.fill(text);
        self.out.push_str(&format!("{number}. {filled}\n"));
    }

    fn end_list(&mut self) {
        self.out.push('\n');
    }
}

const PREAMBLES: [&str; 3] = [
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《{template}》（{document}）要求，由{issuer}编制。报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。如对本报告有疑问，请与{issuer}联系（{contact}）。",
    "根据《中华人民共和国政府信息公开条例》第五十条规定，现向社会公布{name}{year}年政府信息公开工作年度报告。本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。本报告电子版可在{name}门户网站“政府信息公开”专栏查阅或下载。如对本报告有疑问，请与{issuer}联系（{contact}）。",
    "{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，按照上级关于政务公开工作的部署要求，依照《{template}》编制本报告。报告统计期限为{year}年1月1日至12月31日。如对本报告有疑问，请与{issuer}联系（{contact}）。",
];

const INTRODUCTIONS: [&str; 6] = [
    "{year}年，{me}坚持以人民为中心的发展思想，严格落实《条例》各项规定，围绕中心工作和群众关切持续深化政务公开，不断提升政府工作透明度，切实保障人民群众的知情权、参与权、表达权和监督权。",
    "本年度，{me}把政务公开作为转变政府职能、建设法治政府的重要抓手，健全工作机制，明确责任分工，推动政府信息公开工作制度化、规范化、标准化。",
    "{year}年，在上级政务公开主管部门的指导下，{me}对照年度政务公开工作要点，逐项分解任务、压实责任，各项工作取得新的进展。",
    "一年来，{me}以优化营商环境、方便群众办事为导向，聚焦重点领域信息公开，加强政策解读和回应关切，政务公开的质量和实效进一步提升。",
    "{me}将政务公开纳入年度重点工作统筹推进，主要负责同志专题研究部署，分管负责同志具体抓落实，形成了上下联动、协同推进的工作格局。",
    "围绕稳增长、促改革、调结构、惠民生、防风险等重点任务，{me}加大信息发布力度，做好政策解读，及时回应社会关切，以公开促落实、强监管、优服务。",
];

const ACTIVE_CLOSINGS: [&str; 4] = [
    "各类信息均在规定时限内发布，做到应公开尽公开。",
    "重点领域信息公开的及时性和完整性进一步提高。",
    "发布前均经过保密审查和内容审核，确保信息准确规范。",
    "对社会关注度较高的信息，同步做好解读和回应工作。",
];

const ACTIVE_ITEMS: [&str; 12] = [
    "围绕财政预决算，公开部门预算、决算及“三公”经费说明{n}份",
    "围绕重大建设项目，公开项目批准、实施和竣工验收信息{n}条",
    "围绕公共资源配置，及时发布招标公告、中标结果等信息{n}条",
    "围绕民生保障，公开社会救助、就业创业、养老服务等信息{n}条",
    "围绕“双随机、一公开”监管，公示抽查计划和抽查结果{n}条",
    "围绕生态环境保护，公开环境质量、污染防治等信息{n}条",
    "围绕安全生产，发布安全提示和事故调查处理信息{n}条",
    "围绕教育和卫生健康，公开招生入学、医疗服务等信息{n}条",
    "围绕政策解读，采用图文、视频、问答等形式解读政策文件{n}件",
    "围绕优化营商环境，集中公开涉企政策{n}条，推动政策直达快享",
    "围绕乡村振兴，公开涉农补贴、项目资金等信息{n}条",
    "组织召开新闻发布会{n}场，及时回应社会关切",
];

const APPLICATION_SENTENCES: [&str; 4] = [
    "所有申请均在法定期限内予以答复，未发生逾期答复的情况。",
    "对申请内容不明确的，及时一次性告知申请人补正，保障申请人的合法权益。",
    "答复均严格依照《条例》规定的程序和时限办理，答复文书格式规范、依据充分。",
    "对属于其他机关职责范围的申请，告知申请人向有关机关提出，并做好解释说明。",
];

const TOPICS: [&str; 9] = [
    "征地拆迁",
    "房屋征收补偿",
    "规划许可",
    "社会保障",
    "行政执法",
    "项目审批",
    "环境保护",
    "教育招生",
    "财政资金使用",
];

const APPLICATION_PRACTICE: [&str; 4] = [
    "办理过程中，严格执行登记、审核、办理、答复、归档等环节的工作规范，加强与申请人的沟通，提高答复的准确性和规范性。",
    "对多人多次申请的同类信息，经评估后转为主动公开，减少重复申请。",
    "建立疑难申请会商机制，由法律顾问参与研判，降低行政复议和行政诉讼风险。",
    "进一步规范答复文书模板，做到告知理由充分、救济途径明确。",
];

const MANAGEMENT: [&str; 8] = [
    "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“谁公开、谁审查、谁负责”的原则，全年未发生泄密事件。",
    "动态调整主动公开基本目录，及时更新机构职能、权责清单等基础信息。",
    "开展行政规范性文件清理工作，对不符合法律法规规定的文件及时予以修改或者废止，并向社会公开清理结果。",
    "规范政府信息发布流程，对拟公开内容实行分级审核，确保发布的信息准确、规范。",
    "建立政府信息公开属性源头认定机制，在公文拟制环节即明确公开属性。",
    "加强已公开信息的日常管理，对过期失效的信息及时清理归档，确保信息的时效性。",
    "做好政策文件集中统一公开，完善现行有效规范性文件库，方便公众查询。",
    "健全依申请公开与主动公开的转换机制，对公众普遍关注的信息主动予以公开。",
];

const PLATFORM_INTRO: [&str; 3] = [
    "{me}持续加强政府信息公开平台建设，主要做了以下工作：",
    "本年度，{me}围绕“好找、好看、好用”的目标，进一步完善公开平台：",
    "{year}年，平台建设的重点工作如下：",
];

const PLATFORM_ITEMS: [&str; 8] = [
    "优化门户网站政府信息公开专栏，规范栏目设置，提升信息检索的便利性。",
    "加强政务新媒体管理，全年通过官方微信公众号发布信息{n}条。",
    "推进政务公开专区建设，在政务服务大厅设置查阅点，为群众提供信息查询服务。",
    "做好政府公报编印工作，全年编发公报{n}份，免费向社会发放。",
    "完成网站无障碍和适老化改造，方便老年人和残疾人获取政府信息。",
    "开展网站和政务新媒体常态化监测，及时整改错别字、链接失效等问题。",
    "依托12345政务服务便民热线，建立咨询问题的快速响应机制，全年答复咨询{n}件。",
    "升级网站智能搜索和智能问答功能，提升公众获取信息的体验。",
];

const OVERSIGHT: [&str; 6] = [
    "调整充实政务公开工作领导小组，形成主要领导负总责、分管领导具体抓、业务科室协同推进的工作格局。",
    "将政务公开工作纳入年度绩效考核，考核分值占比不低于{pct}%。",
    "组织开展政务公开业务培训{n}次，参训人员{m}人次，工作人员的业务能力进一步提升。",
    "全年未发生因政府信息公开工作引发的责任追究情况。",
    "主动接受社会监督，通过网站留言、意见征集等方式听取公众的意见建议。",
    "聘请社会监督员对政务公开工作进行评议，及时整改评议中发现的问题。",
];

const TABLE_2: [&str; 3] = [
    "本年度主动公开政府信息的有关数据见下表。",
    "{year}年制发和废止的规章、行政规范性文件，以及行政许可、行政处罚等情况如下：",
    "主动公开的具体数据统计如下。",
];

const TABLE_3: [&str; 3] = [
    "本年度收到和处理政府信息公开申请的情况见下表。",
    "依申请公开的统计数据如下：",
    "各类申请人提出的申请及其办理结果统计如下。",
];

const TABLE_4: [&str; 3] = [
    "{year}年，因政府信息公开工作被申请行政复议{reviews}件，被提起行政诉讼{lawsuits}件。",
    "行政复议和行政诉讼的具体情况见下表。",
    "本年度政府信息公开行政复议、行政诉讼情况统计如下：",
];

const PROBLEM_OPENINGS: [&str; 3] = [
    "{year}年，{me}政府信息公开工作虽然取得了一定成效，但与上级要求和人民群众的期待相比仍存在一些不足：",
    "对照新形势新要求，{me}的政务公开工作还存在一些薄弱环节，主要表现在：",
    "在总结成绩的同时，我们也清醒地认识到工作中存在的问题：",
];

const PROBLEMS: [&str; 9] = [
    "政策解读的形式还不够丰富，图解、视频等解读产品数量偏少",
    "部分栏目信息更新不够及时，个别内容存在滞后现象",
    "工作人员多为兼职，专业能力有待进一步提高",
    "依申请公开答复的规范化水平还需提升",
    "基层政务公开标准化规范化建设推进不够平衡",
    "公众参与政策制定的渠道还不够畅通",
    "政务新媒体互动回应的时效性有待加强",
    "重点领域信息公开的深度和广度还需拓展",
    "公开内容与群众需求的契合度仍需提高",
];

const IMPROVEMENT_OPENINGS: [&str; 3] = [
    "针对上述问题，下一步将重点做好以下工作：",
    "下一步，{me}将从以下几个方面加以改进：",
    "{year}年以后，{me}将采取以下措施推动问题整改：",
];

const IMPROVEMENTS: [&str; 8] = [
    "丰富政策解读形式，推出更多图文、动漫、短视频等解读产品，提高解读的可读性",
    "加强栏目日常维护，建立信息更新提醒机制，确保内容及时准确",
    "加大业务培训力度，定期组织学习交流，打造一支业务精通的政务公开队伍",
    "规范依申请公开办理流程，完善答复文书模板，提升答复质量",
    "深化基层政务公开标准化规范化建设，推动标准目录落地见效",
    "拓宽公众参与渠道，完善重大决策预公开和意见征集反馈机制",
    "强化政务新媒体管理，提高互动回应的时效和质量",
    "聚焦群众关注的重点领域，推动信息公开向纵深发展",
];

const OTHER_MATTERS: [&str; 4] = [
    "本年度共办理人大代表建议{n}件、政协委员提案{m}件，均按期办结，办理复文已按规定公开。",
    "按照{year}年政务公开工作要点的要求，各项重点任务均已落实，落实情况已在门户网站专栏公开。",
    "{me}无其他需要报告的事项。",
    "本年度未发生政府信息公开工作责任追究情况。",
];
