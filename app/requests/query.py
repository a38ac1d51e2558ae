"""登记簿查询: the register as the window and the exports see it — filters, full-text search, sorting, paging."""
from __future__ import annotations

import datetime as dt
import functools
import operator
from dataclasses import dataclass

import peewee as pw

from app.ordering import page_order, pages
from app import clock, settings
from app.actor import Actor
from app.permissions import require
from app.requests import catalog
from app.workdays.deadlines import days_left, due_date
from db.connection import is_sqlite
from db.models import Request, User


@dataclass(frozen=True)
class RegisterFilter:
    states: tuple[str, ...] = ()
    outcome: str | None = None  # an outcome code, or a report leaf ("refuse_1"), or a group ("refuse")
    applicant_type: str | None = None
    officer_id: int | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    due: str | None = None  # "today" | "soon" (today included) | "overdue"; open requests only
    text: str = ""


SORT_KEYS = {
    "number": Request.number,
    "received_date": Request.received_date,
    "applicant_name": Request.applicant_name,
    "applicant_type": Request.applicant_type,
    "description": Request.description,
    "state": Request.state,
    "due_date": Request.due_date,
    "days_left": Request.due_date,
    "officer": Request.officer,
    "outcome": Request.outcome,
    "decided_date": Request.decided_date,
}

# What a line of the register is made of (``rows_for_display``): a page reads these columns only, not the request's
# forty (half the time of a page of a common term's matches went into building the unread ones).
LIST_FIELDS = (Request.id, Request.number, Request.received_date, Request.applicant_name, Request.applicant_type,
               Request.description, Request.state, Request.due_date, Request.due_provisional,
               Request.correction_period_end, Request.officer, Request.outcome, Request.decided_date)

# The register's columns (window and xlsx export share them): key, heading.
COLUMNS = [
    ("number", "申请编号"), ("received_date", "收到日期"), ("applicant_name", "申请人"),
    ("applicant_type_label", "申请人类型"), ("description", "申请内容"), ("state_label", "状态"),
    ("due_text", "答复期限"), ("days_left_text", "剩余工作日"), ("officer_name", "承办人"),
    ("outcome_label", "办理结果"), ("decided_date", "答复日期"),
]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


FTS_COMMON = 2_000  # a term matching this many records is common: a page of it is read in the sort index's order


def fts_match(id_field, fts_table: str, term: str, ordered: bool = False):
    """The records whose FTS5 trigram index (SQLite) matches ``term``. ``ordered``: the query reads a page in the
    order of its sort column. A rare term's matches are then looked up by id and sorted (fast, few); a common term's
    are not — SQLite would look up and sort every one of them (1.2 s for a term in a tenth of a million requests) —
    but each row of the sort column's index is tested against them as the index is read (``+id`` keeps SQLite from
    using the id for the lookup), which stops once the page is full (60 ms). A count reads by id in either case."""
    phrase = _fts_phrase(term)
    matches = pw.SQL(f"(SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ?)", (phrase,))
    if ordered:
        probe = id_field.model._meta.database.execute_sql(
            f"SELECT count(*) FROM (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ? LIMIT {FTS_COMMON})",
            (phrase,)).fetchone()[0]
        if probe >= FTS_COMMON:
            return pw.NodeList((pw.SQL("+"), id_field), glue="").in_(matches)
    return id_field.in_(matches)


def fts_count(fts_table: str, text: str) -> int | None:
    """How many records match every term of ``text`` (SQLite, each term 3+ characters), counted in the FTS5 index
    alone: a term in a tenth of a million requests counts in 3 ms there, 100 ms when each match is looked up in the
    register. Only for a search with no other condition (the FTS table holds exactly the register's rows, kept by
    its triggers); ``None`` when the index cannot answer, and the caller counts the query."""
    terms = text.split()
    if not terms or not is_sqlite() or any(len(t) < 3 for t in terms):
        return None
    from db.connection import database
    phrase = " AND ".join(_fts_phrase(t) for t in terms)
    return database.obj.execute_sql(f"SELECT count(*) FROM {fts_table} WHERE {fts_table} MATCH ?",
                                    (phrase,)).fetchone()[0]


def like_match(fields, term: str):
    """``term`` anywhere in any of ``fields`` (ILIKE, which pg_trgm's GIN indexes answer on PostgreSQL for 3+
    characters). Unlike SQLite with its FTS table, PostgreSQL's planner estimates from the columns' statistics how
    many rows match, and for a common term already reads a page along the sort column's index, testing each row."""
    return functools.reduce(operator.or_, (f.contains(term) for f in fields))


def _text_condition(text: str, ordered: bool = False):
    """FTS5 trigram for terms of 3+ characters; a LIKE fallback for shorter ones (the trigram index cannot match them)
    and on server databases."""
    conditions = []
    for term in text.split():
        if is_sqlite() and len(term) >= 3:
            conditions.append(fts_match(Request.id, "request_fts", term, ordered))
        else:
            conditions.append(like_match((Request.applicant_name, Request.description, Request.notes,
                                          Request.number, Request.scan_text), term))
    return conditions


def outcomes_matching(code: str) -> list[str]:
    if code in catalog.GROUPS:
        return [o.code for o in catalog.OUTCOMES.values() if o.leaf == code or o.leaf.startswith(code + "_")]
    if code in catalog.LEAF_LABELS:
        return [o.code for o in catalog.OUTCOMES.values() if o.leaf == code]
    return [code]


def soon_limit(today: dt.date) -> dt.date:
    """The last due date that counts as 'due soon': N working days after today (N from settings)."""
    return due_date(today, settings.get("requests.due_warning_days")).due


def build_query(f: RegisterFilter, today: dt.date | None = None, ordered: bool = False):
    """``ordered``: the query will be read a page at a time in its sort order (``fts_match``)."""
    today = today or clock.today()
    q = Request.select()
    if f.states:
        q = q.where(Request.state.in_(f.states))
    if f.outcome:
        q = q.where(Request.outcome.in_(outcomes_matching(f.outcome)))
    if f.applicant_type:
        q = q.where(Request.applicant_type == f.applicant_type)
    if f.officer_id:
        q = q.where(Request.officer == f.officer_id)
    if f.received_from:
        q = q.where(Request.received_date >= f.received_from)
    if f.received_to:
        q = q.where(Request.received_date <= f.received_to)
    if f.due in ("today", "soon", "overdue"):
        q = q.where(Request.state.in_(catalog.OPEN_STATES) & Request.due_date.is_null(False))
        if f.due == "overdue":
            q = q.where(Request.due_date < today)
        elif f.due == "today":
            q = q.where(Request.due_date == today)
        else:
            q = q.where((Request.due_date >= today) & (Request.due_date <= soon_limit(today)))
    for cond in _text_condition(f.text or "", ordered):
        q = q.where(cond)
    return q


def count(actor: Actor, f: RegisterFilter) -> int:
    require(actor, "request.view")
    if f.text and f == RegisterFilter(text=f.text):
        found = fts_count("request_fts", f.text)
        if found is not None:
            return found
    return build_query(f).count()


def fetch(actor: Actor, f: RegisterFilter, offset: int, limit: int, sort: str | None = None,
          descending: bool = False) -> list[dict]:
    require(actor, "request.view")
    today = clock.today()
    col = SORT_KEYS.get(sort or "", Request.received_date)
    if sort is None:
        descending = True
    order = page_order(col, Request.id, descending)
    q = build_query(f, today, ordered=True).select(*LIST_FIELDS)
    if sort not in ("due_date", "days_left"):
        return rows_for_display(list(q.order_by(*order).offset(offset).limit(limit)), today)
    # A closed request's due date no longer matters: open requests come first whichever way the dates run. Two
    # queries (open, then closed) keep the due-date index usable, which one ORDER BY over a CASE would not.
    is_open = Request.state.in_(catalog.OPEN_STATES)
    open_count = q.where(is_open).count()
    rows = []
    if offset < open_count:
        rows = open_by_due(q, f, order, descending, offset, limit)
    if len(rows) < limit:
        rows += list(q.where(~is_open).order_by(*order).offset(max(0, offset - open_count)).limit(limit - len(rows)))
    return rows_for_display(rows, today)


MERGED_PAGES = 1_000  # open requests by due date: up to this deep, a page is merged from one query per state


def open_by_due(q, f: RegisterFilter, order, descending: bool, offset: int, limit: int) -> list[Request]:
    """A page of the open requests of ``q`` by due date. Open requests are in several states, and no index orders
    rows of several states by due date: SQLite and PostgreSQL either sort every open request (a district's 100,000:
    0.45 s, the 工作台 at start-up) or walk the due-date index through every closed request. Near the top, each state's
    rows are read along the (state, due date) index instead, ``offset + limit`` of them, and merged in the same
    order (empty due dates last, then the id)."""
    states = [s for s in catalog.OPEN_STATES if not f.states or s in f.states]
    if len(states) < 2 or offset + limit > MERGED_PAGES:
        return list(q.where(Request.state.in_(states)).order_by(*order).offset(offset).limit(limit))
    rows = []
    for state in states:
        rows.extend(q.where(Request.state == state).order_by(*order).limit(offset + limit))

    def key(r: Request):
        day = r.due_date.toordinal() if r.due_date else 0
        return (r.due_date is None, -day, -r.id) if descending else (r.due_date is None, day, r.id)
    rows.sort(key=key)
    return rows[offset:offset + limit]


def _officer_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {u.id: u.display_name for u in User.select(User.id, User.display_name).where(User.id.in_(ids))}


def rows_for_display(rows: list[Request], today: dt.date, warn_days: int | None = None) -> list[dict]:
    names = _officer_names(r.officer_id for r in rows)
    warn = settings.get("requests.due_warning_days") if warn_days is None else warn_days
    out = []
    for r in rows:
        is_open = r.state in catalog.OPEN_STATES
        left = days_left(r.due_date, today) if (is_open and r.due_date) else None
        if r.state == "awaiting_correction":
            due_text = f"待补正（至{r.correction_period_end.isoformat()}）" if r.correction_period_end else "待补正"
        elif is_open and r.due_date is None:
            due_text = "停止计时中"
        elif r.due_date:
            due_text = r.due_date.isoformat() + ("（暂定）" if r.due_provisional and is_open else "")
        else:
            due_text = ""
        if left is None:
            left_text = ""
        elif left < 0:
            left_text = f"逾期{-left}天"
        elif left == 0:
            left_text = "今日到期"
        else:
            left_text = str(left)
        outcome = catalog.OUTCOMES.get(r.outcome)
        out.append({
            "id": r.id, "number": r.number, "received_date": r.received_date, "applicant_name": r.applicant_name,
            "applicant_type": r.applicant_type, "applicant_type_label": catalog.APPLICANT_TYPES[r.applicant_type],
            "description": r.description, "state": r.state, "state_label": catalog.STATES[r.state],
            "due_date": r.due_date, "due_provisional": bool(r.due_provisional and is_open), "due_text": due_text,
            "days_left": left, "days_left_text": left_text, "officer_id": r.officer_id,
            "officer_name": names.get(r.officer_id, ""), "outcome": r.outcome,
            "outcome_label": outcome.label if outcome else "", "decided_date": r.decided_date,
            "urgency": ("overdue" if left is not None and left < 0 else
                        "soon" if left is not None and left <= warn else None),
        })
    return out


def iterate(actor: Actor, f: RegisterFilter, sort: str | None = None, descending: bool = False, batch: int = 500):
    """Every row of the filtered register, in display form, a batch at a time (for exports), in the order of
    ``fetch``. Each batch continues from the last row of the one before (its sort value and id) instead of counting
    rows from the start (OFFSET), which reads every earlier row again: the 500,000th row of a million took 0.34 s.
    The due-date order (open requests first) and a column that may be empty are read by OFFSET."""
    require(actor, "request.view")
    col = SORT_KEYS.get(sort or "", Request.received_date)
    if sort is None:
        descending = True
    if sort not in ("due_date", "days_left") and not col.null:
        today = clock.today()
        base = build_query(f, today, ordered=True).select(*LIST_FIELDS)
        order = page_order(col, Request.id, descending)
        after = None
        while True:
            q = base
            if after is not None:
                value, last_id = after
                q = q.where((col < value) | ((col == value) & (Request.id < last_id)) if descending
                            else (col > value) | ((col == value) & (Request.id > last_id)))
            rows = list(q.order_by(*order).limit(batch))
            if not rows:
                return
            yield from rows_for_display(rows, today)
            after = (getattr(rows[-1], col.name), rows[-1].id)
    yield from pages(lambda offset, limit: fetch(actor, f, offset, limit, sort, descending), batch)


def officers() -> list[dict]:
    """Users who handle or have handled requests, for the officer filter."""
    ids = {r.officer_id for r in Request.select(Request.officer).distinct() if r.officer_id}
    return [{"id": i, "display_name": n} for i, n in sorted(_officer_names(ids).items())]
