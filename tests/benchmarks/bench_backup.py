"""Backup, verification, restore and ``check`` at the size of a busy county bureau's ten years: 50,000 requests
(written straight into the database, as in ``bench_register``) and 300 stored files of 200 KB (60 MB of scans)."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from tests.benchmarks.common import best_time, result

FILES = 300
FILE_SIZE = 200_000


def run() -> list[dict]:
    from app import backup, clock, files, integrity
    from app.actor import system_actor
    from app.paths import DataDir
    from app.workspace import open_workspace
    from db.connection import close_database
    from tests.benchmarks.bench_register import COUNT, _fill

    clock.freeze(dt.datetime(2026, 11, 20, 10))
    actor = system_actor("测量")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        dd = DataDir(Path(tmp) / "data").ensure()
        _fill(dd.database_file)
        close_database()
        open_workspace(str(dd.root))
        for i in range(FILES):
            files.put(os.urandom(FILE_SIZE // 2) * 2, "attachments", f".{i}.pdf")
        size_db = dd.database_file.stat().st_size
        from app.workspace import startup_check
        quick = best_time(lambda: startup_check(dd.database_file, dd))
        out.append(result(f"启动时的快速完整性检查（{size_db / 1e6:.0f} MB）", quick * 1000, "ms", 1000))
        made: list = []
        seconds = best_time(lambda: made.append(backup.create(actor, dd)), repeat=1)
        info = made[-1].info
        out.append(result(f"备份（{size_db / 1e6:.0f} MB 数据库、{COUNT:,} 件、{FILES} 个存档文件共 "
                          f"{FILES * FILE_SIZE / 1e6:.0f} MB，含核验）", seconds, "s", 60))
        out.append(result("备份文件大小", info.size / 1e6, "MB"))
        verify = best_time(lambda: backup.verify(info.path), repeat=1)
        out.append(result("核验一份备份（恢复前的检查）", verify, "s", 30))
        restore = best_time(lambda: backup.restore(actor, dd, info.path), repeat=1)
        out.append(result("恢复（含恢复前备份当前数据库）", restore, "s", 120))
        close_database()
        check = best_time(lambda: integrity.run_check(str(dd.root)), repeat=1)
        out.append(result(f"check（{COUNT:,} 件逐条比对审计记录）", check, "s", 60))
    clock.freeze(None)
    return out
