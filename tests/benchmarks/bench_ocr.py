"""文字识别 speed (issue 18): pages per second at 150 and 300 dpi over a scanned PDF of A4 pages typed with the
document engine's font (each page one picture, as the scanner makes it), and how much the process's peak resident
memory grows while a 50-page scan is recognised (pages are rendered and read one at a time). Budget: +500 MB.
``run.py ocr --rows N`` recognises N pages instead of 50 for the memory figure; the rates are taken over 5 pages."""
from __future__ import annotations

import io
import time

PAGES = 50
RATE_PAGES = 5
MEMORY_BUDGET_MB = 500


def _scanned_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` A4 scans at 200 dpi, twelve lines of an application's text on each."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 44)
    lines = ["政府信息公开申请表", "申请人：王建国  身份证号码：110101199003074514", "联系电话：13912345678",
             "通信地址：某县某镇某村三组十二号  邮政编码：100010", "所需信息：2025年某村农村危房改造补助资金发放名单",
             "用途：了解本村补助资金发放情况", "获取方式：邮寄纸质件"] * 2
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    for i, text in enumerate(lines[:12]):
        draw.text((160, 220 + 150 * i), text, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=200, save_all=True, append_images=[image] * (pages - 1))
    return out.getvalue()


def _recognise(data: bytes, dpi: int, pages: list[int] | None = None) -> tuple[float, int]:
    """(seconds, lines read) for recognising ``pages`` of the scan at ``dpi``."""
    from app.ocr.pages import recognise_source
    from app.redaction.source import Source
    with Source(data, "scan.pdf") as src:
        started = time.perf_counter()
        result = recognise_source(src, dpi, pages=pages)
        return time.perf_counter() - started, sum(len(p.lines) for p in result)


def run() -> list[dict]:
    from app.ocr.engine import _load
    from tests.benchmarks import common
    from tests.benchmarks.bench_redaction import _peak_rss_mb
    from tests.benchmarks.common import result

    pages = common.OPTIONS.get("rows") or PAGES
    _load()  # the models are loaded once per process, before anything is timed
    sample = _scanned_pdf(RATE_PAGES)
    _recognise(sample, 150, [1])  # warm-up: onnxruntime's first run allocates its arenas
    out = []
    for dpi in (150, 300):
        seconds, lines = _recognise(sample, dpi)
        out.append(result(f"文字识别：{RATE_PAGES}页扫描 PDF，{dpi} dpi（每页12行）", round(RATE_PAGES / seconds, 3),
                          "页/秒", better="higher"))
    scan = _scanned_pdf(pages)
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # Linux: reset the peak resident size, so that VmHWM is this run's
    except OSError:
        pass
    before = _peak_rss_mb()
    seconds, _ = _recognise(scan, 200)
    peak = _peak_rss_mb() - before
    out += [result(f"文字识别：{pages}页扫描 PDF（200 dpi）的内存峰值增长（进程常驻内存）", round(peak, 1), "MB",
                   MEMORY_BUDGET_MB),
            result(f"文字识别：{pages}页扫描 PDF（200 dpi）", round(pages / seconds, 3), "页/秒", better="higher")]
    return out
