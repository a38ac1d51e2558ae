"""What every 监督员 service shares: reading a supervisor or an opinion (with a row lock on server engines), their
snapshots for the audit, an opinion's history entries, and date parsing with the field named in the refusal."""
from __future__ import annotations

import datetime as dt

from app import audit, clock
from app.actor import Actor
from app.errors import NotFound
from db.connection import is_sqlite
from db.models import Opinion, OpinionEvent, Supervisor

audit.register_labels(entities={"supervisor": "监督员", "supervisor_opinion": "监督意见",
                                "supervisor_briefing": "通报和会议", "archive_access": "档案查阅记录"})

SUPERVISOR_FIELDS = ("name", "sex", "contact", "constituency", "unit", "appointed_date", "term_end", "status",
                     "ended_date", "end_reason", "end_note", "replaces", "user", "notes")
OPINION_FIELDS = ("number", "supervisor", "received_date", "channel", "content", "category", "priority",
                  "subject_view", "subject_id", "subject_label", "stage", "unit", "transferred_date", "due_days",
                  "due_date", "due_provisional", "answer", "answered_date", "report_method", "reported_date",
                  "report_note", "cannot_reason")


def _get(model, record_id, lock: bool, missing: str):
    query = model.select().where(model.id == record_id)
    if lock and not is_sqlite():
        query = query.for_update()
    row = query.first() if record_id is not None else None
    if row is None:
        raise NotFound(missing)
    return row


def supervisor(supervisor_id: int, lock: bool = False) -> Supervisor:
    return _get(Supervisor, supervisor_id, lock, "找不到该监督员")


def opinion(opinion_id: int, lock: bool = False) -> Opinion:
    return _get(Opinion, opinion_id, lock, "找不到该监督意见")


def snapshot(row, fields) -> dict:
    out = {}
    for f in fields:
        v = getattr(row, f + "_id") if f in ("supervisor", "user") else getattr(row, f)
        out[f] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def add_event(actor: Actor, row: Opinion, action: str, from_stage, to_stage, note: str = "",
              event_date: dt.date | None = None) -> OpinionEvent:
    return OpinionEvent.create(opinion=row.id, ts=clock.now(), event_date=event_date or clock.today(),
                               user=actor.user_id, display_name=actor.display_name or actor.username, action=action,
                               from_stage=from_stage, to_stage=to_stage, note=note)


def text(value) -> str:
    """A fragment the clerk typed, without the trailing punctuation a printed sentence adds itself."""
    return str(value or "").strip().rstrip("。；，,; ").strip()
