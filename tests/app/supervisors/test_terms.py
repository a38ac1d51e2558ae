"""Term arithmetic (two-year terms, renewable: seed 001 一(一)) and the quarters of 按季度通报 (seed 001 四(一))."""
import datetime as dt

import pytest

from app.supervisors import catalog

D = dt.date


@pytest.mark.parametrize("start, years, end", [
    (D(2025, 3, 1), 2, D(2027, 2, 28)),
    (D(2024, 1, 1), 2, D(2025, 12, 31)),
    (D(2024, 2, 29), 2, D(2026, 2, 28)),  # from a leap day: the term ends the day before 1 March
    (D(2023, 3, 1), 1, D(2024, 2, 29)),  # a term across a leap February ends on 29 February
    (D(2026, 12, 31), 3, D(2029, 12, 30)),
])
def test_term_end(start, years, end):
    assert catalog.term_end(start, years) == end


def test_a_term_lasts_at_least_a_year():
    with pytest.raises(ValueError):
        catalog.term_end(D(2026, 1, 1), 0)


@pytest.mark.parametrize("status, end, state", [
    ("serving", D(2026, 9, 1), "serving"),
    ("serving", D(2026, 8, 29), "ending"),  # 60 days after 2026-06-30
    ("serving", D(2026, 8, 30), "serving"),
    ("serving", D(2026, 6, 30), "ending"),  # the term's last day
    ("serving", D(2026, 6, 29), "expired"),
    ("ended", D(2026, 6, 29), "ended"),
    ("ended", D(2027, 1, 1), "ended"),
])
def test_term_state(status, end, state):
    assert catalog.term_state(status, end, D(2026, 6, 30), 60) == state


@pytest.mark.parametrize("day, quarter", [(D(2026, 1, 1), 1), (D(2026, 3, 31), 1), (D(2026, 4, 1), 2),
                                          (D(2026, 9, 30), 3), (D(2026, 12, 31), 4)])
def test_quarter_of(day, quarter):
    assert catalog.quarter_of(day) == quarter


@pytest.mark.parametrize("year, quarter, end", [(2026, 1, D(2026, 3, 31)), (2026, 2, D(2026, 6, 30)),
                                                (2026, 3, D(2026, 9, 30)), (2026, 4, D(2026, 12, 31))])
def test_quarter_end(year, quarter, end):
    assert catalog.quarter_end(year, quarter) == end


def test_quarters_between_crosses_the_year():
    assert catalog.quarters_between(D(2025, 11, 5), D(2026, 4, 1)) == [(2025, 4), (2026, 1), (2026, 2)]
    assert catalog.quarter_label(2026, 3) == "2026年第三季度"
