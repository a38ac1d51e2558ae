"""Building the annual report of a year: table 三 from the register, table 四 from the 复议诉讼 cases, table 二 and the
written sections from what the office entered (or, for figures a module can compute, from that module), plus the
drafts the program proposes and the reminder of the legal date (条例第四十九条)."""
from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable

from app import audit, clock, office, settings
from app.actor import Actor
from app.errors import Problems, ValidationError
from app.permissions import require
from app.report import labels
from app.report.table3 import Facts, Table3, compute, leaf_row
from app.requests import catalog, fees_service, review_cases
from db.connection import database, write_transaction
from db.models import AnnualReportEntry, Request
from peewee import Case, fn

audit.register_labels(actions={"report.entry": "填写年度报告", "report.final": "年度报告定稿或取消定稿",
                               "report.output": "打印或导出年度报告"},
                      entities={"annual_report": "年度报告"})
FINAL_KEY = "status.final"  # the entry that marks a year's report final: {"at": ISO time, "by": display name}
OUTPUT_KINDS = ("打印", "PDF", "Word", "Excel", "JSON")
audit.register_labels(fields={"annual_report": {
    **{f"text.{k}": title for k, title in labels.SECTIONS if k in labels.TEXT_SECTIONS},
    **{k: labels.table2_label(fmt, k) for fmt in (labels.FORMAT_TRIAL, labels.FORMAT_2021)
       for k in labels.table2_keys(fmt)}, FINAL_KEY: "定稿", "at": "时间", "by": "操作人"}})

# ---- figures a module computes instead of the office entering them -------------------------------------------------
# key -> fn(year) -> number, or None when the module holds no records for that year (the office then enters the figure,
# e.g. for the years before it used the program). The review chain provides the 规范性文件 counts of table 二.
_PROVIDERS: dict[str, Callable[[int], int | Decimal]] = {}


def register_provider(key: str, fn: Callable[[int], int | Decimal]) -> None:
    _PROVIDERS[key] = fn


def unregister_provider(key: str) -> None:
    _PROVIDERS.pop(key, None)


# Sentences a module proposes for section 六（其他需要报告的事项）of the draft: name -> fn(year) -> str, or None when
# it has nothing to report for that year. The statutory format (国办公开办函〔2021〕30号) has tables for 主动公开,
# 依申请公开 and 复议诉讼 only; what else the office reports (举报投诉 about its disclosure work) is written there.
_OTHER_NOTES: dict[str, Callable[[int], str | None]] = {}


def register_other_note(name: str, fn: Callable[[int], str | None]) -> None:
    _OTHER_NOTES[name] = fn


# ---- entries --------------------------------------------------------------------------------------------------------

def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2008 <= year <= clock.today().year + 1:
        raise ValidationError("报告年度", f"应为2008至{clock.today().year + 1}年之间的年份")


def entries(year: int) -> dict:
    return {e.key: json.loads(e.value) for e in AnnualReportEntry.select().where(AnnualReportEntry.year == year)}


def _clean_figure(key: str, value, fmt: str) -> int | str | None:
    label = labels.table2_label(fmt, key)
    if value in (None, ""):
        return None
    text = str(value).strip().replace(",", "").replace("，", "")
    if key in labels.AMOUNT_KEYS:
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(label, f"“{value}”不是数字") from None
        if amount < 0:
            raise ValidationError(label, "不能为负数")
        if amount.as_tuple().exponent < -4:
            raise ValidationError(label, "单位为万元，最多保留4位小数（即精确到元）")
        return str(amount)
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(label, f"“{value}”不是整数") from None
    if number < 0 and key not in labels.SIGNED_KEYS:
        raise ValidationError(label, "不能为负数")
    return number


def final_state(year: int) -> dict | None:
    """Who marked the report of ``year`` final and when ({"at", "by"}); None while it is a draft (草稿)."""
    return entries(year).get(FINAL_KEY)


def save_entries(actor: Actor, year: int, values: dict) -> dict:
    """Store table 二 figures (keys of ``labels.table2_keys``) and section texts (``text.overview`` …) for ``year``,
    all validated first, in one transaction with one audit row. A report marked final is not changed."""
    require(actor, "report.edit")
    _check_year(year)
    if final_state(year):
        raise ValidationError("报告状态", f"{year}年度报告已定稿，不能修改；需要修改时请先取消定稿")
    fmt = labels.format_for(year)
    allowed = set(labels.table2_keys(fmt)) | {f"text.{k}" for k in labels.TEXT_SECTIONS}
    p = Problems()
    clean = {}
    for key, value in values.items():
        if key not in allowed:
            p.add(key, "不是本年度报告格式中的项目")
            continue
        if key in _PROVIDERS and _PROVIDERS[key](year) is not None:
            p.add(labels.table2_label(fmt, key), "由系统根据登记数据计算，不能手工填写")
            continue
        if key.startswith("text."):
            clean[key] = str(value or "").strip()
            continue
        try:
            clean[key] = _clean_figure(key, value, fmt)
        except ValidationError as err:
            p.items.extend(err.problems)
    p.raise_if_any()
    before = entries(year)
    changed = {k: v for k, v in clean.items() if before.get(k) != v}
    if not changed:
        return {}
    with write_transaction():
        for key, value in changed.items():
            encoded = json.dumps(value, ensure_ascii=False)
            AnnualReportEntry.insert(year=year, key=key, value=encoded, updated_at=clock.now(),
                                     updated_by=actor.user_id).on_conflict(
                conflict_target=[AnnualReportEntry.year, AnnualReportEntry.key],
                update={AnnualReportEntry.value: encoded, AnnualReportEntry.updated_at: clock.now(),
                        AnnualReportEntry.updated_by: actor.user_id}).execute()
        audit.record(actor, "report.entry", "annual_report", year, before={k: before.get(k) for k in changed},
                     after=changed)
    return changed


def set_final(actor: Actor, year: int, final: bool) -> dict | None:
    """Mark the report of ``year`` final (定稿) or a draft again. Final only once the year is over (the register can
    still change before), every written section is filled in and table 三 balances in every column; until then the
    printed report says 草稿."""
    require(actor, "report.edit")
    _check_year(year)
    before = final_state(year)
    if bool(before) == final:
        return before
    if final:
        p = Problems()
        if clock.today() <= dt.date(year, 12, 31):
            p.add("报告年度", f"{year}年尚未结束，登记数据还会变化，年度结束后才能定稿")
        stored = entries(year)
        sections = dict(labels.SECTIONS)
        for key in labels.TEXT_SECTIONS:
            if not str(stored.get(f"text.{key}") or "").strip():
                p.add(sections[key], "尚未填写")
        failing = _table3(year, labels.format_for(year)).check()
        if failing:
            p.add("表三", "勾稽关系不通过（" + "、".join(failing) + "），请先核对")
        p.raise_if_any()
    after = {"at": clock.now().isoformat(sep=" ", timespec="seconds"), "by": actor.display_name} if final else None
    with write_transaction():
        if final:
            AnnualReportEntry.insert(year=year, key=FINAL_KEY, value=json.dumps(after, ensure_ascii=False),
                                     updated_at=clock.now(), updated_by=actor.user_id).execute()
        else:
            AnnualReportEntry.delete().where((AnnualReportEntry.year == year)
                                             & (AnnualReportEntry.key == FINAL_KEY)).execute()
        audit.record(actor, "report.final", "annual_report", year, before={"final": before}, after={"final": after})
    return after


# ---- the report -----------------------------------------------------------------------------------------------------

@dataclass
class Figure:
    key: str
    value: int | Decimal | None
    computed: bool  # provided by a module, not entered


@dataclass
class AnnualReport:
    year: int
    fmt: str
    office_name: str
    texts: dict[str, str]  # section key -> text (entered, or empty)
    table2: dict[str, Figure]
    table3: Table3
    table4: dict[tuple[str, str], int]  # (category, result) -> count; category: reconsideration|direct|after_…
    table4_cases: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    fees_collected: int = 0
    final: dict | None = None  # {"at", "by"} once the office marked it final; a draft (草稿) until then

    @property
    def title(self) -> str:
        return f"{self.office_name}{self.year}年政府信息公开工作年度报告"


def _year_conditions(year: int):
    """SQL conditions over the register for table 三 of ``year`` (see ``table3``'s module docstring for the rules).

    ``relevant``: the requests the year can count or must name — not those received after the year and not concluded
    in it, nor those concluded before the year that hold nothing to report. ``odd``: the relevant requests whose data
    breaks a rule (unknown applicant type or outcome, concluded before received, a date without an outcome or the
    reverse); they go through ``table3.compute`` one by one so that each is named. Every other relevant request is
    counted by the database (``_clean_counts``). Neither condition is ever NULL."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    types, outcomes = list(catalog.APPLICANT_TYPES), list(catalog.OUTCOMES)
    R = Request
    odd = (R.applicant_type.not_in(types) | (R.outcome.is_null(False) & R.outcome.not_in(outcomes))
           | (R.decided_date.is_null(False) & (R.decided_date < R.received_date))
           | (R.decided_date.is_null(False) & R.outcome.is_null(True))
           | (R.outcome.is_null(False) & R.decided_date.is_null(True)))
    settled_before = ((R.received_date < first) & R.decided_date.is_null(False) & (R.decided_date < first)
                      & ~odd)
    # A voided registration (作废) is no request: found by the state's index, so the report index stays enough.
    voided = R.id.in_(Request.select(Request.id).where(Request.state == "voided"))
    relevant = ((R.received_date <= last) | R.decided_date.between(first, last)) & ~settled_before & ~voided
    # A clean relevant request is open or concluded in or after the year: said explicitly, so that the database
    # reads the two ranges of the report index (m005) instead of the table.
    open_or_recent = R.decided_date.is_null(True) | (R.decided_date >= first)
    rules = {
        "new": R.received_date.between(first, last),
        "carried_in": (R.received_date < first) & (R.decided_date.is_null(True) | (R.decided_date >= first)),
        "concluded": R.decided_date.between(first, last),
        "carried_out": (R.received_date <= last) & (R.decided_date.is_null(True) | (R.decided_date > last)),
    }
    return relevant, odd, rules, open_or_recent


def _facts(year: int, where=None) -> list[Facts]:
    """The requests table 三 of ``year`` names one by one (by default every relevant one), read straight from the
    cursor."""
    relevant, odd, _, _ = _year_conditions(year)
    query = (Request.select(Request.id, Request.number, Request.applicant_type, Request.received_date,
                            Request.decided_date, Request.outcome)
             .where(relevant if where is None else relevant & where))
    day = functools.lru_cache(maxsize=None)(lambda v: v if v is None or isinstance(v, dt.date)
                                            else dt.date.fromisoformat(v))
    return [Facts(rid, number, kind, day(received), day(decided), outcome)
            for rid, number, kind, received, decided, outcome in database.execute(query)]


def _table3(year: int, fmt: str) -> Table3:
    """Table 三: the odd requests through ``compute`` (so each is named), the rest counted in SQL by applicant type
    and outcome in one pass — a year of a million-request register without reading its rows."""
    relevant, odd, rules, open_or_recent = _year_conditions(year)
    relevant_clean = open_or_recent & relevant & ~odd
    # The odd rows are found in the report index alone (it holds every column ``odd`` reads); ``compute`` skips
    # those its year has nothing to do with, as it skips any request.
    odd_ids = Request.select(Request.id).where(odd)
    table = compute(_facts(year, Request.id.in_(odd_ids)), year, fmt)
    sums = [fn.SUM(Case(None, [(cond, 1)], 0)) for cond in rules.values()]
    query = (Request.select(Request.applicant_type, Request.outcome, *sums).where(relevant_clean)
             .group_by(Request.applicant_type, Request.outcome))
    counted: dict[tuple[str, str], int] = {}
    for kind, outcome, *values in database.execute(query):
        got = dict(zip(rules, (int(v or 0) for v in values)))
        for key in ("new", "carried_in", "carried_out"):
            counted[(key, kind)] = counted.get((key, kind), 0) + got[key]
        if got["concluded"]:
            for key in (leaf_row(outcome, fmt), "total"):
                counted[(key, kind)] = counted.get((key, kind), 0) + got["concluded"]
    table.counted = {k: v for k, v in counted.items() if v}

    def ids(row: str, column: str) -> list[int]:
        if row in rules:
            cond = rules[row]
        elif row == "total":
            cond = rules["concluded"]
        else:
            cond = rules["concluded"] & Request.outcome.in_(
                [o for o in catalog.OUTCOMES if leaf_row(o, fmt) == row])
        q = Request.select(Request.id).where(relevant_clean & cond & (Request.applicant_type == column))
        return [rid for (rid,) in database.execute(q)]
    table.counted_ids = ids
    return table


def table4_counts(year: int) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], list[int]]]:
    counts: dict[tuple[str, str], int] = {}
    cases: dict[tuple[str, str], list[int]] = {}
    for c in review_cases.cases_filed_in(year):
        category = "reconsideration" if c["kind"] == "reconsideration" else c["route"]
        for result in (c["result"], "total"):
            counts[(category, result)] = counts.get((category, result), 0) + 1
            cases.setdefault((category, result), []).append(c["id"])
    return counts, cases


def build(actor: Actor, year: int) -> AnnualReport:
    require(actor, "report.view")
    _check_year(year)
    fmt = labels.format_for(year)
    stored = entries(year)
    table2 = {}
    for key in labels.table2_keys(fmt):
        computed = _PROVIDERS[key](year) if key in _PROVIDERS else None
        if computed is not None:
            table2[key] = Figure(key, computed, True)
        else:
            raw = stored.get(key)
            table2[key] = Figure(key, Decimal(raw) if key in labels.AMOUNT_KEYS and raw is not None else raw, False)
    counts, cases = table4_counts(year)
    return AnnualReport(
        year=year, fmt=fmt, office_name=(office.get_profile() or {}).get("name", ""),
        texts={k: stored.get(f"text.{k}", "") for k in labels.TEXT_SECTIONS}, table2=table2,
        table3=_table3(year, fmt), table4=counts, table4_cases=cases,
        fees_collected=fees_service.collected(year), final=stored.get(FINAL_KEY))


def record_output(actor: Actor, year: int, how: str, path: str = "") -> None:
    """Note in the audit trail that the year's report was printed or saved (打印 / PDF / Word / Excel / JSON)."""
    require(actor, "report.view")
    _check_year(year)
    if how not in OUTPUT_KINDS:
        raise ValidationError("输出方式", "应为" + "、".join(OUTPUT_KINDS))
    with write_transaction():
        audit.record(actor, "report.output", "annual_report", year, after={"how": how, "file": path})


def cell_requests(actor: Actor, year: int, row: str, column: str) -> list[dict]:
    """The requests one cell of table 三 counts, so that every number can be traced."""
    report = build(actor, year)
    ids = report.table3.request_ids(row, column)
    rows = Request.select().where(Request.id.in_(ids)).order_by(Request.received_date, Request.id) if ids else []
    return [{"id": r.id, "number": r.number, "received_date": r.received_date, "applicant_name": r.applicant_name,
             "applicant_type_label": catalog.APPLICANT_TYPES.get(r.applicant_type, r.applicant_type),
             "state_label": catalog.STATES.get(r.state, r.state), "decided_date": r.decided_date,
             "outcome_label": catalog.OUTCOMES[r.outcome].label if r.outcome in catalog.OUTCOMES else ""}
            for r in rows]


# ---- drafts of the written sections --------------------------------------------------------------------------------

def _on_time(year: int) -> tuple[int, int]:
    """(concluded in the year with a due date, of which on or before it)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    query = Request.select(Request.decided_date, Request.due_date).where(
        (Request.decided_date >= first) & (Request.decided_date <= last) & Request.due_date.is_null(False)
        & Request.outcome.is_null(False))
    total = late = 0
    for decided, due in query.tuples():
        total += 1
        late += decided > due
    return total, total - late


def drafts(actor: Actor, year: int) -> dict[str, str]:
    """Proposed wording for sections 一, 五 and 六 from the year's data; the office edits and saves its own."""
    report = build(actor, year)
    t = report.table3
    new, carried_in = t.value("new", "total"), t.value("carried_in", "total")
    concluded, carried_out = t.value("total", "total"), t.value("carried_out", "total")
    disclosed = t.value("disclose", "total")
    partial = t.value("partial", "total")
    total, on_time = _on_time(year)
    rate = f"{on_time / total * 100:.1f}%" if total else "—"
    name = report.office_name or "本机关"
    overview = (
        f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。"
        f"全年新收政府信息公开申请{new}件，上年结转{carried_in}件；办结{concluded}件，其中予以公开{disclosed}件、"
        f"部分公开{partial}件；结转下年度继续办理{carried_out}件。"
        + (f"本年度作出答复且有答复期限的{total}件申请中，{on_time}件在法定期限内答复，按期答复率{rate}"
           f"（{on_time}÷{total}）。" if total else "本年度没有需要计算按期答复率的答复。"))
    cases = sum(v for (cat, res), v in report.table4.items() if res == "total")
    corrected = sum(v for (cat, res), v in report.table4.items() if res == "corrected")
    late = total - on_time
    problems = []
    if late:
        problems.append(f"有{late}件申请未能在法定期限内答复，办理时效有待提高")
    if corrected:
        problems.append(f"有{corrected}件政府信息公开行政复议、行政诉讼案件结果被纠正")
    problem_text = ("存在的主要问题：" + "；".join(problems) + "。" if problems else
                    "本年度依申请公开工作总体规范，但主动公开的深度和解读回应的针对性仍有提升空间。")
    improve = "下一步，将加强答复期限管理和文书规范审核，做好政府信息公开培训，进一步提升依申请公开办理质量。"
    fees = report.fees_collected
    other = (f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费{fees}元。" if fees else
             "本年度未收取信息处理费。") + (f"本年度收到政府信息公开行政复议、行政诉讼案件{cases}件。" if cases else "")
    other += "".join(note for fn in _OTHER_NOTES.values() if (note := fn(year)))
    return {"overview": overview, "problems": problem_text + improve, "other": other}


# ---- the legal date ----------------------------------------------------------------------------------------------

def deadline_for(report_year: int) -> dt.date:
    """The office's publication date for the report on ``report_year`` (setting; 条例第四十九条: 1月31日 for
    county-level departments, 3月31日 for governments; a township follows its county)."""
    month, day = (int(x) for x in settings.get("report.deadline").split("-"))
    return dt.date(report_year + 1, month, day)


def reminder(today: dt.date | None = None) -> str | None:
    """From 1 December until the date passes: which report is due when."""
    today = today or clock.today()
    year = today.year if today.month == 12 else today.year - 1
    due = deadline_for(year)
    if today < dt.date(year, 12, 1) or today > due:
        return None
    left = (due - today).days
    return (f"{year}年政府信息公开工作年度报告应于 {due.isoformat()} 前向社会公布（还有{left}天）"
            + ("，今天是最后一天" if left == 0 else ""))
