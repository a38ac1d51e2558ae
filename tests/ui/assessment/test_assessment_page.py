"""The 考核评议 tab: a round run from the plan to the notified results through the window (the 15-day question,
scores with one override and its reason, the leader's approval), the indicator editor refusing a table that does
not add up, and the page's models under qtmodeltester."""
import datetime as dt

from app.assessment import rounds, scoring
from db.models import Round, Score
from ui.assessment import dialogs
from ui.assessment.page import AssessmentPage
from ui.assessment.table_editor import TableEditorDialog
from tests.db.assessment.conftest import fill_scores

D = dt.date


def _step(page, code):
    for i in range(page.steps_bar.count()):
        b = page.steps_bar.itemAt(i).widget()
        if b and b.objectName() == f"step_{code}":
            assert b.isEnabled()
            b.click()
            return
    raise AssertionError(f"no step {code}")


def _steps(page):
    return [page.steps_bar.itemAt(i).widget().objectName() for i in range(page.steps_bar.count())]


def test_a_round_from_plan_to_notified_results(qtbot, staff, tabled, fill_forms, recorded_messages, monkeypatch):
    head, leader = staff["head"], staff["leader"]
    page = AssessmentPage(head)
    qtbot.addWidget(page)
    fill_forms.answer(year=2026, table_id=tabled[0]["id"], bands_id=tabled[1]["id"], units="办公室\n财政所",
                      members="李华 组长\n王强 成员")
    page.new_round()
    assert _steps(page) == ["step_approve_plan"] and "方案拟订中" in page.info.text()
    fill_forms.answer(date=D(2026, 6, 1))
    _step(page, "approve_plan")
    recorded_messages.answer = False  # the notice only 7 days ahead: the user says no
    fill_forms.answer(date=D(2026, 6, 15), onsite_date=D(2026, 6, 22))
    _step(page, "announce")
    assert Round.get().state == "planned" and "只有 7 天" in recorded_messages.last()[2]
    recorded_messages.answer = True
    fill_forms.answer(date=D(2026, 6, 1), onsite_date=D(2026, 6, 22))
    _step(page, "announce")
    fill_forms.answer(date=D(2026, 6, 22), method0=True, method1=True, method2=False)
    _step(page, "check")
    assert Round.get().onsite_methods == '["听取汇报", "民主测评"]'

    # one request 办公室 answered on time: 按期答复率 100 %, 15 points proposed
    from app.requests import decision, register
    from tests.db.factories import person
    rid = register.register(staff["clerk"], person(unit="办公室"))["id"]
    decision.decide(staff["clerk"], rid, "disclose", D(2026, 3, 20), {"provided": "名单复印件"})
    units = rounds.round_detail(head, page.round_id)["units"]
    for u in units:
        fill_scores(head, u["id"], share=0.9)
    page._show_round()
    page.tabs.setCurrentIndex(1)
    rows = page.scores_model.loaded_rows()
    on_time = next(i for i, r in enumerate(rows) if r["title"] == "按期答复率")
    page.scores_view.selectRow(on_time)

    def answer(dialog):
        assert "100%，建议得分 15 分" in dialog.proposal.text()
        dialog.points.setValue(12)
        dialog.save()
        assert "给出其他分数应写明理由" in dialog.errors.error_text()
        dialog.reason.setText("实地察看核实：两件答复台账缺页")
        dialog.save()
        return dialog.result()
    monkeypatch.setattr(dialogs.ScoreDialog, "exec", answer)
    page.score_selected()
    kept = Score.get((Score.indicator == rows[on_time]["code"]) & (Score.assessor == "李华"))
    assert (kept.points, kept.override_reason) == (12, "实地察看核实：两件答复台账缺页")
    assert "*" in page.scores_model.loaded_rows()[on_time]["given"]

    assert not page.findChild(type(page.new_button), "step_approve").isEnabled()  # the head may not approve
    leaders_page = AssessmentPage(leader)
    qtbot.addWidget(leaders_page)
    fill_forms.answer(date=D(2026, 6, 29), note="同意")
    _step(leaders_page, "approve")
    page._show_round()
    fill_forms.answer(date=D(2026, 6, 30), form="文件", ref="某政公开〔2026〕9号")
    _step(page, "notify")
    assert Round.get().state == "notified" and _steps(page) == []
    assert [r["rank"] for r in page.summary_model.loaded_rows()] == [1, 2]
    assert all(r["grade"] for r in scoring.summary(head, page.round_id))


def test_the_indicator_editor_refuses_a_table_that_does_not_add_up(qtbot, staff, tabled):
    dialog = TableEditorDialog(staff["admin"])
    qtbot.addWidget(dialog)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.points.setValue(12)
    dialog.apply_node()
    dialog.save_table()
    assert "与总分 100 分相差 2 分" in dialog.errors.error_text()
    assert "与本项分值 12 分相差 -2 分" in dialog.errors.error_text()
    # a clerk of the office may read the tables but not change them
    readonly = TableEditorDialog(staff["head"])
    qtbot.addWidget(readonly)
    assert not readonly.save_button.isEnabled()


def test_the_models_pass_qtmodeltester(qtbot, qtmodeltester, staff, checked):
    units = rounds.round_detail(staff["head"], checked)["units"]
    fill_scores(staff["head"], units[0]["id"])
    page = AssessmentPage(staff["head"])
    qtbot.addWidget(page)
    for model in (page.rounds_model, page.units_model, page.scores_model, page.summary_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
