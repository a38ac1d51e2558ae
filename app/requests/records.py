"""Shared plumbing of the request services: loading, snapshots for the audit trail, history events, the clock."""
from __future__ import annotations

import datetime as dt
import json

from app import audit, clock
from app.actor import Actor
from app.errors import NotFound, RecordChanged, ValidationError
from app.requests import catalog
from app.requests.clock import clock_state
from app.validators import text_problem
from db.connection import is_sqlite
from db.models import Attachment, ClockStop, Consultation, Delivery, Fee, IssuedDocument, Request, RequestEvent

# A request's dependent rows are sealed into each of its audit rows, so that ``check`` finds a history step, a clock
# stop, a fee, a delivery, a document or an attachment changed outside the program (app/audit.py, seals).
audit.register_seal("request", audit.dependents_seal(Request, Request.number, [
    (RequestEvent, RequestEvent.request), (ClockStop, ClockStop.request), (Consultation, Consultation.request),
    (Fee, Fee.request), (Delivery, Delivery.request), (IssuedDocument, IssuedDocument.request),
    (Attachment, Attachment.request)]))

SNAPSHOT_FIELDS = (
    "number", "received_date", "channel", "applicant_type", "applicant_name", "id_type", "id_number", "uscc",
    "legal_rep", "contact_person", "phone", "address", "postcode", "email", "description", "doc_title", "doc_ref",
    "purpose", "form_wanted", "delivery_wanted", "notes", "officer_id", "unit", "state", "reply_days", "clock_start",
    "extension_days", "extension_approver", "extension_date", "extension_reason", "due_date", "original_due",
    "due_provisional", "correction_due", "correction_sent", "correction_period_end", "correction_items",
    "correction_received", "outcome", "outcome_detail", "decided_date", "delivered_date", "archived_date",
)

# Field names as the window shows them, for messages about a record (the registration form's labels and the rest).
FIELD_LABELS = {
    "number": "申请编号", "state": "状态", "reply_days": "答复期限（工作日）", "clock_start": "计时起点",
    "extension_days": "延长天数", "extension_approver": "延期批准人", "extension_date": "延期批准日期",
    "extension_reason": "延期理由", "due_date": "答复期限", "original_due": "原答复期限", "due_provisional": "期限暂定",
    "correction_due": "补正告知期限", "correction_sent": "补正告知日期", "correction_period_end": "补正期限",
    "correction_items": "补正事项", "correction_received": "收到补正日期", "outcome": "办理结果",
    "outcome_detail": "答复内容", "decided_date": "答复日期", "delivered_date": "送达日期", "archived_date": "归档日期",
}
# The audit viewer names a request's fields the same way (the dict is read when shown, so names added to it later
# count too), and shows their values as the register and the detail pane do.
audit.register_labels(
    fields={"request": FIELD_LABELS},
    values={"request": {
        "state": lambda v: catalog.STATES[v], "outcome": lambda v: catalog.OUTCOMES[v].label,
        "applicant_type": catalog.applicant_type_label, "channel": lambda v: catalog.CHANNELS[v][0],
        "id_type": lambda v: catalog.ID_TYPES[v], "form_wanted": lambda v: catalog.FORMS[v],
        "delivery_wanted": lambda v: catalog.DELIVERY_WANTED[v],
        "grounds": lambda v: catalog.WITHHOLDING_GROUNDS[v],
        "officer_id": lambda v: audit.user_names_by_id([v])[v],
        "outcome_detail": lambda v: audit.value_text("request", "detail", json.loads(v) if isinstance(v, str) else v),
    }},
)
audit.register_labels(fields={"request": {"withdrawn": "申请人撤回", "source_file": "导入文件", "source_row": "文件行号"}})


def get(request_id: int) -> Request:
    req = Request.get_or_none(Request.id == request_id)
    if req is None:
        raise NotFound(f"找不到编号为 {request_id} 的申请")
    return req


def by_number(number: str) -> Request:
    req = Request.get_or_none(Request.number == (number or "").strip())
    if req is None:
        raise NotFound(f"找不到申请编号为 {number} 的申请")
    return req


def snapshot(req: Request) -> dict:
    return snapshot_of({f: getattr(req, f) for f in SNAPSHOT_FIELDS})


def snapshot_of(values: dict) -> dict:
    """The audit snapshot of a request given as field values (``officer_id`` for the officer); a field missing
    from ``values`` has its model default, as the stored row would."""
    out = {f: values[f] if f in values else _DEFAULTS.get(f) for f in SNAPSHOT_FIELDS}
    for f, value in out.items():
        if isinstance(value, dt.date):  # a datetime is a date too
            out[f] = value.isoformat()
    return out


_DEFAULTS = {f.name if f.name != "officer" else "officer_id": f.default for f in Request._meta.sorted_fields
             if not callable(f.default)}


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that changed, for a compact audit row."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


# Texts the handling steps store on the request (the registration fields have their rules in ``register``):
# field -> (label, most characters, may span lines). ``validators.text_problem`` says what is refused.
TEXT_RULES = {"correction_items": ("需要补正的事项", 2000, True), "extension_approver": ("批准人", 50, False),
              "extension_reason": ("延期理由", 1000, True)}
NOTE_MAX_CHARS = 2000
DETAIL_MAX_CHARS = 2000


def check_texts(req: Request) -> None:
    """Refuse, naming the field, a text of a handling step that is too long or holds control characters or emoji
    (what broke exports and printed as 〓); the reply's details (``outcome_detail``) included. Only the fields this
    step set are checked: a value stored before the rules existed does not block later steps."""
    changed = {f.name for f in req.dirty_fields}
    problems = []
    for name, (label, limit, multiline) in TEXT_RULES.items():
        reason = text_problem(getattr(req, name) or "", limit, multiline) if name in changed else None
        if reason:
            problems.append((label, reason))
    try:
        detail = json.loads(req.outcome_detail or "{}") if "outcome_detail" in changed else {}
    except ValueError:
        detail = {}
    if isinstance(detail, dict):
        from app.requests.decision import DETAIL_LABELS  # decision imports this module
        for key, value in detail.items():
            for text in value if isinstance(value, list) else [value]:
                reason = text_problem(text, DETAIL_MAX_CHARS, True) if isinstance(text, str) else None
                if reason:
                    problems.append((DETAIL_LABELS.get(key, "答复内容"), reason))
                    break
    if problems:
        raise ValidationError(None, problems=problems)


def add_event(actor: Actor, req: Request, action: str, event_date: dt.date, from_state: str | None,
              to_state: str | None, note: str = "", clock_effect: str = "", data: dict | None = None) -> None:
    """Record a step in the request's history; ``note`` is what the clerk typed and follows the text rules, as do
    the step's texts on ``req`` (checked here first, so that the message names their field)."""
    check_texts(req)
    reason = text_problem(note or "", NOTE_MAX_CHARS, multiline=True)
    if reason:
        raise ValidationError("办理说明", reason)
    RequestEvent.create(request=req.id, ts=clock.now(), event_date=event_date, user=actor.user_id,
                        username=actor.display_name, action=action, from_state=from_state, to_state=to_state,
                        note=note or "", clock_effect=clock_effect or "",
                        data=json.dumps(data or {}, ensure_ascii=False, default=str))


def current_row(request_id: int) -> Request:
    """The row as committed now, locked for this transaction on a server database (SQLite's write transaction already
    holds the whole file)."""
    q = Request.select().where(Request.id == request_id)
    if not is_sqlite():
        q = q.for_update()
    return q.get()


def require_unchanged(req: Request, seen: dict, what: str | None = None) -> None:
    """Refuse the write when the stored row differs from ``seen`` (a snapshot taken when it was read, by this service
    or by the window that showed it): two clerks saving the same request must not overwrite each other silently.
    Call inside the write transaction."""
    now = snapshot(current_row(req.id))
    diffs = [(FIELD_LABELS.get(k, k), _shown(seen[k]), _shown(now[k]))
             for k in SNAPSHOT_FIELDS if k in seen and _comparable(seen[k]) != _comparable(now[k])]
    if diffs:
        raise RecordChanged(what or f"申请 {req.number} ", diffs)


def _comparable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else value


def _shown(value) -> str:
    value = _comparable(value)
    return "（空）" if value == "" else str(value)


def save_with_audit(actor: Actor, req: Request, before: dict, action: str) -> None:
    """Persist ``req`` and write the audit row with what changed. Call inside the transaction. Refused when a text
    this step set breaks the text rules, or when another user's change was committed since ``before`` was read."""
    check_texts(req)
    require_unchanged(req, before)
    req.updated_at = clock.now()
    req.save()
    b, a = changed(before, snapshot(req))
    audit.record(actor, action, "request", req.number, before=b or None, after=a or None)


def stops_of(req: Request) -> list[tuple[str, dt.date, dt.date | None]]:
    return [(s.kind, s.first_day, s.last_day)
            for s in ClockStop.select().where(ClockStop.request == req.id).order_by(ClockStop.first_day)]


def refresh_clock(req: Request, today: dt.date | None = None) -> None:
    """Recompute the stored due date of an open request from its clock inputs (not saved)."""
    if req.state not in catalog.OPEN_STATES:
        return
    state = clock_state(req.state, req.clock_start, req.reply_days, stops_of(req), req.extension_days,
                        today or clock.today())
    if state.deadline is None:
        req.due_date = None
        req.original_due = None
        req.due_provisional = False
    else:
        req.due_date = state.deadline.due
        req.original_due = state.deadline.original_due
        req.due_provisional = state.deadline.provisional


def fact_floor(req: Request, scope: str | None) -> tuple[dt.date, str]:
    """The latest date a step's date may not precede, and what happened on it.

    ``workflow.CLOCK``: the receipt, or the receipt of the corrected request (条例第三十条: handling restarts from it).
    ``workflow.ALL``: every dated step recorded so far (a step that concludes or closes a request comes last)."""
    from app.requests import workflow
    floor = (req.received_date, "收到申请")
    if req.correction_received and req.correction_received > floor[0]:
        floor = (req.correction_received, "收到补正")
    if scope == workflow.ALL:
        latest = (RequestEvent.select(RequestEvent.event_date, RequestEvent.action)
                  .where((RequestEvent.request == req.id) & RequestEvent.action.in_(workflow.FACT_EVENTS))
                  .order_by(RequestEvent.event_date.desc(), RequestEvent.id.desc()).first())
        if latest is not None and latest.event_date > floor[0]:
            floor = (latest.event_date, workflow.EVENT_LABELS[latest.action])
    return floor


def check_event_date(value, req: Request, label: str, today: dt.date | None = None,
                     not_before: dt.date | None = None, after: str | None = None) -> dt.date:
    """A business date: given, not in the future, not before the receipt (or the corrected request's receipt), nor
    before ``not_before``, nor before what the step's ``after`` scope names (see ``fact_floor``)."""
    today = today or clock.today()
    if value is None or value == "":
        raise ValidationError(label, "不能为空")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(label, f"“{value}”不是有效日期，应如 2026-03-07") from None
    if value > today:
        raise ValidationError(label, f"不能晚于今天（{today.isoformat()}）")
    if not_before is not None and after is None:
        floor, what = not_before, ""  # the caller names the one date this one follows
    else:
        floor, what = fact_floor(req, after)
        if not_before is not None and not_before > floor:
            floor, what = not_before, ""
    if value < floor:
        raise ValidationError(label, f"不能早于 {floor.isoformat()}" + (f"（{what}的日期）" if what else ""))
    return value


def mask(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    if not value or len(value) <= keep_start + keep_end:
        return "*" * len(value or "")
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def detail_json(req: Request) -> dict:
    try:
        return json.loads(req.outcome_detail or "{}")
    except ValueError:
        return {}
