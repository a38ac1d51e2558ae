"""公众参与: a 征求意见 or 重大决策预公开 item carries its comment period (start, end, how to submit, contact), the
comments received and the response published with the decision (seed 001 公众参与 第四条、第七条; 重大决策预公开制度:
the period is at most 10 working days by default, an office setting)."""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock, settings
from app.actor import Actor
from app.errors import InvalidState, ValidationError
from app.permissions import require
from app.publication import records
from app.settings import Option, declare
from app.workdays.deadlines import working_days_between
from db.connection import write_transaction
from db.models import ItemRecord

audit.register_labels(actions={"publication.comment_period": "登记征求意见期", "publication.comment": "登记收到的意见",
                               "publication.response": "登记意见采纳情况"})
declare(Option("publication.comment_max_days", "int", 10, "重大决策预公开征求意见期（最长工作日）", "发布审核", minimum=1,
               maximum=60, help="重大决策预公开制度：征求意见期限一般不超过10个工作日"))
KINDS_WITH_COMMENTS = ("consultation", "major_decision")


def _item(item_id: int):
    item = records.get(item_id)
    if item.kind not in KINDS_WITH_COMMENTS:
        raise InvalidState("只有征求意见和重大决策预公开信息登记征求意见期")
    return item


def _add(actor, item, kind: str, data: dict, note: str, action: str, on: dt.date | None = None) -> None:
    with write_transaction():
        ItemRecord.create(item=item.id, kind=kind, event_date=on or clock.today(), user=actor.user_id,
                          display_name=actor.display_name, data=json.dumps(data, ensure_ascii=False, default=str),
                          created_at=clock.now())
        records.add_event(actor, item, kind, item.stage, item.stage, note=note, event_date=on)
        audit.record(actor, action, "info_item", item.number, after=data)


def set_period(actor: Actor, item_id: int, start: dt.date, end: dt.date, how: str, contact: str) -> None:
    require(actor, "publication.draft")
    item = _item(item_id)
    if end < start:
        raise ValidationError("截止日期", "不能早于开始日期")
    limit = settings.get("publication.comment_max_days")
    if item.kind == "major_decision" and working_days_between(start, end) + 1 > limit:
        raise ValidationError("截止日期", f"重大决策预公开的征求意见期不超过{limit}个工作日（本机关设置）")
    if not (how or "").strip() or not (contact or "").strip():
        raise ValidationError("意见提交方式", "请写明提交意见的方式和联系人、联系电话")
    _add(actor, item, "comment_period", {"start": start, "end": end, "how": how.strip(), "contact": contact.strip()},
         f"征求意见期 {start.isoformat()} 至 {end.isoformat()}", "publication.comment_period")


def add_comment(actor: Actor, item_id: int, received: dt.date, summary: str) -> None:
    require(actor, "publication.draft")
    item = _item(item_id)
    if received > clock.today():
        raise ValidationError("收到日期", "不能晚于今天")
    if not (summary or "").strip():
        raise ValidationError("意见内容", "不能为空")
    _add(actor, item, "comment", {"summary": summary.strip()}, summary.strip(), "publication.comment", received)


def respond(actor: Actor, item_id: int, text: str) -> None:
    """The response to the comments, published with the decision (seed 001 公众参与 第七条)."""
    require(actor, "publication.draft")
    item = _item(item_id)
    if not (text or "").strip():
        raise ValidationError("采纳情况", "不能为空")
    _add(actor, item, "response", {"text": text.strip()}, text.strip(), "publication.response")


def summary(item_id: int) -> dict:
    rows = list(ItemRecord.select().where((ItemRecord.item == item_id)
                                          & ItemRecord.kind.in_(("comment_period", "comment", "response")))
                .order_by(ItemRecord.id))
    periods = [json.loads(r.data) for r in rows if r.kind == "comment_period"]
    return {"period": periods[-1] if periods else None,
            "comments": [{"date": r.event_date, **json.loads(r.data)} for r in rows if r.kind == "comment"],
            "responses": [json.loads(r.data)["text"] for r in rows if r.kind == "response"]}
