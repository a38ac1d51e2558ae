"""The 政府信息公开指南 as a document, built from plain values: the facts (``app.guide.facts``) and the paragraphs the
office writes itself. What the guide holds follows seed 003 六 (the classification and arrangement of information, how
to obtain it, the disclosure office's name, address, hours, phone, fax and e-mail) and seed 002 (the request procedure
and the service commitments); every figure comes from the facts, none is written here."""
from __future__ import annotations

import datetime as dt

from app.printing.document import Document, Heading, Paragraph, Signature, Table
from app.requests import catalog as request_catalog
from app.requests import fees
from app.requests.notice_texts import fragment

REG = "《中华人民共和国政府信息公开条例》"

# The paragraphs the office writes (key -> heading in the editor); empty ones are left out of the guide.
FREE_PARTS: dict[str, str] = {
    "preface": "前言（可选）",
    "duties": "机构职能和科室职责",
    "commitment": "服务承诺",
    "other": "其他需要说明的事项",
}
FREE_DEFAULTS: dict[str, str] = {
    "commitment": "本机关对政府信息公开申请实行登记制度，依法按时答复；对咨询、投诉当场能够答复的当场答复。",
}

_NUMERALS = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    return _NUMERALS[n - 1] if n <= 10 else f"十{_NUMERALS[n - 11]}" if n < 20 else str(n)


def _list(items) -> str:
    return "、".join(fragment(x) for x in items if fragment(x))


def _contact_table(f: dict) -> Table:
    rows = [(label, f.get(f"office.{key}") or "—") for key, label in (
        ("name", "机关名称"), ("address", "办公地址"), ("postcode", "邮政编码"), ("office_hours", "办公时间"),
        ("phone", "咨询电话"), ("fax", "传真"), ("email", "电子邮箱"), ("website", "政府网站"))]
    return Table(tuple(rows), col_widths=(1, 3), fit_columns=(0,), font_size=14)


def _fee_paragraphs(f: dict) -> list[Paragraph]:
    """信息处理费 as 国办函〔2020〕109号 sets it, the figures read from ``app.requests.fees``."""
    free_items, free_pages = fees.FREE_ITEMS_PER_MONTH, fees.FREE_PAGES
    out = [Paragraph(
        f"本机关依照{request_catalog.FEE_MEASURES}，只在申请人申请公开政府信息的数量、频次明显超过合理范围时收取"
        f"信息处理费，每件申请按件或按量选择一种方式计收。按件计收：同一申请人一个自然月内累计申请{free_items}件以下"
        f"（含）的不收费，第{free_items + 1}件至第30件每件{fees.per_item_fee(free_items + 1)}元，第31件起每10件为一档，"
        f"每件收费标准依次提高{fees.per_item_fee(41) - fees.per_item_fee(31)}元（第31件至第40件每件"
        f"{fees.per_item_fee(31)}元）。按量计收：同一申请{free_pages}页以下（含）的不收费，第{free_pages + 1}页至第100页"
        f"每页{fees.per_volume_fee(free_pages + 1)}元，第101页至第200页每页{fees.per_volume_fee(101) - fees.per_volume_fee(100)}"
        f"元，第201页起每页{fees.per_volume_fee(201) - fees.per_volume_fee(200)}元。"),
        Paragraph(f"申请人应当自收到收费通知书的次日起{f['fee_payment_days']}个工作日内缴纳费用；逾期未缴纳的，本机关不再处理该"
                  "政府信息公开申请。" + ("发出收费通知至申请人缴费之日，不计算在答复期限内（本机关规定）。"
                                         if f.get("fee_stops_clock") else ""))]
    if f.get("waivers"):
        rule = fragment(f.get("waiver_rule")) or "本机关的规定"
        out.append(Paragraph(f"依照{rule}，申请人为自然人且属于下列情形之一的，可以申请减免信息处理费："
                             f"{'；'.join(fragment(w) for w in f['waivers'])}。"))
    return out


def _remedy(f: dict) -> list[Paragraph]:
    def quoted(key: str) -> str:
        template = f.get(key) or ""
        try:
            text = template.format(复议机关=f.get("review_body") or "____人民政府",
                                   人民法院=f.get("court") or "____人民法院")
        except (KeyError, IndexError, ValueError):
            text = template
        return fragment(text.replace("本告知", "本机关的答复告知"))
    return [
        Paragraph(f"公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府"
                  f"信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（{REG}第五十一条）。"
                  f"本机关的行政复议机关为{fragment(f.get('review_body')) or '____人民政府'}。"),
        Paragraph(f"对本机关作出的不予公开（含部分公开）答复不服的：{quoted('remedy_refuse')}。"),
        Paragraph(f"对本机关作出的其他答复（如无法提供）不服的：{quoted('remedy_unable')}。"),
    ]


def _channels_paragraphs() -> list[Paragraph]:
    """申请方式 and the day each counts as received (条例第三十一条), as the register applies them."""
    out = []
    for code, (label, rule) in request_catalog.CHANNELS.items():
        if code == "other":
            continue
        out.append(Paragraph(f"{label}：{fragment(rule)}。"))
    return out


def build(f: dict, texts: dict, date: dt.date, version: int | None = None, draft: bool = False) -> Document:
    """The guide as the office publishes it. ``version`` numbers an issued guide; ``draft`` marks one not issued."""
    name = fragment(f.get("office.name")) or "本机关"
    blocks: list = []

    def free(key: str) -> list[Paragraph]:
        return [Paragraph(line.strip()) for line in (texts.get(key) or "").splitlines() if line.strip()]

    blocks += free("preface") or [Paragraph(
        f"为了更好地提供政府信息公开服务，根据{REG}（以下简称《条例》）第十二条的规定，编制本指南。公民、法人和其他"
        f"组织需要获得{name}政府信息公开服务的，建议阅读本指南。本指南随本机关办公地址、联系方式、办理程序等事项的变化"
        "及时更新。")]
    sections: list[tuple[str, list]] = []
    units = [u for u in f.get("units") or [] if fragment(u)]
    body = [Paragraph(f"本机关设有以下科室（股室）：{_list(units)}。")] if units else []
    sections.append(("机构设置和职能", body + free("duties")))
    categories = [c for c in f.get("categories") or [] if fragment(c)]
    channels = [c for c in f.get("channels") or [] if fragment(c) and fragment(c) != "其他"]
    sections.append(("主动公开", [
        Heading("（一）公开的内容和分类", level=2),
        Paragraph(f"本机关主动公开的政府信息按政府信息公开目录分为以下{len(categories)}类："
                  + "；".join(f"{i}.{fragment(c)}" for i, c in enumerate(categories, start=1)) + "。"
                  "每条信息编有索引号，目录列明索引号、信息名称、内容概述、生成日期和公开时间。"),
        Heading("（二）公开的方式", level=2),
        Paragraph(f"本机关主动公开的政府信息通过{_list(channels) or '政府网站'}等渠道公开，并在政府信息公开查阅场所"
                  "提供查阅。"),
        Heading("（三）公开的时限", level=2),
        Paragraph(f"属于主动公开范围的政府信息，自该政府信息形成或者变更之日起{f['publish_days']}个工作日内予以公开"
                  "（《条例》第二十六条）。"),
    ]))
    sections.append(("依申请公开", [
        Heading("（一）受理机构", level=2),
        Paragraph(f"{name}政府信息公开工作机构负责受理向本机关提出的政府信息公开申请，联系方式如下："),
        _contact_table(f),
        Heading("（二）申请方式和收到申请的日期", level=2),
        Paragraph("申请人申请获取政府信息的，应当填写《政府信息公开申请表》或者书面提出申请（《条例》第二十九条），"
                  "写明申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于查询的其他"
                  "特征性描述，以及获取信息的方式、途径。可以采用下列方式提交："),
        *_channels_paragraphs(),
        Heading("（三）答复期限", level=2),
        Paragraph(f"本机关收到政府信息公开申请，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起"
                  f"{f['reply_days']}个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知"
                  f"申请人，延长的期限最长不超过{f['extension_days']}个工作日（《条例》第三十三条）。"),
        Paragraph(f"申请内容不明确的，本机关自收到申请之日起{f['correction_notice_days']}个工作日内一次性告知申请人补正，"
                  "答复期限自收到补正后的申请之日起计算（《条例》第三十条）。征求第三方或者其他机关意见的，第三方、"
                  f"其他机关自收到征求意见书之日起{f['consultation_days']}个工作日内提出意见，所需时间不计算在答复期限内"
                  "（《条例》第三十二条、第三十四条、第三十三条第三款）。"),
        Heading("（四）收费", level=2),
        *_fee_paragraphs(f),
        Heading("（五）办理流程", level=2),
        Paragraph("登记（出具登记回执）→ 审查（需要时告知补正、征求第三方或者其他机关意见）→ 作出答复决定并出具答复"
                  "告知书 → 送达申请人 → 归档。"),
    ]))
    sections.append(("监督和救济", _remedy(f)))
    if free("commitment"):
        sections.append(("服务承诺", free("commitment")))
    if free("other"):
        sections.append(("其他事项", free("other")))
    for i, (title, content) in enumerate([s for s in sections if s[1]], start=1):
        blocks.append(Heading(f"{_chinese_number(i)}、{title}"))
        blocks += content
    notes = (f"第{version}版",) if version else ()
    return Document(title=f"{name}政府信息公开指南", blocks=blocks, kind="政府信息公开指南", author=name,
                    signature=Signature((name,), date, seal=False), notes=notes,
                    status_mark="草稿（未印发）" if draft else "")


def plain_text(doc: Document) -> str:
    """The document's words, a paragraph a line (an information item's 正文, tests)."""
    out = [doc.title]
    for b in doc.blocks:
        if isinstance(b, (Paragraph, Heading)):
            out.append(b.text)
        elif isinstance(b, Table):
            out.extend("　".join(getattr(c, "text", c) for c in row) for row in b.rows)
    if doc.signature:
        out += [*doc.signature.lines, f"{doc.signature.date.year}年{doc.signature.date.month}月{doc.signature.date.day}日"]
    return "\n".join(out + list(doc.notes))
