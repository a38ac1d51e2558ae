"""法定期限: due dates counted in working days on the official calendar, with stops and extensions, explained.

The rules (DOMAIN.md §1):
- 条例第三十三条: "自收到申请之日起20个工作日内予以答复" counts from the day AFTER receipt; the due date is the N-th
  working day after the receipt date. A request received on a rest day therefore has the same due date as one
  received on the last working day before it (2026-03-06 and 2026-03-07 both give 2026-04-03 for 20 days).
- 条例第三十条 (补正) restarts the clock from the day the corrected request arrives: the caller passes that day as
  ``received``. 条例第三十二条: the time spent consulting a third party is not counted, nor (国办函〔2020〕109号) the
  time waiting for a fee: each is a stop.
- A stop (first, last), both days inclusive, removes every working day inside it from the count. Stops may overlap
  each other and may start before receipt: only working days after receipt are removed.
- An extension (条例第三十三条第二款: at most 20 working days, approved by the head of the disclosure office) adds that
  many working days after the original due date; stops still apply during the extension.

The arithmetic is ``WorkCalendar.advance`` (a few bisects). ``due_only`` is the fast path; ``due_date`` adds the
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
    starts."""
    items = []
    for i, pair in enumerate(stops, start=1):
        try:
            first, last = pair
        except (TypeError, ValueError):
            raise ValidationError(f"第{i}段中止计时", "应为（开始日期，结束日期）") from None
        if not isinstance(first, dt.date) or not isinstance(last, dt.date):
            raise ValidationError(f"第{i}段中止计时", "开始和结束都应为日期")
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


def _stop_ordinals(stops: tuple[Stop, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((a.toordinal(), b.toordinal()) for a, b in stops)


def due_only(received: dt.date, working_days: int, stops: Iterable[Stop] = (), extension_days: int = 0,
             calendar: WorkCalendar | None = None) -> dt.date:
    """The final due date alone (same rules as ``due_date``), without the explanation: for lists and batches."""
    if working_days.__class__ is not int or not 0 <= working_days <= MAX_WORKING_DAYS:
        _check_days(working_days, "工作日数")
    if extension_days:
        _check_days(extension_days, "延长工作日数")
    cal = calendar or current()
    ords = _stop_ordinals(normalise_stops(stops)) if stops else ()
    return dt.date.fromordinal(cal.advance(received.toordinal(), working_days + extension_days, ords)[0])


def due_date(received: dt.date, working_days: int, stops: Iterable[Stop] = (), extension_days: int = 0,
             calendar: WorkCalendar | None = None) -> Deadline:
    """The N-th working day after ``received`` (条例第三十三条), with ``stops`` not counted (条例第三十二条, fees)
    and ``extension_days`` more working days after it (条例第三十三条第二款). See the module's docstring.

    ``working_days == 0`` means "on the spot": the due date is the receipt date itself.
    """
    _check_days(working_days, "工作日数")
    _check_days(extension_days, "延长工作日数")
    if not isinstance(received, dt.date):
        raise ValidationError("收到申请日期", "应为日期")
    cal = calendar or current()
    norm = normalise_stops(stops)
    ords = _stop_ordinals(norm)
    start = received.toordinal()
    original, _ = cal.advance(start, working_days, ords)
    final, stopped = cal.advance(start, working_days + extension_days, ords)
    original_due, due = dt.date.fromordinal(original), dt.date.fromordinal(final)
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
