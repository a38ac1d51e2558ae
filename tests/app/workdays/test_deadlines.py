"""Due dates, working days between, days left: tables of cases, each checked against a day-by-day count."""
import datetime as dt
import random

import pytest

from app.errors import ValidationError
from app.workdays.calendar import WorkCalendar
from app.workdays.deadlines import days_left, due_date, due_only, normalise_stops, working_days_between
from tests.app.workdays.reference import count_between, count_due

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar()


# (why, received, working days, stops, extension, expected due) — expected worked out by hand from the notices.
CASES = [
    ("Friday receipt", D(2026, 3, 6), 20, (), 0, D(2026, 4, 3)),
    ("Saturday receipt = Friday receipt", D(2026, 3, 7), 20, (), 0, D(2026, 4, 3)),
    ("Sunday receipt = Friday receipt", D(2026, 3, 8), 20, (), 0, D(2026, 4, 3)),
    ("Spring Festival with make-up Saturdays 02-14 and 02-28", D(2026, 2, 10), 20, (), 0, D(2026, 3, 16)),
    ("receipt on make-up Saturday counts from Sunday", D(2026, 2, 14), 1, (), 0, D(2026, 2, 24)),
    ("Mid-autumn and National Day, make-up Sunday 09-20", D(2026, 9, 18), 10, (), 0, D(2026, 10, 9)),
    ("receipt inside National Day holiday", D(2026, 10, 3), 1, (), 0, D(2026, 10, 8)),
    ("receipt on make-up Saturday 10-10", D(2026, 10, 10), 1, (), 0, D(2026, 10, 12)),
    ("Qingming 04-04..06", D(2026, 4, 2), 3, (), 0, D(2026, 4, 8)),
    ("National Day 2025 (with Mid-autumn 10-06)", D(2025, 9, 26), 5, (), 0, D(2025, 10, 10)),
    ("Spring Festival 2025 (除夕 a holiday since the 2024 revision)", D(2025, 1, 24), 3, (), 0, D(2025, 2, 5)),
    ("year boundary into a package year, make-up Sunday 01-04", D(2025, 12, 20), 20, (), 0, D(2026, 1, 19)),
    ("year boundary into provisional 2027", D(2026, 12, 15), 20, (), 0, D(2027, 1, 13)),
    ("a stop of five working days", D(2026, 3, 6), 20, ((D(2026, 3, 9), D(2026, 3, 13)),), 0, D(2026, 4, 13)),
    ("overlapping stops count once", D(2026, 3, 6), 20,
     ((D(2026, 3, 9), D(2026, 3, 11)), (D(2026, 3, 10), D(2026, 3, 13))), 0, D(2026, 4, 13)),
    ("a stop starting before receipt", D(2026, 3, 6), 20, ((D(2026, 3, 1), D(2026, 3, 10)),), 0, D(2026, 4, 8)),
    ("a stop spanning the due date", D(2026, 3, 6), 20, ((D(2026, 4, 1), D(2026, 4, 8)),), 0, D(2026, 4, 13)),
    ("a stop after the due date changes nothing", D(2026, 3, 6), 20, ((D(2026, 5, 1), D(2026, 5, 10)),), 0,
     D(2026, 4, 3)),
    ("a stop wholly before receipt changes nothing", D(2026, 3, 6), 20, ((D(2026, 2, 1), D(2026, 3, 6)),), 0,
     D(2026, 4, 3)),
    ("extension of 20 after the original due date", D(2026, 3, 6), 20, (), 20, D(2026, 5, 7)),
    ("stop during the extension", D(2026, 3, 6), 20, ((D(2026, 4, 20), D(2026, 4, 24)),), 20, D(2026, 5, 13)),
    ("on the spot", D(2026, 3, 7), 0, (), 0, D(2026, 3, 7)),
    ("补正 7 working days over Labour Day", D(2026, 4, 28), 7, (), 0, D(2026, 5, 11)),
]


@pytest.mark.parametrize("why,received,n,stops,extension,expected", CASES, ids=[c[0] for c in CASES])
def test_due_date_table(cal, why, received, n, stops, extension, expected):
    deadline = due_date(received, n, stops, extension, calendar=cal)
    assert deadline.due == expected
    assert count_due(received, n, stops, extension) == expected
    assert due_only(received, n, stops, extension, calendar=cal) == expected


def test_rest_day_receipt_gives_the_same_due_date_as_the_last_working_day_before(cal):
    assert due_date(D(2026, 3, 6), 20, calendar=cal).due == due_date(D(2026, 3, 7), 20, calendar=cal).due


@pytest.mark.parametrize("seed", range(4))
def test_random_cases_match_the_day_by_day_count(cal, seed):
    rnd = random.Random(seed)
    for _ in range(250):
        received = D(2004, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 28))
        n = rnd.choice([0, 1, 2, 5, 7, 15, 20, 20, 40, 60])
        extension = rnd.choice([0, 0, 5, 20])
        stops = []
        for _ in range(rnd.choice([0, 0, 1, 2, 3])):
            first = received + dt.timedelta(days=rnd.randrange(-10, 60))
            stops.append((first, first + dt.timedelta(days=rnd.randrange(0, 25))))
        expected = count_due(received, n, stops, extension)
        got = due_date(received, n, stops, extension, calendar=cal)
        assert got.due == expected, (received, n, stops, extension)
        assert due_only(received, n, stops, extension, calendar=cal) == expected
        removed = sum(1 for k in range(received.toordinal() + 1, expected.toordinal() + 1)
                      if cal.is_workday(D.fromordinal(k))
                      and any(a <= D.fromordinal(k) <= b for a, b in stops))
        assert got.stopped_days == removed


def test_far_years_grow_the_index(cal):
    for received in (D(2000, 12, 20), D(2045, 9, 28), D(2003, 1, 20)):
        assert due_date(received, 30, calendar=cal).due == count_due(received, 30)


def test_provisional_years_are_named(cal):
    d = due_date(D(2026, 12, 15), 20, calendar=cal)
    assert d.provisional and d.provisional_years == (2027,)
    assert "2027年节假日安排尚未录入，按暂定规则计算（暂定）" in d.steps
    assert not due_date(D(2026, 3, 7), 20, calendar=cal).provisional
    assert due_date(D(2026, 12, 30), 0, calendar=cal).provisional_years == ()
    long = due_date(D(2026, 12, 15), 300, calendar=cal)
    assert long.provisional_years == (2027, 2028)


def test_steps_explain_the_count(cal):
    d = due_date(D(2026, 3, 7), 20, [(D(2026, 3, 16), D(2026, 3, 17))], 0, calendar=cal)
    assert d.steps[0] == "收到申请 2026-03-07（星期六，休息日）"
    assert d.steps[1].startswith("自次日起计算")
    assert "中止计时 2026-03-16至03-17（2个工作日不计入）" in d.steps
    assert "跳过 清明节 2026-04-04至04-06" in d.steps
    assert d.steps[-1] == "第20个工作日 2026-04-08"
    spring = due_date(D(2026, 2, 10), 20, calendar=cal)
    assert "跳过 春节 2026-02-15至02-23" in spring.steps
    assert "计入 2026-02-28（星期六，春节调休上班）" in spring.steps
    extended = due_date(D(2026, 3, 6), 20, extension_days=20, calendar=cal)
    assert extended.original_due == D(2026, 4, 3)
    assert "延长20个工作日" in extended.steps
    assert extended.steps.index("延长20个工作日") == extended.steps.index("第20个工作日 2026-04-03（原定期限）") + 1
    assert extended.steps[-1] == "延长后的第20个工作日 2026-05-07（共40个工作日）"


def test_to_dict_is_json(cal):
    import json
    d = due_date(D(2026, 3, 6), 20, [(D(2026, 3, 10), D(2026, 3, 9) + dt.timedelta(days=2))], 5, calendar=cal)
    data = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert {"due", "provisional", "provisional_years", "steps", "original_due", "received", "working_days",
            "extension_days", "stops", "stopped_days"} <= set(data)
    assert data["stops"] == [["2026-03-10", "2026-03-11"]] and data["stopped_days"] == 2


def test_stops_are_normalised():
    stops = [(D(2026, 3, 10), D(2026, 3, 12)), (D(2026, 3, 1), D(2026, 3, 3)), (D(2026, 3, 11), D(2026, 3, 20)),
             (D(2026, 3, 4), D(2026, 3, 4))]
    assert normalise_stops(stops) == ((D(2026, 3, 1), D(2026, 3, 4)), (D(2026, 3, 10), D(2026, 3, 20)))


@pytest.mark.parametrize("kwargs,field", [
    ({"working_days": -1}, "工作日数"),
    ({"extension_days": -5}, "延长工作日数"),
    ({"working_days": 10**6}, "工作日数"),
    ({"stops": [(D(2026, 3, 10), D(2026, 3, 9))]}, "第1段中止计时"),
])
def test_bad_input_is_refused_in_chinese(cal, kwargs, field):
    args = {"received": D(2026, 3, 6), "working_days": 20, **kwargs}
    with pytest.raises(ValidationError) as err:
        due_date(calendar=cal, **args)
    assert err.value.field == field
    with pytest.raises(ValidationError):
        due_only(calendar=cal, **args)


@pytest.mark.parametrize("a,b,expected", [
    (D(2026, 3, 6), D(2026, 4, 3), 20),
    (D(2026, 3, 7), D(2026, 4, 3), 20),
    (D(2026, 4, 3), D(2026, 3, 6), -20),
    (D(2026, 4, 3), D(2026, 4, 6), 0),  # Saturday to the Qingming Monday
    (D(2026, 4, 3), D(2026, 4, 3), 0),
    (D(2026, 2, 13), D(2026, 2, 28), 6),  # make-up Saturdays 02-14 and 02-28 count, 02-15..23 does not
    (D(2026, 12, 31), D(2027, 1, 4), 1),  # provisional 2027: 01-01 a holiday
])
def test_working_days_between(cal, a, b, expected):
    assert working_days_between(a, b, calendar=cal) == expected
    assert count_between(a, b) == expected


def test_working_days_between_random(cal):
    rnd = random.Random(7)
    for _ in range(300):
        a = D(2004, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 26))
        b = a + dt.timedelta(days=rnd.randrange(-90, 90))
        assert working_days_between(a, b, calendar=cal) == count_between(a, b)


@pytest.mark.parametrize("today,expected", [
    (D(2026, 3, 28), 5),  # Saturday: 03-30, 03-31, 04-01, 04-02, 04-03
    (D(2026, 4, 1), 2),
    (D(2026, 4, 2), 1),
    (D(2026, 4, 3), 0),  # due today
    (D(2026, 4, 4), -1),  # the Saturday after: already overdue
    (D(2026, 4, 6), -1),  # Qingming Monday
    (D(2026, 4, 7), -1),
    (D(2026, 4, 8), -2),
])
def test_days_left(cal, today, expected):
    assert days_left(D(2026, 4, 3), today, calendar=cal) == expected


def test_batch_gives_the_same_dates_as_single_calls(cal):
    from app.workdays.deadlines import due_dates
    rnd = random.Random(11)
    cases = []
    for _ in range(500):
        received = D(2003, 6, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 27))
        stops = tuple((received + dt.timedelta(days=k), received + dt.timedelta(days=k + rnd.randrange(0, 9)))
                      for k in rnd.sample(range(-15, 40), rnd.choice([0, 0, 1, 2])))
        cases.append((received, rnd.choice([0, 1, 7, 15, 20]), stops, rnd.choice([0, 20])))
    assert due_dates(cases, calendar=cal) == [count_due(r, n, s, e) for r, n, s, e in cases]
    assert due_dates(cases, calendar=cal) == [due_only(*c, calendar=cal) for c in cases]
    with pytest.raises(ValidationError):
        due_dates([(D(2026, 3, 6), -1, (), 0)], calendar=cal)
    with pytest.raises(ValidationError):
        due_dates([(D(2026, 3, 6), 20, ((D(2026, 3, 9), D(2026, 3, 8)),), 0)], calendar=cal)


def test_stops_at_the_edge_of_the_index():
    # regression: a stop ending before the first indexed day was read from the end of the rank table
    fresh = WorkCalendar()
    stops = ((D(2003, 12, 22), D(2003, 12, 26)), (D(2004, 1, 1), D(2004, 1, 7)))
    assert due_date(D(2004, 1, 1), 15, stops, calendar=fresh).due == count_due(D(2004, 1, 1), 15, stops)
    far = ((D(2026, 3, 10), D(2199, 1, 1)),)  # a stop reaching far beyond the index, after the due date
    assert due_date(D(2026, 3, 6), 1, far, calendar=fresh).due == D(2026, 3, 9)
    with pytest.raises(ValidationError):
        due_date(D(2026, 3, 6), 20, ((D(2026, 3, 9), D(2300, 1, 1)),), calendar=fresh)
