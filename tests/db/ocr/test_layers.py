"""Text layers of scanned attachments on both engines: recognised and stored beside the file version, found by the
registers' own full-text search and the one search box, read by the privacy screen and by 区分处理 — the scanned
3-page attachment with an ID number in it is flagged, redacted by search, and its released file reads back neither
by a text extractor nor by the recogniser."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from app import modules
from app.errors import PermissionDenied, ValidationError
from app.ocr import layers
from app.ocr.pages import recognise_source
from app.redaction import marking, service
from app.redaction.source import Source
from app.requests import attachments, query
from db.models import AuditLog, Request, TextLayer, TextLine
from tests.app.printing.helpers import pdftotext, squeeze

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
ID_NUMBER = "110101199003074514"
DPI = 150


def scan_pages(*pages: list[str]) -> list[Image.Image]:
    """A4 pages at 150 dpi, the given lines typed on each, as a scanner makes them."""
    font = ImageFont.truetype(FONT, 36)
    out = []
    for lines in pages:
        image = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(image)
        for i, text in enumerate(lines):
            draw.text((150, 200 + 90 * i), text, fill="black", font=font)
        out.append(image)
    return out


def scanned_pdf(path, *pages: list[str]):
    """The scanner's PDF: each page one picture, no text layer."""
    first, *rest = scan_pages(*pages)
    first.save(path, "PDF", resolution=DPI, save_all=True, append_images=rest)
    return path


THREE_PAGES = (["最低生活保障审批表", "申请人：王建国"],
               ["家庭成员情况", f"身份证号码：{ID_NUMBER}", "联系地址：某县某镇某村三组"],
               ["审批意见：同意", "补助金额每月三百元"])


@pytest.fixture
def scanned(staff, registered, tmp_path):
    path = scanned_pdf(tmp_path / "审批表扫描件.pdf", *THREE_PAGES)
    return attachments.add(staff["clerk"], registered["id"], str(path))["id"]


def test_a_scanned_attachment_is_recognised_and_stored_with_its_audit_record(staff, registered, scanned):
    clerk = staff["clerk"]
    seen = []
    result = layers.recognise(clerk, "attachment", scanned, dpi=DPI, progress=lambda d, t: seen.append((d, t)))
    assert result["pages"] == 3 and result["lines"] >= 7 and seen[-1] == (3, 3)
    layer = TextLayer.get((TextLayer.kind == "attachment") & (TextLayer.file_id == scanned))
    assert layer.engine == "RapidOCR" and layer.engine_version and layer.dpi == DPI
    pages = layers.pages_of("attachment", scanned)
    assert [p.number for p in pages] == [1, 2, 3]
    line = next(l for l in pages[1].lines if ID_NUMBER in l.text)
    assert len(line.char_boxes) == len(line.text) and 0.5 < line.confidence <= 1
    assert 60 <= line.box[0] <= 90  # typed 150 px = 72 pt from the left edge
    info = layers.layer_info(clerk, "attachment", scanned)
    assert any(ID_NUMBER in l["text"] for p in info["pages"] for l in p["lines"])
    (row,) = AuditLog.select().where(AuditLog.action == "ocr.recognise")
    assert row.entity == "ocr_layer"
    # recognising again replaces the layer, not doubles it
    layers.recognise(clerk, "attachment", scanned, dpi=DPI)
    assert TextLayer.select().count() == 1
    assert TextLine.select().count() == result["lines"]


def test_recognition_is_refused_to_a_supervisor_and_for_a_word_file(staff, registered, scanned, tmp_path):
    with pytest.raises(PermissionDenied):
        layers.recognise(staff["supervisor"], "attachment", scanned)
    doc = tmp_path / "说明.docx"
    doc.write_bytes(b"PK")
    other = attachments.add(staff["clerk"], registered["id"], str(doc))["id"]
    with pytest.raises(ValidationError, match="无需识别文字"):
        layers.recognise(staff["clerk"], "attachment", other)


def test_the_register_search_and_the_search_box_find_the_scans_text(staff, registered, scanned):
    clerk = staff["clerk"]
    term = "补助金额每月"
    assert query.count(clerk, query.RegisterFilter(text=term)) == 0
    layers.recognise(clerk, "attachment", scanned, dpi=DPI)
    assert query.count(clerk, query.RegisterFilter(text=term)) == 1
    assert query.count(clerk, query.RegisterFilter(text="每月")) == 1  # short terms go by LIKE
    modules.load()
    groups = {name: hits for name, _, hits in modules.search_all(clerk, term)}
    assert any(h.record_id == registered["id"] for hits in groups.values() for h in hits)
    # a removed attachment's text leaves the search
    attachments.new_version(clerk, scanned, None, note="误传")
    assert Request.get_by_id(registered["id"]).scan_text == ""
    assert query.count(clerk, query.RegisterFilter(text=term)) == 0


def test_a_scanned_three_page_attachment_is_screened_redacted_and_released_without_the_id(
        staff, registered, scanned):
    clerk = staff["clerk"]
    layers.recognise(clerk, "attachment", scanned, dpi=DPI)
    opened = service.open_file(clerk, "request", scanned)
    assert opened.pages == 3 and len(opened.layer) == 3
    with Source(opened.data, opened.name) as src:
        src.use_recognised(opened.layer)
        # the privacy screen flags the ID number on page 2
        assert (2, "id_number", ID_NUMBER) in marking.screen_findings(src)
        found = marking.by_text(src, ID_NUMBER, "refuse_4", "第三人身份证号")
        assert [m.rect.page for m in found] == [2]
        assert marking.uncertain(src, found) == []  # a clean scan reads with confidence
    service.add_marks(clerk, opened.id, found)
    done = service.release(clerk, opened.id, dpi=DPI)
    assert done["marked_pages"] == [2]
    _, released = attachments.read(clerk, done["file_id"])
    assert ID_NUMBER not in squeeze(pdftotext(released))
    with Source(released, done["name"]) as out:
        read_back = "".join(p.text for p in recognise_source(out, DPI, all_pages=True))
    assert ID_NUMBER not in squeeze(read_back) and "补助金额每月三百元" in squeeze(read_back)


def test_a_low_confidence_match_is_reported_for_the_clerk_to_confirm(staff, registered, tmp_path):
    clerk = staff["clerk"]
    blurred = scan_pages(["联系电话：13912345678"])[0].resize((310, 438)).resize((1240, 1754))
    path = tmp_path / "模糊.png"
    blurred.save(path, dpi=(DPI, DPI))
    file_id = attachments.add(clerk, registered["id"], str(path))["id"]
    layers.recognise(clerk, "attachment", file_id, dpi=DPI)
    (line,) = [l for p in layers.pages_of("attachment", file_id) for l in p.lines]
    with Source(path.read_bytes(), path.name) as src:
        src.use_recognised(layers.pages_of("attachment", file_id))
        marks = marking.by_text(src, line.text[-4:], "refuse_4")
        flagged = marking.uncertain(src, marks)
    assert (line.confidence < layers.LOW_CONFIDENCE) == bool(flagged)
