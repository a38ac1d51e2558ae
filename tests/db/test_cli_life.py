"""The command line's set-up commands: ``init --admin`` and ``demo`` on the folders an office really has, and an
unexpected error told with a reference number instead of a traceback."""
import re

import pytest

from app import logs
from app.__main__ import main
from db.connection import close_database


@pytest.fixture
def run(tmp_path, frozen_clock, capsys):
    import datetime as dt
    frozen_clock.set(dt.datetime(2026, 11, 20, 9, 0))
    (tmp_path / "pw").write_text("Passw0rd-2026\n", encoding="utf-8")

    def run(*args):
        code = main(["--data-dir", str(tmp_path / "data"), *args])
        close_database()
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    logs.close()
    close_database()


def test_demo_on_an_empty_folder_makes_an_office_that_opens(run, tmp_path):
    from app import office, users
    from app.workspace import open_workspace
    code, out, _ = run("demo", "--requests", "3", "--seed", "2")
    assert code == 0
    m = re.search(r"管理员账户 (\S+)\n管理员密码：(\S+)　", out)
    assert m, out
    open_workspace(str(tmp_path / "data"))
    assert office.is_set_up() and users.authenticate(m.group(1), m.group(2)).roles == {"admin"}


def test_init_admin_on_a_folder_with_users_but_no_administrator(run, tmp_path):
    from app import office, users
    from app.actor import system_actor
    from app.workspace import open_workspace
    open_workspace(str(tmp_path / "data"))
    users.create_user(system_actor("测试"), "zhangming", "张明", "Passw0rd-2026", ["clerk"])
    close_database()
    code, out, err = run("init", "--admin", "admin", "--password-file", str(tmp_path / "pw"), "--office", "某某镇人民政府")
    assert code == 0 and "建立管理员账户 admin" in out, err
    open_workspace(str(tmp_path / "data"))
    assert office.is_set_up() and office.get_profile()["name"] == "某某镇人民政府"
    close_database()
    code, out, _ = run("init", "--admin", "admin2", "--password-file", str(tmp_path / "pw"), "--office", "某某镇人民政府")
    assert code == 0 and "未新建管理员" in out


def test_init_then_demo_then_demo_refuses_nothing_but_a_live_register(run, tmp_path):
    from app.requests import register
    from app.workspace import open_workspace
    from db.models import User
    from tests.db.factories import person
    assert run("init", "--admin", "admin", "--password-file", str(tmp_path / "pw"), "--office", "某某镇人民政府")[0] == 0
    code, out, err = run("demo", "--requests", "3")
    assert code == 0 and "管理员账户" not in out, err
    open_workspace(str(tmp_path / "data"))
    from app import users
    clerk = users.actor_for(User.get(User.username == "zhangming"))
    register.register(clerk, person())  # the office starts using the demo folder for real
    close_database()
    code, _, err = run("demo", "--requests", "3")
    assert code == 1 and "不是演示数据生成的记录（1件申请）" in err


def test_an_unexpected_error_gives_a_reference_and_no_traceback(run, tmp_path, monkeypatch):
    from app import demo
    monkeypatch.setattr(demo, "fill", lambda *a: {}["意外"])
    code, _, err = run("demo")
    assert code == 70 and "Traceback" not in err
    reference = re.search(r"参考编号 (\S+)）", err).group(1)
    logs.close()
    assert f"意外错误 {reference}" in (tmp_path / "data" / "logs" / "zhengwu.log").read_text(encoding="utf-8")
