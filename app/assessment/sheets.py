"""考核评分表 (per unit: indicator, maximum, the assessors' average, the agreed figure, the score counted, deductions
with their reasons, total, grade) and the round's 考核结果汇总表 (all units ranked, grades, the leading group's signature
block), as plain data and as documents for the printing engine (GB/T 9704 layout, fonts embedded)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from app import clock, office
from app.assessment import rounds, rules, scoring, tables
from app.printing.document import Cell, Document, Heading, PageBreak, Paragraph, Signature, Spacer, Table, \
    chinese_date
from db.models import Round, RoundUnit, Score


@dataclass(frozen=True)
class SheetRow:
    area: str
    title: str
    points: float
    average: float | None
    agreed: float | None
    used: float | None
    notes: str  # deductions with reasons, adjustments of a proposal with theirs
    bonus: bool = False


@dataclass(frozen=True)
class UnitSheet:
    year: int
    unit: str
    rows: tuple[SheetRow, ...]
    table_total: float
    total: float | None
    grade: str
    combine: str


def _notes(node: dict, scores: list[Score]) -> str:
    items = {d["code"]: d for d in node.get("deductions") or []}
    parts = []
    for s in scores:
        who = s.assessor or "商定"
        for d in json.loads(s.deductions):
            item = items.get(d["code"], {"title": d["code"], "each": 0})
            parts.append(f"{who}：{item['title']}扣{rules.fmt(float(item['each']) * d['count'])}分（{d['reason']}）")
        if s.override_reason:
            parts.append(f"{who}：建议{rules.fmt(s.proposed)}分，给{rules.fmt(s.points)}分（{s.override_reason}）")
    if node.get("measure") and scores and scores[0].figure is not None:
        parts.insert(0, f"数据：{rules.fmt(scores[0].figure)}")
    return "；".join(parts)


def unit_sheet(r: Round, u: RoundUnit) -> UnitSheet:
    table, bands = tables.load_table(r.table_id), tables.load_bands(r.bands_id)
    results, total = scoring.unit_results(r, u, table)
    scores: dict[str, list[Score]] = {}
    for s in Score.select().where(Score.round_unit == u.id).order_by(Score.assessor, Score.id):
        scores.setdefault(s.indicator, []).append(s)
    rows = []
    for node, parents in rules.walk(table["indicators"]):
        if node.get("children"):
            continue
        res = results[node["code"]]
        bonus = rules.is_bonus(node)
        area = parents[0] if parents else ("加分项" if bonus else node["title"])
        rows.append(SheetRow(area, node["title"] if parents or bonus else "",
                             float(node["points"]), res.average, res.agreed, res.used,
                             _notes(node, scores.get(node["code"], [])), bonus))
    if r.state in tables.FINISHED:
        total, grade = u.total, u.grade
    else:
        grade = rules.grade_for(total, bands["bands"], bands["boundary"]) if total is not None else ""
    return UnitSheet(r.year, u.unit, tuple(rows), float(table["total"]), total, grade, r.combine)


def units_of(r: Round) -> list[RoundUnit]:
    return list(RoundUnit.select().where(RoundUnit.round == r.id).order_by(RoundUnit.seq, RoundUnit.id))


def _status(r: Round) -> str:
    return "" if r.state in tables.FINISHED else "未审定"


def _c(text, **kw) -> Cell:
    return Cell(text, align=kw.pop("align", "center"), **kw)


def unit_blocks(sheet: UnitSheet) -> list:
    head = ("考核内容", "指标", "分值", "评分人平均", "商定分", "得分", "扣分及说明")
    rows = [tuple(_c(h, bold=True) for h in head)]
    for row in sheet.rows:
        rows.append((Cell(row.area), Cell(row.title), _c(rules.fmt(row.points)),
                     _c(rules.fmt(row.average)), _c(rules.fmt(row.agreed)), _c(rules.fmt(row.used)), Cell(row.notes)))
    rows.append((_c("合计", colspan=2, bold=True), _c(rules.fmt(sheet.table_total)), _c(""), _c(""),
                 _c(rules.fmt(sheet.total), bold=True), Cell(f"考核等次：{sheet.grade or '—'}", bold=True)))
    return [Paragraph(f"被考核科室：{sheet.unit}　　得分采用：{rules.COMBINE[sheet.combine]}", indent=False),
            Table(rows=tuple(rows), col_widths=(2.0, 2.8, 0.9, 1.3, 1.1, 1.2, 4.6), header_rows=1, font_size=10.5)]


def summary_blocks(r: Round, ranked: list[dict]) -> list:
    rows = [tuple(_c(h, bold=True) for h in ("名次", "被考核科室", "考核得分", "考核等次", "表彰/通报批评"))]
    for row in ranked:
        rows.append((_c(str(row["rank"] or "—")), Cell(row["unit"]), _c(rules.fmt(row["total"])),
                     _c(row["grade"] or "—"), _c(rounds.FOLLOWUPS.get(row["followup"], ""))))
    members = "、".join(m["name"] for m in json.loads(r.members)) or "（未确定）"
    methods = "、".join(json.loads(r.onsite_methods)) or "—"
    intro = (f"根据考核方案（{chinese_date(r.plan_approved_date) + '审定' if r.plan_approved_date else '待审定'}），"
             f"考核小组（{members}）于{chinese_date(r.onsite_date) if r.onsite_date else '（待定）'}采取{methods}等方式"
             f"对{len(ranked)}个科室{r.year}年度政府信息公开工作进行了考核，结果如下。")
    approved = (f"{chinese_date(r.approved_date)}审定" + (f"：{r.approval_note}" if r.approval_note else "")
                if r.approved_date else "")
    sign = Table(rows=((_c("领导小组审定意见", bold=True), Cell(approved or "", colspan=3)),
                       (_c("领导小组组长（签字）", bold=True), "", _c("日期", bold=True), ""),),
                 col_widths=(2.6, 3.0, 1.2, 2.4), font_size=12, min_row_height_mm=14)
    return [Paragraph(intro), Table(rows=tuple(rows), col_widths=(1.0, 3.2, 1.6, 1.6, 2.0), header_rows=1,
                                    font_size=12), Spacer(0.5), sign]


def _office_name() -> str:
    return (office.get_profile() or {}).get("name", "")


def summary_document(r: Round) -> Document:
    name = _office_name()
    day = r.notified_date or r.approved_date or clock.today()
    return Document(title=f"{r.year}年度政府信息公开工作考核结果汇总表", kind="考核结果汇总表",
                    blocks=summary_blocks(r, scoring.ranked(r)), status_mark=_status(r),
                    signature=Signature((name,), day, seal=False) if name else None)


def grade_document(r: Round) -> Document:
    """The summary and every unit's sheet in one document, each sheet on a page of its own."""
    doc = summary_document(r)
    blocks = list(doc.blocks)
    for u in units_of(r):
        blocks += [PageBreak(), Heading(f"{u.unit}考核评分表", level=1)] + unit_blocks(unit_sheet(r, u))
    return Document(title=doc.title, kind="考核评分表", blocks=blocks, status_mark=doc.status_mark,
                    signature=None, author=_office_name())
