"""备份与恢复: one verified archive of the database and stored files; a bad archive is refused and changes nothing."""
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import audit, backup, files, integrity, settings
from app.actor import system_actor
from app.errors import ServiceError
from app.paths import DataDir
from app.workspace import open_workspace
from db.connection import close_database
from db.models import Request
from tests.db.datadir import copy_of, make_data_dir

ROOT = Path(__file__).resolve().parents[2]
DB = "zhengwu.db"
SYSTEM = system_actor("测试")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return make_data_dir(tmp_path_factory.mktemp("pristine"), 10, 7)


@pytest.fixture
def data(pristine, tmp_path):
    root = copy_of(pristine, tmp_path)
    for old in (root / "backups").iterdir():
        old.unlink()
    open_workspace(str(root))
    files.put(b"%PDF-1.4 scanned application", "attachments", ".pdf")
    yield root
    close_database()


def _counts(path: Path) -> dict:
    con = sqlite3.connect(path)
    out = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("disclosure_request", "audit_log")}
    con.close()
    return out


def test_backup_writes_one_verified_archive(data):
    result = backup.create(SYSTEM, DataDir(data))
    path = result.info.path
    assert path.parent == data / "backups" and path.name.startswith("zhengwu-backup-") and path.suffix == ".zip"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert DB in names
    assert any(n.startswith("files/attachments/") for n in names)
    assert manifest["counts"]["disclosure_request"] == Request.select().count() == 10
    assert result.info.files == sum(1 for f in (data / "files").rglob("*") if f.is_file()) >= 1
    # the head in the manifest is the head the backup was taken at (its own audit row comes after)
    row = audit.AuditLog.get(audit.AuditLog.seq == manifest["anchor"]["seq"])
    assert row.hash == manifest["anchor"]["hash"]
    assert audit.AuditLog.select().order_by(audit.AuditLog.seq.desc()).first().action == "database.backup"
    assert backup.verify(path).rows == result.info.rows


def test_backup_is_consistent_while_another_window_writes(data):
    """The online backup API copies a consistent snapshot: a writer's uncommitted rows are not in it."""
    other = sqlite3.connect(data / DB, timeout=10)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE disclosure_request SET notes = 'uncommitted' WHERE id = 1")
    def release_after_the_copy(done, total, what):
        if what.startswith("核验备份") and other.in_transaction:
            other.rollback()  # the copy is made; let the backup write its own audit row

    try:
        result = backup.create(SYSTEM, DataDir(data), out=data / "during.zip", progress=release_after_the_copy)
    finally:
        if other.in_transaction:
            other.rollback()
        other.close()
    with zipfile.ZipFile(result.info.path) as zf:
        zf.extract(DB, data / "x")
    con = sqlite3.connect(data / "x" / DB)
    assert con.execute("SELECT count(*) FROM disclosure_request WHERE notes = 'uncommitted'").fetchone()[0] == 0
    con.close()


def test_old_backups_beyond_the_setting_are_removed(data, frozen_clock):
    settings.set_many(SYSTEM, {"backup.keep": 2})
    made = []
    for _ in range(4):
        frozen_clock.advance(minutes=1)
        made.append(backup.create(SYSTEM, DataDir(data)).info.path)
    left = backup.list_backups(data / "backups")
    assert left == [made[3], made[2]]


def test_backup_to_a_chosen_folder(data, tmp_path):
    stick = tmp_path / "usb"
    settings.set_many(SYSTEM, {"backup.folder": str(stick)})
    result = backup.create(SYSTEM, DataDir(data))
    assert result.info.path.parent == stick
    assert backup.latest_backup(DataDir(data)) == result.info.path


# ---- bad archives are refused, nothing changes ----------------------------------------------------------------------

def _truncated(good: Path, out: Path):
    out.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])


def _damaged_member(good: Path, out: Path):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(DB)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    data[start:start + 16] = bytes(16)
    out.write_bytes(bytes(data))


def _foreign_zip(good: Path, out: Path):
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "holiday photos")


def _not_a_zip(good: Path, out: Path):
    out.write_bytes(b"just some text, renamed to .zip")


def _wrong_counts(good: Path, out: Path):
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "manifest.json":
                m = json.loads(content)
                m["counts"]["disclosure_request"] += 5
                content = json.dumps(m).encode()
            dst.writestr(item, content)


def _newer_program(good: Path, out: Path):
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "manifest.json":
                m = json.loads(content)
                m["schema_version"] = 999
                content = json.dumps(m).encode()
            dst.writestr(item, content)


@pytest.mark.parametrize("spoil,reason", [
    (_truncated, "不完整"),
    (_damaged_member, "损坏"),
    (_foreign_zip, "不是本程序的备份"),
    (_not_a_zip, "不是本程序的备份"),
    (_wrong_counts, "行数与备份说明不符"),
    (_newer_program, "更新版本"),
])
def test_a_bad_archive_is_refused_and_nothing_changes(data, tmp_path, spoil, reason):
    good = backup.create(SYSTEM, DataDir(data)).info.path
    bad = tmp_path / "bad.zip"
    spoil(good, bad)
    before = (data / DB).read_bytes(), sorted(p.name for p in (data / "backups").iterdir())
    with pytest.raises(ServiceError, match=reason):
        backup.restore(SYSTEM, DataDir(data), bad)
    assert ((data / DB).read_bytes(), sorted(p.name for p in (data / "backups").iterdir())) == before


def test_restore_brings_back_the_archive_and_keeps_the_current_database(data, frozen_clock):
    from app.requests import register
    from tests.db.factories import person
    good = backup.create(SYSTEM, DataDir(data)).info.path
    frozen_clock.advance(minutes=5)
    register.register(SYSTEM, person())
    assert Request.select().count() == 11
    (data / "files" / "attachments").rename(data / "files" / "gone")  # stored files lost too
    result = backup.restore(SYSTEM, DataDir(data), good)
    assert Request.select().count() == 10
    assert result.safety_copy is not None and result.safety_copy.exists()
    assert backup.verify(result.safety_copy).counts["disclosure_request"] == 11  # the replaced database, kept
    assert any((data / "files" / "attachments").rglob("*.pdf"))
    last = audit.AuditLog.select().order_by(audit.AuditLog.seq.desc()).first()
    assert last.action == "database.restore"
    close_database()
    report = integrity.run_check(str(data))
    assert report.ok, report.problems  # the safety copy holds the replaced history: not compared past the restore


def test_restore_over_a_deleted_database(data):
    good = backup.create(SYSTEM, DataDir(data)).info.path
    close_database()
    (data / DB).unlink()
    backup.restore(SYSTEM, DataDir(data), good)
    assert Request.select().count() == 10
    close_database()
    assert integrity.run_check(str(data)).ok


def _run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_backup_and_restore_commands(data, tmp_path):
    close_database()
    out = tmp_path / "copy.zip"
    done = _run("--data-dir", str(data), "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "核验通过" in done.stdout and out.exists()
    _not_a_zip(out, tmp_path / "bad.zip")
    bad = _run("--data-dir", str(data), "restore", str(tmp_path / "bad.zip"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "不是本程序的备份" in bad.stderr
    done = _run("--data-dir", str(data), "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert "恢复前的数据库已保存到" in done.stdout
    assert _run("--data-dir", str(data), "check").returncode == 0


def test_restore_is_refused_while_another_window_has_the_database_open(data):
    good = backup.create(SYSTEM, DataDir(data)).info.path
    other = sqlite3.connect(data / DB)
    other.execute("SELECT count(*) FROM disclosure_request").fetchone()
    try:
        with pytest.raises(ServiceError, match="其他窗口"):
            backup.restore(SYSTEM, DataDir(data), good)
        other.execute("UPDATE disclosure_request SET notes = 'still mine' WHERE id = 1")
        other.commit()
    finally:
        other.close()
    con = sqlite3.connect(data / DB)
    assert con.execute("SELECT notes FROM disclosure_request WHERE id = 1").fetchone()[0] == "still mine"
    con.close()


def test_restore_over_a_damaged_database_keeps_its_bytes(data):
    good = backup.create(SYSTEM, DataDir(data)).info.path
    close_database()
    garbage = b"overwritten by another program " * 200
    (data / DB).write_bytes(garbage)
    done = _run("--data-dir", str(data), "restore", str(good))
    assert done.returncode == 0, done.stderr
    kept = next((data / "backups").glob("zhengwu-damaged-*.db"))
    assert kept.read_bytes() == garbage
    assert _run("--data-dir", str(data), "check").returncode == 0


def test_a_full_backup_disk_is_told_and_leaves_nothing_half(data, tmp_path):
    from tests.db.test_storage_faults import small_tmpfs
    with small_tmpfs(tmp_path / "stick", "300k") as stick:
        open_workspace(str(data))
        with pytest.raises(ServiceError, match="备份位置的磁盘已满") as err:
            backup.create(SYSTEM, DataDir(data), out=stick / "copy.zip")
        assert "数据库都不受影响" in str(err.value)
        assert list(stick.iterdir()) == []
        assert integrity.run_check(str(data)).ok


def test_out_does_not_prune_the_folder_it_writes_to(data, tmp_path, frozen_clock):
    settings.set_many(SYSTEM, {"backup.keep": 1})
    own = tmp_path / "desk"
    own.mkdir()
    for _ in range(3):
        frozen_clock.advance(minutes=1)
        backup.create(SYSTEM, DataDir(data), out=own / f"zhengwu-backup-2026063{_}-100000.zip")
    assert len(list(own.iterdir())) == 3


def _phases(reports):
    """The reports of a run grouped by phase (the text before "："), each phase's (done, total) in order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for done, total, what in reports:
        out.setdefault(what.split("：")[0], []).append((done, total))
    return out


def test_backup_reports_pages_then_bytes_then_the_verification(data, monkeypatch):
    from db import connection
    monkeypatch.setattr(connection, "BACKUP_STEP_PAGES", 8)  # several steps for this small database
    monkeypatch.setattr(backup, "CHUNK", 4096)
    reports = []
    result = backup.create(SYSTEM, DataDir(data), progress=lambda *r: reports.append(r))
    phases = _phases(reports)
    pages = phases["复制数据库"]
    counted = [p for p in pages if p[1]]
    page_count = sqlite3.connect(data / DB).execute("PRAGMA page_count").fetchone()[0]
    assert len(counted) >= 3 and counted[-1] == (counted[-1][1], counted[-1][1]) and counted[-1][1] >= page_count - 2
    assert [d for d, _ in counted] == sorted(d for d, _ in counted)
    written = phases["写入数据库和存档文件"]
    with zipfile.ZipFile(result.info.path) as zf:
        stored = sum(i.file_size for i in zf.infolist() if i.filename != "manifest.json")
        everything = sum(i.file_size for i in zf.infolist())
    assert written[-1] == (stored, stored) and len(written) >= 3
    assert phases["核验备份"][-1] == (everything, everything)
    assert reports[-1][2] == "完成"
    assert any("页" in what for _, _, what in reports) and any("MB" in what for _, _, what in reports)


def _leftovers(where: Path) -> list[str]:
    return sorted(p.name for p in where.iterdir()) if where.exists() else []


@pytest.mark.parametrize("phase", ["复制数据库", "写入数据库和存档文件", "核验备份"])
def test_a_cancelled_backup_leaves_no_file(data, monkeypatch, phase):
    from app.errors import Cancelled
    from db import connection
    monkeypatch.setattr(connection, "BACKUP_STEP_PAGES", 8)
    monkeypatch.setattr(backup, "CHUNK", 4096)
    seen = []
    asked = lambda: bool(seen) and seen[-1].startswith(phase) and seen[-1].count(" / ")  # noqa: E731
    audit_rows = audit.AuditLog.select().count()
    with pytest.raises(Cancelled, match="已取消"):
        backup.create(SYSTEM, DataDir(data), progress=lambda d, t, what: seen.append(what), cancelled=asked)
    assert seen[-1].startswith(phase)
    assert _leftovers(data / "backups") == []
    assert audit.AuditLog.select().count() == audit_rows


def test_a_restore_cancelled_while_verifying_changes_nothing(data, monkeypatch):
    from app.errors import Cancelled
    monkeypatch.setattr(backup, "CHUNK", 4096)
    good = backup.create(SYSTEM, DataDir(data)).info.path
    before = (data / DB).read_bytes(), _leftovers(data / "backups"), _leftovers(data)
    seen = []
    with pytest.raises(Cancelled, match="没有作任何改动"):
        backup.restore(SYSTEM, DataDir(data), good, progress=lambda d, t, what: seen.append((d, t)),
                       cancelled=lambda: len(seen) > 3)
    assert 0 < seen[-1][0] < seen[-1][1]  # stopped part of the way through the archive
    assert ((data / DB).read_bytes(), _leftovers(data / "backups"), _leftovers(data)) == before
