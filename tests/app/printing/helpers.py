"""Reading rendered documents back: text (pdftotext, pdfplumber), fonts (pdffonts), character boxes."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pdfplumber
import pytest

from app.printing.document import Document, Heading, Paragraph, Signature, Table, chinese_date
from app.printing.geometry import BLOCK_HEIGHT, BLOCK_WIDTH, LEFT_MARGIN, TOP_MARGIN

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

BLOCK = (LEFT_MARGIN, TOP_MARGIN, LEFT_MARGIN + BLOCK_WIDTH, TOP_MARGIN + BLOCK_HEIGHT)  # x0, top, x1, bottom


def document_text(doc: Document) -> str:
    parts = [doc.heading or "", doc.title, doc.doc_number or "", doc.addressee or ""]
    for block in doc.blocks:
        if isinstance(block, (Paragraph, Heading)):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [cell if isinstance(cell, str) else cell.text for row in block.rows for cell in row]
            parts.append(block.caption or "")
    parts += list(doc.attachments) + list(doc.notes)
    if doc.signature:
        parts += list(doc.signature.lines) + [chinese_date(doc.signature.date)]
    return "".join(parts)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def han(text: str) -> list[str]:
    return [ch for ch in text if "\u3400" <= ch <= "\u9fff" or ord(ch) >= 0x20000]


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdffonts(pdf: bytes, tmp_path) -> list[dict]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()
    header = out[0]
    emb_at = header.index("emb")
    return [{"name": line.split()[0], "emb": line[emb_at:emb_at + 3].strip()} for line in out[2:] if line.strip()]


def pages_chars(pdf: bytes) -> list[list[dict]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [[dict({k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "fontname", "size")},
                      baseline=round(page.height - c["matrix"][5], 2)) for c in page.chars] for page in doc.pages]


def lines_of(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines by their baseline, each line sorted left to right."""
    rows: dict[float, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["baseline"], 1), []).append(c)
    return [sorted(v, key=lambda c: c["x0"]) for _k, v in sorted(rows.items())]


def metadata(pdf: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return dict(doc.metadata)


def ink_top(pdf: bytes, page: int, box: tuple[float, float, float, float], resolution: int = 288) -> float | None:
    """Where the ink starts inside ``box`` (x0, top, x1, bottom in points from the page's top left) on the rendered
    page: the top of the first row holding a dark pixel, in points; None when the box is blank."""
    scale = resolution / 72
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        image = doc.pages[page].to_image(resolution=resolution).original.convert("L")
    x0, top, x1, bottom = (round(v * scale) for v in box)
    crop = image.crop((x0, top, x1, bottom))
    width, height = crop.size
    pixels = crop.load()
    for y in range(height):
        if any(pixels[x, y] < 128 for x in range(width)):
            return (top + y) / scale
    return None


needs_libreoffice = pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")


def libreoffice_pdf(data: bytes, suffix: str, tmp_path) -> bytes:
    """A .docx or .xlsx converted to PDF by LibreOffice, as an office would see it."""
    source = tmp_path / f"converted{suffix}"
    source.write_bytes(data)
    subprocess.run(["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, check=True, timeout=180)
    return (tmp_path / "converted.pdf").read_bytes()


def notice(body_lines: int, heading: str | None) -> Document:
    """A reply notice with a 附注 whose body takes about ``body_lines`` lines."""
    paragraphs = [Paragraph("公" * (28 * 3 - 2))] * (body_lines // 3) + [Paragraph("开" * 20)] * (body_lines % 3)
    return Document(title="政府信息公开申请答复告知书", doc_number="青政办公开〔2026〕12号", heading=heading,
                    addressee="张明远：", blocks=paragraphs,
                    signature=Signature(("青山县人民政府办公室",), dt.date(2026, 4, 3)),
                    notes=("（联系人：张明，联系电话：0878-3123456）",))
