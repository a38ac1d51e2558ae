"""The page shown in the 区分处理 window and the boxes on it. Dragging on the page draws a new box; a box clicked is
selected and gets eight handles: dragged by its inside it moves, dragged by a handle it is resized, and the arrow keys
nudge it (Shift: ten points at a time; Ctrl: its size instead of its place). Positions are in points from the page's
top-left corner, as the engine measures them, and a box is kept on its page."""
from __future__ import annotations

from app.redaction.source import Rect
from ui.qt import QtCore, QtGui, QtWidgets, Qt, Signal

VIEW_DPI = 110  # the page as shown; the released page is rendered at print resolution by the engine
STEP, BIG_STEP = 1.0, 10.0  # points an arrow key moves a box (Shift: the big step)
MIN_SIZE = 2.0  # points: a box resized by hand keeps at least this width and height
HANDLE_PX = 9  # a handle's size on the screen, whatever the zoom
DRAG_PX = 3  # a press that moves less than this is a click, not a move
# A handle is named by the edges it drags (l, r, t, b); "move" drags the whole box.
HANDLES = {"lt": Qt.SizeFDiagCursor, "t": Qt.SizeVerCursor, "rt": Qt.SizeBDiagCursor, "r": Qt.SizeHorCursor,
           "rb": Qt.SizeFDiagCursor, "b": Qt.SizeVerCursor, "lb": Qt.SizeBDiagCursor, "l": Qt.SizeHorCursor}
ARROWS = {Qt.Key_Left: (-1, 0), Qt.Key_Right: (1, 0), Qt.Key_Up: (0, -1), Qt.Key_Down: (0, 1)}

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


def reshaped(box: Box, handle: str, dx: float, dy: float, width: float, height: float) -> Box:
    """``box`` moved (``handle="move"``) or resized by one of its handles by (dx, dy) points, kept on a page of
    ``width`` × ``height`` points and never smaller than ``MIN_SIZE``."""
    x0, y0, x1, y1 = box
    if handle == "move":
        dx = max(-x0, min(dx, width - x1))
        dy = max(-y0, min(dy, height - y1))
        return x0 + dx, y0 + dy, x1 + dx, y1 + dy
    if "l" in handle:
        x0 = max(0.0, min(x0 + dx, x1 - MIN_SIZE))
    if "r" in handle:
        x1 = min(width, max(x1 + dx, x0 + MIN_SIZE))
    if "t" in handle:
        y0 = max(0.0, min(y0 + dy, y1 - MIN_SIZE))
    if "b" in handle:
        y1 = min(height, max(y1 + dy, y0 + MIN_SIZE))
    return x0, y0, x1, y1


def handle_point(r: QtCore.QRectF, handle: str) -> QtCore.QPointF:
    """Where a handle sits on a box shown as ``r`` (scene coordinates)."""
    x = r.left() if "l" in handle else r.right() if "r" in handle else r.center().x()
    y = r.top() if "t" in handle else r.bottom() if "b" in handle else r.center().y()
    return QtCore.QPointF(x, y)


def to_qimage(image) -> QtGui.QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QtGui.QImage(data, rgb.width, rgb.height, 3 * rgb.width, QtGui.QImage.Format_RGB888).copy()


class PageView(QtWidgets.QGraphicsView):
    """One page with its marks, in points as the engine measures them."""
    drawn = Signal(object)  # the Rect of a new box
    picked = Signal(int)  # a mark's id, clicked
    reshaped = Signal(int, object)  # a mark's id and its new Rect: moved, resized or nudged

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        self.setRenderHint(QtGui.QPainter.SmoothPixmapTransform)
        self.setBackgroundBrush(QtGui.QColor("#8a8a8a"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.scale_ = VIEW_DPI / 72.0
        self.page = 0
        self.page_size = (0.0, 0.0)
        self.current: int | None = None  # the one selected mark, when it is on this page: it has the handles
        self._origin = None
        self._rubber = None
        self._boxes: dict[int, Box] = {}
        self._items: dict[int, QtWidgets.QGraphicsRectItem] = {}
        self._handles: dict[str, QtWidgets.QGraphicsRectItem] = {}
        self._edit = None  # (mark id, handle, press point, box at the press, box now) while a box is dragged
        self._nudged = None  # (mark id, box now) while an arrow key is held

    # ---- showing ------------------------------------------------------------------------------------------------

    def _scene_rect(self, box: Box) -> QtCore.QRectF:
        s = self.scale_
        return QtCore.QRectF(box[0] * s, box[1] * s, (box[2] - box[0]) * s, (box[3] - box[1]) * s)

    def show_page(self, page: int, image, marks: list[dict], selected: set[int], size: tuple[float, float]) -> None:
        """``size``: the page's width and height in points, the bounds a box is kept in."""
        scene = self.scene()
        scene.clear()
        self._items.clear()
        self._handles.clear()
        self._edit = self._nudged = None
        turned = page != self.page
        self.page = page
        self.page_size = size
        scene.addPixmap(QtGui.QPixmap.fromImage(to_qimage(image)))
        scene.setSceneRect(0, 0, image.width, image.height)
        if turned:  # a new page is shown from its top, as wide as the view
            self.resetTransform()
            fit = (self.viewport().width() - 4) / image.width
            if 0 < fit < 1:
                self.scale(fit, fit)
            self.verticalScrollBar().setValue(0)
        self._boxes = {m["id"]: (m["rect"].x0, m["rect"].y0, m["rect"].x1, m["rect"].y1) for m in marks}
        only = next(iter(selected)) if len(selected) == 1 else None
        self.current = only if only in self._boxes else None
        for m in marks:
            item = scene.addRect(self._scene_rect(self._boxes[m["id"]]),
                                 QtGui.QPen(QtGui.QColor("#ffd400" if m["id"] in selected else "#d00000"), 2),
                                 QtGui.QBrush(QtGui.QColor(0, 0, 0, 150)))
            item.setToolTip(f"{m['ground_text']}　{m['note']}".strip())
            item.setData(0, m["id"])
            self._items[m["id"]] = item
            if m["id"] in selected:
                self.ensureVisible(item)
        if self.current is not None:
            self._items[self.current].setCursor(Qt.SizeAllCursor)
            for handle, cursor in HANDLES.items():
                h = scene.addRect(QtCore.QRectF(-HANDLE_PX / 2, -HANDLE_PX / 2, HANDLE_PX, HANDLE_PX),
                                  QtGui.QPen(QtGui.QColor("#303030"), 1), QtGui.QBrush(QtGui.QColor("#ffffff")))
                h.setFlag(QtWidgets.QGraphicsItem.ItemIgnoresTransformations)  # the same size at every zoom
                h.setZValue(10)
                h.setData(1, handle)
                h.setCursor(cursor)
                self._handles[handle] = h
            self._place(self.current, self._boxes[self.current])

    def _place(self, mark_id: int, box: Box) -> None:
        """Show a box where it is being dragged to (stored only when the drag ends)."""
        r = self._scene_rect(box)
        self._items[mark_id].setRect(r)
        if mark_id == self.current:
            for handle, h in self._handles.items():
                h.setPos(handle_point(r, handle))

    def _hit(self, point: QtCore.QPoint) -> tuple[int, str] | None:
        """(mark id, handle or "move") under a point of the viewport, the topmost first."""
        for item in self.items(point):
            if item.data(1) is not None and self.current is not None:
                return self.current, item.data(1)
            if item.data(0) is not None:
                return int(item.data(0)), "move"
        return None

    # ---- the mouse ----------------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.page:
            point = event.position().toPoint()
            hit = None if event.modifiers() & Qt.ShiftModifier else self._hit(point)  # Shift: a new box over one
            if hit is not None:
                mark_id, handle = hit
                if mark_id != self.current:
                    self.picked.emit(mark_id)  # the window selects it and shows the page again, with its handles
                if mark_id in self._boxes:
                    box = self._boxes[mark_id]
                    self._edit = (mark_id, handle, point, box, box)
                self.setFocus()
                return
            pos = self.mapToScene(point)
            self._origin = pos
            self._rubber = self.scene().addRect(QtCore.QRectF(pos, pos), QtGui.QPen(QtGui.QColor("#0060c0"), 1,
                                                                                    Qt.DashLine))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        point = event.position().toPoint()
        if self._edit is not None:
            mark_id, handle, start, box, _ = self._edit
            if (point - start).manhattanLength() < DRAG_PX and self._edit[4] == box:
                return
            d = self.mapToScene(point) - self.mapToScene(start)
            now = reshaped(box, handle, d.x() / self.scale_, d.y() / self.scale_, *self.page_size)
            self._edit = (mark_id, handle, start, box, now)
            self._place(mark_id, now)
            return
        if self._origin is not None:
            self._rubber.setRect(QtCore.QRectF(self._origin, self.mapToScene(point)).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._edit is not None:
            mark_id, _, _, box, now = self._edit
            self._edit = None
            if now != box:
                self.reshaped.emit(mark_id, Rect(self.page, *now))
            return
        if self._origin is not None:
            rect = QtCore.QRectF(self._origin, self.mapToScene(event.position().toPoint())).normalized()
            self.scene().removeItem(self._rubber)
            self._origin = self._rubber = None
            if rect.width() >= 4 and rect.height() >= 4:
                s = self.scale_
                self.drawn.emit(Rect(self.page, rect.left() / s, rect.top() / s, rect.right() / s, rect.bottom() / s))
            return
        super().mouseReleaseEvent(event)

    # ---- the arrow keys: the box follows while the key is held, and is stored when it is let go -----------------
    def keyPressEvent(self, event) -> None:
        step = ARROWS.get(event.key())
        if step is None or self.current is None or self._edit is not None:
            super().keyPressEvent(event)
            return
        mark_id = self.current
        size = BIG_STEP if event.modifiers() & Qt.ShiftModifier else STEP
        handle = "rb" if event.modifiers() & Qt.ControlModifier else "move"
        box = self._nudged[1] if self._nudged else self._boxes[mark_id]
        self._nudged = (mark_id, reshaped(box, handle, step[0] * size, step[1] * size, *self.page_size))
        self._place(mark_id, self._nudged[1])
        event.accept()

    def keyReleaseEvent(self, event) -> None:
        if event.key() in ARROWS and not event.isAutoRepeat() and self._nudged is not None:
            self._store_nudge()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:
        self._store_nudge()
        super().focusOutEvent(event)

    def _store_nudge(self) -> None:
        if self._nudged is None:
            return
        mark_id, box = self._nudged
        self._nudged = None
        if box != self._boxes.get(mark_id):
            self.reshaped.emit(mark_id, Rect(self.page, *box))
