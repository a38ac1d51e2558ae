"""Every role against every protected action: the service itself refuses, whatever the window shows.

Two halves. ``ACTIONS`` maps each permission to a real service call, run for every role: allowed roles succeed,
the others are refused. A permission added to ``app.permissions`` without an entry here fails
``test_every_permission_has_a_case``.

The services themselves are found by walking ``app/``: every public function whose parameters include ``actor`` is
called as a user with no role and as a disabled administrator, with ``None`` for every other argument, and must
refuse with ``PermissionDenied`` before it looks at them; every public function that opens a write transaction or
writes an audit row must take the acting user. A new service without its check fails
``test_every_service_refuses_a_user_without_the_permission`` or ``test_every_writing_function_takes_the_actor``,
unless it is listed below with the reason it needs none.
"""
import datetime as dt
import importlib
import inspect
import pkgutil
import re

import app
import pytest

from app import audit, backup, files, office, settings, users
from app.actor import Actor, system_actor
from app.errors import PermissionDenied, ServiceError
from app.paths import DataDir
from app.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES
from app.report import service as report_service
from app.requests import decision, detail, export, handling, ledger, query, register, review_cases
from db.models import User
from app.workdays import service as calendar_service
from app.workdays.schedule import HolidayRange, YearSchedule
from tests.db.factories import person
from tests.db.complaints.matrix import COMPLAINT_ACTIONS
from tests.db.assessment.matrix import ASSESSMENT_ACTIONS
from tests.db.guide.matrix import GUIDE_ACTIONS
from tests.db.publication.matrix import PUBLICATION_ACTIONS
from tests.db.supervisors.matrix import SUPERVISOR_ACTIONS
from tests.db.redaction.matrix import REDACTION_ACTIONS


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
ACTIONS.update(PUBLICATION_ACTIONS)
ACTIONS.update(SUPERVISOR_ACTIONS)
ACTIONS.update(COMPLAINT_ACTIONS)
ACTIONS.update(ASSESSMENT_ACTIONS)
ACTIONS.update(GUIDE_ACTIONS)
ACTIONS.update(REDACTION_ACTIONS)


def test_every_permission_has_a_case():
    assert set(ACTIONS) == set(PERMISSIONS)


@pytest.fixture
def clock_restored():
    """Some actions set the program's clock to bring a record into the state they need: never the next test's."""
    yield
    from app import clock
    clock.freeze(None)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("permission", list(PERMISSIONS))
def test_role_against_action(db, make_user, tmp_path, role, permission, clock_restored):
    actor = make_user(role)
    ctx = {"tmp": tmp_path}
    allowed = permission in ROLE_PERMISSIONS[role]
    if allowed:
        ACTIONS[permission](actor, ctx)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[permission](actor, ctx)


# ---- the services, found in the code ----------------------------------------------------------------------------

# Public functions taking ``actor`` that need no permission of their own, and why.
NO_CHECK = {
    "app.audit.record": "writes the audit row inside the transaction of a service that has checked",
    "app.audit.record_many": "writes a batch of audit rows inside the transaction of a service that has checked",
    "app.permissions.require": "the check itself",
    "app.permissions.require_active": "the check itself",
    "app.requests.records.add_event": "history entry inside a checked service's transaction (takes a loaded row)",
    "app.requests.records.save_with_audit": "saves a loaded row inside a checked service's transaction",
    "app.requests.handling.open_stop": "helper of the checked steps (takes a loaded row)",
    "app.requests.handling.close_stop": "helper of the checked steps (takes a loaded row)",
    "app.requests.handling.conclude": "helper of the checked steps (takes a loaded row)",
    "app.requests.workflow.available": "lists the steps the actor may take, from its permissions; reads nothing",
    # The permission is the step's, named by the argument ``code``: probed for every step code below.
    "app.requests.workflow.begin": "checks the permission of the step ``code`` names (test_every_step_checks)",
    "app.requests.step_notices.perform": "checks the permission of the step ``code`` names (test_every_step_checks)",
    "app.users.must_change_password": "the user's own flag, asked right after login",
    "app.report.demo.make_cases": "demo data: every case is made through review_cases.create, which checks",
    "app.report.demo.fill_years": "demo data: made through report.service.drafts and save_entries, which check",
    "app.requests.demo.configure_office": "demo data: made through settings.set_many, which checks",
    "app.publication.records.add_event": "history entry inside a checked service's transaction (takes a loaded row)",
    "app.publication.records.save_with_audit": "saves a loaded row inside a checked service's transaction",
    "app.publication.hooks.dashboard": "lists nothing for a user without publication.view; reads through query.count",
    "app.modules.dashboard_sections": "asks each module's dashboard function, which checks",
    "app.modules.archive_views": "lists only the views whose permission the actor holds; reads nothing itself",
    "app.modules.search_all": "asks only the sources whose permission the actor holds, each of which checks",
    "app.modules.related_records": "asks only the modules whose permission the actor holds, each of which checks",
    "app.guide.hooks.dashboard": "lists nothing for a user without guide.view; each entry asks for its permission",
    "app.modules.dashboard_entries": "asks each module's dashboard function, which checks",
    "app.modules.charts": "lists only the charts the actor may see; each chart's figures check again",
    "app.requests.overview.dashboard": "lists nothing for a user without request.view; reads through query.build_query",
    "app.report.hooks.dashboard": "lists nothing for a user without report.view; reads only the date setting",
    "app.supervisors.records.add_event": "history entry inside a checked service's transaction (takes a loaded row)",
    "app.supervisors.hooks.dashboard": "lists nothing for a user who does not handle supervision; reads through "
                                       "query.count and roster.roster, which check",
    "app.complaints.records.add_event": "history entry inside a checked service's transaction (takes a loaded row)",
    "app.complaints.records.save_with_audit": "saves a loaded row inside a checked service's transaction",
    "app.complaints.identity.may_see": "tells whether the actor holds complaint.view_identity; reads nothing else",
    "app.complaints.hooks.dashboard": "lists nothing for a user without complaint.view; reads through query.count",
}
# Of those, the ones a disabled user must still be refused (any active user may call them).
ANY_ACTIVE_USER = {"app.users.change_password": "a user changes their own password"}
# Public functions that write without an acting user, and why.
NO_ACTOR = {
    "app.office.first_run_setup": "the set-up wizard creates the first administrator: there is no user yet",
    "app.requests.demo.make_requests": "demo data generator of the command line, run as the program itself",
    "app.users.authenticate": "the login: nobody is logged in yet",
    "app.workspace.open_workspace": "opens and migrates the database at start-up",
}
WRITES = re.compile(r"write_transaction\(|\.atomic\(|audit\.record\(")


def _public_functions():
    for info in pkgutil.walk_packages(app.__path__, "app."):
        if info.name.startswith(("app.cli", "app.__main__")):
            continue
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if not name.startswith("_") and inspect.isfunction(fn) and fn.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", fn


FUNCTIONS = dict(_public_functions())
SERVICES = {name: fn for name, fn in FUNCTIONS.items()
            if "actor" in inspect.signature(fn).parameters and name not in NO_CHECK}


def _call_as(actor, fn):
    params = inspect.signature(fn).parameters
    args = {p: (actor if p == "actor" else None) for p, spec in params.items()
            if spec.default is inspect.Parameter.empty and spec.kind in (spec.POSITIONAL_OR_KEYWORD, spec.KEYWORD_ONLY)}
    args["actor"] = actor
    result = fn(**args)
    if inspect.isgenerator(result):  # a generator checks when it is first read
        next(result, None)
    return result


def test_the_walk_finds_the_services():
    assert len(SERVICES) >= 60
    for known in ("app.requests.documents.stored_pdf", "app.requests.attachments.read", "app.users.create_user",
                  "app.requests.recompute.recompute_open_deadlines", "app.workdays.service.save_year"):
        assert known in SERVICES
    assert set(NO_CHECK) | set(NO_ACTOR) <= set(FUNCTIONS), "an exemption names a function that no longer exists"


@pytest.fixture
def nobody(db):
    """A stored, active user who holds no role."""
    row = User.create(username="nobody", display_name="无角色用户", password_hash="-", created_at=dt.datetime(2026, 1, 1))
    return Actor(row.id, row.username, row.display_name)


@pytest.fixture
def disabled_admin(db, make_user):
    """An administrator (every role, in fact) whose account has since been disabled: the session is still open."""
    actor = make_user(*ROLES)
    User.update(is_active=False).where(User.id == actor.user_id).execute()
    return actor


@pytest.mark.parametrize("name", sorted(set(SERVICES) - set(ANY_ACTIVE_USER)))
def test_every_service_refuses_a_user_without_the_permission(nobody, tmp_path, name):
    files.configure(tmp_path / "files")
    with pytest.raises(PermissionDenied):
        _call_as(nobody, SERVICES[name])


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_refuses_a_disabled_user(disabled_admin, tmp_path, name):
    files.configure(tmp_path / "files")
    with pytest.raises(PermissionDenied, match="已停用"):
        _call_as(disabled_admin, SERVICES[name])


def test_every_writing_function_takes_the_actor():
    unchecked = [name for name, fn in FUNCTIONS.items()
                 if "actor" not in inspect.signature(fn).parameters and name not in NO_ACTOR
                 and WRITES.search(inspect.getsource(fn))]
    assert unchecked == []


def test_every_step_checks_its_permission_before_anything_else(nobody, disabled_admin, tmp_path):
    from app.requests import step_notices, workflow
    files.configure(tmp_path / "files")
    for actor in (nobody, disabled_admin):
        for code in workflow.BY_CODE:
            with pytest.raises(PermissionDenied):
                workflow.begin(actor, 1, code)
            with pytest.raises(PermissionDenied):
                step_notices.perform(actor, 1, code, lambda: None)
