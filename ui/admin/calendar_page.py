"""系统管理 → 节假日: a year's calendar as a month grid, where each answer comes from, and its upkeep (enter the
State Council's notice, import it from a file, or drop the office's entry to go back to the default)."""
from __future__ import annotations

import datetime as dt

from app import clock
from app.workdays import calendar as workcal
from app.workdays import service
from app.workdays.calendar import SOURCES
from app.workdays.schedule import HolidayRange, YearSchedule, default_title
from ui import messages
from ui.admin.calendar_dialog import ScheduleDialog
from ui.admin.calendar_model import COLOURS, LEGEND, PROVISIONAL_HOLIDAY, SLOTS, YearGridModel
from ui.events import announce, bus
from ui import file_dialogs
from ui.qt import QtWidgets, Qt
from ui.tasks import run_task


def legend_chip(colour: str, text: str) -> QtWidgets.QLabel:
    chip = QtWidgets.QLabel(text)
    chip.setStyleSheet(f"background: {colour}; border: 1px solid #a0a0a0; padding: 2px 8px;")
    return chip


class CalendarPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QtWidgets.QVBoxLayout(self)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel(self.tr("年份")))
        self.year_box = QtWidgets.QSpinBox()
        self.year_box.setRange(workcal.INDEX_FIRST_YEAR, 2100)
        self.year_box.setValue(clock.today().year)
        self.year_box.setSuffix(self.tr(" 年"))
        top.addWidget(self.year_box)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("calendarStatus")
        top.addWidget(self.status, 1)
        layout.addLayout(top)

        self.model = YearGridModel(self)
        self.view = QtWidgets.QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.view.horizontalHeader().setMinimumSectionSize(20)
        self.view.horizontalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setShowGrid(True)
        self.view.setWordWrap(False)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout.addWidget(self.view)

        legend = QtWidgets.QHBoxLayout()
        legend.addWidget(QtWidgets.QLabel(self.tr("图例：")))
        for kind, text in LEGEND:
            legend.addWidget(legend_chip(COLOURS[kind], self.tr(text)))
        legend.addWidget(legend_chip(PROVISIONAL_HOLIDAY, self.tr("节假日（暂定）")))
        legend.addWidget(QtWidgets.QLabel(self.tr("鼠标停在某一天上可查看节日名称和数据来源。")))
        legend.addStretch(1)
        layout.addLayout(legend)

        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary)

        bar = QtWidgets.QHBoxLayout()
        self.enter_button = QtWidgets.QPushButton(self.tr("录入本年安排…"))
        self.import_button = QtWidgets.QPushButton(self.tr("从文件导入…"))
        self.delete_button = QtWidgets.QPushButton(self.tr("删除录入（恢复默认）"))
        for button in (self.enter_button, self.import_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addStretch(1)

        self.year_box.valueChanged.connect(lambda _: self.refresh())
        self.enter_button.clicked.connect(self.enter_year)
        self.import_button.clicked.connect(self.import_from_file)
        self.delete_button.clicked.connect(self.delete_entry)
        bus.changed.connect(self._on_changed)
        self.refresh()

    @property
    def year(self) -> int:
        return self.year_box.value()

    def _on_changed(self, entity: str) -> None:
        if entity == "calendar":
            self.refresh()

    def refresh(self) -> None:
        cal = workcal.current()
        year = self.year
        self.model.set_year(cal, year, clock.today())
        self._fit_columns()
        source = cal.source_of(year)
        stored = service.get_year(year)
        if cal.is_official(year):
            text = self.tr("%1年：官方日历（%2）").replace("%1", str(year)).replace("%2", SOURCES[source])
            if stored is not None:
                who = stored.entered_by or self.tr("系统")
                text += f"　《{stored.schedule.title}》　{who} {stored.entered_at:%Y-%m-%d %H:%M}"
            style = "color: #1b5e20; font-weight: bold;"
        else:
            text = self.tr("%1年：暂定 —— 尚未录入国务院办公厅的节假日安排通知，按周末、法定节假日和补假计算，"
                           "没有调休上班日；涉及这一年的期限都标为“暂定”。").replace("%1", str(year))
            style = "color: #b35c00; font-weight: bold;"
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.summary.setText(self._summary_text(cal, year))
        self.delete_button.setEnabled(stored is not None)
        allowed = self.actor.can("calendar.manage")
        self.enter_button.setEnabled(allowed)
        self.import_button.setEnabled(allowed)
        if not allowed:
            self.delete_button.setEnabled(False)

    def _fit_columns(self) -> None:
        """The whole year visible at once: 37 narrow day columns, 12 month rows, no scrolling."""
        header = self.view.horizontalHeader()
        for column in range(SLOTS):
            header.resizeSection(column, 28)
        frame = 2 * self.view.frameWidth()
        self.view.setFixedHeight(header.sizeHint().height() + self.view.verticalHeader().length() + frame + 2)

    def _summary_text(self, cal, year: int) -> str:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        parts = []
        for name, a, b in cal.holiday_runs(first, last):
            span = f"{a:%m-%d}" if a == b else f"{a:%m-%d}至{b:%m-%d}"
            parts.append(f"{name} {span}")
        makeup = [f"{d:%m-%d}" for d, _ in cal.makeup_days(first, last)]
        workdays = cal.count_between(first.toordinal() - 1, last.toordinal())
        text = self.tr("节假日：") + ("；".join(parts) or self.tr("无"))
        text += self.tr("\n调休上班：") + ("、".join(makeup) or self.tr("无"))
        return text + self.tr("\n全年工作日 %1 天").replace("%1", str(workdays))

    def _initial_schedule(self) -> YearSchedule:
        """What the entry form starts from: the stored year, else the package's or the provisional calendar."""
        stored = service.get_year(self.year)
        if stored is not None:
            return stored.schedule
        cal = workcal.current()
        first, last = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        makeup = cal.makeup_days(first, last)
        items = []
        for name, a, b in cal.holiday_runs(first, last, in_lieu_apart=False):
            items.append(HolidayRange(name, a, b, tuple(d for d, n in makeup if n == name)))
        return YearSchedule(self.year, default_title(self.year), tuple(items))

    def make_dialog(self) -> ScheduleDialog:
        source = workcal.current().source_of(self.year)
        notes = {"package": self.tr("已按程序内置的日历预填，请对照通知核对。"),
                 "holidays": self.tr("已按程序内置的节假日库（holidays）收录的通知预填，请对照通知核对。"),
                 "provisional": self.tr("已按暂定规则预填法定节假日（没有调休），请按通知修改放假日期并填写调休上班日。")}
        return ScheduleDialog(self.actor, self.year, self._initial_schedule(), self, note=notes.get(source, ""))

    def enter_year(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec() and dialog.result_value is not None:
            self._saved(dialog.result_value)

    def choose_file(self) -> str:
        path, _ = file_dialogs.get_open_file_name(
            self, self.tr("导入节假日安排"), "", self.tr("节假日安排 (*.txt *.json);;所有文件 (*)"))
        return path

    def import_from_file(self) -> None:
        path = self.choose_file()
        if not path:
            return
        run_task(self, self.tr("正在导入节假日安排并重新计算期限…"),
                 lambda handle: service.import_file(self.actor, path), self._imported,
                 lambda err: messages.show_error(self, err, self.tr("无法导入")), cancellable=False)

    def _imported(self, result: service.SaveResult) -> None:
        self.year_box.setValue(result.year)
        self._saved(result)

    def delete_entry(self) -> None:
        year = self.year
        if not messages.confirm(self, self.tr("删除录入"), self.tr(
                "删除本机关录入的%1年节假日安排，恢复为程序内置或暂定的日历？未办结的期限将重新计算。")
                .replace("%1", str(year))):
            return
        try:
            result = service.delete_year(self.actor, year)
        except Exception as err:  # noqa: BLE001 - told to the user by show_error, re-raised when it is a bug
            messages.show_error(self, err)
            return
        self._saved(result)

    def _saved(self, result: service.SaveResult) -> None:
        announce("calendar")  # this page and every deadline shown elsewhere refresh
        messages.info(self, self.tr("节假日安排"), result.summary())
