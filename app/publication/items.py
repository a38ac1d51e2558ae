"""起草: recording an information item with its 公开属性 decided at the source (seed 001 公文类信息公开属性源头认定制度),
changing it while it is a draft, and its files, versioned (a new version supersedes an old one, which is kept)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import audit, clock, files, numbering, validators
from app.actor import Actor
from app.errors import InvalidState, NotFound, PermissionDenied, Problems, ValidationError
from app.ocr.layers import refresh_scan_text
from app.permissions import PERMISSIONS, require
from app.publication import catalog, records
from app.validators import check_texts
from db.connection import write_transaction
from db.models import InfoItem, ItemFile, User

audit.register_labels(actions={"publication.create": "起草信息", "publication.update": "修改信息",
                               "publication.file": "添加信息附件", "publication.file_version": "更新信息附件",
                               "publication.repeal": "登记规范性文件废止"})

LABELS = {
    "title": "标题", "unit": "制作科室", "kind": "信息类型", "doc_number": "文号", "formed_date": "成文日期",
    "content": "正文", "category": "公开目录类别", "attribute": "公开属性", "attribute_reason": "不公开或依申请公开的理由",
    "forwarded_from": "转发的源文件", "forwarded_attribute": "源文件的公开属性", "disclosure_manner": "公开方式",
    "disclosure_scope": "公开范围", "major": "重大或敏感", "related_item": "解读的政策文件", "repealed_date": "废止日期",
}
TEXT_FIELDS = ("title", "unit", "doc_number", "content", "category", "attribute_reason", "forwarded_from",
               "disclosure_manner", "disclosure_scope")
EDITABLE_STAGES = ("draft", "returned")
MAX_BYTES = 200 * 1024 * 1024


def _date(value, field: str, p: Problems, required: bool = True) -> dt.date | None:
    return validators.parse_date(value, LABELS[field], p, required)


def validate(data: dict, today: dt.date | None = None) -> dict:
    """Check the drafting form; returns the cleaned values or raises ``ValidationError`` naming every bad field."""
    today = today or clock.today()
    p = Problems()
    clean = {k: str(data.get(k) or "").strip() for k in ("unit", "category")}
    typed = [k for k in TEXT_FIELDS if k not in clean]
    checked = check_texts({f"item.{k}": data.get(k) for k in typed}, {f"item.{k}": LABELS[k] for k in typed}, p)
    clean.update({k: checked[f"item.{k}"] for k in typed})
    kind = data.get("kind")
    if kind not in catalog.KINDS:
        p.add(LABELS["kind"], "请选择信息类型")
    clean["kind"] = kind
    if clean["unit"] and clean["unit"] not in catalog.units():
        p.add(LABELS["unit"], f"“{clean['unit']}”不在本机关的科室名单中（系统设置 → 发布审核）")
    if not clean["unit"]:
        p.add(LABELS["unit"], "请选择制作科室")
    if clean["category"] and clean["category"] not in catalog.categories():
        p.add(LABELS["category"], f"“{clean['category']}”不是公开目录的类别")
    formed = _date(data.get("formed_date"), "formed_date", p)
    if formed and formed > today:
        p.add(LABELS["formed_date"], f"不能晚于今天（{today.isoformat()}）")
    clean["formed_date"] = formed
    if kind in catalog.DOCUMENT_KINDS and not clean["doc_number"]:
        p.add(LABELS["doc_number"], "公文和规范性文件应填写文号")
    # 转发: the forwarded document's attribute is inherited unless re-decided (seed 001).
    forwarded_attr = data.get("forwarded_attribute") or ""
    if clean["forwarded_from"] and forwarded_attr not in catalog.ATTRIBUTES:
        p.add(LABELS["forwarded_attribute"], "转发文件应写明源文件的公开属性")
    clean["forwarded_attribute"] = forwarded_attr if clean["forwarded_from"] else ""
    attribute = data.get("attribute") or (forwarded_attr if clean["forwarded_from"] else "")
    if attribute not in catalog.ATTRIBUTES:
        p.add(LABELS["attribute"], "请选择主动公开、依申请公开或不予公开")
    elif attribute in catalog.REASONED_ATTRIBUTES and not clean["attribute_reason"]:
        p.add(LABELS["attribute_reason"], f"认定为{catalog.ATTRIBUTES[attribute]}的，应写明理由（源头认定）")
    elif (clean["forwarded_from"] and attribute != forwarded_attr and not clean["attribute_reason"]):
        p.add(LABELS["attribute_reason"], "转发文件的公开属性与源文件不同，应写明重新认定的理由")
    clean["attribute"] = attribute
    if attribute == "proactive" and not clean["category"]:
        p.add(LABELS["category"], "主动公开的信息应选择公开目录类别")
    clean["major"] = bool(data.get("major"))
    related = data.get("related_item")
    clean["related_item"] = None
    if kind == "interpretation":
        if related in (None, ""):
            p.add(LABELS["related_item"], "政策解读应关联所解读的政策文件")
        elif InfoItem.get_or_none(InfoItem.id == related) is None:
            p.add(LABELS["related_item"], "找不到所解读的政策文件")
        else:
            clean["related_item"] = int(related)
    clean["repealed_date"] = _date(data.get("repealed_date"), "repealed_date", p, required=False)
    if clean["repealed_date"] and kind != "normative":
        p.add(LABELS["repealed_date"], "只有规范性文件登记废止日期")
    elif clean["repealed_date"] and formed and clean["repealed_date"] < formed:
        p.add(LABELS["repealed_date"], "不能早于成文日期")
    p.raise_if_any()
    return clean


def create(actor: Actor, data: dict, source: str = "entered") -> dict:
    """Record a draft: its 编号, the 主动公开 clock from its formation, a history entry and an audit row."""
    require(actor, "publication.draft")
    if source not in ("entered", "demo"):
        raise ValueError(f"unknown source {source!r}")
    clean = validate(data)
    now = clock.now()
    with write_transaction():
        number = numbering.issue("item", clean["formed_date"].year)
        item = InfoItem(number=number, stage="draft", drafter=actor.user_id, created_at=now, updated_at=now,
                        source=source, **clean)
        records.refresh_clocks(item)
        item.save()
        records.add_event(actor, item, "create", None, "draft", note=catalog.ATTRIBUTES[item.attribute])
        audit.record(actor, "publication.create", "info_item", number, after=records.snapshot(item))
    return {"id": item.id, "number": number, "publish_due": item.publish_due}


def _require_drafter(actor: Actor, item: InfoItem, what: str) -> None:
    if not actor.is_system and item.drafter_id != actor.user_id:
        raise PermissionDenied(f"只有起草人可以{what}")


def update(actor: Actor, item_id: int, data: dict) -> None:
    """Change a draft (or an item returned to its drafter); the number stays."""
    require(actor, "publication.draft")
    item = records.get(item_id)
    _require_drafter(actor, item, "修改这条信息")
    if item.stage not in EDITABLE_STAGES:
        raise InvalidState("只有起草中或已退回的信息可以修改")
    merged = {k: getattr(item, k) for k in LABELS}
    merged.update(data)
    clean = validate(merged)
    before = records.snapshot(item)
    with write_transaction():
        item = records.get(item_id, lock=True)
        for key, value in clean.items():
            setattr(item, key, value)
        item.content_confirmed = False  # the confirmation is of the text submitted
        records.refresh_clocks(item)
        records.add_event(actor, item, "update", item.stage, item.stage, note="修改信息")
        records.save_with_audit(actor, item, before, "publication.update")


# ---- files ------------------------------------------------------------------------------------------------------
def _may_change_files(actor: Actor, item: InfoItem) -> None:
    """The drafter changes files while drafting; the secrecy reviewer stores the cleaned version of a file that the
    screen flagged (已处理 with a new version)."""
    from app.publication.records import secrecy_stage
    if not (actor.can("publication.draft") or actor.can("publication.secrecy")):
        raise PermissionDenied(f"{actor.display_name}没有「{PERMISSIONS['publication.draft']}」或"
                               f"「{PERMISSIONS['publication.secrecy']}」的权限，不能更换信息附件")
    if item.stage in EDITABLE_STAGES and actor.can("publication.draft"):
        _require_drafter(actor, item, "修改信息附件")
        return
    if secrecy_stage(item) and actor.can("publication.secrecy"):
        return
    raise InvalidState("只有起草中、已退回或保密审查中的信息可以更换附件")


def _stored(source_path: str):
    return files.put_upload(source_path, "publication", MAX_BYTES // (1024 * 1024))


def add_file(actor: Actor, item_id: int, source_path: str, note: str = "") -> dict:
    require(actor, "publication.view")
    item = records.get(item_id)
    _may_change_files(actor, item)
    stored = _stored(source_path)
    with write_transaction():
        row = ItemFile.create(item=item.id, lineage=0, version=1, name=Path(source_path).name,
                              stored_path=stored.rel_path, sha256=stored.sha256, size=stored.size, note=note,
                              added_at=clock.now(), added_by=actor.user_id)
        ItemFile.update(lineage=row.id).where(ItemFile.id == row.id).execute()
        records.add_event(actor, item, "file", item.stage, item.stage, note=f"添加附件：{row.name}")
        audit.record(actor, "publication.file", "info_item", item.number,
                     after={"file": row.id, "name": row.name, "sha256": stored.sha256})
    return {"id": row.id, "sha256": stored.sha256}


def _latest(lineage: int) -> ItemFile:
    return ItemFile.select().where(ItemFile.lineage == lineage).order_by(ItemFile.version.desc()).first()


def new_file_version(actor: Actor, file_id: int, source_path: str, note: str) -> dict:
    """Supersede a file with a new one (the old version stays); the reason is required."""
    require(actor, "publication.view")
    old = ItemFile.get_or_none(ItemFile.id == file_id)
    if old is None:
        raise NotFound("找不到该附件")
    item = records.get(old.item_id)
    _may_change_files(actor, item)
    if not (note or "").strip():
        raise ValidationError("说明", "请说明更换附件的原因")
    latest = _latest(old.lineage)
    stored = _stored(source_path)
    with write_transaction():
        row = ItemFile.create(item=item.id, lineage=old.lineage, version=latest.version + 1,
                              name=Path(source_path).name, stored_path=stored.rel_path, sha256=stored.sha256,
                              size=stored.size, note=note.strip(), added_at=clock.now(), added_by=actor.user_id)
        records.add_event(actor, item, "file", item.stage, item.stage,
                          note=f"更新附件：{latest.name} → 第{row.version}版（{note.strip()}）")
        audit.record(actor, "publication.file_version", "info_item", item.number,
                     before={"file": latest.id, "version": latest.version, "sha256": latest.sha256},
                     after={"file": row.id, "version": row.version, "sha256": row.sha256, "note": note.strip()})
        refresh_scan_text("item_file", item.id)  # the superseded version's recognised text leaves the search
    return {"id": row.id, "version": row.version}


def current_files(item_id: int) -> list[ItemFile]:
    latest: dict[int, ItemFile] = {}
    for r in ItemFile.select().where(ItemFile.item == item_id).order_by(ItemFile.lineage, ItemFile.version):
        latest[r.lineage] = r
    return [r for r in latest.values() if not r.removed]


def file_list(item_id: int) -> list[dict]:
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    return [{"id": r.id, "lineage": r.lineage, "version": r.version, "name": r.name, "size": r.size,
             "added_at": r.added_at, "added_by": names.get(r.added_by_id, ""), "note": r.note}
            for r in current_files(item_id)]


def read_file(actor: Actor, file_id: int) -> tuple[str, bytes]:
    require(actor, "publication.view")
    row = ItemFile.get_or_none(ItemFile.id == file_id)
    if row is None or row.removed:
        raise NotFound("找不到该附件")
    return row.name, files.read(row.stored_path, row.sha256)


def record_repeal(actor: Actor, item_id: int, repealed: dt.date, note: str) -> None:
    """废止: a published 规范性文件 ceases to be valid (table 二 counts it, 条例第二十条第（一）项)."""
    require(actor, "publication.publish")
    item = records.get(item_id)
    if item.kind != "normative" or item.stage != "published":
        raise InvalidState("只有已发布的规范性文件可以登记废止")
    if item.repealed_date is not None:
        raise InvalidState(f"该文件已于{item.repealed_date.isoformat()}登记废止")
    if not isinstance(repealed, dt.date) or repealed < item.formed_date or repealed > clock.today():
        raise ValidationError(LABELS["repealed_date"], "应在成文日期之后、今天之前")
    if not (note or "").strip():
        raise ValidationError("说明", "请写明废止的文件或依据")
    before = records.snapshot(item)
    with write_transaction():
        item = records.get(item_id, lock=True)
        item.repealed_date = repealed
        records.add_event(actor, item, "repeal", item.stage, item.stage, note=note.strip(), event_date=repealed)
        records.save_with_audit(actor, item, before, "publication.repeal")
