"""Schema step: 文字识别 — the text layers recognised on scanned attachments (request attachments and item files),
and their text in the registers' own full-text search: a ``scan_text`` column on the request and on the item (the
recognised text of their current files), added to the trigram FTS5 index on SQLite and given a pg_trgm GIN index on
PostgreSQL, as m003 and m008 index the other columns.

The models below are a frozen copy of the tables as this step creates them; later steps alter them.
"""
import peewee as pw

from db.connection import is_sqlite
from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "扫描件的文字识别结果及其全文检索"

# (table, FTS table, its columns before this step): the index is rebuilt with scan_text as its last column.
_INDEXED = [
    ("disclosure_request", "request_fts", ("number", "applicant_name", "description", "notes")),
    ("info_item", "info_item_fts", ("number", "title", "doc_number", "content")),
]


def _sqlite_fts(table: str, fts: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join((*columns, "scan_text"))
    new = ", ".join(f"new.{c}" for c in (*columns, "scan_text"))
    old = ", ".join(f"old.{c}" for c in (*columns, "scan_text"))
    return [
        f"DROP TRIGGER IF EXISTS {fts}_insert", f"DROP TRIGGER IF EXISTS {fts}_delete",
        f"DROP TRIGGER IF EXISTS {fts}_update", f"DROP TABLE IF EXISTS {fts}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def apply(db):
    Base = base_model(db)
    User = existing_table(Base, "app_user")

    class TextLayer(Base):
        kind = pw.TextField()
        file_id = pw.IntegerField()
        sha256 = pw.TextField()
        pages = pw.IntegerField()
        dpi = pw.IntegerField()
        engine = pw.TextField()
        engine_version = pw.TextField()
        recognised_at = pw.DateTimeField()
        recognised_by = pw.ForeignKeyField(User, null=True, column_name="recognised_by")

        class Meta:
            table_name = "ocr_layer"
            indexes = ((("kind", "file_id"), True),)

    class TextLine(Base):
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

    db.create_tables([TextLayer, TextLine])
    for table, fts, columns in _INDEXED:
        # ADD COLUMN in place: peewee's migrator would rebuild SQLite's table for NOT NULL, and dropping the old
        # table would cascade to the rows that point at it (the request's documents, attachments …)
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN scan_text TEXT NOT NULL DEFAULT ''")
        if is_sqlite(db):
            for sql in _sqlite_fts(table, fts, columns):
                db.execute_sql(sql)
        else:
            db.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_scan_text_trgm ON {table} "
                           "USING gin (scan_text gin_trgm_ops)")
