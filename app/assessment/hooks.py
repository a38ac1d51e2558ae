"""What 考核评议 hands to the rest of the program through the module hooks: its demo data (last year's round
finished, this year's being scored). It reads the other modules only through ``app.modules.measures()``."""
from __future__ import annotations

from app import modules
# The services, loaded with the workspace so that the audit viewer names every action they write.
from app.assessment import export, rounds, scoring, tables  # noqa: F401


def demo(staff: dict, seed: int) -> str:
    from app.assessment.demo import make_rounds
    return make_rounds(staff, seed)


def foreign() -> str | None:
    from app.assessment.demo import foreign_rounds
    return foreign_rounds()


modules.register_demo("assessment", demo, foreign)
