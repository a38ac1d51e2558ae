"""Forms and registers: a ``Table`` laid out in the text block's width, cut into row groups for the page breaker.

Cells may span rows and columns; a group of rows tied together by a row span never splits across pages; the header
rows repeat at the top of every page; a single row taller than a page is cut between its lines. Text in cells wraps
with the same line breaker (避头尾, per-character font fallback) in 宋体, 4号 unless the table says otherwise.

A form's label columns (``Table.fit_columns``) are as wide as their longest text, so that no label wraps inside a
word; a number or address that is wider than its cell is never broken: the cell's text is set smaller until it fits
(down to ``MIN_CELL_SIZE``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from app.printing.document import Cell, Table
from app.printing.draw import draw_line
from app.printing.flow import Box
from app.printing.fonts import FontSet
from app.printing.geometry import BLOCK_HEIGHT, BLOCK_WIDTH, MM, SIZE_3, SIZE_4
from app.printing.linebreak import TextLine, break_text, text_width, widest_word

PAD_X = 1.5 * MM
PAD_Y = 1.0 * MM
LEADING = 1.4  # line height in cells, in font sizes
BORDER = 0.75
MIN_CELL_SIZE = 8.0  # points: the smallest a cell's text is set to fit an unbroken number or address
FIT_SHARE = 0.8  # fitted columns take at most this share of the width


@dataclass
class CellLayout:
    row: int
    col: int
    rowspan: int
    colspan: int
    cell: Cell
    plain: bool = False  # given as a plain string: header rows centre and embolden it
    x: float = 0.0
    width: float = 0.0
    lines: list[TextLine] | None = None
    size: float = SIZE_4


@dataclass
class DrawnCell:
    x: float
    y: float  # from the group's top
    width: float
    height: float
    lines: list[TextLine]
    bold: bool
    size: float


class RowsBox(Box):
    """A group of table rows drawn together (cells with their borders and text)."""

    def __init__(self, height: float, cells: list[DrawnCell], ascent: float):
        super().__init__(height=height, grid=False)
        self.cells, self.ascent = cells, ascent

    def draw(self, canvas, x, y_top):
        canvas.saveState()
        canvas.setLineWidth(BORDER)
        for c in self.cells:
            canvas.rect(x + c.x, y_top - c.y - c.height, c.width, c.height, stroke=1, fill=0)
        canvas.restoreState()
        for c in self.cells:
            lead = c.size * LEADING
            block = len(c.lines) * lead
            top = y_top - c.y - (c.height - block) / 2
            for k, line in enumerate(c.lines):
                baseline = top - k * lead - (lead - c.size) / 2 - c.size * self.ascent
                draw_line(canvas, line, x + c.x + PAD_X, baseline, c.size, fake_bold=c.bold)


def place_cells(rows) -> tuple[list[CellLayout], int, int]:
    """Where each cell goes on the grid of rows and columns, honouring spans: (cells, row count, column count)."""
    occupied: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            cell = item if isinstance(item, Cell) else Cell(str(item))
            while (r, c) in occupied:
                c += 1
            rs, cs = max(1, cell.rowspan), max(1, cell.colspan)
            occupied.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
            cells.append(CellLayout(r, c, rs, cs, cell, plain=not isinstance(item, Cell)))
            c += cs
    nrows = max([len(rows)] + [r + 1 for r, _c in occupied])
    ncols = max([1] + [c + 1 for _r, c in occupied])
    return cells, nrows, ncols


def column_widths(weights, ncols: int, total: float = BLOCK_WIDTH, fixed: dict[int, float] | None = None) -> list[float]:
    """Widths in points: ``fixed`` columns as given, the others sharing the rest by their weights."""
    w = [float(x) for x in (weights or ())][:ncols]
    w += [sum(w) / len(w) if w else 1.0] * (ncols - len(w))
    fixed = fixed or {}
    free = [i for i in range(ncols) if i not in fixed]
    rest = total - sum(fixed.values())
    s = sum(w[i] for i in free) or 1.0
    return [fixed[i] if i in fixed else rest * w[i] / s for i in range(ncols)]


def table_widths(table: Table, fonts: FontSet, cells: list[CellLayout], ncols: int) -> list[float]:
    """The columns of ``table`` in points; a fitted column as wide as its widest one-column cell set on one line."""
    size = table.font_size or SIZE_4
    fixed = {}
    for col in table.fit_columns:
        if 0 <= col < ncols:
            texts = [line for cl in cells if cl.col == col and cl.colspan == 1 for line in cl.cell.text.split("\n")]
            fixed[col] = max((text_width(t, fonts, "song", size) for t in texts), default=0.0) + 2 * PAD_X + 0.5
    if sum(fixed.values()) > FIT_SHARE * BLOCK_WIDTH:
        scale = FIT_SHARE * BLOCK_WIDTH / sum(fixed.values())
        fixed = {k: v * scale for k, v in fixed.items()}
    return column_widths(table.col_widths, ncols, fixed=fixed)


def cell_size(text: str, fonts: FontSet, size: float, width: float) -> float:
    """The type size for a cell's text: ``size``, or smaller so that its widest unbroken word fits ``width``."""
    widest = widest_word(text, fonts, "song", size)
    if widest <= width + 0.01:
        return size
    return max(MIN_CELL_SIZE, math.floor(size * width / widest * 10) / 10)


def table_boxes(table: Table, fonts: FontSet, composer) -> list[Box]:
    size = table.font_size or SIZE_4
    lead = size * LEADING
    ascent = 1.0 + fonts.primary("song").descent
    cells, nrows, ncols = place_cells(table.rows)
    widths = table_widths(table, fonts, cells, ncols)
    lefts = [sum(widths[:i]) for i in range(ncols + 1)]
    header_rows = min(table.header_rows, nrows)
    for cl in cells:
        cl.rowspan = min(cl.rowspan, nrows - cl.row)
        cl.colspan = min(cl.colspan, ncols - cl.col)
        cl.x, cl.width = lefts[cl.col], lefts[cl.col + cl.colspan] - lefts[cl.col]
        styled = cl.plain and cl.row < header_rows
        align = "center" if styled else cl.cell.align
        cl.cell = Cell(cl.cell.text, cl.colspan, cl.rowspan, align, cl.cell.bold or styled)
        cl.size = cell_size(cl.cell.text, fonts, size, cl.width - 2 * PAD_X)
        cl.lines = break_text(cl.cell.text, fonts, "song", cl.size, cl.width - 2 * PAD_X, align=align)
    minimum = (table.min_row_height_mm * MM) if table.min_row_height_mm else lead + 2 * PAD_Y
    heights = [minimum] * nrows
    for cl in cells:
        if cl.rowspan == 1:
            heights[cl.row] = max(heights[cl.row], len(cl.lines) * cl.size * LEADING + 2 * PAD_Y)
    for cl in cells:
        if cl.rowspan > 1:
            need = len(cl.lines) * cl.size * LEADING + 2 * PAD_Y - sum(heights[cl.row:cl.row + cl.rowspan])
            if need > 0:
                heights[cl.row + cl.rowspan - 1] += need
    groups = _groups(cells, nrows, header_rows)
    out: list[Box] = []
    if table.caption:
        out += composer.text_boxes(composer.lines(table.caption, "heading1", SIZE_3, align="center"), "heading1",
                                   keep=True)
    headers: list[Box] = []
    for first, last in groups:
        is_header = last < header_rows
        group_cells = [cl for cl in cells if first <= cl.row <= last]
        room = BLOCK_HEIGHT - sum(h.height for h in headers)
        # a row that is one cell across the table heads the rows after it (表三's “三、本年度办理结果”)
        heads_rows = len(group_cells) == 1 and group_cells[0].colspan == ncols and last < nrows - 1
        for box in _group_boxes(group_cells, heights, first, last, ascent, room):
            box.is_header = is_header
            box.keep_with_next = is_header or heads_rows
            if is_header:
                headers.append(box)
            else:
                box.headers = headers
            out.append(box)
    return out


def _groups(cells: list[CellLayout], nrows: int, header_rows: int) -> list[tuple[int, int]]:
    """Row ranges that must stay on one page: rows tied by row spans (the header rows form one group)."""
    reach = list(range(nrows))
    for cl in cells:
        reach[cl.row] = max(reach[cl.row], cl.row + cl.rowspan - 1)
    groups, r = [], 0
    while r < nrows:
        end = max(reach[r], header_rows - 1) if r < header_rows else reach[r]
        k = r
        while k <= end:
            end = max(end, reach[k])
            k += 1
        groups.append((r, end))
        r = end + 1
    return groups


def _group_boxes(cells, heights, first, last, ascent, room) -> list[RowsBox]:
    tops = {first: 0.0}
    for r in range(first, last):
        tops[r + 1] = tops[r] + heights[r]
    total = tops[last] + heights[last]
    if total <= room or first != last:
        drawn = [DrawnCell(cl.x, tops[cl.row], cl.width, sum(heights[cl.row:cl.row + cl.rowspan]), cl.lines,
                           cl.cell.bold, cl.size) for cl in cells]
        return [RowsBox(total, drawn, ascent)]
    # one row taller than a page: cut it between lines
    per = {id(cl): max(1, math.floor((room - 2 * PAD_Y) / (cl.size * LEADING))) for cl in cells}
    pieces = max(math.ceil(len(cl.lines) / per[id(cl)]) for cl in cells)
    out = []
    for p in range(pieces):
        chunks = [cl.lines[p * per[id(cl)]:(p + 1) * per[id(cl)]] for cl in cells]
        height = max(len(ch) * cl.size * LEADING for cl, ch in zip(cells, chunks)) + 2 * PAD_Y
        drawn = [DrawnCell(cl.x, 0.0, cl.width, height, ch, cl.cell.bold, cl.size) for cl, ch in zip(cells, chunks)]
        out.append(RowsBox(height, drawn, ascent))
    return out
