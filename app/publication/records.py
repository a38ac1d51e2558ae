"""What every 发布审核 service shares: reading an item (with a row lock on server engines), its snapshot for the
audit, its history entries, and its two clocks — the 5-working-day 保密审查 answer and the 20-working-day 主动公开
deadline (条例第二十六条; seed 000's shorter period for new 规范性文件 as an office setting)."""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock, settings
from app.publication import catalog, stages
from app.actor import Actor
from app.errors import NotFound
from app.workdays.calendar import current
from app.workdays.deadlines import due_only
from db.connection import is_sqlite
from db.models import Coordination, InfoItem, ItemEvent, ItemFile, ItemRecord, ScreenFinding

audit.register_labels(entities={"info_item": "待发布信息"})
# An item's history, files, screen findings, coordination letters and corrections are sealed into each of its audit
# rows, so that ``check`` finds one changed outside the program (app/audit.py, seals).
audit.register_seal("info_item", audit.dependents_seal(InfoItem, InfoItem.number, [
    (ItemEvent, ItemEvent.item), (ItemFile, ItemFile.item), (ScreenFinding, ScreenFinding.item),
    (Coordination, Coordination.item), (ItemRecord, ItemRecord.item)]))

SNAPSHOT_FIELDS = ("number", "title", "unit", "kind", "doc_number", "formed_date", "category", "attribute",
                   "attribute_reason", "forwarded_from", "forwarded_attribute", "disclosure_manner",
                   "disclosure_scope", "major", "content_confirmed", "related_item", "stage", "chain",
                   "secrecy_due", "secrecy_opinion", "publish_due", "due_provisional", "index_number",
                   "published_date", "channel", "location", "repealed_date")

# How the audit viewer names what the 发布审核 services record: the item's fields (its snapshot) and what the steps
# add (files, findings, letters, proofreading, corrections, comments), with stage and code values in words.
_YES_NO = {True: "是", False: "否"}
audit.register_labels(
    fields={"info_item": {
        "number": "编号", "title": "标题", "unit": "制作科室", "kind": "类型", "doc_number": "文号",
        "formed_date": "成文日期", "category": "公开目录类别", "attribute": "公开属性", "attribute_reason": "理由",
        "forwarded_from": "转发的源文件", "forwarded_attribute": "源文件公开属性", "disclosure_manner": "公开方式",
        "disclosure_scope": "公开范围", "major": "重大或敏感", "content_confirmed": "已确认不含不公开内容",
        "related_item": "解读的政策文件（内部编号）", "stage": "环节", "chain": "审核流程",
        "secrecy_due": "保密审查期限", "secrecy_opinion": "保密审查意见", "publish_due": "主动公开期限",
        "due_provisional": "期限暂定", "index_number": "索引号", "published_date": "发布日期", "channel": "发布渠道",
        "location": "网址或位置", "repealed_date": "废止日期",
        "file": "附件（内部编号）", "name": "文件名", "sha256": "SHA-256", "version": "版本", "note": "说明",
        "finding": "筛查结果（内部编号）", "resolution": "处理", "coordination": "协调函（内部编号）",
        "answer": "答复", "negotiation": "协商情况", "decision": "决定", "record": "记录（内部编号）",
        "text": "内容", "date": "日期", "report": "报告内容", "pass": "第几校", "corrections": "改正的内容",
        "participants": "参加人员", "start": "开始日期", "end": "截止日期", "how": "意见提交方式",
        "contact": "联系人和电话", "summary": "意见内容", "rows": "导出条数", "filter": "筛选条件", "at": "时间"}},
    values={"info_item": {
        "stage": stages.stage_label, "kind": catalog.KINDS.__getitem__, "attribute": catalog.ATTRIBUTES.__getitem__,
        "forwarded_attribute": catalog.ATTRIBUTES.__getitem__,
        "secrecy_opinion": catalog.SECRECY_OPINIONS.__getitem__, "resolution": catalog.RESOLUTIONS.__getitem__,
        "answer": catalog.COORDINATION_ANSWERS.__getitem__,
        "decision": {"publish": "发布", "withhold": "不予发布"}.__getitem__,
        "major": _YES_NO.__getitem__, "content_confirmed": _YES_NO.__getitem__, "due_provisional": _YES_NO.__getitem__}})


def get(item_id: int, lock: bool = False) -> InfoItem:
    query = InfoItem.select().where(InfoItem.id == item_id)
    if lock and not is_sqlite():
        query = query.for_update()
    row = query.first()
    if row is None:
        raise NotFound("找不到该信息")
    return row


def by_number(number: str) -> InfoItem:
    row = InfoItem.get_or_none(InfoItem.number == str(number).strip())
    if row is None:
        raise NotFound(f"没有编号为“{number}”的信息")
    return row


def snapshot(item: InfoItem) -> dict:
    out = {}
    for f in SNAPSHOT_FIELDS:
        v = getattr(item, f)
        out[f] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def add_event(actor: Actor, item: InfoItem, action: str, from_stage, to_stage, opinion: str = "", note: str = "",
              data: dict | None = None, event_date: dt.date | None = None) -> ItemEvent:
    return ItemEvent.create(item=item.id, ts=clock.now(), event_date=event_date or clock.today(),
                            user=actor.user_id, username=actor.username, display_name=actor.display_name,
                            action=action, from_stage=from_stage, to_stage=to_stage, opinion=opinion, note=note,
                            data=json.dumps(data or {}, ensure_ascii=False, default=str))


def save_with_audit(actor: Actor, item: InfoItem, before: dict, action: str) -> None:
    item.updated_at = clock.now()
    item.save()
    audit.record(actor, action, "info_item", item.number, before=before, after=snapshot(item))


# ---- clocks ---------------------------------------------------------------------------------------------------
def publish_days(kind: str) -> int:
    days = settings.get("publication.publish_days")
    if kind == "normative":
        days = min(days, settings.get("publication.normative_publish_days"))
    return days


def _provisional(start: dt.date, due: dt.date) -> bool:
    cal = current()
    return any(not cal.is_official(y) for y in range(start.year, due.year + 1))


def refresh_clocks(item: InfoItem) -> None:
    """Set the 主动公开 deadline (from formation, 条例第二十六条) and, while at 保密审查, its 5-day answer."""
    provisional = False
    if item.attribute == "proactive":
        item.publish_due = due_only(item.formed_date, publish_days(item.kind))
        provisional = _provisional(item.formed_date, item.publish_due)
    else:
        item.publish_due = None
    if item.stage_since and secrecy_stage(item):
        item.secrecy_due = due_only(item.stage_since, settings.get("publication.secrecy_days"))
        provisional = provisional or _provisional(item.stage_since, item.secrecy_due)
    else:
        item.secrecy_due = None
    item.due_provisional = provisional


def secrecy_stage(item: InfoItem) -> bool:
    from app.publication.stages import stages_of
    return any(s.kind == "secrecy" and s.code == item.stage for s in stages_of(item.chain))
