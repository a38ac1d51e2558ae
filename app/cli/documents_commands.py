"""``documents``: every document and export the command line writes, one ready-to-run command line each, with its
examples taken from the open database.

The list is read from the command line's own parser: every command with a required ``--out``, once for each choice
of its ``--kind`` and ``--format``. A command added later is listed by itself; a required argument it has no example
for is an error naming it, so the list cannot silently fall behind the program. The packaging test
(packaging/test-bundle.sh) runs every line from the built bundle and checks each file it writes.
"""
from __future__ import annotations

import argparse
import itertools
from pathlib import PurePath

from app import clock
from app.errors import ServiceError
from app.workspace import open_workspace

OUT = "{out}"  # where the caller writes the file; the line gives its suffix, e.g. {out}.pdf
IN = "{in}"  # a PDF the caller has (the redact command's input) that shows the office's name
EXPANDED = ("--kind", "--format")  # a document per choice


def register(sub) -> None:
    p = sub.add_parser("documents", help="列出命令行能输出的每一种文书和导出文件",
                       description="列出命令行能输出的每一种文书和导出文件，每行一条可以直接运行的命令（各项以制表符分隔，"
                                   "示例取自本库的数据）。{out} 处填输出文件（后缀已给出），{in} 处填一份带有本机关名称的 PDF。")
    p.set_defaults(handler=cmd_documents)


def cmd_documents(args) -> int:
    from app.cli import build_parser
    open_workspace(args.data_dir, args.database)
    for line in command_lines(build_parser()):
        print("\t".join(line))
    return 0


# ---- what the parser offers -----------------------------------------------------------------------------------------

def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) of every command that writes a file (a required --out)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _leaves(child, path + (name,))
    if any("--out" in a.option_strings and a.required for a in parser._actions):
        yield path, parser


def command_lines(parser: argparse.ArgumentParser) -> list[list[str]]:
    examples = Examples()
    lines, missing = [], []
    for path, leaf in _leaves(parser):
        options = [a for a in leaf._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]
        expanded = [a for a in options if a.option_strings[0] in EXPANDED and a.choices]
        for values in itertools.product(*(a.choices for a in expanded)):
            chosen = {a.option_strings[0]: v for a, v in zip(expanded, values)}
            line = list(path)
            for a in options:
                flag = a.option_strings[0]
                if flag in chosen:
                    line += [flag, chosen[flag]]
                elif flag == "--out":
                    line += [flag, OUT + _suffix(chosen.get("--format"), a.metavar)]
                elif a.required:
                    value = examples.value(path, flag, chosen)
                    if value is None:
                        missing.append(f"{' '.join(path)} {flag}" + "".join(f" {v}" for v in chosen.values()))
                        continue
                    line += [flag, value]
            line += examples.conditional(path, chosen)
            lines.append(line)
    if missing:
        raise ServiceError("以下命令的参数没有可用的示例（本库中没有相应的数据，或命令是新加的、尚未给出示例）：" + "；".join(missing))
    return lines


def _suffix(fmt: str | None, metavar: str | None) -> str:
    if fmt:
        return f".{fmt}"
    suffix = PurePath(metavar or "").suffix
    if not suffix:
        raise ServiceError(f"不知道输出文件“{metavar}”应是什么格式")
    return suffix


# ---- examples from the database -------------------------------------------------------------------------------------

class Examples:
    """An example value for each argument a document needs, the first record it applies to."""

    def __init__(self):
        self._requests = None
        self.reissue: set[str] = set()  # notice kinds whose example request has them only by 文号

    def value(self, path: tuple[str, ...], flag: str, chosen: dict) -> str | None:
        from db.models import InfoItem, Opinion
        if flag == "--request":
            return self._request_for(chosen.get("--kind"))
        if flag == "--year":
            return str(clock.today().year - 1)
        if flag == "--item":
            return _first(InfoItem.select(InfoItem.number).order_by(InfoItem.id))
        if flag == "--opinion":
            return _first(Opinion.select(Opinion.number).order_by(Opinion.id))
        if flag == "--in":
            return IN
        if flag == "--ground":
            return "个人隐私"
        return None

    def conditional(self, path: tuple[str, ...], chosen: dict) -> list[str]:
        """Options a document needs with one of its choices only, which the parser cannot say."""
        from db.models import ComplaintCase
        if path == ("complaints", "print"):
            if chosen.get("--kind") == "答复函":
                number = _first(ComplaintCase.select(ComplaintCase.number).order_by(ComplaintCase.id))
                return ["--case", number] if number else []
            return ["--month", f"{clock.today():%Y-%m}"]
        if path == ("notice",) and chosen.get("--kind") in self.reissue:
            return ["--reissue"]
        if path == ("redact",):
            from app import office
            return ["--find", (office.get_profile() or {}).get("name", ""), "--log", OUT + "-log.pdf"]
        return []

    def _request_for(self, kind: str | None) -> str | None:
        """The first request for which the notice can be issued now: one that has it stored, or has it not yet, or
        else one that has only its 文号 (issued outside the program), printed anew with --reissue."""
        from app.requests import documents
        from db.models import Request
        if kind not in documents.KINDS:
            return None
        if self._requests is None:
            self._requests = [(req, documents.request_data(req)) for req in Request.select().order_by(Request.id)]
        k = documents.KINDS[kind]
        possible = [req for req, data in self._requests
                    if not k.unavailable(data) and not documents.issuer_problems(req, k)]
        for req in possible:
            issued = documents.latest_issued(req.id, kind)
            if not (issued and issued["external"]):
                return req.number
        if possible:
            self.reissue.add(kind)
            return possible[0].number
        return None


def _first(query) -> str | None:
    row = query.first()
    return row.number if row else None
