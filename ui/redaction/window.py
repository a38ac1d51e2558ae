"""区分处理 window: the file's pages, the marks drawn over them, marking by mouse or by search, page-by-page review,
and 生成公开版本 in the background. The released file is made by ``app.redaction`` alone; this window only shows
pages and collects marks."""
from __future__ import annotations

from app.errors import ServiceError
from app.redaction import grounds, marking, service
from app.redaction.release import Mark
from app.redaction.source import Rect, Source
from ui import messages, tasks
from ui.events import announce
from ui.messages import show_error
from ui.models.paging import Column, ListSource, PagingTableModel
from ui.qt import QtCore, QtGui, QtWidgets, Qt
from ui.redaction.page_view import VIEW_DPI, PageView
from ui.widgets import add_shortcut, make_table_view

HOW = {"rect": "框选", "search": "查找", "screen": "筛查"}
MARKS = [Column("page", "页码", None, 44), Column("how", "方式", None, 44, text=lambda r: HOW.get(r["how"], r["how"])),
         Column("ground_text", "理由", None, 170), Column("text", "遮盖的文字", None, 140),
         Column("note", "说明", None, 120)]
SCREEN_CHOICES = [("id_number", "所有身份证号"), ("mobile", "所有手机号码"), (None, "全部筛查发现（身份证号、电话、银行卡号…）")]


class RedactionWindow(QtWidgets.QDialog):
    """区分处理…: opened on a request's attachment (``kind="request"``) or an item's file (``kind="item"``)."""

    def __init__(self, actor, kind: str, file_id: int, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.opened = service.open_file(actor, kind, file_id)
        self.source = Source(self.opened.data, self.opened.name)
        self.source.use_recognised(self.opened.layer)  # a scan's recognised text: found, screened like a PDF's own
        self.page = 1
        self.all_marks: list[dict] = []
        self.moves: list[tuple[int, Rect]] = []  # (mark id, its box before) of each move, the last one undone first
        self.setWindowTitle(self.tr("区分处理 — %s") % self.opened.name)
        self.resize(1340, 740)
        self._build()
        self.reload()
        self.show_page(1)

    # ---- layout -------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel(self.tr("理由：")))
        self.ground = QtWidgets.QComboBox()
        for g in grounds.GROUNDS.values():
            self.ground.addItem(g.text, g.code)
        self.ground.setCurrentIndex(self.ground.findData("refuse_4"))
        top.addWidget(self.ground)
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(self.tr("说明（可不填），如：第三人身份证号码"))
        top.addWidget(self.note, 1)
        self.find_text = QtWidgets.QLineEdit()
        self.find_text.setPlaceholderText(self.tr("查找要遮盖的文字"))
        self.find_button = QtWidgets.QPushButton(self.tr("标记每一处"))
        self.screen_button = QtWidgets.QPushButton(self.tr("按筛查标记"))
        screen_menu = QtWidgets.QMenu(self.screen_button)
        for kinds, label in SCREEN_CHOICES:
            screen_menu.addAction(self.tr(label), lambda k=kinds: self.mark_by_screen(k))
        self.screen_button.setMenu(screen_menu)
        text_pdf = self.source.kind == "pdf" or bool(self.source.recognised)  # a scan once its text is recognised
        for w in (self.find_text, self.find_button, self.screen_button):
            w.setEnabled(text_pdf)
            w.setToolTip("" if text_pdf else self.tr("扫描图片尚未识别文字（在附件列表中点“识别文字…”），请用鼠标框选"))
        top.addWidget(self.find_text, 1)
        top.addWidget(self.find_button)
        top.addWidget(self.screen_button)

        self.pages = QtWidgets.QListWidget()
        self.pages.setMaximumWidth(120)
        self.view = PageView()
        right = QtWidgets.QWidget()
        rl = QtWidgets.QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        hint = QtWidgets.QLabel(self.tr("遮盖标记（在页面上拖动鼠标框选；单击标记选中它，再拖动可移动，拖动小方块可改变大小，"
                                        "方向键微调，Ctrl+方向键调大小）"))
        hint.setWordWrap(True)
        rl.addWidget(hint)
        self.marks_model = PagingTableModel(MARKS, parent=self)
        self.marks_view = make_table_view(self.marks_model)
        self.marks_view.setSelectionMode(QtWidgets.QAbstractItemView.ExtendedSelection)
        rl.addWidget(self.marks_view, 1)
        mb = QtWidgets.QHBoxLayout()
        self.apply_button = QtWidgets.QPushButton(self.tr("改为当前理由和说明"))
        self.remove_button = QtWidgets.QPushButton(self.tr("删除标记"))
        self.undo_button = QtWidgets.QPushButton(self.tr("撤销移动"))
        mb.addWidget(self.apply_button)
        mb.addWidget(self.remove_button)
        mb.addWidget(self.undo_button)
        rl.addLayout(mb)
        self.releases_label = QtWidgets.QLabel()
        self.releases_label.setWordWrap(True)
        rl.addWidget(self.releases_label)
        split = QtWidgets.QSplitter()
        split.addWidget(self.pages)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)

        bottom = QtWidgets.QHBoxLayout()
        self.prev_button = QtWidgets.QPushButton(self.tr("上一页"))
        self.next_button = QtWidgets.QPushButton(self.tr("下一页"))
        self.status = QtWidgets.QLabel()
        self.release_button = QtWidgets.QPushButton(self.tr("生成公开版本"))
        self.release_button.setDefault(False)
        self.close_button = QtWidgets.QPushButton(self.tr("关闭"))
        for w in (self.prev_button, self.next_button):
            bottom.addWidget(w)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.release_button)
        bottom.addWidget(self.close_button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.pages.currentRowChanged.connect(lambda row: row >= 0 and self.show_page(row + 1))
        self.view.drawn.connect(self.mark_rect)
        self.view.picked.connect(self.select_mark)
        self.view.reshaped.connect(self.reshape_mark)
        self.undo_button.clicked.connect(self.undo_move)
        add_shortcut(self, QtGui.QKeySequence.Undo, self.undo_move, self.undo_button)
        self.find_button.clicked.connect(self.mark_by_text)
        self.find_text.returnPressed.connect(self.mark_by_text)
        self.apply_button.clicked.connect(self.apply_to_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.release_button.clicked.connect(self.make_release)
        self.close_button.clicked.connect(self.accept)
        self.marks_view.selectionModel().selectionChanged.connect(lambda *_: self.review_selected())

    # ---- state ----------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.all_marks = service.marks(self.actor, self.opened.id)
        self.marks_model.set_source(ListSource(self.all_marks))
        counts = {}
        for m in self.all_marks:
            counts[m["page"]] = counts.get(m["page"], 0) + 1
        current = self.pages.currentRow()
        self.pages.blockSignals(True)
        self.pages.clear()
        for n in range(1, self.opened.pages + 1):
            self.pages.addItem(f"第{n}页" + (f"（{counts[n]}处）" if n in counts else ""))
        self.pages.setCurrentRow(current if current >= 0 else self.page - 1)
        self.pages.blockSignals(False)
        done = service.releases(self.actor, self.opened.id)
        self.releases_label.setText(
            self.tr("已生成：") + "；".join(f"第{r['version']}版 {r['name']}（{r['made_by']}，{r['made_at']:%Y-%m-%d %H:%M}，"
                                           f"遮盖{r['marks']}处）" for r in done) if done else self.tr("尚未生成公开版本"))
        self.release_button.setEnabled(bool(self.all_marks))
        self.remove_button.setEnabled(bool(self.all_marks))
        self.apply_button.setEnabled(bool(self.all_marks))
        self.undo_button.setEnabled(bool(self.moves))
        self.status.setText(self.tr("共%1页，%2处标记，涉及%3页").replace("%1", str(self.opened.pages))
                            .replace("%2", str(len(self.all_marks))).replace("%3", str(len(counts))))
        self._redraw()

    def _selected(self) -> list[dict]:
        rows = sorted({i.row() for i in self.marks_view.selectionModel().selectedRows()})
        return [self.marks_model.data(self.marks_model.index(r, 0), Qt.UserRole) for r in rows]

    def show_page(self, page: int) -> None:
        if not 1 <= page <= self.opened.pages:
            return
        self.page = page
        self.pages.blockSignals(True)
        self.pages.setCurrentRow(page - 1)
        self.pages.blockSignals(False)
        self.prev_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < self.opened.pages)
        self._image = self.source.render(page, VIEW_DPI)
        self._redraw()

    def _redraw(self) -> None:
        if not hasattr(self, "_image"):
            return
        selected = {m["id"] for m in self._selected()}
        self.view.show_page(self.page, self._image, [m for m in self.all_marks if m["page"] == self.page], selected,
                            self.source.page_size(self.page))

    def review_selected(self) -> None:
        """A mark chosen in the list: its page is shown."""
        chosen = self._selected()
        if chosen and chosen[0]["page"] != self.page:
            self.show_page(chosen[0]["page"])
        else:
            self._redraw()

    def select_mark(self, mark_id: int) -> None:
        for row, m in enumerate(self.all_marks):
            if m["id"] == mark_id:  # this one alone, whatever keys are held (selectRow would extend with Shift)
                self.marks_view.selectionModel().select(
                    self.marks_model.index(row, 0),
                    QtCore.QItemSelectionModel.ClearAndSelect | QtCore.QItemSelectionModel.Rows)
                self.marks_view.scrollTo(self.marks_model.index(row, 0))
                return

    # ---- marking ------------------------------------------------------------------------------------------------
    def _ground(self) -> str:
        return self.ground.currentData()

    def _add(self, marks: list[Mark]) -> int:
        try:
            added = service.add_marks(self.actor, self.opened.id, marks)
        except ServiceError as err:
            show_error(self, err)
            return 0
        self.reload()
        return len(added)

    def mark_rect(self, rect: Rect) -> None:
        self._add([marking.by_rect(self.source, rect, self._ground(), self.note.text())])

    def mark_by_text(self) -> None:
        try:
            marks = marking.by_text(self.source, self.find_text.text(), self._ground(), self.note.text())
        except ServiceError as err:
            show_error(self, err)
            return
        marks = self._confirm_uncertain(marks)
        if not marks:
            return
        n = self._add(marks)
        pages = sorted({m.rect.page for m in marks})
        self.status.setText(self.tr("“%1”找到%2处（第%3页），新标记%4处").replace("%1", self.find_text.text().strip())
                            .replace("%2", str(len(marks))).replace("%3", "、".join(map(str, pages)))
                            .replace("%4", str(n)))
        if pages and self.page not in pages:
            self.show_page(pages[0])

    def mark_by_screen(self, kinds) -> None:
        marks = marking.by_screen(self.source, self._ground(), (kinds,) if kinds else None)
        if not marks:
            messages.info(self, self.tr("按筛查标记"), self.tr("筛查没有发现需要遮盖的内容。"))
            return
        marks = self._confirm_uncertain(marks)
        if not marks:
            return
        n = self._add(marks)
        self.status.setText(self.tr("筛查发现%1处，新标记%2处").replace("%1", str(len(marks))).replace("%2", str(n)))

    def _confirm_uncertain(self, marks: list[Mark]) -> list[Mark]:
        """Places found in a scan's recognised text that the engine read with low confidence are listed, and the
        first is shown, before they are kept: the clerk keeps them or keeps only the certain ones."""
        unsure = marking.uncertain(self.source, marks)
        if not unsure:
            return marks
        self.show_page(unsure[0][0].rect.page)
        listed = "\n".join(self.tr("第%1页：“%2”（可信度 %3）").replace("%1", str(m.rect.page)).replace("%2", m.text)
                           .replace("%3", f"{confidence:.0%}") for m, confidence in unsure[:10])
        if messages.confirm(self, self.tr("核对识别结果"), self.tr(
                "以下%1处是在扫描件的识别文字中找到的，识别的可信度低于 80%，标记框可能不准：\n%2\n\n"
                "请对照页面核对。选“是”一并标记，选“否”只标记其余%3处。").replace("%1", str(len(unsure)))
                .replace("%2", listed).replace("%3", str(len(marks) - len(unsure)))):
            return marks
        doubtful = {id(m) for m, _ in unsure}
        return [m for m in marks if id(m) not in doubtful]

    def _on_selected(self, title: str, fn) -> None:
        chosen = self._selected()
        if not chosen:
            messages.info(self, title, self.tr("请先在列表中选择标记。"))
            return
        try:
            fn(chosen)
        except ServiceError as err:
            show_error(self, err)
        self.reload()

    def apply_to_selected(self) -> None:
        ground, note = self._ground(), self.note.text()
        self._on_selected(self.tr("修改标记"), lambda chosen: [
            service.edit_mark(self.actor, m["id"], ground=ground, note=note) for m in chosen])

    def remove_selected(self) -> None:
        def remove(chosen):
            gone = {m["id"] for m in chosen}
            service.remove_marks(self.actor, list(gone))
            self.moves = [move for move in self.moves if move[0] not in gone]
        self._on_selected(self.tr("删除标记"), remove)

    def reshape_mark(self, mark_id: int, rect: Rect) -> None:
        """A box moved, resized or nudged on the page: stored at once; 撤销移动 puts it back."""
        before = next((m["rect"] for m in self.all_marks if m["id"] == mark_id), None)
        if before is not None and self._store_rect(mark_id, rect):
            self.moves.append((mark_id, before))
            self.undo_button.setEnabled(True)

    def undo_move(self) -> None:
        if self.moves:
            self._store_rect(*self.moves.pop())

    def _store_rect(self, mark_id: int, rect: Rect) -> bool:
        try:
            service.edit_mark(self.actor, mark_id, rect=rect, text=self.source.text_in(rect))
            stored = True
        except ServiceError as err:
            show_error(self, err)
            stored = False
        self.reload()
        self.select_mark(mark_id)  # still selected, with its handles, for the next nudge
        return stored

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Delete and self.marks_view.hasFocus():
            self.remove_selected()
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):  # Enter in the search field must not close the window
            return
        super().keyPressEvent(event)

    # ---- the released version ----------------------------------------------------------------------------------
    def make_release(self) -> None:
        pages = sorted({m["page"] for m in self.all_marks})
        if not messages.confirm(self, self.tr("生成公开版本"), self.tr(
                "将遮盖%1处（第%2页）。有标记的页面以图像形式提供，不保留文字；生成后自动检查，检查不通过不会保存。继续吗？")
                .replace("%1", str(len(self.all_marks))).replace("%2", "、".join(map(str, pages)))):
            return
        actor, case_id = self.actor, self.opened.id

        def work(handle):
            return service.release(actor, case_id, progress=handle.report, cancelled=lambda: handle.cancelled)

        self.release_button.setEnabled(False)
        tasks.run_task(self, self.tr("正在生成公开版本…"), work, self._released, self._failed)

    def _released(self, result: dict) -> None:
        self.last_release = result
        announce("request" if self.opened.kind == "request" else "info_item")
        self.reload()
        messages.info(self, self.tr("已生成公开版本"), self.tr("已保存“%1”，遮盖%2处。\n\n检查结果：\n%3")
                      .replace("%1", result["name"]).replace("%2", str(result["marks"]))
                      .replace("%3", "\n".join(result["checks"])))

    def _failed(self, err: Exception) -> None:
        self.release_button.setEnabled(True)
        show_error(self, err, self.tr("未生成公开版本"))

    def done(self, result: int) -> None:
        self.source.close()
        super().done(result)


def open_redaction(parent, actor, kind: str, file_id: int) -> None:
    """区分处理… from a file list: opens the window, or says plainly why the file cannot be opened."""
    try:
        window = RedactionWindow(actor, kind, file_id, parent)
    except ServiceError as err:
        show_error(parent, err)
        return
    window.exec()
