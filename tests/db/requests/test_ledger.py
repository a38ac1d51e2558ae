"""Importing an office's existing 台账: good, bad and mixed files; nothing is written while a row is bad."""
import csv
import datetime as dt

import openpyxl
import pytest

from app.errors import PermissionDenied, ValidationError
from app.requests import ledger, register
from app.requests.query import RegisterFilter, count
from db.models import Request

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
