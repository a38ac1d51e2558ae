import datetime as dt
import os
import zipfile

import openpyxl
import pytest

from app import audit, tabular
from app.errors import ServiceError
from app.requests import export, register
from app.requests.query import RegisterFilter
from db.models import AuditLog, Request

from tests.db.factories import company, person


def _rows(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def _exports():
    return AuditLog.select().where(AuditLog.action == "request.export").count()


def test_export_current_view(staff, today, tmp_path):
    for day in (2, 3, 4):
        register.register(staff["clerk"], person(received_date=dt.date(2026, 3, day)))
    register.register(staff["clerk"], person(received_date=dt.date(2026, 6, 29), applicant_name="郑某",
                                             id_number="110101199003077352"))
    out = tmp_path / "r.xlsx"
    n = export.export_xlsx(staff["leader"], RegisterFilter(received_to=dt.date(2026, 3, 31)), str(out),
                           sort="number")
    assert n == 3
    rows = _rows(out)
    assert rows[0][:3] == ("申请编号", "收到日期", "申请人")
    assert [r[0] for r in rows[1:]] == ["2026-依申请-0001", "2026-依申请-0002", "2026-依申请-0003"]
    assert rows[1][1] == dt.datetime(2026, 3, 2)


def test_due_date_is_a_date_days_left_a_number_and_the_state_apart(staff, frozen_clock, tmp_path):
    frozen_clock.set(dt.datetime(2026, 12, 15, 10, 0))
    register.register(staff["clerk"], person(received_date=dt.date(2026, 12, 15)))  # due in 2027: 暂定
    register.register(staff["clerk"], company(received_date=dt.date(2026, 12, 1), applicant_type="other_org",
                                              applicant_name="某某县城关镇人民路社区居民委员会业主大会筹备组"))
    out = tmp_path / "r.xlsx"
    export.export_xlsx(staff["leader"], RegisterFilter(), str(out), sort="number")
    rows = _rows(out)
    head = rows[0]
    col = {title: i for i, title in enumerate(head)}
    assert {"答复期限", "期限状态", "剩余工作日（负数为逾期）"} <= set(head)
    late, early = rows[1], rows[2]
    assert late[col["答复期限"]] == dt.datetime(2027, 1, 13)
    assert late[col["期限状态"]].startswith("暂定")
    assert isinstance(late[col["剩余工作日（负数为逾期）"]], int) and late[col["剩余工作日（负数为逾期）"]] == 20
    assert early[col["申请人类型"]] == "法人或其他组织（其他）"
    assert isinstance(early[col["答复期限"]], dt.datetime) and not early[col["期限状态"]]


def test_print_setup_and_widths(staff, today, tmp_path):
    register.register(staff["clerk"], company())
    out = tmp_path / "r.xlsx"
    export.export_xlsx(staff["leader"], RegisterFilter(), str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["C"].width >= 24  # 申请人: organisation names
    assert ws["C2"].alignment.wrap_text and not ws["A2"].alignment.wrap_text
    assert ws["B2"].number_format == "yyyy-mm-dd" and ws["C2"].border.left.style == "thin"


def test_hostile_text_goes_out_as_text(staff, today, tmp_path, engine):
    """Formula injection, a control character from Word and an over-long cell (legacy data stored before the
    input rules) export as plain strings; one bad character does not break the export. (PostgreSQL cannot store a
    NUL character in text at all, so only SQLite can hold that one.)"""
    nul = "\x00" if engine == "sqlite" else ""
    a = register.register(staff["clerk"], person())
    b = register.register(staff["clerk"], person())
    c = register.register(staff["clerk"], person())
    Request.update(applicant_name="=cmd|' /C calc'!A0", description="=HYPERLINK(\"http://x\",\"点我\")").where(
        Request.id == a["id"]).execute()
    Request.update(applicant_name="@SUM(1+1)", description="第一行\x0b第二行" + nul).where(Request.id == b["id"]).execute()
    Request.update(description="长" * 40_000).where(Request.id == c["id"]).execute()
    out = tmp_path / "r.xlsx"
    assert export.export_xlsx(staff["leader"], RegisterFilter(), str(out), sort="number") == 3
    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet
    ws = openpyxl.load_workbook(out).active
    assert ws["C2"].value == "=cmd|' /C calc'!A0" and ws["C2"].data_type == "s"
    assert ws["E2"].data_type == "s" and ws["C3"].value == "@SUM(1+1)"
    assert ws["E3"].value == "第一行\\x0b第二行" + ("\\x00" if nul else "")
    long_cell = ws["E4"].value
    assert len(long_cell) == tabular.MAX_CELL_CHARS and long_cell.endswith("（内容过长，已截断；原文共40000字）")


def test_unwritable_out_is_told_and_leaves_no_file(staff, today, tmp_path):
    register.register(staff["clerk"], person())
    with pytest.raises(ServiceError, match="无法写入.*文件或文件夹不存在"):
        export.export_xlsx(staff["leader"], RegisterFilter(), str(tmp_path / "missing" / "r.xlsx"))
    with pytest.raises(ServiceError, match="这是一个文件夹"):
        export.export_xlsx(staff["leader"], RegisterFilter(), str(tmp_path))
    assert _exports() == 0


def test_no_file_without_its_audit_row(staff, today, tmp_path, monkeypatch):
    register.register(staff["clerk"], person())
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"the office's earlier export")

    def locked(*args, **kwargs):
        raise ServiceError("数据库正忙")
    monkeypatch.setattr(audit, "record", locked)
    with pytest.raises(ServiceError, match="数据库正忙"):
        export.export_xlsx(staff["leader"], RegisterFilter(), str(out))
    assert out.read_bytes() == b"the office's earlier export"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]
