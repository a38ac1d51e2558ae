"""What every 发布审核 service shares: reading an item (with a row lock on server engines), its snapshot for the
audit, its history entries, and its two clocks — the 5-working-day 保密审查 answer and the 20-working-day 主动公开
deadline (条例第二十六条; seed 000's shorter period for new 规范性文件 as an office setting)."""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock, settings
from app.actor import Actor
from app.errors import NotFound
from app.workdays.calendar import current
from app.workdays.deadlines import due_only
from db.connection import is_sqlite
from db.models import Coordination, InfoItem, ItemEvent, ItemFile, ItemRecord, ScreenFinding

audit.register_labels(entities={"info_item": "待发布信息"})
# An item's history, files, screen findings, coordination letters and corrections are sealed into each of its audit
# rows, so that ``check`` finds one changed outside the program (app/audit.py, seals).
audit.register_seal("info_item", audit.dependents_seal(InfoItem, InfoItem.number, [
    (ItemEvent, ItemEvent.item), (ItemFile, ItemFile.item), (ScreenFinding, ScreenFinding.item),
    (Coordination, Coordination.item), (ItemRecord, ItemRecord.item)]))

SNAPSHOT_FIELDS = ("number", "title", "unit", "kind", "doc_number", "formed_date", "category", "attribute",
                   "attribute_reason", "forwarded_from", "forwarded_attribute", "disclosure_manner",
                   "disclosure_scope", "major", "content_confirmed", "related_item", "stage", "chain",
                   "secrecy_due", "secrecy_opinion", "publish_due", "due_provisional", "index_number",
                   "published_date", "channel", "location", "repealed_date")


def get(item_id: int, lock: bool = False) -> InfoItem:
    query = InfoItem.select().where(InfoItem.id == item_id)
    if lock and not is_sqlite():
        query = query.for_update()
    row = query.first()
    if row is None:
        raise NotFound("找不到该信息")
    return row


def by_number(number: str) -> InfoItem:
    row = InfoItem.get_or_none(InfoItem.number == str(number).strip())
    if row is None:
        raise NotFound(f"没有编号为“{number}”的信息")
    return row


def snapshot(item: InfoItem) -> dict:
    out = {}
    for f in SNAPSHOT_FIELDS:
        v = getattr(item, f)
        out[f] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def add_event(actor: Actor, item: InfoItem, action: str, from_stage, to_stage, opinion: str = "", note: str = "",
              data: dict | None = None, event_date: dt.date | None = None) -> ItemEvent:
    return ItemEvent.create(item=item.id, ts=clock.now(), event_date=event_date or clock.today(),
                            user=actor.user_id, username=actor.username, display_name=actor.display_name,
                            action=action, from_stage=from_stage, to_stage=to_stage, opinion=opinion, note=note,
                            data=json.dumps(data or {}, ensure_ascii=False, default=str))


def save_with_audit(actor: Actor, item: InfoItem, before: dict, action: str) -> None:
    item.updated_at = clock.now()
    item.save()
    audit.record(actor, action, "info_item", item.number, before=before, after=snapshot(item))


# ---- clocks ---------------------------------------------------------------------------------------------------
def publish_days(kind: str) -> int:
    days = settings.get("publication.publish_days")
    if kind == "normative":
        days = min(days, settings.get("publication.normative_publish_days"))
    return days


def _provisional(start: dt.date, due: dt.date) -> bool:
    cal = current()
    return any(not cal.is_official(y) for y in range(start.year, due.year + 1))


def refresh_clocks(item: InfoItem) -> None:
    """Set the 主动公开 deadline (from formation, 条例第二十六条) and, while at 保密审查, its 5-day answer."""
    provisional = False
    if item.attribute == "proactive":
        item.publish_due = due_only(item.formed_date, publish_days(item.kind))
        provisional = _provisional(item.formed_date, item.publish_due)
    else:
        item.publish_due = None
    if item.stage_since and secrecy_stage(item):
        item.secrecy_due = due_only(item.stage_since, settings.get("publication.secrecy_days"))
        provisional = provisional or _provisional(item.stage_since, item.secrecy_due)
    else:
        item.secrecy_due = None
    item.due_provisional = provisional


def secrecy_stage(item: InfoItem) -> bool:
    from app.publication.stages import stages_of
    return any(s.kind == "secrecy" and s.code == item.stage for s in stages_of(item.chain))
