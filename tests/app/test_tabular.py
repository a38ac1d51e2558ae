"""Every spreadsheet and CSV the program writes goes through ``app.tabular``: user text stays text."""
import csv
import datetime as dt
import io

import openpyxl
import pytest

from app import tabular


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3",
                                  "@SUM(A1)", "普通文字"])
def test_xlsx_text_is_a_string_cell(text, tmp_path):
    wb = openpyxl.Workbook()
    cell = tabular.put(wb.active, 1, 1, text)
    assert cell.data_type == "s"
    wb.save(tmp_path / "t.xlsx")
    back = openpyxl.load_workbook(tmp_path / "t.xlsx").active["A1"]
    assert (back.value, back.data_type) == (text, "s")


def test_numbers_and_dates_keep_their_types():
    ws = openpyxl.Workbook().active
    assert tabular.put(ws, 1, 1, 5).data_type == "n"
    assert tabular.put(ws, 1, 2, -3).value == -3
    assert tabular.put(ws, 1, 3, dt.date(2027, 1, 13)).is_date
    assert tabular.put(ws, 1, 4, None).value is None


def test_characters_openpyxl_refuses_are_escaped(tmp_path):
    wb = openpyxl.Workbook()
    tabular.append(wb.active, ["a\x0bb", "\x00\x1f", "tab\tand\nnewline"])
    wb.save(tmp_path / "t.xlsx")
    row = next(openpyxl.load_workbook(tmp_path / "t.xlsx").active.iter_rows(values_only=True))
    assert row == ("a\\x0bb", "\\x00\\x1f", "tab\tand\nnewline")


def test_long_cells_are_cut_and_say_so():
    assert tabular.cell_text("字" * tabular.MAX_CELL_CHARS) == "字" * tabular.MAX_CELL_CHARS
    cut = tabular.cell_text("字" * 100_000)
    assert len(cut) == tabular.MAX_CELL_CHARS and cut.endswith("已截断；原文共100000字）")


def test_append_fills_rows_in_order():
    ws = openpyxl.Workbook().active
    assert tabular.append(ws, ["标题"]) == 1
    assert tabular.append(ws, ["一"]) == 2 and tabular.append(ws, ["二"]) == 3


def test_csv_fields():
    buf = io.StringIO(newline="")
    n = tabular.write_csv_rows(buf, [["=1+1", "+86 138", "-x", "@a", "\tTAB", "正常", 5, -5, None,
                                      dt.date(2026, 3, 6), "a\x0bb"]])
    assert n == 1
    row = next(csv.reader(io.StringIO(buf.getvalue())))
    assert row == ["'=1+1", "'+86 138", "'-x", "'@a", "'\tTAB", "正常", "5", "-5", "", "2026-03-06", "a\\x0bb"]


def test_a_style_is_registered_once_and_copied(tmp_path):
    from openpyxl.styles import Alignment
    wb = openpyxl.Workbook()
    ws = wb.active
    style = tabular.cell_style(ws, alignment=Alignment(wrap_text=True), number_format="yyyy-mm-dd")
    tabular.put(ws, 1, 1, dt.date(2026, 3, 6), style)
    tabular.put(ws, 2, 1, "=1+1", style)
    wb.save(tmp_path / "s.xlsx")
    back = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    assert back["A1"].number_format == "yyyy-mm-dd" and back["A2"].alignment.wrap_text
    assert back["A2"].data_type == "s" and back["A2"].value == "=1+1"
