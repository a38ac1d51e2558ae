"""What 监督员 hands to the rest of the program through the module hooks: its opinions' due dates recomputed when the
calendar changes (DOMAIN.md §1 (c)), the dashboard's entries (terms ending within 60 days, ended terms, missing
备案, the number of supervisors, a quarter ending without its briefing, opinions due), the opinions and the roster in
the one search box, the assessment's measure of opinions told back on time, and its demo data."""
from __future__ import annotations

import datetime as dt

from app import audit, clock, modules, settings
from app.actor import Actor
from app.permissions import require
from app.supervisors import briefings, catalog, measures, query, roster
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.supervisors import archive, documents, opinions  # noqa: F401
from app.workdays.deadlines import due_only
from app.workdays.service import register_recompute
from db.models import Briefing, Opinion, Supervisor

def _roster_entries(actor: Actor) -> list[modules.DashboardEntry]:
    rows = roster.roster(actor, include_ended=False)
    out = []
    warn = settings.get("supervisors.term_warning_days")
    for state, title, urgent in (("expired", "监督员任期已届满（未续聘或另聘）", True),
                                 ("ending", f"监督员任期{warn}天内届满", False)):
        hit = [r for r in rows if r["state"] == state]
        if hit:
            out.append(modules.DashboardEntry(f"{title} {len(hit)} 人", len(hit), tuple(
                f"{r['name']}　任期至 {r['term_end'].isoformat()}" for r in hit), urgent))
    unfiled = [r for r in rows if not r["filed"]]
    if unfiled:
        out.append(modules.DashboardEntry(f"监督员未备案 {len(unfiled)} 人（制度一（一）：报区政务公开工作领导小组备案）",
                                          len(unfiled), tuple(f"{r['name']}　{r['term_text']}" for r in unfiled)))
    warning = roster.count_warning()
    if warning and Supervisor.select().exists():
        out.append(modules.DashboardEntry(warning, len(rows)))
    return out


def _briefing_entries(today: dt.date) -> list[modules.DashboardEntry]:
    missing = briefings.missing_quarters(today)
    past = [(y, q) for y, q in missing if catalog.quarter_end(y, q) < today]
    # the current quarter, from its last month on (a quarter "ending" without its briefing)
    this = [(y, q) for y, q in missing if (y, q) not in past and today.month % 3 == 0]
    out = []
    if this:
        y, q = this[0]
        out.append(modules.DashboardEntry(f"{catalog.quarter_label(y, q)}即将结束，尚未向监督员通报（制度四（一）：按季度通报）",
                                          1, (f"本季度至 {catalog.quarter_end(y, q).isoformat()} 结束",)))
    if past:
        out.append(modules.DashboardEntry(f"未向监督员季度通报 {len(past)} 个季度", len(past),
                                          tuple(catalog.quarter_label(y, q) for y, q in past[-5:]), True))
    return out


def _opinion_entries(actor: Actor, today: dt.date) -> list[modules.DashboardEntry]:
    out = []
    overdue = query.OpinionFilter(due="overdue")
    n = query.count(actor, overdue)
    if n:
        out.append(modules.DashboardEntry(f"监督意见办理已逾期 {n} 件", n, tuple(
            f"{r['number']} {r['unit']}　{r['due_text']}" for r in query.fetch(actor, overdue, 0, 5, "due_date")), True))
    soon = due_only(today, 3)
    q = Opinion.select().where((Opinion.stage == "transferred") & Opinion.due_date.between(today, soon))
    if (n := q.count()):
        rows = query.rows_for_display(actor, list(q.order_by(Opinion.due_date).limit(5)))
        out.append(modules.DashboardEntry(f"监督意见即将到期 {n} 件", n, tuple(
            f"{r['number']} {r['unit']}　{r['due_text']}" for r in rows)))
    for stage, title in (("registered", "监督意见待转办"), ("answered", "监督意见已反馈、待通报监督员")):
        n = Opinion.select().where(Opinion.stage == stage).count()
        if n:
            out.append(modules.DashboardEntry(f"{title} {n} 件", n))
    return out


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    """The office's reminders; nothing for users who do not handle supervision (the supervisors themselves)."""
    if not (actor.can("supervisor.opinion") or actor.can("supervisor.manage")):
        return []
    today = clock.today()
    return _roster_entries(actor) + _briefing_entries(today) + _opinion_entries(actor, today)


# ---- the one search box: the opinions (their register's text search) and the roster -----------------------------
TAB = "监督员"  # the main window's tab that holds the roster and the opinions


def search_opinions(actor: Actor, text: str, limit: int) -> list[modules.SearchHit]:
    """Over number, content, answer, the record it concerns and the unit, as the register's search box; the record an
    opinion concerns is named as the archive names it (``subject_label``, no person's name)."""
    require(actor, "supervisor.view")
    terms = (text or "").split()
    if not terms:
        return []
    hits = []
    for r in query.fetch(actor, query.OpinionFilter(text=text), 0, limit):
        detail = " · ".join(x for x in (r["supervisor_name"], r["stage_label"], r["unit"],
                                        r["received_date"].isoformat(),
                                        modules.quote(r["content"] + " " + r["answer"], terms)) if x)
        hits.append(modules.SearchHit("监督意见", r["id"], r["number"], r["content"][:40], detail))
    return hits


def search_roster(actor: Actor, text: str, limit: int) -> list[modules.SearchHit]:
    """Supervisors whose name or work unit holds every term; the line shows no contact details (the roster shows
    them where it is open, the search box lists for everyone who may search)."""
    require(actor, "supervisor.view")
    terms = [t.lower() for t in (text or "").split()]
    if not terms:
        return []
    hits = []
    for r in roster.roster(actor):
        haystack = f"{r['name']} {r['unit']}".lower()
        if all(t in haystack for t in terms):
            hits.append(modules.SearchHit("监督员", r["id"], r["name"], f"{r['constituency_label']}　{r['unit']}",
                                          f"{r['state_label']}　{r['term_text']}"))
    return hits[:limit]


def demo(staff: dict, seed: int) -> str:
    from app.supervisors.demo import make
    return make(staff, seed)


def foreign_records() -> str | None:
    parts = []
    for model, what in ((Supervisor, "名监督员"), (Opinion, "件监督意见"), (Briefing, "次通报或会议")):
        n = model.select().where(model.source != "demo").count()
        if n:
            parts.append(f"{n}{what}")
    return "、".join(parts) or None


register_recompute("supervisors", opinions.recompute_open_deadlines)
modules.register_dashboard("supervisors", "监督员", dashboard)
modules.register_demo("supervisors", demo, foreign_records)
modules.register_search("supervisors.opinions", modules.SearchSource("监督意见", "supervisor.view", search_opinions,
                                                                     TAB))
modules.register_search("supervisors.roster", modules.SearchSource("监督员名册", "supervisor.view", search_roster, TAB))
modules.register_measure(modules.Measure(
    "supervisors.answered_pct", "监督意见按期办结通报率", "监督员", "%", measures.answered_pct,
    records=measures.answered_records))

# How the audit viewer names the fields of the supervisors' audit rows.
audit.register_labels(fields={
    "supervisor": {"end_note": "离任说明", "filed_date": "备案日期", "filing_number": "备案文号", "replaces": "接替",
                   "start": "聘任日期", "term": "任期"},
    "supervisor_opinion": {"answered_date": "反馈日期", "due_days": "办理期限（工作日）", "due_provisional": "期限暂定",
                           "report_note": "通报情况", "subject_id": "所涉记录（内部编号）", "subject_label": "所涉记录",
                           "subject_view": "所涉记录类别", "supervisor": "监督员", "transferred_date": "转办日期"},
    "supervisor_briefing": {"attended": "出席", "attendees": "参加人员", "held_date": "日期", "kind": "类别",
                            "note": "说明", "quarter": "季度", "supervisor": "监督员", "year": "年度"},
})
