"""Every secondary dialog of the 发布审核 detail pane, driven through the pane's real buttons and forms (the forms are
answered by ``fill_forms``), checking what the services stored."""
import datetime as dt

import pytest

from app import clock
from app.publication import coordination, corrections, items, review
from db.models import Coordination, InfoItem, ItemEvent, ItemRecord, ScreenFinding
from ui.publication.detail_pane import ItemDetailPane

from tests.db.publication.conftest import item_data
from tests.db.publication.test_chain import through_second_review
from tests.db.publication.test_screen_and_publication import _docx, _to_ready


def _buttons(pane, layout=None):
    layout = layout or pane.actions
    return [layout.itemAt(i).widget().text() for i in range(layout.count())]


def _click(pane, label, layout=None):
    layout = layout or pane.actions
    for i in range(layout.count()):
        b = layout.itemAt(i).widget()
        if b.text().startswith(label):
            b.click()
            return
    raise AssertionError(f"no button {label}: {_buttons(pane, layout)}")


def _tool(pane, label):
    _click(pane, label, pane.tools)


def _pane(qtbot, actor, item_id):
    pane = ItemDetailPane(actor)
    qtbot.addWidget(pane)
    pane.show_item(item_id)
    return pane


def _events(item_id):
    return [(e.action, e.opinion, e.note) for e in ItemEvent.select().where(ItemEvent.item == item_id)
            .order_by(ItemEvent.ts, ItemEvent.id)]


def test_submit_dialog_needs_the_confirmation_and_stores_the_submission(qtbot, crew, drafted, fill_forms):
    pane = _pane(qtbot, crew["drafter"], drafted)
    fill_forms.answer(confirm=False)
    _click(pane, "提交审核")
    assert "依申请公开或不予公开" in fill_forms.dialogs[-1].error_text()
    assert InfoItem.get_by_id(drafted).stage == "draft"
    fill_forms.answer(confirm=True)
    _click(pane, "提交审核")
    item = InfoItem.get_by_id(drafted)
    assert item.stage == "first_review" and item.submissions == 1
    assert "初审" in pane.status.text()


def test_approval_is_not_offered_while_screen_findings_are_open(qtbot, crew, tmp_path, fill_forms):
    item_id = items.create(crew["drafter"], item_data())["id"]
    file_id = items.add_file(crew["drafter"], item_id, _docx(tmp_path / "名单.docx", "户主张三 11010519491231002X"))["id"]
    through_second_review(crew, item_id)
    pane = _pane(qtbot, crew["secrecy"], item_id)
    assert pane.tabs.tabText(2) == "筛查结果（1）"
    assert not any(b.startswith("审核通过") for b in _buttons(pane))
    assert any(b.startswith("退回") for b in _buttons(pane))
    assert "筛查发现 1 处待处理" in pane.status.text()

    # 已处理 needs the cleaned version first: the refusal stays in the dialog
    pane.tabs.setCurrentIndex(2)
    pane.findings_view.setCurrentIndex(pane.findings_model.index(0, 0))
    fill_forms.answer(resolution="fixed", note="已删除身份证号码")
    _tool(pane, "处理筛查结果")
    assert "仍在" in fill_forms.dialogs[-1].error_text()
    pane.tabs.setCurrentIndex(3)
    pane.files_view.setCurrentIndex(pane.files_model.index(0, 0))
    cleaned = _docx(tmp_path / "名单2.docx", "户主张某")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pane, "_pick_file", lambda: cleaned)
        _tool(pane, "上传附件新版本")
    assert [f["version"] for f in items.file_list(item_id)] == [2]
    pane.findings_view.setCurrentIndex(pane.findings_model.index(0, 0))
    fill_forms.answer(resolution="fixed", note="已删除身份证号码")
    _tool(pane, "处理筛查结果")
    finding = ScreenFinding.get(ScreenFinding.item == item_id)
    assert (finding.resolution, finding.resolution_note) == ("fixed", "已删除身份证号码")
    assert any(b.startswith("审核通过") for b in _buttons(pane))
    assert file_id != items.file_list(item_id)[0]["id"]

    fill_forms.answer(opinion="不涉密，同意公开")
    _click(pane, "审核通过")
    item = InfoItem.get_by_id(item_id)
    assert (item.stage, item.secrecy_opinion) == ("final_review", "disclose")


def test_a_finding_allowed_with_a_reason(qtbot, crew, fill_forms):
    item_id = items.create(crew["drafter"], item_data(content="咨询电话：0877-1234567"))["id"]
    through_second_review(crew, item_id)
    pane = _pane(qtbot, crew["secrecy"], item_id)
    pane.findings_view.setCurrentIndex(pane.findings_model.index(0, 0))
    fill_forms.answer(resolution="allowed", note="")
    _tool(pane, "处理筛查结果")
    assert "理由" in fill_forms.dialogs[-1].error_text()
    fill_forms.answer(resolution="allowed", note="本机关公布的咨询电话")
    _tool(pane, "处理筛查结果")
    assert ScreenFinding.get(ScreenFinding.item == item_id).resolution == "allowed"
    assert pane.findings_model.row_at(0)["resolution_label"] == "可以公开"


def test_return_to_the_drafter_with_the_reason_and_resubmit(qtbot, crew, drafted, fill_forms):
    review.submit(crew["drafter"], drafted, confirm_content=True)
    pane = _pane(qtbot, crew["editor"], drafted)
    fill_forms.answer(reason="")
    _click(pane, "退回")
    assert "理由" in fill_forms.dialogs[-1].error_text()
    fill_forms.answer(reason="标题有错字")
    _click(pane, "退回")
    assert InfoItem.get_by_id(drafted).stage == "returned"
    assert ("return", "", "标题有错字") in [(a, o or "", n) for a, o, n in _events(drafted)]

    mine = _pane(qtbot, crew["drafter"], drafted)
    fill_forms.answer(title="关于调整城乡居民最低生活保障标准的通知（修改）")
    _tool(mine, "修改")
    assert InfoItem.get_by_id(drafted).title.endswith("（修改）")
    fill_forms.answer(confirm=True)
    _click(mine, "提交审核")
    item = InfoItem.get_by_id(drafted)
    assert (item.stage, item.submissions) == ("first_review", 2)
    assert [a for a, _o, _n in _events(drafted)].count("submit") == 2


def test_refer_parks_the_item_until_the_authority_answers(qtbot, crew, drafted, fill_forms):
    through_second_review(crew, drafted)
    pane = _pane(qtbot, crew["secrecy"], drafted)
    fill_forms.answer(authority="")
    _click(pane, "需报审")
    assert "报送审查" in fill_forms.dialogs[-1].error_text()
    fill_forms.answer(authority="县保密局")
    _click(pane, "需报审")
    assert InfoItem.get_by_id(drafted).stage == "parked"
    assert not any(b.startswith("审核通过") for b in _buttons(pane))
    fill_forms.answer(authority="县保密局", document="某保审〔2026〕3号", date=clock.today())
    _click(pane, "登记报审结果：同意公开")
    item = InfoItem.get_by_id(drafted)
    assert (item.stage, item.secrecy_opinion) == ("final_review", "disclose")
    answer = ItemEvent.select().where(ItemEvent.item == drafted, ItemEvent.action == "answer_disclose").get()
    assert "县保密局" in answer.opinion and "某保审〔2026〕3号" in answer.data


def test_withhold_records_the_opinion_and_the_reason(qtbot, crew, drafted, fill_forms):
    through_second_review(crew, drafted)
    pane = _pane(qtbot, crew["secrecy"], drafted)
    fill_forms.answer(opinion="on_request", reason="涉及第三方商业秘密，条例第十五条")
    _click(pane, "不予发布")
    item = InfoItem.get_by_id(drafted)
    assert (item.stage, item.secrecy_opinion) == ("withheld", "on_request")


def test_coordination_letter_answer_and_the_leader_s_decision(qtbot, crew, drafted, fill_forms):
    pane = _pane(qtbot, crew["drafter"], drafted)
    fill_forms.answer(unit="", sent=clock.today())
    _tool(pane, "发协调函")
    assert "协调单位" in fill_forms.dialogs[-1].error_text()
    fill_forms.answer(unit="县自然资源局", sent=clock.today())
    _tool(pane, "发协调函")
    letter = Coordination.get()
    assert letter.unit == "县自然资源局" and letter.answer is None
    fill_forms.answer(answer="disagree", date=clock.today(), note="涉及未定稿的规划",
                      negotiation="3月5日与该局刘某协商，未达成一致")
    _tool(pane, "协调答复")
    letter = Coordination.get()
    assert letter.answer == "disagree" and "刘某" in letter.negotiation

    _to_ready(crew, drafted)
    pane.show_item(drafted)
    fill_forms.answer(date=clock.today(), channel="门户网站", location="http://x/1")
    _click(pane, "登记发布")
    assert "协调" in fill_forms.dialogs[-1].error_text()
    assert InfoItem.get_by_id(drafted).stage == "ready"

    leader = _pane(qtbot, crew["leader"], drafted)
    fill_forms.answer(decision="publish", note="不涉及规划内容，可以发布")
    _tool(leader, "协调答复")
    assert Coordination.get().decision == "publish"
    fill_forms.answer(date=clock.today(), channel="门户网站", location="http://x/1")
    pane.show_item(drafted)
    _click(pane, "登记发布")
    assert InfoItem.get_by_id(drafted).stage == "published"


def test_coordination_letter_prints(qtbot, crew, drafted, tmp_path, monkeypatch):
    from PySide6 import QtWidgets
    coordination.send(crew["drafter"], drafted, "县自然资源局")
    pane = _pane(qtbot, crew["drafter"], drafted)
    out = tmp_path / "协调函.pdf"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    _tool(pane, "打印协调函")
    assert out.read_bytes().startswith(b"%PDF")


def test_three_proofreading_passes_and_the_recital(qtbot, crew, fill_forms):
    item_id = items.create(crew["drafter"], item_data(major=True))["id"]
    review.submit(crew["drafter"], item_id, confirm_content=True)
    pane = _pane(qtbot, crew["editor"], item_id)
    for n in range(3):
        fill_forms.answer(corrections=f"第{n + 1}遍：无")
        _tool(pane, "校对")
    assert not any(b.startswith("校对") for b in _buttons(pane, pane.tools))  # three passes are all
    fill_forms.answer(participants="刘洋、李华")
    _tool(pane, "全文诵读")
    kinds = [r.kind for r in ItemRecord.select().where(ItemRecord.item == item_id).order_by(ItemRecord.id)]
    assert kinds == ["proofread", "proofread", "proofread", "recital"]
    assert "第3校：第3遍：无" in pane.info.toPlainText() and "全文诵读：刘洋、李华" in pane.info.toPlainText()


def test_publish_then_correct_with_the_leader_s_approval(qtbot, crew, drafted, fill_forms):
    _to_ready(crew, drafted)
    pane = _pane(qtbot, crew["drafter"], drafted)
    fill_forms.answer(date=clock.today(), channel="门户网站", location="")
    _click(pane, "登记发布")
    fill_forms.answer(date=clock.today(), channel="门户网站", location="http://www.example.gov.cn/1.html")
    _click(pane, "登记发布")
    item = InfoItem.get_by_id(drafted)
    assert (item.stage, item.channel, item.index_number) == ("published", "门户网站", "/2026-00001")

    fill_forms.answer(kind="correct", text="第二段“4月1日”应为“5月1日”", reason="笔误")
    _tool(pane, "澄清或更正")
    assert corrections.list_for(drafted)[0]["status"] == "proposed"
    assert "待批准" in pane.info.toPlainText()
    leader = _pane(qtbot, crew["leader"], drafted)
    fill_forms.answer(date=clock.today(), channel="门户网站")
    _tool(leader, "批准更正")
    assert corrections.list_for(drafted)[0]["status"] == "approved"
    assert "已批准" in leader.info.toPlainText()
    assert InfoItem.get_by_id(drafted).content.startswith("经研究")  # the original is kept


def test_emergency_withdrawal_and_its_report(qtbot, crew, drafted, fill_forms):
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    pane = _pane(qtbot, crew["drafter"], drafted)
    fill_forms.answer(reason="")
    _click(pane, "应急撤回")
    assert InfoItem.get_by_id(drafted).stage == "published"
    fill_forms.answer(reason="附件含未删除的个人信息")
    _click(pane, "应急撤回")
    assert InfoItem.get_by_id(drafted).stage == "withdrawn"
    fill_forms.answer(report="3月9日发现后即撤回，已向分管领导报告并删除缓存")
    _tool(pane, "应急处置报告")
    assert "应急处置报告：3月9日发现后即撤回" in pane.info.toPlainText()


def test_comment_period_comments_and_the_response(qtbot, crew, fill_forms, frozen_clock):
    item_id = items.create(crew["drafter"], item_data(kind="consultation", doc_number=""))["id"]
    pane = _pane(qtbot, crew["drafter"], item_id)
    start = clock.today()
    fill_forms.answer(start=start, end=start + dt.timedelta(days=30), how="电子邮件", contact="张明 0877-1234567")
    _tool(pane, "征求意见期")
    fill_forms.answer(date=start, summary="建议延长过渡期")
    _tool(pane, "登记意见")
    fill_forms.answer(text="采纳，过渡期延长至6个月")
    _tool(pane, "采纳情况")
    text = pane.info.toPlainText()
    assert "收到意见 1 条" in text and "采纳情况：采纳，过渡期延长至6个月" in text


def test_review_form_prints_from_the_pane(qtbot, crew, drafted, tmp_path, monkeypatch):
    from PySide6 import QtWidgets
    _to_ready(crew, drafted)
    pane = _pane(qtbot, crew["leader"], drafted)
    out = tmp_path / "审核表.pdf"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    _tool(pane, "打印审核表")
    assert out.read_bytes().startswith(b"%PDF")
