"""导出: the item register and the 公开目录 of a year as .xlsx workbooks, with the window's columns. Every text goes
through ``app.tabular`` (strings stay strings, never formulas); the file appears only once its audit row is committed
(``files.deliver``)."""
from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app import audit, clock, files, tabular
from app.actor import Actor
from app.permissions import require
from app.publication import query
from app.publication.query import CATALOGUE_COLUMNS, COLUMNS, ItemFilter
from db.connection import write_transaction

audit.register_labels(actions={"publication.export": "导出发布审核登记簿", "publication.catalogue": "导出公开目录"})

WIDTHS = {"number": 16, "title": 44, "unit": 14, "doc_number": 20, "index_number": 26, "location": 36,
          "category": 14, "due_text": 30}


def _sheet(title: str, columns, rows) -> tuple[openpyxl.Workbook, int]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title[:31]
    tabular.append(ws, [heading for _, heading in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.alignment = Alignment(horizontal="center")
    date_style = tabular.cell_style(ws, number_format="yyyy-mm-dd")
    n = 0
    for row in rows:
        for c, (key, _) in enumerate(columns, start=1):
            value = row.get(key)
            tabular.put(ws, n + 2, c, value, date_style if isinstance(value, dt.date) else None)
        n += 1
    for i, (key, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(key, 14)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    wb.properties.creator = "政务公开工作台"
    return wb, n


def _export(actor: Actor, f: ItemFilter, path: str, columns, title: str, action: str, sort: str) -> int:
    require(actor, "publication.export")
    wb, n = _sheet(title, columns, query.iterate(actor, f, sort))

    def commit():
        with write_transaction():
            audit.record(actor, action, "info_item", None,
                         after={"rows": n, "file": str(path),
                                "filter": {k: str(v) for k, v in f.__dict__.items() if v},
                                "at": clock.now().isoformat(sep=" ")})

    files.deliver(path, wb.save, commit)
    return n


def export_items(actor: Actor, f: ItemFilter, path: str) -> int:
    return _export(actor, f, path, COLUMNS, "发布审核登记簿", "publication.export", "number")


def export_catalogue(actor: Actor, year: int, path: str, category: str | None = None) -> int:
    return _export(actor, query.catalogue_filter(year, category), path, CATALOGUE_COLUMNS, f"{year}年公开目录",
                   "publication.catalogue", "index_number")
