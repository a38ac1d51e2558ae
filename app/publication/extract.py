"""The text of an item's attached file for the screen: .docx paragraphs and table cells, .pdf pages, .txt lines."""
from __future__ import annotations

import io
from pathlib import PurePath

from app.errors import ServiceError
from app.publication.screen import Finding, paragraphs_of, screen_text

SCREENED = (".docx", ".pdf", ".txt", ".jpg", ".jpeg", ".png", ".tif", ".tiff")  # pictures by their recognised text
PICTURES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


def _docx(data: bytes) -> list[str]:
    import docx
    doc = docx.Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs if p.text.strip()]
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if any(cells):
                out.append(" ".join(dict.fromkeys(cells)))
    return out


def _pdf_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage
    pages = []
    count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
    for n in range(count):
        pages.append(extract_text(io.BytesIO(data), page_numbers=[n]))
    return pages


def _txt(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ServiceError("无法识别文本文件的文字编码（应为 UTF-8 或 GBK）")


def _pages_findings(name: str, pages: list[str]) -> list[Finding]:
    paras, numbers = [], []
    for number, page in enumerate(pages, 1):
        for p in paragraphs_of(page):
            paras.append(p)
            numbers.append(number)
    return screen_text(paras, name, page_of=lambda i: numbers[i])


def screen_file(name: str, data: bytes, recognised: dict[int, str] | None = None) -> list[Finding]:
    """Findings in one attached file; other file types are not screened (the reviewer reads them). ``recognised``:
    the text recognised on its scanned pages (``app.ocr.layers.page_texts``), read for a picture and for the PDF
    pages without text of their own."""
    suffix = PurePath(name).suffix.lower()
    recognised = recognised or {}
    if suffix in PICTURES:
        count = max(recognised, default=0)
        return _pages_findings(name, [recognised.get(n, "") for n in range(1, count + 1)])
    try:
        if suffix == ".docx":
            return screen_text(_docx(data), name)
        if suffix == ".txt":
            return screen_text(paragraphs_of(_txt(data)), name)
        if suffix == ".pdf":
            return _pages_findings(name, [text if text.strip() else recognised.get(number, "")
                                          for number, text in enumerate(_pdf_pages(data), 1)])
    except ServiceError:
        raise
    except Exception as exc:  # a damaged file: say so, the reviewer must then read it
        raise ServiceError(f"无法读取附件“{name}”的文字（{type(exc).__name__}），请检查文件是否损坏") from None
    return []
