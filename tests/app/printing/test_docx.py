"""The Word export: same text, A4 with the GB/T 9704 margins, official East-Asian font names, PAGE fields."""
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from app.printing import render_docx
from app.printing.fonts import fontset
from app.printing.geometry import MM
from app.printing.samples import CITATION, sample_form, sample_letter, sample_long_letter
from tests.app.printing.helpers import BLOCK, ink_top, libreoffice_pdf, needs_libreoffice, notice, pages_chars

OFFICIAL = {"仿宋", "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体", "楷体_GB2312", "宋体"}


@pytest.fixture(scope="module")
def letter():
    return docx.Document(io.BytesIO(render_docx(sample_letter())))


def test_text_and_citation_read_back(letter):
    text = "\n".join(p.text for p in letter.paragraphs)
    doc = sample_letter()
    assert doc.title in text and doc.doc_number in text and doc.addressee in text
    assert CITATION in text and "第三十六条第（二）项" in text
    for block in doc.blocks:
        assert block.text in text
    assert "附件：1.政府信息公开申请登记回执" in text and "2026年4月3日" in text and "青山县人民政府办公室" in text


def test_every_run_names_an_official_east_asian_font(letter):
    runs = [r for p in letter.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in OFFICIAL
    title = letter.paragraphs[0].runs[0]
    assert title.font.size.pt == 22
    if fontset().roles["title"].official:
        assert title._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
        assert not title.font.bold
    else:  # 7.3.1 without 小标宋, as in the PDF: 宋体, bold — not a regular face that looks like body text
        assert title._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
        assert title.font.bold
    body = next(p for p in letter.paragraphs if p.text.startswith("本机关"))
    assert body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent is not None


def test_office_masthead_is_a_letterhead_in_the_first_page_header():
    """10.1 信函格式 as in the PDF: mark, double rule and 发文字号 in the first page's header, no number on page 1."""
    out = docx.Document(io.BytesIO(render_docx(notice(6, "青山县人民政府办公室"))))
    section = out.sections[0]
    assert section.different_first_page_header_footer
    header = [p.text for p in section.first_page_header.paragraphs]
    assert header[:2] == ["青山县人民政府办公室", "青政办公开〔2026〕12号"]
    mark = section.first_page_header.paragraphs[0]
    assert mark.runs[0].font.color.rgb == RGBColor(0xE6, 0x00, 0x12)
    assert mark._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "thickThinSmallGap"
    assert "PAGE" not in section.first_page_footer._element.xml
    assert "青政办公开〔2026〕12号" not in "".join(p.text for p in out.paragraphs)  # not twice


def test_page_setup_and_line_spacing(letter):
    section = letter.sections[0]
    measured = [round(v.mm, 1) for v in (section.page_width, section.page_height, section.top_margin,
                                         section.left_margin, section.right_margin, section.bottom_margin)]
    assert measured == [210, 297, 37, 28, 26, 35]
    assert letter.styles["Normal"].paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.01)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    # 28 characters a line from the body's character spacing: 16 pt - 0.25 pt, 28 of them inside 156 mm
    spacing = letter.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert 28 * pitch <= 156 / 25.4 * 72 < 29 * pitch


def test_footer_holds_page_fields_on_odd_and_even_pages(letter):
    section = letter.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert footer.paragraphs[0].text.startswith("— ")


def test_tables_keep_spans_and_repeat_headers():
    out = docx.Document(io.BytesIO(render_docx(sample_form(12))))
    table = out.tables[0]
    assert len(table.rows) == 14 and len(table.columns) == 6
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc  # 序号 spans two rows
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc  # 申请人 spans two columns
    assert table.cell(0, 1).text == "申请人" and table.cell(1, 1).text == "姓名或名称"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.cell(2, 3).text == "2026-依申请-0001"


def test_lines_break_as_in_the_pdf(letter):
    """避头尾 by pushing out (no hanging or compressed punctuation), no automatic space around digits and Latin text
    (LibreOffice and WPS widen such lines), and the request number's hyphens do not break."""
    ppr = letter.styles["Normal"].element.pPr
    values = {tag: ppr.find(qn(f"w:{tag}")).get(qn("w:val")) for tag in
              ("kinsoku", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN")}
    assert values == {"kinsoku": "1", "overflowPunct": "0", "topLinePunct": "0", "autoSpaceDE": "0",
                      "autoSpaceDN": "0"}
    control = letter.settings.element.find(qn("w:characterSpacingControl"))
    assert control.get(qn("w:val")) == "doNotCompress"
    body = next(p for p in letter.paragraphs if "2026-依申请-0012" in p.text)
    assert body._p.xml.count("<w:noBreakHyphen/>") == 2
    assert body._p.pPr.find(qn("w:autoSpaceDE")).get(qn("w:val")) == "0"  # LibreOffice reads only the paragraph's


@needs_libreoffice
def test_page_number_dash_sits_7mm_below_the_text_block(tmp_path):
    """GB/T 9704 7.5, as LibreOffice lays the footer out: the 一字线's ink 7 mm below the block's lower edge."""
    pdf = libreoffice_pdf(render_docx(sample_long_letter()), ".docx", tmp_path)
    for page in range(2):
        chars = [c for c in pages_chars(pdf)[page] if c["top"] > BLOCK[3]]
        dash = ink_top(pdf, page, (chars[0]["x0"], BLOCK[3], chars[0]["x1"], BLOCK[3] + 20 * MM))
        assert (dash - BLOCK[3]) / MM == pytest.approx(7, abs=0.3)


@needs_libreoffice
def test_tables_line_up_with_the_text_block(tmp_path):
    """The table's borders on the block's edges (not 2 mm to the left), its cells padded as in the PDF."""
    import pdfplumber
    pdf = libreoffice_pdf(render_docx(sample_form(3)), ".docx", tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        edges = [e["x0"] for e in page.lines + page.rects] + [e["x1"] for e in page.lines + page.rects]
    assert min(edges) == pytest.approx(BLOCK[0], abs=0.6)
    assert max(edges) == pytest.approx(BLOCK[2], abs=0.6)
