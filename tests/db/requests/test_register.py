"""登记: validation by applicant type, numbering, deadline, repeats and monthly counts."""
import datetime as dt

import pytest

from app import audit
from app.errors import PermissionDenied, ValidationError
from app.requests import register
from db.models import Request, RequestEvent

from tests.db.factories import company, person


def test_register_gives_number_deadline_history_and_audit(staff, today):
    out = register.register(staff["clerk"], person())
    assert out["number"] == "2026-依申请-0001"
    assert out["due_date"] == dt.date(2026, 4, 3)  # received Friday 03-06, 20 working days
    assert not out["provisional"]
    req = Request.get_by_id(out["id"])
    assert req.state == "registered" and req.officer_id == staff["clerk"].user_id
    assert req.correction_due == dt.date(2026, 3, 17)  # 7 working days for a 补正告知
    ev = RequestEvent.get(RequestEvent.request == req.id)
    assert ev.action == "register" and "条例第三十一条" in ev.note and "2026-04-03" in ev.clock_effect
    assert audit.count(staff["admin"], audit.AuditFilter(action="request.register")) == 1


def test_receipt_on_a_rest_day_counts_from_the_next_day(staff, today):
    out = register.register(staff["clerk"], person(received_date=dt.date(2026, 3, 7)))
    assert out["due_date"] == dt.date(2026, 4, 3)


def test_organisation(staff, today):
    out = register.register(staff["clerk"], company())
    assert Request.get_by_id(out["id"]).applicant_type == "commercial"


@pytest.mark.parametrize("over,field,reason", [
    ({"id_number": "110105194912310021"}, "证件号码", "校验位"),
    ({"id_number": ""}, "证件号码", "不能为空"),
    ({"applicant_name": " "}, "申请人姓名或名称", "不能为空"),
    ({"phone": "12345", "address": "", "delivery_wanted": "pickup"}, "联系电话", "11位"),
    ({"phone": "0871-1", "address": "", "delivery_wanted": "pickup"}, "联系电话", "格式不正确"),
    ({"phone": "", "address": "", "email": "", "delivery_wanted": "pickup"}, "联系电话", "至少填写一项"),
    ({"received_date": dt.date(2026, 7, 1)}, "收到申请日期", "不能晚于今天"),
    ({"received_date": "2026-02-30"}, "收到申请日期", "不是有效日期"),
    ({"description": "资料"}, "所需政府信息的内容描述", "至少4个字"),
    ({"channel": "pigeon"}, "申请方式", "请选择"),
    ({"delivery_wanted": "post", "address": ""}, "通信地址", "邮寄"),
    ({"applicant_type": "martian"}, "申请人类型", "请选择"),
    ({"email": "not-an-email"}, "电子邮箱", "格式不正确"),
    ({"applicant_name": "李" * 1000}, "申请人姓名或名称", "不能超过100个字（现为1000个字）"),
    ({"description": "危房改造" * 600}, "所需政府信息的内容描述", "不能超过2000个字"),
    ({"applicant_name": "陈小\x0b红"}, "申请人姓名或名称", "不能换行"),
    ({"applicant_name": "陈小\x01红"}, "申请人姓名或名称", "控制字符（U+0001"),
    ({"description": "补助名单\x0b发放情况"}, "所需政府信息的内容描述", "控制字符（U+000B"),
    ({"address": "人民路12号\n2单元"}, "通信地址", "不能换行"),
    ({"applicant_name": "陈小红😀"}, "申请人姓名或名称", "无法打印的字符“😀”"),
    ({"purpose": "了解政策🙏"}, "用途", "无法打印"),
    ({"officer_id": "=cmd|' /C calc'!A0"}, "承办人", "不是在用的用户"),
    ({"officer_id": 99}, "承办人", "不是在用的用户"),
    ({"officer_id": 2 ** 63}, "承办人", "不是在用的用户"),
])
def test_bad_input_names_field_and_reason_and_saves_nothing(staff, today, over, field, reason):
    with pytest.raises(ValidationError) as err:
        register.register(staff["clerk"], person(**over))
    assert any(f == field and reason in r for f, r in err.value.problems), err.value.problems
    assert Request.select().count() == 0


@pytest.mark.parametrize("over,field,reason", [
    ({"uscc": "91350100M000100Y44"}, "统一社会信用代码", "校验码"),
    ({"uscc": ""}, "统一社会信用代码", "应填写"),
    ({"legal_rep": ""}, "法定代表人或负责人", "不能为空"),
])
def test_organisation_fields(staff, today, over, field, reason):
    with pytest.raises(ValidationError) as err:
        register.register(staff["clerk"], company(**over))
    assert any(f == field and reason in r for f, r in err.value.problems)


def test_multiline_text_is_kept_with_its_line_breaks(staff, today):
    out = register.register(staff["clerk"], person(description="一、补助名单\r\n二、发放凭证", notes="电话核实\r\n"))
    req = Request.get_by_id(out["id"])
    assert req.description == "一、补助名单\n二、发放凭证" and req.notes == "电话核实"


def test_who_may_register(staff, today):
    for role in ("leader", "supervisor", "admin"):
        with pytest.raises(PermissionDenied):
            register.register(staff[role], person())
    register.register(staff["head"], person())


def test_numbers_are_per_receipt_year(staff, today):
    a = register.register(staff["clerk"], person(received_date=dt.date(2025, 12, 30)))
    b = register.register(staff["clerk"], person(received_date=dt.date(2026, 1, 5)))
    assert a["number"] == "2025-依申请-0001" and b["number"] == "2026-依申请-0001"


def test_repeats_found_by_similar_wording_and_month_counted(staff, today):
    register.register(staff["clerk"], person(description="2025年城关镇农村危房改造补助资金发放名单"))
    register.register(staff["clerk"], person(description="县医院新建住院楼的环评报告", received_date=dt.date(2026, 3, 2)))
    check = register.check_repeats(person(description="请公开城关镇2025年农村危房改造补助资金的发放名单",
                                          received_date=dt.date(2026, 3, 20)))
    assert [e.description for e in check.similar] == ["2025年城关镇农村危房改造补助资金发放名单"]
    assert check.month_count == 3
    other = register.check_repeats(person(id_number="110101199003077352", description="危房改造补助资金发放名单"))
    assert other.similar == [] and other.month_count == 1


def test_update_registration(staff, registered):
    register.update_registration(staff["clerk"], registered["id"], {"phone": "13900001111"})
    assert Request.get_by_id(registered["id"]).phone == "13900001111"
    with pytest.raises(ValidationError):
        register.update_registration(staff["clerk"], registered["id"], {"phone": "1"})


def test_the_handling_officer_must_be_someone_who_may_handle_requests(staff, today):
    from app import users
    with pytest.raises(ValidationError, match="王强没有办理申请的角色"):
        register.register(staff["clerk"], person(officer_id=staff["leader"].user_id))
    handlers = {u["display_name"] for u in users.directory(may="request.handle")}
    assert handlers == {"张明", "李华"}
    ok = register.register(staff["clerk"], person(officer_id=staff["head"].user_id))
    assert Request.get_by_id(ok["id"]).officer_id == staff["head"].user_id
