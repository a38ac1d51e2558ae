"""The assessment in the supervisors' archive: a round whose results the leading group approved is there, read-only,
with every unit's total, grade and rank and the grade sheets as a PDF; a round still being scored is not; each
opening is in the access log."""
import pytest

from app.errors import NotFound
from app.supervisors import archive
from db.models import AccessEntry
from tests.app.printing.helpers import pdftotext, squeeze
from tests.db.assessment.test_export import finished  # noqa: F401  (a fixture)
from tests.db.requests.test_notices import office_set  # noqa: F401  (a fixture)


def test_a_supervisor_reads_the_approved_results(staff, finished, checked, tmp_path):
    from app import files
    files.configure(tmp_path / "files")
    reader = staff["supervisor"]
    assert "assessment" in dict(archive.views(reader))
    assert archive.count(reader, "assessment") == 1
    assert archive.count(reader, "assessment", "财政所") == 1
    assert archive.count(reader, "assessment", "没有的科室") == 0
    [row] = archive.fetch(reader, "assessment", "", 0, 10)
    assert (row["id"], row["year"], row["state_label"], row["units"]) == (checked, "2026年度", "结果已通报", 3)
    opened = archive.open_record(reader, "assessment", checked)
    lines = dict(opened["lines"])
    for unit, r in finished.items():
        assert lines[unit].startswith(f"第{r['rank']}名")
        assert r["grade"] in lines[unit]
    assert lines["通报"] == "2026-06-30 会议（局务会议）"
    [doc] = opened["documents"]
    text = squeeze(pdftotext(archive.document_pdf(reader, "assessment", checked, doc["id"])))
    assert "考核结果汇总表" in text and "财政所考核评分表" in text
    assert AccessEntry.select().where(AccessEntry.view == "assessment").count() >= 2


def test_a_round_being_scored_is_not_in_the_archive(staff, checked):
    reader = staff["supervisor"]
    assert archive.count(reader, "assessment") == 0
    with pytest.raises(NotFound, match="尚未审定"):
        archive.open_record(reader, "assessment", checked)
