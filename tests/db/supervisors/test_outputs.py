"""The roster for 备案 and the opinion handling sheet through the document engine (fonts embedded), the roster and
the opinions register as .xlsx, and the command line contracts."""
import datetime as dt

import openpyxl

from app import office
from app.supervisors import documents, opinions, query, roster
from tests.app.printing.helpers import pdffonts, pdftotext, squeeze

from tests.db.supervisors.conftest import SUPERVISOR, opinion_data

D = dt.date


def test_the_roster_for_filing(office_staff, appointed, today, tmp_path):
    office.save_profile(office_staff["admin"], {"name": "某某镇人民政府"})
    roster.appoint(office_staff["head"], {**SUPERVISOR, "name": "周丽萍", "sex": "女", "contact": "13900002222",
                                          "constituency": "mass_org", "unit": "镇妇联"})
    pdf = documents.roster_pdf(office_staff["clerk"])
    text = squeeze(pdftotext(pdf))
    for word in ("政务公开监督员名册", "杨建华", "13800001111", "人大代表", "周丽萍", "群团组织", "报区政务公开工作领导小组备案",
                 "某某镇人民政府"):
        assert word in text, word
    assert all(f["emb"] == "yes" for f in pdffonts(pdf, tmp_path))
    roster.end_service(office_staff["head"], appointed, D(2026, 6, 1), "resigned")
    assert "杨建华" not in squeeze(pdftotext(documents.roster_pdf(office_staff["clerk"])))  # serving only
    out = tmp_path / "名册.xlsx"
    assert documents.roster_xlsx(office_staff["clerk"], str(out)) == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == tuple(h for _, h in roster.COLUMNS)
    assert {r[0]: r[8] for r in rows[1:]} == {"杨建华": "已离任", "周丽萍": "在任"}


def test_the_handling_sheet_and_the_register(office_staff, appointed, today, tmp_path):
    clerk = office_staff["clerk"]
    oid = opinions.register(clerk, opinion_data(appointed, content="=HYPERLINK(\"http://x\")建议公开咨询电话"))["id"]
    opinions.transfer(clerk, oid, "办公室", D(2026, 3, 3))
    opinions.answer(clerk, oid, "已在网站公布。", D(2026, 3, 10))
    opinions.cannot(clerk, oid, "另需区里统一部署", "电话", D(2026, 3, 12))
    pdf = documents.handling_sheet_pdf(clerk, oid)
    text = squeeze(pdftotext(pdf))
    for word in ("政务公开监督意见办理单", "2026-监督-0001", "杨建华", "转办公室办理", "已在网站公布",
                 "暂不能落实。原因：另需区里统一部署。已于2026年3月12日以电话方式告知监督员。"):
        assert squeeze(word) in text, word
    assert all(f["emb"] == "yes" for f in pdffonts(pdf, tmp_path))
    out = tmp_path / "意见.xlsx"
    assert documents.export_opinions(clerk, query.OpinionFilter(), str(out)) == 1
    ws = openpyxl.load_workbook(out).active
    assert ws.cell(2, 7).data_type == "s" and ws.cell(2, 7).value.startswith("=HYPERLINK")  # text, not a formula
    assert ws.cell(2, 9).value == "暂不能落实（已告知）"


def test_the_command_line(tmp_path):
    import subprocess
    import sys
    pw = tmp_path / "pw"
    pw.write_text("Bars-check-2026\n")
    data = tmp_path / "data"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data), *args], capture_output=True,
                              text=True, timeout=600)

    assert run("init", "--admin", "admin", "--password-file", str(pw), "--office", "某某镇人民政府").returncode == 0
    made = run("demo", "--requests", "20", "--seed", "3")
    assert "2名监督员、12件监督意见" in made.stdout, made.stderr  # six in every step, one per unit last year
    for fmt in ("pdf", "xlsx"):
        done = run("supervisors", "roster", "--format", fmt, "--out", str(tmp_path / f"r.{fmt}"))
        assert done.returncode == 0, done.stderr
    assert run("supervisors", "opinions", "export", "--out", str(tmp_path / "o.xlsx")).returncode == 0
    rows = list(openpyxl.load_workbook(tmp_path / "o.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 13
    assert run("supervisors", "opinion-sheet", "--opinion", rows[1][0], "--out", str(tmp_path / "s.pdf")).returncode == 0
    bad = run("supervisors", "opinion-sheet", "--opinion", "1999-监督-9999", "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode != 0 and "没有编号为“1999-监督-9999”的监督意见" in bad.stderr and "Traceback" not in bad.stderr
