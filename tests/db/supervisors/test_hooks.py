"""What the supervisors' module hands to the rest through the hooks: the measure of opinions told back to the
supervisor by the unit's due date (per unit, the records behind it), and the opinions and the roster in the one search
box."""
import datetime as dt

import pytest

from app import modules
from app.supervisors import opinions

from tests.db.supervisors.conftest import opinion_data

D = dt.date


@pytest.fixture
def three_opinions(office_staff, appointed, frozen_clock):
    """办公室: one told back on time, one told back late; 财政所: one given and still open after its due date; one more
    at 财政所 still open before its due date (not judged); one never transferred (not judged)."""
    clerk = office_staff["clerk"]
    frozen_clock.set(dt.datetime(2026, 4, 30, 9))
    ids = [opinions.register(clerk, opinion_data(appointed, content=f"意见{i}"))["id"] for i in range(5)]
    opinions.transfer(clerk, ids[0], "办公室", D(2026, 3, 3), 10)  # due 2026-03-17
    opinions.answer(clerk, ids[0], "已改。", D(2026, 3, 6))
    opinions.report(clerk, ids[0], "书面", D(2026, 3, 17))
    opinions.transfer(clerk, ids[1], "办公室", D(2026, 3, 3), 10)
    opinions.answer(clerk, ids[1], "已改。", D(2026, 3, 16))
    opinions.report(clerk, ids[1], "电话", D(2026, 3, 18))
    opinions.transfer(clerk, ids[2], "财政所", D(2026, 3, 3), 10)
    opinions.transfer(clerk, ids[3], "财政所", D(2026, 4, 29), 10)
    return ids


def test_answered_pct_counts_opinions_told_back_by_their_due_date_per_unit(three_opinions):
    measure = modules.measures()["supervisors.answered_pct"]
    assert (measure.unit_label, measure.per_unit) == ("%", True)
    assert measure.compute(2026, "办公室") == 50.0
    assert measure.compute(2026, "财政所") == 0.0
    assert measure.compute(2026, None) == pytest.approx(33.3)
    assert measure.compute(2025, None) is None
    assert measure.compute(2026, "党政综合办") is None
    lines = measure.records(2026, "办公室")
    assert [line.endswith(("（按期）", "（逾期）")) for _, line in lines] == [True, True]
    assert ["按期" in line for _, line in lines] == [True, False]
    assert "尚未通报（逾期）" in measure.records(2026, "财政所")[0][1]


def _bound(nodes):
    for node in nodes:
        if node.get("measure"):
            yield node["measure"]
        yield from _bound(node.get("children") or [])


def test_every_measure_the_presets_bind_is_registered(office_staff):
    from app.assessment import presets
    bound = {key for table in presets.TABLES.values() for key in _bound(table["indicators"])}
    assert "supervisors.answered_pct" in bound
    assert bound - set(modules.measures()) == set()


def test_the_search_box_finds_opinions_and_supervisors(office_staff, three_opinions):
    clerk = office_staff["clerk"]
    found = {name: hits for name, _, hits in modules.search_all(clerk, "意见3")}
    assert [h.title for h in found["supervisors.opinions"]] == ["意见3"]
    assert "财政所" in found["supervisors.opinions"][0].detail
    found = {name: hits for name, source, hits in modules.search_all(clerk, "杨建华 第一中学")}
    roster_hits = found["supervisors.roster"]
    assert [h.number for h in roster_hits] == ["杨建华"]
    assert "13800001111" not in roster_hits[0].title + roster_hits[0].detail
    assert "supervisors.roster" not in {n for n, _, _ in modules.search_all(clerk, "没有这个人")}

