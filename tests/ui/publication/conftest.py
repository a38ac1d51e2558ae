"""The review chain's window tests reuse the request window's form driver and the chain's staff."""
from tests.db.publication.conftest import crew, drafted  # noqa: F401 (fixtures)
from tests.ui.requests.conftest import fill_forms  # noqa: F401 (fixture)
