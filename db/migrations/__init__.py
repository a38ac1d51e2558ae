"""The migration ladder.

The schema version is SQLite's ``PRAGMA user_version`` (a ``schema_version`` table on other engines). Each step runs
in one transaction together with the version bump; an existing SQLite file is copied aside before the first step; a
database made by a newer program is refused, never touched.
"""
from __future__ import annotations

import datetime as dt
import importlib
import os
from dataclasses import dataclass

import peewee

from db.connection import backup_sqlite, is_sqlite, sqlite_path

# The ladder, in order. A step is a module with ``DESCRIPTION`` and ``apply(db)``; never edit a step that has shipped.
STEP_MODULES = [
    "db.migrations.m001_foundation",
    "db.migrations.m002_calendar",
    "db.migrations.m003_requests",
    "db.migrations.m004_annual_report",
    "db.migrations.m005_register_indexes",
    "db.migrations.m006_step_notices",
    "db.migrations.m007_letter_delivery",
    "db.migrations.m008_publication",
    "db.migrations.m009_redaction",
    "db.migrations.m010_complaints",
    "db.migrations.m011_supervisors",
    "db.migrations.m012_assessment",
    "db.migrations.m013_guide",
    "db.migrations.m014_ocr",
    "db.migrations.m015_indexes",
    "db.migrations.m016_audit_entity_index",
]


class DatabaseTooNew(RuntimeError):
    def __init__(self, found: int, supported: int):
        super().__init__(
            f"数据库版本为 {found}，高于本程序支持的版本 {supported}。"
            "该数据库已被更新版本的程序使用过，请安装新版程序后再打开，本程序不会修改它。"
        )
        self.found = found
        self.supported = supported


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    apply: object


def steps() -> list[Step]:
    out = []
    for i, name in enumerate(STEP_MODULES, start=1):
        mod = importlib.import_module(name)
        out.append(Step(i, mod.DESCRIPTION, mod.apply))
    return out


LATEST = len(STEP_MODULES)


def refuse_newer_file(path: str) -> None:
    """Read an existing SQLite file's version without changing a byte of it (opening it in WAL mode would)."""
    if not os.path.exists(path):
        return
    import sqlite3
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()
    if found > LATEST:
        raise DatabaseTooNew(found, LATEST)


def current_version(db: peewee.Database) -> int:
    if is_sqlite(db):
        return db.execute_sql("PRAGMA user_version").fetchone()[0]
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def _set_version(db: peewee.Database, version: int) -> None:
    if is_sqlite(db):
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
        return
    if not db.table_exists("schema_version"):
        db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute_sql("DELETE FROM schema_version")
    db.execute_sql("INSERT INTO schema_version (version) VALUES (%s)", (version,))


@dataclass
class MigrationResult:
    from_version: int
    to_version: int
    backup_path: str | None


def backup_path_for(path: str, version: int, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    folder = os.path.join(os.path.dirname(os.path.abspath(path)), "backups")
    os.makedirs(folder, exist_ok=True)
    base = os.path.basename(path)
    return os.path.join(folder, f"{base}.v{version}-{now:%Y%m%d-%H%M%S}.bak")


def migrate(db: peewee.Database, target: int | None = None, backup: bool = True) -> MigrationResult:
    target = LATEST if target is None else target
    found = current_version(db)
    if found > LATEST:
        raise DatabaseTooNew(found, LATEST)
    backup_file = None
    if found < target and found > 0 and backup and is_sqlite(db):
        path = sqlite_path(db)
        if path and path != ":memory:":
            backup_file = backup_path_for(path, found)
            backup_sqlite(path, backup_file)
    for step in steps()[found:target]:
        with db.atomic():
            step.apply(db)
            _set_version(db, step.version)
    return MigrationResult(found, max(found, target), backup_file)
