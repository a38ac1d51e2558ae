"""工作台 page: a column of titled sections — 今日待办 across the modules first, the charts near the end. Modules add
what is waiting through ``app.modules.register_dashboard`` (and charts through ``register_chart``); a section of its
own is added with ``add_section`` (or a factory registered in ``SECTIONS`` so that every new dashboard gets it)."""
from __future__ import annotations

from typing import Callable

from app import modules
from ui.dashboard.actions import ActionList
from ui.dashboard.calculator import DeadlineCalculator
from ui.dashboard.charts import ChartsSection
from ui.qt import QtWidgets


# (title, factory(actor) -> widget, visible(actor) -> bool), in display order. Modules append theirs at import.
def _due_section(actor):
    from ui.requests.due_section import DueSection
    return DueSection(actor)


def _report_reminder(actor):
    from ui.report.reminder import ReportReminder
    return ReportReminder(actor)


SECTIONS: list[tuple[str, Callable, Callable]] = [
    ("今日待办", ActionList, lambda actor: True),
    ("年度报告", _report_reminder, lambda actor: actor.can("report.view")),
    ("待办期限", _due_section, lambda actor: actor.can("request.view")),
    ("统计图表", ChartsSection, lambda actor: bool(modules.charts(actor))),
    ("期限计算器", lambda actor: DeadlineCalculator(), lambda actor: True),
]


def register_section(title: str, factory: Callable, visible: Callable = lambda actor: True,
                     position: int | None = None) -> None:
    """Add a section to every dashboard built from now on (``position`` None: at the end)."""
    entry = (title, factory, visible)
    SECTIONS.insert(len(SECTIONS) if position is None else position, entry)


class DashboardPage(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        inner = QtWidgets.QWidget()
        self.body = QtWidgets.QVBoxLayout(inner)
        self.body.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        self.sections: dict[str, QtWidgets.QWidget] = {}
        for title, factory, visible in SECTIONS:
            if visible(actor):
                self.add_section(title, factory(actor))

    @property
    def actions(self) -> ActionList | None:
        widget = self.sections.get("今日待办")
        return widget if isinstance(widget, ActionList) else None

    @property
    def charts(self) -> ChartsSection | None:
        widget = self.sections.get("统计图表")
        return widget if isinstance(widget, ChartsSection) else None

    @property
    def calculator(self) -> DeadlineCalculator | None:
        widget = self.sections.get("期限计算器")
        return widget if isinstance(widget, DeadlineCalculator) else None

    def add_section(self, title: str, widget: QtWidgets.QWidget) -> QtWidgets.QWidget:
        """Append ``widget`` under a heading (before the trailing stretch); returns it."""
        heading = QtWidgets.QLabel(title)
        heading.setStyleSheet("font-size: 16px; font-weight: bold; margin-top: 6px;")
        self.body.insertWidget(self.body.count() - 1, heading)
        self.body.insertWidget(self.body.count() - 1, widget)
        self.sections[title] = widget
        return widget
