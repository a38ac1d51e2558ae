"""``render_pdf``: a ``Document`` as a PDF in the GB/T 9704-2012 layout, every font embedded."""
from __future__ import annotations

import io
import threading

from reportlab.pdfgen.canvas import Canvas

from app.printing.compose import letter_format, paginated
from app.printing.document import Document, author_of
from app.printing.draw import draw_line
from app.printing.fonts import FontSet, fontset
from app.printing.geometry import (BLOCK_BOTTOM, BLOCK_TOP, BLOCK_WIDTH, LEFT_MARGIN, MM, PAGE_HEIGHT,
                                   PAGE_NUMBER_GAP, PAGE_WIDTH, SIZE_3, SIZE_4)
from app.printing.linebreak import break_text

CREATOR = "政务公开工作台"
STATUS_MARK_TOP = 20 * MM
# ReportLab keeps each font's subsets of a document being built in the shared font object: one build at a time.
_build_lock = threading.Lock()


def render_pdf(doc: Document, *, seal_guide: bool = False, fonts: FontSet | None = None) -> bytes:
    """The document as PDF bytes. ``seal_guide`` draws a faint circle where the seal goes (off for real prints);
    ``fonts`` defaults to the configured fonts (系统管理 → 打印字体)."""
    fs = fonts or fontset()
    pages = paginated(doc, fs, seal_guide)
    with _build_lock:
        return _build(doc, fs, pages)


def _build(doc: Document, fs: FontSet, pages) -> bytes:
    buf = io.BytesIO()
    # the initial font is ours: ReportLab's default (Helvetica) would be referenced without being embedded
    canvas = Canvas(buf, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1,
                    initialFontName=fs.primary("body").name, initialFontSize=16)
    canvas.setTitle(doc.title or doc.kind or CREATOR)
    canvas.setCreator(CREATOR)
    canvas.setSubject(doc.kind or doc.title)
    canvas.setAuthor(author_of(doc, CREATOR))
    for number, page in enumerate(pages, 1):
        for box, offset in page:
            box.draw(canvas, LEFT_MARGIN, BLOCK_TOP - offset)
        if doc.status_mark:
            draw_status_mark(canvas, doc.status_mark, fs)
        if doc.page_numbers and not (number == 1 and letter_format(doc)):  # 10.1: 首页不显示页码
            draw_page_number(canvas, number, fs)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def draw_status_mark(canvas, mark: str, fs: FontSet) -> None:
    """“草稿” and the like: 3号黑体 in a thin frame at the top right, its top 20 mm below the page's top (in the
    天头, clear of a 信函格式 mark at 30 mm)."""
    size = SIZE_3
    line = break_text(mark, fs, "heading1", size, BLOCK_WIDTH, align="right")[0]
    x = LEFT_MARGIN + line.runs[0].x
    baseline = PAGE_HEIGHT - STATUS_MARK_TOP - size * (1.0 + fs.primary("heading1").descent)
    draw_line(canvas, line, LEFT_MARGIN, baseline, size)
    canvas.saveState()
    canvas.setLineWidth(0.75)
    canvas.rect(x - 3, baseline - size * 0.25, line.width + 6, size * 1.25, stroke=1, fill=0)
    canvas.restoreState()


def page_number_text(number: int) -> str:
    return f"— {number} —"


def draw_page_number(canvas, number: int, fs: FontSet) -> None:
    """GB/T 9704-2012 7.5: 4号 Arabic numerals between two 一字线, the line 7 mm below the text block; odd pages at the right
    and even pages at the left, one character in from the edge of the block."""
    size = SIZE_4
    line = break_text(page_number_text(number), fs, "song", size, BLOCK_WIDTH, align="left")[0]
    x = BLOCK_WIDTH - size - line.width if number % 2 else size
    # the 7 mm are measured to the 一字线 itself: the dash's ink, half an em below the top of its glyph box
    font, dash = fs.resolve("song", "—")
    baseline = BLOCK_BOTTOM - PAGE_NUMBER_GAP - size * font.ink_top(dash)
    draw_line(canvas, line, LEFT_MARGIN + x, baseline, size)
