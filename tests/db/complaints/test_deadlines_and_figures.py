"""Due dates by category on the official calendar (and their recomputation when a year's schedule is entered), the
category limits as office settings, and the statistics the assessment and the summaries read, from a known set."""
import datetime as dt

import pytest

from app import audit, modules, settings
from app.complaints import cases, handling, hooks, records, stats
from app.errors import ValidationError
from app.workdays import calendar as workcal
from app.workdays import service as calendar_service
from app.workdays.schedule import HolidayRange, YearSchedule
from db.models import AuditLog, ComplaintCase
from tests.db.complaints.conftest import case_data

D = dt.date


@pytest.mark.parametrize("category,received,due", [
    ("consultation", dt.datetime(2026, 2, 12, 9), D(2026, 2, 24)),  # 2-13, 2-14 (调休 Saturday), then after 春节
    ("consultation", dt.datetime(2026, 3, 7, 9), D(2026, 3, 11)),  # a Saturday counts from Monday
    ("complaint", dt.datetime(2026, 3, 6, 16), D(2026, 3, 17)),
    ("investigation", dt.datetime(2026, 3, 6, 9), D(2026, 3, 20)),
    ("difficult", dt.datetime(2026, 3, 6, 9), D(2026, 3, 27)),
])
def test_due_date_by_category(crew, category, received, due):
    made = cases.create(crew["clerk"], case_data(category=category, report_type="", received_at=received))
    assert made["due_date"] == due
    steps = records.explain(records.get(made["id"]))
    assert steps[-1].endswith(due.isoformat()) and "政民互动管理制度第四条" in steps[0]


def test_category_limits_are_office_settings(crew):
    settings.set_many(crew["admin"], {"complaints.days.complaint": 5})
    made = cases.create(crew["clerk"], case_data(category="complaint", report_type=""))
    assert made["due_date"] == D(2026, 3, 13)
    with pytest.raises(ValidationError, match="不能大于 7"):
        settings.set_many(crew["admin"], {"complaints.days.complaint": 8})  # seed 001: 5-7 working days
    settings.set_many(crew["admin"], {"complaints.days.difficult": 30})
    assert cases.create(crew["clerk"], case_data(category="difficult", report_type=""))["due_date"] == D(2026, 4, 20)


def test_a_calendar_change_recomputes_open_cases(crew, frozen_clock):
    modules.load()
    frozen_clock.set(dt.datetime(2026, 12, 28, 15, 0))
    open_case = cases.create(crew["clerk"], case_data(received_at=dt.datetime(2026, 12, 28, 9)))
    answered = cases.create(crew["clerk"], case_data(received_at=dt.datetime(2026, 12, 28, 10)))
    handling.act(crew["head"], answered["id"], "register", unit="办公室")
    handling.act(crew["clerk"], answered["id"], "reply", "答复", method="书面答复")
    case = records.get(open_case["id"])
    assert (case.due_date, case.due_provisional) == (D(2027, 1, 12), True)  # 2027 not yet published
    result = calendar_service.save_year(crew["admin"], YearSchedule(2027, "测试安排", (
        HolidayRange("元旦", D(2027, 1, 1), D(2027, 1, 3)), HolidayRange("假想假期", D(2027, 1, 11), D(2027, 1, 15)))))
    workcal.invalidate()
    case = records.get(open_case["id"])
    assert (case.due_date, case.due_provisional) == (D(2027, 1, 19), False)
    assert records.get(answered["id"]).due_date == D(2027, 1, 12)  # an answered case keeps the date it was judged by
    assert [c.number for c in result.changes if c.entity == "举报投诉"] == [open_case["number"]]
    assert AuditLog.select().where(AuditLog.action == "complaint.recompute").count() == 1
    assert audit.verify_chain().ok


def _answered(crew, frozen_clock, category, received, replied, unit="办公室"):
    frozen_clock.set(dt.datetime.combine(replied, dt.time(16, 0)))
    made = cases.create(crew["clerk"], case_data(category=category, report_type="" if category != "report" else "duty",
                                                 received_at=dt.datetime.combine(received, dt.time(9, 0))))
    handling.act(crew["head"], made["id"], "register", unit=unit)
    handling.act(crew["clerk"], made["id"], "reply", "答复", method="书面答复")
    return made


def test_figures_from_a_known_set(crew, frozen_clock):
    settings.set_many(crew["admin"], {"publication.units": "办公室\n财政所\n自然资源所"})
    _answered(crew, frozen_clock, "consultation", D(2026, 3, 2), D(2026, 3, 4))  # 2 working days, on time
    _answered(crew, frozen_clock, "consultation", D(2026, 3, 2), D(2026, 3, 9))  # 5 working days, late (due 03-05)
    _answered(crew, frozen_clock, "complaint", D(2026, 3, 2), D(2026, 3, 6), unit="财政所")  # 4, on time
    frozen_clock.set(dt.datetime(2026, 4, 1, 9))
    cases.create(crew["clerk"], case_data(received_at=dt.datetime(2026, 3, 10, 9)))  # open, due 03-24: overdue
    cases.create(crew["clerk"], case_data(received_at=dt.datetime(2026, 3, 31, 9)))  # open, not yet due
    lines = {f.category: f for f in stats.figures(D(2026, 1, 1), D(2026, 12, 31))}
    c = lines["consultation"]
    assert (c.received, c.answered, c.on_time, c.late, c.on_time_rate, c.average_days) == (2, 2, 1, 1, 50.0, 3.5)
    total = lines[""]
    assert (total.received, total.answered, total.on_time, total.open, total.open_overdue) == (5, 3, 2, 2, 1)
    assert total.average_days == pytest.approx(11 / 3, abs=0.05)
    assert stats.year_total(2026, "财政所").received == 1
    measures = modules.measures()
    assert measures["complaints.on_time_pct"].compute(2026, None) == pytest.approx(66.7)
    assert measures["complaints.overdue"].compute(2026, None) == 2  # one late answer, one open past its date
    assert measures["complaints.received"].compute(2026, "自然资源所") is None  # no cases there: no figure
    assert measures["complaints.average_days"].compute(2025, None) is None
    # the 工作台's chart: the year's cases per category, answered on time, late, still open
    chart = modules.chart("complaints.by_category")
    data = chart.compute(crew["clerk"], 2026)
    shown = dict(zip(data.categories, zip(*(values for _, values in data.series))))
    assert shown[c.label] == (1.0, 1.0, 0.0) and sum(sum(v) for v in shown.values()) == 5
    assert chart.compute(crew["clerk"], 2025) is None
    # the annual report's draft of section 六 (the statutory tables have no place for complaints)
    from app.report import service as report
    other = report.drafts(crew["head"], 2026)["other"]
    assert ("本年度受理涉及政务公开工作的举报投诉和群众来信留言5件（举报2件、投诉1件、政策咨询2件），已答复3件，其中按时答复"
            "2件，按时答复率66.7%，平均答复用时3.7个工作日；尚在办理2件。") in other
    assert "举报投诉" not in report.drafts(crew["head"], 2025)["other"]


def test_demo_makes_every_category_and_step(crew, frozen_clock):
    from app.complaints.demo import make_cases
    frozen_clock.set(dt.datetime(2026, 6, 30, 17, 0))
    staff = {"zhangming": crew["clerk"], "lihua": crew["head"], "wangqiang": crew["leader"]}
    assert make_cases(staff, 8, years=1).endswith("件举报投诉")
    states = {s for (s,) in ComplaintCase.select(ComplaintCase.state).distinct().tuples()}
    assert states == {"accepted", "registered", "investigating", "supervised", "review", "replied", "transferred",
                      "archived"}
    for state in states:
        assert ComplaintCase.select().where(ComplaintCase.state == state).count() >= 6, state
    categories = {c for (c,) in ComplaintCase.select(ComplaintCase.category).distinct().tuples()}
    assert categories == set(records.catalog.CATEGORIES)
    assert hooks.foreign_cases() is None

