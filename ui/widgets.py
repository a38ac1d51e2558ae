"""Small widgets and helpers shared by the pages."""
from __future__ import annotations

import datetime as dt

from ui.qt import QtCore, QtGui, QtWidgets, Qt


def to_qdate(value: dt.date | None) -> QtCore.QDate:
    return QtCore.QDate(value.year, value.month, value.day) if value else QtCore.QDate()


def from_qdate(value: QtCore.QDate) -> dt.date | None:
    return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None


class DateEdit(QtWidgets.QDateEdit):
    """A date field with a calendar popup and the office's format (2026-03-07)."""

    def __init__(self, value: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setDate(to_qdate(value or dt.date.today()))

    def value(self) -> dt.date:
        return from_qdate(self.date())

    def set_value(self, value: dt.date) -> None:
        self.setDate(to_qdate(value))


class OptionalDateEdit(QtWidgets.QWidget):
    """A date that may be left open (a filter's 'from' or 'to'): a check box enables the date."""

    changed = QtCore.Signal()

    def __init__(self, label: str, value: dt.date | None = None, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QtWidgets.QCheckBox(label)
        self.edit = DateEdit(value)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _: self.changed.emit())
        self.edit.dateChanged.connect(lambda _: self.changed.emit())
        layout.addWidget(self.check)
        layout.addWidget(self.edit)

    def value(self) -> dt.date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.set_value(value)


def make_table_view(model, parent=None, stretch_last: bool = True) -> QtWidgets.QTableView:
    view = QtWidgets.QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
    view.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
    view.setAlternatingRowColors(True)
    # No indicator before sorting is switched on: enabling it sorts at once by the indicator's column.
    view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicatorShown(True)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.verticalHeader().setDefaultSectionSize(26)
    view.setWordWrap(False)
    columns = getattr(model, "columns", [])
    for i, col in enumerate(columns):
        if getattr(col, "width", None):
            view.setColumnWidth(i, col.width)
    return view


def selected_row(view: QtWidgets.QTableView) -> dict | None:
    index = view.currentIndex()
    if not index.isValid():
        return None
    return view.model().data(view.model().index(index.row(), 0), Qt.UserRole)


def error_label() -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def show_inline_error(label: QtWidgets.QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def dialog_buttons(dialog: QtWidgets.QDialog, accept_text: str = "保存") -> QtWidgets.QDialogButtonBox:
    """保存/取消 buttons wired to the dialog's ``save`` and ``reject``."""
    box = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Save | QtWidgets.QDialogButtonBox.Cancel)
    box.button(QtWidgets.QDialogButtonBox.Save).setText(accept_text)
    box.button(QtWidgets.QDialogButtonBox.Save).setDefault(True)  # Enter in a one-line field saves
    box.button(QtWidgets.QDialogButtonBox.Cancel).setText("取消")
    box.accepted.connect(dialog.save)
    box.rejected.connect(dialog.reject)
    return box


class RowStack(QtWidgets.QWidget):
    """A column of editable rows above an "add" button. ``make_row(*args)`` builds a row widget that has a
    ``remove_requested(row)`` signal; ``changed`` fires whenever a row is added or removed."""

    changed = QtCore.Signal()

    def __init__(self, add_text: str, make_row, parent=None):
        super().__init__(parent)
        self.rows: list[QtWidgets.QWidget] = []
        self._make_row = make_row
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QtWidgets.QPushButton(add_text)
        self.add_button.setAutoDefault(False)  # Enter in a dialog's field submits the dialog, adds no row
        self.add_button.clicked.connect(lambda: self.add())
        self._layout.addWidget(self.add_button, 0, Qt.AlignLeft)

    def add(self, *args) -> QtWidgets.QWidget:
        row = self._make_row(*args)
        row.remove_requested.connect(self.remove)
        self.rows.append(row)
        self._layout.insertWidget(len(self.rows) - 1, row)
        self.changed.emit()
        return row

    def remove(self, row: QtWidgets.QWidget) -> None:
        self.rows.remove(row)
        self._layout.removeWidget(row)
        row.deleteLater()
        self.changed.emit()


def roles_needed(permission: str) -> str:
    """“经办人”或“科室负责人”: the roles that may perform ``permission``, for a read-only page's hint."""
    from app.permissions import ROLES, roles_with
    return "或".join(f"“{ROLES[r]}”" for r in roles_with(permission) if r != "admin")


# ---- fitting the screen (a 1366×768 office screen is common) ----------------------------------------------------------

# Room left for the window manager's frame (title bar and borders), which Qt's geometry does not include.
FRAME_ALLOWANCE = QtCore.QSize(16, 40)


def available_geometry(widget: QtWidgets.QWidget | None = None) -> QtCore.QRect:
    """The usable part of the screen the widget is on (without task bars); tests may replace this function."""
    screen = (widget.screen() if widget is not None else None) or QtWidgets.QApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(width: int, height: int, area: QtCore.QRect) -> QtCore.QSize:
    """The preferred size, but no larger than ``area`` less the window frame."""
    room = area.size() - FRAME_ALLOWANCE
    return QtCore.QSize(min(width, room.width()), min(height, room.height()))


def fit_to_screen(widget: QtWidgets.QWidget, width: int, height: int, area: QtCore.QRect | None = None) -> None:
    """Give a top-level window its preferred size, but no larger than the available screen (less the frame), and
    place it inside that screen."""
    area = area or available_geometry(widget)
    widget.resize(fitted_size(width, height, area))
    x = area.x() + max(0, (area.width() - widget.width() - FRAME_ALLOWANCE.width()) // 2)
    y = area.y() + max(0, (area.height() - widget.height() - FRAME_ALLOWANCE.height()) // 2)
    widget.move(x, y)


def scrolling(widget: QtWidgets.QWidget) -> QtWidgets.QScrollArea:
    """``widget`` in a frameless scroll area, so that long content scrolls instead of growing the window."""
    area = QtWidgets.QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QtWidgets.QFrame.NoFrame)
    area.setWidget(widget)
    return area


# ---- remembered UI state (QSettings holds only such state; the office's settings live in the database) -------------

def _settings() -> QtCore.QSettings:
    return QtCore.QSettings()


def remember_header(view: QtWidgets.QTableView, key: str) -> None:
    """Column widths, order, hidden columns and the sort of ``view`` kept under ``key`` between sessions."""
    header = view.horizontalHeader()
    key = f"{key}/{header.count()}"  # a version with other columns starts afresh
    state = _settings().value(f"{key}/header")
    if state is not None and header.restoreState(state):
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if 0 <= column < header.count():
            view.sortByColumn(column, order)

    def save(*_args) -> None:
        _settings().setValue(f"{key}/header", header.saveState())

    header.sectionResized.connect(save)
    header.sectionMoved.connect(save)
    header.sortIndicatorChanged.connect(save)
    header.sectionCountChanged.connect(save)


def remember_splitter(splitter: QtWidgets.QSplitter, key: str) -> None:
    state = _settings().value(f"{key}/splitter")
    if state is not None:
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: _settings().setValue(f"{key}/splitter", splitter.saveState()))


def remember_tab(tabs: QtWidgets.QTabWidget, key: str) -> None:
    """Reopen on the tab last shown (by its title, so that a user with other roles is not sent elsewhere)."""
    title = _settings().value(f"{key}/tab")
    for i in range(tabs.count()):
        if title and tabs.tabText(i) == title:
            tabs.setCurrentIndex(i)
            break
    tabs.currentChanged.connect(lambda i: _settings().setValue(f"{key}/tab", tabs.tabText(i)))


# ---- shortcuts -------------------------------------------------------------------------------------------------

def add_shortcut(widget: QtWidgets.QWidget, keys, slot, button: QtWidgets.QAbstractButton | None = None
                 ) -> QtGui.QShortcut:
    """A shortcut that works while ``widget`` is shown in its window; ``button``'s tooltip names the keys."""
    sequence = QtGui.QKeySequence(keys)
    shortcut = QtGui.QShortcut(sequence, widget)
    shortcut.setContext(Qt.WindowShortcut)
    def activated() -> None:
        if button is None or (button.isVisibleTo(widget) and button.isEnabled()):  # only what the user may do
            slot()

    shortcut.activated.connect(activated)
    if button is not None:
        text = sequence.toString(QtGui.QKeySequence.NativeText)
        button.setToolTip(f"{button.text().rstrip('…')}（{text}）")
    return shortcut


def chain_focus(widgets) -> None:
    """Tab moves through ``widgets`` in the order given (the order a clerk fills the paper form)."""
    shown = [w for w in widgets if w is not None]
    for first, second in zip(shown, shown[1:]):
        QtWidgets.QWidget.setTabOrder(first, second)


def column_menu(view: QtWidgets.QTableView) -> None:
    """Right-clicking the header offers every column to show or hide (at least one stays shown)."""
    header = view.horizontalHeader()
    header.setContextMenuPolicy(Qt.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: columns_menu(view).exec(header.mapToGlobal(pos)))


def columns_menu(view: QtWidgets.QTableView) -> QtWidgets.QMenu:
    header, model = view.horizontalHeader(), view.model()
    menu = QtWidgets.QMenu(header)
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    for i in range(header.count()):
        action = menu.addAction(str(model.headerData(i, Qt.Horizontal)))
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(i))
        action.setEnabled(shown != [i])
        action.toggled.connect(lambda on, c=i: header.setSectionHidden(c, not on))
    return menu
