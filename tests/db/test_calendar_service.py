"""节假日安排 in the database: saving, importing, deleting, the audit trail, the cached calendar and the
recomputation hooks that run inside the saving transaction."""
import datetime as dt
import json

import pytest

from app.resources import resource
from app import audit
from app.errors import NotFound, PermissionDenied, ServiceError
from app.workdays import calendar as workcal
from app.workdays import service
from app.workdays.deadlines import due_date
from app.workdays.schedule import HolidayRange, ScheduleError, YearSchedule, parse_text
from db.connection import database
from db.models import CalendarDay, CalendarYear

D = dt.date
YEAR_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（测试用）
年份: 2027
元旦: 2027-01-01 至 2027-01-07; 上班 2027-01-09
春节: 2027-02-05 至 2027-02-11; 上班 2027-02-20
"""


@pytest.fixture(autouse=True)
def fresh_calendar():
    workcal.invalidate()
    yield
    workcal.invalidate()
    for name in list(service._HOOKS):
        if name.startswith("test."):
            service.unregister_recompute(name)


def _sample_2027() -> YearSchedule:
    return parse_text(YEAR_2027)


def test_save_stores_rows_audits_and_changes_the_calendar(db, system):
    assert due_date(D(2026, 12, 15), 20).due == D(2027, 1, 13)
    assert due_date(D(2026, 12, 15), 20).provisional
    result = service.save_year(system, _sample_2027())
    assert (result.year, result.days, result.source, result.changes) == (2027, 16, "entered", ())
    assert CalendarYear.get_by_id(2027).source == "entered"
    assert CalendarDay.select().where(CalendarDay.year == 2027).count() == 16
    after = due_date(D(2026, 12, 15), 20)
    assert not after.provisional and after.due == D(2027, 1, 18)
    rows = audit.fetch(system, audit.AuditFilter(action="calendar.save"), 0, 10)
    assert len(rows) == 1 and rows[0]["before"] is None
    assert json.loads(rows[0]["after"])["holidays"][0]["name"] == "元旦"
    assert audit.ACTION_LABELS["calendar.save"] == "录入节假日安排"
    assert audit.verify_chain().ok


def test_round_trip_and_list(db, system, make_user):
    admin = make_user("admin", display_name="王管理")
    service.save_year(admin, _sample_2027(), source="imported")
    stored = service.get_year(2027)
    assert stored.schedule == _sample_2027() and stored.source == "imported" and stored.entered_by == "王管理"
    assert [s.year for s in service.list_years()] == [2027]
    assert service.get_year(2030) is None


def test_saving_again_replaces_the_year_and_records_before(db, system):
    service.save_year(system, _sample_2027())
    smaller = YearSchedule(2027, "更正", (HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 3)),))
    service.save_year(system, smaller)
    assert service.get_year(2027).schedule == smaller
    assert CalendarDay.select().count() == 3
    row = audit.fetch(system, audit.AuditFilter(action="calendar.save"), 0, 1)[0]
    assert json.loads(row["before"])["title"] == "国务院办公厅关于2027年部分节假日安排的通知（测试用）"


def test_a_stored_year_overrides_the_package(db, system):
    service.save_year(system, YearSchedule(2026, "本地更正", (
        HolidayRange("测试假", D(2026, 3, 9), D(2026, 3, 9)),)))
    info = workcal.current().day_info(D(2026, 3, 9))
    assert (info.kind, info.source) == ("holiday", "entered")
    assert workcal.current().is_workday(D(2026, 2, 17))  # the package's Spring Festival no longer applies


def test_delete_goes_back_to_the_default(db, system):
    service.save_year(system, _sample_2027())
    result = service.delete_year(system, 2027)
    assert (result.days, result.source) == (0, "provisional")
    assert "恢复为暂定日历" in result.summary()
    assert CalendarDay.select().count() == 0 and service.get_year(2027) is None
    assert due_date(D(2026, 12, 15), 20).provisional
    with pytest.raises(NotFound):
        service.delete_year(system, 2027)
    assert audit.count(system, audit.AuditFilter(action="calendar.delete")) == 1


def test_import_text_and_json_files(db, system, tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(YEAR_2027, encoding="utf-8")
    result = service.import_file(system, path)
    assert result.source == "imported" and result.days == 16
    json_path = tmp_path / "2026.json"
    json_path.write_bytes(resource("calendars/2026.json").read_bytes())
    assert service.import_file(system, json_path).year == 2026
    assert service.get_year(2026).source == "imported"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(YEAR_2027.replace("2027", "2028").replace("2028-01-09", "2028-01-08").encode("gb18030"))
    assert service.import_file(system, gbk).year == 2028


@pytest.mark.parametrize("content,message", [
    ("年份: 2027\n春节: 2027-02-05 至 2027-02-11; 上班 2027-02-03\n", "第2行：调休上班日 2027-02-03 是星期三"),
    ("年份: 2027\n春节 2027-02-05\n", "第2行：缺少冒号"),
    ('{"year": 2027, "holidays": [{"name": "春节", "first": "2027-02-05", "last": "2027-02-01"}]}',
     "第1项（春节）：开始日期 2027-02-05 晚于结束日期 2027-02-01"),
])
def test_a_bad_file_is_refused_and_changes_nothing(db, system, tmp_path, content, message):
    service.save_year(system, _sample_2027())
    audit_rows = audit.count(system, audit.AuditFilter())
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScheduleError) as err:
        service.import_file(system, path)
    assert message in str(err.value)
    assert service.get_year(2027).schedule == _sample_2027()
    assert audit.count(system, audit.AuditFilter()) == audit_rows


def test_unreadable_file(db, system, tmp_path):
    with pytest.raises(ServiceError) as err:
        service.import_file(system, tmp_path / "missing.txt")
    assert "无法读取节假日安排文件" in str(err.value)


def test_only_the_administrator_may_change_the_calendar(db, make_user, tmp_path):
    clerk = make_user("clerk")
    with pytest.raises(PermissionDenied):
        service.save_year(clerk, _sample_2027())
    with pytest.raises(PermissionDenied):
        service.import_file(clerk, tmp_path / "whatever.txt")
    with pytest.raises(PermissionDenied):
        service.delete_year(clerk, 2027)


def test_recompute_hooks_run_inside_the_transaction_and_report_changes(db, system):
    seen = {}

    def hook(actor):
        seen["depth"] = database.obj.transaction_depth()
        seen["actor"] = actor.display_name
        seen["stored"] = CalendarYear.get_or_none(CalendarYear.year == 2027) is not None
        new = due_date(D(2026, 12, 15), 20)  # the calendar the hook sees is the new one
        return [service.DeadlineChange("依申请公开申请", 7, "2026-依申请-0007", D(2027, 1, 13), new.due, True,
                                       new.provisional),
                service.DeadlineChange("依申请公开申请", 8, "2026-依申请-0008", D(2026, 12, 30), D(2026, 12, 30))]

    service.register_recompute("test.requests", hook)
    result = service.save_year(system, _sample_2027())
    assert seen == {"depth": 1, "actor": "测试", "stored": True}
    assert len(result.changes) == 1  # the unchanged deadline is not reported
    change = result.changes[0]
    assert (change.new_due, change.new_provisional) == (D(2027, 1, 18), False)
    assert "2026-依申请-0007：2027-01-13（暂定） → 2027-01-18" in result.summary()


def test_a_failing_hook_rolls_the_year_back(db, system):
    def hook(actor):
        assert workcal.current().is_official(2027)
        raise RuntimeError("boom")

    service.register_recompute("test.broken", hook)
    with pytest.raises(RuntimeError):
        service.save_year(system, _sample_2027())
    assert service.get_year(2027) is None and CalendarDay.select().count() == 0
    assert audit.count(system, audit.AuditFilter(action="calendar.save")) == 0
    assert not workcal.current().is_official(2027)  # the cache did not keep the rolled-back year


def test_current_is_cached_until_invalidated(db, system):
    first = workcal.current()
    assert workcal.current() is first
    service.save_year(system, _sample_2027())
    assert workcal.current() is not first
