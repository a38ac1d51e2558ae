"""统计图表: what the modules' charts have in common — the months of a year as the axis, counting records per month
on either engine — and a chart's figures written out as a spreadsheet (through ``app.tabular``, logged like every
other output)."""
from __future__ import annotations

import peewee as pw

from app import audit, clock, files, modules, tabular
from app.errors import PermissionDenied, ServiceError
from app.permissions import require_active
from db.connection import is_sqlite, write_transaction

MONTHS = tuple(f"{m}月" for m in range(1, 13))

audit.register_labels(actions={"dashboard.chart_export": "导出统计图表数据"})


def month_of(field: pw.Field):
    """The month (1-12) of a date column, as SQL: SQLite keeps dates as ISO text, PostgreSQL as dates."""
    if is_sqlite():
        return pw.fn.strftime("%m", field).cast("INTEGER")
    return pw.fn.date_part("month", field).cast("INTEGER")


def per_month(query, field: pw.Field, key=None) -> dict[tuple, int]:
    """Counts of ``query``'s rows by (month, *key columns): {(month, key value…): count}."""
    month = month_of(field)
    keys = list(key or ())
    q = query.select(month.alias("m"), *keys, pw.fn.COUNT(pw.SQL("*")).alias("n")).group_by(month, *keys)
    return {(int(row[0]), *row[1:-1]): int(row[-1]) for row in q.tuples()}


def _figures(actor, name: str, year: int) -> modules.ChartData:
    require_active(actor)
    chart = modules.chart(name)
    if chart is None or not actor.can(chart.permission):
        raise PermissionDenied(f"{actor.display_name}不能导出图表“{chart.title if chart else name}”")
    data = chart.compute(actor, year)
    if data is None:
        raise ServiceError(f"图表“{chart.title}”在{year}年没有数据可导出")
    return data


def _log(actor, data: modules.ChartData, year: int, path: str, rows: int):
    def commit():
        with write_transaction():
            audit.record(actor, "dashboard.chart_export", "audit", None,
                         after={"rows": rows, "file": str(path), "filter": {"chart": data.title, "year": year},
                                "at": clock.now().isoformat(sep=" ")})
    return commit


def export_image(actor, name: str, year: int, path: str, png: bytes) -> None:
    """Save the picture of chart ``name`` (drawn by the window from the figures for ``year``) as ``path``."""
    data = _figures(actor, name, year)

    def write(target: str) -> None:
        with open(target, "wb") as fh:
            fh.write(png)

    files.deliver(path, write, _log(actor, data, year, path, len(data.categories)))


def export_chart(actor, name: str, year: int, path: str) -> int:
    """Write the figures of chart ``name`` for ``year`` to the .xlsx ``path``; returns the number of rows."""
    data = _figures(actor, name, year)
    columns = [("category", "项目")] + [(series, series) for series, _ in data.series]
    wb, n = tabular.table_workbook(f"{year}年{data.title}", columns, data.rows(),
                                   {"category": 18, **{s: 12 for s, _ in data.series}})
    files.deliver(path, wb.save, _log(actor, data, year, path, n))
    return n
