"""Every service that changes a compared field writes it into its audit row, so an untouched database passes
``check``'s record comparison (a service that forgot would be reported as a change made outside the program)."""
import datetime as dt

from app import integrity, office, settings, users
from app.requests import review_cases


def test_account_and_settings_services_leave_records_matching_the_audit(db, system, make_user, frozen_clock):
    office.save_profile(system, {"name": "某某县人民政府办公室", "phone": "0571-1234567"})
    clerk = make_user("clerk", username="zhang")
    users.update_user(system, clerk.user_id, "张明", ["clerk", "section_head"])
    users.set_active(system, clerk.user_id, False)
    users.set_active(system, clerk.user_id, True)
    users.reset_password(system, clerk.user_id, "Reset-Pass-2026", must_change=True)
    users.change_password(users.authenticate("zhang", "Reset-Pass-2026"), "Reset-Pass-2026", "Own-Pass-2026x")
    settings.set_many(system, {"office.abbreviation": "某", "requests.reply_days": 15})
    case = review_cases.create(system, {"kind": "reconsideration", "filed_date": dt.date(2026, 1, 5)})
    review_cases.update(system, case, {"result": "upheld", "concluded_date": dt.date(2026, 3, 1)})
    assert integrity.compare_records() == []
