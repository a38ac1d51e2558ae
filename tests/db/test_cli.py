"""The command line as a clerk or an installer would use it."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None):
    import os
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True, env=e,
                          timeout=120)


def test_init_smoke_check(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("Passw0rd-2026\n", encoding="utf-8")
    data = str(tmp_path / "data")
    r = run("--data-dir", data, "init", "--admin", "admin", "--password-file", str(pw), "--office", "测试办公室")
    assert r.returncode == 0, r.stderr
    assert "已建立机关“测试办公室”" in r.stdout
    r = run("--data-dir", data, "init")
    assert r.returncode == 0 and "已是最新版本" in r.stdout
    r = run("--data-dir", data, "smoke")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().startswith("smoke ok ")
    assert int(r.stdout.split()[-1]) >= 0
    r = run("--data-dir", data, "check")
    assert r.returncode == 0, r.stderr


def test_init_wants_all_three_admin_options(tmp_path):
    r = run("--data-dir", str(tmp_path / "d"), "init", "--admin", "admin")
    assert r.returncode != 0
    assert "须同时给出" in r.stderr


def test_errors_are_chinese_on_stderr(tmp_path):
    r = run("--data-dir", str(tmp_path / "d"), "no-such-command")
    assert r.returncode != 0
    assert "错误" in r.stderr and "无效的选项" in r.stderr
    r = run("--data-dir", str(tmp_path / "d"), "init", "--admin", "a", "--password-file", str(tmp_path / "missing"),
            "--office", "x")
    assert r.returncode == 1 and "无法读取密码文件" in r.stderr


def test_help_on_every_command():
    from app.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:
        r = run(name, "--help")
        assert r.returncode == 0, name
        assert "用法" in r.stdout


def test_too_new_database_is_refused(tmp_path):
    import sqlite3
    data = tmp_path / "data"
    data.mkdir()
    con = sqlite3.connect(data / "zhengwu.db")
    con.execute("PRAGMA user_version = 999")
    con.close()
    r = run("--data-dir", str(data), "check")
    assert r.returncode == 3
    assert "高于本程序支持的版本" in r.stderr
