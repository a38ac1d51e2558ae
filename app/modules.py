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
    "app.complaints.hooks",
    "app.assessment.hooks",
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


# ---- the supervisors' archive: each module offers a read-only view of what it keeps ---------------------------------
@dataclass(frozen=True)
class ArchiveView:
    """One module's records as a 监督员 (or anyone with ``permission``) may read them: never a write, identities
    masked by the provider according to the actor's permissions."""
    title: str  # the tab or list heading, e.g. “依申请公开”
    permission: str  # what the actor needs to see the view at all
    columns: tuple[tuple[str, str], ...]  # (row key, column header) in display order
    count: Callable  # count(actor, text: str) -> int
    fetch: Callable  # fetch(actor, text: str, offset: int, limit: int) -> list[dict] (each has "id" and the column keys)
    detail: Callable  # detail(actor, record_id: int) -> list[tuple[str, str]]: (label, value) lines, read-only


_ARCHIVE: dict[str, ArchiveView] = {}


def register_archive_view(name: str, view: ArchiveView) -> None:
    _ARCHIVE[name] = view


def archive_views(actor) -> list[tuple[str, ArchiveView]]:
    return [(name, view) for name, view in _ARCHIVE.items() if actor.can(view.permission)]


# ---- the assessment: each module offers measures that an indicator can be bound to ---------------------------------
@dataclass(frozen=True)
class Measure:
    """A figure computed from the records for one year and (when the module records it) one unit (科室/股室)."""
    key: str  # stable, stored in indicator tables, e.g. "requests.overdue"
    title: str  # “依申请公开逾期答复件数”
    module: str  # the module's name, for grouping in the indicator editor
    unit_label: str  # “件”, “%”, “天”
    compute: Callable  # compute(year: int, unit: str | None) -> int | float | None (None: no data recorded)
    per_unit: bool = True  # False when the module does not record which unit handled the record
    records: Callable | None = None  # records(year, unit) -> list[(编号, one line)]: the records behind the figure


_MEASURES: dict[str, Measure] = {}


def register_measure(measure: Measure) -> None:
    _MEASURES[measure.key] = measure


def measures() -> dict[str, Measure]:
    """Only the measures of modules that are loaded: an indicator bound to an absent module is not offered."""
    return dict(_MEASURES)


# ---- one search box: each module answers a typed text with its matching records ----------------------------------
@dataclass(frozen=True)
class SearchHit:
    kind: str  # the module's record name, “申请”, “待发布信息”, “举报投诉”
    record_id: int
    number: str
    title: str
    detail: str = ""  # one line of context: status, date, the matched snippet


@dataclass(frozen=True)
class SearchSource:
    title: str
    permission: str
    search: Callable  # search(actor, text: str, limit: int) -> list[SearchHit]
    open_tab: str = ""  # the main window's tab that shows the record (its object name)


_SEARCH: dict[str, SearchSource] = {}


def register_search(name: str, source: SearchSource) -> None:
    _SEARCH[name] = source


def search_all(actor, text: str, limit: int = 20) -> list[tuple[str, SearchSource, list[SearchHit]]]:
    out = []
    for name, source in _SEARCH.items():
        if actor.can(source.permission):
            hits = source.search(actor, text, limit)
            if hits:
                out.append((name, source, hits))
    return out
