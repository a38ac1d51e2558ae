"""The 举报投诉 commands refuse in Chinese, never with a traceback, and leave no file behind a refusal."""
import pytest

from tests.db.test_cli import run


@pytest.fixture
def office(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("Passw0rd-2026\n", encoding="utf-8")
    data = str(tmp_path / "data")
    r = run("--data-dir", data, "init", "--admin", "admin", "--password-file", str(pw), "--office", "某某镇人民政府")
    assert r.returncode == 0, r.stderr
    return data


def test_commands_refuse_plainly(office, tmp_path):
    out = tmp_path / "r.pdf"
    r = run("--data-dir", office, "complaints", "print", "--case", "2026-举报投诉-0099", "--kind", "答复函",
            "--out", str(out))
    assert r.returncode == 1 and "没有编号为“2026-举报投诉-0099”的举报投诉" in r.stderr and "Traceback" not in r.stderr
    r = run("--data-dir", office, "complaints", "print", "--kind", "督查通报", "--quarter", "2026-5", "--out", str(out))
    assert r.returncode == 1 and "季度应为1至4" in r.stderr and not out.exists()
    r = run("--data-dir", office, "complaints", "export", "--out", str(tmp_path / "missing" / "c.xlsx"))
    assert r.returncode == 1 and "无法写入" in r.stderr and "Traceback" not in r.stderr


def test_the_summary_prints(office, tmp_path):
    out = tmp_path / "s.pdf"
    r = run("--data-dir", office, "complaints", "print", "--kind", "督查通报", "--month", "2026-03", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
