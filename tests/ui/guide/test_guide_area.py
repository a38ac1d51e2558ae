"""系统管理 → 公开指南: the guide page and the standard catalogue page, driven as a clerk and the leading group's office."""
import datetime as dt

import openpyxl
import pytest

from app import office, settings
from app.guide import service, standard, standard_query
from app.guide.elements import ELEMENTS
from tests.db.guide.conftest import item_data
from ui.qt import QtWidgets


@pytest.fixture
def ready(staff, system, frozen_clock):
    office.save_profile(system, {"name": "某某镇人民政府", "address": "某某镇人民路1号"})
    return staff


def test_guide_page_shows_the_draft_saves_paragraphs_and_issues(qtbot, ready, system, monkeypatch, recorded_messages):
    from ui.guide.guide_panel import GuidePanel
    panel = GuidePanel(ready["clerk"])
    qtbot.addWidget(panel)
    panel.show()  # a hidden page refreshes only when shown again
    assert "尚未印发" in panel.status_label.text()
    assert "某某镇人民政府政府信息公开指南" in panel.preview.toPlainText()
    assert "20个工作日内予以答复" in panel.preview.toPlainText()
    panel.edits["duties"].setPlainText("党政综合办负责日常工作。")
    panel.save_button.click()
    assert service.texts(ready["clerk"])["duties"] == "党政综合办负责日常工作。"
    assert "党政综合办负责日常工作。" in panel.preview.toPlainText()
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *a, **k: ("首次印发", True))
    panel.issue_button.click()
    assert "现行第1版" in panel.status_label.text()
    assert panel.versions_model.rowCount() == 1
    panel.versions_view.setCurrentIndex(panel.versions_model.index(0, 0))
    monkeypatch.setattr(QtWidgets.QInputDialog, "getItem", lambda *a, **k: ("党政综合办", True))
    panel.version_post.click()
    assert panel.versions_model.row_at(0)["posted_item"]  # drafted in 发布审核
    settings.set_many(system, {"requests.reply_days": 15})
    panel.refresh()
    assert "需要更新" in panel.status_label.text() and "答复期限（工作日）：20 → 15" in panel.status_label.text()
    assert "15个工作日内予以答复" in panel.preview.toPlainText()


def test_a_supervisor_reads_but_does_not_edit(qtbot, ready):
    from ui.guide.guide_panel import GuidePanel
    panel = GuidePanel(ready["supervisor"])
    qtbot.addWidget(panel)
    assert panel.issue_button.isHidden() and panel.save_button.isHidden()
    assert panel.edits["duties"].isReadOnly()


def test_catalogue_add_review_and_history(qtbot, ready, qtmodeltester):
    from ui.guide.catalogue_panel import CataloguePanel
    from ui.guide.dialogs import AdjustmentDialog, ReviewDialog, history_html
    clerk, head = ready["clerk"], ready["head"]
    dialog = AdjustmentDialog(clerk, "add")
    qtbot.addWidget(dialog)
    for key, value in item_data().items():
        w = dialog.fields[key]
        w.setCurrentText(value) if isinstance(w, QtWidgets.QComboBox) else (
            w.setPlainText(value) if isinstance(w, QtWidgets.QPlainTextEdit) else w.setText(value))
    dialog.save()
    assert dialog.result_value is None and "应写明理由" in dialog.error.text()  # reason “其他” needs the note
    dialog.note.setText("依据县级公开事项标准目录梳理")
    dialog.save()
    assert dialog.result_value and dialog.result_value["status"] == "proposed"

    panel = CataloguePanel(head)
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model, force_py=True)
    assert panel.model.rowCount() == 0 and panel.adjustments.rowCount() == 1  # 待审核 listed
    row = panel.adjustments.row_at(0)
    review = ReviewDialog(head, row)
    qtbot.addWidget(review)
    review.reject_button.click()  # no reason: refused, stays open
    assert "不批准的，应写明理由" in review.error.text()
    review.approve_button.click()
    assert review.result_value["status"] == "approved"
    panel.refresh()
    assert panel.model.rowCount() == 1 and panel.model.row_at(0)["name"] == "财政预决算"
    change = AdjustmentDialog(clerk, "change", panel.model.row_at(0))
    qtbot.addWidget(change)
    change.fields["phone"].setText("0871-7654321")
    change.save()
    standard.review(head, change.result_value["id"], True)
    html = history_html(head, panel.model.row_at(0)["id"])
    assert "第2版" in html and "0871-12345678 → 0871-7654321" in html


def test_catalogue_filters_page_and_export(qtbot, ready, tmp_path, monkeypatch):
    from ui.guide.catalogue_panel import CataloguePanel
    for i in range(12):
        adj = standard.propose(ready["clerk"], "add", item_data(name=f"事项{i:02d}", unit="财政所" if i % 2 else "办公室"))
        standard.review(ready["head"], adj["id"], True)
    panel = CataloguePanel(ready["head"])
    qtbot.addWidget(panel)
    panel.model.page_size = 5
    panel.refresh()
    assert panel.model.rowCount() == 5 and panel.model.canFetchMore()
    panel.model.fetchMore()
    assert panel.model.rowCount() == 10
    panel.unit.setCurrentIndex(panel.unit.findData("财政所"))
    qtbot.waitUntil(lambda: panel.count_label.text() == "共 6 项")  # counted once the first page is shown
    out = tmp_path / "c.xlsx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    panel.buttons["export"].click()
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == list(ELEMENTS.values()) and ws.max_row == 13
