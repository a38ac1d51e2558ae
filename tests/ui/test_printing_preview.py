"""打印预览: opens on a PDF, pages and zooms, saves PDF and Word, prints through a PDF printer."""
import shutil
import subprocess

import pytest

from app.printing import render_docx, render_pdf
from app.printing.samples import sample_form, sample_letter
from tests.app.printing.helpers import pages_chars
from ui.printing import preview as preview_module
from ui.printing.preview import PreviewDialog, print_pdf_to
from ui.qt import QtGui, QtPrintSupport, QtWidgets

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def form_pdf():
    return render_pdf(sample_form())


def _pdf_printer(path) -> QtPrintSupport.QPrinter:
    printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.HighResolution)
    printer.setOutputFormat(QtPrintSupport.QPrinter.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.A4))
    return printer


def _ink_per_page(pdf_path, tmp_path) -> list[int]:
    """Non-white pixels on each page (pdftoppm → grey PGM)."""
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf_path), str(tmp_path / "pg")], check=True)
    counts = []
    for image in sorted(tmp_path.glob("pg*.pgm")):
        data = image.read_bytes()
        fields, pos = [], 0
        while len(fields) < 4:  # P5 width height maxval, then the pixels
            while data[pos:pos + 1].isspace():
                pos += 1
            end = pos
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(data[pos:end])
            pos = end
        pixels = data[pos + 1:]
        counts.append(sum(1 for b in pixels if b < 240))
    return counts


def test_dialog_opens_pages_and_zooms(qtbot, form_pdf):
    dialog = PreviewDialog(form_pdf, "登记簿", "登记簿.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page_count >= 3
    assert dialog.current_page() == 0 and "1 / " in dialog.page_label.text()
    assert not dialog.prev_action.isEnabled()
    dialog.next_page()
    assert dialog.current_page() == 1 and f"2 / {dialog.page_count}" in dialog.page_label.text()
    dialog.go_to(99)
    assert dialog.current_page() == dialog.page_count - 1 and not dialog.next_action.isEnabled()
    dialog.previous_page()
    assert dialog.current_page() == dialog.page_count - 2
    before = dialog.view.zoomFactor()
    dialog.zoom_in()
    assert dialog.view.zoomFactor() == pytest.approx(before * 1.25)
    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.view.zoomFactor() < before
    dialog.fit_width()
    assert dialog.view.zoomMode() == preview_module.QtPdfWidgets.QPdfView.ZoomMode.FitToWidth
    assert not dialog.save_docx_action.isVisible()


def test_saves_pdf_and_word_and_announces_it(qtbot, tmp_path, monkeypatch):
    letter = sample_letter()
    pdf = render_pdf(letter)
    dialog = PreviewDialog(pdf, "告知书", "告知书.pdf", docx_factory=lambda: render_docx(letter))
    qtbot.addWidget(dialog)
    targets = iter([str(tmp_path / "答复"), str(tmp_path / "答复.docx")])
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (next(targets), ""))
    with qtbot.waitSignal(dialog.printed) as signal:
        dialog.save_pdf()
    assert signal.args == ["PDF"]
    assert (tmp_path / "答复.pdf").read_bytes() == pdf
    dialog.save_docx()
    assert (tmp_path / "答复.docx").read_bytes()[:2] == b"PK"
    assert dialog.history == ["PDF", "Word"]


def test_a_saved_copy_appears_only_after_it_is_recorded(qtbot, tmp_path, monkeypatch):
    from app.errors import ServiceError
    dialog = PreviewDialog(render_pdf(sample_letter()), "告知书", "告知书.pdf")
    qtbot.addWidget(dialog)
    target = tmp_path / "答复.pdf"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    errors = []
    monkeypatch.setattr(preview_module.messages, "error", lambda parent, title, text: errors.append(text))
    seen = []

    def locked(how):
        seen.append((how, target.exists()))
        raise ServiceError("数据库正忙，请稍后再试")
    dialog.record_save = locked
    dialog.save_pdf()
    assert seen == [("PDF", False)] and not target.exists() and dialog.history == []
    assert errors == ["数据库正忙，请稍后再试"] and not list(tmp_path.iterdir())
    dialog.record_save = lambda how: seen.append((how, target.exists()))
    dialog.save_pdf()
    assert seen[-1] == ("PDF", False) and target.exists() and dialog.history == ["PDF"]


def test_cancelled_file_dialog_saves_nothing(qtbot, monkeypatch):
    dialog = PreviewDialog(render_pdf(sample_letter()), "告知书", "告知书.pdf")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dialog.save_pdf()
    assert dialog.history == []


@needs_poppler
def test_print_pdf_to_a_pdf_printer_gives_every_page_with_ink(qtbot, tmp_path, form_pdf):
    out = tmp_path / "printed.pdf"
    pages = print_pdf_to(_pdf_printer(out), form_pdf)
    expected = PreviewDialog(form_pdf, "x", "x.pdf").page_count
    assert pages == expected
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {expected}" in info
    ink = _ink_per_page(out, tmp_path)
    assert len(ink) == expected and all(count > 2000 for count in ink), ink


@needs_poppler
def test_print_button_goes_through_the_print_dialog(qtbot, tmp_path, monkeypatch, form_pdf):
    out = tmp_path / "dialog.pdf"

    class FakePrintDialog:
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QtPrintSupport.QPrinter.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, _title):
            pass

        def setMinMax(self, _a, _b):
            pass

        def exec(self):
            return QtWidgets.QDialog.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", FakePrintDialog)
    dialog = PreviewDialog(form_pdf, "登记簿", "登记簿.pdf")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.printed) as signal:
        dialog.print_document()  # more than three pages: through run_task (inline in tests)
    assert signal.args == ["打印"]
    assert len(_ink_per_page(out, tmp_path)) == dialog.page_count


def test_a_broken_pdf_is_refused(qtbot):
    from app.errors import ServiceError
    with pytest.raises(ServiceError):
        PreviewDialog(b"not a pdf", "x", "x.pdf")


def test_preview_says_when_substitute_fonts_are_in_use(qtbot, form_pdf):
    """The clerk learns before printing that the page is not in 仿宋/小标宋; the page itself does not say it."""
    from app.printing import substitute_notice
    from app.printing.fonts import fontset
    expected = substitute_notice()
    dialog = PreviewDialog(form_pdf, "登记簿", "登记簿.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    if any(not rf.official for rf in fontset().roles.values()):
        assert dialog.font_notice.isVisible() and dialog.font_notice.text() == expected
        assert "替代字体" in expected and "打印字体" in expected
    else:
        assert not dialog.font_notice.isVisible()
    official = PreviewDialog(form_pdf, "登记簿", "登记簿.pdf", font_notice=None)
    qtbot.addWidget(official)
    official.show()
    assert not official.font_notice.isVisible()
    assert "替代字体" not in "".join(c["text"] for page in pages_chars(form_pdf) for c in page)
