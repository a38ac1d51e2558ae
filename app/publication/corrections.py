"""After publication: 澄清/更正 of false or incomplete information (seeds 002 澄清虚假或不完整信息工作制度, 003) — the
corrected text proposed, approved by the leader, published on a date through a channel — and the report that follows
an 应急处置 withdrawal (seed 004 应急处置制度: withdraw first, then report). The original item stays as it was."""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock
from app.actor import Actor
from app.errors import InvalidState, NotFound, PermissionDenied, ValidationError
from app.permissions import require
from app.publication import catalog, records
from db.connection import write_transaction
from db.models import ItemRecord

audit.register_labels(actions={"publication.correction": "提出澄清或更正", "publication.correction_approve": "批准澄清或更正",
                               "publication.emergency_report": "应急处置报告"},
                      fields={"info_item": {"correction_kind": "澄清或更正", "correction_channel": "更正发布渠道"}},
                      values={"info_item": {"correction_kind": lambda v: KINDS.get(v, str(v))}})

KINDS = {"clarify": "澄清", "correct": "更正"}


def _record(actor: Actor, item, kind: str, data: dict, status: str = "", on: dt.date | None = None) -> ItemRecord:
    return ItemRecord.create(item=item.id, kind=kind, event_date=on or clock.today(), user=actor.user_id,
                             display_name=actor.display_name, data=json.dumps(data, ensure_ascii=False, default=str),
                             status=status, created_at=clock.now())


def propose(actor: Actor, item_id: int, kind: str, text: str, reason: str) -> dict:
    require(actor, "publication.publish")
    item = records.get(item_id)
    if item.stage != "published":
        raise InvalidState("只有已发布的信息可以澄清或更正")
    if kind not in KINDS:
        raise ValidationError("类别", "请选择澄清或更正")
    if not (text or "").strip():
        raise ValidationError("澄清或更正的内容", "不能为空")
    if not (reason or "").strip():
        raise ValidationError("原因", "请写明原信息虚假或不完整之处")
    with write_transaction():
        row = _record(actor, item, "correction", {"kind": kind, "text": text.strip(), "reason": reason.strip()},
                      "proposed")
        records.add_event(actor, item, "correction", item.stage, item.stage, opinion=KINDS[kind], note=reason.strip())
        audit.record(actor, "publication.correction", "info_item", item.number,
                     after={"record": row.id, "correction_kind": kind, "text": text.strip()})
    return {"id": row.id}


def approve(actor: Actor, record_id: int, published: dt.date, channel: str) -> None:
    """The leader approves the correction; it is published on ``published`` through ``channel``."""
    require(actor, "publication.final_review")
    row = ItemRecord.get_or_none((ItemRecord.id == record_id) & (ItemRecord.kind == "correction"))
    if row is None:
        raise NotFound("找不到该澄清或更正")
    if row.status != "proposed":
        raise InvalidState("该澄清或更正已批准")
    if row.user_id == actor.user_id:
        raise PermissionDenied("提出人不能批准自己提出的澄清或更正")
    if published < row.event_date or published > clock.today():
        raise ValidationError("发布日期", "应在提出之后、今天之前")
    if channel not in catalog.channels():
        raise ValidationError("发布渠道", "请选择本机关的发布渠道")
    item = records.get(row.item_id)
    data = json.loads(row.data)
    data.update(approved_on=published.isoformat(), channel=channel, approver=actor.display_name)
    with write_transaction():
        ItemRecord.update(status="approved", approved_by=actor.user_id,
                          data=json.dumps(data, ensure_ascii=False)).where(ItemRecord.id == row.id).execute()
        records.add_event(actor, item, "correction_approve", item.stage, item.stage, opinion="批准",
                          note=f"{KINDS[data['kind']]}于{published.isoformat()}通过{channel}发布", event_date=published)
        audit.record(actor, "publication.correction_approve", "info_item", item.number,
                     after={"record": row.id, "date": published, "correction_channel": channel})


def emergency_report(actor: Actor, item_id: int, report: str) -> None:
    """The report after an 应急撤回: what happened, what was done, to whom it was reported."""
    require(actor, "publication.publish")
    item = records.get(item_id)
    if item.stage != "withdrawn":
        raise InvalidState("应急处置报告在撤回之后登记")
    if not (report or "").strip():
        raise ValidationError("报告内容", "不能为空")
    with write_transaction():
        _record(actor, item, "emergency_report", {"report": report.strip()})
        records.add_event(actor, item, "emergency_report", item.stage, item.stage, note=report.strip())
        audit.record(actor, "publication.emergency_report", "info_item", item.number, after={"report": report})


def list_for(item_id: int) -> list[dict]:
    return [{"id": r.id, "record": r.kind, "date": r.event_date, "user": r.display_name, "status": r.status,
             **json.loads(r.data or "{}")}
            for r in ItemRecord.select().where((ItemRecord.item == item_id)
                                               & ItemRecord.kind.in_(("correction", "emergency_report")))
            .order_by(ItemRecord.id)]
