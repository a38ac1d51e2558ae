"""Making marks: by a typed phrase (every place it occurs), by the privacy screen's findings (every ID number, phone
number… the 发布审核 screen finds, ``app.publication.screen``), or by a rectangle drawn by hand."""
from __future__ import annotations

from app.errors import ValidationError
from app.publication.screen import KINDS, paragraphs_of, screen_paragraph
from app.redaction.release import Mark
from app.redaction.source import Rect, Source


def by_text(source: Source, text: str, ground: str, note: str = "") -> list[Mark]:
    """A mark on every occurrence of ``text``; a text that does not occur is refused (a typing mistake would
    otherwise release the very thing the clerk meant to remove)."""
    phrase = (text or "").strip()
    if not phrase:
        raise ValidationError("查找的文字", "不能为空")
    if source.kind != "pdf" and not source.recognised:
        raise ValidationError("查找的文字", f"“{source.name}”是扫描图片，尚未识别文字，请先识别文字或用鼠标框选")
    rects = source.find(phrase)
    if not rects:
        raise ValidationError("查找的文字", f"“{phrase}”在“{source.name}”中没有找到（文件中没有这段文字，或它是扫描图像的一部分），"
                                       "未生成任何文件")
    return [Mark(r, ground, note, phrase, "search") for r in rects]


def uncertain(source: Source, marks: list[Mark]) -> list[tuple[Mark, float]]:
    """The marks found in a scan's recognised text with a confidence below ``LOW_CONFIDENCE``: the clerk looks at
    each before it is kept (the engine may have misread a character, so the box may cover the wrong words)."""
    from app.ocr.layers import LOW_CONFIDENCE
    scores = {}
    for m in marks:
        for rect, confidence in source.find_scored(m.text):
            scores[(rect.page, round(rect.x0), round(rect.y0))] = confidence
    out = []
    for m in marks:
        confidence = scores.get((m.rect.page, round(m.rect.x0), round(m.rect.y0)))
        if confidence is not None and confidence < LOW_CONFIDENCE:
            out.append((m, confidence))
    return out


def by_rect(source: Source, rect: Rect, ground: str, note: str = "") -> Mark:
    """A rectangle drawn by hand; the text it covers is kept with it, so that the check after generating can make
    sure that text does not remain elsewhere in the file."""
    return Mark(rect.normalised(), ground, note, source.text_in(rect.normalised()), "rect")


def screen_findings(source: Source, kinds: tuple[str, ...] | None = None) -> list[tuple[int, str, str]]:
    """What the privacy screen finds on each page: (page, kind, text), e.g. (2, "id_number", "1101…")."""
    out = []
    for page in range(1, source.page_count + 1):
        for para in paragraphs_of(source.page_text(page)):
            for f in screen_paragraph(para, source.name, f"第{page}页"):
                if kinds is None or f.kind in kinds:
                    out.append((page, f.kind, f.text))
    return list(dict.fromkeys(out))


def by_screen(source: Source, ground: str, kinds: tuple[str, ...] | None = None) -> list[Mark]:
    """Marks on every place the screen's findings occur (``kinds``: e.g. ("id_number",) for 所有身份证号)."""
    marks: list[Mark] = []
    seen: set[tuple] = set()
    for page, kind, text in screen_findings(source, kinds):
        for r in source.find(text):
            key = (r.page, round(r.x0), round(r.y0), round(r.x1), round(r.y1))
            if r.page == page and key not in seen:
                seen.add(key)
                marks.append(Mark(r, ground, KINDS[kind], text, "screen"))
    return marks


def parse_box(text: str) -> Rect:
    """``PAGE:X0,Y0,X1,Y1`` in points from the page's top-left corner (the command line's --box)."""
    try:
        page, coords = text.split(":", 1)
        x0, y0, x1, y1 = (float(v) for v in coords.split(","))
        return Rect(int(page), x0, y0, x1, y1).normalised()
    except ValueError:
        raise ValidationError("--box", f"“{text}”应写成 页码:左,上,右,下（单位为点，自页面左上角量起），如 2:72,100,300,130") \
            from None
