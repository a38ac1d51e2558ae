"""The 公开事项标准目录 register and its adjustments: filters, search, sorting and paging (as the other registers,
``app.ordering.page_order``); an item's history; what changed between two dates; adjustments counted per 科室 and
year (seed 001 第六条 puts them into the yearly assessment); and the 公开事项 whose recurring 公开时限 passed with nothing
published in their 公开目录 category."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app import clock
from app.actor import Actor
from app.errors import NotFound
from app.guide import elements
from app.guide.elements import ADJUSTMENT_KINDS, ELEMENTS, PERIODS, REASONS, STATUSES
from app.ordering import page_order
from app.permissions import require
from app.publication import catalog as publication_catalog
from db.models import CatalogueAdjustment, InfoItem, StandardItem, StandardItemVersion


@dataclass(frozen=True)
class CatalogueFilter:
    unit: str | None = None
    category: str | None = None
    text: str = ""
    removed: bool = False  # True: the removed items instead of the current ones


SORT_KEYS = {key: getattr(StandardItem, key) for key in ELEMENTS} | {"updated_at": StandardItem.updated_at}


def build_query(f: CatalogueFilter):
    q = StandardItem.select().where(StandardItem.removed == f.removed)
    if f.unit:
        q = q.where(StandardItem.unit == f.unit)
    if f.category:
        q = q.where(StandardItem.category == f.category)
    for term in (f.text or "").split():
        q = q.where(StandardItem.name.contains(term) | StandardItem.content.contains(term)
                    | StandardItem.basis.contains(term) | StandardItem.subject.contains(term))
    return q


def count(actor: Actor, f: CatalogueFilter) -> int:
    require(actor, "guide.view")
    return build_query(f).count()


def _row(item: StandardItem, pending: set[int]) -> dict:
    row = {"id": item.id, **{k: getattr(item, k) for k in ELEMENTS}, "period": item.period,
           "period_label": PERIODS.get(item.period, ""), "version": item.version, "updated_at": item.updated_at,
           "removed": item.removed, "pending": item.id in pending}
    row["category_known"] = item.category in publication_catalog.categories()
    return row


def fetch(actor: Actor, f: CatalogueFilter, offset: int, limit: int, sort: str | None = None,
          descending: bool = False) -> list[dict]:
    require(actor, "guide.view")
    col = SORT_KEYS.get(sort or "", StandardItem.name)
    rows = list(build_query(f).order_by(*page_order(col, StandardItem.id, descending)).offset(offset).limit(limit))
    ids = [r.id for r in rows]
    pending = {a.item_id for a in CatalogueAdjustment.select(CatalogueAdjustment.item).where(
        (CatalogueAdjustment.status == "proposed") & CatalogueAdjustment.item.in_(ids or [0]))}
    return [_row(r, pending) for r in rows]


def iterate(actor: Actor, f: CatalogueFilter, batch: int = 500):
    offset = 0
    while True:
        rows = fetch(actor, f, offset, batch, "name")
        if not rows:
            return
        yield from rows
        offset += len(rows)


# ---- adjustments ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AdjustmentFilter:
    status: str | None = None
    unit: str | None = None
    year: int | None = None  # of the proposal
    item_id: int | None = None


def _adjustments(f: AdjustmentFilter):
    q = CatalogueAdjustment.select()
    if f.status:
        q = q.where(CatalogueAdjustment.status == f.status)
    if f.unit:
        q = q.where(CatalogueAdjustment.unit == f.unit)
    if f.year:
        q = q.where(CatalogueAdjustment.proposed_at.between(dt.datetime(f.year, 1, 1), dt.datetime(f.year, 12, 31, 23, 59, 59)))
    if f.item_id:
        q = q.where(CatalogueAdjustment.item == f.item_id)
    return q


def adjustment_row(a: CatalogueAdjustment) -> dict:
    proposed, before = json.loads(a.proposed or "{}"), json.loads(a.before or "{}")
    name = proposed.get("name") or before.get("name") or ""
    if a.kind == "change":
        summary = "；".join(f"{label}：{old or '（空）'} → {new or '（空）'}"
                           for label, old, new in elements.differences(before, proposed))
    elif a.kind == "add":
        summary = "新增事项"
    else:
        summary = "从目录中删除"
    return {"id": a.id, "kind": a.kind, "kind_label": ADJUSTMENT_KINDS[a.kind], "item_id": a.item_id, "name": name,
            "reason": a.reason, "reason_label": REASONS.get(a.reason, a.reason), "reason_note": a.reason_note,
            "unit": a.unit, "status": a.status, "status_label": STATUSES[a.status], "proposed_by": a.proposed_by_name,
            "proposed_by_id": a.proposed_by_id, "proposed_at": a.proposed_at, "reviewed_by": a.reviewed_by_name,
            "reviewed_at": a.reviewed_at, "review_note": a.review_note, "summary": summary, "proposed": proposed,
            "before": before}


def count_adjustments(actor: Actor, f: AdjustmentFilter) -> int:
    require(actor, "guide.view")
    return _adjustments(f).count()


def fetch_adjustments(actor: Actor, f: AdjustmentFilter, offset: int, limit: int, sort: str | None = None,
                      descending: bool = True) -> list[dict]:
    require(actor, "guide.view")
    col = {"kind": CatalogueAdjustment.kind, "status": CatalogueAdjustment.status, "unit": CatalogueAdjustment.unit,
           "reviewed_at": CatalogueAdjustment.reviewed_at}.get(sort or "", CatalogueAdjustment.proposed_at)
    q = _adjustments(f).order_by(*page_order(col, CatalogueAdjustment.id, descending)).offset(offset).limit(limit)
    return [adjustment_row(a) for a in q]


def pending_count() -> int:
    """For the dashboard (its caller checks the permission)."""
    return CatalogueAdjustment.select().where(CatalogueAdjustment.status == "proposed").count()


def history(actor: Actor, item_id: int) -> list[dict]:
    """Every version of one 公开事项, oldest first, each with the adjustment that made it and what it changed."""
    require(actor, "guide.view")
    if StandardItem.get_or_none(StandardItem.id == item_id) is None:
        raise NotFound("找不到这个公开事项")
    out, previous = [], {}
    for v in StandardItemVersion.select().where(StandardItemVersion.item == item_id).order_by(StandardItemVersion.version):
        data = json.loads(v.data)
        adj = CatalogueAdjustment.get_or_none(CatalogueAdjustment.id == v.adjustment_id)
        out.append({"version": v.version, "valid_from": v.valid_from, "data": data,
                    "changes": elements.differences(previous, data) if not data.get("removed") else [],
                    "adjustment": adjustment_row(adj) if adj else None})
        previous = data
    return out


def as_of(actor: Actor, moment: dt.datetime) -> dict[int, dict]:
    """The catalogue as it stood at ``moment``: item id -> its elements then (removed items left out)."""
    require(actor, "guide.view")
    out: dict[int, dict] = {}
    q = (StandardItemVersion.select().where(StandardItemVersion.valid_from <= moment)
         .order_by(StandardItemVersion.item, StandardItemVersion.version))
    for v in q:
        out[v.item_id] = json.loads(v.data)
    return {k: v for k, v in out.items() if not v.get("removed")}


def changes_between(actor: Actor, start: dt.date, end: dt.date) -> list[dict]:
    """What changed in the catalogue from the start of ``start`` to the end of ``end``: added, changed (with each
    element's old and new value) and removed 公开事项."""
    require(actor, "guide.view")
    before = as_of(actor, dt.datetime.combine(start, dt.time.min) - dt.timedelta(microseconds=1))
    after = as_of(actor, dt.datetime.combine(end, dt.time.max))
    out = []
    for item_id in sorted(set(before) | set(after)):
        old, new = before.get(item_id), after.get(item_id)
        if old is None:
            out.append({"item_id": item_id, "name": new["name"], "kind": "新增", "changes": []})
        elif new is None:
            out.append({"item_id": item_id, "name": old["name"], "kind": "删除", "changes": []})
        elif elements.differences(old, new):
            out.append({"item_id": item_id, "name": new["name"], "kind": "变更",
                        "changes": elements.differences(old, new)})
    return out


def adjustments_in(year: int, unit: str | None = None) -> int:
    """Approved adjustments of ``year`` (by the date of approval), of one 科室 or all: the assessment's measure."""
    q = CatalogueAdjustment.select().where(
        (CatalogueAdjustment.status == "approved")
        & CatalogueAdjustment.reviewed_at.between(dt.datetime(year, 1, 1), dt.datetime(year, 12, 31, 23, 59, 59)))
    if unit:
        q = q.where(CatalogueAdjustment.unit == unit)
    return q.count()


def unpublished(today: dt.date | None = None) -> list[dict]:
    """公开事项 with a recurring 公开时限 whose last complete period had nothing published in their 公开目录 category
    (#10's published items). Items without a period, or whose category is not one of the office's, are not checked.
    Its callers check their permission."""
    today = today or clock.today()
    categories = set(publication_catalog.categories())
    out = []
    q = StandardItem.select().where((StandardItem.removed == False) & (StandardItem.period != ""))  # noqa: E712
    for item in q.order_by(StandardItem.name):
        if item.category not in categories:
            continue
        period = elements.last_period(item.period, today)
        if period is None or item.created_at.date() > period[1]:
            continue  # the item was not in the catalogue yet when that period ended
        published = InfoItem.select().where((InfoItem.category == item.category)
                                            & InfoItem.published_date.between(*period)).exists()
        if not published:
            out.append({"id": item.id, "name": item.name, "category": item.category, "unit": item.unit,
                        "period": PERIODS[item.period], "start": period[0], "end": period[1]})
    return out


def overdue(actor: Actor, today: dt.date | None = None) -> list[dict]:
    require(actor, "guide.view")
    return unpublished(today)
