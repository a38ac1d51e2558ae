"""台账模板: the empty template is read back by the import with every column recognised."""
import openpyxl

from app.requests import ledger, ledger_template


def test_the_template_has_the_import_headings_and_imports_cleanly(db, tmp_path):
    (tmp_path / "out").mkdir()
    path = ledger_template.write_template(str(tmp_path / "out" / "台账模板.xlsx"))
    sheet = ledger.read_file(path)
    assert sheet.headers == [main for main, _ in ledger.FIELDS.values()]
    mapping = ledger.default_mapping(sheet.headers)
    assert set(mapping) == set(ledger.FIELDS)
    checked = ledger.check(sheet, mapping)
    assert checked.good == [] and checked.problems == []
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["台账", "填写说明"]
    notes = {row[0]: row for row in book["填写说明"].iter_rows(min_row=2, values_only=True) if row[0]}
    for key in ledger.REQUIRED:
        assert notes[ledger.FIELDS[key][0]][1] == "必填"
    assert "受理编号" in notes["申请编号"][3]
    assert "法律服务机构" in notes["申请人类型"][2] and "予以公开" in notes["办理结果"][2]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["台账模板.xlsx"]  # no temporary file left
