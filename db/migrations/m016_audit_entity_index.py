"""Schema step: the audit rows of one record found by its entity and id, so that ``check`` compares a large register
a chunk of records at a time (app/integrity.py) instead of holding every record's audited values at once (a million
requests: more than 2 GB)."""

DESCRIPTION = "审计日志按记录索引"

SQL = [
    "CREATE INDEX IF NOT EXISTS audit_log_entity_record ON audit_log (entity, entity_id, seq)",
]


def apply(db):
    for sql in SQL:
        db.execute_sql(sql)
