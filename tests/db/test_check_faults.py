"""``check`` on broken files and folders: a plain Chinese report and a non-zero exit, never a traceback; a damaged
database opens read-only and refuses every write (the services, imports and the demo too)."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import integrity
from app.actor import system_actor
from app.errors import StorageError
from app.workspace import open_workspace
from db.connection import close_database, writes_refused

from tests.db.datadir import copy_of, make_data_dir

ROOT = Path(__file__).resolve().parents[2]
DB = "zhengwu.db"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_data_dir(tmp_path_factory.mktemp("pristine"), 20, 5)


@pytest.fixture
def data(pristine, tmp_path):
    return copy_of(pristine, tmp_path)


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def corrupt_a_page(path: Path):
    """Scribble over the b-tree of the largest table (not page 1, so the file still opens)."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'request_event'").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff\x13" * 200)


def truncate(path: Path):
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size // 2 + 123)


def not_a_database(path: Path):
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)


@pytest.mark.parametrize("damage,expect", [
    (corrupt_a_page, "完整性检查不通过"),
    (truncate, "被截短"),
    (not_a_database, "不是 SQLite 数据库文件"),
])
def test_check_reports_a_broken_file_plainly(data, damage, expect):
    damage(data / DB)
    done = run("--data-dir", str(data), "check")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert expect in done.stderr, done.stderr
    assert "zhengwu-backup-" in done.stderr  # the message names a backup that exists
    backup_named = done.stderr.split("最近的备份是 ")[1].split("，")[0]
    assert Path(backup_named).exists()


def test_check_of_an_unreadable_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        # root reads any folder: check runs as an ordinary user, if the system has one and may run the project
        done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
                               "-c", "import os,sys; sys.exit(0 if os.access(sys.argv[1], os.R_OK) else 1)",
                               str(ROOT / "app" / "__init__.py")], capture_output=True)
        if done.returncode != 0:
            pytest.skip("no unprivileged user can run the project here")
        os.chmod(folder, 0o700)
        done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                               "app", "--data-dir", str(folder), "check"], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)})
    else:
        os.chmod(folder, 0o000)
        done = run("--data-dir", str(folder), "check")
        os.chmod(folder, 0o700)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "无法读取数据目录" in done.stderr or "没有读取权限" in done.stderr, done.stderr


def test_check_of_a_missing_database_creates_nothing(tmp_path):
    done = run("--data-dir", str(tmp_path / "none"), "check")
    assert done.returncode == 2
    assert "不存在" in done.stderr
    assert not (tmp_path / "none" / DB).exists()


def test_a_damaged_database_opens_read_only_and_refuses_writes(data):
    corrupt_a_page(data / DB)
    before = (data / DB).read_bytes()
    ws = open_workspace(str(data))
    try:
        assert ws.damaged and "只读" in ws.damaged
        assert writes_refused()
        from app import users
        assert users.authenticate("admin", "Passw0rd-2026").username == "admin"  # one may log in to read
        from app import demo, settings
        with pytest.raises(StorageError) as err:
            settings.set_many(system_actor("测试"), {"office.abbreviation": "改"})
        assert "zhengwu-backup-" in str(err.value) and "只读" in str(err.value)
        with pytest.raises(StorageError):
            demo.fill(3, 1)
    finally:
        close_database()
    assert (data / DB).read_bytes() == before
    for cmd in (["demo", "--requests", "2"], ["import", "ledger", str(data / "none.csv")]):
        done = run("--data-dir", str(data), *cmd)
        assert done.returncode != 0, cmd
        assert "Traceback" not in done.stderr
    assert (data / DB).read_bytes() == before
    open_workspace(str(data))  # the next sound start clears the refusal only when the file is sound again
    assert writes_refused()
    close_database()


def test_a_database_that_cannot_be_opened_names_a_backup(data):
    not_a_database(data / DB)
    with pytest.raises(StorageError) as err:
        open_workspace(str(data))
    assert "zhengwu-backup-" in str(err.value)
    integrity_report = integrity.run_check(str(data))
    assert integrity_report.exit_code == 2


def test_a_large_damaged_database_is_checked_after_opening_and_writes_wait_for_it(data, monkeypatch):
    """A file above CHECK_LATER_BYTES opens at once; its check runs in the background, every save waits for the
    check, and a damaged file is then refused as one found damaged at start-up, with nothing written."""
    from app import settings, workspace
    from db import connection
    corrupt_a_page(data / DB)
    before = (data / DB).read_bytes()
    monkeypatch.setattr(workspace, "CHECK_LATER_BYTES", 0)
    started = __import__("threading").Event()
    real = workspace.startup_check

    def slow_check(path, dd):  # the check has not ended when the first save comes
        started.wait(5)
        return real(path, dd)
    monkeypatch.setattr(workspace, "startup_check", slow_check)
    waits = []

    def listener(waiting, text=None):
        waits.append((waiting, text))
    connection.on_lock_wait(listener)
    try:
        ws = open_workspace(str(data))
        assert ws.check is not None and not ws.check_done(0) and not ws.damaged
        started.set()
        with pytest.raises(StorageError) as err:
            settings.set_many(system_actor("测试"), {"office.abbreviation": "改"})
        assert "只读" in str(err.value)
        assert ws.check_done(0) and ws.damaged and writes_refused()
        assert waits[0] == (True, connection.HELD_NOTICE) and waits[-1] == (False, None)
    finally:
        connection.remove_lock_wait_listener(listener)
        close_database()
    assert (data / DB).read_bytes() == before


def test_a_large_sound_database_saves_once_its_background_check_has_passed(data, monkeypatch):
    from app import settings, workspace
    monkeypatch.setattr(workspace, "CHECK_LATER_BYTES", 0)
    ws = open_workspace(str(data))
    try:
        assert ws.check is not None
        settings.set_many(system_actor("测试"), {"office.abbreviation": "改"})
        assert ws.check_done(0) and not ws.damaged and not writes_refused()
        assert settings.get("office.abbreviation") == "改"
    finally:
        close_database()
    monkeypatch.setattr(workspace, "CHECK_LATER_BYTES", 2**40)  # a small file is checked before opening, as before
    assert open_workspace(str(data)).check is None
    close_database()
