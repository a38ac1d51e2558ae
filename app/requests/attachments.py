"""附件: the scanned application and later material, stored with their hash. A stored file is never replaced or
deleted: a new version supersedes it, and a removal is itself a new version, so the file's whole history stays."""
from __future__ import annotations

import os
from pathlib import Path

from app import audit, clock, files
from app.actor import Actor
from app.errors import NotFound, ServiceError, ValidationError
from app.ocr.layers import refresh_scan_text
from app.permissions import require
from app.requests import records
from db.connection import write_transaction
from db.models import Attachment, User

audit.register_labels(actions={"request.attach": "添加附件", "request.attach_version": "更新附件",
                               "request.attach_remove": "移除附件", "request.attach_read": "查看或另存附件"},
                      fields={"request": {"attachment": "附件（内部编号）", "name": "文件名", "size": "大小（字节）",
                                          "how": "查看方式"}})

MAX_BYTES = 200 * 1024 * 1024


def add(actor: Actor, request_id: int, source_path: str, name: str | None = None, note: str = "") -> dict:
    require(actor, "request.handle")
    req = records.get(request_id)
    src = Path(source_path)
    if not src.is_file():
        raise ValidationError("附件文件", f"找不到文件 {source_path}")
    if src.stat().st_size > MAX_BYTES:
        raise ValidationError("附件文件", "超过200MB，请压缩或分拆后再添加")
    stored = files.put_file(src, "attachments")
    with write_transaction():
        row = Attachment.create(request=req.id, lineage=0, version=1, name=(name or src.name).strip(),
                                stored_path=stored.rel_path, sha256=stored.sha256, size=stored.size, note=note,
                                added_at=clock.now(), added_by=actor.user_id)
        Attachment.update(lineage=row.id).where(Attachment.id == row.id).execute()
        records.add_event(actor, req, "attach", clock.today(), req.state, req.state, note=f"添加附件：{row.name}")
        audit.record(actor, "request.attach", "request", req.number,
                     after={"attachment": row.id, "name": row.name, "sha256": stored.sha256, "size": stored.size})
    return {"id": row.id, "sha256": stored.sha256}


def _latest(lineage: int) -> Attachment:
    row = (Attachment.select().where(Attachment.lineage == lineage).order_by(Attachment.version.desc()).first())
    if row is None:
        raise NotFound("找不到该附件")
    return row


def new_version(actor: Actor, attachment_id: int, source_path: str | None, note: str = "") -> dict:
    """Supersede an attachment with a new file, or — with ``source_path`` None — mark it removed. The reason is kept."""
    require(actor, "request.handle")
    old = Attachment.get_or_none(Attachment.id == attachment_id)
    if old is None:
        raise NotFound("找不到该附件")
    latest = _latest(old.lineage)
    if latest.removed:
        raise ValidationError("附件", "该附件已移除")
    if not (note or "").strip():
        raise ValidationError("说明", "请说明更新或移除的原因")
    req = records.get(old.request_id)
    stored = files.put_file(source_path, "attachments") if source_path else None
    with write_transaction():
        row = Attachment.create(request=req.id, lineage=old.lineage, version=latest.version + 1,
                                name=Path(source_path).name if stored else latest.name,
                                stored_path=stored.rel_path if stored else "", sha256=stored.sha256 if stored else "",
                                size=stored.size if stored else 0, removed=stored is None, note=note.strip(),
                                added_at=clock.now(), added_by=actor.user_id)
        what = f"更新附件：{latest.name} → 第{row.version}版" if stored else f"移除附件：{latest.name}"
        records.add_event(actor, req, "attach", clock.today(), req.state, req.state, note=f"{what}（{note.strip()}）")
        audit.record(actor, "request.attach_version" if stored else "request.attach_remove", "request", req.number,
                     before={"attachment": latest.id, "version": latest.version, "sha256": latest.sha256},
                     after={"attachment": row.id, "version": row.version, "removed": row.removed,
                            "sha256": row.sha256, "note": note.strip()})
        refresh_scan_text("attachment", req.id)  # the superseded version's recognised text leaves the search
    return {"id": row.id, "version": row.version}


def list_for(actor: Actor, request_id: int, include_history: bool = False) -> list[dict]:
    require(actor, "request.view")
    rows = list(Attachment.select().where(Attachment.request == request_id).order_by(Attachment.lineage,
                                                                                     Attachment.version))
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    latest = {}
    for r in rows:
        latest[r.lineage] = r
    out = []
    for r in rows:
        current = latest[r.lineage].id == r.id
        if not include_history and (not current or r.removed):
            continue
        out.append({"id": r.id, "lineage": r.lineage, "version": r.version, "name": r.name, "size": r.size,
                    "sha256": r.sha256, "removed": r.removed, "note": r.note, "added_at": r.added_at,
                    "added_by": names.get(r.added_by_id, ""), "current": current})
    return out


def _content(actor: Actor, attachment_id: int) -> tuple[Attachment, bytes]:
    """A stored attachment's bytes, checked against its hash. Attachments are scans of the application (identity
    document, signature, address), which cannot be masked: only users who may see the applicant's identity read
    them."""
    require(actor, "request.view_identity")
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if row is None or row.removed:
        raise NotFound("找不到该附件")
    return row, files.read(row.stored_path, row.sha256)


def _record_read(actor: Actor, row: Attachment, how: str) -> None:
    with write_transaction():
        audit.record(actor, "request.attach_read", "request", records.get(row.request_id).number,
                     after={"attachment": row.id, "name": row.name, "version": row.version, "how": how})


def read(actor: Actor, attachment_id: int) -> tuple[str, bytes]:
    """The name and bytes of an attachment, to show it; each read is in the audit trail."""
    row, data = _content(actor, attachment_id)
    _record_read(actor, row, "查看")
    return row.name, data


def save_copy(actor: Actor, attachment_id: int, path: str) -> str:
    """Save a copy of an attachment at ``path``: written whole to a temporary name and moved into place only once
    the audit record of the copy is committed, so a failed save leaves no file without its record."""
    row, data = _content(actor, attachment_id)
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        _record_read(actor, row, "另存")
        os.replace(tmp, target)
    except OSError as exc:
        raise ServiceError(f"无法保存到 {path}：{exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return str(target)
