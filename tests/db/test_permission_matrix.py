"""Every role against every protected action: the service itself refuses, whatever the window shows.

``ACTIONS`` maps each permission to a real service call. A permission added to ``app.permissions`` without an entry
here fails ``test_every_permission_has_a_case``.
"""
import datetime as dt

import pytest

from app import audit, backup, files, office, settings, users
from app.actor import system_actor
from app.errors import PermissionDenied, ServiceError
from app.paths import DataDir
from app.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES
from app.report import service as report_service
from app.requests import decision, detail, export, handling, ledger, query, register, review_cases
from app.workdays import service as calendar_service
from app.workdays.schedule import HolidayRange, YearSchedule
from tests.db.factories import person


def _request(ctx) -> int:
    """A registered request, made by the system for the action under test."""
    files.configure(ctx["tmp"] / "files")
    return register.register(system_actor(), person())["id"]


def _ledger(ctx) -> str:
    path = ctx["tmp"] / "ledger.csv"
    path.write_text("申请编号,收到日期,申请人类型,申请人,申请内容,办理结果,答复日期\n"
                    "2025-依申请-0001,2025-03-04,自然人,陈某,农村低保名单,予以公开,2025-03-20\n", encoding="utf-8")
    return str(path)

def _backup(actor, ctx):
    """A backup; on a server database the permitted call ends in the plain refusal to back it up here."""
    try:
        backup.create(actor, DataDir(ctx["tmp"] / "data"))
    except ServiceError as err:
        if "pg_dump" not in str(err):
            raise


ACTIONS = {
    "user.manage": lambda actor, ctx: users.list_users(actor),
    "office.edit": lambda actor, ctx: office.save_profile(actor, {"name": "矩阵测试办公室"}),
    "settings.manage": lambda actor, ctx: settings.set_many(actor, {"office.abbreviation": "矩"}),
    "audit.view": lambda actor, ctx: audit.count(actor, audit.AuditFilter()),
    "audit.export": lambda actor, ctx: audit.export_csv(actor, audit.AuditFilter(), str(ctx["tmp"] / "a.csv")),
    "calendar.manage": lambda actor, ctx: calendar_service.save_year(actor, YearSchedule(2027, "矩阵测试", (
        HolidayRange("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3)),))),
    "request.view": lambda actor, ctx: query.count(actor, query.RegisterFilter()),
    "request.view_identity": lambda actor, ctx: detail.applicant_identity(actor, _request(ctx)),
    "request.register": lambda actor, ctx: register.register(actor, person()),
    "request.handle": lambda actor, ctx: handling.start(actor, _request(ctx)),
    "request.decide": lambda actor, ctx: decision.decide(actor, _request(ctx), "disclose", dt.date(2026, 3, 20),
                                                         {"provided": "名单复印件"}),
    "request.extend": lambda actor, ctx: handling.extend(actor, _request(ctx), 10, "李华", dt.date(2026, 3, 30),
                                                         "需要调取档案"),
    "request.void": lambda actor, ctx: handling.void(actor, _request(ctx), "与另一件申请重复登记"),
    "request.export": lambda actor, ctx: export.export_xlsx(actor, query.RegisterFilter(), str(ctx["tmp"] / "r.xlsx")),
    "request.import": lambda actor, ctx: ledger.import_file(actor, _ledger(ctx)),
    "request.review_case": lambda actor, ctx: review_cases.create(actor, {"kind": "reconsideration",
                                                                          "filed_date": dt.date(2026, 1, 5)}),
    "report.view": lambda actor, ctx: report_service.build(actor, 2025),
    "report.edit": lambda actor, ctx: report_service.save_entries(actor, 2025, {"rules.issued": 1}),
    "database.backup": lambda actor, ctx: _backup(actor, ctx),
}

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
