"""The step table, walked: every state reachable from 受理, every open state leads to 归档, each step's permission
exists and is held by some role; the transfer rule over the unit and person complained about; summary periods."""
import datetime as dt

import pytest

from app.complaints import steps
from app.complaints.cases import subject_conflict
from app.complaints.letters import period
from app.errors import ValidationError
from app.permissions import PERMISSIONS, roles_with


def _reachable(start):
    seen, todo = {start}, [start]
    while todo:
        s = todo.pop()
        for (state, _), t in steps.TABLE.items():
            if state == s and t.to not in seen:
                seen.add(t.to)
                todo.append(t.to)
    return seen


def test_every_state_is_reached_from_acceptance_and_leads_to_the_archive():
    assert _reachable("accepted") == set(steps.STATES)
    for state in steps.STATES:
        assert "archived" in _reachable(state), state


def test_every_step_names_a_permission_some_role_holds():
    for t in steps.TABLE.values():
        assert t.permission in PERMISSIONS and roles_with(t.permission), t
        assert t.action in steps.ACTIONS


def test_the_buttons_are_the_table():
    clerk = {"complaint.view", "complaint.register", "complaint.handle"}
    assert [t.action for t in steps.actions_for("investigating", clerk)] == ["transfer", "transfer_out", "reply",
                                                                             "note"]
    assert "refer_review" in [t.action for t in steps.actions_for("investigating", clerk, difficult=True)]
    assert [t.action for t in steps.actions_for("replied", clerk)] == ["archive"]
    assert steps.actions_for("archived", set(PERMISSIONS)) == []


@pytest.mark.parametrize("target_unit,target_person,subject_unit,subject_person,refused", [
    ("自然资源所", "", "自然资源所", "", True),
    ("某某镇自然资源所", "", "自然资源所", "", True),
    ("自 然资源所", "", "自然资源所", "", True),
    ("财政所", "", "自然资源所", "", False),
    ("财政所", "王某", "", "王某", True),
    ("社会事务办", "", "", "社会事务办工作人员李某", True),
    ("办公室", "李某", "社会事务办", "", False),
    ("办公室", "", "", "", False),
])
def test_transfer_rule(target_unit, target_person, subject_unit, subject_person, refused):
    why = subject_conflict(target_unit, target_person, subject_unit, subject_person)
    assert bool(why) is refused
    if why:
        assert "不得将检举、控告类信件转至被检举、控告单位和个人" in why


@pytest.mark.parametrize("kind,year,n,start,end,title", [
    ("month", 2026, 2, dt.date(2026, 2, 1), dt.date(2026, 2, 28), "2026年2月"),
    ("month", 2026, 12, dt.date(2026, 12, 1), dt.date(2026, 12, 31), "2026年12月"),
    ("quarter", 2026, 1, dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2026年第一季度"),
    ("quarter", 2026, 4, dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026年第四季度"),
])
def test_summary_periods(kind, year, n, start, end, title):
    assert period(kind, year, n) == (start, end, title)


def test_a_bad_period_is_refused():
    with pytest.raises(ValidationError, match="季度应为1至4"):
        period("quarter", 2026, 5)
