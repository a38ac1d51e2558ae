"""The words of an office's old register (台账) and what they mean here: column headings, applicant types, channels,
outcomes (the annual report's labels, 国办公开办函〔2021〕30号, and the shorthand offices write) and dates."""
from __future__ import annotations

import datetime as dt
import re

from app.requests import catalog

# target field -> (heading in our documented default header set, other headings offices use)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("申请编号", ("编号", "受理编号", "登记编号", "申请号")),
    "received_date": ("收到日期", ("收到申请日期", "受理日期", "申请日期", "登记日期", "收件日期")),
    "applicant_type": ("申请人类型", ("申请人类别", "类型", "申请人性质")),
    "applicant_name": ("申请人", ("申请人姓名", "申请人名称", "姓名", "名称", "申请单位")),
    "description": ("申请内容", ("申请公开内容", "所需信息", "内容描述", "申请事项", "申请公开的信息")),
    "outcome": ("办理结果", ("答复结果", "处理结果", "答复类型", "办理结果类型")),
    "decided_date": ("答复日期", ("办结日期", "答复时间", "办结时间")),
    "notes": ("备注", ("说明",)),
    "id_number": ("证件号码", ("身份证号码", "身份证号", "证件号")),
    "uscc": ("统一社会信用代码", ("信用代码",)),
    "phone": ("联系电话", ("电话", "手机", "联系方式")),
    "address": ("通信地址", ("联系地址", "地址")),
    "email": ("电子邮箱", ("邮箱", "电子邮件")),
    "channel": ("申请方式", ("提交方式", "申请渠道")),
}
REQUIRED = ("received_date", "applicant_type", "applicant_name", "description")

_TYPE_WORDS = {
    "natural": ("自然人", "公民", "个人"),
    "commercial": ("商业企业", "企业", "公司"),
    "research": ("科研机构",),
    "public_interest": ("社会公益组织", "公益组织"),
    "legal_service": ("法律服务机构", "律师事务所", "律所"),
    "other_org": ("其他", "其他组织", "法人或其他组织"),
}
_CHANNEL_WORDS = {"in_person": ("当面", "现场", "当面提交"), "registered_mail": ("挂号", "挂号信", "挂号信函", "邮寄"),
                  "ordinary_mail": ("平信", "平常信函", "信函"), "fax": ("传真",), "email": ("电子邮件", "邮件"),
                  "online": ("网络", "网上", "网络平台", "互联网"), "other": ("其他",)}
_LEAF_TO_OUTCOME = {"disclose": "disclose", "partial": "partial", "unable_1": "unable_not_exist"}
# The shorthand offices write in their registers for each outcome, besides the annual report's labels (with or
# without their numbering and group) and the program's own labels. Matched after ``norm`` (spaces and quotes
# dropped, brackets made full-width) and with a trailing 。；, dropped.
OUTCOME_ALIASES: dict[str, tuple[str, ...]] = {
    "disclose": ("公开", "予以公开", "同意公开", "全部公开", "准予公开", "依申请公开"),
    "disclose_proactive": ("已主动公开", "属于已主动公开信息", "已主动公开的信息", "告知已主动公开", "主动公开"),
    "partial": ("部分公开", "部分予以公开", "部分公开部分不公开", "区分处理"),
    "refuse_1": ("国家秘密", "涉密", "涉及国家秘密", "属于国家秘密"),
    "refuse_2": ("法律行政法规禁止公开", "法律法规禁止公开", "法律、行政法规禁止公开", "其他法律法规禁止公开"),
    "refuse_3": ("三安全一稳定", "危及三安全一稳定", "危及国家安全、公共安全、经济安全、社会稳定"),
    "refuse_4": ("第三方合法权益", "涉及第三方合法权益", "保护第三方合法权益", "商业秘密", "涉及商业秘密", "个人隐私",
                 "涉及个人隐私", "第三方不同意公开"),
    "refuse_5": ("内部事务信息", "三类内部事务信息", "内部事务", "内部管理信息", "属于内部事务信息"),
    "refuse_6": ("过程性信息", "四类过程性信息", "属于过程性信息"),
    "refuse_7": ("行政执法案卷", "执法案卷", "属于行政执法案卷信息"),
    "refuse_8": ("行政查询事项", "查询事项", "属于行政查询事项"),
    "unable_not_exist": ("不掌握", "本机关不掌握", "信息不存在", "政府信息不存在", "经检索不存在", "经检索没有",
                         "未制作或获取", "该信息不存在"),
    "unable_not_ours": ("非本机关", "非本机关信息", "不属于本机关", "非本机关负责公开", "不属于本机关负责公开",
                        "不属于本机关公开职责", "告知向有关机关申请"),
    "unable_2": ("需另行制作", "需要另行制作", "没有现成信息", "需加工分析", "需要加工分析"),
    "unable_3": ("补正后仍不明确", "补正后申请内容仍不明确", "申请内容不明确", "内容不明确"),
    "reject_1": ("信访举报投诉", "信访举报投诉类", "信访", "信访件", "举报投诉", "投诉举报", "属于信访事项"),
    "reject_2": ("重复申请", "重复", "属于重复申请"),
    "reject_3": ("公开出版物", "要求提供公开出版物", "属于公开出版物"),
    "reject_4": ("大量反复申请", "无正当理由大量反复申请", "大量反复"),
    "reject_5": ("确认或重新出具已获取信息", "要求确认或重新出具已获取信息", "要求确认或重新出具", "重新出具"),
    "other_1": ("逾期不补正", "逾期未补正", "未补正", "申请人逾期不补正", "申请人逾期未补正", "申请人无正当理由逾期不补正",
                "不补正", "视为放弃申请"),
    "other_2": ("逾期不缴费", "逾期未缴费", "未缴费", "不缴费", "逾期未缴纳费用", "申请人逾期未缴费",
                "申请人逾期未按收费通知要求缴纳费用", "逾期未按收费通知要求缴纳费用"),
    "other_3": ("撤回", "申请人撤回", "撤回申请", "申请人撤回申请", "主动撤回", "其他处理", "其他"),
    "special_registry": ("工商登记资料", "不动产登记资料", "按特别规定办理", "依照特别规定办理"),
}


def norm(text: str) -> str:
    """Spaces and quotes dropped, brackets made full-width: how headings and labels are compared."""
    t = re.sub(r"[\s　]", "", str(text or ""))
    t = t.replace("(", "（").replace(")", "）").replace("\"", "").replace("“", "").replace("”", "")
    return t


def _strip_numbering(label: str) -> str:
    return re.sub(r"^(（[一二三四五六七八九十]+）|[0-9]+[.．、])", "", label)


def _outcome_index() -> dict[str, str]:
    index = {}
    for code, group, label in catalog.REPORT_LEAVES:
        outcome = _LEAF_TO_OUTCOME.get(code, code)
        bare = _strip_numbering(norm(label)).split("（区分处理")[0]
        group_name = _strip_numbering(norm(catalog.GROUPS[group])).split("（")[0]
        for key in (norm(label), bare, f"{group_name}{bare}", f"{group_name}-{bare}", f"{group_name}：{bare}",
                    f"{group_name}:{bare}", norm(catalog.GROUPS[group]) + norm(label)):
            index[key] = outcome
    for o in catalog.OUTCOMES.values():
        index[norm(o.label)] = o.code
    for key in list(index):  # the report's labels of （六） without their tail "、行政机关不再处理其政府信息公开申请"
        head = key.split("、行政机关不再处理")[0]
        index.setdefault(head, index[key])
    for code, aliases in OUTCOME_ALIASES.items():
        for alias in aliases:
            index[norm(alias)] = code
    return index


OUTCOME_INDEX = _outcome_index()


def parse_outcome(text: str) -> str | None:
    t = norm(text).rstrip("。；;，,.")
    if t in OUTCOME_INDEX:
        return OUTCOME_INDEX[t]
    t2 = _strip_numbering(re.sub(r"^（[一二三四五六七八九十]+）[^0-9]*", "", t))
    return OUTCOME_INDEX.get(t2)


def parse_channel(text: str) -> str:
    """申请方式 as written in the register; "other" when it says nothing we know."""
    t = norm(text)
    return next((code for code, words in _CHANNEL_WORDS.items() if t in words), "other")


def parse_applicant_type(text: str) -> str | None:
    t = norm(text)
    m = re.fullmatch(r"法人或其他组织（(.+)）", t)
    if m:
        t = m.group(1)
    for code, words in _TYPE_WORDS.items():
        if t in words:
            return code
    return None


def parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:  # an Excel serial date
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?", text)
    if not m:
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
