"""Shared fixtures: a temporary database per test, users with given roles, a pinned clock, quiet Qt."""
from __future__ import annotations

import datetime as dt
import itertools
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings as hypothesis_settings  # noqa: E402

# Property-based tests (hypothesis) take their number of cases from a profile: the suite's 50 a test, or
# ZWGK_HYPOTHESIS=nightly for the nightly-size run, 2,000 a test (10,000 across the five import and form tests of
# tests/db/test_hostile_input_properties.py). ZWGK_PROPERTY_CASES=N sets N a test for either.
hypothesis_settings.register_profile("suite", max_examples=50)
hypothesis_settings.register_profile("nightly", max_examples=2_000)
hypothesis_settings.load_profile(os.environ.get("ZWGK_HYPOTHESIS") or "suite")
if os.environ.get("ZWGK_PROPERTY_CASES"):
    hypothesis_settings.register_profile("chosen", hypothesis_settings(
        hypothesis_settings.default, max_examples=int(os.environ["ZWGK_PROPERTY_CASES"])))
    hypothesis_settings.load_profile("chosen")

from app import clock, files, passwords  # noqa: E402
from app.actor import system_actor  # noqa: E402
from db import migrations  # noqa: E402
from db.connection import close_database, open_database, sqlite_url  # noqa: E402
from tests import pg  # noqa: E402

_counter = itertools.count(1)

# Tests create thousands of users; at the production scrypt cost (32 MiB, about 110 ms a hash) that alone would take
# many minutes. The code path is the same at any cost; tests/app/test_passwords.py checks the production cost and
# the rehash from an older one.
passwords.COST = passwords.Cost(2 ** 10, 8, 1)


def pytest_generate_tests(metafunc):
    """Database-level tests (tests/db) run on every engine available; the others on SQLite."""
    if "engine" in metafunc.fixturenames:
        path = str(metafunc.definition.path)
        on_all = f"{os.sep}tests{os.sep}db{os.sep}" in path and not metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("engine", pg.ENGINES if on_all else ["sqlite"], indirect=True)


@pytest.fixture
def engine(request):
    return request.param


@pytest.fixture
def database_url(engine, tmp_path):
    """The URL of a fresh, migrated database on ``engine`` (for tests that open it themselves, e.g. in a child)."""
    if engine == "sqlite":
        url = sqlite_url(tmp_path / "test.db")
        migrations.migrate(open_database(url))
        close_database()
        yield url
    else:
        with pg.fresh_database() as url:
            yield url


@pytest.fixture
def db(database_url):
    """A fresh, migrated database bound to the program's proxy: SQLite, and PostgreSQL for tests/db when available."""
    database = open_database(database_url)
    yield database
    close_database()


@pytest.fixture
def system():
    return system_actor("测试")


@pytest.fixture
def make_user(db, system):
    """Create a user with the given roles and return its ``Actor``."""
    from app import users

    def make(*roles, username=None, password="Passw0rd-2026", display_name=None):
        name = username or f"user{next(_counter)}"
        row = users.create_user(system, name, display_name or name, password, list(roles))
        from db.models import User
        return users.actor_for(User.get_by_id(row["id"]))

    return make


@pytest.fixture
def frozen_clock():
    """Pin ``app.clock`` to a moment the test can move: ``frozen_clock.set(datetime)``."""

    class Control:
        def set(self, moment: dt.datetime):
            clock.freeze(moment)

        def advance(self, **delta):
            clock.freeze(clock.now() + dt.timedelta(**delta))

    control = Control()
    control.set(dt.datetime(2026, 3, 9, 9, 30))
    yield control
    clock.freeze(None)


# ---- staff and requests (used by tests/db and tests/ui) -----------------------------------------------------------
@pytest.fixture
def today(frozen_clock):
    frozen_clock.set(dt.datetime(2026, 6, 30, 10, 0))
    return clock.today()


@pytest.fixture
def staff(db, make_user, tmp_path):
    files.configure(tmp_path / "files")
    return {
        "clerk": make_user("clerk", username="zhangming", display_name="张明"),
        "head": make_user("section_head", username="lihua", display_name="李华"),
        "leader": make_user("leader", username="wangqiang", display_name="王强"),
        "supervisor": make_user("supervisor", username="zhaomin", display_name="赵敏"),
        "admin": make_user("admin", username="admin", display_name="管理员"),
    }


@pytest.fixture
def registered(staff, today):
    """A natural person's request received 2026-03-06 (Friday): due 2026-04-03."""
    from app.requests import register
    from tests.db.factories import person
    return register.register(staff["clerk"], person())


def pytest_sessionfinish(session, exitstatus):
    pg.drop_all()
