"""An item's scanned file: its recognised text is screened at submission (the ID number it shows blocks 保密审查),
is found by the item register's search, and a new version without it leaves both."""
from __future__ import annotations

import pytest

from app.errors import InvalidState
from app.ocr import layers
from app.publication import items, query, review
from db.models import InfoItem, ScreenFinding
from tests.db.ocr.test_layers import DPI, ID_NUMBER, scan_pages, scanned_pdf
from tests.db.publication.conftest import crew, drafted  # noqa: F401  (fixtures)
from tests.db.publication.test_chain import through_second_review


def test_an_id_number_in_a_scanned_item_file_blocks_the_secrecy_review(crew, drafted, tmp_path):
    path = tmp_path / "公示名单.png"
    scan_pages(["低保户公示名单", f"户主王建国 {ID_NUMBER}"])[0].save(path, dpi=(DPI, DPI))
    file_id = items.add_file(crew["drafter"], drafted, str(path))["id"]
    layers.recognise(crew["drafter"], "item_file", file_id, dpi=DPI)
    assert query.count(crew["drafter"], query.ItemFilter(text="低保户公示")) == 1
    through_second_review(crew, drafted)
    found = [(f.kind, f.source, f.text) for f in ScreenFinding.select().where(ScreenFinding.item == drafted)]
    assert found == [("id_number", "公示名单.png", ID_NUMBER)]
    with pytest.raises(InvalidState, match="尚未处理"):
        review.act(crew["secrecy"], drafted, "approve")
    # the cleaned scan: the old version's text leaves the search, and the new one is read in its turn
    clean = scanned_pdf(tmp_path / "公示名单（删除后）.pdf", ["低保户公示名单", "户主王建国"])
    new = items.new_file_version(crew["secrecy"], file_id, str(clean), "删除身份证号码")["id"]
    assert ID_NUMBER not in InfoItem.get_by_id(drafted).scan_text
    layers.recognise(crew["secrecy"], "item_file", new, dpi=DPI)
    assert "户主王建国" in InfoItem.get_by_id(drafted).scan_text.replace(" ", "")
    finding = ScreenFinding.get(ScreenFinding.item == drafted)
    review.resolve_finding(crew["secrecy"], finding.id, "fixed", "已删除身份证号码")
    review.act(crew["secrecy"], drafted, "approve")
    assert InfoItem.get_by_id(drafted).stage == "final_review"
