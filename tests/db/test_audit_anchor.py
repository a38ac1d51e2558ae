"""The anchor file beside the database follows the head after every commit, also with two processes writing."""
import multiprocessing

import pytest

from app import audit
from app.actor import system_actor
from db.connection import close_database, open_database, sqlite_url, write_transaction

pytestmark = [pytest.mark.sqlite_only]  # the database file, its anchor beside it, SQLite's own limits


def _writer(path, n, queue):
    open_database(sqlite_url(path))
    actor = system_actor("并发")
    for i in range(n):
        with write_transaction():
            audit.record(actor, "setting.update", "setting", "k", after={"value": i})
    close_database()
    queue.put(n)


def test_anchor_follows_each_commit_and_not_a_rollback(db, system):
    with write_transaction():
        audit.record(system, "setting.update", "setting", "a")
    assert audit.read_anchor() == audit.Anchor(1, audit.current_anchor().hash, audit.current_anchor().first_hash,
                                               audit.read_anchor().written)
    try:
        with write_transaction():
            audit.record(system, "setting.update", "setting", "b")
            raise ValueError("rolled back")
    except ValueError:
        pass
    assert audit.read_anchor().seq == 1
    assert audit.compare_anchor(audit.read_anchor(), "凭证", strict=True) == []


def test_two_processes_leave_the_anchor_at_the_head(db):
    path = db.database
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(path, 120, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    assert [queue.get(timeout=120) for _ in procs] == [120, 120]
    for p in procs:
        p.join(timeout=60)
    head = audit.current_anchor()
    assert head.seq == 240 and audit.verify_chain().ok
    anchor = audit.read_anchor()
    assert (anchor.seq, anchor.hash) == (head.seq, head.hash)
