"""The assessment's rules: a table's points add up (the difference shown), bands cover 0-100 once, the boundary rule
for a score such as 89.5, the points the records propose, a unit's total."""
import pytest

from app.assessment import presets, rules

MEASURES = {presets.ON_TIME, presets.OVERDUE, presets.NOTICE_MISSING, presets.PUBLISHED_ON_TIME,
            presets.SECRECY_RETURNS, presets.COMPLAINTS_ON_TIME, presets.SUPERVISOR_ANSWERED}


def _table(*nodes):
    return rules.number_nodes(list(nodes))


@pytest.mark.parametrize("key", list(presets.TABLES))
def test_every_preset_table_adds_up(key):
    spec = presets.TABLES[key]
    assert rules.table_problems(spec["total"], rules.number_nodes(spec["indicators"]), MEASURES) == []


def test_a_table_that_does_not_add_up_is_refused_with_the_difference():
    nodes = _table({"title": "主动公开", "points": 60}, {"title": "依申请公开", "points": 35})
    assert rules.table_problems(100, nodes) == [("总分", "各项指标合计 95 分，与总分 100 分相差 -5 分")]


def test_children_must_add_up_to_their_parent():
    nodes = _table({"title": "主动公开", "points": 100, "children": [
        {"title": "按期公开", "points": 60}, {"title": "目录更新", "points": 42.5}]})
    assert rules.table_problems(100, nodes) == [
        ("第1项“主动公开”", "下级指标合计 102.5 分，与本项分值 100 分相差 2.5 分")]


def test_a_bonus_item_is_outside_the_total():
    nodes = _table({"title": "主动公开", "points": 100}, {"title": "加分", "points": 5, "kind": "bonus"})
    assert rules.table_problems(100, nodes) == []
    assert [n["code"] for n in nodes] == ["1", "加1"]


def test_a_binding_to_an_absent_measure_and_a_missing_method_are_refused():
    nodes = _table({"title": "投诉", "points": 100, "measure": "complaints.on_time_pct"})
    assert ("第1项“投诉”", "绑定的数据项“complaints.on_time_pct”不可用（相应模块未安装）") in rules.table_problems(
        100, nodes, {"requests.on_time_pct"})
    nodes = _table({"title": "答复", "points": 100, "measure": "requests.on_time_pct"})
    assert rules.table_problems(100, nodes, {"requests.on_time_pct"}) == [
        ("第1项“答复”", "绑定数据项的指标应选择计分方法（按比例得分或按件扣分）")]


def test_numbering_keeps_the_codes_already_given():
    nodes = rules.number_nodes([{"code": "A", "title": "甲", "points": 50, "children": [{"title": "子", "points": 50}]},
                                {"title": "乙", "points": 50, "deductions": [{"title": "目录未更新", "each": 1}]}])
    assert [n["code"] for n, _ in rules.walk(nodes)] == ["A", "A.1", "2"]
    assert nodes[1]["deductions"][0]["code"] == "2-扣1"
    assert rules.number_nodes(nodes) == nodes


def test_absent_measures_become_manual_leaves():
    stripped = presets.strip_absent(presets.TABLES["seed000"]["indicators"], {presets.ON_TIME})
    bound = {n.get("measure") for n in rules.leaves(stripped)} - {None}
    assert bound == {presets.ON_TIME}
    assert rules.table_problems(100, rules.number_nodes(stripped), {presets.ON_TIME}) == []


# ---- bands ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", list(presets.BANDS))
def test_every_preset_band_set_covers_0_to_100(key):
    spec = presets.BANDS[key]
    assert rules.band_problems(spec["bands"], spec["boundary"]) == []


@pytest.mark.parametrize("bands, message", [
    ([{"name": "优秀", "low": 90, "high": 100}, {"name": "合格", "low": 70, "high": 88},
      {"name": "不合格", "low": 0, "high": 69}], "“合格”与“优秀”之间的 89-89 分没有对应的等次"),
    ([{"name": "优秀", "low": 89, "high": 100}, {"name": "合格", "low": 0, "high": 89}], "“合格”与“优秀”重叠（89-89 分）"),
    ([{"name": "优秀", "low": 90, "high": 100}, {"name": "合格", "low": 10, "high": 89}], "0-9 分没有对应的等次"),
    ([{"name": "优秀", "low": 90, "high": 99}, {"name": "合格", "low": 0, "high": 89}], "100-100 分没有对应的等次"),
])
def test_gaps_and_overlaps_are_refused(bands, message):
    assert ("等次", message) in rules.band_problems(bands, "half_up")


def test_a_fractional_bound_and_a_repeated_name_are_refused():
    problems = rules.band_problems([{"name": "优秀", "low": 89.5, "high": 100}, {"name": "优秀", "low": 0, "high": 89}],
                                   "half_up")
    assert ("等次“优秀”", "分数范围应为整数") in problems
    assert ("等次“优秀”", "名称重复") in problems
    assert rules.band_problems(presets.BANDS["three"]["bands"], "ceiling") == [("小数分数的评定", "请选择四舍五入或去掉小数")]


SEED002 = presets.BANDS["seed002"]["bands"]


@pytest.mark.parametrize("score, boundary, grade", [
    (89.5, "half_up", "优胜"), (89.49, "half_up", "先进"), (89.5, "down", "先进"), (89.99, "down", "先进"),
    (90, "down", "优胜"), (79.5, "half_up", "先进"), (69.5, "half_up", "合格"), (69.5, "down", "不合格"),
    (0, "half_up", "不合格"), (100, "half_up", "优胜"), (80, "half_up", "先进"), (70, "down", "合格"),
])
def test_the_boundary_rule_decides_a_score_between_two_bands(score, boundary, grade):
    assert rules.grade_for(score, SEED002, boundary) == grade


def test_half_up_is_exact_for_a_score_summed_from_floats():
    score = 0.1 * 3 + 89.2  # 89.50000000000001 or 89.49999999999999 in binary floating point
    assert rules.graded_integer(score, "half_up") == 90
    assert rules.graded_integer(2.5, "half_up") == 3  # not banker's rounding


# ---- proposals and totals ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("node, figure, points", [
    ({"points": 20, "measure": "m", "method": "ratio"}, 83.3, 16.66),
    ({"points": 20, "measure": "m", "method": "ratio", "full_at": 90}, 95, 20.0),
    ({"points": 20, "measure": "m", "method": "ratio"}, None, None),
    ({"points": 10, "measure": "m", "method": "per_item", "each": 2}, 3, 4.0),
    ({"points": 10, "measure": "m", "method": "per_item", "each": 2}, 8, 0.0),
    ({"points": 10, "measure": "m", "method": "per_item", "each": 2}, 0, 10.0),
    ({"points": 10}, 5, None),
])
def test_proposed_points(node, figure, points):
    assert rules.proposed_points(node, figure) == points


def test_deductions_are_taken_from_the_points_and_never_below_zero():
    node = {"code": "1", "points": 10, "deductions": [{"code": "1-扣1", "each": 1.5}]}
    assert rules.leaf_score(node, rules.Entered(10, (("1-扣1", 2),))) == 7.0
    assert rules.leaf_score(node, rules.Entered(2, (("1-扣1", 3),))) == 0.0


def test_average_or_agreed_and_the_total_capped_at_the_table_total():
    nodes = _table({"title": "甲", "points": 60}, {"title": "乙", "points": 40},
                   {"title": "加分", "points": 5, "kind": "bonus"})
    a, b, bonus = rules.leaves(nodes)
    ra = rules.combine_leaf(a, [rules.Entered(55), rules.Entered(58)], rules.Entered(57), "average")
    assert (ra.average, ra.agreed, ra.used, ra.assessors) == (56.5, 57, 56.5, 2)
    assert rules.combine_leaf(a, [rules.Entered(55), rules.Entered(58)], rules.Entered(57), "agreed").used == 57
    rb = rules.combine_leaf(b, [rules.Entered(39)], None, "average")
    none = rules.combine_leaf(bonus, [], None, "average")
    assert rules.unit_total(100, nodes, {"1": ra, "2": rb, "加1": none}) == 95.5
    full = rules.combine_leaf(bonus, [rules.Entered(5)], None, "average")
    assert rules.unit_total(100, nodes, {"1": ra, "2": rb, "加1": full}) == 100  # 加分后不超过满分
    empty = rules.combine_leaf(b, [], None, "average")
    assert rules.unit_total(100, nodes, {"1": ra, "2": empty, "加1": none}) is None
    agreed_missing = rules.combine_leaf(b, [rules.Entered(39)], None, "agreed")
    assert agreed_missing.used is None
