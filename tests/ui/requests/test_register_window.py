"""The 依申请公开 window: register, filters, registering, the steps of handling, notices, import."""
import datetime as dt

from app import clock
from app.requests import decision, documents, handling, register
from db.models import IssuedDocument, Request
from tests.db.factories import company, person
from ui.qt import QtWidgets
from ui.requests.detail_pane import DetailPane
from ui.requests.register_dialog import RegisterDialog
from ui.requests.register_view import RegisterView, column
from ui.requests.steps import run_step

D = dt.date


def make_register(staff):
    from app import office, settings  # the issuer every notice names
    office.save_profile(staff["admin"], {"name": "某某县人民政府办公室"})
    settings.set_many(staff["admin"], {"office.abbreviation": "某", "remedy.review_body": "某某县人民政府",
                                       "remedy.court": "某某县人民法院"})
    c = staff["clerk"]
    a = register.register(c, person(received_date=D(2026, 5, 29), description="城关镇农村危房改造补助资金发放名单"))
    b = register.register(c, company(received_date=D(2026, 6, 22), description="道路拓宽工程招标文件"))
    x = register.register(c, person(received_date=D(2026, 5, 4), applicant_name="王五",
                                    id_number="110101199003077352", description="县医院环评报告"))
    decision.decide(c, x["id"], "disclose", D(2026, 5, 20), {"provided": "环评报告全文"})
    return a, b, x


def test_register_view_model_filters_and_search(qtbot, qtmodeltester, staff, today):
    a, b, x = make_register(staff)
    view = RegisterView(staff["clerk"])
    qtbot.addWidget(view)
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.total == 3
    numbers = lambda: [view.model.row_at(i)["number"] for i in range(view.model.rowCount())]  # noqa: E731
    assert numbers()[0] == b["number"]  # newest first
    # a (received 05-29) is due 06-29: overdue on 06-30 -> highlighted
    row = next(i for i in range(3) if view.model.row_at(i)["id"] == a["id"])
    assert view.model.data(view.model.index(row, column("days_left_text"))) == "逾期1天"
    assert view.model.data(view.model.index(row, 0), 8) is not None  # BackgroundRole
    view.filters.search.setText("环评")
    view.refresh()
    assert numbers() == [x["number"]]
    view.filters.reset()
    view.filters.state.setCurrentIndex(view.filters.state.findText("已答复"))
    assert numbers() == [x["number"]]
    view.filters.reset()
    view.filters.due.setCurrentIndex(view.filters.due.findData("overdue"))
    assert numbers() == [a["number"]]


def test_selecting_shows_detail_and_steps(qtbot, staff, today):
    a, b, x = make_register(staff)
    view = RegisterView(staff["clerk"])
    qtbot.addWidget(view)
    assert view.select_request(a["id"])
    pane = view.detail
    assert pane.request_id == a["id"]
    assert a["number"] in pane.title.text()
    assert "逾期 1 个工作日" in pane.clock_label.text()
    assert {"start", "decide", "extend", "correction"} <= set(pane.step_buttons)
    assert "第20个工作日 2026-06-29" in pane.clock_text.toPlainText()


def test_supervisor_reads_without_identity_or_buttons(qtbot, staff, today):
    a, _, _ = make_register(staff)
    pane = DetailPane(staff["supervisor"])
    qtbot.addWidget(pane)
    pane.show_request(a["id"])
    assert pane.info_labels["id_number"].text() == "110***********002X"
    assert pane.step_buttons == {}
    assert not pane.attach_add.isEnabled()


def test_register_dialog(qtbot, staff, today):
    make_register(staff)
    dialog = RegisterDialog(staff["clerk"])
    qtbot.addWidget(dialog)
    dialog.applicant_name.setText("陈小红")
    dialog.id_number.setText("11010519491231002X")
    dialog.phone.setText("13812345678")
    dialog.address.setText("某某县城关镇人民路12号")
    dialog.received.set_value(D(2026, 6, 29))
    dialog.description.setPlainText("城关镇2025年农村危房改造补助资金的发放名单")
    dialog.check_repeats()
    assert dialog.similar_model.rowCount() == 1  # the earlier, similar request of the same applicant
    assert "2026年6月的第 1 件申请" in dialog.month_label.text()  # the earlier one was in May
    dialog.applicant_type.setCurrentIndex(dialog.applicant_type.findData("commercial"))
    assert not dialog.id_number.isVisibleTo(dialog) and dialog.uscc.isVisibleTo(dialog)
    dialog.save()
    assert "法人或其他组织应填写统一社会信用代码" in dialog.errors.error_for(dialog.uscc) and dialog.created is None
    dialog.applicant_type.setCurrentIndex(0)
    assert dialog.unit.currentData() == "办公室"  # the office's first unit unless another is chosen
    dialog.unit.setCurrentIndex(dialog.unit.findData("财政所"))
    dialog.save()
    assert dialog.created and dialog.created["due_date"] == D(2026, 7, 27)
    assert Request.get_by_id(dialog.created["id"]).unit == "财政所"
    assert Request.get_by_id(dialog.created["id"]).description.startswith("城关镇2025年")


def test_steps_through_dialogs(qtbot, staff, today, fill_forms, recorded_messages, no_preview):
    a, _, _ = make_register(staff)
    pane = DetailPane(staff["clerk"])
    qtbot.addWidget(pane)
    pane.show_request(a["id"])
    recorded_messages.answer = True
    assert run_step(pane, staff["clerk"], pane.data, "start")
    fill_forms.answer(days=10, approver="", date=D(2026, 6, 20), reason="需要调档")
    assert not run_step(pane, staff["clerk"], pane.data, "extend")  # refused: 批准人 missing, dialog stays
    assert "批准人" in fill_forms.dialogs[-1].error_text()
    fill_forms.answer(days=10, approver="李华", date=D(2026, 6, 20), reason="需要调取档案")
    assert run_step(pane, staff["clerk"], pane.data, "extend")
    assert Request.get_by_id(a["id"]).due_date == D(2026, 7, 13)
    pane.show_request(a["id"])
    fill_forms.answer(kind="third_party", party="某建设公司", contact="", content="中标报价明细", date=D(2026, 6, 22))
    assert run_step(pane, staff["clerk"], pane.data, "consult")
    pane.show_request(a["id"])
    assert pane.data["state"] == "consulting" and pane.consult_model.rowCount() == 1
    assert pane.data["consultations"][0]["reply_due_label"] == "未开始（尚未登记送达）"
    assert "letter_delivery" in [code for code, _ in pane.data["steps"]]
    fill_forms.answer(method="post", date=D(2026, 6, 24), tracking="XA100000003CN", recipient="王某", note="")
    assert run_step(pane, staff["clerk"], pane.data, "letter_delivery")
    pane.show_request(a["id"])
    assert pane.data["consultations"][0]["reply_due"] == D(2026, 7, 15)  # 15 working days from the receipt 06-24
    assert "letter_delivery" not in [code for code, _ in pane.data["steps"]]
    fill_forms.answer(reply="agree", date=D(2026, 6, 26), reason="", decision="disclose", note="")
    assert run_step(pane, staff["clerk"], pane.data, "consultation_reply")
    assert Request.get_by_id(a["id"]).state == "processing"


def test_decision_dialog_and_reply_notice(qtbot, staff, today, recorded_messages, no_preview):
    from ui.requests.decision_dialog import DecisionDialog
    a, _, _ = make_register(staff)
    handling.start(staff["clerk"], a["id"])
    from app.requests import detail
    dialog = DecisionDialog(staff["clerk"], detail.detail(staff["clerk"], a["id"]))
    qtbot.addWidget(dialog)
    dialog.set_outcome("refuse_6")
    assert "第三十六条第（三）项、第十六条第二款" in dialog.basis.text()
    assert not dialog.edits["provided"].isVisibleTo(dialog) and dialog.edits["reason"].isVisibleTo(dialog)
    dialog.save()
    reason = dialog.edits["reason"]
    assert "不予公开应当说明理由" in dialog.errors.error_for(reason) and reason.property("invalid")
    reason.setPlainText("属于讨论记录等过程性信息")
    assert dialog.errors.error_for(reason) == "" and not reason.property("invalid")  # no stale error once fixed
    recorded_messages.answer = False  # do not open the notice dialog
    dialog.save()
    r = Request.get_by_id(a["id"])
    assert (r.state, r.outcome, r.decided_date) == ("replied", "refuse_6", clock.today())
    assert "逾期" in recorded_messages.log[0][1]  # decided 06-30, due 06-29


def test_decision_dialog_offers_only_this_applicants_earlier_requests(qtbot, staff, today):
    """重复申请 (条例第三十六条第（六）项): the choice lists the applicant's own answered, similar requests."""
    from app.requests import detail
    from ui.requests.decision_dialog import DecisionDialog
    c = staff["clerk"]
    own = register.register(c, person(received_date=D(2026, 5, 4), description="城关镇农村危房改造补助资金发放名单"))
    decision.decide(c, own["id"], "disclose", D(2026, 5, 20), {"provided": "名单"})
    other = register.register(c, person(received_date=D(2026, 5, 5), applicant_name="王五",
                                        id_number="110101199003077352", description="城关镇农村危房改造补助资金发放名单"))
    decision.decide(c, other["id"], "disclose", D(2026, 5, 20), {"provided": "名单"})
    again = register.register(c, person(received_date=D(2026, 6, 1), description="城关镇农村危房改造补助资金发放名单"))
    dialog = DecisionDialog(c, detail.detail(c, again["id"]))
    qtbot.addWidget(dialog)
    dialog.set_outcome("reject_2")
    offered = [dialog.duplicate.itemData(i) for i in range(dialog.duplicate.count())]
    assert offered == [own["number"]] and not dialog.duplicate.isEditable()


def test_notice_dialog_issues_records_outputs(qtbot, staff, today, no_preview):
    from app.requests import detail
    from ui.requests.notice_dialog import NoticeDialog
    a, _, _ = make_register(staff)
    d = detail.detail(staff["clerk"], a["id"])
    dialog = NoticeDialog(staff["clerk"], d, kind="登记回执")
    qtbot.addWidget(dialog)
    assert dialog.current_kind() == "登记回执"
    disabled = [dialog.kinds.item(i).text() for i in range(dialog.kinds.count())
                if not dialog.kinds.item(i).flags() & dialog.kinds.item(i).flags().ItemIsEnabled]
    assert "延期答复告知书" in disabled and "政府信息公开告知书" in disabled
    dialog.editors["contact"].setPlainText("如需查询办理进度，请致电 0878-3123456。")
    dialog.issue()
    row = IssuedDocument.get(IssuedDocument.request == a["id"])
    assert row.kind == "登记回执" and "0878-3123456" in row.content
    assert len(no_preview) == 1
    no_preview[0].printed.emit("打印")
    assert documents.list_for(a["id"])[0]["outputs"][0]["how"] == "打印"


def test_import_dialog(qtbot, staff, today, tmp_path, recorded_messages):
    from ui.requests.import_dialog import ImportDialog
    path = tmp_path / "t.csv"
    path.write_text("申请编号,收到日期,申请人类型,申请人,申请内容,办理结果,答复日期\n"
                    "2025-依申请-0001,2025-03-04,自然人,陈某,低保名单,予以公开,2025-03-20\n"
                    "2025-依申请-0002,2025-13-04,自然人,李某,低保名单,予以公开,2025-03-20\n", encoding="utf-8")
    dialog = ImportDialog(staff["head"])
    qtbot.addWidget(dialog)
    dialog.load(str(path))
    assert dialog.problem_model.rowCount() == 1 and "不是有效日期" in dialog.problem_model.row_at(0)["reason"]
    dialog.do_import()
    assert "未导入任何数据" in dialog.error.text() and Request.select().count() == 0
    dialog.skip_bad.setChecked(True)
    dialog.do_import()
    assert Request.select().count() == 1


def test_due_section_and_navigation(qtbot, staff, today):
    from ui.main_window import MainWindow
    from ui.requests.due_section import DueSection
    a, b, _ = make_register(staff)
    section = DueSection(staff["clerk"])
    qtbot.addWidget(section)
    assert "已逾期 <b>1</b> 件" in section.summary.text()
    assert section.model.row_at(0)["number"] == a["number"]  # the most urgent first
    window = MainWindow(staff["clerk"])
    qtbot.addWidget(window)
    from ui.events import open_request
    open_request(b["id"])
    assert window.tabs.tabText(window.tabs.currentIndex()) == "依申请公开"
    area = window.tabs.currentWidget().page
    assert area.register.detail.request_id == b["id"]


def test_export_button(qtbot, staff, today, tmp_path, monkeypatch, recorded_messages):
    make_register(staff)
    view = RegisterView(staff["leader"])
    qtbot.addWidget(view)
    assert not view.new_button.isVisibleTo(view) and view.export_button.isVisibleTo(view)
    out = tmp_path / "r.xlsx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.export()
    assert out.exists() and "已导出 3 件" in recorded_messages.log[-1][2]


def test_a_report_cell_opens_its_request_in_the_register(qtbot, staff, today):
    from ui.main_window import MainWindow
    a, _, _ = make_register(staff)
    window = MainWindow(staff["clerk"])
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index("年度报告"))
    report_page = window.tabs.currentWidget().ensure_built()
    report_page.open_request.emit(a["id"])
    assert window.tabs.tabText(window.tabs.currentIndex()) == "依申请公开"
    assert window.tabs.currentWidget().page.register.detail.request_id == a["id"]
    area = window.tabs.currentWidget().page
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == ["申请登记簿", "行政复议·诉讼"]


def test_supervisor_views_a_masked_notice_and_the_print_is_recorded(qtbot, staff, today, no_preview, tmp_path):
    from tests.app.printing.helpers import pdftotext, squeeze
    a, _, _ = make_register(staff)
    documents.issue(staff["clerk"], a["id"], "申请登记表")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    from app.requests import attachments
    attachments.add(staff["clerk"], a["id"], str(scan))
    pane = DetailPane(staff["supervisor"])
    qtbot.addWidget(pane)
    pane.show_request(a["id"])
    pane.attach_view.setCurrentIndex(pane.attach_model.index(0, 0))
    assert not pane.attach_save.isEnabled()  # chosen, but a scan cannot be masked
    pane.doc_view.selectRow(0)
    pane.open_document()
    assert len(no_preview) == 1
    text = squeeze(pdftotext(no_preview[0].pdf))
    assert person()["id_number"] not in text and "138****5678" in text
    assert "已隐去" in no_preview[0].windowTitle()
    no_preview[0].printed.emit("打印")
    out = documents.list_for(a["id"])[0]["outputs"]
    assert [(o["how"], o["by"]) for o in out] == [("打印", "赵敏")]


def test_notice_dialog_says_what_the_issuer_must_fill_in(qtbot, staff, today, no_preview):
    from app.requests import detail
    from ui.requests.notice_dialog import NoticeDialog
    a = register.register(staff["clerk"], person())
    dialog = NoticeDialog(staff["clerk"], detail.detail(staff["clerk"], a["id"]), kind="登记回执")
    qtbot.addWidget(dialog)
    assert "机关名称" in dialog.error.text() and "系统管理 → 机关信息" in dialog.error.text()
    assert not dialog.editors
    dialog.issue()
    assert IssuedDocument.select().count() == 0 and not no_preview


def test_row_buttons_need_a_chosen_row(qtbot, staff, today, tmp_path, monkeypatch, no_preview):
    from app.requests import attachments
    a, _, _ = make_register(staff)
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    attachments.add(staff["clerk"], a["id"], str(scan))
    documents.issue(staff["clerk"], a["id"], "登记回执")
    pane = DetailPane(staff["clerk"])
    qtbot.addWidget(pane)
    pane.show_request(a["id"])
    assert pane.attach_model.rowCount() == 1 and pane.doc_model.rowCount() == 1
    assert not pane.doc_open.isEnabled() and not pane.attach_save.isEnabled()  # nothing chosen yet
    assert not pane.attach_replace.isEnabled() and not pane.attach_remove.isEnabled()
    assert pane.doc_new.isEnabled() and pane.attach_add.isEnabled()
    pane.doc_view.setCurrentIndex(pane.doc_model.index(0, 0))
    pane.attach_view.setCurrentIndex(pane.attach_model.index(0, 0))
    assert pane.doc_open.isEnabled() and pane.attach_save.isEnabled() and pane.attach_remove.isEnabled()
    out = tmp_path / "副本.pdf"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    pane.attach_save.click()
    assert out.read_bytes() == b"%PDF-1.4 scan"
    pane.doc_open.click()
    assert len(no_preview) == 1
    pane.show_request(a["id"])  # shown again (after any change): the choice is gone, and so are the buttons
    assert not pane.doc_open.isEnabled() and not pane.attach_save.isEnabled()


def _shown_register(qtbot, actor):
    from ui.main_window import MainWindow
    window = MainWindow(actor)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex([window.tabs.tabText(i) for i in range(window.tabs.count())].index("依申请公开"))
    view = window.tabs.currentWidget().page.register
    qtbot.waitUntil(view.isVisible)  # a page built on demand is shown with the next events
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts work in the active window
    return window, view


def test_shortcuts(qtbot, staff, today, monkeypatch, tmp_path, recorded_messages):
    from ui.qt import QtCore, QtGui
    a, _, _ = make_register(staff)
    window, view = _shown_register(qtbot, staff["clerk"])
    calls = []
    monkeypatch.setattr(RegisterDialog, "exec", lambda self: calls.append("登记") or 0)
    monkeypatch.setattr(view.detail, "run_step", lambda code: calls.append(code))
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "r.xlsx"), ""))

    def press(keys):
        sequence = QtGui.QKeySequence(keys)
        combo = sequence[0]
        qtbot.keyClick(window.focusWidget() or window, combo.key(), combo.keyboardModifiers())

    view.view.setFocus()
    press("Ctrl+N")
    assert calls == ["登记"]
    press("Ctrl+F")
    assert window.focusWidget() is view.filters.search
    view.select_request(a["id"])
    press("Ctrl+P")
    assert calls[-1] == "notice"
    press("Ctrl+E")
    assert (tmp_path / "r.xlsx").exists() and "已导出 3 件" in recorded_messages.log[-1][2]
    register.register(staff["clerk"], person(received_date=D(2026, 6, 29), description="不经窗口登记的申请"))
    assert view.model.total == 3
    press("F5")
    assert view.model.total == 4
    assert "Ctrl+N" in view.new_button.toolTip()


def test_filters_due_today_and_mine(qtbot, staff, today, make_user):
    make_register(staff)
    other = make_user("clerk", username="liuyang", display_name="刘洋")
    t = register.register(other, person(received_date=D(2026, 6, 1), description="六月一日收到的申请内容"))
    view = RegisterView(other)
    qtbot.addWidget(view)
    numbers = lambda: [view.model.row_at(i)["number"] for i in range(view.model.rowCount())]  # noqa: E731
    view.filters.due.setCurrentIndex(view.filters.due.findText("今日到期"))
    assert numbers() == [t["number"]]
    view.filters.reset()
    assert len(numbers()) == 4
    view.filters.officer.setCurrentIndex(view.filters.officer.findText("我承办的"))
    assert numbers() == [t["number"]]


def test_register_remembers_columns_sort_splitter_and_tab(qtbot, staff, today):
    from ui.qt import Qt
    from ui.requests.register_view import column
    a, b, x = make_register(staff)
    window, view = _shown_register(qtbot, staff["clerk"])
    header = view.view.horizontalHeader()
    header.resizeSection(column("number"), 170)
    header.setSectionHidden(column("officer_name"), False)
    header.moveSection(header.visualIndex(column("state_label")), 0)
    view.view.sortByColumn(column("due_text"), Qt.AscendingOrder)
    assert view.model.row_at(view.model.rowCount() - 1)["id"] == x["id"]  # answered: last although due first
    view.split.setSizes([700, 600])
    view.split.splitterMoved.emit(700, 1)
    view.detail.tabs.setCurrentIndex(2)
    window.close()
    window2, view2 = _shown_register(qtbot, staff["clerk"])
    header2 = view2.view.horizontalHeader()
    assert header2.sectionSize(column("number")) == 170 and not header2.isSectionHidden(column("officer_name"))
    assert header2.visualIndex(column("state_label")) == 0
    assert view2.model.sort_key == "due_date" and view2.model.row_at(0)["id"] != x["id"]
    assert abs(view2.split.sizes()[1] - 600) < 40
    assert view2.detail.tabs.currentIndex() == 2
    window2.close()
    from ui.main_window import MainWindow
    window3 = MainWindow(staff["clerk"])
    qtbot.addWidget(window3)
    assert window3.tabs.tabText(window3.tabs.currentIndex()) == "依申请公开"  # the last tab shown


def test_due_section_lists_the_users_own_requests_first(qtbot, staff, today, make_user):
    from ui.requests.due_section import DueSection
    a, b, _ = make_register(staff)  # the clerk's: a overdue, b later
    other = make_user("clerk", username="liuyang", display_name="刘洋")
    t = register.register(other, person(received_date=D(2026, 6, 29), description="刘洋承办的申请内容"))
    section = DueSection(other)
    qtbot.addWidget(section)
    ids = [section.model.row_at(i)["id"] for i in range(section.model.rowCount())]
    assert ids == [t["id"], a["id"], b["id"]]  # their own first, though a is more urgent
    assert "您承办的 <b>1</b> 件" in section.summary.text()
    clerk_view = DueSection(staff["clerk"])
    qtbot.addWidget(clerk_view)
    assert [clerk_view.model.row_at(i)["id"] for i in range(3)] == [a["id"], b["id"], t["id"]]
    leader_view = DueSection(staff["leader"])  # handles none: the most urgent first
    qtbot.addWidget(leader_view)
    assert leader_view.model.row_at(0)["id"] == a["id"] and "您承办的" not in leader_view.summary.text()


def test_header_menu_shows_and_hides_columns(qtbot, staff, today):
    from ui.requests.register_view import column
    from ui.widgets import columns_menu
    make_register(staff)
    view = RegisterView(staff["clerk"])
    qtbot.addWidget(view)
    header = view.view.horizontalHeader()
    assert header.isSectionHidden(column("outcome_label"))  # shown on demand
    menu = columns_menu(view.view)
    action = next(a for a in menu.actions() if a.text() == "办理结果")
    assert not action.isChecked()
    action.setChecked(True)
    assert not header.isSectionHidden(column("outcome_label"))
    next(a for a in menu.actions() if a.text() == "申请内容").setChecked(False)
    assert header.isSectionHidden(column("description"))
