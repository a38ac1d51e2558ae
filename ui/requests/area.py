"""The 依申请公开 tab: the register, and the 行政复议/行政诉讼 cases about the office's replies."""
from __future__ import annotations

from ui.main_window import TabbedArea, TabSpec
from ui.qt import QtWidgets
from ui.widgets import remember_tab


def _register(actor):
    from ui.requests.register_view import RegisterView
    return RegisterView(actor)


def _review_cases(actor):
    from ui.requests.review_cases_page import ReviewCasesPage
    return ReviewCasesPage(actor)


class RequestsArea(QtWidgets.QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = TabbedArea(actor, [
            TabSpec("申请登记簿", _register, lambda a: a.can("request.view")),
            TabSpec("行政复议·诉讼", _review_cases, lambda a: a.can("request.view")),
        ])
        remember_tab(self.tabs, "requests_area")
        layout.addWidget(self.tabs)

    @property
    def register(self):
        self.tabs.setCurrentIndex(0)
        return self.tabs.widget(0).ensure_built()

    def show_request(self, request_id: int) -> None:
        self.register.select_request(request_id)

    show_record = show_request  # what the main window calls for the dashboard and the search
