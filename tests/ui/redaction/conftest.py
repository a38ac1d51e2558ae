"""Fixtures of the redaction window tests."""
from tests.db.publication.conftest import crew  # noqa: F401  (a fixture)
