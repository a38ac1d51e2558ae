"""The office's work modules, loaded when the workspace opens so that each can register what other parts call back
(the recomputation of its stored deadlines when the calendar changes, its demo data, its entries on the dashboard)."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

MODULES = [
    "app.requests.hooks",
    "app.report.service",
    "app.publication.hooks",
]


def load() -> None:
    for name in MODULES:
        importlib.import_module(name)


# ---- the dashboard: each module says what is waiting, without the dashboard knowing the module ---------------------
@dataclass(frozen=True)
class DashboardEntry:
    """One line on the 工作台: a count and what it is (“待我审核 3 条”), with the rows behind it."""
    title: str
    count: int
    lines: tuple[str, ...] = ()  # the first few items, e.g. “2026-信息-0003 关于…（逾期2个工作日）”
    urgent: bool = False  # shown in red: something is overdue


_DASHBOARD: dict[str, tuple[str, Callable]] = {}


def register_dashboard(name: str, section: str, fn: Callable) -> None:
    """``fn(actor) -> list[DashboardEntry]`` (empty when the user has nothing to do there); ``section`` is the
    dashboard heading it appears under."""
    _DASHBOARD[name] = (section, fn)


def dashboard_sections(actor) -> list[tuple[str, list[DashboardEntry]]]:
    out = []
    for section, fn in _DASHBOARD.values():
        entries = fn(actor)
        if entries:
            out.append((section, entries))
    return out


# ---- demo data: each module fills its own through its real services ----------------------------------------------
_DEMO: dict[str, tuple[Callable, Callable]] = {}


def register_demo(name: str, fn: Callable, foreign: Callable) -> None:
    """``fn(staff: dict[username, Actor], seed: int) -> str`` makes the module's demo records and says what;
    ``foreign() -> str | None`` names the module's records demo did not make (“3条待发布信息”), so that demo data is
    never written into a database in use."""
    _DEMO[name] = (fn, foreign)


def fill_demo(staff: dict, seed: int) -> list[str]:
    return [fn(staff, seed) for fn, _ in list(_DEMO.values())]


def foreign_records() -> list[str]:
    return [text for _, foreign in list(_DEMO.values()) if (text := foreign())]
