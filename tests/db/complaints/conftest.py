"""Staff for 举报投诉 and a case as a 来访 records it."""
import datetime as dt

import pytest

from app import files


@pytest.fixture
def crew(db, make_user, tmp_path, frozen_clock):
    files.configure(tmp_path / "files")
    return {
        "clerk": make_user("clerk", username="zhangming", display_name="张明"),
        "head": make_user("section_head", username="lihua", display_name="李华"),
        "leader": make_user("leader", username="wangqiang", display_name="王强"),
        "supervisor": make_user("supervisor", username="zhaomin", display_name="赵敏"),
        "admin": make_user("admin", username="admin", display_name="管理员"),
        "secrecy": make_user("secrecy_reviewer", username="sunli", display_name="孙丽"),
    }


# The complainant of every case below: what must never reach a user without complaint.view_identity.
NAME, PHONE, ADDRESS, EMAIL = "周建平", "13907731234", "某某镇幸福村五组", "zhoujp@example.cn"


def case_data(**over):
    data = {"channel": "来访", "category": "report", "report_type": "duty",
            "received_at": dt.datetime(2026, 3, 6, 9, 0), "complainant_name": NAME, "complainant_phone": PHONE,
            "complainant_address": ADDRESS, "complainant_email": EMAIL, "subject_unit": "自然资源所",
            "subject_person": "", "title": "申请公开征地补偿方案逾期未答复",
            "content": f"本人{NAME}（电话{PHONE}）申请公开征地补偿方案，至今未答复。"}
    data.update(over)
    return data


@pytest.fixture
def received(crew):
    from app.complaints import cases
    return cases.create(crew["clerk"], case_data())
