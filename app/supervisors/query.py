"""监督意见登记簿: filters, text search, sorting and paging for the window and the export (the few opinions an office
receives a year need no full-text index: a LIKE over number, content and answer answers it on both engines)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app import clock
from app.actor import Actor
from app.ordering import page_order
from app.permissions import require
from app.supervisors import catalog
from app.supervisors.opinions import OPEN, STAGES, actions_for
from app.workdays.deadlines import days_left
from db.models import Opinion, Supervisor


@dataclass(frozen=True)
class OpinionFilter:
    stages: tuple[str, ...] = ()
    supervisor_id: int | None = None
    year: int | None = None  # of 收到日期
    due: str | None = None  # "overdue" | "open"
    text: str = ""


SORT_KEYS = {"number": Opinion.number, "received_date": Opinion.received_date, "stage": Opinion.stage,
             "due_date": Opinion.due_date, "unit": Opinion.unit, "priority": Opinion.priority}
COLUMNS = [("number", "编号"), ("received_date", "收到日期"), ("supervisor_name", "监督员"),
           ("channel_label", "渠道"), ("category", "类别"), ("priority_label", "重点"), ("content", "意见内容"),
           ("subject_label", "所涉记录"), ("stage_label", "环节"), ("unit", "承办科室"), ("due_text", "办理期限"),
           ("answer", "反馈"), ("report_text", "通报或告知"), ("cannot_reason", "暂不能落实的原因")]


def build_query(f: OpinionFilter, today: dt.date | None = None):
    today = today or clock.today()
    q = Opinion.select()
    if f.stages:
        q = q.where(Opinion.stage.in_(f.stages))
    if f.supervisor_id:
        q = q.where(Opinion.supervisor == f.supervisor_id)
    if f.year:
        q = q.where(Opinion.received_date.between(dt.date(f.year, 1, 1), dt.date(f.year, 12, 31)))
    if f.due == "open":
        q = q.where(Opinion.stage.in_(OPEN))
    elif f.due == "overdue":
        q = q.where((Opinion.stage == "transferred") & (Opinion.due_date < today))
    for term in (f.text or "").split():
        q = q.where(Opinion.number.contains(term) | Opinion.content.contains(term) | Opinion.answer.contains(term)
                    | Opinion.subject_label.contains(term) | Opinion.unit.contains(term))
    return q


def count(actor: Actor, f: OpinionFilter) -> int:
    require(actor, "supervisor.view")
    return build_query(f).count()


def fetch(actor: Actor, f: OpinionFilter, offset: int, limit: int, sort: str | None = None,
          descending: bool = False) -> list[dict]:
    require(actor, "supervisor.view")
    col = SORT_KEYS.get(sort or "", Opinion.received_date)
    if sort is None:
        descending = True
    rows = list(build_query(f).order_by(*page_order(col, Opinion.id, descending)).offset(offset).limit(limit))
    return rows_for_display(actor, rows)


def iterate(actor: Actor, f: OpinionFilter, batch: int = 500):
    offset = 0
    while rows := fetch(actor, f, offset, batch, "number"):
        yield from rows
        offset += len(rows)


def rows_for_display(actor: Actor, rows: list[Opinion]) -> list[dict]:
    require(actor, "supervisor.view")
    today = clock.today()
    names = {s.id: s.name for s in Supervisor.select(Supervisor.id, Supervisor.name)}
    permissions = actor.permissions
    out = []
    for r in rows:
        left = days_left(r.due_date, today) if r.stage == "transferred" and r.due_date else None
        due_text = ""
        if r.due_date:
            due_text = r.due_date.isoformat() + ("（暂定）" if r.due_provisional else "")
            if left is not None:
                due_text += f" 逾期{-left}个工作日" if left < 0 else (" 今日到期" if left == 0 else f" 剩{left}个工作日")
        report_text = (f"{r.reported_date.isoformat()} {r.report_method}" + (f"（{r.report_note}）" if r.report_note
                                                                           else "")) if r.reported_date else ""
        out.append({
            "id": r.id, "number": r.number, "received_date": r.received_date, "supervisor_id": r.supervisor_id,
            "supervisor_name": names.get(r.supervisor_id, ""), "channel": r.channel,
            "channel_label": catalog.CHANNELS.get(r.channel, r.channel), "category": r.category,
            "priority": r.priority, "priority_label": catalog.PRIORITIES.get(r.priority, ""), "content": r.content,
            "subject_view": r.subject_view, "subject_id": r.subject_id, "subject_label": r.subject_label,
            "stage": r.stage, "stage_label": STAGES[r.stage], "unit": r.unit, "transferred_date": r.transferred_date,
            "due_days": r.due_days, "due_date": r.due_date, "due_text": due_text, "days_left": left,
            "answer": r.answer, "answered_date": r.answered_date, "report_method": r.report_method,
            "reported_date": r.reported_date, "report_note": r.report_note, "report_text": report_text,
            "cannot_reason": r.cannot_reason,
            "urgency": "overdue" if left is not None and left < 0 else ("soon" if left is not None and left <= 2
                                                                         else None),
            "actions": actions_for(r.stage, permissions),
        })
    return out


def detail(actor: Actor, opinion_id: int) -> dict:
    from app.supervisors import records
    from db.models import OpinionEvent
    require(actor, "supervisor.view")
    row = records.opinion(opinion_id)
    out = rows_for_display(actor, [row])[0]
    out["events"] = [{"date": e.event_date, "ts": e.ts, "user": e.display_name, "action": e.action,
                      "from": STAGES.get(e.from_stage or "", ""), "to": STAGES.get(e.to_stage or "", ""),
                      "note": e.note}
                     for e in OpinionEvent.select().where(OpinionEvent.opinion == row.id).order_by(OpinionEvent.ts,
                                                                                                    OpinionEvent.id)]
    return out
