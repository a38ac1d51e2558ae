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


def _pdfminer(data: bytes) -> str:
    import io

    from pdfminer.high_level import extract_text
    return squeeze(extract_text(io.BytesIO(data)))


def test_a_request_answered_in_part_from_the_window(qtbot, window, staff, registered, office_set, loaded_modules):
    """#13 done: an ID number by search and a signature by rectangle in a 5-page PDF, the box moved onto the
    signature, the released version; the 部分公开告知书 names it, and two text extractors find nothing marked."""
    import datetime as dt

    from app.requests import decision, documents
    from tests.ui.redaction.test_box_editing import at, drag_from
    window.find_text.setText(samples.ID_NUMBER)
    window.find_button.click()
    window.show_page(3)
    window.ground.setCurrentIndex(window.ground.findData("refuse_4"))
    window.note.setText("手写签名")
    drag(qtbot, window.view, 60, 20, 320, 60)  # drawn too high, then moved down onto the signature line
    drag_from(qtbot, window.view, at(window.view, 100, 40), at(window.view, 100, 105))
    assert "张某某" in next(m for m in window.all_marks if m["page"] == 3)["text"]
    window.release_button.click()
    released = next(a for a in attachments.list_for(staff["clerk"], registered["id"]) if "公开版本" in a["name"])
    data = attachments.read(staff["clerk"], released["id"])[1]
    for text in (squeeze(pdftotext(data)), _pdfminer(data)):
        assert samples.ID_NUMBER not in text and "张某某" not in text and "补助标准" in text
    decision.decide(staff["clerk"], registered["id"], "partial", dt.date(2026, 3, 20),
                    {"provided": "审批表（已作区分处理）", "withheld": "第三人的身份证号码和签名", "grounds": ["refuse_4"],
                     "reason": "属于个人隐私"})
    notice = squeeze(pdftotext(documents.issue(staff["clerk"], registered["id"], "政府信息部分公开告知书")["pdf"]))
    assert "1.审批表（公开版本）" in notice and "2.审批表（公开版本）的区分处理记录" in notice


def test_an_items_file_in_publication_review(qtbot, crew, tmp_path):
    """非密处理 in 发布审核: the secrecy reviewer marks by the screen's findings and by a rectangle in the window;
    the released version becomes the item's published file and the original stays."""
    from app.publication import items, review
    from tests.db.publication.conftest import item_data
    item_id = items.create(crew["drafter"], item_data())["id"]
    path = tmp_path / "名单.pdf"
    path.write_bytes(samples.five_pages())
    file_id = items.add_file(crew["drafter"], item_id, str(path))["id"]
    review.submit(crew["drafter"], item_id, confirm_content=True)
    review.act(crew["editor"], item_id, "approve")
    review.act(crew["head"], item_id, "approve")
    w = RedactionWindow(crew["secrecy"], "item", file_id)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.mark_by_screen(None)
    w.find_text.setText("王某某")
    w.find_button.click()
    w.show_page(3)
    drag(qtbot, w.view, 60, 90, 320, 150)  # the signature line
    w.release_button.click()
    (current,) = items.file_list(item_id)
    assert current["name"] == "名单（公开版本）.pdf" and current["version"] == 2
    data = items.read_file(crew["secrecy"], current["id"])[1]
    for text in (squeeze(pdftotext(data)), _pdfminer(data)):
        assert all(s not in text for s in (samples.ID_NUMBER, samples.PHONE, "王某某", "张某某"))
    assert items.read_file(crew["secrecy"], file_id)[1] == path.read_bytes()
