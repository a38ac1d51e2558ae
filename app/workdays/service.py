"""节假日安排的维护: the years the office entered or imported, stored in the database, and the recomputation of every
stored open deadline when a year changes (DOMAIN.md §1 (c)).

Modules that store deadlines (the request register, the review chain, …) call ``register_recompute`` at import time
with a function that recomputes their open deadlines on the current calendar and returns what changed. It runs inside
the saving transaction: if it fails, the year is not saved either.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Callable

from app import audit, clock, files
from app.actor import Actor
from app.errors import NotFound, ServiceError, ValidationError
from app.permissions import require
from app.workdays import calendar as calendar_module
from app.workdays.calendar import SOURCES
from app.workdays.schedule import HolidayRange, YearSchedule, parse, validate
from db.connection import write_transaction
from db.models import CalendarDay, CalendarYear, User

STORED_SOURCES = ("entered", "imported")


@dataclass(frozen=True)
class DeadlineChange:
    """One stored deadline that moved because the calendar changed."""
    entity: str  # what it is, in the office's words: "依申请公开申请"
    record_id: int | str
    number: str  # the number the clerk knows it by: "2026-依申请-0012"
    old_due: dt.date
    new_due: dt.date
    old_provisional: bool = False
    new_provisional: bool = False

    @property
    def changed(self) -> bool:
        return self.old_due != self.new_due or self.old_provisional != self.new_provisional

    def describe(self) -> str:
        def show(day, provisional):
            return f"{day.isoformat()}{'（暂定）' if provisional else ''}"
        return (f"{self.entity} {self.number}：{show(self.old_due, self.old_provisional)} → "
                f"{show(self.new_due, self.new_provisional)}")


@dataclass(frozen=True)
class SaveResult:
    """What saving (or deleting) a year did: the year, how many days it stores now, and the deadlines that moved."""
    year: int
    days: int
    changes: tuple[DeadlineChange, ...]
    source: str  # what the year rests on now: "entered" | "imported" | "package" | "provisional"

    def summary(self) -> str:
        if self.days:
            head = f"{self.year}年节假日安排已保存（{SOURCES[self.source]}，共{self.days}天）。"
        else:
            head = f"{self.year}年已恢复为{SOURCES[self.source]}日历。"
        if not self.changes:
            return head + "没有需要调整的期限。"
        lines = [head + f"重新计算后有{len(self.changes)}个期限改变："]
        lines += [f"  {c.describe()}" for c in self.changes]
        return "\n".join(lines)


@dataclass(frozen=True)
class StoredYear:
    schedule: YearSchedule
    source: str
    entered_by: str | None
    entered_at: dt.datetime

    @property
    def year(self) -> int:
        return self.schedule.year

    @property
    def days(self) -> int:
        return self.schedule.day_count


# ---- recomputation hooks -------------------------------------------------------------------------------------
RecomputeHook = Callable[[Actor], list[DeadlineChange]]
_HOOKS: dict[str, RecomputeHook] = {}


def register_recompute(name: str, fn: RecomputeHook) -> None:
    """Let a module recompute its stored open deadlines after a calendar change (``fn(actor) -> changes``); called at
    the module's import. Registering the same name again replaces the earlier function."""
    _HOOKS[name] = fn


def unregister_recompute(name: str) -> None:
    _HOOKS.pop(name, None)


def _recompute(actor: Actor) -> tuple[DeadlineChange, ...]:
    out: list[DeadlineChange] = []
    for fn in list(_HOOKS.values()):
        out.extend(c for c in (fn(actor) or ()) if c.changed)
    return tuple(out)


# ---- reading -------------------------------------------------------------------------------------------------
def _schedule_from_rows(row: CalendarYear, days: list[CalendarDay]) -> YearSchedule:
    runs: list[list] = []
    makeup: dict[str, list[dt.date]] = {}
    for day in sorted(days, key=lambda d: d.date):
        date = day.date if isinstance(day.date, dt.date) else dt.date.fromisoformat(str(day.date))
        if day.kind == "makeup":
            makeup.setdefault(day.name, []).append(date)
        elif runs and runs[-1][0] == day.name and runs[-1][2].toordinal() == date.toordinal() - 1:
            runs[-1][2] = date
        else:
            runs.append([day.name, date, date])
    ranges = []
    for name, first, last in runs:
        ranges.append(HolidayRange(name, first, last, tuple(makeup.pop(name, ()))))
    if makeup and ranges:  # a make-up day whose festival was renamed by hand in the database: keep it, visibly
        ranges[0] = HolidayRange(ranges[0].name, ranges[0].first, ranges[0].last,
                                 ranges[0].makeup_days + tuple(d for ds in makeup.values() for d in ds))
    return YearSchedule(row.year, row.title, tuple(ranges))


def _load(year: int | None = None) -> list[StoredYear]:
    years = CalendarYear.select().order_by(CalendarYear.year)
    day_query = CalendarDay.select()
    if year is not None:
        years, day_query = years.where(CalendarYear.year == year), day_query.where(CalendarDay.year == year)
    rows = list(years)
    if not rows:
        return []
    days: dict[int, list[CalendarDay]] = {}
    for day in day_query:
        days.setdefault(day.year_id, []).append(day)
    ids = {r.entered_by_id for r in rows if r.entered_by_id is not None}
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name).where(User.id.in_(ids))}
    return [StoredYear(_schedule_from_rows(r, days.get(r.year, [])), r.source, names.get(r.entered_by_id),
                       r.entered_at) for r in rows]


def list_years() -> list[StoredYear]:
    """The years the office entered or imported, oldest first."""
    return _load()


def get_year(year: int) -> StoredYear | None:
    found = _load(year)
    return found[0] if found else None


def stored_schedules() -> tuple[dict[int, YearSchedule], dict[int, str]]:
    """(year -> schedule, year -> source) for ``WorkCalendar``."""
    stored = _load()
    return {s.year: s.schedule for s in stored}, {s.year: s.source for s in stored}


def _snapshot(year: int) -> dict | None:
    stored = get_year(year)
    if stored is None:
        return None
    return {"source": stored.source, **stored.schedule.to_dict()}


# ---- changing ------------------------------------------------------------------------------------------------
def _in_transaction(actor: Actor, year: int, change: Callable[[], None], action: str, after: dict | None
                    ) -> tuple[DeadlineChange, ...]:
    before = _snapshot(year)
    try:
        with write_transaction():
            change()
            audit.record(actor, action, "calendar_year", year, before=before, after=after)
            calendar_module.invalidate()
            return _recompute(actor)  # inside the transaction: a failing hook rolls the year back
    finally:
        calendar_module.invalidate()


def save_year(actor: Actor, schedule: YearSchedule, source: str = "entered") -> SaveResult:
    """Store ``schedule`` as the official calendar of its year (replacing what was stored for it), then recompute
    every open deadline through the registered hooks, all in one transaction with its audit record."""
    require(actor, "calendar.manage")
    if source not in STORED_SOURCES:
        raise ValidationError("来源", "应为“录入”或“导入”")
    schedule = validate(schedule)
    year = schedule.year

    def change():
        CalendarDay.delete().where(CalendarDay.year == year).execute()
        CalendarYear.delete().where(CalendarYear.year == year).execute()
        CalendarYear.insert(year=year, source=source, title=schedule.title, entered_by=actor.user_id,
                            entered_at=clock.now()).execute()
        rows = [{"year": year, "date": d, "kind": "holiday", "name": n} for d, n in schedule.rest_days().items()]
        rows += [{"year": year, "date": d, "kind": "makeup", "name": n} for d, n in schedule.makeup_days().items()]
        CalendarDay.insert_many(rows).execute()

    action = "calendar.import" if source == "imported" else "calendar.save"
    changes = _in_transaction(actor, year, change, action, {"source": source, **schedule.to_dict()})
    return SaveResult(year, schedule.day_count, changes, source)


def delete_year(actor: Actor, year: int) -> SaveResult:
    """Remove the office's schedule of ``year``: the year goes back to the package's calendar or the provisional
    rule, and the open deadlines are recomputed."""
    require(actor, "calendar.manage")
    if CalendarYear.get_or_none(CalendarYear.year == year) is None:
        raise NotFound(f"{year}年没有录入或导入的节假日安排")

    def change():
        CalendarDay.delete().where(CalendarDay.year == year).execute()
        CalendarYear.delete().where(CalendarYear.year == year).execute()

    changes = _in_transaction(actor, year, change, "calendar.delete", None)
    return SaveResult(year, 0, changes, calendar_module.current().source_of(year))


def read_schedule_file(path: str | os.PathLike) -> YearSchedule:
    """Parse a text or JSON schedule file (UTF-8, or GB18030 as Windows editors save it)."""
    text = files.read_text(path, "节假日安排文件")
    return parse(text)


def import_file(actor: Actor, path: str | os.PathLike) -> SaveResult:
    """Import a year from a text or JSON file; a malformed or contradictory file is refused and changes nothing."""
    require(actor, "calendar.manage")
    return save_year(actor, read_schedule_file(path), source="imported")
