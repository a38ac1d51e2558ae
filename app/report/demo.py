"""演示数据 for the annual report: 复议诉讼 cases about some refused requests, and each finished year's table 二
figures and written sections, entered through the services as an office would."""
from __future__ import annotations

import datetime as dt
import random

from app import clock
from app.actor import Actor
from app.report import labels, service
from app.requests import review_cases
from db.models import Request, ReviewCase


def make_cases(actor: Actor, rng: random.Random) -> int:
    """A few 行政复议 and 行政诉讼 cases against refusals, some decided, some still pending."""
    if ReviewCase.select().exists():
        return 0
    refused = list(Request.select().where(Request.outcome.in_(("partial", "refuse_4", "refuse_6", "unable_not_exist")))
                   .order_by(Request.id))
    made = 0
    today = clock.today()
    for req in refused[::6]:
        filed = req.decided_date + dt.timedelta(days=rng.randint(10, 50))
        if filed > today:
            continue
        litigation = rng.random() < 0.35
        concluded = filed + dt.timedelta(days=rng.randint(30, 90))
        result = rng.choice(["upheld", "upheld", "upheld", "corrected", "other"]) if concluded <= today else "pending"
        review_cases.create(actor, {
            "kind": "litigation" if litigation else "reconsideration",
            "route": rng.choice(["direct", "after_reconsideration"]) if litigation else "",
            "case_number": (f"（{filed.year}）某行初{rng.randint(1, 99)}号" if litigation
                            else f"某政复决〔{filed.year}〕{rng.randint(1, 60)}号"),
            "body": "某某县人民法院" if litigation else "某某县人民政府", "filed_date": filed, "result": result,
            "concluded_date": concluded if result != "pending" else None, "request_number": req.number})
        made += 1
    return made


def fill_years(actor: Actor, rng: random.Random) -> list[int]:
    """Table 二 figures and the written sections for every finished year that has requests."""
    years = sorted({r.received_date.year for r in Request.select(Request.received_date)})
    done = []
    for year in years:
        if year >= clock.today().year or service.entries(year):
            continue
        fmt = labels.format_for(year)
        figures = {}
        for key in labels.table2_keys(fmt):
            figures[key] = (f"{rng.randint(5, 120) / 10:.1f}" if key in labels.AMOUNT_KEYS
                            else rng.randint(-3, 3) if key in labels.SIGNED_KEYS else rng.randint(0, 40))
        drafts = service.drafts(actor, year)
        service.save_entries(actor, year, {**figures, **{f"text.{k}": v for k, v in drafts.items()}})
        done.append(year)
    return done
