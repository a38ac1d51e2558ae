import datetime as dt

import pytest

from app import validators as v
from app.errors import Problems, ValidationError


@pytest.mark.parametrize("number", ["11010519491231002X", "110101199003077352"])
def test_valid_id_cards(number):
    assert v.id_card_problem(number, today=dt.date(2026, 1, 1)) is None


@pytest.mark.parametrize("number,reason", [
    ("11010519491231002", "18位"),
    ("110105194912310021", "校验位"),
    ("99010519491231002X", "行政区划"),
    ("110105194913310029", "出生日期"),
    ("11010520300101002X", "不合理"),
    ("11010519491231A02X", "数字"),
])
def test_invalid_id_cards(number, reason):
    assert reason in v.id_card_problem(number, today=dt.date(2026, 1, 1))


def test_id_card_lowercase_x_accepted():
    assert v.id_card_problem("11010519491231002x", today=dt.date(2026, 1, 1)) is None


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000802100433B", "11532300015167874P"])
def test_valid_uscc(code):
    assert v.uscc_problem(code) is None


@pytest.mark.parametrize("code,reason", [
    ("91350100M000100Y44", "校验码"),
    ("91350100M000100Y4", "18位"),
    ("91350100M0001O0Y43", "不允许"),
])
def test_invalid_uscc(code, reason):
    assert reason in v.uscc_problem(code)


def test_uscc_check_character_matches_gb32100_example():
    assert v.uscc_check_char("91350100M000100Y4") == "3"


def test_org_code():
    assert v.org_code_problem("D2143569-X") is None
    assert "校验码" in v.org_code_problem("D21435691")
    assert v.office_code_problem("") is None
    assert v.office_code_problem("91350100M000100Y43") is None


@pytest.mark.parametrize("phone", ["13812345678", "0871-12345678", "087112345678", "010-8888888", "62345678",
                                   "400-810-8888", "+86 138 1234 5678", "0871-12345678-802"])
def test_valid_phones(phone):
    assert v.phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["1381234567", "23812345678", "abc", "0871-123", "12"])
def test_invalid_phones(phone):
    assert v.phone_problem(phone)


def test_email_and_postcode():
    assert v.email_problem("gk@example.gov.cn") is None
    assert v.email_problem("gk@") is not None
    assert v.postcode_problem("675000") is None
    assert v.postcode_problem("67500") is not None


@pytest.mark.parametrize("problem", [
    lambda: v.id_card_problem("110105194912310021", today=dt.date(2026, 1, 1)),
    lambda: v.uscc_problem("91350100M000100Y44"),
    lambda: v.org_code_problem("D21435691"),
])
def test_a_wrong_check_character_is_not_given_away(problem):
    # A refusal that names the correct character would let anyone complete a made-up number.
    text = problem()
    assert "校验" in text and "应为" not in text


# ---- text a clerk types ------------------------------------------------------------------------------------------
from app.validators import clean_text, text_problem  # noqa: E402


@pytest.mark.parametrize("value,multiline,expected", [
    ("李" * 100, False, None),
    ("李" * 101, False, "不能超过100个字（现为101个字）"),
    ("第一行\x0b第二行", True, "含有不可见的控制字符（U+000B"),
    ("陈小红\x00", False, "含有不可见的控制字符（U+0000"),
    ("第一行\n第二行", False, "不能换行"),
    ("第一行\n第二行\t续", True, None),
    ("陈小红😀", False, "含有无法打印的字符“😀”"),
    ("❤申请", False, "含有无法打印的字符"),
    ("零宽\u200b空格", False, "含有无法打印的字符"),
    ("私用\ue000", False, "含有无法识别的字符（U+E000）"),
    ("★重点☆ 第（一）项〔2026〕12号 𠮷", False, None),
])
def test_text_rules(value, multiline, expected):
    reason = text_problem(value, 100, multiline)
    assert reason == expected if expected is None else expected in reason


def test_clean_text_normalises_line_ends():
    assert clean_text("  一\r\n二\r三\u2028四  ", multiline=True) == "一\n二\n三\n四"
    assert clean_text(None) == ""


# ---- one rule per field --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rule,value,expected", [
    (v.TextRule("姓名", 5, required=True), "", "不能为空"),
    (v.TextRule("征求对象", 5, required="请填写名称"), "", "请填写名称"),
    (v.TextRule("备注", 5), "", None),
    (v.TextRule("姓名", 5), "李" * 5, None),
    (v.TextRule("姓名", 5), "李" * 6, "不能超过5个字（现为6个字）"),
    (v.TextRule("姓名", 5), "李\n华", "不能换行，请写在一行内"),
    (v.TextRule("备注", 5, multiline=True), "李\n华", None),
])
def test_text_rule(rule, value, expected):
    assert rule.problem(value) == expected


def test_check_texts_cleans_and_names_every_refused_field():
    out = v.check_texts({"fee.receipt_number": " NO.12 ", "review_case.note": "第一行\r\n第二行"})
    assert out == {"fee.receipt_number": "NO.12", "review_case.note": "第一行\n第二行"}
    with pytest.raises(ValidationError) as err:
        v.check_texts({"user.display_name": "", "consultation.party": "", "delivery.note": "送达😀"})
    assert [f for f, _ in err.value.problems] == ["姓名", "征求对象", "送达说明"]
    assert err.value.problems[1][1] == "请填写第三方或机关的名称"
    with pytest.raises(ValidationError) as err:  # a notice's part named by its own title
        v.check_texts({"notice.part#contact": ""}, {"notice.part#contact": "查询方式"})
    assert err.value.problems == [("查询方式", "不能为空")]


def test_check_texts_adds_to_a_form_s_problems():
    problems = Problems()
    out = v.check_texts({"item.title": "标题\x07"}, problems=problems)
    assert out == {"item.title": "标题\x07"} and [f for f, _ in problems.items] == ["标题"]


def test_every_rule_is_sensible():
    for key, rule in v.RULES.items():
        assert rule.label and 0 < rule.max_chars <= 200_000, key
        assert rule.problem("正") is None, key  # one ordinary character always passes


def test_the_plain_text_shortcut_lets_through_only_what_the_full_check_lets_through(monkeypatch):
    """Every character the fast path accepts is one the character-by-character check accepts, in a one-line field."""
    import re

    from app import validators
    ranges = re.findall(r"(.)-(.)", validators._PLAIN.pattern[1:-2])
    chars = [chr(c) for a, b in ranges for c in range(ord(a), ord(b) + 1)]
    assert len(chars) > 20_000 and "\u00ad" not in chars and "\x85" not in chars
    assert all(validators._PLAIN.fullmatch(ch) for ch in chars)
    monkeypatch.setattr(validators, "_PLAIN", re.compile("(?!)"))  # the full check only
    refused = [ch for ch in chars if validators.text_problem(ch, 10) is not None]
    assert refused == []
