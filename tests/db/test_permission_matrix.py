"""Every role against every protected action: the service itself refuses, whatever the window shows.

``ACTIONS`` maps each permission to a real service call. A permission added to ``app.permissions`` without an entry
here fails ``test_every_permission_has_a_case``.
"""
import pytest

import datetime as dt

from app import audit, office, settings, users
from app.workdays import service as calendar_service
from app.workdays.schedule import HolidayRange, YearSchedule
from app.errors import PermissionDenied
from app.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES

ACTIONS = {
    "user.manage": lambda actor, ctx: users.list_users(actor),
    "office.edit": lambda actor, ctx: office.save_profile(actor, {"name": "矩阵测试办公室"}),
    "settings.manage": lambda actor, ctx: settings.set_many(actor, {"office.abbreviation": "矩"}),
    "audit.view": lambda actor, ctx: audit.count(actor, audit.AuditFilter()),
    "audit.export": lambda actor, ctx: audit.export_csv(actor, audit.AuditFilter(), str(ctx["tmp"] / "a.csv")),
    "calendar.manage": lambda actor, ctx: calendar_service.save_year(actor, YearSchedule(2027, "矩阵测试", (
        HolidayRange("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3)),))),
}

EXTRA_CASES = []  # modules append (permission, callable) for actions that need their own set-up


def test_every_permission_has_a_case():
    assert set(ACTIONS) == set(PERMISSIONS)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("permission", list(PERMISSIONS))
def test_role_against_action(db, make_user, tmp_path, role, permission):
    actor = make_user(role)
    ctx = {"tmp": tmp_path}
    allowed = permission in ROLE_PERMISSIONS[role]
    if allowed:
        ACTIONS[permission](actor, ctx)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[permission](actor, ctx)
