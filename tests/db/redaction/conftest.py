"""Fixtures of the redaction tests: the office that signs the notices, the staff of the review chain."""
from tests.db.publication.conftest import crew  # noqa: F401  (a fixture)
from tests.db.requests.test_notices import office_set  # noqa: F401  (a fixture)
