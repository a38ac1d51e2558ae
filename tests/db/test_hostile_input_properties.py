"""Random and hostile data into every import path and the registration service (property-based, hypothesis).

Whatever the input — control characters, emoji, formulas, huge or empty cells, broken dates, binary noise — each
path either succeeds or raises the project's one error type (``ServiceError``) with a message, and a refusal writes
nothing. The number of cases per path comes from the hypothesis profile tests/conftest.py loads: 50 in the suite,
2,000 with ``ZWGK_HYPOTHESIS=nightly`` (10,000 across the five tests), N with ``ZWGK_PROPERTY_CASES=N`` (see the
README's section on tests).
"""
from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import audit
from app.errors import ServiceError
from app.requests import ledger, register
from app.workdays import service as calendar_service
from app.workdays.schedule import parse
from db.models import AuditLog, CalendarDay, CalendarYear, Request, RequestEvent

PROPERTY = settings(deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

HOSTILE = ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "@SUM(A1)", "-2", "\x00", "\x0b",
           "第一行\r\n第二行", "😀", "\u200b", "\ud800", "\ue000", "李" * 1000, "长" * 140_000, "", " ", "　",
           "1900-01-01", "2101-01-01", "2026-02-30", "0", "-1", "NaN", "null", "'", '"', "\\", ",", "\t", ";"]
VALID = {
    "received": ["2025-03-04", "2025/3/4", "2025年3月4日", "20250304"],
    "type": ["自然人", "商业企业", "法人或其他组织（其他）", "科研机构"],
    "name": ["陈某", "某某建设工程有限公司", "张三丰"],
    "description": ["农村低保名单", "2025年财政预算执行情况"],
    "outcome": ["予以公开", "部分公开", "逾期不缴费", "撤回", "3.其他", ""],
    "decided": ["2025-03-20", ""],
}


def cell(kind: str):
    return st.one_of(st.sampled_from(VALID[kind]), st.sampled_from(HOSTILE), st.text(max_size=60))


rows_strategy = st.lists(st.tuples(st.text(max_size=20), cell("received"), cell("type"), cell("name"),
                                   cell("description"), cell("outcome"), cell("decided"), st.text(max_size=30)),
                         min_size=0, max_size=8)


def _counts():
    return (Request.select().count(), RequestEvent.select().count(), AuditLog.select().count(),
            CalendarYear.select().count(), CalendarDay.select().count())


def _import_ledger(actor, path):
    """The command line's and the window's path: read, check with the default mapping, import the good rows."""
    sheet = ledger.read_file(str(path))
    checked = ledger.check(sheet, ledger.default_mapping(sheet.headers))
    return ledger.import_rows(actor, checked, path.name, skip_bad=True), checked


def _check_outcome(actor, before, attempt):
    try:
        n = attempt()
    except ServiceError as err:
        assert str(err).strip()
        assert _counts() == before  # refused: nothing written
        return
    after = _counts()
    assert after[0] == before[0] + n and after[1] == before[1] + n and after[2] == before[2] + n
    assert audit.verify_chain().ok


@PROPERTY
@given(rows=rows_strategy, delimiter=st.sampled_from([",", "\t", ";"]), encoding=st.sampled_from(["utf-8-sig",
                                                                                                    "gb18030"]))
def test_text_ledgers(staff, today, tmp_path, rows, delimiter, encoding):
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter).writerows([ledger_header()] + [list(r) for r in rows])
    path = tmp_path / "ledger.csv"
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be written in any encoding: write what a file could hold
        data = buf.getvalue().encode(encoding, errors="replace")
    path.write_bytes(data)
    _check_outcome(staff["head"], _counts(), lambda: _import_ledger(staff["head"], path)[0])


@PROPERTY
@given(rows=rows_strategy, dates=st.lists(st.one_of(st.dates(), st.integers(-10, 100_000), st.floats()), max_size=8))
def test_xlsx_ledgers(staff, today, tmp_path, rows, dates):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ledger_header())
    for i, row in enumerate(rows):
        # what an xlsx file can hold: no control characters, no lone surrogates, at most 32,767 characters a cell
        values = [openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", v).encode("utf-8", "replace").decode()[:32_000]
                  for v in row]
        values[1] = dates[i] if i < len(dates) else values[1]
        ws.append(values)
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    _check_outcome(staff["head"], _counts(), lambda: _import_ledger(staff["head"], path)[0])


@PROPERTY
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")),
                      st.builds(lambda h, b: ("年份: 2027\n" + h + ": " + b).encode("utf-8", "replace"),
                                st.text(max_size=20), st.text(max_size=60)),
                      st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                                   lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                                       st.sampled_from(["year", "title", "holidays", "name", "first", "last",
                                                        "makeup"]), kids, max_size=4), max_leaves=20)
                      .map(lambda obj: repr(obj).replace("'", '"').encode("utf-8", "replace"))))
def test_calendar_files(staff, today, tmp_path, data):
    path = tmp_path / "calendar.txt"
    path.write_bytes(data)
    before = _counts()
    try:
        result = calendar_service.import_file(staff["admin"], path)
    except ServiceError as err:
        assert str(err).strip() and _counts() == before
        return
    assert CalendarYear.get_or_none(CalendarYear.year == result.year) is not None


@PROPERTY
@given(text=st.text(max_size=400))
def test_calendar_text_parser(text):
    try:
        parse(text)
    except ServiceError as err:
        assert str(err).strip()


FORM_KEYS = ["applicant_type", "applicant_name", "id_type", "id_number", "uscc", "legal_rep", "contact_person",
             "phone", "address", "postcode", "email", "channel", "received_date", "description", "doc_title",
             "doc_ref", "purpose", "form_wanted", "delivery_wanted", "notes", "officer_id"]


@PROPERTY
@given(over=st.dictionaries(st.sampled_from(FORM_KEYS),
                            st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80), st.none(), st.integers(),
                                      st.dates(), st.sampled_from(["natural", "commercial", "in_person", "paper",
                                                                   "post", "resident_id"])),
                            max_size=6))
def test_registration(staff, today, over):
    from tests.db.factories import person
    before = _counts()
    try:
        register.register(staff["clerk"], person(**over))
    except ServiceError as err:
        assert str(err).strip() and _counts() == before
        return
    after = _counts()
    assert after[0] == before[0] + 1 and audit.verify_chain().ok


def ledger_header() -> list[str]:
    return ["申请编号", "收到日期", "申请人类型", "申请人", "申请内容", "办理结果", "答复日期", "备注"]
