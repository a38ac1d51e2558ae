"""The holiday-schedule file formats and their validation: every refusal names the line or item and the reason."""
import datetime as dt
import json

import chinese_calendar
import pytest

from app.resources import resource
from app.workdays.calendar import WorkCalendar
from app.workdays.schedule import (HolidayRange, ScheduleError, YearSchedule, parse, parse_json, parse_text, to_text,
                                   validate)

D = dt.date
EXAMPLE_TEXT = resource("calendars/2026.txt").read_text(encoding="utf-8")
EXAMPLE_JSON = resource("calendars/2026.json").read_text(encoding="utf-8")


def test_the_2026_example_gives_exactly_the_package_answers():
    schedule = parse_text(EXAMPLE_TEXT)
    assert schedule.year == 2026 and schedule.title == "国务院办公厅关于2026年部分节假日安排的通知"
    assert [h.name for h in schedule.holidays] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    cal = WorkCalendar({2026: schedule}, {2026: "imported"})
    package = WorkCalendar()
    for info in cal.year_days(2026):
        assert info.workday == chinese_calendar.is_workday(info.date), info.date
        other = package.day_info(info.date)
        assert (info.kind, info.name) == (other.kind, other.name), info.date
        assert info.source == "imported"


def test_json_example_is_the_same_schedule():
    assert parse_json(EXAMPLE_JSON) == parse_text(EXAMPLE_TEXT)
    assert parse(EXAMPLE_JSON) == parse(EXAMPLE_TEXT)


def test_round_trip_through_text_and_dict():
    schedule = parse_text(EXAMPLE_TEXT)
    assert parse_text(to_text(schedule)) == schedule
    assert parse_json(json.dumps(schedule.to_dict(), ensure_ascii=False)) == schedule


def test_separators_and_date_forms():
    text = "\ufeff年份：2026\n标题：测试通知\n" \
           "元旦：2026-01-01~2026-01-03；上班：2026-01-04\n" \
           "春节: 2026年2月15日 至 2026年2月23日; 调休上班 2026/2/14，2026.2.28\n" \
           "清明节: 4月4日到4月6日\n" \
           "劳动节: 05-01 - 05-05；补班 5月9日\n" \
           "端午节: 2026-06-19-2026-06-21\n" \
           "中秋节 ： 2026-09-25 ～ 2026-09-27\n" \
           "国庆节: 2026-10-01 至 2026-10-07; 上班 2026-09-20、2026-10-10\n"
    schedule = parse_text(text)
    assert schedule.title == "测试通知"
    assert schedule == YearSchedule(2026, "测试通知", parse_text(EXAMPLE_TEXT).holidays)


def test_single_day_and_sorted():
    schedule = parse_text("年份: 2027\n国庆节: 2027-10-01 至 2027-10-07\n元旦: 2027-01-01\n")
    assert [h.name for h in schedule.holidays] == ["元旦", "国庆节"]
    assert schedule.holidays[0].first == schedule.holidays[0].last == D(2027, 1, 1)
    assert schedule.title == "国务院办公厅关于2027年部分节假日安排的通知"


BAD_TEXT = [
    ("年份: 2027\n元旦: 2027-01-01\n春节: 2027-02-05 至 2027-02-11; 上班 2027-02-03\n",
     "第3行：调休上班日 2027-02-03 是星期三，调休上班日应为周六或周日"),
    ("年份: 2027\n春节: 2027-02-11 至 2027-02-05\n", "第2行：开始日期 2027-02-11 晚于结束日期 2027-02-05"),
    ("年份: 2027\n元旦: 2026-12-31 至 2027-01-02\n", "第2行：假期 2026-12-31至2027-01-02 超出2027年"),
    ("年份: 2027\n春节: 2027-02-05 至 2027-02-11\n元宵: 2027-02-10 至 2027-02-12\n",
     "第3行：与第2行（春节）的假期重叠（2027-02-10）"),
    ("年份: 2027\n春节: 2027-02-05 至 2027-02-11; 上班 2027-02-06\n", "第2行：调休上班日 2027-02-06 在春节假期之内"),
    ("年份: 2027\n春节: 2027-02-05 至 2027-02-11; 上班 2028-02-19\n", "第2行：调休上班日 2028-02-19 不在2027年"),
    ("年份: 2027\n: 2027-02-05 至 2027-02-11\n", "第2行：节日名称不能为空"),
    ("年份: 2027\n春节 2027-02-05 至 2027-02-11\n", "第2行：缺少冒号"),
    ("年份: 2027\n国庆: 2027-13-01\n", "第2行：日期“2027-13-01”不存在"),
    ("年份: 2027\n国庆: 2027-02-30\n", "第2行：日期“2027-02-30”不存在"),
    ("年份: 2027\n国庆: 十月一日\n", "第2行：无法识别放假日期“十月一日”"),
    ("年份: 2027\n国庆: 2027-10-01; 休息 2027-10-09\n", "第2行：无法识别“休息 2027-10-09”"),
    ("年份: 二〇二七\n", "第1行：年份应为2000至2100之间的四位数字"),
    ("元旦: 2027-01-01\n", "缺少“年份: 2026”一行"),
    ("元旦: 1月1日\n", "第1行：日期“1月1日”没有年份，且前面没有“年份:”行"),
    ("# 只有注释\n", "缺少“年份: 2026”一行"),
    ("年份: 2027\n", "2027年的安排中没有任何假期"),
    ("年份: 2027\n年份: 2028\n元旦: 2027-01-01\n", "第2行：“年份”写了两次"),
]


@pytest.mark.parametrize("text,message", BAD_TEXT, ids=[m for _, m in BAD_TEXT])
def test_bad_text_names_the_line_and_reason(text, message):
    with pytest.raises(ScheduleError) as err:
        parse_text(text)
    assert message in str(err.value)


def test_every_problem_is_reported_in_line_order():
    text = "年份: 2027\n春节: 2027-02-05 至 2027-02-11; 上班 2027-02-03\n国庆: 2027-13-01\n清明节: 2027-04-05; 上班 x\n"
    with pytest.raises(ScheduleError) as err:
        parse_text(text)
    assert [w for w, _ in err.value.problems] == ["第2行", "第3行", "第4行"]


BAD_JSON = [
    ('{"year": 2027, "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-01"},'
     ' {"name": "春节", "first": "2027-02-05", "last": "2027-02-11", "makeup": ["2027-02-03"]}]}',
     "第2项（春节）：调休上班日 2027-02-03 是星期三，调休上班日应为周六或周日"),
    ('{"year": 2027, "holidays": [{"name": "春节", "first": "2027-02-05", "last": "2027-02-11"},'
     ' {"name": "元宵", "first": "2027-02-11", "last": "2027-02-12"}]}', "第2项（元宵）：与第1项（春节）的假期重叠"),
    ('{"year": 2027, "holidays": [{"name": "春节", "first": "2027-02-31"}]}', "第1项（春节）：日期“2027-02-31”不存在"),
    ('{"year": 2027, "holidays": [{"first": "2027-02-05"}]}', "第1项：缺少节日名称 name"),
    ('{"year": 2027, "holidays": [{"name": "春节", "first": "2027-02-05", "makeup": "2027-02-20"}]}',
     "第1项（春节）：makeup 应为日期的列表"),
    ('{"year": "明年", "holidays": []}', "年份（year）：应为2000至2100之间的年份"),
    ('{"year": 2027, "holidays": {}}', "假期列表（holidays）：应为假期的列表"),
    ('{"year": 2027,\n "holidays": [,]}', "第2行：JSON 格式错误"),
    ('[1, 2]', "JSON 文件应为一个对象"),
]


@pytest.mark.parametrize("text,message", BAD_JSON, ids=[m for _, m in BAD_JSON])
def test_bad_json_names_the_item_and_reason(text, message):
    with pytest.raises(ScheduleError) as err:
        parse(text)
    assert message in str(err.value)


def test_validate_sorts_and_refuses():
    a = HolidayRange("国庆节", D(2027, 10, 1), D(2027, 10, 7), (D(2027, 10, 9), D(2027, 9, 26)))
    b = HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 1))
    out = validate(YearSchedule(2027, "t", (a, b)))
    assert [h.name for h in out.holidays] == ["元旦", "国庆节"]
    assert out.holidays[1].makeup_days == (D(2027, 9, 26), D(2027, 10, 9))
    with pytest.raises(ScheduleError) as err:
        validate(YearSchedule(1999, "t", (b,)))
    assert "年份" in str(err.value)


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"year": 2027, "holidays": ' + "[" * 100_000 + "]" * 100_000 + "}"])
def test_deeply_nested_json_is_refused_plainly(text):
    from app.workdays.schedule import ScheduleError, parse
    with pytest.raises(ScheduleError, match="嵌套超过20层"):
        parse(text)


def test_brackets_inside_strings_do_not_count_as_nesting():
    from app.workdays.schedule import parse
    text = '{"year": 2027, "title": "' + "[" * 50 + '\\"", "holidays": [{"name": "元旦", "first": "2027-01-01"}]}'
    assert parse(text).title.startswith("[[[")
