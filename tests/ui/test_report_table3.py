"""Table 三 on screen: the numbers of a small register, the official arrangement, the 勾稽 verdict, and every cell
traced to its requests."""
import dataclasses
import datetime as dt

import pytest

from app.report import labels, service
from app.report.table3 import Facts, compute
from ui.qt import Qt
from ui.report.annual_page import AnnualReportPage
from ui.report.table3_model import FIRST_NUMBER_COL, GROUP_COL, SECTION_COL, Table3Model
from ui.report.table3_panel import CellRequestsDialog, Table3Panel
from tests.ui.report_data import small_register

D = dt.date


@pytest.fixture
def reg(staff, frozen_clock, system):
    return small_register(staff, frozen_clock, system)


def row_of(model, key):
    return next(r for r in range(model.rowCount()) if model.row_key(r) == key)


def numbers(model, key):
    row = row_of(model, key)
    return [model.data(model.index(row, c)) for c in range(FIRST_NUMBER_COL, model.columnCount())]


def test_model_shows_the_register_in_the_official_layout(qtmodeltester, staff, reg):
    model = Table3Model()
    model.set_table(service.build(staff["leader"], 2025).table3)
    qtmodeltester.check(model, force_py=True)
    assert numbers(model, "new") == ["2", "1", "0", "0", "0", "0", "3"]
    assert numbers(model, "carried_in") == ["1", "0", "0", "0", "0", "0", "1"]
    assert numbers(model, "disclose") == ["2", "0", "0", "0", "0", "0", "2"]
    assert numbers(model, "refuse_4") == ["0", "1", "0", "0", "0", "0", "1"]
    assert numbers(model, "total") == ["2", "1", "0", "0", "0", "0", "3"]
    assert numbers(model, "carried_out") == ["1", "0", "0", "0", "0", "0", "1"]
    headings = [model.headerData(c, Qt.Horizontal) for c in range(FIRST_NUMBER_COL, model.columnCount())]
    assert headings[0] == "自然人" and headings[-1] == "总计"
    assert [h.split("\n")[-1] for h in headings] == labels.COLUMNS
    assert all(h.startswith(labels.ORG_HEAD) for h in headings[1:6])
    # 一、二、四 read across the heading columns; 三 stands beside the result rows; a group beside its items.
    assert model.data(model.index(0, SECTION_COL)) == labels.ROW_NEW
    first_result = row_of(model, "disclose")
    assert model.data(model.index(first_result, SECTION_COL)) == labels.ROW_RESULTS
    refuse_1 = row_of(model, "refuse_1")
    assert model.data(model.index(refuse_1, GROUP_COL)) == "（三）不予公开"
    assert model.data(model.index(refuse_1, GROUP_COL + 1)) == "1.属于国家秘密"
    spans = model.spans()
    assert (0, SECTION_COL, 1, FIRST_NUMBER_COL) in spans
    assert (first_result, SECTION_COL, row_of(model, "total") - first_result + 1, 1) in spans
    assert (refuse_1, GROUP_COL, 8, 1) in spans
    assert model.cell_at(model.index(refuse_1, FIRST_NUMBER_COL + 6)) == ("refuse_1", "total")
    assert model.cell_at(model.index(refuse_1, GROUP_COL)) is None


def test_trial_format_rows(qtmodeltester, staff, reg):
    model = Table3Model()
    model.set_table(service.build(staff["leader"], 2020).table3)
    qtmodeltester.check(model, force_py=True)
    other = row_of(model, "other")
    assert model.data(model.index(other, GROUP_COL)) == labels.TRIAL_OTHER
    assert (other, GROUP_COL, 1, 2) in model.spans()


@pytest.fixture
def cell_dialog(qapp, staff, reg):
    """A cell's dialog on its own, alive until after the model tester has let go of its model."""
    dialog = CellRequestsDialog("（一）予以公开 — 自然人", service.cell_requests(staff["leader"], 2025, "disclose",
                                                                             "natural"))
    yield dialog
    dialog.deleteLater()


def test_cell_dialog_model(cell_dialog, qtmodeltester):
    assert cell_dialog.model.rowCount() == 2 and cell_dialog.open_button.isEnabled()
    qtmodeltester.check(cell_dialog.model, force_py=True)


def test_double_click_lists_the_requests_and_opens_one(qtbot, staff, reg):
    page = AnnualReportPage(staff["leader"])
    qtbot.addWidget(page)
    assert page.year() == 2025  # the clock stands in January 2026
    page.tabs.setCurrentWidget(page.table3)
    page.show()
    qtbot.waitExposed(page)
    panel = page.table3
    index = panel.model.index(row_of(panel.model, "disclose"), FIRST_NUMBER_COL)
    panel.view.scrollTo(index)
    where = panel.view.visualRect(index).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.LeftButton, pos=where)  # the view opens only the cell pressed
    qtbot.mouseDClick(panel.view.viewport(), Qt.LeftButton, pos=where)
    dialog = panel.cell_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.model.loaded_rows()
    assert [r["number"] for r in rows] == [reg["a"]["number"], reg["d"]["number"]]
    assert "（一）予以公开 — 自然人：共 2 件" in dialog.findChild(type(page.table3.status)).text()
    dialog.view.selectRow(1)
    with qtbot.waitSignal(page.open_request) as blocker:
        dialog.open_button.click()
    assert blocker.args == [reg["d"]["id"]]


def test_check_verdict_and_problems(qtbot, qtmodeltester, staff, reg):
    panel = Table3Panel(staff["leader"])
    qtbot.addWidget(panel)
    report = service.build(staff["leader"], 2025)
    panel.set_report(report)
    assert panel.check_text().startswith("勾稽关系：通过")
    assert panel.problems.rowCount() == 0 and not panel.no_problems.isHidden()
    # A register that does not balance: a reply dated before its request was received.
    facts = [Facts(1, "2025-依申请-0001", "natural", D(2025, 3, 1), D(2024, 12, 1), "disclose"),
             Facts(2, "2025-依申请-0002", "research", D(2025, 3, 1), None, None)]
    bad = dataclasses.replace(report, table3=compute(facts, 2025, report.fmt))
    panel.set_report(bad)
    assert panel.check_text().startswith("勾稽关系：不通过") and "自然人" in panel.check_text()
    assert "科研机构" not in panel.check_text()
    assert panel.problems.rowCount() == 1
    problem = panel.problems.row_at(0)
    assert problem["number"] == "2025-依申请-0001" and "早于收到日期" in problem["reason"]
    qtmodeltester.check(panel.problems, force_py=True)
    model = panel.model
    failing = model.index(row_of(model, "new"), FIRST_NUMBER_COL)
    assert model.data(failing, Qt.BackgroundRole).name() == "#f8d7da"
    assert "勾稽关系不成立" in model.data(failing, Qt.ToolTipRole)
    with qtbot.waitSignal(panel.open_request) as blocker:
        panel.problems_view.doubleClicked.emit(panel.problems.index(0, 2))
    assert blocker.args == [1]
