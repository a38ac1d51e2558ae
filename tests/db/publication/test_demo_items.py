"""The demo's information items: every stage of the chain over several years, through the real services."""
import datetime as dt

from app import audit, demo, files
from app.publication import hooks  # noqa: F401 (registers the demo hook, as the workspace does)
from db.models import InfoItem, ItemRecord, ScreenFinding


def test_demo_makes_items_in_every_stage(db, tmp_path, frozen_clock):
    files.configure(tmp_path / "files")
    frozen_clock.set(dt.datetime(2026, 11, 20, 9, 0))
    result = demo.fill(requests=3, seed=4)
    assert any("待发布信息" in line for line in result.modules)
    stages = {s for (s,) in InfoItem.select(InfoItem.stage).distinct().tuples()}
    assert stages == {"draft", "returned", "first_review", "second_review", "secrecy", "parked", "final_review",
                      "ready", "published", "withheld", "withdrawn"}
    years = {r.published_date.year for r in InfoItem.select().where(InfoItem.published_date.is_null(False))}
    assert min(years) <= 2024 and max(years) == 2026
    kinds = {(f.kind, f.source.endswith(".docx")) for f in ScreenFinding.select()}
    assert ("id_number", True) in kinds
    assert {r.kind for r in ItemRecord.select()} >= {"proofread", "correction", "emergency_report", "comment_period"}
    assert InfoItem.select().where(InfoItem.submissions == 2).exists()  # returned and resubmitted
    assert audit.verify_chain().ok
