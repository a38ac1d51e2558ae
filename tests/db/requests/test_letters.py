"""送达 of the letters whose periods run from their receipt: the 征求意见书 (条例第三十二条、第三十四条) and the 收费通知书
(国办函〔2020〕109号). Both dates are kept; nothing is overdue before the delivery is recorded."""
import datetime as dt

import pytest

from app.errors import ValidationError
from app.requests import consultation, documents, fees_service, handling, register
from db.models import Delivery
from tests.db.factories import person

D = dt.date


def test_consultation_period_starts_on_receipt_and_both_dates_are_shown(staff, registered):
    clerk = staff["clerk"]
    c = consultation.consult(clerk, registered["id"], "third_party", "某公司", "报价明细", D(2026, 3, 9))
    row = consultation.list_for(registered["id"])[0]
    assert (row["sent_date"], row["delivered_date"], row["reply_due"]) == (D(2026, 3, 9), None, None)
    assert row["reply_due_label"] == "未开始（尚未登记送达）"
    with pytest.raises(ValidationError, match="邮件单号"):
        consultation.record_delivery(clerk, c["id"], "post", D(2026, 3, 12))
    with pytest.raises(ValidationError, match="不能早于 2026-03-09"):
        consultation.record_delivery(clerk, c["id"], "in_person", D(2026, 3, 8))
    consultation.record_delivery(clerk, c["id"], "post", D(2026, 3, 12), "XA200000001CN", "王某")
    with pytest.raises(ValidationError, match="已登记过送达"):
        consultation.record_delivery(clerk, c["id"], "in_person", D(2026, 3, 13))
    row = consultation.list_for(registered["id"])[0]
    assert (row["sent_date"], row["delivered_date"], row["reply_due"]) == (D(2026, 3, 9), D(2026, 3, 12),
                                                                          D(2026, 4, 2))
    with pytest.raises(ValidationError, match="不能早于 2026-03-12"):  # an answer before the letter arrived
        consultation.record_reply(clerk, c["id"], "agree", D(2026, 3, 11))


def test_fee_period_starts_the_day_after_receipt(staff, today):
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    fees_service.fee_notice(clerk, out["id"], "per_volume", 45, D(2026, 3, 9))
    fee = fees_service.list_for(out["id"])[0]
    assert fee["pay_by"] is None and fee["pay_by_label"] == "未开始（尚未登记送达）"
    fees_service.record_delivery(clerk, out["id"], "email", D(2026, 3, 10))
    fee = fees_service.list_for(out["id"])[0]
    assert (fee["notice_date"], fee["delivered_date"], fee["pay_by"]) == (D(2026, 3, 9), D(2026, 3, 10), D(2026, 4, 8))


def test_letter_deliveries_are_not_the_replys_delivery(staff, today):
    """The 送达回证 and the request's 送达 state are about the reply; the letters' deliveries are listed beside it."""
    from app import office, settings
    from app.requests import decision, detail
    office.save_profile(staff["admin"], {"name": "某某县人民政府办公室"})
    settings.set_many(staff["admin"], {"remedy.review_body": "某某县人民政府", "remedy.court": "某某县人民法院",
                                       "office.abbreviation": "某"})
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    c = consultation.consult(clerk, out["id"], "agency", "某某县财政局", "资金分配方案", D(2026, 3, 9))
    consultation.record_delivery(clerk, c["id"], "post", D(2026, 3, 10), "XA200000002CN")
    consultation.record_reply(clerk, c["id"], "agree", D(2026, 3, 12))
    decision.decide(clerk, out["id"], "disclose", D(2026, 3, 20), {"provided": "名单"})
    documents.issue(clerk, out["id"], "政府信息公开告知书")
    handling.deliver(clerk, out["id"], "in_person", D(2026, 3, 23), recipient="陈小红")
    assert Delivery.select().where(Delivery.request == out["id"]).count() == 2
    letters = [(x["letter"], x["date"]) for x in detail.detail(clerk, out["id"])["deliveries"]]
    assert letters == [("共同制作机关征求意见书（某某县财政局）", D(2026, 3, 10)), ("答复告知书", D(2026, 3, 23))]
    ctx = documents.context(documents.records.get(out["id"]), "送达回证")
    assert ctx.delivery["date"] == D(2026, 3, 23) and ctx.delivery["method"] == "in_person"


def test_upgrade_clears_periods_counted_from_sending(tmp_path):
    """Letters still waiting when the program is upgraded: their period is unknown until the delivery is recorded."""
    from db import migrations
    from db.connection import close_database, open_database, sqlite_url
    db = open_database(sqlite_url(tmp_path / "old.db"))
    try:
        migrations.migrate(db, target=6)
        db.execute_sql("INSERT INTO disclosure_request (id, number, received_date, channel, applicant_type, "
                       "applicant_name, id_type, id_number, uscc, legal_rep, contact_person, phone, address, postcode, "
                       "email, description, doc_title, doc_ref, purpose, form_wanted, delivery_wanted, notes, state, "
                       "reply_days, clock_start, extension_days, extension_approver, extension_reason, "
                       "due_provisional, correction_items, outcome_detail, source, created_at, updated_at) VALUES "
                       "(1, 'N1', '2026-03-06', 'in_person', 'natural', '陈小红', '', '', '', '', '', '', '', '', '', "
                       "'名单', '', '', '', 'paper', 'post', '', 'consulting', 20, '2026-03-06', 0, '', '', 0, '', "
                       "'{}', 'registered', '2026-03-06', '2026-03-06')")
        for cid, reply in ((1, None), (2, "agree")):
            db.execute_sql("INSERT INTO request_consultation (id, request_id, kind, party, party_contact, content, "
                           "sent_date, reply_due, reply, reply_reason, decision_note) VALUES "
                           "(?, 1, 'third_party', '某公司', '', '报价', '2026-03-09', '2026-03-30', ?, '', '')",
                           (cid, reply))
        for fid, status in ((1, "pending"), (2, "paid")):
            db.execute_sql("INSERT INTO request_fee (id, request_id, method, month_position, amount, waiver_note, "
                           "notice_date, pay_by, status, receipt_number) VALUES "
                           "(?, 1, 'per_volume', 1, 150, '', '2026-03-09', '2026-04-07', ?, '')", (fid, status))
        db.execute_sql("INSERT INTO request_document (request_id, kind, doc_number, version, content, stored_path, "
                       "sha256, issued_at, outputs, external, dated, consultation_id) VALUES (1, '第三方征求意见书', "
                       "'X1', 1, '{}', '', '', '2026-03-09', '[]', 0, '2026-03-09', 1)")
        migrations.migrate(db)
        # the rebuild of request_consultation keeps the documents that point at it
        assert db.execute_sql("SELECT consultation_id FROM request_document").fetchall() == [(1,)]
        assert db.execute_sql("SELECT id, reply_due FROM request_consultation ORDER BY id").fetchall() == [
            (1, None), (2, "2026-03-30")]
        assert db.execute_sql("SELECT id, pay_by FROM request_fee ORDER BY id").fetchall() == [
            (1, None), (2, "2026-04-07")]
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        close_database()


def test_the_step_leaves_a_database_that_already_has_it_unchanged(staff, today):
    """Run again (as on a database where the step was applied under another number), it changes nothing."""
    import importlib
    from db.connection import database
    clerk = staff["clerk"]
    out = register.register(clerk, person())
    c = consultation.consult(clerk, out["id"], "third_party", "某公司", "报价明细", D(2026, 3, 9))
    consultation.record_delivery(clerk, c["id"], "in_person", D(2026, 3, 10))
    importlib.import_module("db.migrations.m007_letter_delivery").apply(database.obj)
    assert consultation.list_for(out["id"])[0]["reply_due"] == D(2026, 3, 31)
