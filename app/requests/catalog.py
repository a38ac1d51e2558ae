"""依申请公开: the fixed vocabularies — applicant types, channels, forms, states and the outcomes of the annual report.

Sources: 《中华人民共和国政府信息公开条例》(国务院令第711号, "条例"); 国办公开办函〔2021〕30号 (annual report taxonomy);
国办函〔2020〕109号 (fees). Every outcome names its annual-report leaf, its notice and its exact legal basis.
"""
from __future__ import annotations

from dataclasses import dataclass

# ---- applicants (annual report table 三 columns) ----------------------------------------------------------------
APPLICANT_TYPES: dict[str, str] = {
    "natural": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
}
ORGANISATION_TYPES = ("commercial", "research", "public_interest", "legal_service", "other_org")


def applicant_type_label(code: str) -> str:
    """自然人, or 法人或其他组织（商业企业） etc."""
    label = APPLICANT_TYPES[code]
    return label if code == "natural" else f"法人或其他组织（{label}）"


ID_TYPES: dict[str, str] = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao": "港澳居民来往内地通行证",
    "taiwan": "台湾居民来往大陆通行证",
    "foreign_pr": "外国人永久居留身份证",
    "other": "其他证件",
}

# 条例第三十一条: the date a request counts as received depends on how it came.
CHANNELS: dict[str, tuple[str, str]] = {
    "in_person": ("当面提交", "当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）。"),
    "registered_mail": ("挂号信函", "以邮寄方式提交的，以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）。"),
    "ordinary_mail": ("平常信函", "以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日"
                                "（条例第三十一条第（二）项）。"),
    "fax": ("传真", "以传真方式提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。"),
    "email": ("电子邮件", "以电子邮件方式提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。"),
    "online": ("网络平台", "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日"
                           "（条例第三十一条第（三）项）。"),
    "other": ("其他", "请记录确认收到申请的日期，并在备注中说明方式。"),
}

FORMS: dict[str, str] = {"paper": "纸质", "electronic": "电子", "disc": "光盘", "inspection": "查阅", "other": "其他"}
DELIVERY_WANTED: dict[str, str] = {"pickup": "当面领取", "post": "邮寄", "email": "电子邮件", "fax": "传真",
                                   "other": "其他"}
DELIVERY_METHODS: dict[str, str] = {"in_person": "直接送达", "post": "邮寄送达", "email": "电子邮件送达",
                                    "fax": "传真送达", "online": "网络平台送达", "other": "其他方式"}

# ---- states -----------------------------------------------------------------------------------------------------
STATES: dict[str, str] = {
    "registered": "已登记",
    "processing": "办理中",
    "awaiting_correction": "待补正",
    "consulting": "征求意见中",
    "awaiting_fee": "待缴费",
    "replied": "已答复",
    "delivered": "已送达",
    "archived": "已归档",
    "withdrawn": "已撤回",
    "voided": "已作废",  # a registration made by mistake: kept with its number and history, counted nowhere
}
# The states the register lists and counts unless asked otherwise: a voided registration is kept (its number is
# not a gap in the register, and the full export lists it as 已作废) but counts as no request.
COUNTED_STATES = tuple(s for s in STATES if s != "voided")
OPEN_STATES = ("registered", "processing", "awaiting_correction", "consulting", "awaiting_fee")
# States in which the reply clock runs (waiting for a correction, a consultation or a fee stops or resets it).
CLOCK_RUNNING = ("registered", "processing")

# ---- outcomes ---------------------------------------------------------------------------------------------------
GROUPS: dict[str, str] = {
    "disclose": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "refuse": "（三）不予公开",
    "unable": "（四）无法提供",
    "reject": "（五）不予处理",
    "other": "（六）其他处理",
}

# The annual report's leaves (国办公开办函〔2021〕30号 table 三), in the official order with their exact labels.
REPORT_LEAVES: list[tuple[str, str, str]] = [
    ("disclose", "disclose", "（一）予以公开"),
    ("partial", "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("refuse_1", "refuse", "1.属于国家秘密"),
    ("refuse_2", "refuse", "2.其他法律行政法规禁止公开"),
    ("refuse_3", "refuse", "3.危及“三安全一稳定”"),
    ("refuse_4", "refuse", "4.保护第三方合法权益"),
    ("refuse_5", "refuse", "5.属于三类内部事务信息"),
    ("refuse_6", "refuse", "6.属于四类过程性信息"),
    ("refuse_7", "refuse", "7.属于行政执法案卷"),
    ("refuse_8", "refuse", "8.属于行政查询事项"),
    ("unable_1", "unable", "1.本机关不掌握相关政府信息"),
    ("unable_2", "unable", "2.没有现成信息需要另行制作"),
    ("unable_3", "unable", "3.补正后申请内容仍不明确"),
    ("reject_1", "reject", "1.信访举报投诉类申请"),
    ("reject_2", "reject", "2.重复申请"),
    ("reject_3", "reject", "3.要求提供公开出版物"),
    ("reject_4", "reject", "4.无正当理由大量反复申请"),
    ("reject_5", "reject", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_1", "other", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_2", "other", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_3", "other", "3.其他"),
]
LEAF_LABELS = {code: label for code, _, label in REPORT_LEAVES}

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str  # what the clerk chooses
    leaf: str  # the annual report leaf it is counted under
    notice: str  # the reply notice printed for it
    basis: str  # the exact legal basis cited in the notice
    needs_grounds: bool = False  # 部分公开 records which refusal grounds apply to the withheld part
    refusal: bool = False  # a refusal to disclose: 行政复议前置 (行政复议法 2023 第二十三条)


_ART36 = "第三十六条第（{}）项"

OUTCOMES: dict[str, Outcome] = {o.code: o for o in [
    Outcome("disclose", "予以公开", "disclose", "政府信息公开告知书", _ART36.format("二")),
    # Already proactively disclosed (条例第三十六条第（一）项): counted under 予以公开 in the annual report.
    Outcome("disclose_proactive", "予以公开（已主动公开）", "disclose", "已主动公开告知书", _ART36.format("一")),
    Outcome("partial", "部分公开", "partial", "政府信息部分公开告知书", "第三十七条", needs_grounds=True, refusal=True),
    Outcome("refuse_1", "不予公开：属于国家秘密", "refuse_1", "不予公开告知书", _ART36.format("三") + "、第十四条",
            refusal=True),
    Outcome("refuse_2", "不予公开：其他法律行政法规禁止公开", "refuse_2", "不予公开告知书",
            _ART36.format("三") + "、第十四条", refusal=True),
    Outcome("refuse_3", "不予公开：危及“三安全一稳定”", "refuse_3", "不予公开告知书",
            _ART36.format("三") + "、第十四条", refusal=True),
    Outcome("refuse_4", "不予公开：保护第三方合法权益", "refuse_4", "不予公开告知书",
            _ART36.format("三") + "、第十五条", refusal=True),
    Outcome("refuse_5", "不予公开：属于三类内部事务信息", "refuse_5", "不予公开告知书",
            _ART36.format("三") + "、第十六条第一款", refusal=True),
    Outcome("refuse_6", "不予公开：属于四类过程性信息", "refuse_6", "不予公开告知书",
            _ART36.format("三") + "、第十六条第二款", refusal=True),
    Outcome("refuse_7", "不予公开：属于行政执法案卷", "refuse_7", "不予公开告知书",
            _ART36.format("三") + "、第十六条第二款", refusal=True),
    Outcome("refuse_8", "不予公开：属于行政查询事项", "refuse_8", "不予公开告知书", _ART36.format("三"), refusal=True),
    Outcome("unable_not_exist", "无法提供：经检索该信息不存在", "unable_1", "政府信息不存在告知书", _ART36.format("四")),
    Outcome("unable_not_ours", "无法提供：不属于本机关负责公开", "unable_1", "非本机关政府信息告知书",
            _ART36.format("五")),
    Outcome("unable_2", "无法提供：没有现成信息需要另行制作", "unable_2", "需另行制作信息告知书", "第三十八条"),
    Outcome("unable_3", "无法提供：补正后申请内容仍不明确", "unable_3", "申请内容不明确告知书", "第三十条"),
    Outcome("reject_1", "不予处理：信访举报投诉类申请", "reject_1", "不作为政府信息公开申请处理告知书", "第三十九条第一款"),
    Outcome("reject_2", "不予处理：重复申请", "reject_2", "重复申请告知书", _ART36.format("六")),
    Outcome("reject_3", "不予处理：要求提供公开出版物", "reject_3", "公开出版物告知书", "第三十九条第二款"),
    Outcome("reject_4", "不予处理：无正当理由大量反复申请", "reject_4", "大量反复申请不予处理告知书", "第三十五条"),
    Outcome("reject_5", "不予处理：要求确认或重新出具已获取信息", "reject_5", "不予处理告知书", "第二条"),
    Outcome("other_1", "其他处理：逾期不补正", "other_1", "逾期未补正终止办理告知书", "第三十条"),
    Outcome("other_2", "其他处理：逾期未缴费", "other_2", "逾期未缴费终止办理告知书", FEE_MEASURES),
    Outcome("other_3", "其他处理：其他（如申请人撤回）", "other_3", "终止办理告知书", ""),
    # 条例第三十六条第（七）项: 工商、不动产登记资料 — special laws govern access. The annual report has no row of its
    # own for it; it is counted under （六）其他处理 3.其他.
    Outcome("special_registry", "告知按特别规定办理（工商、不动产登记资料等）", "other_3", "依照特别规定办理告知书",
            _ART36.format("七")),
]}

# Outcomes that conclude a request without a reply being owed to the applicant beyond the notice (no delivery step).
NO_DELIVERY_NEEDED = ("other_1", "other_2", "other_3")

# Grounds for withholding part of the information (部分公开) — the refusal leaves with their articles.
WITHHOLDING_GROUNDS: dict[str, str] = {code: OUTCOMES[code].label.split("：", 1)[1] for code in
                                       ("refuse_1", "refuse_2", "refuse_3", "refuse_4", "refuse_5", "refuse_6",
                                        "refuse_7", "refuse_8")}


def basis_sentence(outcome: Outcome) -> str:
    """“根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定”."""
    if not outcome.basis:
        return ""
    if outcome.basis.startswith("《"):
        return f"根据{outcome.basis}的规定"
    return f"根据{REGULATION}{outcome.basis}的规定"


# ---- fees (国办函〔2020〕109号) ------------------------------------------------------------------------------------
FEE_METHODS = {"per_item": "按件计收", "per_volume": "按量计收"}
# Hardship waivers (the office's rule book, seed 003): the fee is waived on the applicant's request with proof.
FEE_WAIVERS: dict[str, str] = {
    "dibao": "领取最低生活保障金",
    "welfare": "社会福利机构中由政府供养",
    "wubao": "农村五保户",
    "relief": "因残疾、严重疾病、自然灾害等原因正在接受国家救济",
    "below_dibao": "经乡镇人民政府或街道办事处证明实际生活水平低于最低生活保障标准",
}

CONSULTATION_KINDS = {"third_party": "第三方", "agency": "共同制作机关"}
CONSULTATION_REPLIES = {"agree": "同意公开", "disagree": "不同意公开", "none": "逾期未答复"}
STOP_KINDS = {"third_party": "征求第三方意见", "agency": "征求其他机关意见", "fee": "等待缴纳信息处理费",
              "suspend": "因不可抗力等法定事由中止"}
