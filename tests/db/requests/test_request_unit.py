"""承办科室: each request carries the unit that handles it, one of the office's units; a request registered or imported
without one, and every request made before units were recorded, gets the office's first unit."""
import pytest

from app import settings
from app.errors import ValidationError
from app.requests import ledger, register
from db.connection import database
from db.migrations import m012_assessment
from db.models import Request
from tests.db.factories import person


def test_a_request_gets_the_unit_chosen_or_the_first(staff, today):
    chosen = register.register(staff["clerk"], person(unit="财政所"))
    plain = register.register(staff["clerk"], person(description="2026年城乡居民医疗保险缴费标准文件"))
    assert Request.get_by_id(chosen["id"]).unit == "财政所" and Request.get_by_id(plain["id"]).unit == "办公室"
    with pytest.raises(ValidationError, match="承办科室：“水务科”不在本机关的科室名单中"):
        register.register(staff["clerk"], person(unit="水务科"))
    register.update_registration(staff["clerk"], plain["id"], {"unit": "社会事务办"})
    assert Request.get_by_id(plain["id"]).unit == "社会事务办"


def test_imported_and_existing_requests_get_the_office_first_unit(staff, today, tmp_path):
    settings.set_many(staff["admin"], {"publication.units": "综合股\n财政所"})
    path = tmp_path / "ledger.csv"
    path.write_text("申请编号,收到日期,申请人类型,申请人,申请内容,办理结果,答复日期\n"
                    "2025-依申请-0001,2025-03-04,自然人,陈某,农村低保名单,予以公开,2025-03-20\n", encoding="utf-8")
    ledger.import_file(staff["head"], str(path))
    assert Request.get(Request.number == "2025-依申请-0001").unit == "综合股"
    # a database migrated from before units were recorded: its requests have none until the step fills them
    Request.update(unit=None).execute()
    with database.obj.atomic():
        m012_assessment.apply(database.obj)
    assert {r.unit for r in Request.select()} == {"综合股"}
