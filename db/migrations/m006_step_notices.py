"""Schema step: a notice can be recorded as issued outside the program (its 文号 only, no stored PDF), carries the
date printed on it, and names the consultation it belongs to (each 征求意见书 goes to one party).

Adds to ``request_document``: ``external`` (issued outside the program), ``dated`` (the date the notice bears),
``consultation_id`` (the consultation a 征求意见书 or 第三方公开决定告知书 is for).
"""
from playhouse.migrate import SchemaMigrator, migrate
import peewee as pw

from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "文书：系统外出具的文号、文书日期、所属征求意见"


def apply(db):
    Base = base_model(db)
    Consultation = existing_table(Base, "request_consultation")
    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column("request_document", "external", pw.BooleanField(default=False)),
        migrator.add_column("request_document", "dated", pw.DateField(null=True)),
        migrator.add_column("request_document", "consultation_id",
                            pw.ForeignKeyField(Consultation, null=True, field=Consultation.id,
                                               on_delete="SET NULL")),
    )
