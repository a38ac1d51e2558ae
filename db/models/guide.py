"""政府信息公开指南 and 公开事项标准目录 tables: the guide's issued versions and the office-written paragraphs, the
standard catalogue's items, each item's versions, and the adjustments proposed and reviewed (seed 001)."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class GuideText(BaseModel):
    """A paragraph of the guide that the office writes itself (its 科室 duties, how to reach it …), by key."""
    key = pw.TextField(unique=True)
    text = pw.TextField(default="")
    updated_at = pw.DateTimeField()
    updated_by = pw.ForeignKeyField(User, null=True, column_name="updated_by")

    class Meta:
        table_name = "guide_text"


class GuideVersion(BaseModel):
    """One issued 指南: the facts it states (to tell when it goes out of date), the document as printed, who and when."""
    version = pw.IntegerField(unique=True)
    issued_at = pw.DateTimeField()
    issued_by = pw.ForeignKeyField(User, null=True, column_name="issued_by")
    issued_by_name = pw.TextField(default="")
    note = pw.TextField(default="")  # what changed, in the issuer's words
    changes = pw.TextField(default="[]")  # JSON: [[label, before, after], …] against the version before
    facts = pw.TextField()  # JSON: the facts the guide was generated from
    document = pw.TextField()  # JSON of app.printing.document.Document (to_data)
    posted_item = pw.TextField(default="")  # the 编号 of the information item it was posted as (发布审核)
    source = pw.TextField(default="entered")  # "entered" | "demo"

    class Meta:
        table_name = "guide_version"


class StandardItem(BaseModel):
    """One 公开事项 of the 公开事项标准目录 with its elements (seed 001 公开事项目录规范动态管理制度)."""
    name = pw.TextField(index=True)  # 事项名称
    channel = pw.TextField(default="")  # 公开渠道
    basis = pw.TextField(default="")  # 公开依据
    section = pw.TextField(default="")  # 公开栏目
    subject = pw.TextField(default="")  # 公开主体
    content = pw.TextField(default="")  # 公开内容
    manner = pw.TextField(default="")  # 公开方式
    time_limit = pw.TextField(default="")  # 公开时限, as written
    period = pw.TextField(default="")  # "" | month | quarter | half_year | year: a recurring 时限 the program checks
    phone = pw.TextField(default="")  # 咨询/投诉电话
    unit = pw.TextField(default="", index=True)  # 责任科室
    category = pw.TextField(default="")  # the 公开目录 category its information is published under
    removed = pw.BooleanField(default=False, index=True)
    version = pw.IntegerField(default=1)
    source = pw.TextField(default="entered")  # "entered" | "imported" | "demo"
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "standard_item"


class CatalogueAdjustment(BaseModel):
    """目录调整: a proposal to add, change or remove a 公开事项, with its reason, reviewed by the leading group's office."""
    kind = pw.TextField()  # add | change | remove
    item = pw.ForeignKeyField(StandardItem, null=True, backref="adjustments", column_name="item_id")
    reason = pw.TextField()  # law_new | law_revised | law_repealed | elements | other
    reason_note = pw.TextField(default="")
    proposed = pw.TextField(default="{}")  # JSON: the elements as proposed (add, change)
    before = pw.TextField(default="{}")  # JSON: the elements when proposed (change, remove)
    unit = pw.TextField(default="", index=True)  # the 科室 the adjustment concerns (counted per unit and year)
    status = pw.TextField(default="proposed", index=True)  # proposed | approved | rejected
    proposed_by = pw.ForeignKeyField(User, null=True, column_name="proposed_by")
    proposed_by_name = pw.TextField(default="")
    proposed_at = pw.DateTimeField(index=True)
    reviewed_by = pw.ForeignKeyField(User, null=True, column_name="reviewed_by")
    reviewed_by_name = pw.TextField(default="")
    reviewed_at = pw.DateTimeField(null=True)
    review_note = pw.TextField(default="")

    class Meta:
        table_name = "catalogue_adjustment"


class StandardItemVersion(BaseModel):
    """Each version of a 公开事项 as it stood from ``valid_from`` (until the next version), kept for the history."""
    item = pw.ForeignKeyField(StandardItem, backref="versions", on_delete="CASCADE", column_name="item_id")
    version = pw.IntegerField()
    data = pw.TextField()  # JSON: the elements (and "removed")
    valid_from = pw.DateTimeField(index=True)
    adjustment = pw.ForeignKeyField(CatalogueAdjustment, null=True, column_name="adjustment_id")

    class Meta:
        table_name = "standard_item_version"
        indexes = ((("item", "version"), True),)
