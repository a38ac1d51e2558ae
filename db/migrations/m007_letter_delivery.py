"""Schema step: the 送达 record also holds the delivery of the letters whose periods run from their receipt — a
征求意见书 to a third party or a co-producing agency (条例第三十二条、第三十四条: 15 working days from its receipt) and a
收费通知书 (国办函〔2020〕109号: 20 working days from the day after the applicant receives it). A consultation's reply
period is unknown (NULL) until that delivery is recorded.

Earlier versions counted both periods from the day the letter was sent; for the letters still waiting (no answer, fee
not paid) that date is cleared, so that nothing can be declared overdue before the delivery is recorded.
"""
import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

from db.connection import is_sqlite
from db.migrations.frozen import base_model, existing_table

DESCRIPTION = "征求意见书、收费通知书的送达记录；期限自对方收到之日起计算"


def apply(db):
    Base = base_model(db)
    Consultation = existing_table(Base, "request_consultation")
    Fee = existing_table(Base, "request_fee")
    migrator = SchemaMigrator.from_database(db)
    # Each change only where it is missing, so that the step is safe on a database that already has it.
    delivery = {c.name for c in db.get_columns("request_delivery")}
    reply_due = next(c for c in db.get_columns("request_consultation") if c.name == "reply_due")
    changes = []
    if not reply_due.null:
        if is_sqlite(db):
            _sqlite_reply_due_nullable(db, migrator)
        else:
            changes.append(migrator.drop_not_null("request_consultation", "reply_due"))
    if "consultation_id" not in delivery:
        changes.append(migrator.add_column("request_delivery", "consultation_id", pw.ForeignKeyField(
            Consultation, null=True, on_delete="CASCADE", field=Consultation.id)))
    if "fee_id" not in delivery:
        changes.append(migrator.add_column("request_delivery", "fee_id", pw.ForeignKeyField(
            Fee, null=True, on_delete="CASCADE", field=Fee.id)))
    migrate(*changes)
    db.execute_sql("UPDATE request_consultation SET reply_due = NULL WHERE reply IS NULL AND id NOT IN "
                   "(SELECT consultation_id FROM request_delivery WHERE consultation_id IS NOT NULL)")
    db.execute_sql("UPDATE request_fee SET pay_by = NULL WHERE status = 'pending' AND id NOT IN "
                   "(SELECT fee_id FROM request_delivery WHERE fee_id IS NOT NULL)")



def _sqlite_reply_due_nullable(db, migrator) -> None:
    """SQLite cannot drop a NOT NULL: the table is rebuilt, and dropping the old table fires the ON DELETE actions of
    the tables that point at it (foreign keys stay on inside the step's transaction): a 征求意见书's document would lose
    its consultation. Those links are kept aside and put back."""
    table = "request_consultation"
    children = []
    for (child,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for fk in db.execute_sql(f'PRAGMA foreign_key_list("{child}")').fetchall():
            if fk[2] == table:  # (id, seq, table, from, to, on_update, on_delete, match)
                rows = db.execute_sql(f'SELECT id, "{fk[3]}" FROM "{child}" WHERE "{fk[3]}" IS NOT NULL').fetchall()
                if rows and fk[6] != "SET NULL":
                    raise RuntimeError(f"{child}.{fk[3]} ({fk[6]}) would lose rows when {table} is rebuilt")
                children.append((child, fk[3], rows))
    migrate(migrator.drop_not_null(table, "reply_due"))
    for child, column, rows in children:
        for row_id, value in rows:
            db.execute_sql(f'UPDATE "{child}" SET "{column}" = ? WHERE id = ?', (value, row_id))
