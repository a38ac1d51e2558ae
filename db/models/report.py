"""年度报告 tables: the 行政复议/行政诉讼 register behind table 四, and the figures and texts an office enters per year."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User
from db.models.requests import Request


class ReviewCase(BaseModel):
    """A 行政复议 or 行政诉讼 case about the office's handling of a disclosure request."""
    request = pw.ForeignKeyField(Request, null=True, backref="review_cases", on_delete="SET NULL")
    kind = pw.TextField()  # reconsideration | litigation
    route = pw.TextField(default="")  # litigation only: direct | after_reconsideration
    case_number = pw.TextField(default="")
    body = pw.TextField(default="")  # 复议机关 or 人民法院
    filed_date = pw.DateField(index=True)
    result = pw.TextField(default="pending")  # upheld | corrected | other | pending
    concluded_date = pw.DateField(null=True)
    note = pw.TextField(default="")
    created_at = pw.DateTimeField()
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")

    class Meta:
        table_name = "review_case"


class AnnualReportEntry(BaseModel):
    """One value the office enters for a report year: a table 二 figure or a section's text (JSON value)."""
    year = pw.IntegerField()
    key = pw.TextField()
    value = pw.TextField()
    updated_at = pw.DateTimeField()
    updated_by = pw.ForeignKeyField(User, null=True, column_name="updated_by")

    class Meta:
        table_name = "annual_report_entry"
        indexes = ((("year", "key"), True),)
