"""What the window shows about the storage: a red banner when the database was opened read-only because it is
damaged, and a waiting notice while a save waits for another window's write lock."""
from __future__ import annotations

from app.workspace import on_save_waiting, read_only_reason
from ui.qt import QtCore, QtGui, QtWidgets

WAITING = "正在等待其他窗口或程序完成保存（例如正在导入台账），最多 10 秒…"


def add_read_only_banner(window: QtWidgets.QMainWindow) -> QtWidgets.QLabel | None:
    """A banner above the tabs saying why nothing can be saved; ``None`` when the database is writable."""
    reason = read_only_reason()
    if not reason:
        return None
    banner = QtWidgets.QLabel(reason)
    banner.setSizePolicy(QtWidgets.QSizePolicy.Expanding, QtWidgets.QSizePolicy.Preferred)
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #b71c1c; color: white; padding: 6px; font-weight: bold;")
    bar = QtWidgets.QToolBar(window)
    bar.setObjectName("readOnlyBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.addWidget(banner)
    window.addToolBar(QtCore.Qt.TopToolBarArea, bar)
    return banner


class LockWaitNotice:
    """While a save waits for the write lock: a busy cursor and a status-bar message in the active window."""

    def __init__(self):
        self.waiting = False

    def __call__(self, waiting: bool) -> None:
        self.waiting = waiting
        app = QtWidgets.QApplication.instance()
        if app is None:
            return
        main = _main_window(app)
        if waiting:
            QtWidgets.QApplication.setOverrideCursor(QtGui.QCursor(QtCore.Qt.WaitCursor))
            if isinstance(main, QtWidgets.QMainWindow):
                main.statusBar().showMessage(WAITING)
        else:
            QtWidgets.QApplication.restoreOverrideCursor()
            if isinstance(main, QtWidgets.QMainWindow):
                main.statusBar().clearMessage()
        app.processEvents(QtCore.QEventLoop.ExcludeUserInputEvents)  # paint the notice before the wait blocks


def _main_window(app) -> QtWidgets.QMainWindow | None:
    active = app.activeWindow()
    if active is not None and isinstance(active.window(), QtWidgets.QMainWindow):
        return active.window()
    return next((w for w in app.topLevelWidgets() if isinstance(w, QtWidgets.QMainWindow) and w.isVisible()), None)


def install_lock_wait_notice() -> LockWaitNotice:
    notice = LockWaitNotice()
    on_save_waiting(notice)
    return notice
