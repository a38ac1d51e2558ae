"""运行日志: one rotating log file in the data directory, free of personal data.

The log is what a technician reads when something went wrong on an office PC that has no console: the program's own
warnings, Qt's messages (routed here by the window) and every unexpected error with its traceback and a reference
number that the error dialog shows to the user. Applicants' ID numbers, phone numbers and e-mail addresses are masked
before a line is written, whatever logged them (a message, an exception text, a traceback).

The windowed build has no console (``sys.stderr`` is None); nothing here writes to it unguarded.
"""
from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import re
import secrets
import sys
import threading
from pathlib import Path

LOG_DIR = "logs"
LOG_FILE = "zhengwu.log"
MAX_BYTES = 1_000_000
BACKUPS = 5  # zhengwu.log.1 … .5: at most ~6 MB of history
UNEXPECTED = "app.unexpected"  # the logger of unexpected errors
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

# Personal data that may turn up in a message or an exception text. Order matters: the longest patterns first.
_MASKS = [
    (re.compile(r"(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[0-9Xx](?![0-9A-Za-z])"),
     "[证件号码]"),  # 居民身份证 (GB 11643)
    (re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"),
     "[信用代码]"),  # 统一社会信用代码 (GB 32100)
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[电子邮箱]"),
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)"), "[电话]"),  # mobile
    (re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"), "[电话]"),  # landline with area code
]


def mask_personal_data(text: str) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


class _FolderCreatingHandler(logging.handlers.RotatingFileHandler):
    """Creates the log folder on the first line written, so that a command that logs nothing leaves nothing behind."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


class MaskingFormatter(logging.Formatter):
    """Formats as usual (traceback included), then masks personal data in the whole record."""

    def __init__(self, fmt: str, tracebacks: bool = True):
        super().__init__(fmt)
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if not self.tracebacks and (record.exc_info or record.exc_text):
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return mask_personal_data(super().format(record))


_handler: logging.Handler | None = None
_console: logging.Handler | None = None


class _ConsoleHandler(logging.StreamHandler):
    """Warnings to whatever ``sys.stderr`` is when the line is written (it may be replaced, closed or None — the
    windowed build, a test capturing output): never to a stream that has since gone away."""

    def __init__(self):
        super().__init__(sys.stderr)

    def emit(self, record):
        stream = sys.stderr
        if stream is None or getattr(stream, "closed", False):
            return
        self.stream = stream
        super().emit(record)

    def flush(self):
        stream = sys.stderr
        if stream is not None and not getattr(stream, "closed", False):
            self.stream = stream
            super().flush()


def log_path(data_root: str | Path) -> Path:
    return Path(data_root) / LOG_DIR / LOG_FILE


def configure(data_root: str | Path | None, console: bool = True) -> Path | None:
    """Send the program's log to ``<data_root>/logs/zhengwu.log`` (rotating), and warnings also to the console when
    there is one. May be called again for another data directory (tests). Returns the log file. A folder that cannot
    be written does not stop the program: ``logging`` reports the failed line on the console, if there is one."""
    global _handler, _console
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if console and _console is None and sys.stderr is not None:
        _console = _ConsoleHandler()
        _console.setLevel(logging.WARNING)
        _console.setFormatter(MaskingFormatter("%(levelname)s %(name)s: %(message)s", tracebacks=False))
        # An unexpected error is told to the user by whoever caught it (dialog or command line), with its reference.
        _console.addFilter(lambda record: record.name != UNEXPECTED)
        root.addHandler(_console)
    if data_root is None:
        return None
    path = log_path(data_root)
    if _handler is not None and Path(getattr(_handler, "baseFilename", "")) == path.resolve():
        return path
    handler = _FolderCreatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    handler.setFormatter(MaskingFormatter(FORMAT))
    handler.setLevel(logging.INFO)
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = handler
    root.addHandler(handler)
    threading.excepthook = _thread_exception
    return path


def current_log_file() -> Path | None:
    return Path(_handler.baseFilename) if _handler is not None else None


def new_reference() -> str:
    """A reference number the user can read out on the phone: date, time and four random letters or digits."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-" + "".join(secrets.choice(alphabet) for _ in range(4))


def log_unexpected(exc: BaseException, where: str = "") -> str:
    """Write an unexpected error with its traceback to the log; returns the reference number to show the user."""
    ref = new_reference()
    logging.getLogger(UNEXPECTED).error("意外错误 %s%s", ref, f"（{where}）" if where else "",
                                              exc_info=(type(exc), exc, exc.__traceback__))
    return ref


def _thread_exception(args) -> None:
    if args.exc_type is SystemExit:
        return
    log_unexpected(args.exc_value, f"线程 {args.thread.name if args.thread else '?'}")


def close() -> None:
    """Detach the log file and the console handler (at exit, and between tests)."""
    global _handler, _console
    root = logging.getLogger()
    for handler in (_handler, _console):
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    _handler = _console = None
