"""The year the report tests count: a small register and three 复议诉讼 cases in 2025."""
import datetime as dt

import pytest

from app.requests import decision, handling, register, review_cases
from tests.db.factories import company, person

D = dt.date


@pytest.fixture
def year_2025(staff, frozen_clock):
    frozen_clock.set(dt.datetime(2026, 1, 20, 9, 0))
    c = staff["clerk"]
    a = register.register(c, person(received_date=D(2024, 12, 23)))  # carried in, concluded in 2025
    decision.decide(c, a["id"], "disclose", D(2025, 1, 8), {"provided": "名单"})
    b = register.register(c, company(received_date=D(2025, 3, 3)))
    decision.decide(c, b["id"], "refuse_4", D(2025, 3, 20), {"reason": "涉及商业秘密"})
    x = register.register(c, person(received_date=D(2025, 12, 26), description="某某文件的全文"))  # carried out
    w = register.register(c, person(received_date=D(2025, 5, 6), description="另一份文件的全文"))
    handling.withdraw(c, w["id"], D(2025, 5, 8), "申请人撤回")
    review_cases.create(c, {"kind": "reconsideration", "filed_date": D(2025, 4, 1), "result": "upheld",
                            "concluded_date": D(2025, 6, 1), "request_number": b["number"], "body": "某某县人民政府"})
    review_cases.create(c, {"kind": "litigation", "route": "direct", "filed_date": D(2025, 11, 1),
                            "result": "corrected", "concluded_date": D(2026, 1, 10)})  # decided after the year
    review_cases.create(c, {"kind": "litigation", "route": "after_reconsideration", "filed_date": D(2025, 7, 1)})
    return {"a": a, "b": b, "x": x, "w": w}
