"""今日待办: what needs action across the modules (``app.modules.dashboard_entries``), the user's own first and the
office's second; overdue in red; each entry opens its tab and each line its record."""
from __future__ import annotations

import html

from app import modules
from app.errors import ServiceError
from ui.events import on_change, open_record
from ui.qt import Qt, QtWidgets

URGENT_COLOUR = "#b00020"


class EntryLabel(QtWidgets.QLabel):
    """One entry: its title (a link to the tab) and its lines (each a link to its record)."""

    def __init__(self, section: str, entry: modules.DashboardEntry, parent=None):
        super().__init__(parent)
        self.entry = entry
        colour = URGENT_COLOUR if entry.urgent else "#222"
        title = html.escape(entry.title)
        if entry.tab:
            title = f"<a href='tab' style='color:{colour}; text-decoration:none'>{title}</a>"
        lines = "".join(
            f"<li><a href='line:{i}' style='color:#1a4d8f'>{html.escape(line)}</a></li>" if entry.target(i)
            else f"<li>{html.escape(line)}</li>" for i, line in enumerate(entry.lines))
        more = (f"<li style='color:#555'>……共 {entry.count} 件，在“{html.escape(entry.tab)}”中查看全部</li>"
                if entry.lines and entry.count > len(entry.lines) and entry.tab else "")
        self.setText(f"<p style='color:{colour}; margin:2px 0'><b>{title}</b>"
                     f"<span style='color:#777'>　{html.escape(section)}</span></p>"
                     + (f"<ul style='margin-top:0'>{lines}{more}</ul>" if lines else ""))
        self.setTextFormat(Qt.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        self.linkActivated.connect(self.open)

    def open(self, link: str) -> None:
        """``tab``: the entry's tab; ``line:N``: the record of the N-th line."""
        record = self.entry.target(int(link.split(":", 1)[1])) if link.startswith("line:") else None
        open_record(self.entry.tab, record)


class ActionList(QtWidgets.QWidget):
    """我的待办, then 本机关; refreshed when any record changes (when shown)."""

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.layout_ = QtWidgets.QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.entries: list[EntryLabel] = []
        on_change(self, (), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        while self.layout_.count():
            widget = self.layout_.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.entries = []
        try:
            mine, office = modules.dashboard_entries(self.actor)
        except ServiceError as err:  # e.g. the account was disabled meanwhile
            self._heading(str(err))
            return
        for heading, group in ((self.tr("我的待办"), mine), (self.tr("本机关"), office)):
            if not group:
                continue
            self._heading(heading)
            for section, entry in group:
                label = EntryLabel(section, entry)
                self.entries.append(label)
                self.layout_.addWidget(label)
        if not mine and not office:
            self._heading(self.tr("今天没有临近期限或需要处理的事项。"), quiet=True)

    def _heading(self, text: str, quiet: bool = False) -> None:
        label = QtWidgets.QLabel(text)
        label.setStyleSheet("color: #555;" if quiet else "font-weight: bold; color: #333; margin-top: 4px;")
        self.layout_.addWidget(label)
