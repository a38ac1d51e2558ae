"""The demo data: every state and outcome, through the real services, with a sound audit trail."""
from app import audit, clock, demo
from app.requests import catalog
from db.models import Request, ReviewCase


def test_demo_fills_every_module(db, tmp_path, frozen_clock):
    import datetime as dt

    from app import files
    files.configure(tmp_path / "files")
    frozen_clock.set(dt.datetime(2026, 11, 20, 9, 0))
    result = demo.fill(requests=260, seed=5)
    assert result.requests == 260 and len(result.users_created) == 7
    states = {s for (s,) in Request.select(Request.state).distinct().tuples()}
    assert states == set(catalog.STATES)
    outcomes = {o for (o,) in Request.select(Request.outcome).distinct().tuples() if o}
    assert outcomes == set(catalog.OUTCOMES)
    years = {r.received_date.year for r in Request.select()}
    assert min(years) <= 2023 and max(years) == clock.today().year
    assert ReviewCase.select().count() == result.review_cases > 0
    assert result.report_years and all(y < 2026 for y in result.report_years)
    assert audit.verify_chain().ok
    # every module's records, and their dependent rows, are as their audit rows last recorded (``check``)
    from app import integrity
    assert integrity.compare_records() == []
    # 重复申请 points to the same applicant's earlier, answered request (条例第三十六条第（六）项)
    from app.requests import decision, records
    repeats = list(Request.select().where(Request.outcome == "reject_2"))
    for r in repeats:
        earlier = Request.get(Request.number == records.detail_json(r)["duplicate_of"])
        assert decision.same_applicant(earlier, r) and earlier.decided_date <= r.received_date
    # the letters' periods run from their recorded delivery
    from db.models import Consultation, Delivery, Fee
    for c in Consultation.select():
        d = Delivery.get_or_none(Delivery.consultation == c.id)
        assert (c.reply_due is None) == (d is None)
        assert c.reply is None or c.reply_date >= d.delivered_date
    assert Fee.select().where(Fee.status == "lapsed").count() >= 1
    for f in Fee.select().where(Fee.status == "lapsed"):
        assert Delivery.get(Delivery.fee == f.id).delivered_date < f.pay_by
    again = demo.fill(requests=5, seed=6)  # a second run adds requests, not a second set of users or cases
    assert again.users_created == [] and again.review_cases == 0


def _small_world(tmp_path, frozen_clock):
    import datetime as dt

    from app import files
    files.configure(tmp_path / "files")
    frozen_clock.set(dt.datetime(2026, 11, 20, 9, 0))


def test_demo_on_an_empty_database_makes_a_complete_office(db, tmp_path, frozen_clock):
    from app import office, users
    _small_world(tmp_path, frozen_clock)
    result = demo.fill(requests=12, seed=2)
    assert office.is_set_up() and result.office_created == office.get_profile()["name"]
    admin = users.authenticate(result.admin_username, result.admin_password)
    assert admin.roles == {"admin"}
    assert {r.source for r in Request.select()} == {"demo"}
    assert demo.fill(requests=3, seed=3).office_created is None  # a demo database may be filled again


def test_demo_after_init_keeps_the_office_and_its_administrator(db, tmp_path, frozen_clock):
    from app import office
    _small_world(tmp_path, frozen_clock)
    office.first_run_setup({"name": "某某镇人民政府"}, "admin", "管理员", "Passw0rd-2026", also_clerk=True)
    result = demo.fill(requests=12, seed=2)
    assert result.office_created is None and office.get_profile()["name"] == "某某镇人民政府"


def test_demo_refuses_a_live_register(db, tmp_path, frozen_clock, make_user):
    import pytest

    from app.errors import ServiceError
    from app.requests import register
    from db.models import AuditLog
    from tests.db.factories import person
    _small_world(tmp_path, frozen_clock)
    register.register(make_user("clerk"), person(received_date=clock.today()))
    audit_rows = AuditLog.select().count()
    with pytest.raises(ServiceError, match="1件申请、1个用户账户"):
        demo.fill(requests=5, seed=1)
    assert Request.select().count() == 1 and AuditLog.select().count() == audit_rows  # nothing written


def test_demo_refuses_users_it_did_not_make(db, tmp_path, frozen_clock, make_user):
    import pytest

    from app.errors import ServiceError
    _small_world(tmp_path, frozen_clock)
    make_user("section_head", username="wangfang")
    with pytest.raises(ServiceError, match="1个用户账户"):
        demo.fill(requests=5, seed=1)
