"""Who is acting: the logged-in user as the services see it.

An ``Actor`` is made at login, but what it may do is read from the database at each check: disabling a user or
taking a role away applies at once to a session already open (another window or another PC included), not at the
next login. ``roles`` keeps the roles held at login, for display.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.permissions import PERMISSIONS, ROLES, permissions_of
from db.models import User, UserRole


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    is_system: bool = False

    @property
    def is_active(self) -> bool:
        """False once the account is disabled (or gone); the program itself and unsaved actors are always active."""
        if self.is_system or self.user_id is None:
            return True
        return bool(User.select(User.is_active).where(User.id == self.user_id).scalar())

    @property
    def current_roles(self) -> frozenset[str]:
        """The roles the user holds now (none once the account is disabled)."""
        if self.is_system:
            return frozenset(ROLES)
        if self.user_id is None:
            return self.roles
        if not self.is_active:
            return frozenset()
        return frozenset(code for (code,) in UserRole.select(UserRole.role).where(UserRole.user == self.user_id)
                         .tuples())

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
