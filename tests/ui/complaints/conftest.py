"""The 举报投诉 window tests reuse the request window's form driver and the case staff."""
from tests.db.complaints.conftest import crew, received  # noqa: F401 (fixtures)
from tests.ui.requests.conftest import fill_forms, no_preview  # noqa: F401 (fixtures)
