"""A table model that pages rows in from a service as the view scrolls.

The model holds plain dicts (never peewee rows). Its source answers ``count()`` and
``fetch(offset, limit, sort_key, descending)``; sorting re-runs the query through the source, and so does a change of
filter (``set_source``). Rows arrive ``PAGE_SIZE`` at a time through ``canFetchMore``/``fetchMore``.

The first page is shown before the total is known: a refresh fetches one row more than a page, and when that row
exists the count (which must visit every match — a common search term at a million records takes about a second) runs
from the event loop once the page is on screen; ``totalPending`` tells the view meanwhile, ``totalChanged`` brings
the exact total. Reading ``total`` while it is pending counts at once, so the figure read is always exact.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from app.errors import ServiceError
from ui.qt import QtCore, QtGui, Qt

PAGE_SIZE = 200


class PagedSource(Protocol):
    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int, sort_key: str | None, descending: bool) -> list[dict]: ...


class FunctionSource:
    """A source made of two functions (usually bound to the acting user and the current filter)."""

    def __init__(self, count: Callable[[], int], fetch: Callable[[int, int, str | None, bool], list[dict]]):
        self._count, self._fetch = count, fetch

    def count(self) -> int:
        return self._count()

    def fetch(self, offset, limit, sort_key, descending):
        return self._fetch(offset, limit, sort_key, descending)


class ListSource:
    """A source over a short list already in memory (a request's history, its attachments …)."""

    def __init__(self, rows: list[dict]):
        self.rows = rows

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset, limit, sort_key, descending):
        rows = self.rows
        if sort_key:
            rows = sorted(rows, key=lambda r: (r.get(sort_key) is not None, str(r.get(sort_key) or "")),
                          reverse=descending)  # empty values first, as the database sorts them
        return rows[offset:offset + limit]


class EmptySource:
    def count(self) -> int:
        return 0

    def fetch(self, offset, limit, sort_key, descending):
        return []


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort_key: str | None = None  # None: not sortable
    width: int | None = None
    align: Qt.AlignmentFlag | None = None
    text: Callable[[dict], str] | None = None  # how to show the row's value (default: str of row[key])
    tooltip: Callable[[dict], str] | None = None


def default_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class PagingTableModel(QtCore.QAbstractTableModel):
    # emitted with the total number of matching rows, once it is known (at a reset or just after it)
    totalChanged = QtCore.Signal(int)
    # emitted after a reset whose first page is full: the total follows through totalChanged
    totalPending = QtCore.Signal()

    def __init__(self, columns: list[Column], source: PagedSource | None = None, parent=None,
                 page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.columns = columns
        self.page_size = page_size
        self._source: PagedSource = source or EmptySource()
        self._rows: list[dict] = []
        self._total: int | None = 0  # None: more rows exist than are loaded, and the count is still to come
        self._generation = 0  # refreshes so far: a deferred count of an older query is dropped
        self._sort_key: str | None = None
        self._descending = False
        # Optional styling hooks: row -> QColor | None
        self.row_background: Callable[[dict], QtGui.QColor | None] | None = None
        self.row_foreground: Callable[[dict], QtGui.QColor | None] | None = None
        if source is not None:
            self.refresh()

    # ---- the source and its query -------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        if self._total is None:
            self._count_now()
        return len(self._rows) if self._total is None else self._total

    @property
    def sort_key(self) -> str | None:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    def set_source(self, source: PagedSource) -> None:
        self._source = source
        self.refresh()

    def set_default_sort(self, sort_key: str | None, descending: bool = False) -> None:
        self._sort_key, self._descending = sort_key, descending

    def refresh(self) -> None:
        self._generation += 1
        rows = self._source.fetch(0, self.page_size + 1, self._sort_key, self._descending)
        self.beginResetModel()
        self._rows = rows[:self.page_size]
        self._total = len(rows) if len(rows) <= self.page_size else None
        self.endResetModel()
        if self._total is not None:
            self.totalChanged.emit(self._total)
            return
        self.totalPending.emit()
        generation = self._generation
        QtCore.QTimer.singleShot(0, self, lambda: self._count_now(generation))

    def _count_now(self, generation: int | None = None) -> None:
        if self._total is not None or (generation is not None and generation != self._generation):
            return  # counted already, or the query changed since
        try:
            counted = self._source.count()
        except ServiceError:
            return  # refused although the page was not (a permission just taken away): the rows stay as they are
        self._total = max(counted, len(self._rows))
        self.totalChanged.emit(self._total)

    def row_at(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_rows(self) -> list[dict]:
        return list(self._rows)

    def row_of(self, record_id, key: str = "id") -> int | None:
        """The row showing the record whose ``key`` is ``record_id``, loading further pages until it is found."""
        start = 0
        while True:
            for i in range(start, len(self._rows)):
                if self._rows[i].get(key) == record_id:
                    return i
            if not self.canFetchMore():
                return None
            start = len(self._rows)
            self.fetchMore()

    # ---- Qt's model interface -----------------------------------------------------------------------------------
    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent=QtCore.QModelIndex()):
        return not parent.isValid() and (self._total is None or len(self._rows) < self._total)

    def fetchMore(self, parent=QtCore.QModelIndex()):
        if parent.isValid():
            return
        more = self._source.fetch(len(self._rows), self.page_size, self._sort_key, self._descending)
        if self._total is not None:
            more = more[: max(0, self._total - len(self._rows))]
        elif len(more) < self.page_size:  # the last page, before the count came: the rows give the total
            self._total = len(self._rows) + len(more)
            self.totalChanged.emit(self._total)
        if not more:
            self._total = len(self._rows)  # the data shrank meanwhile
            return
        first = len(self._rows)
        self.beginInsertRows(QtCore.QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.DisplayRole:
            return col.text(row) if col.text else default_text(row.get(col.key))
        if role == Qt.ToolTipRole:
            return col.tooltip(row) if col.tooltip else None
        if role == Qt.TextAlignmentRole:
            return int(col.align) if col.align is not None else None
        if role == Qt.BackgroundRole and self.row_background is not None:
            return self.row_background(row)
        if role == Qt.ForegroundRole and self.row_foreground is not None:
            return self.row_foreground(row)
        if role == Qt.UserRole:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def sort(self, column, order=Qt.AscendingOrder):
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        self._sort_key = self.columns[column].sort_key
        self._descending = order == Qt.DescendingOrder
        self.refresh()
