"""打印预览: a document's PDF shown with QtPdf, printed through the system's printer dialog, saved as PDF or Word.

Printing renders each page with ``QPdfDocument.render`` and paints it onto white (render() gives a transparent image)
before drawing it into the printer. Documents of more than a few pages are printed and saved off the GUI thread
(``ui.tasks.run_task``); painting on a QPrinter from a worker thread is allowed, the dialog itself stays here.
``printed(how)`` announces “打印”, “PDF” or “Word” so that the calling module can record what was printed when.
When some text is in a substitute font (no 仿宋/小标宋 on this machine), a notice above the page says so before the
clerk prints an official reply; it is part of the window, not of the page.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from app import files
from app.errors import ServiceError
from ui import messages
from ui import file_dialogs
from ui.qt import QtCore, QtGui, QtPdf, QtPdfWidgets, QtPrintSupport, QtWidgets, Qt, Signal
from ui.tasks import TaskHandle, run_task
from ui.widgets import fit_to_screen

_CONFIGURED = object()  # PreviewDialog's font_notice default: ask the configured fonts
MAX_PRINT_DPI = 300  # a page image at the printer's 600/1200 dpi would take hundreds of megabytes
BACKGROUND_PAGES = 3  # more pages than this: print and save in the background
ZOOM_STEP = 1.25


def load_pdf(pdf: bytes, parent: QtCore.QObject | None = None) -> tuple[QtPdf.QPdfDocument, QtCore.QBuffer]:
    """A QPdfDocument reading from memory; keep the buffer alive as long as the document."""
    buffer = QtCore.QBuffer(parent)
    buffer.setData(QtCore.QByteArray(pdf))
    buffer.open(QtCore.QIODevice.ReadOnly)
    document = QtPdf.QPdfDocument(parent)
    document.load(buffer)
    if document.status() != QtPdf.QPdfDocument.Status.Ready:
        raise ServiceError("无法读取这份 PDF 文件")
    return document, buffer


def _white_page(image: QtGui.QImage) -> QtGui.QImage:
    page = QtGui.QImage(image.size(), QtGui.QImage.Format_RGB32)
    page.fill(Qt.white)
    painter = QtGui.QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


def print_pdf_to(printer: QtPrintSupport.QPrinter, pdf: bytes, handle: TaskHandle | None = None) -> int:
    """Print every page of ``pdf`` (or the printer's page range) on ``printer``; returns the pages printed.

    Safe to call from a worker thread. Pages are rendered at the printer's resolution (at most ``MAX_PRINT_DPI``),
    laid on white and scaled onto the whole sheet, so the PDF's own margins are kept."""
    document, buffer = load_pdf(pdf)
    try:
        count = document.pageCount()
        first, last = 1, count
        if printer.printRange() == QtPrintSupport.QPrinter.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
        printer.setFullPage(True)
        painter = QtGui.QPainter()
        if not painter.begin(printer):
            raise ServiceError("无法开始打印：打印机不可用或输出文件无法写入")
        done = 0
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            for number in range(first, last + 1):
                if handle is not None and handle.cancelled:
                    break
                if done:
                    printer.newPage()
                points = document.pagePointSize(number - 1)
                size = QtCore.QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = _white_page(document.render(number - 1, size))
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QtCore.QRect(0, 0, target.width(), target.height()), image)
                done += 1
        finally:
            painter.end()
        return done
    finally:
        document.close()
        buffer.close()


class PreviewDialog(QtWidgets.QDialog):
    """打印预览 of one document: page through it, zoom, print, save as PDF or Word."""
    printed = Signal(str)
    # A caller that keeps an audit record of every saved copy sets this: it is called with "PDF" or "Word" after the
    # file is written under a temporary name and before it is moved into place (``app.files.deliver``), so that no
    # saved file exists without its record. ``printed`` is still emitted afterwards.
    record_save: Callable[[str], None] | None = None

    def __init__(self, pdf: bytes, title: str, suggested_name: str,
                 docx_factory: Callable[[], bytes] | None = None, parent=None, font_notice=_CONFIGURED):
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.docx_factory = docx_factory
        self.history: list[str] = []
        self.setWindowTitle(self.tr("打印预览 — ") + title)
        self.document, self._buffer = load_pdf(pdf, self)
        self.view = QtPdfWidgets.QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QtPdfWidgets.QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("background: #808080;")
        self._printer: QtPrintSupport.QPrinter | None = None

        bar = QtWidgets.QToolBar()
        self.prev_action = bar.addAction(self.tr("上一页"), self.previous_page)
        self.page_label = QtWidgets.QLabel()
        bar.addWidget(self.page_label)
        self.next_action = bar.addAction(self.tr("下一页"), self.next_page)
        bar.addSeparator()
        bar.addAction(self.tr("缩小"), self.zoom_out)
        bar.addAction(self.tr("放大"), self.zoom_in)
        bar.addAction(self.tr("适合宽度"), self.fit_width)
        bar.addSeparator()
        self.print_action = bar.addAction(self.tr("打印…"), self.print_document)
        self.save_pdf_action = bar.addAction(self.tr("另存为 PDF…"), self.save_pdf)
        self.save_docx_action = bar.addAction(self.tr("另存为 Word…"), self.save_docx)
        self.save_docx_action.setVisible(docx_factory is not None)
        self.prev_action.setShortcut(QtGui.QKeySequence.MoveToPreviousPage)
        self.next_action.setShortcut(QtGui.QKeySequence.MoveToNextPage)
        self.print_action.setShortcut(QtGui.QKeySequence.Print)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        if font_notice is _CONFIGURED:
            from app.printing import substitute_notice
            font_notice = substitute_notice()
        self.font_notice = QtWidgets.QLabel(font_notice or "")
        self.font_notice.setObjectName("fontNotice")
        self.font_notice.setWordWrap(True)
        self.font_notice.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px 10px;")
        self.font_notice.setVisible(bool(font_notice))
        layout.addWidget(self.font_notice)
        layout.addWidget(self.view, 1)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
        buttons.button(QtWidgets.QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self._update_page_label()
        fit_to_screen(self, 900, 1000)  # an A4 page's height, but 关闭 stays on a 768-pixel screen

    # ---- pages and zoom -------------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.page_count - 1))
        self.view.pageNavigator().jump(page, QtCore.QPointF(), self.view.pageNavigator().currentZoom())
        self._update_page_label()

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def _update_page_label(self, *_args) -> None:
        page = self.current_page()
        self.page_label.setText(self.tr(" 第 %1 / %2 页 ").replace("%1", str(page + 1))
                                .replace("%2", str(self.page_count)))
        self.prev_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.page_count - 1)

    def _zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(current * factor, 5.0)))

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)

    # ---- print and save -------------------------------------------------------------------------------------
    def _done(self, how: str) -> None:
        self.history.append(how)
        self.printed.emit(how)

    def _failed(self, title: str):
        def show(err: Exception) -> None:
            messages.error(self, title, str(err))
        return show

    def _run(self, label: str, work: Callable[[TaskHandle], object], on_done: Callable[[object], None],
             title: str) -> None:
        if self.page_count > BACKGROUND_PAGES:
            run_task(self, label, work, on_done, on_error=self._failed(title))
            return
        try:
            result = work(TaskHandle())
        except (ServiceError, OSError) as err:
            self._failed(title)(err)
        else:
            on_done(result)

    def print_document(self) -> None:
        printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.A4))
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QtWidgets.QDialog.Accepted:
            return
        self._printer = printer  # kept alive while a worker paints on it
        self._run(self.tr("正在打印…"), lambda handle: print_pdf_to(printer, self.pdf, handle),
                  lambda _pages: self._done("打印"), self.tr("打印失败"))

    def _ask_path(self, caption: str, suffix: str, filter_: str) -> str:
        base = os.path.splitext(self.suggested_name)[0] + suffix
        path, _ = file_dialogs.get_save_file_name(self, caption, base, filter_)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def save_pdf(self) -> None:
        path = self._ask_path(self.tr("另存为 PDF"), ".pdf", self.tr("PDF 文件 (*.pdf)"))
        if path:
            self._run(self.tr("正在保存…"), lambda _h: self._save(path, lambda: self.pdf, "PDF"),
                      lambda _r: self._done("PDF"), self.tr("保存失败"))

    def save_docx(self) -> None:
        if self.docx_factory is None:
            return
        path = self._ask_path(self.tr("另存为 Word"), ".docx", self.tr("Word 文档 (*.docx)"))
        if path:
            factory = self.docx_factory
            self._run(self.tr("正在保存…"), lambda _h: self._save(path, factory, "Word"),
                      lambda _r: self._done("Word"), self.tr("保存失败"))

    def _save(self, path: str, data: Callable[[], bytes], how: str) -> str:
        record = self.record_save
        files.deliver(path, lambda tmp: Path(tmp).write_bytes(data()), (lambda: record(how)) if record else None)
        return path


def write_file(path: str, data: bytes) -> str:
    """Write ``data`` to ``path`` whole or not at all (through a ``.part`` file)."""
    tmp = path + ".part"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return path
