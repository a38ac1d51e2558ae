"""``ocr --in FILE``: the text page by page, ``--json`` with boxes and confidences, ``--form`` the fields; a missing
or unsupported file is refused in plain Chinese, without a traceback."""
import json

import pytest
from PIL import Image, ImageDraw, ImageFont

from app import __main__ as entry

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _scan(path, *texts):
    image = Image.new("RGB", (1240, 200 + 80 * len(texts)), "white")
    draw = ImageDraw.Draw(image)
    for i, text in enumerate(texts):
        draw.text((100, 100 + 80 * i), text, fill="black", font=ImageFont.truetype(FONT, 40))
    image.save(path, dpi=(150, 150))
    return path


def _run(tmp_path, capsys, *argv):
    code = entry.main(["--data-dir", str(tmp_path / "data"), "ocr", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_plain_text_page_by_page(tmp_path, capsys):
    scan = _scan(tmp_path / "scan.png", "身份证号码：110101199003074514", "联系电话：13912345678")
    code, out, _ = _run(tmp_path, capsys, "--in", str(scan))
    assert code == 0
    assert "第1页" in out and "110101199003074514" in out and "13912345678" in out


def test_json_carries_lines_boxes_and_confidences(tmp_path, capsys):
    scan = _scan(tmp_path / "scan.png", "邮政编码：100010")
    code, out, _ = _run(tmp_path, capsys, "--in", str(scan), "--json")
    assert code == 0
    data = json.loads(out)
    page = data["pages"][0]
    assert page["page"] == 1 and page["width"] == pytest.approx(1240 * 72 / 150, abs=0.2)
    line = next(l for l in page["lines"] if "100010" in l["text"])
    x0, y0, x1, y1 = line["box"]
    assert 40 <= x0 < x1 and 40 <= y0 < y1 <= page["height"]   # drawn at 100 px = 48 pt from the left and the top
    assert 0.5 < line["confidence"] <= 1


@pytest.mark.parametrize("name, content, words", [
    ("missing.png", None, "不存在"),
    ("letter.docx", b"PK", "不是可以识别文字的文件"),
    ("broken.png", b"not a picture", "文件已损坏或格式不对"),
])
def test_a_missing_or_unsupported_file_is_refused_plainly(tmp_path, capsys, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = _run(tmp_path, capsys, "--in", str(path))
    assert code == 1 and out == ""
    assert err.startswith("错误：") and words in err and "Traceback" not in err


def test_form_prints_the_recognised_fields_as_json(tmp_path, capsys):
    form = pytest.importorskip("app.ocr.form")
    scan = _scan(tmp_path / "form.png", "政府信息公开申请表", "申请人：王建国", "身份证号码：110101199003074514")
    code, out, _ = _run(tmp_path, capsys, "--in", str(scan), "--form")
    assert code == 0
    data = json.loads(out)
    from app.ocr.pages import recognise_file
    expected = form.read_form(recognise_file(str(scan)))
    assert data == json.loads(json.dumps({k: v.as_dict() for k, v in expected.items()}, ensure_ascii=False))
