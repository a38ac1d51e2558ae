"""告知书的文字: what each notice of the request register says (宿政办函〔2021〕21号 lists the document types).

A notice is a list of ``Part``s. Fixed parts carry the law (the legal basis sentence, the remedy sentence from the
office's settings); editable parts are what the clerk may reword before printing (the facts, the reason, what is
provided and how). ``reply_parts`` holds the one reply notice per outcome.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.printing.document import chinese_date
from app.requests import catalog
from app.requests.catalog import REGULATION, basis_sentence


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    text: str
    editable: bool = True


_EDGE = " \t\r\n\u3000"
_TRAILING_MARKS = "。；，、：:;,."


def fragment(text) -> str:
    """What the clerk typed, ready to be joined into a sentence of a notice: surrounding spaces and the marks it ended
    (or began) with are removed, since the sentence supplies its own ("造成损害。" + "，属于…" must not read "。，");
    several lines become one clause list joined with "；"."""
    lines = []
    for line in str(text or "").splitlines():
        line = line.strip(_EDGE).strip(_TRAILING_MARKS + _EDGE)
        if line:
            lines.append(line)
    return "；".join(lines)


@dataclass
class NoticeContext:
    """Plain values a notice is written from (built by ``documents.context``)."""
    request: dict  # the request's fields
    office: dict  # office profile
    review_body: str
    court: str
    remedy: dict  # remedy group (catalog.REMEDY_GROUPS) -> remedy sentence template
    officer_name: str
    consultation: dict | None = None
    fee: dict | None = None
    delivery: dict | None = None
    served: dict | None = None  # the notice a 送达回证 is for: {"kind", "doc_number"}
    earlier: dict | None = None  # 重复申请: the earlier request
    silence_refuses: bool = False
    today: dt.date | None = None
    fee_stops_clock: bool = True  # the office's rule: waiting for the fee does not count
    consultation_days: int = 15  # 条例第三十二条、第三十四条
    fee_payment_days: int = 20  # 国办函〔2020〕109号
    waivers: tuple[str, ...] = ()  # the office's hardship waivers (setting fees.waivers)
    waiver_rule: str = ""  # the office's rule they come from

    def date(self, key: str) -> str:
        value = self.request.get(key)
        return chinese_date(value) if value else "____年__月__日"

    @property
    def applicant(self) -> str:
        return fragment(self.request["applicant_name"])

    @property
    def you(self) -> str:
        return "您" if self.request["applicant_type"] == "natural" else "贵单位"

    @property
    def description(self) -> str:
        return fragment(self.request["description"])


def _when(value) -> str:
    return chinese_date(value) if value else ""


# 条例第三十一条: how the request came decides its date of receipt; the notices say how it came.
_CHANNEL_PHRASES = {"in_person": "当面", "registered_mail": "以挂号信函方式", "ordinary_mail": "以平常信函方式",
                    "fax": "通过传真", "email": "通过电子邮件", "online": "通过互联网渠道", "other": ""}
# Channels whose date of receipt is the day confirmed with the applicant (条例第三十一条第（二）项、第（三）项).
_CONFIRMED_CHANNELS = ("ordinary_mail", "fax", "email", "online")


def _received(ctx: NoticeContext, confirmed_note: bool = False) -> str:
    """“本机关于2026年3月6日收到您当面提交的政府信息公开申请” (条例第三十一条)."""
    channel = ctx.request.get("channel")
    note = f"（经与{ctx.you}确认）" if confirmed_note and channel in _CONFIRMED_CHANNELS else ""
    return f"本机关于{ctx.date('received_date')}{note}收到{ctx.you}{_CHANNEL_PHRASES.get(channel, '')}提交的政府信息公开申请"


def _opening(ctx: NoticeContext) -> str:
    r = ctx.request
    text = f"{_received(ctx)}（申请编号：{r['number']}），申请获取“{ctx.description}”。"
    if r.get("correction_received"):
        text += f"经本机关告知补正，{ctx.you}于{ctx.date('correction_received')}提交了补正后的申请。"
    return text


def remedy_sentence(ctx: NoticeContext, group: str) -> str:
    template = ctx.remedy.get(group) or ""
    return template.format(复议机关=ctx.review_body or "____人民政府", 人民法院=ctx.court or "____人民法院")


def _grounds_articles(grounds: list[str]) -> str:
    """The articles behind the grounds of a partial refusal: 第十四条、第十五条 …"""
    arts = []
    for g in grounds:
        basis = catalog.OUTCOMES[g].basis
        art = basis.split("、", 1)[1] if "、" in basis else ""
        if art and art not in arts:
            arts.append(art)
    return "、".join(arts)


def decision_text(ctx: NoticeContext, outcome: str) -> str:
    """The paragraph stating the decision, with its exact legal basis."""
    o = catalog.OUTCOMES[outcome]
    d = {k: (fragment(v) if isinstance(v, str) else v) for k, v in (ctx.request.get("detail") or {}).items()}
    you = ctx.you
    basis = basis_sentence(o)
    reason = d.get("reason", "")
    if outcome == "disclose":
        return f"经审查，{you}申请获取的信息属于可以公开的政府信息。{basis}，现向{you}提供：{d.get('provided', '')}。"
    if outcome == "disclose_proactive":
        return (f"经查，{you}申请获取的信息本机关已经主动公开。{basis}，{you}可以通过以下方式、途径获取："
                f"{d.get('provided', '')}。")
    if outcome == "partial":
        grounds = "、".join(catalog.WITHHOLDING_GROUNDS[g] for g in d.get("grounds", [])
                           if g in catalog.WITHHOLDING_GROUNDS)
        extra = _grounds_articles(d.get("grounds", []))
        law = f"根据{REGULATION}第三十七条" + (f"及{extra}" if extra else "") + "的规定"
        return (f"经审查，{you}申请获取的信息中含有不应当公开的内容，但能够作区分处理。{law}，现向{you}提供可以公开的"
                f"部分：{d.get('provided', '')}；{d.get('withheld', '')}属于{grounds}的情形"
                f"{('（' + reason + '）') if reason else ''}，不予公开。")
    if outcome == "refuse_8":
        return f"经审查，{you}申请获取的信息属于行政查询事项：{reason}。{basis}，本机关决定不予公开。"
    if o.leaf.startswith("refuse"):
        return f"经审查，{you}申请获取的信息{reason}。{basis}，本机关决定不予公开。"
    if outcome == "unable_not_exist":
        return (f"经检索，本机关没有制作或者获取{you}申请公开的政府信息{('（' + reason + '）') if reason else ''}。"
                f"{basis}，特告知{you}该政府信息不存在。")
    if outcome == "unable_not_ours":
        text = (f"经审查，{you}申请获取的信息不属于本机关负责公开的政府信息{('（' + reason + '）') if reason else ''}。"
                f"{basis}，")
        if d.get("agency"):
            contact = f"（联系方式：{d['agency_contact']}）" if d.get("agency_contact") else ""
            return text + f"现告知{you}：负责公开该政府信息的行政机关为{d['agency']}{contact}，{you}可以向其提出申请。"
        return text + f"现将上述情况告知{you}。"
    if outcome == "unable_2":
        return (f"经审查，{you}申请获取的信息需要本机关对现有政府信息进行加工、分析后才能形成（{reason}）。{basis}，"
                "本机关不予提供。")
    if outcome == "unable_3":
        return (f"本机关已于{ctx.date('correction_sent')}告知{you}补正申请，补正后的申请内容仍不明确（{reason}），"
                f"本机关无法确定{you}所需的政府信息。{basis}，本机关无法向{you}提供。")
    if outcome == "reject_1":
        return (f"经审查，{you}以政府信息公开申请的形式提出的是信访、投诉、举报等事项（{reason}）。{basis}，"
                f"本机关不作为政府信息公开申请处理，{you}可以通过信访等相应渠道提出。")
    if outcome == "reject_2":
        e = ctx.earlier or {}
        when = _when(e.get("received_date")) or "此前"
        answered = _when(e.get("decided_date"))
        return (f"{you}于{when}提出的相同政府信息公开申请（申请编号：{d.get('duplicate_of', '')}），本机关已于"
                f"{answered}作出答复。{basis}，本机关不予重复处理。")
    if outcome == "reject_3":
        return f"{you}申请获取的是公开出版物（{reason}）。{basis}，{you}可以通过公开发行渠道或公共图书馆等途径获取。"
    if outcome == "reject_4":
        return (f"{you}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求说明理由；经审查，本机关认为申请理由"
                f"不合理（{reason}）。{basis}，本机关不予处理。")
    if outcome == "reject_5":
        return (f"{you}要求本机关确认或者重新出具已经获取的信息（{reason}），不属于申请获取本机关在履行行政管理职能过程中"
                f"制作或者获取的政府信息。{basis}，本机关不作为政府信息公开申请处理。")
    if outcome == "other_1":
        return (f"本机关已于{ctx.date('correction_sent')}书面告知{you}补正申请，补正期限至"
                f"{ctx.date('correction_period_end')}。{you}无正当理由逾期未补正，{basis}，视为放弃申请，"
                "本机关不再处理该政府信息公开申请。")
    if outcome == "other_2":
        fee = ctx.fee or {}
        sent = _when(fee.get("notice_date")) or "此前"
        got = f"，{you}于{_when(fee['delivered_date'])}收到" if fee.get("delivered_date") else ""
        until = f"，缴费期限至{_when(fee['pay_by'])}" if fee.get("pay_by") else ""
        return (f"本机关于{sent}向{you}发出收费通知书{got}{until}。{you}逾期未缴纳信息处理费，{basis}，"
                "本机关不再处理该政府信息公开申请。")
    if outcome == "other_3":
        return f"{reason or '申请人撤回申请'}，本机关终止办理该政府信息公开申请。"
    if outcome == "special_registry":
        return (f"经审查，{you}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。"
                f"{basis}，请{you}依照有关法律、行政法规的规定办理：{d.get('guidance', '')}。")
    raise ValueError(outcome)


def reply_parts(ctx: NoticeContext) -> list[Part]:
    outcome = ctx.request["outcome"]
    o = catalog.OUTCOMES[outcome]
    parts = [Part("opening", "申请情况", _opening(ctx) + "现答复如下："),
             Part("decision", "答复内容（含法律依据）", decision_text(ctx, outcome))]
    if outcome != "other_3":
        parts.append(Part("remedy", "救济途径", remedy_sentence(ctx, o.remedy_group), editable=False))
    parts.append(Part("closing", "结束语", "特此告知。"))
    return parts


# ---- the other notices ------------------------------------------------------------------------------------------

def receipt_parts(ctx: NoticeContext) -> list[Part]:
    r = ctx.request
    due = chinese_date(r["receipt_due"])
    law = (f"根据{REGULATION}第三十三条第二款的规定，本机关将自收到申请之日起{r['reply_days']}个工作日内，即{due}前"
           f"作出答复。根据该条第三款的规定，征求第三方和其他机关意见所需时间不计算在答复期限内"
           + ("；按照本机关的规定，等待缴纳信息处理费的期间也不计算在内" if ctx.fee_stops_clock else "")
           + "。需要延长答复期限的，本机关将另行书面告知。")
    if r.get("receipt_due_provisional"):
        law += "（上述日期按暂定的节假日安排计算，国务院公布当年节假日安排后如有变化，以重新计算的日期为准。）"
    phone = fragment(ctx.office.get("phone"))
    return [
        Part("opening", "登记情况", f"{_received(ctx, confirmed_note=True)}，已予登记。所需信息内容为："
                                     f"“{ctx.description}”。"),
        # a line of its own, so that the number the applicant quotes is never broken across lines
        Part("number", "申请编号", f"{ctx.you}的申请编号为{r['number']}。", editable=False),
        Part("deadline", "答复期限", law, editable=False),
        Part("contact", "查询方式", f"如需查询办理进度，请凭申请编号与本机关联系{('（电话：' + phone + '）') if phone else ''}。"),
    ]


def correction_parts(ctx: NoticeContext) -> list[Part]:
    r = ctx.request
    return [
        Part("opening", "申请情况", f"{_received(ctx)}（申请编号：{r['number']}）。经审查，该申请内容不够明确。"),
        Part("items", "需要补正的事项", f"需要补正的事项：{fragment(r.get('correction_items'))}。"),
        Part("law", "法律依据和期限",
             f"根据{REGULATION}第三十条的规定，请{ctx.you}于{ctx.date('correction_period_end')}前对上述内容作出补正。"
             "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。",
             editable=False),
    ]


def extension_parts(ctx: NoticeContext) -> list[Part]:
    r = ctx.request
    return [
        Part("opening", "申请情况", _opening(ctx)),
        Part("reason", "延期理由", f"因{fragment(r.get('extension_reason'))}，本机关不能在规定期限内作出答复。"),
        Part("law", "法律依据",
             f"根据{REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
             f"{r.get('extension_days', 0)}个工作日，本机关将于{ctx.date('due_date')}前作出答复。"
             + ("（该日期按暂定的节假日安排计算。）" if r.get("due_provisional") else ""), editable=False),
    ]


def _reply_period(ctx: NoticeContext, what: str) -> str:
    """The party's period runs from its receipt of the letter (条例第三十二条、第三十四条): the date appears only once the
    delivery is recorded."""
    c = ctx.consultation or {}
    due = f"（即{_when(c['reply_due'])}前）" if c.get("reply_due") else ""
    return f"请自收到本意见书之日起{ctx.consultation_days}个工作日内{due}{what}"


def third_party_parts(ctx: NoticeContext) -> list[Part]:
    c = ctx.consultation or {}
    silence = ("逾期未提出意见的，视为不同意公开。" if ctx.silence_refuses
               else f"逾期未提出意见的，本机关将依照{REGULATION}的规定决定是否公开。")
    return [
        Part("opening", "征求意见事项",
             "本机关收到一份政府信息公开申请，申请公开的信息涉及贵方："
             f"{fragment(c.get('content'))}。该信息公开后可能损害贵方的合法权益。"),
        Part("law", "法律依据和期限",
             f"根据{REGULATION}第三十二条的规定，现书面征求贵方意见。"
             + _reply_period(ctx, "书面答复是否同意公开；不同意公开的，请说明理由。") + silence, editable=False),
    ]


def agency_parts(ctx: NoticeContext) -> list[Part]:
    c = ctx.consultation or {}
    return [
        Part("opening", "征求意见事项", f"本机关收到一份政府信息公开申请，申请公开的信息为本机关与贵机关共同制作的："
                                        f"{fragment(c.get('content'))}。"),
        Part("law", "法律依据和期限",
             f"根据{REGULATION}第三十四条的规定，现征求贵机关意见。" + _reply_period(ctx, "提出意见；")
             + "逾期未提出意见的，视为同意公开。", editable=False),
    ]


def consultation_notice_parts(ctx: NoticeContext) -> list[Part]:
    c = ctx.consultation or {}
    third = c.get("kind") == "third_party"
    whom = "第三方" if third else "共同制作该信息的行政机关"
    article = "第三十二条" if third else "第三十四条"
    return [
        Part("opening", "申请情况", _opening(ctx)),
        Part("consult", "征求意见情况",
             f"该信息涉及{whom}，本机关已于{_when(c.get('sent_date'))}依照{REGULATION}{article}的规定书面征求其意见。"),
        Part("law", "法律依据", f"根据{REGULATION}第三十三条第三款的规定，征求第三方和其他机关意见所需时间不计算在答复期限内。"
                                "本机关将在收到意见或者征求意见期限届满后依法作出答复。", editable=False),
    ]


def public_interest_parts(ctx: NoticeContext) -> list[Part]:
    c = ctx.consultation or {}
    return [
        Part("opening", "征求意见情况",
             f"本机关于{_when(c.get('sent_date'))}就公开下列信息书面征求贵方意见：{fragment(c.get('content'))}。"
             f"贵方{'不同意公开' if c.get('reply') == 'disagree' else '未在期限内提出意见'}。"),
        Part("reason", "决定公开的理由",
             f"本机关认为，不公开上述信息可能对公共利益造成重大影响：{fragment(c.get('decision_note'))}。"),
        Part("law", "法律依据", f"根据{REGULATION}第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由书面告知贵方。",
             editable=False),
    ]


def waiver_sentence(ctx: NoticeContext) -> str:
    """The office's own hardship waivers (not 109号), told only to a natural person (公民)."""
    items = [fragment(w).removesuffix("的") for w in ctx.waivers if fragment(w)]
    if ctx.request["applicant_type"] != "natural" or not items:
        return ""
    rule = fragment(ctx.waiver_rule)
    source = f"依照{rule}的规定" if rule else "按照本机关的规定"
    return (f"{source}，您如确有经济困难，有下列情形之一的，可以在缴费期限内提出减免申请并提供相关证明材料："
            f"{'；'.join(items)}。")


def fee_parts(ctx: NoticeContext) -> list[Part]:
    f = ctx.fee or {}
    if f.get("method") == "per_item":
        basis = f"{ctx.you}在本自然月内累计提出的政府信息公开申请已达{f.get('month_position')}件"
    else:
        basis = f"{ctx.you}申请获取的信息共{f.get('pages')}页"
    due = f"（即{_when(f['pay_by'])}前）" if f.get("pay_by") else ""
    return [
        Part("opening", "申请情况", _opening(ctx)),
        Part("amount", "收费事项",
             f"{basis}，数量、频次明显超过合理范围。根据{catalog.FEE_MEASURES}的规定，本机关"
             f"{catalog.FEE_METHODS.get(f.get('method'), '')}信息处理费，计人民币{f.get('amount', 0)}元。",
             editable=False),
        Part("how", "缴费方式", "请持本通知书到本机关政府信息公开工作机构缴纳，或按本机关告知的账户转账并注明申请编号。"),
        Part("law", "缴费期限", f"请自收到本通知书的次日起{ctx.fee_payment_days}个工作日内{due}缴纳。逾期未缴纳的，"
                                "视为放弃申请，本机关将不再处理该政府信息公开申请。" + waiver_sentence(ctx),
             editable=False),
    ]


def signature_date(ctx: NoticeContext, kind: str) -> dt.date:
    r = ctx.request
    by_kind = {
        "登记回执": r.get("received_date"), "补正告知书": r.get("correction_sent"),
        "延期答复告知书": r.get("extension_date"), "收费通知书": (ctx.fee or {}).get("notice_date"),
        "第三方征求意见书": (ctx.consultation or {}).get("sent_date"),
        "共同制作机关征求意见书": (ctx.consultation or {}).get("sent_date"),
        "征求意见告知书": (ctx.consultation or {}).get("sent_date"),
        "第三方公开决定告知书": (ctx.consultation or {}).get("reply_date"),
    }
    return by_kind.get(kind) or r.get("decided_date") or ctx.today or dt.date.today()
