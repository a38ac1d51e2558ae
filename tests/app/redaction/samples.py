"""Files to redact, made in the test: PDFs with known text (a CJK font embedded) and scanned images."""
from __future__ import annotations

import glob
import io

ID_NUMBER = "110101199003074514"
PHONE = "13912345678"
_FONT = "RedactTestFont"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        path = next(iter(glob.glob("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
                         + glob.glob("/usr/share/fonts/**/*.tt[cf]", recursive=True)))
        pdfmetrics.registerFont(TTFont(_FONT, path, subfontIndex=0))
    return _FONT


def pdf(pages: list[list[str]], title: str = "", author: str = "", link_on: tuple[int, ...] = (),
        rotate: dict[int, int] | None = None) -> bytes:
    """One page per list of lines, 14 pt, lines 30 pt apart from the top; ``link_on``: pages given a link
    annotation; ``rotate``: page number → /Rotate."""
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    font = _font()
    for n, lines in enumerate(pages, 1):
        top = 770
        if rotate and n in rotate:
            c.setPageRotation(rotate[n])  # ReportLab then lays the page out landscape (842 × 595)
            top = 520
        c.setFont(font, 14)
        for i, line in enumerate(lines):
            c.drawString(72, top - 30 * i, line)
        if n in link_on:
            c.linkURL("https://example.com/secret", (72, 600, 300, 620))
        c.showPage()
    c.save()
    return buf.getvalue()


def five_pages() -> bytes:
    """A 5-page letter: the ID number on pages 2 and 4, the phone number on page 4, a signature line on page 3."""
    return pdf([
        ["第1页 关于某村低保名单的说明", "补助金额每月三百元。"],
        ["第2页 户主：王某某", f"身份证号 {ID_NUMBER}", "住址：某某县城关镇"],
        ["第3页 审批意见：同意", "签名：张某某（手写）", "日期：2026年3月1日"],
        ["第4页 复核", f"身份证号 {ID_NUMBER} 电话 {PHONE}"],
        ["第5页 公开部分：补助标准"],
    ], title="王某某低保审批表", author="某村委会")


def scan(width: int = 850, height: int = 1100, fmt: str = "PNG", frames: int = 1, exif_text: str = "") -> bytes:
    """A grey “scan” with a dark stripe (the handwriting) at y 200-260 on every frame."""
    from PIL import Image, ImageDraw
    images = []
    for f in range(frames):
        img = Image.new("RGB", (width, height), (235, 235, 235))
        d = ImageDraw.Draw(img)
        d.rectangle([100, 200, 600, 260], fill=(40, 60, 200))
        d.rectangle([100, 500 + 10 * f, 400, 520 + 10 * f], fill=(90, 90, 90))
        images.append(img)
    buf = io.BytesIO()
    kw = {"dpi": (100, 100)}
    if exif_text:
        exif = Image.Exif()
        exif[0x010E] = exif_text  # ImageDescription
        kw["exif"] = exif.tobytes()
    if frames > 1:
        images[0].save(buf, fmt, save_all=True, append_images=images[1:], **kw)
    else:
        images[0].save(buf, fmt, **kw)
    return buf.getvalue()
