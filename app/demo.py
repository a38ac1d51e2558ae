"""演示数据: fills every module built so far with realistic Chinese data, through the real services, so that a new
office (or a tester) can try the program without typing a year of requests first.

Demo data belongs in a data folder of its own. ``fill`` makes a complete office there (profile and administrator)
when there is none, and refuses a database that holds records it did not make: fake requests in a live register
would count in the annual report, and the demo accounts have a published password. What demo made is marked (a
request's ``source`` is "demo"), so that it can be told from the office's own records.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from app import modules, office, users
from app.actor import Actor, system_actor
from app.errors import ServiceError
from app.program import command_line
from app.report import demo as report_demo
from app.requests import demo as request_demo
from db.models import AnnualReportEntry, Request, ReviewCase, User, UserRole

SOURCE = "demo"
OFFICE = {"name": "某某县人民政府办公室（演示）", "address": "某某县城关镇人民路1号", "postcode": "653100",
          "phone": "0877-1234567", "office_hours": "工作日 9:00-12:00，14:00-17:30"}
ADMIN_USERNAME = "admin"
ADMIN_NAME = "演示管理员"


@dataclass(frozen=True)
class DemoResult:
    users_created: list[str]
    requests: int
    review_cases: int
    report_years: list[int]
    office_created: str | None = None  # the office's name, when demo made the profile and the administrator
    admin_username: str | None = None
    admin_password: str | None = None  # generated, printed once, never stored in clear
    modules: tuple[str, ...] = ()  # what the other modules' demo hooks made (app.modules.register_demo)


def _demo_user_ids() -> set[int]:
    names = [username for username, _, _ in request_demo.STAFF]
    return {u.id for u in User.select(User.id).where(User.username.in_(names))}


def foreign_records() -> list[str]:
    """What the database holds that demo did not make, as phrases for the refusal (empty: demo may fill it).
    The office profile and its administrators are not counted: ``init --admin`` before ``demo`` is the usual way."""
    demo_users = _demo_user_ids()
    found = []
    n = Request.select().where(Request.source != SOURCE).count()
    if n:
        found.append(f"{n}件申请")
    demo_requests = Request.select(Request.id).where(Request.source == SOURCE)
    n = ReviewCase.select().where(ReviewCase.request.is_null() | ReviewCase.request.not_in(demo_requests)).count()
    if n:
        found.append(f"{n}件复议诉讼案件")
    n = len({e.year for e in AnnualReportEntry.select(AnnualReportEntry.year).where(
        AnnualReportEntry.updated_by.is_null() | AnnualReportEntry.updated_by.not_in(list(demo_users) or [0]))})
    if n:
        found.append(f"{n}个年度的年度报告内容")
    admins = {r.user_id for r in UserRole.select(UserRole.user).where(UserRole.role == "admin")}
    n = User.select().where(User.id.not_in(list(demo_users | admins) or [0])).count()
    if n:
        found.append(f"{n}个用户账户")
    return found + modules.foreign_records()


def refuse_foreign_data() -> None:
    found = foreign_records()
    if found:
        raise ServiceError(f"该数据库已有不是演示数据生成的记录（{'、'.join(found)}），演示数据不能写入正在使用的数据库；"
                           f"请另选一个空的数据目录，例如：{command_line('--data-dir', '演示目录', 'demo')}")


def _ensure_office() -> tuple[str | None, str | None, str | None]:
    """Make the office profile and an administrator when the database has none; returns (office, username,
    password) of what was made."""
    if office.is_set_up():
        return None, None, None
    values = office.get_profile() or OFFICE
    username = ADMIN_USERNAME
    if User.select().where(User.username == username).exists():
        username = "demo-admin"
    password = "Demo-" + secrets.token_urlsafe(9)
    office.first_run_setup(values, username, ADMIN_NAME, password)
    return values["name"], username, password


def _staff(actor: Actor) -> dict[str, Actor]:
    created = []
    out = {}
    for username, name, roles in request_demo.STAFF:
        row = User.get_or_none(User.username == username)
        if row is None:
            users.create_user(actor, username, name, request_demo.PASSWORD, roles)
            created.append(username)
            row = User.get(User.username == username)
        out[username] = users.actor_for(row)
    out["_created"] = created
    return out


def fill(requests: int = 200, seed: int = 1) -> DemoResult:
    refuse_foreign_data()
    office_name, admin, password = _ensure_office()
    actor = system_actor("演示数据")
    staff = _staff(actor)
    request_demo.configure_office(actor)
    made = request_demo.make_requests([staff["zhangming"], staff["liuyang"]], staff["lihua"], requests, seed)
    rng = random.Random(seed)
    cases = report_demo.make_cases(staff["lihua"], rng)
    years = report_demo.fill_years(staff["lihua"], rng)
    others = tuple(modules.fill_demo(staff, seed))
    return DemoResult(staff["_created"], made, cases, years, office_name, admin, password, others)
