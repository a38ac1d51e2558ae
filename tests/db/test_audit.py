"""The audit trail: one row per change, hash-chained; tampering (edit, delete, insert) is caught by ``check``."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import audit
from app.audit import AuditFilter
from app.errors import PermissionDenied
from db.connection import write_transaction

ROOT = Path(__file__).resolve().parents[2]


def _write(actor, n=5):
    for i in range(n):
        with write_transaction():
            audit.record(actor, "setting.update", "setting", f"k{i}", before={"value": i}, after={"value": i + 1})


def test_rows_are_chained(db, system):
    _write(system, 5)
    report = audit.verify_chain()
    assert report.ok and report.rows == 5
    rows = audit.fetch(system, AuditFilter(), 0, 10, "seq", descending=False)
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["after"] == '{"value": 1}'


def test_record_outside_a_transaction_is_a_bug(db, system):
    with pytest.raises(RuntimeError):
        audit.record(system, "x", "y")


def test_a_failed_change_leaves_no_audit_row(db, system):
    with pytest.raises(ZeroDivisionError):
        with write_transaction():
            audit.record(system, "setting.update", "setting", "a")
            1 / 0
    assert audit.verify_chain().rows == 0


def _tamper(path, sql):
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("sql,expect", [
    ("UPDATE audit_log SET after_json = '{\"value\": 99}' WHERE seq = 3", "第 3 条"),
    ("UPDATE audit_log SET username = 'someone' WHERE seq = 2", "第 2 条"),
    ("DELETE FROM audit_log WHERE seq = 3", "第 4 条"),
    ("DELETE FROM audit_log WHERE seq = 5", "链尾"),
    ("INSERT INTO audit_log (seq, ts, user_id, username, action, entity, entity_id, before_json, after_json, "
     "prev_hash, hash) SELECT 6, ts, user_id, username, action, entity, entity_id, before_json, after_json, hash, "
     "hash FROM audit_log WHERE seq = 5", "第 6 条"),
    ("UPDATE audit_log SET seq = seq + 10 WHERE seq = 4", "第 5 条"),
])
def test_tampering_is_detected(db, system, tmp_path, sql, expect):
    _write(system, 5)
    path = db.database
    db.close()
    _tamper(path, sql)
    db.connect()
    report = audit.verify_chain()
    assert not report.ok
    assert expect in report.describe()


def test_check_command_fails_on_an_edited_row(tmp_path):
    data = tmp_path / "data"
    pw = tmp_path / "pw"
    pw.write_text("Passw0rd-2026\n", encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data), *args],  # noqa: E731
                                       cwd=ROOT, capture_output=True, text=True)
    assert run("init", "--admin", "admin", "--password-file", str(pw), "--office", "测试办公室").returncode == 0
    ok = run("check")
    assert ok.returncode == 0, ok.stderr
    assert "哈希链连续" in ok.stdout
    _tamper(data / "zhengwu.db", "UPDATE audit_log SET after_json = after_json || 'x' WHERE seq = 1")
    bad = run("check")
    assert bad.returncode != 0
    assert "第 1 条" in bad.stderr


def test_viewer_queries_filter_and_need_permission(db, system, make_user):
    _write(system, 3)
    clerk = make_user("clerk")
    with pytest.raises(PermissionDenied):
        audit.count(clerk, AuditFilter())
    assert audit.count(system, AuditFilter(action="setting.update")) == 3
    assert audit.count(system, AuditFilter(entity="user")) == 1  # the clerk's creation
    assert audit.count(system, AuditFilter(entity_id="k1")) == 1
    choices = audit.choices(system)
    assert "setting.update" in choices["action"]


def test_csv_export(db, system, tmp_path):
    _write(system, 3)
    out = tmp_path / "a.csv"
    n = audit.export_csv(system, AuditFilter(action="setting.update"), str(out))
    assert n == 3
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("序号,时间,用户,操作")
    assert "修改设置" in text
    assert audit.count(system, AuditFilter(action="audit.export")) == 1  # the export itself is recorded


def test_csv_export_writes_user_text_as_text(db, system, tmp_path):
    import csv
    with write_transaction():
        audit.record(system, "setting.update", "setting", "=HYPERLINK(\"http://x\")", after={"value": "+cmd"})
        audit.record(system, "setting.update", "setting", "k\x0b1", after={"value": 1})
    out = tmp_path / "a.csv"
    audit.export_csv(system, AuditFilter(action="setting.update"), str(out))
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[1][6] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][8] == '{"value": "+cmd"}'  # JSON text starts with "{": left as it is
    assert "\x0b" not in out.read_text(encoding="utf-8-sig") and rows[2][6] == "k\\x0b1"


def test_csv_export_to_a_missing_folder_is_told_and_not_recorded(db, system, tmp_path):
    from app.errors import ServiceError
    with pytest.raises(ServiceError, match="无法写入"):
        audit.export_csv(system, AuditFilter(), str(tmp_path / "missing" / "a.csv"))
    assert audit.count(system, AuditFilter(action="audit.export")) == 0
