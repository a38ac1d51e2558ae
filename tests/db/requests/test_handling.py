"""办理: every step, who may take it, and what it does to the legal clock (DOMAIN.md §1)."""
import datetime as dt

import pytest

from app import settings
from app.errors import InvalidState, PermissionDenied, ValidationError
from app.requests import consultation, decision, detail, documents, fees_service, handling, register, step_notices
from db.models import ClockStop, Request

from tests.db.factories import person

D = dt.date


def req(out):
    return Request.get_by_id(out["id"])


def test_start_then_decide_deliver_archive(staff, registered, office_set):
    clerk = staff["clerk"]
    handling.start(clerk, registered["id"])
    assert req(registered).state == "processing"
    decision.decide(clerk, registered["id"], "disclose", D(2026, 3, 20), {"provided": "补助资金发放名单（纸质，3页）"})
    r = req(registered)
    assert (r.state, r.outcome, r.decided_date) == ("replied", "disclose", D(2026, 3, 20))
    with pytest.raises(ValidationError, match="尚未出具政府信息公开告知书"):
        handling.deliver(clerk, registered["id"], "post", D(2026, 3, 21), tracking_number="XA123456789CN")
    documents.issue(clerk, registered["id"], "政府信息公开告知书")
    with pytest.raises(ValidationError, match="邮件单号"):
        handling.deliver(clerk, registered["id"], "post", D(2026, 3, 21))
    handling.deliver(clerk, registered["id"], "post", D(2026, 3, 21), tracking_number="XA123456789CN")
    handling.archive(clerk, registered["id"], D(2026, 3, 25))
    assert req(registered).state == "archived"
    steps = [h["action"] for h in detail.history(registered["id"])]
    assert steps == ["register", "start", "decide", "document", "deliver", "archive"]


def test_wrong_state_is_refused_with_the_reason(staff, registered):
    with pytest.raises(InvalidState, match="已登记.*不能登记送达"):
        handling.deliver(staff["clerk"], registered["id"], "post", D(2026, 3, 21), tracking_number="X")
    with pytest.raises(InvalidState):
        handling.archive(staff["clerk"], registered["id"])


@pytest.mark.parametrize("role", ["leader", "supervisor", "admin"])
def test_only_handlers_take_steps(staff, registered, role):
    actor = staff[role]
    with pytest.raises(PermissionDenied):
        handling.start(actor, registered["id"])
    with pytest.raises(PermissionDenied):
        decision.decide(actor, registered["id"], "disclose", D(2026, 3, 20), {"provided": "x"})
    with pytest.raises(PermissionDenied):
        handling.extend(actor, registered["id"], 10, "李华", D(2026, 3, 30), "需要调档")


def test_correction_restarts_the_clock(staff, registered):
    clerk = staff["clerk"]
    handling.start(clerk, registered["id"])
    out = handling.request_correction(clerk, registered["id"], "请写明所需名单的村别和年度", D(2026, 3, 10))
    r = req(registered)
    assert r.state == "awaiting_correction" and r.due_date is None
    assert out["period_end"] == D(2026, 3, 31)  # 15 working days from 03-10
    out = handling.correction_received(clerk, registered["id"], D(2026, 3, 16))
    with pytest.raises(ValidationError, match="一次性告知"):
        handling.request_correction(clerk, registered["id"], "再补一项", D(2026, 3, 17))
    assert out["due_date"] == D(2026, 4, 14)  # 20 working days from Monday 03-16, across 清明 04-04..06
    assert req(registered).clock_start == D(2026, 3, 16)


def test_correction_notice_must_be_within_seven_working_days(staff, registered):
    with pytest.raises(ValidationError, match="补正告知期限 2026-03-17"):
        handling.request_correction(staff["clerk"], registered["id"], "请写明所需名单的村别", D(2026, 3, 18))


def test_correction_lapse_only_after_the_period(staff, registered, office_set):
    clerk = staff["clerk"]
    handling.request_correction(clerk, registered["id"], "请写明所需名单的村别和年度", D(2026, 3, 10))
    with pytest.raises(ValidationError, match="期满后"):
        handling.correction_lapsed(clerk, registered["id"], D(2026, 3, 31))
    handling.correction_lapsed(clerk, registered["id"], D(2026, 4, 1))
    r = req(registered)
    assert (r.state, r.outcome) == ("replied", "other_1")
    with pytest.raises(ValidationError, match="尚未出具：补正告知书；逾期未补正终止办理告知书"):
        handling.archive(clerk, registered["id"], D(2026, 4, 2))
    step_notices.issue_owed(clerk, registered["id"])
    handling.archive(clerk, registered["id"], D(2026, 4, 2))  # no delivery owed


def test_extension(staff, registered):
    clerk = staff["clerk"]
    handling.start(clerk, registered["id"])
    with pytest.raises(ValidationError, match="不得超过20"):
        handling.extend(clerk, registered["id"], 21, "李华", D(2026, 3, 30), "需要调档")
    with pytest.raises(ValidationError, match="批准人"):
        handling.extend(clerk, registered["id"], 10, " ", D(2026, 3, 30), "需要调档")
    with pytest.raises(ValidationError, match="之前批准"):
        handling.extend(clerk, registered["id"], 10, "李华", D(2026, 4, 7), "需要调档")
    out = handling.extend(clerk, registered["id"], 20, "李华", D(2026, 3, 30), "需要调取档案")
    assert out["due_date"] == D(2026, 5, 7)  # 20 more working days after 04-03 (清明, 劳动节 skipped)
    with pytest.raises(ValidationError, match="已延长20个"):
        handling.extend(clerk, registered["id"], 1, "李华", D(2026, 4, 1), "再延一天")


def test_stricter_local_deadlines(staff, today):
    settings.set_many(staff["admin"], {"requests.reply_days": 15, "requests.extension_max_days": 15})
    out = register.register(staff["clerk"], person())
    assert out["due_date"] == D(2026, 3, 27)
    with pytest.raises(ValidationError, match="不得超过15"):
        handling.extend(staff["clerk"], out["id"], 16, "李华", D(2026, 3, 20), "需要调档")


def test_third_party_consultation_stops_the_clock(staff, registered):
    clerk = staff["clerk"]
    handling.start(clerk, registered["id"])
    out = consultation.consult(clerk, registered["id"], "third_party", "某某建设工程有限公司", "中标企业的报价明细",
                               D(2026, 3, 12))
    assert out["reply_due"] is None  # 条例第三十二条: 15 working days from the party's receipt, not from sending
    got = consultation.record_delivery(clerk, out["id"], "post", D(2026, 3, 16), "XA100000001CN")
    assert got["reply_due"] == D(2026, 4, 7)  # 15th working day after 03-16 (清明 04-04..06 skipped)
    r = req(registered)
    assert r.state == "consulting" and r.due_date is None
    cid = out["id"]
    with pytest.raises(ValidationError, match="理由"):
        consultation.record_reply(clerk, cid, "disagree", D(2026, 3, 20), decision="withhold")
    consultation.record_reply(clerk, cid, "disagree", D(2026, 3, 20), reason="涉及商业秘密", decision="withhold")
    r = req(registered)
    assert r.state == "processing"
    # 03-12..03-20 stopped: 7 working days not counted, so 04-03 moves 7 working days on (清明 in between)
    assert r.due_date == D(2026, 4, 15)
    assert ClockStop.get(ClockStop.request == r.id).last_day == D(2026, 3, 20)


def test_silent_agency_consents_and_silent_third_party_follows_the_setting(staff, registered, frozen_clock):
    clerk = staff["clerk"]
    a = consultation.consult(clerk, registered["id"], "agency", "某某县财政局", "共同印发的补助资金分配方案",
                             D(2026, 3, 9))
    with pytest.raises(ValidationError, match="尚未登记送达"):
        consultation.record_reply(clerk, a["id"], "none", D(2026, 4, 20))
    due = consultation.record_delivery(clerk, a["id"], "in_person", D(2026, 3, 11))["reply_due"]
    assert due == D(2026, 4, 1)
    with pytest.raises(ValidationError, match="期满后"):
        consultation.record_reply(clerk, a["id"], "none", D(2026, 4, 1))
    out = consultation.record_reply(clerk, a["id"], "none", D(2026, 4, 2))
    assert out["decision"] == "disclose" and out["stop_end"] == due
    settings.set_many(staff["admin"], {"requests.third_party_silence": "refuse"})
    t = consultation.consult(clerk, registered["id"], "third_party", "陈某", "个人信息", D(2026, 4, 2))
    consultation.record_delivery(clerk, t["id"], "in_person", D(2026, 4, 3))
    frozen_clock.set(dt.datetime(2026, 6, 30))
    out = consultation.record_reply(clerk, t["id"], "none", D(2026, 5, 6))
    assert out["decision"] == "withhold"


def test_public_interest_override_needs_a_reason(staff, registered):
    clerk = staff["clerk"]
    c = consultation.consult(clerk, registered["id"], "third_party", "某企业", "环境监测超标数据", D(2026, 3, 9))
    with pytest.raises(ValidationError, match="公共利益"):
        consultation.record_reply(clerk, c["id"], "disagree", D(2026, 3, 13), reason="影响企业声誉",
                                  decision="public_interest")
    consultation.record_reply(clerk, c["id"], "disagree", D(2026, 3, 13), reason="影响企业声誉",
                              decision="public_interest", decision_note="超标排放关系周边群众健康，公开符合公共利益")


def test_fee_notice_payment_and_lapse(staff, today):
    clerk = staff["clerk"]
    for day in range(2, 13):  # the applicant's 11 requests in March 2026
        out = register.register(clerk, person(received_date=D(2026, 3, day), description=f"第{day}号文件的全文内容"))
    position, proposal = fees_service.propose(out["id"], pages=10)
    assert position == 11 and proposal.method == "per_item" and proposal.amount == 100
    with pytest.raises(ValidationError, match="不应收费"):
        fees_service.fee_notice(clerk, out["id"], "per_volume", 20, D(2026, 3, 13))
    fee = fees_service.fee_notice(clerk, out["id"], "per_item", None, D(2026, 3, 13))
    assert fee["pay_by"] is None and req(out).state == "awaiting_fee"  # 109号: from the day after receipt
    assert req(out).due_date is None  # the clock waits with the applicant (office setting)
    with pytest.raises(ValidationError, match="尚未登记送达"):
        fees_service.fee_lapsed(clerk, out["id"], D(2026, 5, 13))
    got = fees_service.record_delivery(clerk, out["id"], "post", D(2026, 3, 16), "XA100000002CN")
    assert got["pay_by"] == D(2026, 4, 14)  # the 20th working day after the receipt on 03-16
    with pytest.raises(ValidationError, match="期满后"):
        fees_service.fee_lapsed(clerk, out["id"], D(2026, 4, 14))
    fees_service.fee_lapsed(clerk, out["id"], D(2026, 4, 15))
    assert (req(out).state, req(out).outcome) == ("replied", "other_2")


def test_fee_paid_resumes_the_clock(staff, today):
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    fees_service.fee_notice(clerk, out["id"], "per_volume", 120, D(2026, 3, 9))
    assert fees_service.list_for(out["id"])[0]["amount"] == 70 * 10 + 20 * 20
    fees_service.fee_paid(clerk, out["id"], D(2026, 3, 11), "缴款书 0001")
    r = req(out)
    assert r.state == "processing" and r.due_date == D(2026, 4, 9)  # 03-09..03-11 stopped: 3 days on, past 清明
    assert fees_service.collected(2026) == 1100


def test_fee_waiver(staff, today):
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    with pytest.raises(ValidationError, match="不是本机关规定的减免情形"):
        fees_service.fee_notice(clerk, out["id"], "per_volume", 40, D(2026, 3, 9), waiver="残疾人")
    fees_service.fee_notice(clerk, out["id"], "per_volume", 40, D(2026, 3, 9), waiver="领取最低生活保障金")
    assert req(out).state == "registered"
    fee = fees_service.list_for(out["id"])[0]
    assert (fee["status"], fee["waiver_label"]) == ("waived", "领取最低生活保障金")


def test_fee_waiver_is_the_offices_setting_and_only_for_natural_persons(staff, today):
    """Waivers are the office's own rule (seed 003 第八条: 公民确有经济困难), not 109号."""
    from tests.db.factories import company
    clerk = staff["clerk"]
    org = register.register(clerk, company(received_date=D(2026, 3, 9)))
    with pytest.raises(ValidationError, match="只适用于确有经济困难的公民"):
        fees_service.fee_notice(clerk, org["id"], "per_volume", 40, D(2026, 3, 9), waiver="领取最低生活保障金")
    settings.set_many(staff["admin"], {"fees.waivers": "持有特困人员救助供养证"})
    assert fees_service.waiver_list() == ["持有特困人员救助供养证"]
    out = register.register(clerk, person())
    with pytest.raises(ValidationError, match="不是本机关规定的减免情形"):
        fees_service.fee_notice(clerk, out["id"], "per_volume", 40, D(2026, 3, 9), waiver="领取最低生活保障金")
    fees_service.fee_notice(clerk, out["id"], "per_volume", 40, D(2026, 3, 9), waiver="持有特困人员救助供养证")


def test_suspend_and_resume(staff, registered):
    clerk = staff["clerk"]
    handling.suspend(clerk, registered["id"], D(2026, 3, 16), "山洪致档案室无法进入")
    assert req(registered).due_date is None
    assert detail.detail(clerk, registered["id"])["suspended"]
    handling.resume(clerk, registered["id"], D(2026, 3, 20))
    assert req(registered).due_date == D(2026, 4, 13)


def test_withdraw_counts_as_other(staff, registered):
    handling.withdraw(staff["clerk"], registered["id"], D(2026, 3, 10), "申请人书面撤回")
    r = req(registered)
    assert (r.state, r.outcome, r.decided_date) == ("withdrawn", "other_3", D(2026, 3, 10))
    handling.archive(staff["clerk"], registered["id"], D(2026, 3, 11))


def test_late_decision_is_recorded(staff, registered):
    out = decision.decide(staff["clerk"], registered["id"], "unable_not_exist", D(2026, 4, 7),
                          {"reason": "经检索档案室和业务科室均未找到"})
    assert out == {"late": True, "late_by": 1}
    assert "晚于答复期限 1 个工作日" in detail.history(registered["id"])[-1]["clock_effect"]


def test_event_dates_cannot_be_in_the_future_or_before_receipt(staff, registered):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        decision.decide(staff["clerk"], registered["id"], "disclose", D(2026, 7, 1), {"provided": "x"})
    with pytest.raises(ValidationError, match="不能早于"):
        decision.decide(staff["clerk"], registered["id"], "disclose", D(2026, 3, 1), {"provided": "x"})


def test_supervisor_sees_the_archive_without_identity(staff, registered):
    d = detail.detail(staff["supervisor"], registered["id"])
    assert d["identity_masked"] and d["id_number"] == "110***********002X"
    assert d["phone"] == "138****5678" and d["address"] == "（已隐去）"
    assert d["steps"] == []
    full = detail.detail(staff["clerk"], registered["id"])
    assert full["id_number"] == "11010519491231002X"
    assert ("decide", "作出答复…") in full["steps"]


def test_entering_a_calendar_year_recomputes_open_deadlines(staff, frozen_clock):
    """A request whose deadline reaches 2027 is provisional until the 2027 schedule is entered; then it follows it."""
    from app import modules
    from app.workdays import service as calendar_service
    from app.workdays.schedule import HolidayRange, YearSchedule
    modules.load()
    frozen_clock.set(dt.datetime(2026, 12, 20, 9, 0))
    open_one = register.register(staff["clerk"], person(received_date=D(2026, 12, 15)))
    closed = register.register(staff["clerk"], person(received_date=D(2026, 12, 14)))
    decision.decide(staff["clerk"], closed["id"], "disclose", D(2026, 12, 18), {"provided": "名单"})
    r = req(open_one)
    assert r.due_provisional and r.due_date == D(2027, 1, 13)  # provisional: 元旦 only
    result = calendar_service.save_year(staff["admin"], YearSchedule(2027, "测试安排", (
        HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 3)),
        HolidayRange("假想假期", D(2027, 1, 11), D(2027, 1, 12)))))
    r = req(open_one)
    assert not r.due_provisional and r.due_date == D(2027, 1, 15)
    assert [c.number for c in result.changes] == [r.number]
    assert req(closed).due_date == D(2027, 1, 12)  # a concluded request keeps the deadline it had
    assert "节假日安排变更" in detail.history(open_one["id"])[-1]["clock_effect"]


@pytest.mark.parametrize("step,field", [
    (lambda c, i: handling.start(c, i, note="电话联系\x07申请人"), "办理说明"),
    (lambda c, i: handling.extend(c, i, 10, "李华😀", D(2026, 3, 30), "需要调取档案"), "批准人"),
    (lambda c, i: handling.extend(c, i, 10, "李华", D(2026, 3, 30), "调档" * 600), "延期理由"),
    (lambda c, i: handling.request_correction(c, i, "请补正\x0b身份证明\x01", D(2026, 3, 9)), "需要补正的事项"),
    (lambda c, i: decision.decide(c, i, "disclose", D(2026, 3, 20), {"provided": "名单🙂"}), "提供的信息及方式"),
    (lambda c, i: consultation.consult(c, i, "third_party", "某某\x0b公司", "中标企业的报价明细"), "征求对象"),
    (lambda c, i: consultation.consult(c, i, "third_party", "某某公司", "报价明细" * 600), "征求意见的内容"),
    (lambda c, i: consultation.consult(c, i, "third_party", "某某公司", "报价明细", party_contact="电话\n123"),
     "征求对象的联系方式"),
])
def test_handling_texts_follow_the_text_rules(staff, registered, step, field):
    from db.models import AuditLog, RequestEvent
    before = (RequestEvent.select().count(), AuditLog.select().count(), req(registered).state)
    with pytest.raises(ValidationError) as err:
        step(staff["clerk"], registered["id"])
    assert err.value.problems[0][0] == field
    assert (RequestEvent.select().count(), AuditLog.select().count(), req(registered).state) == before


@pytest.mark.parametrize("text,reason", [("请来电\x07咨询", "控制字符"), ("  ", "不能为空"), ("咨询" * 1600, "不能超过3000个字")])
def test_an_edited_notice_text_follows_the_text_rules(staff, registered, office_set, text, reason):
    from db.models import IssuedDocument
    with pytest.raises(ValidationError) as err:
        documents.issue(staff["clerk"], registered["id"], "登记回执", {"contact": text})
    assert err.value.problems[0][0] == "查询方式" and reason in err.value.problems[0][1]
    assert IssuedDocument.select().count() == 0
    documents.issue(staff["clerk"], registered["id"], "登记回执", {"contact": "请凭申请编号来电查询。\r\n"})
    assert IssuedDocument.select().count() == 1


def test_consultation_reply_and_delivery_texts_follow_the_text_rules(staff, registered):
    from db.models import Consultation
    clerk = staff["clerk"]
    cid = consultation.consult(clerk, registered["id"], "third_party", "某某公司", "中标企业的报价明细",
                               D(2026, 3, 12))["id"]
    with pytest.raises(ValidationError) as err:
        consultation.record_delivery(clerk, cid, "post", D(2026, 3, 16), "XA100000001CN", recipient="王某🙂")
    assert err.value.problems[0][0] == "收件人"
    consultation.record_delivery(clerk, cid, "post", D(2026, 3, 16), "XA100000001CN", recipient="  王某 ")
    with pytest.raises(ValidationError) as err:
        consultation.record_reply(clerk, cid, "disagree", D(2026, 3, 20), reason="涉及\x01商业秘密",
                                  decision="withhold")
    assert err.value.problems[0][0] == "不同意的理由"
    assert Consultation.get_by_id(cid).reply is None
    consultation.record_reply(clerk, cid, "disagree", D(2026, 3, 20), reason=" 涉及商业秘密 ", decision="withhold")
    assert Consultation.get_by_id(cid).reply_reason == "涉及商业秘密"


def test_fee_texts_follow_the_text_rules(staff, today):
    from db.models import Fee
    clerk = staff["clerk"]
    for day in range(2, 13):
        out = register.register(clerk, person(received_date=D(2026, 3, day), description=f"第{day}号文件的全文内容"))
    fees_service.fee_notice(clerk, out["id"], "per_item", None, D(2026, 3, 13))
    fees_service.record_delivery(clerk, out["id"], "in_person", D(2026, 3, 16))
    with pytest.raises(ValidationError) as err:
        fees_service.fee_paid(clerk, out["id"], D(2026, 3, 20), "收据" * 30)
    assert err.value.problems[0] == ("收据号码", "不能超过50个字（现为60个字）")
    fees_service.fee_paid(clerk, out["id"], D(2026, 3, 20), " NO.0012 ")
    assert Fee.get(Fee.request == out["id"]).receipt_number == "NO.0012"


def test_a_text_stored_before_the_rules_does_not_block_later_steps(staff, registered):
    Request.update(correction_items="旧数据\x0b第二项", extension_reason="旧理由😀").where(
        Request.id == registered["id"]).execute()
    handling.start(staff["clerk"], registered["id"], note="开始办理")
    assert req(registered).state == "processing"
