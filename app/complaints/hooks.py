"""What 举报投诉 hands to the rest of the program through the module hooks: its open deadlines recomputed when the
calendar changes (DOMAIN.md §1 (c)), the dashboard's due, overdue and 督办 entries, a read-only archive view for
监督员 without the complainant's identity, the assessment's measures, the annual report's sentence on the year's cases,
the one search box and its demo data."""
from __future__ import annotations


from app import audit, integrity, modules
from app.actor import Actor
from app.complaints import catalog, query, records, stats, steps
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.complaints import cases, detail, export, handling, identity, letters  # noqa: F401
from app.permissions import require
from app.report.service import register_other_note
from app.workdays.service import DeadlineChange, register_recompute
from db.connection import write_transaction
from db.models import ComplaintCase, ComplaintSupervision

ENTITY = "举报投诉"
integrity.register_tracked(integrity.Tracked(
    records.ENTITY, ENTITY, register=integrity.Register(ComplaintCase.number, records.snapshot),
    dependents="办理记录、附件和证据、督办或身份查看记录"))
audit.register_labels(actions={"complaint.recompute": "重新计算举报投诉办理期限"})
_CLOCK_FIELDS = ("due_date", "due_provisional")


def recompute_open_deadlines(actor: Actor) -> list[DeadlineChange]:
    """The due dates of every open case on the current calendar."""
    require(actor, "calendar.manage")
    out, audited = [], []
    with write_transaction():
        for case in ComplaintCase.select().where(ComplaintCase.state.in_(steps.OPEN)):
            old = (case.due_date, case.due_provisional)
            records.refresh_clock(case)
            new = (case.due_date, case.due_provisional)
            if old == new:
                continue
            ComplaintCase.update(due_date=case.due_date, due_provisional=case.due_provisional).where(
                ComplaintCase.id == case.id).execute()
            audited.append((case.number, dict(zip(_CLOCK_FIELDS, old)), dict(zip(_CLOCK_FIELDS, new))))
            if old[0] and new[0]:
                out.append(DeadlineChange(ENTITY, case.id, case.number, old[0], new[0], old[1], new[1]))
        audit.record_many(actor, "complaint.recompute", records.ENTITY, audited, seal=False)
    return out


# ---- the dashboard ------------------------------------------------------------------------------------------------
TAB = "举报投诉"  # the main window's tab that opens a case (dashboard lines, search hits)


def _rows(actor: Actor, f: query.CaseFilter) -> dict:
    """The first few cases as the dashboard's lines and the ids they open."""
    rows = query.fetch(actor, f, 0, 5, "due_date")
    return {"lines": tuple(f"{r['number']} {r['title']}　{r['handling_unit'] or '（未登记）'}　{r['due_text']}"
                           for r in rows), "record_ids": tuple(r["id"] for r in rows), "tab": TAB}


def dashboard(actor: Actor) -> list[modules.DashboardEntry]:
    if not actor.can("complaint.view"):
        return []
    out = []
    for due, title in (("overdue", "举报投诉已超过办理期限"), ("soon", "举报投诉即将到期")):
        f = query.CaseFilter(due=due)
        n = query.count(actor, f)
        if n:
            out.append(modules.DashboardEntry(f"{title} {n} 件（政民互动管理制度第四条的办理时限）", n,
                                              urgent=due == "overdue", **_rows(actor, f)))
    late = query.CaseFilter(supervision_overdue=True)
    n = query.count(actor, late)
    waiting = ComplaintSupervision.select().where(ComplaintSupervision.reply_date.is_null()).count()
    if waiting:
        out.append(modules.DashboardEntry(f"督办待答复 {waiting} 件" + (f"（{n} 件已超过督办答复期限）" if n else ""),
                                          waiting, urgent=bool(n), **(_rows(actor, late) if n else {"tab": TAB})))
    return out


# ---- the supervisors' archive ---------------------------------------------------------------------------------
ARCHIVE_COLUMNS = (("number", "编号"), ("received_date", "收到日期"), ("channel", "来源渠道"),
                   ("category_label", "类别"), ("title", "事由"), ("handling_unit", "承办科室"),
                   ("state_label", "状态"), ("reply_date", "答复日期"), ("timeliness", "按时答复"))


def _archive_filter(text: str) -> query.CaseFilter:
    return query.CaseFilter(text=text or "")


def archive_count(actor: Actor, text: str) -> int:
    return query.count(actor, _archive_filter(text))


def archive_fetch(actor: Actor, text: str, offset: int, limit: int) -> list[dict]:
    return query.fetch(actor, _archive_filter(text), offset, limit)


def archive_detail(actor: Actor, case_id: int) -> list[tuple[str, str]]:
    """Read-only lines without who complained; a case whose complainant asked for secrecy shows no content."""
    require(actor, "complaint.view")
    from app.complaints.identity import mask_text
    case = records.get(case_id)
    secret = "（举报投诉人要求保密，内容不予显示）"
    lines = [("编号", case.number), ("收到日期", case.received_date.isoformat()), ("来源渠道", case.channel),
             ("类别", catalog.category_label(case.category)), ("举报投诉人", query.complainant_label(case)),
             ("事由", mask_text(case.title, case)),
             ("内容", secret if case.confidential else mask_text(case.content, case)),
             ("承办科室", case.handling_unit or "（未登记）"), ("状态", steps.state_label(case.state)),
             ("办理期限", case.due_date.isoformat() if case.due_date else "")]
    if case.reply_date:
        lines += [("答复日期", case.reply_date.isoformat()), ("答复方式", case.reply_method),
                  ("答复内容", secret if case.confidential else mask_text(case.reply_text, case)),
                  ("按时答复", query.timeliness(case))]
    return lines


# ---- the assessment's measures ----------------------------------------------------------------------------------
def _year(compute):
    def measure(year: int, unit: str | None):
        f = stats.year_total(year, unit)
        return compute(f) if f.received else None
    return measure


MEASURES = (
    modules.Measure("complaints.received", "收到举报投诉件数", "举报投诉", "件", _year(lambda f: f.received)),
    modules.Measure("complaints.on_time_pct", "举报投诉按时答复率", "举报投诉", "%",
                    _year(lambda f: f.on_time_rate)),
    modules.Measure("complaints.overdue", "举报投诉超期件数（超期答复和逾期未办结）", "举报投诉", "件",
                    _year(lambda f: f.late + f.open_overdue)),
    modules.Measure("complaints.average_days", "举报投诉平均答复工作日", "举报投诉", "天",
                    _year(lambda f: f.average_days)),
)


# ---- the annual report -------------------------------------------------------------------------------------------
# The statutory format (国办公开办函〔2021〕30号, DOMAIN.md §7) has no table for complaints about disclosure work:
# tables 二 to 四 are 主动公开, 依申请公开 and 复议诉讼 only. The year's figures are therefore a sentence the draft
# of section 六（其他需要报告的事项）proposes, which the office keeps, edits or deletes; the per-unit figures go to the
# assessment as measures (above).
def report_note(year: int) -> str | None:
    import datetime as dt
    lines = stats.figures(dt.date(year, 1, 1), dt.date(year, 12, 31))
    total = lines[-1]
    if not total.received:
        return None
    kinds = "、".join(f"{f.label}{f.received}件" for f in lines[:-1])
    text = f"本年度受理涉及政务公开工作的举报投诉和群众来信留言{total.received}件（{kinds}），已答复{total.answered}件"
    if total.answered:
        text += (f"，其中按时答复{total.on_time}件，按时答复率{total.on_time_rate:g}%，"
                 f"平均答复用时{total.average_days:g}个工作日")
    return text + (f"；尚在办理{total.open}件。" if total.open else "。")


# ---- the one search box ---------------------------------------------------------------------------------------
def search(actor: Actor, text: str, limit: int) -> list[modules.SearchHit]:
    rows = query.fetch(actor, query.CaseFilter(text=text), 0, limit)
    return [modules.SearchHit("举报投诉", r["id"], r["number"], r["title"],
                              f"{r['category_label']}　{r['state_label']}　{r['received_date'].isoformat()}")
            for r in rows]


def demo(staff: dict, seed: int) -> str:
    from app.complaints.demo import make_cases
    return make_cases(staff, seed)


def foreign_cases() -> str | None:
    n = ComplaintCase.select().where(ComplaintCase.source != "demo").count()
    return f"{n}件举报投诉" if n else None


register_recompute("complaints", recompute_open_deadlines)
modules.register_dashboard("complaints", "举报投诉", dashboard)
modules.register_archive_view("complaints", modules.ArchiveView(
    "举报投诉", "complaint.view", ARCHIVE_COLUMNS, archive_count, archive_fetch, archive_detail))
for _m in MEASURES:
    modules.register_measure(_m)
modules.register_search("complaints", modules.SearchSource("举报投诉", "complaint.view", search, TAB))


def related(actor: Actor, kind: str, record_id: int) -> list[modules.SearchHit]:
    """The cases about a request (whose 不予处理 as 信访举报投诉类 points to them) or about a published item."""
    require(actor, "complaint.view")
    if kind == "request":
        rows = cases.cases_for_request(actor, record_id)
    elif kind == "item":
        rows = cases.cases_for_item(actor, record_id)
    else:
        return []
    return [modules.SearchHit("举报投诉", r["id"], r["number"], r["title"], steps.state_label(r["state"])) for r in rows]


modules.register_related("complaints", modules.Related("举报投诉", "complaint.view", related, TAB))
modules.register_demo("complaints", demo, foreign_cases)
register_other_note("complaints", report_note)


# ---- the 工作台's chart: cases of the year per category, answered on time or late, and still open ----------------
def by_category(actor: Actor, year: int) -> modules.ChartData | None:
    require(actor, "complaint.view")
    import datetime as dt
    lines = stats.figures(dt.date(year, 1, 1), dt.date(year, 12, 31))[:-1]
    if not lines:
        return None
    return modules.ChartData(
        "举报投诉（按类别）", tuple(f.label for f in lines),
        (("按时答复", tuple(float(f.on_time) for f in lines)), ("超期答复", tuple(float(f.late) for f in lines)),
         ("未办结", tuple(float(f.open) for f in lines))), "件", stacked=True)


modules.register_chart("complaints.by_category", modules.Chart("举报投诉（按类别）", "complaint.view", by_category))
