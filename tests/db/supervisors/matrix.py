"""The 监督员 permissions for the role × action matrix (tests/db/test_permission_matrix.py): each one a real service
call on the record it needs."""
import datetime as dt

from app.actor import system_actor
from app.supervisors import archive, briefings, opinions, query, roster
from db.models import User

from tests.db.supervisors.conftest import SUPERVISOR, opinion_data


def _supervisor(ctx) -> int:
    return roster.appoint(system_actor(), SUPERVISOR)["id"]


def _opinion(ctx) -> int:
    return opinions.register(system_actor(), opinion_data(_supervisor(ctx)))["id"]


def _submit(actor, ctx):
    """Filed by a supervisor on the roster linked to this very account (a role without the permission is refused
    before the link is looked at)."""
    sid = _supervisor(ctx)
    if User.get_or_none(User.id == actor.user_id) is not None and "supervisor" in actor.current_roles:
        roster.link_user(system_actor(), sid, actor.user_id)
    return opinions.submit(actor, {"content": "建议在公开栏公布咨询电话。"})


SUPERVISOR_ACTIONS = {
    "supervisor.view": lambda actor, ctx: query.count(actor, query.OpinionFilter()),
    "supervisor.manage": lambda actor, ctx: roster.appoint(actor, SUPERVISOR),
    "supervisor.opinion": lambda actor, ctx: opinions.transfer(actor, _opinion(ctx), "办公室", dt.date(2026, 3, 3)),
    "supervisor.submit": _submit,
    "supervisor.briefing": lambda actor, ctx: briefings.create(actor, {
        "kind": "meeting", "held_date": dt.date(2026, 3, 1), "title": "政务公开工作会议"}),
    "archive.access_log": lambda actor, ctx: archive.log_count(actor, archive.AccessFilter()),
}
