"""Files the command line reads and writes: a wrong path is told in Chinese, never a traceback, and nothing is left
half-done (no database made before the password is read, no output file without its audit row)."""
import os
import sqlite3

import pytest

from tests.db.test_cli import run

LEDGER = "收到日期,申请人类型,申请人,申请内容\n2026-03-02,自然人,陈小红,城关镇危房改造补助名单\n"


@pytest.fixture
def office(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("Passw0rd-2026\n", encoding="utf-8")
    data = str(tmp_path / "data")
    r = run("--data-dir", data, "init", "--admin", "admin", "--password-file", str(pw), "--office", "某某县人民政府办公室")
    assert r.returncode == 0, r.stderr
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    r = run("--data-dir", data, "import", "ledger", str(ledger))
    assert r.returncode == 0, r.stderr
    return data


def _audit_count(data, action):
    with sqlite3.connect(os.path.join(data, "zhengwu.db")) as con:
        return con.execute("SELECT count(*) FROM audit_log WHERE action = ?", (action,)).fetchone()[0]


def test_unreadable_password_file_creates_nothing(tmp_path):
    data = tmp_path / "data"
    r = run("--data-dir", str(data), "init", "--admin", "admin", "--password-file", str(tmp_path / "nope"),
            "--office", "某某县人民政府办公室")
    assert r.returncode == 1
    assert "无法读取密码文件" in r.stderr and "文件或文件夹不存在" in r.stderr and "Traceback" not in r.stderr
    assert not (data / "zhengwu.db").exists()
    r = run("--data-dir", str(data), "init", "--admin", "admin", "--password-file", str(tmp_path),
            "--office", "某某县人民政府办公室")
    assert r.returncode == 1 and "这是一个文件夹" in r.stderr and not (data / "zhengwu.db").exists()


@pytest.mark.parametrize("where", ["missing/r.xlsx", "."])
def test_requests_export_to_an_unwritable_place(office, tmp_path, where):
    r = run("--data-dir", office, "requests", "export", "--out", str(tmp_path / where))
    assert r.returncode == 1 and "无法写入" in r.stderr and "Traceback" not in r.stderr
    assert _audit_count(office, "request.export") == 0


def test_requests_export_writes_the_file_and_its_audit_row(office, tmp_path):
    r = run("--data-dir", office, "requests", "export", "--out", str(tmp_path / "r.xlsx"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r.xlsx").stat().st_size > 0 and _audit_count(office, "request.export") == 1


def test_notice_to_an_unwritable_place(office, tmp_path):
    r = run("--data-dir", office, "notice", "--request", "2026-依申请-0001", "--kind", "登记回执",
            "--out", str(tmp_path / "missing" / "n.pdf"))
    assert "Traceback" not in r.stderr
    assert r.returncode == 1 and "无法写入" in r.stderr
    assert _audit_count(office, "request.document_output") == 0
    r = run("--data-dir", office, "notice", "--request", "2026-依申请-0001", "--kind", "登记回执",
            "--out", str(tmp_path / "n.pdf"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "n.pdf").read_bytes()[:4] == b"%PDF" and _audit_count(office, "request.document_output") == 1


def test_report_to_an_unwritable_place(office, tmp_path):
    r = run("--data-dir", office, "report", "annual", "--year", "2025", "--format", "xlsx",
            "--out", str(tmp_path / "missing" / "r.xlsx"))
    assert r.returncode == 1 and "无法写入" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("year", ["99999", "-5", "1800"])
def test_export_year_outside_the_range(tmp_path, year):
    r = run("--data-dir", str(tmp_path / "data"), "requests", "export", "--out", str(tmp_path / "r.xlsx"), "--year", year)
    assert r.returncode == 1 and "2000至2100" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "r.xlsx").exists()
