"""A file is recognised page by page: picture pages and text-less PDF pages, with progress and cancel."""
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.ocr import pages

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _scan(text: str) -> Image.Image:
    image = Image.new("RGB", (1240, 400), "white")
    ImageDraw.Draw(image).text((100, 150), text, fill="black", font=ImageFont.truetype(FONT, 40))
    return image


def test_a_two_page_tiff_is_read_page_by_page_with_progress(tmp_path):
    path = tmp_path / "scan.tiff"
    first, second = _scan("联系电话：13912345678"), _scan("邮政编码：100010")
    first.save(path, save_all=True, append_images=[second], dpi=(150, 150))
    seen = []
    result = pages.recognise_file(str(path), dpi=150, progress=lambda done, total: seen.append((done, total)))
    assert [p.number for p in result] == [1, 2]
    assert "13912345678" in result[0].text and "100010" in result[1].text
    assert seen == [(1, 2), (2, 2)]
    assert result[0].width == pytest.approx(1240 * 72 / 150)


def test_cancel_stops_before_the_next_page(tmp_path):
    path = tmp_path / "scan.png"
    _scan("测试").save(path)
    with pytest.raises(pages.Cancelled):
        pages.recognise_file(str(path), cancel=lambda: True)


def test_a_pdf_page_with_its_own_text_is_left_to_the_pdf_reader(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("OcrPagesFont", FONT, subfontIndex=0))
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("OcrPagesFont", 16)
    c.drawString(72, 700, "有文字层的页面")
    c.showPage()
    scan = tmp_path / "p2.png"
    _scan("扫描页面").save(scan)
    c.drawImage(str(scan), 0, 500, width=595, height=192)
    c.save()
    result = pages.recognise_file(str(path), dpi=150)
    assert [p.number for p in result] == [2]
    assert "扫描页面" in result[0].text
    assert [p.number for p in pages.recognise_file(str(path), dpi=150, all_pages=True)] == [1, 2]
