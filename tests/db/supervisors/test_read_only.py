"""The 监督员 role reads and changes nothing (DOMAIN.md §5; seed 001 二(五) gives supervisors the right to read the
archive, not to keep it): every mutating service of every module refuses the role in the service itself.

The mutating services are found in the code, as the permission matrix finds every service: each public function of
``app`` taking ``actor`` that requires a permission other than a reading one, or that writes (opens a transaction,
writes an audit row) without being one of the reads whose only write is the log of what was read. Each is called as
a 监督员 with nothing else given and must refuse with ``PermissionDenied`` before it looks at its arguments; the ones
that first load the record and then refuse are called on a real record below. A new module's writer is covered
without being listed."""
import inspect
import re
import sys

import pytest

from app.errors import PermissionDenied
from app.permissions import PERMISSIONS, ROLE_PERMISSIONS
from tests.db.publication.matrix import _item
from tests.db.test_permission_matrix import FUNCTIONS, SERVICES, WRITES, _call_as

# Permissions that let a user read or print (an output is logged, nothing of the record changes).
READING = {p for p in PERMISSIONS if p.endswith((".view", ".view_identity", ".export"))} | {"archive.access_log"}
# The one change a supervisor makes: filing an opinion (seed 001 三(四)).
ALLOWED = {"app.supervisors.opinions.submit": "a supervisor files an opinion (监督建议和意见)",
           "app.users.change_password": "every user changes their own password"}
# Reads whose only write is the record that they were read: a document viewed or printed, an export.
LOGGED_READS = {
    "app.requests.documents.stored_pdf": "audit row of a notice viewed",
    "app.requests.documents.record_output": "notes that a notice was printed or saved",
    "app.report.service.record_output": "audit row of a report printed or saved",
    "app.guide.service.record_output": "audit row of the guide printed or saved",
    "app.complaints.identity.reveal": "the log of who viewed a complainant's identity (refused without the permission)",
    "app.guide.workbook.export": "audit row of the standard catalogue exported",
    "app.supervisors.archive.open_record": "the access log of the archive",
    "app.supervisors.archive.document_pdf": "the access log of the archive",
    "app.supervisors.archive.note_printed": "the access log of the archive",
    "app.supervisors.documents.roster_pdf": "audit row of the roster printed",
    "app.supervisors.documents.handling_sheet_pdf": "audit row of the sheet printed",
    "app.assessment.rounds.read_material": "audit row of a self-check file read",
}
REQUIRES = re.compile(r"""require\(\s*actor\s*,\s*["']([\w.]+)["']""")


def _calls(source: str, module: str, writer: str) -> bool:
    """Whether ``source`` (of a function in ``module``) calls ``writer``: by a bare name bound to it in that module
    (its own module's, or imported), or as ``module.name(``."""
    home, short = writer.rsplit(".", 1)
    if (getattr(sys.modules[module], short, None) is FUNCTIONS[writer]
            and re.search(rf"(?<![\w.]){short}\(", source)):
        return True
    return re.search(rf"\b{home.rsplit('.', 1)[-1]}\.{short}\(", source) is not None


def _writers() -> set[str]:
    """Every public function of ``app`` that writes, itself or through another one it calls (``decision.decide``
    writes through ``workflow.begin``); the logged reads do not make their callers writers."""
    sources = {name: inspect.getsource(fn) for name, fn in FUNCTIONS.items()}
    writers = {name for name, source in sources.items() if WRITES.search(source)}
    while True:
        more = {name for name, source in sources.items() if name not in writers
                and any(_calls(source, name.rsplit(".", 1)[0], w) for w in writers - set(LOGGED_READS))}
        if not more:
            return writers
        writers |= more


def _mutating() -> dict[str, str]:
    writers = _writers()
    out = {}
    for name, fn in SERVICES.items():
        if name in ALLOWED:
            continue
        needs = set(REQUIRES.findall(inspect.getsource(fn))) - READING
        if needs:
            out[name] = "requires " + ", ".join(sorted(needs))
        elif name in writers and name not in LOGGED_READS:
            out[name] = "writes"
    return out


MUTATING = _mutating()


def test_the_walk_finds_every_modules_writers():
    for known in ("app.requests.register.register", "app.requests.decision.decide", "app.publication.items.create",
                  "app.publication.review.act", "app.report.service.save_entries", "app.users.create_user",
                  "app.supervisors.roster.appoint", "app.supervisors.opinions.transfer",
                  "app.supervisors.briefings.create", "app.workdays.service.save_year", "app.settings.set_many"):
        assert known in MUTATING
    assert len(MUTATING) >= 60
    assert set(LOGGED_READS) | set(ALLOWED) <= set(SERVICES), "an exemption names a function that no longer exists"


def test_the_role_holds_no_permission_to_change_anything():
    assert ROLE_PERMISSIONS["supervisor"] - READING == {"supervisor.submit"}


@pytest.fixture
def supervisor(make_user, tmp_path):
    from app import files
    files.configure(tmp_path / "files")
    return make_user("supervisor", username="zhaomin", display_name="赵敏")


def _item_file(ctx) -> tuple[int, int]:
    """An item in draft with one file, added by its drafter."""
    from app import users
    from app.publication import items
    from db.models import InfoItem, User
    item_id = _item(ctx, "first_review")
    InfoItem.update(stage="draft").where(InfoItem.id == item_id).execute()
    path = ctx["tmp"] / "附件.txt"
    path.write_text("公开内容", encoding="utf-8")
    drafter = users.actor_for(User.get(User.username == "matrix-drafter"))
    return item_id, items.add_file(drafter, item_id, str(path))["id"]


def _new_file(ctx) -> str:
    path = ctx["tmp"] / "新版本.txt"
    path.write_text("新版本", encoding="utf-8")
    return str(path)


# The services that load their record before the check that refuses the role: (the arguments after the actor,
# made on a real record) for each.
ON_A_RECORD = {
    "app.publication.items.add_file": lambda ctx: (_item_file(ctx)[0], _new_file(ctx)),
    "app.publication.items.new_file_version": lambda ctx: (_item_file(ctx)[1], _new_file(ctx), "更正错字"),
    "app.publication.review.act": lambda ctx: (_item(ctx, "first_review"), "approve"),
    # the step's permission is known from its code (the role holds none of them: see the test above)
    "app.assessment.rounds.advance": lambda ctx: (None, _first_round_step(), {}),
}


def _first_round_step() -> str:
    from app.assessment.rounds import STEPS
    return next(iter(STEPS))


@pytest.mark.parametrize("name", sorted(MUTATING))
def test_every_mutating_service_refuses_the_supervisor(supervisor, tmp_path, name):
    from db.models import AuditLog
    args = ON_A_RECORD[name]({"tmp": tmp_path}) if name in ON_A_RECORD else None
    before = AuditLog.select().count()
    with pytest.raises(PermissionDenied):
        if args is None:
            _call_as(supervisor, SERVICES[name])
        else:
            SERVICES[name](supervisor, *args)
    assert AuditLog.select().count() == before, "nothing is written before the refusal"
