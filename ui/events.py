"""Change announcements: a service call that changed data says which kind of record changed, and only the views
that show that kind refresh (instead of every page re-reading everything)."""
from __future__ import annotations

from ui.qt import QtCore, Signal


class ChangeBus(QtCore.QObject):
    changed = Signal(str)  # entity name, e.g. "user", "request", "setting", "calendar"


bus = ChangeBus()


def announce(entity: str) -> None:
    bus.changed.emit(entity)
