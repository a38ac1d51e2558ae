"""Start-up: ``python -m app`` opens the window; ``python -m app COMMAND`` runs a command without it.

This is the only module under ``app/`` that may import ``ui`` — lazily, and only to open a window.
"""
from __future__ import annotations

import io
import logging
import sys

from app import logs
from app.cli import build_parser
from app.errors import ServiceError
from db.errors import explain
from db.migrations import DatabaseTooNew


class _LogStream(io.TextIOBase):
    """Stands in for the missing ``sys.stdout``/``sys.stderr`` of a windowed build (Windows runs it without a
    console: both are None, and ``None.write`` would end the program). What is written goes to the log, a line at a
    time, so that nothing meant for the user is lost without trace."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if line.strip():
                logging.getLogger(self.name).info("%s", line)
        return len(text)

    def isatty(self) -> bool:
        return False


def guard_missing_streams() -> None:
    """Give a windowed build's absent console streams a harmless stand-in. Called once the log is configured (which
    then has no console handler); before that, ``print`` and ``argparse`` skip a missing stream by themselves."""
    if sys.stdout is None:
        sys.stdout = _LogStream("stdout")
    if sys.stderr is None:
        sys.stderr = _LogStream("stderr")


def main(argv: list[str] | None = None) -> int:
    from app.paths import default_data_dir, move_roaming_data_dir
    args = build_parser().parse_args(argv)
    moved = None if args.data_dir else move_roaming_data_dir()  # before the log opens a file in the old folder
    logs.configure(args.data_dir or default_data_dir())
    guard_missing_streams()
    if moved:
        logging.getLogger("app.paths").log(logging.INFO if moved.done else logging.WARNING, "%s", moved.message)
    try:
        if args.command is None:
            from ui.application import run_gui
            return run_gui(args.data_dir, args.database)
        if args.command == "smoke":
            from ui.smoke import run_smoke
            return run_smoke(args.data_dir, args.database)
        return args.handler(args) or 0
    except ServiceError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1
    except DatabaseTooNew as err:
        print(f"错误：{err}", file=sys.stderr)
        return 3
    except Exception as err:  # noqa: BLE001 - the last line of defence: known storage errors in plain words
        message = explain(err)
        if message is None:
            reference = logs.log_unexpected(err, f"命令 {args.command or '窗口'}")
            print(f"错误：程序出现意外错误（参考编号 {reference}），经过已记入运行日志 {logs.current_log_file()}",
                  file=sys.stderr)
            return 70
        print(f"错误：{message}（{err}）", file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(main())
