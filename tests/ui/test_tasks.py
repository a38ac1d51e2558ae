"""Background tasks deliver their result even when the caller does not keep the handle."""
from ui import tasks
from ui.qt import QtWidgets


def test_result_arrives_when_the_handle_is_dropped(qtbot, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    results = []
    tasks.run_task(parent, "计算", lambda _h: 42, results.append)  # handle not kept, as callers usually do
    import gc
    gc.collect()
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert not tasks._pending


def test_the_work_is_let_go_in_the_gui_thread(qtbot, monkeypatch):
    """A closure over a widget must not be freed by the worker (Qt objects die in their own thread)."""
    import threading
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    freed_in = []

    class Work:
        def __call__(self, _handle):
            return "ok"

        def __del__(self):
            freed_in.append(threading.current_thread() is threading.main_thread())

    results = []
    tasks.run_task(None, "计算", Work(), results.append)
    qtbot.waitUntil(lambda: results == ["ok"], timeout=5000)
    qtbot.waitUntil(lambda: bool(freed_in), timeout=5000)
    assert freed_in == [True]


def test_shutdown_cancels_and_waits(qtbot, monkeypatch):
    import time
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    seen = []

    def work(handle):
        for _ in range(100):
            if handle.cancelled:
                seen.append("cancelled")
                return None
            time.sleep(0.01)
        return None

    tasks.run_task(None, "计算", work, lambda _r: None)
    time.sleep(0.05)
    assert tasks.shutdown(5000) and seen == ["cancelled"] and not tasks._pending


def test_a_result_for_a_closed_window_is_dropped_quietly(qtbot, monkeypatch):
    """After 注销 the old window's pages are deleted; a task one of them started must not touch them."""
    import threading
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    from ui.qt import QtCore
    parent = QtWidgets.QWidget()
    go = threading.Event()
    called = []
    tasks.run_task(parent, "计算", lambda _h: go.wait(5) and 1, called.append, on_error=called.append)
    parent.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.DeferredDelete)
    go.set()
    qtbot.waitUntil(lambda: not tasks._pending, timeout=5000)
    assert called == []
