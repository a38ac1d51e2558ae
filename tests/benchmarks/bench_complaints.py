"""The 举报投诉 register at 100,000 cases (``run.py complaints``; ``--rows`` does not apply): the first page, a re-sort,
a filter change, the overdue filter and full-text search (with the identity exclusion every search carries), through
the services the window calls, on a temporary SQLite file. Targets as for the request register: first page, re-sort
and filter ≤ 100 ms; search ≤ 50 ms for a rare term and ≤ 150 ms for the first page of a term in ~10 % of the cases."""
from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import best_time, result

CASES = 100_000
TOWNS = ["城关镇", "新街镇", "河口镇", "石桥乡", "龙潭乡", "青山镇", "白沙镇", "东风乡", "南岭镇", "北坡乡"]
TOPICS = ["公开栏未更新", "申请逾期未答复", "违规收取复印费", "公示泄露身份证号", "指南无法获取", "低保公示"]
EMPTY = ("report_type", "complainant_email", "subject_person", "transfer_target", "reply_text", "reply_method")
FALSE = ("anonymous", "confidential", "due_provisional", "on_spot")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _build(url: str) -> None:
    from app import clock
    from app.complaints import catalog, steps
    from app.settings import UNITS_PRESET
    from db import migrations
    from db.connection import insert_rows, open_database, write_transaction
    from db.models import ComplaintCase
    migrations.migrate(open_database(url))
    rng = random.Random(7)
    states = list(steps.STATES) + ["archived"] * 8
    cols = ("source", "number", "channel", "received_at", "received_date", "category", "complainant_name",
            "complainant_phone",
            "complainant_address", "title", "content", "subject_unit", "handling_unit", "state", "due_date",
            "reply_date", "created_at", "updated_at") + EMPTY + FALSE
    now = clock.now()
    rows = []
    for k in range(CASES):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
        state, town, topic = rng.choice(states), rng.choice(TOWNS), rng.choice(TOPICS)
        rows.append(("demo", f"{day.year}-举报投诉-{k:06d}", rng.choice(catalog.CHANNELS),
                     dt.datetime.combine(day, dt.time(9, 0)), day, rng.choice(list(catalog.CATEGORIES)),
                     rng.choice(SURNAMES) + rng.choice(SURNAMES) + "某", f"139{k:08d}", f"{town}第{k}号",
                     f"{town}{topic}", f"反映{town}{topic}的问题。第{k}件", rng.choice(UNITS_PRESET),
                     rng.choice(UNITS_PRESET), state, day + dt.timedelta(days=10),
                     day + dt.timedelta(days=8) if state in ("replied", "archived") else None, now, now)
                    + ("",) * len(EMPTY) + (False,) * len(FALSE))
    with write_transaction():
        insert_rows(ComplaintCase, cols, rows)


def run() -> list[dict]:
    from app.actor import Actor
    from app.complaints import query
    from app.complaints.query import CaseFilter
    from db.connection import close_database, sqlite_url
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        _build(sqlite_url(Path(tmp) / "complaints.db"))
        out.append(result(f"批量生成 {CASES:,} 件举报投诉", time.perf_counter() - started, "s"))
        head = Actor(None, "head", "负责人", frozenset({"section_head"}))
        size = f"{CASES:,} 件"

        def page(f, sort=None, desc=False):
            query.count(head, f)
            query.fetch(head, f, 0, 200, sort, desc)

        out.append(result(f"举报投诉登记簿首页（{size}中的200行，含总数）",
                          best_time(lambda: page(CaseFilter())) * 1000, "ms", 100))
        out.append(result(f"按事由重新排序（{size}）", best_time(lambda: page(CaseFilter(), "title")) * 1000, "ms", 100))
        out.append(result(f"改为只看“督办中”（{size}）",
                          best_time(lambda: page(CaseFilter(states=("supervised",)))) * 1000, "ms", 100))
        out.append(result(f"已逾期（{size}）", best_time(lambda: page(CaseFilter(due="overdue"))) * 1000, "ms", 100))
        out.append(result(f"全文检索罕见词“第4242件”（{size}）",
                          best_time(lambda: page(CaseFilter(text="第4242件"))) * 1000, "ms", 50))
        out.append(result(f"全文检索常见词“城关镇”首页（约一成，{size}）",
                          best_time(lambda: page(CaseFilter(text="城关镇"))) * 1000, "ms", 150))
        close_database()
    return out
