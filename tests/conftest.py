"""Shared fixtures: a temporary database per test, users with given roles, a pinned clock, quiet Qt."""
from __future__ import annotations

import datetime as dt
import itertools
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import clock  # noqa: E402
from app.actor import system_actor  # noqa: E402
from db import migrations  # noqa: E402
from db.connection import close_database, open_database, sqlite_url  # noqa: E402

_counter = itertools.count(1)


@pytest.fixture
def db(tmp_path):
    """A fresh, migrated SQLite database bound to the program's proxy."""
    database = open_database(sqlite_url(tmp_path / "test.db"))
    migrations.migrate(database)
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
