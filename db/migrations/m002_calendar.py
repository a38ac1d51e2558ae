"""Schema 2: the office's entered or imported holiday schedules (节假日安排).

The models below are a frozen copy of the tables as this step creates them; later steps alter them.
"""
import peewee as pw

from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "节假日安排（录入或导入的年份）"


def apply(db):
    Base = base_model(db)
    User = existing_table(Base, "app_user")

    class CalendarYear(Base):
        year = pw.IntegerField(primary_key=True)
        source = pw.TextField()
        title = pw.TextField()
        entered_by = pw.ForeignKeyField(User, null=True, column_name="entered_by")
        entered_at = pw.DateTimeField()

        class Meta:
            table_name = "calendar_year"

    class CalendarDay(Base):
        year = pw.ForeignKeyField(CalendarYear, column_name="year", on_delete="CASCADE")
        date = pw.DateField(unique=True)
        kind = pw.TextField()
        name = pw.TextField()

        class Meta:
            table_name = "calendar_day"

    db.create_tables([CalendarYear, CalendarDay])
