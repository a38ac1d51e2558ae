"""Staff for the review chain, and an item ready to submit."""
import datetime as dt

import pytest

from app import files


@pytest.fixture
def crew(db, make_user, tmp_path, frozen_clock):
    files.configure(tmp_path / "files")
    return {
        "drafter": make_user("clerk", username="zhangming", display_name="张明"),
        "editor": make_user("clerk", username="liuyang", display_name="刘洋"),
        "head": make_user("section_head", username="lihua", display_name="李华"),
        "secrecy": make_user("secrecy_reviewer", username="sunli", display_name="孙丽"),
        "leader": make_user("leader", username="wangqiang", display_name="王强"),
        "principal": make_user("principal", username="chenjing", display_name="陈静"),
        "supervisor": make_user("supervisor", username="zhaomin", display_name="赵敏"),
    }


def item_data(**over):
    data = {"title": "关于调整城乡居民最低生活保障标准的通知", "kind": "official_document", "unit": "办公室",
            "doc_number": "某政发〔2026〕12号", "formed_date": dt.date(2026, 3, 2), "category": "财政管理",
            "attribute": "proactive", "content": "经研究，决定自2026年4月1日起调整城乡居民最低生活保障标准。",
            "disclosure_manner": "网站公开", "disclosure_scope": "社会公众"}
    data.update(over)
    return data


@pytest.fixture
def drafted(crew):
    from app.publication import items
    return items.create(crew["drafter"], item_data())["id"]
