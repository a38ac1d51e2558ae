"""The released file holds nothing that was marked: read back by PDF text extractors (pdftotext, PDFium, pdfminer),
pixels under the boxes black, unmarked pages unchanged, and a failed check writes nothing."""
from __future__ import annotations

import io
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.errors import ValidationError
from app.redaction import marking
from app.redaction.release import Mark, ReleaseRefused, build, verify
from app.redaction.source import Rect, Source
from tests.app.redaction import samples

GROUND = "refuse_4"


def pdftotext(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def page_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def page_pixels(data: bytes, page: int, scale: float = 1.0) -> Image.Image:
    doc = pdfium.PdfDocument(data)
    try:
        return doc[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()


def test_search_finds_every_occurrence_with_its_box():
    with Source(samples.five_pages(), "a.pdf") as src:
        rects = src.find(samples.ID_NUMBER)
        assert [r.page for r in rects] == [2, 4]
        for r in rects:
            assert src.text_in(r) == samples.ID_NUMBER
        # white space in the typed phrase does not matter
        assert len(src.find("1101 0119 9003 074514")) == 2


def test_redacted_by_search_no_marked_string_left():
    with Source(samples.five_pages(), "a.pdf") as src:
        marks = marking.by_text(src, samples.ID_NUMBER, GROUND) + marking.by_text(src, samples.PHONE, GROUND)
        released = build(src, marks, dpi=150)
    text = pdftotext(released.pdf)
    assert samples.ID_NUMBER not in text and samples.PHONE not in text
    assert samples.ID_NUMBER not in "".join(page_texts(released.pdf))
    assert samples.ID_NUMBER.encode() not in released.pdf
    # what was not marked is still there, on the pages without a mark
    assert "补助金额每月三百元" in text and "公开部分：补助标准" in text
    assert released.marked_pages == [2, 4]


def test_mark_on_page_3_of_5_leaves_the_other_pages_unchanged():
    original = samples.five_pages()
    with Source(original, "a.pdf") as src:
        (signature,) = src.find("张某某（手写）")
        released = build(src, [marking.by_rect(src, signature, GROUND, "手写签名")], dpi=150)
    before, after = page_texts(original), page_texts(released.pdf)
    for n in (1, 2, 4, 5):
        assert after[n - 1] == before[n - 1]
        assert page_pixels(released.pdf, n).tobytes() == page_pixels(original, n).tobytes()
    assert after[2] == ""  # page 3 is a picture now
    assert "张某某" not in pdftotext(released.pdf)


def test_pixels_under_the_box_are_black_and_around_it_unchanged():
    original = samples.five_pages()
    box = Rect(3, 60, 90, 300, 140)
    with Source(original, "a.pdf") as src:
        released = build(src, [marking.by_rect(src, box, GROUND)], dpi=150)
    out = page_pixels(released.pdf, 3).convert("L")
    assert out.crop((62, 92, 298, 138)).getextrema()[1] < 30
    # a region away from the box keeps the original's look (JPEG noise aside)
    src_px = page_pixels(original, 3).convert("L")
    far = (60, 400, 500, 800)
    diff = [abs(a - b) for a, b in zip(out.crop(far).tobytes(), src_px.crop(far).tobytes())]
    assert max(diff) < 60 and sum(diff) / len(diff) < 2


def test_scanned_image_redacted_by_rectangle():
    scan = samples.scan(exif_text="扫描员 王某某")
    with Source(scan, "scan.png") as src:
        w, h = src.page_size(1)
        assert (round(w), round(h)) == (612, 792)  # 850×1100 pixels at 100 dpi
        # the stripe at pixels 100-600 × 200-260 is 72-432 × 144-187.2 points
        released = build(src, [Mark(Rect(1, 70, 140, 435, 190), GROUND)])
    out = page_pixels(released.pdf, 1, scale=100 / 72)
    assert out.crop((105, 205, 595, 255)).convert("L").getextrema()[1] < 30
    assert out.getpixel((300, 510)) != (0, 0, 0)  # the other stripe stays
    assert "王某某".encode("utf-8") not in released.pdf and b"Exif" not in released.pdf


def test_multi_page_tiff_and_jpeg():
    tiff = samples.scan(fmt="TIFF", frames=3)
    with Source(tiff, "scan.tif") as src:
        assert src.page_count == 3
        released = build(src, [Mark(Rect(2, 70, 140, 435, 190), GROUND)])
    assert len(page_texts(released.pdf)) == 3
    assert page_pixels(released.pdf, 2, 100 / 72).crop((105, 205, 595, 255)).convert("L").getextrema()[1] < 30
    assert page_pixels(released.pdf, 1, 100 / 72).getpixel((300, 230))[2] > 150  # page 1 not marked: still blue
    with Source(samples.scan(fmt="JPEG"), "scan.jpg") as src:
        build(src, [Mark(Rect(1, 70, 140, 435, 190), GROUND)])


def test_metadata_and_annotations_are_not_carried_over():
    data = samples.pdf([["第一页", "链接"], [f"身份证号 {samples.ID_NUMBER}"]], title="王某某的材料",
                       author="某某科 李某", link_on=(1,))
    with Source(data, "a.pdf") as src:
        assert "王某某的材料" in src.metadata_values()
        released = build(src, marking.by_text(src, samples.ID_NUMBER, GROUND), dpi=100)
    doc = pdfium.PdfDocument(released.pdf)
    meta = doc.get_metadata_dict()
    assert "王某某" not in "".join(meta.values()) and "李某" not in "".join(meta.values())
    import pypdfium2.raw as raw
    pages = [doc[i] for i in range(len(doc))]
    assert [raw.FPDFPage_GetAnnotCount(p.raw) for p in pages] == [0, 0]
    for p in pages:
        p.close()
    doc.close()
    assert b"example.com/secret" not in released.pdf


def test_rotated_page_keeps_its_rotation_and_loses_the_text():
    data = samples.pdf([["第一页"], [f"身份证号 {samples.ID_NUMBER}"]], rotate={2: 90})
    with Source(data, "a.pdf") as src:
        released = build(src, marking.by_text(src, samples.ID_NUMBER, GROUND), dpi=100)
    doc = pdfium.PdfDocument(released.pdf)
    assert doc[1].get_rotation() == 90
    doc.close()
    assert samples.ID_NUMBER not in pdftotext(released.pdf)


def test_text_that_does_not_occur_is_refused():
    with Source(samples.five_pages(), "a.pdf") as src:
        with pytest.raises(ValidationError, match="没有找到"):
            marking.by_text(src, "不存在的文字", GROUND)
    with Source(samples.scan(), "scan.png") as src:
        with pytest.raises(ValidationError, match="扫描图片"):
            marking.by_text(src, "王某某", GROUND)


def test_rectangle_over_one_occurrence_is_refused_while_another_remains():
    """The classic leak: the ID number blacked out on page 2 but left on page 4."""
    with Source(samples.five_pages(), "a.pdf") as src:
        first = src.find(samples.ID_NUMBER)[0]
        with pytest.raises(ReleaseRefused, match="第4页"):
            build(src, [marking.by_rect(src, first, GROUND)], dpi=100)


def test_verify_refuses_a_file_that_still_holds_the_text():
    data = samples.five_pages()
    with Source(data, "a.pdf") as src:
        marks = marking.by_text(src, samples.ID_NUMBER, GROUND)
        with pytest.raises(ReleaseRefused) as err:
            verify(src, data, marks)  # the original itself, as if the boxes had only been drawn over it
    problems = " ".join(err.value.problems)
    for found in ("文件属性中仍有原件的信息", "第2页仍有文字层", "第4页仍有文字层", "第2页的标记框内不是全黑",
                  f"“{samples.ID_NUMBER}”仍出现在第2、4页"):
        assert found in problems


def test_marks_are_checked():
    with Source(samples.five_pages(), "a.pdf") as src:
        with pytest.raises(ValidationError, match="第9页不存在"):
            build(src, [Mark(Rect(9, 0, 0, 10, 10), GROUND)])
        with pytest.raises(ValidationError, match="理由"):
            build(src, [Mark(Rect(1, 0, 0, 10, 10), "nonsense")])
        with pytest.raises(ValidationError, match="没有标记"):
            build(src, [])


def test_damaged_and_unsupported_files_are_refused_plainly():
    from app.errors import ServiceError
    with pytest.raises(ServiceError, match="无法打开"):
        Source(b"%PDF-1.4 garbage", "bad.pdf")
    with pytest.raises(ServiceError, match="只能处理"):
        Source(b"hello", "a.docx")


def test_screen_findings_mark_every_id_number():
    with Source(samples.five_pages(), "a.pdf") as src:
        marks = marking.by_screen(src, GROUND, kinds=("id_number",))
        assert sorted(m.rect.page for m in marks) == [2, 4]
        assert {m.text for m in marks} == {samples.ID_NUMBER}
        phones = marking.by_screen(src, GROUND, kinds=("mobile",))
        assert [m.text for m in phones] == [samples.PHONE]


def test_progress_and_cancel():
    from app.redaction.release import Cancelled
    seen = []
    with Source(samples.five_pages(), "a.pdf") as src:
        marks = marking.by_text(src, samples.ID_NUMBER, GROUND)
        build(src, marks, dpi=72, progress=lambda i, n: seen.append((i, n)))
        with pytest.raises(Cancelled):
            build(src, marks, dpi=72, cancelled=lambda: len(seen) >= 7, progress=lambda i, n: seen.append(i))
    assert seen[:5] == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
