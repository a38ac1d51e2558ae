"""Recognising a whole file, one page at a time: a scanned image (JPEG, PNG, multi-page TIFF) or a PDF whose pages
carry no text layer (the scanner's PDF). Pages that already have text are left to the PDF reader."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app import errors
from app.errors import ServiceError
from app.ocr.engine import Line, recognise

DEFAULT_DPI = 200


class Cancelled(errors.Cancelled):
    def __init__(self):
        super().__init__("已取消文字识别")


@dataclass(frozen=True)
class Page:
    """One page's recognised lines; ``width`` and ``height`` in points, as ``app.redaction.source`` measures them."""
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def needs_recognition(source, page: int) -> bool:
    """A scanned picture always; a PDF page only when it has no text of its own."""
    return source.kind == "image" or not source.page_text(page).strip()


def recognise_source(source, dpi: float = DEFAULT_DPI, pages: list[int] | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     cancel: Callable[[], bool] | None = None, all_pages: bool = False) -> list[Page]:
    """The recognised pages of an opened ``app.redaction.source.Source`` (those that need it, or every page with
    ``all_pages``); one page picture is held at a time. ``progress(done, total)`` after each page; ``cancel()`` is
    asked before each page and raises ``Cancelled``."""
    wanted = pages if pages is not None else list(range(1, source.page_count + 1))
    todo = [p for p in wanted if all_pages or needs_recognition(source, p)]
    out = []
    for done, number in enumerate(todo):
        if cancel is not None and cancel():
            raise Cancelled()
        picture = source.render(number, dpi)
        try:
            lines = recognise(picture, dpi)
        finally:
            picture.close()
        width, height = source.page_size(number)
        out.append(Page(number, width, height, tuple(lines)))
        if progress is not None:
            progress(done + 1, len(todo))
    return out


def recognise_file(path: str, dpi: float = DEFAULT_DPI, **options) -> list[Page]:
    """``recognise_source`` for a file on disk; a file that is not a PDF or a picture is refused with the reason."""
    from pathlib import PurePath

    from app.redaction.source import SUFFIXES, open_file

    if PurePath(path).suffix.lower() not in SUFFIXES:
        raise ServiceError(f"“{PurePath(path).name}”不是可以识别文字的文件：只能识别 PDF 和扫描图片（JPEG、PNG、TIFF）")
    with open_file(path) as source:
        return recognise_source(source, dpi, **options)
