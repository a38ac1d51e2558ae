"""迁移到服务器数据库: copy an office's SQLite database into an empty PostgreSQL database, table by table with the
ids kept (the audit chain's hashes are over the stored values, so it verifies on the target unchanged), set the
sequences, and verify: the same row count in every table and an intact audit chain on the target.

The copy reads the source with SQLite's own module (read-only) and writes the target through its own connection, so
the program's database binding is untouched until the caller opens the target.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Callable

from app.errors import ServiceError
from db import migrations
from db.connection import make_database, parse_url

BATCH = 2_000
# Tables the migration ladder keeps for itself, never copied.
_OWN_TABLES = {"schema_version"}


@dataclass
class TransferReport:
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows copied (and found on the target)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _source_tables(con: sqlite3.Connection) -> set[str]:
    rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
    names = {r[0] for r in rows}
    # FTS5 tables (request_fts, info_item_fts …) and their shadow tables belong to SQLite's search indexes, rebuilt as
    # pg_trgm indexes on the server.
    virtual = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND sql LIKE 'CREATE VIRTUAL TABLE%'").fetchall()}
    return {n for n in names if not any(n == v or n.startswith(v + "_") for v in virtual)}


def _in_dependency_order(target, tables: list[str]) -> list[str]:
    """Referenced tables before the tables that reference them."""
    deps = {t: {fk.dest_table for fk in target.get_foreign_keys(t) if fk.dest_table != t} for t in tables}
    ordered: list[str] = []
    while deps:
        ready = sorted(t for t, d in deps.items() if not (d & set(deps)))
        if not ready:
            raise ServiceError("数据表之间存在循环引用，无法确定复制顺序：" + "、".join(sorted(deps)))
        ordered += ready
        for t in ready:
            del deps[t]
    return ordered


def _column_types(target, table: str) -> dict[str, str]:
    rows = target.execute_sql("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
                              (table,)).fetchall()
    return dict(rows)


def _converter(pg_type: str):
    if pg_type == "boolean":
        return lambda v: None if v is None else bool(v)
    if pg_type == "bytea":
        return lambda v: None if v is None else bytes(v)
    return lambda v: v


def copy_database(source_path: str, target_url: str, progress: Callable[[str, int], None] | None = None
                  ) -> TransferReport:
    """Copy the (migrated, latest-version) SQLite file at ``source_path`` into the empty server database at
    ``target_url``. Refuses a target that already holds an office's data."""
    if parse_url(target_url).engine != "postgresql":
        raise ServiceError("迁移目标应为 PostgreSQL 数据库地址，如 postgresql://用户:密码@主机/库名")
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
        if version != migrations.LATEST:
            raise ServiceError(f"本机数据库版本为 {version}，请先用本程序打开一次（升级到版本 {migrations.LATEST}）再迁移")
        target = make_database(target_url)
        try:
            target.connect()
        except Exception as exc:  # noqa: BLE001 - the driver's connection errors have no common base we can name
            raise ServiceError(f"无法连接服务器数据库：{str(exc).strip().splitlines()[0]}") from None
        try:
            return _copy(source, target, progress)
        finally:
            target.close()
    finally:
        source.close()


def _copy(source: sqlite3.Connection, target, progress) -> TransferReport:
    if migrations.current_version(target) > 0:
        used = target.execute_sql("SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM app_user)"
                                  ).fetchone()[0]
        if used:
            raise ServiceError("目标数据库中已有数据（用户或审计记录），为避免覆盖，只能迁移到空数据库")
    migrations.migrate(target, backup=False)
    source_tables = _source_tables(source)
    target_tables = set(target.get_tables()) - _OWN_TABLES
    missing = source_tables - target_tables
    if missing:
        raise ServiceError("目标数据库缺少这些数据表：" + "、".join(sorted(missing)))
    tables = _in_dependency_order(target, sorted(source_tables))
    report = TransferReport()
    import psycopg2.extras
    with target.atomic():
        # Rows the migration ladder seeded (the role list) come from the source like every other row.
        target.execute_sql("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        for table in tables:
            cols = [r[1] for r in source.execute(f'PRAGMA table_info("{table}")').fetchall()]
            types = _column_types(target, table)
            convert = [_converter(types.get(c, "")) for c in cols]
            cur = source.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}" '
                                 'ORDER BY rowid')
            insert = f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) VALUES %s'
            copied = 0
            with target.cursor() as out:
                while True:
                    batch = cur.fetchmany(BATCH)
                    if not batch:
                        break
                    psycopg2.extras.execute_values(out, insert, [tuple(f(v) for f, v in zip(convert, row))
                                                                 for row in batch], page_size=BATCH)
                    copied += len(batch)
                    if progress:
                        progress(table, copied)
            report.counts[table] = copied
            if "id" in cols:
                target.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 1), "
                    f"MAX(id) IS NOT NULL) FROM \"{table}\"")
    for table, count in report.counts.items():
        found = target.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        if found != count:
            raise ServiceError(f"核对失败：数据表 {table} 复制了 {count} 行，目标中为 {found} 行")
    return report
