"""登记申请 → 从扫描件识别…: the real dialog reads a generated scan (recognition run inline), the clerk confirms each
recognised field, and 登记 stores the request with the scan attached as its 申请材料."""
import datetime as dt
import io
import random

from app.requests import attachments
from db.models import Request
from tests.app.ocr import scans
from ui.qt import QtWidgets
from ui.requests.register_dialog import RegisterDialog


def _answer_file(monkeypatch, path):
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _application(today, org=False, seed=7):
    data = scans.applicant(random.Random(seed), org=org)
    data["received_date"] = (today - dt.timedelta(days=2)).isoformat()  # not after today
    return data


def _two_page_pdf(jpeg: bytes) -> bytes:
    """The scanner's PDF: the form's picture on page 1, a page of the applicant's enclosed ID copy (blank) after."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595.3, 841.9))
    c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, 595.3, 841.9)
    c.showPage()
    blank = io.BytesIO()
    Image.new("L", (400, 560), 250).save(blank, "JPEG")
    c.drawImage(ImageReader(io.BytesIO(blank.getvalue())), 0, 0, 595.3, 841.9)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_scanned_form_fills_the_dialog_and_registers_once_confirmed(qtbot, staff, today, tmp_path, monkeypatch):
    data = _application(today)
    path = tmp_path / "申请书.pdf"
    path.write_bytes(_two_page_pdf(scans.scan(scans.own_form(data), 200, random.Random(1), angle=1.2)))
    _answer_file(monkeypatch, path)
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    dialog.scan_read_button.click()

    assert Request.select().count() == 0  # nothing is saved by reading
    filled = dialog.marks.keys()
    for key in ("applicant_name", "id_number", "phone", "address", "postcode", "email", "description", "doc_ref",
                "purpose", "form_wanted", "delivery_wanted", "received_date"):
        assert key in filled, key
    values = dialog.values()
    for key in filled:
        expected = data[key]
        got = values[key].isoformat() if key == "received_date" else values[key]
        assert got == expected, key
    assert all(dialog.marks.framed(key) for key in filled)  # framed as recognised
    assert "识别原文" in dialog.id_number.toolTip() and "<img src=" in dialog.id_number.toolTip()
    assert dialog.scan.text() == str(path)

    dialog.save()  # refused: nothing confirmed yet
    assert dialog.created is None and Request.select().count() == 0
    assert "由扫描件识别，尚未核对" in dialog.errors.error_for(dialog.id_number)

    dialog.purpose.setText(data["purpose"] + "及核对")  # editing a field confirms it
    for key in filled:
        if key != "purpose":
            box = dialog.marks.check_box(key)
            if key == "phone":
                continue
            box.setChecked(True)
    dialog.save()
    assert dialog.created is None  # 联系电话 still unconfirmed, and named
    assert "由扫描件识别，尚未核对" in dialog.errors.error_for(dialog.phone)
    dialog.marks.check_box("phone").setChecked(True)
    assert not any(dialog.marks.framed(key) for key in filled)  # the frames go once confirmed
    dialog.save()

    assert dialog.created
    row = Request.get_by_id(dialog.created["id"])
    assert (row.applicant_name, row.id_number, row.phone, row.doc_ref) == (
        data["applicant_name"], data["id_number"], data["phone"], data["doc_ref"])
    assert row.purpose == data["purpose"] + "及核对"
    assert row.received_date == dt.date.fromisoformat(data["received_date"])
    stored = attachments.list_for(staff["clerk"], row.id)
    assert [a["name"] for a in stored] == ["申请书.pdf"]
    name, content = attachments.read(staff["clerk"], stored[0]["id"])
    assert content == path.read_bytes()


def test_a_file_that_cannot_be_read_is_told_and_fills_nothing(qtbot, staff, today, tmp_path, monkeypatch,
                                                              recorded_messages):
    path = tmp_path / "申请书.docx"
    path.write_bytes(b"PK not a scan")
    _answer_file(monkeypatch, path)
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    dialog.scan_read_button.click()
    kind, title, text = recorded_messages.last()
    assert kind == "warning" and "无法识别扫描件" in title and "PDF" in text
    assert dialog.marks.keys() == [] and dialog.applicant_name.text() == "" and dialog.scan.text() == ""


def test_editing_an_existing_request_offers_no_scan_reading(qtbot, staff, today):
    from app.requests import detail, register
    from tests.db.factories import person
    created = register.register(staff["clerk"], person(received_date=today))
    dialog = RegisterDialog(staff["clerk"], existing=detail.detail(staff["clerk"], created["id"]))
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "scan_read_button") and dialog.marks.unconfirmed() == []
