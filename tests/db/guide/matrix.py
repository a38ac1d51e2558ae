"""The guide and standard-catalogue permissions for the role × action matrix (tests/db/test_permission_matrix.py)."""
from app.actor import system_actor
from app.guide import service, standard, standard_query

from tests.db.guide.conftest import item_data


def _proposed(ctx) -> int:
    """An adjustment proposed by the program, for the reviewer under test."""
    n = ctx.setdefault("guide_n", 0) + 1
    ctx["guide_n"] = n
    return standard.propose(system_actor(), "add", item_data(name=f"矩阵测试事项{n}"))["id"]


GUIDE_ACTIONS = {
    "guide.view": lambda actor, ctx: standard_query.count(actor, standard_query.CatalogueFilter()),
    "guide.manage": lambda actor, ctx: service.save_texts(actor, {"other": "矩阵测试"}),
    "catalogue.propose": lambda actor, ctx: standard.propose(actor, "add", item_data()),
    "catalogue.review": lambda actor, ctx: standard.review(actor, _proposed(ctx), True),
}
