"""A case from 来访 to 归档 through the step table, with each step's role checked and its audit row written; the
on-the-spot answer; 转办 and the refusal to send a case to the unit it is about; 重难件 review."""
import datetime as dt

import pytest

from app.complaints import cases, handling, records, steps
from app.errors import InvalidState, PermissionDenied, ValidationError
from db.models import AuditLog, ComplaintEvent, ComplaintSupervision
from tests.db.complaints.conftest import case_data


def _actions(case_id):
    return [e.action for e in ComplaintEvent.select().where(ComplaintEvent.case == case_id).order_by(ComplaintEvent.id)]


def test_from_visit_to_archive(crew, received, frozen_clock):
    cid = received["id"]
    assert received["number"] == "2026-举报投诉-0001"
    assert received["due_date"] == dt.date(2026, 3, 20)  # 举报: 10 working days from the day after 03-06 (Fri)
    handling.act(crew["head"], cid, "register", unit="办公室")
    handling.act(crew["clerk"], cid, "investigate", "调取申请登记簿和答复记录")
    handling.act(crew["clerk"], cid, "note", "承办人未按期答复属实")
    handling.act(crew["leader"], cid, "supervise", "请于三日内报送整改情况", reply_due=dt.date(2026, 3, 12))
    assert records.get(cid).state == "supervised"
    with pytest.raises(InvalidState):
        handling.act(crew["clerk"], cid, "reply", "已整改", method="书面答复")  # the 督办 is answered first
    frozen_clock.set(dt.datetime(2026, 3, 11, 10, 0))
    handling.act(crew["clerk"], cid, "supervise_reply", "已补作答复，并对承办人批评教育")
    handling.act(crew["clerk"], cid, "reply", "经调查，反映的问题属实，已责令整改", method="书面答复")
    handling.act(crew["clerk"], cid, "archive")
    case = records.get(cid)
    assert (case.state, case.reply_date, case.archived_date) == ("archived", dt.date(2026, 3, 11), dt.date(2026, 3, 11))
    assert _actions(cid) == ["accept", "register", "investigate", "note", "supervise", "supervise_reply", "reply",
                             "archive"]
    s = ComplaintSupervision.get(ComplaintSupervision.case == cid)
    assert (s.unit, s.reply_date) == ("办公室", dt.date(2026, 3, 11))
    logged = [a for (a,) in AuditLog.select(AuditLog.action).where(AuditLog.entity_id == case.number).tuples()]
    assert logged == ["complaint.create", "complaint.register", "complaint.investigate", "complaint.note",
                      "complaint.supervise", "complaint.supervise_reply", "complaint.reply", "complaint.archive"]


@pytest.mark.parametrize("state,action", sorted(steps.TABLE))
def test_every_step_refuses_a_role_without_its_permission(crew, state, action):
    t = steps.TABLE[(state, action)]
    holders = [k for k, a in crew.items() if t.permission in a.permissions]
    others = [k for k, a in crew.items() if t.permission not in a.permissions]
    assert holders and others
    for k in others:
        with pytest.raises(PermissionDenied):
            steps.next_state(state, action, crew[k].permissions, crew[k].display_name)
    for k in holders:
        assert steps.next_state(state, action, crew[k].permissions).to == t.to


def test_a_step_the_state_does_not_have_is_refused(crew, received):
    with pytest.raises(InvalidState, match="已受理"):
        handling.act(crew["clerk"], received["id"], "reply", "答复", method="书面答复")  # not registered yet
    with pytest.raises(PermissionDenied, match="登记领导对举报投诉的批示"):
        handling.act(crew["clerk"], received["id"], "instruct", "批示")
    with pytest.raises(PermissionDenied):
        handling.act(crew["supervisor"], received["id"], "register", unit="办公室")


def test_answered_on_the_spot(crew):
    made = cases.create(crew["clerk"], case_data(category="consultation", report_type="", on_spot=True,
                                                 on_spot_reply="低保公示期为七天", reply_method="当面答复"))
    case = records.get(made["id"])
    assert (case.state, case.on_spot, case.reply_date) == ("replied", True, dt.date(2026, 3, 9))
    assert _actions(case.id) == ["accept", "on_spot"]


def test_on_the_spot_without_an_answer_records_nothing(crew):
    with pytest.raises(ValidationError, match="当场答复"):
        cases.create(crew["clerk"], case_data(on_spot=True, on_spot_reply=""))
    assert records.ComplaintCase.select().count() == 0


@pytest.mark.parametrize("unit,person,why", [
    ("自然资源所", "", "被举报投诉的单位"),
    ("某某镇自然资源所", "", "被举报投诉的单位"),
])
def test_transfer_to_the_unit_complained_about_is_refused(crew, received, unit, person, why):
    cid = received["id"]
    handling.act(crew["head"], cid, "register", unit="办公室")
    with pytest.raises(ValidationError, match=why):
        handling.act(crew["clerk"], cid, "transfer_out", "按职责转办", target=unit, person=person)
    assert records.get(cid).state == "registered"


def test_transfer_within_the_office_never_to_the_unit_complained_about(crew, received, make_user):
    from app import settings
    settings.set_many(crew["admin"], {"publication.units": "办公室\n自然资源所\n财政所"})
    cid = received["id"]
    with pytest.raises(ValidationError, match="不能由该科室承办"):
        handling.act(crew["head"], cid, "register", unit="自然资源所")
    handling.act(crew["head"], cid, "register", unit="办公室")
    with pytest.raises(ValidationError, match="被举报投诉的单位"):
        handling.act(crew["clerk"], cid, "transfer", "按职责转办", unit="自然资源所")
    handling.act(crew["clerk"], cid, "transfer", "按职责转办", unit="财政所")
    assert records.get(cid).handling_unit == "财政所"


def test_a_person_complained_about_is_never_the_target(crew):
    made = cases.create(crew["clerk"], case_data(subject_unit="", subject_person="社会事务办王某"))
    handling.act(crew["head"], made["id"], "register", unit="办公室")
    with pytest.raises(ValidationError, match="属于“社会事务办”"):
        handling.act(crew["clerk"], made["id"], "transfer", "转办", unit="社会事务办")


def test_transfer_to_another_agency_then_archive(crew, received):
    cid = received["id"]
    handling.act(crew["head"], cid, "register", unit="办公室")
    handling.act(crew["clerk"], cid, "transfer_out", "属于县自然资源局职责", target="某某县自然资源局")
    assert (records.get(cid).state, records.get(cid).transfer_target) == ("transferred", "某某县自然资源局")
    handling.act(crew["clerk"], cid, "archive")
    assert records.get(cid).state == "archived"


def test_difficult_case_is_reviewed_before_the_reply(crew):
    made = cases.create(crew["clerk"], case_data(category="difficult", report_type=""))
    cid = made["id"]
    assert made["due_date"] == dt.date(2026, 3, 27)  # 15 working days after 03-06
    handling.act(crew["head"], cid, "register", unit="办公室")
    handling.act(crew["clerk"], cid, "investigate", "调查")
    with pytest.raises(InvalidState, match="区政府办公室审核"):
        handling.act(crew["clerk"], cid, "reply", "答复", method="书面答复")
    handling.act(crew["clerk"], cid, "refer_review", "报送区政府办公室审核")
    handling.act(crew["clerk"], cid, "review_done", "同意答复")
    handling.act(crew["clerk"], cid, "reply", "答复", method="书面答复")
    assert records.get(cid).state == "replied"
    plain = cases.create(crew["clerk"], case_data())
    handling.act(crew["head"], plain["id"], "register", unit="办公室")
    handling.act(crew["clerk"], plain["id"], "investigate", "调查")
    with pytest.raises(InvalidState, match="只有重难件"):
        handling.act(crew["clerk"], plain["id"], "refer_review", "报送")


def test_instructions_are_shown_only_to_the_handling_roles(crew, received):
    cid = received["id"]
    handling.act(crew["leader"], cid, "instruct", "请依法依规从严处理", leader="王强")
    assert any(e["action"] == "instruct" for e in handling.history(crew["clerk"], cid))
    assert any(e["action"] == "instruct" for e in handling.history(crew["leader"], cid))
    assert not any(e["action"] == "instruct" for e in handling.history(crew["supervisor"], cid))


def test_reply_dates_are_checked_against_the_case(crew, received):
    cid = received["id"]
    handling.act(crew["head"], cid, "register", unit="办公室")
    with pytest.raises(ValidationError, match="不能早于收到日期"):
        handling.act(crew["clerk"], cid, "reply", "答复", method="书面答复", date=dt.date(2026, 3, 5))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        handling.act(crew["clerk"], cid, "reply", "答复", method="书面答复", date=dt.date(2026, 3, 10))
    handling.act(crew["clerk"], cid, "reply", "答复", method="书面答复", date=dt.date(2026, 3, 9))
    with pytest.raises(ValidationError, match="不能早于答复日期"):
        handling.act(crew["clerk"], cid, "archive", date=dt.date(2026, 3, 8))


def test_validation_names_every_bad_field(crew):
    with pytest.raises(ValidationError) as err:
        cases.create(crew["clerk"], {"channel": "传真", "category": "report", "received_at": "明天",
                                     "title": "", "content": ""})
    fields = [f for f, _ in err.value.problems]
    assert fields == ["来源渠道", "举报事项", "收到时间", "举报投诉人", "事由", "内容"]
    with pytest.raises(ValidationError, match="匿名举报投诉不登记姓名"):
        cases.create(crew["clerk"], case_data(anonymous=True))


def test_a_request_that_was_a_complaint_becomes_a_linked_case(crew):
    from app.requests import register
    from tests.db.factories import person
    req = register.register(crew["clerk"], person(description="举报村委会不公开低保名单，要求查处"))
    made = cases.from_request(crew["clerk"], req["number"])
    case = records.get(made["id"])
    assert (case.request_id, case.channel, case.received_date, case.complainant_name) == \
        (req["id"], "来访", dt.date(2026, 3, 6), "陈小红")
    assert cases.cases_for_request(crew["clerk"], req["id"]) == [{"id": case.id, "number": case.number,
                                                                  "state": "accepted", "title": case.title}]
    with pytest.raises(InvalidState, match="已登记为举报投诉"):
        cases.from_request(crew["clerk"], req["number"])
    with pytest.raises(PermissionDenied):
        cases.from_request(crew["leader"], req["number"])


def _sealed_problems():
    from app import integrity
    return [p for p in integrity.compare_records() if p.startswith("举报投诉")]


def test_every_step_leaves_the_case_matching_its_audit_trail_and_a_change_by_hand_is_found(crew, received, tmp_path):
    from app.complaints import detail
    from db.models import ComplaintCase, ComplaintSupervision, IdentityView
    cid = received["id"]
    evidence = tmp_path / "照片.txt"
    evidence.write_text("现场照片说明", encoding="utf-8")
    handling.act(crew["head"], cid, "register", unit="办公室")
    handling.act(crew["clerk"], cid, "investigate", "调查")
    cases.add_file(crew["clerk"], cid, str(evidence), kind="evidence")
    handling.act(crew["leader"], cid, "supervise", "督办")
    handling.act(crew["clerk"], cid, "supervise_reply", "已办")
    detail.case_detail(crew["head"], cid, reveal=True)
    handling.act(crew["clerk"], cid, "reply", "答复", method="书面答复")
    assert _sealed_problems() == []
    ComplaintSupervision.update(reply_text="改过").execute()
    assert len(_sealed_problems()) == 1 and "督办" in _sealed_problems()[0]
    ComplaintSupervision.update(reply_text="已办").execute()
    IdentityView.delete().execute()  # hiding who looked at the identity
    assert len(_sealed_problems()) == 1
    ComplaintCase.update(complainant_name="李四").execute()
    assert any("举报投诉人" in p for p in _sealed_problems())


def test_a_request_answered_as_a_complaint_and_its_case_point_to_each_other(crew, frozen_clock):
    """条例第三十九条第一款: the request is concluded 不予处理（信访举报投诉类）and the complaint goes on as a case; the
    case names the request and the request's cases list the case, and nothing else is linked."""
    from app.complaints import detail
    from app.requests import decision, detail as request_detail, register
    from tests.db.factories import person
    req = register.register(crew["clerk"], person(description="举报村委会不公开低保名单，要求查处"))
    other = register.register(crew["clerk"], person(description="申请公开本村低保名单"))
    decision.decide(crew["clerk"], req["id"], "reject_1", dt.date(2026, 3, 9), {"reason": "要求查处村委会的举报事项"})
    assert request_detail.detail(crew["clerk"], req["id"])["outcome_label"] == "不予处理：信访举报投诉类申请"
    case_id = cases.from_request(crew["clerk"], req["number"])["id"]
    unlinked = cases.create(crew["clerk"], case_data())["id"]
    shown = detail.case_detail(crew["clerk"], case_id)
    assert (shown["request_number"], shown["content"]) == (req["number"], "举报村委会不公开低保名单，要求查处")
    assert detail.case_detail(crew["clerk"], unlinked)["request_number"] == ""
    assert [c["id"] for c in cases.cases_for_request(crew["clerk"], req["id"])] == [case_id]
    assert cases.cases_for_request(crew["clerk"], other["id"]) == []
