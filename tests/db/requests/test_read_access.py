"""Reads are guarded like writes: every path that returns a stored document, an attachment or the applicant's
identity checks the role; a user who may not see the identity gets it masked or is refused; every view and output
is in the audit trail, whoever made it."""
import pytest

from app import audit, files
from app.audit import AuditFilter
from app.errors import PermissionDenied, ServiceError
from app.permissions import ROLE_PERMISSIONS, ROLES
from app.requests import attachments, detail, documents, register
from tests.app.printing.helpers import pdftotext, squeeze
from tests.db.factories import person

APPLICANT = person()
SECRETS = (APPLICANT["id_number"], APPLICANT["phone"], APPLICANT["address"], APPLICANT["postcode"])


def may(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def refused(role: str, permission: str, call) -> bool:
    """For a role without ``permission``: ``call()`` is refused (and the test has nothing more to check)."""
    if may(role, permission):
        return False
    with pytest.raises(PermissionDenied):
        call()
    return True


@pytest.fixture
def archive(staff, today, tmp_path):
    """A registered request with its 申请登记表 (identity number, phone, address printed on it) and a scan."""
    from app import office
    office.save_profile(staff["admin"], {"name": "某某县人民政府办公室", "phone": "0878-3123456"})
    clerk = staff["clerk"]
    rid = register.register(clerk, APPLICANT)["id"]
    form = documents.issue(clerk, rid, "申请登记表")
    scan = tmp_path / "申请书扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the application " + APPLICANT["id_number"].encode())
    att = attachments.add(clerk, rid, str(scan))
    return {"request": rid, "document": form["id"], "pdf": form["pdf"], "attachment": att["id"]}


def _count(action: str) -> int:
    from app.actor import system_actor
    return audit.count(system_actor(), AuditFilter(action=action))


def _last(action: str) -> dict:
    from app.actor import system_actor
    return audit.fetch(system_actor(), AuditFilter(action=action), 0, 1)[0]


@pytest.mark.parametrize("role", list(ROLES))
def test_stored_pdf(archive, make_user, role):
    actor = make_user(role)
    if refused(role, "request.view", lambda: documents.stored_pdf(actor, archive["document"])):
        assert _count("request.document_view") == 0
        return
    pdf = documents.stored_pdf(actor, archive["document"])
    text = squeeze(pdftotext(pdf))
    assert "政府信息公开申请登记表" in text and APPLICANT["applicant_name"] in text
    if may(role, "request.view_identity"):
        assert pdf == archive["pdf"]
    else:
        assert not any(s in text for s in SECRETS), text
        assert "110***********002X" in text and "138****5678" in text  # masked, not blank
    row = _last("request.document_view")
    assert row["username"] == actor.username
    assert f'"masked": {str(not may(role, "request.view_identity")).lower()}' in row["after"]


@pytest.mark.parametrize("role", list(ROLES))
def test_stored_document_for_word(archive, make_user, role):
    from app.printing import document as docmodel
    actor = make_user(role)
    if refused(role, "request.view", lambda: documents.stored_document(actor, archive["document"])):
        return
    content = repr(docmodel.to_data(documents.stored_document(actor, archive["document"])))
    assert (APPLICANT["id_number"] in content) == may(role, "request.view_identity")
    assert (APPLICANT["address"] in content) == may(role, "request.view_identity")


@pytest.mark.parametrize("role", list(ROLES))
def test_every_print_or_save_is_recorded_whoever_makes_it(archive, make_user, role):
    actor = make_user(role)
    if refused(role, "request.view", lambda: documents.record_output(actor, archive["document"], "打印")):
        assert _count("request.document_output") == 0
        return
    documents.record_output(actor, archive["document"], "打印")
    row = _last("request.document_output")
    assert row["username"] == actor.username and '"how": "打印"' in row["after"]
    assert documents.list_for(archive["request"])[0]["outputs"][-1]["by"] == actor.display_name


@pytest.mark.parametrize("role", list(ROLES))
def test_attachments(archive, make_user, role, tmp_path):
    actor = make_user(role)
    target = tmp_path / "copy.pdf"
    if not refused(role, "request.view", lambda: attachments.list_for(actor, archive["request"])):
        assert [a["id"] for a in attachments.list_for(actor, archive["request"])] == [archive["attachment"]]
    # a scan cannot be masked: refused, nothing written, nothing recorded as read
    if refused(role, "request.view_identity", lambda: attachments.read(actor, archive["attachment"])):
        assert refused(role, "request.view_identity",
                       lambda: attachments.save_copy(actor, archive["attachment"], str(target)))
        assert not target.exists() and _count("request.attach_read") == 0
        return
    name, data = attachments.read(actor, archive["attachment"])
    assert name == "申请书扫描件.pdf" and APPLICANT["id_number"].encode() in data
    attachments.save_copy(actor, archive["attachment"], str(target))
    assert target.read_bytes() == data and not (tmp_path / "copy.pdf.part").exists()
    assert _count("request.attach_read") == 2 and '"how": "另存"' in _last("request.attach_read")["after"]


def test_a_failed_save_leaves_no_file_and_no_record(archive, staff, tmp_path):
    with pytest.raises(ServiceError, match="无法保存"):
        attachments.save_copy(staff["clerk"], archive["attachment"], str(tmp_path / "no-such-folder" / "copy.pdf"))
    assert _count("request.attach_read") == 0


@pytest.mark.parametrize("role", list(ROLES))
def test_detail_and_identity(archive, make_user, role):
    actor = make_user(role)
    if refused(role, "request.view", lambda: detail.detail(actor, archive["request"])):
        return
    d = detail.detail(actor, archive["request"])
    full = may(role, "request.view_identity")
    assert d["identity_masked"] is not full
    assert [d[f] == APPLICANT[f] for f in ("id_number", "phone", "address", "postcode")] == [full] * 4
    if full:
        assert detail.applicant_identity(actor, archive["request"])["id_number"] == APPLICANT["id_number"]
    else:
        with pytest.raises(PermissionDenied):
            detail.applicant_identity(actor, archive["request"])


@pytest.mark.parametrize("role", list(ROLES))
def test_audit_viewer_and_export_mask_the_identity(archive, make_user, role, tmp_path):
    actor = make_user(role)
    if refused(role, "audit.view", lambda: audit.fetch(actor, AuditFilter(action="request.register"), 0, 10)):
        return
    row = audit.fetch(actor, AuditFilter(action="request.register"), 0, 10)[0]
    full = may(role, "request.view_identity")
    assert (APPLICANT["id_number"] in row["after"]) == full
    assert (APPLICANT["address"] in row["after"]) == full
    assert APPLICANT["applicant_name"] in row["after"]
    if may(role, "audit.export"):
        out = tmp_path / "audit.csv"
        audit.export_csv(actor, AuditFilter(), str(out))
        assert (APPLICANT["id_number"] in out.read_text(encoding="utf-8-sig")) == full


@pytest.mark.parametrize("role", list(ROLES))
def test_every_output_of_the_annual_report_is_recorded(archive, make_user, role):
    from app.report import service
    actor = make_user(role)
    if refused(role, "report.view", lambda: service.record_output(actor, 2025, "打印")):
        assert _count("report.output") == 0
        return
    service.record_output(actor, 2025, "PDF", "/tmp/报告.pdf")
    row = _last("report.output")
    assert (row["username"], row["entity_id"]) == (actor.username, "2025") and '"how": "PDF"' in row["after"]


@pytest.mark.parametrize("role", list(ROLES))
def test_looking_an_applicant_up_by_identity_number(archive, make_user, role):
    actor = make_user(role)
    if refused(role, "request.view_identity", lambda: register.check_repeats(actor, APPLICANT)):
        return
    assert [e.id for e in register.check_repeats(actor, APPLICANT).similar] == [archive["request"]]
