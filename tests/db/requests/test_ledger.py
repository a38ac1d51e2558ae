"""Importing an office's existing 台账: good, bad and mixed files; nothing is written while a row is bad."""
import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

from app.errors import PermissionDenied, ValidationError
from app.requests import ledger, register
from app.requests.query import RegisterFilter, count
from db.models import AuditLog, Request, RequestEvent

from tests.db.factories import person

HEADER = ["申请编号", "收到日期", "申请人类型", "申请人", "申请内容", "办理结果", "答复日期", "备注"]
GOOD = [
    ["2025-依申请-0007", "2025-03-04", "自然人", "陈某", "农村低保名单", "予以公开", "2025/3/20", ""],
    ["2025-依申请-0008", "2025年4月1日", "商业企业", "某公司", "招标文件", "（三）不予公开 4.保护第三方合法权益", "2025-04-20", ""],
    ["2025-依申请-0009", "20250501", "法人或其他组织（法律服务机构）", "某律师事务所", "行政处罚决定书", "本机关不掌握相关政府信息",
     "2025-05-15", "已转县市场监管局"],
    ["", "2025-12-29", "其他", "某协会", "年度统计公报", "", "", "跨年未办结"],
    ["2024-依申请-0030", "2024-06-03", "自然人", "李某", "征收补偿方案",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2024-07-01", ""],
]


def write_csv(path, rows, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows([HEADER] + rows)
    return str(path)


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append([dt.date.fromisoformat(v) if i in (1, 6) and v and "-" in v and len(v) == 10 else v
                   for i, v in enumerate(r)])
    wb.save(path)
    return str(path)


def test_good_csv_imports_everything(staff, today, tmp_path):
    out = ledger.import_file(staff["head"], write_csv(tmp_path / "a.csv", GOOD))
    assert out["imported"] == 5
    rows = {r.number: r for r in Request.select()}
    assert rows["2025-依申请-0008"].outcome == "refuse_4" and rows["2025-依申请-0008"].state == "archived"
    assert rows["2025-依申请-0009"].applicant_type == "legal_service"
    assert rows["2025-依申请-0009"].outcome == "unable_not_exist"
    assert rows["2024-依申请-0030"].outcome == "other_1"
    open_one = next(r for r in rows.values() if r.notes == "跨年未办结")
    assert open_one.state == "processing" and open_one.number == "2025-依申请-0010"  # counter continues after 0009
    nxt = register.register(staff["clerk"], person(received_date=dt.date(2025, 12, 30)))
    assert nxt["number"] == "2025-依申请-0011"


def test_gbk_csv_and_xlsx(staff, today, tmp_path):
    assert ledger.import_file(staff["head"], write_csv(tmp_path / "g.csv", GOOD[:2], "gb18030"))["imported"] == 2
    rows = [["2023-依申请-0001", "2023-03-04", "自然人", "陈某", "低保名单", "予以公开", "2023-03-20", ""],
            ["2023-依申请-0002", "2023-04-03", "科研机构", "某研究院", "水质监测数据", "部分公开", "2023-04-20", ""],
            ["2023-依申请-0003", "2023-05-05", "社会公益组织", "某基金会", "救助资金", "3.其他", "2023-05-06", "撤回"]]
    assert ledger.import_file(staff["head"], write_xlsx(tmp_path / "x.xlsx", rows))["imported"] == 3


BAD = [
    ["2025-依申请-0100", "2025-13-01", "自然人", "甲", "内容甲", "", "", ""],
    ["2025-依申请-0101", "2025-03-01", "外星人", "乙", "内容乙", "", "", ""],
    ["2025-依申请-0102", "2025-03-01", "自然人", "丙", "内容丙", "同意", "2025-03-05", ""],
    ["2025-依申请-0103", "2025-03-01", "自然人", "丁", "内容丁", "予以公开", "", ""],
    ["2025-依申请-0104", "2025-03-09", "自然人", "戊", "内容戊", "予以公开", "2025-03-01", ""],
    ["2025-依申请-0104", "2025-03-09", "自然人", "己", "", "", "", ""],
]


def test_bad_rows_are_listed_and_nothing_is_written(staff, today, tmp_path):
    path = write_csv(tmp_path / "bad.csv", GOOD[:2] + BAD)
    sheet = ledger.read_file(path)
    checked = ledger.check(sheet, ledger.default_mapping(sheet.headers))
    reasons = {p.row: p.reason for p in checked.problems}
    assert "不是有效日期" in reasons[4]
    assert "申请人类型“外星人”无法识别" in reasons[5]
    assert "不是年度报告中的结果名称" in reasons[6]
    assert "没有答复日期" in reasons[7]
    assert "早于收到日期" in reasons[8]
    assert any(p.row == 9 and "与第8行重复" in p.reason for p in checked.problems)
    assert any(p.row == 9 and "申请内容不能为空" in p.reason for p in checked.problems)
    with pytest.raises(ValidationError, match="未导入任何数据"):
        ledger.import_rows(staff["head"], checked, "bad.csv")
    assert Request.select().count() == 0
    # the user explicitly leaves the bad rows out
    assert ledger.import_rows(staff["head"], checked, "bad.csv", skip_bad=True) == 2
    assert count(staff["head"], RegisterFilter()) == 2


def test_existing_number_is_a_bad_row(staff, today, tmp_path):
    ledger.import_file(staff["head"], write_csv(tmp_path / "a.csv", GOOD[:1]))
    with pytest.raises(ValidationError, match="已存在于本系统"):
        ledger.import_file(staff["head"], write_csv(tmp_path / "b.csv", GOOD[:1]))


def test_mapping_from_other_headings(staff, today, tmp_path):
    path = tmp_path / "m.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["受理编号", "受理日期", "申请人类别", "申请人姓名", "申请公开内容", "答复结果", "办结日期"],
                                  ["X-1", "2025-02-03", "个人", "赵某", "某文件", "部分公开", "2025-02-20"]])
    sheet = ledger.read_file(str(path))
    mapping = ledger.default_mapping(sheet.headers)
    assert mapping == {"number": 0, "received_date": 1, "applicant_type": 2, "applicant_name": 3, "description": 4,
                       "outcome": 5, "decided_date": 6}
    del mapping["description"]
    with pytest.raises(ValidationError, match="申请内容"):
        ledger.check(sheet, mapping)


def test_only_section_heads_and_admins_import(staff, today, tmp_path):
    with pytest.raises(PermissionDenied):
        ledger.import_file(staff["clerk"], write_csv(tmp_path / "a.csv", GOOD[:1]))


@pytest.mark.parametrize("text,code", [
    ("予以公开", "disclose"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"), ("部分公开", "partial"),
    ("1.属于国家秘密", "refuse_1"), ("不予公开-属于国家秘密", "refuse_1"), ("3.危及“三安全一稳定”", "refuse_3"),
    ("危及\"三安全一稳定\"", "refuse_3"), ("2.重复申请", "reject_2"), ("3.其他", "other_3"),
    ("（四）无法提供 2.没有现成信息需要另行制作", "unable_2"), ("5.要求行政机关确认或重新出具已获取信息", "reject_5"),
])
def test_outcome_labels(text, code):
    assert ledger.parse_outcome(text) == code


@pytest.mark.parametrize("value,expect", [
    ("2025-03-04", dt.date(2025, 3, 4)), ("2025/3/4", dt.date(2025, 3, 4)), ("2025年3月4日", dt.date(2025, 3, 4)),
    ("20250304", dt.date(2025, 3, 4)), (45720, dt.date(2025, 3, 4)), ("2025.3.4", dt.date(2025, 3, 4)),
    (dt.datetime(2025, 3, 4, 9, 0), dt.date(2025, 3, 4)),
])
def test_dates(value, expect):
    assert ledger.parse_date(value) == expect


# ---- shorthand, text files, hostile cells ---------------------------------------------------------------------

@pytest.mark.parametrize("code,alias", [(code, alias) for code, aliases in ledger.OUTCOME_ALIASES.items()
                                        for alias in aliases])
def test_every_alias_names_its_outcome(code, alias):
    assert ledger.parse_outcome(alias) == code
    assert ledger.parse_outcome(f" {alias}。") == code


def test_every_outcome_has_shorthand():
    from app.requests import catalog
    assert set(ledger.OUTCOME_ALIASES) == set(catalog.OUTCOMES)


@pytest.mark.parametrize("text,code", [
    ("逾期不缴费", "other_2"), ("申请人逾期未按收费通知要求缴纳费用", "other_2"), ("逾期未补正", "other_1"),
    ("撤回", "other_3"), ("2.申请人逾期未按收费通知要求缴纳费用", "other_2"),
    ("（六）其他处理 1.申请人无正当理由逾期不补正", "other_1"), ("其他处理：逾期不补正", "other_1"),
])
def test_shorthand_offices_write(text, code):
    assert ledger.parse_outcome(text) == code


def _text_file(path, rows, delimiter, encoding="utf-8", bom=b""):
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter).writerows([HEADER] + rows)
    path.write_bytes(bom + buf.getvalue().encode(encoding))
    return str(path)


@pytest.mark.parametrize("name,delimiter", [("tab.txt", "\t"), ("tab.csv", "\t"), ("semi.csv", ";"), ("comma.txt", ",")])
def test_delimiter_is_sniffed(staff, today, tmp_path, name, delimiter):
    rows = [r[:] for r in GOOD[:3]]
    rows[0][4] = "农村低保名单，含2024年和2025年"  # commas inside a tab-separated cell
    sheet = ledger.read_file(_text_file(tmp_path / name, rows, delimiter))
    assert sheet.headers == HEADER and sheet.rows[0][4] == "农村低保名单，含2024年和2025年"
    assert ledger.import_file(staff["head"], _text_file(tmp_path / name, rows, delimiter))["imported"] == 3


@pytest.mark.parametrize("encoding,bom", [("gb18030", "\ufeff".encode("gb18030")), ("utf-8", b"\xef\xbb\xbf")])
def test_byte_order_mark_is_stripped(tmp_path, encoding, bom):
    assert bom
    sheet = ledger.read_file(_text_file(tmp_path / "bom.csv", GOOD[:1], ",", encoding, bom))
    assert sheet.headers[0] == "申请编号"
    assert ledger.default_mapping(sheet.headers)["number"] == 0


def test_cell_beyond_the_csv_field_limit_is_a_row_problem(staff, today, tmp_path):
    rows = [r[:] for r in GOOD[:2]]
    rows[1][4] = "长" * 200_000
    path = write_csv(tmp_path / "long.csv", rows)
    sheet = ledger.read_file(path)
    checked = ledger.check(sheet, ledger.default_mapping(sheet.headers))
    assert [(p.row, p.reason) for p in checked.problems] == [(3, "申请内容不能超过2000个字（现为200000个字）")]
    assert csv.field_size_limit() == 131072  # the module's limit is restored


@pytest.mark.parametrize("value", ["1900-01-01", "1899-12-31", "2101-03-01", 1, dt.date(1900, 1, 1), -5.5,
                                   float("nan"), float("inf")])
def test_dates_outside_the_year_range_name_their_row(staff, today, tmp_path, value):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(GOOD[0])
    wb.active.append(["", value, "自然人", "甲", "内容甲", "", "", ""])
    wb.save(tmp_path / "old.xlsx")
    sheet = ledger.read_file(str(tmp_path / "old.xlsx"))
    checked = ledger.check(sheet, ledger.default_mapping(sheet.headers))
    assert [p.row for p in checked.problems] == [3]
    assert "收到日期" in checked.problems[0].reason


def test_control_characters_and_emoji_in_cells_are_row_problems(staff, today, tmp_path):
    rows = [r[:] for r in GOOD[:3]]
    rows[0][3] = "陈\x01某"
    rows[1][4] = "招标文件😀"
    checked = ledger.check(ledger.read_file(write_csv(tmp_path / "c.csv", rows)),
                           ledger.default_mapping(HEADER))
    reasons = {p.row: p.reason for p in checked.problems}
    assert "申请人含有不可见的控制字符（U+0001" in reasons[2] and "无法打印的字符“😀”" in reasons[3]
    assert 4 not in reasons


def test_import_is_audited_row_by_row_on_an_unbroken_chain(staff, today, tmp_path):
    from app import audit
    from app.requests import records
    from app.requests.query import fetch
    rows = [["", "2025-12-29", "其他", "某协会", "年度统计公报", "", "", ""]] + GOOD[:3]
    ledger.import_file(staff["head"], write_csv(tmp_path / "a.csv", rows))
    assert audit.verify_chain().ok
    logged = {r.entity_id: json.loads(r.after_json) for r in AuditLog.select().where(AuditLog.action == "request.import")}
    assert len(logged) == 4
    for req in Request.select():
        after = logged[req.number]
        assert {k: after[k] for k in records.SNAPSHOT_FIELDS} == records.snapshot(req)
        assert RequestEvent.select().where(RequestEvent.request == req.id, RequestEvent.action == "import").count() == 1
    # the row without a number was numbered after the numbers the file brings, though it came first
    assert Request.get(Request.applicant_name == "某协会").number == "2025-依申请-0010"
    # the full-text index holds the imported rows, and the index trigger is back for later registrations
    assert [r["number"] for r in fetch(staff["head"], RegisterFilter(text="年度统计公报"), 0, 10)] == ["2025-依申请-0010"]
    register.register(staff["clerk"], person(description="城关镇饮水安全工程验收报告"))
    assert len(fetch(staff["head"], RegisterFilter(text="饮水安全工程"), 0, 10)) == 1


def test_a_large_import_is_sealed_as_single_records_would_be(staff, today, tmp_path):
    """The import seals its requests 500 at a time; every seal must be the one a request alone gets, so that
    ``check`` finds nothing after an import, and still finds a history step changed by hand afterwards."""
    from app import audit, integrity
    register.register(staff["clerk"], person())  # the register is not empty
    rows = [[f"2024-依申请-{i:04d}", "2024-06-03", "自然人", f"申请人{i}", f"第{i}号", ("予以公开", "")[i % 2],
             "2024-07-01" if i % 2 == 0 else "", ""] for i in range(1, 1_202)]
    assert ledger.import_file(staff["head"], write_csv(tmp_path / "big.csv", rows))["imported"] == 1_201
    assert integrity.compare_records() == []
    seal = audit.seal_of("request")
    logged = {r.entity_id: json.loads(r.after_json)[audit.SEAL_KEY]
              for r in AuditLog.select().where(AuditLog.action == "request.import")}
    for number in ("2024-依申请-0001", "2024-依申请-0500", "2024-依申请-0501", "2024-依申请-1201"):
        assert seal([number]) == {number: logged[number]}
    step = RequestEvent.get(RequestEvent.request == Request.get(Request.number == "2024-依申请-0777").id)
    RequestEvent.update(note="改过的说明").where(RequestEvent.id == step.id).execute()
    assert [p for p in integrity.compare_records() if "2024-依申请-0777" in p]
