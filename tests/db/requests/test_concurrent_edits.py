"""Two clerks on one request: the second save is told the record changed and what changed, on every engine; two
processes registering and deciding at once lose nothing."""
import datetime as dt
import multiprocessing

import pytest

from app.errors import RecordChanged
from app.requests import detail, handling, records, register

from tests.db.factories import person


def test_second_correction_is_refused_with_the_difference(staff, registered):
    clerk, head = staff["clerk"], staff["head"]
    seen_by_clerk = detail.detail(clerk, registered["id"])
    seen_by_head = detail.detail(head, registered["id"])
    register.update_registration(head, registered["id"], {"phone": "13900001111"}, seen=seen_by_head)
    with pytest.raises(RecordChanged) as err:
        register.update_registration(clerk, registered["id"], {"notes": "来电"}, seen=seen_by_clerk)
    assert "联系电话" in str(err.value) and "13900001111" in str(err.value)
    assert ("联系电话", seen_by_clerk["phone"], "13900001111") in err.value.differences
    now = detail.detail(clerk, registered["id"])
    assert now["phone"] == "13900001111" and now["notes"] == seen_by_clerk["notes"]  # nothing of the second written
    register.update_registration(clerk, registered["id"], {"notes": "来电"}, seen=now)  # re-opened: accepted
    assert detail.detail(clerk, registered["id"])["notes"] == "来电"


def test_a_step_refuses_a_row_changed_since_it_was_read(staff, registered, monkeypatch):
    """A service reads the request, another user's change commits, then the service writes: refused, not merged."""
    real_get = records.get

    def get_then_someone_saves(request_id):
        req = real_get(request_id)
        other = real_get(request_id)
        other.notes = "另一窗口的修改"
        other.save()
        return req

    monkeypatch.setattr(records, "get", get_then_someone_saves)
    with pytest.raises(RecordChanged):
        handling.start(staff["clerk"], registered["id"])
    monkeypatch.setattr(records, "get", real_get)
    assert detail.detail(staff["clerk"], registered["id"])["state"] == "registered"


def _clerk_worker(url, files_dir, user_id, n, queue):
    from app import clock, files
    from app.requests import decision
    from app.users import actor_for
    from db.connection import close_database, open_database
    from db.models import User
    open_database(url)
    files.configure(files_dir)
    clock.freeze(dt.datetime(2026, 6, 30, 10, 0))
    actor = actor_for(User.get_by_id(user_id))
    numbers, errors = [], []
    for i in range(n):
        try:
            r = register.register(actor, person(description=f"并发登记第{i}件", received_date=dt.date(2026, 6, 1)))
            numbers.append(r["number"])
            decision.decide(actor, r["id"], "disclose", dt.date(2026, 6, 29), {"provided": "补助资金发放名单"})
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(repr(exc))
    close_database()
    queue.put((numbers, errors))


def test_two_clients_register_and_decide_concurrently(staff, database_url, tmp_path):
    from db.models import Request
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    clerk = staff["clerk"]
    procs = [ctx.Process(target=_clerk_worker, args=(database_url, str(tmp_path / "files"), clerk.user_id, 25, queue))
             for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    numbers = results[0][0] + results[1][0]
    assert results[0][1] == [] and results[1][1] == []
    assert len(numbers) == len(set(numbers)) == 50
    assert Request.select().where(Request.state == "replied").count() == 50
