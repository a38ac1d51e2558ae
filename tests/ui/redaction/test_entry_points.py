"""区分处理… is offered on a request's 附件 and an item's files to those who may redact, and the background work
reports its progress to the dialog."""
from __future__ import annotations

from app.requests import attachments
from tests.app.redaction import samples
from ui import tasks
from ui.redaction import window as redaction_window


def test_request_attachment_button(qtbot, staff, registered, tmp_path, monkeypatch):
    from ui.requests.detail_pane import DetailPane
    path = tmp_path / "审批表.pdf"
    path.write_bytes(samples.five_pages())
    attachments.add(staff["clerk"], registered["id"], str(path))
    opened = []
    monkeypatch.setattr(redaction_window, "open_redaction", lambda parent, actor, kind, fid: opened.append((kind, fid)))
    for who, allowed in (("clerk", True), ("leader", False)):
        pane = DetailPane(staff[who])
        qtbot.addWidget(pane)
        pane.show_request(registered["id"])
        assert not pane.attach_redact.isEnabled()  # nothing chosen yet
        pane.attach_view.selectRow(0)
        assert pane.attach_redact.isEnabled() is allowed
    pane = DetailPane(staff["clerk"])
    qtbot.addWidget(pane)
    pane.show_request(registered["id"])
    pane.attach_view.selectRow(0)
    pane.attach_redact.click()
    assert opened and opened[0][0] == "request"


def test_item_files_button(qtbot, crew, tmp_path, monkeypatch):
    from app.publication import items
    from tests.db.publication.conftest import item_data
    from ui.publication.detail_pane import ItemDetailPane as DetailPane
    from ui.qt import QtWidgets
    item_id = items.create(crew["drafter"], item_data())["id"]
    path = tmp_path / "名单.pdf"
    path.write_bytes(samples.five_pages())
    items.add_file(crew["drafter"], item_id, str(path))
    pane = DetailPane(crew["drafter"])
    qtbot.addWidget(pane)
    pane.show_item(item_id)
    labels = [b.text() for b in pane.findChildren(QtWidgets.QPushButton)]
    assert "区分处理…" in labels
    pane = DetailPane(crew["supervisor"])
    qtbot.addWidget(pane)
    pane.show_item(item_id)
    assert "区分处理…" not in [b.text() for b in pane.findChildren(QtWidgets.QPushButton)]


def test_background_work_reports_progress(qtbot, monkeypatch):
    import threading
    from ui.qt import QtWidgets
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    go, results = threading.Event(), []

    def work(handle):
        handle.report(3, 5)
        go.wait(5)
        return "done"

    tasks.run_task(parent, "生成", work, results.append)
    dialog = parent.findChild(QtWidgets.QProgressDialog)
    qtbot.waitUntil(lambda: dialog.maximum() == 5 and dialog.value() == 3, timeout=5000)
    go.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
