"""The 发布审核 permissions for the role × action matrix (tests/db/test_permission_matrix.py): each one a real
service call on an item brought to the stage that needs it."""
from app import files, users
from app.actor import system_actor
from app.publication import export, items, query, review
from db.models import User

from tests.db.publication.conftest import item_data

WALK = [("submit", None), ("approve", "first_review"), ("approve", "second_review"), ("approve", "secrecy"),
        ("approve", "final_review")]


def _item(ctx, until: str, major: bool = False) -> int:
    """An item drafted by its own clerk and signed by the system up to stage ``until``."""
    files.configure(ctx["tmp"] / "files")
    row = User.get_or_none(User.username == "matrix-drafter")
    if row is None:
        users.create_user(system_actor(), "matrix-drafter", "起草人", "Passw0rd-2026", ["clerk"])
        row = User.get(User.username == "matrix-drafter")
    drafter = users.actor_for(row)
    item_id = items.create(drafter, item_data(major=major))["id"]
    for action, stage in WALK:
        if stage == until:
            break
        if action == "submit":
            review.submit(drafter, item_id, confirm_content=True)
        else:
            review.act(system_actor(), item_id, action)
    return item_id


PUBLICATION_ACTIONS = {
    "publication.view": lambda actor, ctx: query.count(actor, query.ItemFilter()),
    "publication.draft": lambda actor, ctx: items.create(actor, item_data()),
    "publication.first_review": lambda actor, ctx: review.act(actor, _item(ctx, "first_review"), "approve"),
    "publication.second_review": lambda actor, ctx: review.act(actor, _item(ctx, "second_review"), "approve"),
    "publication.secrecy": lambda actor, ctx: review.act(actor, _item(ctx, "secrecy"), "approve"),
    "publication.final_review": lambda actor, ctx: review.act(actor, _item(ctx, "final_review"), "approve"),
    "publication.final_review_major": lambda actor, ctx: review.act(actor, _item(ctx, "final_review", major=True),
                                                                    "approve"),
    "publication.publish": lambda actor, ctx: review.publish(actor, _item(ctx, "ready"), item_data()["formed_date"],
                                                             "门户网站", "http://www.example.gov.cn/1"),
    "publication.export": lambda actor, ctx: export.export_items(actor, query.ItemFilter(), str(ctx["tmp"] / "i.xlsx")),
}
