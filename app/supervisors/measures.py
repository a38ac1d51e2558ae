"""监督员's figure for the assessment (考核评议, DOMAIN.md §6), per 承办科室 and year: the opinions a unit was given
(转办) whose outcome was told back to the supervisor (通报, or 暂不能落实 explained to them, seed 001 四(二)) by the
due date the unit had. An opinion still open after that date counts as late; one still open before it is not judged."""
from __future__ import annotations

import datetime as dt

from app import clock
from db.models import Opinion


def _judged(year: int, unit: str | None) -> list[Opinion]:
    today = clock.today()
    q = Opinion.select().where(Opinion.received_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                               & Opinion.transferred_date.is_null(False) & Opinion.due_date.is_null(False))
    if unit:
        q = q.where(Opinion.unit == unit)
    return [o for o in q.order_by(Opinion.number) if o.reported_date is not None or o.due_date < today]


def _on_time(o: Opinion) -> bool:
    return o.reported_date is not None and o.reported_date <= o.due_date


def answered_pct(year: int, unit: str | None) -> float | None:
    rows = _judged(year, unit)
    if not rows:
        return None
    return round(100.0 * sum(_on_time(o) for o in rows) / len(rows), 1)


def answered_records(year: int, unit: str | None) -> list[tuple[str, str]]:
    out = []
    for o in _judged(year, unit):
        told = f"{o.reported_date.isoformat()} 通报" if o.reported_date else "尚未通报"
        out.append((o.number, f"{o.unit}：{o.transferred_date.isoformat()} 转办，期限 {o.due_date.isoformat()}，"
                              f"{told}（{'按期' if _on_time(o) else '逾期'}）"))
    return out
