"""What 发布审核 hands to the rest of the program through the module hooks: its open deadlines recomputed when the
calendar changes (DOMAIN.md §1 (c)), the dashboard's 待我审核 and 主动公开 due/overdue entries, table 二's
规范性文件 counts (条例第二十条第（一）项), and its demo data."""
from __future__ import annotations

import datetime as dt

from app import audit, clock, integrity, modules
from app.actor import Actor
from app.publication import query, records
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.publication import coordination, corrections, export, items, participation, proofing, review  # noqa: F401
from app.permissions import require
from app.report.service import register_provider
from app.workdays.service import DeadlineChange, register_recompute
from db.connection import write_transaction
from db.models import InfoItem

ENTITY = "待发布信息"
integrity.register_tracked(integrity.Tracked(
    "info_item", ENTITY, lambda: {i.number: records.snapshot(i) for i in InfoItem.select()},
    dependents="审核记录、附件、筛查结果、协调函或更正记录"))
audit.register_labels(actions={"publication.recompute": "重新计算发布审核期限"})


def recompute_open_deadlines(actor: Actor) -> list[DeadlineChange]:
    """The 保密审查 and 主动公开 deadlines of every item not yet closed, on the current calendar."""
    require(actor, "calendar.manage")
    out, audited = [], []
    with write_transaction():
        for item in InfoItem.select().where(InfoItem.stage.not_in(query.CLOSED)):
            old = (item.publish_due, item.secrecy_due, item.due_provisional)
            records.refresh_clocks(item)
            new = (item.publish_due, item.secrecy_due, item.due_provisional)
            if old == new:
                continue
            InfoItem.update(publish_due=item.publish_due, secrecy_due=item.secrecy_due,
                            due_provisional=item.due_provisional).where(InfoItem.id == item.id).execute()
            audited.append((item.number, dict(zip(_CLOCK_FIELDS, old)), dict(zip(_CLOCK_FIELDS, new))))
            for label, a, b in (("主动公开期限", old[0], new[0]), ("保密审查期限", old[1], new[1])):
                if a and b:
                    out.append(DeadlineChange(f"{ENTITY}（{label}）", item.id, item.number, a, b, old[2], new[2]))
        audit.record_many(actor, "publication.recompute", "info_item", audited, seal=False)
    return out


_CLOCK_FIELDS = ("publish_due", "secrecy_due", "due_provisional")


# ---- table 二: 行政规范性文件 (条例第二十条第（一）项) ---------------------------------------------------------------
def _normative(year: int):
    end = dt.date(year, 12, 31)
    q = InfoItem.select().where((InfoItem.kind == "normative") & (InfoItem.formed_date <= end)
                                & InfoItem.published_date.is_null(False))
    return q, dt.date(year, 1, 1), end


def _when_tracked(count):
    def provider(year: int) -> int | None:
        q, start, end = _normative(year)
        if not q.exists():
            return None  # the office did not record its 规范性文件 here for that year: it enters the figure
        return count(q, start, end)
    return provider


normative_issued = _when_tracked(lambda q, a, b: q.where(InfoItem.formed_date >= a).count())
normative_repealed = _when_tracked(lambda q, a, b: q.where(InfoItem.repealed_date.between(a, b)).count())
normative_in_force = _when_tracked(
    lambda q, a, b: q.where(InfoItem.repealed_date.is_null() | (InfoItem.repealed_date > b)).count())


# ---- the dashboard ------------------------------------------------------------------------------------------------
def _lines(actor: Actor, f: query.ItemFilter, sort: str) -> tuple[str, ...]:
    def due(r):
        return r["due_text"] if sort == "secrecy_due" else f"应于 {r['publish_due'].isoformat()} 前公开"
    return tuple(f"{r['number']} {r['title']}　{r['stage_label']}　{due(r)}" for r in query.fetch(actor, f, 0, 5, sort))


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    if not actor.can("publication.view"):
        return []
    out = []
    mine = query.ItemFilter(queue_of=actor)
    n = query.count(actor, mine)
    if n:
        overdue = query.build_query(mine).where(InfoItem.secrecy_due < clock.today()).count()
        out.append(modules.DashboardEntry(f"待我审核 {n} 条" + (f"（{overdue} 条保密审查已超过期限）" if overdue else ""),
                                          n, _lines(actor, mine, "secrecy_due"), bool(overdue)))
    for due, title in (("overdue", "主动公开已逾期"), ("soon", "主动公开即将到期")):
        f = query.ItemFilter(attribute="proactive", due=due)
        n = query.count(actor, f)
        if n:
            out.append(modules.DashboardEntry(f"{title} {n} 条（条例第二十六条：形成之日起20个工作日内公开）", n,
                                              _lines(actor, f, "publish_due"), due == "overdue"))
    return out


def demo(staff: dict, seed: int) -> str:
    from app.publication.demo import make_items
    return make_items(staff, seed)


def foreign_items() -> str | None:
    n = InfoItem.select().where(InfoItem.source != "demo").count()
    return f"{n}条待发布信息" if n else None


register_recompute("publication", recompute_open_deadlines)
register_provider("normative.issued", normative_issued)
register_provider("normative.repealed", normative_repealed)
register_provider("normative.in_force", normative_in_force)
modules.register_dashboard("publication", "发布审核", dashboard)
modules.register_demo("publication", demo, foreign_items)

# ---- the assessment's figures (考核评议), per 制作科室 ----------------------------------------------------------------
from app.publication import measures  # noqa: E402

modules.register_measure(modules.Measure(
    "publication.on_time_pct", "主动公开信息20个工作日内公开率", "发布审核", "%", measures.on_time_pct,
    records=measures.on_time_records))
modules.register_measure(modules.Measure(
    "publication.secrecy_returns", "保密审查退回件数", "发布审核", "件", measures.secrecy_returns,
    records=measures.secrecy_return_records))
