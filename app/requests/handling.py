"""办理: each step of a request after registration is one call here — it checks the role and the state, records who,
when and why, what it does to the legal clock, and writes the history and the audit row in one transaction.

Consultations and fees have their own modules (``consultation``, ``fees_service``); the decision is in ``decision``.
"""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock, settings
from app.actor import Actor
from app.errors import ValidationError
from app.requests import catalog, letters, records, workflow
from app.workdays.deadlines import due_date
from db.connection import write_transaction
from db.models import ClockStop, Delivery, Request, User

audit.register_labels(actions={
    "request.start": "开始办理", "request.assign": "指定承办人", "request.correction": "发出补正告知",
    "request.correction_received": "收到补正", "request.correction_lapsed": "逾期未补正",
    "request.extend": "延长答复期限", "request.suspend": "中止计时", "request.resume": "恢复计时",
    "request.withdraw": "申请人撤回", "request.deliver": "送达", "request.archive": "归档",
    "request.recompute": "重新计算答复期限", "request.void": "作废申请",
})


def start(actor: Actor, request_id: int, note: str = "") -> None:
    """开始办理: registered → processing (the clock already runs from receipt)."""
    req = workflow.begin(actor, request_id, "start")
    before = records.snapshot(req)
    with write_transaction():
        req.state = "processing"
        if req.officer_id is None and actor.user_id is not None:
            req.officer = actor.user_id
        records.add_event(actor, req, "start", clock.today(), "registered", "processing", note=note)
        records.save_with_audit(actor, req, before, "request.start")


def assign(actor: Actor, request_id: int, officer_id: int) -> None:
    req = workflow.begin(actor, request_id, "assign")
    user = User.get_or_none(User.id == officer_id)
    if user is None or not user.is_active:
        raise ValidationError("承办人", "不是在用的用户")
    before = records.snapshot(req)
    with write_transaction():
        req.officer = user.id
        records.add_event(actor, req, "assign", clock.today(), req.state, req.state, note=f"承办人：{user.display_name}")
        records.save_with_audit(actor, req, before, "request.assign")


def request_correction(actor: Actor, request_id: int, items: str, sent_date=None, period_days: int | None = None
                       ) -> dict:
    """补正告知 (条例第三十条): once only, within 7 working days of receipt, listing what to correct and a reasonable
    period. The reply clock stops; it restarts from the day the corrected request is received."""
    req = workflow.begin(actor, request_id, "correction")  # once only
    items = (items or "").strip()
    if len(items) < 4:
        raise ValidationError("需要补正的事项", "请逐项写明需要补正的内容")
    sent = records.check_event_date(sent_date or clock.today(), req, "补正告知日期")
    if sent > req.correction_due:
        raise ValidationError("补正告知日期", f"超过了补正告知期限 {req.correction_due.isoformat()}"
                                        f"（收到申请之日起{settings.get('requests.correction_notice_days')}个工作日，条例第三十条）")
    period = period_days or settings.get("requests.correction_period_days")
    if not 1 <= int(period) <= 60:
        raise ValidationError("补正期限", "应为1至60个工作日")
    period_end = due_date(sent, int(period)).due
    before = records.snapshot(req)
    with write_transaction():
        old_state = req.state
        req.state = "awaiting_correction"
        req.correction_sent, req.correction_items, req.correction_period_end = sent, items, period_end
        records.refresh_clock(req)
        records.add_event(actor, req, "correction", sent, old_state, "awaiting_correction", note=items,
                          clock_effect=f"答复期限暂停；申请人应于 {period_end.isoformat()} 前补正，"
                                       "答复期限自收到补正之日起重新计算")
        records.save_with_audit(actor, req, before, "request.correction")
    return {"period_end": period_end}


def correction_received(actor: Actor, request_id: int, received_date=None, note: str = "") -> dict:
    """The corrected request arrived: the clock restarts from that day (条例第三十条)."""
    req = workflow.begin(actor, request_id, "correction_received")
    day = records.check_event_date(received_date or clock.today(), req, "收到补正日期", not_before=req.correction_sent)
    before = records.snapshot(req)
    with write_transaction():
        req.state = "processing"
        req.correction_received = day
        req.clock_start = day
        records.refresh_clock(req)
        records.add_event(actor, req, "correction_received", day, "awaiting_correction", "processing", note=note,
                          clock_effect=f"答复期限自 {day.isoformat()} 起重新计算，至 {req.due_date.isoformat()}"
                                       + ("（暂定）" if req.due_provisional else ""))
        records.save_with_audit(actor, req, before, "request.correction_received")
    return {"due_date": req.due_date}


def correction_lapsed(actor: Actor, request_id: int, on_date=None, note: str = "") -> None:
    """The applicant did not correct within the period without good reason: the request is treated as abandoned
    (条例第三十条; annual report （六）其他处理 1)."""
    req = workflow.begin(actor, request_id, "correction_lapsed")
    day = records.check_event_date(on_date or clock.today(), req, "处理日期")
    if day <= req.correction_period_end:
        raise ValidationError("处理日期", f"补正期限到 {req.correction_period_end.isoformat()} 为止，期满后才能按逾期未补正处理")
    conclude(actor, req, "other_1", day, {"reason": note or "申请人无正当理由逾期未补正"}, "correction_lapsed",
              "request.correction_lapsed")


def extend(actor: Actor, request_id: int, days: int, approver: str, approved_on, reason: str) -> dict:
    """延长答复期限 (条例第三十三条第二款): approved by the head of the disclosure office before the deadline, at most the
    office's maximum (20 working days by law); the applicant is told in writing (延期答复告知书)."""
    req = workflow.begin(actor, request_id, "extend")
    maximum = settings.get("requests.extension_max_days")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError("延长天数", "应为整数") from None
    if days < 1 or req.extension_days + days > maximum:
        raise ValidationError("延长天数", f"累计延长不得超过{maximum}个工作日（已延长{req.extension_days}个）")
    if not (approver or "").strip():
        raise ValidationError("批准人", "请填写批准延期的负责人姓名")
    if not (reason or "").strip():
        raise ValidationError("延期理由", "不能为空（须书面告知申请人理由）")
    day = records.check_event_date(approved_on, req, "批准日期")
    if req.due_date is not None and day > req.due_date:
        raise ValidationError("批准日期", f"应在原答复期限 {req.due_date.isoformat()} 之前批准延期")
    before = records.snapshot(req)
    with write_transaction():
        req.extension_days += days
        req.extension_approver, req.extension_date, req.extension_reason = approver.strip(), day, reason.strip()
        records.refresh_clock(req)
        due = req.due_date.isoformat() if req.due_date else "（计时暂停中，恢复后计算）"
        records.add_event(actor, req, "extend", day, req.state, req.state, note=f"批准人：{approver}；理由：{reason}",
                          clock_effect=f"延长{days}个工作日，答复期限至 {due}")
        records.save_with_audit(actor, req, before, "request.extend")
    return {"due_date": req.due_date}


def suspend(actor: Actor, request_id: int, first_day, reason: str) -> None:
    """中止计时 for force majeure or another statutory cause (the office's rule book, seed 002 第十三条)."""
    req = workflow.begin(actor, request_id, "suspend")
    if not (reason or "").strip():
        raise ValidationError("中止理由", "不能为空")
    day = records.check_event_date(first_day, req, "中止日期")
    open_stop(actor, req, "suspend", day, reason, "request.suspend", "suspend")


def resume(actor: Actor, request_id: int, last_day, note: str = "") -> None:
    req = workflow.begin(actor, request_id, "resume")
    stop = ClockStop.get((ClockStop.request == req.id) & (ClockStop.kind == "suspend") & ClockStop.last_day.is_null())
    day = records.check_event_date(last_day, req, "恢复日期", not_before=stop.first_day)
    close_stop(actor, req, stop, day, "request.resume", "resume", note)


def open_stop(actor: Actor, req: Request, kind: str, first: dt.date, note: str, audit_action: str, event: str,
              new_state: str | None = None, then=None):
    """Start a stop of the clock (inside or outside a caller's transaction) and pause the deadline. ``then(stop)``
    writes the row the stop belongs to (a consultation, a fee) before the audit row that seals them; its result is
    returned."""
    before = records.snapshot(req)
    with write_transaction():
        stop = ClockStop.create(request=req.id, kind=kind, first_day=first, note=note)
        made = then(stop) if then else stop
        old = req.state
        if new_state:
            req.state = new_state
        records.refresh_clock(req)
        records.add_event(actor, req, event, first, old, req.state, note=note,
                          clock_effect=f"{catalog.STOP_KINDS[kind]}：自 {first.isoformat()} 起停止计时")
        records.save_with_audit(actor, req, before, audit_action)
    return made


def close_stop(actor: Actor, req: Request, stop: ClockStop, last: dt.date, audit_action: str, event: str,
               note: str = "", new_state: str | None = None, extra=None) -> None:
    """End a stop (inside or outside a caller's transaction) and recompute the deadline."""
    before = records.snapshot(req)
    with write_transaction():
        ClockStop.update(last_day=last).where(ClockStop.id == stop.id).execute()
        old = req.state
        if new_state:
            req.state = new_state
        if extra:
            extra(req)
        records.refresh_clock(req)
        due = req.due_date.isoformat() if req.due_date else "（仍有其他停止计时事项）"
        records.add_event(actor, req, event, last, old, req.state, note=note,
                          clock_effect=f"{catalog.STOP_KINDS[stop.kind]}至 {last.isoformat()} 结束，恢复计时；"
                                       f"答复期限至 {due}")
        records.save_with_audit(actor, req, before, audit_action)


def withdraw(actor: Actor, request_id: int, on_date, reason: str = "") -> None:
    """The applicant withdraws the request: concluded as （六）其他处理 3.其他."""
    req = workflow.begin(actor, request_id, "withdraw")
    day = records.check_event_date(on_date, req, "撤回日期")
    conclude(actor, req, "other_3", day, {"reason": (reason or "").strip() or "申请人撤回申请", "withdrawn": True},
              "withdraw", "request.withdraw", to_state="withdrawn")


def conclude(actor: Actor, req: Request, outcome: str, day: dt.date, detail: dict, event: str, audit_action: str,
             to_state: str = "replied") -> None:
    """Record the outcome that ends the request (inside or outside a caller's transaction). It comes after every
    step recorded before it: a reply dated before the extension was approved, before the corrected request or the
    consultation's answer arrived, is refused."""
    records.check_event_date(day, req, workflow.BY_CODE[event].date_label, after=workflow.ALL)
    before = records.snapshot(req)
    with write_transaction():
        # Stops still running end on the day of conclusion.
        ClockStop.update(last_day=day).where((ClockStop.request == req.id) & ClockStop.last_day.is_null()).execute()
        old = req.state
        req.outcome = outcome
        req.outcome_detail = json.dumps(detail, ensure_ascii=False)
        req.decided_date = day
        req.state = to_state
        reason = detail.get("reason", "")
        late = detail.get("late_by")
        records.add_event(actor, req, event, day, old, to_state,
                          note=catalog.OUTCOMES[outcome].label + (f"：{reason}" if reason else ""),
                          clock_effect=f"答复日期晚于答复期限 {late} 个工作日" if late else "",
                          data={"outcome": outcome})
        records.save_with_audit(actor, req, before, audit_action)


def deliver(actor: Actor, request_id: int, method: str, delivered_on, tracking_number: str = "",
            recipient: str = "", note: str = "") -> None:
    """送达: how and when the reply notice reached the applicant; a postal delivery records its tracking number. The
    notice must have been issued (in the program, or outside it with its 文号), and it cannot arrive before its date."""
    from app.requests import step_notices
    req = workflow.begin(actor, request_id, "deliver")
    tracking_number = letters.check_delivery(method, tracking_number)
    notice = step_notices.reply_notice(req)
    if notice is None:
        kind = catalog.OUTCOMES[req.outcome].notice
        raise ValidationError("送达", f"尚未出具{kind}，没有可送达的文书；请先出具，或登记在系统外出具的文号")
    day = records.check_event_date(delivered_on, req, "送达日期", after=workflow.ALL)
    if day < notice["dated"]:
        raise ValidationError("送达日期", f"不能早于{notice['kind']}（{notice['doc_number']}）的日期 "
                                      f"{notice['dated'].isoformat()}")
    before = records.snapshot(req)
    with write_transaction():
        Delivery.create(request=req.id, method=method, delivered_date=day, tracking_number=tracking_number,
                        recipient=(recipient or "").strip(), note=(note or "").strip())
        req.state, req.delivered_date = "delivered", day
        records.add_event(actor, req, "deliver", day, "replied", "delivered",
                          note=f"{catalog.DELIVERY_METHODS[method]}" + (f"，单号 {tracking_number}" if tracking_number
                                                                        else ""))
        records.save_with_audit(actor, req, before, "request.deliver")


def archive(actor: Actor, request_id: int, on_date=None, note: str = "") -> None:
    """归档: a delivered reply, a withdrawn request, or one concluded without a reply owed (逾期不补正、逾期未缴费).
    Refused while a written notice one of its steps required was never issued, naming each."""
    from app.requests import step_notices
    req = workflow.begin(actor, request_id, "archive")
    day = records.check_event_date(on_date or clock.today(), req, "归档日期", after=workflow.ALL)
    missing = step_notices.outstanding(req)
    if missing:
        raise ValidationError("归档", "以下文书尚未出具：" + "；".join(m.label for m in missing)
                              + "。请在“打印文书”中出具，或登记在系统外出具的文号")
    before = records.snapshot(req)
    with write_transaction():
        old = req.state
        req.state, req.archived_date = "archived", day
        records.add_event(actor, req, "archive", day, old, "archived", note=note)
        records.save_with_audit(actor, req, before, "request.archive")


def void(actor: Actor, request_id: int, reason: str, on_date=None) -> None:
    """作废 a registration made by mistake (entered twice, not a 政府信息公开申请 at all), by the section head with the
    reason. The request keeps its number and its history; it is no longer counted in the register, the dashboard or
    the annual report (table 三), and any stop of its clock ends that day."""
    req = workflow.begin(actor, request_id, "void")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("作废理由", "请写明为什么这是误登记（至少4个字），例如“与 2026-依申请-0012 重复登记”")
    day = records.check_event_date(on_date or clock.today(), req, "作废日期", after=workflow.ALL)
    before = records.snapshot(req)
    with write_transaction():
        ClockStop.update(last_day=day).where((ClockStop.request == req.id) & ClockStop.last_day.is_null()).execute()
        old = req.state
        req.state = "voided"
        records.add_event(actor, req, "void", day, old, "voided", note=f"作废理由：{reason}",
                          clock_effect="作废：不计入登记簿件数和年度报告")
        records.save_with_audit(actor, req, before, "request.void")
