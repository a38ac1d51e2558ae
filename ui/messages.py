"""Message boxes go through this one small service, so that tests can replace it and read what the user was told."""
from __future__ import annotations

from ui.qt import QtWidgets


class Messages:
    def info(self, parent, title: str, text: str) -> None:
        QtWidgets.QMessageBox.information(parent, title, text)

    def warning(self, parent, title: str, text: str) -> None:
        QtWidgets.QMessageBox.warning(parent, title, text)

    def error(self, parent, title: str, text: str) -> None:
        QtWidgets.QMessageBox.critical(parent, title, text)

    def confirm(self, parent, title: str, text: str) -> bool:
        answer = QtWidgets.QMessageBox.question(parent, title, text,
                                                QtWidgets.QMessageBox.Yes | QtWidgets.QMessageBox.No,
                                                QtWidgets.QMessageBox.No)
        return answer == QtWidgets.QMessageBox.Yes


class RecordingMessages(Messages):
    """For tests: records every message; ``confirm`` answers with ``answer``."""

    def __init__(self, answer: bool = True):
        self.log: list[tuple[str, str, str]] = []
        self.answer = answer

    def info(self, parent, title, text):
        self.log.append(("info", title, text))

    def warning(self, parent, title, text):
        self.log.append(("warning", title, text))

    def error(self, parent, title, text):
        self.log.append(("error", title, text))

    def confirm(self, parent, title, text):
        self.log.append(("confirm", title, text))
        return self.answer

    def last(self) -> tuple[str, str, str] | None:
        return self.log[-1] if self.log else None


service: Messages = Messages()


def set_service(new: Messages) -> Messages:
    """Replace the message service (tests); returns the previous one."""
    global service
    old, service = service, new
    return old


def info(parent, title: str, text: str) -> None:
    service.info(parent, title, text)


def warning(parent, title: str, text: str) -> None:
    service.warning(parent, title, text)


def error(parent, title: str, text: str) -> None:
    service.error(parent, title, text)


def confirm(parent, title: str, text: str) -> bool:
    return service.confirm(parent, title, text)


def show_error(parent, err: Exception, title: str = "无法完成") -> None:
    """Tell the user about a refused service call (``ServiceError``) or a known storage problem."""
    from app.errors import ServiceError, storage_message
    if isinstance(err, ServiceError):
        warning(parent, title, str(err))
        return
    text = storage_message(err)
    if text is None:
        raise err
    error(parent, "数据库错误", f"{text}\n\n（{err}）")
