import datetime as dt

import openpyxl

from app.requests import export, register
from app.requests.query import RegisterFilter

from tests.db.factories import person


def test_export_current_view(staff, today, tmp_path):
    for day in (2, 3, 4):
        register.register(staff["clerk"], person(received_date=dt.date(2026, 3, day)))
    register.register(staff["clerk"], person(received_date=dt.date(2026, 6, 29), applicant_name="郑某",
                                             id_number="110101199003077352"))
    out = tmp_path / "r.xlsx"
    n = export.export_xlsx(staff["leader"], RegisterFilter(received_to=dt.date(2026, 3, 31)), str(out),
                           sort="number")
    assert n == 3
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("申请编号", "收到日期", "申请人")
    assert [r[0] for r in rows[1:]] == ["2026-依申请-0001", "2026-依申请-0002", "2026-依申请-0003"]
    assert rows[1][1] == dt.datetime(2026, 3, 2)
