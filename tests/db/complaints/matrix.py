"""The 举报投诉 permissions for the role × action matrix (tests/db/test_permission_matrix.py): each one a real service
call on a case brought (by the program) to the state that needs it."""
from app.actor import system_actor
from app.complaints import cases, detail, export, handling, query

from tests.db.complaints.conftest import case_data


def _at(state: str) -> int:
    system = system_actor()
    case_id = cases.create(system, case_data())["id"]
    if state in ("registered", "investigating"):
        handling.act(system, case_id, "register", unit="办公室")
    if state == "investigating":
        handling.act(system, case_id, "investigate")
    return case_id


COMPLAINT_ACTIONS = {
    "complaint.view": lambda actor, ctx: query.count(actor, query.CaseFilter()),
    "complaint.view_identity": lambda actor, ctx: detail.case_detail(actor, _at("accepted"), reveal=True),
    "complaint.register": lambda actor, ctx: cases.create(actor, case_data()),
    "complaint.handle": lambda actor, ctx: handling.act(actor, _at("registered"), "investigate"),
    "complaint.supervise": lambda actor, ctx: handling.act(actor, _at("investigating"), "supervise", "请加快办理"),
    "complaint.instruct": lambda actor, ctx: handling.act(actor, _at("accepted"), "instruct", "依法办理"),
    "complaint.export": lambda actor, ctx: export.export_cases(actor, query.CaseFilter(), str(ctx["tmp"] / "c.xlsx")),
}
