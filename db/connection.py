"""The one database connection of the program.

Services use ``database`` (a peewee ``DatabaseProxy``) and never know which engine is behind it: the URL chosen at
start-up decides. ``sqlite:///relative/path`` and ``sqlite:////absolute/path`` open a local file (the default);
``postgresql://user:pass@host:port/name`` opens a server database for an office with several seats.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

import peewee

database = peewee.DatabaseProxy()

# SQLite waits this long for another window's write to finish before giving up.
BUSY_TIMEOUT_MS = 10_000

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": BUSY_TIMEOUT_MS,
}


class DatabaseUrlError(ValueError):
    """The database URL cannot be understood."""


@dataclass(frozen=True)
class DatabaseTarget:
    engine: str  # "sqlite" | "postgresql"
    path: str | None = None  # SQLite file
    dsn: dict | None = None  # PostgreSQL connection arguments


def parse_url(url: str) -> DatabaseTarget:
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path:
            raise DatabaseUrlError("数据库地址缺少文件路径")
        return DatabaseTarget("sqlite", path=unquote(path))
    parsed = urlparse(url)
    if parsed.scheme in ("postgresql", "postgres"):
        name = parsed.path.lstrip("/")
        if not name:
            raise DatabaseUrlError("数据库地址缺少数据库名")
        dsn = {"database": unquote(name)}
        if parsed.hostname:
            dsn["host"] = parsed.hostname
        if parsed.port:
            dsn["port"] = parsed.port
        if parsed.username:
            dsn["user"] = unquote(parsed.username)
        if parsed.password:
            dsn["password"] = unquote(parsed.password)
        return DatabaseTarget("postgresql", dsn=dsn)
    raise DatabaseUrlError(f"无法识别的数据库地址：{url}（应为 sqlite:///文件路径 或 postgresql://…）")


def sqlite_url(path: str | os.PathLike) -> str:
    return "sqlite:///" + os.path.abspath(os.fspath(path))


def make_database(url: str) -> peewee.Database:
    target = parse_url(url)
    if target.engine == "sqlite":
        parent = os.path.dirname(os.path.abspath(target.path))
        os.makedirs(parent, exist_ok=True)
        return peewee.SqliteDatabase(target.path, pragmas=SQLITE_PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        import psycopg2  # noqa: F401  (the PostgreSQL driver is optional)
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise DatabaseUrlError("使用 PostgreSQL 需要安装 psycopg2：pip install psycopg2-binary") from exc
    return peewee.PostgresqlDatabase(**target.dsn)


def open_database(url: str) -> peewee.Database:
    """Bind the proxy to the database at ``url`` and connect."""
    db = make_database(url)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    return db


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


def is_sqlite(db: peewee.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, peewee.SqliteDatabase)


def sqlite_path(db: peewee.Database | None = None) -> str | None:
    db = db or database.obj
    return db.database if is_sqlite(db) else None


@contextlib.contextmanager
def write_transaction():
    """One service change: a transaction that takes the write lock at once.

    SQLite's default deferred transaction takes the write lock at the first write; if another window committed in
    between, the upgrade fails at once with "database is locked" instead of waiting. ``BEGIN IMMEDIATE`` waits
    (busy timeout) and then holds the lock, so counters read-then-written inside stay consistent. Nested calls become
    savepoints of the outer transaction.
    """
    db = database.obj
    if is_sqlite(db) and db.transaction_depth() == 0:
        with db.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with db.atomic() as txn:
            yield txn


def backup_sqlite(src_path: str, dest_path: str) -> None:
    """Consistent copy of a live SQLite file (WAL included) through SQLite's online backup API."""
    src = sqlite3.connect(src_path)
    try:
        dest = sqlite3.connect(dest_path)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def stream(sql: str, params: tuple = (), batch: int = 10_000):
    """Rows of ``sql`` without holding them all in memory: SQLite's cursor already steps through the result; on
    PostgreSQL a server-side (named) cursor fetches ``batch`` rows at a time inside a transaction."""
    db = database.obj
    if is_sqlite(db):
        yield from db.execute_sql(sql, params)
        return
    with db.atomic():
        # peewee keeps psycopg2 in autocommit mode (its transactions are explicit BEGINs): a held cursor is allowed there
        cursor = db.connection().cursor(name=f"zwgk_stream_{id(sql) & 0xFFFFFF:x}", withhold=True)
        cursor.itersize = batch
        try:
            cursor.execute(sql, params)
            yield from cursor
        finally:
            cursor.close()


def insert_rows(model, columns: tuple[str, ...], rows: list[tuple], page: int = 1_000) -> None:
    """Insert many rows of ``model`` (values in the order of ``columns``, as the model's fields take them) in large
    statements, without building a query object per row: each value is converted by its field exactly as peewee
    would before handing it to the driver, so what is stored is what ``Model.insert_many`` would store."""
    if not rows:
        return
    db = database.obj
    fields = [model._meta.columns[c] for c in columns]
    # Text and numbers go to the driver as they are; only the other fields convert (dates, booleans, …).
    plain = (peewee.TextField, peewee.CharField, peewee.IntegerField, peewee.AutoField, peewee.ForeignKeyField)
    convert = [(i, f.db_value) for i, f in enumerate(fields) if not isinstance(f, plain)]
    if convert:
        values = []
        for row in rows:
            row = list(row)
            for i, fn in convert:
                row[i] = fn(row[i])
            values.append(row)
    else:
        values = rows
    names = ", ".join(f'"{c}"' for c in columns)
    table = model._meta.table_name
    cursor = db.cursor()
    if is_sqlite(db):
        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', values)
    else:
        from psycopg2.extras import execute_values
        execute_values(cursor, f'INSERT INTO "{table}" ({names}) VALUES %s', values, page_size=page)
