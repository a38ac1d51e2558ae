"""The assessment window's tests reuse the assessment's round fixtures and the request window's form driver."""
from tests.db.assessment.conftest import checked, tabled  # noqa: F401 (fixtures)
from tests.ui.requests.conftest import fill_forms  # noqa: F401 (fixture)
