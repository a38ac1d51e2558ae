"""The 工作台 and the search box at scale (``run.py dashboard [--rows N] [--database URL]``, default 50,000 requests on
a temporary SQLite file, built in bulk by ``dataset.py``): what needs action across the modules for a clerk, one
search over every module (a rare term and a term in ~10 % of the requests), and the monthly chart of a year, through
the same calls the window makes. Targets: the entries ≤ 300 ms, each search ≤ 200 ms, the chart ≤ 300 ms."""
from __future__ import annotations

import datetime as dt
import tempfile

from tests.benchmarks import bench_register, common, dataset
from tests.benchmarks.common import best_time, result


def run() -> list[dict]:
    from app import clock, modules, users
    from db.connection import close_database
    from db.models import User

    rows = common.OPTIONS.get("rows") or 50_000
    server = common.OPTIONS.get("database")
    size = f"{rows:,} 件，{'PostgreSQL' if server else 'SQLite'}"
    clock.freeze(dt.datetime(2026, 11, 20, 10))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        url = common.fresh_database(server, tmp, "dash")
        dataset.build(url, rows)
        modules.load()
        clerk = users.actor_for(User.get(User.username == "bench"))
        entries = best_time(lambda: modules.dashboard_entries(clerk))
        out.append(result(f"工作台今日待办（经办人，{size}）", entries * 1000, "ms", 300))
        for term, what in (("0099999", "罕见词"), (bench_register.COMMON_TERM, "约一成申请含有的词")):
            t = best_time(lambda: modules.search_all(clerk, term, 20))
            out.append(result(f"一站式搜索{what}（各模块前 20 条；{size}）", t * 1000, "ms", 200))
        chart = modules.chart("requests.monthly")
        t = best_time(lambda: chart.compute(clerk, 2025))
        out.append(result(f"每月申请图表（2025 年；{size}）", t * 1000, "ms", 300))
        close_database()
        common.drop_database(url)
    clock.freeze(None)
    return out
