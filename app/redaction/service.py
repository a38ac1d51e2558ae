"""区分处理 of a stored file: a request's attachment (部分公开, 条例第三十七条) or an item's file (非密处理 before
publication, seed 002 第十二条, seed 004 第十三条). The marks are kept with the file; 生成公开版本 makes the released
version through the engine, checks it, and stores it — for a request as a new attachment beside the original, for an
item as the file's new version (the published file) — together with its 区分处理记录, in one transaction with the
audit record. The original stays as it was stored, readable only by those who could read it before.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Callable

from app import audit, clock, files, office
from app.actor import Actor
from app.errors import NotFound, ServiceError, ValidationError
from app.permissions import require
from app.redaction import grounds, log
from app.redaction.release import PRINT_DPI, Mark, build, check_marks
from app.redaction.source import SUFFIXES, Rect, Source
from db.connection import write_transaction
from db.models import Redaction, RedactionMark, RedactionRelease, User

audit.register_labels(
    actions={"redaction.open": "开始区分处理", "redaction.mark": "添加遮盖标记", "redaction.mark_edit": "修改遮盖标记",
             "redaction.mark_remove": "删除遮盖标记", "redaction.release": "生成公开版本",
             "redaction.release_read": "查看公开版本或区分处理记录"},
    entities={"redaction": "区分处理"},
    fields={"redaction": {"kind": "文件来源", "file": "文件（内部编号）", "name": "文件名", "sha256": "SHA-256",
                          "pages": "页数", "marks": "标记", "added": "新增标记数", "page": "页码", "rect": "位置（点）",
                          "ground": "理由", "note": "说明", "text": "遮盖的文字", "how": "标记方式",
                          "release": "公开版本（内部编号）", "version": "版本", "source_sha256": "原件 SHA-256",
                          "log_sha256": "区分处理记录 SHA-256", "which": "查看的文件", "released_sha256": "公开版本 SHA-256",
                          "out": "输出文件", "log": "区分处理记录文件"}})

KINDS = {"request": "依申请公开附件", "item": "待发布信息附件"}
PURPOSE = {"request": "区分处理", "item": "非密处理"}
RELEASED_SUFFIX = "（公开版本）"


@dataclass(frozen=True)
class Opened:
    """What the window needs: the case's id, the file's name and bytes, its pages, and the scan's recognised text
    layer (``app.ocr.pages.Page`` objects; empty when none was stored)."""
    id: int
    kind: str
    owner_id: int
    name: str
    data: bytes
    pages: int
    layer: tuple = ()


# ---- the two places a file comes from ------------------------------------------------------------------------------

def _read_source(actor: Actor, kind: str, file_id: int) -> tuple[int, str, bytes]:
    """(owner id, name, bytes) of the original, read through its own module's guarded read (which logs it)."""
    if kind == "request":
        from app.requests import attachments
        from db.models import Attachment
        name, data = attachments.read(actor, file_id)
        return Attachment.get_by_id(file_id).request_id, name, data
    if kind == "item":
        from app.publication import items
        from db.models import ItemFile
        name, data = items.read_file(actor, file_id)
        return ItemFile.get_by_id(file_id).item_id, name, data
    raise ValidationError("文件", f"未知的文件来源 {kind}")


def _store_released(actor: Actor, case: Redaction, path: str) -> int:
    """The released file as a new attachment of the request, or as the item file's new version; inside the
    caller's transaction."""
    note = f"{PURPOSE[case.source_kind]}后的公开版本，原件“{case.name}”保留"
    if case.source_kind == "request":
        from app.requests import attachments
        return attachments.add(actor, case.owner_id, path, note=note)["id"]
    from app.publication import items
    return items.new_file_version(actor, case.source_id, path, note)["id"]


# ---- cases and marks ------------------------------------------------------------------------------------------------

def _case(case_id: int) -> Redaction:
    row = Redaction.get_or_none(Redaction.id == case_id)
    if row is None:
        raise NotFound("找不到该区分处理记录")
    return row


def open_file(actor: Actor, kind: str, file_id: int) -> Opened:
    """Open a stored file for 区分处理 (the same case again when it was opened before)."""
    require(actor, "redaction.apply")
    owner, name, data = _read_source(actor, kind, file_id)
    if PurePath(name).suffix.lower() not in SUFFIXES:
        raise ValidationError("文件", f"“{name}”不能区分处理：只能处理 PDF 和扫描图片（JPEG、PNG、TIFF），"
                                    "Word 文件请先另存为 PDF 再添加")
    with Source(data, name) as src:
        pages = src.page_count
    layer = recognised_layer(kind, file_id)
    digest = hashlib.sha256(data).hexdigest()
    row = Redaction.get_or_none((Redaction.source_kind == kind) & (Redaction.source_id == file_id))
    if row is None:
        with write_transaction():
            now = clock.now()
            row = Redaction.create(source_kind=kind, source_id=file_id, owner_id=owner, name=name, sha256=digest,
                                   pages=pages, created_by=actor.user_id, created_at=now, updated_at=now)
            audit.record(actor, "redaction.open", "redaction", row.id,
                         after={"kind": kind, "file": file_id, "name": name, "sha256": digest, "pages": pages})
    return Opened(row.id, kind, owner, name, data, pages, tuple(layer))


def recognised_layer(kind: str, file_id: int) -> list:
    """The stored text layer of the file (``app.ocr.layers``), so that a scan's text is found, screened and
    checked like a PDF's own."""
    from app.ocr.layers import pages_of
    return pages_of("attachment" if kind == "request" else "item_file", file_id)


def _mark_dict(m: RedactionMark) -> dict:
    return {"id": m.id, "page": m.page, "rect": Rect(m.page, m.x0, m.y0, m.x1, m.y1), "ground": m.ground,
            "ground_text": grounds.GROUNDS[m.ground].text if m.ground in grounds.GROUNDS else m.ground,
            "note": m.note, "text": m.text, "how": m.how}


def marks(actor: Actor, case_id: int) -> list[dict]:
    require(actor, "redaction.apply")
    return [_mark_dict(m) for m in RedactionMark.select().where(RedactionMark.redaction == case_id)
            .order_by(RedactionMark.page, RedactionMark.y0, RedactionMark.x0, RedactionMark.id)]


def _check_ground(ground: str) -> str:
    if ground not in grounds.GROUNDS:
        raise ValidationError("理由", "请选择不予公开的理由（条例第十四条、第十五条或第十六条）")
    return ground


def _check_rect(case: Redaction, r: Rect) -> Rect:
    r = r.normalised()
    if not 1 <= r.page <= case.pages:
        raise ValidationError("标记", f"第{r.page}页不存在（文件共{case.pages}页）")
    if r.x1 - r.x0 < 0.5 or r.y1 - r.y0 < 0.5:
        raise ValidationError("标记", "标记框太小")
    return r


def add_marks(actor: Actor, case_id: int, new: list[Mark]) -> list[int]:
    """Keep marks (drawn, found by a phrase or by the screen); one already there at the same place is not doubled."""
    require(actor, "redaction.apply")
    case = _case(case_id)
    if not new:
        raise ValidationError("标记", "没有要添加的标记")
    checked = [(m, _check_rect(case, m.rect), _check_ground(m.ground)) for m in new]
    existing = {(m.page, round(m.x0), round(m.y0), round(m.x1), round(m.y1))
                for m in RedactionMark.select().where(RedactionMark.redaction == case.id)}
    ids = []
    with write_transaction():
        now = clock.now()
        for m, r, ground in checked:
            key = (r.page, round(r.x0), round(r.y0), round(r.x1), round(r.y1))
            if key in existing:
                continue
            existing.add(key)
            row = RedactionMark.create(redaction=case.id, page=r.page, x0=r.x0, y0=r.y0, x1=r.x1, y1=r.y1,
                                       ground=ground, note=(m.note or "").strip(), text=m.text, how=m.how,
                                       created_by=actor.user_id, created_at=now)
            ids.append(row.id)
        Redaction.update(updated_at=now).where(Redaction.id == case.id).execute()
        audit.record(actor, "redaction.mark", "redaction", case.id,
                     after={"marks": [{"page": r.page, "rect": [round(v, 1) for v in (r.x0, r.y0, r.x1, r.y1)],
                                       "ground": g, "how": m.how} for m, r, g in checked], "added": len(ids)})
    return ids


def _mark(mark_id: int) -> RedactionMark:
    row = RedactionMark.get_or_none(RedactionMark.id == mark_id)
    if row is None:
        raise NotFound("找不到该标记（可能已被删除）")
    return row


def edit_mark(actor: Actor, mark_id: int, ground: str | None = None, note: str | None = None,
              rect: Rect | None = None, text: str | None = None) -> None:
    """Change a mark's ground or note, or move or resize it (``rect``, checked against the file's pages as a new
    mark is). A box drawn by hand then covers ``text`` (what the window reads under it; the release reads it again);
    a mark made by a phrase or by the screen keeps its text, so that the check after generating still looks for it."""
    require(actor, "redaction.apply")
    row = _mark(mark_id)
    before = {"page": row.page, "rect": [row.x0, row.y0, row.x1, row.y1], "ground": row.ground, "note": row.note}
    if ground is not None:
        row.ground = _check_ground(ground)
    if note is not None:
        row.note = note.strip()
    if rect is not None:
        r = _check_rect(row.redaction, rect)
        row.page, row.x0, row.y0, row.x1, row.y1 = r.page, r.x0, r.y0, r.x1, r.y1
        if row.how == "rect":
            row.text = text or ""
    with write_transaction():
        row.save()
        Redaction.update(updated_at=clock.now()).where(Redaction.id == row.redaction_id).execute()
        audit.record(actor, "redaction.mark_edit", "redaction", row.redaction_id, before=before,
                     after={"page": row.page, "rect": [row.x0, row.y0, row.x1, row.y1], "ground": row.ground,
                            "note": row.note})


def remove_marks(actor: Actor, mark_ids: list[int]) -> int:
    require(actor, "redaction.apply")
    rows = [_mark(i) for i in mark_ids]
    with write_transaction():
        for row in rows:
            row.delete_instance()
            audit.record(actor, "redaction.mark_remove", "redaction", row.redaction_id,
                         before={"page": row.page, "rect": [row.x0, row.y0, row.x1, row.y1], "ground": row.ground,
                                 "text": row.text})
    return len(rows)


# ---- the released version ------------------------------------------------------------------------------------------

def released_name(name: str) -> str:
    return f"{PurePath(name).stem}{RELEASED_SUFFIX}.pdf"


def release(actor: Actor, case_id: int, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None, dpi: int = PRINT_DPI) -> dict:
    """生成公开版本: build, check, and store the released file and its 区分处理记录. Nothing is stored when the check
    fails or the work is cancelled."""
    require(actor, "redaction.apply")
    case = _case(case_id)
    _, name, data = _read_source(actor, case.source_kind, case.source_id)
    if hashlib.sha256(data).hexdigest() != case.sha256:
        raise ServiceError(f"原件“{name}”已不是开始区分处理时的文件，请重新打开")
    rows = list(RedactionMark.select().where(RedactionMark.redaction == case.id))
    with Source(data, name) as src:
        src.use_recognised(recognised_layer(case.source_kind, case.source_id))
        marked = []
        for r in rows:
            rect = Rect(r.page, r.x0, r.y0, r.x1, r.y1)
            text = r.text if r.how != "rect" else src.text_in(rect)
            marked.append(Mark(rect, r.ground, r.note, text, r.how))
        check_marks(src, marked)
        released = build(src, marked, dpi=dpi, progress=progress, cancelled=cancelled)
    out_name = released_name(name)
    digest = hashlib.sha256(released.pdf).hexdigest()
    profile = office.get_profile() or {}
    sheet = log.render(log.LogData(name, case.sha256, out_name, digest, released.pages, tuple(marked),
                                   actor.display_name, clock.now(), tuple(released.checks),
                                   office=profile.get("name", ""), purpose=PURPOSE[case.source_kind]))
    stored_log = files.put(sheet, "redaction", ".pdf")
    previous = (RedactionRelease.select().where(RedactionRelease.redaction == case.id)
                .order_by(RedactionRelease.version.desc()).first())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / out_name
        path.write_bytes(released.pdf)
        with write_transaction():
            file_id = _store_released(actor, case, str(path))
            stored = _stored_of(case.source_kind, file_id)
            row = RedactionRelease.create(
                redaction=case.id, version=(previous.version + 1) if previous else 1, name=out_name,
                stored_path=stored[0], sha256=digest, size=len(released.pdf), log_path=stored_log.rel_path,
                log_sha256=stored_log.sha256, marked_pages=",".join(map(str, released.marked_pages)),
                marks=json.dumps([{"page": m.rect.page, "rect": [m.rect.x0, m.rect.y0, m.rect.x1, m.rect.y1],
                                   "ground": m.ground, "note": m.note, "how": m.how} for m in marked],
                                 ensure_ascii=False),
                checks="\n".join(released.checks), released_file_id=file_id, made_by=actor.user_id,
                made_at=clock.now())
            audit.record(actor, "redaction.release", "redaction", case.id,
                         after={"release": row.id, "version": row.version, "name": out_name, "sha256": digest,
                                "source_sha256": case.sha256, "marks": len(marked),
                                "pages": released.marked_pages, "file": file_id, "log_sha256": stored_log.sha256})
    return {"id": row.id, "version": row.version, "name": out_name, "file_id": file_id, "sha256": digest,
            "marks": len(marked), "marked_pages": released.marked_pages, "checks": released.checks}


def _stored_of(kind: str, file_id: int) -> tuple[str, str]:
    from db.models import Attachment, ItemFile
    row = (Attachment if kind == "request" else ItemFile).get_by_id(file_id)
    return row.stored_path, row.sha256


def releases(actor: Actor, case_id: int) -> list[dict]:
    require(actor, "redaction.apply")
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    return [{"id": r.id, "version": r.version, "name": r.name, "made_by": names.get(r.made_by_id, ""),
             "made_at": r.made_at, "marks": len(json.loads(r.marks)), "marked_pages": r.marked_pages,
             "file_id": r.released_file_id, "checks": r.checks.splitlines()}
            for r in RedactionRelease.select().where(RedactionRelease.redaction == case_id)
            .order_by(RedactionRelease.version)]


def release_file(actor: Actor, release_id: int, which: str = "released") -> tuple[str, bytes]:
    """The released PDF or (``which="log"``) its 区分处理记录; each read is in the audit trail."""
    require(actor, "redaction.apply")
    row = RedactionRelease.get_or_none(RedactionRelease.id == release_id)
    if row is None:
        raise NotFound("找不到该公开版本")
    if which == "log":
        name, data = f"{PurePath(row.name).stem}_{log.TITLE}.pdf", files.read(row.log_path, row.log_sha256)
    else:
        name, data = row.name, files.read(row.stored_path, row.sha256)
    with write_transaction():
        audit.record(actor, "redaction.release_read", "redaction", row.redaction_id,
                     after={"release": row.id, "which": which})
    return name, data


def cases_of(kind: str, owner_id: int) -> list[dict]:
    """The files of a request or an item that have been under 区分处理, with their latest released version."""
    out = []
    for case in Redaction.select().where((Redaction.source_kind == kind) & (Redaction.owner_id == owner_id)):
        latest = (RedactionRelease.select().where(RedactionRelease.redaction == case.id)
                  .order_by(RedactionRelease.version.desc()).first())
        out.append({"id": case.id, "source_id": case.source_id, "name": case.name,
                    "released": latest.name if latest else None, "release_id": latest.id if latest else None})
    return out


def notice_attachments(request_id: int, kind: str) -> list[str]:
    """What the 部分公开告知书 lists as its 附件: each released version and its 区分处理记录."""
    from app.requests import catalog
    if kind != catalog.OUTCOMES["partial"].notice or request_id is None:
        return []
    out = []
    for case in cases_of("request", request_id):
        if case["released"]:
            stem = PurePath(case["released"]).stem  # 附件 are named without the file's extension (GB/T 9704 7.3.3)
            out += [stem, f"{stem}的{log.TITLE}"]
    return out
