"""一站式搜索: one text over every module's full-text index (``app.modules.search_all``), the hits grouped by module
with the typed words marked; a hit opens its record in its tab. Each module's source applies its own masking."""
from __future__ import annotations

import html
import re

from app import modules
from app.errors import ServiceError
from ui.events import open_record
from ui.qt import QtCore, QtWidgets, Qt, Signal
from ui.widgets import fit_to_screen

LIMIT = 20  # hits per module; the module's register shows the rest
MARK = "background:#ffe08a; color:#000;"
DELAY_MS = 250  # typing pauses this long before the search runs


def highlight(text: str, terms) -> str:
    """``text`` as HTML with every occurrence of ``terms`` (case ignored) marked."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        out.append(f"<span style='{MARK}'>{html.escape(m.group())}</span>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


class HitLabel(QtWidgets.QLabel):
    def __init__(self, hit: modules.SearchHit, terms, parent=None):
        super().__init__(parent)
        self.hit = hit
        self.setTextFormat(Qt.RichText)
        self.setText(f"<b>{highlight(hit.number, terms)}</b>　{highlight(hit.title, terms)}"
                     + (f"<br><span style='color:#555'>{highlight(hit.detail, terms)}</span>" if hit.detail else ""))
        self.setContentsMargins(4, 2, 4, 2)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)  # the tree row takes the clicks


class SearchPanel(QtWidgets.QDialog):
    """The field and the grouped hits; Enter or a double click opens the selected hit."""

    opened = Signal(str, int)  # (tab, record id) of the hit opened

    def __init__(self, actor, text: str = "", parent=None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("搜索"))
        layout = QtWidgets.QVBoxLayout(self)
        self.field = QtWidgets.QLineEdit(text)
        self.field.setPlaceholderText(self.tr("申请编号、申请人、申请内容、信息标题、文号……"))
        self.field.setClearButtonEnabled(True)
        layout.addWidget(self.field)
        self.summary = QtWidgets.QLabel()
        self.summary.setStyleSheet("color: #555;")
        layout.addWidget(self.summary)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        layout.addWidget(self.tree, 1)
        hint = QtWidgets.QLabel(self.tr("↑↓ 选择，回车或双击打开；每类最多列出 %1 条，其余在该模块的登记簿中查找。")
                                .replace("%1", str(LIMIT)))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.groups: list[tuple[str, modules.SearchSource, list[modules.SearchHit]]] = []
        self.timer = QtCore.QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _: self.timer.start())
        self.field.returnPressed.connect(self._enter)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))
        fit_to_screen(self, 760, 560)
        self.run()

    def terms(self) -> list[str]:
        return self.field.text().split()

    def run(self) -> None:
        self.timer.stop()
        self.tree.clear()
        self.groups = []
        text = self.field.text().strip()
        if not text:
            self.summary.setText(self.tr("输入要找的文字（可用空格分隔几个词）。"))
            return
        try:
            self.groups = modules.search_all(self.actor, text, LIMIT)
        except ServiceError as err:
            self.summary.setText(str(err))
            return
        terms = self.terms()
        for _name, source, hits in self.groups:
            group = QtWidgets.QTreeWidgetItem([f"{source.title}（{len(hits)}{'+' if len(hits) >= LIMIT else ''}）"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for hit in hits:
                item = QtWidgets.QTreeWidgetItem(group)
                item.setData(0, Qt.UserRole, (source.open_tab, hit.record_id))
                label = HitLabel(hit, terms)
                item.setSizeHint(0, label.sizeHint())
                self.tree.setItemWidget(item, 0, label)
            group.setExpanded(True)
        total = sum(len(h) for _, _, h in self.groups)
        more = "以上" if any(len(h) >= LIMIT for _, _, h in self.groups) else ""
        self.summary.setText(f"找到 {total} 条{more}" if total else self.tr("没有找到。"))
        first = self.first_hit()
        if first is not None:
            self.tree.setCurrentItem(first)

    def first_hit(self) -> QtWidgets.QTreeWidgetItem | None:
        top = self.tree.topLevelItem(0)
        return top.child(0) if top is not None and top.childCount() else None

    def hit_labels(self) -> list[HitLabel]:
        return [self.tree.itemWidget(top.child(i), 0) for top in
                (self.tree.topLevelItem(k) for k in range(self.tree.topLevelItemCount()))
                for i in range(top.childCount())]

    def _enter(self) -> None:
        if self.timer.isActive():  # Enter before the pause: search now, then open the first hit
            self.run()
        item = self.tree.currentItem() or self.first_hit()
        if item is not None:
            self.open_item(item)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Down, Qt.Key_Up) and self.field.hasFocus() and self.tree.topLevelItemCount():
            self.tree.setFocus()
            self.tree.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def open_item(self, item: QtWidgets.QTreeWidgetItem) -> None:
        target = item.data(0, Qt.UserRole)
        if not target:
            return
        tab, record_id = target
        self.opened.emit(tab, record_id)
        open_record(tab, record_id)
        self.accept()
