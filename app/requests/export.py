"""导出登记簿: the register's current view as an .xlsx workbook with the window's columns."""
from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from app import audit, clock
from app.actor import Actor
from app.permissions import require
from app.requests import query
from app.requests.query import COLUMNS, RegisterFilter
from db.connection import write_transaction

audit.register_labels(actions={"request.export": "导出登记簿"})

WIDTHS = {"number": 18, "received_date": 12, "applicant_name": 18, "applicant_type_label": 12, "description": 48,
          "state_label": 10, "due_text": 20, "days_left_text": 10, "officer_name": 10, "outcome_label": 28,
          "decided_date": 12}


def export_xlsx(actor: Actor, f: RegisterFilter, path: str, sort: str | None = None, descending: bool = False,
                progress=None) -> int:
    """Write every row of the filtered register to ``path``; returns the number of rows. Due dates resting on a
    provisional calendar year carry 暂定, as on screen."""
    require(actor, "request.export")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "依申请公开登记簿"
    ws.append([title for _, title in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.alignment = Alignment(horizontal="center")
    n = 0
    for row in query.iterate(actor, f, sort, descending):
        ws.append([row.get(key) for key, _ in COLUMNS])
        n += 1
        if progress and n % 500 == 0:
            progress(n)
    for i, (key, _) in enumerate(COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(i)
        ws.column_dimensions[letter].width = WIDTHS.get(key, 14)
        for cell in ws[letter][1:]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.creator = "政务公开工作台"
    wb.create_sheet("审计凭证").append([audit.voucher_line()])
    wb.save(path)
    with write_transaction():
        audit.record(actor, "request.export", "request", None,
                     after={"rows": n, "file": path, "filter": {k: str(v) for k, v in f.__dict__.items() if v},
                            "at": clock.now().isoformat(sep=" ")})
    return n
