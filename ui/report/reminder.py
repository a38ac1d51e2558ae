"""The 工作台 section 年度报告: from 1 December until the legal date, the coming deadline in bold orange
(条例第四十九条; the date is the office's setting); otherwise the next publication date, quietly."""
from __future__ import annotations

import datetime as dt

from app import clock
from app.report import service
from ui.dashboard import page as dashboard_page
from ui.events import bus
from ui.qt import QtWidgets

TITLE = "年度报告"
REMINDER_STYLE = "color: #c05600; font-weight: bold;"
QUIET_STYLE = "color: #444;"


def next_publication(today: dt.date) -> tuple[int, dt.date]:
    """(report year, publication date) of the next report due on or after ``today``."""
    year = today.year - 1
    due = service.deadline_for(year)
    if today > due:
        year, due = today.year, service.deadline_for(today.year)
    return year, due


class ReportReminder(QtWidgets.QLabel):
    def __init__(self, actor=None, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        bus.changed.connect(self._on_change)
        self.refresh()

    @property
    def urgent(self) -> bool:
        return self.styleSheet() == REMINDER_STYLE

    def refresh(self) -> None:
        today = clock.today()
        text = service.reminder(today)
        if text:
            self.setText(text)
            self.setStyleSheet(REMINDER_STYLE)
            return
        year, due = next_publication(today)
        self.setText(f"{year}年政府信息公开工作年度报告的公布期限：{due.isoformat()}。")
        self.setStyleSheet(QUIET_STYLE)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # the program may stay open across midnight, or into December

    def _on_change(self, entity: str) -> None:
        if entity in ("setting", "report"):
            self.refresh()
