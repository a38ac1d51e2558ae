"""评分: each assessor's points per indicator and unit, or the group's agreed figure; for an indicator bound to a
measure, the points the records propose, with the figure and the records behind it. An assessor who gives other
points than proposed writes why, and the reason is kept with the score (and in the audit log)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from app import audit, clock
from app.actor import Actor
from app.assessment import rounds, rules, tables
from app.errors import InvalidState, NotFound, Problems
from app.permissions import require
from db.connection import write_transaction
from db.models import Round, RoundUnit, Score

audit.register_labels(actions={"assessment.score": "考核评分"}, entities={"assessment_score": "考核评分"})

AGREED = ""  # the assessor name of the group's agreed figure


@dataclass(frozen=True)
class Proposal:
    figure: float | None  # the measure's value for the unit and year (None: nothing recorded)
    points: float | None
    measure_title: str
    unit_label: str
    available: bool  # False: the leaf is bound to a measure no installed module offers (scored by hand)


def _measure(node: dict):
    return tables.known_measures().get(node.get("measure") or "")


def proposal(node: dict, year: int, unit: str) -> Proposal | None:
    """What the records propose for a leaf; ``None`` for a manual leaf."""
    if not node.get("measure"):
        return None
    m = _measure(node)
    if m is None:
        return Proposal(None, None, node["measure"], "", False)
    figure = m.compute(year, unit if m.per_unit else None)
    return Proposal(figure, rules.proposed_points(node, figure), m.title, m.unit_label, True)


def _entered(s: Score) -> rules.Entered:
    return rules.Entered(s.points, tuple((d["code"], d["count"]) for d in json.loads(s.deductions)))


def _scores(u: RoundUnit) -> dict[str, list[Score]]:
    out: dict[str, list[Score]] = {}
    for s in Score.select().where(Score.round_unit == u.id).order_by(Score.id):
        out.setdefault(s.indicator, []).append(s)
    return out


def unit_results(r: Round, u: RoundUnit, table: dict | None = None) -> tuple[dict[str, rules.LeafResult], float | None]:
    table = table or tables.load_table(r.table_id)
    by_code = _scores(u)
    results = {}
    for leaf in rules.leaves(table["indicators"]):
        scored = by_code.get(leaf["code"], [])
        agreed = next((_entered(s) for s in scored if s.assessor == AGREED), None)
        results[leaf["code"]] = rules.combine_leaf(leaf, [_entered(s) for s in scored if s.assessor != AGREED],
                                                   agreed, r.combine)
    return results, rules.unit_total(table["total"], table["indicators"], results)


def incomplete_units(r: Round) -> list[str]:
    table = tables.load_table(r.table_id)
    return [u.unit for u in RoundUnit.select().where(RoundUnit.round == r.id).order_by(RoundUnit.seq)
            if unit_results(r, u, table)[1] is None]


def final_results(r: Round) -> list[tuple[str, float, str]]:
    """(unit, total, grade) of every unit, on the round's bands (its boundary rule)."""
    table, bands = tables.load_table(r.table_id), tables.load_bands(r.bands_id)
    out = []
    for u in RoundUnit.select().where(RoundUnit.round == r.id).order_by(RoundUnit.seq):
        total = unit_results(r, u, table)[1]
        out.append((u.unit, total, rules.grade_for(total, bands["bands"], bands["boundary"])))
    return out


def _leaf(table: dict, code: str) -> dict:
    for leaf in rules.leaves(table["indicators"]):
        if leaf["code"] == code:
            return leaf
    raise NotFound(f"考核指标表中没有编号为“{code}”的指标")


def _unit(round_unit_id) -> RoundUnit:
    u = RoundUnit.get_or_none(RoundUnit.id == round_unit_id)
    if u is None:
        raise NotFound("找不到该被考核科室")
    return u


def score_sheet(actor: Actor, round_unit_id: int) -> dict:
    """For the scoring window: every leaf with its points, rule, proposal and the scores given so far."""
    require(actor, "assessment.view")
    u = _unit(round_unit_id)
    r = u.round
    table = tables.load_table(r.table_id)
    results, total = unit_results(r, u, table)
    by_code = _scores(u)
    rows = []
    for node, parents in rules.walk(table["indicators"]):
        if node.get("children"):
            continue
        p = proposal(node, r.year, u.unit)
        res = results[node["code"]]
        rows.append({
            "code": node["code"], "title": node["title"], "area": parents[0] if parents else "",
            "path": " / ".join(parents + (node["title"],)), "points": node["points"], "rule": node.get("rule", ""),
            "bonus": rules.is_bonus(node), "deductions": node.get("deductions") or [],
            "measure": p.measure_title if p else "", "unit_label": p.unit_label if p else "",
            "available": p.available if p else True, "figure": p.figure if p else None,
            "proposed": p.points if p else None,
            "scores": [{"assessor": s.assessor, "points": s.points, "deductions": json.loads(s.deductions),
                        "score": rules.leaf_score(node, _entered(s)), "proposed": s.proposed, "figure": s.figure,
                        "override_reason": s.override_reason, "note": s.note} for s in by_code.get(node["code"], [])],
            "average": res.average, "agreed": res.agreed, "used": res.used,
        })
    return {"unit": u.unit, "year": r.year, "state": r.state, "combine": r.combine, "rows": rows, "total": total,
            "members": [m["name"] for m in json.loads(r.members)], "table_total": table["total"]}


def save_score(actor: Actor, round_unit_id: int, code: str, assessor: str, points, deductions: list[dict] | None = None,
               override_reason: str = "", note: str = "") -> dict:
    """One assessor's points for one leaf (``assessor`` = "" for the agreed figure). Points other than the records'
    proposal need a reason; each deduction names its item, how many times and why."""
    require(actor, "assessment.score")
    u = _unit(round_unit_id)
    r = u.round
    if r.state not in rounds.SCORING_STATES:
        raise InvalidState(f"本次考核{rounds.STATES[r.state]}，现场考核后、结果审定前评分")
    table = tables.load_table(r.table_id)
    node = _leaf(table, code)
    p = Problems()
    assessor = str(assessor or "").strip()
    members = [m["name"] for m in json.loads(r.members)]
    if assessor != AGREED and assessor not in members:
        p.add("评分人", f"“{assessor}”不是考核小组成员")
    try:
        value = round(float(points), 2)
    except (TypeError, ValueError):
        value = None
        p.add("得分", "应为数字")
    if value is not None and not 0 <= value <= float(node["points"]):
        p.add("得分", f"应在0到{rules.fmt(node['points'])}分之间")
    items = {d["code"]: d for d in node.get("deductions") or []}
    clean_deductions = []
    for d in deductions or []:
        item = items.get(d.get("code"))
        if item is None:
            p.add("扣分", f"“{node['title']}”没有扣分项“{d.get('code')}”")
            continue
        try:
            count = float(d.get("count"))
        except (TypeError, ValueError):
            count = 0
        reason = str(d.get("reason") or "").strip()
        if count <= 0:
            p.add(f"扣分项“{item['title']}”", "次数应大于0")
        if not reason:
            p.add(f"扣分项“{item['title']}”", "应写明扣分原因")
        clean_deductions.append({"code": item["code"], "count": count, "reason": reason})
    prop = proposal(node, r.year, u.unit)
    reason = str(override_reason or "").strip()
    proposed = prop.points if prop else None
    if proposed is not None and value is not None and abs(value - proposed) > rules.EPS and not reason:
        p.add("调整理由", f"数据计算建议得分 {rules.fmt(proposed)} 分，给出其他分数应写明理由")
    p.raise_if_any()
    if proposed is not None and value is not None and abs(value - proposed) <= rules.EPS:
        reason = ""
    values = dict(points=value, deductions=json.dumps(clean_deductions, ensure_ascii=False), proposed=proposed,
                  figure=prop.figure if prop else None, override_reason=reason, note=str(note or "").strip(),
                  entered_by=actor.user_id, entered_at=clock.now())
    with write_transaction():
        existing = Score.get_or_none((Score.round_unit == u.id) & (Score.indicator == code)
                                     & (Score.assessor == assessor))
        before = None
        if existing:
            before = {"points": existing.points, "deductions": json.loads(existing.deductions),
                      "override_reason": existing.override_reason}
            Score.update(**values).where(Score.id == existing.id).execute()
        else:
            Score.create(round_unit=u.id, indicator=code, assessor=assessor, **values)
        audit.record(actor, "assessment.score", "assessment_score", f"{r.year}/{u.unit}/{code}/{assessor or '商定'}",
                     before=before, after={"points": value, "deductions": clean_deductions, "proposed": proposed,
                                           "figure": values["figure"], "override_reason": reason})
    return {"score": rules.leaf_score(node, rules.Entered(value, tuple((d["code"], d["count"])
                                                                        for d in clean_deductions)))}


def records_behind(actor: Actor, round_unit_id: int, code: str) -> list[tuple[str, str]]:
    """The records a proposal was computed from: (编号, one line), as the measure's module lists them."""
    require(actor, "assessment.view")
    u = _unit(round_unit_id)
    node = _leaf(tables.load_table(u.round.table_id), code)
    m = _measure(node)
    if m is None or m.records is None:
        return []
    return list(m.records(u.round.year, u.unit if m.per_unit else None))


def summary(actor: Actor, round_id: int) -> list[dict]:
    """All units ranked by total (the approved totals once approved), with their grades."""
    require(actor, "assessment.view")
    return ranked(rounds.get_round(round_id))


def ranked(r: Round) -> list[dict]:
    table, bands = tables.load_table(r.table_id), tables.load_bands(r.bands_id)
    rows = []
    for u in RoundUnit.select().where(RoundUnit.round == r.id).order_by(RoundUnit.seq, RoundUnit.id):
        if r.state in tables.FINISHED:
            total, grade = u.total, u.grade
        else:
            total = unit_results(r, u, table)[1]
            grade = rules.grade_for(total, bands["bands"], bands["boundary"]) if total is not None else ""
        rows.append({"id": u.id, "unit": u.unit, "total": total, "grade": grade, "followup": u.followup,
                     "rectify_due": u.rectify_due, "recheck_result": u.recheck_result})
    rows.sort(key=lambda x: (x["total"] is None, -(x["total"] or 0)))
    rank, last = 0, None
    for i, row in enumerate(rows, 1):
        if row["total"] != last:
            rank, last = i, row["total"]
        row["rank"] = rank if row["total"] is not None else None
    return rows
