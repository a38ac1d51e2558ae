"""Text layers (识别文字): the recognised text of a scanned attachment, stored beside the file version it was read
from — a request's attachment (``attachment``) or an item's file (``item_file``). The file is never changed; the
layer's text goes into its register's own full-text index (the ``scan_text`` column of the request or the item, m014),
and the privacy screen and 区分处理 read it for the pages that have no text of their own.

Recognition takes seconds a page, so it runs outside any transaction: the file is read and recognised first, then the
layer is stored in one transaction with its audit record (a file changed meanwhile is refused by its hash)."""
from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Callable

from app import audit, clock, files
from app.actor import Actor
from app.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.ocr.engine import ENGINE_NAME, Line, engine_version
from app.ocr.pages import DEFAULT_DPI, Page, recognise_source
from app.permissions import PERMISSIONS, require
from db.connection import write_transaction
from db.models import Attachment, InfoItem, ItemFile, Request, TextLayer, TextLine

audit.register_labels(actions={"ocr.recognise": "识别扫描件文字"}, entities={"ocr_layer": "识别文字"})

KINDS = ("attachment", "item_file")
KIND_LABELS = {"attachment": "申请附件", "item_file": "信息附件"}
LOW_CONFIDENCE = 0.8  # a recognised line below this is shown marked, and a match in it is confirmed by the clerk
RECOGNISED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


def may_recognise(name: str) -> bool:
    """A scanned picture or a PDF (only its pages without text of their own are read)."""
    return PurePath(name or "").suffix.lower() in RECOGNISED_SUFFIXES


def _row(kind: str, file_id: int):
    if kind not in KINDS:
        raise ValidationError("文件", f"未知的文件来源 {kind}")
    model = Attachment if kind == "attachment" else ItemFile
    row = model.get_or_none(model.id == file_id)
    if row is None or row.removed:
        raise NotFound("找不到该附件")
    return row


def _require_read(actor: Actor, kind: str) -> None:
    # the attachment's scans show the applicant's identity: as app.requests.attachments reads them
    require(actor, "request.view_identity" if kind == "attachment" else "publication.view")


def recognise(actor: Actor, kind: str, file_id: int, dpi: int = DEFAULT_DPI,
              progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> dict:
    """识别文字: read a stored file version's scanned pages and store their text layer (replacing an earlier one of
    the same version). Returns {"pages", "lines", "low"} — pages read, lines found, lines below ``LOW_CONFIDENCE``."""
    from app.redaction.source import Source
    if kind == "item_file":
        # those who may change an item's files (the drafter, the secrecy reviewer) store what is read from them
        require(actor, "publication.view")
        if not (actor.can("publication.draft") or actor.can("publication.secrecy")):
            raise PermissionDenied(f"{actor.display_name}没有「{PERMISSIONS['publication.draft']}」或"
                                   f"「{PERMISSIONS['publication.secrecy']}」的权限，不能识别信息附件的文字")
    else:
        _require_read(actor, "attachment")
        require(actor, "request.handle")  # the request's handlers store what is derived from its files
    row = _row(kind, file_id)
    if not may_recognise(row.name):
        raise ValidationError("附件", f"“{row.name}”不是扫描图片或 PDF，无需识别文字")
    data = files.read(row.stored_path, row.sha256)
    with Source(data, row.name) as source:
        pages = recognise_source(source, dpi, progress=progress, cancel=cancel)
    with write_transaction():
        fresh = _row(kind, file_id)
        if fresh.sha256 != hashlib.sha256(data).hexdigest():
            raise ServiceError(f"附件“{row.name}”在识别期间已被更改，请重新识别")
        TextLayer.delete().where((TextLayer.kind == kind) & (TextLayer.file_id == file_id)).execute()
        layer = TextLayer.create(kind=kind, file_id=file_id, sha256=row.sha256, pages=len(pages), dpi=dpi,
                                 engine=ENGINE_NAME, engine_version=engine_version(), recognised_at=clock.now(),
                                 recognised_by=actor.user_id)
        lines = [{"layer": layer.id, "page": p.number, "page_width": p.width, "page_height": p.height,
                  "x0": l.box[0], "y0": l.box[1], "x1": l.box[2], "y1": l.box[3], "text": l.text,
                  "confidence": l.confidence, "char_boxes": json.dumps([[round(v, 2) for v in b] for b in l.char_boxes])}
                 for p in pages for l in p.lines]
        for start in range(0, len(lines), 200):
            TextLine.insert_many(lines[start:start + 200]).execute()
        refresh_scan_text(kind, _owner_id(kind, row))
        low = sum(1 for line in lines if line["confidence"] < LOW_CONFIDENCE)
        audit.record(actor, "ocr.recognise", "ocr_layer", layer.id,
                     after={"kind": kind, "file": file_id, "name": row.name, "sha256": row.sha256,
                            "pages": len(pages), "lines": len(lines), "low_confidence": low,
                            "engine": f"{ENGINE_NAME} {layer.engine_version}".strip()})
    return {"pages": len(pages), "lines": len(lines), "low": low}


def _owner_id(kind: str, row) -> int:
    return row.request_id if kind == "attachment" else row.item_id


def _current(kind: str, owner_id: int) -> list:
    """The current (latest, not removed) version of each of the owner's files."""
    model = Attachment if kind == "attachment" else ItemFile
    owner = model.request if kind == "attachment" else model.item
    latest: dict[int, object] = {}
    for r in model.select().where(owner == owner_id).order_by(model.lineage, model.version):
        latest[r.lineage] = r
    return [r for r in latest.values() if not r.removed]


def refresh_scan_text(kind: str, owner_id: int) -> None:
    """Put the recognised text of the owner's current files into its register's full-text index (the
    ``scan_text`` column, m014); called inside the transaction that changed a layer or a file version."""
    ids = [r.id for r in _current(kind, owner_id)]
    text = ""
    if ids:
        query = (TextLine.select(TextLine.text).join(TextLayer)
                 .where((TextLayer.kind == kind) & TextLayer.file_id.in_(ids))
                 .order_by(TextLayer.file_id, TextLine.page, TextLine.y0, TextLine.x0))
        text = "\n".join(line.text for line in query)
    model = Request if kind == "attachment" else InfoItem
    model.update(scan_text=text).where(model.id == owner_id).execute()


def pages_of(kind: str, file_id: int) -> list[Page]:
    """The stored text layer of one file version as ``Page`` objects (empty when it was never recognised)."""
    layer = TextLayer.get_or_none((TextLayer.kind == kind) & (TextLayer.file_id == file_id))
    if layer is None:
        return []
    by_page: dict[int, list] = {}
    sizes: dict[int, tuple[float, float]] = {}
    for r in TextLine.select().where(TextLine.layer == layer.id).order_by(TextLine.page, TextLine.id):
        boxes = tuple(tuple(b) for b in json.loads(r.char_boxes or "[]"))
        by_page.setdefault(r.page, []).append(Line((r.x0, r.y0, r.x1, r.y1), r.text, r.confidence, boxes))
        sizes[r.page] = (r.page_width, r.page_height)
    return [Page(n, *sizes[n], tuple(lines)) for n, lines in sorted(by_page.items())]


def layer_info(actor: Actor, kind: str, file_id: int) -> dict | None:
    """What the viewer shows beside a file: its recognised pages and lines (low-confidence lines flagged), the engine
    and when; None when the file was never recognised."""
    _require_read(actor, kind)
    layer = TextLayer.get_or_none((TextLayer.kind == kind) & (TextLayer.file_id == file_id))
    if layer is None:
        return None
    return {"pages": [{"page": p.number, "lines": [{"text": l.text, "confidence": l.confidence, "box": l.box,
                                                     "low": l.confidence < LOW_CONFIDENCE} for l in p.lines]}
                      for p in pages_of(kind, file_id)],
            "engine": f"{layer.engine} {layer.engine_version}".strip(), "recognised_at": layer.recognised_at,
            "dpi": layer.dpi}


def page_texts(kind: str, file_id: int) -> dict[int, str]:
    """The recognised text of each page of one file version (for the privacy screen)."""
    return {p.number: p.text for p in pages_of(kind, file_id)}
