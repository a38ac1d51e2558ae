"""Background work: reports, batch printing, imports run off the GUI thread.

A progress dialog appears only when the work takes longer than ~600 ms; the user may cancel when the work checks
``task.cancelled``. Tests switch ``SYNCHRONOUS`` on so that the work runs inline.
"""
from __future__ import annotations

import traceback
from typing import Callable

from app.workspace import release_thread_connection
from ui.qt import QtCore, QtWidgets, Signal

SYNCHRONOUS = False
PROGRESS_DELAY_MS = 600
# Tasks under way. Their signal objects must outlive the caller's reference to the handle: a caller that drops the
# handle (most do) would otherwise let Python delete the QObject and the result would never arrive.
_pending: set["TaskHandle"] = set()


class TaskHandle:
    def __init__(self):
        self.cancelled = False

    def cancel(self):
        self.cancelled = True


class _Signals(QtCore.QObject):
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QtCore.QRunnable):
    def __init__(self, fn, handle, signals):
        super().__init__()
        self.fn, self.handle, self.signals = fn, handle, signals

    def run(self):
        try:
            result = self.fn(self.handle)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            exc.traceback_text = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            release_thread_connection()  # peewee connections are per thread: close this worker's own


def run_task(parent, label: str, fn: Callable[[TaskHandle], object], on_done: Callable[[object], None],
             on_error: Callable[[Exception], None] | None = None, cancellable: bool = True) -> TaskHandle:
    """Run ``fn(handle)`` in the thread pool; ``on_done(result)`` or ``on_error(exc)`` run in the GUI thread."""
    handle = TaskHandle()
    if on_error is None:
        from ui.messages import show_error
        on_error = lambda exc: show_error(parent, exc)  # noqa: E731
    if SYNCHRONOUS:
        try:
            result = fn(handle)
        except Exception as exc:  # noqa: BLE001
            on_error(exc)
        else:
            on_done(result)
        return handle
    dialog = QtWidgets.QProgressDialog(label, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("请稍候")
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setWindowModality(QtCore.Qt.WindowModal)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(handle.cancel)
    signals = _Signals()
    handle._signals = signals  # keep alive until the work reports

    def finish(callback, value):
        _pending.discard(handle)
        dialog.reset()
        dialog.deleteLater()
        callback(value)

    signals.done.connect(lambda r: finish(on_done, r))
    signals.failed.connect(lambda e: finish(on_error, e))
    _pending.add(handle)
    QtCore.QThreadPool.globalInstance().start(_Runnable(fn, handle, signals))
    return handle
