"""工作日历: which dates are working days, where that answer comes from, and a sorted index of working days.

A working day is a date China's official calendar marks as one: weekends rest except 调休 make-up Saturdays and
Sundays, and public holidays rest even on weekdays (DOMAIN.md §1). For each year the answer comes from, in order:

1. the database: a year the office entered or imported from the State Council's notice (source "entered" /
   "imported") replaces everything else for that year;
2. the ``chinesecalendar`` package for the years it covers (2004-2026, source "package");
3. the ``holidays`` package for a later year once it carries that year's State Council arrangement (its China
   calendar then lists the rest days moved by 调休 and the weekend days worked for them; source "holidays");
4. otherwise a provisional rule (source "provisional", shown as 暂定): weekends rest, and so do that year's statutory
   holidays as the ``holidays`` package computes them (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆) together with the
   in-lieu rest days (补假) that 《全国年节及纪念日放假办法》第六条 gives when a holiday falls on a Saturday or Sunday;
   make-up workdays are unknown, so none are assumed.

Every year the calendar answers for lies within ``MIN_YEAR``-``MAX_YEAR`` (the one range of schedule files,
deadlines and ``calendar show``).

Deadline arithmetic (``deadlines``) works on the index of working days (``WorkdayIndex``): the sorted ordinals of
working days and their ranks, so that a due date is a couple of look-ups, never a day-by-day loop. The index covers
2004 to today's year + 5 and grows on demand.
"""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Mapping, NamedTuple

import chinese_calendar.constants as package_data
import holidays as holidays_package
from holidays.countries.china import ChinaStaticHolidays

from app import clock
from app.errors import ValidationError
from app.workdays.schedule import MAX_YEAR, MIN_YEAR, YearSchedule, weekday_name
from db.connection import database

PACKAGE_FIRST_YEAR = min(package_data.holidays).year
PACKAGE_LAST_YEAR = max(package_data.holidays).year
INDEX_FIRST_YEAR = 2004
INDEX_YEARS_AHEAD = 5

SOURCES = {"package": "程序内置", "holidays": "程序内置（holidays 节假日库）", "imported": "导入", "entered": "录入",
           "provisional": "暂定"}
# Where a year's days come from, in a sentence (``calendar show``, the calendar page).
SOURCE_DETAILS = {
    "package": "数据来自程序内置的 chinesecalendar 软件包（国务院办公厅历年节假日安排通知）",
    "holidays": "数据来自程序内置的 holidays 软件包所收录的国务院办公厅节假日安排通知（含调休上班日）",
    "provisional": "尚未录入这一年的通知：按周末、法定节假日和补假（《全国年节及纪念日放假办法》第六条）计算，"
                   "没有调休上班日（暂定）",
}
KINDS = {"workday": "工作日", "weekend": "休息日", "holiday": "节假日", "makeup": "调休上班"}

# chinesecalendar names its festivals in English.
PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
# The ``holidays`` package lists 除夕 on its own; the notices count it within 春节.
PROVISIONAL_NAMES = {"农历除夕": "春节"}


@dataclass(frozen=True)
class DayInfo:
    """One date as the calendar sees it: working or not, why (kind, festival name) and on whose word (source)."""
    date: dt.date
    workday: bool
    kind: str  # "workday" | "weekend" | "holiday" | "makeup" (调休上班的周末)
    name: str | None  # festival name in Chinese (春节) for holidays and make-up days
    source: str  # "package" | "imported" | "entered" | "provisional"

    @property
    def official(self) -> bool:
        return self.source != "provisional"

    def describe(self) -> str:
        """"星期六，休息日" / "星期一，清明节，休息日" / "星期六，春节调休上班" / "星期五，工作日"."""
        wd = weekday_name(self.date)
        if self.kind == "holiday":
            return f"{wd}，{self.name}，休息日"
        if self.kind == "makeup":
            return f"{wd}，{self.name or ''}调休上班"
        return f"{wd}，{'工作日' if self.workday else '休息日'}"


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError("日期", f"超出可计算的年份范围（{MIN_YEAR}—{MAX_YEAR}年）")


def _festival_name(label: str, in_lieu_suffix: bool) -> str:
    """"中秋节（推定）; 国庆节" -> "中秋节、国庆节"; "春节（补假）" -> "春节（补假）" or "春节". The estimate is what 暂定
    already says; two festivals on one day share the day."""
    parts = []
    for part in label.split(";"):
        base = part.split("（")[0].strip()
        base = PROVISIONAL_NAMES.get(base, base)
        parts.append(base + ("（补假）" if in_lieu_suffix and "补假" in part else ""))
    return "、".join(dict.fromkeys(parts))


def provisional_holidays(year: int) -> dict[dt.date, str]:
    """The rest days of ``year`` without its notice: the statutory holidays as the ``holidays`` package computes
    them, plus the in-lieu rest days (补假) that 《全国年节及纪念日放假办法》第六条 requires on the next working day
    when a holiday for all citizens falls on a Saturday or Sunday (``observed=True``). Make-up workdays and the rest
    days moved by 调休 come only with the notice."""
    check_year(year)
    out = {}
    for day, name in holidays_package.China(years=year, observed=True, language="zh_CN").items():
        if day.year == year and "调休" not in name:
            out[day] = _festival_name(name, in_lieu_suffix=True)
    return out


def holidays_package_has(year: int) -> bool:
    """Whether the ``holidays`` package carries the State Council's arrangement of ``year`` (its China calendar
    lists the year's 调休 then; without it the package only estimates)."""
    return year in ChinaStaticHolidays.special_public_holidays


def holidays_package_arrangement(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]] | None:
    """(rest days, make-up workdays) of ``year`` from the ``holidays`` package's copy of the State Council's notice,
    or ``None`` when it has none. A make-up workday pays for a rest day the package lists as "休息日（由 X 调休）";
    it may lie in the year before (a late-December Saturday worked for 元旦), hence the next year's entries too."""
    if not holidays_package_has(year):
        return None
    listed = holidays_package.China(years=year, observed=True, language="zh_CN")
    rest: dict[dt.date, str] = {}
    moved: list[dt.date] = []
    for day, name in listed.items():
        if day.year != year:
            continue
        if "调休" in name:
            moved.append(day)
        else:
            rest[day] = _festival_name(name, in_lieu_suffix=False)
    for day in sorted(moved):  # a moved rest day belongs to the festival it joins
        near = [day + dt.timedelta(days=k * sign) for k in range(1, 4) for sign in (-1, 1)]
        # a moved 31 December joins next year's 元旦
        rest[day] = next((rest[d] for d in near if d in rest), "元旦" if day.month == 12 else "调休")
    makeup: dict[dt.date, str] = {}
    for key in (year, year + 1):
        for entry in ChinaStaticHolidays.special_public_holidays.get(key, ()):
            if len(entry) < 4 or not isinstance(entry[2], int):
                continue  # (month, day, name): an extra holiday, no workday paid for it
            from_year = entry[4] if len(entry) == 5 else key
            if from_year != year:
                continue
            worked, paid = dt.date(from_year, entry[2], entry[3]), dt.date(key, entry[0], entry[1])
            makeup[worked] = rest.get(paid) or next(iter(rest.values()), "调休")
    return rest, makeup


def _year_exceptions(year: int, source: str, stored: YearSchedule | None) -> dict[int, tuple[str, str]]:
    """Ordinal -> (kind, name) for the days of ``year`` that differ from "Monday-Friday work, weekend rest"."""
    out: dict[int, tuple[str, str]] = {}
    if stored is not None:
        for day, name in stored.rest_days().items():
            out[day.toordinal()] = ("holiday", name)
        for day, name in stored.makeup_days().items():
            out[day.toordinal()] = ("makeup", name)
    elif source == "package":
        for table, kind in ((package_data.holidays, "holiday"), (package_data.workdays, "makeup")):
            for day, name in table.items():
                if day.year == year:
                    out[day.toordinal()] = (kind, PACKAGE_NAMES.get(name, name))
    elif source == "holidays":
        rest, makeup = holidays_package_arrangement(year)
        out.update((d.toordinal(), ("holiday", n)) for d, n in rest.items())
        out.update((d.toordinal(), ("makeup", n)) for d, n in makeup.items())
    else:
        for day, name in provisional_holidays(year).items():
            out[day.toordinal()] = ("holiday", name)
    return out


class WorkdayIndex(NamedTuple):
    """The working days from ``lo`` to ``hi`` (ordinals, both inclusive), three ways:
    ``ords`` — the sorted ordinals of the working days; ``rank[o - lo]`` — how many working days are on or before
    ``o`` (what ``bisect_right(ords, o)`` would answer, looked up instead of searched); ``days[k]`` — ``ords[k]`` as
    a ``date``, so that results need no conversion."""
    lo: int
    hi: int
    ords: list[int]
    rank: list[int]
    days: list[dt.date]


class WorkCalendar:
    """The calendar: stored years (``years``: year -> schedule, ``sources``: year -> "entered"/"imported"), then the
    package, then the provisional rule. Immutable once built, except that its index grows on demand."""

    def __init__(self, years: Mapping[int, YearSchedule] | None = None, sources: Mapping[int, str] | None = None):
        self._stored = dict(years or {})
        self._sources = {y: (sources or {}).get(y, "entered") for y in self._stored}
        self._tables: dict[int, dict[int, tuple[str, str]]] = {}
        self._year_workdays: dict[int, list[int]] = {}
        self._lock = threading.Lock()
        self._first_year = INDEX_FIRST_YEAR
        self._last_year = max(clock.today().year + INDEX_YEARS_AHEAD, *self._stored, PACKAGE_LAST_YEAR)
        self._build(self._first_year, self._last_year)

    # ---- where a year's answer comes from ----------------------------------------------------------------------
    def source_of(self, year: int) -> str:
        if year in self._stored:
            return self._sources[year]
        if PACKAGE_FIRST_YEAR <= year <= PACKAGE_LAST_YEAR:
            return "package"
        if holidays_package_has(year):
            return "holidays"
        return "provisional"

    def is_official(self, year: int) -> bool:
        return self.source_of(year) != "provisional"

    def stored_years(self) -> dict[int, str]:
        return dict(self._sources)

    # ---- single days -------------------------------------------------------------------------------------------
    def _table(self, year: int) -> dict[int, tuple[str, str]]:
        table = self._tables.get(year)
        if table is None:
            check_year(year)
            table = self._tables[year] = _year_exceptions(year, self.source_of(year), self._stored.get(year))
        return table

    def is_workday(self, day: dt.date) -> bool:
        special = self._table(day.year).get(day.toordinal())
        if special is not None:
            return special[0] == "makeup"
        return day.weekday() < 5

    def day_info(self, day: dt.date) -> DayInfo:
        source = self.source_of(day.year)
        special = self._table(day.year).get(day.toordinal())
        if special is not None:
            kind, name = special
            return DayInfo(day, kind == "makeup", kind, name, source)
        weekday = day.weekday() < 5
        return DayInfo(day, weekday, "workday" if weekday else "weekend", None, source)

    def year_days(self, year: int) -> list[DayInfo]:
        first = dt.date(year, 1, 1).toordinal()
        return [self.day_info(dt.date.fromordinal(n)) for n in range(first, dt.date(year, 12, 31).toordinal() + 1)]

    # ---- the index ---------------------------------------------------------------------------------------------
    def _workdays_of(self, year: int) -> list[int]:
        days = self._year_workdays.get(year)
        if days is None:
            table = self._table(year)
            days = []
            for n in range(dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal() + 1):
                special = table.get(n)
                if (special[0] == "makeup") if special is not None else (n - 1) % 7 < 5:  # ordinal 1 is a Monday
                    days.append(n)
            self._year_workdays[year] = days
        return days

    def _build(self, first_year: int, last_year: int) -> None:
        ords: list[int] = []
        for year in range(first_year, last_year + 1):
            ords.extend(self._workdays_of(year))
        lo, hi = dt.date(first_year, 1, 1).toordinal(), dt.date(last_year, 12, 31).toordinal()
        rank, count, nxt = [], 0, 0
        for n in range(lo, hi + 1):
            if nxt < len(ords) and ords[nxt] == n:
                count += 1
                nxt += 1
            rank.append(count)
        days = [dt.date.fromordinal(n) for n in ords]
        # One tuple, published at once: a reader on another thread sees the old or the new index, never a mix.
        self._index = WorkdayIndex(lo, hi, ords, rank, days)
        self._first_year, self._last_year = first_year, last_year

    def index(self) -> "WorkdayIndex":
        """The current index (it only ever grows; a snapshot stays valid for the dates it covers)."""
        return self._index

    def cover(self, first: int, last: int) -> None:
        """Grow the index so that it covers the ordinals ``first`` to ``last``; raises ``ValidationError`` beyond
        the supported years."""
        lo_year = dt.date.fromordinal(max(1, first)).year
        hi_year = dt.date.fromordinal(max(1, min(last, dt.date.max.toordinal()))).year
        check_year(lo_year)
        check_year(hi_year)
        with self._lock:
            wanted = (min(self._first_year, lo_year), max(self._last_year, hi_year))
            if wanted != (self._first_year, self._last_year):
                self._build(*wanted)

    def count_between(self, a: int, b: int) -> int:
        """Working days ``d`` with ``a < d <= b`` (ordinals; 0 when ``b <= a``): two look-ups in the rank table."""
        if b <= a:
            return 0
        index = self._index
        if a < index.lo or b > index.hi:
            self.cover(a, b)
            index = self._index
        return index.rank[b - index.lo] - index.rank[a - index.lo]

    # ---- for explanations --------------------------------------------------------------------------------------
    def holiday_runs(self, first: dt.date, last: dt.date, in_lieu_apart: bool = True
                     ) -> list[tuple[str, dt.date, dt.date]]:
        """Named holidays within ``[first, last]``, as (name, first day, last day) runs of consecutive days. With
        ``in_lieu_apart`` False a festival's 补假 days join its run, as one range of a notice."""
        runs: list[list] = []
        for n in range(first.toordinal(), last.toordinal() + 1):
            day = dt.date.fromordinal(n)
            special = self._table(day.year).get(n)
            if special is None or special[0] != "holiday":
                continue
            name = special[1] if in_lieu_apart else special[1].removesuffix("（补假）")
            if runs and runs[-1][0] == name and runs[-1][2].toordinal() == n - 1:
                runs[-1][2] = day
            else:
                runs.append([name, day, day])
        return [tuple(r) for r in runs]

    def makeup_days(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        out = []
        for year in range(first.year, last.year + 1):
            for n, (kind, name) in sorted(self._table(year).items()):
                if kind == "makeup" and first.toordinal() <= n <= last.toordinal():
                    out.append((dt.date.fromordinal(n), name))
        return out


# ---- the program's calendar ----------------------------------------------------------------------------------------
_cache: tuple[object, WorkCalendar] | None = None


def current() -> WorkCalendar:
    """The calendar of the open database (its stored years over the package), built once and cached until
    ``invalidate()``; without an open database, the package and the provisional rule alone."""
    global _cache
    db = database.obj
    cached = _cache
    if cached is not None and cached[0] is db:
        return cached[1]
    if db is None:
        calendar = WorkCalendar()
    else:
        from app.workdays.service import stored_schedules  # the service imports this module
        calendar = WorkCalendar(*stored_schedules())
    _cache = (db, calendar)
    return calendar


def invalidate() -> None:
    """Drop the cached calendar (a year was saved or deleted); the next ``current()`` reads the database again."""
    global _cache
    _cache = None
