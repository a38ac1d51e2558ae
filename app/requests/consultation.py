"""征求意见: asking a third party (条例第三十二条) or a co-producing agency (条例第三十四条) before deciding.

The party has 15 working days from the day it RECEIVES the letter (条例第三十二条、第三十四条), so the period starts
only once the letter's 送达 is recorded (``record_delivery``); until then it has not started and silence cannot be
recorded. The time spent consulting does not count towards the reply deadline (条例第三十三条第三款), so each
consultation is a stop of the clock from the day the letter is sent until the answer (or, without an answer, until the
period ends). A co-producing agency that does not answer is taken to consent (条例第三十四条); a silent third party is
decided by the office under the Regulation, unless the office's own rules treat silence as refusal (a setting). Where
a third party refuses but withholding would seriously harm the public interest, the office may disclose and must tell
the third party in writing why (条例第三十二条).
"""
from __future__ import annotations

from app import audit, clock, settings
from app.actor import Actor
from app.errors import ValidationError
from app.permissions import require
from app.requests import catalog, letters, records, workflow
from app.requests.handling import close_stop, open_stop
from app.validators import check_texts
from db.connection import write_transaction
from db.models import ClockStop, Consultation

audit.register_labels(actions={"request.consult": "征求意见", "request.consultation_reply": "登记征求意见结果"})

DECISIONS = {"disclose": "予以公开", "withhold": "不予公开", "public_interest": "因公共利益决定公开（书面告知第三方）"}


def consult(actor: Actor, request_id: int, kind: str, party: str, content: str, sent_date=None,
            party_contact: str = "") -> dict:
    req = workflow.begin(actor, request_id, "consult")
    if kind not in catalog.CONSULTATION_KINDS:
        raise ValidationError("征求对象类别", "请选择第三方或共同制作机关")
    texts = check_texts({"consultation.party": party, "consultation.party_contact": party_contact,
                         "consultation.content": content})
    party, party_contact, content = (texts[k] for k in ("consultation.party", "consultation.party_contact",
                                                        "consultation.content"))
    if len(content) < 4:
        raise ValidationError("征求意见的内容", "请写明拟公开的信息和需要对方表示意见的事项")
    sent = records.check_event_date(sent_date or clock.today(), req, "发出日期")
    if Consultation.select().where((Consultation.request == req.id) & (Consultation.party == party)
                                   & Consultation.reply.is_null()).exists():
        raise ValidationError("征求对象", f"已向“{party}”征求意见且尚未答复")
    days = settings.get("requests.consultation_days")
    with write_transaction():
        row = open_stop(actor, req, kind, sent, f"向{party}征求意见，答复期限为自其收到征求意见书之日起{days}个工作日",
                        "request.consult", "consult", new_state="consulting",
                        then=lambda stop: Consultation.create(
                            request=req.id, kind=kind, party=party, party_contact=party_contact,
                            content=content, sent_date=sent, reply_due=None, stop=stop.id))
    return {"id": row.id, "reply_due": None}


def record_delivery(actor: Actor, consultation_id: int, method: str, delivered_on, tracking_number: str = "",
                    recipient: str = "", note: str = "") -> dict:
    """送达 of the 征求意见书: the party's period starts (条例第三十二条、第三十四条: 15 working days from its receipt)."""
    require(actor, "request.handle")
    row = _get(consultation_id)
    req = workflow.begin(actor, row.request_id, "letter_delivery")
    days = settings.get("requests.consultation_days")
    letter = ("第三方征求意见书" if row.kind == "third_party" else "共同制作机关征求意见书") + f"（{row.party}）"
    with write_transaction():
        day, reply_due = letters.record(actor, req, letter, method, delivered_on, tracking_number,
                                        recipient or row.party, note, row.sent_date, ("答复期限", days),
                                        consultation_id=row.id, not_after=row.reply_date)
    return {"delivered_date": day, "reply_due": reply_due}


def _get(consultation_id: int) -> Consultation:
    row = Consultation.get_or_none(Consultation.id == consultation_id)
    if row is None:
        raise ValidationError("征求意见", "找不到该征求意见记录")
    return row


def record_reply(actor: Actor, consultation_id: int, reply: str, reply_date=None, reason: str = "",
                 decision: str | None = None, decision_note: str = "") -> dict:
    """The party's answer (or its silence after the period) and the office's decision that follows."""
    require(actor, workflow.BY_CODE["consultation_reply"].permission)
    row = _get(consultation_id)
    req = records.get(row.request_id)
    workflow.check(req, "consultation_reply")
    if row.reply is not None:
        raise ValidationError("征求意见", "该征求意见已登记过结果")
    if reply not in catalog.CONSULTATION_REPLIES:
        raise ValidationError("答复情况", "请选择同意、不同意或逾期未答复")
    delivery = letters.delivered(consultation_id=row.id)
    day = records.check_event_date(reply_date or clock.today(), req, "答复日期",
                                   not_before=delivery.delivered_date if delivery else row.sent_date)
    if reply == "none":
        if row.reply_due is None:
            raise ValidationError("答复情况", f"征求意见书尚未登记送达，{row.party}的答复期限（自收到之日起"
                                          f"{settings.get('requests.consultation_days')}个工作日）还没有开始计算："
                                          "请先登记送达日期")
        if day <= row.reply_due:
            raise ValidationError("答复情况", f"答复期限到 {row.reply_due.isoformat()} 为止，期满后才能登记为逾期未答复")
        stop_end = row.reply_due  # the waiting time counted only up to the end of the period
        if row.kind == "agency":
            decision, effect = "disclose", "共同制作机关逾期未提出意见，视为同意公开（条例第三十四条）"
        elif settings.get("requests.third_party_silence") == "refuse":
            effect = "第三方逾期未提出意见，按本机关规定视为不同意公开"
            decision = decision or "withhold"
        else:
            effect = "第三方逾期未提出意见，由本机关依照条例规定决定是否公开（条例第三十二条）"
    else:
        stop_end = day
        effect = f"{catalog.CONSULTATION_KINDS[row.kind]}{catalog.CONSULTATION_REPLIES[reply]}"
        if reply == "agree":
            decision = "disclose"
    texts = check_texts({"consultation.reply_reason": reason, "consultation.decision_note": decision_note})
    reason, decision_note = texts["consultation.reply_reason"], texts["consultation.decision_note"]
    if reply == "disagree" and not reason:
        raise ValidationError("不同意的理由", "请登记对方不同意公开的理由")
    if decision not in DECISIONS:
        raise ValidationError("处理决定", "请选择予以公开、不予公开或因公共利益决定公开")
    if decision == "public_interest":
        if row.kind != "third_party":
            raise ValidationError("处理决定", "公共利益例外只适用于第三方不同意公开的情形")
        if len(decision_note) < 4:
            raise ValidationError("公开的理由", "须写明不公开可能对公共利益造成重大影响的理由，并书面告知第三方（条例第三十二条）")
    stop = ClockStop.get_by_id(row.stop_id)
    others_open = Consultation.select().where((Consultation.request == req.id) & Consultation.reply.is_null()
                                              & (Consultation.id != row.id)).exists()

    def apply(r):
        Consultation.update(reply=reply, reply_date=day, reply_reason=reason, decision=decision,
                            decision_note=decision_note).where(Consultation.id == row.id).execute()

    with write_transaction():
        close_stop(actor, req, stop, stop_end, "request.consultation_reply", "consultation_reply",
                   note=f"{row.party}：{effect}；决定：{DECISIONS[decision]}",
                   new_state=None if others_open else "processing", extra=apply)
    return {"decision": decision, "stop_end": stop_end}


def list_for(request_id: int) -> list[dict]:
    out = []
    for c in Consultation.select().where(Consultation.request == request_id).order_by(Consultation.id):
        d = letters.delivered(consultation_id=c.id)
        out.append({"id": c.id, "kind": c.kind, "kind_label": catalog.CONSULTATION_KINDS[c.kind], "party": c.party,
                    "party_contact": c.party_contact, "content": c.content, "sent_date": c.sent_date,
                    "delivered_date": d.delivered_date if d else None,
                    "delivery_label": catalog.DELIVERY_METHODS.get(d.method, "") if d else "",
                    "reply_due": c.reply_due,
                    "reply_due_label": c.reply_due.isoformat() if c.reply_due else letters.NOT_STARTED,
                    "reply": c.reply,
                    "reply_label": catalog.CONSULTATION_REPLIES.get(c.reply, "待答复") if c.reply else "待答复",
                    "reply_date": c.reply_date, "reply_reason": c.reply_reason, "decision": c.decision,
                    "decision_label": DECISIONS.get(c.decision, ""), "decision_note": c.decision_note})
    return out
