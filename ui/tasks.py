"""Background work: reports, batch printing, imports run off the GUI thread.

A progress dialog appears only when the work takes longer than ~600 ms; the user may cancel when the work checks
``task.cancelled``. Tests switch ``SYNCHRONOUS`` on so that the work runs inline.

The worker thread is never the last holder of anything of the window: the work function is also kept by the handle
until the result has arrived in the GUI thread, and the signal object belongs to the application (parented to it) and
is deleted in the GUI thread. Python's reference counting in a worker can therefore never destroy a Qt object, and a
task that finishes while the program is quitting does not find its signal object gone (``shutdown`` waits for it).
"""
from __future__ import annotations

import logging
import traceback
from typing import Callable

from app.workspace import release_thread_connection
from ui.qt import QtCore, QtWidgets, Signal, isValid

log = logging.getLogger(__name__)

SYNCHRONOUS = False
PROGRESS_DELAY_MS = 600
# Tasks under way, so that quitting can cancel them and wait (see ``shutdown``).
_pending: set["TaskHandle"] = set()


class TaskHandle:
    def __init__(self):
        self.cancelled = False
        self._report = None
        self._beyond_cancel = None

    def cancel(self):
        self.cancelled = True

    def report(self, done: int, total: int, text: str = "") -> None:
        """From the work: how far it has got (the progress dialog then shows a bar instead of a busy indicator;
        ``total`` 0 shows it busy again) and, with ``text``, what it is doing now. Both must fit in a C int: report
        bytes as a share (e.g. per mille), not as counts."""
        if self._report is not None:
            self._report(done, total, text)

    def beyond_cancel(self) -> None:
        """From the work: it can no longer stop part of the way (a restore replacing the database); the dialog's
        cancel button goes."""
        if self._beyond_cancel is not None:
            self._beyond_cancel()


class _Signals(QtCore.QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)
    beyond_cancel = Signal()


class _Runnable(QtCore.QRunnable):
    def __init__(self, fn, handle, signals):
        super().__init__()
        self.fn, self.handle, self.signals = fn, handle, signals

    def run(self):
        fn, self.fn = self.fn, None
        try:
            try:
                result = fn(self.handle)
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
                exc.traceback_text = traceback.format_exc()
                fn = None  # the handle keeps the work until the GUI thread lets it go (see run_task)
                self.signals.failed.emit(exc)
            else:
                fn = None
                self.signals.done.emit(result)
        except RuntimeError:  # the signal object went with the application: nobody is left to tell
            log.warning("后台任务结束时程序已关闭，结果未送达")
        finally:
            release_thread_connection()  # peewee connections are per thread: close this worker's own


def run_task(parent, label: str, fn: Callable[[TaskHandle], object], on_done: Callable[[object], None],
             on_error: Callable[[Exception], None] | None = None, cancellable: bool = True,
             modal: bool = True) -> TaskHandle:
    """Run ``fn(handle)`` in the thread pool; ``on_done(result)`` or ``on_error(exc)`` run in the GUI thread.
    ``modal=False``: the progress dialog leaves the window usable meanwhile (recognising a scan just attached).

    ``fn`` runs in another thread: it must not use widgets (capture plain values, not ``self``)."""
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
    dialog.setWindowModality(QtCore.Qt.WindowModal if modal else QtCore.Qt.NonModal)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(handle.cancel)
    # Owned by the application (a GUI-thread object), so that no Python reference dropped in the worker deletes it.
    signals = _Signals(QtCore.QCoreApplication.instance())

    # The work function may hold widgets (a closure over ``self``): the last reference to it is dropped here, in the
    # GUI thread, never in the worker.
    handle._work = fn

    def finish(callback, value):
        handle._work = None
        _pending.discard(handle)
        signals.deleteLater()
        if not isValid(dialog):  # the window that asked has been closed (注销) and deleted: nobody to tell
            log.info("后台任务“%s”结束时发起的窗口已关闭，结果未显示", label)
            return
        dialog.reset()
        dialog.deleteLater()
        callback(value)

    def progressed(done: int, total: int, text: str) -> None:
        if isValid(dialog):
            dialog.setMaximum(total)
            dialog.setValue(done)
            if text:
                dialog.setLabelText(text)

    def beyond_cancel() -> None:
        if isValid(dialog):
            dialog.setCancelButton(None)

    signals.progress.connect(progressed)
    signals.beyond_cancel.connect(beyond_cancel)
    handle._report = signals.progress.emit
    handle._beyond_cancel = signals.beyond_cancel.emit
    signals.done.connect(lambda r: finish(on_done, r))
    signals.failed.connect(lambda e: finish(on_error, e))
    _pending.add(handle)
    QtCore.QThreadPool.globalInstance().start(_Runnable(fn, handle, signals))
    return handle


def shutdown(timeout_ms: int = 30_000) -> bool:
    """On quit: ask the tasks under way to stop, wait for the pool, and drop what they would have reported.
    Returns False when a task was still running after ``timeout_ms``."""
    for handle in list(_pending):
        handle.cancel()
    finished = QtCore.QThreadPool.globalInstance().waitForDone(timeout_ms)
    if not finished:
        log.warning("退出时仍有后台任务未结束")
    _pending.clear()
    return finished
