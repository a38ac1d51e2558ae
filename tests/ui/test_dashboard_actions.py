"""今日待办 on the 工作台: the user's own entries before the office's, overdue in red, each line opening its record
in its tab; a module that registers nothing adds nothing."""
import datetime as dt

import pytest

from app import modules
from app.requests import register
from tests.db.factories import company, person
from ui.dashboard import DashboardPage
from ui.dashboard.actions import URGENT_COLOUR, ActionList
from ui.events import announce

D = dt.date
pytestmark = pytest.mark.usefixtures("loaded_modules")


@pytest.fixture
def due(staff, make_user, today):
    """Today 2026-06-30: the clerk's request b is overdue; 刘洋's request s is due in 2 working days."""
    other = make_user("clerk", username="liuyang", display_name="刘洋")
    b = register.register(staff["clerk"], company(received_date=D(2026, 5, 29)))
    s = register.register(other, person(received_date=D(2026, 6, 3), applicant_name="李四"))
    return b, s


def _texts(actions: ActionList) -> list[str]:
    from ui.qt import QtWidgets
    return [w.text() for w in actions.findChildren(QtWidgets.QLabel) if w.parent() is actions]


def test_own_entries_first_then_the_office(qtbot, staff, due):
    b, s = due
    actions = ActionList(staff["clerk"])
    qtbot.addWidget(actions)
    texts = _texts(actions)
    assert texts[0] == "我的待办"
    mine_at, office_at = texts.index("我的待办"), texts.index("本机关")
    assert mine_at < office_at
    own = actions.entries[0]
    assert own.entry.mine and own.entry.title == "答复已逾期 1 件" and URGENT_COLOUR in own.text()
    assert b["number"] in own.text() and "依申请公开" in own.text()
    office_titles = [e.entry.title for e in actions.entries if not e.entry.mine]
    assert office_titles == ["答复期限临近 1 件"]  # the office's overdue one is the clerk's own: listed once
    soon = [e for e in actions.entries if e.entry.title == "答复期限临近 1 件"][0]
    assert URGENT_COLOUR not in soon.text() and "李四" in soon.text()


def test_a_line_opens_its_record_in_the_main_window(qtbot, staff, due):
    from ui.main_window import MainWindow
    b, s = due
    window = MainWindow(staff["clerk"])
    qtbot.addWidget(window)
    page = window.tabs.widget(0).ensure_built()
    entry = page.actions.entries[0]
    entry.linkActivated.emit("line:0")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "依申请公开"
    register_view = window.tabs.currentWidget().page.register
    assert register_view.detail.request_id == b["id"]
    window.tabs.setCurrentIndex(0)
    entry.linkActivated.emit("tab")  # the title opens the tab alone
    assert window.tabs.tabText(window.tabs.currentIndex()) == "依申请公开"


def test_an_item_line_opens_the_item(qtbot, staff, today, monkeypatch):
    from ui.main_window import MainWindow
    opened = []
    window = MainWindow(staff["clerk"])
    qtbot.addWidget(window)
    index = [window.tabs.tabText(i).split("（")[0] for i in range(window.tabs.count())].index("发布审核")
    page = window.tabs.widget(index).ensure_built()
    monkeypatch.setattr(page.register, "select_item", lambda item_id: opened.append(item_id) or True)
    window.show_record("发布审核", 7)
    assert opened == [7] and page.tabs.currentWidget() is page.register
    assert window.show_record("没有这个选项卡", 1) is None


def test_entries_follow_changes_and_modules(qtbot, staff, today, monkeypatch):
    actions = ActionList(staff["clerk"])
    qtbot.addWidget(actions)
    actions.show()
    assert _texts(actions) == ["今天没有临近期限或需要处理的事项。"]
    monkeypatch.setattr(modules, "_DASHBOARD", dict(modules._DASHBOARD))
    modules.register_dashboard("complaints", "举报投诉", lambda actor: [modules.DashboardEntry(
        "举报投诉即将到期 1 件", 1, ("2026-投诉-0001 某路段噪声扰民",), False, "举报投诉", (5,))])
    register.register(staff["clerk"], company(received_date=D(2026, 5, 29)))
    announce("request")
    titles = [e.entry.title for e in actions.entries]
    assert titles == ["答复已逾期 1 件", "举报投诉即将到期 1 件"]
    assert "举报投诉" in actions.entries[1].text()


def test_dashboard_of_every_role_builds(qtbot, make_user, today):
    for role in ("clerk", "section_head", "leader", "principal", "supervisor", "secrecy_reviewer", "admin"):
        page = DashboardPage(make_user(role, username=f"u_{role}"))
        qtbot.addWidget(page)
        assert page.actions is not None and page.calculator is not None
