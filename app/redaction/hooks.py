"""What 区分处理 hands to the rest of the program: the released versions a 部分公开告知书 lists as its 附件, and its
demo data (a 部分公开 request's material redacted by the privacy screen's findings)."""
from __future__ import annotations

from app import modules
from app.redaction import service, standalone  # noqa: F401 - loaded so the audit viewer names their actions
from db.models import Redaction


def demo(staff: dict, seed: int) -> str:
    from app.redaction.demo import make_demo
    return make_demo(staff, seed)


def foreign() -> str | None:
    from db.models import Request
    demo_requests = Request.select(Request.id).where(Request.source == "demo")
    n = (Redaction.select().where((Redaction.source_kind == "request") & Redaction.owner_id.not_in(demo_requests))
         .count())
    return f"{n}份区分处理的文件" if n else None


modules.register_notice_attachments("redaction", service.notice_attachments)
modules.register_demo("redaction", demo, foreign)
