"""PostgreSQL for the tests: one migrated template database per test run, a fresh copy of it for each test.

Set ``ZWGK_TEST_POSTGRES`` to the URL of a maintenance database on a server where the role may create databases
(``.ci/run`` does: ``postgresql://zwgk_test:zwgk_test@127.0.0.1:5432/postgres``). Without it the tests run on SQLite
only.
"""
from __future__ import annotations

import contextlib
import itertools
import os
from urllib.parse import urlparse, urlunparse

ADMIN_URL = os.environ.get("ZWGK_TEST_POSTGRES", "")
ENGINES = ["sqlite", "postgresql"] if ADMIN_URL else ["sqlite"]

_counter = itertools.count(1)
_template: str | None = None


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/" + name))


def _admin(sql: str) -> None:
    import psycopg2
    from db.connection import parse_url
    con = psycopg2.connect(**parse_url(ADMIN_URL).dsn)
    try:
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute(sql)
    finally:
        con.close()


def _prefix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"zwgk_t{os.getpid()}{worker}"


def template() -> str:
    """The migrated template database of this run, made on first use."""
    global _template
    if _template is None:
        from db import migrations
        from db.connection import close_database, open_database
        name = f"{_prefix()}_tpl"
        _admin(f"DROP DATABASE IF EXISTS {name}")
        _admin(f"CREATE DATABASE {name}")
        migrations.migrate(open_database(_with_database(ADMIN_URL, name)))
        close_database()
        _template = name
    return _template


def empty_url() -> str:
    """A new empty database (for migration tests); dropped by ``drop_all`` at the end of the run."""
    name = f"{_prefix()}_{next(_counter)}"
    _admin(f"CREATE DATABASE {name}")
    return _with_database(ADMIN_URL, name)


@contextlib.contextmanager
def fresh_database():
    tpl = template()
    name = f"{_prefix()}_{next(_counter)}"
    _admin(f"CREATE DATABASE {name} TEMPLATE {tpl}")
    try:
        yield _with_database(ADMIN_URL, name)
    finally:
        from db.connection import close_database
        close_database()
        _drop(name)


def _drop(name: str) -> None:
    """Drop a test database. The test role may not end the server's own autovacuum worker, which can be busy in a
    fresh copy for a moment: wait and try again, and leave it to ``drop_all`` if it is still there."""
    import time
    import psycopg2
    for attempt in range(20):
        try:
            _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except (psycopg2.errors.InsufficientPrivilege, psycopg2.errors.ObjectInUse):
            time.sleep(0.25)


def drop_all() -> None:
    if not ADMIN_URL:
        return
    import psycopg2
    from db.connection import parse_url
    con = psycopg2.connect(**parse_url(ADMIN_URL).dsn)
    try:
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (_prefix() + "\\_%",))
            names = [name for (name,) in cur.fetchall()]
    finally:
        con.close()
    for name in names:
        _drop(name)
