"""Reading a form's fields from recognised lines: labels and where their values lie, without the engine."""
import json
import math

from app.ocr.engine import Line
from app.ocr.form import RecognisedField, read_form
from app.ocr.pages import Page

CHAR = 12.0  # points a character is wide and high


def line(x: float, y: float, text: str, confidence: float = 0.99, turn: float = 0.0) -> Line:
    """A recognised line at (x, y) with a box per character; ``turn`` (radians) tilts it as a turned scan does."""
    boxes = []
    for i, _c in enumerate(text):
        cx, cy = x + i * CHAR, y + i * CHAR * math.tan(turn)
        boxes.append((cx, cy, cx + CHAR, cy + CHAR))
    return Line((boxes[0][0], min(b[1] for b in boxes), boxes[-1][2], max(b[3] for b in boxes)), text, confidence,
                tuple(boxes))


def page(*lines: Line, number: int = 1) -> Page:
    return Page(number, 595, 842, tuple(lines))


def values(result: dict) -> dict:
    return {k: f.value for k, f in result.items()}


def test_values_right_of_their_labels_and_a_cell_of_two_lines():
    got = read_form([page(
        line(60, 100, "姓名"), line(160, 101, "张晓明"), line(300, 100, "证件号码"), line(400, 99, "11010519491231002X"),
        line(60, 130, "联系电话"), line(160, 130, "139 1234 5678"),
        line(60, 170, "所需信息的内容描述"), line(200, 160, "2025年危房改造补助资金的发放名单"), line(200, 176, "及标准"),
        line(60, 210, "载体形式"), line(160, 210, "纸质"), line(300, 210, "获取方式"), line(400, 210, "电子邮件"),
        line(60, 240, "收到日期"), line(160, 240, "2026.3.5"),
    )])
    assert values(got) == {
        "applicant_name": "张晓明", "applicant_type": "natural", "id_number": "11010519491231002X",
        "phone": "13912345678", "description": "2025年危房改造补助资金的发放名单及标准", "form_wanted": "paper",
        "delivery_wanted": "email", "received_date": "2026-03-05"}
    assert got["phone"].raw == "139 1234 5678" and got["phone"].page == 1
    assert got["description"].box == (200, 160, 200 + 18 * CHAR, 176 + CHAR)


def test_a_value_after_a_colon_and_a_value_below_its_label():
    got = read_form([page(line(60, 100, "申请人姓名：李四"), line(60, 130, "联系电话：0871-65123456"),
                          line(60, 170, "所需信息的内容描述"), line(60, 190, "本村土地征收的批准文件")),
                     ])
    assert values(got) == {"applicant_name": "李四", "applicant_type": "natural", "phone": "0871-65123456",
                           "description": "本村土地征收的批准文件"}


def test_a_turned_scan_keeps_each_value_on_its_labels_row():
    turn = math.radians(2)  # the right side of the page 2° higher: 14 points over a 400-point row

    def at(x, y, text):
        return line(x, y - x * math.tan(turn), text, turn=-turn)
    got = read_form([page(at(60, 100, "姓名"), at(420, 100, "王芳"), at(60, 122, "联系电话"), at(420, 122, "13812345678"),
                          at(60, 144, "电子邮箱"), at(420, 144, "wangf@example.com"))])
    assert values(got) == {"applicant_name": "王芳", "applicant_type": "natural", "phone": "13812345678",
                           "email": "wangf@example.com"}


def test_the_organisation_part_of_the_template_and_a_wrapped_label():
    got = read_form([page(
        line(20, 100, "公民"), line(120, 90, "姓名"), line(120, 110, "联系电话"),
        line(20, 160, "法人或其他组"), line(32, 174, "织"),
        line(120, 140, "名称"), line(260, 140, "某某科技有限公司"),
        line(120, 160, "统一社会信用代"), line(120, 174, "码"), line(300, 166, "91530102MA6K3XKY4W"),
        line(120, 190, "联系电话"), line(260, 190, "13912345678"),
    )])
    assert values(got) == {"applicant_name": "某某科技有限公司", "applicant_type": "other_org",
                           "uscc": "91530102MA6K3XKY4W", "phone": "13912345678"}


def test_a_refused_value_is_left_for_the_clerk():
    got = read_form([page(line(60, 100, "姓名"), line(160, 100, "张三"), line(60, 130, "证件号码"),
                          line(160, 130, "110105194912310021"), line(60, 160, "收到日期"), line(160, 160, "年 月 日"))])
    assert values(got) == {"applicant_name": "张三", "applicant_type": "natural"}  # a wrong check character


def test_a_field_as_json():
    field = RecognisedField("13912345678", "139l2345678", 0.8712, 2, (10.04, 20.0, 30.0, 40.0))
    assert json.loads(json.dumps(field.as_dict())) == {"value": "13912345678", "raw": "139l2345678",
                                                       "confidence": 0.871, "page": 2, "box": [10.0, 20.0, 30.0, 40.0]}
