"""The proof of reading forms (issue 18): generated filled 申请表 — the program's own 申请登记表 and the usual template,
persons and organisations — scanned at 150 and 200 dpi with noise, a 1-2° turn and JPEG compression, are read back;
every field of at least 9 forms in 10 must come out exactly after the field rules (ID numbers, phones, dates, codes
and choices exactly; free text with at least 95 % of its characters right).

The default run reads 10 forms, half at each resolution (about 3-4 s a page on an idle 2-core machine); with
``ZWGK_OCR_FULL=1`` all 10 forms are read at both resolutions (20 pages), and 9 in 10 must pass at each."""
import os
import random

import pytest

from app.ocr import form, pages
from tests.app.ocr import scans

FULL = os.environ.get("ZWGK_OCR_FULL") == "1"
FREE_TEXT = ("applicant_name", "legal_rep", "contact_person", "address", "description", "doc_title", "purpose")


def distance(a: str, b: str) -> int:
    """Levenshtein distance: the characters to insert, delete or change to make ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def wrong_fields(expected: dict, got: dict) -> list[str]:
    """The fields not recovered: missing, not exact, or free text with under 95 % of its characters right."""
    wrong = []
    for key, want in expected.items():
        field = got.get(key)
        if field is None:
            wrong.append(f"{key}: 未识别")
        elif key in FREE_TEXT:
            if distance(field.value, want) > 0.05 * len(want):
                wrong.append(f"{key}: {field.value!r} ≠ {want!r}")
        elif field.value != want:
            wrong.append(f"{key}: {field.value!r} ≠ {want!r}")
    return wrong


def read_scans(tmp_path, runs) -> list[tuple[int, str, list[str]]]:
    """``runs``: (dpi, layout, data); each is printed, scanned, recognised from the JPEG file and read."""
    rng = random.Random(2026)
    out = []
    for n, (dpi, layout, data) in enumerate(runs):
        path = tmp_path / f"form{n}-{dpi}.jpg"
        path.write_bytes(scans.scan(scans.document(layout, data), dpi, rng))
        got = form.read_form(pages.recognise_file(str(path), dpi=dpi))
        out.append((dpi, layout, wrong_fields(data, got)))
    return out


def test_distance():
    assert distance("申请公开", "申请公开") == 0
    assert distance("申请公开", "申情公开") == 1
    assert distance("危房改造", "危房改造补助") == 2
    assert wrong_fields({"description": "一" * 20, "phone": "13912345678"},
                        {"description": form.RecognisedField("一" * 19 + "二", "", 1, 1, (0, 0, 1, 1))}) == [
        "phone: 未识别"]  # one character in 20 wrong is within 95 %; a missing field is not


def test_nine_forms_in_ten_are_read_exactly(db, tmp_path):
    applications = scans.forms(10)
    if FULL:
        runs = [(dpi, layout, data) for dpi in (150, 200) for layout, data in applications]
    else:
        runs = [(150 if i % 4 < 2 else 200, layout, data) for i, (layout, data) in enumerate(applications)]
    results = read_scans(tmp_path, runs)
    report = "\n".join(f"{dpi} dpi {layout}: {'；'.join(w)}" for dpi, layout, w in results if w)
    groups = {dpi: [r for r in results if r[0] == dpi] for dpi in (150, 200)} if FULL else {"sample": results}
    for group in groups.values():  # with the full run, 9 in 10 at each resolution
        assert sum(1 for r in group if not r[2]) >= 0.9 * len(group), report
    assert {layout for _d, layout, _w in results} == {"own", "template"}
