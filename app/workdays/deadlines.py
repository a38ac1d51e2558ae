"""法定期限: due dates counted in working days on the official calendar, with stops and extensions, explained.

The rules (DOMAIN.md §1):
- 条例第三十三条: "自收到申请之日起20个工作日内予以答复" counts from the day AFTER receipt; the due date is the N-th
  working day after the receipt date. A request received on a rest day therefore has the same due date as one
  received on the last working day before it (2026-03-06 and 2026-03-07 both give 2026-04-03 for 20 days).
- 条例第三十条 (补正) restarts the clock from the day the corrected request arrives: the caller passes that day as
  ``received``. 条例第三十三条第三款: the time spent consulting a third party or another agency is not counted, nor
  (where the office's own setting says so) the time waiting for a fee: each is a stop.
- A stop (first, last), both days inclusive, removes every working day inside it from the count. Stops may overlap
  each other and may start before receipt: only working days after receipt are removed.
- An extension (条例第三十三条第二款: at most 20 working days, approved by the head of the disclosure office) adds that
  many working days after the original due date; stops still apply during the extension.

The arithmetic (``_compute``) is two look-ups in the calendar's index of working days per due date, never a
day-by-day loop; ``due_dates`` runs it over many cases at once, ``due_only`` over one, and ``due_date`` adds the
explanation a clerk reads.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from app.errors import ValidationError
from app.workdays.calendar import WorkCalendar, current

MAX_WORKING_DAYS = 2500  # about ten years; anything longer is a typing error, not a legal time limit

Stop = tuple[dt.date, dt.date]
_DATE = dt.date


@dataclass(frozen=True)
class Deadline:
    """期限: the due date, whether it rests on a provisional (暂定) calendar year, and how it was counted."""
    received: dt.date
    working_days: int
    stops: tuple[Stop, ...]
    extension_days: int
    original_due: dt.date  # before the extension
    due: dt.date  # final
    stopped_days: int  # working days removed by stops
    provisional: bool
    provisional_years: tuple[int, ...]
    steps: tuple[str, ...]

    @property
    def official(self) -> bool:
        return not self.provisional

    def to_dict(self) -> dict:
        return {
            "received": self.received.isoformat(),
            "working_days": self.working_days,
            "stops": [[a.isoformat(), b.isoformat()] for a, b in self.stops],
            "extension_days": self.extension_days,
            "original_due": self.original_due.isoformat(),
            "due": self.due.isoformat(),
            "stopped_days": self.stopped_days,
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "steps": list(self.steps),
        }


def _check_days(value, label: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(label, "应为整数")
    if value < 0:
        raise ValidationError(label, "不能为负数")
    if value > MAX_WORKING_DAYS:
        raise ValidationError(label, f"不能超过{MAX_WORKING_DAYS}个工作日")


def normalise_stops(stops: Iterable[Stop]) -> tuple[Stop, ...]:
    """Sorted, with overlapping or touching stops merged; raises ``ValidationError`` for a stop that ends before it
    starts. Stops that are already normalised come back as they are, cheaply."""
    if stops.__class__ is tuple and _already_normal(stops):
        return stops
    items = []
    for i, pair in enumerate(stops, start=1):
        try:
            first, last = pair
        except (TypeError, ValueError):
            raise ValidationError(f"第{i}段中止计时", "应为（开始日期，结束日期）") from None
        if not isinstance(first, dt.date) or not isinstance(last, dt.date):
            raise ValidationError(f"第{i}段中止计时", "开始和结束都应为日期")
        first = first.date() if isinstance(first, dt.datetime) else first
        last = last.date() if isinstance(last, dt.datetime) else last
        if first > last:
            raise ValidationError(f"第{i}段中止计时", f"开始日期 {first} 晚于结束日期 {last}")
        items.append((first, last))
    items.sort()
    merged: list[list[dt.date]] = []
    for first, last in items:
        if merged and first.toordinal() <= merged[-1][1].toordinal() + 1:
            if last > merged[-1][1]:
                merged[-1][1] = last
        else:
            merged.append([first, last])
    return tuple((a, b) for a, b in merged)


def _already_normal(stops: tuple) -> bool:
    previous = None
    for pair in stops:
        if pair.__class__ is not tuple or len(pair) != 2:
            return False
        first, last = pair
        if first.__class__ is not dt.date or last.__class__ is not dt.date or first > last:
            return False
        if previous is not None and first.toordinal() <= previous + 1:
            return False
        previous = last.toordinal()
    return True


def _skip_stops(lo: int, rank: list[int], total: int, p: int, idx: int, stops) -> int:
    """Move the candidate index ``idx`` past the working days inside ``stops``; ``p`` is the rank of the receipt
    date, so working days up to receipt never count. Returns ``total`` (the number of indexed working days) when a
    stop that matters ends beyond the index: the caller grows it and tries again.

    A stop whose first working day (index ``s``) is at or before the candidate removes all its working days
    ``[s, e)`` from the count, so the candidate moves on by ``e - s``; the stops are sorted and merged, so the first
    one that starts after the candidate ends the walk."""
    if len(stops) == 1:  # the usual case, already in order: only its two dates need checking
        first, last = stops[0]
        if first.__class__ is not _DATE or last.__class__ is not _DATE or first > last:
            stops = normalise_stops(stops)
    else:
        stops = normalise_stops(stops)
    size = len(rank)
    for first, last in stops:
        j = first.toordinal() - 1 - lo  # working days before ``first`` = rank of the day before it
        s = rank[j] if 0 <= j < size else (0 if j < 0 else total)
        if s < p:
            s = p
        if s > idx:
            break
        k = last.toordinal() - lo
        if k < 0:  # wholly before the index, so before receipt
            continue
        if k >= size:
            return total
        e = rank[k]
        if e > s:
            idx += e - s
    return idx


def _compute(cal: WorkCalendar, cases) -> list[dt.date]:
    """THE due-date arithmetic; every function here goes through it. ``cases``: (received, working days, stops,
    extension days). The due date is ``days[rank(received) + n - 1]``: the n-th working day after receipt, found by
    two look-ups; stops move it on (``_skip_stops``); ``n == 0`` is the receipt date itself."""
    index = cal.index()
    lo, rank, days = index.lo, index.rank, index.days
    last = len(days)
    out: list[dt.date] = []
    append = out.append
    for received, n, stops, extension in cases:
        if extension:
            if extension < 0:
                raise ValidationError("延长工作日数", "不能为负数")
            n += extension
        if n <= 0:
            if n < 0:
                raise ValidationError("工作日数", "不能为负数")
            append(received)
            continue
        i = received.toordinal() - lo
        if i >= 0:
            try:  # an index past the end (of rank or days) means the index must grow
                p = rank[i]
                idx = p + n - 1
                if stops:
                    idx = _skip_stops(lo, rank, last, p, idx, stops)
                append(days[idx])
                continue
            except IndexError:
                pass
        # Outside the index (a far year, a long count): grow it, then count this case again.
        stops = normalise_stops(stops) if stops else ()
        _grow(cal, received, n, stops)
        append(_compute(cal, ((received, n, stops, 0),))[0])
        index = cal.index()
        lo, rank, days = index.lo, index.rank, index.days
        last = len(days)
    return out


def _grow(cal: WorkCalendar, received: dt.date, n: int, stops: tuple[Stop, ...]) -> None:
    before = cal.index()
    start = received.toordinal()
    end = max([start] + [b.toordinal() for _, b in stops]) + 2 * n + 400  # far enough for n working days
    cal.cover(start, end)
    if cal.index() is before:  # already covered up to the last supported year
        raise ValidationError("日期", "期限超出可计算的年份范围")


def due_dates(cases: Iterable[tuple[dt.date, int, Iterable[Stop], int]], calendar: WorkCalendar | None = None
              ) -> list[dt.date]:
    """Many due dates at once, same rules as ``due_date``: each case is (received, working days, stops, extension
    days). For registers and recomputation after a calendar change: no explanation is built. A negative count or a
    bad stop raises ``ValidationError``; a count beyond the supported years too."""
    return _compute(calendar or current(), cases)


def _checked(value, label: str) -> int:
    if value.__class__ is not int or not 0 <= value <= MAX_WORKING_DAYS:
        _check_days(value, label)
    return value


def due_only(received: dt.date, working_days: int, stops: Iterable[Stop] = (), extension_days: int = 0,
             calendar: WorkCalendar | None = None) -> dt.date:
    """The final due date alone (same rules as ``due_date``), without the explanation."""
    _checked(working_days, "工作日数")
    _checked(extension_days, "延长工作日数")
    return _compute(calendar or current(), ((received, working_days, stops, extension_days),))[0]


def due_date(received: dt.date, working_days: int, stops: Iterable[Stop] = (), extension_days: int = 0,
             calendar: WorkCalendar | None = None) -> Deadline:
    """The N-th working day after ``received`` (条例第三十三条), with ``stops`` not counted (条例第三十三条第三款; fees)
    and ``extension_days`` more working days after it (条例第三十三条第二款). See the module's docstring.

    ``working_days == 0`` means "on the spot": the due date is the receipt date itself.
    """
    _check_days(working_days, "工作日数")
    _check_days(extension_days, "延长工作日数")
    if not isinstance(received, dt.date):
        raise ValidationError("收到申请日期", "应为日期")
    cal = calendar or current()
    norm = normalise_stops(stops)
    original_due, due = _compute(cal, ((received, working_days, norm, 0), (received, working_days, norm,
                                                                            extension_days)))
    total = working_days + extension_days
    # Every working day in (received, due] was either counted or stopped.
    stopped = cal.count_between(received.toordinal(), due.toordinal()) - total if total else 0
    years = tuple(y for y in range(received.year, due.year + 1) if not cal.is_official(y))
    steps = _explain(cal, received, working_days, norm, extension_days, original_due, due, years)
    return Deadline(received, working_days, norm, extension_days, original_due, due, stopped, bool(years), years,
                    steps)


def _span(first: dt.date, last: dt.date) -> str:
    if first == last:
        return first.isoformat()
    tail = last.strftime("%m-%d") if last.year == first.year else last.isoformat()
    return f"{first.isoformat()}至{tail}"


def _explain(cal: WorkCalendar, received: dt.date, n: int, stops: tuple[Stop, ...], extension: int,
             original_due: dt.date, due: dt.date, provisional_years: tuple[int, ...]) -> tuple[str, ...]:
    """The steps a clerk reads, in date order: receipt, start, skipped holidays, make-up days, stops, due dates."""
    steps = [f"收到申请 {received.isoformat()}（{cal.day_info(received).describe()}）"]
    total = n + extension
    if total == 0:
        steps.append("当场答复：期限为收到申请当日")
        return tuple(steps)
    start = received + dt.timedelta(days=1)
    steps.append(f"自次日起计算（{start.isoformat()}起，计{n}个工作日）")
    events: list[tuple[dt.date, int, str]] = []
    for name, first, last in cal.holiday_runs(start, due):
        events.append((first, 0, f"跳过 {name} {_span(first, last)}"))
    for day, name in cal.makeup_days(start, due):
        events.append((day, 0, f"计入 {day.isoformat()}（{cal.day_info(day).describe()}）"))
    for first, last in stops:
        begin = max(first, start)
        if begin > due:
            events.append((begin, 1, f"中止计时 {_span(first, last)}（在期限届满之后，不影响期限）"))
            continue
        removed = cal.count_between(begin.toordinal() - 1, last.toordinal())
        note = "；收到申请前的日子本不计算" if first < start else ""
        events.append((begin, 1, f"中止计时 {_span(first, last)}（{removed}个工作日不计入{note}）"))
    if extension:
        events.append((original_due, 2, f"第{n}个工作日 {original_due.isoformat()}（原定期限）"))
        events.append((original_due, 3, f"延长{extension}个工作日"))
    for day, _, text in sorted(events):
        steps.append(text)
    for year in provisional_years:
        steps.append(f"{year}年节假日安排尚未录入，按暂定规则计算（暂定）")
    if extension:
        steps.append(f"延长后的第{extension}个工作日 {due.isoformat()}（共{total}个工作日）")
    else:
        steps.append(f"第{n}个工作日 {due.isoformat()}")
    return tuple(steps)


def working_days_between(a: dt.date, b: dt.date, calendar: WorkCalendar | None = None) -> int:
    """The number of working days ``d`` with ``a < d <= b``; the negative of that count (of ``b < d <= a``) when
    ``b < a``. So ``working_days_between(received, due_date(received, 20).due) == 20`` when nothing was stopped."""
    cal = calendar or current()
    x, y = a.toordinal(), b.toordinal()
    return cal.count_between(x, y) if x <= y else -cal.count_between(y, x)


def days_left(due: dt.date, today: dt.date, calendar: WorkCalendar | None = None) -> int:
    """Working days left: those in ``(today, due]`` when ``today <= due`` (0 = due today). Overdue gives a negative
    number: minus the working days in ``(due, today]``, and at least -1 (overdue on the rest day after the due date
    is already overdue)."""
    cal = calendar or current()
    if today <= due:
        return cal.count_between(today.toordinal(), due.toordinal())
    return -max(1, cal.count_between(due.toordinal(), today.toordinal()))
