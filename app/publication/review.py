"""审核: every step of the chain as one service call — submitting (with the privacy and secrecy screen), signing a
stage, 退回, 需报审 and the higher authority's answer, resolving the screen's findings, publishing (索引号 issued
then) and 应急处置. Each step is checked against the stage table (``stages.next_stage``) and written in one
transaction with its history entry and audit row."""
from __future__ import annotations

import datetime as dt

from app import audit, clock, files, numbering, settings
from app.actor import Actor
from app.errors import InvalidState, NotFound, ValidationError
from app.permissions import require
from app.publication import catalog, items, proofing, records, stages
from app.ocr.layers import page_texts
from app.publication.extract import SCREENED, screen_file
from app.publication.items import current_files
from app.publication.screen import paragraphs_of, screen_text
from db.connection import write_transaction
from db.models import Coordination, InfoItem, ScreenFinding

audit.register_labels(actions={
    "publication.submit": "提交审核", "publication.approve": "审核通过", "publication.return": "退回信息",
    "publication.refer": "需报审", "publication.withhold": "审查不予发布",
    "publication.answer_disclose": "登记报审结果", "publication.answer_withhold": "登记报审结果",
    "publication.publish": "登记发布", "publication.withdraw": "应急撤回", "publication.finding": "处理筛查结果",
})


def _chain_for(item: InfoItem) -> str:
    """A draft enters the chain the office uses now; an item under review finishes the chain it entered."""
    return settings.get("publication.chain") if item.stage in items.EDITABLE_STAGES else item.chain


def _step(actor: Actor, item: InfoItem, action: str) -> stages.Transition:
    return stages.next_stage(_chain_for(item), item.stage, action, actor.permissions,
                             is_drafter=item.drafter_id == actor.user_id, major=item.major, who=actor.display_name)


def _move(actor: Actor, item: InfoItem, t: stages.Transition, opinion: str = "", note: str = "",
          data: dict | None = None, before: dict | None = None) -> None:
    """``before``: the item's snapshot taken before the step changed other fields (索引号, opinion …), so that the
    audit row shows those changes too."""
    before = before or records.snapshot(item)
    item.stage = t.to
    item.stage_since = clock.today()
    records.refresh_clocks(item)
    records.add_event(actor, item, t.action, t.stage, t.to, opinion=opinion, note=note, data=data)
    records.save_with_audit(actor, item, before, f"publication.{t.action}")


def _screen(item: InfoItem) -> list[tuple[int | None, object]]:
    """(file id or None for the text, finding) over the text and the current version of every screened file."""
    found = [(None, f) for f in screen_text(paragraphs_of(item.content), "正文")]
    for f in current_files(item.id):
        if f.name.lower().endswith(SCREENED):
            found += [(f.id, x) for x in screen_file(f.name, files.read(f.stored_path, f.sha256),
                                                     page_texts("item_file", f.id))]
    return found


def submit(actor: Actor, item_id: int, confirm_content: bool = False) -> dict:
    """提交审核: the drafter sends the item into the chain; the screen runs over the text and the attached
    .docx/.pdf/.txt files, and what it finds must be resolved before 保密审查 can pass."""
    require(actor, "publication.draft")
    item = records.get(item_id)
    t = _step(actor, item, "submit")
    if item.attribute != "proactive":
        raise InvalidState(f"认定为{catalog.ATTRIBUTES[item.attribute]}的信息不发布，不能提交发布审核")
    if not confirm_content:
        # seed 001: a 主动公开 item may not carry 依申请公开 or 不予公开 content; the drafter confirms it.
        raise ValidationError("确认", "请确认本信息不含依申请公开或不予公开的内容（公文类信息公开属性源头认定制度）")
    if not item.content.strip() and not current_files(item.id):
        raise ValidationError("正文", "正文和附件不能都为空")
    found = _screen(item)
    with write_transaction():
        item = records.get(item_id, lock=True)
        before = records.snapshot(item)
        item.chain = _chain_for(item)
        item.submissions += 1
        item.content_confirmed = True
        for file_id, f in found:
            ScreenFinding.create(item=item.id, submission=item.submissions, kind=f.kind, source=f.source,
                                 file_id=file_id, location=f.location, text=f.text)
        note = f"筛查发现 {len(found)} 处需审查的内容" if found else "筛查未发现需审查的内容"
        _move(actor, item, t, note=note, data={"submission": item.submissions, "findings": len(found)},
              before=before)
    return {"stage": item.stage, "findings": len(found)}


def open_findings(item: InfoItem) -> list[ScreenFinding]:
    return list(ScreenFinding.select().where((ScreenFinding.item == item.id)
                                             & (ScreenFinding.submission == item.submissions)
                                             & ScreenFinding.resolution.is_null()))


def resolve_finding(actor: Actor, finding_id: int, resolution: str, note: str) -> None:
    """已处理 (the text was removed and a new version stored) or 可以公开 (with the reason), by the secrecy reviewer."""
    require(actor, "publication.secrecy")
    f = ScreenFinding.get_or_none(ScreenFinding.id == finding_id)
    if f is None:
        raise NotFound("找不到该筛查结果")
    item = records.get(f.item_id)
    if not records.secrecy_stage(item):
        raise InvalidState("只有保密审查环节可以处理筛查结果")
    if item.drafter_id == actor.user_id:
        raise InvalidState("起草人不能审查自己起草的信息")
    if resolution not in catalog.RESOLUTIONS:
        raise ValidationError("处理结果", "请选择已处理或可以公开")
    note = (note or "").strip()
    if not note:
        raise ValidationError("说明", "请写明处理情况或可以公开的理由")
    if resolution == "fixed" and _still_there(item, f):
        raise ValidationError("处理结果", f"“{f.text}”仍在{f.source}中：请先修改正文或上传删除后的新版本")
    with write_transaction():
        ScreenFinding.update(resolution=resolution, resolution_note=note, resolved_by=actor.user_id,
                             resolved_at=clock.now()).where(ScreenFinding.id == f.id).execute()
        records.add_event(actor, item, "finding", item.stage, item.stage, opinion=catalog.RESOLUTIONS[resolution],
                          note=f"{f.source}{f.location}“{f.text}”：{note}")
        audit.record(actor, "publication.finding", "info_item", item.number, before={"finding": f.id},
                     after={"finding": f.id, "resolution": resolution, "note": note})


def _still_there(item: InfoItem, f: ScreenFinding) -> bool:
    if f.file_id is None:
        return f.text in item.content
    current = {r.lineage: r for r in current_files(item.id)}
    from db.models import ItemFile
    old = ItemFile.get_or_none(ItemFile.id == f.file_id)
    now = current.get(old.lineage) if old else None
    if now is None:
        return False  # the file was removed
    if now.id == f.file_id:
        return True  # no new version yet
    return any(x.text == f.text for x in screen_file(now.name, files.read(now.stored_path, now.sha256),
                                                     page_texts("item_file", now.id)))


def act(actor: Actor, item_id: int, action: str, opinion: str = "", reason: str = "",
        data: dict | None = None) -> dict:
    """Sign the item's current stage: approve, return (退回 with the reason), refer (需报审), withhold, or record
    the higher authority's answer (``data``: authority, document, date)."""
    require(actor, "publication.view")
    if action in ("submit", "publish", "withdraw"):
        raise ValueError(f"use the dedicated service for {action}")
    item = records.get(item_id)
    before = records.snapshot(item)  # the opinion fields below change with the step
    t = _step(actor, item, action)
    reason = (reason or "").strip()
    opinion = (opinion or "").strip()
    data = dict(data or {})
    if action in stages.NEEDS_REASON and not reason:
        raise ValidationError("理由", f"{stages.ACTIONS[action]}应写明理由")
    stage = stages.all_stages(item.chain)[item.stage]
    if stage.kind == "secrecy" and action == "approve":
        left = open_findings(item)
        if left:
            raise InvalidState(f"筛查发现的 {len(left)} 处内容尚未处理（已处理或可以公开），保密审查不能通过")
        item.secrecy_opinion = "disclose"
        opinion = opinion or "公开"
    if action == "withhold":
        value = data.get("opinion")
        if value not in ("exempt", "on_request"):
            raise ValidationError("审查意见", "请选择免予公开或依申请公开")
        item.secrecy_opinion = value
        opinion = catalog.SECRECY_OPINIONS[value]
    if action == "refer":
        if not str(data.get("authority") or "").strip():
            raise ValidationError("报审机关", "请写明报送审查的上级机关或保密行政管理部门")
        item.secrecy_opinion = "refer"
        opinion = "需报审"
    if action in ("answer_disclose", "answer_withhold"):
        problems = [k for k, label in (("authority", "审查机关"), ("document", "审查文件"), ("date", "审查日期"))
                    if not str(data.get(k) or "").strip()]
        if problems:
            raise ValidationError("报审结果", "请填写审查机关、审查文件和审查日期")
        try:
            answered = dt.date.fromisoformat(str(data["date"]))
        except ValueError:
            raise ValidationError("审查日期", f"“{data['date']}”不是有效日期") from None
        if answered > clock.today():
            raise ValidationError("审查日期", "不能晚于今天")
        item.secrecy_opinion = "disclose" if action == "answer_disclose" else "exempt"
        opinion = f"{data['authority']}：{'同意公开' if action == 'answer_disclose' else '不予公开'}"
    if action == "approve":
        opinion = opinion or "同意"
        missing = proofing.missing_before_final(item)
        if missing:
            raise InvalidState(missing)
    with write_transaction():
        fresh = records.get(item_id, lock=True)
        if fresh.stage != item.stage:
            raise InvalidState("该信息已由他人处理，请刷新后再操作")
        _move(actor, item, t, opinion=opinion, note=reason, data=data, before=before)
    return {"stage": item.stage}


def pending_coordination(item: InfoItem) -> list[Coordination]:
    """Letters still waiting: no answer yet, or a disagreement the leader in charge has not decided."""
    return [c for c in Coordination.select().where(Coordination.item == item.id)
            if c.answer is None or (c.answer == "disagree" and c.decision is None)]


def publish(actor: Actor, item_id: int, published: dt.date, channel: str, location: str) -> dict:
    """登记发布: date, channel, URL or place, who; the 索引号 is issued now (编号设置中的索引号格式)."""
    require(actor, "publication.publish")
    item = records.get(item_id)
    t = _step(actor, item, "publish")
    if not isinstance(published, dt.date):
        raise ValidationError("发布日期", "应为日期")
    if published > clock.today():
        raise ValidationError("发布日期", "不能晚于今天")
    if published < item.formed_date:
        raise ValidationError("发布日期", "不能早于成文日期")
    if channel not in catalog.channels():
        raise ValidationError("发布渠道", "请选择本机关的发布渠道")
    if not (location or "").strip():
        raise ValidationError("网址或位置", "请填写发布的网址或公开栏位置")
    waiting = pending_coordination(item)
    if waiting:
        raise InvalidState("协调函尚未答复或尚未决定：" + "、".join(c.unit for c in waiting) + "；协调完成后才能发布")
    if any(c.decision == "withhold" for c in Coordination.select().where(Coordination.item == item.id)):
        raise InvalidState("分管领导已决定不予发布（协调意见不一致）")
    with write_transaction():
        item = records.get(item_id, lock=True)
        before = records.snapshot(item)
        item.index_number = numbering.issue("index", published.year)
        item.published_date, item.channel, item.location = published, channel, location.strip()
        item.published_by = actor.user_id
        _move(actor, item, t, note=f"{channel} {location.strip()}",
              data={"index_number": item.index_number, "date": published.isoformat()}, before=before)
    return {"index_number": item.index_number}


def withdraw(actor: Actor, item_id: int, reason: str) -> None:
    """应急处置 (seed 004): a wrongly published item is withdrawn first, with the reason; the report follows."""
    require(actor, "publication.publish")
    item = records.get(item_id)
    t = _step(actor, item, "withdraw")
    if not (reason or "").strip():
        raise ValidationError("理由", "应急撤回应写明理由")
    with write_transaction():
        item = records.get(item_id, lock=True)
        _move(actor, item, t, note=reason.strip())
