"""信息处理费 in a request's handling (国办函〔2020〕109号): proposing the method, the 收费通知, its 送达, payment, waiver,
lapse.

The applicant has 20 working days, counted from the day after it RECEIVES the notice, to pay; so the period starts
only once the notice's 送达 is recorded (``record_delivery``), and until then the fee cannot lapse. Unpaid, the request
is no longer processed (annual report （六）其他处理 2). While the office waits for payment the reply clock is stopped
when the office's own setting says so (the stop runs from the notice to the payment); 条例第三十三条 has no such rule.
Hardship waivers are the office's own policy too (setting ``fees.waivers``), for natural persons only.
"""
from __future__ import annotations

import datetime as dt

from app import audit, clock, settings
from app.actor import Actor
from app.errors import ValidationError
from app.requests import catalog, letters, records, workflow
from app.requests.fees import FeeProposal, fee_amount, propose_fee
from app.requests.handling import close_stop, conclude, open_stop
from app.requests.register import same_applicant
from app.validators import check_texts
from db.connection import write_transaction
from db.models import ClockStop, Fee, Request

audit.register_labels(actions={"request.fee_notice": "发出收费通知", "request.fee_waived": "减免信息处理费",
                               "request.fee_paid": "登记缴费", "request.fee_lapsed": "逾期未缴费"})


def month_position(req: Request) -> int:
    """This request's place among the applicant's requests of its calendar month (按件计收 counts per month)."""
    first = req.received_date.replace(day=1)
    query = same_applicant(Request.select(), {"id_number": req.id_number, "uscc": req.uscc,
                                               "applicant_name": req.applicant_name, "phone": req.phone})
    query = query.where((Request.received_date >= first) & (Request.received_date <= req.received_date))
    return sum(1 for r in query if (r.received_date, r.id) <= (req.received_date, req.id))


def propose(request_id: int, pages: int | None) -> tuple[int, FeeProposal]:
    req = records.get(request_id)
    position = month_position(req)
    return position, propose_fee(position, pages)


def waiver_list() -> list[str]:
    """The office's hardship waivers (setting ``fees.waivers``, one a line)."""
    return [line.strip() for line in (settings.get("fees.waivers") or "").splitlines() if line.strip()]


def _waiver_label(value: str | None) -> str:
    return catalog.FEE_WAIVERS.get(value, value or "")  # earlier versions stored a code


def fee_notice(actor: Actor, request_id: int, method: str, pages: int | None, notice_date=None,
               waiver: str | None = None, waiver_note: str = "") -> dict:
    req = workflow.begin(actor, request_id, "fee")
    if method not in catalog.FEE_METHODS:
        raise ValidationError("收费方式", "请选择按件计收或按量计收")
    if pages is not None and (not isinstance(pages, int) or pages < 0):
        raise ValidationError("页数", "应为不小于0的整数")
    if method == "per_volume" and not pages:
        raise ValidationError("页数", "按量计收须填写页数")
    if Fee.select().where((Fee.request == req.id) & (Fee.status.in_(("pending", "paid")))).exists():
        raise ValidationError("收费", "该申请已发出过收费通知")
    position = month_position(req)
    amount = fee_amount(method, position, pages)
    if amount == 0:
        raise ValidationError("收费方式", f"按{catalog.FEE_METHODS[method]}未超过免费范围（本月第{position}件、"
                                      f"{pages or 0}页），不应收费")
    day = records.check_event_date(notice_date or clock.today(), req, "收费通知日期")
    waiver_note = check_texts({"fee.waiver_note": waiver_note})["fee.waiver_note"]
    if waiver:
        if req.applicant_type != "natural":
            raise ValidationError("减免情形", "本机关的减免规定只适用于确有经济困难的公民（自然人）")
        if waiver not in waiver_list():
            raise ValidationError("减免情形", "不是本机关规定的减免情形（系统设置“信息处理费减免情形”）")
        before = records.snapshot(req)
        with write_transaction():
            Fee.create(request=req.id, method=method, month_position=position, pages=pages, amount=amount,
                       waiver=waiver, waiver_note=waiver_note, status="waived", notice_date=day)
            records.add_event(actor, req, "fee_waived", day, req.state, req.state,
                              note=f"应收{amount}元，因“{waiver}”按本机关规定免收"
                                   + (f"（{settings.get('fees.waiver_rule')}）" if settings.get("fees.waiver_rule") else ""))
            records.save_with_audit(actor, req, before, "request.fee_waived")
        return {"amount": amount, "status": "waived"}
    note = (f"{catalog.FEE_METHODS[method]} {amount} 元，缴费期限自申请人收到收费通知书次日起"
            f"{settings.get('requests.fee_payment_days')}个工作日")
    def fee_row(stop: ClockStop | None) -> Fee:
        return Fee.create(request=req.id, method=method, month_position=position, pages=pages, amount=amount,
                          status="pending", notice_date=day, pay_by=None, stop=stop.id if stop else None)

    with write_transaction():
        if settings.get("requests.fee_stops_clock"):
            row = open_stop(actor, req, "fee", day, note, "request.fee_notice", "fee_notice", new_state="awaiting_fee",
                            then=fee_row)
        else:
            before = records.snapshot(req)
            req.state = "awaiting_fee"
            row = fee_row(None)
            records.add_event(actor, req, "fee_notice", day, "processing", "awaiting_fee", note=note,
                              clock_effect="按本机关设置，等待缴费期间继续计时")
            records.save_with_audit(actor, req, before, "request.fee_notice")
    return {"id": row.id, "amount": amount, "status": "pending", "pay_by": None}


def record_delivery(actor: Actor, request_id: int, method: str, delivered_on, tracking_number: str = "",
                    recipient: str = "", note: str = "") -> dict:
    """送达 of the 收费通知书: the applicant's period to pay starts (国办函〔2020〕109号: 20 working days from the day
    after its receipt)."""
    req = workflow.begin(actor, request_id, "letter_delivery")
    fee = _pending(req)
    with write_transaction():
        day, pay_by = letters.record(actor, req, "收费通知书", method, delivered_on, tracking_number,
                                     recipient or req.applicant_name, note, fee.notice_date,
                                     ("缴费期限", settings.get("requests.fee_payment_days")), fee_id=fee.id)
    return {"delivered_date": day, "pay_by": pay_by}


def _pending(req: Request) -> Fee:
    fee = Fee.get_or_none((Fee.request == req.id) & (Fee.status == "pending"))
    if fee is None:
        raise ValidationError("收费", "该申请没有待缴的信息处理费")
    return fee


def fee_paid(actor: Actor, request_id: int, paid_date=None, receipt_number: str = "") -> None:
    req = workflow.begin(actor, request_id, "fee_paid")
    fee = _pending(req)
    day = records.check_event_date(paid_date or clock.today(), req, "缴费日期", not_before=fee.notice_date)
    if fee.pay_by is not None and day > fee.pay_by:
        raise ValidationError("缴费日期", f"晚于缴费期限 {fee.pay_by.isoformat()}；逾期未缴费的应按逾期未缴费处理")
    receipt_number = check_texts({"fee.receipt_number": receipt_number})["fee.receipt_number"]

    def mark(r):
        Fee.update(status="paid", paid_date=day, receipt_number=receipt_number).where(
            Fee.id == fee.id).execute()

    with write_transaction():
        if fee.stop_id:
            close_stop(actor, req, ClockStop.get_by_id(fee.stop_id), day, "request.fee_paid", "fee_paid",
                       note=f"已缴纳 {fee.amount} 元", new_state="processing", extra=mark)
        else:
            before = records.snapshot(req)
            mark(req)
            req.state = "processing"
            records.add_event(actor, req, "fee_paid", day, "awaiting_fee", "processing", note=f"已缴纳 {fee.amount} 元")
            records.save_with_audit(actor, req, before, "request.fee_paid")


def fee_lapsed(actor: Actor, request_id: int, on_date=None) -> None:
    """Not paid in time: the request is no longer processed (（六）其他处理 2)."""
    req = workflow.begin(actor, request_id, "fee_lapsed")
    fee = _pending(req)
    day = records.check_event_date(on_date or clock.today(), req, "处理日期")
    if fee.pay_by is None:
        raise ValidationError("处理日期", "收费通知书尚未登记送达，缴费期限（自申请人收到次日起"
                                      f"{settings.get('requests.fee_payment_days')}个工作日）还没有开始计算：请先登记送达日期")
    if day <= fee.pay_by:
        raise ValidationError("处理日期", f"缴费期限到 {fee.pay_by.isoformat()} 为止，期满后才能按逾期未缴费处理")
    with write_transaction():
        Fee.update(status="lapsed").where(Fee.id == fee.id).execute()
        conclude(actor, req, "other_2", day, {"reason": f"申请人逾期未缴纳信息处理费 {fee.amount} 元"}, "fee_lapsed",
                 "request.fee_lapsed")


def list_for(request_id: int) -> list[dict]:
    status = {"pending": "待缴费", "paid": "已缴费", "lapsed": "逾期未缴", "waived": "已减免"}
    out = []
    for f in Fee.select().where(Fee.request == request_id).order_by(Fee.id):
        d = letters.delivered(fee_id=f.id)
        out.append({"id": f.id, "method": f.method, "method_label": catalog.FEE_METHODS[f.method],
                    "month_position": f.month_position, "pages": f.pages, "amount": f.amount, "waiver": f.waiver,
                    "waiver_label": _waiver_label(f.waiver), "notice_date": f.notice_date,
                    "delivered_date": d.delivered_date if d else None,
                    "delivery_label": catalog.DELIVERY_METHODS.get(d.method, "") if d else "", "pay_by": f.pay_by,
                    "pay_by_label": f.pay_by.isoformat() if f.pay_by else (
                        letters.NOT_STARTED if f.status == "pending" else ""),
                    "status": f.status, "status_label": status[f.status], "paid_date": f.paid_date,
                    "receipt_number": f.receipt_number})
    return out


def collected(year: int) -> int:
    """Fees paid in ``year`` (元), for the annual report's section 六."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return sum(f.amount for f in Fee.select().where((Fee.status == "paid") & (Fee.paid_date >= first)
                                                   & (Fee.paid_date <= last)))
