"""A supervisor on the roster, and opinions brought to a given step."""
import datetime as dt

import pytest

from app import files

SUPERVISOR = {"name": "杨建华", "sex": "男", "contact": "13800001111", "constituency": "npc_deputy",
              "unit": "某某县第一中学", "appointed_date": dt.date(2025, 3, 1)}


def opinion_data(supervisor_id: int, **over) -> dict:
    data = {"supervisor_id": supervisor_id, "received_date": dt.date(2026, 3, 2), "channel": "email",
            "content": "答复告知书引用条款不够具体，建议写明条、款、项。", "category": "依申请公开"}
    data.update(over)
    return data


@pytest.fixture
def office_staff(staff, frozen_clock, tmp_path):
    """The staff of the shared fixture, with the modules' hooks loaded as the workspace loads them."""
    from app import modules
    modules.load()
    files.configure(tmp_path / "files")
    return staff


@pytest.fixture
def appointed(office_staff):
    from app.supervisors import roster
    return roster.appoint(office_staff["head"], SUPERVISOR)["id"]


@pytest.fixture
def linked(office_staff, appointed):
    """The roster's supervisor linked to the 监督员 account of the staff fixture."""
    from app.supervisors import roster
    roster.link_user(office_staff["head"], appointed, office_staff["supervisor"].user_id)
    return appointed
