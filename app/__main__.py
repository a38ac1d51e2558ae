"""Start-up: ``python -m app`` opens the window; ``python -m app COMMAND`` runs a command without it.

This is the only module under ``app/`` that may import ``ui`` — lazily, and only to open a window.
"""
from __future__ import annotations

import sys

from app import logs
from app.cli import build_parser
from app.errors import ServiceError
from db.errors import explain
from db.migrations import DatabaseTooNew


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from app.paths import default_data_dir
    logs.configure(args.data_dir or default_data_dir())
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
