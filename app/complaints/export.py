"""导出: the case register as an .xlsx workbook, with the window's columns — never the complainant's identity, for
any user (seed 000 举报调查制度第八条): the register's rows do not carry it and every text is masked. Every text goes
through ``app.tabular`` (strings stay strings, never formulas); the file appears only once its audit row is committed
(``files.deliver``)."""
from __future__ import annotations

from app import audit, clock, files, tabular
from app.actor import Actor
from app.complaints import query
from app.complaints.query import COLUMNS, CaseFilter
from app.permissions import require
from db.connection import write_transaction

audit.register_labels(actions={"complaint.export": "导出举报投诉登记簿"})
WIDTHS = {"number": 18, "received_at": 18, "title": 40, "subject_unit": 20, "handling_unit": 14, "due_text": 24}


def export_cases(actor: Actor, f: CaseFilter, path: str) -> int:
    require(actor, "complaint.export")
    wb, n = tabular.table_workbook("举报投诉登记簿", COLUMNS, query.iterate(actor, f, "number"), WIDTHS)

    def commit():
        with write_transaction():
            audit.record(actor, "complaint.export", "complaint_case", None,
                         after={"rows": n, "file": str(path), "filter": {k: str(v) for k, v in f.__dict__.items() if v},
                                "at": clock.now().isoformat(sep=" ")})

    files.deliver(path, wb.save, commit)
    return n
