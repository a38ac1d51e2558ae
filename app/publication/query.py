"""发布审核登记簿 and 待我审核: filters, full-text search (FTS5 trigram on SQLite, pg_trgm on PostgreSQL, as the request
register searches), sorting and paging; and the 公开目录 (what was published, by category and year, with 索引号)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


from app.ordering import page_order
from app import clock, settings
from app.actor import Actor
from app.permissions import require
from app.publication import catalog, stages
from app.requests.query import fts_count, fts_match, like_match
from app.workdays.deadlines import days_left
from db.connection import is_sqlite
from db.models import InfoItem, User

CLOSED = ("published", "withheld", "withdrawn")


@dataclass(frozen=True)
class ItemFilter:
    stages: tuple[str, ...] = ()
    kind: str | None = None
    unit: str | None = None
    attribute: str | None = None
    category: str | None = None
    year: int | None = None  # of 成文日期
    published_year: int | None = None
    due: str | None = None  # "soon" | "overdue": the 主动公开 deadline of an item not yet published
    text: str = ""
    queue_of: Actor | None = None  # 待我审核: items at a stage this user signs, not their own drafts


SORT_KEYS = {
    "number": InfoItem.number, "title": InfoItem.title, "unit": InfoItem.unit, "kind": InfoItem.kind,
    "formed_date": InfoItem.formed_date, "stage": InfoItem.stage, "publish_due": InfoItem.publish_due,
    "secrecy_due": InfoItem.secrecy_due, "index_number": InfoItem.index_number,
    "published_date": InfoItem.published_date, "category": InfoItem.category,
}

# The register's columns (window and xlsx export share them): key, heading.
COLUMNS = [
    ("number", "编号"), ("title", "标题"), ("unit", "制作科室"), ("kind_label", "类型"), ("doc_number", "文号"),
    ("formed_date", "成文日期"), ("attribute_label", "公开属性"), ("category", "公开目录类别"),
    ("stage_label", "环节"), ("due_text", "期限"), ("drafter_name", "起草人"), ("index_number", "索引号"),
    ("published_date", "发布日期"), ("channel", "发布渠道"),
]
CATALOGUE_COLUMNS = [
    ("index_number", "索引号"), ("number", "编号"), ("title", "标题"), ("category", "公开目录类别"),
    ("unit", "发布机构（科室）"), ("doc_number", "文号"), ("formed_date", "成文日期"),
    ("published_date", "发布日期"), ("channel", "发布渠道"), ("location", "网址或位置"), ("kind_label", "类型"),
]


def _text_condition(term: str, ordered: bool = False):
    if is_sqlite() and len(term) >= 3:
        return fts_match(InfoItem.id, "info_item_fts", term, ordered)
    return like_match((InfoItem.title, InfoItem.content, InfoItem.doc_number, InfoItem.number, InfoItem.index_number,
                       InfoItem.scan_text), term)


def soon_limit(today: dt.date) -> dt.date:
    from app.workdays.deadlines import due_only
    return due_only(today, settings.get("publication.due_warning_days"))


def _queue_condition(actor: Actor):
    """Items waiting for this user's signature: at a stage of their role, not drafted by them, and — at 终审 — major
    items only for the principal leader (seed 000). Stage codes differ between chains, so one IN list answers it from
    the stage index."""
    signs, finals = set(), set()
    permissions = actor.permissions  # read from the database once
    for chain_stages in stages.CHAINS.values():
        for s in chain_stages:
            if s.permission in permissions:
                (finals if s.kind == "final" else signs).add(s.code)
                if s.kind == "secrecy":
                    signs.add(stages.PARKED.code)
    cond = InfoItem.stage.in_(sorted(signs)) if signs else None
    if finals:
        final = InfoItem.stage.in_(sorted(finals))
        if stages.MAJOR_PERMISSION not in permissions:
            final = final & (InfoItem.major == False)  # noqa: E712 (peewee expression)
        cond = final if cond is None else (cond | final)
    if cond is None:
        return InfoItem.id == -1
    if actor.user_id is not None:
        cond = cond & (InfoItem.drafter != actor.user_id)
    return cond


def build_query(f: ItemFilter, today: dt.date | None = None, ordered: bool = False):
    """``ordered``: the query will be read a page at a time in its sort order (``fts_match``)."""
    today = today or clock.today()
    q = InfoItem.select()
    if f.stages:
        q = q.where(InfoItem.stage.in_(f.stages))
    for key in ("kind", "unit", "attribute", "category"):
        value = getattr(f, key)
        if value:
            q = q.where(getattr(InfoItem, key) == value)
    if f.year:
        q = q.where(InfoItem.formed_date.between(dt.date(f.year, 1, 1), dt.date(f.year, 12, 31)))
    if f.published_year:
        q = q.where(InfoItem.published_date.between(dt.date(f.published_year, 1, 1),
                                                    dt.date(f.published_year, 12, 31)))
    if f.due in ("soon", "overdue"):
        q = q.where(InfoItem.stage.not_in(CLOSED) & InfoItem.publish_due.is_null(False))
        if f.due == "overdue":
            q = q.where(InfoItem.publish_due < today)
        else:
            q = q.where(InfoItem.publish_due.between(today, soon_limit(today)))
    for term in (f.text or "").split():
        q = q.where(_text_condition(term, ordered))
    if f.queue_of is not None:
        q = q.where(_queue_condition(f.queue_of))
    return q


def count(actor: Actor, f: ItemFilter) -> int:
    require(actor, "publication.view")
    if f.text and f == ItemFilter(text=f.text):
        found = fts_count("info_item_fts", f.text)
        if found is not None:
            return found
    return build_query(f).count()


def fetch(actor: Actor, f: ItemFilter, offset: int, limit: int, sort: str | None = None,
          descending: bool = False) -> list[dict]:
    require(actor, "publication.view")
    today = clock.today()
    col = SORT_KEYS.get(sort or "", InfoItem.formed_date)
    if sort is None:
        descending = True
    order = page_order(col, InfoItem.id, descending)
    rows = list(build_query(f, today, ordered=True).order_by(*order).offset(offset).limit(limit))
    return rows_for_display(rows, today)


def iterate(actor: Actor, f: ItemFilter, sort: str | None = None, descending: bool = False, batch: int = 500):
    offset = 0
    while True:
        rows = fetch(actor, f, offset, batch, sort, descending)
        if not rows:
            return
        yield from rows
        offset += len(rows)


def _left_text(left: int | None) -> str:
    if left is None:
        return ""
    return f"逾期{-left}个工作日" if left < 0 else ("今日到期" if left == 0 else f"剩{left}个工作日")


def rows_for_display(rows: list[InfoItem], today: dt.date) -> list[dict]:
    ids = {r.drafter_id for r in rows}
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name).where(User.id.in_(ids or [0]))}
    warn = settings.get("publication.due_warning_days")
    out = []
    for r in rows:
        open_ = r.stage not in CLOSED
        secrecy_left = days_left(r.secrecy_due, today) if r.secrecy_due and open_ else None
        publish_left = days_left(r.publish_due, today) if r.publish_due and open_ else None
        tag = "（暂定）" if r.due_provisional else ""
        if secrecy_left is not None:
            due_text = f"保密审查 {r.secrecy_due.isoformat()}{tag} {_left_text(secrecy_left)}"
        elif publish_left is not None:
            due_text = f"公开 {r.publish_due.isoformat()}{tag} {_left_text(publish_left)}"
        else:
            due_text = ""
        lefts = [x for x in (secrecy_left, publish_left) if x is not None]
        worst = min(lefts) if lefts else None
        out.append({
            "id": r.id, "number": r.number, "title": r.title, "unit": r.unit, "kind": r.kind,
            "kind_label": catalog.KINDS.get(r.kind, r.kind), "doc_number": r.doc_number, "formed_date": r.formed_date,
            "attribute": r.attribute, "attribute_label": catalog.ATTRIBUTES.get(r.attribute, r.attribute),
            "category": r.category, "stage": r.stage, "stage_label": stages.stage_label(r.stage, r.chain),
            "chain": r.chain, "major": r.major, "due_text": due_text, "secrecy_due": r.secrecy_due,
            "publish_due": r.publish_due, "drafter_id": r.drafter_id, "drafter_name": names.get(r.drafter_id, ""),
            "index_number": r.index_number or "", "published_date": r.published_date, "channel": r.channel,
            "location": r.location,
            "urgency": ("overdue" if worst is not None and worst < 0 else
                        "soon" if worst is not None and worst <= warn else None),
        })
    return out


def queue_count(actor: Actor) -> int:
    """The number on the 待我审核 tab and on the dashboard."""
    require(actor, "publication.view")
    return build_query(ItemFilter(queue_of=actor)).count()


def catalogue_filter(year: int, category: str | None = None, text: str = "") -> ItemFilter:
    return ItemFilter(stages=("published",), published_year=year, category=category, text=text)


def policies(actor: Actor, limit: int = 300) -> list[dict]:
    """Documents a 政策解读 may explain (公文 and 规范性文件), newest first, for the drafting form."""
    require(actor, "publication.view")
    q = (InfoItem.select(InfoItem.id, InfoItem.number, InfoItem.title)
         .where(InfoItem.kind.in_(catalog.DOCUMENT_KINDS)).order_by(InfoItem.id.desc()).limit(limit))
    return [{"id": r.id, "number": r.number, "title": r.title} for r in q]
