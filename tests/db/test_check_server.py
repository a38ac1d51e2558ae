"""``check`` on a server database: the audit chain, the anchor and every record against its audit trail, as on
SQLite; an edit made outside the program is named."""
import pytest

from app import integrity
from app.workspace import open_workspace
from db.connection import close_database, database

from tests import pg
from tests.db.factories import person

pytestmark = [pytest.mark.sqlite_only,
              pytest.mark.skipif(not pg.ADMIN_URL, reason="needs a PostgreSQL server (ZWGK_TEST_POSTGRES)")]


def test_server_check_finds_an_outside_edit(tmp_path, frozen_clock):
    from app import files, users
    from app.actor import system_actor
    from app.requests import register
    url = pg.empty_url()
    data = str(tmp_path / "data")
    open_workspace(data, url)
    files.configure(tmp_path / "files")
    users.create_user(system_actor("测试"), "zhangming", "张明", "Passw0rd-2026", ["clerk"])
    from db.models import User
    clerk = users.actor_for(User.get(User.username == "zhangming"))
    req = register.register(clerk, person())
    close_database()
    report = integrity.run_server_check(data, url)
    assert report.ok, report.problems
    open_workspace(data, url)
    database.obj.execute_sql("UPDATE disclosure_request SET applicant_name = '李四' WHERE id = %s", (req["id"],))
    close_database()
    report = integrity.run_server_check(data, url)
    assert not report.ok and any("李四" in p for p in report.problems)


def test_unreachable_server_is_told_plainly(tmp_path):
    report = integrity.run_server_check(str(tmp_path), "postgresql://nobody:x@127.0.0.1:1/none")
    assert not report.ok and "无法连接服务器数据库" in report.problems[0]
