"""A small register for the annual-report window tests, built through the request services."""
import datetime as dt

from app import office
from app.requests import decision, register
from tests.db.factories import company, person

D = dt.date
OFFICE = "某某县人民政府办公室"


def small_register(staff, frozen_clock, system) -> dict:
    """2025: one request carried in and disclosed, a company refused (第三方合法权益), a person disclosed, one carried
    out. Natural persons: 一 2, 二 1, （一） 2, 四 1; commercial: 一 1, 不予公开 4 1."""
    frozen_clock.set(dt.datetime(2026, 1, 20, 9, 0))
    office.save_profile(system, {"name": OFFICE})
    c = staff["clerk"]
    a = register.register(c, person(received_date=D(2024, 12, 23)))
    decision.decide(c, a["id"], "disclose", D(2025, 1, 8), {"provided": "名单"})
    b = register.register(c, company(received_date=D(2025, 3, 3)))
    decision.decide(c, b["id"], "refuse_4", D(2025, 3, 20), {"reason": "涉及商业秘密"})
    d = register.register(c, person(received_date=D(2025, 6, 2), description="2025年城区道路养护合同"))
    decision.decide(c, d["id"], "disclose", D(2025, 6, 10), {"provided": "合同"})
    x = register.register(c, person(received_date=D(2025, 12, 26), description="某某文件的全文"))
    return {"a": a, "b": b, "d": d, "x": x}
