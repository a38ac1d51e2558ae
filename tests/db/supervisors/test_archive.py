"""档案查阅: the 监督员 reads closed requests, published items and annual reports through the registered views with
nobody's personal data in the list, the detail or any document; every record opened and every document viewed or
printed is in the access log, which administrators view and export; an opinion is filed from a record."""
import datetime as dt

import openpyxl
import pytest

from app import modules, office, settings
from app.errors import NotFound, PermissionDenied
from app.requests import decision, documents, register
from app.supervisors import archive, opinions, query
from tests.app.printing.helpers import pdftotext, squeeze
from tests.db.factories import company, person

D = dt.date
APPLICANT = person()
PERSONAL = (APPLICANT["applicant_name"], APPLICANT["id_number"], APPLICANT["phone"], APPLICANT["address"],
            APPLICANT["postcode"])


@pytest.fixture
def closed(office_staff, today):
    """A natural person's request, replied to, with its 申请登记表 and reply notice; an organisation's, replied to;
    one still open (not in the archive)."""
    head, clerk = office_staff["admin"], office_staff["clerk"]
    office.save_profile(head, {"name": "某某县人民政府办公室", "phone": "0878-3123456"})
    settings.set_many(head, {"remedy.review_body": "某某县人民政府", "remedy.court": "某某县人民法院",
                             "office.abbreviation": "某"})
    rid = register.register(clerk, APPLICANT)["id"]
    documents.issue(clerk, rid, "申请登记表")
    decision.decide(clerk, rid, "disclose", D(2026, 3, 20), {"provided": "名单复印件"})
    documents.issue(clerk, rid, "政府信息公开告知书")
    org = register.register(clerk, company())["id"]
    decision.decide(clerk, org, "disclose", D(2026, 3, 20), {"provided": "名单复印件"})
    still_open = register.register(clerk, person(applicant_name="王小明"))["id"]
    return {"person": rid, "org": org, "open": still_open}


def _text(pdf: bytes) -> str:
    return squeeze(pdftotext(pdf))


def test_the_supervisor_sees_the_views_the_modules_register(office_staff):
    names = [name for name, _ in archive.views(office_staff["supervisor"])]
    assert {"requests", "publication", "report"} <= set(names)
    assert names == [name for name, _ in modules.archive_views(office_staff["supervisor"])]


def test_closed_requests_without_anyones_personal_data(office_staff, closed):
    sup = office_staff["supervisor"]
    assert archive.count(sup, "requests") == 2  # the open request is not in the archive
    rows = {r["id"]: r for r in archive.fetch(sup, "requests", "", 0, 50)}
    assert rows[closed["person"]]["applicant"] == "陈某"
    assert rows[closed["org"]]["applicant"] == "某某建设工程有限公司"  # an organisation's name is not personal data
    assert archive.count(sup, "requests", "陈小红") == 0  # a name cannot be searched for either
    assert archive.count(sup, "requests", "危房改造") == 1 and archive.count(sup, "requests", "招标") == 1
    with pytest.raises(NotFound, match="尚未办结"):
        archive.open_record(sup, "requests", closed["open"])
    opened = archive.open_record(sup, "requests", closed["person"])
    shown = repr(opened["lines"])
    assert not any(p in shown for p in PERSONAL), shown
    assert [d["title"].split()[0] for d in opened["documents"]] == ["申请登记表", "政府信息公开告知书"]
    for doc in opened["documents"]:
        text = _text(archive.document_pdf(sup, "requests", closed["person"], doc["id"]))
        assert doc["title"].split()[0] in text
        assert not any(squeeze(p) in text for p in PERSONAL), text
        if doc["title"].startswith("政府信息公开告知书"):
            assert "0878-3123456" in text  # the office's own public number stays
    org = archive.open_record(sup, "requests", closed["org"])
    assert "刘大伟" not in repr(org["lines"])  # the legal representative is a person


def test_the_clerk_sees_the_applicant_in_the_same_view(office_staff, closed):
    lines = dict(archive.open_record(office_staff["clerk"], "requests", closed["person"])["lines"])
    assert lines["申请人"] == "陈小红" and lines["证件号码"] == APPLICANT["id_number"]


def test_a_document_of_another_record_is_refused(office_staff, closed):
    other = documents.list_for(closed["person"])[0]["id"]
    with pytest.raises(NotFound):
        archive.document_pdf(office_staff["supervisor"], "requests", closed["org"], other)


def test_published_items_with_their_review_records(office_staff, tmp_path):
    from app.publication import review
    from tests.db.publication.matrix import _item
    item = _item({"tmp": tmp_path}, "ready")
    review.publish(office_staff["clerk"], item, D(2026, 3, 2), "门户网站", "http://www.example.gov.cn/1")
    sup = office_staff["supervisor"]
    assert archive.count(sup, "publication") == 1
    opened = archive.open_record(sup, "publication", item)
    lines = opened["lines"]
    assert lines[0] == ("标题", "关于调整城乡居民最低生活保障标准的通知")
    assert sum(1 for k, _ in lines if k.startswith("审核记录")) >= 5
    text = _text(archive.document_pdf(sup, "publication", item, opened["documents"][0]["id"]))
    assert "信息发布审核及保密审查表" in text


def test_annual_reports(office_staff, closed):
    from app.report import service
    service.save_entries(office_staff["head"], 2025, {"text.overview": "2025年，本机关认真贯彻条例。"})
    sup = office_staff["supervisor"]
    assert [r["year"] for r in archive.fetch(sup, "report", "", 0, 10)] == [2025]
    opened = archive.open_record(sup, "report", 2025)
    assert opened["lines"][0][1].endswith("2025年政府信息公开工作年度报告")
    assert "政府信息公开工作年度报告" in _text(archive.document_pdf(sup, "report", 2025, 1))


def test_every_opening_and_document_is_in_the_access_log(office_staff, closed):
    sup, admin = office_staff["supervisor"], office_staff["admin"]
    opened = archive.open_record(sup, "requests", closed["person"])
    archive.document_pdf(sup, "requests", closed["person"], opened["documents"][1]["id"])
    archive.note_printed(sup, "requests", closed["person"], opened["documents"][1]["id"])
    rows = archive.log_fetch(admin, archive.AccessFilter(), 0, 10)
    assert [(r["display_name"], r["action_label"], r["document"].split()[0] if r["document"] else "") for r in rows] \
        == [("赵敏", "打印文书", "政府信息公开告知书"), ("赵敏", "查看文书", "政府信息公开告知书"), ("赵敏", "打开记录", "")]
    assert all(r["record_label"].startswith("依申请公开：") and "陈小红" not in r["record_label"] for r in rows)
    assert archive.log_count(admin, archive.AccessFilter(user_id=office_staff["clerk"].user_id)) == 0
    with pytest.raises(PermissionDenied):
        archive.log_fetch(sup, archive.AccessFilter(), 0, 10)
    with pytest.raises(PermissionDenied):
        archive.log_count(office_staff["clerk"], archive.AccessFilter())


def test_the_access_log_exports(office_staff, closed, tmp_path):
    archive.open_record(office_staff["supervisor"], "requests", closed["person"])
    out = tmp_path / "查阅记录.xlsx"
    assert archive.export_log(office_staff["admin"], archive.AccessFilter(), str(out)) == 1
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == tuple(h for _, h in archive.COLUMNS)
    assert rows[1][1:6] == ("赵敏", "zhaomin", "依申请公开", rows[1][4], "打开记录")


def test_an_opinion_filed_from_a_record_enters_the_register(office_staff, closed, linked):
    sup = office_staff["supervisor"]
    made = opinions.submit(sup, {"content": "告知书的获取方式写得清楚。", "subject_view": "requests",
                                 "subject_id": closed["person"]})
    row = query.detail(office_staff["clerk"], made["id"])
    assert (row["stage"], row["subject_id"], row["supervisor_name"]) == ("registered", closed["person"], "杨建华")
