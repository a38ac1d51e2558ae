"""Who is acting: the logged-in user as the services see it.

An ``Actor`` is made at login, but what it may do is read from the database at each check: disabling a user or
taking a role away applies at once to a session already open (another window or another PC included), not at the
next login. ``roles`` keeps the roles held at login, for display.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.permissions import PERMISSIONS, ROLES, permissions_of
from db.connection import database
from db.models import User, UserRole


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    is_system: bool = False

    def _stored_state(self) -> tuple[bool, frozenset[str]]:
        """(active, roles) as stored now: one indexed query, about as cheap as a cache's version check would be."""
        db = database.obj
        users, roles = User._meta.table_name, UserRole._meta.table_name
        rows = db.execute_sql(f"SELECT u.is_active, r.role_code FROM {users} u LEFT JOIN {roles} r "
                              f"ON r.user_id = u.id WHERE u.id = {db.param}", (self.user_id,)).fetchall()
        if not rows or not rows[0][0]:
            return False, frozenset()
        return True, frozenset(code for _active, code in rows if code)

    @property
    def is_active(self) -> bool:
        """False once the account is disabled (or gone); the program itself and unsaved actors are always active."""
        if self.is_system or self.user_id is None:
            return True
        return self._stored_state()[0]

    @property
    def current_roles(self) -> frozenset[str]:
        """The roles the user holds now (none once the account is disabled)."""
        if self.is_system:
            return frozenset(ROLES)
        if self.user_id is None:
            return self.roles
        return self._stored_state()[1]

    @property
    def permissions(self) -> frozenset[str]:
        if self.is_system:
            return frozenset(PERMISSIONS)
        return permissions_of(self.current_roles)

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def has_role(self, role: str) -> bool:
        return self.is_system or role in self.current_roles

    @property
    def role_names(self) -> str:
        return "、".join(ROLES[r] for r in ROLES if r in self.roles)


def system_actor(label: str = "系统") -> Actor:
    """The program itself (set-up, command-line maintenance, migrations): may do everything, is named in the audit."""
    return Actor(user_id=None, username="system", display_name=label, roles=frozenset(ROLES), is_system=True)
