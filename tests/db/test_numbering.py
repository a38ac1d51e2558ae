"""Numbers: yearly counters, office formats, gap-free under rollback, unique under concurrency."""
import multiprocessing
import threading

import pytest

from app import numbering, settings
from app.errors import ValidationError
from db.connection import close_database, open_database, sqlite_url, write_transaction


def _issue(kind, year):
    with write_transaction():
        return numbering.issue(kind, year)


def test_request_numbers_count_per_year(db, system):
    assert _issue("request", 2026) == "2026-依申请-0001"
    assert _issue("request", 2026) == "2026-依申请-0002"
    assert _issue("request", 2027) == "2027-依申请-0001"
    assert _issue("request", 2026) == "2026-依申请-0003"


def test_notice_number_uses_office_abbreviation(db, system):
    settings.set_many(system, {"office.abbreviation": "楚扶"})
    assert _issue("notice", 2026) == "楚扶政公开〔2026〕1号"


def test_rollback_returns_the_number(db, system):
    _issue("request", 2026)
    with pytest.raises(RuntimeError):
        with write_transaction():
            numbering.issue("request", 2026)
            raise RuntimeError("the record could not be saved")
    assert _issue("request", 2026) == "2026-依申请-0002"  # no gap


def test_bad_format_refused_when_saved_not_when_printed(db, system):
    with pytest.raises(ValidationError) as err:
        settings.set_many(system, {"numbering.request": "依申请-{seq}"})
    assert "申请编号格式" in str(err.value) and "{year}" in str(err.value)
    assert _issue("request", 2026) == "2026-依申请-0001"  # the old format still applies
    settings.set_many(system, {"numbering.request": "{year}-申-{seq:05d}"})
    assert _issue("request", 2026) == "2026-申-00002"


def test_issue_outside_a_transaction_is_a_bug(db):
    with pytest.raises(RuntimeError):
        numbering.issue("request", 2026)


def test_ensure_at_least(db):
    with write_transaction():
        numbering.ensure_at_least("request", 2025, 40)
        numbering.ensure_at_least("request", 2025, 10)  # never lowers
    assert _issue("request", 2025) == "2025-依申请-0041"


def _worker(url, n, queue):
    open_database(url)
    got = []
    for _ in range(n):
        with write_transaction():
            got.append(numbering.next_value("request", 2026))
    close_database()
    queue.put(got)


def test_two_processes_never_share_a_number(db, database_url):
    path = database_url
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(path, 150, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    values = sorted(results[0] + results[1])
    assert values == list(range(1, 301))  # unique and gap-free


def test_threads_never_share_a_number(db):
    out, errors = [], []

    def work():
        try:
            for _ in range(100):
                with write_transaction():
                    out.append(numbering.next_value("notice", 2026))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            close_database()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(out) == list(range(1, 301))
