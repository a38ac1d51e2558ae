"""演示数据 for 考核评议, made through the real services: the preset indicator tables and bands; last year's round run
from the 考核方案 to the notified results (one unit graded 不合格, its 整改 and 验收, the best one commended), and this
year's round after the on-site check, partly scored. The units assessed are those the other modules' demo records
give figures for. The county-style table has every kind of indicator: bound to the figures of 依申请公开, 发布审核,
举报投诉 and 监督员 (按比例, 按件扣分), manual with deduction items, and a bonus item; the weakest unit's proposals are
overridden with their reason."""
from __future__ import annotations

import datetime as dt
import random

from app import clock, settings
from app.actor import Actor, system_actor
from app.assessment import presets, rounds, rules, scoring, tables
from db.models import GradeBands, IndicatorTable, Round

TABLE = "county100"
BANDS = "four"
MEMBERS = ({"name": "李华", "role": "组长"}, {"name": "王强", "role": "成员"}, {"name": "赵敏", "role": "监督员"})


def _presets(actor: Actor) -> tuple[int, int]:
    table_id = bands_id = None
    for key, spec in presets.TABLES.items():
        row = IndicatorTable.get_or_none(IndicatorTable.name == spec["name"])
        made = row.id if row else tables.create_from_preset(actor, key)["id"]
        if key == TABLE:
            table_id = made
    for key, spec in presets.BANDS.items():
        row = GradeBands.get_or_none(GradeBands.name == spec["name"])
        made = row.id if row else tables.create_bands_from_preset(actor, key)["id"]
        if key == BANDS:
            bands_id = made
    return table_id, bands_id


def _score_unit(scorer: Actor, round_unit_id: int, rng: random.Random, weak: bool) -> None:
    sheet = scoring.score_sheet(scorer, round_unit_id)
    for row in sheet["rows"]:
        for member in ("李华", "王强"):
            points = float(row["points"])
            reason, deductions = "", []
            if row["bonus"]:
                if weak or rng.random() < 0.6:
                    continue
                given = 2.0
            elif row["proposed"] is not None:
                given = row["proposed"]
                if weak:
                    given = round(points * 0.45, 2)
                    reason = "实地察看发现答复台账与系统记录不一致，按核实的情况评分"
            else:
                given = round(points * (0.45 if weak else rng.choice((0.8, 0.9, 1.0))), 1)
            if row["deductions"] and (weak or rng.random() < 0.5):
                item = row["deductions"][0]
                deductions = [{"code": item["code"], "count": 1 + (weak and 1),
                               "reason": f"现场检查发现：{item['title']}"}]
            scoring.save_score(scorer, round_unit_id, row["code"], member, given, deductions, reason)


def _assessed_units(table_id: int, year: int, n: int = 4) -> list[str]:
    """Up to ``n`` units whose demo records give a figure for every bound indicator of ``year`` (at least three; when
    fewer have them all, the ``n`` with the most), so that the demo shows scores computed from the records rather
    than given by hand for want of data. The office's order among equals."""
    known = tables.known_measures()
    keys = [node["measure"] for node, _ in rules.walk(tables.load_table(table_id)["indicators"])
            if node.get("measure") in known]

    def figures(unit: str) -> int:
        return sum(known[k].compute(year, unit if known[k].per_unit else None) is not None for k in keys)
    counts = {unit: figures(unit) for unit in settings.units()}
    complete = [unit for unit, c in counts.items() if c == len(keys)]
    return complete[:n] if len(complete) >= 3 else sorted(counts, key=counts.get, reverse=True)[:n]


def make_rounds(staff: dict, seed: int) -> str:
    rng = random.Random(seed + 16)
    admin = system_actor("演示数据")
    head, leader = staff["lihua"], staff["wangqiang"]
    table_id, bands_id = _presets(admin)
    today = clock.today()
    made = []
    # last year's round, finished: dates around the turn of the year (seeds 000 第八条: 年底或下年初)
    year = today.year - 1
    if not Round.select().where(Round.year == year).exists():
        jan1 = dt.date(today.year, 1, 1)
        approve_day = min(jan1 + dt.timedelta(days=9), today)
        units = _assessed_units(table_id, year)
        r = rounds.create_round(head, {"year": year, "table_id": table_id, "bands_id": bands_id, "units": units,
                                       "members": MEMBERS, "combine": "average"}, source="demo")["id"]
        rounds.advance(head, r, "approve_plan", {"date": jan1 - dt.timedelta(days=30)})
        rounds.advance(head, r, "announce", {"date": jan1 - dt.timedelta(days=28),
                                             "onsite_date": jan1 - dt.timedelta(days=10)})
        detail = rounds.round_detail(head, r)
        for u in detail["units"]:
            rounds.record_self_check(head, u["id"], jan1 - dt.timedelta(days=15),
                                     f"{u['unit']}{year}年度政府信息公开工作自查报告")
        rounds.advance(head, r, "check", {"date": jan1 - dt.timedelta(days=10),
                                          "methods": ["听取汇报", "民主测评", "实地察看"]})
        for i, u in enumerate(detail["units"]):
            _score_unit(head, u["id"], rng, weak=i == len(detail["units"]) - 1)
        rounds.advance(leader, r, "approve", {"date": approve_day, "note": "同意考核小组意见"})
        rounds.advance(head, r, "notify", {"date": approve_day, "form": "文件", "ref": f"政公开〔{today.year}〕1号"})
        ranked = scoring.summary(head, r)
        for row in ranked:
            if rules.is_failing(row["grade"]):
                rounds.set_rectification(head, row["id"], approve_day + dt.timedelta(days=30),
                                         "完善依申请公开台账，按期答复，每月更新公开目录")
                if approve_day + dt.timedelta(days=35) <= today:
                    rounds.record_recheck(head, row["id"], approve_day + dt.timedelta(days=35), "passed",
                                          "台账已补齐，目录已更新")
                rounds.record_followup(head, row["id"], "criticise", approve_day, "在全局范围内通报批评")
        if ranked and not rules.is_failing(ranked[0]["grade"]):
            rounds.record_followup(head, ranked[0]["id"], "commend", approve_day, "年度政务公开先进科室")
        made.append(f"{year}年度考核（已通报）")
    # this year's round: on-site check done, the first unit scored
    year = today.year
    if not Round.select().where(Round.year == year).exists():
        units = _assessed_units(table_id, year)
        r = rounds.create_round(head, {"year": year, "table_id": table_id, "bands_id": bands_id, "units": units,
                                       "members": MEMBERS, "combine": "average"}, source="demo")["id"]
        rounds.advance(head, r, "approve_plan", {"date": today - dt.timedelta(days=20)})
        rounds.advance(head, r, "announce", {"date": today - dt.timedelta(days=18),
                                             "onsite_date": today - dt.timedelta(days=2)})
        rounds.advance(head, r, "check", {"date": today - dt.timedelta(days=2), "methods": ["听取汇报", "实地察看"]})
        first = rounds.round_detail(head, r)["units"][0]
        _score_unit(head, first["id"], rng, weak=False)
        made.append(f"{year}年度考核（评分中）")
    return "考核评议：" + "、".join(made) if made else "考核评议：已有演示考核"


def foreign_rounds() -> str | None:
    n = Round.select().where(Round.source != "demo").count()
    return f"{n}次考核评议" if n else None
