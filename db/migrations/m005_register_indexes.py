"""Schema step: indexes for a register of a million requests — table 三 of a year read from one narrow index (the
dates, applicant type and outcome) instead of the whole table."""

DESCRIPTION = "登记簿统计索引"

SQL = [
    "CREATE INDEX IF NOT EXISTS disclosure_request_report ON disclosure_request "
    "(applicant_type, outcome, decided_date, received_date)",
]


def apply(db):
    for sql in SQL:
        db.execute_sql(sql)
