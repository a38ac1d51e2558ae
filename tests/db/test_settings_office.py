import pytest

from app import audit, office, settings
from app.audit import AuditFilter
from app.errors import PermissionDenied, ServiceError, ValidationError


def test_defaults_until_set(db, system):
    assert settings.get("numbering.request") == "{year}-依申请-{seq:04d}"
    changed = settings.set_many(system, {"office.abbreviation": "X"})
    assert changed == {"office.abbreviation": "X"}
    assert settings.get("office.abbreviation") == "X"
    assert settings.set_many(system, {"office.abbreviation": "X"}) == {}  # unchanged: nothing written
    assert audit.count(system, AuditFilter(action="setting.update")) == 1


def test_all_or_nothing(db, system):
    with pytest.raises(ValidationError):
        settings.set_many(system, {"office.abbreviation": "Y", "numbering.notice": "{bad}"})
    assert settings.get("office.abbreviation") == ""


def test_unknown_key(db, system):
    with pytest.raises(ValidationError, match="没有这个设置项"):
        settings.set_many(system, {"nope": 1})


def test_typed_option_validation():
    opt = settings.Option("t.days", "int", 20, "答复期限", "测试", minimum=1, maximum=60)
    assert opt.normalise("15") == 15
    with pytest.raises(ValidationError, match="答复期限：不能大于 60"):
        opt.normalise(61)
    with pytest.raises(ValidationError, match="应为整数"):
        opt.normalise("二十")


def test_office_profile_validation_and_audit(db, system, make_user):
    with pytest.raises(ValidationError) as err:
        office.save_profile(system, {"name": "", "org_code": "91350100M000100Y44", "phone": "123"})
    assert [f for f, _ in err.value.problems] == ["机关名称", "统一社会信用代码", "咨询电话"]
    office.save_profile(system, {"name": "某县人民政府办公室", "org_code": "91350100m000100y43", "phone": "0871-1234567"})
    assert office.get_profile()["org_code"] == "91350100M000100Y43"
    with pytest.raises(PermissionDenied):
        office.save_profile(make_user("clerk"), {"name": "x"})
    assert audit.count(system, AuditFilter(entity="office")) == 1


def test_first_run_setup_only_once(db):
    actor = office.first_run_setup({"name": "某乡人民政府"}, "admin", "王管理", "Passw0rd-2026")
    assert actor.roles == {"admin"}
    assert office.is_set_up()
    with pytest.raises(ServiceError, match="不能重复初始化"):
        office.first_run_setup({"name": "某乡人民政府"}, "admin2", "王管理", "Passw0rd-2026")


def test_first_run_setup_is_atomic(db):
    with pytest.raises(ValidationError):
        office.first_run_setup({"name": "某乡人民政府"}, "admin", "王管理", "short")
    assert office.get_profile() is None


def test_first_run_setup_on_a_database_with_users_but_no_administrator(db, make_user):
    make_user("clerk", username="zhangming")
    assert not office.is_set_up()
    with pytest.raises(ValidationError, match="已被其他账户使用"):
        office.first_run_setup({"name": "某乡人民政府"}, "zhangming", "王管理", "Passw0rd-2026")
    actor = office.first_run_setup({"name": "某乡人民政府"}, "admin", "王管理", "Passw0rd-2026")
    assert actor.roles == {"admin"} and office.is_set_up()


def test_a_disabled_administrator_does_not_count(db):
    from db.models import User
    actor = office.first_run_setup({"name": "某乡人民政府"}, "admin", "王管理", "Passw0rd-2026")
    User.update(is_active=False).where(User.id == actor.user_id).execute()
    assert not office.has_administrator() and not office.is_set_up()


def test_the_administrator_may_also_be_a_clerk(db):
    actor = office.first_run_setup({"name": "某乡人民政府"}, "admin", "王管理", "Passw0rd-2026", also_clerk=True)
    assert actor.roles == {"admin", "clerk"} and actor.can("request.register")


@pytest.mark.parametrize("values,field,reason", [
    ({"name": "某" * 61}, "机关名称", "不能超过60个字"),
    ({"name": "某县人民政府\n办公室"}, "机关名称", "不能换行"),
    ({"name": "某县人民政府办公室", "address": "人民路\x0b1号"}, "办公地址", "不能换行"),
    ({"name": "某县人民政府办公室", "office_hours": "工作日 9:00—17:00 🕘"}, "办公时间", "无法打印"),
])
def test_office_profile_text_rules(db, system, values, field, reason):
    with pytest.raises(ValidationError) as err:
        office.save_profile(system, values)
    assert any(f == field and reason in r for f, r in err.value.problems), err.value.problems
    assert office.get_profile() is None
