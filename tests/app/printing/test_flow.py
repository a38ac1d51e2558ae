"""Page breaking: the signature never opens a page alone, headings stay with their text, blank lines at a page top
are dropped, tables repeat their headers."""
import datetime as dt

import pytest

from app.printing.compose import Composer, DateBox
from app.printing.document import Cell, Document, Heading, PageBreak, Paragraph, Signature, Spacer, Table
from app.printing.flow import Box, paginate
from app.printing.fonts import fontset
from app.printing.geometry import BLOCK_HEIGHT, LINE, LINES_PER_PAGE
from app.printing.tables import place_cells


def _pages(doc):
    return paginate(Composer(fontset({})).compose(doc))


def _text(box):
    return "".join(r.text for r in box.line.runs) if hasattr(box, "line") else ""


@pytest.mark.parametrize("body_chars", range(28 * 14, 28 * 22, 14))
def test_signature_always_has_two_lines_of_text_before_it_on_its_page(body_chars):
    doc = Document(title="告知书", addressee="张三：", blocks=[Paragraph("公" * body_chars)],
                   signature=Signature(("青山县人民政府办公室",), dt.date(2026, 4, 3)))
    for page in _pages(doc):
        boxes = [b for b, _y in page]
        dates = [k for k, b in enumerate(boxes) if isinstance(b, DateBox)]
        if dates:
            name_at = dates[0] - 1
            before = [b for b in boxes[:name_at] if not b.blank and _text(b)]
            assert len(before) >= 2
        for box, y in page:
            assert y + box.height <= BLOCK_HEIGHT + 0.01


def test_a_page_holds_22_grid_lines_and_blank_lines_at_its_top_are_dropped():
    doc = Document(title="", blocks=[Paragraph("公" * 28 * 22, indent=False), Spacer(2), Paragraph("开" * 28, indent=False)])
    pages = _pages(doc)
    assert [len(p) for p in pages] == [LINES_PER_PAGE, 1]
    assert [round(y / LINE) for _b, y in pages[0]] == list(range(22))
    assert not pages[1][0][0].blank


def test_heading_is_never_the_last_line_of_a_page():
    doc = Document(title="", blocks=[Paragraph("公" * 28 * 21, indent=False), Heading("一、办理情况"),
                                     Paragraph("开" * 56)])
    pages = _pages(doc)
    assert _text(pages[1][0][0]).endswith("办理情况")


def test_page_break_starts_a_new_page():
    doc = Document(title="", blocks=[Paragraph("一"), PageBreak(), Paragraph("二")])
    assert len(_pages(doc)) == 2


def test_table_rows_repeat_the_header_and_row_spans_stay_together():
    rows = (("序号", "内容"),) + tuple((str(k), "政府信息公开申请" * (k % 4 + 1)) for k in range(80))
    pages = _pages(Document(title="", blocks=[Table(rows=rows, header_rows=1)]))
    assert len(pages) > 2
    for page in pages:
        assert page[0][0].is_header
    cells, nrows, ncols = place_cells(((Cell("甲", rowspan=2), "乙", "丙"), ("丁", "戊"),
                                       (Cell("己", colspan=2), "庚")))
    assert (nrows, ncols) == (3, 3)
    assert [(c.row, c.col) for c in cells] == [(0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 0), (2, 2)]


def test_paginate_places_an_oversized_box_instead_of_looping():
    big = Box(height=BLOCK_HEIGHT * 1.5, grid=False)
    pages = paginate([Box(height=LINE), big, Box(height=LINE)])
    assert len(pages) == 3


@pytest.mark.parametrize("body_chars", range(28 * 12, 28 * 22, 14))
def test_the_note_stays_with_the_signature(body_chars):
    """GB/T 9704 7.3.6: the 附注 “（联系人：…）” follows the date; no page may hold it alone."""
    doc = Document(title="告知书", addressee="张三：", blocks=[Paragraph("公" * body_chars)],
                   signature=Signature(("青山县人民政府办公室",), dt.date(2026, 4, 3)),
                   notes=("（联系人：张明，联系电话：0878-3123456）",))
    pages = _pages(doc)
    for page in pages:
        texts = [_text(b) for b, _y in page if _text(b)]
        if any(t.startswith("（联系人") for t in texts):
            assert any(isinstance(b, DateBox) for b, _y in page), texts


def _cells(table):
    boxes = Composer(fontset({})).block(table)
    return {("".join(r.text for line in c.lines for r in line.runs)): c for box in boxes for c in box.cells}


def test_fitted_label_columns_hold_their_longest_label_on_one_line():
    rows = (("统一社会信用代码", "91350100M000100Y43", "收到日期", "2026-03-09"),
            ("所需信息的内容描述", Cell("某某路道路拓宽工程招标文件及中标结果", colspan=3)))
    cells = _cells(Table(rows, col_widths=(1.3, 1.5, 1.2, 1.6), fit_columns=(0, 2)))
    for label in ("统一社会信用代码", "所需信息的内容描述", "收到日期"):
        assert len(cells[label].lines) == 1, label


def test_a_number_or_address_wider_than_its_cell_is_set_smaller_not_broken():
    rows = (("编号", "2026-依申请-0076"), ("邮箱", "zhou.li.procurement@example.com.cn"))
    cells = _cells(Table(rows, col_widths=(1, 1.2)))  # the second column is about 85 mm
    narrow = _cells(Table(rows, col_widths=(2, 1)))  # about 52 mm
    for text in ("2026-依申请-0076", "zhou.li.procurement@example.com.cn"):
        assert len(narrow[text].lines) == 1 and len(cells[text].lines) == 1
    assert narrow["zhou.li.procurement@example.com.cn"].size < 14
    assert cells["2026-依申请-0076"].size == narrow["2026-依申请-0076"].size == 14
