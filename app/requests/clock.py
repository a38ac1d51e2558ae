"""The legal clock of one request, from plain values (条例第三十条、第三十二条、第三十三条、第三十四条).

- The reply is due on the N-th working day after the clock starts (N = the office's 答复期限, 20 by law).
- The clock starts on the day of receipt, or — after a 补正告知 — on the day the corrected request is received
  (条例第三十条: the period is counted from receipt of the correction).
- Consultation of a third party or another agency, and waiting for a fee when the office so decides, stop the clock:
  the working days inside each stop (first and last day included) do not count.
- An extension adds its working days after the original due date.
- While a stop is still running, or while the office waits for the correction, no reply date can be named: the
  clock is paused and ``ClockState.due`` is None.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.requests.catalog import CLOCK_RUNNING, STOP_KINDS
from app.workdays.deadlines import Deadline, days_left, due_date


@dataclass(frozen=True)
class ClockState:
    deadline: Deadline | None  # None while paused
    paused_by: str | None  # why the clock is not running (Chinese), or None
    days_left: int | None

    @property
    def due(self) -> dt.date | None:
        return self.deadline.due if self.deadline else None


def request_deadline(clock_start: dt.date, reply_days: int, stops, extension_days: int) -> Deadline:
    """``stops``: iterable of (first, last) closed periods."""
    return due_date(clock_start, reply_days, stops=tuple(stops), extension_days=extension_days)


def clock_state(state: str, clock_start: dt.date, reply_days: int, stops: list[tuple[str, dt.date, dt.date | None]],
                extension_days: int, today: dt.date) -> ClockState:
    """``stops``: (kind, first, last-or-None). Concluded requests keep the deadline they had; see ``refresh``."""
    if state == "awaiting_correction":
        return ClockState(None, "等待申请人补正，答复期限自收到补正之日起重新计算（条例第三十条）", None)
    running = [s for s in stops if s[2] is None]
    if running:
        kind, first, _ = running[0]
        return ClockState(None, f"{STOP_KINDS.get(kind, kind)}，自 {first.isoformat()} 起停止计时", None)
    deadline = request_deadline(clock_start, reply_days, [(f, l) for _, f, l in stops], extension_days)
    left = days_left(deadline.due, today) if state in CLOCK_RUNNING or state in ("consulting", "awaiting_fee") \
        else None
    return ClockState(deadline, None, left)


def correction_notice_due(received: dt.date, days: int) -> dt.date:
    """条例第三十条: a request that is unclear must be answered with a 补正告知 within 7 working days of receipt."""
    return due_date(received, days).due
