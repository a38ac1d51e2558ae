"""A box already on the page is moved by dragging it, resized by its handles, nudged with the arrow keys, kept on its
page, and the last move undone; each change is stored through the service with its audit record."""
from __future__ import annotations

import pytest

from app.redaction import service
from app.redaction.release import Mark
from app.redaction.source import Rect
from db.models import AuditLog
from tests.app.redaction import samples
from tests.ui.redaction.test_window import _window
from ui.qt import QtCore, Qt
from ui.redaction.page_view import MIN_SIZE, handle_point, reshaped
from ui.redaction.window import VIEW_DPI

BOX = (60.0, 90.0, 320.0, 110.0)  # over the signature line of page 3


@pytest.fixture
def window(qtbot, staff, registered, tmp_path):
    w = _window(qtbot, staff, registered, tmp_path / "审批表.pdf", samples.five_pages())
    service.add_marks(w.actor, w.opened.id, [Mark(Rect(3, *BOX), "refuse_6", "手写签名", "", "rect")])
    w.reload()
    w.show_page(3)
    return w


def stored(window) -> tuple[float, ...]:
    (m,) = service.marks(window.actor, window.opened.id)
    r = m["rect"]
    return r.x0, r.y0, r.x1, r.y1


def at(view, x, y) -> QtCore.QPoint:
    """A point of the page, in points, as a point of the view's viewport."""
    s = VIEW_DPI / 72.0
    return view.mapFromScene(QtCore.QPointF(x * s, y * s))


def drag_from(qtbot, view, start: QtCore.QPoint, end: QtCore.QPoint) -> None:
    qtbot.mousePress(view.viewport(), Qt.LeftButton, Qt.NoModifier, start)
    middle = (start + end) / 2
    qtbot.mouseMove(view.viewport(), middle)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, Qt.NoModifier, end)


def near(got, want, tolerance=1.5) -> bool:
    return all(abs(g - w) <= tolerance for g, w in zip(got, want))


def edits() -> int:
    return AuditLog.select().where(AuditLog.action == "redaction.mark_edit").count()


def test_dragging_a_box_moves_it_and_keeps_what_it_covers(qtbot, window):
    drag_from(qtbot, window.view, at(window.view, 150, 100), at(window.view, 180, 140))
    assert near(stored(window), (90, 130, 350, 150))
    (m,) = window.all_marks
    assert m["ground"] == "refuse_6" and m["note"] == "手写签名" and m["how"] == "rect"
    assert m["text"] == window.source.text_in(m["rect"])  # the list shows what the box covers now
    assert [x["id"] for x in window._selected()] == [m["id"]] and window.view.current == m["id"]  # still selected
    assert edits() == 1


def test_a_click_on_a_box_selects_it_without_changing_it(qtbot, window):
    point = at(window.view, 150, 100)
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    assert window.view.current == window.all_marks[0]["id"] and len(window.view._handles) == 8
    assert stored(window) == BOX and edits() == 0


def test_a_handle_resizes_the_box(qtbot, window):
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, Qt.NoModifier, at(window.view, 150, 100))
    item = window.view._items[window.view.current]
    corner = window.view.mapFromScene(handle_point(item.rect(), "rb"))
    drag_from(qtbot, window.view, corner, at(window.view, 400, 150))
    assert near(stored(window), (60, 90, 400, 150))
    left = window.view.mapFromScene(handle_point(window.view._items[window.view.current].rect(), "l"))
    drag_from(qtbot, window.view, left, at(window.view, 100, 120))  # a side handle moves that side only
    assert near(stored(window), (100, 90, 400, 150))


def test_a_box_stays_on_its_page(qtbot, window):
    width, height = window.source.page_size(3)
    drag_from(qtbot, window.view, at(window.view, 150, 100), at(window.view, width + 400, -300))
    x0, y0, x1, y1 = stored(window)
    assert near((x1, y0), (width, 0), 0.5) and near((x1 - x0, y1 - y0), (260, 20), 0.5)


def test_arrow_keys_nudge_and_ctrl_resizes(qtbot, window):
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, Qt.NoModifier, at(window.view, 150, 100))
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key_Right)
    assert near(stored(window), (63, 90, 323, 110), 0.01)
    qtbot.keyClick(window.view, Qt.Key_Down, Qt.ShiftModifier)
    assert near(stored(window), (63, 100, 323, 120), 0.01)
    qtbot.keyClick(window.view, Qt.Key_Left, Qt.ControlModifier)
    assert near(stored(window), (63, 100, 322, 120), 0.01)
    assert edits() == 5


def test_a_held_arrow_key_is_stored_once(qtbot, window):
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, Qt.NoModifier, at(window.view, 150, 100))
    for _ in range(4):  # auto-repeat: presses while the key is held, one release at the end
        qtbot.keyPress(window.view, Qt.Key_Up)
    assert stored(window) == BOX and edits() == 0
    qtbot.keyRelease(window.view, Qt.Key_Up)
    assert near(stored(window), (60, 86, 320, 106), 0.01) and edits() == 1


def test_the_last_moves_are_undone_in_turn(qtbot, window):
    assert not window.undo_button.isEnabled()
    drag_from(qtbot, window.view, at(window.view, 150, 100), at(window.view, 180, 140))
    qtbot.keyClick(window.view, Qt.Key_Right, Qt.ShiftModifier)
    assert near(stored(window), (100, 130, 360, 150))
    window.undo_button.click()
    assert near(stored(window), (90, 130, 350, 150))
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert stored(window) == BOX and not window.undo_button.isEnabled()


def test_undo_forgets_a_removed_mark(qtbot, window):
    drag_from(qtbot, window.view, at(window.view, 150, 100), at(window.view, 180, 140))
    window.marks_view.selectRow(0)
    window.remove_button.click()
    assert window.all_marks == [] and not window.undo_button.isEnabled()


@pytest.mark.parametrize("handle, delta, want", [
    ("move", (10, 5), (20, 25, 60, 45)),
    ("move", (-50, 0), (0, 20, 40, 40)),  # kept on the page
    ("move", (0, 500), (10, 60, 50, 80)),
    ("rb", (5, -5), (10, 20, 55, 35)),
    ("l", (100, 0), (50 - MIN_SIZE, 20, 50, 40)),  # never smaller than MIN_SIZE, never turned over
    ("t", (0, -30), (10, 0, 50, 40)),
    ("lt", (-3, -4), (7, 16, 50, 40)),
])
def test_reshaped(handle, delta, want):
    assert reshaped((10, 20, 50, 40), handle, *delta, 100, 80) == pytest.approx(want)
