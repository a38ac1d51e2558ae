"""The calendar's sources in order: stored years, then chinesecalendar, then the State Council arrangement the
``holidays`` package carries, then the provisional rule (with 补假)."""
import datetime as dt

import chinese_calendar
import pytest

from app.errors import ValidationError
from holidays.countries.china import ChinaStaticHolidays

from app.workdays import calendar as calendar_module
from app.workdays.calendar import (
    PACKAGE_FIRST_YEAR, PACKAGE_LAST_YEAR, SOURCES, WorkCalendar, check_year, holidays_package_arrangement,
    provisional_holidays,
)
from app.workdays.deadlines import due_date
from app.workdays.schedule import HolidayRange, YearSchedule
from tests.app.workdays.reference import count_due, reference_is_workday

D = dt.date


def test_package_years_match_chinesecalendar_every_day():
    cal = WorkCalendar()
    day = D(PACKAGE_FIRST_YEAR, 1, 1)
    while day.year <= PACKAGE_LAST_YEAR:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
    assert (PACKAGE_FIRST_YEAR, PACKAGE_LAST_YEAR) == (2004, 2026)


@pytest.mark.parametrize("day,workday,kind,name", [
    (D(2026, 2, 17), False, "holiday", "春节"),
    (D(2026, 2, 14), True, "makeup", "春节"),
    (D(2026, 9, 20), True, "makeup", "国庆节"),
    (D(2026, 4, 5), False, "holiday", "清明节"),
    (D(2026, 3, 7), False, "weekend", None),
    (D(2026, 3, 6), True, "workday", None),
    (D(2015, 9, 3), False, "holiday", "抗战胜利70周年纪念日"),
])
def test_day_info_from_the_package(day, workday, kind, name):
    info = WorkCalendar().day_info(day)
    assert (info.workday, info.kind, info.name, info.source, info.official) == (workday, kind, name, "package", True)


def test_provisional_year_is_weekends_and_statutory_holidays_without_makeup():
    cal = WorkCalendar()
    assert not cal.is_official(2027) and cal.source_of(2027) == "provisional"
    statutory = provisional_holidays(2027)
    assert statutory[D(2027, 2, 5)] == "春节"  # 农历除夕 counted with the Spring Festival
    assert statutory[D(2027, 10, 1)] == "国庆节"
    assert not any("调休" in n for n in statutory.values())
    info = cal.day_info(D(2027, 2, 8))
    assert (info.kind, info.name, info.source, info.official) == ("holiday", "春节", "provisional", False)
    assert all(not i.workday or i.kind == "workday" for i in cal.year_days(2027))  # no make-up days
    for d in cal.year_days(2027):
        assert d.workday == (d.date.weekday() < 5 and d.date not in statutory)


def test_provisional_year_counts_in_lieu_rest_days():
    """放假办法第六条: a holiday for all citizens on a weekend gives a rest day on the next working day (DOMAIN.md §1:
    2027-02-09, 02-10, 05-03, 05-04, 10-04, 10-05)."""
    cal = WorkCalendar()
    in_lieu = {d for d, n in provisional_holidays(2027).items() if "补假" in n}
    assert in_lieu == {D(2027, 2, 9), D(2027, 2, 10), D(2027, 5, 3), D(2027, 5, 4), D(2027, 10, 4), D(2027, 10, 5)}
    for day in in_lieu:
        info = cal.day_info(day)
        assert (info.workday, info.kind, info.source, info.official) == (False, "holiday", "provisional", False)
    assert cal.day_info(D(2027, 2, 9)).name == "春节（补假）"


def test_deadline_into_2027_does_not_end_on_an_in_lieu_day():
    deadline = due_date(D(2026, 12, 10), 20, (), 20, calendar=WorkCalendar())
    assert deadline.due != D(2027, 2, 9)
    assert deadline.due == D(2027, 2, 11) and deadline.provisional and deadline.provisional_years == (2027,)
    assert "跳过 春节（补假） 2027-02-09至02-10" in deadline.steps


def test_holidays_package_arrangement_matches_the_official_calendar():
    """Where both packages carry the State Council's notice, the ``holidays`` package's copy gives the same days."""
    for year in range(2006, PACKAGE_LAST_YEAR + 1):
        rest, makeup = holidays_package_arrangement(year)
        day = D(year, 1, 1)
        while day.year == year:
            assert (day in makeup or (day.weekday() < 5 and day not in rest)) == chinese_calendar.is_workday(day), day
            day += dt.timedelta(days=1)


def test_holidays_package_year_comes_after_chinesecalendar_and_before_the_rule(monkeypatch):
    monkeypatch.setattr(calendar_module, "PACKAGE_LAST_YEAR", 2025)
    cal = WorkCalendar()
    assert cal.source_of(2025) == "package" and cal.source_of(2026) == "holidays" and cal.is_official(2026)
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
    assert (cal.day_info(D(2026, 2, 14)).kind, cal.day_info(D(2026, 2, 14)).name) == ("makeup", "春节")
    assert cal.day_info(D(2026, 2, 23)).name == "春节"  # a rest day moved by 调休 keeps its festival
    assert not due_date(D(2026, 3, 6), 20, calendar=cal).provisional
    assert SOURCES["holidays"] != SOURCES["package"]


def test_a_new_year_in_the_holidays_package_becomes_official(monkeypatch):
    """Once the package carries 2027's notice (here: 春节 moved with a make-up Saturday), 2027 is no longer 暂定."""
    monkeypatch.setitem(ChinaStaticHolidays.special_public_holidays, 2027, ((2, 11, 2, 20),))
    cal = WorkCalendar()
    assert cal.source_of(2027) == "holidays" and cal.is_official(2027)
    assert not cal.is_workday(D(2027, 2, 11)) and cal.is_workday(D(2027, 2, 20))
    assert cal.day_info(D(2027, 2, 20)).kind == "makeup"
    assert not due_date(D(2027, 3, 1), 20, calendar=cal).provisional


@pytest.mark.parametrize("year", [1999, 2101])
def test_one_year_range(year):
    with pytest.raises(ValidationError, match="2000—2100"):
        check_year(year)


def test_two_festivals_on_one_day_share_a_name():
    assert provisional_holidays(2028)[D(2028, 10, 3)] == "中秋节、国庆节"


def test_stored_year_overrides_the_package_and_the_rule():
    odd = YearSchedule(2026, "测试", (HolidayRange("测试假", D(2026, 3, 9), D(2026, 3, 13), (D(2026, 3, 14),)),))
    extra = YearSchedule(2027, "测试", (HolidayRange("春节", D(2027, 2, 5), D(2027, 2, 11), (D(2027, 2, 20),)),))
    cal = WorkCalendar({2026: odd, 2027: extra}, {2026: "entered", 2027: "imported"})
    assert cal.source_of(2026) == "entered" and cal.source_of(2027) == "imported" and cal.is_official(2027)
    # the package's holidays are gone for 2026; the office's days rule it
    assert cal.is_workday(D(2026, 2, 17)) and not cal.is_workday(D(2026, 2, 14))
    assert not cal.is_workday(D(2026, 3, 10)) and cal.is_workday(D(2026, 3, 14))
    assert cal.day_info(D(2026, 3, 14)).kind == "makeup"
    assert cal.is_workday(D(2027, 10, 1))  # not in the office's 2027 entry: an ordinary Friday
    entered = {2026: ({D(2026, 3, 9) + dt.timedelta(days=k) for k in range(5)}, {D(2026, 3, 14)}),
               2027: ({D(2027, 2, 5) + dt.timedelta(days=k) for k in range(7)}, {D(2027, 2, 20)})}
    for received in (D(2026, 3, 1), D(2026, 12, 20), D(2027, 1, 25)):
        expected = count_due(received, 20, is_workday=lambda d: reference_is_workday(d, entered))
        assert due_date(received, 20, calendar=cal).due == expected
    assert not due_date(D(2026, 12, 20), 20, calendar=cal).provisional


def test_index_reaches_years_ahead_and_grows_on_demand():
    cal = WorkCalendar()
    assert cal._last_year >= dt.date.today().year + 5
    assert due_date(D(2060, 12, 20), 20, calendar=cal).due == count_due(D(2060, 12, 20), 20)
    assert cal._last_year >= 2061
    assert due_date(D(2001, 12, 20), 20, calendar=cal).due == count_due(D(2001, 12, 20), 20)
    assert cal._first_year <= 2001


def test_years_beyond_the_supported_range_are_refused():
    with pytest.raises(ValidationError) as err:
        due_date(D(1900, 1, 1), 20, calendar=WorkCalendar())
    assert "超出可计算的年份范围" in str(err.value)


def test_day_info_describes_itself():
    cal = WorkCalendar()
    assert cal.day_info(D(2026, 3, 7)).describe() == "星期六，休息日"
    assert cal.day_info(D(2026, 4, 6)).describe() == "星期一，清明节，休息日"
    assert cal.day_info(D(2026, 2, 28)).describe() == "星期六，春节调休上班"
