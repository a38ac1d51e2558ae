"""Database-test fixtures: staff with the usual roles, a pinned clock, a registered request."""
import datetime as dt

import pytest

from app import clock, files
from app.requests import register
from tests.db.factories import person


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
    return register.register(staff["clerk"], person())
