"""The opinion flow: 登记 → 转办 (due on the official calendar) → 反馈 → 通报, or 暂不能落实 with the reason and the
supervisor told; steps out of order are refused; the due dates follow the calendar."""
import datetime as dt

import pytest

from app.errors import InvalidState, PermissionDenied, ValidationError
from app.supervisors import opinions, query
from app.workdays import service as calendar_service
from app.workdays.schedule import HolidayRange, YearSchedule
from db.models import OpinionEvent

from tests.db.supervisors.conftest import opinion_data

D = dt.date


@pytest.fixture
def registered_opinion(office_staff, appointed):
    return opinions.register(office_staff["clerk"], opinion_data(appointed))


def test_the_whole_flow(office_staff, registered_opinion, frozen_clock):
    clerk, oid = office_staff["clerk"], registered_opinion["id"]
    assert registered_opinion["number"] == "2026-监督-0001"
    # 2026-03-03 (Tuesday) + 10 working days = 2026-03-17
    assert opinions.transfer(clerk, oid, "办公室", D(2026, 3, 3)) == D(2026, 3, 17)
    with pytest.raises(InvalidState, match="不能“通报监督员”"):
        opinions.report(clerk, oid, "书面", D(2026, 3, 5))
    opinions.answer(clerk, oid, "已在答复模板中写明条款。", D(2026, 3, 6))
    opinions.report(clerk, oid, "书面", D(2026, 3, 9), "监督员表示满意。")
    d = query.detail(clerk, oid)
    assert (d["stage_label"], d["unit"], d["report_text"]) == ("已通报", "办公室", "2026-03-09 书面（监督员表示满意）")
    assert [e["action"] for e in d["events"]] == ["register", "transfer", "answer", "report"]
    assert d["actions"] == []


def test_cannot_be_done_records_why_and_that_the_supervisor_was_told(office_staff, registered_opinion):
    clerk, oid = office_staff["clerk"], registered_opinion["id"]
    opinions.transfer(clerk, oid, "办公室", D(2026, 3, 3))
    with pytest.raises(ValidationError) as err:
        opinions.cannot(clerk, oid, "。", "托人带话", D(2026, 3, 4))
    assert [f for f, _ in err.value.problems] == ["原因", "通报方式"]
    opinions.cannot(clerk, oid, "需改造场地，已列入明年计划。", "电话", D(2026, 3, 5))
    d = query.detail(clerk, oid)
    assert (d["stage"], d["cannot_reason"], d["report_method"], d["reported_date"]) == (
        "cannot", "需改造场地，已列入明年计划", "电话", D(2026, 3, 5))


def test_dates_are_checked_against_each_other(office_staff, registered_opinion):
    clerk, oid = office_staff["clerk"], registered_opinion["id"]
    with pytest.raises(ValidationError, match="不能早于收到日期"):
        opinions.transfer(clerk, oid, "办公室", D(2026, 3, 1))
    with pytest.raises(ValidationError, match="不在本机关的科室名单中"):
        opinions.transfer(clerk, oid, "宣传部", D(2026, 3, 3))
    opinions.transfer(clerk, oid, "办公室", D(2026, 3, 4))
    with pytest.raises(ValidationError, match="不能早于转办日期"):
        opinions.answer(clerk, oid, "已整改", D(2026, 3, 3))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        opinions.answer(clerk, oid, "已整改", D(2026, 3, 10))
    assert OpinionEvent.select().where(OpinionEvent.opinion == oid).count() == 2


def test_the_steps_are_one_table_and_the_supervisor_takes_none(office_staff, registered_opinion):
    assert opinions.actions_for("registered", office_staff["clerk"].permissions) == [("transfer", "转办"),
                                                                                     ("cannot", "暂不能落实")]
    assert opinions.actions_for("registered", office_staff["supervisor"].permissions) == []
    for stage, action in opinions.STEPS:
        with pytest.raises(PermissionDenied):
            opinions.step_for(stage, action, office_staff["supervisor"].permissions)
    with pytest.raises(PermissionDenied):
        opinions.transfer(office_staff["supervisor"], registered_opinion["id"], "办公室", D(2026, 3, 3))


def test_a_supervisor_files_an_opinion_about_an_archive_record(office_staff, linked, registered):
    from app.requests import decision
    decision.decide(office_staff["clerk"], registered["id"], "disclose", D(2026, 3, 6), {"provided": "名单复印件"})
    made = opinions.submit(office_staff["supervisor"], {"content": "答复期限计算正确，建议附上获取方式。",
                                                       "subject_view": "requests", "subject_id": registered["id"]})
    d = query.detail(office_staff["clerk"], made["id"])
    assert (d["channel_label"], d["supervisor_name"], d["subject_view"]) == ("监督员在系统中提交", "杨建华", "requests")
    assert d["subject_label"] == f"依申请公开：{registered['number']}"  # the number only: no one's name


def test_an_account_not_on_the_roster_cannot_file(office_staff, appointed):
    with pytest.raises(PermissionDenied, match="没有关联在任的监督员"):
        opinions.submit(office_staff["supervisor"], {"content": "建议"})


def test_due_dates_follow_the_calendar(office_staff, registered_opinion, system):
    oid = registered_opinion["id"]
    opinions.transfer(office_staff["clerk"], oid, "办公室", D(2026, 3, 3))
    result = calendar_service.save_year(system, YearSchedule(2026, "测试", (
        HolidayRange("测试假日", D(2026, 3, 16), D(2026, 3, 17)),)))
    moved = [c for c in result.changes if c.entity == "监督意见"]
    assert [(c.old_due, c.new_due) for c in moved] == [(D(2026, 3, 17), D(2026, 3, 19))]
    assert query.detail(office_staff["clerk"], oid)["due_date"] == D(2026, 3, 19)
