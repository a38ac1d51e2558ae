"""The guide: generated from what the program keeps, issued in versions, out of date when a fact it states changes."""
import datetime as dt

import pytest

from app import office, settings
from app.errors import PermissionDenied, ServiceError, ValidationError
from app.guide import hooks, service


@pytest.fixture
def office_profile(staff, system):
    office.save_profile(system, {"name": "某某镇人民政府", "address": "某某镇人民路1号", "phone": "0871-12345678"})


def test_the_first_version_states_the_settings(staff, office_profile, frozen_clock):
    assert not service.status(staff["clerk"]).current
    out = service.issue(staff["clerk"], "首次印发")
    assert out["version"] == 1 and out["changes"] == []
    st = service.status(staff["clerk"])
    assert st.current and st.version == 1
    doc = service.version_document(staff["supervisor"], 1)
    assert doc.title == "某某镇人民政府政府信息公开指南" and doc.notes == ("第1版",)
    assert service.preview(staff["clerk"]).status_mark == ""  # the issued version, unchanged


def test_a_changed_reply_period_puts_the_guide_out_of_date(staff, office_profile, system, frozen_clock):
    service.issue(staff["clerk"])
    settings.set_many(system, {"requests.reply_days": 15})
    st = service.status(staff["clerk"])
    assert not st.current and ("答复期限（工作日）", "20", "15") in st.changes
    entries = hooks.dashboard(staff["clerk"])
    assert any("需要更新" in e.title and any("答复期限（工作日）：20 → 15" in line for line in e.lines) for e in entries)
    preview = service.preview(staff["clerk"])
    assert preview.status_mark == "草稿（未印发）"
    frozen_clock.advance(days=1)
    out = service.issue(staff["clerk"], "答复期限改为15个工作日")
    assert out["version"] == 2 and ("答复期限（工作日）", "20", "15") in out["changes"]
    assert service.status(staff["clerk"]).current
    assert not any("需要更新" in e.title for e in hooks.dashboard(staff["clerk"]))
    versions = service.versions(staff["clerk"])
    assert [v["version"] for v in versions] == [2, 1] and versions[0]["issued_by"] == "张明"
    assert versions[0]["note"] == "答复期限改为15个工作日"


@pytest.mark.parametrize("change", [
    lambda system: office.save_profile(system, {"name": "某某镇人民政府", "address": "某某镇新华路8号"}),
    lambda system: settings.set_many(system, {"remedy.review_body": "某某市人民政府"}),
    lambda system: settings.set_many(system, {"publication.units": "党政办\n财政所"}),
])
def test_each_stated_fact_counts(staff, office_profile, system, change):
    service.issue(staff["clerk"])
    change(system)
    assert not service.status(staff["clerk"]).current


def test_every_fact_has_its_label(staff, office_profile):
    from app.guide import facts
    assert set(facts.current()) == set(facts.LABELS)


def test_nothing_changed_is_not_issued_again(staff, office_profile):
    service.issue(staff["clerk"])
    with pytest.raises(ServiceError, match="没有变化"):
        service.issue(staff["clerk"])


def test_office_paragraphs_are_saved_audited_and_make_a_new_version_due(staff, office_profile):
    service.issue(staff["clerk"])
    assert service.save_texts(staff["clerk"], {"duties": "党政办负责日常工作。"}) == {"duties": "党政办负责日常工作。"}
    assert service.texts(staff["supervisor"])["duties"] == "党政办负责日常工作。"
    assert any(c[0] == "指南内容：机构职能和科室职责" for c in service.status(staff["clerk"]).changes)
    with pytest.raises(ValidationError, match="其他需要说明的事项"):
        service.save_texts(staff["clerk"], {"other": "含控制字符\x07"})
    from db.models import AuditLog
    assert AuditLog.select().where(AuditLog.action == "guide.texts").count() == 1


def test_who_may_do_what(staff, office_profile):
    with pytest.raises(PermissionDenied):
        service.issue(staff["supervisor"])
    with pytest.raises(PermissionDenied):
        service.save_texts(staff["leader"], {"duties": "x"})
    assert service.preview(staff["supervisor"]).title.endswith("政府信息公开指南")


def test_output_is_written_with_its_audit_row(staff, office_profile, tmp_path):
    from db.models import AuditLog
    service.issue(staff["clerk"])
    for fmt in ("pdf", "docx"):
        path = tmp_path / f"g.{fmt}"
        service.output(staff["clerk"], fmt, str(path))
        assert path.stat().st_size > 1000
    assert AuditLog.select().where(AuditLog.action == "guide.output").count() == 2
    import docx
    words = "".join(p.text for p in docx.Document(str(tmp_path / "g.docx")).paragraphs)
    assert "某某镇人民政府政府信息公开指南" in words and "20个工作日内予以答复" in words
    with pytest.raises(ServiceError, match="无法写入"):
        service.output(staff["clerk"], "pdf", str(tmp_path / "missing" / "g.pdf"))
    assert AuditLog.select().where(AuditLog.action == "guide.output").count() == 2


def test_a_never_issued_guide_is_on_the_dashboard(staff, office_profile):
    assert any("尚未印发" in e.title for e in hooks.dashboard(staff["clerk"]))
    assert not any("尚未印发" in e.title for e in hooks.dashboard(staff["admin"]))  # may read it, not issue it


def test_an_issued_version_goes_to_the_review_chain_once(staff, office_profile):
    from app.publication import query
    service.issue(staff["clerk"])
    made = service.post(staff["clerk"], 1, "党政综合办")
    rows = query.fetch(staff["clerk"], query.ItemFilter(), 0, 5)
    assert [(r["number"], r["title"], r["category"], r["stage"]) for r in rows] == [
        (made["number"], "某某镇人民政府政府信息公开指南（第1版）", "信息公开指南", "draft")]
    assert service.versions(staff["clerk"])[0]["posted_item"] == made["number"]
    with pytest.raises(ServiceError, match="已送发布审核"):
        service.post(staff["clerk"], 1, "党政综合办")
    with pytest.raises(PermissionDenied):
        service.post(staff["admin"], 1, "党政综合办")
