"""录入节假日安排: the year's notice typed in as rows (festival, first and last rest day, make-up workdays)."""
from __future__ import annotations

import datetime as dt
import re

from app.errors import ServiceError, ValidationError
from app.workdays import service
from app.workdays.schedule import HolidayRange, YearSchedule, default_title, parse_date
from ui.qt import QtCore, QtWidgets
from ui.widgets import DateEdit, RowStack, chain_focus, dialog_buttons, error_label, show_inline_error

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "中秋节、国庆节")


class HolidayRow(QtWidgets.QWidget):
    """One festival of the notice. The make-up workdays are typed as dates separated by commas."""

    remove_requested = QtCore.Signal(object)

    def __init__(self, year: int, item: HolidayRange | None = None, parent=None):
        super().__init__(parent)
        self.year = year
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.number = QtWidgets.QLabel()
        self.number.setMinimumWidth(28)
        self.name = QtWidgets.QComboBox()
        self.name.setEditable(True)
        self.name.addItems(FESTIVALS)
        self.name.setMinimumWidth(130)
        default = item.first if item else dt.date(year, 1, 1)
        self.first = DateEdit(default)
        self.last = DateEdit(item.last if item else default)
        self.makeup = QtWidgets.QLineEdit()
        self.makeup.setPlaceholderText(self.tr("周六或周日，多个用逗号分隔；没有则留空"))
        self.makeup.setMinimumWidth(230)
        self.remove = QtWidgets.QPushButton(self.tr("删除"))
        self.remove.setAutoDefault(False)  # Enter in a field saves the dialog; it never deletes a row
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.name.setCurrentText(item.name if item else "")
        if item:
            self.makeup.setText(", ".join(d.isoformat() for d in item.makeup_days))
        layout.addWidget(self.number)
        layout.addWidget(self.name)
        layout.addWidget(QtWidgets.QLabel(self.tr("放假")))
        layout.addWidget(self.first)
        layout.addWidget(QtWidgets.QLabel(self.tr("至")))
        layout.addWidget(self.last)
        layout.addWidget(QtWidgets.QLabel(self.tr("调休上班")))
        layout.addWidget(self.makeup, 1)
        layout.addWidget(self.remove)

    def tab_order(self) -> list[QtWidgets.QWidget]:
        return [self.name, self.first, self.last, self.makeup, self.remove]

    def set_number(self, n: int, bad: bool = False) -> None:
        self.number.setText(f"{n}.")
        self.number.setStyleSheet("color: #b00020; font-weight: bold;" if bad else "")

    def value(self) -> HolidayRange:
        """The row as data; raises ``ValueError`` with the Chinese reason for an unreadable make-up date."""
        items = [t for t in re.split(r"[,，、;；\s]+", self.makeup.text()) if t]
        makeup = tuple(parse_date(t, self.year) for t in items)
        return HolidayRange(self.name.currentText().strip(), self.first.value(), self.last.value(), makeup)


class ScheduleDialog(QtWidgets.QDialog):
    """Enter or correct a year's schedule; saving goes through ``service.save_year`` (which validates), and the
    result (with the recomputed deadlines) is kept in ``self.result_value``."""

    def __init__(self, actor, year: int, initial: YearSchedule | None, parent=None, note: str = ""):
        super().__init__(parent)
        self.actor = actor
        self.year = year
        self.result_value: service.SaveResult | None = None
        self.setWindowTitle(self.tr("录入%1年节假日安排").replace("%1", str(year)))
        layout = QtWidgets.QVBoxLayout(self)
        hint = QtWidgets.QLabel(self.tr(
            "按《国务院办公厅关于%1年部分节假日安排的通知》逐项录入：每个节日的放假起止日期（含首尾），以及调休上班的"
            "周六、周日。跨年的假期只录入本年的部分。").replace("%1", str(year)))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        if note:
            prefilled = QtWidgets.QLabel(note)
            prefilled.setWordWrap(True)
            prefilled.setStyleSheet("color: #b35c00;")
            layout.addWidget(prefilled)
        form = QtWidgets.QFormLayout()
        self.title = QtWidgets.QLineEdit(initial.title if initial else default_title(year))
        form.addRow(self.tr("通知标题"), self.title)
        layout.addLayout(form)
        self.stack = RowStack(self.tr("添加一个节日"), self._make_row)
        self.stack.changed.connect(lambda: self._renumber())
        for item in (initial.holidays if initial else ()):
            self.add_row(item)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setFocusPolicy(QtCore.Qt.NoFocus)  # not a stop of its own between the title and the first row
        inner = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack)
        column.addStretch(1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = dialog_buttons(self, self.tr("保存"))
        layout.addWidget(self.buttons)
        self.stack.changed.connect(self._chain_focus)
        self._chain_focus()
        self.resize(860, 480)

    def _chain_focus(self) -> None:
        """Tab goes title → each row left to right → 添加 → 保存, 取消; a row added later takes its place."""
        chain_focus([self.title, *(w for row in self.rows for w in row.tab_order()), self.stack.add_button,
                     *self.buttons.buttons()])

    @property
    def rows(self) -> list[HolidayRow]:
        return self.stack.rows

    def _make_row(self, item: HolidayRange | None = None) -> HolidayRow:
        if item is None and self.rows:  # a new festival starts after the last one
            start = min(self.rows[-1].last.value() + dt.timedelta(days=1), dt.date(self.year, 12, 31))
            item = HolidayRange("", start, start)
        return HolidayRow(self.year, item)

    def add_row(self, item: HolidayRange | None = None) -> HolidayRow:
        return self.stack.add(item)

    def remove_row(self, row: HolidayRow) -> None:
        self.stack.remove(row)

    def _renumber(self, bad: set[int] = frozenset()) -> None:
        for i, row in enumerate(self.rows, start=1):
            row.set_number(i, i in bad)

    def schedule(self) -> YearSchedule:
        holidays, problems = [], []
        for i, row in enumerate(self.rows, start=1):
            try:
                holidays.append(row.value())
            except ValueError as err:
                problems.append((f"第{i}项", str(err)))
        if problems:
            raise ValidationError(None, problems=problems)
        return YearSchedule(self.year, self.title.text().strip() or default_title(self.year), tuple(holidays))

    def save(self) -> None:
        try:
            self.result_value = service.save_year(self.actor, self.schedule())
        except ServiceError as err:
            problems = getattr(err, "problems", [])
            bad = {int(m.group(1)) for where, _ in problems for m in [re.match(r"第(\d+)项", where or "")] if m}
            self._renumber(bad)
            show_inline_error(self.error, "\n".join(f"{w}：{r}" if w else r for w, r in problems) or str(err))
            return
        show_inline_error(self.error, None)
        self.accept()
