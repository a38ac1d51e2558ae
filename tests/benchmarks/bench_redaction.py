"""区分处理 speed (issue 13): pages per second at 300 dpi, for a text PDF with a mark on every page and for a
200-page scanned PDF (each page an image) with a mark on every page; and how much the process's peak resident memory
grows during the 200-page run (pages are rendered one at a time; the released file is assembled in memory).

The issue names no target: the figures are measured and reported."""
from __future__ import annotations

import io
import time

PAGES_TEXT = 20
PAGES_SCAN = 200


def _scanned_pdf(pages: int) -> bytes:
    """A PDF whose pages are A4 greyscale scans at 200 dpi (as office scanners make them)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    img = Image.new("L", (1654, 2339), 245)
    d = ImageDraw.Draw(img)
    for y in range(200, 2200, 60):
        d.rectangle([150, y, 1500, y + 25], fill=60)
    buf = io.BytesIO()
    encoded = io.BytesIO()
    img.save(encoded, "JPEG", quality=80)
    c = canvas.Canvas(buf, pagesize=(595.3, 841.9))
    for _ in range(pages):
        c.drawImage(ImageReader(io.BytesIO(encoded.getvalue())), 0, 0, 595.3, 841.9)
        c.showPage()
    c.save()
    return buf.getvalue()


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024


def _rate(data: bytes, name: str, marks_of) -> tuple[float, int, float]:
    """(pages per second, size of the released file, growth of the process's peak memory in MB)."""
    from app.redaction.release import build
    from app.redaction.source import Source
    with Source(data, name) as src:
        marks = marks_of(src)
        try:
            with open("/proc/self/clear_refs", "w") as fh:
                fh.write("5")  # Linux: reset the peak resident size, so that VmHWM is this run's
        except OSError:
            pass
        before = _peak_rss_mb()
        started = time.perf_counter()
        released = build(src, marks, dpi=300)
        seconds = time.perf_counter() - started
        peak = _peak_rss_mb() - before
    return src.page_count / seconds, len(released.pdf), peak


def run() -> list[dict]:
    from app.redaction import marking
    from app.redaction.release import Mark
    from app.redaction.source import Rect
    from tests.app.redaction import samples
    from tests.benchmarks.common import result

    text = samples.pdf([[f"第{n}页", f"身份证号 {samples.ID_NUMBER}", "公开部分"] for n in range(PAGES_TEXT)])
    rate, size, _ = _rate(text, "text.pdf", lambda src: marking.by_text(src, samples.ID_NUMBER, "refuse_4"))
    out = [result("区分处理：文字 PDF（每页一处标记，300 dpi）", round(rate, 2), "页/秒", better="higher"),
           result("区分处理：文字 PDF 公开版本每页大小", round(size / PAGES_TEXT / 1024), "KB")]
    scan = _scanned_pdf(PAGES_SCAN)
    rate, size, peak = _rate(scan, "scan.pdf", lambda src: [Mark(Rect(p, 40, 50, 400, 80), "refuse_4")
                                                            for p in range(1, src.page_count + 1)])
    out += [result(f"区分处理：{PAGES_SCAN}页扫描 PDF（每页一处标记，300 dpi）", round(rate, 2), "页/秒", better="higher"),
            result(f"区分处理：{PAGES_SCAN}页扫描 PDF 的内存峰值增长（进程常驻内存）", round(peak, 1), "MB"),
            result(f"区分处理：{PAGES_SCAN}页扫描 PDF 公开版本大小", round(size / 2 ** 20, 1), "MB")]
    return out
