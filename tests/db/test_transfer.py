"""迁移到服务器数据库: an office's SQLite database copied into an empty PostgreSQL database keeps every row, its ids,
its audit chain and its numbering."""
import datetime as dt

import pytest

from app import audit, transfer
from app.errors import ServiceError
from app.requests import query, register
from app.requests.query import RegisterFilter
from db.connection import close_database, open_database

from tests import pg
from tests.db.factories import company, person

pytestmark = [pytest.mark.sqlite_only,
              pytest.mark.skipif(not pg.ADMIN_URL, reason="needs a PostgreSQL server (ZWGK_TEST_POSTGRES)")]


def test_copy_keeps_rows_chain_and_numbering(staff, registered, db, tmp_path):
    clerk = staff["clerk"]
    register.register(clerk, company(description="某某路道路拓宽工程招标文件", received_date=dt.date(2026, 5, 29)))
    source = db.database
    expected = {t: db.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                for t in ("disclosure_request", "audit_log", "app_user", "request_event")}
    close_database()
    url = pg.empty_url()
    report = transfer.copy_database(source, url)
    for table, count in expected.items():
        assert report.counts[table] == count
    open_database(url)
    assert audit.verify_chain().ok and audit.verify_chain().rows == expected["audit_log"]
    found = [r["number"] for r in query.fetch(clerk, RegisterFilter(text="拓宽工程"), 0, 10)]
    assert found == ["2026-依申请-0002"]
    after = register.register(clerk, person(received_date=dt.date(2026, 6, 1)))  # sequences and counters carried on
    assert after["number"] == "2026-依申请-0003" and after["id"] == 3
    close_database()
    with pytest.raises(ServiceError, match="已有数据"):
        transfer.copy_database(source, url)


def test_target_must_be_a_server_database(db, tmp_path):
    with pytest.raises(ServiceError, match="PostgreSQL"):
        transfer.copy_database(db.database, "sqlite:///" + str(tmp_path / "x.db"))
