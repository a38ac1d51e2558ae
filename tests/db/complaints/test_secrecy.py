"""The complainant's identity, for a user without complaint.view_identity (the clerk, the supervisor, the
administrator), on every path out of the program: the register, the detail, the history, search, the one search box,
the export, printed documents, the audit viewer and its CSV, the supervisors' archive, the dashboard. One test per
path; and the log of every unmasked view."""
import datetime as dt

import openpyxl
import pytest

from app import audit, modules, office
from app.actor import system_actor
from app.complaints import cases, detail, export, handling, hooks, identity, letters, query
from app.errors import PermissionDenied
from db.models import IdentityView
from tests.app.printing.helpers import pdffonts, pdftotext, squeeze
from tests.db.complaints.conftest import ADDRESS, EMAIL, NAME, PHONE, case_data

SECRETS = (NAME, PHONE, ADDRESS, EMAIL)


def leaks(text) -> list[str]:
    text = squeeze(str(text))
    return [s for s in SECRETS if s in text]


@pytest.fixture
def replied(crew, received):
    cid = received["id"]
    office.save_profile(system_actor("测试"), {"name": "某某镇人民政府"})
    handling.act(crew["head"], cid, "register", unit="办公室")
    handling.act(crew["clerk"], cid, "reply", f"经调查，{NAME}反映的问题属实，已责令整改", method="书面答复")
    return cid


def test_the_register_never_carries_the_identity(crew, received):
    for who in ("clerk", "head"):
        rows = query.fetch(crew[who], query.CaseFilter(), 0, 50)
        assert len(rows) == 1 and rows[0]["complainant_label"] == "实名"
        assert leaks(rows) == []


def test_the_detail_masks_for_a_clerk_and_reveals_on_request_to_the_head(crew, received):
    cid = received["id"]
    d = detail.case_detail(crew["clerk"], cid)
    assert leaks(d) == [] and d["complainant_name"] == identity.HIDDEN and not d["may_reveal"]
    with pytest.raises(PermissionDenied, match="查看举报投诉人的姓名和联系方式"):
        detail.case_detail(crew["clerk"], cid, reveal=True)
    assert IdentityView.select().count() == 0
    plain = detail.case_detail(crew["head"], cid)
    assert leaks(plain) == [] and plain["may_reveal"]  # selecting the row shows nobody
    shown = detail.case_detail(crew["head"], cid, reveal=True)
    assert (shown["complainant_name"], shown["complainant_phone"]) == (NAME, PHONE)
    assert NAME in shown["content"]
    log = IdentityView.get()
    assert (log.username, log.case_id, log.purpose) == ("lihua", cid, "detail")


def test_the_history_masks_notes(crew, received):
    handling.act(crew["head"], received["id"], "register", unit="办公室")
    handling.act(crew["clerk"], received["id"], "investigate", f"约谈{NAME}，回电{PHONE}")
    assert leaks(handling.history(crew["clerk"], received["id"])) == []
    assert NAME in str(handling.history(crew["head"], received["id"]))


@pytest.mark.parametrize("term", [NAME, PHONE, "幸福村五组", EMAIL])
def test_a_search_never_finds_a_case_by_who_complained(crew, received, term):
    for who in ("clerk", "head"):
        assert query.count(crew[who], query.CaseFilter(text=term)) == 0
        assert modules.search_all(crew[who], term) == []
    assert query.count(crew["clerk"], query.CaseFilter(text="征地补偿")) == 1


def test_a_place_in_the_content_still_finds_its_case(crew):
    cases.create(crew["clerk"], case_data(content="某某镇幸福村的公开栏长期未更新"))
    assert query.count(crew["clerk"], query.CaseFilter(text="幸福村")) == 1  # shorter than an address search


def test_the_export_never_holds_the_identity(crew, received, tmp_path):
    path = tmp_path / "c.xlsx"
    assert export.export_cases(system_actor("测试"), query.CaseFilter(), str(path)) == 1  # not even for the program
    rows = list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert rows[1][0] == received["number"]
    assert leaks(" ".join(str(v) for r in rows for v in r if v is not None)) == []


def test_the_reply_letter_names_the_complainant_only_for_a_user_allowed_to_see_it(crew, replied, tmp_path):
    masked = letters.reply_letter(crew["clerk"], replied)
    text = squeeze(pdftotext(masked))
    assert leaks(text) == [] and "举报投诉人：" in text and "举报投诉答复函" in text
    assert IdentityView.select().count() == 0
    named = squeeze(pdftotext(letters.reply_letter(crew["head"], replied)))
    assert f"{NAME}：" in named and "已责令整改" in named
    assert IdentityView.get().purpose == "print"
    assert all(f["emb"] == "yes" for f in pdffonts(masked, tmp_path))


def test_the_summary_names_nobody(crew, replied):
    pdf = letters.summary_pdf(crew["head"], "month", 2026, 3)
    text = squeeze(pdftotext(pdf))
    assert "2026年3月举报投诉和政民互动办理情况通报" in text
    assert leaks(text) == []


def test_the_audit_viewer_and_its_csv_mask_for_the_administrator(crew, received, tmp_path):
    f = audit.AuditFilter(entity="complaint_case")
    assert leaks([r["after"] for r in audit.fetch(crew["admin"], f, 0, 50)]) == []
    assert NAME in str([r["after"] for r in audit.fetch(crew["head"], f, 0, 50)])
    out = tmp_path / "audit.csv"
    audit.export_csv(crew["admin"], f, str(out))
    assert leaks(out.read_text(encoding="utf-8-sig")) == []


def test_the_supervisors_archive_view(crew, received):
    view = dict(modules.archive_views(crew["supervisor"]))["complaints"]
    rows = view.fetch(crew["supervisor"], "", 0, 10)
    lines = view.detail(crew["supervisor"], rows[0]["id"])
    assert leaks(rows) == [] and leaks(lines) == []
    assert dict(lines)["内容"] != ""
    secret = cases.create(crew["clerk"], case_data(confidential=True, content="村干部违规收费的具体情况"))
    assert dict(view.detail(crew["supervisor"], secret["id"]))["内容"] == "（举报投诉人要求保密，内容不予显示）"


def test_the_dashboard_names_nobody(crew, received, frozen_clock):
    cases.create(crew["clerk"], case_data(title=f"{NAME}反映公开栏未更新"))
    frozen_clock.set(dt.datetime(2026, 3, 30, 9, 0))  # both overdue
    entries = hooks.dashboard(crew["clerk"])
    assert entries and entries[0].count == 2 and entries[0].urgent
    assert leaks([e.lines for e in entries]) == []


def test_the_access_log_is_for_administrators(crew, received):
    detail.case_detail(crew["head"], received["id"], reveal=True)
    with pytest.raises(PermissionDenied):
        identity.access_log(crew["clerk"])
    log = identity.access_log(crew["admin"])
    assert [(r["display_name"], r["number"], r["purpose"]) for r in log] == [("李华", received["number"], "查看详情")]
    viewed = audit.fetch(crew["admin"], audit.AuditFilter(action="complaint.view_identity"), 0, 10)
    assert [(r["username"], r["entity_id"], r["action_label"]) for r in viewed] == [
        ("lihua", received["number"], "查看举报投诉人身份")]
    assert audit.verify_chain().ok


def test_an_anonymous_case_shows_no_name_to_anyone(crew):
    made = cases.create(crew["clerk"], case_data(anonymous=True, complainant_name="", complainant_address="",
                                                 complainant_email=""))
    shown = detail.case_detail(crew["head"], made["id"], reveal=True)
    assert shown["complainant_name"] == identity.ANONYMOUS and shown["complainant_phone"] == PHONE
