"""The 审计凭证 line: the audit head printed on every exported and printed report, read back and compared by check."""
import openpyxl

from app import audit
from app.report import output, service
from app.requests.export import export_xlsx
from app.requests.query import RegisterFilter
from db.models import AuditLog
from tests.app.printing.helpers import pdftotext, squeeze


def test_voucher_names_the_head_and_parses_back(db, system, registered):
    line = audit.voucher_line()
    head = audit.current_anchor()
    assert line == f"审计凭证：第{head.seq}条 {head.hash[:16]}"
    parsed = audit.parse_voucher(line)
    assert parsed.seq == head.seq and head.hash.startswith(parsed.hash)
    assert audit.compare_anchor(parsed, "报告上的审计凭证") == []


def test_every_report_output_carries_the_voucher(staff, registered, tmp_path):
    line = audit.voucher_line()
    report = service.build(staff["leader"], 2026)
    assert squeeze(line) in squeeze(pdftotext(output.to_pdf(report)))
    assert output.to_json(report)["audit_voucher"] == line
    output.to_xlsx(report, str(tmp_path / "r.xlsx"))
    cells = [c for ws in openpyxl.load_workbook(tmp_path / "r.xlsx") for row in ws.iter_rows(values_only=True)
             for c in row]
    assert line in cells
    export_xlsx(staff["leader"], RegisterFilter(), str(tmp_path / "reg.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "reg.xlsx")["审计凭证"]["A1"].value == line
    audit.export_csv(staff["admin"], audit.AuditFilter(), str(tmp_path / "a.csv"))
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()[-1].startswith("审计凭证：第")


def test_a_voucher_from_before_a_rewrite_disagrees(db, system, registered):
    given = audit.parse_voucher(audit.voucher_line())
    row = AuditLog.get(AuditLog.seq == given.seq)
    forged = ("1" if row.hash[0] == "0" else "0") + row.hash[1:]
    AuditLog.update(hash=forged).where(AuditLog.seq == given.seq).execute()
    assert "哈希与报告上的审计凭证记载的不同" in audit.compare_anchor(given, "报告上的审计凭证")[0]
