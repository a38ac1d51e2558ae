"""Indicator tables and bands as stored office data: presets, copies, edits refused with the reason, frozen once a
finished round has used them."""
import pytest

from app.assessment import rounds, tables
from app.errors import InvalidState, ValidationError
from tests.db.assessment.conftest import D, fill_scores, plan


def test_presets_are_stored_with_absent_measures_made_manual(staff, tabled):
    table, bands = tabled
    leaves = [n for n in _leaves(table["indicators"])]
    bound = {n.get("measure") for n in leaves if n.get("measure")}
    # the requests' and items' figures are installed; complaints and supervisors are not in this program yet
    assert bound <= set(tables.known_measures())
    assert {"requests.on_time_pct", "requests.overdue", "publication.on_time_pct"} <= bound
    assert [b["name"] for b in bands["bands"]] == ["优胜", "先进", "合格", "不合格"]
    assert not table["frozen"]


def _leaves(nodes):
    for n in nodes:
        if n.get("children"):
            yield from _leaves(n["children"])
        else:
            yield n


def test_a_table_that_does_not_add_up_is_refused_with_the_difference(staff, tabled):
    table, _ = tabled
    nodes = table["indicators"]
    nodes[0]["points"] = 12  # its children still add up to 10
    with pytest.raises(ValidationError) as err:
        tables.save_table(staff["admin"], table["id"], table["name"], 100, nodes)
    assert "下级指标合计 10 分，与本项分值 12 分相差 -2 分" in str(err.value)
    assert "各项指标合计 102 分，与总分 100 分相差 2 分" in str(err.value)


def test_only_the_administrator_keeps_tables(staff, tabled):
    from app.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        tables.copy_table(staff["head"], tabled[0]["id"], "副本")


def test_bands_with_a_gap_are_refused(staff):
    with pytest.raises(ValidationError, match="89-89 分没有对应的等次"):
        tables.create_bands(staff["admin"], "自定等次", [{"name": "优秀", "low": 90, "high": 100},
                                                     {"name": "合格", "low": 0, "high": 88}], "half_up")


def test_a_table_used_by_a_finished_round_is_frozen_and_can_be_copied(staff, tabled, checked):
    table, bands = tabled
    detail = rounds.round_detail(staff["head"], checked)
    for u in detail["units"]:
        fill_scores(staff["head"], u["id"], share=0.9)
    tables.save_table(staff["admin"], table["id"], table["name"], 100, table["indicators"], note="审定前仍可修改")
    rounds.advance(staff["leader"], checked, "approve", {"date": D(2026, 6, 30)})
    assert tables.get_table(staff["admin"], table["id"])["frozen"]
    with pytest.raises(InvalidState, match="请复制后修改副本"):
        tables.save_table(staff["admin"], table["id"], table["name"], 100, table["indicators"])
    with pytest.raises(InvalidState):
        tables.save_bands(staff["admin"], bands["id"], bands["name"], bands["bands"], "down")
    copy = tables.copy_table(staff["admin"], table["id"], "县级百分制考核表（2027）")
    assert copy["indicators"] == table["indicators"] and not copy["frozen"]
    changed = copy["indicators"]
    changed[0]["children"][0]["points"], changed[0]["children"][1]["points"] = 4, 6
    assert tables.save_table(staff["admin"], copy["id"], copy["name"], 100, changed)["indicators"][0]["children"][0][
        "points"] == 4


def test_a_round_needs_a_table_bands_and_units_of_the_office(staff, tabled):
    with pytest.raises(ValidationError) as err:
        rounds.create_round(staff["head"], plan(tabled, units=["不存在的科"], table_id=None))
    assert "“不存在的科”不在本机关的科室名单中" in str(err.value) and "考核指标表：请选择考核指标表" in str(err.value)
