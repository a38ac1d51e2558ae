"""What the command line prints or writes is in the audit trail like any output from the window."""
from app import audit
from app.__main__ import main
from app.actor import system_actor
from app.audit import AuditFilter
from app.requests import register
from db.connection import close_database
from tests.db.factories import person


def _actions() -> list[tuple[str, str]]:
    return [(r["action"], r["username"]) for r in audit.fetch(system_actor(), AuditFilter(), 0, 50, descending=False)
            if r["action"] in ("request.document", "request.document_view", "request.document_output",
                               "report.output")]


def test_notice_and_report_outputs_are_recorded(tmp_path, capsys):
    try:
        _outputs(tmp_path)
    finally:
        close_database()


def _outputs(tmp_path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init"]) == 0
    from app import office, settings
    office.save_profile(system_actor(), {"name": "某某县人民政府办公室", "phone": "0878-3123456"})  # the issuer
    settings.set_many(system_actor(), {"office.abbreviation": "某"})
    number = register.register(system_actor(), person())["number"]
    out = tmp_path / "回执.pdf"
    args = ["--data-dir", str(data), "notice", "--request", number, "--kind", "登记回执", "--out", str(out)]
    assert main(args) == 0 and out.read_bytes().startswith(b"%PDF")
    assert main(args) == 0  # the stored version, viewed and written again
    assert main(["--data-dir", str(data), "report", "annual", "--year", "2026", "--format", "json",
                 "--out", str(tmp_path / "r.json")]) == 0
    assert _actions() == [("request.document", "system"), ("request.document_output", "system"),
                          ("request.document_view", "system"), ("request.document_output", "system"),
                          ("report.output", "system")]
