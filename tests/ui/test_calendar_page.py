"""系统管理 → 节假日: the year grid model, the entry dialog, import and delete, on a temporary database."""
import datetime as dt

import pytest

from app.resources import resource
from app.workdays import calendar as workcal
from app.workdays import service
from app.workdays.calendar import WorkCalendar
from app.workdays.schedule import HolidayRange
from ui.admin.calendar_dialog import ScheduleDialog
from ui.admin.calendar_model import COLOURS, PROVISIONAL_HOLIDAY, YearGridModel
from ui.admin.calendar_page import CalendarPage
from ui.qt import QtGui, Qt

D = dt.date


@pytest.fixture(autouse=True)
def fresh_calendar():
    workcal.invalidate()
    yield
    workcal.invalidate()


@pytest.fixture
def admin(make_user):
    return make_user("admin", username="admin", display_name="管理员")


def cell(model, day: dt.date):
    return model.index(day.month - 1, YearGridModel.slot_of(day))


def test_grid_model_is_sound_and_aligned(qtmodeltester):
    model = YearGridModel()
    model.set_year(WorkCalendar(), 2026, today=D(2026, 3, 9))
    qtmodeltester.check(model, force_py=True)
    assert (model.rowCount(), model.columnCount()) == (12, 37)
    assert model.headerData(0, Qt.Vertical) == "1月" and model.headerData(7, Qt.Horizontal) == "一"
    # 2026-01-01 is a Thursday: slot 3 of row 0; slot 0 is empty
    assert model.data(model.index(0, 3)) == "1" and model.data(model.index(0, 0)) is None
    spring = cell(model, D(2026, 2, 17))
    assert model.data(spring) == "17"
    assert model.data(spring, Qt.BackgroundRole).color() == QtGui.QColor(COLOURS["holiday"])
    tip = model.data(spring, Qt.ToolTipRole)
    assert "节假日：春节" in tip and "来源：程序内置" in tip and "星期二" in tip
    makeup = cell(model, D(2026, 2, 28))
    assert model.data(makeup, Qt.BackgroundRole).color() == QtGui.QColor(COLOURS["makeup"])
    assert "调休上班：春节" in model.data(makeup, Qt.ToolTipRole)
    weekend = cell(model, D(2026, 3, 7))
    assert model.data(weekend, Qt.BackgroundRole).color() == QtGui.QColor(COLOURS["weekend"])
    assert model.data(cell(model, D(2026, 3, 9)), Qt.FontRole).bold()  # today
    assert sum(1 for r in range(12) for c in range(37) if model.day_at(r, c)) == 365


def test_grid_marks_provisional_holidays(qtmodeltester):
    model = YearGridModel()
    model.set_year(WorkCalendar(), 2027)
    qtmodeltester.check(model, force_py=True)
    index = cell(model, D(2027, 2, 8))
    assert model.data(index, Qt.BackgroundRole).color() == QtGui.QColor(PROVISIONAL_HOLIDAY)
    assert "（暂定）" in model.data(index, Qt.ToolTipRole)


def test_page_shows_official_or_provisional(qtbot, admin, frozen_clock):
    page = CalendarPage(admin)
    qtbot.addWidget(page)
    assert page.year == 2026
    assert "2026年：官方日历（程序内置）" in page.status.text()
    assert "春节 02-15至02-23" in page.summary.text() and "02-14" in page.summary.text()
    assert not page.delete_button.isEnabled()
    page.year_box.setValue(2027)
    assert "2027年：暂定" in page.status.text() and page.model.year == 2027


def test_entering_a_year_through_the_dialog(qtbot, admin, recorded_messages, frozen_clock, monkeypatch):
    page = CalendarPage(admin)
    qtbot.addWidget(page)
    page.year_box.setValue(2027)
    dialog = page.make_dialog()
    qtbot.addWidget(dialog)
    assert [r.name.currentText() for r in dialog.rows][:2] == ["元旦", "春节"]  # prefilled from the rule
    spring = dialog.rows[1]
    spring.last.set_value(D(2027, 2, 11))
    spring.makeup.setText("2027-02-20，2027-02-03")
    dialog.save()
    assert dialog.error.isVisibleTo(dialog)
    assert "第2项（春节）：调休上班日 2027-02-03 是星期三，调休上班日应为周六或周日" in dialog.error.text()
    assert "color: #b00020" in spring.number.styleSheet()
    assert service.get_year(2027) is None
    spring.makeup.setText("2027-02-20")
    dialog.save()
    assert dialog.result_value is not None and dialog.result_value.year == 2027
    assert service.get_year(2027).schedule.holidays[1].makeup_days == (D(2027, 2, 20),)
    page._saved(dialog.result_value)
    assert recorded_messages.last()[0] == "info" and "2027年节假日安排已保存（录入" in recorded_messages.last()[2]
    assert "2027年：官方日历（录入）" in page.status.text()
    assert page.delete_button.isEnabled()
    assert page.model.data(cell(page.model, D(2027, 2, 20)), Qt.BackgroundRole).color() == \
        QtGui.QColor(COLOURS["makeup"])


def test_dialog_rows_can_be_added_and_removed(qtbot, admin):
    dialog = ScheduleDialog(admin, 2027, None)
    qtbot.addWidget(dialog)
    assert dialog.rows == []
    first = dialog.add_row(HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 1)))
    second = dialog.add_row()
    assert second.first.value() == D(2027, 1, 2)
    second.name.setCurrentText("")
    dialog.save()
    assert "第2项：节日名称不能为空" in dialog.error.text()
    dialog.remove_row(second)
    assert dialog.rows == [first] and first.number.text() == "1."
    first.makeup.setText("下周六")
    dialog.save()
    assert "第1项：无法识别日期“下周六”" in dialog.error.text()


def test_import_and_delete(qtbot, admin, recorded_messages, frozen_clock, monkeypatch, tmp_path):
    page = CalendarPage(admin)
    qtbot.addWidget(page)
    bad = tmp_path / "bad.txt"
    bad.write_text("年份: 2027\n春节: 2027-02-05 至 2027-02-11; 上班 2027-02-03\n", encoding="utf-8")
    monkeypatch.setattr(page, "choose_file", lambda: str(bad))
    page.import_from_file()
    kind, title, text = recorded_messages.last()
    assert (kind, title) == ("warning", "无法导入") and "第2行：调休上班日 2027-02-03 是星期三" in text
    assert service.get_year(2027) is None
    monkeypatch.setattr(page, "choose_file", lambda: str(resource("calendars/2026.txt")))
    page.import_from_file()
    assert "2026年节假日安排已保存（导入，共39天）" in recorded_messages.last()[2]
    assert "2026年：官方日历（导入）" in page.status.text()
    page.delete_entry()
    assert recorded_messages.log[-2][0] == "confirm", recorded_messages.log
    assert "已恢复为程序内置日历" in recorded_messages.last()[2]
    assert "2026年：官方日历（程序内置）" in page.status.text() and not page.delete_button.isEnabled()


def test_page_names_the_source_of_each_year(qtbot, admin, monkeypatch):
    monkeypatch.setattr(workcal, "PACKAGE_LAST_YEAR", 2025)  # as if 2026 came only from the holidays package
    page = CalendarPage(admin)
    qtbot.addWidget(page)
    page.year_box.setValue(2026)
    assert "官方日历（程序内置（holidays 节假日库））" in page.status.text()
    page.year_box.setValue(2027)
    assert "补假" in page.status.text() and "暂定" in page.status.text()
    model = YearGridModel()
    model.set_year(WorkCalendar(), 2027)
    assert "春节（补假）" in model.data(cell(model, D(2027, 2, 9)), Qt.ToolTipRole)
