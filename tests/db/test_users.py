"""Users, roles, passwords and login lockout."""
import datetime as dt

import pytest

from app import audit, users
from app.audit import AuditFilter
from app.errors import AuthenticationFailed, PermissionDenied, ServiceError, ValidationError


def test_create_and_login(db, system, frozen_clock):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk", "section_head"])
    actor = users.authenticate("zhang", "Passw0rd-2026")
    assert actor.display_name == "张三"
    assert actor.roles == {"clerk", "section_head"}
    assert actor.role_names == "经办人、科室负责人"


def test_password_never_reaches_the_audit_trail(db, system):
    users.create_user(system, "zhang", "张三", "Secret-Pass-2026", ["clerk"])
    rows = audit.fetch(system, AuditFilter(), 0, 100)
    blob = " ".join((r["before"] or "") + (r["after"] or "") for r in rows)
    assert "Secret-Pass-2026" not in blob
    assert "scrypt" not in blob


def test_validation_names_every_bad_field(db, system):
    with pytest.raises(ValidationError) as err:
        users.create_user(system, "x", "", "short", [])
    fields = [f for f, _ in err.value.problems]
    assert fields == ["用户名", "姓名", "密码", "角色"]
    assert "至少8个字符" in str(err.value)


@pytest.mark.parametrize("name,reason", [("李" * 51, "不能超过50个字"), ("张\x07明", "控制字符"), ("张明😀", "无法打印"),
                                         ("张\n明", "不能换行"), ("  ", "不能为空")])
def test_display_names_follow_the_text_rule(db, system, name, reason):
    with pytest.raises(ValidationError) as err:
        users.create_user(system, "zhangming", name, "Passw0rd-2026", ["clerk"])
    assert err.value.problems[0][0] == "姓名" and reason in err.value.problems[0][1]
    row = users.create_user(system, "zhangming", " 张明 ", "Passw0rd-2026", ["clerk"])
    assert row["display_name"] == "张明"
    with pytest.raises(ValidationError) as err:
        users.update_user(system, row["id"], name, ["clerk"])
    assert err.value.problems[0][0] == "姓名"


def test_duplicate_username_refused(db, system):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    with pytest.raises(ValidationError, match="已被使用"):
        users.create_user(system, "zhang", "张三丰", "Passw0rd-2026", ["clerk"])


def test_lockout_after_five_failures_for_fifteen_minutes(db, system, frozen_clock):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    for i in range(4):
        with pytest.raises(AuthenticationFailed, match=f"再错{4 - i}次"):
            users.authenticate("zhang", "wrong-password")
    with pytest.raises(AuthenticationFailed, match="已锁定15分钟"):
        users.authenticate("zhang", "wrong-password")
    # even the right password is refused while locked
    frozen_clock.advance(minutes=14)
    with pytest.raises(AuthenticationFailed, match="账户已锁定"):
        users.authenticate("zhang", "Passw0rd-2026")
    frozen_clock.advance(minutes=2)
    assert users.authenticate("zhang", "Passw0rd-2026").username == "zhang"
    assert audit.count(system, AuditFilter(action="login.locked")) == 1
    assert audit.count(system, AuditFilter(action="login.failure")) == 6


def test_lock_expiry_gives_a_fresh_count(db, system, frozen_clock):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            users.authenticate("zhang", "bad-password")
    frozen_clock.advance(minutes=16)
    with pytest.raises(AuthenticationFailed, match="再错4次"):
        users.authenticate("zhang", "bad-password")


def test_success_resets_the_failure_count(db, system, frozen_clock):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            users.authenticate("zhang", "bad-password")
    users.authenticate("zhang", "Passw0rd-2026")
    with pytest.raises(AuthenticationFailed, match="再错4次"):
        users.authenticate("zhang", "bad-password")


def test_unknown_user_and_wrong_password_look_the_same(db, system):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    with pytest.raises(AuthenticationFailed) as a:
        users.authenticate("nobody", "Passw0rd-2026")
    with pytest.raises(AuthenticationFailed) as b:
        users.authenticate("zhang", "bad-password")
    assert str(a.value).split("（")[0] == str(b.value).split("（")[0] == "用户名或密码不正确"


def test_admin_reset_lifts_lock_and_forces_change(db, system, frozen_clock):
    row = users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            users.authenticate("zhang", "bad-password")
    users.reset_password(system, row["id"], "New-Passw0rd-1")
    actor = users.authenticate("zhang", "New-Passw0rd-1")
    assert users.must_change_password(actor)
    users.change_password(actor, "New-Passw0rd-1", "Mine-Passw0rd-2")
    assert not users.must_change_password(actor)
    with pytest.raises(ValidationError, match="原密码"):
        users.change_password(actor, "wrong", "Another-Pass-3")


def test_disabled_user_cannot_log_in_and_is_kept(db, system, make_user):
    admin = make_user("admin")
    row = users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    users.set_active(admin, row["id"], False)
    with pytest.raises(AuthenticationFailed, match="已停用"):
        users.authenticate("zhang", "Passw0rd-2026")
    assert any(u["username"] == "zhang" and not u["is_active"] for u in users.list_users(admin))
    users.set_active(admin, row["id"], True)
    assert users.authenticate("zhang", "Passw0rd-2026")


def test_last_admin_is_protected(db, system, make_user):
    admin = make_user("admin")
    with pytest.raises(ServiceError, match="不能停用自己"):
        users.set_active(admin, admin.user_id, False)
    with pytest.raises(ValidationError, match="最后一个在用的管理员"):
        users.update_user(admin, admin.user_id, "管理员", ["clerk"])
    other = make_user("admin")
    users.update_user(admin, admin.user_id, "管理员", ["clerk"])  # now allowed: another admin exists
    with pytest.raises(PermissionDenied):  # no longer an administrator, from this call on
        users.set_active(admin, other.user_id, False)
    with pytest.raises(ServiceError, match="最后一个在用的管理员"):
        users.set_active(system, other.user_id, False)


def test_update_roles_is_audited_with_before_and_after(db, system):
    row = users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    users.update_user(system, row["id"], "张三", ["clerk", "leader"])
    last = audit.fetch(system, AuditFilter(action="user.update"), 0, 1)[0]
    assert '"clerk"' in last["before"] and '"leader"' in last["after"]


def test_only_administrators_manage_users(db, make_user):
    clerk = make_user("clerk")
    with pytest.raises(PermissionDenied):
        users.create_user(clerk, "wang", "王五", "Passw0rd-2026", ["clerk"])


def test_unknown_user_name_is_not_recorded_as_typed(db, system):
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    with pytest.raises(AuthenticationFailed):
        users.authenticate("My-Secret-Pass-2026", "")  # the password typed into the user-name box
    rows = audit.fetch(system, AuditFilter(action="login.failure"), 0, 10)
    assert len(rows) == 1
    assert rows[0]["username"] == users.UNKNOWN_USERNAME
    blob = repr(rows) + repr(audit.choices(system))
    assert "My-Secret-Pass-2026" not in blob


def test_unknown_user_spends_the_same_verification_as_a_known_one(db, system, monkeypatch):
    """The time of a login is the scrypt verification: an unknown name spends one at the same cost."""
    from app import passwords
    users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    spent = []
    real = passwords._scrypt
    monkeypatch.setattr(passwords, "_scrypt", lambda pw, salt, cost, n: spent.append(cost) or real(pw, salt, cost, n))
    for name in ("nobody", "zhang"):
        with pytest.raises(AuthenticationFailed):
            users.authenticate(name, "bad-password")
    assert spent == [passwords.COST, passwords.COST]


def test_login_rehashes_a_hash_made_at_an_older_cost(db, system, monkeypatch):
    from app import passwords
    from db.models import User
    monkeypatch.setattr(passwords, "COST", passwords.Cost(2 ** 10, 8, 1))
    row = users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    monkeypatch.setattr(passwords, "COST", passwords.Cost(2 ** 11, 8, 1))
    assert User.get_by_id(row["id"]).password_hash.startswith("scrypt$1024$")
    users.authenticate("zhang", "Passw0rd-2026")
    stored = User.get_by_id(row["id"]).password_hash
    assert stored.startswith("scrypt$2048$8$1$") and not passwords.needs_rehash(stored)
    assert users.authenticate("zhang", "Passw0rd-2026").username == "zhang"
    rows = audit.fetch(system, AuditFilter(action="login.success"), 0, 10, descending=False)
    assert [r["after"] for r in rows] == ['{"rehashed": true}', None]


def test_wrong_password_for_a_disabled_user_says_nothing_about_the_account(db, system, make_user):
    admin = make_user("admin")
    row = users.create_user(system, "zhang", "张三", "Passw0rd-2026", ["clerk"])
    users.set_active(admin, row["id"], False)
    with pytest.raises(AuthenticationFailed) as err:
        users.authenticate("zhang", "bad-password")
    assert "停用" not in str(err.value)


def test_disabling_a_user_stops_the_open_session(db, system, make_user, tmp_path):
    from app import files
    from app.requests import query, register
    from app.requests.query import RegisterFilter
    from tests.db.factories import person
    files.configure(tmp_path / "files")
    admin = make_user("admin")
    clerk = make_user("clerk")
    register.register(clerk, person())
    users.set_active(admin, clerk.user_id, False)
    with pytest.raises(PermissionDenied, match="账户已停用"):
        query.count(clerk, RegisterFilter())
    with pytest.raises(PermissionDenied, match="账户已停用"):
        register.register(clerk, person())
    with pytest.raises(PermissionDenied, match="账户已停用"):
        users.change_password(clerk, "Passw0rd-2026", "Another-Pass-3")
    assert not clerk.can("request.view")
    users.set_active(admin, clerk.user_id, True)
    assert query.count(clerk, RegisterFilter()) == 1


def test_taking_a_role_away_applies_to_the_open_session(db, system, make_user, tmp_path):
    from app import files
    from app.requests import detail, register
    from tests.db.factories import person
    files.configure(tmp_path / "files")
    admin = make_user("admin")
    clerk = make_user("clerk")
    rid = register.register(clerk, person())["id"]
    assert detail.detail(clerk, rid)["id_number"] == person()["id_number"]
    users.update_user(admin, clerk.user_id, clerk.display_name, ["supervisor"])
    with pytest.raises(PermissionDenied):
        register.register(clerk, person())
    shown = detail.detail(clerk, rid)
    assert shown["identity_masked"] and shown["id_number"] != person()["id_number"]
    assert clerk.role_names == "经办人"  # the roles held at login, for display only
