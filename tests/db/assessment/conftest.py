"""A round ready to score: the county-style preset table, the seed 002 bands, three units, a group of two."""
import datetime as dt

import pytest

from app import modules
from app.assessment import rounds, tables

D = dt.date


@pytest.fixture
def tabled(staff, today):
    modules.load()  # the measures the modules offer, as the workspace loads them
    table = tables.create_from_preset(staff["admin"], "county100")
    bands = tables.create_bands_from_preset(staff["admin"], "seed002")
    return table, bands


def plan(tabled, **over):
    table, bands = tabled
    data = {"year": 2026, "table_id": table["id"], "bands_id": bands["id"], "units": ["办公室", "财政所", "经济发展办"],
            "members": [{"name": "李华", "role": "组长"}, {"name": "王强", "role": "成员"}], "combine": "average"}
    data.update(over)
    return data


@pytest.fixture
def checked(staff, tabled):
    """A round after its on-site check (2026-06-29), notice 2026-06-08 (21 days ahead)."""
    head = staff["head"]
    rid = rounds.create_round(head, plan(tabled))["id"]
    rounds.advance(head, rid, "approve_plan", {"date": D(2026, 6, 1)})
    rounds.advance(head, rid, "announce", {"date": D(2026, 6, 8), "onsite_date": D(2026, 6, 29)})
    rounds.advance(head, rid, "check", {"date": D(2026, 6, 29), "methods": ["听取汇报", "实地察看"]})
    return rid


def fill_scores(actor, round_unit_id, share=1.0, assessors=("李华", "王强")):
    """Every leaf scored by every assessor at the proposal, or ``share`` of its points when there is none."""
    from app.assessment import scoring
    sheet = scoring.score_sheet(actor, round_unit_id)
    for row in sheet["rows"]:
        if row["bonus"]:
            continue
        for name in assessors:
            points = row["proposed"] if row["proposed"] is not None else round(row["points"] * share, 2)
            scoring.save_score(actor, round_unit_id, row["code"], name, points)
    return sheet
