"""Redacting a file given by path (the command line's ``redact``): the same engine and the same proof as the window,
the output written whole or not at all, and only with its audit record."""
from __future__ import annotations

import hashlib
from pathlib import Path

from app import audit, clock, files, office
from app.actor import Actor
from app.errors import ValidationError
from app.permissions import require
from app.redaction import grounds, log, marking
from app.redaction.release import PRINT_DPI, build
from app.redaction.source import open_file
from db.connection import write_transaction

audit.register_labels(actions={"redaction.file": "区分处理文件（命令行）"})


def redact_file(actor: Actor, in_path: str, finds: list[str], boxes: list[str], ground: str, out_path: str,
                note: str = "", log_path: str | None = None, dpi: int = PRINT_DPI) -> dict:
    require(actor, "redaction.apply")
    g = grounds.parse(ground)
    if Path(out_path).resolve() == Path(in_path).resolve():
        raise ValidationError("--out", "公开版本不能覆盖原件，请另选文件名")
    data = Path(in_path).read_bytes() if Path(in_path).is_file() else None
    if data is None:
        raise ValidationError("--in", f"找不到文件 {in_path}")
    with open_file(in_path) as source:
        marks = [m for text in finds for m in marking.by_text(source, text, g.code, note)]
        marks += [marking.by_rect(source, marking.parse_box(b), g.code, note) for b in boxes]
        released = build(source, marks, dpi=dpi)
    sha_in = hashlib.sha256(data).hexdigest()
    sha_out = hashlib.sha256(released.pdf).hexdigest()
    sheet = None
    if log_path:
        profile = office.get_profile() or {}
        sheet = log.render(log.LogData(Path(in_path).name, sha_in, Path(out_path).name, sha_out, released.pages,
                                       tuple(marks), actor.display_name, clock.now(), tuple(released.checks),
                                       office=profile.get("name", "")))

    def commit() -> None:
        with write_transaction():
            audit.record(actor, "redaction.file", "redaction", Path(in_path).name,
                         after={"source_sha256": sha_in, "released_sha256": sha_out, "out": str(out_path),
                                "log": str(log_path or ""), "ground": g.code, "marks": len(marks),
                                "pages": released.marked_pages})

    def write_out() -> None:
        files.deliver(out_path, lambda tmp: Path(tmp).write_bytes(released.pdf), commit)

    if sheet is not None:
        files.deliver(log_path, lambda tmp: Path(tmp).write_bytes(sheet), write_out)
    else:
        write_out()
    return {"marks": len(marks), "pages": released.pages, "marked_pages": released.marked_pages,
            "checks": released.checks}
