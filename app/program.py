"""The command a user types to run this program, for messages that tell them to run one (``restore``, ``check``…).

A PyInstaller bundle (``sys.frozen``) is its own executable: on Windows the console program ``zhengwu-gongkai-cli.exe``
beside the windowed one (the windowed program has no console); elsewhere ``zhengwu-gongkai`` when that name on the
PATH is this executable (the .deb links /usr/bin/zhengwu-gongkai to /opt), otherwise the executable's full path. An
installed wheel runs as the ``zhengwu-gongkai`` script; a source tree as ``python -m app``.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from app import APP_ID

_NEEDS_QUOTES = set(" \t\"'&|;()<>^%!$`")


def program() -> str:
    """The program's part of a command line, quoted where it needs to be."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        if sys.platform == "win32":
            return _quoted(str(exe.with_name(f"{APP_ID}-cli.exe")))
        on_path = shutil.which(APP_ID)
        if on_path and os.path.realpath(on_path) == os.path.realpath(exe):
            return APP_ID
        return _quoted(str(exe))
    if Path(sys.argv[0] if sys.argv else "").stem == APP_ID:
        return APP_ID
    return "python -m app"


def command_line(*args: str) -> str:
    """``program()`` followed by ``args``, each quoted where it needs to be (a path with spaces)."""
    return " ".join([program(), *(_quoted(str(a)) for a in args)])


def _quoted(text: str) -> str:
    return f'"{text}"' if not text or _NEEDS_QUOTES & set(text) else text
