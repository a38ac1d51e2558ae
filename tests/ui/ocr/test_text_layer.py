"""识别文字 in the window: a scan attached in the request's pane is recognised in the background (inline in tests),
the viewer shows its text as selectable text with unsure lines marked, and the redaction window lists a match read
with low confidence before it keeps it."""
from __future__ import annotations

from app.ocr import layers
from app.requests import attachments
from db.models import Request, TextLayer, TextLine
from tests.db.ocr.test_layers import DPI, ID_NUMBER, scan_pages
from ui.qt import QtWidgets, Qt
from ui.redaction.window import RedactionWindow
from ui.requests.detail_pane import DetailPane
from ui.text_layer import TextLayerDialog, lines_html


def _scan(tmp_path):
    path = tmp_path / "身份证复印件.png"
    scan_pages(["居民身份证复印件", f"公民身份号码 {ID_NUMBER}"])[0].save(path, dpi=(DPI, DPI))
    return path


def test_a_scan_attached_in_the_pane_is_recognised_and_shown_as_text(qtbot, staff, registered, tmp_path,
                                                                    monkeypatch):
    path = _scan(tmp_path)
    pane = DetailPane(staff["clerk"])
    qtbot.addWidget(pane)
    pane.show_request(registered["id"])
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    pane.attach_add.click()
    assert ID_NUMBER in Request.get_by_id(registered["id"]).scan_text  # recognised in the background task
    pane.show_request(registered["id"])
    assert not pane.attach_text.isEnabled()  # nothing chosen yet
    pane.attach_view.setCurrentIndex(pane.attach_model.index(0, 0))
    assert pane.attach_text.isEnabled()
    (row,) = attachments.list_for(staff["clerk"], registered["id"])
    dialog = TextLayerDialog(staff["clerk"], "attachment", row["id"], row["name"], path.read_bytes())
    qtbot.addWidget(dialog)
    assert ID_NUMBER in dialog.text.toPlainText().replace(" ", "")
    assert dialog.text.textInteractionFlags() & Qt.TextSelectableByMouse
    assert not dialog.picture.pixmap().isNull() and "1页已识别" in dialog.summary.text()
    assert dialog.recognise_button.text() == "重新识别"


def test_a_line_below_the_threshold_is_marked_for_checking():
    page = {"page": 1, "lines": [{"text": "申请人：王建国", "confidence": 0.97, "low": False},
                                 {"text": "联系电话：139l2345678", "confidence": 0.62, "low": True}]}
    shown = lines_html(page)
    assert "可信度 62%，请核对" in shown and shown.count("background-color") == 1
    assert "申请人：王建国</p>" in shown


def test_the_redaction_window_lists_a_low_confidence_match_before_keeping_it(qtbot, staff, registered, tmp_path,
                                                                           recorded_messages):
    path = _scan(tmp_path)
    aid = attachments.add(staff["clerk"], registered["id"], str(path))["id"]
    layers.recognise(staff["clerk"], "attachment", aid, dpi=DPI)
    layer = TextLayer.get(TextLayer.file_id == aid)
    # the engine's confidence of the ID number's line as a worn scan would give it
    TextLine.update(confidence=0.55).where((TextLine.layer == layer.id)
                                           & TextLine.text.contains(ID_NUMBER[-6:])).execute()
    window = RedactionWindow(staff["clerk"], "request", aid)
    qtbot.addWidget(window)
    window.find_text.setText(ID_NUMBER)
    recorded_messages.answer = False
    window.find_button.click()
    kind, title, text = recorded_messages.log[-1]
    assert kind == "confirm" and "可信度低于 80%" in text and "第1页" in text and "55%" in text
    assert window.all_marks == []  # declined: nothing kept
    recorded_messages.answer = True
    window.find_button.click()
    assert [m["page"] for m in window.all_marks] == [1] and window.all_marks[0]["how"] == "search"
