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
