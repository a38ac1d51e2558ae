"""发布审核 tables: information items the office publishes, their review history, the privacy screen's findings,
their files, and the coordination letters sent about them."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class InfoItem(BaseModel):
    """One 信息 to be published (DOMAIN.md §3): what it is, its 公开属性, where it stands in the review chain."""
    number = pw.TextField(unique=True)  # 编号, e.g. 2026-信息-0012
    title = pw.TextField(index=True)
    unit = pw.TextField(default="")  # producing 科室/股室
    kind = pw.TextField(index=True)  # official_document | work_news | interpretation | consultation | …
    doc_number = pw.TextField(default="")  # 文号 of a 公文
    formed_date = pw.DateField(index=True)  # 成文日期 / the day the information was formed or changed (条例第二十六条)
    content = pw.TextField(default="")
    scan_text = pw.TextField(default="")  # recognised text of the current scanned files (m014, app.ocr.layers)
    category = pw.TextField(default="")  # 公开目录 category
    attribute = pw.TextField()  # proactive | on_request | withheld (公开属性)
    attribute_reason = pw.TextField(default="")
    forwarded_from = pw.TextField(default="")  # 转发: the source document
    forwarded_attribute = pw.TextField(default="")
    disclosure_manner = pw.TextField(default="")  # 公开方式
    disclosure_scope = pw.TextField(default="")  # 公开范围
    major = pw.BooleanField(default=False)  # major or sensitive: 终审 by the principal leader
    content_confirmed = pw.BooleanField(default=False)  # drafter confirmed no 依申请/不予公开 content in a 主动公开 item
    related_item = pw.IntegerField(null=True)  # 政策解读: the policy item it explains
    drafter = pw.ForeignKeyField(User, column_name="drafter_id", backref="drafted_items")
    stage = pw.TextField(index=True)
    submissions = pw.IntegerField(default=0)
    chain = pw.TextField(default="default")  # the stage sequence this item runs through
    stage_since = pw.DateField(null=True)
    secrecy_due = pw.DateField(null=True, index=True)  # 保密审查 answer due (5 working days)
    secrecy_opinion = pw.TextField(default="")  # disclose | exempt | on_request | refer
    publish_due = pw.DateField(null=True, index=True)  # 主动公开 within 20 working days (条例第二十六条)
    due_provisional = pw.BooleanField(default=False)
    index_number = pw.TextField(null=True, unique=True)  # 索引号, issued at publication
    published_date = pw.DateField(null=True, index=True)
    channel = pw.TextField(default="")
    location = pw.TextField(default="")  # URL or place
    published_by = pw.ForeignKeyField(User, null=True, column_name="published_by")
    # 规范性文件: validity, for table 二 of the annual report (条例第二十条第（一）项)
    repealed_date = pw.DateField(null=True)
    source = pw.TextField(default="entered")  # "entered" | "demo"
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "info_item"


class ItemEvent(BaseModel):
    """审核记录: each step of the chain — who, when, which stage, the opinion and the reason."""
    item = pw.ForeignKeyField(InfoItem, backref="events", on_delete="CASCADE")
    ts = pw.DateTimeField()
    event_date = pw.DateField()
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    username = pw.TextField()
    display_name = pw.TextField(default="")
    action = pw.TextField()
    from_stage = pw.TextField(null=True)
    to_stage = pw.TextField(null=True)
    opinion = pw.TextField(default="")
    note = pw.TextField(default="")
    data = pw.TextField(default="{}")

    class Meta:
        table_name = "info_item_event"


class ItemFile(BaseModel):
    """A file of an item's content; a new version supersedes an old one, which is kept."""
    item = pw.ForeignKeyField(InfoItem, backref="files", on_delete="CASCADE")
    lineage = pw.IntegerField(index=True)
    version = pw.IntegerField()
    name = pw.TextField()
    stored_path = pw.TextField(default="")
    sha256 = pw.TextField(default="")
    size = pw.IntegerField(default=0)
    removed = pw.BooleanField(default=False)
    note = pw.TextField(default="")
    added_at = pw.DateTimeField()
    added_by = pw.ForeignKeyField(User, null=True, column_name="added_by")

    class Meta:
        table_name = "info_item_file"


class ScreenFinding(BaseModel):
    """What the privacy and secrecy screen found at a submission, and how the reviewer resolved it."""
    item = pw.ForeignKeyField(InfoItem, backref="findings", on_delete="CASCADE")
    submission = pw.IntegerField()  # which submission of the item found it
    kind = pw.TextField()
    source = pw.TextField()  # 正文 or the file's name
    file_id = pw.IntegerField(null=True)  # the file version it was found in
    location = pw.TextField()  # 第N段 / 第N页
    text = pw.TextField()
    resolution = pw.TextField(null=True)  # fixed | allowed | None (open)
    resolution_note = pw.TextField(default="")
    resolved_by = pw.ForeignKeyField(User, null=True, column_name="resolved_by")
    resolved_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "info_item_finding"


class Coordination(BaseModel):
    """信息发布协调函: a letter to another unit the item concerns, and its answer."""
    item = pw.ForeignKeyField(InfoItem, backref="coordinations", on_delete="CASCADE")
    unit = pw.TextField()
    sent_date = pw.DateField()
    answer = pw.TextField(null=True)  # agree | disagree
    answer_date = pw.DateField(null=True)
    answer_note = pw.TextField(default="")
    negotiation = pw.TextField(default="")  # 协商: who, when, result
    decision = pw.TextField(null=True)  # publish | withhold, by the leader in charge after a disagreement
    decision_note = pw.TextField(default="")
    decided_by = pw.ForeignKeyField(User, null=True, column_name="decided_by")

    class Meta:
        table_name = "info_item_coordination"


class ItemRecord(BaseModel):
    """What else is recorded on an item: the 三校 passes and the 全文诵读 (seed 001 二), 澄清/更正 of a published item
    and its approval (seeds 002, 003), the report after an 应急处置 (seed 004), a 征求意见 period, the comments received
    and the response (seed 001 公众参与). ``data`` holds the kind's fields as JSON."""
    item = pw.ForeignKeyField(InfoItem, backref="extra_records", on_delete="CASCADE")
    kind = pw.TextField(index=True)  # proofread, recital, correction, emergency_report, comment_period, …
    seq = pw.IntegerField(default=1)
    event_date = pw.DateField()
    user = pw.ForeignKeyField(User, null=True, column_name="user_id")
    display_name = pw.TextField(default="")
    data = pw.TextField(default="{}")
    status = pw.TextField(default="")  # a correction: proposed | approved
    approved_by = pw.ForeignKeyField(User, null=True, column_name="approved_by")
    created_at = pw.DateTimeField()

    class Meta:
        table_name = "info_item_record"
