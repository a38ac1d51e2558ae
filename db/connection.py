"""The one database connection of the program.

Services use ``database`` (a peewee ``DatabaseProxy``) and never know which engine is behind it: the URL chosen at
start-up decides. ``sqlite:///relative/path`` and ``sqlite:////absolute/path`` open a local file (the default);
``postgresql://user:pass@host:port/name`` opens a server database for an office with several seats.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from typing import Callable
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
    # The register's large reads (table 三, counts) are short queries run often: compiling them (PostgreSQL's JIT,
    # on by default from 15) took 134 ms of table 三's 690 ms at a million requests and never paid back.
    return peewee.PostgresqlDatabase(**target.dsn, options="-c jit=off")


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


class WritesRefused(RuntimeError):
    """The database was found damaged at start-up: it is open for reading only, and every change is refused."""


# Why writes are refused (None: they are not). Set once at start-up when the integrity check fails.
_writes_refused: str | None = None


def refuse_writes(reason: str | None) -> None:
    """Open the database read-only in effect: ``write_transaction`` raises ``WritesRefused`` with ``reason``."""
    global _writes_refused
    _writes_refused = reason


def writes_refused() -> str | None:
    return _writes_refused


# A save that cannot take the write lock within this time tells the listeners that it is waiting (another window or
# a long import holds the lock), then waits up to the full busy timeout.
LOCK_NOTICE_MS = 300
_lock_wait_listeners: list = []


def on_lock_wait(listener) -> None:
    """``listener(True)`` when a save starts waiting for another writer, ``listener(False)`` when it stops waiting;
    ``listener(True, text)`` when it waits for something else, which ``text`` names."""
    _lock_wait_listeners.append(listener)


def remove_lock_wait_listener(listener) -> None:
    if listener in _lock_wait_listeners:
        _lock_wait_listeners.remove(listener)


# A large SQLite file's start-up integrity check runs in the background (app.workspace): until it has ended, writes
# wait for it, so that nothing is written into a file before it is known to be sound.
_writes_held = None  # a threading.Event set when the check has ended, or None
HELD_NOTICE = "正在检查数据库文件的完整性（较大的数据库在启动后检查），检查完成后继续保存…"


def hold_writes_until(done) -> None:
    """Every ``write_transaction`` waits until ``done`` (a ``threading.Event``) is set; ``None`` lifts the hold."""
    global _writes_held
    _writes_held = done


def _wait_for_hold() -> None:
    held = _writes_held
    if held is None or held.is_set():
        return
    for listener in list(_lock_wait_listeners):
        listener(True, HELD_NOTICE)
    try:
        held.wait()
    finally:
        for listener in list(_lock_wait_listeners):
            listener(False)


def _is_locked(exc: BaseException) -> bool:
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


def _enter_immediate(db: peewee.Database, stack: contextlib.ExitStack):
    """``BEGIN IMMEDIATE``: first with a short wait; when the lock is busy, tell the listeners and wait the rest."""
    if not _lock_wait_listeners:
        return stack.enter_context(db.atomic("IMMEDIATE"))
    set_busy_timeout(db, LOCK_NOTICE_MS)
    try:
        return stack.enter_context(db.atomic("IMMEDIATE"))
    except peewee.OperationalError as exc:
        if not _is_locked(exc):
            raise
    finally:
        set_busy_timeout(db, BUSY_TIMEOUT_MS)
    for listener in list(_lock_wait_listeners):
        listener(True)
    try:
        return stack.enter_context(db.atomic("IMMEDIATE"))
    finally:
        for listener in list(_lock_wait_listeners):
            listener(False)


def set_busy_timeout(db: peewee.Database, ms: int) -> None:
    db.execute_sql(f"PRAGMA busy_timeout = {int(ms)}")


# The app layer turns known storage failures (disk full, read-only, locked, damaged) into its own error type, so that
# every form that shows a refused save inline shows these too and keeps what the user typed.
_translate = None


def translate_errors(translator) -> None:
    """``translator(exc)`` returns the exception to raise instead of a known storage failure, or ``None``."""
    global _translate
    _translate = translator


def hidden_cause(exc: BaseException) -> BaseException:
    """The error that really stopped a transaction.

    On a full disk or an I/O error SQLite rolls the transaction back by itself; peewee's own ``ROLLBACK`` then fails
    with "cannot rollback - no transaction is active", and that message would hide the cause (磁盘已满)."""
    seen: BaseException | None = exc
    while seen is not None and "no transaction is active" in str(seen):
        seen = seen.__context__
    return seen or exc


@contextlib.contextmanager
def write_transaction():
    """One service change: a transaction that takes the write lock at once.

    SQLite's default deferred transaction takes the write lock at the first write; if another window committed in
    between, the upgrade fails at once with "database is locked" instead of waiting. ``BEGIN IMMEDIATE`` waits
    (busy timeout) and then holds the lock, so counters read-then-written inside stay consistent. Nested calls become
    savepoints of the outer transaction. Callbacks given to ``before_commit`` run inside the outermost one just before
    it commits, those given to ``after_commit`` once it has committed; a rollback drops both.
    """
    db = database.obj
    outermost = db.transaction_depth() == 0
    if outermost:
        _wait_for_hold()
    if _writes_refused:
        refused = WritesRefused(_writes_refused)
        raise (_translate(refused) if _translate else None) or refused
    key = _txn_key(db)
    try:
        with contextlib.ExitStack() as stack:
            txn = _enter_immediate(db, stack) if is_sqlite(db) and outermost else stack.enter_context(db.atomic())
            yield txn
            if outermost:
                for callback in _hooks.get(key, {}).get("before", []):
                    callback()
    except peewee.DatabaseError as exc:
        if outermost:
            _hooks.pop(key, None)
        cause = hidden_cause(exc)
        translated = _translate(cause) if _translate else None
        if translated is not None:
            raise translated from cause
        if cause is not exc:
            raise cause.with_traceback(None) from None
        raise
    except BaseException:
        if outermost:
            _hooks.pop(key, None)
        raise
    if outermost:
        for callback in _hooks.pop(key, {}).get("after", []):
            callback()


# Work tied to the current outermost write transaction (per database and thread): the audit anchor.
_hooks: dict[tuple[int, int], dict[str, list]] = {}


def _txn_key(db: peewee.Database) -> tuple[int, int]:
    return id(db), threading.get_ident()


def _add_hook(when: str, callback) -> None:
    pending = _hooks.setdefault(_txn_key(database.obj), {}).setdefault(when, [])
    if callback not in pending:
        pending.append(callback)


def before_commit(callback) -> None:
    """Run ``callback()`` inside the enclosing ``write_transaction``, after its body, just before it commits."""
    _add_hook("before", callback)


def after_commit(callback) -> None:
    """Run ``callback()`` after the enclosing ``write_transaction`` commits; dropped if it rolls back."""
    _add_hook("after", callback)


BACKUP_STEP_PAGES = 256  # 1 MiB of 4 KiB pages per step of a backup with progress


def backup_sqlite(src_path: str, dest_path: str, progress: Callable[[int, int], None] | None = None) -> None:
    """Consistent copy of a live SQLite file (WAL included) through SQLite's online backup API. With ``progress``
    the pages are copied in steps and ``progress(pages done, pages in all)`` is told after each; an exception it
    raises stops the copy (SQLite restarts a step when another connection wrote meanwhile, so the copy stays
    consistent)."""
    src = sqlite3.connect(src_path)
    try:
        dest = sqlite3.connect(dest_path)
        try:
            if progress is None:
                src.backup(dest)
            else:
                src.backup(dest, pages=BACKUP_STEP_PAGES,
                           progress=lambda status, remaining, total: progress(total - remaining, total))
        finally:
            dest.close()
    finally:
        src.close()


def sqlite_integrity(con: sqlite3.Connection, quick: bool = False, limit: int = 20) -> list[str]:
    """``PRAGMA integrity_check`` (``quick_check``: the faster subset used at start-up); ``["ok"]`` when sound."""
    pragma = "quick_check" if quick else "integrity_check"
    return [r[0] for r in con.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()]


def sqlite_table_counts(con: sqlite3.Connection) -> dict[str, int]:
    """Rows per table of the program's schema (SQLite's own tables and full-text index shadows left out)."""
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    shadows = {n for n in names for v in names if n != v and n.startswith(v + "_")
               and con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (v,)).fetchone()[0]
               .upper().startswith("CREATE VIRTUAL")}
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names if n not in shadows}


def sqlite_user_version(con: sqlite3.Connection) -> int:
    return con.execute("PRAGMA user_version").fetchone()[0]


def open_sqlite_readonly(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection that cannot change a byte of the file (``immutable`` when its folder is not writable, since a
    read-only WAL database otherwise needs to create its shared-memory file)."""
    path = os.path.abspath(os.fspath(path))
    flags = "mode=ro" if os.access(os.path.dirname(path), os.W_OK) else "mode=ro&immutable=1"
    from urllib.parse import quote
    return sqlite3.connect(f"file:{quote(path)}?{flags}", uri=True)


class _ReadOnlySqlite(peewee.SqliteDatabase):
    def _connect(self):
        conn = open_sqlite_readonly(self.database)
        conn.isolation_level = None
        self._add_conn_hooks(conn)
        return conn


def bind_readonly(path: str | os.PathLike) -> peewee.Database:
    """Bind the proxy to a read-only view of a SQLite file (``check`` and verifying a backup)."""
    db = _ReadOnlySqlite(os.path.abspath(os.fspath(path)), pragmas={"query_only": 1})
    database.initialize(db)
    db.connect(reuse_if_open=True)
    return db


def snapshot_database(dest_path: str, progress: Callable[[int, int], None] | None = None) -> None:
    """A consistent copy of the open database into ``dest_path`` (a SQLite file), without stopping other windows;
    ``progress`` as for ``backup_sqlite``."""
    db = database.obj
    if not is_sqlite(db):
        raise NotImplementedError("backup of a server database is done by the server (pg_dump)")
    backup_sqlite(db.database, dest_path, progress)


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


def parameters(values: list) -> peewee.SQL:
    """``(?, ?, …)`` holding ``values`` for ``field.in_(…)``, the values handed to the driver as they are (convert
    them first with the field's ``db_value`` where that matters): for hundreds of values, peewee's own conversion of a
    list costs more than the query."""
    return peewee.SQL("(" + ", ".join([database.obj.param] * len(values)) + ")", values)


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
