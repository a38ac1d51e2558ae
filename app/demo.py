"""演示数据: fills every module built so far with realistic Chinese data, through the real services, so that a new
office (or a tester) can try the program without typing a year of requests first."""
from __future__ import annotations

import random
from dataclasses import dataclass

from app import users
from app.actor import Actor, system_actor
from app.report import demo as report_demo
from app.requests import demo as request_demo
from db.models import User


@dataclass(frozen=True)
class DemoResult:
    users_created: list[str]
    requests: int
    review_cases: int
    report_years: list[int]


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
    actor = system_actor("演示数据")
    staff = _staff(actor)
    request_demo.configure_office(actor)
    made = request_demo.make_requests([staff["zhangming"], staff["liuyang"]], staff["lihua"], requests, seed)
    rng = random.Random(seed)
    cases = report_demo.make_cases(staff["lihua"], rng)
    years = report_demo.fill_years(staff["lihua"], rng)
    return DemoResult(staff["_created"], made, cases, years)
