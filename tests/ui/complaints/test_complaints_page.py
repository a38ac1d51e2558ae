"""The 举报投诉 tab: a 来访 taken to 归档 through the window — registered, investigated, supervised, answered with the
reply letter previewed, archived —; the clerk never sees who complained, the head sees it on request (logged); a
transfer to the unit complained about is refused in its dialog; the register's model passes qtmodeltester and pages."""
import datetime as dt

from app import office
from app.actor import system_actor
from app.complaints import cases, query
from db.models import ComplaintCase, IdentityView
from ui.complaints.page import ComplaintsPage, case_model
from ui.models.paging import FunctionSource

from tests.db.complaints.conftest import NAME, PHONE, case_data


def _buttons(layout):
    return [layout.itemAt(i).widget().text() for i in range(layout.count()) if layout.itemAt(i).widget()]


def _click(layout, label):
    for i in range(layout.count()):
        b = layout.itemAt(i).widget()
        if b is not None and b.text().startswith(label):
            b.click()
            return
    raise AssertionError(f"no button {label}: {_buttons(layout)}")


def test_a_visit_goes_to_the_archive_through_the_window(qtbot, crew, fill_forms, no_preview, frozen_clock):
    office.save_profile(system_actor("测试"), {"name": "某某镇人民政府"})
    page = ComplaintsPage(crew["clerk"])
    qtbot.addWidget(page)
    page.show()
    fill_forms.answer(**{k: v for k, v in case_data().items() if k != "received_at"},
                      received_date=dt.date(2026, 3, 6), received_time="09:00")
    page.new_case()
    case = ComplaintCase.get()
    pane = page.detail
    assert pane.case_id == case.id and page.model.total == 1
    assert _buttons(pane.actions) == ["登记…", "当场答复…"]
    text = pane.info.toPlainText() + page.model.row_at(0)["title"]
    assert NAME not in text and PHONE not in text and "（已隐去）" in text
    assert "查看举报投诉人身份" not in _buttons(pane.tools)
    fill_forms.answer(unit="办公室")
    _click(pane.actions, "登记")
    fill_forms.answer(text="调取申请登记簿")
    _click(pane.actions, "开始调查")
    fill_forms.answer(unit="办公室", text="按职责转办")
    _click(pane.actions, "转办（本机关科室）")  # the same unit: refused, the dialog stays open
    assert "该件已由办公室承办" in fill_forms.dialogs[-1].error_text()
    fill_forms.answer(target="自然资源所", text="按职责转办")
    _click(pane.actions, "转外单位办理")
    assert "被举报投诉的单位" in fill_forms.dialogs[-1].error_text()
    assert ComplaintCase.get().state == "investigating"

    head = ComplaintsPage(crew["head"])
    qtbot.addWidget(head)
    head.show()
    assert head.select_case(case.id)
    assert NAME not in head.detail.info.toPlainText() and IdentityView.select().count() == 0
    _click(head.detail.tools, "查看举报投诉人身份")
    assert NAME in head.detail.info.toPlainText() and IdentityView.get().username == "lihua"
    fill_forms.answer(text="请三日内报送调查结果")
    _click(head.detail.actions, "督办")
    assert ComplaintCase.get().state == "supervised"

    page.refresh(keep=case.id)
    assert "督办…" not in _buttons(pane.actions)  # the clerk does not supervise
    fill_forms.answer(text="调查完毕")
    _click(pane.actions, "登记督办答复")
    fill_forms.answer(text="经调查，反映的问题属实，已责令整改", method="书面答复")
    _click(pane.actions, "答复")
    assert ComplaintCase.get().state == "replied"
    preview = pane.preview_reply()
    assert preview.document.pageCount() == 1
    fill_forms.answer()
    _click(pane.actions, "归档")
    assert ComplaintCase.get().state == "archived"
    history = pane.history_model
    assert [history.row_at(i)["label"] for i in range(history.rowCount())] == [
        "受理", "登记", "开始调查", "督办", "登记督办答复", "答复", "归档"]
    assert pane.supervision_model.rowCount() == 1


def test_a_search_for_the_complainant_finds_nothing(qtbot, crew, received):
    page = ComplaintsPage(crew["head"])
    qtbot.addWidget(page)
    page.filters.search.setText(NAME)
    page.filters.changed.emit()
    assert page.model.total == 0
    page.filters.search.setText("征地补偿")
    page.filters.changed.emit()
    assert page.model.total == 1


def test_models(qtmodeltester, crew):
    for k in range(5):
        cases.create(crew["clerk"], case_data(title=f"第{k}件"))
    model = case_model()
    model.page_size = 2
    actor, f = crew["leader"], query.CaseFilter()
    model.set_source(FunctionSource(lambda: query.count(actor, f),
                                    lambda o, n, s, d: query.fetch(actor, f, o, n, s, d)))
    assert model.rowCount() == 2 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5 and not model.canFetchMore()
    model.sort(4)  # by title, re-run in the database
    titles = [model.row_at(i)["title"] for i in range(model.rowCount())]
    assert titles == sorted(titles)
    qtmodeltester.check(model, force_py=True)


def test_the_tab_is_there_for_those_who_may_see_the_register(qtbot, crew):
    from ui.main_window import TabbedArea, main_tabs
    # a 监督员 reads the complaints (without identities) in 档案查阅, not in the register the office works in
    for who, shown in (("clerk", True), ("supervisor", False), ("secrecy", False), ("admin", False)):
        area = TabbedArea(crew[who], main_tabs())
        qtbot.addWidget(area)
        assert ("举报投诉" in [area.tabText(i) for i in range(area.count())]) is shown, who
