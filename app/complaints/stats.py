"""统计: cases per category, answered on time (%), average working days to answer, by unit and period — the one
function the assessment (through its measures), the 月督查/季通报 summary and the window call (seed 001 政民互动管理制度
第六条: 月督查、季通报、年总结)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.complaints import catalog, steps
from app.workdays.deadlines import working_days_between
from db.models import ComplaintCase

C = ComplaintCase


@dataclass(frozen=True)
class Figures:
    category: str  # a category code, or "" for the total
    label: str
    received: int
    answered: int
    on_time: int
    late: int
    open: int
    open_overdue: int
    working_days: int  # summed over the answered cases

    @property
    def on_time_rate(self) -> float | None:
        return round(100.0 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def average_days(self) -> float | None:
        return round(self.working_days / self.answered, 1) if self.answered else None


def _fold(code: str, label: str, rows, today: dt.date) -> Figures:
    answered = [r for r in rows if r.reply_date is not None]
    open_ = [r for r in rows if r.state in steps.OPEN]
    return Figures(code, label, len(rows), len(answered),
                   sum(1 for r in answered if r.due_date is None or r.reply_date <= r.due_date),
                   sum(1 for r in answered if r.due_date is not None and r.reply_date > r.due_date), len(open_),
                   sum(1 for r in open_ if r.due_date is not None and r.due_date < today),
                   sum(max(0, working_days_between(r.received_date, r.reply_date)) for r in answered))


def figures(start: dt.date, end: dt.date, unit: str | None = None, today: dt.date | None = None) -> list[Figures]:
    """One line per category that has cases received in ``[start, end]`` (handled by ``unit`` when given), then the
    total. A case transferred to another agency counts as received, not as answered."""
    from app import clock
    today = today or clock.today()  # open cases are judged overdue as of today
    q = C.select(C.category, C.state, C.received_date, C.reply_date, C.due_date).where(
        C.received_date.between(start, end))
    if unit:
        q = q.where(C.handling_unit == unit)
    rows = list(q)
    out = []
    for code, c in catalog.CATEGORIES.items():
        mine = [r for r in rows if r.category == code]
        if mine:
            out.append(_fold(code, c.label, mine, today))
    out.append(_fold("", "合计", rows, today))
    return out


def year_total(year: int, unit: str | None = None) -> Figures:
    return figures(dt.date(year, 1, 1), dt.date(year, 12, 31), unit)[-1]
