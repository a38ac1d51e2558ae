"""The roster: appointment, renewal, end of service and 另聘, 备案, the account link and the 1-2 person warning."""
import datetime as dt

import pytest

from app.errors import InvalidState, ValidationError
from app.supervisors import roster
from db.models import AuditLog, SupervisorTerm

from tests.db.supervisors.conftest import SUPERVISOR

D = dt.date


def test_appointment_starts_a_two_year_term_and_is_audited(office_staff, today):
    result = roster.appoint(office_staff["head"], SUPERVISOR)
    assert result["term_end"] == D(2027, 2, 28)
    row = roster.roster(office_staff["clerk"])[0]
    assert (row["name"], row["constituency_label"], row["state"], row["renewals"]) == ("杨建华", "人大代表", "serving", 0)
    assert row["filing_text"] == "未备案"
    assert AuditLog.select().where(AuditLog.action == "supervisor.appoint").count() == 1


def test_the_form_names_each_bad_field(office_staff):
    with pytest.raises(ValidationError) as err:
        roster.appoint(office_staff["head"], {"name": "", "sex": "未知", "constituency": "村民",
                                              "appointed_date": "2026-13-01"})
    fields = [f for f, _ in err.value.problems]
    assert fields == ["姓名", "性别", "联系方式", "代表性", "聘任日期"]


def test_renewal_continues_the_day_after_the_term(office_staff, today):
    sid = roster.appoint(office_staff["head"], SUPERVISOR)["id"]
    renewed = roster.renew(office_staff["head"], sid)
    assert (renewed["seq"], renewed["start"], renewed["end"]) == (2, D(2027, 3, 1), D(2029, 2, 28))
    row = roster.roster(office_staff["head"])[0]
    assert (row["renewals"], row["term_end"], row["term_text"]) == (1, D(2029, 2, 28), "2027-03-01 至 2029-02-28")
    with pytest.raises(ValidationError, match="续聘日期"):
        roster.renew(office_staff["head"], sid, D(2028, 1, 1))  # inside the current term


def test_the_term_alerts(office_staff, frozen_clock):
    frozen_clock.set(dt.datetime(2027, 1, 10, 9, 0))
    sid = roster.appoint(office_staff["head"], SUPERVISOR)["id"]
    assert roster.roster(office_staff["head"])[0]["state"] == "ending"  # ends 2027-02-28, 49 days on
    frozen_clock.set(dt.datetime(2027, 3, 1, 9, 0))
    assert roster.roster(office_staff["head"])[0]["state_label"] == "任期已届满（未续聘）"
    roster.renew(office_staff["head"], sid)
    assert roster.roster(office_staff["head"])[0]["state"] == "serving"


def test_end_of_service_and_another_appointed_in_place(office_staff, today):
    sid = roster.appoint(office_staff["head"], SUPERVISOR)["id"]
    with pytest.raises(InvalidState, match="尚未登记离任"):
        roster.appoint(office_staff["head"], {**SUPERVISOR, "name": "周丽萍"}, replaces=sid)
    ended = roster.end_service(office_staff["head"], sid, D(2026, 6, 1), "change")
    assert ended["warning"].startswith("人员变动，应及时另聘")
    assert "没有在任" in ended["warning"]
    with pytest.raises(InvalidState, match="已离任"):
        roster.renew(office_staff["head"], sid)
    new = roster.appoint(office_staff["head"], {**SUPERVISOR, "name": "周丽萍", "appointed_date": D(2026, 6, 2)},
                         replaces=sid)
    assert new["warning"] is None
    rows = {r["name"]: r for r in roster.roster(office_staff["head"])}
    assert rows["周丽萍"]["replaces"] == "杨建华"
    assert rows["杨建华"]["state"] == "ended" and rows["杨建华"]["end_reason_label"] == "人员变动（另聘）"


def test_end_dates_are_checked_against_the_appointment(office_staff, today):
    sid = roster.appoint(office_staff["head"], SUPERVISOR)["id"]
    with pytest.raises(ValidationError) as err:
        roster.end_service(office_staff["head"], sid, D(2025, 1, 1), "other")
    assert [f for f, _ in err.value.problems] == ["离任日期", "说明"]


def test_more_than_the_setting_is_warned_not_refused(office_staff, today):
    for name in ("甲", "乙"):
        assert roster.appoint(office_staff["head"], {**SUPERVISOR, "name": name})["warning"] is None
    third = roster.appoint(office_staff["head"], {**SUPERVISOR, "name": "丙"})
    assert "在任监督员有3人" in third["warning"]


def test_filing_is_recorded_on_the_term(office_staff, today, appointed):
    roster.record_filing(office_staff["head"], appointed, D(2025, 3, 10), "某政公开办备〔2025〕1号")
    roster.renew(office_staff["head"], appointed)
    row = roster.roster(office_staff["head"])[0]
    assert not row["filed"] and row["filing_text"] == "未备案"  # the renewed term is not filed yet
    assert [t.filing_number for t in SupervisorTerm.select().order_by(SupervisorTerm.seq)] == ["某政公开办备〔2025〕1号", ""]
    with pytest.raises(ValidationError, match="备案日期"):
        roster.record_filing(office_staff["head"], appointed, D(2027, 1, 1), "x")  # after today


def test_the_account_must_hold_the_supervisor_role(office_staff, appointed):
    with pytest.raises(ValidationError, match="没有监督员角色"):
        roster.link_user(office_staff["head"], appointed, office_staff["clerk"].user_id)
    roster.link_user(office_staff["head"], appointed, office_staff["supervisor"].user_id)
    assert roster.of_user(office_staff["supervisor"]).id == appointed
    assert roster.of_user(office_staff["clerk"]) is None
    other = roster.appoint(office_staff["head"], {**SUPERVISOR, "name": "周丽萍"})["id"]
    with pytest.raises(ValidationError, match="已关联监督员杨建华"):
        roster.link_user(office_staff["head"], other, office_staff["supervisor"].user_id)
