"""导出登记簿: the register's current view as an .xlsx workbook, ready to print and to compute with.

Dates are date cells and the working days left a number, so that the office can sort and count in Excel/WPS; the
deadline's state (暂定 while a calendar year is provisional, 停止计时, 待补正) has a column of its own. Every text goes
through ``app.tabular`` (strings stay strings, never formulas). The sheet prints landscape on A4, one page wide, with
the header row repeated on every page.
"""
from __future__ import annotations

import math

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app import audit, clock, files, tabular
from app.actor import Actor
from app.permissions import require
from app.requests import catalog, query
from app.requests.query import RegisterFilter
from db.connection import write_transaction

audit.register_labels(actions={"request.export": "导出登记簿"})

# The exported columns: key of the export row, heading, width (characters), number format.
COLUMNS = [
    ("number", "申请编号", 17, None),
    ("received_date", "收到日期", 11, "yyyy-mm-dd"),
    ("applicant_name", "申请人", 26, None),
    ("applicant_type", "申请人类型", 30, None),
    ("description", "申请内容", 44, None),
    ("state_label", "状态", 9, None),
    ("due_date", "答复期限", 11, "yyyy-mm-dd"),
    ("deadline_state", "期限状态", 16, None),
    ("days_left", "剩余工作日（负数为逾期）", 12, "0"),
    ("officer_name", "承办人", 9, None),
    ("outcome_label", "办理结果", 30, None),
    ("decided_date", "答复日期", 11, "yyyy-mm-dd"),
]
WRAPPED = {"applicant_name", "applicant_type", "description", "outcome_label", "deadline_state"}
LINE_HEIGHT = 15  # points, one line of 11-point text


def _lines(text, width: int) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide (a Chinese character is about
    1.7 widths of a digit in the default font; rounded up so that no wrapped line is hidden)."""
    if not isinstance(text, str) or not text:
        return 1
    return sum(max(1, math.ceil(sum(1.7 if ord(ch) > 0x2E7F else 1 for ch in part) / width))
               for part in text.split("\n"))


def deadline_state(row: dict) -> str:
    """The state of the deadline as the register's 答复期限 column tells it, without the date."""
    if row["state"] == "awaiting_correction":
        return row["due_text"]  # 待补正（至…）: the reply clock restarts from the corrected request
    if row["state"] in catalog.OPEN_STATES and row["due_date"] is None:
        return "停止计时"
    if row["due_provisional"]:
        return "暂定（节假日安排尚未录入）"
    return ""


def export_row(row: dict) -> dict:
    """A register row (``query.rows_for_display``) as the export writes it."""
    return {**row, "applicant_type": catalog.applicant_type_label(row["applicant_type"]),
            "deadline_state": deadline_state(row),
            "due_date": row["due_date"] if row["state"] != "awaiting_correction" else None}


def _sheet(rows, progress=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "依申请公开登记簿"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    tabular.append(ws, [title for _, title, _, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    styles = [tabular.cell_style(ws, alignment=Alignment(vertical="top", wrap_text=key in WRAPPED), border=border,
                                 number_format=fmt or "General") for key, _, _, fmt in COLUMNS]
    n = 0
    for row in rows:
        values = export_row(row)
        r = n + 2
        lines = 1
        for c, (key, _, width, _) in enumerate(COLUMNS, start=1):
            cell = tabular.put(ws, r, c, values.get(key), styles[c - 1])
            if key in WRAPPED:
                lines = max(lines, _lines(cell.value, width))
        if lines > 1:  # spreadsheet programs do not grow a row for wrapped text they did not lay out themselves
            ws.row_dimensions[r].height = LINE_HEIGHT * min(lines, 20)
        n += 1
        if progress and n % 500 == 0:
            progress(n)
    ws.row_dimensions[1].height = LINE_HEIGHT * max(_lines(title, width) for _, title, width, _ in COLUMNS)
    for i, (_, _, width, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{n + 1}"
    # print set-up: A4 landscape, all columns on one page width, the header row on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    wb.properties.creator = "政务公开工作台"
    wb.create_sheet("审计凭证").append([audit.voucher_line()])
    return wb, n


def export_xlsx(actor: Actor, f: RegisterFilter, path: str, sort: str | None = None, descending: bool = False,
                progress=None) -> int:
    """Write every row of the filtered register to ``path``; returns the number of rows. The file appears only
    once its audit row is committed (``files.deliver``)."""
    require(actor, "request.export")
    wb, n = _sheet(query.iterate(actor, f, sort, descending), progress)

    def commit():
        with write_transaction():
            audit.record(actor, "request.export", "request", None,
                         after={"rows": n, "file": str(path), "filter": {k: str(v) for k, v in f.__dict__.items() if v},
                                "at": clock.now().isoformat(sep=" ")})

    files.deliver(path, wb.save, commit)
    return n
