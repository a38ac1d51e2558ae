"""区分处理 / 非密处理 tables: the file being redacted (a request's attachment or an item's file), the marks on it and
each released version made from it. The original is never changed: it stays where it was stored."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class Redaction(BaseModel):
    """One original file under 区分处理: which attachment or item file, and its hash when it was opened."""
    source_kind = pw.TextField()  # request (a request attachment) | item (an item's file)
    source_id = pw.IntegerField()  # the Attachment or ItemFile version that was redacted
    owner_id = pw.IntegerField(index=True)  # the request or the item
    name = pw.TextField()
    sha256 = pw.TextField()
    pages = pw.IntegerField(default=0)
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()

    class Meta:
        table_name = "redaction"
        indexes = ((("source_kind", "source_id"), True),)


class RedactionMark(BaseModel):
    """A rectangle to black out: page, position in points from the page's top-left corner, ground and note."""
    redaction = pw.ForeignKeyField(Redaction, backref="marks", on_delete="CASCADE")
    page = pw.IntegerField()
    x0 = pw.FloatField()
    y0 = pw.FloatField()
    x1 = pw.FloatField()
    y1 = pw.FloatField()
    ground = pw.TextField()  # refuse_1 … refuse_7 (条例第十四、十五、十六条)
    note = pw.TextField(default="")
    text = pw.TextField(default="")  # the searched text, or what a drawn rectangle covers
    how = pw.TextField(default="rect")  # rect | search | screen
    created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
    created_at = pw.DateTimeField()

    class Meta:
        table_name = "redaction_mark"


class RedactionRelease(BaseModel):
    """A released version (公开版本) and its 区分处理记录, with the marks it was made from and the checks it passed."""
    redaction = pw.ForeignKeyField(Redaction, backref="releases", on_delete="CASCADE")
    version = pw.IntegerField()
    name = pw.TextField()
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    size = pw.IntegerField()
    log_path = pw.TextField()
    log_sha256 = pw.TextField()
    marked_pages = pw.TextField(default="")  # “2,4”
    marks = pw.TextField(default="[]")  # JSON: the marks as they were burned in
    checks = pw.TextField(default="")
    released_file_id = pw.IntegerField(null=True)  # the new Attachment or ItemFile version holding it
    made_by = pw.ForeignKeyField(User, null=True, column_name="made_by")
    made_at = pw.DateTimeField()

    class Meta:
        table_name = "redaction_release"
