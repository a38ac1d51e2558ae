"""档案查阅: the read-only archive as a 监督员 reads it (seed 001 二(五): 有权查阅本辖区本单位政务公开工作档案资料), built only
on the views the modules register (``app.modules.archive_views``), and the 查阅记录 — every record opened and every
document viewed or printed — which administrators view and export."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import openpyxl

from app import audit, clock, files, modules, tabular
from app.actor import Actor
from app.errors import NotFound, PermissionDenied
from app.ordering import page_order
from app.permissions import require, require_active
from db.connection import write_transaction
from db.models import AccessEntry

audit.register_labels(actions={"archive.access_export": "导出档案查阅记录"})
ACTIONS = {"open": "打开记录", "document_view": "查看文书", "document_print": "打印文书"}


def views(actor: Actor) -> list[tuple[str, modules.ArchiveView]]:
    """The views this user may read; a user who may read none of them is refused."""
    require_active(actor)
    found = modules.archive_views(actor)
    if not found:
        raise PermissionDenied(f"{actor.display_name}没有查阅政务公开档案的权限")
    return found


def _view(actor: Actor, name: str) -> modules.ArchiveView:
    views(actor)
    view = modules.archive_view(name)
    if view is None:
        raise NotFound("没有该档案类别")
    require(actor, view.permission)
    return view


def _log(actor: Actor, name: str, view: modules.ArchiveView, record_id: int, label: str, action: str,
         document: str = "") -> None:
    with write_transaction():
        AccessEntry.create(ts=clock.now(), user=actor.user_id, username=actor.username,
                           display_name=actor.display_name, view=name, view_title=view.title, record_id=record_id,
                           record_label=label, action=action, document=document)


def record_label(view: modules.ArchiveView, lines: list[tuple[str, str]]) -> str:
    """How a record is named in the access log and on an opinion about it: the view and the record's first line (its
    number or title), never the lines after it, which may name a person."""
    return f"{view.title}：{lines[0][1]}" if lines else view.title


def count(actor: Actor, name: str, text: str = "") -> int:
    return _view(actor, name).count(actor, text)


def fetch(actor: Actor, name: str, text: str, offset: int, limit: int) -> list[dict]:
    return _view(actor, name).fetch(actor, text, offset, limit)


def open_record(actor: Actor, name: str, record_id: int) -> dict:
    """A record's detail (masked by its provider) and its documents; the opening is logged."""
    view = _view(actor, name)
    lines = view.detail(actor, record_id)
    documents = view.documents(actor, record_id) if view.documents else []
    label = record_label(view, lines)
    _log(actor, name, view, record_id, label, "open")
    return {"view": name, "title": view.title, "id": record_id, "label": label, "lines": lines,
            "documents": documents}


def _document(actor: Actor, name: str, record_id: int, document_id: int) -> tuple[modules.ArchiveView, dict]:
    view = _view(actor, name)
    if view.document_pdf is None or view.documents is None:
        raise NotFound(f"{view.title}没有可查看的文书")
    known = {d["id"]: d for d in view.documents(actor, record_id)}
    if document_id not in known:
        raise NotFound("该记录没有这份文书")
    return view, known[document_id]


def document_pdf(actor: Actor, name: str, record_id: int, document_id: int) -> bytes:
    """A record's document as the provider renders it for this user (masked); the viewing is logged."""
    view, doc = _document(actor, name, record_id, document_id)
    pdf = view.document_pdf(actor, record_id, document_id)
    _log(actor, name, view, record_id, record_label(view, view.detail(actor, record_id)), "document_view",
         doc["title"])
    return pdf


def note_printed(actor: Actor, name: str, record_id: int, document_id: int) -> None:
    """The document viewed was printed (or saved): logged as well."""
    view, doc = _document(actor, name, record_id, document_id)
    _log(actor, name, view, record_id, record_label(view, view.detail(actor, record_id)), "document_print",
         doc["title"])


# ---- the access log ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AccessFilter:
    user_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


COLUMNS = [("ts", "时间"), ("display_name", "查阅人"), ("username", "账户"), ("view_title", "档案类别"),
           ("record_label", "记录"), ("action_label", "操作"), ("document", "文书")]


def _query(f: AccessFilter):
    q = AccessEntry.select()
    if f.user_id:
        q = q.where(AccessEntry.user == f.user_id)
    if f.date_from:
        q = q.where(AccessEntry.ts >= dt.datetime.combine(f.date_from, dt.time()))
    if f.date_to:
        q = q.where(AccessEntry.ts < dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time()))
    return q


def log_count(actor: Actor, f: AccessFilter) -> int:
    require(actor, "archive.access_log")
    return _query(f).count()


def log_fetch(actor: Actor, f: AccessFilter, offset: int, limit: int) -> list[dict]:
    require(actor, "archive.access_log")
    rows = _query(f).order_by(*page_order(AccessEntry.ts, AccessEntry.id, True)).offset(offset).limit(limit)
    return [{"id": r.id, "ts": r.ts, "user_id": r.user_id, "username": r.username, "display_name": r.display_name,
             "view": r.view, "view_title": r.view_title, "record_id": r.record_id, "record_label": r.record_label,
             "action": r.action, "action_label": ACTIONS.get(r.action, r.action), "document": r.document}
            for r in rows]


def export_log(actor: Actor, f: AccessFilter, path: str) -> int:
    """The access log as .xlsx (strings stay strings); the file appears once its audit row is committed."""
    require(actor, "archive.access_log")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "档案查阅记录"
    tabular.append(ws, [h for _, h in COLUMNS])
    n, offset = 0, 0
    while rows := log_fetch(actor, f, offset, 500):
        for row in rows:
            tabular.append(ws, [row[k].isoformat(sep=" ", timespec="seconds") if k == "ts" else row[k]
                                for k, _ in COLUMNS])
        n += len(rows)
        offset += len(rows)

    def commit():
        with write_transaction():
            audit.record(actor, "archive.access_export", "archive_access", None,
                         after={"rows": n, "file": str(path), "at": clock.now().isoformat(sep=" ")})

    files.deliver(path, wb.save, commit)
    return n

