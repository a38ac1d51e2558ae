"""The annual report on paper and in files: pages that keep headers with their rows, the xlsx laid out like the
official tables, Word files that name the office, the draft marked 草稿 until the office marks the report final."""
import datetime as dt
import io

import pytest

from app import office
from app.errors import ValidationError
from app.printing.compose import paginated
from app.printing.fonts import fontset
from app.report import labels, output, service
from db.models import AuditLog
from tests.app.printing.helpers import (BLOCK, libreoffice_pdf, lines_of, metadata, needs_libreoffice, pages_chars,
                                        pdftotext, squeeze)

TEXTS = {"text.overview": "2025年本机关依法做好政府信息公开工作。", "text.problems": "主动公开的深度仍需提高。",
         "text.other": "本年度未收取信息处理费。"}


@pytest.fixture
def named(staff):
    office.save_profile(staff["admin"], {"name": "青山县人民政府办公室"})


def _box_text(box) -> str:
    if hasattr(box, "cells"):
        return "|".join("".join(r.text for line in c.lines for r in line.runs) for c in box.cells)
    return "".join(r.text for r in box.line.runs) if hasattr(box, "line") else ""


@pytest.mark.parametrize("overview_lines", range(0, 22, 1))
def test_no_page_ends_with_a_table_header_or_a_heading(staff, year_2025, overview_lines):
    """Whatever the length of the sections before it, a table's header rows (表二 “第二十条第（八）项” and its
    columns, 表三's “三、本年度办理结果”) and a heading never stand at the foot of a page without what they head."""
    report = service.build(staff["leader"], 2025)
    report.texts["overview"] = "\n".join(["公" * 56] * (overview_lines // 2) + ["开" * 20] * (overview_lines % 2))
    doc = output.to_document(report)
    heads = {article for article, _columns, _rows in labels.table2_spec(report.fmt)} | {labels.ROW_RESULTS}
    heads |= {text for _k, text in labels.SECTIONS}
    pages = paginated(doc, fontset({}))
    assert len(pages) > 1
    for page in pages[:-1]:
        last = _box_text(page[-1][0])
        assert not any(last.startswith(h) for h in heads), (overview_lines, last)
        assert "本年制发件数" not in last and "本年处理决定数量" not in last, (overview_lines, last)


def test_xlsx_is_laid_out_like_the_official_tables(staff, year_2025, tmp_path):
    import openpyxl
    service.save_entries(staff["head"], 2025, {"fees.amount": "1.25"})
    path = tmp_path / "r.xlsx"
    output.to_xlsx(service.build(staff["leader"], 2025), str(path))
    wb = openpyxl.load_workbook(path)
    ws3 = wb["三、申请情况"]
    widths = {letter: ws3.column_dimensions[letter].width for letter in "ABCDEFGHI"}
    longest = max(((len(str(c.value)), c.column_letter) for row in ws3.iter_rows(min_row=4) for c in row
                   if isinstance(c.value, str) and c.column_letter != "A"), default=(0, "B"))
    assert longest[1] == "B" and widths["B"] == max(widths.values())  # the labels are in the wide column
    assert all(widths[letter] <= 12 for letter in "CDEFGHI")  # the figures in narrow ones
    for ws in wb.worksheets:
        ranges = {(r, c): m for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
                  for c in range(m.min_col, m.max_col + 1)}
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row - 2):  # the table, not the note under it
            for cell in row:
                m = ranges.get((cell.row, cell.column))
                if cell.value is None and m is None:
                    continue
                # a merged range is framed on its outer edges
                sides = ("left", "right", "top", "bottom") if m is None else [
                    side for side, edge in (("left", cell.column == m.min_col), ("right", cell.column == m.max_col),
                                            ("top", cell.row == m.min_row), ("bottom", cell.row == m.max_row)) if edge]
                assert all(getattr(cell.border, side).style == "thin" for side in sides), (ws.title, cell.coordinate)
    fees = [c for row in wb["二、主动公开"].iter_rows() for c in row if c.value == "行政事业性收费"][0]
    amount = wb["二、主动公开"].cell(fees.row, fees.column + 1).value
    assert amount == 1.25 and isinstance(amount, float)


def test_word_file_names_the_office_and_now(staff, year_2025, named):
    import docx
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    data = output.to_docx(service.build(staff["leader"], 2025))
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    assert props.author == props.last_modified_by == "青山县人民政府办公室"
    assert props.created.replace(tzinfo=dt.timezone.utc) >= started - dt.timedelta(seconds=1)
    assert "python-docx" not in (props.comments or "") + (props.author or "")
    app_xml = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml").blob
    assert b"Macintosh" not in app_xml and "政务公开工作台".encode() in app_xml
    meta = metadata(output.to_pdf(service.build(staff["leader"], 2025)))
    assert meta["Author"] == "青山县人民政府办公室"


@needs_libreoffice
def test_word_table_four_headers_are_not_one_character_a_line(staff, year_2025, tmp_path):
    pdf = libreoffice_pdf(output.to_docx(service.build(staff["leader"], 2025)), ".docx", tmp_path)
    lines = ["".join(c["text"] for c in line) for page in pages_chars(pdf) for line in lines_of(page)]
    # “结果维持” set in a narrow column: at least two characters side by side, never 结/果/维/持
    assert any("结果" in line or "维持" in line for line in lines)


def test_overview_draft_states_the_denominator_of_the_on_time_rate(staff, year_2025):
    text = service.drafts(staff["head"], 2025)["overview"]
    total, on_time = service._on_time(2025)
    assert f"有答复期限的{total}件申请中，{on_time}件在法定期限内答复" in text
    assert f"（{on_time}÷{total}）" in text


def test_report_is_a_draft_until_the_office_marks_it_final(staff, year_2025, frozen_clock, tmp_path):
    import openpyxl
    head = staff["head"]
    report = service.build(staff["leader"], 2025)
    assert report.final is None
    assert "草稿" in squeeze(pdftotext(output.to_pdf(report)))
    with pytest.raises(ValidationError) as err:  # the sections are still empty
        service.set_final(head, 2025, True)
    assert "一、总体情况" in str(err.value) and "尚未填写" in str(err.value)
    service.save_entries(head, 2025, TEXTS)
    frozen_clock.set(dt.datetime(2025, 12, 20, 9, 0))
    with pytest.raises(ValidationError) as err:  # the year is not over
        service.set_final(head, 2025, True)
    assert "尚未结束" in str(err.value)
    frozen_clock.set(dt.datetime(2026, 1, 20, 9, 0))
    done = service.set_final(head, 2025, True)
    assert done["by"] == head.display_name
    assert AuditLog.select().where(AuditLog.action == "report.final").count() == 1
    final = service.build(staff["leader"], 2025)
    assert final.final == done
    assert "草稿" not in squeeze(pdftotext(output.to_pdf(final)))
    path = tmp_path / "r.xlsx"
    output.to_xlsx(final, str(path))
    assert "草稿" not in "".join(str(c.value) for ws in openpyxl.load_workbook(path).worksheets
                                for row in ws.iter_rows() for c in row)
    with pytest.raises(ValidationError):  # a final report is not edited
        service.save_entries(head, 2025, {"text.other": "改动"})
    service.set_final(head, 2025, False)
    assert service.build(staff["leader"], 2025).final is None
    service.save_entries(head, 2025, {"text.other": "改动"})


def test_draft_mark_is_in_every_output(staff, year_2025, tmp_path):
    import docx
    import openpyxl
    report = service.build(staff["leader"], 2025)
    pdf = output.to_pdf(report)
    pages = pages_chars(pdf)
    for page in pages:  # at the top right of every page, above the text block
        mark = [c for c in page if c["top"] < BLOCK[1] and c["text"] in "草稿"]
        assert "".join(c["text"] for c in mark) == "草稿"
    document = docx.Document(io.BytesIO(output.to_docx(report)))
    assert document.sections[0].header.paragraphs[0].text == "草稿"
    path = tmp_path / "r.xlsx"
    output.to_xlsx(report, str(path))
    for ws in openpyxl.load_workbook(path).worksheets:
        assert ws.oddHeader.right.text == "草稿"
        assert any("草稿" in str(c.value) for row in ws.iter_rows() for c in row)
