"""Schema step: the 行政复议/行政诉讼 case register (table 四 of the annual report) and the per-year entries of the
annual report (table 二 figures, section texts).

The models below are a frozen copy of the tables as this step creates them; later steps alter them.
"""
import peewee as pw

from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "行政复议和行政诉讼登记、年度报告填报数据"


def apply(db):
    Base = base_model(db)
    User = existing_table(Base, "app_user")
    Request = existing_table(Base, "disclosure_request")

    class ReviewCase(Base):
        request = pw.ForeignKeyField(Request, null=True, on_delete="SET NULL")
        kind = pw.TextField()
        route = pw.TextField(default="")
        case_number = pw.TextField(default="")
        body = pw.TextField(default="")
        filed_date = pw.DateField(index=True)
        result = pw.TextField(default="pending")
        concluded_date = pw.DateField(null=True)
        note = pw.TextField(default="")
        created_at = pw.DateTimeField()
        created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")

        class Meta:
            table_name = "review_case"

    class AnnualReportEntry(Base):
        year = pw.IntegerField()
        key = pw.TextField()
        value = pw.TextField()
        updated_at = pw.DateTimeField()
        updated_by = pw.ForeignKeyField(User, null=True, column_name="updated_by")

        class Meta:
            table_name = "annual_report_entry"
            indexes = ((("year", "key"), True),)

    db.create_tables([ReviewCase, AnnualReportEntry])
