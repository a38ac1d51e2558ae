import datetime as dt

import pytest

from app.errors import ValidationError
from app.guide import elements


@pytest.mark.parametrize("text, period", [
    ("每月", "month"), ("按月更新", "month"), ("每季度首月10日前", "quarter"), ("每半年", "half_year"),
    ("每年1月31日前", "year"), ("年度", "year"), ("信息形成或者变更之日起20个工作日内", ""), ("即时公开", ""), ("", ""),
])
def test_period_of_a_time_limit(text, period):
    assert elements.period_of(text) == period


@pytest.mark.parametrize("period, today, expected", [
    ("month", dt.date(2026, 1, 5), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
    ("month", dt.date(2026, 3, 31), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
    ("quarter", dt.date(2026, 12, 1), (dt.date(2026, 7, 1), dt.date(2026, 9, 30))),
    ("quarter", dt.date(2026, 2, 1), (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
    ("half_year", dt.date(2026, 6, 30), (dt.date(2025, 7, 1), dt.date(2025, 12, 31))),
    ("half_year", dt.date(2026, 7, 1), (dt.date(2026, 1, 1), dt.date(2026, 6, 30))),
    ("year", dt.date(2026, 12, 1), (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
    ("", dt.date(2026, 12, 1), None),
])
def test_last_complete_period(period, today, expected):
    assert elements.last_period(period, today) == expected


def test_clean_names_each_bad_element():
    with pytest.raises(ValidationError) as err:
        elements.clean({"name": " ", "phone": "0871\x0b123", "channel": "网站" * 200})
    fields = [f for f, _ in err.value.problems]
    assert set(fields) == {"事项名称", "咨询/投诉电话", "公开渠道"}


def test_clean_strips_and_derives_the_period():
    out = elements.clean({"name": " 财政预决算 ", "time_limit": "每年", "phone": 12345678})
    assert out["name"] == "财政预决算" and out["period"] == "year" and out["phone"] == "12345678"
    assert set(out) == set(elements.ELEMENTS) | {"period"}


def test_differences_list_changed_elements_only():
    before = {"name": "A", "basis": "旧", "unit": "办公室"}
    after = {"name": "A", "basis": "新", "unit": "办公室", "phone": "1"}
    assert elements.differences(before, after) == [("公开依据", "旧", "新"), ("咨询/投诉电话", "", "1")]
