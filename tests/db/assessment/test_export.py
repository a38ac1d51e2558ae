"""The grade sheets: xlsx read back with openpyxl (formulas for the totals, number formats, borders, A4 fit to width,
repeated header) and computed by LibreOffice (``--convert-to csv``) to the totals the program computed; the PDF's
text read back with its fonts embedded; the summary as .docx; the command line's ``export grades``."""
import csv
import io
import shutil
import subprocess

import openpyxl
import pytest

from app.assessment import export, rounds, scoring
from app.errors import NotFound, ValidationError
from tests.app.printing.helpers import pdffonts, pdftotext, squeeze
from tests.db.assessment.conftest import D, fill_scores
from tests.db.requests.test_notices import office_set  # noqa: F401  (a fixture)


@pytest.fixture
def finished(staff, checked, office_set):
    head = staff["head"]
    units = rounds.round_detail(head, checked)["units"]
    for u, share in zip(units, (1.0, 0.85, 0.3)):
        fill_scores(head, u["id"], share=share)
    rows = {r["title"]: r for r in scoring.score_sheet(head, units[0]["id"])["rows"]}
    item = rows["公开目录和指南"]
    for name in ("李华", "王强"):
        scoring.save_score(head, units[0]["id"], item["code"], name, 10,
                           [{"code": item["deductions"][0]["code"], "count": 1, "reason": "5月目录未更新"}])
    scoring.save_score(head, units[0]["id"], rows["加分项：工作经验被上级推广或受到表彰"]["code"], "李华", 2)
    rounds.advance(staff["leader"], checked, "approve", {"date": D(2026, 6, 30), "note": "同意考核小组意见"})
    rounds.advance(head, checked, "notify", {"date": D(2026, 6, 30), "form": "会议", "ref": "局务会议"})
    return {r["unit"]: r for r in scoring.summary(head, checked)}


def test_the_workbook_has_formulas_formats_and_print_settings(staff, finished, tmp_path):
    path = tmp_path / "g.xlsx"
    export.export_grades(staff["head"], 2026, "xlsx", str(path))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "办公室", "财政所", "经济发展办"]
    summary = wb["汇总"]
    assert summary["C4"].data_type == "f" and summary["C4"].value.startswith("='")
    assert summary["A4"].value.startswith("=RANK(")
    unit = wb["办公室"]
    total_row = next(r for r in range(4, unit.max_row + 1) if unit.cell(r, 1).value == "合计")
    assert unit.cell(total_row, 6).value == f"=MIN(100,SUM(F4:F{total_row - 1}))"
    assert unit.cell(4, 6).number_format == "0.00" and unit.cell(4, 6).border.left.style == "thin"
    for ws in wb:
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$3:$3"
    text = " ".join(str(c.value) for row in unit.iter_rows() for c in row if c.value is not None)
    assert "目录未更新扣1分（5月目录未更新）" in text and "考核等次：" in text


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")
def test_libreoffice_computes_the_totals_the_program_computed(staff, finished, tmp_path):
    path = tmp_path / "g.xlsx"
    export.export_grades(staff["head"], 2026, "xlsx", str(path))
    subprocess.run(["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp_path / "csv"), str(path)], capture_output=True, check=True, timeout=180)
    rows = list(csv.reader(io.StringIO((tmp_path / "csv" / "g-汇总.csv").read_text(encoding="utf-8"))))
    computed = {r[1]: (r[0], float(r[2]), r[3]) for r in rows[3:6]}
    assert computed == {unit: (str(r["rank"]), r["total"], r["grade"]) for unit, r in finished.items()}
    unit_rows = list(csv.reader(io.StringIO((tmp_path / "csv" / "g-办公室.csv").read_text(encoding="utf-8"))))
    total = next(r for r in unit_rows if r[0] == "合计")
    assert (float(total[2]), float(total[5])) == (100, finished["办公室"]["total"])


def test_the_pdf_reads_back_with_fonts_embedded(staff, finished, tmp_path):
    path = tmp_path / "g.pdf"
    export.export_grades(staff["head"], 2026, "pdf", str(path))
    pdf = path.read_bytes()
    text = squeeze(pdftotext(pdf))
    assert squeeze("2026年度政府信息公开工作考核结果汇总表") in text
    for unit, r in finished.items():
        assert squeeze(f"{unit}考核评分表") in text and r["grade"] in text
    assert squeeze("领导小组组长（签字）") in text and "未审定" not in text
    assert all(f["emb"] == "yes" for f in pdffonts(pdf, tmp_path))


def test_the_summary_as_docx(staff, finished, tmp_path):
    import docx
    path = tmp_path / "g.docx"
    export.export_grades(staff["head"], 2026, "docx", str(path))
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "被考核科室" in cells and "经济发展办" in cells and "不合格" in cells


def test_an_open_round_is_marked_and_a_missing_year_or_format_refused(staff, checked, tmp_path):
    pdf = export.preview_pdf(staff["head"], checked)
    assert "未审定" in pdftotext(pdf)
    with pytest.raises(NotFound, match="2019年度没有考核评议"):
        export.export_grades(staff["head"], 2019, "pdf", str(tmp_path / "x.pdf"))
    with pytest.raises(ValidationError, match="应为 pdf、xlsx 或 docx"):
        export.export_grades(staff["head"], 2026, "odt", str(tmp_path / "x.odt"))
    assert not (tmp_path / "x.pdf").exists()
