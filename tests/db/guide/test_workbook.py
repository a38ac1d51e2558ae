"""The standard catalogue through .xlsx: its own layout round-trips; a bad row is named and nothing is written."""
import openpyxl
import pytest

from app.errors import ValidationError
from app.guide import standard, workbook
from app.guide.elements import ELEMENTS
from app.guide.standard_query import CatalogueFilter, count, fetch, history
from db.models import AuditLog, CatalogueAdjustment, StandardItem, StandardItemVersion
from tests.db.guide.conftest import item_data


def _write(path, rows, header=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header or list(ELEMENTS.values()))
    for r in rows:
        ws.append(r)
    wb.save(path)
    return str(path)


def _row(**over):
    data = item_data(**over)
    return [data[k] for k in ELEMENTS]


def test_round_trip_through_its_own_layout(staff, tmp_path):
    for name in ("财政预决算", "统计信息", "=HYPERLINK(\"x\")"):
        adj = standard.propose(staff["clerk"], "add", item_data(name=name))
        standard.review(staff["head"], adj["id"], True)
    out = tmp_path / "c.xlsx"
    assert workbook.export(staff["clerk"], str(out)) == 3
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == list(ELEMENTS.values())
    assert ws.cell(2, 1).data_type == "s"  # a formula-looking name stays text
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    for table in (StandardItemVersion, CatalogueAdjustment, StandardItem):  # a second office receives the file
        table.delete().execute()
    result = workbook.import_file(staff["head"], str(out))
    assert result == {"added": 3, "changed": 0, "unchanged": 0, "skipped": 0}
    first = fetch(staff["clerk"], CatalogueFilter(), 0, 5)[0]
    (v1,) = history(staff["clerk"], first["id"])
    assert v1["adjustment"]["kind_label"] == "新增" and v1["adjustment"]["reviewed_by"] == "李华"
    assert v1["adjustment"]["reason_note"] == "导入：c.xlsx" and v1["data"]["name"] == first["name"]
    again = tmp_path / "c2.xlsx"
    workbook.export(staff["clerk"], str(again))
    assert [[c.value for c in r] for r in openpyxl.load_workbook(again).active.iter_rows(min_row=2)] == rows
    # importing the same file again changes nothing
    assert workbook.import_file(staff["head"], str(again))["unchanged"] == 3


def test_a_changed_element_is_a_change_with_history(staff, tmp_path):
    adj = standard.propose(staff["clerk"], "add", item_data())
    item_id = standard.review(staff["head"], adj["id"], True)["item_id"]
    path = _write(tmp_path / "in.xlsx", [_row(phone="0871-7654321"), _row(name="统计信息")])
    assert workbook.import_file(staff["head"], path) == {"added": 1, "changed": 1, "unchanged": 0, "skipped": 0}
    h = history(staff["clerk"], item_id)
    assert h[-1]["changes"] == [("咨询/投诉电话", "0871-12345678", "0871-7654321")]
    assert h[-1]["adjustment"]["reason_note"] == "导入：in.xlsx"


def test_bad_rows_are_listed_and_nothing_is_written(staff, tmp_path):
    path = _write(tmp_path / "bad.xlsx", [_row(name="统计信息"), _row(name=""), _row(name="统计信息"),
                                          _row(name="应急管理" * 30)])
    checked = workbook.check_file(staff["head"], path)
    assert [r for r, _ in checked.problems] == [3, 4, 5]
    assert "事项名称：不能为空" in checked.problems[0][1] and "与第2行重复" in checked.problems[1][1]
    audit_rows = AuditLog.select().count()
    with pytest.raises(ValidationError, match="第3行"):
        workbook.import_checked(staff["head"], checked)
    assert StandardItem.select().count() == 0 and AuditLog.select().count() == audit_rows
    assert workbook.import_checked(staff["head"], checked, skip_bad=True)["added"] == 1
    assert count(staff["clerk"], CatalogueFilter()) == 1


def test_county_headings_and_remarks(staff, tmp_path):
    header = ["序号", "公开事项名称", "公开依据", "公开时限", "责任股室", "咨询电话"]
    path = _write(tmp_path / "county.xlsx", [[1, "财政预决算", "预算法", "每年", "不存在的股", 12345678]], header)
    checked = workbook.check_file(staff["head"], path)
    assert checked.ignored_headers == ["序号"] and checked.problems == []
    assert "不在本机关的科室名单中" in checked.notes[0][1]
    workbook.import_checked(staff["head"], checked)
    row = fetch(staff["clerk"], CatalogueFilter(), 0, 5)[0]
    assert (row["name"], row["unit"], row["phone"], row["period"]) == ("财政预决算", "不存在的股", "12345678", "year")


def test_a_sheet_without_the_name_column_is_refused(staff, tmp_path):
    path = _write(tmp_path / "x.xlsx", [["a"]], ["备注"])
    with pytest.raises(ValidationError, match="事项名称"):
        workbook.check_file(staff["head"], path)


def test_import_needs_the_leading_groups_office(staff, tmp_path):
    from app.errors import PermissionDenied
    path = _write(tmp_path / "in.xlsx", [_row()])
    with pytest.raises(PermissionDenied):
        workbook.import_file(staff["clerk"], path)
