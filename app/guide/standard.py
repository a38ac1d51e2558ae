"""公开事项标准目录: 公开事项 are added, changed and removed only through adjustments (目录调整) that the leading group's
office approves (seed 001 公开事项目录规范动态管理制度); each approval writes a new version of the item, so the
catalogue's history can be shown as it stood at any date."""
from __future__ import annotations

import json

from app import audit, clock
from app.actor import Actor
from app.errors import InvalidState, NotFound, PermissionDenied, ServiceError, ValidationError
from app.guide import elements
from app.guide.elements import ADJUSTMENT_KINDS, ELEMENTS, REASONS
from app.permissions import require
from app.validators import text_problem
from db.connection import insert_rows, write_transaction
from db.models import CatalogueAdjustment, StandardItem, StandardItemVersion

audit.register_labels(
    actions={"catalogue.propose": "提出标准目录调整", "catalogue.approve": "批准标准目录调整",
             "catalogue.reject": "不批准标准目录调整", "catalogue.export": "导出公开事项标准目录",
             "catalogue.import": "导入公开事项标准目录"},
    entities={"standard_item": "公开事项", "catalogue_adjustment": "标准目录调整"},
    fields={"standard_item": {**ELEMENTS, "removed": "已删除", "version": "版本", "period": "周期", "file": "文件",
                              "rows": "导出条数", "added": "新增", "changed": "变更", "unchanged": "未变",
                              "skipped": "跳过的行", "at": "时间"},
            "catalogue_adjustment": {"kind": "调整类型", "reason": "调整原因", "reason_note": "说明",
                                     "status": "状态", "review_note": "审核意见", "item": "公开事项",
                                     "proposed": "提出的要素", **ELEMENTS, "period": "周期"}},
    values={"catalogue_adjustment": {"kind": ADJUSTMENT_KINDS.__getitem__, "reason": REASONS.__getitem__,
                                     "status": elements.STATUSES.__getitem__,
                                     "period": lambda v: elements.PERIODS.get(v, v)},
            "standard_item": {"period": lambda v: elements.PERIODS.get(v, v)}})

SOURCES = ("entered", "imported", "demo")


def item_data(item: StandardItem) -> dict:
    return {k: getattr(item, k) for k in ELEMENTS} | {"period": item.period}


def snapshot(item: StandardItem) -> dict:
    return item_data(item) | {"removed": item.removed, "version": item.version}


def _name_taken(name: str, except_id: int | None = None) -> bool:
    q = StandardItem.select().where((StandardItem.name == name) & (StandardItem.removed == False))  # noqa: E712
    if except_id is not None:
        q = q.where(StandardItem.id != except_id)
    pending = CatalogueAdjustment.select().where((CatalogueAdjustment.status == "proposed")
                                                 & (CatalogueAdjustment.kind == "add"))
    return q.exists() or any(json.loads(a.proposed).get("name") == name for a in pending)


def _check_reason(reason: str, note: str) -> str:
    if reason not in REASONS:
        raise ValidationError("调整原因", "请选择：" + "、".join(REASONS.values()))
    note = (note or "").strip()
    problem = text_problem(note, 500, multiline=True)
    if problem:
        raise ValidationError("说明", problem)
    if reason == "other" and not note:
        raise ValidationError("说明", "调整原因为“其他”的，应写明理由")
    return note


def propose(actor: Actor, kind: str, data: dict | None = None, item_id: int | None = None, reason: str = "elements",
            note: str = "") -> dict:
    """提出调整: 新增 (``data``), 变更 (``item_id`` and ``data``) or 删除 (``item_id``) a 公开事项, with the reason."""
    require(actor, "catalogue.propose")
    if kind not in ADJUSTMENT_KINDS:
        raise ValidationError("调整类型", "应为新增、变更或删除")
    note = _check_reason(reason, note)
    with write_transaction():
        adj = _propose(actor, kind, data, item_id, reason, note)
    return {"id": adj.id, "kind": kind, "status": adj.status}


def _propose(actor: Actor, kind: str, data: dict | None, item_id: int | None, reason: str, note: str,
             ) -> CatalogueAdjustment:
    """Inside the caller's transaction, after its permission check."""
    item = None
    if kind != "add":
        item = StandardItem.get_or_none(StandardItem.id == item_id)
        if item is None:
            raise NotFound("找不到这个公开事项")
        if item.removed:
            raise InvalidState(f"公开事项“{item.name}”已经删除")
        if CatalogueAdjustment.select().where((CatalogueAdjustment.item == item.id)
                                              & (CatalogueAdjustment.status == "proposed")).exists():
            raise InvalidState(f"公开事项“{item.name}”已有一项调整等待审核，请先审核那一项")
    proposed = {}
    if kind in ("add", "change"):
        proposed = elements.clean(data or {})
        if _name_taken(proposed["name"], item.id if item else None):
            raise ValidationError("事项名称", f"“{proposed['name']}”已在标准目录中（或已提出新增）")
        if item is not None and not elements.differences(item_data(item), proposed):
            raise ValidationError(None, problems=[("公开事项", "要素没有变化，不需要调整")])
    before = item_data(item) if item else {}
    adj = CatalogueAdjustment.create(
        kind=kind, item=item.id if item else None, reason=reason, reason_note=note,
        proposed=json.dumps(proposed, ensure_ascii=False), before=json.dumps(before, ensure_ascii=False),
        unit=(proposed.get("unit") or before.get("unit") or ""), status="proposed", proposed_by=actor.user_id,
        proposed_by_name=actor.display_name, proposed_at=clock.now())
    audit.record(actor, "catalogue.propose", "catalogue_adjustment", adj.id,
                 after={"kind": kind, "reason": reason, "reason_note": note, "item": before.get("name"),
                        "proposed": proposed})
    return adj


def review(actor: Actor, adjustment_id: int, approve: bool, note: str = "", source: str = "entered") -> dict:
    """审核 by the leading group's office: an approved adjustment takes effect at once, as a new version of the item.
    Whoever proposed an adjustment does not approve it. ``source`` marks an item the demo added."""
    require(actor, "catalogue.review")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    note = (note or "").strip()
    problem = text_problem(note, 500, multiline=True)
    if problem:
        raise ValidationError("审核意见", problem)
    if not approve and not note:
        raise ValidationError("审核意见", "不批准的，应写明理由")
    with write_transaction():
        adj = CatalogueAdjustment.get_or_none(CatalogueAdjustment.id == adjustment_id)
        if adj is None:
            raise NotFound("找不到这项调整")
        if adj.status != "proposed":
            raise InvalidState(f"这项调整已经{elements.STATUSES[adj.status]}")
        if not actor.is_system and adj.proposed_by_id == actor.user_id:
            raise PermissionDenied("提出调整的人不能审核自己的调整，请由领导小组办公室的其他人员审核")
        item = _review(actor, adj, approve, note, source)
    return {"id": adj.id, "status": adj.status, "item_id": item.id if item else None}


def _review(actor: Actor, adj: CatalogueAdjustment, approve: bool, note: str, source: str = "entered",
            ) -> StandardItem | None:
    now = clock.now()
    adj.status = "approved" if approve else "rejected"
    adj.reviewed_by, adj.reviewed_by_name, adj.reviewed_at, adj.review_note = actor.user_id, actor.display_name, now, note
    item = None
    before = None
    if approve:
        proposed = json.loads(adj.proposed or "{}")
        if adj.kind == "add":
            if StandardItem.select().where((StandardItem.name == proposed["name"])
                                           & (StandardItem.removed == False)).exists():  # noqa: E712
                raise InvalidState(f"“{proposed['name']}”已在标准目录中")
            item = StandardItem.create(created_at=now, updated_at=now, version=1, source=source, **proposed)
            adj.item = item.id
        else:
            item = StandardItem.get_by_id(adj.item_id)
            if item.removed:
                raise InvalidState(f"公开事项“{item.name}”已经删除")
            before = snapshot(item)
            if adj.kind == "change":
                for key, value in proposed.items():
                    setattr(item, key, value)
            else:
                item.removed = True
            item.version += 1
            item.updated_at = now
            item.save()
        StandardItemVersion.create(item=item.id, version=item.version, data=json.dumps(snapshot(item), ensure_ascii=False),
                                   valid_from=now, adjustment=adj.id)
    adj.save()
    audit.record(actor, "catalogue.approve" if approve else "catalogue.reject", "catalogue_adjustment", adj.id,
                 before={"status": "proposed"}, after={"status": adj.status, "review_note": note})
    if item is not None:
        audit.record(actor, "catalogue.approve", "standard_item", item.id, before=before, after=snapshot(item))
    return item


def adopt(actor: Actor, kind: str, data: dict | None, item_id: int | None, reason: str, note: str,
          source: str) -> StandardItem | None:
    """An adjustment proposed and approved at once by someone who may do both (an import of the county's catalogue,
    the demo), inside the caller's transaction."""
    require(actor, "catalogue.propose")
    require(actor, "catalogue.review")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    adj = _propose(actor, kind, data, item_id, reason, note)
    return _review(actor, adj, True, note, source)


def adopt_new(actor: Actor, rows: list[dict], reason: str, note: str, source: str) -> dict[str, int]:
    """新增 many 公开事项 at once, each with its approved adjustment and first version (an import of the county's
    catalogue), inside the caller's transaction: the rows and their audit rows are inserted in batches, so that a
    catalogue of a thousand items holds the write lock for about a second. Returns name -> item id."""
    require(actor, "catalogue.propose")
    require(actor, "catalogue.review")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    if not rows:
        return {}
    names = [r["name"] for r in rows]
    active = StandardItem.removed == False  # noqa: E712
    taken = [r.name for r in StandardItem.select(StandardItem.name).where(StandardItem.name.in_(names) & active)]
    if taken or len(set(names)) != len(names):
        raise InvalidState(f"“{(taken or names)[0]}”已在标准目录中")
    now = clock.now()
    keys = (*ELEMENTS, "period")
    insert_rows(StandardItem, (*keys, "removed", "version", "source", "created_at", "updated_at"),
                [tuple(r[k] for k in keys) + (False, 1, source, now, now) for r in rows])
    ids = {i.name: i.id for i in StandardItem.select(StandardItem.id, StandardItem.name)
           .where(StandardItem.name.in_(names) & active)}
    insert_rows(CatalogueAdjustment, (
        "kind", "item_id", "reason", "reason_note", "proposed", "before", "unit", "status", "proposed_by",
        "proposed_by_name", "proposed_at", "reviewed_by", "reviewed_by_name", "reviewed_at", "review_note"), [
        ("add", ids[r["name"]], reason, note, json.dumps(r, ensure_ascii=False), "{}", r["unit"], "approved",
         actor.user_id, actor.display_name, now, actor.user_id, actor.display_name, now, note) for r in rows])
    adjustments = {a.item_id: a.id for a in CatalogueAdjustment.select(CatalogueAdjustment.id, CatalogueAdjustment.item)
                   .where(CatalogueAdjustment.item.in_(list(ids.values())) & (CatalogueAdjustment.kind == "add"))}
    snapshots = {r["name"]: {**{k: r[k] for k in keys}, "removed": False, "version": 1} for r in rows}
    insert_rows(StandardItemVersion, ("item_id", "version", "data", "valid_from", "adjustment_id"), [
        (ids[name], 1, json.dumps(snap, ensure_ascii=False), now, adjustments[ids[name]])
        for name, snap in snapshots.items()])
    audit.record_many(actor, "catalogue.approve", "standard_item", [
        (ids[name], None, {**snap, "adjustment": adjustments[ids[name]], "reason": reason, "reason_note": note})
        for name, snap in snapshots.items()])
    return ids
