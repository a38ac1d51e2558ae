"""Boxes stacked down the text block, and the page breaker that deals them onto pages.

Text sits on the 22-line grid: a text box always starts on a grid line. Tables are not on the grid; the text after a
table starts on the next grid line. A box that does not fit starts a new page and takes with it the boxes before it
that asked to be kept with their next (a heading with its first line; the two lines before a signature, GB/T
9704-2012 7.3.5). Blank lines falling at the top of a page are dropped. Table rows repeat the table's header rows at
the top of each page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.printing.geometry import BLOCK_HEIGHT, LINE

EPS = 0.01


@dataclass(eq=False)
class Box:
    height: float
    grid: bool = True  # starts on a grid line
    keep_with_next: bool = False
    blank: bool = False  # an empty line: dropped at the top of a page
    page_break: bool = False
    headers: list["Box"] = field(default_factory=list)  # a table row: header rows to repeat on a new page
    is_header: bool = False

    def draw(self, canvas, x: float, y_top: float) -> None:  # pragma: no cover - overridden
        pass


def _snap(y: float) -> float:
    return math.ceil(y / LINE - EPS) * LINE


def paginate(boxes: list[Box], page_height: float = BLOCK_HEIGHT) -> list[list[tuple[Box, float]]]:
    """Deal ``boxes`` onto pages: each page is a list of (box, offset from the top of the text block)."""
    pages: list[list[tuple[Box, float]]] = [[]]
    index: list[int | None] = []  # for each entry of the current page: its place in ``boxes`` (None: a header copy)
    y = 0.0
    i = 0
    while i < len(boxes):
        box = boxes[i]
        page = pages[-1]
        started = any(k is not None for k in index)
        if box.page_break:
            if started:
                pages.append([])
                index, y = [], 0.0
            i += 1
            continue
        if not started and box.blank:
            i += 1
            continue
        if not page and box.headers and not box.is_header:
            for header in box.headers:
                page.append((header, y))
                index.append(None)
                y += header.height
        top = _snap(y) if box.grid else y
        if top + box.height <= page_height + EPS or not started:
            page.append((box, top))
            index.append(i)
            y = top + box.height
            i += 1
            continue
        # the box does not fit: carry the boxes kept with it, unless nothing else would stay on this page
        j = len(page)
        while j > 0 and index[j - 1] is not None and page[j - 1][0].keep_with_next:
            j -= 1
        if j < len(page) and any(k is not None for k in index[:j]):
            i = index[j]
            del page[j:]
        pages.append([])
        index, y = [], 0.0
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages
