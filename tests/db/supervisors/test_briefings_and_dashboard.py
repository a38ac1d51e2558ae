"""Quarterly briefings and meetings with attendance; the dashboard's entries: terms ending, ended terms, missing 备案,
a quarter ending without its briefing, opinions due and overdue."""
import datetime as dt

import pytest

from app import modules
from app.errors import ValidationError
from app.supervisors import briefings, hooks, opinions, roster

from tests.db.supervisors.conftest import SUPERVISOR, opinion_data

D = dt.date


def test_a_briefing_invites_those_serving_and_records_who_came(office_staff, appointed, today, tmp_path):
    clerk = office_staff["clerk"]
    bid = briefings.create(clerk, {"kind": "briefing", "year": 2026, "quarter": 1, "held_date": D(2026, 4, 3),
                                   "title": "2026年第一季度政务公开工作通报", "content": "本季度工作进度和存在问题。"})["id"]
    briefings.set_attendance(clerk, bid, appointed, True)
    paper = tmp_path / "通报.docx"
    paper.write_bytes(b"docx")
    briefings.add_file(clerk, bid, str(paper))
    (row,) = briefings.list_all(clerk)
    assert (row["period"], row["attendance_text"], [f["name"] for f in row["files"]]) == (
        "2026年第一季度", "杨建华", ["通报.docx"])
    assert briefings.read_file(office_staff["supervisor"], row["files"][0]["id"]) == ("通报.docx", b"docx")


def test_a_briefing_names_its_quarter(office_staff, appointed, today):
    with pytest.raises(ValidationError) as err:
        briefings.create(office_staff["clerk"], {"kind": "briefing", "year": 2026, "held_date": D(2026, 4, 3),
                                                 "title": ""})
    assert [f for f, _ in err.value.problems] == ["标题", "季度"]
    with pytest.raises(ValidationError, match="不能早于所通报的2026年第二季度开始"):
        briefings.create(office_staff["clerk"], {"kind": "briefing", "year": 2026, "quarter": 2,
                                                 "held_date": D(2026, 3, 30), "title": "通报"})


def test_missing_quarters(office_staff, appointed, today):
    # appointed 2025-03-01; today 2026-06-30: five quarters have passed or are ending
    assert briefings.missing_quarters() == [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]
    for y, q in ((2025, 1), (2025, 2), (2025, 3), (2026, 1)):
        briefings.create(office_staff["clerk"], {"kind": "briefing", "year": y, "quarter": q,
                                                 "held_date": D(y, 3 * q, 28), "title": "通报"})
    assert briefings.missing_quarters() == [(2025, 4), (2026, 2)]


def _titles(actor) -> list[str]:
    return [e.title for section, entries in modules.dashboard_sections(actor) if section == "监督员" for e in entries]


def test_the_dashboard(office_staff, today):
    head, clerk = office_staff["head"], office_staff["clerk"]
    assert _titles(clerk) == []  # no supervisor yet, nothing of theirs to remind
    ending = roster.appoint(head, {**SUPERVISOR, "appointed_date": D(2024, 8, 20)})["id"]  # ends 2026-08-19
    ended = roster.appoint(head, {**SUPERVISOR, "name": "周丽萍", "appointed_date": D(2024, 6, 1)})["id"]
    roster.record_filing(head, ending, D(2024, 8, 30), "备〔2024〕1号")
    titles = _titles(clerk)
    assert "监督员任期已届满（未续聘或另聘） 1 人" in titles  # 周丽萍, ended 2026-05-31
    assert "监督员任期60天内届满 1 人" in titles
    assert any(t.startswith("监督员未备案 1 人") for t in titles)
    assert "2026年第二季度即将结束，尚未向监督员通报（制度四（一）：按季度通报）" in titles
    assert any(t.startswith("未向监督员季度通报") for t in titles)
    oid = opinions.register(clerk, opinion_data(ended, received_date=D(2026, 5, 4)))["id"]
    opinions.transfer(clerk, oid, "办公室", D(2026, 5, 5))
    assert "监督意见办理已逾期 1 件" in _titles(clerk)
    assert _titles(office_staff["supervisor"]) == []
    assert hooks.dashboard(office_staff["leader"]) == []
