"""Change announcements: a service call that changed data says which kind of record changed, and only the views
that show that kind refresh (instead of every page re-reading everything)."""
from __future__ import annotations

from ui.qt import QtCore, Signal


class ChangeBus(QtCore.QObject):
    changed = Signal(str)  # entity name, e.g. "user", "request", "setting", "calendar"
    open_request = Signal(int)  # show this request in the 依申请公开 register (from the dashboard, the report …)
    open_record = Signal(str, int)  # show a record in the main window's tab of that title (the dashboard, the search)


bus = ChangeBus()


def announce(entity: str) -> None:
    bus.changed.emit(entity)


def open_request(request_id: int) -> None:
    bus.open_request.emit(request_id)


def open_record(tab: str, record_id: int | None) -> None:
    """Show ``record_id`` in the main tab titled ``tab`` (0 or None: the tab alone)."""
    bus.open_record.emit(tab, record_id or 0)


class _Listener(QtCore.QObject):
    """Calls ``callback()`` when one of ``entities`` changes, for as long as its parent widget lives (a child QObject
    is destroyed with its parent, and Qt then drops the connection — a lambda connected to the bus would outlive it).
    A hidden widget is not refreshed at once: it is marked stale and refreshed when it is next shown."""

    def __init__(self, parent: QtCore.QObject, entities, callback):
        super().__init__(parent)
        self.entities = frozenset(entities or ())
        self.callback = callback
        self.stale = False
        parent.installEventFilter(self)
        bus.changed.connect(self._changed)

    @QtCore.Slot(str)
    def _changed(self, entity: str) -> None:
        if self.entities and entity not in self.entities:
            return
        widget = self.parent()
        if hasattr(widget, "isVisible") and not widget.isVisible():
            self.stale = True
            return
        self.callback()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QtCore.QEvent.Show and self.stale:
            self.stale = False
            self.callback()
        return False


def on_change(widget: QtCore.QObject, entities, callback) -> QtCore.QObject:
    """Refresh ``widget`` (through ``callback``) when records of the given kinds change (all kinds when empty)."""
    return _Listener(widget, entities, callback)
