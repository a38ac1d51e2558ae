"""The handling steps (办理流程) as data: state × action → next state, with the permission each step needs and what
it records. The services check a step with ``next_state`` and the window offers the buttons ``actions_for`` lists:
both read the same table, and a test walks it.

Seed 000 举报调查制度第五条: 受理 → 登记 → 调查 → 督办 → 答复 → 归档; 第六条: a simple matter answered on the spot
(受理 and 答复 together). Seed 001 政民互动管理制度第三条 (交办/转办), 第四条 (重难件 sent to the district government's
office for review before the reply, leaders' 批示).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import InvalidState, PermissionDenied
from app.permissions import PERMISSIONS

STATES: dict[str, str] = {
    "accepted": "已受理",
    "registered": "已登记",
    "investigating": "调查中",
    "supervised": "督办中",
    "review": "送审中",
    "replied": "已答复",
    "transferred": "已转外单位",
    "archived": "已归档",
}
OPEN = ("accepted", "registered", "investigating", "supervised", "review")
CLOSED = ("replied", "transferred", "archived")

ACTIONS: dict[str, str] = {
    "register": "登记",
    "on_spot": "当场答复",
    "investigate": "开始调查",
    "note": "登记调查情况",
    "transfer": "转办（本机关科室）",
    "transfer_out": "转外单位办理",
    "supervise": "督办",
    "supervise_reply": "登记督办答复",
    "refer_review": "报送区政府审核（重难件）",
    "review_done": "登记审核意见",
    "reply": "答复",
    "archive": "归档",
    "instruct": "登记领导批示",
}
# Steps whose text is required (the note, the reason, the instruction, the reply).
NEEDS_TEXT = ("on_spot", "note", "transfer", "transfer_out", "supervise", "supervise_reply", "refer_review",
              "review_done", "reply", "instruct")


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    to: str
    permission: str
    records: str  # what the step writes down


def _table() -> dict[tuple[str, str], Transition]:
    out: dict[tuple[str, str], Transition] = {}

    def add(state, action, to, permission, records):
        out[(state, action)] = Transition(state, action, to, permission, records)

    add("accepted", "register", "registered", "complaint.register", "承办科室、类别和办理期限")
    add("accepted", "on_spot", "replied", "complaint.handle", "当场答复的内容")
    for s in ("registered", "investigating"):
        add(s, "transfer", s, "complaint.handle", "转办的科室和理由")
        add(s, "transfer_out", "transferred", "complaint.handle", "转办的单位和理由")
        add(s, "reply", "replied", "complaint.handle", "答复内容、方式和日期")
    add("registered", "investigate", "investigating", "complaint.handle", "调查情况")
    for s in ("investigating", "supervised"):
        add(s, "note", s, "complaint.handle", "调查情况和证据")
        add(s, "supervise", "supervised", "complaint.supervise", "督办意见和答复期限")
    add("supervised", "supervise_reply", "investigating", "complaint.handle", "承办科室对督办的答复")
    add("investigating", "refer_review", "review", "complaint.handle", "送审的机关和材料")
    add("review", "review_done", "investigating", "complaint.handle", "区政府办公室的审核意见")
    add("replied", "archive", "archived", "complaint.handle", "归档日期")
    add("transferred", "archive", "archived", "complaint.handle", "归档日期")
    for s in OPEN:
        add(s, "instruct", s, "complaint.instruct", "领导批示（只对办理人员显示）")
    return out


TABLE = _table()
STEP_PERMISSIONS = frozenset(t.permission for t in TABLE.values())


def state_label(code: str) -> str:
    return STATES.get(code, code)


def next_state(state: str, action: str, permissions, who: str = "") -> Transition:
    """The step ``action`` from ``state`` for a user holding ``permissions``; ``InvalidState`` for a step the table
    does not have there, ``PermissionDenied`` for the wrong role."""
    t = TABLE.get((state, action))
    if t is None:
        raise InvalidState(f"处于“{state_label(state)}”的举报投诉不能“{ACTIONS.get(action, action)}”")
    if t.permission not in permissions:
        raise PermissionDenied(f"{who or '当前用户'}没有「{PERMISSIONS[t.permission]}」的权限，不能"
                               f"{ACTIONS[action]}")
    return t


def actions_for(state: str, permissions, difficult: bool = False) -> list[Transition]:
    """The steps this user may take on a case now, in the table's order (for the window's buttons). Only a 重难件 is
    sent for review."""
    return [t for (s, a), t in TABLE.items() if s == state and t.permission in permissions
            and (difficult or a != "refer_review")]
