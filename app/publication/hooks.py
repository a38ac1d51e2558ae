"""What 发布审核 hands to the rest of the program through the module hooks: its open deadlines recomputed when the
calendar changes (DOMAIN.md §1 (c)), the dashboard's 待我审核 and 主动公开 due/overdue entries, table 二's
规范性文件 counts (条例第二十条第（一）项), and its demo data."""
from __future__ import annotations

import datetime as dt

from app import audit, charts, clock, integrity, modules
from app.actor import Actor
from app.errors import NotFound
from app.publication import catalog, query, records
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.publication import coordination, corrections, export, items, participation, proofing, review  # noqa: F401
from app.permissions import require
from app.report.service import register_provider
from app.workdays.service import DeadlineChange, register_recompute
from db.connection import write_transaction
from db.models import InfoItem

ENTITY = "待发布信息"
integrity.register_tracked(integrity.Tracked(
    "info_item", ENTITY, register=integrity.Register(InfoItem.number, records.snapshot),
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
TAB = "发布审核"


def _line(r: dict, due: str) -> str:
    stage = "" if due.startswith(r["stage_label"]) else f"　{r['stage_label']}"  # “保密审查 2026-03-16” says it once
    return f"{r['number']} {r['title']}{stage}　{due}"


def _entry(actor: Actor, title: str, n: int, f: query.ItemFilter, sort: str, urgent: bool, mine: bool = False
           ) -> modules.DashboardEntry:
    def due(r):
        return r["due_text"] if sort == "secrecy_due" else f"应于 {r['publish_due'].isoformat()} 前公开"
    rows = query.fetch(actor, f, 0, 5, sort)
    return modules.DashboardEntry(title, n, tuple(_line(r, due(r)) for r in rows), urgent, TAB,
                                  tuple(r["id"] for r in rows), mine)


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    if not actor.can("publication.view"):
        return []
    out = []
    today = clock.today()
    mine = query.ItemFilter(queue_of=actor)
    n = query.count(actor, mine)
    if n:
        overdue = query.build_query(mine).where(InfoItem.secrecy_due < today).count()
        out.append(_entry(actor, f"待我审核 {n} 条" + (f"（{overdue} 条保密审查已超过期限）" if overdue else ""), n, mine,
                          "secrecy_due", bool(overdue), mine=True))
    # 保密审查: the reviewing unit answers within 5 working days (the office's setting, seeds 002 and 004).
    secrecy = (query.build_query(query.ItemFilter(), today)
               .where(InfoItem.stage.not_in(query.CLOSED) & InfoItem.secrecy_due.is_null(False)
                      & (InfoItem.secrecy_due <= query.soon_limit(today))))
    n = secrecy.count()
    if n:
        late = secrecy.where(InfoItem.secrecy_due < today).count()
        rows = query.rows_for_display(list(secrecy.order_by(InfoItem.secrecy_due, InfoItem.id).limit(5)), today)
        out.append(modules.DashboardEntry(
            f"保密审查期限临近或已过 {n} 条" + (f"（{late} 条已超过期限）" if late else ""), n,
            tuple(_line(r, r["due_text"]) for r in rows), bool(late), TAB,
            tuple(r["id"] for r in rows)))
    for due, title in (("overdue", "主动公开已逾期"), ("soon", "主动公开即将到期")):
        f = query.ItemFilter(attribute="proactive", due=due)
        n = query.count(actor, f)
        if n:
            out.append(_entry(actor, f"{title} {n} 条（条例第二十六条：形成之日起20个工作日内公开）", n, f, "publish_due",
                              due == "overdue"))
    return out


# ---- the one search box and the chart --------------------------------------------------------------------------
def search(actor: Actor, text: str, limit: int) -> list[modules.SearchHit]:
    """The register's full-text query (FTS5 trigram / pg_trgm over title, content, 文号, 编号, 索引号)."""
    require(actor, "publication.view")
    terms = (text or "").split()
    if not terms:
        return []
    rows = query.fetch(actor, query.ItemFilter(text=text), 0, limit)
    contents = {r.id: r.content for r in InfoItem.select(InfoItem.id, InfoItem.content)
                .where(InfoItem.id.in_([r["id"] for r in rows] or [0]))}
    hits = []
    for r in rows:
        quoted = modules.quote(contents.get(r["id"]) or "", terms)
        detail = " · ".join(x for x in (r["stage_label"], r["kind_label"], r["doc_number"],
                                        f"成文 {r['formed_date'].isoformat()}" if r["formed_date"] else "", quoted) if x)
        hits.append(modules.SearchHit("待发布信息", r["id"], r["number"], r["title"], detail))
    return hits


def monthly_published(actor: Actor, year: int) -> modules.ChartData | None:
    """Items published in each month of ``year``, 主动公开 by kind."""
    require(actor, "publication.view")
    q = InfoItem.select().where(InfoItem.published_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    counts = charts.per_month(q, InfoItem.published_date, (InfoItem.kind,))
    if not counts:
        return None
    series: dict[str, list[int]] = {}
    for (month, kind), n in sorted(counts.items(), key=lambda kv: list(catalog.KINDS).index(kv[0][1])
                                   if kv[0][1] in catalog.KINDS else 99):
        series.setdefault(catalog.KINDS.get(kind, kind), [0] * 12)[month - 1] += n
    return modules.ChartData("每月发布的信息（按类型）", charts.MONTHS, tuple((k, tuple(v)) for k, v in series.items()),
                             "条", stacked=True)


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


# ---- the supervisors' archive (档案查阅): published items with their review records -----------------------------------
ARCHIVE_STAGES = ("published", "withdrawn")
ARCHIVE_COLUMNS = (("number", "编号"), ("index_number", "索引号"), ("title", "标题"), ("unit", "制作科室"),
                   ("kind_label", "类型"), ("category", "公开目录类别"), ("published_date", "发布日期"),
                   ("stage_label", "状态"))
REVIEW_FORM = 1  # the one document of an item: its 信息发布审核及保密审查表


def archive_count(actor: Actor, text: str = "") -> int:
    return query.count(actor, query.ItemFilter(stages=ARCHIVE_STAGES, text=text))


def archive_fetch(actor: Actor, text: str, offset: int, limit: int) -> list[dict]:
    return query.fetch(actor, query.ItemFilter(stages=ARCHIVE_STAGES, text=text), offset, limit, "published_date",
                       True)


def _archived(actor: Actor, item_id: int) -> InfoItem:
    require(actor, "publication.view")
    item = records.get(item_id)
    if item.stage not in ARCHIVE_STAGES:
        raise NotFound("该信息尚未发布，不在档案中")
    return item


def archive_detail(actor: Actor, item_id: int) -> list[tuple[str, str]]:
    from app.publication import detail
    _archived(actor, item_id)
    d = detail.detail(actor, item_id)
    lines = [("标题", d["title"]), ("编号", d["number"]), ("索引号", d["index_number"]), ("类型", d["kind_label"]),
             ("制作科室", d["unit"]), ("文号", d["doc_number"]), ("成文日期", d["formed_date"].isoformat()),
             ("公开属性", d["attribute_label"]), ("公开目录类别", d["category"]),
             ("保密审查结论", d["secrecy_opinion_label"]),
             ("发布日期", d["published_date"].isoformat() if d["published_date"] else ""),
             ("发布渠道", d["channel"]), ("网址或位置", d["location"]), ("状态", d["stage_label"])]
    lines += [(f"审核记录 {e['date'].isoformat()}", "　".join(x for x in (e["action_label"], e["to"], e["user"],
                                                                          e["opinion"]) if x))
              for e in d["events"]]
    return lines


def archive_documents(actor: Actor, item_id: int) -> list[dict]:
    _archived(actor, item_id)
    return [{"id": REVIEW_FORM, "title": "信息发布审核及保密审查表"}]


def archive_document_pdf(actor: Actor, item_id: int, document_id: int) -> bytes:
    from app.publication import form
    _archived(actor, item_id)
    return form.review_form_pdf(actor, item_id)


modules.register_archive_view("publication", modules.ArchiveView(
    "主动公开", "publication.view", ARCHIVE_COLUMNS, archive_count, archive_fetch, archive_detail,
    archive_documents, archive_document_pdf))

# ---- the assessment's figures (考核评议), per 制作科室 ----------------------------------------------------------------
from app.publication import measures  # noqa: E402

modules.register_measure(modules.Measure(
    "publication.on_time_pct", "主动公开信息20个工作日内公开率", "发布审核", "%", measures.on_time_pct,
    records=measures.on_time_records))
modules.register_measure(modules.Measure(
    "publication.secrecy_returns", "保密审查退回件数", "发布审核", "件", measures.secrecy_returns,
    records=measures.secrecy_return_records))
modules.register_search("publication", modules.SearchSource("发布审核", "publication.view", search, TAB))
modules.register_chart("publication.monthly", modules.Chart("每月发布的信息（按类型）", "publication.view",
                                                            monthly_published))
