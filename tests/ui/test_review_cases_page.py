"""行政复议、行政诉讼案件登记: the list with its year filter, 新增 and 修改 through the form dialog."""
import datetime as dt

import pytest

from app.requests import register, review_cases
from tests.db.factories import person
from ui.events import bus
from ui.qt import QtWidgets
from ui.requests.review_cases_page import ReviewCasesPage

D = dt.date


@pytest.fixture
def clerk(staff, frozen_clock):
    frozen_clock.set(dt.datetime(2026, 1, 20, 9, 0))
    return staff["clerk"]


def test_adds_and_edits_a_case(qtbot, qtmodeltester, clerk):
    req = register.register(clerk, person(received_date=D(2025, 3, 3)))
    page = ReviewCasesPage(clerk)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and page.add_button.isEnabled() and not page.edit_button.isEnabled()
    announced = []
    bus.changed.connect(announced.append)

    page.add_case()
    dialog = page.case_dialog
    assert not dialog.editors["route"].isEnabled()  # 行政复议: no 起诉方式
    assert not dialog.editors["concluded_date"].isEnabled()  # 尚未审结: no date of decision
    dialog.set_value("kind", "litigation")
    assert dialog.editors["route"].isEnabled() and dialog.editors["route"].currentData() == "direct"
    dialog.set_value("route", "after_reconsideration")
    dialog.set_value("case_number", "（2025）某01行初12号")
    dialog.set_value("body", "某某市中级人民法院")
    dialog.set_value("filed_date", D(2025, 5, 6))
    dialog.set_value("request_number", req["number"])
    dialog.submit()
    assert dialog.result() == QtWidgets.QDialog.Accepted
    assert "review_case" in announced
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert (row["kind_label"], row["route_label"], row["result_label"], row["concluded_date"], row["request_number"]) \
        == ("行政诉讼", "复议后起诉", "尚未审结", None, req["number"])
    shown = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert shown[:4] == ["2025-05-06", "行政诉讼", "复议后起诉", "（2025）某01行初12号"]
    qtmodeltester.check(page.model, force_py=True)

    page.view.selectRow(0)
    assert page.edit_button.isEnabled()
    page.edit_case()
    dialog = page.case_dialog
    assert dialog.windowTitle() == "修改复议诉讼案件"
    assert dialog.values()["case_number"] == "（2025）某01行初12号"
    dialog.set_value("result", "corrected")
    assert dialog.editors["concluded_date"].isEnabled()
    dialog.set_value("concluded_date", D(2025, 11, 20))
    dialog.submit()
    assert dialog.result() == QtWidgets.QDialog.Accepted
    row = page.model.row_at(0)
    assert row["result_label"] == "结果纠正" and row["concluded_date"] == D(2025, 11, 20)
    bus.changed.disconnect(announced.append)


def new_case(qtbot, actor):
    """The 新增 dialog of a fresh page, with a filing date in 2025."""
    page = ReviewCasesPage(actor)
    qtbot.addWidget(page)
    page.add_case()
    page.case_dialog.set_value("filed_date", D(2025, 5, 6))
    return page.case_dialog


def test_a_refused_case_keeps_the_dialog_open(qtbot, clerk):
    dialog = new_case(qtbot, clerk)
    dialog.set_value("request_number", "2025-依申请-9999")
    dialog.submit()
    assert dialog.result() != QtWidgets.QDialog.Accepted
    assert "关联的申请编号：找不到申请 2025-依申请-9999" in dialog.error_text()
    assert review_cases.count(clerk) == 0


def test_pending_case_ignores_the_date_field(qtbot, clerk):
    dialog = new_case(qtbot, clerk)
    dialog.set_value("concluded_date", D(2025, 1, 1))  # earlier than filed: would be refused if it counted
    dialog.submit()
    assert dialog.result() == QtWidgets.QDialog.Accepted
    assert review_cases.fetch(clerk)[0]["concluded_date"] is None


def test_year_filter(qtbot, clerk):
    review_cases.create(clerk, {"kind": "reconsideration", "filed_date": D(2024, 8, 1)})
    review_cases.create(clerk, {"kind": "reconsideration", "filed_date": D(2025, 2, 1)})
    page = ReviewCasesPage(clerk, year=2025)
    qtbot.addWidget(page)
    assert page.year_box.currentText() == "2025年" and page.model.rowCount() == 1
    assert page.count_label.text() == "共 1 件"
    page.year_box.setCurrentIndex(page.year_box.findData(None))
    assert page.model.rowCount() == 2 and page.year_box.currentText() == "全部"


def test_leader_reads_only(qtbot, staff, clerk):
    review_cases.create(clerk, {"kind": "reconsideration", "filed_date": D(2025, 2, 1)})
    page = ReviewCasesPage(staff["leader"])
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    page.view.selectRow(0)
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    page.edit_case()
    assert page.case_dialog is None
