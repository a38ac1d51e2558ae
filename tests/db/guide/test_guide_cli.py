"""``guide`` and ``standard-catalogue`` on the command line, on a demo office."""
import subprocess
import sys

import openpyxl
import pytest

pytestmark = pytest.mark.sqlite_only  # the commands open the data directory's own database


def _run(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), *args],
                          capture_output=True, text=True, timeout=300)


def test_guide_and_catalogue_commands(tmp_path, engine):
    pw = tmp_path / "pw"
    pw.write_text("Guide-check-2026\n")
    assert _run(tmp_path, "init", "--admin", "admin", "--password-file", str(pw), "--office", "某某镇人民政府").returncode == 0
    r = _run(tmp_path, "demo", "--requests", "20", "--seed", "2")
    assert r.returncode == 0, r.stderr
    assert "公开事项标准目录 8 项" in r.stdout
    r = _run(tmp_path, "guide", "--format", "pdf", "--out", str(tmp_path / "g.pdf"))
    assert r.returncode == 0 and "最新一版" in r.stdout, r.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "g.pdf"), "-"], capture_output=True, text=True).stdout
    text = text.replace("\n", "").replace(" ", "")
    for words in ("某某镇人民政府政府信息公开指南", "20个工作日", "行政复议", "某某县人民政府"):
        assert words in text
    assert _run(tmp_path, "guide", "--format", "docx", "--version", "1", "--out", str(tmp_path / "g.docx")).returncode == 0
    r = _run(tmp_path, "guide", "--format", "pdf", "--version", "9", "--out", str(tmp_path / "x.pdf"))
    assert r.returncode != 0 and "没有第9版" in r.stderr and not (tmp_path / "x.pdf").exists()
    r = _run(tmp_path, "standard-catalogue", "export", "--out", str(tmp_path / "c.xlsx"))
    assert r.returncode == 0 and "7 项" in r.stdout, r.stderr  # 8 made, 1 removed
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    ws.append(["新事项"] + [None] * 10)
    ws.append([None, "只有渠道"] + [None] * 9)
    ws.parent.save(tmp_path / "in.xlsx")
    r = _run(tmp_path, "standard-catalogue", "import", str(tmp_path / "in.xlsx"))
    assert r.returncode == 1 and "第10行：事项名称：不能为空" in r.stderr and "未导入任何内容" in r.stderr
    r = _run(tmp_path, "standard-catalogue", "import", str(tmp_path / "in.xlsx"), "--skip-bad")
    assert r.returncode == 0 and "新增 1 项" in r.stdout and "未变 7 项" in r.stdout and "跳过 1 行" in r.stdout
