"""Shared helpers of the benchmarks: timing, the result rows every ``bench_*.run()`` returns, the table.

A result row is a dict with the keys ``name``, ``value``, ``unit``, ``target``, ``reference``, ``ratio``, ``meets``
(and ``better``: "lower" or "higher", telling which way ``value`` must be against ``target``).
"""
from __future__ import annotations

import gc
import os
import time
from typing import Callable

KEYS = ("name", "value", "unit", "target", "reference", "ratio", "meets")

# Options of the run (``run.py --rows N --database URL``) that size-dependent benchmarks read.
OPTIONS: dict = {}


def best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds (the garbage collector paused while timing)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            started = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - started)
        finally:
            if was_enabled:
                gc.enable()
    return best


def result(name: str, value: float, unit: str, target: float | None = None, better: str = "lower",
           reference: float | None = None, ratio: float | None = None) -> dict:
    """One row. ``meets`` is None when there is no target."""
    if target is None:
        meets = None
    elif better == "lower":
        meets = value <= target
    else:
        meets = value >= target
    return {"name": name, "value": round(value, 6), "unit": unit, "target": target,
            "reference": None if reference is None else round(reference, 6),
            "ratio": None if ratio is None else round(ratio, 2), "meets": meets, "better": better}


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def table(rows: list[dict]) -> str:
    head = ["测量项", "结果", "单位", "目标", "参照", "倍数", "达标"]
    body = []
    for r in rows:
        target = "—" if r["target"] is None else ("≤ " if r.get("better") == "lower" else "≥ ") + _fmt(r["target"])
        meets = {True: "是", False: "否", None: "—"}[r["meets"]]
        body.append([r["name"], _fmt(r["value"]), r["unit"], target, _fmt(r["reference"]), _fmt(r["ratio"]), meets])
    widths = [max(_width(x) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(_pad(x, w) for x, w in zip(line, widths)) for line in [head, *body]]
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# ---- the database a benchmark measures: a temporary SQLite file, or a new database on a PostgreSQL server -----

def fresh_database(url: str | None, tmp: str, name: str) -> str:
    """A new empty database: a file in ``tmp``, or a new database on the server of ``url``."""
    if url is None:
        return "sqlite:///" + os.path.join(tmp, f"{name}.db")
    import psycopg2
    from urllib.parse import urlparse, urlunparse
    from db.connection import parse_url
    db_name = f"zwgk_bench_{name}_{os.getpid()}"
    con = psycopg2.connect(**parse_url(url).dsn)
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {db_name}")
        cur.execute(f"CREATE DATABASE {db_name}")
    con.close()
    return urlunparse(urlparse(url)._replace(path="/" + db_name))


def drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        return
    import psycopg2
    from urllib.parse import urlparse, urlunparse
    from db.connection import close_database, parse_url
    close_database()
    name = urlparse(url).path.lstrip("/")
    con = psycopg2.connect(**parse_url(urlunparse(urlparse(url)._replace(path="/postgres"))).dsn)
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    con.close()
