"""协调: when an item concerns another unit, a 信息发布协调函 with the full text goes to it and its answer is recorded —
同意, or 不同意 → 协商 (who, when, result) → the leader in charge decides (seeds 002 协调工作制度, 003; DOMAIN.md §3 5).
Publication waits until every letter is settled (``review.pending_coordination``)."""
from __future__ import annotations

import datetime as dt

from app import audit, clock
from app.actor import Actor
from app.errors import InvalidState, NotFound, ValidationError
from app.permissions import require
from app.publication import catalog, records
from db.connection import write_transaction
from db.models import Coordination, InfoItem, User

audit.register_labels(actions={"publication.coordinate": "发出协调函", "publication.coordination_answer": "登记协调答复",
                               "publication.coordination_decision": "协调不一致的决定"},
                      fields={"info_item": {"coordinated_unit": "协调单位"}})

CLOSED_STAGES = ("published", "withheld", "withdrawn")


def _get(coordination_id: int) -> Coordination:
    row = Coordination.get_or_none(Coordination.id == coordination_id)
    if row is None:
        raise NotFound("找不到该协调函")
    return row


def send(actor: Actor, item_id: int, unit: str, sent: dt.date | None = None) -> dict:
    require(actor, "publication.draft")
    item = records.get(item_id)
    unit = (unit or "").strip()
    if not unit:
        raise ValidationError("协调单位", "不能为空")
    if item.stage in CLOSED_STAGES:
        raise InvalidState("已发布或不予发布的信息不能再发协调函")
    sent = sent or clock.today()
    if sent > clock.today():
        raise ValidationError("发函日期", "不能晚于今天")
    with write_transaction():
        row = Coordination.create(item=item.id, unit=unit, sent_date=sent)
        records.add_event(actor, item, "coordinate", item.stage, item.stage, note=f"向{unit}发出信息发布协调函",
                          event_date=sent)
        audit.record(actor, "publication.coordinate", "info_item", item.number, after={"coordination": row.id,
                                                                                     "coordinated_unit": unit})
    return {"id": row.id}


def answer(actor: Actor, coordination_id: int, value: str, answered: dt.date, note: str = "",
           negotiation: str = "") -> None:
    """The unit's answer; a 不同意 records the 协商 (who, when, result) that followed."""
    require(actor, "publication.draft")
    row = _get(coordination_id)
    if row.answer is not None:
        raise InvalidState("该协调函已登记答复")
    if value not in catalog.COORDINATION_ANSWERS:
        raise ValidationError("答复", "请选择同意或不同意")
    if answered < row.sent_date or answered > clock.today():
        raise ValidationError("答复日期", "应在发函之后、今天之前")
    if value == "disagree" and not (negotiation or "").strip():
        raise ValidationError("协商情况", "不同意的，应记录协商的人员、时间和结果")
    item = records.get(row.item_id)
    with write_transaction():
        Coordination.update(answer=value, answer_date=answered, answer_note=(note or "").strip(),
                            negotiation=(negotiation or "").strip()).where(Coordination.id == row.id).execute()
        records.add_event(actor, item, "coordination_answer", item.stage, item.stage,
                          opinion=catalog.COORDINATION_ANSWERS[value],
                          note=f"{row.unit}：{note or ''} {negotiation or ''}".strip(),
                          event_date=answered)
        audit.record(actor, "publication.coordination_answer", "info_item", item.number,
                     after={"coordination": row.id, "answer": value, "negotiation": negotiation})


def decide(actor: Actor, coordination_id: int, decision: str, note: str) -> None:
    """After a disagreement and 协商, the leader in charge decides whether the item is published."""
    require(actor, "publication.final_review")
    row = _get(coordination_id)
    if row.answer != "disagree":
        raise InvalidState("只有协调单位不同意的，才由分管领导决定")
    if row.decision is not None:
        raise InvalidState("已经作出决定")
    if decision not in ("publish", "withhold"):
        raise ValidationError("决定", "请选择发布或不予发布")
    if not (note or "").strip():
        raise ValidationError("理由", "请写明决定的理由")
    item = records.get(row.item_id)
    with write_transaction():
        Coordination.update(decision=decision, decision_note=note.strip(), decided_by=actor.user_id).where(
            Coordination.id == row.id).execute()
        records.add_event(actor, item, "coordination_decision", item.stage, item.stage,
                          opinion="发布" if decision == "publish" else "不予发布", note=note.strip())
        audit.record(actor, "publication.coordination_decision", "info_item", item.number,
                     after={"coordination": row.id, "decision": decision, "note": note.strip()})


def list_for(item_id: int) -> list[dict]:
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    return [{"id": c.id, "unit": c.unit, "sent_date": c.sent_date, "answer": c.answer,
             "answer_label": catalog.COORDINATION_ANSWERS.get(c.answer, "待答复"), "answer_date": c.answer_date,
             "answer_note": c.answer_note, "negotiation": c.negotiation, "decision": c.decision,
             "decision_note": c.decision_note, "decided_by": names.get(c.decided_by_id, "")}
            for c in Coordination.select().where(Coordination.item == item_id).order_by(Coordination.id)]


def letter_text(item: InfoItem, unit: str) -> list[str]:
    """The paragraphs of the 信息发布协调函: what is to be published, with its full text, and what to answer."""
    return [f"{unit}：",
            f"本机关拟公开《{item.title}》（编号{item.number}）。该信息涉及贵单位，根据信息发布协调工作制度，现将全文送上，"
            "请于收函后5个工作日内书面回复是否同意公开；不同意的，请说明理由和依据。",
            "附：信息全文",
            *[p for p in item.content.splitlines() if p.strip()]]
