"""政府信息公开指南: the paragraphs the office writes, the guide generated from the facts the program keeps, each issued
version with who, when and what changed, whether the latest one is still current, and its output as PDF or .docx
(条例第十二条: the office compiles, publishes and keeps current its guide)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app import audit, clock, files
from app.actor import Actor
from app.errors import NotFound, Problems, ServiceError
from app.guide import facts as guide_facts
from app.guide.text import FREE_DEFAULTS, FREE_PARTS, build, plain_text
from app.permissions import require
from app.printing.document import Document, from_data, to_data
from app.validators import text_problem
from db.connection import write_transaction
from db.models import GuideText, GuideVersion

MAX_TEXT = 4000
FORMATS = {"pdf": "PDF", "docx": "Word"}
audit.register_labels(
    actions={"guide.texts": "修改政府信息公开指南", "guide.issue": "印发政府信息公开指南",
             "guide.post": "政府信息公开指南送发布审核",
             "guide.output": "打印或导出政府信息公开指南"},
    entities={"guide_text": "政府信息公开指南", "guide_version": "政府信息公开指南（版本）"},
    fields={"guide_text": dict(FREE_PARTS),
            "guide_version": {"version": "版本", "note": "修订说明", "changes": "变化", "how": "输出方式", "file": "文件"}})


def _texts() -> dict[str, str]:
    stored = {r.key: r.text for r in GuideText.select()}
    return {k: stored.get(k, FREE_DEFAULTS.get(k, "")) for k in FREE_PARTS}


def texts(actor: Actor) -> dict[str, str]:
    require(actor, "guide.view")
    return _texts()


def save_texts(actor: Actor, values: dict) -> dict[str, str]:
    """Store the office-written paragraphs (only those given); each is checked for length and control characters."""
    require(actor, "guide.manage")
    p = Problems()
    clean = {}
    for key, value in values.items():
        if key not in FREE_PARTS:
            p.add(key, "不是指南中可以编写的部分")
            continue
        text = "\n".join(line.rstrip() for line in str(value or "").strip().splitlines())
        reason = text_problem(text, MAX_TEXT, multiline=True)
        if reason:
            p.add(FREE_PARTS[key], reason)
        clean[key] = text
    p.raise_if_any()
    before = _texts()
    changed = {k: v for k, v in clean.items() if before.get(k) != v}
    if not changed:
        return {}
    now = clock.now()
    with write_transaction():
        for key, text in changed.items():
            GuideText.insert(key=key, text=text, updated_at=now, updated_by=actor.user_id).on_conflict(
                conflict_target=[GuideText.key],
                update={GuideText.text: text, GuideText.updated_at: now, GuideText.updated_by: actor.user_id}).execute()
        audit.record(actor, "guide.texts", "guide_text", None, before={k: before[k] for k in changed}, after=changed)
    return changed


@dataclass(frozen=True)
class Status:
    """Whether the latest issued guide still states what the program applies."""
    version: int | None  # the latest issued version (None: never issued)
    issued_at: object  # datetime | None
    changes: tuple[tuple[str, str, str], ...]  # (what, in the guide, now) since that version

    @property
    def current(self) -> bool:
        return self.version is not None and not self.changes


def _latest() -> GuideVersion | None:
    return GuideVersion.select().order_by(GuideVersion.version.desc()).first()


def _now_facts() -> dict:
    return {**guide_facts.current(), "texts": _texts()}


def _differences(before: dict, now: dict) -> list[tuple[str, str, str]]:
    out = guide_facts.changes(before, now)
    old_texts, new_texts = before.get("texts") or {}, now.get("texts") or {}
    for key, label in FREE_PARTS.items():
        if (old_texts.get(key) or "") != (new_texts.get(key) or ""):
            out.append((f"指南内容：{label}", "（已修改）" if old_texts.get(key) else "（空）",
                        "（已修改）" if new_texts.get(key) else "（空）"))
    return out


def current_status() -> Status:
    """For the dashboard and the window (no permission of its own: callers check theirs)."""
    latest = _latest()
    if latest is None:
        return Status(None, None, ())
    return Status(latest.version, latest.issued_at, tuple(_differences(json.loads(latest.facts), _now_facts())))


def status(actor: Actor) -> Status:
    require(actor, "guide.view")
    return current_status()


def preview(actor: Actor) -> Document:
    """The guide as it would be issued now: the current facts and paragraphs, marked 草稿 unless it is the latest
    version unchanged."""
    require(actor, "guide.view")
    st = current_status()
    if st.current:
        return from_data(json.loads(_latest().document))
    return build(guide_facts.current(), _texts(), clock.today(), draft=True)


def issue(actor: Actor, note: str = "", source: str = "entered") -> dict:
    """印发: a new version from the current facts and paragraphs, with what changed since the last one."""
    require(actor, "guide.manage")
    note = (note or "").strip()
    reason = text_problem(note, 500) if note else None
    if reason:
        raise ServiceError(f"修订说明：{reason}")
    now_facts = _now_facts()
    with write_transaction():
        latest = _latest()
        if latest is not None:
            changes = _differences(json.loads(latest.facts), now_facts)
            if not changes:
                raise ServiceError(f"指南第{latest.version}版印发后，机关信息、设置和指南内容都没有变化，不需要印发新版本")
        else:
            changes = []
        version = (latest.version if latest else 0) + 1
        now = clock.now()
        doc = build(guide_facts.current(), now_facts["texts"], now.date(), version=version)
        row = GuideVersion.create(version=version, issued_at=now, issued_by=actor.user_id,
                                  issued_by_name=actor.display_name, note=note,
                                  changes=json.dumps(changes, ensure_ascii=False),
                                  facts=json.dumps(now_facts, ensure_ascii=False),
                                  document=json.dumps(to_data(doc), ensure_ascii=False), source=source)
        audit.record(actor, "guide.issue", "guide_version", version,
                     after={"version": version, "note": note, "changes": [list(c) for c in changes]})
    return {"id": row.id, "version": version, "changes": changes}


def versions(actor: Actor) -> list[dict]:
    require(actor, "guide.view")
    return [{"version": r.version, "issued_at": r.issued_at, "issued_by": r.issued_by_name, "note": r.note,
             "posted_item": r.posted_item,
             "changes": [tuple(c) for c in json.loads(r.changes or "[]")]}
            for r in GuideVersion.select().order_by(GuideVersion.version.desc())]


def version_document(actor: Actor, version: int) -> Document:
    require(actor, "guide.view")
    row = GuideVersion.get_or_none(GuideVersion.version == version)
    if row is None:
        raise NotFound(f"没有第{version}版政府信息公开指南")
    return from_data(json.loads(row.document))


def render(doc: Document, fmt: str) -> bytes:
    from app.printing import render_docx, render_pdf
    if fmt not in FORMATS:
        raise ServiceError(f"格式：只能是 {'、'.join(FORMATS)}")
    return render_pdf(doc) if fmt == "pdf" else render_docx(doc)


def output(actor: Actor, fmt: str, path: str, version: int | None = None) -> Document:
    """Write the guide (an issued ``version``, else what ``preview`` shows) to ``path``: whole or not at all, and only
    with its audit row."""
    require(actor, "guide.view")
    doc = version_document(actor, version) if version else preview(actor)
    data = render(doc, fmt)

    files.deliver(path, lambda tmp: Path(tmp).write_bytes(data),
                  lambda: record_output(actor, FORMATS[fmt], version, str(path)))
    return doc


OUTPUT_KINDS = ("打印", *FORMATS.values())


def record_output(actor: Actor, how: str, version: int | None = None, path: str = "") -> None:
    """Note in the audit trail that the guide (an issued ``version``, else the current one) was printed or saved."""
    require(actor, "guide.view")
    if how not in OUTPUT_KINDS:
        raise ServiceError("输出方式：应为" + "、".join(OUTPUT_KINDS))
    if version is None:
        st = current_status()
        version = st.version if st.current else None
    with write_transaction():
        audit.record(actor, "guide.output", "guide_version", version or "草稿", after={"how": how, "file": path})


POST_CATEGORY = "信息公开指南"  # the 公开目录 category seed 004 第一条 lists for it


def post(actor: Actor, version: int, unit: str) -> dict:
    """公布 (条例第十二条, seed 000 第五条): an issued version goes to 发布审核 as a draft information item of the
    drafting ``unit``, in the 公开目录 category 信息公开指南 when the office has it; it is published through the review
    chain like any other item. Once per version."""
    require(actor, "guide.manage")
    require(actor, "publication.draft")
    from app.publication import catalog, items
    with write_transaction():
        row = GuideVersion.get_or_none(GuideVersion.version == version)
        if row is None:
            raise NotFound(f"没有第{version}版政府信息公开指南")
        if row.posted_item:
            raise ServiceError(f"第{version}版已送发布审核（信息编号 {row.posted_item}）")
        doc = from_data(json.loads(row.document))
        category = POST_CATEGORY if POST_CATEGORY in catalog.categories() else ""
        made = items.create(actor, {"title": f"{doc.title}（第{version}版）", "kind": "other", "unit": unit,
                                    "formed_date": row.issued_at.date(), "category": category,
                                    "attribute": "proactive", "content": plain_text(doc),
                                    "disclosure_manner": "主动公开", "disclosure_scope": "社会公众"})
        GuideVersion.update(posted_item=made["number"]).where(GuideVersion.id == row.id).execute()
        audit.record(actor, "guide.post", "guide_version", version, after={"item": made["number"]})
    return made
