"""One item as the detail pane shows it: its fields, history, the screen's findings, files, coordination letters,
its 政策解读 links, and the steps this user may take now (read from the stage table)."""
from __future__ import annotations

import json

from app import clock
from app.actor import Actor
from app.permissions import require
from app.publication import (catalog, coordination, corrections, items, participation, proofing, query, records,
                             stages)
from app.publication.review import _chain_for, open_findings
from app.publication.screen import KINDS as FINDING_KINDS
from db.models import InfoItem, ItemEvent, ScreenFinding, User


def detail(actor: Actor, item_id: int) -> dict:
    require(actor, "publication.view")
    item = records.get(item_id)
    out = query.rows_for_display([item], clock.today())[0]
    out.update({k: getattr(item, k) for k in ("content", "attribute_reason", "forwarded_from", "forwarded_attribute",
                                              "disclosure_manner", "disclosure_scope", "related_item",
                                              "secrecy_opinion", "submissions", "repealed_date")})
    out["secrecy_opinion_label"] = catalog.SECRECY_OPINIONS.get(item.secrecy_opinion, "")
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)}
    out["events"] = [{"ts": e.ts, "date": e.event_date, "user": e.display_name or e.username,
                      "action": e.action, "action_label": stages.ACTIONS.get(e.action, _OTHER.get(e.action, e.action)),
                      "from": stages.stage_label(e.from_stage, item.chain) if e.from_stage else "",
                      "to": stages.stage_label(e.to_stage, item.chain) if e.to_stage else "",
                      "opinion": e.opinion, "note": e.note, "data": json.loads(e.data or "{}")}
                     for e in ItemEvent.select().where(ItemEvent.item == item.id).order_by(ItemEvent.ts, ItemEvent.id)]
    out["findings"] = [{"id": f.id, "submission": f.submission, "kind": f.kind,
                        "kind_label": FINDING_KINDS.get(f.kind, f.kind), "source": f.source, "location": f.location,
                        "text": f.text, "resolution": f.resolution,
                        "resolution_label": catalog.RESOLUTIONS.get(f.resolution, "待处理"),
                        "note": f.resolution_note, "resolved_by": names.get(f.resolved_by_id, ""),
                        "current": f.submission == item.submissions}
                       for f in ScreenFinding.select().where(ScreenFinding.item == item.id).order_by(ScreenFinding.id)]
    out["open_findings"] = len(open_findings(item))
    out["files"] = items.file_list(item.id)
    out["coordinations"] = coordination.list_for(item.id)
    out["interpretations"] = [{"id": r.id, "number": r.number, "title": r.title}
                              for r in InfoItem.select().where(InfoItem.related_item == item.id)]
    related = InfoItem.get_or_none(InfoItem.id == item.related_item) if item.related_item else None
    out["explains"] = {"id": related.id, "number": related.number, "title": related.title} if related else None
    is_drafter = item.drafter_id == actor.user_id
    out["is_drafter"] = is_drafter
    # An unresolved finding blocks 保密审查 (review.act refuses it): the approval is not offered until each is resolved.
    blocked = {"approve"} if out["open_findings"] and _is_secrecy(item) else set()
    out["actions"] = [{"action": t.action, "label": stages.ACTIONS[t.action], "to": t.to}
                      for t in stages.actions_for(_chain_for(item), item.stage, actor.permissions,
                                                  is_drafter=is_drafter, major=item.major)
                      if t.action not in blocked]
    out["proofing"] = proofing.record_list(item.id)
    out["corrections"] = corrections.list_for(item.id)
    out["participation"] = participation.summary(item.id)
    out["editable"] = item.stage in items.EDITABLE_STAGES and is_drafter and actor.can("publication.draft")
    return out


def _is_secrecy(item: InfoItem) -> bool:
    stage = stages.all_stages(item.chain).get(item.stage)
    return stage is not None and stage.kind == "secrecy"


_OTHER = {"create": "起草", "repeal": "登记废止", "update": "修改", "file": "附件", "finding": "处理筛查结果", "coordinate": "发出协调函",
          "coordination_answer": "协调答复", "coordination_decision": "分管领导决定", "proofread": "校对",
          "recital": "全文诵读", "correction": "澄清或更正", "correction_approve": "批准澄清或更正",
          "emergency_report": "应急处置报告", "comment_period": "征求意见期", "comment": "收到意见",
          "response": "意见采纳情况"}
