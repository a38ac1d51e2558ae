"""举报投诉登记簿: filters, full-text search (FTS5 trigram on SQLite, pg_trgm on PostgreSQL, as the other registers
search), sorting and paging. The rows never carry the complainant's identity (the detail shows it to those allowed,
and logs it), and a search never finds a case by who complained (seed 000 举报调查制度第八条)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


from app import clock, settings
from app.actor import Actor
from app.complaints import catalog, steps
from app.complaints.identity import mask_text
from app.ordering import page_order, pages
from app.publication.query import _left_text as left_text
from app.permissions import require
from app.requests.query import fts_match, like_match
from app.workdays.deadlines import days_left, due_only
from db.connection import is_sqlite
from db.models import ComplaintCase, ComplaintSupervision

C = ComplaintCase


@dataclass(frozen=True)
class CaseFilter:
    states: tuple[str, ...] = ()
    category: str | None = None
    channel: str | None = None
    unit: str | None = None  # 承办科室
    year: int | None = None  # of the receipt
    due: str | None = None  # "soon" | "overdue": open cases only
    supervision_overdue: bool = False  # a 督办 whose answer is late
    text: str = ""


SORT_KEYS = {
    "number": C.number, "received_at": C.received_at, "channel": C.channel, "category": C.category,
    "title": C.title, "handling_unit": C.handling_unit, "state": C.state, "due_date": C.due_date,
    "reply_date": C.reply_date, "subject_unit": C.subject_unit,
}

# The register's columns (window and xlsx export share them): key, heading. No complainant's identity among them.
COLUMNS = [
    ("number", "编号"), ("received_at", "收到时间"), ("channel", "来源渠道"), ("category_label", "类别"),
    ("title", "事由"), ("complainant_label", "举报投诉人"), ("subject_unit", "被举报投诉单位"),
    ("handling_unit", "承办科室"), ("state_label", "状态"), ("due_text", "办理期限"), ("reply_date", "答复日期"),
    ("timeliness", "按时答复"),
]


# What a register row is made of (the content and the reply stay in the detail); the identity only to mask the title.
LIST_FIELDS = (C.id, C.number, C.received_at, C.received_date, C.channel, C.category, C.title, C.anonymous,
               C.confidential, C.subject_unit, C.handling_unit, C.state, C.due_date, C.due_provisional, C.reply_date,
               C.complainant_name, C.complainant_phone, C.complainant_address, C.complainant_email)


def _identity_hit(term: str):
    """A case whose complainant the term names: never found by it (names, phone numbers and e-mail addresses; an
    address by four characters or more, so that a place name in the content still finds its cases)."""
    hit = C.complainant_name.contains(term) | C.complainant_phone.contains(term) | C.complainant_email.contains(term)
    if len(term) >= 4:
        hit = hit | C.complainant_address.contains(term)
    return hit


def _text_condition(term: str, ordered: bool = False):
    if is_sqlite() and len(term) >= 3:
        found = fts_match(C.id, "complaint_case_fts", term, ordered)
    else:
        found = like_match((C.number, C.title, C.content, C.subject_unit, C.subject_person), term)
    return found & ~_identity_hit(term)


def soon_limit(today: dt.date) -> dt.date:
    return due_only(today, settings.get("complaints.due_warning_days"))


def build_query(f: CaseFilter, today: dt.date | None = None, ordered: bool = False):
    """``ordered``: the query will be read a page at a time in its sort order (``fts_match``)."""
    today = today or clock.today()
    q = C.select()
    if f.states:
        q = q.where(C.state.in_(f.states))
    if f.category:
        q = q.where(C.category == f.category)
    if f.channel:
        q = q.where(C.channel == f.channel)
    if f.unit:
        q = q.where(C.handling_unit == f.unit)
    if f.year:
        q = q.where(C.received_date.between(dt.date(f.year, 1, 1), dt.date(f.year, 12, 31)))
    if f.due in ("soon", "overdue"):
        q = q.where(C.state.in_(steps.OPEN))
        q = q.where(C.due_date < today) if f.due == "overdue" else q.where(C.due_date.between(today,
                                                                                          soon_limit(today)))
    if f.supervision_overdue:
        late = (ComplaintSupervision.select(ComplaintSupervision.case)
                .where(ComplaintSupervision.reply_date.is_null() & (ComplaintSupervision.reply_due < today)))
        q = q.where(C.id.in_(late))
    for term in (f.text or "").split():
        q = q.where(_text_condition(term, ordered))
    return q


def count(actor: Actor, f: CaseFilter) -> int:
    require(actor, "complaint.view")
    return build_query(f).count()


def fetch(actor: Actor, f: CaseFilter, offset: int, limit: int, sort: str | None = None,
          descending: bool = False) -> list[dict]:
    require(actor, "complaint.view")
    today = clock.today()
    col = SORT_KEYS.get(sort or "", C.received_at)
    if sort is None:
        descending = True
    order = page_order(col, C.id, descending)
    # The page's ids first (sorted over the indexes alone), then their rows: sorting whole rows of a large filter
    # result (every open case past its date) would cost a temporary table of them.
    ids = build_query(f, today, ordered=True).select(C.id).order_by(*order).offset(offset).limit(limit)
    return rows_for_display(list(C.select(*LIST_FIELDS).where(C.id.in_(ids)).order_by(*order)), today)


def iterate(actor: Actor, f: CaseFilter, sort: str | None = None, descending: bool = False, batch: int = 500):
    return pages(lambda offset, limit: fetch(actor, f, offset, limit, sort, descending), batch)


def complainant_label(case: ComplaintCase) -> str:
    """What the register says of the complainant: never who, only how they came."""
    return "匿名" + ("（要求保密）" if case.confidential else "") if case.anonymous else \
        "实名" + ("（要求保密）" if case.confidential else "")


def timeliness(case: ComplaintCase) -> str:
    if case.reply_date is None or case.due_date is None:
        return ""
    return "是" if case.reply_date <= case.due_date else "否（超期）"


def rows_for_display(rows: list[ComplaintCase], today: dt.date) -> list[dict]:
    warn = settings.get("complaints.due_warning_days")
    out = []
    for r in rows:
        open_ = r.state in steps.OPEN
        left = days_left(r.due_date, today) if open_ and r.due_date else None
        tag = "（暂定）" if r.due_provisional else ""
        due_text = f"{r.due_date.isoformat()}{tag} {left_text(left)}".strip() if r.due_date else ""
        out.append({
            "id": r.id, "number": r.number, "received_at": r.received_at, "received_date": r.received_date,
            "channel": r.channel, "category": r.category, "category_label": catalog.category_label(r.category),
            "title": mask_text(r.title, r), "complainant_label": complainant_label(r),
            "subject_unit": r.subject_unit, "handling_unit": r.handling_unit, "state": r.state,
            "state_label": steps.state_label(r.state), "due_date": r.due_date, "due_text": due_text,
            "reply_date": r.reply_date, "timeliness": timeliness(r), "confidential": r.confidential,
            "urgency": ("overdue" if left is not None and left < 0 else
                        "soon" if left is not None and left <= warn else None),
        })
    return out
