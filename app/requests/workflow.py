"""The steps of a request and when each applies — for the window's buttons. The services check the same rules
themselves (a step offered here can still be refused there, with the reason)."""
from __future__ import annotations

from dataclasses import dataclass

from app.actor import Actor
from app.requests import catalog

REPLY_STATES = ("registered", "processing")


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    states: tuple[str, ...]
    permission: str


STEPS: list[Step] = [
    Step("start", "开始办理", ("registered",), "request.handle"),
    Step("correction", "补正告知…", REPLY_STATES, "request.handle"),
    Step("correction_received", "收到补正…", ("awaiting_correction",), "request.handle"),
    Step("correction_lapsed", "逾期未补正…", ("awaiting_correction",), "request.decide"),
    Step("consult", "征求意见…", ("registered", "processing", "consulting"), "request.handle"),
    Step("consultation_reply", "登记征求意见结果…", ("consulting",), "request.handle"),
    Step("letter_delivery", "登记征求意见书/收费通知书送达…", ("consulting", "awaiting_fee"), "request.handle"),
    Step("fee", "信息处理费…", REPLY_STATES, "request.handle"),
    Step("fee_paid", "登记缴费…", ("awaiting_fee",), "request.handle"),
    Step("fee_lapsed", "逾期未缴费…", ("awaiting_fee",), "request.decide"),
    Step("extend", "延长答复期限…", ("registered", "processing", "consulting", "awaiting_fee"), "request.extend"),
    Step("suspend", "中止计时…", REPLY_STATES, "request.handle"),
    Step("resume", "恢复计时…", REPLY_STATES, "request.handle"),
    Step("decide", "作出答复…", REPLY_STATES, "request.decide"),
    Step("deliver", "送达…", ("replied",), "request.handle"),
    Step("archive", "归档…", ("delivered", "withdrawn", "replied"), "request.handle"),
    Step("withdraw", "申请人撤回…", catalog.OPEN_STATES, "request.handle"),
    Step("edit", "修改登记信息…", catalog.OPEN_STATES, "request.register"),
    Step("attach", "添加附件…", tuple(catalog.STATES), "request.handle"),
    Step("notice", "打印文书…", tuple(catalog.STATES), "request.handle"),
]
BY_CODE = {s.code: s for s in STEPS}


def available(actor: Actor, request: dict) -> list[Step]:
    """The steps this user may take on this request now. ``request`` is the detail dict."""
    state = request["state"]
    out = []
    for step in STEPS:
        if state not in step.states or not actor.can(step.permission):
            continue
        if step.code == "correction" and request.get("correction_sent"):
            continue  # 条例第三十条: one correction notice only
        if step.code == "suspend" and request.get("suspended"):
            continue
        if step.code == "resume" and not request.get("suspended"):
            continue
        if step.code == "letter_delivery" and not undelivered_letters(request):
            continue
        if step.code == "archive" and state == "replied" and request.get("outcome") not in catalog.NO_DELIVERY_NEEDED:
            continue
        out.append(step)
    return out


def undelivered_letters(request: dict) -> list[tuple[str, str]]:
    """The letters whose period waits for their 送达 to be recorded: (key, label) with key "consultation:<id>" or
    "fee:<id>" (``request`` is the detail dict)."""
    out = [(f"consultation:{c['id']}", f"{c['kind_label']}征求意见书：{c['party']}（{c['sent_date']} 发出）")
           for c in request.get("consultations", []) if c["reply"] is None and c.get("delivered_date") is None]
    out += [(f"fee:{f['id']}", f"收费通知书（{f['notice_date']} 发出，{f['amount']} 元）")
            for f in request.get("fees", []) if f["status"] == "pending" and f.get("delivered_date") is None]
    return out
