"""导出: the item register and the 公开目录 of a year as .xlsx workbooks, with the window's columns. Every text goes
through ``app.tabular`` (strings stay strings, never formulas); the file appears only once its audit row is committed
(``files.deliver``)."""
from __future__ import annotations

from app import audit, clock, files, tabular
from app.actor import Actor
from app.permissions import require
from app.publication import query
from app.publication.query import CATALOGUE_COLUMNS, COLUMNS, ItemFilter
from db.connection import write_transaction

audit.register_labels(actions={"publication.export": "导出发布审核登记簿", "publication.catalogue": "导出公开目录"})

WIDTHS = {"number": 16, "title": 44, "unit": 14, "doc_number": 20, "index_number": 26, "location": 36,
          "category": 14, "due_text": 30}


def _export(actor: Actor, f: ItemFilter, path: str, columns, title: str, action: str, sort: str) -> int:
    require(actor, "publication.export")
    wb, n = tabular.register_sheet(title, columns, query.iterate(actor, f, sort), WIDTHS)

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
