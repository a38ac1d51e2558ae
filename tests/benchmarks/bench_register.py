"""The request register at the size of a busy county bureau's ten years (50,000 requests): the register's first page,
full-text search (trigram FTS5, and the LIKE fallback for short terms), the due-soon filter, table 三 of the annual
report, and the .xlsx export. The data is written straight into a temporary database (a benchmark set-up, not a
service path); the measured calls are the services the window and the command line use."""
from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from tests.benchmarks.common import best_time, result

COUNT = 50_000
WORDS = ["农村危房改造补助资金", "土地征收补偿安置方案", "城乡居民最低生活保障", "道路硬化工程资金", "环境影响评价报告",
         "财政预算执行情况", "高标准农田建设项目", "棚户区改造征收决定", "饮水安全工程验收", "行政事业性收费清单"]


def _fill(path: Path) -> None:
    from app.requests import catalog
    from db import migrations
    from db.connection import open_database, sqlite_url, write_transaction
    from db.models import Request
    db = open_database(sqlite_url(path))
    migrations.migrate(db)
    rng = random.Random(7)
    outcomes = list(catalog.OUTCOMES)
    types = list(catalog.APPLICANT_TYPES)
    start = dt.date(2017, 1, 1)
    now = dt.datetime(2026, 11, 20, 9)
    rows = []
    for i in range(COUNT):
        received = start + dt.timedelta(days=int(i * 3650 / COUNT))
        concluded = i < COUNT - 300
        decided = received + dt.timedelta(days=rng.randint(3, 30)) if concluded else None
        rows.append({
            "number": f"{received.year}-依申请-{i:06d}", "received_date": received, "channel": "in_person",
            "applicant_type": rng.choice(types), "applicant_name": f"申请人{i % 9000}", "id_number": "",
            "description": f"{received.year}年{rng.choice(WORDS)}第{i}号", "notes": "来电催办" if i % 97 == 0 else "",
            "state": "archived" if concluded else "processing", "reply_days": 20, "clock_start": received,
            "due_date": received + dt.timedelta(days=28), "outcome": rng.choice(outcomes) if concluded else None,
            "decided_date": decided, "outcome_detail": "{}", "source": "ledger", "created_at": now, "updated_at": now})
    with write_transaction():
        for k in range(0, len(rows), 2000):
            Request.insert_many(rows[k:k + 2000]).execute()


def run() -> list[dict]:
    from app import clock
    from app.actor import system_actor
    from app.report import service as report_service
    from app.requests import export, query
    from app.requests.query import RegisterFilter
    from db.connection import close_database

    clock.freeze(dt.datetime(2026, 11, 20, 10))
    actor = system_actor("测量")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        _fill(Path(tmp) / "bench.db")
        first_page = best_time(lambda: (query.count(actor, RegisterFilter()),
                                        query.fetch(actor, RegisterFilter(), 0, 200)))
        out.append(result(f"登记簿首页（{COUNT:,} 件中的 200 行，含总数）", first_page * 1000, "ms", 150))
        long_term = best_time(lambda: query.fetch(actor, RegisterFilter(text="危房改造"), 0, 200))
        out.append(result("全文检索“危房改造”（FTS5 三元组）", long_term * 1000, "ms", 150))
        short_term = best_time(lambda: query.fetch(actor, RegisterFilter(text="催办"), 0, 200))
        out.append(result("两字检索“催办”（LIKE）", short_term * 1000, "ms", 300))
        sort_due = best_time(lambda: query.fetch(actor, RegisterFilter(), 10_000, 200, "due_date", True))
        out.append(result("按答复期限排序后翻到第 10,000 行", sort_due * 1000, "ms", 300))
        soon = best_time(lambda: query.count(actor, RegisterFilter(due="soon")))
        out.append(result("临近期限筛选（计数）", soon * 1000, "ms", 150))
        table3 = best_time(lambda: report_service.build(actor, 2025), repeat=2)
        out.append(result(f"年度报告（表三取自 {COUNT:,} 件）", table3 * 1000, "ms", 2000))
        xlsx = Path(tmp) / "r.xlsx"
        export_time = best_time(lambda: export.export_xlsx(actor, RegisterFilter(received_from=dt.date(2025, 1, 1)),
                                                           str(xlsx)), repeat=1)
        out.append(result("导出 Excel（2025 年起约 9,600 行）", export_time, "s", 10))
        close_database()
    clock.freeze(None)
    return out


if __name__ == "__main__":
    from tests.benchmarks.common import table
    print(table(run()))
