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


def watch_background_check(window: QtWidgets.QMainWindow) -> QtCore.QTimer | None:
    """A large database is checked after the window opens (app.workspace.BackgroundCheck): when the check finds it
    damaged, the window gets the banner and says so. ``None`` when there is nothing to wait for."""
    from app.workspace import current_workspace
    ws = current_workspace()
    if ws is None or ws.check_done(0):
        return None
    timer = QtCore.QTimer(window)
    timer.setInterval(300)

    def poll() -> None:
        if not ws.check_done(0):
            return
        timer.stop()
        if ws.damaged and window.findChild(QtWidgets.QToolBar, "readOnlyBar") is None:
            add_read_only_banner(window)
            from ui import messages
            messages.warning(window, window.windowTitle() or "数据库", ws.damaged)
    timer.timeout.connect(poll)
    timer.start()
    return timer


class LockWaitNotice:
    """While a save waits for the write lock: a busy cursor and a status-bar message in the active window."""

    def __init__(self):
        self.waiting = False

    def __call__(self, waiting: bool, text: str | None = None) -> None:
        self.waiting = waiting
        app = QtWidgets.QApplication.instance()
        if app is None:
            return
        main = _main_window(app)
        if waiting:
            QtWidgets.QApplication.setOverrideCursor(QtGui.QCursor(QtCore.Qt.WaitCursor))
            if isinstance(main, QtWidgets.QMainWindow):
                main.statusBar().showMessage(text or WAITING)
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
