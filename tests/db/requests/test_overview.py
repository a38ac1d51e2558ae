"""What the register shows outside its tab: the 工作台's entries (the user's own first), the search box's hits with
the identity masked, the monthly chart by outcome group."""
import datetime as dt

import pytest

from app import charts, modules
from app.errors import PermissionDenied
from app.requests import consultation, decision, fees_service, handling, overview, register
from app.requests.hooks import overview as hooked  # noqa: F401  (the hooks module registers the providers)
from tests.db.factories import company, person

D = dt.date


@pytest.fixture
def office(staff, make_user, today):
    """Today 2026-06-30. The clerk 张明 handles a, b, c, f; 刘洋 handles o (overdue) and s (soon)."""
    c, other = staff["clerk"], make_user("clerk", username="liuyang", display_name="刘洋")
    b = register.register(c, company(received_date=D(2026, 5, 29), description="道路拓宽工程招标文件"))  # due 06-29
    a = register.register(c, person(received_date=D(2026, 6, 22), description="危房改造补助名单"))
    o = register.register(other, person(received_date=D(2026, 5, 28), applicant_name="王五"))  # overdue
    s = register.register(other, person(received_date=D(2026, 6, 3), applicant_name="李四"))  # due 07-02: soon
    corr = register.register(c, person(received_date=D(2026, 6, 8), applicant_name="赵六"))
    handling.request_correction(c, corr["id"], "请写明所需名单的村别和年度", D(2026, 6, 10), period_days=10)
    cons = register.register(c, person(received_date=D(2026, 6, 5), applicant_name="钱七"))
    k = consultation.consult(c, cons["id"], "third_party", "某企业", "环境监测数据是否同意公开", D(2026, 6, 8))
    consultation.record_delivery(c, k["id"], "post", D(2026, 6, 9), "XA100000001CN")  # 15 working days after 06-09, 端午 06-19 not counted: 07-01
    return {"a": a, "b": b, "o": o, "s": s, "corr": corr, "cons": cons, "other": other}


def titles(entries):
    return [e.title for e in entries]


def test_the_clerk_sees_their_own_requests_first_then_the_office(staff, office):
    entries = overview.dashboard(staff["clerk"])
    mine = [e for e in entries if e.mine]
    assert entries[:len(mine)] == mine  # the user's own work first
    assert [e.title for e in mine] == ["答复已逾期 1 件", "补正期限将到或已过（条例第三十条） 1 件",
                                       "征求意见答复期限将到或已过（条例第三十二条、第三十四条） 1 件"]
    overdue = mine[0]
    assert overdue.urgent and overdue.tab == "依申请公开" and overdue.record_ids == (office["b"]["id"],)
    assert overdue.lines == (f"{office['b']['number']} 某某建设工程有限公司 答复期限 2026-06-29（已过1个工作日）",)
    assert overdue.target(0) == office["b"]["id"] and overdue.target(1) is None
    office_entries = [e for e in entries if not e.mine]
    # the office's 2 overdue and 1 due soon; the correction and the consultation are all the clerk's: not twice
    assert titles(office_entries) == ["答复已逾期 2 件", "答复期限临近 1 件"]
    assert set(office_entries[0].record_ids) == {office["b"]["id"], office["o"]["id"]}
    assert not office_entries[1].urgent and office_entries[1].record_ids == (office["s"]["id"],)
    consult = mine[2]
    assert consult.record_ids == (office["cons"]["id"],) and "答复期限 2026-07-01（剩1个工作日）" in consult.lines[0]
    assert not consult.urgent  # not yet past


def test_a_period_that_has_ended_is_urgent(staff, office, frozen_clock):
    frozen_clock.set(dt.datetime(2026, 7, 3, 9, 0))
    entries = {e.title.split(" ")[0]: e for e in overview.dashboard(staff["clerk"]) if e.mine}
    assert entries["征求意见答复期限将到或已过（条例第三十二条、第三十四条）"].urgent
    assert "已过2个工作日" in entries["征求意见答复期限将到或已过（条例第三十二条、第三十四条）"].lines[0]


def test_fee_period_on_the_dashboard(staff, today):
    clerk = staff["clerk"]
    for k in range(11):  # the applicant's 11th request of the month pays (国办函〔2020〕109号)
        out = register.register(clerk, person(received_date=D(2026, 6, 1), description=f"第{k}号文件"))
    fees_service.fee_notice(clerk, out["id"], "per_item", None, D(2026, 6, 1))
    fees_service.record_delivery(clerk, out["id"], "post", D(2026, 6, 2), "XA100000002CN")  # 20 working days from 06-03, 端午 not counted: 07-01
    fee = [e for e in overview.dashboard(clerk) if e.title.startswith("缴费期限")]
    assert fee and fee[0].record_ids == (out["id"],) and "缴费期限 2026-07-01（剩1个工作日）" in fee[0].lines[0]


def test_a_leader_has_no_own_entries_and_a_reader_without_the_register_none(staff, office, make_user):
    entries = overview.dashboard(staff["leader"])
    assert entries and not any(e.mine for e in entries)
    assert overview.dashboard(make_user("secrecy_reviewer")) == []


def test_registered_with_the_module_hooks(staff, office):
    mine, rest = modules.dashboard_entries(staff["clerk"])
    assert ("依申请公开", "答复已逾期 1 件") in [(s, e.title) for s, e in mine]
    assert all(not e.mine for _, e in rest)


def test_search_finds_requests_and_masks_identity_in_the_quote(staff, today, make_user):
    c = staff["clerk"]
    r = register.register(c, person(applicant_name="欧阳建国", phone="13912345678",
                                    description="危房改造补助名单，联系电话13912345678"))
    register.register(c, company(description="道路拓宽工程招标文件"))
    found = overview.search(staff["clerk"], "危房改造", 10)
    assert [h.record_id for h in found] == [r["id"]] and found[0].kind == "申请"
    assert found[0].title == "欧阳建国" and found[0].number == r["number"]
    assert "13912345678" in found[0].detail  # the clerk may see the applicant's contact details
    supervisor = overview.search(staff["supervisor"], "危房改造", 10)
    assert "13912345678" not in supervisor[0].detail and "139****5678" in supervisor[0].detail
    assert overview.search(c, "欧阳", 10)[0].record_id == r["id"]  # 2 characters: the LIKE fallback
    assert overview.search(c, "  ", 10) == []
    with pytest.raises(PermissionDenied):
        overview.search(make_user("secrecy_reviewer"), "危房", 10)
    groups = modules.search_all(c, "危房改造")
    assert [(name, [h.record_id for h in hits]) for name, _, hits in groups if name == "requests"] == \
        [("requests", [r["id"]])]
    assert [source.open_tab for name, source, _ in groups if name == "requests"] == ["依申请公开"]


def test_monthly_outcomes_chart(staff, today, tmp_path, make_user):
    c = staff["clerk"]
    x = register.register(c, person(received_date=D(2026, 5, 4)))
    decision.decide(c, x["id"], "refuse_6", D(2026, 5, 20), {"reason": "属于内部讨论记录"})
    register.register(c, person(received_date=D(2026, 5, 6)))
    register.register(c, person(received_date=D(2026, 6, 1)))
    v = register.register(c, person(received_date=D(2026, 6, 2)))
    handling.void(staff["head"], v["id"], "重复登记")
    data = overview.monthly_outcomes(c, 2026)
    assert data.stacked and data.categories[4] == "5月"
    assert dict(data.series) == {"不予公开": (0,) * 4 + (1,) + (0,) * 7,
                                 "未办结": (0,) * 4 + (1, 1) + (0,) * 6}  # the voided registration counts nowhere
    assert overview.monthly_outcomes(c, 2025) is None
    path = tmp_path / "chart.xlsx"
    assert charts.export_chart(c, "requests.monthly", 2026, str(path)) == 12
    import openpyxl
    ws = openpyxl.load_workbook(path).active
    assert [cell.value for cell in ws[1]] == ["项目", "不予公开", "未办结"]
    assert [cell.value for cell in ws[6]] == ["5月", 1, 1]
    with pytest.raises(PermissionDenied):
        charts.export_chart(make_user("secrecy_reviewer"), "requests.monthly", 2026, str(tmp_path / "no.xlsx"))


def test_on_time_chart_appears_with_its_measure(staff, today, monkeypatch):
    from app import settings
    c = staff["clerk"]
    chart = modules.chart("requests.on_time_by_unit")
    assert chart.compute(c, 2026) is None  # no request concluded that year: nothing to draw
    monkeypatch.setattr(modules, "_MEASURES", dict(modules._MEASURES))
    del modules._MEASURES["requests.on_time_pct"]
    assert chart.compute(c, 2026) is None  # no measure registered: nothing to draw
    monkeypatch.setattr(settings, "units", lambda: ["办公室", "财政所", "农业站"])
    figures = {"办公室": 100.0, "财政所": 75.0, "农业站": None}
    modules.register_measure(modules.Measure("requests.on_time_pct", "按时答复率", "依申请公开", "%",
                                             lambda year, unit: figures.get(unit)))
    data = chart.compute(c, 2026)
    assert data.categories == ("办公室", "财政所") and dict(data.series) == {"按时答复率": (100.0, 75.0)}
    assert data.maximum == 100 and data.value_label == "%"


def test_the_lines_are_the_earliest_due_dates_across_every_open_state(staff, today):
    """More overdue requests than lines, in two open states: the lines are the SHOWN earliest due dates, whatever
    their state, in due-date order (each state is read from the (state, due date) index on its own)."""
    c = staff["clerk"]
    made = [register.register(c, person(received_date=D(2026, 4, 1) + dt.timedelta(days=k),
                                        applicant_name=f"申请人{k}")) for k in range(overview.SHOWN + 2)]
    for k in range(1, len(made), 2):
        handling.start(c, made[k]["id"])  # odd ones processing, even ones still registered
    entry = {e.title: e for e in overview.dashboard(c)}[f"答复已逾期 {len(made)} 件"]
    assert entry.record_ids == tuple(m["id"] for m in made[:overview.SHOWN])
    assert [line.split()[1] for line in entry.lines] == [f"申请人{k}" for k in range(overview.SHOWN)]
