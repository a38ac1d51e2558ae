"""Importing an office's old register (导入原有台账): 10,000 rows of a .csv file read, checked and written through the
service the window and ``import ledger`` use, into a database that already holds 10,000 requests. The import holds
the write lock while it runs, so it must finish well inside another window's 10 s busy timeout."""
from __future__ import annotations

import csv
import datetime as dt
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import result

COUNT = 10_000
OUTCOMES = ["予以公开", "部分公开", "本机关不掌握相关政府信息", "重复申请", "", "逾期不补正", "撤回", "属于国家秘密"]
WORDS = ["农村危房改造补助资金", "土地征收补偿安置方案", "城乡居民最低生活保障", "道路硬化工程资金", "环境影响评价报告"]


def _ledger(path: Path, first_year: int) -> None:
    rows = [["申请编号", "收到日期", "申请人类型", "申请人", "申请内容", "办理结果", "答复日期", "备注"]]
    for i in range(COUNT):
        received = dt.date(first_year, 1, 2) + dt.timedelta(days=i * 1800 // COUNT)
        outcome = OUTCOMES[i % len(OUTCOMES)]
        rows.append([f"{received.year}-依申请-{i + 1:05d}", received.isoformat(), ("自然人", "商业企业")[i % 2],
                     f"申请人{i}", f"{received.year}年{WORDS[i % len(WORDS)]}第{i}号",
                     outcome, (received + dt.timedelta(days=12)).isoformat() if outcome else "", ""])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def run() -> list[dict]:
    from app import audit, clock, files
    from app.actor import system_actor
    from app.requests import ledger
    from db import migrations
    from db.connection import close_database, open_database, sqlite_url

    clock.freeze(dt.datetime(2026, 11, 20, 10))
    actor = system_actor("测量")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = open_database(sqlite_url(root / "bench.db"))
        migrations.migrate(db)
        files.configure(root / "files")
        _ledger(root / "earlier.csv", 2014)  # the register is not empty: indexes and the audit chain hold rows
        ledger.import_file(actor, str(root / "earlier.csv"))
        _ledger(root / "ledger.csv", 2020)
        started, cpu = time.perf_counter(), time.process_time()
        sheet = ledger.read_file(str(root / "ledger.csv"))
        checked = ledger.check(sheet, ledger.default_mapping(sheet.headers))
        read = time.perf_counter() - started
        n = ledger.import_rows(actor, checked, "ledger.csv")
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert n == COUNT and audit.verify_chain().ok
        out.append(result(f"导入台账 {COUNT:,} 行（读取、逐行检查、写入，含办理记录和审计日志）", total, "s", 3))
        out.append(result(f"其中读取和逐行检查 {COUNT:,} 行", read, "s"))
        out.append(result("同一导入的处理器时间（不含等待其他进程）", cpu, "s"))
        close_database()
    clock.freeze(None)
    return out


if __name__ == "__main__":
    from tests.benchmarks.common import table
    print(table(run()))
