"""Fixtures of the redaction window tests."""
from tests.db.publication.conftest import crew  # noqa: F401  (a fixture)
from tests.db.requests.test_notices import office_set  # noqa: F401,E402  (a fixture)
