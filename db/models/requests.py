"""依申请公开 tables: the request register and what hangs off each request."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class Request(BaseModel):
    """One 政府信息公开申请."""
    number = pw.TextField(unique=True)
    received_date = pw.DateField(index=True)
    channel = pw.TextField()
    # applicant
    applicant_type = pw.TextField(index=True)
    applicant_name = pw.TextField(index=True)  # the person's name, or the organisation's name
    id_type = pw.TextField(default="")
    id_number = pw.TextField(default="", index=True)
    uscc = pw.TextField(default="")  # 统一社会信用代码 of an organisation
    legal_rep = pw.TextField(default="")  # 法定代表人或负责人
    contact_person = pw.TextField(default="")
    phone = pw.TextField(default="")
    address = pw.TextField(default="")
    postcode = pw.TextField(default="")
    email = pw.TextField(default="")
    # what is asked for
    description = pw.TextField()
    doc_title = pw.TextField(default="")
    doc_ref = pw.TextField(default="")  # the 文号 of the document asked for, when the applicant knows it
    purpose = pw.TextField(default="")
    form_wanted = pw.TextField(default="")
    delivery_wanted = pw.TextField(default="")
    notes = pw.TextField(default="")
    scan_text = pw.TextField(default="")  # recognised text of the current scanned attachments (m014, app.ocr.layers)
    # handling
    officer = pw.ForeignKeyField(User, null=True, backref="requests", column_name="officer_id")
    unit = pw.TextField(null=True)  # 承办科室, from the office's unit list (the assessment's measures are per unit)
    state = pw.TextField(index=True)
    # the legal clock (条例第三十三条); recomputed whenever its inputs or the calendar change
    reply_days = pw.IntegerField()
    clock_start = pw.DateField()  # receipt, or receipt of the correction (条例第三十条)
    extension_days = pw.IntegerField(default=0)
    extension_approver = pw.TextField(default="")
    extension_date = pw.DateField(null=True)
    extension_reason = pw.TextField(default="")
    due_date = pw.DateField(null=True, index=True)
    original_due = pw.DateField(null=True)
    due_provisional = pw.BooleanField(default=False)
    correction_due = pw.DateField(null=True)  # last day to send the 补正告知 (7 working days)
    correction_sent = pw.DateField(null=True)
    correction_period_end = pw.DateField(null=True)  # the applicant's deadline to correct
    correction_items = pw.TextField(default="")
    correction_received = pw.DateField(null=True)
    # decision
    outcome = pw.TextField(null=True, index=True)
    outcome_detail = pw.TextField(default="{}")  # JSON: grounds, responsible agency, duplicate_of, what is provided
    decided_date = pw.DateField(null=True, index=True)  # 答复日期: when the request was concluded
    delivered_date = pw.DateField(null=True)
    archived_date = pw.DateField(null=True)
    # bookkeeping
    source = pw.TextField(default="registered")  # "registered" in the window, "ledger" when imported
    created_at = pw.DateTimeField()
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "disclosure_request"


class RequestEvent(BaseModel):
    """办理记录: every step, who took it, when, why, and what it did to the clock."""
    request = pw.ForeignKeyField(Request, backref="events", on_delete="CASCADE")
    ts = pw.DateTimeField()
    event_date = pw.DateField()  # the business date of the step (may be earlier than ts, never later)
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    username = pw.TextField()
    action = pw.TextField()
    from_state = pw.TextField(null=True)
    to_state = pw.TextField(null=True)
    note = pw.TextField(default="")
    clock_effect = pw.TextField(default="")
    data = pw.TextField(default="{}")

    class Meta:
        table_name = "request_event"


class ClockStop(BaseModel):
    """A period that does not count towards the reply deadline (consultation: 条例第三十三条第三款; waiting for a fee:
    the office's setting)."""
    request = pw.ForeignKeyField(Request, backref="stops", on_delete="CASCADE")
    kind = pw.TextField()
    first_day = pw.DateField()
    last_day = pw.DateField(null=True)  # None while still running
    note = pw.TextField(default="")

    class Meta:
        table_name = "request_clock_stop"


class Consultation(BaseModel):
    """征求意见: a third party (条例第三十二条) or a co-producing agency (条例第三十四条)."""
    request = pw.ForeignKeyField(Request, backref="consultations", on_delete="CASCADE")
    kind = pw.TextField()  # third_party | agency
    party = pw.TextField()
    party_contact = pw.TextField(default="")
    content = pw.TextField(default="")  # what the party is asked about
    sent_date = pw.DateField()
    reply_due = pw.DateField(null=True)  # 15 working days from the party's receipt; None until the delivery is known
    reply = pw.TextField(null=True)  # agree | disagree | none
    reply_date = pw.DateField(null=True)
    reply_reason = pw.TextField(default="")
    decision = pw.TextField(null=True)  # disclose | withhold | public_interest
    decision_note = pw.TextField(default="")
    stop = pw.ForeignKeyField(ClockStop, null=True, column_name="stop_id")

    class Meta:
        table_name = "request_consultation"


class Fee(BaseModel):
    """信息处理费 (国办函〔2020〕109号)."""
    request = pw.ForeignKeyField(Request, backref="fees", on_delete="CASCADE")
    method = pw.TextField()  # per_item | per_volume
    month_position = pw.IntegerField()
    pages = pw.IntegerField(null=True)
    amount = pw.IntegerField()  # 元
    waiver = pw.TextField(null=True)
    waiver_note = pw.TextField(default="")
    notice_date = pw.DateField(null=True)
    pay_by = pw.DateField(null=True)  # 20 working days from the day after receipt; None until the delivery is known
    status = pw.TextField()  # pending | paid | lapsed | waived
    paid_date = pw.DateField(null=True)
    receipt_number = pw.TextField(default="")
    stop = pw.ForeignKeyField(ClockStop, null=True, column_name="stop_id")

    class Meta:
        table_name = "request_fee"


class Delivery(BaseModel):
    """送达: how and when a letter reached its addressee — the reply to the applicant, or (when ``consultation`` or
    ``fee`` is set) a 征求意见书 or a 收费通知书, whose periods run from that day."""
    request = pw.ForeignKeyField(Request, backref="deliveries", on_delete="CASCADE")
    consultation = pw.ForeignKeyField(Consultation, null=True, backref="deliveries", on_delete="CASCADE",
                                      column_name="consultation_id")
    fee = pw.ForeignKeyField(Fee, null=True, backref="deliveries", on_delete="CASCADE", column_name="fee_id")
    method = pw.TextField()
    delivered_date = pw.DateField()
    tracking_number = pw.TextField(default="")
    recipient = pw.TextField(default="")
    note = pw.TextField(default="")

    class Meta:
        table_name = "request_delivery"


class Attachment(BaseModel):
    """A stored file (the scanned application, later material). Never changed or deleted: a new version supersedes
    it, and a removal is a version of its own (``removed``)."""
    request = pw.ForeignKeyField(Request, backref="attachments", on_delete="CASCADE")
    lineage = pw.IntegerField(index=True)  # the id of the first version
    version = pw.IntegerField()
    name = pw.TextField()
    stored_path = pw.TextField(default="")  # relative to the data directory's files/
    sha256 = pw.TextField(default="")
    size = pw.IntegerField(default=0)
    removed = pw.BooleanField(default=False)
    note = pw.TextField(default="")
    added_at = pw.DateTimeField()
    added_by = pw.ForeignKeyField(User, null=True, column_name="added_by")

    class Meta:
        table_name = "request_attachment"


class IssuedDocument(BaseModel):
    """A notice as it was printed: the PDF, its 文号, the text the clerk confirmed, who and when."""
    request = pw.ForeignKeyField(Request, backref="documents", on_delete="CASCADE")
    kind = pw.TextField()
    doc_number = pw.TextField(default="")
    version = pw.IntegerField(default=1)
    content = pw.TextField()  # JSON of the editable parts as printed
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    issued_at = pw.DateTimeField()
    issued_by = pw.ForeignKeyField(User, null=True, column_name="issued_by")
    outputs = pw.TextField(default="[]")  # JSON list of {"how": 打印|PDF|Word, "at": ..., "by": ...}
    external = pw.BooleanField(default=False)  # issued outside the program: its 文号 recorded, no stored PDF
    dated = pw.DateField(null=True)  # the date the notice bears
    consultation = pw.ForeignKeyField(Consultation, null=True, column_name="consultation_id", on_delete="SET NULL")

    class Meta:
        table_name = "request_document"
