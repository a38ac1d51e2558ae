"""Every audit action and entity the services write has a Chinese name once the workspace's modules are loaded, so
the audit viewer never shows a code such as ``request.decide``. The entries come from a demo office, which goes
through every step of handling."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_action_in_a_demo_log_has_a_name(tmp_path):
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path), "demo", "--requests", "60"],
                   cwd=ROOT, capture_output=True, text=True, check=True)
    with sqlite3.connect(tmp_path / "zhengwu.db") as con:
        actions = {a for (a,) in con.execute("SELECT DISTINCT action FROM audit_log")}
        entities = {e for (e,) in con.execute("SELECT DISTINCT entity FROM audit_log")}
    assert {"request.decide", "request.register", "request.archive"} <= actions
    # A fresh interpreter: only what the workspace loads, not what this test run happened to import.
    out = subprocess.run([sys.executable, "-c", "import json; from app import audit, modules; modules.load(); "
                          "print(json.dumps([list(audit.ACTION_LABELS), list(audit.ENTITY_LABELS)]))"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    named_actions, named_entities = json.loads(out)
    assert sorted(actions - set(named_actions)) == []
    assert sorted(entities - set(named_entities)) == []


def test_every_field_in_a_demo_log_has_a_name(tmp_path):
    """The audit viewer's field-by-field list names each field in Chinese (发布审核's rows included)."""
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path), "demo", "--requests", "30"],
                   cwd=ROOT, capture_output=True, text=True, check=True)
    fields: dict[str, set[str]] = {}
    with sqlite3.connect(tmp_path / "zhengwu.db") as con:
        for entity, before, after in con.execute("SELECT entity, before_json, after_json FROM audit_log"):
            for text in (before, after):
                value = json.loads(text) if text else None
                if isinstance(value, dict):  # the seal of dependent rows is not shown as a field
                    fields.setdefault(entity, set()).update(k for k in value if k != "_rows")
    assert fields.get("info_item")
    out = subprocess.run([sys.executable, "-c", "import json, sys; from app import audit, modules; modules.load(); "
                          "fields = json.loads(sys.argv[1]); "
                          "print(json.dumps({e: sorted(f for f in fs if audit.field_label(e, f) == f) "
                          "for e, fs in fields.items()}))", json.dumps({e: sorted(f) for e, f in fields.items()})],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    unnamed = {e: f for e, f in json.loads(out).items() if f}
    assert unnamed == {}
