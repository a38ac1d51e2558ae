"""``documents``: every document and export the command line writes, read from its own parser, with examples from
the database; a small demo gives an example for every kind, and an argument without one is an error naming it."""
from __future__ import annotations

import pytest

from app.cli import build_parser
from app.cli.documents_commands import IN, OUT, command_lines
from app.errors import ServiceError
from app.requests.documents import kind_names
from tests.db.test_demo import _small_world


def _options(line: list[str]) -> dict:
    return {line[i]: line[i + 1] for i in range(len(line) - 1) if line[i].startswith("--")}


def test_a_small_demo_has_an_example_of_every_document(db, tmp_path, frozen_clock):
    from app import demo, modules
    modules.load()  # every module's demo, as the workspace registers them
    _small_world(tmp_path, frozen_clock)
    demo.fill(requests=30, seed=3)  # as the packaging test makes it
    lines = command_lines(build_parser())
    commands = [tuple(w for w in line if not w.startswith("-"))[:2] for line in lines]
    notices = [_options(line)["--kind"] for line in lines if line[0] == "notice"]
    assert sorted(notices) == sorted(kind_names())  # every notice, each once
    assert all(_options(line)["--request"] for line in lines if line[0] == "notice")
    formats = {(line[0], _options(line)["--format"]) for line in lines if "--format" in line}
    assert {("report", f) for f in ("pdf", "docx", "xlsx", "json")} <= formats
    assert {("export", f) for f in ("pdf", "xlsx", "docx")} <= formats  # the grade sheets
    assert {("guide", "pdf"), ("guide", "docx"), ("supervisors", "pdf"), ("supervisors", "xlsx")} <= formats
    complaints = {_options(line)["--kind"]: line for line in lines if line[:2] == ["complaints", "print"]}
    assert "--case" in complaints["答复函"] and "--month" in complaints["督查通报"]
    (redact,) = [line for line in lines if line[0] == "redact"]
    assert _options(redact)["--in"] == IN and _options(redact)["--log"] == OUT + "-log.pdf"
    assert ("review-form",) in {c[:1] for c in commands} and ["requests", "export", "--out", OUT + ".xlsx"] in lines
    for line in lines:
        out = _options(line)["--out"]
        assert out.startswith(OUT) and out[len(OUT):] in (".pdf", ".docx", ".xlsx", ".json")
    assert not any(line[0] == "backup" for line in lines)  # its --out is optional: not a document


def test_an_argument_without_an_example_is_named(db):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.choices and "notice" in a.choices)
    p = sub.add_parser("seal-sheet")
    p.add_argument("--stamp", required=True)
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    with pytest.raises(ServiceError, match="seal-sheet --stamp") as err:
        command_lines(parser)
    assert "notice --request" in str(err.value)  # an empty register has no request to print a notice for
