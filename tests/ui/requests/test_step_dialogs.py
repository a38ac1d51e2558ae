"""The step dialogs: the notice a step issues comes with it, a date on a rest day is asked about, archiving names
what is missing, and a section head voids a mistaken registration."""
import datetime as dt

import pytest

from app.requests import decision, detail, handling, register
from db.models import IssuedDocument, Request
from tests.db.factories import person
from ui.requests.detail_pane import DetailPane
from ui.requests.register_view import RegisterView
from ui.requests.steps import run_step

D = dt.date


@pytest.fixture
def office(staff):
    from app import office as office_service
    office_service.save_profile(staff["admin"], {"name": "某某县人民政府办公室", "phone": "0878-3123456"})


def pane_for(qtbot, actor, rid):
    pane = DetailPane(actor)
    qtbot.addWidget(pane)
    pane.show_request(rid)
    return pane


def test_an_extension_issues_its_notice_and_opens_it(qtbot, staff, today, office, fill_forms, no_preview):
    rid = register.register(staff["clerk"], person(received_date=D(2026, 6, 1)))["id"]
    pane = pane_for(qtbot, staff["clerk"], rid)
    fill_forms.answer(days=10, approver="李华", date=D(2026, 6, 26), reason="需要调取档案")
    assert run_step(pane, staff["clerk"], pane.data, "extend")
    assert "external_number" in fill_forms.dialogs[-1].editors  # 系统外出具的文号
    doc = IssuedDocument.get(IssuedDocument.request == rid)
    assert doc.kind == "延期答复告知书" and doc.doc_number and len(no_preview) == 1


def test_a_notice_issued_outside_is_recorded_by_its_number(qtbot, staff, today, office, fill_forms, no_preview):
    rid = register.register(staff["clerk"], person(received_date=D(2026, 6, 1)))["id"]
    pane = pane_for(qtbot, staff["clerk"], rid)
    fill_forms.answer(kind="third_party", party="某建设公司", contact="", content="中标报价明细", date=D(2026, 6, 22),
                      external_number="某政征〔2026〕4号", **{"also:征求意见告知书": False})
    assert run_step(pane, staff["clerk"], pane.data, "consult")
    doc = IssuedDocument.get(IssuedDocument.request == rid)
    assert (doc.kind, doc.doc_number, doc.external) == ("第三方征求意见书", "某政征〔2026〕4号", True)
    assert no_preview == []


def test_a_decision_on_a_rest_day_is_asked_about(qtbot, staff, today, office, recorded_messages, no_preview):
    from ui.requests.decision_dialog import DecisionDialog
    rid = register.register(staff["clerk"], person(received_date=D(2026, 6, 1)))["id"]
    dialog = DecisionDialog(staff["clerk"], detail.detail(staff["clerk"], rid))
    qtbot.addWidget(dialog)
    dialog.set_outcome("disclose")
    dialog.edits["provided"].setPlainText("名单复印件共3页")
    dialog.date.set_value(D(2026, 6, 27))  # Saturday
    recorded_messages.answer = False
    dialog.save()
    assert recorded_messages.log[-1][0] == "confirm" and "星期六，休息日" in recorded_messages.log[-1][2]
    assert "星期六" in dialog.error.text() and Request.get_by_id(rid).state == "registered"
    recorded_messages.answer = True
    dialog.save()
    assert Request.get_by_id(rid).state == "replied"
    assert IssuedDocument.get(IssuedDocument.request == rid).kind == "政府信息公开告知书" and len(no_preview) == 1


def test_archive_dialog_names_the_missing_notices(qtbot, staff, today, office, fill_forms):
    clerk = staff["clerk"]
    rid = register.register(clerk, person(received_date=D(2026, 6, 1)))["id"]
    handling.extend(clerk, rid, 5, "李华", D(2026, 6, 22), "需要调取档案")
    handling.withdraw(clerk, rid, D(2026, 6, 23), "申请人书面撤回")
    pane = pane_for(qtbot, clerk, rid)
    fill_forms.answer(date=D(2026, 6, 24))
    assert not run_step(pane, clerk, pane.data, "archive")
    assert "以下文书尚未出具：延期答复告知书" in fill_forms.dialogs[-1].error.text()


def test_a_section_head_voids_and_the_register_moves_it_aside(qtbot, staff, today, fill_forms):
    clerk, head = staff["clerk"], staff["head"]
    kept = register.register(clerk, person(received_date=D(2026, 6, 1)))
    mistake = register.register(clerk, person(received_date=D(2026, 6, 1)))
    decision.decide(clerk, kept["id"], "disclose", D(2026, 6, 10), {"provided": "名单"})
    assert "void" not in pane_for(qtbot, clerk, mistake["id"]).step_buttons
    pane = pane_for(qtbot, head, mistake["id"])
    assert pane.step_buttons["void"].text() == "作废…"
    fill_forms.answer(reason="与 " + kept["number"] + " 重复登记", date=D(2026, 6, 30))
    assert run_step(pane, head, pane.data, "void")
    pane.show_request(mistake["id"])
    assert "[已作废]" in pane.title.text() and pane.step_buttons == {}
    view = RegisterView(clerk)
    qtbot.addWidget(view)
    assert view.model.total == 1 and view.count_label.text() == "共 1 件"
    view.filters.state.setCurrentIndex(view.filters.state.findText("已作废"))
    assert view.model.total == 1 and view.model.row_at(0)["number"] == mistake["number"]
    assert view.model.row_at(0)["state_label"] == "已作废"


def test_the_notice_dialog_records_a_notice_issued_outside(qtbot, staff, today, fill_forms):
    from ui.requests.notice_dialog import NoticeDialog
    clerk = staff["clerk"]
    rid = register.register(clerk, person(received_date=D(2026, 6, 1)))["id"]
    decision.decide(clerk, rid, "disclose", D(2026, 6, 10), {"provided": "名单"})
    dialog = NoticeDialog(clerk, detail.detail(clerk, rid), kind="政府信息公开告知书")
    qtbot.addWidget(dialog)
    fill_forms.answer(number="某政公开〔2026〕9号", date=D(2026, 6, 9))
    dialog.record_external()
    assert "不能早于 2026-06-10" in fill_forms.dialogs[-1].error.text()
    fill_forms.answer(number="某政公开〔2026〕9号", date=D(2026, 6, 11))
    dialog.record_external()
    doc = IssuedDocument.get(IssuedDocument.request == rid)
    assert (doc.doc_number, doc.dated, doc.external) == ("某政公开〔2026〕9号", D(2026, 6, 11), True)
    assert "已登记在系统外出具" in dialog.status.text() and not dialog.view_button.isEnabled()
