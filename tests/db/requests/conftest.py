"""Fixtures of the request tests: the office that signs the notices."""
from tests.db.requests.test_notices import office_set  # noqa: F401  (a fixture)
