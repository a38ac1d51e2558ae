"""The annual report's official wording, exactly as the formats print it.

2021 format: 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》 (report years from 2021).
Trial format: 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》 (report years 2019-2020):
table 二 had other columns, and （六）其他处理 was a single row.
"""
from __future__ import annotations

from app.requests.catalog import APPLICANT_TYPES, GROUPS, REPORT_LEAVES

SECTIONS = [
    ("overview", "一、总体情况"),
    ("proactive", "二、主动公开政府信息情况"),
    ("requests", "三、收到和处理政府信息公开申请情况"),
    ("review", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
]
TEXT_SECTIONS = ("overview", "problems", "other")  # written by the office (the program proposes a draft)

FORMAT_2021 = "2021"
FORMAT_TRIAL = "trial"
FORMAT_NAMES = {FORMAT_2021: "国办公开办函〔2021〕30号格式", FORMAT_TRIAL: "国办公开办函〔2019〕60号格式（试行）"}


def format_for(year: int) -> str:
    return FORMAT_TRIAL if year <= 2020 else FORMAT_2021


# ---- table 二: (article, column headings, rows of (label, entry keys)) ----------------------------------------------
TABLE2_2021 = [
    ("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), [
        ("规章", ("rules.issued", "rules.repealed", "rules.in_force")),
        ("行政规范性文件", ("normative.issued", "normative.repealed", "normative.in_force")),
    ]),
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), [
        ("行政许可", ("licensing.decisions",)),
    ]),
    ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), [
        ("行政处罚", ("penalty.decisions",)),
        ("行政强制", ("coercion.decisions",)),
    ]),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), [
        ("行政事业性收费", ("fees.amount",)),
    ]),
]
TABLE2_TRIAL = [
    ("第二十条第（一）项", ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"), [
        ("规章", ("trial.rules.made", "trial.rules.published", "trial.rules.total")),
        ("规范性文件", ("trial.normative.made", "trial.normative.published", "trial.normative.total")),
    ]),
    ("第二十条第（五）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), [
        ("行政许可", ("trial.licensing.items", "trial.licensing.change", "trial.licensing.decisions")),
        ("其他对外管理服务事项", ("trial.services.items", "trial.services.change", "trial.services.decisions")),
    ]),
    ("第二十条第（六）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), [
        ("行政处罚", ("trial.penalty.items", "trial.penalty.change", "trial.penalty.decisions")),
        ("行政强制", ("trial.coercion.items", "trial.coercion.change", "trial.coercion.decisions")),
    ]),
    ("第二十条第（八）项", ("信息内容", "上一年项目数量", "本年增/减"), [
        ("行政事业性收费", ("trial.fees.items", "trial.fees.change")),
    ]),
    ("第二十条第（九）项", ("信息内容", "采购项目数量", "采购总金额"), [
        ("政府集中采购", ("trial.procurement.items", "trial.procurement.amount")),
    ]),
]
# Figures that may be negative (本年增/减) or fractional (amounts in 万元); all others are counts.
SIGNED_KEYS = {k for k in ("trial.licensing.change", "trial.services.change", "trial.penalty.change",
                           "trial.coercion.change", "trial.fees.change")}
AMOUNT_KEYS = {"fees.amount", "trial.procurement.amount"}


def table2_spec(fmt: str):
    return TABLE2_2021 if fmt == FORMAT_2021 else TABLE2_TRIAL


def table2_keys(fmt: str) -> list[str]:
    return [k for _, _, rows in table2_spec(fmt) for _, keys in rows for k in keys]


def table2_label(fmt: str, key: str) -> str:
    for article, columns, rows in table2_spec(fmt):
        for label, keys in rows:
            if key in keys:
                return f"{label}（{columns[keys.index(key) + 1]}）"
    return key


# ---- table 三 -------------------------------------------------------------------------------------------------------
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEAD = "申请人情况"
ORG_HEAD = "法人或其他组织"
COLUMNS = [APPLICANT_TYPES[c] for c in APPLICANT_TYPES] + ["总计"]  # 自然人 … 其他, 总计
COLUMN_CODES = list(APPLICANT_TYPES) + ["total"]
ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_TOTAL = "（七）总计"
ROW_CARRIED_OUT = "四、结转下年度继续办理"
TRIAL_OTHER = "（六）其他处理"


def table3_rows(fmt: str) -> list[tuple[str, str, str | None]]:
    """(row key, label, group label or None) in the official order; group rows carry no numbers of their own."""
    rows = [("new", ROW_NEW, None), ("carried_in", ROW_CARRIED_IN, None)]
    for code, group, label in REPORT_LEAVES:
        if fmt == FORMAT_TRIAL and group == "other":
            if code == "other_1":
                rows.append(("other", TRIAL_OTHER, None))
            continue
        rows.append((code, label, None if group in ("disclose", "partial") else GROUPS[group]))
    rows += [("total", ROW_TOTAL, None), ("carried_out", ROW_CARRIED_OUT, None)]
    return rows


# ---- table 四 -------------------------------------------------------------------------------------------------------
REVIEW_HEAD = "行政复议"
LITIGATION_HEAD = "行政诉讼"
ROUTE_HEADS = {"direct": "未经复议直接起诉", "after_reconsideration": "复议后起诉"}
RESULT_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"),
                  ("total", "总计")]
