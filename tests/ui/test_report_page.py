"""The 年度报告 tab: year and format, table 二 entry, drafts of the written sections, outputs, read-only for leaders."""
import datetime as dt
import zipfile

import openpyxl
import pytest

from app.report import labels, service
from app.requests import register
from tests.db.factories import person
from tests.ui.report_data import OFFICE, small_register
from ui.events import announce
from ui.qt import QtWidgets
from ui.report import annual_page
from ui.report.annual_page import AnnualReportPage, default_year, report_years

D = dt.date
TITLE = f"{OFFICE}2025年政府信息公开工作年度报告"


@pytest.fixture
def reg(staff, frozen_clock, system):
    return small_register(staff, frozen_clock, system)


@pytest.fixture
def page(qtbot, staff, reg):
    page = AnnualReportPage(staff["head"])
    qtbot.addWidget(page)
    return page


def test_the_page_opens_on_the_year_the_dashboard_reminds_about(qtbot, staff, frozen_clock):
    from ui.report.reminder import ReportReminder
    for moment, year in ((dt.datetime(2026, 12, 5, 9), 2026), (dt.datetime(2026, 1, 20, 9), 2025),
                         (dt.datetime(2026, 2, 3, 9), 2026)):
        frozen_clock.set(moment)
        reminder = ReportReminder()
        qtbot.addWidget(reminder)
        assert reminder.text().startswith(f"{year}年")
        assert default_year() == year
        page = AnnualReportPage(staff["head"])
        qtbot.addWidget(page)
        assert page.year() == year and page.year_box.currentData() == year


def test_years_and_format(qtbot, page):
    assert default_year(D(2026, 1, 20)) == 2025
    assert report_years(D(2026, 1, 20)) == [2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019]
    assert page.year_box.currentText() == "2025年"
    assert page.format_label.text() == "按国办公开办函〔2021〕30号格式编制；应于 2026-01-31 前向社会公布"
    assert set(page.table2.edits) == set(labels.table2_keys("2021"))
    page.set_year(2020)
    assert page.year() == 2020 and page.report.year == 2020
    assert "国办公开办函〔2019〕60号格式（试行）" in page.format_label.text()
    assert set(page.table2.edits) == set(labels.table2_keys("trial"))
    assert labels.TRIAL_OTHER in [page.table3.model.data(page.table3.model.index(r, 1))
                                  for r in range(page.table3.model.rowCount())]


def test_table2_refuses_a_bad_figure_and_stores_nothing(qtbot, page, staff):
    form = page.table2
    form.edits["rules.issued"].setText("3")
    form.edits["normative.issued"].setText("-1")
    form.edits["fees.amount"].setText("十二")
    assert not form.save()
    assert form.error.isVisibleTo(form)
    assert "行政规范性文件（本年制发件数）：不能为负数" in form.error.text()
    assert "行政事业性收费（本年收费金额（单位：万元））：“十二”不是数字" in form.error.text()
    assert "border" in form.edits["normative.issued"].styleSheet()
    assert "不能为负数" in form.edits["normative.issued"].toolTip()
    assert form.edits["rules.issued"].styleSheet() == ""
    assert service.entries(2025) == {}
    form.edits["normative.issued"].setText("4")
    form.edits["fees.amount"].setText("1.25")
    assert form.save()
    assert form.error.isHidden() and form.status.text() == "已保存。"
    assert service.entries(2025) == {"rules.issued": 3, "normative.issued": 4, "fees.amount": "1.25"}
    page.show()  # rebuilt when shown (a hidden page only notes the change)
    assert page.report.table2["rules.issued"].value == 3 and form.edits["fees.amount"].text() == "1.25"


def test_table2_shows_computed_figures_read_only(qtbot, page, staff):
    service.register_provider("rules.issued", lambda year: 7)
    try:
        announce("report")
        page.refresh()
        edit = page.table2.edits["rules.issued"]
        assert edit.text() == "7" and edit.isReadOnly() and "由系统" in edit.toolTip()
        assert not page.table2.computed_note.isHidden()
        assert "rules.issued" not in page.table2.values()
        assert page.table2.save()
    finally:
        service.unregister_provider("rules.issued")


def test_drafts_fill_the_editors_and_ask_before_overwriting(qtbot, page, recorded_messages):
    texts = page.texts
    texts.fill_drafts()
    assert "全年新收政府信息公开申请3件，上年结转1件" in texts.editors["overview"].toPlainText()
    assert "未收取信息处理费" in texts.editors["other"].toPlainText()
    assert texts.editors["problems"].toPlainText()
    assert not recorded_messages.log  # nothing was overwritten
    assert page.has_unsaved()
    assert texts.save() and not page.has_unsaved()
    assert service.entries(2025)["text.overview"].startswith("2025年，某某县人民政府办公室")

    texts.editors["overview"].setPlainText("本机关自己写的总体情况。")
    texts.editors["other"].clear()
    recorded_messages.answer = False  # keep what is written, fill only the empty section
    texts.fill_drafts()
    assert recorded_messages.log[-1][0] == "confirm" and "一、总体情况" in recorded_messages.log[-1][2]
    assert texts.editors["overview"].toPlainText() == "本机关自己写的总体情况。"
    assert "信息处理费" in texts.editors["other"].toPlainText()
    recorded_messages.answer = True
    texts.fill_drafts()
    assert texts.editors["overview"].toPlainText().startswith("2025年")


def test_unsaved_text_survives_a_refresh_and_guards_the_year(qtbot, page, staff, recorded_messages):
    page.show()
    editor = page.texts.editors["problems"]
    editor.setPlainText("正在写的文字")
    editor.document().setModified(True)
    register.register(staff["clerk"], person(received_date=D(2025, 12, 30), description="另一件申请"))
    announce("request")
    assert page.report.table3.value("new", "total") == 4
    assert editor.toPlainText() == "正在写的文字"
    recorded_messages.answer = False
    page.set_year(2024)
    assert recorded_messages.log[-1][0] == "confirm"
    assert page.year() == 2025 and page.year_box.currentData() == 2025
    recorded_messages.answer = True
    page.set_year(2024)
    assert page.year() == 2024 and editor.toPlainText() == "" and not page.has_unsaved()


def test_hidden_page_refreshes_when_shown(qtbot, page, staff):
    register.register(staff["clerk"], person(received_date=D(2025, 12, 30), description="另一件申请"))
    announce("review_case")
    assert page.report.table3.value("new", "total") == 3  # not visible: marked, not rebuilt
    page.show()
    assert page.report.table3.value("new", "total") == 4


def test_exports_write_files(qtbot, page, tmp_path, monkeypatch, recorded_messages):
    asked = []

    def save_name(parent, caption, suggested, filter_):
        asked.append(suggested)
        return str(tmp_path / "out"), filter_

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", save_name)
    page.export_word()
    assert asked[-1].endswith(TITLE + ".docx")
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert "一、本年新收政府信息公开申请数量" in z.read("word/document.xml").decode()
    assert recorded_messages.log[-1][0] == "info" and str(tmp_path / "out.docx") in recorded_messages.log[-1][2]
    page.export_excel()
    assert asked[-1].endswith(TITLE + ".xlsx")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["二、主动公开", "三、申请情况", "四、复议诉讼"]
    assert not list(tmp_path.glob("*.part*"))


def test_export_cancelled_writes_nothing(qtbot, page, tmp_path, monkeypatch, recorded_messages):
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    page.export_word()
    assert not recorded_messages.log and not list(tmp_path.glob("*.docx*"))


def test_export_failure_is_told(qtbot, page, tmp_path, monkeypatch, recorded_messages):
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "missing" / "out.xlsx"), ""))
    page.export_excel()
    assert recorded_messages.log[-1][0] == "error" and "导出 Excel失败" == recorded_messages.log[-1][1]


def test_preview_opens_on_the_pdf(qtbot, page, monkeypatch):
    from ui.printing import preview
    shown = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: shown.append(self) or 0)
    page.preview()
    dialog = shown[0]
    assert dialog is page.preview_dialog
    assert dialog.page_count >= 2 and dialog.pdf.startswith(b"%PDF")
    assert TITLE in dialog.windowTitle() and dialog.suggested_name == TITLE + ".pdf"
    assert dialog.docx_factory().startswith(b"PK")
    assert not dialog.save_docx_action.isVisible() or dialog.save_docx_action.isEnabled()


def test_leader_sees_everything_read_only(qtbot, staff, reg):
    page = AnnualReportPage(staff["leader"])
    qtbot.addWidget(page)
    assert all(e.isReadOnly() for e in page.texts.editors.values())
    assert page.texts.draft_button.isHidden() and page.texts.save_button.isHidden()
    assert page.texts.editors["overview"].placeholderText() == "（尚未填写）"
    hints = [w.text() for w in page.findChildren(QtWidgets.QLabel)]
    assert "您可以查看；填写需要“经办人”或“科室负责人”角色。" in hints
    assert all(e.isReadOnly() for e in page.table2.edits.values())
    assert page.table2.save_button.isHidden()
    assert page.table3.model.rowCount() > 0
    assert page.table4.cases_button.isEnabled()
    page.table4.open_cases()
    cases = page.table4.cases_dialog.page
    assert cases.year() == 2025 and not cases.add_button.isEnabled()
    for button in (page.preview_button, page.word_button, page.excel_button):
        assert button.isEnabled()


def test_table4_counts(qtbot, page, staff):
    from app.requests import review_cases
    review_cases.create(staff["clerk"], {"kind": "reconsideration", "filed_date": D(2025, 4, 1), "result": "upheld",
                                         "concluded_date": D(2025, 6, 1)})
    review_cases.create(staff["clerk"], {"kind": "litigation", "route": "after_reconsideration",
                                         "filed_date": D(2025, 7, 1)})
    page.refresh()
    assert page.table4.count_texts() == ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "1", "1"]


def test_main_window_tab_follows_the_dashboard(qtbot, make_user, db):
    from ui.main_window import MainWindow
    window = MainWindow(make_user("clerk"))
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:3] == ["工作台", "依申请公开", "年度报告"]
    reviewer = MainWindow(make_user("secrecy_reviewer"))
    qtbot.addWidget(reviewer)
    assert "年度报告" not in [reviewer.tabs.tabText(i) for i in range(reviewer.tabs.count())]


def test_page_module_keeps_output_names(page):
    assert page.file_name(".pdf") == TITLE + ".pdf"
    assert annual_page.REFRESH_ON[:3] == ("request", "review_case", "report")


def test_output_offers_to_save_what_is_being_edited(qtbot, page, tmp_path, monkeypatch, recorded_messages):
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "out.docx"), ""))
    editor = page.texts.editors["overview"]
    editor.setPlainText("本年度总体情况良好。")
    editor.document().setModified(True)
    qtbot.keyClicks(page.table2.edits["penalty.decisions"], "-5")
    assert page.table2.has_unsaved()
    page.export_word()  # the answer is 是: save first — table 二 refuses, so nothing is written
    assert recorded_messages.log[0][0] == "confirm" and "尚未保存" in recorded_messages.log[0][1]
    assert page.tabs.currentWidget() is page.table2 and "行政处罚" in page.table2.error.text()
    assert not (tmp_path / "out.docx").exists()
    page.table2.edits["penalty.decisions"].setText("5")
    page.export_word()
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert "本年度总体情况良好。" in z.read("word/document.xml").decode()
    assert service.entries(2025)["penalty.decisions"] == 5 and not page.has_unsaved()


def test_report_is_marked_final_from_the_page(qtbot, page, staff, recorded_messages):
    assert "草稿" in page.status_label.text() and page.final_button.text() == "定稿…"
    page.toggle_final()  # the written sections are empty: refused with the reason
    assert recorded_messages.log[-1][0] == "error" and "尚未填写" in recorded_messages.log[-1][2]
    assert page.report.final is None
    service.save_entries(staff["head"], 2025, {"text.overview": "总体情况。", "text.problems": "问题。",
                                               "text.other": "其他。"})
    page.refresh()
    recorded_messages.answer = True
    page.toggle_final()
    assert page.report.final and "已定稿" in page.status_label.text()
    assert page.final_button.text() == "取消定稿" and not page.texts.save_button.isEnabled()
    page.toggle_final()
    assert page.report.final is None and page.texts.save_button.isEnabled()


def test_leader_cannot_mark_a_report_final(qtbot, staff, reg):
    page = AnnualReportPage(staff["leader"])
    qtbot.addWidget(page)
    assert page.final_button.isHidden() and "草稿" in page.status_label.text()
