"""A request's dependent rows (history, clock stops, consultations, fees, deliveries, documents, attachments) are
sealed into its audit rows: every step leaves them matching the seal — a step that wrote one of them after its audit
row would be reported by ``check`` as a change made outside the program — and a change by hand is found."""
import datetime as dt
import hashlib
import json

from app import audit, integrity
from app.requests import attachments, consultation, decision, fees_service, handling, register, step_notices
from db.models import Attachment, ClockStop, Consultation, Delivery, Fee, IssuedDocument, Request, RequestEvent
from tests.db.factories import person

D = dt.date


def _sealed_problems():
    return [p for p in integrity.compare_records() if "办理记录" in p]


def test_every_kind_of_dependent_row_is_written_before_its_seal(staff, today, office_set, tmp_path):
    head = staff["head"]
    rid = register.register(head, person())["id"]
    handling.start(head, rid)
    c = consultation.consult(head, rid, "third_party", "某公司", "中标报价明细", D(2026, 3, 9))
    consultation.record_delivery(head, c["id"], "post", D(2026, 3, 10), tracking_number="EMS123")
    consultation.record_reply(head, c["id"], "agree", D(2026, 3, 13))
    fees_service.fee_notice(head, rid, "per_volume", 60, D(2026, 3, 16))
    fees_service.record_delivery(head, rid, "in_person", D(2026, 3, 16))
    fees_service.fee_paid(head, rid, D(2026, 3, 18))
    handling.suspend(head, rid, D(2026, 3, 19), "山洪致档案室无法进入")
    handling.resume(head, rid, D(2026, 3, 20))
    src = tmp_path / "申请书.txt"
    src.write_text("申请书扫描件", encoding="utf-8")
    att = attachments.add(head, rid, str(src))
    src.write_text("申请书扫描件（清晰版）", encoding="utf-8")
    attachments.new_version(head, att["id"], str(src), "更换为清晰的扫描件")
    decision.decide(head, rid, "disclose", D(2026, 3, 25), {"provided": "名单"})
    step_notices.issue_owed(head, rid)
    handling.deliver(head, rid, "in_person", D(2026, 3, 26))
    assert ClockStop.select().count() >= 3 and Fee.select().count() == 1 and Attachment.select().count() == 2
    assert _sealed_problems() == []
    # The seals already stored in offices' audit trails were made from peewee's row dicts, one json.dumps each: the
    # set-based reading must give the very same digests.
    other = register.register(head, person(received_date=D(2026, 3, 2)))["number"]
    number = Request.get_by_id(rid).number
    assert audit.seal_of("request")([number, other]) == {n: _digest_from_row_dicts(n) for n in (number, other)}


def _digest_from_row_dicts(number: str) -> str:
    rid = Request.get(Request.number == number).id
    canonical = []
    for model, fk in ((RequestEvent, RequestEvent.request), (ClockStop, ClockStop.request),
                      (Consultation, Consultation.request), (Fee, Fee.request), (Delivery, Delivery.request),
                      (IssuedDocument, IssuedDocument.request), (Attachment, Attachment.request)):
        for row in model.select().where(fk == rid).order_by(model.id).dicts():
            canonical.append(json.dumps([model._meta.table_name, {k: audit._seal_value(v) for k, v in row.items()}],
                                        ensure_ascii=False, sort_keys=True, default=audit._json_default))
    return hashlib.sha256("\n".join(sorted(canonical)).encode("utf-8")).hexdigest()


def test_a_dependent_row_changed_by_hand_is_found(staff, today, office_set):
    head = staff["head"]
    rid = register.register(head, person())["id"]
    handling.start(head, rid)
    fees_service.fee_notice(head, rid, "per_volume", 60, D(2026, 3, 16))
    assert _sealed_problems() == []
    Fee.update(amount=Fee.amount + 1).execute()
    assert len(_sealed_problems()) == 1
    Fee.update(amount=Fee.amount - 1).execute()
    assert _sealed_problems() == []
    RequestEvent.delete().where(RequestEvent.id == RequestEvent.select(RequestEvent.id).order_by(
        RequestEvent.id.desc()).limit(1).scalar()).execute()
    assert len(_sealed_problems()) == 1
