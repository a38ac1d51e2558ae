"""Schema step: 区分处理 / 非密处理 — the file being redacted, its marks and each released version.

The models below are a frozen copy of the tables as this step creates them; later steps alter them.
"""
import peewee as pw

from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "区分处理（公开版本）"


def apply(db):
    Base = base_model(db)
    User = existing_table(Base, "app_user")

    class Redaction(Base):
        source_kind = pw.TextField()
        source_id = pw.IntegerField()
        owner_id = pw.IntegerField(index=True)
        name = pw.TextField()
        sha256 = pw.TextField()
        pages = pw.IntegerField(default=0)
        created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
        created_at = pw.DateTimeField()
        updated_at = pw.DateTimeField()

        class Meta:
            table_name = "redaction"
            indexes = ((("source_kind", "source_id"), True),)

    class RedactionMark(Base):
        redaction = pw.ForeignKeyField(Redaction, backref="marks", on_delete="CASCADE")
        page = pw.IntegerField()
        x0 = pw.FloatField()
        y0 = pw.FloatField()
        x1 = pw.FloatField()
        y1 = pw.FloatField()
        ground = pw.TextField()
        note = pw.TextField(default="")
        text = pw.TextField(default="")
        how = pw.TextField(default="rect")
        created_by = pw.ForeignKeyField(User, null=True, column_name="created_by")
        created_at = pw.DateTimeField()

        class Meta:
            table_name = "redaction_mark"

    class RedactionRelease(Base):
        redaction = pw.ForeignKeyField(Redaction, backref="releases", on_delete="CASCADE")
        version = pw.IntegerField()
        name = pw.TextField()
        stored_path = pw.TextField()
        sha256 = pw.TextField()
        size = pw.IntegerField()
        log_path = pw.TextField()
        log_sha256 = pw.TextField()
        marked_pages = pw.TextField(default="")
        marks = pw.TextField(default="[]")
        checks = pw.TextField(default="")
        released_file_id = pw.IntegerField(null=True)
        made_by = pw.ForeignKeyField(User, null=True, column_name="made_by")
        made_at = pw.DateTimeField()

        class Meta:
            table_name = "redaction_release"

    db.create_tables([Redaction, RedactionMark, RedactionRelease])
