"""The PDF engine: text survives, fonts are embedded, everything stays in the GB/T 9704-2012 text block."""
import shutil

import pytest

from app.printing import render_pdf
from app.printing import fontfiles
from app.printing.document import Document, Paragraph, Signature, Table
from app.printing.fonts import EXTENSION_FILES, MISSING_MARK, fontset
from app.printing.geometry import BLOCK_HEIGHT, LINE, MM, PAGE_NUMBER_GAP, PITCH, SIZE_4, TOP_MARGIN
from app.printing.linebreak import NO_END, NO_START
from app.printing.samples import CITATION, sample_form, sample_letter, sample_long_letter
from tests.app.printing.helpers import (BLOCK, document_text, han, ink_top, lines_of, metadata, needs_poppler, notice,
                                        pages_chars, pdffonts, pdftotext, squeeze)

TOL = 0.3  # points: a full-width glyph's 16 pt box is 0.21 pt wider than the 28-per-line pitch
NUMBER_TOP = TOP_MARGIN + BLOCK_HEIGHT + PAGE_NUMBER_GAP


@pytest.fixture(scope="module")
def letter_pdf():
    return render_pdf(sample_letter())


@pytest.fixture(scope="module")
def form_pdf():
    return render_pdf(sample_form())


@pytest.fixture(scope="module")
def long_pdf():
    return render_pdf(sample_long_letter())


@needs_poppler
@pytest.mark.parametrize("make", [sample_letter, sample_form])
def test_every_chinese_character_and_the_citation_survive(make):
    doc = make()
    text = squeeze(pdftotext(render_pdf(doc)))
    missing = [ch for ch in han(document_text(doc)) if ch not in text]
    assert missing == []
    if make is sample_letter:
        assert squeeze(CITATION) in text
        assert "第三十六条第（二）项" in text
        assert all(squeeze(block.text) in text for block in doc.blocks)


def test_pdfplumber_reads_the_same_text(letter_pdf):
    text = squeeze("".join(c["text"] for page in pages_chars(letter_pdf) for c in page))
    for block in sample_letter().blocks:
        assert squeeze(block.text) in text


@needs_poppler
@pytest.mark.parametrize("name", ["letter_pdf", "form_pdf", "long_pdf"])
def test_every_font_is_embedded(name, request, tmp_path):
    rows = pdffonts(request.getfixturevalue(name), tmp_path)
    assert rows
    assert all(r["emb"] == "yes" for r in rows), rows


def test_metadata_names_the_document_and_the_program(letter_pdf):
    meta = metadata(letter_pdf)
    assert meta["Title"] == "政府信息公开申请答复告知书"
    assert meta["Creator"] == "政务公开工作台"


def _page_number_chars(page):
    return [c for c in page if c["top"] >= BLOCK[3] + 1]


@pytest.mark.parametrize("name", ["letter_pdf", "form_pdf", "long_pdf"])
def test_text_stays_inside_the_text_block(name, request):
    for number, page in enumerate(pages_chars(request.getfixturevalue(name)), 1):
        body = [c for c in page if c not in _page_number_chars(page)]
        outside = [c for c in body if c["x0"] < BLOCK[0] - TOL or c["x1"] > BLOCK[2] + TOL
                   or c["top"] < BLOCK[1] - TOL or c["bottom"] > BLOCK[3] + TOL]
        assert outside == [], (number, outside[:3])


@pytest.mark.parametrize("name", ["letter_pdf", "long_pdf"])
def test_page_numbers_sit_7mm_below_the_block_alternating_sides(name, request):
    for number, page in enumerate(pages_chars(request.getfixturevalue(name)), 1):
        chars = _page_number_chars(page)
        assert "".join(c["text"] for c in chars).replace(" ", "") == f"—{number}—"
        # GB/T 9704 7.5: the 一字线 itself (its ink, not the glyph's box) 7 mm below the text block
        dash = ink_top(request.getfixturevalue(name), number - 1, (chars[0]["x0"], BLOCK[3], chars[0]["x1"],
                                                                    BLOCK[3] + 20 * MM))
        assert dash == pytest.approx(NUMBER_TOP, abs=0.3)
        assert all(c["size"] == pytest.approx(SIZE_4) for c in chars)
        if number % 2:  # odd: right, one character in
            assert max(c["x1"] for c in chars) == pytest.approx(BLOCK[2] - SIZE_4, abs=0.5)
        else:
            assert min(c["x0"] for c in chars) == pytest.approx(BLOCK[0] + SIZE_4, abs=0.5)


def test_a_full_page_has_22_lines_of_28_characters():
    text = "".join("政府信息公开工作机构负责本行政机关的日常工作"[k % 22] for k in range(28 * 30))
    pdf = render_pdf(Document(title="", blocks=[Paragraph(text, indent=False)]))
    first = pages_chars(pdf)[0]
    lines = lines_of([c for c in first if c["top"] < BLOCK[3]])
    assert len(lines) == 22
    assert [len(line) for line in lines] == [28] * 22
    for k, line in enumerate(lines):
        assert line[0]["x0"] == pytest.approx(BLOCK[0], abs=0.01)
        assert line[-1]["x0"] == pytest.approx(BLOCK[0] + 27 * PITCH, abs=0.01)
        assert line[0]["baseline"] - lines[0][0]["baseline"] == pytest.approx(k * LINE, abs=0.01)
    assert len(pages_chars(pdf)) == 2


def test_lines_obey_kinsoku_and_are_justified(long_pdf):
    """避头尾: no line starts with a closing mark or ends with an opening one; lines that do not end a paragraph
    reach the right edge of the block."""
    full = 0
    for page in pages_chars(long_pdf):
        for line in lines_of([c for c in page if c["top"] < BLOCK[3]]):
            assert line[0]["text"] not in NO_START, "".join(c["text"] for c in line)
            assert line[-1]["text"] not in NO_END, "".join(c["text"] for c in line)
            if line[-1]["x1"] > BLOCK[2] - 1:
                full += 1
                assert line[-1]["x1"] <= BLOCK[2] + TOL
    assert full > 20


def test_a_comma_that_would_start_a_line_pulls_a_character_with_it():
    pdf = render_pdf(Document(title="", blocks=[Paragraph("公" * 28 + "，" + "开" * 10, indent=False)]))
    lines = lines_of(pages_chars(pdf)[0][:-5])
    texts = ["".join(c["text"] for c in line) for line in lines]
    assert texts[0] == "公" * 27 and texts[1].startswith("公，")
    assert lines[0][-1]["x1"] == pytest.approx(BLOCK[2], abs=TOL)  # spread to the full width


def test_rare_characters_print_with_a_font_that_has_them():
    """Each character goes to a font whose cmap has it; a character no installed font has prints as 〓."""
    fs = fontset({})
    rare = "王㛃吉𠮷〔〕①②ABCxyz0123"
    drawn = ""
    for ch in rare:
        font, shown = fs.resolve("body", ch)
        assert font.has(shown)
        if shown != ch:
            assert shown == MISSING_MARK and not any(
                (f := fontfiles.load(e.path, e.index)) is not None and f.has(ch)
                for e in fontfiles.fonts_with_char(ch, EXTENSION_FILES))
        drawn += shown
    for ch in "㛃〔〕①A1":  # in the free fonts every installation has
        assert fs.resolve("body", ch)[1] == ch
    pdf = render_pdf(Document(title="", blocks=[Paragraph(rare, indent=False)]), fonts=fs)
    assert "".join(c["text"] for c in pages_chars(pdf)[0][:len(rare)]) == drawn


def test_long_text_flows_onto_numbered_pages(long_pdf):
    pages = pages_chars(long_pdf)
    assert len(pages) >= 3
    if shutil.which("pdftotext"):
        text = squeeze(pdftotext(long_pdf))
        assert "—2—" in text and f"—{len(pages)}—" in text
    doc = sample_long_letter()
    all_text = squeeze("".join(c["text"] for page in pages for c in page))
    assert all(ch in all_text for ch in han(document_text(doc)))


def test_signature_date_is_four_characters_from_the_right_and_the_name_centred_over_it(letter_pdf):
    page = pages_chars(letter_pdf)[0]
    lines = lines_of([c for c in page if c["top"] < BLOCK[3]])
    texts = ["".join(c["text"] for c in line) for line in lines]
    date = lines[texts.index("2026年4月3日")]
    name = lines[texts.index("青山县人民政府办公室")]
    assert date[-1]["x0"] + PITCH == pytest.approx(BLOCK[2] - 4 * PITCH, abs=0.5)
    date_centre = (date[0]["x0"] + date[-1]["x0"] + PITCH) / 2
    name_centre = (name[0]["x0"] + name[-1]["x0"] + PITCH) / 2
    assert name_centre == pytest.approx(date_centre, abs=1)


def test_table_header_repeats_on_every_page_and_every_row_is_there(form_pdf):
    pages = pages_chars(form_pdf)
    assert len(pages) >= 3
    for page in pages:
        text = "".join(c["text"] for c in page)
        assert "登记编号" in text and "申请内容" in text and "姓名或名称" in text
    text = squeeze("".join(c["text"] for page in pages for c in page))
    assert all(f"2026-依申请-{k:04d}" in text for k in range(1, 61))


def test_a_row_taller_than_a_page_is_cut_between_lines():
    long_cell = "关于政府信息公开申请的补充说明" * 120
    pdf = render_pdf(Document(title="", blocks=[Table(rows=(("说明", long_cell),), col_widths=(1, 4))]))
    pages = pages_chars(pdf)
    assert len(pages) >= 2
    text = squeeze("".join(c["text"] for page in pages for c in page if c["top"] < BLOCK[3]))
    assert text.replace("说明", "", 1) == squeeze(long_cell)
    for page in pages:
        assert all(BLOCK[1] - TOL <= c["top"] and c["bottom"] <= BLOCK[3] + TOL
                   for c in page if c["top"] < BLOCK[3])


def test_masthead_and_unsealed_signature_layout():
    doc = Document(title="关于做好2026年政府信息公开工作的通知", heading="青山县人民政府办公室文件",
                   doc_number="青政办发〔2026〕3号", addressee="各乡（镇）人民政府，县直各部门：",
                   blocks=[Paragraph("现将有关事项通知如下。")],
                   signature=Signature(("青山县人民政府办公室",), __import__("datetime").date(2026, 1, 5), seal=False))
    page = pages_chars(render_pdf(doc))[0]
    masthead = [c for c in page if c["text"] in "青山县人民政府办公室文件" and c["size"] > 30]
    assert masthead and min(c["top"] for c in masthead) == pytest.approx(TOP_MARGIN + 35 * MM, abs=1)
    lines = lines_of([c for c in page if c["top"] < BLOCK[3]])
    texts = ["".join(c["text"] for c in line) for line in lines]
    name, date = lines[texts.index("青山县人民政府办公室")], lines[texts.index("2026年1月5日")]
    assert name[-1]["x0"] + PITCH == pytest.approx(BLOCK[2] - 2 * PITCH, abs=0.5)  # 右空二字
    assert date[0]["x0"] == pytest.approx(name[0]["x0"] + 2 * PITCH, abs=0.5)  # 首字右移二字


def test_renders_from_several_threads_at_once_are_whole():
    from concurrent.futures import ThreadPoolExecutor
    docs = [sample_letter(), sample_form(20), sample_long_letter(8)] * 3
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(render_pdf, docs))
    for doc, pdf in zip(docs, results):
        text = squeeze("".join(c["text"] for page in pages_chars(pdf) for c in page))
        assert all(ch in text for ch in han(document_text(doc)))


@pytest.mark.parametrize("body_lines", [6, 10, 12])
def test_an_office_masthead_does_not_carry_a_one_page_notice_onto_a_second_page(body_lines):
    """GB/T 9704 10.1 信函格式 for a masthead that is the office's name: a notice that leaves a line free stays on one
    page (only one that fills all 22 lines without a masthead cannot)."""
    plain = pages_chars(render_pdf(notice(body_lines, None)))
    assert len(plain) == 1
    pdf = render_pdf(notice(body_lines, "青山县人民政府办公室"))
    pages = pages_chars(pdf)
    assert len(pages) == 1
    page = pages[0]
    mark = [c for c in page if c["size"] > 25]
    assert "".join(c["text"] for c in mark) == "青山县人民政府办公室"
    assert min(c["top"] for c in mark) == pytest.approx(30 * MM, abs=1)  # 30 mm below the top of the page
    number = [line for line in lines_of(page) if "".join(c["text"] for c in line) == "青政办公开〔2026〕12号"][0]
    assert number[-1]["x1"] == pytest.approx(BLOCK[2], abs=TOL)  # flush right under the rule
    assert not [c for c in page if c["top"] > BLOCK[3] + 1 and c["text"] == "—"]  # 首页不显示页码
