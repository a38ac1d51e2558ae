"""The command line: ``python -m app [--data-dir DIR] [COMMAND]``. Each command lives in a module of its own that
adds its sub-parser in ``register`` and does its work in the function it sets as ``handler``."""
from __future__ import annotations

import argparse
import importlib

from app import APP_NAME, __version__
from app.cli.zh_argparse import ArgumentParser
from app.program import program

# Modules that add commands, in the order ``--help`` lists them.
COMMAND_MODULES = [
    "app.cli.maintenance",
    "app.cli.calendar_commands",
    "app.cli.requests_commands",
    "app.cli.report_commands",
    "app.cli.publication_commands",
    "app.cli.supervisors_commands",
    "app.cli.complaints_commands",
    "app.cli.assessment_commands",
    "app.cli.guide_commands",
    "app.cli.redaction_commands",
    "app.cli.documents_commands",
    "app.cli.ocr_commands",
    "app.cli.server_commands",
    "app.cli.backup_commands",
]


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog=program(),
                            description=f"{APP_NAME}：政府信息公开工作的桌面程序。不带命令时打开程序窗口。")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认为本机用户数据目录）")
    parser.add_argument("--database", metavar="URL",
                        help="数据库地址，如 sqlite:///文件 或 postgresql://用户:密码@主机/库名（默认为数据目录中的 SQLite 文件）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本并退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser
