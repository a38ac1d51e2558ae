"""一站式搜索: the field in the main window (Ctrl+K), hits grouped by module with the typed words marked, a hit
opening its record in its tab, masking as each module masks."""
import datetime as dt

import pytest

from app import modules
from app.publication import items
from app.requests import register
from tests.db.factories import company, person
from tests.db.publication.conftest import item_data
from ui.qt import QtCore, Qt
from ui.search import SearchPanel, highlight

D = dt.date
pytestmark = pytest.mark.usefixtures("loaded_modules")


@pytest.fixture
def records(staff, today):
    c = staff["clerk"]
    r = register.register(c, person(applicant_name="欧阳建国", phone="13912345678",
                                    description="危房改造补助名单，联系电话13912345678"))
    register.register(c, company(description="道路拓宽工程招标文件"))
    item = items.create(c, item_data(title="2026年危房改造实施方案", content="全县危房改造任务三百户"))["id"]
    return r, item


def test_highlight_marks_every_term_and_escapes():
    marked = highlight("危房<改造> 危房", ["危房", "改造"])
    assert marked.count("background:#ffe08a") == 3 and "&lt;" in marked and "<改造>" not in marked
    assert highlight("ABC abc", ["abc"]).count("background") == 2  # case ignored
    assert highlight("无", []) == "无"


def test_hits_grouped_by_module_and_marked(qtbot, staff, records):
    r, item = records
    panel = SearchPanel(staff["clerk"], "危房改造")
    qtbot.addWidget(panel)
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert sorted(groups) == ["依申请公开（1）", "发布审核（1）"]  # in the order the modules registered
    labels = {label.hit.kind: label for label in panel.hit_labels()}
    assert (labels["申请"].hit.record_id, labels["待发布信息"].hit.record_id) == (r["id"], item)
    assert "<span style='background:#ffe08a; color:#000;'>危房改造</span>" in labels["申请"].text()
    assert "13912345678" in labels["申请"].text()
    assert panel.summary.text() == "找到 2 条"
    assert panel.tree.currentItem() is panel.first_hit()


def test_masking_follows_the_module(qtbot, staff, records):
    panel = SearchPanel(staff["supervisor"], "危房改造")
    qtbot.addWidget(panel)
    text = [label.text() for label in panel.hit_labels() if label.hit.kind == "申请"][0]
    assert "13912345678" not in text and "139****5678" in text


def test_typing_searches_after_a_pause_and_nothing_found(qtbot, staff, records):
    panel = SearchPanel(staff["clerk"])
    qtbot.addWidget(panel)
    assert panel.tree.topLevelItemCount() == 0 and "输入" in panel.summary.text()
    panel.field.setText("不存在的内容")
    assert panel.timer.isActive()
    qtbot.waitUntil(lambda: panel.summary.text() == "没有找到。", timeout=2000)


def test_the_main_window_field_opens_the_hit(qtbot, staff, records):
    from ui.main_window import MainWindow
    r, item = records
    window = MainWindow(staff["clerk"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.tabs, Qt.Key_K, Qt.ControlModifier)
    qtbot.waitUntil(window.search_field.hasFocus)
    window.search_field.setText("欧阳建国")
    qtbot.keyClick(window.search_field, Qt.Key_Return)
    panel = window.search_panel
    assert [label.hit.record_id for label in panel.hit_labels()] == [r["id"]]
    with qtbot.waitSignal(panel.opened) as opened:
        qtbot.keyClick(panel.field, Qt.Key_Return)
    assert opened.args == ["依申请公开", r["id"]]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "依申请公开"
    assert window.tabs.currentWidget().page.register.detail.request_id == r["id"]
    panel = window.open_search("危房改造")
    item_hit = [top for top in (panel.tree.topLevelItem(i) for i in range(2)) if top.text(0).startswith("发布审核")]
    panel.open_item(item_hit[0].child(0))
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("发布审核")
    page = window.tabs.currentWidget().page
    assert page.tabs.currentWidget() is page.register and page.register.detail.item_id == item


def test_a_user_sees_only_the_modules_they_may_read(qtbot, make_user, records):
    panel = SearchPanel(make_user("secrecy_reviewer", username="sunli"), "危房改造")
    qtbot.addWidget(panel)
    assert [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())] == ["发布审核（1）"]
