"""The 发布审核 register at 100,000 items (``run.py items``; ``--rows`` does not apply): the first page, a re-sort, a
filter change, 待我审核, and full-text search, through the services the window calls, on a temporary SQLite file or,
with ``--database URL``, on a new database of that PostgreSQL server.
Targets as for the request register: first page, re-sort and filter ≤ 100 ms; search ≤ 50 ms for a rare term and
≤ 150 ms for the first page of a term in ~10 % of the items."""
from __future__ import annotations

import datetime as dt
import random
import tempfile
import time

from tests.benchmarks import common
from tests.benchmarks.common import best_time, result

ITEMS = 100_000
EMPTY = ("attribute_reason", "forwarded_from", "forwarded_attribute", "disclosure_manner", "disclosure_scope",
         "secrecy_opinion", "channel", "location", "source")
TOWNS = ["城关镇", "新街镇", "河口镇", "石桥乡", "龙潭乡", "青山镇", "白沙镇", "东风乡", "南岭镇", "北坡乡"]
TOPICS = ["安全生产检查", "春耕生产", "低保标准调整", "老旧小区改造", "河道整治", "疫苗接种", "项目招标", "财政预算"]


def _build(url: str) -> int:
    from app import clock, users
    from app.actor import system_actor
    from app.publication import catalog, stages
    from app.settings import UNITS_PRESET
    from db import migrations
    from db.connection import insert_rows, is_sqlite, open_database, write_transaction
    from db.models import InfoItem
    migrations.migrate(open_database(url))
    clerk = users.create_user(system_actor(), "bench", "测量", "Passw0rd-2026", ["clerk"])["id"]
    rng = random.Random(7)
    codes = list(stages.all_stages()) + ["published"] * 8
    cols = ("number", "title", "unit", "kind", "doc_number", "formed_date", "content", "category", "attribute",
            "drafter_id", "stage", "chain", "publish_due", "secrecy_due", "index_number", "published_date",
            "created_at", "updated_at", "submissions") + EMPTY + ("major", "content_confirmed", "due_provisional")
    now = clock.now()
    rows = []
    for k in range(ITEMS):
        formed = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
        stage = rng.choice(codes)
        town, topic = rng.choice(TOWNS), rng.choice(TOPICS)
        rows.append((f"{formed.year}-信息-{k:06d}", f"{town}{formed.year}年{topic}情况", rng.choice(UNITS_PRESET),
                     rng.choice(list(catalog.KINDS)), "", formed, f"{town}关于{topic}的通知。第{k}号", "工作动态",
                     "proactive", clerk, stage, "default", formed + dt.timedelta(days=28),
                     formed + dt.timedelta(days=7) if stage == "secrecy" else None,
                     f"/{formed.year}-{k:06d}" if stage == "published" else None,
                     formed + dt.timedelta(days=10) if stage == "published" else None, now, now, 1)
                    + ("",) * len(EMPTY) + (False, True, False))
    with write_transaction():
        insert_rows(InfoItem, cols, rows)
    db = InfoItem._meta.database
    if not is_sqlite(db):  # the planner's statistics of the bulk-loaded table, as autovacuum would gather them
        db.execute_sql("ANALYZE info_item")
    return clerk


def run() -> list[dict]:
    from app import users
    from app.publication import query
    from app.publication.query import ItemFilter
    from db.connection import close_database
    from db.models import User
    out = []
    server = common.OPTIONS.get("database")
    engine = "PostgreSQL" if server else "SQLite"
    with tempfile.TemporaryDirectory() as tmp:
        url = common.fresh_database(server, tmp, "items")
        started = time.perf_counter()
        _build(url)
        out.append(result(f"批量生成 {ITEMS:,} 条待发布信息（{engine}）", time.perf_counter() - started, "s"))
        from app.actor import Actor
        leader = Actor(None, "leader", "领导", frozenset({"leader", "section_head", "secrecy_reviewer"}))
        users.actor_for(User.get(User.username == "bench"))
        size = f"{ITEMS:,} 条，{engine}"

        def page(f, sort=None, desc=False):
            # as the window shows it: a page and one row more, before the count (ui/models/paging.py)
            query.fetch(leader, f, 0, 201, sort, desc)

        out.append(result(f"发布审核登记簿首页（200行；{size}）",
                          best_time(lambda: page(ItemFilter())) * 1000, "ms", 100))
        out.append(result(f"登记簿总数（首页显示之后计算；{size}）",
                          best_time(lambda: query.count(leader, ItemFilter())) * 1000, "ms"))
        out.append(result(f"按标题重新排序（{size}）", best_time(lambda: page(ItemFilter(), "title")) * 1000, "ms", 100))
        out.append(result(f"改为只看“保密审查”环节（{size}）",
                          best_time(lambda: page(ItemFilter(stages=("secrecy",)))) * 1000, "ms", 100))
        out.append(result(f"待我审核计数（{size}）", best_time(lambda: query.queue_count(leader)) * 1000, "ms", 100))
        out.append(result(f"全文检索罕见词“第4242号”（{size}）",
                          best_time(lambda: page(ItemFilter(text="第4242号"))) * 1000, "ms", 50))
        out.append(result(f"全文检索常见词“城关镇”首页（约一成，{size}）",
                          best_time(lambda: page(ItemFilter(text="城关镇"))) * 1000, "ms", 150))
        out.append(result(f"常见词“城关镇”的总数（首页显示之后计算；{size}）",
                          best_time(lambda: query.count(leader, ItemFilter(text="城关镇"))) * 1000, "ms"))
        close_database()
        common.drop_database(url)
    return out
