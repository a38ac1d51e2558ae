"""工作台 and its 期限计算器: recomputed live on every change."""
import datetime as dt

import pytest

from app.workdays import calendar as workcal
from app.workdays import service
from app.workdays.schedule import HolidayRange, YearSchedule
from ui.dashboard import DashboardPage, DeadlineCalculator
from ui.dashboard import page as dashboard_page
from ui.events import announce
from ui.qt import QtWidgets

D = dt.date


@pytest.fixture(autouse=True)
def fresh_calendar():
    workcal.invalidate()
    yield
    workcal.invalidate()


def test_calculator_defaults_and_live_updates(qtbot, db, frozen_clock):
    calc = DeadlineCalculator(received=D(2026, 3, 7))
    qtbot.addWidget(calc)
    assert calc.days.value() == 20 and calc.extension.value() == 0
    assert calc.due_label.text() == "2026-04-03（星期五）"
    assert calc.badge.text() == "官方"
    assert "1. 收到申请 2026-03-07（星期六，休息日）" in calc.steps_label.text()
    assert "今天（2026-03-09）距期限还有 19 个工作日" == calc.left_label.text()

    with qtbot.waitSignal(calc.computed):
        calc.days.setValue(7)
    assert calc.deadline.due == D(2026, 3, 17)

    calc.days.setValue(20)
    stop = calc.add_stop(D(2026, 3, 9), D(2026, 3, 13))
    assert calc.deadline.due == D(2026, 4, 13) and calc.deadline.stopped_days == 5
    stop.last.set_value(D(2026, 3, 10))
    assert calc.deadline.due == D(2026, 4, 8)
    calc.extension.setValue(20)
    assert calc.deadline.original_due == D(2026, 4, 8)
    assert "延长20个工作日" in calc.steps_label.text()
    calc.remove_stop(stop)
    assert calc.deadline.due == D(2026, 5, 7)

    calc.extension.setValue(0)
    calc.received.set_value(D(2026, 12, 15))
    assert calc.badge.text() == "暂定" and "2027年" in calc.badge.toolTip()
    assert calc.deadline.due == D(2027, 1, 13)


def test_calculator_shows_a_refused_input(qtbot, db, frozen_clock):
    calc = DeadlineCalculator(received=D(2026, 3, 7))
    qtbot.addWidget(calc)
    stop = calc.add_stop(D(2026, 3, 12), D(2026, 3, 12))
    stop.first.set_value(D(2026, 3, 20))
    assert calc.deadline is None and calc.due_label.text() == "无法计算"
    assert "第1段中止计时：开始日期 2026-03-20 晚于结束日期 2026-03-12" in calc.steps_label.text()
    assert calc.badge.isHidden()
    stop.last.set_value(D(2026, 3, 21))
    assert calc.deadline is not None


def test_calculator_follows_a_calendar_change(qtbot, db, system, frozen_clock):
    calc = DeadlineCalculator(received=D(2026, 12, 15))
    qtbot.addWidget(calc)
    assert calc.badge.text() == "暂定"
    service.save_year(system, YearSchedule(2027, "测试", (HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 7)),)))
    announce("calendar")
    assert calc.badge.text() == "官方" and calc.deadline.due == D(2027, 1, 19)


def test_overdue_text(qtbot, db, frozen_clock):
    calc = DeadlineCalculator(received=D(2026, 1, 5))
    qtbot.addWidget(calc)
    assert calc.left_label.text().startswith("今天（2026-03-09）已超期")


def test_dashboard_holds_the_calculator_and_takes_sections(qtbot, db, system, monkeypatch):
    from app import modules
    modules.load()
    page = DashboardPage(system)
    qtbot.addWidget(page)
    assert isinstance(page.calculator, DeadlineCalculator)
    extra = page.add_section("到期提醒", QtWidgets.QLabel("无"))
    assert page.sections["到期提醒"] is extra
    monkeypatch.setattr(dashboard_page, "SECTIONS", list(dashboard_page.SECTIONS))
    dashboard_page.register_section("待办", lambda actor: QtWidgets.QLabel("x"), position=0)
    second = DashboardPage(system)
    qtbot.addWidget(second)
    assert list(second.sections) == ["待办", "今日待办", "年度报告", "待办期限", "统计图表", "期限计算器"]


def test_main_window_opens_on_the_dashboard(qtbot, make_user):
    from ui.main_window import MainWindow
    window = MainWindow(make_user("clerk"))
    qtbot.addWidget(window)
    assert window.tabs.tabText(0) == "工作台"
    admin = MainWindow(make_user("admin"))
    qtbot.addWidget(admin)
    admin.tabs.setCurrentIndex([admin.tabs.tabText(i) for i in range(admin.tabs.count())].index("系统管理"))
    area = admin.tabs.widget(admin.tabs.currentIndex()).page
    assert "节假日" in [area.tabText(i) for i in range(area.count())]
