"""The 工作台 section 年度报告: the reminder from 1 December, otherwise the next publication date."""
import datetime as dt

from app import settings
from ui.dashboard import DashboardPage
from ui.dashboard import page as dashboard_page
from ui.events import announce
from ui.report import reminder
from ui.report.reminder import ReportReminder, next_publication

D = dt.date


def test_reminder_in_december(qtbot, db, frozen_clock):
    frozen_clock.set(dt.datetime(2026, 12, 5, 9, 0))
    section = ReportReminder()
    qtbot.addWidget(section)
    assert section.text() == "2026年政府信息公开工作年度报告应于 2027-01-31 前向社会公布（还有57天）"
    assert section.urgent and "bold" in section.styleSheet() and "#c05600" in section.styleSheet()


def test_next_date_otherwise_and_follows_the_setting(qtbot, db, system, frozen_clock):
    frozen_clock.set(dt.datetime(2026, 3, 9, 9, 0))
    section = ReportReminder()
    qtbot.addWidget(section)
    assert section.text() == "2026年政府信息公开工作年度报告的公布期限：2027-01-31。" and not section.urgent
    settings.set_many(system, {"report.deadline": "03-31"})
    announce("setting")
    assert section.text() == "2025年政府信息公开工作年度报告应于 2026-03-31 前向社会公布（还有22天）"
    frozen_clock.set(dt.datetime(2026, 4, 1, 9, 0))
    section.show()
    assert section.text() == "2026年政府信息公开工作年度报告的公布期限：2027-03-31。"
    assert next_publication(D(2026, 4, 1)) == (2026, D(2027, 3, 31))
    assert next_publication(D(2026, 3, 31)) == (2025, D(2026, 3, 31))


def test_section_on_the_dashboard_for_report_readers(qtbot, db, make_user, frozen_clock):
    assert [t for t, _, _ in dashboard_page.SECTIONS].count("年度报告") == 1
    page = DashboardPage(make_user("supervisor"))
    qtbot.addWidget(page)
    assert list(page.sections)[:2] == ["今日待办", "年度报告"]  # what needs action across the modules first
    assert isinstance(page.sections["年度报告"], ReportReminder)
    other = DashboardPage(make_user("secrecy_reviewer"))
    qtbot.addWidget(other)
    assert "年度报告" not in other.sections
