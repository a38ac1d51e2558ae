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
