"""The engine interface: a page rendered by the document engine's fonts is read back with its positions in points."""
import os

import pypdfium2 as pdfium
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.ocr import engine

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _page(tmp_path):
    pdfmetrics.registerFont(TTFont("OcrTestFont", FONT, subfontIndex=0))
    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("OcrTestFont", 16)
    c.drawString(72, 700, "身份证号码：110101199003074514")
    c.save()
    return pdfium.PdfDocument(str(path))[0].render(scale=150 / 72).to_pil()


def test_recognise_reads_text_and_places_it_in_points(tmp_path):
    lines = engine.recognise(_page(tmp_path), dpi=150)
    assert any("110101199003074514" in l.text for l in lines)
    line = next(l for l in lines if "110101199003074514" in l.text)
    x0, y0, x1, y1 = line.box
    assert 66 <= x0 <= 80          # drawn at x = 72 pt
    assert 842 - 700 - 18 <= y0 < y1 <= 842 - 700 + 6   # 16 pt glyphs on a baseline 700 pt above the page's foot
    assert 0.5 < line.confidence <= 1
    assert len(line.char_boxes) == len(line.text)
    first_digit = line.text.index("1")
    assert line.char_boxes[first_digit][0] > x0


def test_loading_the_engine_leaves_qt_environment_alone(tmp_path, monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM_PLUGIN_PATH", raising=False)
    monkeypatch.delenv("QT_QPA_FONTDIR", raising=False)
    monkeypatch.setattr(engine, "_engine", None)
    engine._load()
    assert "QT_QPA_PLATFORM_PLUGIN_PATH" not in os.environ
    assert "QT_QPA_FONTDIR" not in os.environ
