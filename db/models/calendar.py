"""节假日安排 entered or imported by the office: one row per year, one row per holiday or make-up workday."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class CalendarYear(BaseModel):
    """A year whose official schedule the office stored; it overrides the built-in calendar for that year."""
    year = pw.IntegerField(primary_key=True)
    source = pw.TextField()  # "entered" | "imported"
    title = pw.TextField()
    entered_by = pw.ForeignKeyField(User, null=True, column_name="entered_by")
    entered_at = pw.DateTimeField()

    class Meta:
        table_name = "calendar_year"


class CalendarDay(BaseModel):
    """A rest day of a holiday range ("holiday") or a weekend day worked in exchange ("makeup")."""
    year = pw.ForeignKeyField(CalendarYear, column_name="year", on_delete="CASCADE", backref="days")
    date = pw.DateField(unique=True)
    kind = pw.TextField()  # "holiday" | "makeup"
    name = pw.TextField()

    class Meta:
        table_name = "calendar_day"
