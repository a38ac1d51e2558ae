"""The shape every work tab shares: a register (a paging list with its filter bar and tool buttons) beside the detail
pane of the selected record (its title, a status line, the steps the user may take now, and tabs of what it holds).
Each tab fills these pieces with its own columns, fields and steps."""
from __future__ import annotations

import html
from typing import Callable

from app import modules
from app.errors import ServiceError
from ui.messages import show_error
from ui.models.paging import FunctionSource, PagingTableModel
from ui.qt import QtCore, QtWidgets, Qt
from ui.widgets import make_table_view

# How long the register waits after the last key typed in the search field before it searches.
SEARCH_DELAY_MS = 300


def detail_table(columns, parent, min_height: int = 70) -> tuple[PagingTableModel, QtWidgets.QTableView]:
    """A small list inside a detail pane (history, files, letters …) over plain rows."""
    model = PagingTableModel(columns, parent=parent)
    view = make_table_view(model)
    view.setMinimumHeight(min_height)
    return model, view


def clear_layout(layout: QtWidgets.QLayout) -> None:
    """Remove and delete every widget of ``layout`` (the step buttons of the record shown before)."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.deleteLater()


class ButtonGrid(QtWidgets.QWidget):
    """Buttons in rows of ``columns``, so that however many steps a record offers the pane keeps its width."""

    def __init__(self, columns: int, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)

    def clear(self) -> None:
        clear_layout(self.grid)

    def add(self, text: str, slot: Callable[[], None]) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(text)
        button.clicked.connect(lambda _=False: slot())
        n = self.grid.count()
        self.grid.addWidget(button, n // self.columns, n % self.columns)
        return button


class RecordPane(QtWidgets.QWidget):
    """A detail pane's frame: the record's title, a status line (rich text), a grid of the steps the user may take,
    and the tabs below, which the subclass fills."""

    def __init__(self, action_columns: int = 3, parent=None):
        super().__init__(parent)
        layout = self.pane_layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        self.title = QtWidgets.QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        # Records of other modules that point to this one (a complaint about a request), each a link to its tab.
        self.related = QtWidgets.QLabel()
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.RichText)
        self.related.linkActivated.connect(self._open_related)
        self.related.hide()
        layout.addWidget(self.related)
        self.actions_box = ButtonGrid(action_columns)
        self.actions = self.actions_box.grid
        layout.addWidget(self.actions_box)

    def load(self, read: Callable[..., dict], actor, record_id: int | None) -> dict | None:
        """The detail service's view of a record (None when nothing is chosen or the read is refused, which is
        told)."""
        if record_id is None:
            return None
        try:
            return read(actor, record_id)
        except ServiceError as err:
            show_error(self, err)
            return None

    def show_related(self, actor, kind: str, record_id: int | None) -> None:
        """List the other modules' records linked to this one (``app.modules.related_records``), or hide the line."""
        found = []
        if record_id is not None:
            try:
                found = modules.related_records(actor, kind, record_id)
            except ServiceError as err:
                show_error(self, err)
        parts = []
        for related, hits in found:
            links = "、".join(f"<a href='{html.escape(related.open_tab)}|{h.record_id}'>{html.escape(h.number)}</a>"
                             f"（{html.escape(h.detail)}）" for h in hits)
            parts.append(f"{html.escape(related.title)}：{links}")
        self.related.setText("关联记录　" + "；".join(parts) if parts else "")
        self.related.setVisible(bool(parts))

    def _open_related(self, link: str) -> None:
        tab, _, record_id = link.rpartition("|")
        window = self.window()
        if tab and hasattr(window, "show_record"):
            window.show_record(tab, int(record_id))

    def add_tabs(self) -> QtWidgets.QTabWidget:
        """The tabs of what the record holds, taking the rest of the pane's height."""
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        self.pane_layout.addWidget(self.tabs, 1)
        return self.tabs


def debounce_search(owner: QtWidgets.QWidget, search: QtWidgets.QLineEdit, changed: QtCore.SignalInstance,
                    boxes=()) -> None:
    """``changed`` fires a moment after the user stops typing in ``search``, and at once when a choice changes."""
    timer = QtCore.QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(changed)
    search.textChanged.connect(lambda _: timer.start())
    for box in boxes:
        box.currentIndexChanged.connect(lambda _: changed.emit())
    owner._search_timer = timer


def list_beside_detail(view: QtWidgets.QWidget, detail: QtWidgets.QWidget) -> QtWidgets.QSplitter:
    """The register on the left taking the width the detail pane (right) does not ask for."""
    split = QtWidgets.QSplitter(Qt.Horizontal)
    split.addWidget(view)
    split.addWidget(detail)
    split.setStretchFactor(0, 1)
    split.setStretchFactor(1, 0)
    split.setCollapsible(0, False)
    return split


def legend(text: str) -> QtWidgets.QLabel:
    """The line under a register that explains its colours."""
    label = QtWidgets.QLabel(text)
    label.setStyleSheet("color: #555;")
    label.setWordWrap(True)
    return label


def load_register(owner: QtWidgets.QWidget, model: PagingTableModel, count: Callable[[], int],
                  fetch: Callable[..., list]) -> bool:
    """Point the register at a new query; a refusal (a permission taken away, a database fault) is told, not
    raised. Returns whether the query ran."""
    try:
        model.set_source(FunctionSource(count, fetch))
    except ServiceError as err:
        show_error(owner, err)
        return False
    return True


def select_record(view: QtWidgets.QTableView, model: PagingTableModel, record_id: int) -> bool:
    """Select a record's row in the register, loading pages as needed; False when it is not in the list."""
    row = model.row_of(record_id)
    if row is None:
        return False
    view.setCurrentIndex(model.index(row, 0))
    view.scrollTo(model.index(row, 0))
    return True


def on_current_record(view: QtWidgets.QTableView, model: PagingTableModel, show: Callable[[int | None], None]) -> None:
    """The detail pane follows the register's current row."""
    def selected(current, _previous) -> None:
        row = model.row_at(current.row())
        show(row["id"] if row else None)

    view.selectionModel().currentRowChanged.connect(selected)


def register_table(model: PagingTableModel, stretch: int, hidden=(), key: str | None = None) -> QtWidgets.QTableView:
    """A register's list: the columns a clerk works by keep their width, column ``stretch`` (the long text) takes
    what is left and elides; ``hidden`` columns are offered from the header's menu; with ``key`` the widths, order
    and sort are remembered between sessions."""
    from ui.widgets import column_menu, remember_header
    view = make_table_view(model, stretch_last=False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column in hidden:
        header.setSectionHidden(column, True)
    header.setSectionResizeMode(stretch, QtWidgets.QHeaderView.Stretch)
    header.setTextElideMode(Qt.ElideRight)
    view.setTextElideMode(Qt.ElideRight)
    column_menu(view)
    if key:
        remember_header(view, key)
    return view


def export_xlsx(owner: QtWidgets.QWidget, title: str, name: str, write: Callable[[str], int],
                done: Callable[[int, str], str]) -> None:
    """Ask where to save ``name`` and write it in the background (``write(path)`` returns how many rows);
    ``done(n, path)`` is what the user is told afterwards."""
    from ui import file_dialogs, messages
    from ui.tasks import run_task
    path, _ = file_dialogs.get_save_file_name(owner, title, name, owner.tr("Excel 文件 (*.xlsx)"))
    if not path:
        return
    run_task(owner, f"正在{title}…", lambda handle: write(path),
             lambda n: messages.info(owner, title, done(n, path)),
             lambda exc: show_error(owner, exc, "导出失败"))
