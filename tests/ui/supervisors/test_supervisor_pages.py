"""The 监督员 tab and 档案查阅: a supervisor browses closed requests without anyone's personal data, opens a reply
notice (masked), files an opinion from it; a clerk takes it through 转办 and 反馈 to 通报; the access log lists what
the supervisor opened. The models pass qtmodeltester."""
import datetime as dt

import pytest

from app import office, settings
from app.requests import decision, documents, register
from app.supervisors import archive, opinions
from db.models import Opinion
from tests.app.printing.helpers import pdftotext, squeeze
from tests.db.factories import person
from ui.main_window import MainWindow
from ui.supervisors.archive_page import ArchivePage
from ui.supervisors.page import SupervisorsPage

D = dt.date


@pytest.fixture
def replied(office_staff, today):
    admin, clerk = office_staff["admin"], office_staff["clerk"]
    office.save_profile(admin, {"name": "某某县人民政府办公室", "phone": "0878-3123456"})
    settings.set_many(admin, {"remedy.review_body": "某某县人民政府", "remedy.court": "某某县人民法院",
                              "office.abbreviation": "某"})
    rid = register.register(clerk, person())["id"]
    decision.decide(clerk, rid, "disclose", D(2026, 3, 20), {"provided": "名单复印件"})
    documents.issue(clerk, rid, "政府信息公开告知书")
    return rid


def _buttons(panel):
    return {panel.steps.itemAt(i).widget().text(): panel.steps.itemAt(i).widget() for i in range(panel.steps.count())}


def test_the_supervisor_reads_files_and_the_clerk_reports_back(qtbot, office_staff, linked, replied, fill_forms,
                                                               no_preview, qtmodeltester):
    sup, clerk = office_staff["supervisor"], office_staff["clerk"]
    page = ArchivePage(sup)
    qtbot.addWidget(page)
    assert {"依申请公开", "主动公开", "年度报告"} <= {page.tabs.tabText(i) for i in range(page.tabs.count())}
    panel = page.panels["requests"]
    qtmodeltester.check(panel.model)
    assert panel.model.total == 1 and panel.model.row_at(0)["applicant"] == "陈某"
    panel.table.selectRow(0)
    shown = repr([panel.lines.row_at(i) for i in range(panel.lines.rowCount())])
    assert "陈小红" not in shown and "13812345678" not in shown
    qtmodeltester.check(panel.lines)
    panel.open_document()
    (preview,) = no_preview
    text = squeeze(pdftotext(preview.pdf))
    assert "政府信息公开告知书" in text and "陈小红" not in text and "13812345678" not in text
    preview.printed.emit("打印")
    fill_forms.answer(content="告知书写明了获取方式，建议同时告知收费标准。", category="依申请公开")
    panel.file_opinion()
    made = Opinion.get()
    assert (made.subject_view, made.subject_id, made.channel) == ("requests", replied, "program")

    office_page = SupervisorsPage(clerk)
    qtbot.addWidget(office_page)
    office_page.show()
    ops = office_page.opinions
    office_page.tabs.setCurrentWidget(ops)
    qtmodeltester.check(ops.model)
    ops.view.selectRow(0)
    assert set(_buttons(ops)) == {"转办", "暂不能落实"}
    fill_forms.answer(unit="办公室", date=D(2026, 6, 30), days=10)
    _buttons(ops)["转办"].click()
    assert Opinion.get().stage == "transferred" and Opinion.get().due_date == D(2026, 7, 14)
    fill_forms.answer(text="已在告知书模板中增加收费标准。", date=D(2026, 6, 30))
    _buttons(ops)["登记反馈"].click()
    fill_forms.answer(method="书面", date=D(2026, 6, 30), note="")
    _buttons(ops)["通报监督员"].click()
    assert Opinion.get().stage == "reported" and _buttons(ops) == {}
    assert "已通报" in ops.detail.toPlainText()

    log = [(r["display_name"], r["action_label"]) for r in
           archive.log_fetch(office_staff["admin"], archive.AccessFilter(), 0, 10)]
    assert log == [("赵敏", "打印文书"), ("赵敏", "查看文书"), ("赵敏", "打开记录")]
    admin_page = SupervisorsPage(office_staff["admin"])
    qtbot.addWidget(admin_page)
    assert admin_page.access.model.total == 3
    qtmodeltester.check(admin_page.access.model)


def test_the_supervisor_has_no_buttons_that_change_anything(qtbot, office_staff, linked, today):
    page = SupervisorsPage(office_staff["supervisor"])
    qtbot.addWidget(page)
    assert not any(b.isVisible() for b in page.roster.buttons.values())
    assert not page.opinions.new_button.isVisible()
    opinions.register(office_staff["clerk"], {"supervisor_id": linked, "received_date": D(2026, 6, 1),
                                              "channel": "phone", "content": "建议公开咨询电话"})
    page.opinions.refresh()
    page.opinions.view.selectRow(0)
    assert _buttons(page.opinions) == {}


def test_the_roster_panel_appoints_and_renews(qtbot, office_staff, fill_forms, recorded_messages, qtmodeltester):
    page = SupervisorsPage(office_staff["head"])
    qtbot.addWidget(page)
    page.show()
    fill_forms.answer(name="杨建华", contact="13800001111", constituency="npc_deputy", appointed_date=D(2025, 3, 1))
    page.roster.appoint()
    assert page.roster.model.total == 1 and page.roster.model.row_at(0)["term_end"] == D(2027, 2, 28)
    qtmodeltester.check(page.roster.model)
    page.roster.view.selectRow(0)
    page.roster.renew()
    assert page.roster.model.row_at(0)["renewals"] == 1
    assert "第2任期：2027-03-01 至 2029-02-28" in recorded_messages.last()[2]


def test_the_window_shows_the_supervisor_the_archive_not_the_registers(qtbot, office_staff, linked):
    window = MainWindow(office_staff["supervisor"])
    qtbot.addWidget(window)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs[:3] == ["工作台", "档案查阅", "监督员"]
    assert not {"依申请公开", "发布审核", "年度报告"} & set(tabs)  # the registers the office works in
    window = MainWindow(office_staff["clerk"])
    qtbot.addWidget(window)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "档案查阅" not in tabs and "监督员" in tabs and "依申请公开" in tabs
