"""Who is acting: the logged-in user as the services see it."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.permissions import PERMISSIONS, ROLES, permissions_of


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    is_system: bool = False

    @property
    def permissions(self) -> frozenset[str]:
        if self.is_system:
            return frozenset(PERMISSIONS)
        return permissions_of(self.roles)

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def has_role(self, role: str) -> bool:
        return self.is_system or role in self.roles

    @property
    def role_names(self) -> str:
        return "、".join(ROLES[r] for r in ROLES if r in self.roles)


def system_actor(label: str = "系统") -> Actor:
    """The program itself (set-up, command-line maintenance, migrations): may do everything, is named in the audit."""
    return Actor(user_id=None, username="system", display_name=label, roles=frozenset(ROLES), is_system=True)
