"""The permission matrix's case for 区分处理 (tests/db/test_permission_matrix.py)."""
from app.redaction import standalone
from tests.app.redaction import samples


def _redact(actor, ctx):
    source = ctx["tmp"] / "in.pdf"
    source.write_bytes(samples.five_pages())
    standalone.redact_file(actor, str(source), [samples.ID_NUMBER], [], "第十五条", str(ctx["tmp"] / "out.pdf"), dpi=72)


REDACTION_ACTIONS = {"redaction.apply": _redact}
