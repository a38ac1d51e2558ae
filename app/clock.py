"""Today and now, in one place so that tests can move time."""
from __future__ import annotations

import datetime as dt

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen if _frozen is not None else dt.datetime.now().replace(microsecond=0)


def today() -> dt.date:
    return now().date()


def freeze(moment: dt.datetime | None) -> None:
    """Tests only: pin the clock (``None`` releases it)."""
    global _frozen
    _frozen = moment
