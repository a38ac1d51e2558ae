"""An independent reference for the deadline tests: the official calendar read straight from the packages, and
deadlines counted one day at a time. It shares no code with ``app.workdays``."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
import holidays

ONE = dt.timedelta(days=1)


@lru_cache(maxsize=None)
def _statutory(year: int) -> frozenset[dt.date]:
    # observed=True: the in-lieu rest days of 放假办法第六条 count as rest days too
    return frozenset(d for d, name in holidays.China(years=year, observed=True, language="zh_CN").items()
                     if "调休" not in name)


def reference_is_workday(day: dt.date, entered: dict[int, tuple[set, set]] | None = None) -> bool:
    """``entered``: year -> (rest days, make-up workdays) for years an office stored."""
    if entered and day.year in entered:
        rest, makeup = entered[day.year]
        return day in makeup or (day.weekday() < 5 and day not in rest)
    if 2004 <= day.year <= 2026:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and day not in _statutory(day.year)


def count_due(received: dt.date, n: int, stops=(), extension: int = 0, is_workday=reference_is_workday) -> dt.date:
    """Walk forward from the day after receipt, counting working days outside every stop."""
    total = n + extension
    if total == 0:
        return received
    day, counted = received, 0
    while counted < total:
        day += ONE
        if is_workday(day) and not any(a <= day <= b for a, b in stops):
            counted += 1
    return day


def count_between(a: dt.date, b: dt.date, is_workday=reference_is_workday) -> int:
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    n, day = 0, lo
    while day < hi:
        day += ONE
        n += is_workday(day)
    return sign * n
