"""The steps as one table (app/requests/workflow.py): walked in every state, the services and the window's buttons
agree; dates that depend on each other are checked; notices are issued with their step; 作废."""
import datetime as dt

import pytest

from app import clock
from app.errors import InvalidState, NeedsConfirmation, PermissionDenied, ValidationError
from app.requests import (catalog, consultation, decision, detail, documents, fees_service, handling, query, register,
                          step_notices, workflow)
from app.requests.query import RegisterFilter
from app.report import service as report_service
from db.models import Consultation, IssuedDocument, Request
from tests.db.factories import person

D = dt.date


def state_of(rid):
    return Request.get_by_id(rid).state


# ---- bringing a new request into each state (received Friday 2026-03-06) ------------------------------------------

def _reply(a, rid):
    decision.decide(a, rid, "disclose", D(2026, 3, 20), {"provided": "名单"})


def _delivered(a, rid):
    _reply(a, rid)
    step_notices.issue_owed(a, rid)
    handling.deliver(a, rid, "in_person", D(2026, 3, 23))


SETUPS = {
    "registered": lambda a, rid: None,
    "processing": lambda a, rid: handling.start(a, rid),
    "awaiting_correction": lambda a, rid: handling.request_correction(a, rid, "请写明所需名单的村别", D(2026, 3, 9)),
    "consulting": lambda a, rid: consultation.consult(a, rid, "third_party", "某公司", "中标报价明细", D(2026, 3, 9)),
    "awaiting_fee": lambda a, rid: fees_service.fee_notice(a, rid, "per_volume", 60, D(2026, 3, 9)),
    "replied": _reply,
    "delivered": _delivered,
    "archived": lambda a, rid: (_delivered(a, rid), handling.archive(a, rid, D(2026, 3, 24))),
    "withdrawn": lambda a, rid: handling.withdraw(a, rid, D(2026, 3, 10), "申请人书面撤回"),
    "voided": lambda a, rid: handling.void(a, rid, "与另一件重复登记", D(2026, 3, 10)),
}


def _pending_consultation(rid):
    return Consultation.get((Consultation.request == rid) & Consultation.reply.is_null()).id


STEP_CALLS = {
    "start": lambda a, rid: handling.start(a, rid),
    "correction": lambda a, rid: handling.request_correction(a, rid, "请写明所需名单的年度", D(2026, 3, 10)),
    "correction_received": lambda a, rid: handling.correction_received(a, rid, D(2026, 3, 12)),
    "correction_lapsed": lambda a, rid: handling.correction_lapsed(a, rid, D(2026, 4, 20)),
    "consult": lambda a, rid: consultation.consult(a, rid, "agency", "某某县财政局", "共同印发的分配方案", D(2026, 3, 10)),
    "consultation_reply": lambda a, rid: consultation.record_reply(a, _pending_consultation(rid), "agree",
                                                                   D(2026, 3, 13)),
    "fee": lambda a, rid: fees_service.fee_notice(a, rid, "per_volume", 60, D(2026, 3, 10)),
    "fee_paid": lambda a, rid: fees_service.fee_paid(a, rid, D(2026, 3, 12)),
    "fee_lapsed": lambda a, rid: fees_service.fee_lapsed(a, rid, D(2026, 4, 20)),
    "extend": lambda a, rid: handling.extend(a, rid, 10, "李华", D(2026, 3, 20), "需要调取档案"),
    "suspend": lambda a, rid: handling.suspend(a, rid, D(2026, 3, 16), "山洪致档案室无法进入"),
    "resume": lambda a, rid: handling.resume(a, rid, D(2026, 3, 18)),
    "decide": lambda a, rid: decision.decide(a, rid, "disclose", D(2026, 4, 20), {"provided": "名单"}),
    "deliver": lambda a, rid: handling.deliver(a, rid, "in_person", D(2026, 4, 21)),
    "archive": lambda a, rid: handling.archive(a, rid, D(2026, 4, 22)),
    "withdraw": lambda a, rid: handling.withdraw(a, rid, D(2026, 4, 20), "申请人书面撤回"),
    "void": lambda a, rid: handling.void(a, rid, "与另一件重复登记", D(2026, 4, 20)),
    "edit": lambda a, rid: register.update_registration(a, rid, {"notes": "补记备注"}),
    "assign": lambda a, rid: handling.assign(a, rid, a.user_id),
    "notice": lambda a, rid: documents.issue(a, rid, "登记回执"),
}
# What a step needs beforehand that is not a state: a running suspension, the notices a delivery or archive needs.
PREPARE = {
    "resume": lambda a, rid: handling.suspend(a, rid, D(2026, 3, 16), "山洪致档案室无法进入")
    if state_of(rid) in workflow.BY_CODE["suspend"].states else None,
    "deliver": lambda a, rid: step_notices.issue_owed(a, rid) if state_of(rid) == "replied" else None,
    "archive": lambda a, rid: step_notices.issue_owed(a, rid) if state_of(rid) in ("replied", "withdrawn") else None,
}


def test_every_step_is_declared_and_callable():
    assert set(STEP_CALLS) | {"attach"} == set(workflow.BY_CODE)  # attachments are tested with their module
    for step in workflow.STEPS:
        assert set(step.states) <= set(workflow.catalog.STATES) and set(step.to) <= set(workflow.catalog.STATES)


@pytest.mark.parametrize("state", list(SETUPS))
def test_walk_the_table_in_every_state(staff, today, office_set, state):
    """In each state, each step: offered as a button exactly when the service accepts it, and it leads where the
    table says; a step the table does not allow in this state is refused as such."""
    head = staff["head"]
    for code, step in workflow.BY_CODE.items():
        if code == "attach":
            continue
        rid = register.register(head, person(description=f"{state} {code} 所需文件的全文"))["id"]
        SETUPS[state](head, rid)
        assert state_of(rid) == state
        if code in PREPARE:
            PREPARE[code](head, rid)
        if code == "consultation_reply" and state != "consulting":
            with pytest.raises(InvalidState):
                workflow.check(Request.get_by_id(rid), code)
            continue
        offered = code in {s.code for s in workflow.available(head, detail.detail(head, rid))} or not step.button
        if state in step.states and offered:
            STEP_CALLS[code](head, rid)
            after = state_of(rid)
            assert after in (step.to or (state,)), (state, code, after)
            assert not any(o.step == code for o in step_notices.outstanding(Request.get_by_id(rid))) or step.notices
        else:
            expected = InvalidState if state not in step.states else ValidationError
            with pytest.raises(expected):
                STEP_CALLS[code](head, rid)
            assert state_of(rid) == state


def test_notices_a_step_owes_are_the_ones_the_table_declares(staff, today, office_set):
    clerk = staff["clerk"]
    rid = register.register(clerk, person())["id"]
    handling.request_correction(clerk, rid, "请写明所需名单的村别", D(2026, 3, 9))
    handling.correction_received(clerk, rid, D(2026, 3, 12))
    handling.extend(clerk, rid, 10, "李华", D(2026, 3, 20), "需要调取档案")
    c = consultation.consult(clerk, rid, "third_party", "某公司", "中标报价明细", D(2026, 3, 23))
    consultation.record_reply(clerk, c["id"], "disagree", D(2026, 3, 27), reason="商业秘密",
                              decision="public_interest", decision_note="工程质量关系公共安全")
    decision.decide(clerk, rid, "disclose", D(2026, 4, 20), {"provided": "名单"})
    owed = step_notices.outstanding(Request.get_by_id(rid))
    for o in owed:
        step = workflow.BY_CODE[o.step]
        assert o.kind in step.notices or (workflow.REPLY_NOTICE in step.notices and o.kind == "政府信息公开告知书")
    assert [o.label for o in owed] == ["补正告知书", "延期答复告知书", "第三方征求意见书（致某公司）",
                                       "第三方公开决定告知书（致某公司）", "政府信息公开告知书"]


# ---- dates that depend on each other (issue #8 item 7) -----------------------------------------------------------

def test_a_reply_before_the_correction_arrived_is_refused(staff, registered):
    clerk, rid = staff["clerk"], registered["id"]
    handling.request_correction(clerk, rid, "请写明所需名单的村别", D(2026, 3, 9))
    handling.correction_received(clerk, rid, D(2026, 3, 16))
    with pytest.raises(ValidationError, match=r"答复日期：不能早于 2026-03-16（收到补正的日期）"):
        decision.decide(clerk, rid, "disclose", D(2026, 3, 12), {"provided": "名单"})
    with pytest.raises(ValidationError, match="发出日期：不能早于 2026-03-16"):
        consultation.consult(clerk, rid, "third_party", "某公司", "中标报价明细", D(2026, 3, 13))
    decision.decide(clerk, rid, "disclose", D(2026, 3, 16), {"provided": "名单"})


def test_an_extension_approved_after_the_reply_is_refused(staff, registered):
    clerk, rid = staff["clerk"], registered["id"]
    handling.extend(clerk, rid, 10, "李华", D(2026, 3, 30), "需要调取档案")
    with pytest.raises(ValidationError, match=r"答复日期：不能早于 2026-03-30（延长答复期限的日期）"):
        decision.decide(clerk, rid, "disclose", D(2026, 3, 25), {"provided": "名单"})
    decision.decide(clerk, rid, "disclose", D(2026, 3, 31), {"provided": "名单"})
    with pytest.raises(InvalidState, match="不能延长答复期限"):
        handling.extend(clerk, rid, 5, "李华", D(2026, 4, 1), "再延")


def test_a_reply_before_the_consultation_answer_or_the_payment_is_refused(staff, registered):
    clerk, rid = staff["clerk"], registered["id"]
    c = consultation.consult(clerk, rid, "third_party", "某公司", "中标报价明细", D(2026, 3, 9))
    consultation.record_reply(clerk, c["id"], "agree", D(2026, 3, 18))
    fees_service.fee_notice(clerk, rid, "per_volume", 60, D(2026, 3, 19))
    fees_service.fee_paid(clerk, rid, D(2026, 3, 26))
    with pytest.raises(ValidationError, match="不能早于 2026-03-26（缴费的日期）"):
        decision.decide(clerk, rid, "disclose", D(2026, 3, 20), {"provided": "名单"})
    with pytest.raises(ValidationError, match="撤回日期：不能早于 2026-03-26"):
        handling.withdraw(clerk, rid, D(2026, 3, 25), "撤回")


def test_delivery_needs_the_issued_notice_and_follows_its_date(staff, registered, office_set):
    clerk, rid = staff["clerk"], registered["id"]
    decision.decide(clerk, rid, "disclose", D(2026, 3, 20), {"provided": "名单"})
    assert dict(documents.available_kinds(rid))["送达回证"] == "尚未出具答复告知书，没有可送达的文书"
    with pytest.raises(ValidationError, match="尚未出具政府信息公开告知书"):
        handling.deliver(clerk, rid, "in_person", D(2026, 3, 23))
    with pytest.raises(ValidationError, match="不能早于 2026-03-20"):
        step_notices.record_external(clerk, rid, "政府信息公开告知书", "某政公开〔2026〕7号", D(2026, 3, 19))
    step_notices.record_external(clerk, rid, "政府信息公开告知书", "某政公开〔2026〕7号", D(2026, 3, 24))
    with pytest.raises(ValidationError, match=r"送达日期：不能早于政府信息公开告知书（某政公开〔2026〕7号）的日期 2026-03-24"):
        handling.deliver(clerk, rid, "in_person", D(2026, 3, 23))
    assert dict(documents.available_kinds(rid))["送达回证"] is None
    from tests.app.printing.helpers import pdftotext, squeeze
    text = squeeze(pdftotext(documents.issue(clerk, rid, "送达回证")["pdf"]))
    assert "政府信息公开告知书" in text and "某政公开〔2026〕7号" in text
    handling.deliver(clerk, rid, "in_person", D(2026, 3, 24))
    with pytest.raises(ValidationError, match="归档日期：不能早于 2026-03-24（送达的日期）"):
        handling.archive(clerk, rid, D(2026, 3, 23))
    handling.archive(clerk, rid, D(2026, 3, 25))


def test_an_external_number_is_not_reused(staff, today, office_set):
    clerk = staff["clerk"]
    a = register.register(clerk, person())["id"]
    b = register.register(clerk, person(received_date=D(2026, 3, 9)))["id"]
    for rid in (a, b):
        decision.decide(clerk, rid, "disclose", D(2026, 3, 20), {"provided": "名单"})
    step_notices.record_external(clerk, a, "政府信息公开告知书", "某政公开〔2026〕7号")
    with pytest.raises(ValidationError, match="已用于申请 2026-依申请-0001"):
        step_notices.record_external(clerk, b, "政府信息公开告知书", "某政公开〔2026〕7号")
    with pytest.raises(ValidationError, match="没有需要出具延期答复告知书的步骤"):
        step_notices.record_external(clerk, b, "延期答复告知书", "某政公开〔2026〕8号")
    row = IssuedDocument.get(IssuedDocument.request == a)
    assert row.external and row.dated == D(2026, 3, 20) and row.stored_path == ""
    # two parties, two letters: one 文号 each
    third = register.register(clerk, person(received_date=D(2026, 3, 10)))["id"]
    c1 = consultation.consult(clerk, third, "third_party", "甲公司", "中标报价明细", D(2026, 3, 11))["id"]
    c2 = consultation.consult(clerk, third, "third_party", "乙公司", "中标报价明细", D(2026, 3, 11))["id"]
    step_notices.record_external(clerk, third, "第三方征求意见书", "某政征〔2026〕1号", consultation_id=c1)
    with pytest.raises(ValidationError, match="文号不能重复"):
        step_notices.record_external(clerk, third, "第三方征求意见书", "某政征〔2026〕1号", consultation_id=c2)
    with pytest.raises(Exception, match="系统外出具"):
        documents.stored_pdf(row.id)


# ---- notices as part of the step (issue #9 item 10) ---------------------------------------------------------------

def test_a_step_issues_its_notice_in_the_same_transaction(staff, registered, office_set):
    clerk, rid = staff["clerk"], registered["id"]
    out = step_notices.perform(clerk, rid, "correction",
                               lambda: handling.request_correction(clerk, rid, "请写明所需名单的村别", D(2026, 3, 9)))
    assert [i["kind"] for i in out["issued"]] == ["补正告知书"] and out["issued"][0]["pdf"].startswith(b"%PDF")
    assert out["result"]["period_end"] == D(2026, 3, 30)
    assert IssuedDocument.get(IssuedDocument.request == rid).dated == D(2026, 3, 9)
    # a consultation: its letter to the party, and on request the notice to the applicant
    handling.correction_received(clerk, rid, D(2026, 3, 12))
    out = step_notices.perform(clerk, rid, "consult", lambda: consultation.consult(
        clerk, rid, "agency", "某某县财政局", "共同印发的分配方案", D(2026, 3, 13)), optional=("征求意见告知书",))
    assert [i["kind"] for i in out["issued"]] == ["共同制作机关征求意见书", "征求意见告知书"]
    assert all(r.consultation_id == out["result"]["id"] for r in IssuedDocument.select()
               .where(IssuedDocument.kind.in_(("共同制作机关征求意见书", "征求意见告知书"))))
    # a notice issued outside the program: its 文号 only
    out = step_notices.perform(clerk, rid, "extend", lambda: handling.extend(
        clerk, rid, 10, "李华", D(2026, 3, 16), "需要调取档案"), external_number="某政延〔2026〕3号")
    assert out["issued"][0]["doc_number"] == "某政延〔2026〕3号" and out["issued"][0]["pdf"] is None
    assert step_notices.outstanding(Request.get_by_id(rid)) == []


def test_a_step_whose_notice_cannot_be_issued_is_not_recorded(staff, registered, office_set, monkeypatch):
    clerk, rid = staff["clerk"], registered["id"]

    def broken(*a, **k):
        raise ValidationError("机关信息", "请先填写机关名称")
    monkeypatch.setattr(documents, "issue", broken)
    with pytest.raises(ValidationError, match="机关名称"):
        step_notices.perform(clerk, rid, "extend", lambda: handling.extend(
            clerk, rid, 10, "李华", D(2026, 3, 16), "需要调取档案"))
    r = Request.get_by_id(rid)
    assert r.extension_days == 0 and [h["action"] for h in detail.history(rid)] == ["register"]


def test_a_notice_dated_on_a_rest_day_asks_first(staff, registered, office_set):
    clerk, rid = staff["clerk"], registered["id"]
    call = lambda: decision.decide(clerk, rid, "disclose", D(2026, 3, 21), {"provided": "名单"})  # noqa: E731
    with pytest.raises(NeedsConfirmation, match=r"政府信息公开告知书的日期是 2026-03-21（星期六，休息日）"):
        step_notices.perform(clerk, rid, "decide", call)
    assert state_of(rid) == "registered" and IssuedDocument.select().count() == 0  # nothing kept
    out = step_notices.perform(clerk, rid, "decide", call, confirmed=True)
    assert state_of(rid) == "replied" and out["issued"][0]["kind"] == "政府信息公开告知书"
    # a working day asks nothing
    other = register.register(clerk, person(received_date=D(2026, 3, 9)))["id"]
    step_notices.perform(clerk, other, "decide", lambda: decision.decide(
        clerk, other, "disclose", D(2026, 3, 20), {"provided": "名单"}))


def test_archive_lists_what_was_never_issued(staff, registered, office_set):
    clerk, rid = staff["clerk"], registered["id"]
    handling.extend(clerk, rid, 10, "李华", D(2026, 3, 16), "需要调取档案")
    c = consultation.consult(clerk, rid, "third_party", "某公司", "中标报价明细", D(2026, 3, 17))
    consultation.record_reply(clerk, c["id"], "agree", D(2026, 3, 20))
    decision.decide(clerk, rid, "disclose", D(2026, 3, 23), {"provided": "名单"})
    documents.issue(clerk, rid, "政府信息公开告知书")
    handling.deliver(clerk, rid, "in_person", D(2026, 3, 24))
    with pytest.raises(ValidationError, match="以下文书尚未出具：延期答复告知书；第三方征求意见书（致某公司）。"):
        handling.archive(clerk, rid, D(2026, 3, 25))
    documents.issue(clerk, rid, "延期答复告知书")
    step_notices.record_external(clerk, rid, "第三方征求意见书", "某政征〔2026〕1号", consultation_id=c["id"])
    handling.archive(clerk, rid, D(2026, 3, 25))
    # a later extension needs a notice of its own: an earlier one does not answer it
    other = register.register(clerk, person(received_date=D(2026, 3, 9)))["id"]
    handling.extend(clerk, other, 5, "李华", D(2026, 3, 16), "需要调取档案")
    documents.issue(clerk, other, "延期答复告知书")
    assert step_notices.outstanding(Request.get_by_id(other)) == []


def test_a_withdrawn_request_owes_no_reply(staff, registered):
    handling.withdraw(staff["clerk"], registered["id"], D(2026, 3, 10), "申请人书面撤回")
    assert step_notices.outstanding(Request.get_by_id(registered["id"])) == []
    handling.archive(staff["clerk"], registered["id"], D(2026, 3, 11))


# ---- 作废 (issue #9 item 9) ---------------------------------------------------------------------------------------

def test_only_a_section_head_voids_with_a_reason(staff, registered):
    rid = registered["id"]
    with pytest.raises(PermissionDenied, match="科室负责人"):
        handling.void(staff["clerk"], rid, "重复登记")
    with pytest.raises(ValidationError, match="作废理由"):
        handling.void(staff["head"], rid, "  ")
    assert "void" not in {s for s, _ in detail.detail(staff["clerk"], rid)["steps"]}
    assert ("void", "作废…") in detail.detail(staff["head"], rid)["steps"]
    handling.void(staff["head"], rid, "与 2026-依申请-0002 重复登记")
    r = Request.get_by_id(rid)
    assert (r.state, r.number) == ("voided", registered["number"])
    h = detail.history(rid)[-1]
    assert (h["action_label"], h["to_state"], h["note"]) == ("作废", "已作废", "作废理由：与 2026-依申请-0002 重复登记")
    assert detail.detail(staff["head"], rid)["steps"] == []
    with pytest.raises(InvalidState):
        documents.issue(staff["clerk"], rid, "登记回执")


def test_a_voided_request_counts_nowhere(staff, today):
    clerk, head = staff["clerk"], staff["head"]
    kept = register.register(clerk, person())
    mistake = register.register(clerk, person(received_date=D(2026, 3, 9)))
    handling.void(head, mistake["id"], "重复登记了同一份申请")
    counted = RegisterFilter(states=catalog.COUNTED_STATES)  # the window's default view
    assert query.count(clerk, counted) == 1
    assert [r["number"] for r in query.fetch(clerk, counted, 0, 10)] == [kept["number"]]
    whole = query.fetch(clerk, RegisterFilter(), 0, 10)  # the whole register (命令行导出): no gap in the numbers
    assert [(r["number"], r["state_label"]) for r in whole] == [(mistake["number"], "已作废"), (kept["number"], "已登记")]
    shown = query.fetch(clerk, RegisterFilter(states=("voided",)), 0, 10)
    assert [(r["number"], r["state_label"]) for r in shown] == [(mistake["number"], "已作废")]
    table = report_service.build(clerk, 2026).table3
    assert table.value("new", "total") == 1 and table.value("carried_out", "total") == 1 and not table.check()
    assert register.check_repeats(person(received_date=D(2026, 3, 20))).month_count == 2  # kept + this one
    assert clock.today() == D(2026, 6, 30)


def test_each_party_gets_its_own_letter_and_number(staff, registered, office_set):
    clerk, rid = staff["clerk"], registered["id"]
    ids = [consultation.consult(clerk, rid, "third_party", party, "中标报价明细", D(2026, 3, 9))["id"]
           for party in ("甲公司", "乙公司")]
    first, second = (documents.issue(clerk, rid, "第三方征求意见书", consultation_id=c) for c in ids)
    again = documents.issue(clerk, rid, "第三方征求意见书", consultation_id=ids[0])
    assert first["doc_number"] != second["doc_number"]
    assert (again["doc_number"], again["version"]) == (first["doc_number"], 2)
    assert step_notices.outstanding(Request.get_by_id(rid)) == []
