"""Database-test fixtures: a registered request (``staff`` and ``today`` live in tests/conftest.py)."""
import pytest

from app.requests import register
from tests.db.factories import person


@pytest.fixture
def registered(staff, today):
    """A natural person's request received 2026-03-06 (Friday): due 2026-04-03."""
    return register.register(staff["clerk"], person())
