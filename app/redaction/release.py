"""生成公开版本: the released PDF, made so that nothing marked can be read from it, and the proof that it cannot.

Every page that carries a mark is rendered at print resolution, its boxes painted black in the pixels, and becomes a
page holding that picture alone: no text layer, no annotation, nothing of the original page's objects. A page without
a mark is copied from the original unchanged, except for its annotations (comments, form fields, links), which are
dropped. The new file is assembled from the pages alone, so the original's document information, XMP metadata,
attached files, forms, outline and JavaScript are not carried over. An image source (a scan) has no text: all its
pages are re-encoded from their pixels, which drops EXIF and the scanner's comments.

Right after it is made the file is checked (``verify``) and refused, never written, when any check fails.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

from app import errors
from app.errors import ServiceError
from app.redaction.source import Rect, Source, _squeeze

PRINT_DPI = 300
# A rectangle drawn by hand over text: the text it covered must not occur elsewhere in the released file, once it is
# long enough not to be an ordinary word (“的”, “公开”).
COVERED_TEXT_MIN = 6


@dataclass(frozen=True)
class Mark:
    """One area to remove: where, why (a ground code, ``grounds.GROUNDS``), a note, and what it covers."""
    rect: Rect
    ground: str
    note: str = ""
    text: str = ""  # the searched text, or the text found under a rectangle drawn by hand
    how: str = "rect"  # rect | search | screen


class Cancelled(errors.Cancelled):
    def __init__(self):
        super().__init__("已取消，未生成公开版本")


class ReleaseRefused(ServiceError):
    """The released file failed a check: it is not written, and ``problems`` says why."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("公开版本未通过检查，没有保存：" + "；".join(self.problems[:6])
                         + (f"等 {len(self.problems)} 项" if len(self.problems) > 6 else ""))


@dataclass
class Released:
    pdf: bytes
    pages: int
    marked_pages: list[int] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # what the verification found true, for the log


def check_marks(source: Source, marks: list[Mark]) -> None:
    from app.errors import ValidationError
    from app.redaction import grounds
    if not marks:
        raise ValidationError("标记", "没有标记任何需要遮盖的内容")
    for m in marks:
        if not 1 <= m.rect.page <= source.page_count:
            raise ValidationError("标记", f"第{m.rect.page}页不存在（文件共{source.page_count}页）")
        if m.ground not in grounds.GROUNDS:
            raise ValidationError("理由", f"第{m.rect.page}页的标记没有有效的理由")
        r = m.rect.normalised()
        w, h = source.page_size(r.page)
        if r.x1 - r.x0 < 0.5 or r.y1 - r.y0 < 0.5 or r.x1 <= 0 or r.y1 <= 0 or r.x0 >= w or r.y0 >= h:
            raise ValidationError("标记", f"第{r.page}页的标记框不在页面上或太小")


def _burn(image, rects: list[Rect], scale: float):
    from PIL import ImageDraw
    draw = ImageDraw.Draw(image)
    for r in rects:
        r = r.normalised()
        # outward rounding: a box covers every pixel it touches
        draw.rectangle([int(r.x0 * scale), int(r.y0 * scale), int(r.x1 * scale + 0.999) - 1,
                        int(r.y1 * scale + 0.999) - 1], fill=(0, 0, 0))
    return image


def _add_picture_page(out, image, width: float, height: float, lossless: bool) -> None:
    """A new last page of ``out`` holding ``image`` over the whole page and nothing else. A marked page is stored as
    JPEG (its boxes were burned into the pixels before encoding); an unmarked scan keeps its pixels losslessly."""
    import pypdfium2 as pdfium
    page = out.new_page(width, height)
    picture = pdfium.PdfImage.new(out)
    try:
        if lossless:
            bitmap = pdfium.PdfBitmap.from_pil(image)
            picture.set_bitmap(bitmap)
            bitmap.close()
        else:
            encoded = io.BytesIO()
            image.save(encoded, "JPEG", quality=88)
            encoded.seek(0)
            picture.load_jpeg(encoded, inline=True)
        picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(picture)
        page.gen_content()
    finally:
        page.close()


def _drop_annotations(page) -> None:
    import pypdfium2.raw as raw
    for i in reversed(range(raw.FPDFPage_GetAnnotCount(page.raw))):
        raw.FPDFPage_RemoveAnnot(page.raw, i)


def build(source: Source, marks: list[Mark], dpi: int = PRINT_DPI,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> Released:
    """The released PDF of ``source`` with ``marks`` burned in, checked. One page is held in memory at a time."""
    import pypdfium2 as pdfium
    check_marks(source, marks)
    by_page: dict[int, list[Rect]] = {}
    for m in marks:
        by_page.setdefault(m.rect.page, []).append(m.rect)
    out = pdfium.PdfDocument.new()
    try:
        for page in range(1, source.page_count + 1):
            if cancelled is not None and cancelled():
                raise Cancelled()
            w, h = source.page_size(page)
            if source.kind == "pdf" and page not in by_page:
                out.import_pages(source.pdf, [page - 1])
                copied = out[page - 1]
                _drop_annotations(copied)
                copied.set_rotation(source.rotations[page - 1])
                copied.close()
            else:
                marked = page in by_page
                image = source.render(page, dpi if source.kind == "pdf" else None)
                scale = image.width / w
                if marked:
                    _burn(image, by_page[page], scale)
                _add_picture_page(out, image, w, h, lossless=not marked)
                image.close()
                p = out[page - 1]
                p.set_rotation(source.rotations[page - 1])
                p.close()
            if progress is not None:
                progress(page, source.page_count)
        # Removing an annotation takes it off the page but leaves its object in the file: the pages are copied
        # once more into a new file, which takes only the objects the pages still refer to.
        final = pdfium.PdfDocument.new()
        try:
            final.import_pages(out)
            buf = io.BytesIO()
            final.save(buf)
        finally:
            final.close()
    finally:
        out.close()
    released = Released(buf.getvalue(), source.page_count, sorted(by_page))
    released.checks = verify(source, released.pdf, marks)
    return released


# ---- the proof -----------------------------------------------------------------------------------------------------

def _pdfminer_text(data: bytes, pages: list[int]) -> str:
    """The text of ``pages`` (0-based) by a second, independent extractor (pdfminer reads fonts its own way)."""
    if not pages:
        return ""
    from pdfminer.high_level import extract_text
    return extract_text(io.BytesIO(data), page_numbers=pages)


def _uncovered(source: Source, marks: list[Mark]) -> list[str]:
    """Every place a phrase marked by search or by the screen occurs must lie under the boxes: a page made a picture
    has no text left to find the phrase in, so a box moved or shrunk off it would release it in the pixels."""
    boxes = [m.rect.normalised() for m in marks]
    out = []
    for phrase in dict.fromkeys(m.text for m in marks if m.how != "rect" and m.text):
        for r in source.find(phrase):
            inset = min(1.5, (r.x1 - r.x0) / 3, (r.y1 - r.y0) / 3)  # the padding the search adds round the glyphs
            w, h = r.x1 - r.x0 - 2 * inset, r.y1 - r.y0 - 2 * inset
            points = [(r.x0 + inset + w * i / 4, r.y0 + inset + h * j / 2) for i in range(5) for j in range(3)]
            if not all(any(b.page == r.page and b.contains_point(x, y) for b in boxes) for x, y in points):
                out.append(f"“{phrase}”在第{r.page}页有一处没有被标记框完全遮盖")
    return out


def verify(source: Source, pdf: bytes, marks: list[Mark]) -> list[str]:
    """Check the released file; raises ``ReleaseRefused`` listing every failure, else returns what was checked."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    problems: list[str] = []
    marked = sorted({m.rect.page for m in marks})
    try:
        doc = pdfium.PdfDocument(pdf)
    except Exception as exc:  # noqa: BLE001
        raise ReleaseRefused([f"生成的文件无法打开（{type(exc).__name__}）"]) from None
    try:
        if len(doc) != source.page_count:
            problems.append(f"页数为{len(doc)}，原件为{source.page_count}")
        if doc.count_attachments():
            problems.append("文件中含有附带的文件")
        if raw.FPDFDoc_GetJavaScriptActionCount(doc.raw) > 0:
            problems.append("文件中含有脚本")
        carried = [v for v in source.metadata_values()
                   if any(v in value for value in doc.get_metadata_dict(skip_empty=True).values())]
        if carried:
            problems.append("文件属性中仍有原件的信息：" + "、".join(carried[:3]))
        texts: dict[int, str] = {}
        for i in range(len(doc)):
            page = doc[i]
            n = i + 1
            if raw.FPDFPage_GetAnnotCount(page.raw):
                problems.append(f"第{n}页含有批注或表单")
            tp = page.get_textpage()
            texts[n] = tp.get_text_range()
            if n in marked:
                if tp.count_chars() > 0:
                    problems.append(f"第{n}页仍有文字层")
                kinds = {obj.type for obj in page.get_objects(max_depth=1)}
                if kinds - {raw.FPDF_PAGEOBJ_IMAGE}:
                    problems.append(f"第{n}页除图像外还有其他内容")
            tp.close()
            page.close()
        # the boxes are black in the pixels
        for n in marked:
            page = doc[n - 1]
            rotation = page.get_rotation()
            if rotation:
                page.set_rotation(0)
            image = page.render(scale=72 / 72.0).to_pil().convert("L")
            page.close()
            for m in marks:
                r = m.rect.normalised()
                if r.page != n:
                    continue
                box = (int(r.x0) + 2, int(r.y0) + 2, int(r.x1 + 0.999) - 2, int(r.y1 + 0.999) - 2)
                if box[2] - box[0] >= 1 and box[3] - box[1] >= 1 and image.crop(box).getextrema()[1] > 60:
                    problems.append(f"第{n}页的标记框内不是全黑")
                    break
            image.close()
        problems += _uncovered(source, marks)
        # no marked text anywhere, by two extractors
        unmarked = [n - 1 for n in range(1, len(doc) + 1) if n not in marked]
        whole = _squeeze("".join(texts.values()))
        second = _squeeze(_pdfminer_text(pdf, unmarked)) if source.kind == "pdf" else ""
        for m in marks:
            needle = _squeeze(m.text)
            if not needle or (m.how == "rect" and len(needle) < COVERED_TEXT_MIN):
                continue
            if needle in whole or needle in second:
                where = [str(n) for n, t in texts.items() if needle in _squeeze(t)] or ["?"]
                problems.append(f"“{m.text}”仍出现在第{'、'.join(where)}页未遮盖的地方")
    finally:
        doc.close()
    if problems:
        raise ReleaseRefused(list(dict.fromkeys(problems)))
    return [f"共{source.page_count}页，遮盖{len(marks)}处（第{'、'.join(map(str, marked))}页转为图像，无文字层）",
            "标记的文字在公开版本中均已不存在（两种文字提取方法核对）",
            "无批注、表单、脚本、附带文件，原件的文件属性未带入"]
