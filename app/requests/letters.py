"""送达 of the letters whose periods run from their receipt: a 征求意见书 (the third party's or agency's 15 working days,
条例第三十二条、第三十四条, count from the day it receives the letter) and a 收费通知书 (the applicant's 20 working days to
pay, 国办函〔2020〕109号, count from the day after it receives the notice). The reply's own 送达 is ``handling.deliver``;
all of them are rows of the one 送达 record (``Delivery``)."""
from __future__ import annotations

import datetime as dt

from app import audit
from app.actor import Actor
from app.errors import ValidationError
from app.permissions import require
from app.requests import catalog, records
from app.validators import check_texts
from app.workdays.deadlines import due_date
from db.connection import write_transaction
from db.models import Consultation, Delivery, Fee, Request

audit.register_labels(actions={"request.letter_delivered": "登记文书送达"})

NOT_STARTED = "未开始（尚未登记送达）"


def check_delivery(method: str, tracking_number: str) -> str:
    """The method is one of the 送达 methods; a postal delivery names its tracking number. Returns the number."""
    if method not in catalog.DELIVERY_METHODS:
        raise ValidationError("送达方式", "请选择")
    tracking_number = (tracking_number or "").strip()
    if method == "post" and not tracking_number:
        raise ValidationError("邮件单号", "邮寄送达须登记邮件单号（挂号信或特快专递）")
    return tracking_number


def record(actor: Actor, req: Request, letter: str, method: str, delivered_on, tracking_number: str,
           recipient: str, note: str, sent: dt.date, period: tuple[str, int], consultation_id: int | None = None,
           fee_id: int | None = None, not_after: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Record that ``letter`` (sent on ``sent``) reached its addressee, inside the caller's transaction. ``period`` is
    (what, working days) counted from the day after the delivery, stored as the consultation's reply due date or the
    fee's pay-by date. Returns the delivery date and the period's last day."""
    require(actor, "request.handle")
    texts = check_texts({"delivery.tracking_number": tracking_number, "delivery.recipient": recipient,
                         "delivery.note": note})
    tracking_number = check_delivery(method, texts["delivery.tracking_number"])
    recipient, note = texts["delivery.recipient"], texts["delivery.note"]
    day = records.check_event_date(delivered_on, req, "送达日期", not_before=sent)
    if not_after is not None and day > not_after:
        raise ValidationError("送达日期", f"不能晚于对方答复的日期 {not_after.isoformat()}")
    query = Delivery.select().where((Delivery.consultation == consultation_id) if consultation_id
                                    else (Delivery.fee == fee_id))
    if query.exists():
        raise ValidationError("送达", f"{letter}已登记过送达")
    what, days = period
    due = due_date(day, days).due
    before = records.snapshot(req)
    with write_transaction():
        Delivery.create(request=req.id, consultation=consultation_id, fee=fee_id, method=method, delivered_date=day,
                        tracking_number=tracking_number, recipient=recipient, note=note)
        records.add_event(actor, req, "letter_delivered", day, req.state, req.state,
                          note=f"{letter}：{catalog.DELIVERY_METHODS[method]}"
                               + (f"，单号 {tracking_number}" if tracking_number else ""),
                          clock_effect=f"{what}自 {day.isoformat()} 送达之日起{days}个工作日，至 {due.isoformat()}")
        if consultation_id:
            Consultation.update(reply_due=due).where(Consultation.id == consultation_id).execute()
        else:
            Fee.update(pay_by=due).where(Fee.id == fee_id).execute()
        records.save_with_audit(actor, req, before, "request.letter_delivered")  # last: its seal covers the rows
    return day, due


def delivered(consultation_id: int | None = None, fee_id: int | None = None) -> Delivery | None:
    """The recorded delivery of a consultation letter or a fee notice, if any."""
    query = Delivery.select().where((Delivery.consultation == consultation_id) if consultation_id
                                    else (Delivery.fee == fee_id))
    return query.first()


def of_reply():
    """The condition that picks the reply's deliveries out of the 送达 record."""
    return Delivery.consultation.is_null() & Delivery.fee.is_null()


def label(delivery: Delivery) -> str:
    """Which letter a delivery is of, for the request's 送达 list."""
    if delivery.consultation_id:
        c = delivery.consultation
        return ("第三方征求意见书" if c.kind == "third_party" else "共同制作机关征求意见书") + f"（{c.party}）"
    if delivery.fee_id:
        return "收费通知书"
    return "答复告知书"
