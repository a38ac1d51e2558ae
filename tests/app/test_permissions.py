import pytest

from app.actor import Actor, system_actor
from app.errors import PermissionDenied
from app.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES, require


def test_every_role_is_mapped_and_every_mapped_permission_is_declared():
    assert set(ROLE_PERMISSIONS) == set(ROLES)
    for perms in ROLE_PERMISSIONS.values():
        assert perms <= set(PERMISSIONS)


def test_every_permission_belongs_to_some_role():
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted == set(PERMISSIONS)


def test_refusal_names_the_action_and_the_roles_that_may():
    clerk = Actor(None, "li", "李四", frozenset({"clerk"}))  # not a stored user: its roles are taken as given
    with pytest.raises(PermissionDenied) as err:
        require(clerk, "user.manage")
    assert "李四" in str(err.value) and "管理用户和角色" in str(err.value) and "管理员" in str(err.value)


def test_system_actor_may_do_everything():
    s = system_actor()
    for p in PERMISSIONS:
        require(s, p)


def test_unknown_permission_is_a_bug():
    with pytest.raises(KeyError):
        require(system_actor(), "no.such.thing")
