"""《信息发布审核及保密审查表》 (seed 003) and the 信息发布协调函, built as plain documents for the printing engine
(GB/T 9704 layout, fonts embedded): the item, its 公开属性 and reason, every stage's opinion with the signer and the
date, the screen's findings and how each was resolved, the secrecy-review conclusion and the coordination."""
from __future__ import annotations

from app import clock, office
from app.actor import Actor
from app.errors import NotFound
from app.permissions import require
from app.printing.document import Cell, Document, Paragraph, Signature, Table, chinese_date
from app.printing.pdf import render_pdf
from app.publication import catalog, coordination, corrections, proofing, records, stages
from app.publication.screen import KINDS
from db.models import Coordination, InfoItem, ItemEvent, ScreenFinding

SIGNING_ACTIONS = ("approve", "return", "refer", "withhold", "answer_disclose", "answer_withhold")


def _label(text: str) -> Cell:
    return Cell(text, align="center", bold=True)


def _events(item: InfoItem) -> list[ItemEvent]:
    return list(ItemEvent.select().where(ItemEvent.item == item.id).order_by(ItemEvent.ts, ItemEvent.id))


def _stage_opinions(item: InfoItem) -> list[tuple[str, str]]:
    """One row per stage of the item's chain: every signature there (a returned and resubmitted item has several),
    the latest last; a stage not reached yet says so."""
    events = _events(item)
    out = []
    for s in stages.stages_of(item.chain):
        signed = [e for e in events if e.from_stage == s.code and e.action in SIGNING_ACTIONS]
        signed += [e for e in events if e.from_stage == stages.PARKED.code and s.kind == "secrecy"
                   and e.action in SIGNING_ACTIONS]
        signed.sort(key=lambda e: (e.ts, e.id))
        if not signed:
            out.append((s.label, "（尚未审核）"))
            continue
        lines = []
        for e in signed:
            what = stages.ACTIONS[e.action] if e.action != "approve" else "通过"
            text = f"{what}：{e.opinion}" if e.opinion else what
            if e.note:
                text += f"（{e.note}）"
            lines.append(f"{text}　签署：{e.display_name or e.username}　{chinese_date(e.event_date)}")
        out.append((s.label, "\n".join(lines)))
    return out


def review_form(item: InfoItem) -> Document:
    attr = catalog.ATTRIBUTES.get(item.attribute, item.attribute)
    if item.attribute_reason:
        attr += f"（理由：{item.attribute_reason}）"
    if item.forwarded_from:
        attr += f"；转发《{item.forwarded_from}》，源文件为{catalog.ATTRIBUTES.get(item.forwarded_attribute, '')}"
    rows = [
        (_label("信息标题"), Cell(item.title, colspan=3)),
        (_label("编号"), item.number, _label("索引号"), item.index_number or "（发布时生成）"),
        (_label("制作科室"), item.unit, _label("信息类型"), catalog.KINDS.get(item.kind, item.kind)),
        (_label("文号"), item.doc_number or "—", _label("成文日期"), chinese_date(item.formed_date)),
        (_label("公开属性"), Cell(attr, colspan=3)),
        (_label("公开方式和范围"), Cell("；".join(x for x in (item.disclosure_manner, item.disclosure_scope) if x)
                                     or "—", colspan=3)),
        (_label("重大或敏感"), "是（由主要领导终审）" if item.major else "否", _label("公开目录类别"),
         item.category or "—"),
    ]
    for label, text in _stage_opinions(item):
        rows.append((_label(f"{label}意见"), Cell(text, colspan=3)))
    findings = list(ScreenFinding.select().where(ScreenFinding.item == item.id).order_by(ScreenFinding.id))
    if findings:
        lines = []
        for f in findings:
            how = catalog.RESOLUTIONS.get(f.resolution) or ("未处理" if f.submission == item.submissions
                                                            else "退回后重新提交，重新筛查")
            note = f"：{f.resolution_note}" if f.resolution_note else ""
            lines.append(f"第{f.submission}次提交　{f.source}{f.location}　{KINDS.get(f.kind, f.kind)}"
                         f"“{f.text}”　{how}{note}")
        screen_text = "\n".join(lines)
    else:
        screen_text = "未发现身份证号码、电话、银行卡号、密级标志、姓名住址名单等内容" if item.submissions else "（尚未提交）"
    rows.append((_label("隐私和保密筛查"), Cell(screen_text, colspan=3)))
    checks = proofing.record_list(item.id)
    if checks or item.major:
        lines = [f"第{r['seq']}校　{r['user']}　{chinese_date(r['date'])}　改正：{r['corrections']}" for r in checks
                 if r["kind"] == "proofread"]
        lines += [f"全文诵读　{r['participants']}　{chinese_date(r['date'])}" for r in checks if r["kind"] == "recital"]
        rows.append((_label("三校记录"), Cell("\n".join(lines) or "（未登记）", colspan=3)))
    conclusion = catalog.SECRECY_OPINIONS.get(item.secrecy_opinion, "（尚未审查）")
    rows.append((_label("保密审查结论"), Cell(conclusion, colspan=3)))
    letters = coordination.list_for(item.id)
    if letters:
        text = "\n".join(f"{c['unit']}：{c['answer_label']}" + (f"；协商：{c['negotiation']}" if c["negotiation"] else "")
                         + (f"；分管领导决定：{'发布' if c['decision'] == 'publish' else '不予发布'}（{c['decision_note']}）"
                            if c["decision"] else "") for c in letters)
        rows.append((_label("协调情况"), Cell(text, colspan=3)))
    for c in corrections.list_for(item.id):
        if c["record"] == "correction":
            state = (f"{c['approver']}批准，{c['approved_on']}通过{c['channel']}发布" if c["status"] == "approved"
                     else "待分管领导批准")
            rows.append((_label(corrections.KINDS[c["kind"]]),
                         Cell(f"{corrections.KINDS[c['kind']]}：{c['text']}（原因：{c['reason']}）{state}", colspan=3)))
        else:
            rows.append((_label("应急处置报告"), Cell(c["report"], colspan=3)))
    if item.published_date:
        rows.append((_label("发布情况"), Cell(f"{chinese_date(item.published_date)}　{item.channel}　{item.location}",
                                          colspan=3)))
    profile = office.get_profile() or {}
    return Document(title="信息发布审核及保密审查表", kind="信息发布审核及保密审查表",
                    blocks=[Table(rows=tuple(rows), col_widths=(2.2, 3.4, 2.0, 3.4), font_size=12)],
                    signature=Signature((profile.get("name", ""),), clock.today(), seal=False)
                    if profile.get("name") else None)


def review_form_pdf(actor: Actor, item_id: int) -> bytes:
    require(actor, "publication.view")
    return render_pdf(review_form(records.get(item_id)))


def coordination_letter(actor: Actor, coordination_id: int) -> bytes:
    require(actor, "publication.view")
    row = Coordination.get_or_none(Coordination.id == coordination_id)
    if row is None:
        raise NotFound("找不到该协调函")
    item = records.get(row.item_id)
    addressee, *paras = coordination.letter_text(item, row.unit)
    profile = office.get_profile() or {}
    doc = Document(title="信息发布协调函", kind="信息发布协调函", addressee=addressee,
                   blocks=[Paragraph(p) for p in paras],
                   signature=Signature((profile.get("name", ""),), row.sent_date))
    return render_pdf(doc)
