"""User text out to spreadsheets and CSV files, as text and nothing else.

Every .xlsx and .csv the program writes goes through here, because what a clerk or an applicant typed can be hostile
or merely unlucky:

- a value starting with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel and WPS (``=HYPERLINK(…)``,
  ``=cmd|' /C calc'!A0``). In .xlsx a text is stored as a string cell (openpyxl ``data_type='s'``), which no program
  evaluates; in CSV, where there are no cell types, such a value gets the usual leading apostrophe;
- openpyxl refuses the control characters XML 1.0 cannot hold (one ``\\x0b`` pasted from Word made a whole export
  fail): they are written as a visible escape (``\\x0b``) instead;
- a cell holds at most 32,767 characters in Excel: a longer text is cut, and the cell says that it was and how long
  the text was.

Numbers and dates keep their types (a date cell, a number cell); only ``str`` values are user text.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from copy import copy
from typing import Any, Iterable

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(ILLEGAL_CHARACTERS_RE.pattern)


def _escape_control(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def cut_note(length: int) -> str:
    return f"……（内容过长，已截断；原文共{length}字）"


def cell_text(text: str) -> str:
    """``text`` as an .xlsx cell may hold it: control characters escaped, at most ``MAX_CELL_CHARS`` characters
    (a cut text ends by saying so)."""
    text = _escape_control(text)
    if len(text) > MAX_CELL_CHARS:
        note = cut_note(len(text))
        text = text[:MAX_CELL_CHARS - len(note)] + note
    return text


def cell_style(ws, **formats):
    """A cell format (``alignment=``, ``border=``, ``number_format=``, ``font=``, ``fill=``) registered once with
    ``ws``'s workbook, for ``put(..., style=)``: setting openpyxl's style objects cell by cell took three times as
    long as writing the cells."""
    proto = Cell(ws)
    for name, value in formats.items():
        setattr(proto, name, value)
    return proto._style


def put(ws, row: int, column: int, value: Any, style=None):
    """Write ``value`` into ``ws`` at (row, column) and return the cell: a ``str`` as a string cell (never a
    formula), other values (numbers, dates, ``None``) as they are; ``style`` from ``cell_style``."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if style is not None:
        cell._style = copy(style)
    return cell


def append(ws, values: Iterable[Any]) -> int:
    """Write ``values`` as the next row of ``ws`` (like ``ws.append``, through ``put``); returns the row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value)
    return row


def csv_field(value: Any) -> str:
    """One CSV field: dates in ISO form, control characters escaped, a leading ``'`` before what a spreadsheet
    would read as a formula."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if not isinstance(value, str):
        return str(value)
    text = _escape_control(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv_rows(fh, rows: Iterable[Iterable[Any]]) -> int:
    """Write ``rows`` to the open text file ``fh`` (opened with ``newline=""``) through ``csv_field``; returns the
    number of rows."""
    writer = csv.writer(fh)
    n = 0
    for row in rows:
        writer.writerow([csv_field(v) for v in row])
        n += 1
    return n


def register_sheet(title: str, columns, rows, widths: dict[str, int] | None = None) -> tuple[openpyxl.Workbook, int]:
    """A register as one sheet: bold headings, ``columns`` (key, heading) of each row dict, dates as date cells, the
    heading row frozen and filtered; returns the workbook and the number of rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title[:31]
    append(ws, [heading for _, heading in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.alignment = Alignment(horizontal="center")
    date_style = cell_style(ws, number_format="yyyy-mm-dd")
    n = 0
    for row in rows:
        for c, (key, _) in enumerate(columns, start=1):
            value = row.get(key)
            put(ws, n + 2, c, value, date_style if isinstance(value, dt.date) else None)
        n += 1
    for i, (key, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = (widths or {}).get(key, 14)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    wb.properties.creator = "政务公开工作台"
    return wb, n
