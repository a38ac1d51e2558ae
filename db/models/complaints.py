"""举报投诉 and 政民互动 tables: the cases, their history, their files, the 督办 sent about them and the log of every
view of a complainant's identity (seed 000 第八条; seed 001 政民互动管理制度第五条)."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class ComplaintCase(BaseModel):
    """One 举报、投诉、咨询 or 网上留言 (DOMAIN.md §4). The complainant_* columns hold the identity that only users with
    ``complaint.view_identity`` may see."""
    number = pw.TextField(unique=True)  # 编号, e.g. 2026-举报投诉-0007
    channel = pw.TextField()  # 来信 | 来访 | 电话 | 口头 | 网上留言 | 意见箱 | 电子邮件
    received_at = pw.DateTimeField(index=True)
    received_date = pw.DateField(index=True)
    category = pw.TextField(index=True)  # report | complaint | consultation | help | suggestion | investigation | …
    report_type = pw.TextField(default="")  # 举报: one of seed 000 第三条's six subjects
    complainant_name = pw.TextField(default="")
    complainant_phone = pw.TextField(default="")
    complainant_address = pw.TextField(default="")
    complainant_email = pw.TextField(default="")
    anonymous = pw.BooleanField(default=False)
    confidential = pw.BooleanField(default=False)  # asked for the matter itself to be kept secret (seed 001 第五条)
    subject_unit = pw.TextField(default="")  # the unit complained about
    subject_person = pw.TextField(default="")  # the person complained about
    title = pw.TextField(index=True)  # 事由
    content = pw.TextField(default="")
    handling_unit = pw.TextField(default="", index=True)  # 承办科室
    handler = pw.ForeignKeyField(User, null=True, column_name="handler_id", backref="complaints")
    state = pw.TextField(index=True)
    due_date = pw.DateField(null=True, index=True)
    due_provisional = pw.BooleanField(default=False)
    on_spot = pw.BooleanField(default=False)  # 当场答复
    transfer_target = pw.TextField(default="")
    reply_text = pw.TextField(default="")
    reply_method = pw.TextField(default="")
    reply_date = pw.DateField(null=True, index=True)
    archived_date = pw.DateField(null=True)
    request_id = pw.IntegerField(null=True, index=True)  # the 依申请公开 request the complaint is about
    info_item_id = pw.IntegerField(null=True)  # the published item it is about
    source = pw.TextField(default="entered")  # "entered" | "demo"
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "complaint_case"
        # the state and due filters and their counts, covered (with the default order) so that a page sorts ids only
        indexes = ((("state", "due_date", "received_at"), False),)


class ComplaintEvent(BaseModel):
    """办理记录: each step — who, when, from which state to which, and what was recorded (调查 notes, 转办 target and
    reason, 领导批示 — ``restricted`` entries are shown only to the roles that handle the case)."""
    case = pw.ForeignKeyField(ComplaintCase, backref="events", on_delete="CASCADE")
    ts = pw.DateTimeField()
    event_date = pw.DateField()
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    username = pw.TextField()
    display_name = pw.TextField(default="")
    action = pw.TextField()
    from_state = pw.TextField(null=True)
    to_state = pw.TextField(null=True)
    note = pw.TextField(default="")
    restricted = pw.BooleanField(default=False)
    data = pw.TextField(default="{}")

    class Meta:
        table_name = "complaint_event"


class ComplaintFile(BaseModel):
    """An attachment of the case (the letter, a photo) or evidence gathered in the 调查."""
    case = pw.ForeignKeyField(ComplaintCase, backref="files", on_delete="CASCADE")
    kind = pw.TextField(default="attachment")  # attachment | evidence
    name = pw.TextField()
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    size = pw.IntegerField(default=0)
    note = pw.TextField(default="")
    added_at = pw.DateTimeField()
    added_by = pw.ForeignKeyField(User, null=True, column_name="added_by")

    class Meta:
        table_name = "complaint_file"


class ComplaintSupervision(BaseModel):
    """督办: a reminder to the handling unit, with the date its answer is due and the answer."""
    case = pw.ForeignKeyField(ComplaintCase, backref="supervisions", on_delete="CASCADE")
    seq = pw.IntegerField(default=1)
    sent_date = pw.DateField()
    unit = pw.TextField()
    text = pw.TextField()
    reply_due = pw.DateField(index=True)
    sent_by = pw.ForeignKeyField(User, null=True, column_name="sent_by")
    reply_date = pw.DateField(null=True)
    reply_text = pw.TextField(default="")

    class Meta:
        table_name = "complaint_supervision"


class IdentityView(BaseModel):
    """Who saw a complainant's identity, when, on which case and how (seed 000 第八条)."""
    case = pw.ForeignKeyField(ComplaintCase, backref="identity_views", on_delete="CASCADE")
    ts = pw.DateTimeField(index=True)
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    username = pw.TextField()
    display_name = pw.TextField(default="")
    purpose = pw.TextField()  # detail | print | search

    class Meta:
        table_name = "complaint_identity_view"
