"""Storage faults told plainly: a full disk, a read-only data folder, a locked database; nothing half-written."""
import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import peewee
import pytest

from app import audit
from app.actor import system_actor
from db import migrations
from db.connection import (close_database, on_lock_wait, open_database, remove_lock_wait_listener, sqlite_url,
                           write_transaction)
from app.errors import StorageError
from db.errors import DISK_FULL

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.sqlite_only]  # the database file, its anchor beside it, SQLite's own limits


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str):
    """A folder on a tmpfs of ``size`` (root only); skips the test where mounting is not possible."""
    path.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace"))
    try:
        yield path
    finally:
        close_database()
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill_until_full(actor, payload_size=4000, limit=100_000):
    """Write audit rows until the storage refuses; return the error and how many rows were committed."""
    committed = 0
    for _ in range(limit):
        try:
            with write_transaction():
                audit.record(actor, "setting.update", "setting", "k", after={"v": "x" * payload_size})
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            return exc, committed
        committed += 1
    raise AssertionError("the storage never filled up")


def test_full_disk_names_the_cause_and_writes_nothing_half(tmp_path):
    with small_tmpfs(tmp_path / "small", "1500k") as folder:
        db = open_database(sqlite_url(folder / "t.db"))
        migrations.migrate(db)
        exc, committed = fill_until_full(system_actor("测试"))
        assert isinstance(exc, StorageError)  # told like any refused change: the form keeps what was typed
        assert "no transaction is active" not in str(exc.__cause__)  # not hidden behind the failed ROLLBACK
        assert "full" in str(exc.__cause__)
        assert str(exc) == DISK_FULL and "磁盘已满" in str(exc)
        close_database()
        con = sqlite3.connect(folder / "t.db")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == committed
        con.close()
        open_database(sqlite_url(folder / "t.db"))
        assert audit.verify_chain().ok


def test_full_database_by_page_limit_is_told_as_disk_full(db, system):
    """SQLITE_FULL injected by a page limit, where a tmpfs cannot be mounted."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + 3}")
    exc, committed = fill_until_full(system)
    assert isinstance(exc, StorageError) and isinstance(exc.__cause__, peewee.OperationalError)
    assert str(exc) == DISK_FULL
    report = audit.verify_chain()
    assert report.ok and report.rows == committed


def _read_only_folder(path: Path):
    """Make ``path`` read-only for this process: a read-only bind mount as root (root ignores chmod)."""
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "--bind", "-o", "ro", str(path), str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot bind-mount read-only here")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True)
        return lambda: subprocess.run(["umount", "-l", str(path)], capture_output=True)
    os.chmod(path, 0o555)
    for f in path.iterdir():
        os.chmod(f, 0o444)
    return lambda: os.chmod(path, 0o755)


def _run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_read_only_data_folder_gives_a_plain_message(tmp_path):
    data = tmp_path / "data"
    pw = tmp_path / "pw"
    pw.write_text("Passw0rd-2026\n", encoding="utf-8")
    assert _run("--data-dir", str(data), "init", "--admin", "admin", "--password-file", str(pw),
                "--office", "测试办公室").returncode == 0
    undo = _read_only_folder(data)
    try:
        for cmd in (["check"], ["demo", "--requests", "3"], ["backup"]):
            done = _run("--data-dir", str(data), *cmd)
            assert done.returncode != 0, cmd
            assert "Traceback" not in done.stderr, (cmd, done.stderr)
            assert "只读" in done.stderr, (cmd, done.stderr)
    finally:
        undo()


def test_a_waiting_save_says_that_it_waits(tmp_path, system):
    path = tmp_path / "t.db"
    db = open_database(sqlite_url(path))
    migrations.migrate(db)
    holder = sqlite3.connect(path, timeout=0, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    told = []
    listener = told.append
    on_lock_wait(listener)
    release = threading.Timer(1.0, holder.rollback)
    release.start()
    try:
        started = time.monotonic()
        with write_transaction():
            audit.record(system, "setting.update", "setting", "k")
        waited = time.monotonic() - started
    finally:
        remove_lock_wait_listener(listener)
        release.join()
        holder.close()
        close_database()
    assert told == [True, False]
    assert waited >= 0.5  # it waited for the other writer instead of failing at once
