"""发布审核's figures for the assessment (考核评议, DOMAIN.md §6), per 制作科室 and year: 主动公开 items published within
20 working days of their formation (条例第二十六条), and items the secrecy review (保密审查) sent back."""
from __future__ import annotations

import datetime as dt

from app.publication import stages
from db.models import InfoItem, ItemEvent

SECRECY_STAGES = tuple({s.code for chain in stages.CHAINS for s in stages.stages_of(chain) if s.kind == "secrecy"}
                       | {stages.PARKED.code})


def _published(year: int, unit: str | None):
    q = InfoItem.select().where((InfoItem.attribute == "proactive") & InfoItem.published_date.between(
        dt.date(year, 1, 1), dt.date(year, 12, 31)) & InfoItem.publish_due.is_null(False))
    return q.where(InfoItem.unit == unit) if unit else q


def on_time_pct(year: int, unit: str | None) -> float | None:
    q = _published(year, unit)
    total = q.count()
    if not total:
        return None
    return round(100.0 * q.where(InfoItem.published_date <= InfoItem.publish_due).count() / total, 1)


def on_time_records(year: int, unit: str | None) -> list[tuple[str, str]]:
    return [(i.number, f"{i.title}：{i.formed_date.isoformat()} 形成，{i.published_date.isoformat()} 公开，期限 "
                       f"{i.publish_due.isoformat()}{'（逾期）' if i.published_date > i.publish_due else '（按期）'}")
            for i in _published(year, unit).order_by(InfoItem.number)]


def _returns(year: int, unit: str | None):
    q = (ItemEvent.select(ItemEvent, InfoItem).join(InfoItem)
         .where((ItemEvent.action == "return") & ItemEvent.from_stage.in_(SECRECY_STAGES)
                & ItemEvent.event_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))))
    return q.where(InfoItem.unit == unit) if unit else q


def secrecy_returns(year: int, unit: str | None) -> int:
    return _returns(year, unit).count()


def secrecy_return_records(year: int, unit: str | None) -> list[tuple[str, str]]:
    return [(e.item.number, f"{e.item.title}：{e.event_date.isoformat()} 保密审查退回（{e.opinion or e.note}）")
            for e in _returns(year, unit).order_by(ItemEvent.event_date, ItemEvent.id)]
