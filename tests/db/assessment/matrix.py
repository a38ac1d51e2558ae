"""The 考核评议 permissions for the role × action matrix (tests/db/test_permission_matrix.py): each one a real service
call on a one-unit round with a one-indicator table, brought to the state that needs it."""
import datetime as dt

from app import clock
from app.actor import system_actor
from app.assessment import export, rounds, scoring, tables

_TABLE = [{"title": "主动公开情况", "points": 100, "rule": "按公开情况评分"}]


def _plan() -> dict:
    """A 2025 round's plan: one unit, one manual indicator."""
    system = system_actor()
    clock.freeze(dt.datetime(2026, 3, 9, 9, 30))
    table = tables.create_table(system, "矩阵测试表", 100, _TABLE)
    bands = tables.create_bands_from_preset(system, "three")
    return {"year": 2025, "table_id": table["id"], "bands_id": bands["id"], "units": ["办公室"],
            "members": [{"name": "李华"}]}


def _round(state: str) -> int:
    """The 2025 round taken by the system up to ``state``."""
    system = system_actor()
    rid = rounds.create_round(system, _plan())["id"]
    steps = [("approve_plan", {"date": dt.date(2026, 1, 5)}),
             ("announce", {"date": dt.date(2026, 1, 6), "onsite_date": dt.date(2026, 1, 26)}),
             ("check", {"date": dt.date(2026, 1, 26), "methods": ["听取汇报"]})]
    for code, data in steps:
        rounds.advance(system, rid, code, data)
    if state == "scored":
        scoring.save_score(system, _unit(rid), "1", "李华", 92)
    return rid


def _unit(rid: int) -> int:
    return rounds.round_detail(system_actor(), rid)["units"][0]["id"]


ASSESSMENT_ACTIONS = {
    "assessment.view": lambda actor, ctx: tables.list_tables(actor),
    "assessment.configure": lambda actor, ctx: tables.create_from_preset(actor, "seed003"),
    "assessment.manage": lambda actor, ctx: rounds.create_round(actor, _plan()),
    "assessment.score": lambda actor, ctx: scoring.save_score(actor, _unit(_round("checked")), "1", "李华", 90),
    "assessment.approve": lambda actor, ctx: rounds.advance(actor, _round("scored"), "approve",
                                                            {"date": dt.date(2026, 2, 1)}),
    "assessment.export": lambda actor, ctx: (_round("scored"), export.export_grades(
        actor, 2025, "xlsx", str(ctx["tmp"] / "g.xlsx"))),
}
