"""区分处理 of stored files on both engines: a request's attachment (部分公开) and an item's file (非密处理), the marks
kept and edited, the released version stored beside the original with its 区分处理记录 and audit record, and the
部分公开告知书 naming it as an attachment."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from app.errors import PermissionDenied, ValidationError
from app.redaction import hooks, marking, service  # noqa: F401 - hooks: the notice asks it for its 附件
from app.redaction.release import Mark, ReleaseRefused
from app.redaction.source import Rect, Source
from app.requests import attachments, decision, documents
from db.models import Attachment, AuditLog, RedactionRelease
from tests.app.printing.helpers import pdftotext, squeeze
from tests.app.redaction import samples

DPI = 100  # quicker than print resolution; the engine tests cover 300


@pytest.fixture
def attached(staff, registered, tmp_path):
    path = tmp_path / "审批表.pdf"
    path.write_bytes(samples.five_pages())
    return attachments.add(staff["clerk"], registered["id"], str(path))["id"]


def _opened(staff, attached):
    return service.open_file(staff["clerk"], "request", attached)


def test_marks_by_search_and_rectangle_then_release(staff, registered, attached, tmp_path):
    clerk = staff["clerk"]
    opened = _opened(staff, attached)
    assert opened.pages == 5 and service.open_file(clerk, "request", attached).id == opened.id
    with Source(opened.data, opened.name) as src:
        found = marking.by_text(src, samples.ID_NUMBER, "refuse_4", "第三人身份证号")
        (signature,) = src.find("张某某（手写）")
        drawn = marking.by_rect(src, signature, "refuse_4", "手写签名")
    ids = service.add_marks(clerk, opened.id, found + [drawn])
    assert len(ids) == 3
    assert service.add_marks(clerk, opened.id, found) == []  # the same places are not marked twice
    listed = service.marks(clerk, opened.id)
    assert [(m["page"], m["how"]) for m in listed] == [(2, "search"), (3, "rect"), (4, "search")]

    done = service.release(clerk, opened.id, dpi=DPI)
    assert done["name"] == "审批表（公开版本）.pdf" and done["marked_pages"] == [2, 3, 4]
    # the original stays, and the released version is a new attachment beside it
    current = {a["name"]: a for a in attachments.list_for(clerk, registered["id"])}
    assert set(current) == {"审批表.pdf", "审批表（公开版本）.pdf"}
    _, released = attachments.read(clerk, done["file_id"])
    text = squeeze(pdftotext(released))
    assert samples.ID_NUMBER not in text and "张某某" not in text and "补助金额每月三百元" in text
    _, original = attachments.read(clerk, attached)
    assert original == (tmp_path / "审批表.pdf").read_bytes()
    # the record, and the sheet that lists every mark
    name, sheet = service.release_file(clerk, done["id"], "log")
    sheet_text = squeeze(pdftotext(sheet))
    assert "区分处理记录" in sheet_text and "手写签名" in sheet_text and sheet_text.count("按文字查找") == 2
    assert "条例第十五条" in sheet_text and "张明" in sheet_text
    actions = [a.action for a in AuditLog.select().where(AuditLog.entity == "redaction").order_by(AuditLog.seq)]
    assert actions[:3] == ["redaction.open", "redaction.mark", "redaction.mark"] and "redaction.release" in actions
    assert service.releases(clerk, opened.id)[0]["marks"] == 3


def test_partial_notice_names_the_released_version(staff, registered, attached, office_set):
    clerk = staff["clerk"]
    opened = _opened(staff, attached)
    with Source(opened.data, opened.name) as src:
        service.add_marks(clerk, opened.id, marking.by_text(src, samples.ID_NUMBER, "refuse_4"))
    service.release(clerk, opened.id, dpi=DPI)
    decision.decide(clerk, registered["id"], "partial", dt.date(2026, 3, 20),
                    {"provided": "审批表（已作区分处理）", "withheld": "第三人的身份证号码", "grounds": ["refuse_4"],
                     "reason": "属于个人隐私"})
    issued = documents.issue(clerk, registered["id"], "政府信息部分公开告知书")
    text = squeeze(pdftotext(issued["pdf"]))
    assert "附件" in text and "1.审批表（公开版本）" in text and "2.审批表（公开版本）的区分处理记录" in text
    # another notice of the same request lists nothing
    assert documents.compose("登记回执", documents.context(Attachment.get_by_id(attached).request, "登记回执"),
                             None).attachments == ()


def test_edit_and_remove_marks(staff, attached):
    clerk = staff["clerk"]
    opened = _opened(staff, attached)
    (mid,) = service.add_marks(clerk, opened.id, [Mark(Rect(3, 60, 90, 300, 140), "refuse_4", "签名")])
    service.edit_mark(clerk, mid, ground="refuse_6", note="审批意见", rect=Rect(3, 60, 90, 320, 150))
    (m,) = service.marks(clerk, opened.id)
    assert (m["ground"], m["note"], m["rect"].x1) == ("refuse_6", "审批意见", 320)
    with pytest.raises(ValidationError, match="第7页不存在"):
        service.edit_mark(clerk, mid, rect=Rect(7, 0, 0, 10, 10))
    with pytest.raises(ValidationError, match="理由"):
        service.edit_mark(clerk, mid, ground="bogus")
    assert service.remove_marks(clerk, [mid]) == 1 and service.marks(clerk, opened.id) == []
    with pytest.raises(ValidationError, match="没有标记"):
        service.release(clerk, opened.id, dpi=DPI)


def test_a_moved_box_covers_what_is_under_it_and_a_found_phrase_stays_sought(staff, attached):
    clerk = staff["clerk"]
    opened = _opened(staff, attached)
    with Source(opened.data, opened.name) as src:
        found = marking.by_text(src, samples.ID_NUMBER, "refuse_4")  # pages 2 and 4
    drawn, sought, _ = service.add_marks(clerk, opened.id, [Mark(Rect(3, 60, 90, 300, 140), "refuse_4", "签名",
                                                                 "旧的文字", "rect")] + found)
    service.edit_mark(clerk, drawn, rect=Rect(3, 70, 95, 310, 145), text="张某某（手写）")
    service.edit_mark(clerk, sought, rect=Rect(2, 10, 10, 200, 30), text="别处的文字")
    stored = {m["id"]: m for m in service.marks(clerk, opened.id)}
    assert stored[drawn]["text"] == "张某某（手写）" and stored[drawn]["rect"] == Rect(3, 70, 95, 310, 145)
    assert stored[sought]["text"] == samples.ID_NUMBER  # the check after generating still looks for the number
    edits = AuditLog.select().where(AuditLog.action == "redaction.mark_edit").order_by(AuditLog.seq)
    r = found[0].rect
    before = [json.loads(a.before_json)["rect"] for a in edits]
    assert before[0] == [60, 90, 300, 140] and before[1] == pytest.approx([r.x0, r.y0, r.x1, r.y1], abs=0.01)
    # moved off the number, the box no longer covers it: the release is refused and names the page
    with pytest.raises(ReleaseRefused, match="第2页"):
        service.release(clerk, opened.id, dpi=DPI)


def test_a_failed_check_stores_nothing(staff, registered, attached):
    """A box over the ID number on page 2 only: it is still on page 4, so no version is stored."""
    clerk = staff["clerk"]
    opened = _opened(staff, attached)
    with Source(opened.data, opened.name) as src:
        first = src.find(samples.ID_NUMBER)[0]
    service.add_marks(clerk, opened.id, [Mark(first, "refuse_4")])
    with pytest.raises(ReleaseRefused, match="第4页"):
        service.release(clerk, opened.id, dpi=DPI)
    assert RedactionRelease.select().count() == 0
    assert [a["name"] for a in attachments.list_for(clerk, registered["id"])] == ["审批表.pdf"]


def test_permissions(staff, attached):
    with pytest.raises(PermissionDenied):
        service.open_file(staff["supervisor"], "request", attached)
    with pytest.raises(PermissionDenied):
        service.open_file(staff["leader"], "request", attached)
    opened = _opened(staff, attached)
    with pytest.raises(PermissionDenied):
        service.marks(staff["supervisor"], opened.id)


def test_word_files_are_refused(staff, registered, tmp_path):
    path = tmp_path / "名单.docx"
    path.write_bytes(b"PK not really")
    aid = attachments.add(staff["clerk"], registered["id"], str(path))["id"]
    with pytest.raises(ValidationError, match="另存为 PDF"):
        service.open_file(staff["clerk"], "request", aid)


def test_item_file_released_after_secrecy_review_becomes_its_published_file(crew, tmp_path):
    from app.publication import items, review
    from tests.db.publication.conftest import item_data
    item_id = items.create(crew["drafter"], item_data())["id"]
    path = tmp_path / "名单.pdf"
    path.write_bytes(samples.five_pages())
    file_id = items.add_file(crew["drafter"], item_id, str(path))["id"]
    review.submit(crew["drafter"], item_id, confirm_content=True)
    review.act(crew["editor"], item_id, "approve")
    review.act(crew["head"], item_id, "approve")
    secrecy = crew["secrecy"]
    opened = service.open_file(secrecy, "item", file_id)
    with Source(opened.data, opened.name) as src:
        service.add_marks(secrecy, opened.id, marking.by_screen(src, "refuse_4") + marking.by_text(src, "王某某", "refuse_4"))
    done = service.release(secrecy, opened.id, dpi=DPI)
    (current,) = items.file_list(item_id)
    assert current["id"] == done["file_id"] and current["version"] == 2 and current["name"] == "名单（公开版本）.pdf"
    _, data = items.read_file(secrecy, current["id"])
    text = squeeze(pdftotext(data))
    assert samples.ID_NUMBER not in text and samples.PHONE not in text and "王某某" not in text
    _, original = items.read_file(secrecy, file_id)  # the first version is kept
    assert original == path.read_bytes()
