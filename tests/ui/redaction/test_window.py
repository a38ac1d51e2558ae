"""The 区分处理 window, one widget at a time: search-to-mark, a rectangle drawn with the mouse, page-by-page review,
edit and remove, and 生成公开版本 (run inline in tests) storing the released version."""
from __future__ import annotations

import pytest

from app.redaction import service
from app.requests import attachments
from tests.app.printing.helpers import pdftotext, squeeze
from tests.app.redaction import samples
from ui.qt import QtCore, Qt
from ui.redaction.window import VIEW_DPI, RedactionWindow


def _window(qtbot, staff, registered, path, data: bytes) -> RedactionWindow:
    path.write_bytes(data)
    aid = attachments.add(staff["clerk"], registered["id"], str(path))["id"]
    w = RedactionWindow(staff["clerk"], "request", aid)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, staff, registered, tmp_path):
    return _window(qtbot, staff, registered, tmp_path / "审批表.pdf", samples.five_pages())


def drag(qtbot, view, x0, y0, x1, y1):
    """Draw a rectangle from (x0, y0) to (x1, y1), in points on the page shown."""
    s = VIEW_DPI / 72.0
    a = view.mapFromScene(QtCore.QPointF(x0 * s, y0 * s))
    b = view.mapFromScene(QtCore.QPointF(x1 * s, y1 * s))
    qtbot.mousePress(view.viewport(), Qt.LeftButton, Qt.NoModifier, a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, Qt.NoModifier, b)


def test_search_marks_every_occurrence_and_the_page_list_counts_them(window):
    window.find_text.setText(samples.ID_NUMBER)
    window.find_button.click()
    assert [m["page"] for m in window.all_marks] == [2, 4]
    assert window.pages.item(1).text() == "第2页（1处）" and window.pages.item(2).text() == "第3页"
    assert window.page == 2  # moved to the first page found
    assert len([i for i in window.view.scene().items() if i.data(0) is not None]) == 1


def test_text_not_found_is_told_and_nothing_marked(window, recorded_messages):
    window.find_text.setText("不存在的文字")
    window.find_button.click()
    assert window.all_marks == []
    assert "没有找到" in recorded_messages.last()[2]


def test_rectangle_drawn_with_the_mouse_becomes_a_mark_with_the_chosen_ground(qtbot, window):
    window.show_page(3)
    window.ground.setCurrentIndex(window.ground.findData("refuse_6"))
    window.note.setText("手写签名")
    drag(qtbot, window.view, 60, 85, 320, 108)  # the signature line
    (mark,) = window.all_marks
    assert mark["page"] == 3 and mark["ground"] == "refuse_6" and mark["note"] == "手写签名"
    r = mark["rect"]
    assert abs(r.x0 - 60) < 2 and abs(r.y1 - 108) < 2 and mark["how"] == "rect"
    assert "张某某" in service.marks(window.actor, window.opened.id)[0]["text"]  # what the box covers, kept


def test_edit_and_remove_selected_marks(window):
    window.find_text.setText(samples.ID_NUMBER)
    window.find_button.click()
    window.marks_view.selectAll()
    window.ground.setCurrentIndex(window.ground.findData("refuse_1"))
    window.apply_button.click()
    assert {m["ground"] for m in window.all_marks} == {"refuse_1"}
    window.marks_view.selectRow(0)
    window.remove_button.click()
    assert [m["page"] for m in window.all_marks] == [4]


def test_page_by_page_review(window):
    assert window.page == 1 and not window.prev_button.isEnabled()
    for _ in range(4):
        window.next_button.click()
    assert window.page == 5 and not window.next_button.isEnabled()
    window.pages.setCurrentRow(2)
    assert window.page == 3


def test_generate_the_released_version(qtbot, window, staff, registered, recorded_messages):
    window.find_text.setText(samples.ID_NUMBER)
    window.find_button.click()
    window.show_page(3)
    drag(qtbot, window.view, 60, 90, 320, 150)  # the signature line
    window.release_button.click()
    assert recorded_messages.last()[1] == "已生成公开版本"
    assert "第1版 审批表（公开版本）.pdf" in window.releases_label.text()
    released = next(a for a in attachments.list_for(staff["clerk"], registered["id"]) if "公开版本" in a["name"])
    text = squeeze(pdftotext(attachments.read(staff["clerk"], released["id"])[1]))
    assert samples.ID_NUMBER not in text and "张某某" not in text and "补助标准" in text


def test_a_refused_version_is_told_and_nothing_stored(qtbot, window, staff, registered, recorded_messages):
    window.show_page(2)
    rect = window.source.find(samples.ID_NUMBER)[0]  # page 2 only: the number stays on page 4
    drag(qtbot, window.view, rect.x0, rect.y0, rect.x1, rect.y1)
    window.release_button.click()
    title, text = recorded_messages.last()[1:]
    assert "第4页" in text
    assert len(attachments.list_for(staff["clerk"], registered["id"])) == 1
    assert window.release_button.isEnabled()


def test_a_scan_has_no_search(qtbot, staff, registered, tmp_path):
    w = _window(qtbot, staff, registered, tmp_path / "扫描件.png", samples.scan())
    assert not w.find_button.isEnabled() and "框选" in w.find_button.toolTip()
    assert w.opened.pages == 1
