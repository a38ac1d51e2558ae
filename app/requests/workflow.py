"""The steps of a request, declared once: state × step → next state, who may take it, what its date may not precede
and which written notices it issues. The services check a step against this table (``begin``/``check``) and the
window offers the buttons ``available`` returns, so the two cannot drift apart; a test walks the whole table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.actor import Actor
from app.errors import InvalidState, ValidationError
from app.permissions import require
from app.requests import catalog

# The reply notice of the recorded outcome (catalog.OUTCOMES[outcome].notice), whichever it is.
REPLY_NOTICE = "答复告知书"

# What a step's date may not precede:
#   CLOCK — the receipt, or the receipt of the corrected request (条例第三十条: handling restarts from it);
#   ALL   — every earlier step of the request (a step that concludes or closes it comes after everything else).
CLOCK, ALL = "clock", "all"

# The history events that record a dated fact of the handling (the dates the clerk gives), with their names.
EVENT_LABELS = {
    "register": "登记", "update": "修改登记信息", "start": "开始办理", "assign": "指定承办人", "correction": "补正告知",
    "correction_received": "收到补正", "correction_lapsed": "逾期未补正", "consult": "征求意见",
    "consultation_reply": "征求意见结果", "fee_notice": "收费通知", "fee_waived": "减免信息处理费", "fee_paid": "缴费",
    "fee_lapsed": "逾期未缴费", "extend": "延长答复期限", "suspend": "中止计时", "resume": "恢复计时",
    "decide": "作出答复", "deliver": "送达", "archive": "归档", "withdraw": "撤回", "void": "作废", "attach": "附件",
    "document": "出具文书", "recompute": "重算期限", "import": "从台账导入",
}
FACT_EVENTS = frozenset({
    "register", "correction", "correction_received", "correction_lapsed", "consult", "consultation_reply",
    "fee_notice", "fee_waived", "fee_paid", "fee_lapsed", "extend", "suspend", "resume", "decide", "deliver",
    "withdraw", "archive",
})

REPLY_STATES = ("registered", "processing")


@dataclass(frozen=True)
class Step:
    code: str
    label: str  # the button
    states: tuple[str, ...]  # the states it may be taken in
    to: tuple[str, ...]  # the states it leads to (empty: the state does not change)
    permission: str
    notices: tuple[str, ...] = ()  # the written notices it issues (REPLY_NOTICE: the outcome's reply notice)
    optional_notices: tuple[str, ...] = ()  # notices the clerk may issue with it
    date_after: str | None = None  # CLOCK | ALL: what its date may not precede
    date_label: str = ""  # the name of its date in messages
    guard: Callable[[dict], str | None] | None = None  # why it does not apply now (request facts), or None
    verb: str = ""  # "不能{verb}" in refusals; the label when empty
    button: bool = True  # offered in the row of step buttons (attachments and the officer have their own controls)


def _once_only(f: dict) -> str | None:
    if f.get("correction_sent"):
        return f"已于 {f['correction_sent']} 告知过补正；条例第三十条规定应一次性告知"
    return None


def _archive_guard(f: dict) -> str | None:
    if f["state"] == "replied" and f.get("outcome") not in catalog.NO_DELIVERY_NEEDED:
        return "答复告知书尚未登记送达，送达后才能归档"
    return None


STEPS: list[Step] = [
    Step("start", "开始办理", ("registered",), ("processing",), "request.handle"),
    Step("correction", "补正告知…", REPLY_STATES, ("awaiting_correction",), "request.handle",
         notices=("补正告知书",), date_after=CLOCK, date_label="补正告知日期", guard=_once_only, verb="发出补正告知"),
    Step("correction_received", "收到补正…", ("awaiting_correction",), ("processing",), "request.handle",
         date_label="收到补正日期", verb="登记收到补正"),
    Step("correction_lapsed", "逾期未补正…", ("awaiting_correction",), ("replied",), "request.decide",
         notices=(REPLY_NOTICE,), date_after=ALL, date_label="处理日期", verb="按逾期未补正处理"),
    Step("consult", "征求意见…", ("registered", "processing", "consulting"), ("consulting",), "request.handle",
         notices=("第三方征求意见书", "共同制作机关征求意见书"), optional_notices=("征求意见告知书",), date_after=CLOCK,
         date_label="发出日期", verb="征求意见"),
    # The state stays 征求意见中 while another consultation is still unanswered.
    Step("consultation_reply", "登记征求意见结果…", ("consulting",), ("processing", "consulting"), "request.handle",
         notices=("第三方公开决定告知书",), date_label="答复日期", verb="登记征求意见结果"),
    # A waiver keeps the state: nothing is owed, no 收费通知书.
    Step("fee", "信息处理费…", REPLY_STATES, ("awaiting_fee",), "request.handle", notices=("收费通知书",),
         date_after=CLOCK, date_label="收费通知日期", verb="发出收费通知"),
    Step("fee_paid", "登记缴费…", ("awaiting_fee",), ("processing",), "request.handle", date_label="缴费日期",
         verb="登记缴费"),
    Step("fee_lapsed", "逾期未缴费…", ("awaiting_fee",), ("replied",), "request.decide", notices=(REPLY_NOTICE,),
         date_after=ALL, date_label="处理日期", verb="按逾期未缴费处理"),
    Step("extend", "延长答复期限…", ("registered", "processing", "consulting", "awaiting_fee"), (), "request.extend",
         notices=("延期答复告知书",), date_after=CLOCK, date_label="批准日期", verb="延长答复期限"),
    Step("suspend", "中止计时…", REPLY_STATES, (), "request.handle", date_after=CLOCK, date_label="中止日期",
         guard=lambda f: "计时已经中止" if f.get("suspended") else None),
    Step("resume", "恢复计时…", REPLY_STATES, (), "request.handle", date_label="恢复日期",
         guard=lambda f: None if f.get("suspended") else "该申请没有中止中的计时"),
    Step("decide", "作出答复…", REPLY_STATES, ("replied",), "request.decide", notices=(REPLY_NOTICE,),
         date_after=ALL, date_label="答复日期", verb="作出答复决定"),
    Step("deliver", "送达…", ("replied",), ("delivered",), "request.handle", date_after=ALL, date_label="送达日期",
         verb="登记送达"),
    Step("archive", "归档…", ("delivered", "withdrawn", "replied"), ("archived",), "request.handle", date_after=ALL,
         date_label="归档日期", guard=_archive_guard),
    Step("withdraw", "申请人撤回…", catalog.OPEN_STATES, ("withdrawn",), "request.handle", date_after=ALL,
         date_label="撤回日期", verb="登记撤回"),
    # 作废: a registration made by mistake (entered twice, not a request at all). It keeps its number and history but
    # is no request of the office: it leaves the register's counts and the annual report.
    Step("void", "作废…", catalog.OPEN_STATES, ("voided",), "request.void", date_after=ALL, date_label="作废日期",
         verb="作废"),
    Step("edit", "修改登记信息…", catalog.OPEN_STATES, (), "request.register", verb="修改登记信息"),
    Step("assign", "指定承办人…", catalog.OPEN_STATES, (), "request.handle", verb="指定承办人", button=False),
    Step("attach", "添加附件…", tuple(catalog.STATES), (), "request.handle", button=False),
    Step("notice", "打印文书…", tuple(s for s in catalog.STATES if s != "voided"), (), "request.handle"),
]
BY_CODE = {s.code: s for s in STEPS}


def facts(req) -> dict:
    """What the guards read, from a stored request."""
    from db.models import ClockStop
    suspended = ClockStop.select().where((ClockStop.request == req.id) & (ClockStop.kind == "suspend")
                                         & ClockStop.last_day.is_null()).exists()
    return {"state": req.state, "outcome": req.outcome, "correction_sent": req.correction_sent,
            "suspended": suspended}


def check(req, code: str, request_facts: dict | None = None) -> Step:
    """Refuse the step when the request's state (or the step's own condition) does not allow it."""
    step = BY_CODE[code]
    if req.state not in step.states:
        names = "、".join(catalog.STATES[s] for s in step.states)
        raise InvalidState(f"申请 {req.number} 当前为“{catalog.STATES[req.state]}”，不能{step.verb or step.label.rstrip('…')}"
                           f"（仅限：{names}）")
    if step.guard is not None:
        reason = step.guard(request_facts or facts(req))
        if reason:
            raise ValidationError(step.label.rstrip("…"), reason)
    return step


def begin(actor: Actor, request_id: int, code: str):
    """The first lines of every step service: the permission, the request, its state. Returns the request."""
    from app.requests import records
    require(actor, BY_CODE[code].permission)
    req = records.get(request_id)
    check(req, code)
    return req


def available(actor: Actor, request: dict) -> list[Step]:
    """The step buttons this user may press on this request now. ``request`` is the detail dict."""
    out = []
    for step in STEPS:
        if not step.button or request["state"] not in step.states or not actor.can(step.permission):
            continue
        if step.guard is not None and step.guard(request):
            continue
        out.append(step)
    return out


def dated_by_notice(code: str) -> bool:
    """Whether the step's date is the date of a decision or of a written notice (a rest day deserves a second look)."""
    step = BY_CODE[code]
    return bool(step.notices) or code == "decide"
