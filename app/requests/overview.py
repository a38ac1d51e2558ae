"""What the request register shows outside its own tab: the 工作台's due entries (the user's own requests first,
then the office's), the hits of the one search box, and the requests of each month by outcome group."""
from __future__ import annotations

import datetime as dt
import re

from app import charts, clock, modules
from app.actor import Actor
from app.permissions import require
from app.ordering import page_order
from app.requests import catalog, identity, query
from app.requests.query import RegisterFilter
from app.workdays.deadlines import days_left
from db.models import Consultation, Fee, Request

TAB = "依申请公开"
SHOWN = 5  # lines under each entry; the register lists them all


def _left(due: dt.date, today: dt.date) -> str:
    left = days_left(due, today)
    return f"已过{-left}个工作日" if left < 0 else ("今日到期" if left == 0 else f"剩{left}个工作日")


def _entry(title: str, q, line, mine: bool, urgent, first=None) -> modules.DashboardEntry | None:
    """``first()`` gives the lines' rows when ``q.limit(SHOWN)`` is not the fast way to them."""
    n = q.count()
    if not n:
        return None
    rows = first() if first else list(q.limit(SHOWN))
    return modules.DashboardEntry(f"{title} {n} 件", n, tuple(line(r) for r in rows), urgent(rows), TAB,
                                  tuple(_request_id(r) for r in rows), mine)


def _request_id(row) -> int:
    return row.request_id if isinstance(row, (Consultation, Fee)) else row.id


def _reply_entries(me: int | None, today: dt.date) -> list:
    """Replies overdue and due within the warning days (条例第三十三条)."""
    def line(r: Request) -> str:
        return f"{r.number} {r.applicant_name} 答复期限 {r.due_date.isoformat()}（{_left(r.due_date, today)}）"

    def first(q):
        # One query per open state along the (state, due date) index (m015), merged (query.open_by_due).
        q = q.select(Request.id, Request.number, Request.applicant_name, Request.due_date)  # what a line shows
        return query.open_by_due(q, RegisterFilter(), page_order(Request.due_date, Request.id, False), False, 0, SHOWN)

    out = []
    for due, title in (("overdue", "答复已逾期"), ("soon", "答复期限临近")):
        q = query.build_query(RegisterFilter(due=due, officer_id=me), today).order_by(Request.due_date, Request.id)
        out.append(_entry(title, q, line, me is not None, lambda rows, d=due: d == "overdue", lambda q=q: first(q)))
    return out


def _period_entries(me: int | None, today: dt.date) -> list:
    """Periods that end soon or have ended and wait for the office's next step: the applicant's 补正 (条例第三十条),
    a consulted party's answer (条例第三十二条、第三十四条: 15 working days from its receipt), a fee (国办函〔2020〕109号:
    20 working days from the day after the applicant receives the notice)."""
    limit = query.soon_limit(today)
    mine = (Request.officer == me) if me is not None else Request.id.is_null(False)

    def request_line(label, field):
        def line(r):
            req, day = (r if isinstance(r, Request) else r.request), getattr(r, field)
            return f"{req.number} {req.applicant_name} {label} {day.isoformat()}（{_left(day, today)}）"
        return line

    def ended(field):
        return lambda rows: any(getattr(r, field) < today for r in rows)

    corrections = (Request.select().where((Request.state == "awaiting_correction")
                                          & Request.correction_period_end.is_null(False)
                                          & (Request.correction_period_end <= limit) & mine)
                   .order_by(Request.correction_period_end, Request.id))
    # The periods still running are few: find them first, then their requests (SQLite would otherwise walk the
    # requests of the officer, or all open ones, and look for a consultation or fee under each).
    consultations = _of_open_requests(Consultation, Consultation.reply.is_null() & Consultation.reply_due.is_null(False)
                                      & (Consultation.reply_due <= limit), mine, Consultation.reply_due)
    fees = _of_open_requests(Fee, (Fee.status == "pending") & Fee.pay_by.is_null(False) & (Fee.pay_by <= limit), mine,
                             Fee.pay_by)
    is_mine = me is not None
    return [
        _entry("补正期限将到或已过（条例第三十条）", corrections, request_line("补正期限", "correction_period_end"),
               is_mine, ended("correction_period_end")),
        _entry("征求意见答复期限将到或已过（条例第三十二条、第三十四条）", consultations,
               request_line("答复期限", "reply_due"), is_mine, ended("reply_due")),
        _entry("缴费期限将到或已过（国办函〔2020〕109号）", fees, request_line("缴费期限", "pay_by"), is_mine,
               ended("pay_by")),
    ]


def _of_open_requests(model, running, mine, due):
    ids = [row.id for row in model.select(model.id).where(running)]
    return (model.select(model, Request).join(Request)
            .where(model.id.in_(ids or [0]) & Request.state.in_(catalog.OPEN_STATES) & mine)
            .order_by(due, model.id))


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    """The user's own requests (as 承办人) first, then the whole office's; an office entry that counts only the user's
    own requests is left out (a one-person office sees each once)."""
    if not actor.can("request.view"):
        return []
    today = clock.today()
    office = _reply_entries(None, today) + _period_entries(None, today)
    me = actor.user_id
    if me is None or not Request.select().where((Request.officer == me)
                                                & Request.state.in_(catalog.OPEN_STATES)).exists():
        return [e for e in office if e]  # no open request of their own (a leader, a supervisor)
    mine = _reply_entries(me, today) + _period_entries(me, today)
    return ([e for e in mine if e]
            + [e for e, own in zip(office, mine) if e and (own is None or own.count != e.count)])


# ---- the one search box ---------------------------------------------------------------------------------------
def search(actor: Actor, text: str, limit: int) -> list[modules.SearchHit]:
    """The register's own full-text query (``query.build_query``'s FTS5 trigram / pg_trgm search); what the hits
    quote of the description and notes is masked as the detail pane masks, for users who may not see the
    applicant's identity (个人信息保护法第五十一条)."""
    require(actor, "request.view")
    terms = (text or "").split()
    if not terms:
        return []
    rows = query.fetch(actor, RegisterFilter(text=text), 0, limit)
    stored = {r.id: r for r in Request.select(Request.id, Request.notes, *[getattr(Request, f) for f in
                                                                       identity.IDENTITY_FIELDS])
              .where(Request.id.in_([r["id"] for r in rows] or [0]))}
    masked = not actor.can("request.view_identity")
    hits = []
    for r in rows:
        row = stored[r["id"]]
        quoted = modules.quote(r["description"], terms) or modules.quote(row.notes, terms) or r["description"][:48]
        if masked:
            quoted = identity.mask_text(quoted, {f: getattr(row, f) for f in identity.IDENTITY_FIELDS})
        detail = f"{r['state_label']} · 收到 {r['received_date'].isoformat()} · {quoted}"
        hits.append(modules.SearchHit("申请", r["id"], r["number"], r["applicant_name"], detail))
    return hits


# ---- the chart: requests of each month by outcome group -------------------------------------------------------
def _short(label: str) -> str:
    return re.sub(r"^（.）|（.*）$", "", label)


PENDING = "未办结"


def monthly_outcomes(actor: Actor, year: int) -> modules.ChartData | None:
    """Requests received in each month of ``year`` (not the voided registrations), by outcome group (table 三's
    groups), the open ones as 未办结."""
    require(actor, "request.view")
    q = Request.select().where(Request.received_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                               & Request.state.in_(catalog.COUNTED_STATES))
    counts = charts.per_month(q, Request.received_date, (Request.outcome,))
    if not counts:
        return None
    groups = {code: _short(label) for code, label in catalog.GROUPS.items()}
    series: dict[str, list[int]] = {name: [0] * 12 for name in list(groups.values()) + [PENDING]}
    for (month, outcome), n in counts.items():
        o = catalog.OUTCOMES.get(outcome)
        name = groups.get(o.leaf.split("_")[0], PENDING) if o else PENDING
        series[name][month - 1] += n
    return modules.ChartData("每月收到的申请（按办理结果）", charts.MONTHS,
                             tuple((name, tuple(v)) for name, v in series.items() if any(v)), "件", stacked=True)
