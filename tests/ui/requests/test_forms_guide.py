"""Forms that guide: required fields marked, each refusal beside its field, a stable layout, errors cleared when
fixed, a tab order that follows the paper form, and Enter that submits."""
import datetime as dt

from app.requests import register
from db.models import Request
from ui.forms import Field, FormDialog
from ui.qt import QtCore, QtWidgets, Qt
from ui.requests.register_dialog import RegisterDialog

D = dt.date


def test_registration_marks_required_fields(qtbot, staff, today):
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    form = dialog.description.parentWidget().parentWidget().layout()
    label = form.labelForField(dialog.description.parentWidget())
    assert "*" in label.text() and "*" in dialog.name_label.text()
    assert "*" not in form.labelForField(dialog.purpose.parentWidget()).text()


def test_registration_errors_beside_their_fields_and_cleared_when_fixed(qtbot, staff, today):
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    height = dialog.description.height()
    dialog.id_number.setText("110105194912310021")  # wrong check character (should be X)
    dialog.address.setText("某某县城关镇人民路12号")
    dialog.save()
    assert dialog.created is None
    id_error = dialog.errors.error_for(dialog.id_number)
    assert "校验位" in id_error and "X" not in id_error  # the right check character is not given away
    assert dialog.errors.error_for(dialog.applicant_name) == "不能为空"
    assert "至少4个字" in dialog.errors.error_for(dialog.description)
    assert dialog.id_number.property("invalid") and dialog.error.isHidden()  # nothing left over for the bottom
    qtbot.wait(10)
    assert dialog.description.height() == height  # the description keeps its size
    dialog.id_number.setText("11010519491231002X")
    assert dialog.errors.error_for(dialog.id_number) == "" and not dialog.id_number.property("invalid")
    assert dialog.errors.error_for(dialog.applicant_name) == "不能为空"  # the others stay until fixed
    dialog.applicant_name.setText("陈小红")
    dialog.description.setPlainText("城关镇2025年农村危房改造补助资金的发放名单")
    dialog.save()
    assert dialog.created and Request.get_by_id(dialog.created["id"]).applicant_name == "陈小红"


def _focus_chain(first):
    """The widgets Tab visits from ``first`` on, once round."""
    chain, w = [first], first.nextInFocusChain()
    while w is not first and len(chain) < 1000:
        if w.focusPolicy() & Qt.TabFocus:
            chain.append(w)
        w = w.nextInFocusChain()
    return chain


def test_registration_tab_order_follows_the_form(qtbot, staff, today):
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    order = _focus_chain(dialog.applicant_type)
    expected = [dialog.applicant_name, dialog.id_number, dialog.phone, dialog.address, dialog.email,
                dialog.received, dialog.description, dialog.doc_title, dialog.purpose, dialog.notes,
                dialog.save_button]
    positions = [order.index(x) for x in expected]
    assert positions == sorted(positions)


def test_enter_in_a_line_submits_the_registration(qtbot, staff, today):
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.applicant_name.setText("陈小红")
    dialog.id_number.setText("11010519491231002X")
    dialog.address.setText("某某县城关镇人民路12号")
    dialog.description.setPlainText("城关镇2025年农村危房改造补助资金的发放名单")
    dialog.applicant_name.setFocus()
    qtbot.keyClick(dialog.applicant_name, Qt.Key_Return)
    assert dialog.created is not None and dialog.result() == QtWidgets.QDialog.Accepted


def _refusing(values):
    from app.errors import Problems
    p = Problems()
    if not values["approver"]:
        p.add("批准人", "请填写批准延期的负责人姓名")
    p.add("延长工作日数", "不能超过20个工作日")
    p.raise_if_any()
    return values


def test_form_dialog_shows_each_error_beside_its_field(qtbot):
    dialog = FormDialog("延长答复期限", [Field("days", "延长工作日数", "int", 30, maximum=40),
                                       Field("approver", "批准人（政府信息公开工作机构负责人）", required=True),
                                       Field("reason", "延期理由", "multiline")], _refusing)
    qtbot.addWidget(dialog)
    dialog.submit()
    approver, days = dialog.editors["approver"], dialog.editors["days"]
    assert dialog.errors.error_for(approver) == "请填写批准延期的负责人姓名"  # matched to the longer label
    assert dialog.errors.error_for(days) == "不能超过20个工作日"
    assert "批准人：请填写批准延期的负责人姓名" in dialog.error_text()
    approver.setText("李华")
    assert dialog.errors.error_for(approver) == "" and dialog.errors.error_for(days)
    assert "*" in dialog.form.labelForField(approver.parentWidget()).text()


def test_form_dialog_tab_order_and_enter(qtbot):
    got = []
    dialog = FormDialog("登记缴费", [Field("date", "缴费日期", "date", D(2026, 6, 30)), Field("receipt", "缴款凭证号"),
                                    Field("note", "说明", "multiline")], got.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    date, receipt, note = (dialog.editors[k] for k in ("date", "receipt", "note"))
    chain = _focus_chain(date)
    assert chain.index(date) < chain.index(receipt) < chain.index(note) < chain.index(dialog.ok_button)
    receipt.setText("NO.123")
    receipt.setFocus()
    qtbot.keyClick(receipt, Qt.Key_Return)
    assert got and got[0]["receipt"] == "NO.123" and dialog.result() == QtWidgets.QDialog.Accepted
