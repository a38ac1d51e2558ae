"""三校 and 全文诵读 (seed 001 二): three proofreading passes recorded (who, when, what was corrected) and, for a major
item, the reading of the full text aloud. An office that requires them (系统设置 → 发布审核) cannot pass 终审 before."""
from __future__ import annotations

import json

from app import audit, clock, settings
from app.actor import Actor
from app.errors import InvalidState, ValidationError
from app.permissions import require
from app.publication import records, stages
from app.settings import Option, declare
from db.connection import write_transaction
from db.models import InfoItem, ItemRecord

audit.register_labels(actions={"publication.proofread": "登记校对", "publication.recital": "登记全文诵读"})
declare(Option("publication.require_proofreading", "bool", False, "终审前须完成三校（重大信息另须全文诵读）", "发布审核",
               help="信息审核发布管理制度：信息发布前须经三次校对，重大信息须全文诵读"))
PASSES = 3


def _in_review(item: InfoItem) -> None:
    if item.stage in ("draft", "returned", "published", "withheld", "withdrawn"):
        raise InvalidState("只有审核中的信息可以登记校对或诵读")


def proofread(actor: Actor, item_id: int, corrections: str) -> dict:
    """One 校对 pass: what was corrected (“无” when nothing). The three passes are numbered in order."""
    require(actor, "publication.first_review")
    item = records.get(item_id)
    _in_review(item)
    done = passes(item.id)
    if done >= PASSES:
        raise InvalidState("三次校对均已登记")
    corrections = (corrections or "").strip()
    if not corrections:
        raise ValidationError("校对情况", "请写明改正的内容；没有改正的写“无”")
    with write_transaction():
        ItemRecord.create(item=item.id, kind="proofread", seq=done + 1, event_date=clock.today(), user=actor.user_id,
                          display_name=actor.display_name, data=json.dumps({"corrections": corrections},
                                                                            ensure_ascii=False),
                          created_at=clock.now())
        records.add_event(actor, item, "proofread", item.stage, item.stage, opinion=f"第{done + 1}校",
                          note=corrections)
        audit.record(actor, "publication.proofread", "info_item", item.number,
                     after={"pass": done + 1, "corrections": corrections})
    return {"pass": done + 1}


def recital(actor: Actor, item_id: int, participants: str) -> None:
    """全文诵读 of a major item: who took part."""
    require(actor, "publication.first_review")
    item = records.get(item_id)
    _in_review(item)
    if not item.major:
        raise InvalidState("只有重大或敏感信息需要全文诵读")
    if not (participants or "").strip():
        raise ValidationError("参加人员", "不能为空")
    with write_transaction():
        ItemRecord.create(item=item.id, kind="recital", event_date=clock.today(), user=actor.user_id,
                          display_name=actor.display_name,
                          data=json.dumps({"participants": participants.strip()}, ensure_ascii=False),
                          created_at=clock.now())
        records.add_event(actor, item, "recital", item.stage, item.stage, note=participants.strip())
        audit.record(actor, "publication.recital", "info_item", item.number, after={"participants": participants})


def passes(item_id: int) -> int:
    return ItemRecord.select().where((ItemRecord.item == item_id) & (ItemRecord.kind == "proofread")).count()


def missing_before_final(item: InfoItem) -> str | None:
    """Why 终审 cannot pass yet under the office's rule, or None."""
    if not settings.get("publication.require_proofreading"):
        return None
    stage = stages.all_stages(item.chain).get(item.stage)
    if stage is None or stage.kind != "final":
        return None
    done = passes(item.id)
    if done < PASSES:
        return f"尚未完成三校（已校对{done}次），终审不能通过"
    if item.major and not ItemRecord.select().where((ItemRecord.item == item.id)
                                                    & (ItemRecord.kind == "recital")).exists():
        return "重大信息尚未全文诵读，终审不能通过"
    return None


def record_list(item_id: int, kinds=("proofread", "recital")) -> list[dict]:
    return [{"kind": r.kind, "seq": r.seq, "date": r.event_date, "user": r.display_name,
             **json.loads(r.data or "{}")}
            for r in ItemRecord.select().where((ItemRecord.item == item_id) & ItemRecord.kind.in_(kinds))
            .order_by(ItemRecord.id)]
