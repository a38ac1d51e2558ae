"""The request register's figures for the assessment (考核评议, DOMAIN.md §6), per 承办科室 and year: requests answered
within the legal period (条例第三十三条), replies given late or still missing after the period, and concluded requests
whose reply notice (答复告知书) was never issued in the program."""
from __future__ import annotations

import datetime as dt

from app import clock
from app.requests import catalog
from db.models import IssuedDocument, Request

CONCLUDED = ("replied", "delivered", "archived")


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _of_unit(q, unit: str | None):
    return q.where(Request.unit == unit) if unit else q


def _concluded(year: int, unit: str | None):
    start, end = _year(year)
    q = Request.select().where(Request.state.in_(CONCLUDED) & Request.decided_date.between(start, end)
                               & Request.due_date.is_null(False))
    return _of_unit(q, unit)


def _late_open(year: int, unit: str | None):
    """Requests still unanswered whose period ran out in the year (before today)."""
    start, end = _year(year)
    last = min(end, clock.today() - dt.timedelta(days=1))
    q = Request.select().where(Request.state.in_(catalog.OPEN_STATES) & Request.due_date.between(start, last))
    return _of_unit(q, unit)


def on_time_pct(year: int, unit: str | None) -> float | None:
    concluded = _concluded(year, unit)
    total = concluded.count()
    if not total:
        return None
    on_time = concluded.where(Request.decided_date <= Request.due_date).count()
    return round(100.0 * on_time / total, 1)


def on_time_records(year: int, unit: str | None) -> list[tuple[str, str]]:
    out = []
    for r in _concluded(year, unit).order_by(Request.number):
        late = r.decided_date > r.due_date
        out.append((r.number, f"{r.received_date.isoformat()} 收到，{r.decided_date.isoformat()} 答复，期限 "
                              f"{r.due_date.isoformat()}{'（逾期）' if late else '（按期）'}"))
    return out


def overdue(year: int, unit: str | None) -> int:
    return (_concluded(year, unit).where(Request.decided_date > Request.due_date).count()
            + _late_open(year, unit).count())


def overdue_records(year: int, unit: str | None) -> list[tuple[str, str]]:
    out = [(r.number, f"期限 {r.due_date.isoformat()}，{r.decided_date.isoformat()} 才答复")
           for r in _concluded(year, unit).where(Request.decided_date > Request.due_date).order_by(Request.number)]
    out += [(r.number, f"期限 {r.due_date.isoformat()} 已过，尚未答复（{catalog.STATES[r.state]}）")
            for r in _late_open(year, unit).order_by(Request.number)]
    return out


def _missing_notice(year: int, unit: str | None):
    """Concluded requests registered in the program (an imported ledger's replies were issued before it) with no
    reply notice of their outcome's kind issued (or recorded as issued outside the program)."""
    q = _concluded(year, unit).where((Request.source != "ledger") & Request.outcome.is_null(False))
    issued = {(d.request_id, d.kind) for d in IssuedDocument.select(IssuedDocument.request, IssuedDocument.kind)
              .where(IssuedDocument.request.in_(q.select(Request.id)))}
    return [r for r in q.order_by(Request.number)
            if r.outcome in catalog.OUTCOMES and (r.id, catalog.OUTCOMES[r.outcome].notice) not in issued]


def notice_missing(year: int, unit: str | None) -> int:
    return len(_missing_notice(year, unit))


def notice_missing_records(year: int, unit: str | None) -> list[tuple[str, str]]:
    return [(r.number, f"{r.decided_date.isoformat()} 办结（{catalog.OUTCOMES[r.outcome].label}），未出具"
                       f"《{catalog.OUTCOMES[r.outcome].notice}》") for r in _missing_notice(year, unit)]
