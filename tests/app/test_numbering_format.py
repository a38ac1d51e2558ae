import pytest

from app.numbering import format_problem, render


@pytest.mark.parametrize("fmt", ["{year}-依申请-{seq:04d}", "{abbr}政公开〔{year}〕{seq}号", "{org}/{year}-{seq:05d}",
                                 "{org}-/{year}-{seq:07d}"])
def test_good_formats(fmt):
    assert format_problem(fmt) is None


@pytest.mark.parametrize("fmt,reason", [
    ("", "不能为空"),
    ("{year}-{seq", "花括号"),
    ("{year}-{number}", "不认识的字段"),
    ("{year}", "{seq}"),
    ("{seq}-{seq}-{year}", "只能含一个"),
    ("依申请-{seq}", "{year}"),
    ("{year}-{seq:zz}", "格式说明无效"),
    ("{year}-{seq!r}", "转换符"),
    ("{year}-{}", "字段名不能为空"),
])
def test_bad_formats_are_reported_with_the_reason(fmt, reason):
    assert reason in format_problem(fmt)


def test_render():
    assert render("{abbr}政公开〔{year}〕{seq}号", year=2026, seq=12, abbr="X") == "X政公开〔2026〕12号"
    assert render("{year}-依申请-{seq:04d}", year=2026, seq=12) == "2026-依申请-0012"
