"""统计图表 on the 工作台: each module's chart with data for the year, none without; PNG and xlsx exports; a module's
chart (举报投诉 by category) appears once it registers one."""
import datetime as dt

import openpyxl
import pytest

from app import modules
from app.requests import decision, register
from db.models import AuditLog
from tests.db.factories import person
from ui.dashboard.charts import ChartsSection, build_chart
from ui.events import announce
from ui.qt import QtCharts

D = dt.date
pytestmark = pytest.mark.usefixtures("loaded_modules")


@pytest.fixture
def year_of_requests(staff, today):
    c = staff["clerk"]
    x = register.register(c, person(received_date=D(2026, 5, 4)))
    decision.decide(c, x["id"], "refuse_6", D(2026, 5, 20), {"reason": "属于内部讨论记录"})
    register.register(c, person(received_date=D(2026, 6, 1)))


def test_charts_of_the_year(qtbot, staff, year_of_requests):
    section = ChartsSection(staff["leader"])
    qtbot.addWidget(section)
    # nothing published: no chart of items; the decided request's 承办科室 gives the on-time chart a figure
    assert list(section.panels) == ["requests.monthly", "requests.on_time_by_unit"]
    panel = section.panels["requests.monthly"]
    chart = panel.view.chart()
    assert chart.title() == "每月收到的申请（按办理结果）"
    series = chart.series()[0]
    assert isinstance(series, QtCharts.QStackedBarSeries)
    assert [s.label() for s in series.barSets()] == ["不予公开", "未办结"]
    assert [series.barSets()[1].at(i) for i in range(12)][4:6] == [0, 1]
    section.year.setCurrentIndex(section.year.findData(2025))
    assert section.panels == {} and not section.empty.isHidden()


def test_png_and_xlsx_exports(qtbot, staff, year_of_requests, tmp_path, recorded_messages):
    section = ChartsSection(staff["leader"])
    qtbot.addWidget(section)
    section.show()
    panel = section.panels["requests.monthly"]
    png = tmp_path / "chart.png"
    assert panel.save_png(str(png)) == str(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    xlsx = tmp_path / "chart.xlsx"
    assert panel.save_xlsx(str(xlsx)) == str(xlsx)
    ws = openpyxl.load_workbook(xlsx).active
    assert [c.value for c in ws[1]] == ["项目", "不予公开", "未办结"] and ws.max_row == 13
    logged = [r.action for r in AuditLog.select().where(AuditLog.action == "dashboard.chart_export")]
    assert len(logged) == 2
    assert recorded_messages.last()[0] == "info"


def test_a_module_chart_appears_when_registered(qtbot, staff, today, monkeypatch):
    section = ChartsSection(staff["leader"])
    qtbot.addWidget(section)
    section.show()
    assert "complaints.by_category" not in section.panels
    monkeypatch.setattr(modules, "_CHARTS", dict(modules._CHARTS))
    modules.register_chart("complaints.by_category", modules.Chart("举报投诉（按类别）", "request.view", lambda actor, year:
                           modules.ChartData("举报投诉（按类别）", ("答复不及时", "不予公开有异议"), (("件数", (3, 1)),))))
    announce("complaint")
    chart = section.panels["complaints.by_category"].view.chart()
    assert chart.title() == "举报投诉（按类别）" and isinstance(chart.series()[0], QtCharts.QBarSeries)
    assert not chart.legend().isVisible()  # one series: the title says what it counts


def test_a_rate_has_a_fixed_axis():
    data = modules.ChartData("按时答复率", ("办公室", "财政所"), (("按时答复率", (100.0, 75.0)),), "%", maximum=100)
    chart = build_chart(data)
    axis = chart.axes()[1]
    assert (axis.min(), axis.max()) == (0, 100)
