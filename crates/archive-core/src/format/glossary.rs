//! Plain words for the templates: every row, column and heading of both versions explained for a
//! reader who has never seen the 条例, with the article each comes from.
//!
//! One list serves the 名词解释 page and the links on the drawn tables' labels; a test checks that
//! every label of both versions has its entry. Articles are those of the 《中华人民共和国政府信息公开条例》
//! as revised in 2019 (国务院令第711号).

use super::{Label, TableKey};
use TableKey::{Active, Appeals, Applications};

/// One explained term.
#[derive(Debug)]
pub struct Entry {
    /// The anchor on the glossary page (`partially-disclosed`).
    pub id: &'static str,
    /// The term, as the templates print it.
    pub term: Label,
    /// The explanation, in plain words.
    pub text: Label,
    /// Where the term comes from: the articles of the 条例 (or another law), if any.
    pub basis: Option<Label>,
    /// The labels of the tables that this entry explains.
    pub targets: &'static [Target],
}

/// A label of a drawn table that links to an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A row, by its key, in every version that has it.
    Row(TableKey, &'static str),
    /// A column, by its key: in every row of the table (`None`) or in one row.
    Column(TableKey, Option<&'static str>, &'static str),
    /// A heading that spans rows or columns, a block's heading or a corner note, by its Chinese
    /// text (these labels have no keys).
    Heading(&'static str),
}

/// The entries of one part of the glossary.
#[derive(Debug)]
pub struct Part {
    /// The anchor of the part.
    pub id: &'static str,
    /// The part's heading.
    pub title: Label,
    /// Its entries, in the order the tables print them.
    pub entries: &'static [Entry],
}

/// The entry that explains a row.
pub fn for_row(table: TableKey, row: &str) -> Option<&'static Entry> {
    find(|target| matches!(target, Target::Row(t, r) if *t == table && *r == row))
}

/// The entry that explains a column of a row.
pub fn for_column(table: TableKey, row: &str, column: &str) -> Option<&'static Entry> {
    find(|target| {
        matches!(target, Target::Column(t, Some(r), c) if *t == table && *r == row && *c == column)
    })
    .or_else(|| {
        find(|target| matches!(target, Target::Column(t, None, c) if *t == table && *c == column))
    })
}

/// The entry that explains a heading or note (matched by its Chinese text).
pub fn for_heading(label: Label) -> Option<&'static Entry> {
    find(|target| matches!(target, Target::Heading(text) if *text == label.zh))
}

fn find(matches: impl Fn(&Target) -> bool) -> Option<&'static Entry> {
    GLOSSARY
        .iter()
        .flat_map(|part| part.entries.iter())
        .find(|entry| entry.targets.iter().any(&matches))
}

const fn label(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

const fn basis(zh: &'static str, en: &'static str) -> Option<Label> {
    Some(Label { zh, en })
}

/// The whole glossary, in the order the 名词解释 page prints it.
pub static GLOSSARY: &[Part] = &[
    Part {
        id: "basics",
        title: label("基本概念", "Basic terms"),
        entries: BASICS,
    },
    Part {
        id: "active",
        title: label("二、主动公开政府信息情况", "2. Proactive disclosure"),
        entries: ACTIVE,
    },
    Part {
        id: "applications",
        title: label(
            "三、收到和处理政府信息公开申请情况",
            "3. Applications received and handled",
        ),
        entries: APPLICATIONS,
    },
    Part {
        id: "appeals",
        title: label(
            "四、政府信息公开行政复议、行政诉讼情况",
            "4. Administrative reviews and lawsuits",
        ),
        entries: APPEALS,
    },
];

const BASICS: &[Entry] = &[
    Entry {
        id: "government-information",
        term: label("政府信息", "Government information"),
        text: label(
            "行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息，例如文件、统计数据、决定书。",
            "Information that an administrative body makes or obtains while performing its duties and keeps in some recorded form, such as documents, statistics and decisions.",
        ),
        basis: basis("《条例》第二条", "Regulations, article 2"),
        targets: &[],
    },
    Entry {
        id: "annual-report",
        term: label(
            "政府信息公开工作年度报告",
            "Annual report on government information disclosure",
        ),
        text: label(
            "每个行政机关每年公布的上一年度信息公开工作报告。县级以上人民政府部门在每年1月31日前公布；县级以上地方人民政府的报告在每年3月31日前公布。报告分六部分，第二、三、四部分的统计表按国务院办公厅统一的格式填写（2019—2020年度用试行格式，2021年度起用新格式）。",
            "The report every administrative body publishes each year on its disclosure work in the year before. Government departments at county level and above publish theirs by 31 January; local people's governments at county level and above by 31 March. A report has six parts; the tables of parts 2, 3 and 4 follow the national format issued by the General Office of the State Council (a trial format for 2019–2020, a new one from 2021).",
        ),
        basis: basis(
            "《条例》第四十九条、第五十条",
            "Regulations, articles 49 and 50",
        ),
        targets: &[],
    },
    Entry {
        id: "proactive-disclosure",
        term: label("主动公开", "Proactive disclosure"),
        text: label(
            "行政机关不等人申请、自己公开信息，例如在政府网站上发布。涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的信息，应当主动公开；第二十条列出了必须主动公开的十五类信息。",
            "Information an administrative body publishes without being asked, for instance on its website. Information that adjusts public interests, that the public needs to know widely or that calls for public participation must be published this way; article 20 lists fifteen kinds that must be.",
        ),
        basis: basis(
            "《条例》第十九条、第二十条",
            "Regulations, articles 19 and 20",
        ),
        targets: &[],
    },
    Entry {
        id: "disclosure-on-application",
        term: label("依申请公开", "Disclosure on application"),
        text: label(
            "主动公开以外的信息，公民、法人或者其他组织可以向行政机关提出申请获取，机关应当在规定期限内答复：能当场答复的当场答复，否则自收到申请之日起20个工作日内答复，经批准最多再延长20个工作日。",
            "Information that is not published proactively can be requested by any citizen, legal person or other organisation. The body must answer on the spot if it can, otherwise within 20 working days of receiving the application, extendable once by at most 20 more working days.",
        ),
        basis: basis(
            "《条例》第二十七条、第三十三条",
            "Regulations, articles 27 and 33",
        ),
        targets: &[],
    },
    Entry {
        id: "exemptions",
        term: label("不予公开的范围", "What may be withheld"),
        text: label(
            "政府信息以公开为常态、不公开为例外。例外只有三类：国家秘密、法律行政法规禁止公开的和危及“三安全一稳定”的信息不予公开（第十四条）；损害第三方合法权益的信息不得公开，除非第三方同意或者不公开会严重影响公共利益（第十五条）；内部事务信息、过程性信息和行政执法案卷可以不予公开（第十六条）。",
            "Disclosure is the rule and withholding the exception. There are only three kinds of exception: state secrets, information other laws forbid disclosing and information endangering security or stability is withheld (article 14); information that would harm a third party's lawful rights must not be disclosed unless the third party agrees or withholding it would seriously affect the public interest (article 15); internal affairs, process information and enforcement files may be withheld (article 16).",
        ),
        basis: basis(
            "《条例》第十三条至第十六条",
            "Regulations, articles 13 to 16",
        ),
        targets: &[],
    },
    Entry {
        id: "processing-fee",
        term: label("信息处理费", "Information processing fee"),
        text: label(
            "依申请提供政府信息原则上不收费。只有申请的数量、频次明显超过合理范围时，机关才可以收取信息处理费，按件或按量计收。年度报告第六部分要说明本年度收取信息处理费的情况。",
            "Providing information on application is free in principle. Only when the number or frequency of applications clearly exceeds a reasonable range may a body charge an information processing fee, by the application or by volume. Part 6 of the annual report states the fees collected in the year.",
        ),
        basis: basis(
            "《条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            "Regulations, article 42; Measures on information processing fees (国办函〔2020〕109号)",
        ),
        targets: &[],
    },
    Entry {
        id: "administrative-review-and-lawsuit",
        term: label(
            "投诉、行政复议和行政诉讼",
            "Complaints, administrative review and lawsuits",
        ),
        text: label(
            "认为行政机关在信息公开工作中侵犯了自己合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以申请行政复议或者向人民法院提起行政诉讼。年度报告第四部分统计后两种。",
            "Anyone who thinks a body infringed their lawful rights in its disclosure work can complain to the body above it or to the department in charge of disclosure, apply for an administrative review, or sue in a people's court. Part 4 of the annual report counts the reviews and lawsuits.",
        ),
        basis: basis("《条例》第五十一条", "Regulations, article 51"),
        targets: &[],
    },
    Entry {
        id: "balance-rule",
        term: label("勾稽关系", "The table's arithmetic"),
        text: label(
            "表三每一列都应满足：一、本年新收 + 二、上年结转 = 三、本年度办理结果中的（七）总计 + 四、结转下年度继续办理。也就是说，本年要处理的申请，要么在本年办结，要么转到下一年。本库的核验规则 R1 按这一关系核对每份报告。",
            "In every column of table 3: 1. received this year + 2. carried over from last year = the (7) total of 3. results + 4. carried forward to next year. Every application to be handled this year is either finished this year or carried into the next. The archive's rule R1 checks every report against it.",
        ),
        basis: basis(
            "年度报告格式（国办公开办函〔2021〕30号）",
            "Annual report format (国办公开办函〔2021〕30号)",
        ),
        targets: &[Target::Heading(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        )],
    },
];

const ACTIVE: &[Entry] = &[
    Entry {
        id: "item-content",
        term: label("信息内容", "Item"),
        text: label(
            "表格左侧一列：这一行统计的是哪一类主动公开的信息。",
            "The left column: which kind of proactively disclosed information the row counts.",
        ),
        basis: None,
        targets: &[Target::Heading("信息内容")],
    },
    Entry {
        id: "article-20-1",
        term: label("第二十条第（一）项", "Article 20 (1)"),
        text: label(
            "《条例》第二十条列出行政机关必须主动公开的十五类信息，第（一）项是“行政法规、规章和规范性文件”。表中这一部分统计本机关规章和规范性文件的件数。",
            "Article 20 of the Regulations lists fifteen kinds of information a body must publish proactively; item (1) is “administrative regulations, rules and normative documents”. This part of the table counts the body's rules and normative documents.",
        ),
        basis: basis("《条例》第二十条第（一）项", "Regulations, article 20 (1)"),
        targets: &[Target::Heading("第二十条第（一）项")],
    },
    Entry {
        id: "rules",
        term: label("规章", "Rules"),
        text: label(
            "国务院各部门和省、自治区、直辖市及设区的市、自治州人民政府依照《立法法》制定的规范，名称多为“规定”“办法”。没有规章制定权的机关（如多数县级机关）这一行通常为0。",
            "Rules made under the Legislation Law by State Council departments and by the governments of provinces and of cities divided into districts, usually called 规定 or 办法. Bodies without the power to make rules (most county bodies) usually report 0 here.",
        ),
        basis: basis(
            "《条例》第二十条第（一）项；《立法法》",
            "Regulations, article 20 (1); Legislation Law",
        ),
        targets: &[Target::Row(Active, "rules")],
    },
    Entry {
        id: "normative-documents",
        term: label("行政规范性文件", "Normative documents"),
        text: label(
            "规章以外，行政机关依照法定权限和程序制定并公开发布，涉及公民、法人和其他组织权利义务，具有普遍约束力、在一定期限内反复适用的文件。2019年版格式称“规范性文件”。",
            "Documents other than rules that a body issues within its powers and by the prescribed procedure, that concern the rights and duties of citizens and organisations, bind everyone and apply repeatedly for a period. The 2019 format calls them 规范性文件.",
        ),
        basis: basis("《条例》第二十条第（一）项", "Regulations, article 20 (1)"),
        targets: &[Target::Row(Active, "normative_documents")],
    },
    Entry {
        id: "issued",
        term: label("本年制发件数", "Issued this year"),
        text: label(
            "本年度新制定并印发的件数。",
            "How many were made and issued in the year.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "issued")],
    },
    Entry {
        id: "repealed",
        term: label("本年废止件数", "Repealed this year"),
        text: label(
            "本年度宣布废止、不再有效的件数。",
            "How many were repealed in the year and are no longer in force.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "repealed")],
    },
    Entry {
        id: "in-force",
        term: label("现行有效件数", "In force"),
        text: label(
            "到年底仍然有效的总件数。上一年的现行有效件数加本年制发、减本年废止，一般应等于本年的现行有效件数（本库的核验规则 R6）。",
            "How many are in force at the end of the year. Last year's number in force, plus those issued and less those repealed this year, should normally give this year's (the archive's rule R6).",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "in_force")],
    },
    Entry {
        id: "made",
        term: label("本年新制作数量", "Made this year"),
        text: label(
            "2019年版格式：本年度新制定的件数。",
            "2019 format: how many were made in the year.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "made")],
    },
    Entry {
        id: "published",
        term: label("本年新公开数量", "Published this year"),
        text: label(
            "2019年版格式：本年度新公开的件数，可能包括以前制定、本年才公开的。",
            "2019 format: how many were newly published in the year, which may include some made earlier.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "published")],
    },
    Entry {
        id: "total-published",
        term: label("对外公开总数量", "Published in total"),
        text: label(
            "2019年版格式：到年底累计对外公开的件数。",
            "2019 format: how many have been published in total by the end of the year.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "total_published")],
    },
    Entry {
        id: "article-20-5",
        term: label("第二十条第（五）项", "Article 20 (5)"),
        text: label(
            "必须主动公开“办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果”。",
            "Bodies must publish “the basis, conditions, procedures and results of administrative licensing and other public management and services”.",
        ),
        basis: basis("《条例》第二十条第（五）项", "Regulations, article 20 (5)"),
        targets: &[Target::Heading("第二十条第（五）项")],
    },
    Entry {
        id: "licensing",
        term: label("行政许可", "Administrative licensing"),
        text: label(
            "行政机关根据公民、法人或者其他组织的申请，经依法审查，准予其从事特定活动的行为，例如颁发营业执照、许可证、批准文件。",
            "A body allowing a citizen or organisation, on their application and after a lawful review, to carry out a particular activity: granting a business licence, a permit, an approval.",
        ),
        basis: basis(
            "《条例》第二十条第（五）项；《行政许可法》第二条",
            "Regulations, article 20 (5); Administrative Licensing Law, article 2",
        ),
        targets: &[Target::Row(Active, "licensing")],
    },
    Entry {
        id: "other-services",
        term: label("其他对外管理服务事项", "Other public services"),
        text: label(
            "2019年版格式：行政许可以外、机关对外办理的其他管理和服务事项，例如行政确认、行政给付、备案。",
            "2019 format: management and services other than licensing that a body provides to the public, such as confirmations, benefits and filings.",
        ),
        basis: basis("《条例》第二十条第（五）项", "Regulations, article 20 (5)"),
        targets: &[Target::Row(Active, "other_services")],
    },
    Entry {
        id: "article-20-6",
        term: label("第二十条第（六）项", "Article 20 (6)"),
        text: label(
            "必须主动公开“实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定”。",
            "Bodies must publish “the basis, conditions and procedures of administrative penalties and coercion, and the penalty decisions the body considers of some public consequence”.",
        ),
        basis: basis("《条例》第二十条第（六）项", "Regulations, article 20 (6)"),
        targets: &[Target::Heading("第二十条第（六）项")],
    },
    Entry {
        id: "penalty",
        term: label("行政处罚", "Administrative penalties"),
        text: label(
            "行政机关对违反行政管理秩序的公民、法人或者其他组织给予的惩戒，例如警告、罚款、没收违法所得、暂扣或者吊销许可证件。",
            "Punishments a body imposes on citizens or organisations that broke administrative rules: warnings, fines, confiscation of illegal gains, suspension or revocation of licences.",
        ),
        basis: basis(
            "《条例》第二十条第（六）项；《行政处罚法》第二条、第九条",
            "Regulations, article 20 (6); Administrative Penalty Law, articles 2 and 9",
        ),
        targets: &[Target::Row(Active, "penalty")],
    },
    Entry {
        id: "coercion",
        term: label("行政强制", "Administrative coercion"),
        text: label(
            "包括行政强制措施（如查封场所、设施，扣押财物，冻结存款）和行政强制执行（如强制拆除、划拨存款）。",
            "Coercive measures (sealing premises, seizing property, freezing deposits) and coercive enforcement (forced demolition, transfer of deposits).",
        ),
        basis: basis(
            "《条例》第二十条第（六）项；《行政强制法》第二条",
            "Regulations, article 20 (6); Administrative Coercion Law, article 2",
        ),
        targets: &[Target::Row(Active, "coercion")],
    },
    Entry {
        id: "decisions",
        term: label("本年处理决定数量", "Decisions this year"),
        text: label(
            "本年度作出的决定件数：行政许可一行是许可决定，行政处罚、行政强制两行是处罚或强制决定。2019年版格式称“处理决定数量”。",
            "How many decisions were made in the year: licensing decisions in the licensing row, penalty or coercion decisions in theirs. The 2019 format calls it 处理决定数量.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "decisions")],
    },
    Entry {
        id: "previous-items",
        term: label("上一年项目数量", "Items last year"),
        text: label(
            "2019年版格式：上一年底本机关实施的事项个数（例如有多少项行政许可事项），不是办理的件数。",
            "2019 format: how many kinds of matter the body handled at the end of last year (how many licensing matters, say), not how many cases.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "previous_items")],
    },
    Entry {
        id: "change",
        term: label("本年增/减", "Change this year"),
        text: label(
            "2019年版格式：事项个数比上一年增加（正数）或减少（负数）多少。",
            "2019 format: how many more (positive) or fewer (negative) matters than last year.",
        ),
        basis: None,
        targets: &[Target::Column(Active, None, "change")],
    },
    Entry {
        id: "article-20-8",
        term: label("第二十条第（八）项", "Article 20 (8)"),
        text: label(
            "必须主动公开“行政事业性收费项目及其依据、标准”。",
            "Bodies must publish “the administrative fees they charge, with their basis and rates”.",
        ),
        basis: basis("《条例》第二十条第（八）项", "Regulations, article 20 (8)"),
        targets: &[Target::Heading("第二十条第（八）项")],
    },
    Entry {
        id: "fees",
        term: label("行政事业性收费", "Administrative fees"),
        text: label(
            "国家机关、事业单位等依照法律法规，在管理社会公共事务或者提供特定公共服务时，向特定对象收取的费用，例如证照工本费、考试费。",
            "Fees that state bodies and public institutions charge particular people under laws and regulations when managing public affairs or providing particular public services, such as certificate or examination fees.",
        ),
        basis: basis("《条例》第二十条第（八）项", "Regulations, article 20 (8)"),
        targets: &[Target::Row(Active, "fees")],
    },
    Entry {
        id: "fee-amount",
        term: label("本年收费金额（单位：万元）", "Fees collected (10,000 yuan)"),
        text: label(
            "本年度实际收取的行政事业性收费总额，单位是万元（1万元＝10,000元）。",
            "The administrative fees actually collected in the year, in units of 10,000 yuan.",
        ),
        basis: None,
        targets: &[Target::Column(Active, Some("fees"), "amount")],
    },
    Entry {
        id: "article-20-9",
        term: label("第二十条第（九）项", "Article 20 (9)"),
        text: label(
            "必须主动公开“政府集中采购项目的目录、标准及实施情况”。只有2019年版格式统计这一项。",
            "Bodies must publish “the catalogue, standards and implementation of centralised government procurement”. Only the 2019 format counts it.",
        ),
        basis: basis("《条例》第二十条第（九）项", "Regulations, article 20 (9)"),
        targets: &[Target::Heading("第二十条第（九）项")],
    },
    Entry {
        id: "procurement",
        term: label("政府集中采购", "Centralised government procurement"),
        text: label(
            "列入集中采购目录的货物、工程和服务，由集中采购机构统一代理采购。",
            "Goods, works and services on the centralised procurement catalogue, bought through a central procurement agency.",
        ),
        basis: basis(
            "《条例》第二十条第（九）项；《政府采购法》",
            "Regulations, article 20 (9); Government Procurement Law",
        ),
        targets: &[Target::Row(Active, "procurement")],
    },
    Entry {
        id: "procurement-projects",
        term: label("采购项目数量", "Procurement projects"),
        text: label(
            "本年度实施的集中采购项目个数。",
            "How many centralised procurement projects were carried out in the year.",
        ),
        basis: None,
        targets: &[Target::Column(Active, Some("procurement"), "projects")],
    },
    Entry {
        id: "procurement-amount",
        term: label("采购总金额", "Total procurement amount"),
        text: label(
            "这些项目的采购金额合计。报告印的单位不一（元或万元），本库照录原文，连同单位。",
            "The total amount of those projects. Reports print it in different units (yuan or 10,000 yuan); the archive keeps the text as printed, unit included.",
        ),
        basis: None,
        targets: &[Target::Column(Active, Some("procurement"), "amount")],
    },
];

const APPLICATIONS: &[Entry] = &[
    Entry {
        id: "applicants",
        term: label("申请人情况", "Applicants"),
        text: label(
            "按提出申请的人分类。公民、法人或者其他组织都可以申请获取政府信息，不需要说明用途。",
            "Applications by who made them. Citizens, legal persons and other organisations can all apply for government information.",
        ),
        basis: basis("《条例》第二十七条", "Regulations, article 27"),
        targets: &[Target::Heading("申请人情况")],
    },
    Entry {
        id: "natural-person",
        term: label("自然人", "Natural persons"),
        text: label(
            "以个人名义提出申请的人。",
            "People applying in their own name.",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "natural_person")],
    },
    Entry {
        id: "organisations",
        term: label("法人或其他组织", "Legal persons and other organisations"),
        text: label(
            "以单位名义提出的申请，按单位类型分为五列。",
            "Applications made in an organisation's name, in five columns by the kind of organisation.",
        ),
        basis: None,
        targets: &[Target::Heading("法人或其他组织")],
    },
    Entry {
        id: "business",
        term: label("商业企业", "Businesses"),
        text: label(
            "公司等以营利为目的的企业。",
            "Companies and other enterprises run for profit.",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "business")],
    },
    Entry {
        id: "research",
        term: label("科研机构", "Research institutions"),
        text: label(
            "高等院校、科研院所等从事研究的单位。",
            "Universities, research institutes and other research bodies.",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "research")],
    },
    Entry {
        id: "nonprofit",
        term: label("社会公益组织", "Non-profit organisations"),
        text: label(
            "社会团体、基金会、社会服务机构等不以营利为目的的组织。",
            "Associations, foundations, social service organisations and other non-profit bodies.",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "nonprofit")],
    },
    Entry {
        id: "legal-services",
        term: label("法律服务机构", "Legal service providers"),
        text: label(
            "律师事务所、基层法律服务所等提供法律服务的机构。",
            "Law firms, grassroots legal service offices and other legal service providers.",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "legal_services")],
    },
    Entry {
        id: "other-organisations",
        term: label("其他（法人或其他组织）", "Other organisations"),
        text: label(
            "不属于以上四类的法人或其他组织。",
            "Legal persons and organisations of none of the four kinds before.",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "other_org")],
    },
    Entry {
        id: "applicants-total",
        term: label("总计（申请人）", "Total (applicants)"),
        text: label(
            "这一行所有申请人的合计：自然人一列加法人或其他组织五列（本库的核验规则 R2）。",
            "All applicants of the row: the natural persons column plus the five organisation columns (the archive's rule R2).",
        ),
        basis: None,
        targets: &[Target::Column(Applications, None, "total")],
    },
    Entry {
        id: "received",
        term: label(
            "一、本年新收政府信息公开申请数量",
            "1. New applications received this year",
        ),
        text: label(
            "本年度1月1日至12月31日收到的政府信息公开申请件数。",
            "Applications received from 1 January to 31 December of the year.",
        ),
        basis: basis(
            "《条例》第二十七条、第三十一条",
            "Regulations, articles 27 and 31",
        ),
        targets: &[Target::Row(Applications, "received")],
    },
    Entry {
        id: "carried-over",
        term: label(
            "二、上年结转政府信息公开申请数量",
            "2. Applications carried over from last year",
        ),
        text: label(
            "上一年收到、到年底还在答复期限内没有办结，转到本年继续办理的申请。应当等于上一年报告的“四、结转下年度继续办理”（本库的核验规则 R5）。",
            "Applications received last year and still within their answer period at its end, handled this year. It should equal last year's “4. Carried forward to next year” (the archive's rule R5).",
        ),
        basis: basis("《条例》第三十三条", "Regulations, article 33"),
        targets: &[Target::Row(Applications, "carried_over")],
    },
    Entry {
        id: "results",
        term: label("三、本年度办理结果", "3. Results this year"),
        text: label(
            "本年度办结的申请按答复结果分类，每件申请只计一种结果。分类对应《条例》第三十六条规定的各种答复。",
            "Applications finished in the year, by the answer given; each counts under one result only. The results follow the answers article 36 provides for.",
        ),
        basis: basis("《条例》第三十六条", "Regulations, article 36"),
        targets: &[Target::Heading("三、本年度办理结果")],
    },
    Entry {
        id: "disclosed",
        term: label("（一）予以公开", "(1) Disclosed"),
        text: label(
            "申请的信息全部提供给了申请人，或者告知了获取的方式和途径（信息已经主动公开的，也计在这里）。",
            "The information asked for was given in full, or the applicant was told where and how to get it (including information already published).",
        ),
        basis: basis(
            "《条例》第三十六条第（一）、（二）项",
            "Regulations, article 36 (1) and (2)",
        ),
        targets: &[Target::Row(Applications, "disclosed")],
    },
    Entry {
        id: "partially-disclosed",
        term: label("（二）部分公开", "(2) Partially disclosed"),
        text: label(
            "申请的信息中有一部分不应公开（例如涉及个人隐私），机关把能公开的部分提供给申请人，并对不公开的部分说明理由，这叫“区分处理”。一件申请只要作了区分处理，就只计在这一行，不再计入其他行。",
            "Part of the information asked for may not be disclosed (personal privacy, say): the body gives the rest and explains what it withheld and why. An application so handled counts in this row only.",
        ),
        basis: basis("《条例》第三十七条", "Regulations, article 37"),
        targets: &[Target::Row(Applications, "partially_disclosed")],
    },
    Entry {
        id: "withheld",
        term: label("（三）不予公开", "(3) Withheld"),
        text: label(
            "机关依据《条例》决定不公开，告知申请人并说明理由。理由分为下面八种，每件申请按一种理由计入。",
            "The body decided under the Regulations not to disclose, and told the applicant why. The reasons fall into the eight rows below; each application counts under one.",
        ),
        basis: basis(
            "《条例》第十四条至第十六条、第三十六条第（三）项",
            "Regulations, articles 14 to 16 and 36 (3)",
        ),
        targets: &[Target::Heading("（三）不予公开")],
    },
    Entry {
        id: "state-secret",
        term: label("1.属于国家秘密", "1. State secret"),
        text: label(
            "依照《保守国家秘密法》确定为国家秘密的信息，不予公开。",
            "Information classified as a state secret under the Law on Guarding State Secrets is withheld.",
        ),
        basis: basis("《条例》第十四条", "Regulations, article 14"),
        targets: &[Target::Row(Applications, "withheld_state_secret")],
    },
    Entry {
        id: "prohibited-by-law",
        term: label(
            "2.其他法律行政法规禁止公开",
            "2. Prohibited by other laws or regulations",
        ),
        text: label(
            "国家秘密以外，其他法律、行政法规明确禁止公开的信息。",
            "Information that a law or administrative regulation other than the secrets law forbids disclosing.",
        ),
        basis: basis("《条例》第十四条", "Regulations, article 14"),
        targets: &[Target::Row(Applications, "withheld_prohibited_by_law")],
    },
    Entry {
        id: "security-stability",
        term: label("3.危及“三安全一稳定”", "3. Endangers security or stability"),
        text: label(
            "公开后可能危及国家安全、公共安全、经济安全（“三安全”）或者社会稳定（“一稳定”）的信息。",
            "Information whose disclosure could endanger national, public or economic security (the “three securities”) or social stability (the “one stability”).",
        ),
        basis: basis("《条例》第十四条", "Regulations, article 14"),
        targets: &[Target::Row(Applications, "withheld_security_stability")],
    },
    Entry {
        id: "third-party",
        term: label("4.保护第三方合法权益", "4. Protects a third party's rights"),
        text: label(
            "涉及商业秘密、个人隐私等，公开会损害第三方（申请人和机关以外的人或单位）合法权益的信息。但第三方同意公开，或者机关认为不公开会对公共利益造成重大影响的，仍应公开。",
            "Information such as trade secrets or personal privacy whose disclosure would harm the lawful rights of a third party (someone other than the applicant and the body). It is disclosed all the same if the third party agrees, or if withholding it would seriously affect the public interest.",
        ),
        basis: basis("《条例》第十五条", "Regulations, article 15"),
        targets: &[Target::Row(Applications, "withheld_third_party")],
    },
    Entry {
        id: "internal-affairs",
        term: label("5.属于三类内部事务信息", "5. Internal affairs information"),
        text: label(
            "机关的内部事务信息，分三类：人事管理、后勤管理、内部工作流程。这类信息可以不予公开。",
            "A body's internal affairs, of three kinds: personnel management, logistics, and internal working procedures. They may be withheld.",
        ),
        basis: basis(
            "《条例》第十六条第一款",
            "Regulations, article 16, paragraph 1",
        ),
        targets: &[Target::Row(Applications, "withheld_internal_affairs")],
    },
    Entry {
        id: "process-information",
        term: label("6.属于四类过程性信息", "6. Process information"),
        text: label(
            "机关在履行职能过程中形成的四类信息：讨论记录、过程稿、磋商信函、请示报告。这类信息可以不予公开；法律、法规、规章规定应当公开的，从其规定。",
            "Four kinds of record a body makes on the way to a decision: minutes of discussions, drafts, letters of consultation, and requests for instructions and reports. They may be withheld unless a law, regulation or rule requires their disclosure.",
        ),
        basis: basis(
            "《条例》第十六条第二款",
            "Regulations, article 16, paragraph 2",
        ),
        targets: &[Target::Row(Applications, "withheld_process_info")],
    },
    Entry {
        id: "enforcement-files",
        term: label("7.属于行政执法案卷", "7. Law-enforcement case files"),
        text: label(
            "行政处罚、行政检查等执法活动形成的案卷信息，可以不予公开；法律、法规、规章规定应当公开的，从其规定。",
            "The files of enforcement cases (penalties, inspections and the like) may be withheld unless a law, regulation or rule requires their disclosure.",
        ),
        basis: basis(
            "《条例》第十六条第二款",
            "Regulations, article 16, paragraph 2",
        ),
        targets: &[Target::Row(Applications, "withheld_enforcement_files")],
    },
    Entry {
        id: "inquiry",
        term: label("8.属于行政查询事项", "8. Administrative inquiry matters"),
        text: label(
            "工商登记、不动产登记资料等，有关法律、行政法规对获取另有特别规定的信息。机关告知申请人按这些规定去查询，不作为信息公开申请提供。",
            "Information such as business or real-estate registration records, whose access other laws or regulations govern specially. The applicant is told to use those procedures instead.",
        ),
        basis: basis(
            "《条例》第三十六条第（七）项",
            "Regulations, article 36 (7)",
        ),
        targets: &[Target::Row(Applications, "withheld_inquiry")],
    },
    Entry {
        id: "unavailable",
        term: label("（四）无法提供", "(4) Cannot be provided"),
        text: label(
            "不是机关决定不公开，而是客观上提供不了。分为下面三种。",
            "Not a decision to withhold: the body cannot provide the information. Three cases follow.",
        ),
        basis: basis(
            "《条例》第三十条、第三十六条第（四）、（五）项、第三十八条",
            "Regulations, articles 30, 36 (4) and (5), and 38",
        ),
        targets: &[Target::Heading("（四）无法提供")],
    },
    Entry {
        id: "not-held",
        term: label("1.本机关不掌握相关政府信息", "1. Not held by this body"),
        text: label(
            "经检索，本机关没有申请的信息，或者这一信息不由本机关负责公开（此时机关应当告知能确定的负责机关）。",
            "After a search the body has no such information, or it is not the body responsible for disclosing it (it should then name the body that is, where it can).",
        ),
        basis: basis(
            "《条例》第三十六条第（四）、（五）项",
            "Regulations, article 36 (4) and (5)",
        ),
        targets: &[Target::Row(Applications, "unavailable_not_held")],
    },
    Entry {
        id: "needs-creation",
        term: label("2.没有现成信息需要另行制作", "2. Would have to be created"),
        text: label(
            "机关提供的是已经制作或者获取的信息；需要对现有信息加工、分析才能得到的，可以不予提供。",
            "Bodies provide information they have already made or obtained; what could only be had by processing or analysing it need not be provided.",
        ),
        basis: basis("《条例》第三十八条", "Regulations, article 38"),
        targets: &[Target::Row(Applications, "unavailable_needs_creation")],
    },
    Entry {
        id: "unclear",
        term: label(
            "3.补正后申请内容仍不明确",
            "3. Still unclear after correction",
        ),
        text: label(
            "申请内容不明确的，机关应当给予指导和释明，并在7个工作日内一次性告知申请人补正；补正后仍无法确定要什么信息的，计入这一行。",
            "When an application is unclear the body must explain and, within 7 working days, ask once for a correction; if it is still unclear what is asked for, it counts here.",
        ),
        basis: basis(
            "《条例》第二十九条、第三十条",
            "Regulations, articles 29 and 30",
        ),
        targets: &[Target::Row(Applications, "unavailable_unclear")],
    },
    Entry {
        id: "not-processed",
        term: label("（五）不予处理", "(5) Not processed"),
        text: label(
            "申请不作为或者不再作为政府信息公开申请处理的情形，分为下面五种。",
            "Applications not (or no longer) treated as applications for government information, in the five cases below.",
        ),
        basis: basis(
            "《条例》第三十五条、第三十六条第（六）项、第三十九条",
            "Regulations, articles 35, 36 (6) and 39",
        ),
        targets: &[Target::Heading("（五）不予处理")],
    },
    Entry {
        id: "petition",
        term: label(
            "1.信访举报投诉类申请",
            "1. Petitions, reports and complaints",
        ),
        text: label(
            "以信息公开申请的形式进行信访、投诉、举报的，机关告知申请人不作为信息公开申请处理，并可以告知通过相应渠道提出。",
            "Petitions, complaints or reports made in the form of an application: the applicant is told it is not handled as one, and may be pointed to the right channel.",
        ),
        basis: basis(
            "《条例》第三十九条第一款",
            "Regulations, article 39, paragraph 1",
        ),
        targets: &[Target::Row(Applications, "rejected_petition")],
    },
    Entry {
        id: "duplicate",
        term: label("2.重复申请", "2. Duplicate applications"),
        text: label(
            "机关已经答复过，申请人又申请公开相同信息的，告知不予重复处理。",
            "The body already answered and the applicant asks again for the same information: it is not handled twice.",
        ),
        basis: basis(
            "《条例》第三十六条第（六）项",
            "Regulations, article 36 (6)",
        ),
        targets: &[Target::Row(Applications, "rejected_duplicate")],
    },
    Entry {
        id: "publications",
        term: label("3.要求提供公开出版物", "3. Requests for publications"),
        text: label(
            "要求机关提供政府公报、报刊、书籍等公开出版物的，机关可以告知获取的途径。",
            "Requests for government gazettes, newspapers, books or other publications: the body may say where to get them.",
        ),
        basis: basis(
            "《条例》第三十九条第二款",
            "Regulations, article 39, paragraph 2",
        ),
        targets: &[Target::Row(Applications, "rejected_publication")],
    },
    Entry {
        id: "excessive",
        term: label(
            "4.无正当理由大量反复申请",
            "4. Excessive repeated applications",
        ),
        text: label(
            "申请的数量、频次明显超过合理范围，机关可以要求申请人说明理由；理由不合理的，告知不予处理。",
            "When the number or frequency of applications clearly exceeds a reasonable range the body may ask for reasons; if they are not reasonable, the applications are not processed.",
        ),
        basis: basis("《条例》第三十五条", "Regulations, article 35"),
        targets: &[Target::Row(Applications, "rejected_excessive")],
    },
    Entry {
        id: "confirmation",
        term: label(
            "5.要求行政机关确认或重新出具已获取信息",
            "5. Requests to confirm or reissue information already obtained",
        ),
        text: label(
            "要求机关确认已经获取的信息是否真实，或者重新出具已经获取的信息。申请公开针对的是获取政府信息（第二十七条），这类请求不是获取信息，所以不作为信息公开申请处理。《条例》没有为此单列条款。",
            "Requests to confirm that information already obtained is genuine, or to issue it again. An application is for obtaining information (article 27); these are not, so they are not handled as applications. The Regulations have no article of their own for them.",
        ),
        basis: None,
        targets: &[Target::Row(Applications, "rejected_confirmation")],
    },
    Entry {
        id: "other-handling",
        term: label("（六）其他处理", "(6) Otherwise handled"),
        text: label(
            "申请因申请人一方的原因没有办完，或者不属于以上各类的其他情形。2019年版格式只有这一行；2021年版分为下面三行。",
            "Applications left unfinished because of the applicant, or handled in some other way. The 2019 format has this one row; the 2021 format splits it into the three rows below.",
        ),
        basis: None,
        targets: &[
            Target::Heading("（六）其他处理"),
            Target::Row(Applications, "other_handling"),
        ],
    },
    Entry {
        id: "no-correction",
        term: label(
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1. Applicant did not correct in time; no longer processed",
        ),
        text: label(
            "机关告知补正后，申请人没有正当理由在期限内不补正的，视为放弃申请，机关不再处理。",
            "Asked to correct an unclear application, the applicant did not do so in time without good reason: the application is taken as withdrawn.",
        ),
        basis: basis("《条例》第三十条", "Regulations, article 30"),
        targets: &[Target::Row(Applications, "other_no_correction")],
    },
    Entry {
        id: "fee-unpaid",
        term: label(
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "2. Applicant did not pay the fee in time; no longer processed",
        ),
        text: label(
            "机关依法收取信息处理费（见“信息处理费”），申请人收到收费通知后逾期不缴纳的，视为放弃申请，机关不再处理。",
            "The body charged an information processing fee (see that entry) and the applicant did not pay it in time: the application is taken as withdrawn.",
        ),
        basis: basis(
            "《条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            "Regulations, article 42; Measures on information processing fees (国办函〔2020〕109号)",
        ),
        targets: &[Target::Row(Applications, "other_fee_unpaid")],
    },
    Entry {
        id: "other-other",
        term: label("3.其他", "3. Other"),
        text: label(
            "不属于以上任何一种的其他处理情形，例如申请人主动撤回申请。",
            "Any other outcome, such as the applicant withdrawing the application.",
        ),
        basis: None,
        targets: &[Target::Row(Applications, "other_other")],
    },
    Entry {
        id: "results-total",
        term: label("（七）总计", "(7) Total"),
        text: label(
            "（一）至（六）各行之和，即本年度办结的申请总数（本库的核验规则 R3）。",
            "The sum of rows (1) to (6): all applications finished in the year (the archive's rule R3).",
        ),
        basis: None,
        targets: &[Target::Row(Applications, "results_total")],
    },
    Entry {
        id: "carried-forward",
        term: label("四、结转下年度继续办理", "4. Carried forward to next year"),
        text: label(
            "到年底还在法定答复期限内、尚未办结的申请，转到下一年继续办理。",
            "Applications still within their legal answer period at the end of the year, finished next year.",
        ),
        basis: basis("《条例》第三十三条", "Regulations, article 33"),
        targets: &[Target::Row(Applications, "carried_forward")],
    },
];

const APPEALS: &[Entry] = &[
    Entry {
        id: "review",
        term: label("行政复议", "Administrative reviews"),
        text: label(
            "认为机关在信息公开工作中侵犯自己合法权益的，可以向复议机关申请行政复议，由复议机关审查这一行为是否合法、适当。这里统计本机关因信息公开工作被申请行政复议的案件。",
            "Anyone who thinks a body infringed their rights in its disclosure work can ask a review body to examine whether the act was lawful and proper. This row counts the reviews brought against this body over disclosure.",
        ),
        basis: basis(
            "《条例》第五十一条；《行政复议法》",
            "Regulations, article 51; Administrative Review Law",
        ),
        targets: &[Target::Row(Appeals, "review")],
    },
    Entry {
        id: "lawsuit",
        term: label("行政诉讼", "Administrative lawsuits"),
        text: label(
            "也可以向人民法院起诉，由法院审查机关的行为。分为未经复议直接起诉和复议后起诉两种。",
            "One can also sue in a people's court, which examines the body's act; directly, or after a review.",
        ),
        basis: basis(
            "《条例》第五十一条；《行政诉讼法》",
            "Regulations, article 51; Administrative Litigation Law",
        ),
        targets: &[Target::Heading("行政诉讼")],
    },
    Entry {
        id: "lawsuit-direct",
        term: label("未经复议直接起诉", "Filed directly"),
        text: label(
            "没有先申请行政复议，直接向法院起诉的案件。",
            "Lawsuits brought without an administrative review first.",
        ),
        basis: basis("《条例》第五十一条", "Regulations, article 51"),
        targets: &[Target::Row(Appeals, "lawsuit_direct")],
    },
    Entry {
        id: "lawsuit-after-review",
        term: label("复议后起诉", "Filed after review"),
        text: label(
            "先申请了行政复议，对复议结果不服，再向法院起诉的案件。",
            "Lawsuits brought after an administrative review, by someone dissatisfied with its outcome.",
        ),
        basis: basis("《条例》第五十一条", "Regulations, article 51"),
        targets: &[Target::Row(Appeals, "lawsuit_after_review")],
    },
    Entry {
        id: "upheld",
        term: label("结果维持", "Upheld"),
        text: label(
            "复议机关或法院认为本机关的做法合法，维持原行为或者驳回申请人的请求。",
            "The review body or court found the body's act lawful: it was upheld, or the claim dismissed.",
        ),
        basis: None,
        targets: &[Target::Column(Appeals, None, "upheld")],
    },
    Entry {
        id: "corrected",
        term: label("结果纠正", "Corrected"),
        text: label(
            "复议机关或法院认为本机关的做法有问题，予以撤销、变更、确认违法或者责令重新答复等。",
            "The review body or court found fault: the act was revoked, changed or declared unlawful, or the body ordered to answer again.",
        ),
        basis: None,
        targets: &[Target::Column(Appeals, None, "corrected")],
    },
    Entry {
        id: "other-outcome",
        term: label("其他结果", "Other outcome"),
        text: label(
            "既不是维持也不是纠正的结果，例如申请人撤回复议申请或者撤诉、复议终止、法院裁定驳回起诉。",
            "Neither upheld nor corrected: the applicant withdrew, the review was terminated, or the court dismissed the suit on procedural grounds.",
        ),
        basis: None,
        targets: &[Target::Column(Appeals, None, "other")],
    },
    Entry {
        id: "pending",
        term: label("尚未审结", "Pending"),
        text: label(
            "到年底还没有结果的案件。",
            "Cases without an outcome at the end of the year.",
        ),
        basis: None,
        targets: &[Target::Column(Appeals, None, "pending")],
    },
    Entry {
        id: "appeals-total",
        term: label("总计（复议、诉讼）", "Total (reviews and lawsuits)"),
        text: label(
            "结果维持、结果纠正、其他结果、尚未审结四列之和（本库的核验规则 R4）。",
            "The sum of upheld, corrected, other outcome and pending (the archive's rule R4).",
        ),
        basis: None,
        targets: &[Target::Column(Appeals, None, "total")],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::FormatId;

    /// Every label a drawn table prints, in both versions, has its entry.
    #[test]
    fn every_row_column_and_heading_is_explained() {
        let mut missing = Vec::new();
        for format in FormatId::ALL {
            for table in &format.template().tables {
                if let Some(note) = table.note
                    && for_heading(note).is_none()
                {
                    missing.push(note.zh.to_owned());
                }
                for block in table.blocks {
                    for heading in block.heading.iter().chain(block.row_header.iter()) {
                        if for_heading(*heading).is_none() {
                            missing.push(heading.zh.to_owned());
                        }
                    }
                    for row in block.rows {
                        if for_row(table.key, row.key).is_none() {
                            missing.push(format!("row {}.{}", table.key, row.key));
                        }
                        for group in row.groups {
                            if for_heading(*group).is_none() {
                                missing.push(group.zh.to_owned());
                            }
                        }
                        for column in row.columns {
                            if for_column(table.key, row.key, column.key).is_none() {
                                missing.push(format!(
                                    "column {}.{}.{}",
                                    table.key, row.key, column.key
                                ));
                            }
                            for group in column.groups {
                                if for_heading(*group).is_none() {
                                    missing.push(group.zh.to_owned());
                                }
                            }
                        }
                    }
                }
            }
        }
        missing.dedup();
        assert!(missing.is_empty(), "no glossary entry for {missing:#?}");
    }

    #[test]
    fn anchors_are_unique_and_texts_present() {
        let mut ids: Vec<&str> = GLOSSARY
            .iter()
            .flat_map(|part| part.entries.iter().map(|entry| entry.id))
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "an anchor is used twice");
        for entry in GLOSSARY.iter().flat_map(|part| part.entries.iter()) {
            for text in [entry.term, entry.text] {
                assert!(!text.zh.is_empty() && !text.en.is_empty(), "{}", entry.id);
            }
            assert!(
                entry
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                entry.id
            );
        }
    }

    #[test]
    fn each_target_is_explained_once() {
        let targets: Vec<Target> = GLOSSARY
            .iter()
            .flat_map(|part| part.entries.iter())
            .flat_map(|entry| entry.targets.iter().copied())
            .collect();
        for (at, target) in targets.iter().enumerate() {
            assert!(!targets[at + 1..].contains(target), "{target:?} twice");
        }
    }

    #[test]
    fn the_issue_s_terms_cite_their_articles() {
        let zh = |id: &str| {
            let entry = GLOSSARY
                .iter()
                .flat_map(|part| part.entries.iter())
                .find(|entry| entry.id == id)
                .unwrap();
            entry.basis.map_or("", |basis| basis.zh)
        };
        assert_eq!(zh("partially-disclosed"), "《条例》第三十七条");
        assert_eq!(zh("internal-affairs"), "《条例》第十六条第一款");
        assert_eq!(zh("process-information"), "《条例》第十六条第二款");
        assert_eq!(zh("lawsuit-after-review"), "《条例》第五十一条");
        assert!(zh("processing-fee").starts_with("《条例》第四十二条"));
    }
}
