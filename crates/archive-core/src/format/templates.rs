//! The two template versions, transcribed from the notices that issued them.
//!
//! Labels are the templates' own text (zh) and an English rendering (en). Keys are those of the
//! archive's data specification and never change.

use super::{
    BlockDef, ColumnDef, ColumnRole, FormatId, Label, Orientation, RowDef, RowRole, TableDef,
    TableKey, Template, ValueKind,
};

const fn label(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

const fn column(key: &'static str, label: Label, kind: ValueKind) -> ColumnDef {
    ColumnDef {
        key,
        label,
        groups: &[],
        kind,
        role: ColumnRole::Item,
    }
}

/// A column that plays a part in the template's arithmetic.
const fn counted(key: &'static str, label: Label, role: ColumnRole) -> ColumnDef {
    ColumnDef {
        role,
        ..column(key, label, ValueKind::Count)
    }
}

const fn row(key: &'static str, label: Label, columns: &'static [ColumnDef]) -> RowDef {
    RowDef {
        key,
        label,
        groups: &[],
        columns,
        slot: None,
        role: RowRole::Item,
    }
}

const ITEM_CONTENT: Label = label("信息内容", "Item");

// ---- 二、主动公开政府信息情况 ----

const ARTICLE_20_1: Label = label("第二十条第（一）项", "Article 20 (1)");
const ARTICLE_20_5: Label = label("第二十条第（五）项", "Article 20 (5)");
const ARTICLE_20_6: Label = label("第二十条第（六）项", "Article 20 (6)");
const ARTICLE_20_8: Label = label("第二十条第（八）项", "Article 20 (8)");
const ARTICLE_20_9: Label = label("第二十条第（九）项", "Article 20 (9)");

const RULES: Label = label("规章", "Rules");
const LICENSING: Label = label("行政许可", "Administrative licensing");
const PENALTY: Label = label("行政处罚", "Administrative penalties");
const COERCION: Label = label("行政强制", "Administrative coercion");
const FEES: Label = label("行政事业性收费", "Administrative fees");

const DECISIONS_2021: ColumnDef = column(
    "decisions",
    label("本年处理决定数量", "Decisions this year"),
    ValueKind::Count,
);

const DOCUMENTS_2021: [ColumnDef; 3] = [
    counted(
        "issued",
        label("本年制发件数", "Issued this year"),
        ColumnRole::Issued,
    ),
    counted(
        "repealed",
        label("本年废止件数", "Repealed this year"),
        ColumnRole::Repealed,
    ),
    counted(
        "in_force",
        label("现行有效件数", "In force"),
        ColumnRole::InForce,
    ),
];

const ACTIVE_2021: [BlockDef; 4] = [
    BlockDef {
        heading: Some(ARTICLE_20_1),
        row_header: Some(ITEM_CONTENT),
        rows: &[
            row("rules", RULES, &DOCUMENTS_2021),
            row(
                "normative_documents",
                label("行政规范性文件", "Normative documents"),
                &DOCUMENTS_2021,
            ),
        ],
    },
    BlockDef {
        heading: Some(ARTICLE_20_5),
        row_header: Some(ITEM_CONTENT),
        rows: &[row("licensing", LICENSING, &[DECISIONS_2021])],
    },
    BlockDef {
        heading: Some(ARTICLE_20_6),
        row_header: Some(ITEM_CONTENT),
        rows: &[
            row("penalty", PENALTY, &[DECISIONS_2021]),
            row("coercion", COERCION, &[DECISIONS_2021]),
        ],
    },
    BlockDef {
        heading: Some(ARTICLE_20_8),
        row_header: Some(ITEM_CONTENT),
        rows: &[row(
            "fees",
            FEES,
            &[column(
                "amount",
                label("本年收费金额（单位：万元）", "Fees collected (10,000 yuan)"),
                ValueKind::Amount,
            )],
        )],
    },
];

const DOCUMENTS_2019: [ColumnDef; 3] = [
    column(
        "made",
        label("本年新制作数量", "Made this year"),
        ValueKind::Count,
    ),
    column(
        "published",
        label("本年新公开数量", "Published this year"),
        ValueKind::Count,
    ),
    column(
        "total_published",
        label("对外公开总数量", "Published in total"),
        ValueKind::Count,
    ),
];

const PREVIOUS_ITEMS: ColumnDef = column(
    "previous_items",
    label("上一年项目数量", "Items last year"),
    ValueKind::Count,
);
const CHANGE: ColumnDef = column(
    "change",
    label("本年增/减", "Change this year"),
    ValueKind::Change,
);
const ITEMS_2019: [ColumnDef; 3] = [
    PREVIOUS_ITEMS,
    CHANGE,
    column(
        "decisions",
        label("处理决定数量", "Decisions"),
        ValueKind::Count,
    ),
];

const ACTIVE_2019: [BlockDef; 5] = [
    BlockDef {
        heading: Some(ARTICLE_20_1),
        row_header: Some(ITEM_CONTENT),
        rows: &[
            row("rules", RULES, &DOCUMENTS_2019),
            row(
                "normative_documents",
                label("规范性文件", "Normative documents"),
                &DOCUMENTS_2019,
            ),
        ],
    },
    BlockDef {
        heading: Some(ARTICLE_20_5),
        row_header: Some(ITEM_CONTENT),
        rows: &[
            row("licensing", LICENSING, &ITEMS_2019),
            row(
                "other_services",
                label("其他对外管理服务事项", "Other public services"),
                &ITEMS_2019,
            ),
        ],
    },
    BlockDef {
        heading: Some(ARTICLE_20_6),
        row_header: Some(ITEM_CONTENT),
        rows: &[
            row("penalty", PENALTY, &ITEMS_2019),
            row("coercion", COERCION, &ITEMS_2019),
        ],
    },
    BlockDef {
        heading: Some(ARTICLE_20_8),
        row_header: Some(ITEM_CONTENT),
        rows: &[row("fees", FEES, &[PREVIOUS_ITEMS, CHANGE])],
    },
    BlockDef {
        heading: Some(ARTICLE_20_9),
        row_header: Some(ITEM_CONTENT),
        rows: &[row(
            "procurement",
            label("政府集中采购", "Centralised government procurement"),
            &[
                column(
                    "projects",
                    label("采购项目数量", "Procurement projects"),
                    ValueKind::Count,
                ),
                column(
                    "amount",
                    label("采购总金额", "Total procurement amount"),
                    ValueKind::Text,
                ),
            ],
        )],
    },
];

// ---- 三、收到和处理政府信息公开申请情况 ----

const APPLICANTS: Label = label("申请人情况", "Applicants");
const ORGANISATIONS: Label = label("法人或其他组织", "Legal persons and other organisations");

const fn applicant(key: &'static str, label: Label, groups: &'static [Label]) -> ColumnDef {
    ColumnDef {
        key,
        label,
        groups,
        kind: ValueKind::Count,
        role: ColumnRole::Item,
    }
}

const APPLICANT_COLUMNS: [ColumnDef; 7] = [
    applicant(
        "natural_person",
        label("自然人", "Natural persons"),
        &[APPLICANTS],
    ),
    applicant(
        "business",
        label("商业企业", "Businesses"),
        &[APPLICANTS, ORGANISATIONS],
    ),
    applicant(
        "research",
        label("科研机构", "Research institutions"),
        &[APPLICANTS, ORGANISATIONS],
    ),
    applicant(
        "nonprofit",
        label("社会公益组织", "Non-profit organisations"),
        &[APPLICANTS, ORGANISATIONS],
    ),
    applicant(
        "legal_services",
        label("法律服务机构", "Legal service providers"),
        &[APPLICANTS, ORGANISATIONS],
    ),
    applicant(
        "other_org",
        label("其他", "Other"),
        &[APPLICANTS, ORGANISATIONS],
    ),
    ColumnDef {
        role: ColumnRole::Total,
        ..applicant("total", label("总计", "Total"), &[APPLICANTS])
    },
];

const RESULTS: Label = label("三、本年度办理结果", "3. Results this year");
const WITHHELD: Label = label("（三）不予公开", "(3) Withheld");
const UNAVAILABLE: Label = label("（四）无法提供", "(4) Cannot be provided");
const REJECTED: Label = label("（五）不予处理", "(5) Not processed");
const OTHER_HANDLING: Label = label("（六）其他处理", "(6) Otherwise handled");

const fn application(
    key: &'static str,
    label: Label,
    groups: &'static [Label],
    role: RowRole,
) -> RowDef {
    RowDef {
        key,
        label,
        groups,
        columns: &APPLICANT_COLUMNS,
        slot: None,
        role,
    }
}

/// A row under 三、本年度办理结果, counted in its （七）总计.
const fn result(key: &'static str, label: Label, groups: &'static [Label]) -> RowDef {
    application(key, label, groups, RowRole::Result)
}

const fn other_handling(key: &'static str, label: Label, groups: &'static [Label]) -> RowDef {
    RowDef {
        slot: Some("other_handling"),
        ..result(key, label, groups)
    }
}

/// The rows both versions share before （六）其他处理.
macro_rules! applications_rows {
    ($($other:expr),+ $(,)?) => {
        [
            application(
                "received",
                label("一、本年新收政府信息公开申请数量", "1. New applications received this year"),
                &[],
                RowRole::Received,
            ),
            application(
                "carried_over",
                label("二、上年结转政府信息公开申请数量", "2. Applications carried over from last year"),
                &[],
                RowRole::CarriedOver,
            ),
            result("disclosed", label("（一）予以公开", "(1) Disclosed"), &[RESULTS]),
            result(
                "partially_disclosed",
                label(
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                    "(2) Partially disclosed (counted here only)",
                ),
                &[RESULTS],
            ),
            result(
                "withheld_state_secret",
                label("1.属于国家秘密", "1. State secret"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_prohibited_by_law",
                label("2.其他法律行政法规禁止公开", "2. Prohibited by other laws or regulations"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_security_stability",
                label("3.危及“三安全一稳定”", "3. Endangers security or stability"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_third_party",
                label("4.保护第三方合法权益", "4. Protects a third party's rights"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_internal_affairs",
                label("5.属于三类内部事务信息", "5. Internal affairs information"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_process_info",
                label("6.属于四类过程性信息", "6. Process information"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_enforcement_files",
                label("7.属于行政执法案卷", "7. Law-enforcement case files"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "withheld_inquiry",
                label("8.属于行政查询事项", "8. Administrative inquiry matters"),
                &[RESULTS, WITHHELD],
            ),
            result(
                "unavailable_not_held",
                label("1.本机关不掌握相关政府信息", "1. Not held by this body"),
                &[RESULTS, UNAVAILABLE],
            ),
            result(
                "unavailable_needs_creation",
                label("2.没有现成信息需要另行制作", "2. Would have to be created"),
                &[RESULTS, UNAVAILABLE],
            ),
            result(
                "unavailable_unclear",
                label("3.补正后申请内容仍不明确", "3. Still unclear after correction"),
                &[RESULTS, UNAVAILABLE],
            ),
            result(
                "rejected_petition",
                label("1.信访举报投诉类申请", "1. Petitions, reports and complaints"),
                &[RESULTS, REJECTED],
            ),
            result(
                "rejected_duplicate",
                label("2.重复申请", "2. Duplicate applications"),
                &[RESULTS, REJECTED],
            ),
            result(
                "rejected_publication",
                label("3.要求提供公开出版物", "3. Requests for publications"),
                &[RESULTS, REJECTED],
            ),
            result(
                "rejected_excessive",
                label("4.无正当理由大量反复申请", "4. Excessive repeated applications"),
                &[RESULTS, REJECTED],
            ),
            result(
                "rejected_confirmation",
                label(
                    "5.要求行政机关确认或重新出具已获取信息",
                    "5. Requests to confirm or reissue information already obtained",
                ),
                &[RESULTS, REJECTED],
            ),
            $($other,)+
            application(
                "results_total",
                label("（七）总计", "(7) Total"),
                &[RESULTS],
                RowRole::ResultsTotal,
            ),
            application(
                "carried_forward",
                label("四、结转下年度继续办理", "4. Carried forward to next year"),
                &[],
                RowRole::CarriedForward,
            ),
        ]
    };
}

const APPLICATIONS_NOTE: Label = label(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(Items 1 + 2 equal items 3 + 4 in every column)",
);

const APPLICATIONS_2021: [RowDef; 25] = applications_rows![
    other_handling(
        "other_no_correction",
        label(
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1. Applicant did not correct in time; no longer processed",
        ),
        &[RESULTS, OTHER_HANDLING],
    ),
    other_handling(
        "other_fee_unpaid",
        label(
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "2. Applicant did not pay the fee in time; no longer processed",
        ),
        &[RESULTS, OTHER_HANDLING],
    ),
    other_handling(
        "other_other",
        label("3.其他", "3. Other"),
        &[RESULTS, OTHER_HANDLING]
    ),
];

const APPLICATIONS_2019: [RowDef; 23] =
    applications_rows![other_handling("other_handling", OTHER_HANDLING, &[RESULTS])];

// ---- 四、政府信息公开行政复议、行政诉讼情况 ----

const APPEAL_COLUMNS: [ColumnDef; 5] = [
    column("upheld", label("结果维持", "Upheld"), ValueKind::Count),
    column(
        "corrected",
        label("结果纠正", "Corrected"),
        ValueKind::Count,
    ),
    column(
        "other",
        label("其他结果", "Other outcome"),
        ValueKind::Count,
    ),
    column("pending", label("尚未审结", "Pending"), ValueKind::Count),
    counted("total", label("总计", "Total"), ColumnRole::Total),
];

const LAWSUIT: Label = label("行政诉讼", "Administrative lawsuits");

const APPEALS: [BlockDef; 1] = [BlockDef {
    heading: None,
    row_header: None,
    rows: &[
        row(
            "review",
            label("行政复议", "Administrative reviews"),
            &APPEAL_COLUMNS,
        ),
        RowDef {
            groups: &[LAWSUIT],
            ..row(
                "lawsuit_direct",
                label("未经复议直接起诉", "Filed directly"),
                &APPEAL_COLUMNS,
            )
        },
        RowDef {
            groups: &[LAWSUIT],
            ..row(
                "lawsuit_after_review",
                label("复议后起诉", "Filed after review"),
                &APPEAL_COLUMNS,
            )
        },
    ],
}];

const APPLICATIONS_HEADING: Label = label(
    "三、收到和处理政府信息公开申请情况",
    "3. Applications received and handled",
);
const APPEALS_HEADING: Label = label(
    "四、政府信息公开行政复议、行政诉讼情况",
    "4. Administrative reviews and lawsuits",
);
const ACTIVE_HEADING: Label = label("二、主动公开政府信息情况", "2. Proactive disclosure");

const SECTIONS: [Label; 6] = [
    label("一、总体情况", "1. Overview"),
    ACTIVE_HEADING,
    APPLICATIONS_HEADING,
    APPEALS_HEADING,
    label(
        "五、存在的主要问题及改进情况",
        "5. Main problems and improvements",
    ),
    label("六、其他需要报告的事项", "6. Other matters"),
];

pub(super) static GB2021: Template = Template {
    id: FormatId::Gb2021,
    name: label(
        "中华人民共和国政府信息公开工作年度报告格式",
        "Annual report format, 2021",
    ),
    document: "国办公开办函〔2021〕30号",
    tables: [
        TableDef {
            key: TableKey::Active,
            heading: ACTIVE_HEADING,
            orientation: Orientation::Rows,
            note: None,
            blocks: &ACTIVE_2021,
        },
        TableDef {
            key: TableKey::Applications,
            heading: APPLICATIONS_HEADING,
            orientation: Orientation::Rows,
            note: Some(APPLICATIONS_NOTE),
            blocks: &[BlockDef {
                heading: None,
                row_header: None,
                rows: &APPLICATIONS_2021,
            }],
        },
        TableDef {
            key: TableKey::Appeals,
            heading: APPEALS_HEADING,
            orientation: Orientation::Columns,
            note: None,
            blocks: &APPEALS,
        },
    ],
    sections: SECTIONS,
};

pub(super) static GB2019: Template = Template {
    id: FormatId::Gb2019,
    name: label(
        "政府信息公开工作年度报告格式（试行）",
        "Annual report format (trial), 2019",
    ),
    document: "国办公开办函〔2019〕60号",
    tables: [
        TableDef {
            key: TableKey::Active,
            heading: ACTIVE_HEADING,
            orientation: Orientation::Rows,
            note: None,
            blocks: &ACTIVE_2019,
        },
        TableDef {
            key: TableKey::Applications,
            heading: APPLICATIONS_HEADING,
            orientation: Orientation::Rows,
            note: Some(APPLICATIONS_NOTE),
            blocks: &[BlockDef {
                heading: None,
                row_header: None,
                rows: &APPLICATIONS_2019,
            }],
        },
        TableDef {
            key: TableKey::Appeals,
            heading: APPEALS_HEADING,
            orientation: Orientation::Columns,
            note: None,
            blocks: &APPEALS,
        },
    ],
    sections: SECTIONS,
};
