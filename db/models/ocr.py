"""文字识别 tables: the text layer recognised on a stored file version (a request's attachment or an item's file) —
one layer per file version, its lines with their boxes and confidences. The file itself is never changed."""
import peewee as pw

from db.models.base import BaseModel
from db.models.core import User


class TextLayer(BaseModel):
    """The recognition of one stored file version: which file (``kind`` ``attachment`` = request_attachment.id,
    ``item_file`` = info_item_file.id), its hash when read, the engine that read it, who asked and when."""
    kind = pw.TextField()
    file_id = pw.IntegerField()
    sha256 = pw.TextField()
    pages = pw.IntegerField()  # pages recognised (pictures, and PDF pages without text of their own)
    dpi = pw.IntegerField()
    engine = pw.TextField()
    engine_version = pw.TextField()
    recognised_at = pw.DateTimeField()
    recognised_by = pw.ForeignKeyField(User, null=True, column_name="recognised_by")

    class Meta:
        table_name = "ocr_layer"
        indexes = ((("kind", "file_id"), True),)


class TextLine(BaseModel):
    """One recognised line: page (1-based), box in points from the page's top-left, text, confidence (0-1), and
    the characters' boxes as JSON ``[[x0, y0, x1, y1], …]`` (one per character of ``text``, or empty)."""
    layer = pw.ForeignKeyField(TextLayer, backref="lines", on_delete="CASCADE")
    page = pw.IntegerField()
    page_width = pw.FloatField()
    page_height = pw.FloatField()
    x0 = pw.FloatField()
    y0 = pw.FloatField()
    x1 = pw.FloatField()
    y1 = pw.FloatField()
    text = pw.TextField()
    confidence = pw.FloatField()
    char_boxes = pw.TextField(default="[]")

    class Meta:
        table_name = "ocr_line"
        indexes = ((("layer", "page"), False),)
