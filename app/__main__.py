"""Start-up: ``python -m app`` opens the window; ``python -m app COMMAND`` runs a command without it.

This is the only module under ``app/`` that may import ``ui`` — lazily, and only to open a window.
"""
from __future__ import annotations

import logging
import sys

from app.cli import build_parser
from app.errors import ServiceError
from db.errors import explain
from db.migrations import DatabaseTooNew


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
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
            raise
        print(f"错误：{message}（{err}）", file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(main())
