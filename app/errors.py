"""The one error type services raise, with a message a clerk understands (in Chinese)."""
from __future__ import annotations

from db import connection as _connection


class ServiceError(Exception):
    """A request the office's rules refuse. ``str(err)`` is the message to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(ServiceError):
    """Bad input: names the field and the reason. Several problems may be reported at once."""

    def __init__(self, field: str | None, reason: str | None = None, problems: list[tuple[str, str]] | None = None):
        self.problems = list(problems or [])
        if field is not None:
            self.problems.insert(0, (field, reason or ""))
        self.field = self.problems[0][0] if self.problems else None
        super().__init__("；".join(f"{f}：{r}" if f else r for f, r in self.problems))


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class InvalidState(ServiceError):
    """The action does not apply to the record in its current state."""


class NeedsConfirmation(ServiceError):
    """Not a refusal: something the user should look at twice (a notice dated on a rest day). The message asks the
    question; the caller repeats the call with ``confirmed=True`` when the user agrees."""


class RecordChanged(ServiceError):
    """Someone else saved the record after it was read: nothing was written. ``differences`` lists
    (field label, value when read, value now) so the window can show what changed."""

    def __init__(self, what: str, differences: list[tuple[str, str, str]]):
        self.differences = list(differences)
        lines = "；".join(f"{label}：“{seen}” → “{now}”" for label, seen, now in self.differences[:8])
        more = f"等 {len(self.differences)} 项" if len(self.differences) > 8 else ""
        super().__init__(f"{what}已被其他用户修改（{lines}{more}），本次修改没有保存。请重新打开后再修改。")


class AuthenticationFailed(ServiceError):
    pass


class StorageError(ServiceError):
    """A known problem of the storage (locked, read-only, disk full, damaged file), told plainly."""


class Cancelled(ServiceError):
    """The user stopped long work; the message says what was left undone (and that nothing was left half-made)."""


class Problems:
    """Collects validation problems so a form reports every bad field at once."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []

    def add(self, field: str, reason: str) -> None:
        self.items.append((field, reason))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(None, problems=self.items)


def storage_message(exc: BaseException) -> str | None:
    """Plain words for a known storage failure (locked, read-only, disk full, damaged), else ``None``."""
    if isinstance(exc, StorageError):
        return exc.message
    from db.errors import explain
    return explain(exc)


def _as_storage_error(exc: BaseException) -> StorageError | None:
    message = storage_message(exc)
    return StorageError(message) if message else None


# A failed save of a known kind reaches the window as a ``StorageError``, told like any refused change.
_connection.translate_errors(_as_storage_error)
