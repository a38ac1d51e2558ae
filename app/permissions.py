"""Roles and the named actions each may perform — the one place this mapping lives.

Services call ``require(actor, "request.register")``; hiding a button in the window is a convenience, not the check.
"""
from __future__ import annotations

from app.errors import PermissionDenied

# Role codes and their names, in the order the window lists them.
ROLES: dict[str, str] = {
    "clerk": "经办人",
    "section_head": "科室负责人",
    "secrecy_reviewer": "保密审查员",
    "leader": "分管领导",
    "principal": "主要领导",
    "supervisor": "监督员",
    "admin": "管理员",
}

# Every protected action, with the words the refusal message uses.
PERMISSIONS: dict[str, str] = {
    "user.manage": "管理用户和角色",
    "office.edit": "修改机关信息",
    "settings.manage": "修改系统设置",
    "audit.view": "查看审计日志",
    "audit.export": "导出审计日志",
    "calendar.manage": "维护节假日安排",
}

_LEADERS = {"audit.view"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "clerk": frozenset(),
    "section_head": frozenset({"audit.view"}),
    "secrecy_reviewer": frozenset(),
    "leader": frozenset(_LEADERS),
    "principal": frozenset(_LEADERS),
    "supervisor": frozenset(),
    "admin": frozenset({"user.manage", "office.edit", "settings.manage", "audit.view", "audit.export",
                        "calendar.manage"}),
}


def permissions_of(roles) -> frozenset[str]:
    out: set[str] = set()
    for r in roles:
        out |= ROLE_PERMISSIONS.get(r, frozenset())
    return frozenset(out)


def roles_with(permission: str) -> list[str]:
    return [code for code, perms in ROLE_PERMISSIONS.items() if permission in perms]


def require(actor, permission: str) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may perform ``permission``."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    if actor is None or not actor.can(permission):
        who = actor.display_name if actor is not None else "未登录用户"
        need = "、".join(ROLES[r] for r in roles_with(permission)) or "（无）"
        raise PermissionDenied(f"{who}没有「{PERMISSIONS[permission]}」的权限（需要角色：{need}）")
