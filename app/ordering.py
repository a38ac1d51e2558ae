"""The order of a register's page, shared by every register: the chosen column (empty values last), then the id."""
from __future__ import annotations


def page_order(col, id_col, descending: bool) -> list:
    # A column that is never empty is ordered plainly, so that its index answers the first page.
    nulls = "LAST" if getattr(col, "null", False) else None
    return [col.desc(nulls=nulls) if descending else col.asc(nulls=nulls),
            id_col.desc() if descending else id_col.asc()]


def pages(fetch, batch: int = 500):
    """Every row of a register, ``batch`` at a time (for exports): ``fetch(offset, limit) -> list``."""
    offset = 0
    while True:
        rows = fetch(offset, batch)
        if not rows:
            return
        yield from rows
        offset += len(rows)
