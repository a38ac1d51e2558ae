"""迁移到服务器数据库 with information items: their rows are copied, their SQLite search index is not (the server
answers the same search from its pg_trgm indexes)."""
import pytest

from app import transfer
from app.publication import query, review
from db.connection import close_database, open_database

from tests import pg

pytestmark = [pytest.mark.sqlite_only,
              pytest.mark.skipif(not pg.ADMIN_URL, reason="needs a PostgreSQL server (ZWGK_TEST_POSTGRES)")]


def test_items_move_to_the_server_and_are_found_there(crew, drafted, db):
    review.submit(crew["drafter"], drafted, confirm_content=True)
    source = db.database
    close_database()
    url = pg.empty_url()
    report = transfer.copy_database(source, url)
    assert report.counts["info_item"] == 1 and report.counts["info_item_event"] == 2
    assert not any(t.startswith("info_item_fts") for t in report.counts)
    open_database(url)
    assert [r["id"] for r in query.fetch(crew["leader"], query.ItemFilter(text="最低生活保障"), 0, 10)] == [drafted]
    close_database()
