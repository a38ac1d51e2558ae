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
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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
            for (name,) in cur.fetchall():
                cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        con.close()
