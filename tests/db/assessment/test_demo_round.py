"""The demo's assessment: every indicator bound to a registered measure is scored from the figure the records give
(依申请公开, 发布审核, 举报投诉, 监督员), never by hand for want of data; the proposals are kept except the weakest
unit's, each overridden with its reason; the grade sheets exported as xlsx carry each figure."""
import datetime as dt

import openpyxl

from app import demo, files, modules
from app.assessment import export, rules, tables
from db.models import Round, RoundUnit, Score


def test_the_demo_rounds_score_every_bound_indicator_from_the_records(db, tmp_path, frozen_clock, make_user):
    modules.load()
    files.configure(tmp_path / "files")
    frozen_clock.set(dt.datetime(2026, 11, 20, 9, 0))
    demo.fill(requests=120, seed=1)
    known = tables.known_measures()
    assert {"complaints.on_time_pct", "supervisors.answered_pct"} <= set(known)
    head = make_user("section_head", username="kaohe", display_name="考核")
    seen, overridden = set(), set()
    for r in Round.select().order_by(Round.year):
        table = tables.load_table(r.table_id)
        bound = [node for node, _ in rules.walk(table["indicators"]) if node.get("measure") in known]
        assert {n["measure"] for n in bound} >= {"complaints.on_time_pct", "supervisors.answered_pct"}
        path = tmp_path / f"{r.year}.xlsx"
        export.export_grades(head, r.year, "xlsx", str(path))
        wb = openpyxl.load_workbook(path)
        for u in RoundUnit.select().where(RoundUnit.round == r.id):
            scores = list(Score.select().where(Score.round_unit == u.id))
            if not scores:
                continue  # this year's round is partly scored
            notes = {wb[u.unit].cell(row, 2).value: wb[u.unit].cell(row, 7).value
                     for row in range(4, wb[u.unit].max_row + 1)}
            for node in bound:
                mine = [s for s in scores if s.indicator == node["code"]]
                assert mine, (r.year, u.unit, node["title"])
                for s in mine:
                    assert s.figure is not None and s.proposed is not None, (r.year, u.unit, node["measure"])
                    assert s.points == s.proposed or s.override_reason
                    if s.points != s.proposed:
                        overridden.add((r.year, u.unit))
                assert (notes[node["title"]] or "").startswith(f"数据：{rules.fmt(mine[0].figure)}")
                seen.add(node["measure"])
    assert {n["measure"] for n in bound} <= seen
    assert len(overridden) == 1  # the weakest unit of last year's round
