"""The office's work modules, loaded when the workspace opens so that each can register what other parts call back
(the recomputation of its stored deadlines when the calendar changes, its demo data, its entries on the dashboard)."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

MODULES = [
    "app.requests.hooks",
    "app.report.service",
    "app.report.hooks",
    "app.report.archive",
    "app.publication.hooks",
    "app.supervisors.hooks",
    "app.complaints.hooks",
    "app.assessment.hooks",
    "app.guide.hooks",
    "app.redaction.hooks",
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
    tab: str = ""  # the main window's tab (its title) that shows these records; "" when there is none
    record_ids: tuple[int, ...] = ()  # the record each of ``lines`` opens there, in the same order
    mine: bool = False  # the logged-in user's own work: listed before the office's

    def target(self, line: int) -> int | None:
        """The record the ``line``-th line opens (None: the line opens the tab only)."""
        return self.record_ids[line] if 0 <= line < len(self.record_ids) else None


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


def dashboard_entries(actor) -> tuple[list[tuple[str, DashboardEntry]], list[tuple[str, DashboardEntry]]]:
    """(the user's own entries, the office's), each as (section, entry) in the modules' order."""
    mine, office = [], []
    for section, entries in dashboard_sections(actor):
        for entry in entries:
            (mine if entry.mine else office).append((section, entry))
    return mine, office


# ---- charts on the dashboard: each module offers figures to draw, the dashboard draws what is there ---------------
@dataclass(frozen=True)
class ChartData:
    """What one chart shows: a value per category (month, unit, kind) for each series."""
    title: str
    categories: tuple[str, ...]  # along the axis: “1月”…“12月”, the units, the categories
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (series name, one value per category)
    value_label: str = "件"  # what the values count: “件”, “条”, “%”
    stacked: bool = False  # the series add up to a total per category (outcome groups of the month's requests)
    maximum: float | None = None  # the axis' top when it is fixed (100 for a rate)

    @property
    def empty(self) -> bool:
        return not any(v for _, values in self.series for v in values)

    def rows(self) -> list[dict]:
        """One row per category, for a table or a spreadsheet: {"category": …, series name: value, …}."""
        return [{"category": c, **{name: values[i] for name, values in self.series}}
                for i, c in enumerate(self.categories)]


@dataclass(frozen=True)
class Chart:
    title: str
    permission: str  # what the actor needs to see the chart
    compute: Callable  # compute(actor, year: int) -> ChartData | None (None: the module has no data for it)


_CHARTS: dict[str, Chart] = {}


def register_chart(name: str, chart: Chart) -> None:
    _CHARTS[name] = chart


def charts(actor) -> list[tuple[str, Chart]]:
    return [(name, chart) for name, chart in _CHARTS.items() if actor.can(chart.permission)]


def chart(name: str) -> Chart | None:
    return _CHARTS.get(name)


def unit_chart(title: str, permission: str, measure_key: str) -> Chart:
    """A chart of a measure (``register_measure``) per unit of the office (``app.settings.units()``): it shows once
    the measure is registered and some unit has a figure for the year, and nothing before."""
    def compute(actor, year: int) -> ChartData | None:
        from app import settings
        from app.permissions import require
        require(actor, permission)
        measure = _MEASURES.get(measure_key)
        if measure is None or not measure.per_unit:
            return None
        figures = [(unit, measure.compute(year, unit)) for unit in settings.units()]
        figures = [(unit, value) for unit, value in figures if value is not None]
        if not figures:
            return None
        return ChartData(title, tuple(u for u, _ in figures), ((measure.title, tuple(v for _, v in figures)),),
                         measure.unit_label, maximum=100 if measure.unit_label == "%" else None)
    return Chart(title, permission, compute)


# ---- demo data: each module fills its own through its real services ----------------------------------------------
_DEMO: dict[str, tuple[Callable, Callable]] = {}


def register_demo(name: str, fn: Callable, foreign: Callable) -> None:
    """``fn(staff: dict[username, Actor], seed: int) -> str`` makes the module's demo records and says what;
    ``foreign() -> str | None`` names the module's records demo did not make (“3条待发布信息”), so that demo data is
    never written into a database in use."""
    _DEMO[name] = (fn, foreign)


def _load_order(fn: Callable) -> int:
    """Where the module that registered ``fn`` stands in ``MODULES`` (the workspace's order); others after them."""
    return MODULES.index(fn.__module__) if fn.__module__ in MODULES else len(MODULES)


def fill_demo(staff: dict, seed: int) -> list[str]:
    """Each module's demo in the order of ``MODULES``, whatever imported the hooks first: a module reading another's
    records (the assessment's figures) finds them made."""
    return [fn(staff, seed) for fn, _ in sorted(_DEMO.values(), key=lambda entry: _load_order(entry[0]))]


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
    # The record's documents, masked as the detail is: documents(actor, record_id) -> list[dict] (each has "id" and
    # "title"), and document_pdf(actor, record_id, document_id) -> bytes. None: the view has no documents.
    documents: Callable | None = None
    document_pdf: Callable | None = None


_ARCHIVE: dict[str, ArchiveView] = {}


def register_archive_view(name: str, view: ArchiveView) -> None:
    _ARCHIVE[name] = view


def archive_view(name: str) -> ArchiveView | None:
    """One registered view by name (an opinion links to a record of it), whoever asks."""
    return _ARCHIVE.get(name)


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
    open_tab: str = ""  # the main window's tab that shows the record (its title, as DashboardEntry.tab)


def quote(text: str, terms, width: int = 24) -> str:
    """The part of ``text`` around the first of ``terms`` found in it (case ignored), “…” where it is cut; "" when
    none is there. The search box shows it under a hit with the terms marked."""
    lowered = text.lower()
    for term in terms:
        at = lowered.find(term.lower())
        if at >= 0:
            start, end = max(0, at - width), min(len(text), at + len(term) + width)
            return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return ""


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


# ---- a notice's 附件: a module names what a notice sends with it (the released version of a 部分公开) ---------------
_NOTICE_ATTACHMENTS: dict[str, Callable] = {}


# ---- records of one module linked to a record of another ------------------------------------------------------
@dataclass(frozen=True)
class Related:
    """A module's records that point to a record kept by another module (a complaint about a request), listed in that
    record's detail so that the clerk sees the link from both sides without the two modules importing each other."""
    title: str  # “举报投诉”
    permission: str  # what the actor needs to see these records
    fetch: Callable  # fetch(actor, kind: str, record_id: int) -> list[SearchHit]; kind "request" or "item"
    open_tab: str = ""  # the main window's tab that shows them (as SearchSource.open_tab)


_RELATED: dict[str, Related] = {}


def register_related(name: str, related: Related) -> None:
    _RELATED[name] = related


def related_records(actor, kind: str, record_id: int) -> list[tuple[Related, list[SearchHit]]]:
    """For a record of ``kind``, every module's linked records the actor may see (modules with none left out)."""
    out = []
    for related in _RELATED.values():
        if not actor.can(related.permission):
            continue
        hits = related.fetch(actor, kind, record_id)
        if hits:
            out.append((related, hits))
    return out


def register_notice_attachments(name: str, fn: Callable) -> None:
    """``fn(request_id, notice_kind) -> list[str]``: names the notice lists under 附件."""
    _NOTICE_ATTACHMENTS[name] = fn


def notice_attachments(request_id: int, kind: str) -> tuple[str, ...]:
    return tuple(name for fn in _NOTICE_ATTACHMENTS.values() for name in fn(request_id, kind))
