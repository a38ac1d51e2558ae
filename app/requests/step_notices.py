"""Written notices as part of the steps: each step the workflow table says issues a notice (补正告知书, 延期答复告知书,
征求意见书, 收费通知书, the reply notice…) issues it in the same transaction — or records the 文号 of one issued
outside the program — and a request whose required notices were never issued cannot be archived.

Which notices a request owes follows from what was recorded: a 补正告知 (条例第三十条: 一次性告知), each extension
(条例第三十三条第二款: 告知申请人; the offices' rule books: 书面告知), each consultation (条例第三十二条、第三十四条:
书面征求意见), a public-interest disclosure over a third party's refusal (条例第三十二条: 书面告知第三方), a fee notice
(国办函〔2020〕109号) and the reply to the applicant (条例第三十六条). A withdrawn request owes no reply.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from app import audit, clock
from app.actor import Actor
from app.errors import NeedsConfirmation, ValidationError
from app.permissions import require
from app.requests import catalog, records, workflow
from app.workdays import calendar
from db.connection import write_transaction
from db.models import Consultation, Fee, IssuedDocument, Request, RequestEvent

audit.register_labels(actions={"request.document_external": "登记系统外出具的文书"})

PARTY_LETTERS = {"third_party": "第三方征求意见书", "agency": "共同制作机关征求意见书"}


@dataclass(frozen=True)
class Owed:
    """A notice the request's recorded steps require."""
    kind: str
    step: str  # the workflow step that issues it
    dated: dt.date  # the date of the event it reports: the notice bears it, and may not be dated earlier
    label: str  # the notice as the clerk reads it in a list ("第三方征求意见书（致某某公司）")
    consultation_id: int | None = None
    since: dt.datetime | None = None  # only a notice issued at or after this moment answers it (a later extension)


def owed(req: Request) -> list[Owed]:
    out = []
    if req.correction_sent:
        out.append(Owed("补正告知书", "correction", req.correction_sent, "补正告知书"))
    last_extension = (RequestEvent.select().where((RequestEvent.request == req.id) & (RequestEvent.action == "extend"))
                      .order_by(RequestEvent.id.desc()).first())
    if last_extension is not None:
        out.append(Owed("延期答复告知书", "extend", last_extension.event_date, "延期答复告知书",
                        since=last_extension.ts))
    for c in Consultation.select().where(Consultation.request == req.id).order_by(Consultation.id):
        letter = PARTY_LETTERS[c.kind]
        out.append(Owed(letter, "consult", c.sent_date, f"{letter}（致{c.party}）", c.id))
        if c.decision == "public_interest":
            out.append(Owed("第三方公开决定告知书", "consultation_reply", c.reply_date,
                            f"第三方公开决定告知书（致{c.party}）", c.id))
    fee = (Fee.select().where((Fee.request == req.id) & Fee.status.in_(("pending", "paid", "lapsed")))
           .order_by(Fee.id.desc()).first())
    if fee is not None:
        out.append(Owed("收费通知书", "fee", fee.notice_date, "收费通知书"))
    if req.outcome in catalog.OUTCOMES and req.decided_date and not records.detail_json(req).get("withdrawn"):
        kind = catalog.OUTCOMES[req.outcome].notice
        step = {"other_1": "correction_lapsed", "other_2": "fee_lapsed"}.get(req.outcome, "decide")
        out.append(Owed(kind, step, req.decided_date, kind))
    return out


def _answering(req: Request, o: Owed):
    query = IssuedDocument.select().where((IssuedDocument.request == req.id) & (IssuedDocument.kind == o.kind))
    if o.consultation_id is not None:
        # Letters issued before notices named their consultation count for any consultation.
        query = query.where((IssuedDocument.consultation == o.consultation_id) | IssuedDocument.consultation.is_null())
    if o.since is not None:
        query = query.where(IssuedDocument.issued_at >= o.since)
    return query.order_by(IssuedDocument.id.desc())


def outstanding(req: Request) -> list[Owed]:
    """The required notices never issued (nor recorded as issued outside the program)."""
    return [o for o in owed(req) if not _answering(req, o).exists()]


def reply_notice(req: Request) -> dict | None:
    """The issued reply notice that a 送达 delivers: its kind, 文号 and date; None while it was not issued."""
    o = next((o for o in owed(req) if o.step in ("decide", "correction_lapsed", "fee_lapsed")), None)
    row = _answering(req, o).first() if o else None
    if row is None:
        return None
    return {"kind": row.kind, "doc_number": row.doc_number, "dated": row.dated or req.decided_date}


def rest_day_warning(what: str, day: dt.date) -> str | None:
    info = calendar.current().day_info(day)
    if info.workday:
        return None
    return f"{what}是 {day.isoformat()}（{info.describe()}）"


def record_external(actor: Actor, request_id: int, kind: str, doc_number: str, dated=None,
                    consultation_id: int | None = None) -> dict:
    """Record a notice issued outside the program (typed or printed elsewhere): its 文号 and date, no PDF."""
    require(actor, workflow.BY_CODE["notice"].permission)
    req = records.get(request_id)
    workflow.check(req, "notice")
    o = next((o for o in owed(req) if o.kind == kind
              and (consultation_id is None or o.consultation_id == consultation_id)), None)
    if o is None:
        raise ValidationError("文书种类", f"申请 {req.number} 的办理记录中没有需要出具{kind}的步骤")
    doc_number = (doc_number or "").strip()
    if not doc_number:
        raise ValidationError("文号", f"请填写在系统外出具的{kind}的文号")
    if len(doc_number) > 60:
        raise ValidationError("文号", "不能超过60个字")
    day = records.check_event_date(dated or o.dated, req, f"{kind}的日期", not_before=o.dated)
    same_notice = (IssuedDocument.request == req.id) & (IssuedDocument.kind == kind)
    if o.consultation_id is not None:
        same_notice &= IssuedDocument.consultation == o.consultation_id
    clash = IssuedDocument.select().where((IssuedDocument.doc_number == doc_number) & ~same_notice).first()
    if clash is not None:
        other = Request.get_by_id(clash.request_id).number
        raise ValidationError("文号", f"{doc_number} 已用于申请 {other} 的{clash.kind}，文号不能重复")
    previous = _answering(req, Owed(kind, o.step, o.dated, kind, o.consultation_id)).first()
    with write_transaction():
        row = IssuedDocument.create(
            request=req.id, kind=kind, doc_number=doc_number, version=(previous.version + 1) if previous else 1,
            content="{}", stored_path="", sha256="", issued_at=clock.now(), issued_by=actor.user_id, external=True,
            dated=day, consultation=o.consultation_id)
        records.add_event(actor, req, "document", clock.today(), req.state, req.state,
                          note=f"登记系统外出具的{o.label}（{doc_number}，{day.isoformat()}）")
        audit.record(actor, "request.document_external", "request", req.number,
                     after={"document": row.id, "kind": kind, "doc_number": doc_number, "dated": day.isoformat()})
    return {"id": row.id, "kind": kind, "doc_number": doc_number, "version": row.version, "pdf": None}


def perform(actor: Actor, request_id: int, code: str, call: Callable[[], dict | None], external_number: str = "",
            external_date=None, optional: tuple[str, ...] = (), confirmed: bool = False) -> dict:
    """Take one step and issue the notices it requires, in one transaction.

    ``call`` runs the step's service. Every notice the step now owes is issued by the program (its 文号 drawn, the
    PDF stored) — or, with ``external_number``, recorded as issued outside the program under that 文号 and
    ``external_date``. ``optional`` names notices the step may also issue (征求意见告知书 to the applicant).
    A decision or notice dated on a rest day is refused with ``NeedsConfirmation`` until the call is repeated with
    ``confirmed=True``. Returns ``{"result": …, "issued": [{id, kind, doc_number, pdf}, …]}``."""
    from app.requests import documents
    step = workflow.BY_CODE[code]
    unknown = [k for k in optional if k not in step.optional_notices]
    if unknown:
        raise ValidationError("文书种类", f"{step.label.rstrip('…')}不出具{'、'.join(unknown)}")
    with write_transaction():
        result = call() or {}
        req = records.get(request_id)
        due = [o for o in outstanding(req) if o.step == code]
        if code == "consult":  # the letter of the consultation just recorded
            due = [o for o in due if o.consultation_id == result.get("id")]
        if not confirmed:
            warnings = [w for o in due if (w := rest_day_warning(f"{o.label}的日期", external_date or o.dated))]
            if code == "decide" and not due:
                warnings += [w for w in [rest_day_warning("答复日期", req.decided_date)] if w]
            if warnings:
                raise NeedsConfirmation("；".join(warnings) + "。公文一般在工作日出具，确定按这个日期办理吗？")
        issued = []
        for o in due:
            if (external_number or "").strip():
                issued.append(record_external(actor, request_id, o.kind, external_number, external_date,
                                              o.consultation_id))
            else:
                issued.append(documents.issue(actor, request_id, o.kind, consultation_id=o.consultation_id))
        for kind in optional:
            issued.append(documents.issue(actor, request_id, kind, consultation_id=result.get("id")))
    return {"result": result, "issued": issued}


def issue_owed(actor: Actor, request_id: int) -> list[dict]:
    """Issue every notice the request still owes, with the default wording (the demo data; a request entered before
    notices were part of the steps)."""
    from app.requests import documents
    out = []
    with write_transaction():
        for o in outstanding(records.get(request_id)):
            out.append(documents.issue(actor, request_id, o.kind, consultation_id=o.consultation_id))
    return out
