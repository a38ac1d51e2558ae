"""识别文字 beside a scanned attachment: recognition in the background (progress, cancel, the window stays usable),
and the viewer that shows a page's picture with its recognised text beside it as selectable text, the lines the
engine was unsure of marked."""
from __future__ import annotations

import html

from app.errors import ServiceError
from app.ocr import layers
from ui.events import announce
from ui.messages import show_error
from ui.qt import QtCore, QtGui, QtWidgets, Qt
from ui.tasks import run_task

VIEW_DPI = 100
ANNOUNCED = {"attachment": "request", "item_file": "info_item"}


def recognise_in_background(parent, actor, kind: str, file_id: int, name: str, on_done=None):
    """Recognise a stored file's scanned pages off the GUI thread; the register is told when the text is stored."""

    def work(handle):
        return layers.recognise(actor, kind, file_id, progress=handle.report, cancel=lambda: handle.cancelled)

    def done(result):
        announce(ANNOUNCED[kind])
        if on_done is not None:
            on_done(result)

    def failed(err):
        from app.ocr.pages import Cancelled
        if not isinstance(err, Cancelled):
            show_error(parent, err)

    return run_task(parent, parent.tr("正在识别“%s”的文字…") % name, work, done, failed, modal=False)


def lines_html(page: dict) -> str:
    """One page's recognised lines as rich text: a line below the confidence threshold is highlighted and says so."""
    out = []
    for line in page["lines"]:
        text = html.escape(line["text"])
        if line["low"]:
            out.append(f'<p style="background-color:#fff3b0">{text}'
                       f'<span style="color:#a15c00">（可信度 {line["confidence"]:.0%}，请核对）</span></p>')
        else:
            out.append(f"<p>{text}</p>")
    return "".join(out) or "<p>（本页没有识别出文字）</p>"


class TextLayerDialog(QtWidgets.QDialog):
    """识别文字: the page's picture on the left, its recognised text on the right (selectable, to copy)."""

    def __init__(self, actor, kind: str, file_id: int, name: str, data: bytes, parent=None):
        super().__init__(parent)
        from app.redaction.source import Source
        self.actor, self.kind, self.file_id, self.name = actor, kind, file_id, name
        self.source = Source(data, name)
        self.setWindowTitle(self.tr("识别文字 — %s") % name)
        self.resize(1100, 720)
        layout = QtWidgets.QVBoxLayout(self)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        self.picture = QtWidgets.QLabel()
        self.picture.setAlignment(Qt.AlignTop | Qt.AlignHCenter)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        split.addWidget(scroll)
        self.text = QtWidgets.QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        split.addWidget(self.text)
        split.setSizes([600, 500])
        layout.addWidget(split, 1)
        bar = QtWidgets.QHBoxLayout()
        self.previous = QtWidgets.QPushButton(self.tr("上一页"))
        self.next = QtWidgets.QPushButton(self.tr("下一页"))
        self.page_label = QtWidgets.QLabel()
        self.recognise_button = QtWidgets.QPushButton(self.tr("识别文字"))
        close = QtWidgets.QPushButton(self.tr("关闭"))
        for w in (self.previous, self.page_label, self.next):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.recognise_button)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.previous.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next.clicked.connect(lambda: self.show_page(self.page + 1))
        self.recognise_button.clicked.connect(self.recognise)
        close.clicked.connect(self.accept)
        self.page = 1
        self.reload()

    def reload(self) -> None:
        self.info = layers.layer_info(self.actor, self.kind, self.file_id)
        self.pages = {p["page"]: p for p in (self.info or {}).get("pages", [])}
        if self.info is None:
            self.summary.setText(self.tr("尚未识别文字。点“识别文字”在后台识别（扫描图片的每一页、PDF 中没有文字层的页面）。"))
        else:
            low = sum(l["low"] for p in self.pages.values() for l in p["lines"])
            self.summary.setText(self.tr("%1页已识别（%2，%3 dpi，%4）；可信度低于 80% 的行以黄色标出（%5行），请对照图像核对。")
                                 .replace("%1", str(len(self.pages))).replace("%2", self.info["engine"])
                                 .replace("%3", str(self.info["dpi"]))
                                 .replace("%4", f"{self.info['recognised_at']:%Y-%m-%d %H:%M}")
                                 .replace("%5", str(low)))
        self.recognise_button.setText(self.tr("重新识别") if self.info else self.tr("识别文字"))
        self.show_page(self.page)

    def show_page(self, page: int) -> None:
        if not 1 <= page <= self.source.page_count:
            return
        self.page = page
        from ui.redaction.page_view import to_qimage
        image = self.source.render(page, VIEW_DPI)
        self.picture.setPixmap(QtGui.QPixmap.fromImage(to_qimage(image)))
        image.close()
        if page in self.pages:
            self.text.setHtml(lines_html(self.pages[page]))
        elif self.info is not None:
            self.text.setPlainText(self.tr("本页有自己的文字层，无需识别。") if self.source.kind == "pdf"
                                   else self.tr("（本页没有识别出文字）"))
        else:
            self.text.setPlainText("")
        self.page_label.setText(self.tr("第%1页，共%2页").replace("%1", str(page))
                                .replace("%2", str(self.source.page_count)))
        self.previous.setEnabled(page > 1)
        self.next.setEnabled(page < self.source.page_count)

    def recognise(self) -> None:
        self.recognise_button.setEnabled(False)
        handle = recognise_in_background(self, self.actor, self.kind, self.file_id, self.name,
                                         on_done=lambda _: self._recognised())
        self._handle = handle

    def _recognised(self) -> None:
        self.recognise_button.setEnabled(True)
        self.reload()

    def done(self, result: int) -> None:
        self.source.close()
        super().done(result)


def open_text_layer(parent, actor, kind: str, file_id: int, read) -> None:
    """识别文字… from a file list: the viewer, or why the file cannot be shown. ``read()`` -> (name, bytes) is the
    file's own guarded read (it checks the permission and logs the read)."""
    try:
        name, data = read()
        if not layers.may_recognise(name):
            raise ServiceError(f"“{name}”不是扫描图片或 PDF，无需识别文字")
        dialog = TextLayerDialog(actor, kind, file_id, name, data, parent)
    except ServiceError as err:
        show_error(parent, err)
        return
    dialog.exec()
