"""After a calendar change every open deadline is recomputed in one batch: the same dates as refreshing each
request's clock one by one, with one history entry and one audit row per changed request, the chain intact."""
import datetime as dt

from app import audit, integrity, modules
from app.requests import handling, records, register
from app.workdays import calendar as workcal
from app.workdays import service as calendar_service
from app.workdays.schedule import HolidayRange, YearSchedule
from db.models import AuditLog, Request, RequestEvent

from tests.db.factories import person

D = dt.date


def test_batch_recompute_matches_each_clock(staff, frozen_clock):
    modules.load()
    frozen_clock.set(dt.datetime(2026, 12, 28, 9, 0))
    clerk, head = staff["clerk"], staff["head"]
    plain = register.register(clerk, person(received_date=D(2026, 12, 15)))
    extended = register.register(clerk, person(received_date=D(2026, 12, 1), description="道路硬化工程资金使用明细"))
    handling.start(clerk, extended["id"])
    handling.extend(clerk, extended["id"], 10, "王主任", D(2026, 12, 20), "需调取档案")
    stopped = register.register(clerk, person(received_date=D(2026, 12, 10), description="拆迁评估报告"))
    handling.start(clerk, stopped["id"])
    handling.suspend(clerk, stopped["id"], D(2026, 12, 14), "不可抗力")
    handling.resume(clerk, stopped["id"], D(2026, 12, 18))
    paused = register.register(clerk, person(received_date=D(2026, 12, 11), description="环评报告"))
    handling.start(clerk, paused["id"])
    handling.suspend(clerk, paused["id"], D(2026, 12, 21), "不可抗力")
    ids = [plain["id"], extended["id"], stopped["id"], paused["id"]]
    before_events = RequestEvent.select().count()
    result = calendar_service.save_year(staff["admin"], YearSchedule(2027, "测试安排", (
        HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 3)),
        HolidayRange("假想假期", D(2027, 1, 11), D(2027, 1, 15)))))
    workcal.invalidate()
    for rid in ids:
        stored = Request.get_by_id(rid)
        expect = Request.get_by_id(rid)
        records.refresh_clock(expect)
        assert (stored.due_date, stored.original_due, bool(stored.due_provisional)) == \
            (expect.due_date, expect.original_due, bool(expect.due_provisional)), stored.number
    assert Request.get_by_id(paused["id"]).due_date is None
    changed = {c.number for c in result.changes}
    assert changed == {Request.get_by_id(i).number for i in ids[:3]}
    assert RequestEvent.select().count() == before_events + 3
    rows = AuditLog.select().where(AuditLog.action == "request.recompute")
    assert {r.entity_id for r in rows} == changed
    assert audit.verify_chain().ok
    assert integrity.compare_records() == []  # the seals written in the batch are those of each record's rows
