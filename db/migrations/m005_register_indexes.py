"""Schema step: indexes for a register of a million requests — table 三 of a year read from one narrow index (the
dates, applicant type and outcome) instead of the whole table; on PostgreSQL, the register's sort on a date that may
be empty (empty dates last, as SQLite sorts them) read from an index in that order."""

DESCRIPTION = "登记簿统计索引"

SQL = [
    "CREATE INDEX IF NOT EXISTS disclosure_request_report ON disclosure_request "
    "(applicant_type, outcome, decided_date, received_date)",
]


PG_SQL = [
    f"CREATE INDEX IF NOT EXISTS disclosure_request_{col}_{way}_sort ON disclosure_request "
    f"({col} {way.upper()} NULLS LAST, id {way.upper()})"
    for col in ("due_date", "decided_date") for way in ("asc", "desc")
]


def apply(db):
    from db.connection import is_sqlite
    for sql in SQL + ([] if is_sqlite(db) else PG_SQL):
        db.execute_sql(sql)
