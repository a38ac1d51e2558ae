"""All tables. Modules add theirs in a file of their own and a migration step."""
from db.models.calendar import CalendarDay, CalendarYear
from db.models.core import AuditHead, AuditLog, NumberSequence, Office, Role, Setting, User, UserRole

__all__ = ["AuditHead", "AuditLog", "CalendarDay", "CalendarYear", "NumberSequence", "Office", "Role", "Setting", "User",
           "UserRole"]
