"""The supervisors' window tests reuse the request window's form driver and preview catcher and the roster's
fixtures."""
from tests.db.supervisors.conftest import appointed, linked, office_staff  # noqa: F401 (fixtures)
from tests.ui.requests.conftest import fill_forms, no_preview  # noqa: F401 (fixtures)
