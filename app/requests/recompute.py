"""重新计算期限: after the working-day calendar changes, every open request's stored due date is recomputed on the new
calendar (DOMAIN.md §1 (c)), inside the calendar's transaction, in batches: the deadlines through the batch
arithmetic (``due_dates``), the changed rows updated together, one history entry and one audit row per changed
request. The result is the same as refreshing each request's clock (``records.refresh_clock``) one by one."""
from __future__ import annotations

import datetime as dt
import functools

from app import audit, clock
from app.actor import Actor
from app.permissions import require
from app.requests import catalog
from app.workdays.calendar import current
from app.workdays.deadlines import due_dates, normalise_stops
from db.connection import database, insert_rows, is_sqlite
from db.models import ClockStop, Request, RequestEvent

BATCH = 1_000
EVENT_COLUMNS = ("request_id", "ts", "event_date", "user_id", "username", "action", "from_state", "to_state", "note",
                 "data", "clock_effect")


def _new_deadlines(rows, stops):
    """(due, original_due, provisional) for each open row, computed like ``clock.clock_state``: None while paused."""
    cal = current()
    cases, where = [], []
    out: list[tuple | None] = []
    for rid, _number, state, start, reply_days, extension, *_ in rows:
        own = stops.get(rid, ())
        if state == "awaiting_correction" or any(last is None for _, _, last in own):
            out.append((None, None, False))
            continue
        norm = normalise_stops((first, last) for _, first, last in own)
        where.append(len(out))
        out.append(None)
        cases += [(start, reply_days, norm, 0), (start, reply_days, norm, extension)]
    dues = due_dates(cases, cal)
    for k, i in enumerate(where):
        original, due = dues[2 * k], dues[2 * k + 1]
        start = rows[i][3]
        provisional = any(not cal.is_official(y) for y in range(start.year, due.year + 1))
        out[i] = (due, original, provisional)
    return out


def _bulk_update(rows: list[tuple]) -> None:
    """``rows``: (due, original_due, provisional, updated_at, id)."""
    db = database.obj
    cursor = db.cursor()
    if is_sqlite(db):
        cursor.executemany(
            "UPDATE disclosure_request SET due_date = ?, original_due = ?, due_provisional = ?, updated_at = ? "
            "WHERE id = ?",
            [(d and d.isoformat(), o and o.isoformat(), int(p), str(u), i) for d, o, p, u, i in rows])
    else:
        from psycopg2.extras import execute_values
        execute_values(cursor,
                       "UPDATE disclosure_request AS r SET due_date = v.due::date, original_due = v.orig::date, "
                       "due_provisional = v.prov, updated_at = v.upd::timestamp FROM (VALUES %s) "
                       "AS v(due, orig, prov, upd, id) WHERE r.id = v.id", rows, page_size=BATCH)


def recompute_open_deadlines(actor: Actor) -> list:
    """Called when the working-day calendar changes (inside the calendar's transaction). Returns the requests whose
    due date changed."""
    require(actor, "calendar.manage")
    from app.workdays.service import DeadlineChange
    q = (Request.select(Request.id, Request.number, Request.state, Request.clock_start, Request.reply_days,
                        Request.extension_days, Request.due_date, Request.original_due, Request.due_provisional)
         .where(Request.state.in_(catalog.OPEN_STATES)).order_by(Request.id))
    if not is_sqlite():
        q = q.for_update()  # no other seat changes these rows until the calendar's transaction ends
    day = functools.lru_cache(maxsize=None)(_as_date)
    rows = [(rid, number, state, day(start), reply_days, ext, day(due), day(original), bool(prov))
            for rid, number, state, start, reply_days, ext, due, original, prov in database.execute(q)]
    stops: dict[int, list] = {}
    open_ids = Request.select(Request.id).where(Request.state.in_(catalog.OPEN_STATES))
    for rid, kind, first, last in (ClockStop.select(ClockStop.request, ClockStop.kind, ClockStop.first_day,
                                                    ClockStop.last_day)
                                   .where(ClockStop.request.in_(open_ids)).order_by(ClockStop.first_day).tuples()):
        stops.setdefault(rid, []).append((kind, first, last))
    now, today = clock.now(), clock.today()
    changes, updates, events, audits = [], [], [], []
    for row, (due, original, provisional) in zip(rows, _new_deadlines(rows, stops)):
        rid, number, state, *_rest, old_due, old_original, old_prov = row
        if (due, bool(provisional)) == (old_due, bool(old_prov)):
            continue
        updates.append((due, original, bool(provisional), now, rid))
        events.append((rid, now, today, actor.user_id, actor.display_name, "recompute", state, state, "", "{}",
                       f"节假日安排变更，答复期限由 {old_due} 改为 {due}" + ("（暂定）" if provisional else "")))
        before = {"due_date": old_due, "original_due": old_original, "due_provisional": bool(old_prov)}
        after = {"due_date": due, "original_due": original, "due_provisional": bool(provisional)}
        keys = [k for k in after if before[k] != after[k]]
        audits.append((number, {k: _plain(before[k]) for k in keys}, {k: _plain(after[k]) for k in keys}))
        changes.append(DeadlineChange("政府信息公开申请", rid, number, old_due, due, bool(old_prov), bool(provisional)))
    for k in range(0, len(updates), BATCH):
        _bulk_update(updates[k:k + BATCH])
    insert_rows(RequestEvent, EVENT_COLUMNS, events)
    audit.record_many(actor, "request.recompute", "request", audits)
    return changes


def _as_date(value):
    return value if value is None or isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
