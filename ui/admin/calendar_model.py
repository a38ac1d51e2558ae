"""A year as a grid: one row per month, 37 weekday-aligned day slots (a month spans at most 6 weeks minus a day)."""
from __future__ import annotations

import datetime as dt

from app.workdays.calendar import KINDS, SOURCES, DayInfo, WorkCalendar
from app.workdays.schedule import WEEKDAYS
from ui.qt import QtCore, QtGui, Qt

SLOTS = 37
WEEKDAY_SHORT = ("一", "二", "三", "四", "五", "六", "日")

# Background of each kind of day; the legend shows the same colours.
COLOURS = {
    "workday": "#ffffff",
    "weekend": "#e4e7eb",
    "holiday": "#f4b6b6",
    "makeup": "#a8d1f0",
}
PROVISIONAL_HOLIDAY = "#f9dcc4"
EMPTY = "#f4f4f4"  # a slot outside the month  # a holiday the provisional rule assumes: same family, paler
LEGEND = (
    ("workday", "工作日"),
    ("weekend", "周末休息"),
    ("holiday", "节假日"),
    ("makeup", "调休上班"),
)


def colour_for(info: DayInfo) -> str:
    if info.kind == "holiday" and not info.official:
        return PROVISIONAL_HOLIDAY
    return COLOURS[info.kind]


def tooltip_for(info: DayInfo) -> str:
    kind = KINDS[info.kind] + (f"：{info.name}" if info.name else "")
    state = "工作日" if info.workday else "休息日"
    return (f"{info.date.isoformat()} {WEEKDAYS[info.date.weekday()]}\n{kind}（{state}）\n"
            f"来源：{SOURCES[info.source]}{'' if info.official else '（暂定）'}")


class YearGridModel(QtCore.QAbstractTableModel):
    """Rows are months (1月…12月), columns are weekday-aligned slots; a slot outside the month is empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year = dt.date.today().year
        self._days: dict[tuple[int, int], DayInfo] = {}
        self._today = dt.date.today()

    def set_year(self, calendar: WorkCalendar, year: int, today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.year = year
        self._today = today or dt.date.today()
        self._days = {}
        for info in calendar.year_days(year):
            self._days[(info.date.month - 1, self.slot_of(info.date))] = info
        self.endResetModel()

    @staticmethod
    def slot_of(day: dt.date) -> int:
        return day.replace(day=1).weekday() + day.day - 1

    def day_at(self, row: int, column: int) -> DayInfo | None:
        return self._days.get((row, column))

    def rowCount(self, parent=QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else 12

    def columnCount(self, parent=QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else SLOTS

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        if self.day_at(index.row(), index.column()) is None:
            return Qt.ItemIsEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        info = self.day_at(index.row(), index.column())
        if info is None:
            return QtGui.QBrush(QtGui.QColor(EMPTY)) if role == Qt.BackgroundRole else None
        if role == Qt.DisplayRole:
            return str(info.date.day)
        if role == Qt.BackgroundRole:
            return QtGui.QBrush(QtGui.QColor(colour_for(info)))
        if role == Qt.ForegroundRole:
            return QtGui.QBrush(QtGui.QColor("#202020" if info.workday else "#8a1c1c"))
        if role == Qt.ToolTipRole:
            return tooltip_for(info)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.FontRole and info.date == self._today:
            font = QtGui.QFont()
            font.setBold(True)
            font.setUnderline(True)
            return font
        if role == Qt.UserRole:
            return info
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return WEEKDAY_SHORT[section % 7] if 0 <= section < SLOTS else None
        return f"{section + 1}月" if 0 <= section < 12 else None
