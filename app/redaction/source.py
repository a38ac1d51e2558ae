"""The file a clerk redacts, opened read-only: a PDF (through PDFium, ``pypdfium2``) or a scanned image (JPEG, PNG,
TIFF with several pages, through Pillow). Every position is in points (1/72 inch) from the page's top-left corner, as
the page is shown; an image page measures its pixels at the image's own resolution (200 dpi when it records none).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from app.errors import ServiceError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = PDF_SUFFIXES + IMAGE_SUFFIXES
DEFAULT_IMAGE_DPI = 200


@dataclass(frozen=True)
class Rect:
    """A rectangle on one page (1-based), in points from the page's top-left corner."""
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def normalised(self) -> "Rect":
        return Rect(self.page, min(self.x0, self.x1), min(self.y0, self.y1), max(self.x0, self.x1),
                    max(self.y0, self.y1))

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def _squeeze(text: str) -> str:
    """What two texts are compared by: no white space, Latin letters in lower case (an ID number's X or x)."""
    return "".join(c.lower() if c.isascii() else c for c in text if not c.isspace())


class Source:
    """An opened file; ``close()`` when done. Pages are numbered from 1."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        suffix = PurePath(name).suffix.lower()
        if suffix not in SUFFIXES:
            raise ServiceError(f"“{name}”不是可以区分处理的文件：只能处理 PDF 和扫描图片（JPEG、PNG、TIFF）")
        self.kind = "pdf" if suffix in PDF_SUFFIXES else "image"
        self._pdf = None
        self._image = None
        try:
            if self.kind == "pdf":
                import pypdfium2 as pdfium
                self._pdf = pdfium.PdfDocument(data)
                self.page_count = len(self._pdf)
                # A page's /Rotate is taken off while it is read and rendered (positions and pictures are then in
                # the same upright space as the text boxes), and put back on the released page.
                self.rotations = []
                for i in range(self.page_count):
                    page = self._pdf[i]
                    self.rotations.append(page.get_rotation())
                    if self.rotations[-1]:
                        page.set_rotation(0)
                    page.close()
            else:
                from PIL import Image
                self._image = Image.open(io.BytesIO(data))
                self._image.load()
                self.page_count = getattr(self._image, "n_frames", 1)
                self.rotations = [0] * self.page_count
        except ServiceError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged or protected file: say so plainly
            self.close()
            reason = "文件已加密或设有打开密码" if "password" in str(exc).lower() else "文件已损坏或格式不对"
            raise ServiceError(f"无法打开“{name}”：{reason}（{type(exc).__name__}）") from None
        if self.page_count == 0:
            self.close()
            raise ServiceError(f"“{name}”没有页面")
        self._text_cache: dict[int, tuple[list[tuple[int, str]], str]] = {}
        self.recognised: dict = {}  # page -> app.ocr.pages.Page, for pages without text of their own

    def use_recognised(self, pages) -> None:
        """Read the recognised text layer (``app.ocr.pages.Page`` objects) for the picture pages and the PDF pages
        without text of their own: ``page_text``, ``find`` and ``text_in`` then see the scan's text."""
        self.recognised = {p.number: p for p in pages if self._scanned(p.number)}

    def _scanned(self, page: int) -> bool:
        return self.kind == "image" or not self.page_text(page, own=True).strip()

    # ---- pages ------------------------------------------------------------------------------------------------
    def _frame(self, page: int):
        self._image.seek(page - 1)
        return self._image

    def _image_dpi(self, frame) -> float:
        dpi = frame.info.get("dpi") or (DEFAULT_IMAGE_DPI, DEFAULT_IMAGE_DPI)
        value = float(dpi[0] or DEFAULT_IMAGE_DPI)
        return value if value >= 30 else DEFAULT_IMAGE_DPI  # some scanners write 1 dpi

    def page_size(self, page: int) -> tuple[float, float]:
        """(width, height) in points, upright (before the page's own rotation)."""
        if self.kind == "pdf":
            p = self._pdf[page - 1]
            left, bottom, right, top = p.get_cropbox()
            p.close()
            return right - left, top - bottom
        frame = self._frame(page)
        scale = 72.0 / self._image_dpi(frame)
        return frame.width * scale, frame.height * scale

    def render(self, page: int, dpi: float):
        """The page as an RGB Pillow image at ``dpi`` (an image page at its own pixels when ``dpi`` is None)."""
        if self.kind == "pdf":
            p = self._pdf[page - 1]
            try:
                bitmap = p.render(scale=dpi / 72.0, may_draw_forms=False)
                return bitmap.to_pil().convert("RGB")
            finally:
                p.close()
        frame = self._frame(page)
        image = frame.convert("RGB")  # a copy of the pixels alone: no EXIF, no ICC, no comment of the scan
        if dpi is not None:
            w, h = self.page_size(page)
            size = (max(1, round(w * dpi / 72.0)), max(1, round(h * dpi / 72.0)))
            if size != image.size:
                from PIL import Image
                image = image.resize(size, Image.Resampling.LANCZOS)
        return image

    # ---- text -------------------------------------------------------------------------------------------------
    def _chars(self, page: int) -> tuple[list[tuple[int, str]], str]:
        """The page's characters (PDFium's index, character), white space dropped, and their squeezed text."""
        if page not in self._text_cache:
            import pypdfium2.raw as raw
            p = self._pdf[page - 1]
            tp = p.get_textpage()
            try:
                chars = []
                for i in range(tp.count_chars()):
                    c = chr(raw.FPDFText_GetUnicode(tp.raw, i) or 32)
                    if not c.isspace() and c != "\ufffe":
                        chars.append((i, c))
            finally:
                tp.close()
                p.close()
            self._text_cache[page] = (chars, "".join(_squeeze(c) or " " for _, c in chars))
        return self._text_cache[page]

    def page_text(self, page: int, own: bool = False) -> str:
        """The page's text as PDFium reads it, or — for a scanned page, unless ``own`` — as it was recognised."""
        if not own and page in self.recognised:
            return self.recognised[page].text
        if self.kind != "pdf":
            return ""
        p = self._pdf[page - 1]
        tp = p.get_textpage()
        try:
            return tp.get_text_range()
        finally:
            tp.close()
            p.close()

    def find(self, text: str) -> list[Rect]:
        """Every place ``text`` occurs, ignoring white space (a number broken over two text runs is still found),
        as one rectangle per line it covers."""
        return [rect for rect, _ in self.find_scored(text)]

    def find_scored(self, text: str) -> list[tuple[Rect, float | None]]:
        """``find`` with the recognition's confidence of each place found in a scan (None in a PDF's own text)."""
        needle = _squeeze(text)
        if not needle:
            return []
        out: list[tuple[Rect, float | None]] = []
        for number in sorted(self.recognised):
            out.extend(_find_in_lines(self.recognised[number], needle))
        if self.kind != "pdf":
            return out
        for page in range(1, self.page_count + 1):
            if page in self.recognised:
                continue
            chars, hay = self._chars(page)
            start = hay.find(needle)
            if start < 0:
                continue
            p = self._pdf[page - 1]
            tp = p.get_textpage()
            left, _, _, top = p.get_cropbox()
            try:
                while start >= 0:
                    boxes = [tp.get_charbox(chars[k][0], loose=True) for k in range(start, start + len(needle))]
                    out.extend((r, None) for r in _line_rects(page, boxes, left, top))
                    start = hay.find(needle, start + len(needle))
            finally:
                tp.close()
                p.close()
        return out

    def text_in(self, rect: Rect) -> str:
        """The characters whose centre lies inside ``rect`` (what a rectangle drawn by hand covers)."""
        r = rect.normalised()
        if rect.page in self.recognised:
            return "".join(c for line in self.recognised[rect.page].lines for c, (x0, y0, x1, y1)
                           in zip(line.text, _char_boxes(line)) if not c.isspace()
                           and r.contains_point((x0 + x1) / 2, (y0 + y1) / 2))
        if self.kind != "pdf":
            return ""
        chars, _ = self._chars(rect.page)
        p = self._pdf[rect.page - 1]
        tp = p.get_textpage()
        left, _, _, top = p.get_cropbox()
        r = rect.normalised()
        try:
            picked = []
            for index, c in chars:
                x0, y0, x1, y1 = tp.get_charbox(index)
                if r.contains_point((x0 + x1) / 2 - left, top - (y0 + y1) / 2):
                    picked.append(c)
            return "".join(picked)
        finally:
            tp.close()
            p.close()

    @property
    def pdf(self):
        return self._pdf

    def metadata_values(self) -> list[str]:
        """The original's document information (title, author, …): none of it may reach the released file."""
        if self.kind != "pdf":
            return []
        meta = self._pdf.get_metadata_dict(skip_empty=True)
        return [v for k, v in meta.items() if k not in ("CreationDate", "ModDate") and len(v.strip()) >= 2
                and v.strip().lower() not in ("unspecified", "anonymous", "untitled")]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        if self._image is not None:
            self._image.close()
            self._image = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _line_rects(page: int, boxes, left: float, top: float, pad: float = 1.0) -> list[Rect]:
    """Character boxes (PDF space: left, bottom, right, top) joined into one rectangle per line, padded a little."""
    rects: list[list[float]] = []
    for x0, y0, x1, y1 in boxes:
        r = [x0 - left, top - y1, x1 - left, top - y0]
        if rects:
            cur = rects[-1]
            overlap = min(cur[3], r[3]) - max(cur[1], r[1])
            if overlap > 0.5 * min(cur[3] - cur[1], r[3] - r[1]) and r[0] >= cur[0] - 1:
                cur[:] = [min(cur[0], r[0]), min(cur[1], r[1]), max(cur[2], r[2]), max(cur[3], r[3])]
                continue
        rects.append(r)
    return [Rect(page, a - pad, b - pad, c + pad, d + pad) for a, b, c, d in rects]


def _char_boxes(line) -> tuple:
    """A recognised line's character boxes; when the engine gave none, the line's box shared out evenly."""
    if line.char_boxes:
        return line.char_boxes
    x0, y0, x1, y1 = line.box
    step = (x1 - x0) / max(1, len(line.text))
    return tuple((x0 + i * step, y0, x0 + (i + 1) * step, y1) for i in range(len(line.text)))


def _find_in_lines(page, needle: str, pad: float = 1.0) -> list[tuple[Rect, float]]:
    """The places ``needle`` (squeezed) occurs in a recognised page, one rectangle per line (a match may run on
    into the next line, as a number wrapped in a scan), each with the lowest confidence of the lines it covers."""
    chars = [(_squeeze(c), box, line.confidence, i) for i, line in enumerate(page.lines)
             for c, box in zip(line.text, _char_boxes(line)) if _squeeze(c)]
    hay = "".join(c for c, _, _, _ in chars)
    out = []
    start = hay.find(needle)
    while start >= 0:
        covered = chars[start:start + len(needle)]
        for index in dict.fromkeys(i for _, _, _, i in covered):
            boxes = [b for _, b, _, i in covered if i == index]
            rect = Rect(page.number, min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
                        max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)
            out.append((rect, min(conf for _, _, conf, _ in covered)))
        start = hay.find(needle, start + len(needle))
    return out


def open_file(path: str) -> Source:
    from app.files import os_reason
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ServiceError(f"无法读取文件 {path}：{os_reason(exc)}") from None
    return Source(data, PurePath(path).name)
