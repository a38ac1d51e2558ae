"""The screen at submission (an ID number in an attached .docx blocks 保密审查 until resolved), coordination blocking
publication, the 公开目录 and the printed review form, table 二's 规范性文件 counts, the queue and the clocks."""
import datetime as dt

import docx
import openpyxl
import pdfplumber
import pytest

from app import clock, settings
from app.errors import InvalidState, PermissionDenied, ValidationError
from app.publication import coordination, export, form, hooks, items, query, review
from db.models import InfoItem, ScreenFinding

from tests.db.publication.conftest import item_data
from tests.db.publication.test_chain import through_second_review


def _docx(path, text):
    d = docx.Document()
    d.add_paragraph("公示名单")
    d.add_paragraph(text)
    d.save(path)
    return str(path)


def test_id_number_in_an_attached_docx_blocks_the_secrecy_review(crew, drafted, tmp_path):
    file_id = items.add_file(crew["drafter"], drafted, _docx(tmp_path / "名单.docx", "户主张三 11010519491231002X"))["id"]
    through_second_review(crew, drafted)
    found = list(ScreenFinding.select().where(ScreenFinding.item == drafted))
    assert [(f.kind, f.source, f.location, f.text) for f in found] == [
        ("id_number", "名单.docx", "第2段", "11010519491231002X")]
    with pytest.raises(InvalidState, match="尚未处理"):
        review.act(crew["secrecy"], drafted, "approve")
    with pytest.raises(ValidationError, match="仍在"):  # 已处理 needs the cleaned version first
        review.resolve_finding(crew["secrecy"], found[0].id, "fixed", "已删除")
    items.new_file_version(crew["secrecy"], file_id, _docx(tmp_path / "名单2.docx", "户主张某"), "删除身份证号码")
    review.resolve_finding(crew["secrecy"], found[0].id, "fixed", "已删除身份证号码")
    review.act(crew["secrecy"], drafted, "approve")
    assert InfoItem.get_by_id(drafted).stage == "final_review"


def test_a_finding_may_be_allowed_with_a_reason(crew):
    item_id = items.create(crew["drafter"], item_data(content="咨询电话：0877-1234567"))["id"]
    through_second_review(crew, item_id)
    f = ScreenFinding.get(ScreenFinding.item == item_id)
    with pytest.raises(ValidationError, match="理由"):
        review.resolve_finding(crew["secrecy"], f.id, "allowed", "")
    review.resolve_finding(crew["secrecy"], f.id, "allowed", "本机关公布的咨询电话")
    review.act(crew["secrecy"], item_id, "approve")


def _to_ready(crew, item_id):
    through_second_review(crew, item_id)
    review.act(crew["secrecy"], item_id, "approve")
    review.act(crew["leader"], item_id, "approve")


def test_coordination_blocks_publication_until_settled(crew, drafted):
    letter = coordination.send(crew["drafter"], drafted, "县自然资源局")["id"]
    _to_ready(crew, drafted)
    with pytest.raises(InvalidState, match="县自然资源局"):
        review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    with pytest.raises(ValidationError, match="协商"):
        coordination.answer(crew["drafter"], letter, "disagree", clock.today())
    coordination.answer(crew["drafter"], letter, "disagree", clock.today(), "涉及未定事项",
                        negotiation="2026-03-09 李华与县自然资源局王某协商，意见仍不一致")
    with pytest.raises(InvalidState):
        review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    coordination.decide(crew["leader"], letter, "publish", "属于应当主动公开的信息")
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    pdf = form.coordination_letter(crew["leader"], letter)
    assert pdf.startswith(b"%PDF")


def test_review_form_prints_every_signer(crew, drafted, tmp_path):
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    path = tmp_path / "f.pdf"
    path.write_bytes(form.review_form_pdf(crew["leader"], drafted))
    with pdfplumber.open(path) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages).replace(" ", "").replace("\n", "")
    for word in ("信息发布审核及保密审查表", "初审意见", "复审意见", "保密审查意见", "终审意见", "刘洋", "李华", "孙丽", "王强",
                 "主动公开", "/2026-00001", "保密审查结论公开"):
        assert word in text, word


def test_catalogue_and_item_exports(crew, drafted, tmp_path):
    items.create(crew["drafter"], item_data(title="未发布的信息"))
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    assert export.export_items(crew["leader"], query.ItemFilter(), str(tmp_path / "i.xlsx")) == 2
    assert export.export_catalogue(crew["leader"], 2026, str(tmp_path / "c.xlsx")) == 1
    rows = list(openpyxl.load_workbook(tmp_path / "c.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:2] == ("索引号", "编号") and rows[1][:2] == ("/2026-00001", "2026-信息-0001")
    assert export.export_catalogue(crew["leader"], 2025, str(tmp_path / "c25.xlsx")) == 0


def test_search_filters_and_queue(crew, drafted):
    other = items.create(crew["drafter"], item_data(title="春耕生产调研", kind="work_news", doc_number=""))["id"]
    assert [r["id"] for r in query.fetch(crew["leader"], query.ItemFilter(text="春耕生产"), 0, 10)] == [other]
    assert [r["id"] for r in query.fetch(crew["leader"], query.ItemFilter(text="春耕"), 0, 10)] == [other]
    assert query.count(crew["leader"], query.ItemFilter(kind="work_news")) == 1
    review.submit(crew["drafter"], drafted, confirm_content=True)
    assert query.queue_count(crew["editor"]) == 1  # 初审 by another clerk
    assert query.queue_count(crew["drafter"]) == 0  # not the drafter's own item
    assert query.queue_count(crew["secrecy"]) == 0
    review.act(crew["editor"], drafted, "approve")
    review.act(crew["head"], drafted, "approve")
    assert query.queue_count(crew["secrecy"]) == 1 and query.queue_count(crew["editor"]) == 0
    entries = hooks.dashboard(crew["secrecy"])
    assert entries[0].title.startswith("待我审核 1 条")


def test_major_items_are_not_in_the_leader_s_queue(crew):
    item_id = items.create(crew["drafter"], item_data(major=True))["id"]
    through_second_review(crew, item_id)
    review.act(crew["secrecy"], item_id, "approve")
    assert query.queue_count(crew["leader"]) == 0 and query.queue_count(crew["principal"]) == 1


def test_publish_clock_overdue_on_the_dashboard(crew, drafted, frozen_clock):
    frozen_clock.set(dt.datetime(2026, 4, 1, 9, 0))  # due 2026-03-30
    entries = hooks.dashboard(crew["leader"])
    assert any(e.title.startswith("主动公开已逾期 1 条") and e.urgent for e in entries)


def test_table2_normative_counts_come_from_the_items(crew, frozen_clock):
    from app.report import service
    assert hooks.normative_issued(2026) is None  # nothing recorded: the office types the figure
    ids = [items.create(crew["drafter"], item_data(kind="normative", doc_number=f"某政规〔2026〕{k}号",
                                                   formed_date=dt.date(2026, 3, 2)))["id"] for k in (1, 2)]
    for item_id in ids:
        _to_ready(crew, item_id)
        review.publish(crew["drafter"], item_id, clock.today(), "门户网站", f"http://x/{item_id}")
    items.record_repeal(crew["drafter"], ids[0], clock.today(), "被新办法替代")
    assert (hooks.normative_issued(2026), hooks.normative_repealed(2026), hooks.normative_in_force(2026)) == (2, 1, 1)
    report = service.build(crew["leader"], 2026)
    assert report.table2["normative.issued"].value == 2 and report.table2["normative.issued"].computed


def test_calendar_change_recomputes_the_clocks(crew, drafted):
    from app.actor import system_actor
    item = InfoItem.get_by_id(drafted)
    item.publish_due = dt.date(2026, 3, 31)  # as if stored on another calendar
    item.save()
    changes = hooks.recompute_open_deadlines(system_actor())
    assert [(c.number, c.old_due, c.new_due) for c in changes] == [("2026-信息-0001", dt.date(2026, 3, 31),
                                                                    dt.date(2026, 3, 30))]
    from db.models import AuditLog
    row = AuditLog.get(AuditLog.action == "publication.recompute")
    assert row.entity_id == "2026-信息-0001" and "2026-03-31" in row.before_json


def test_secrecy_days_are_a_setting(crew, drafted):
    from app.actor import system_actor
    settings.set_many(system_actor(), {"publication.secrecy_days": 3})
    through_second_review(crew, drafted)
    assert InfoItem.get_by_id(drafted).secrecy_due == dt.date(2026, 3, 12)


def test_proofreading_required_before_final_review_when_the_office_says_so(crew):
    from app.actor import system_actor
    from app.publication import proofing
    settings.set_many(system_actor(), {"publication.require_proofreading": True})
    item_id = items.create(crew["drafter"], item_data(major=True))["id"]
    through_second_review(crew, item_id)
    review.act(crew["secrecy"], item_id, "approve")
    with pytest.raises(InvalidState, match="三校"):
        review.act(crew["principal"], item_id, "approve")
    for k in range(3):
        proofing.proofread(crew["editor"], item_id, "无" if k else "第二段“标淮”改为“标准”")
    with pytest.raises(InvalidState, match="三次校对均已登记"):
        proofing.proofread(crew["editor"], item_id, "无")
    with pytest.raises(InvalidState, match="全文诵读"):
        review.act(crew["principal"], item_id, "approve")
    proofing.recital(crew["editor"], item_id, "刘洋、李华、陈静")
    review.act(crew["principal"], item_id, "approve")
    doc = form.review_form(InfoItem.get_by_id(item_id))
    text = str(doc.blocks[0].rows)
    assert "第1校" in text and "“标淮”改为“标准”" in text and "全文诵读" in text


def test_correction_needs_the_leader_and_keeps_the_original(crew, drafted):
    from app.publication import corrections, detail
    _to_ready(crew, drafted)
    review.publish(crew["drafter"], drafted, clock.today(), "门户网站", "http://x/1")
    rid = corrections.propose(crew["drafter"], drafted, "correct", "执行日期更正为2026年5月1日", "原文日期有误")["id"]
    with pytest.raises(PermissionDenied):
        corrections.approve(crew["drafter"], rid, clock.today(), "门户网站")
    corrections.approve(crew["leader"], rid, clock.today(), "门户网站")
    d = detail.detail(crew["leader"], drafted)
    assert d["content"] == item_data()["content"]  # the original stays
    assert d["corrections"][0]["status"] == "approved" and d["corrections"][0]["approver"] == "王强"
    review.withdraw(crew["drafter"], drafted, "发现涉及个人信息，先行撤回")
    corrections.emergency_report(crew["drafter"], drafted, "已于当日撤回并报告分管领导")
    text = str(form.review_form(InfoItem.get_by_id(drafted)).blocks[0].rows)
    assert "更正：执行日期更正为2026年5月1日" in text and "应急处置报告" in text


def test_comment_period_of_a_major_decision_is_at_most_ten_working_days(crew):
    from app.publication import participation
    item_id = items.create(crew["drafter"], item_data(kind="major_decision", doc_number=""))["id"]
    with pytest.raises(ValidationError, match="10个工作日"):
        participation.set_period(crew["drafter"], item_id, dt.date(2026, 3, 9), dt.date(2026, 3, 23), "电子邮件",
                                 "李华 0877-1234567")
    participation.set_period(crew["drafter"], item_id, dt.date(2026, 3, 9), dt.date(2026, 3, 20), "电子邮件",
                             "李华 0877-1234567")
    participation.add_comment(crew["drafter"], item_id, dt.date(2026, 3, 9), "建议延长过渡期")
    participation.respond(crew["drafter"], item_id, "采纳：过渡期延长至6个月")
    s = participation.summary(item_id)
    assert s["period"]["end"] == "2026-03-20" and len(s["comments"]) == 1 and s["responses"]


def test_demo_refuses_a_database_with_the_office_s_own_items(crew, drafted):
    from app import demo
    with pytest.raises(Exception, match="1条待发布信息"):
        demo.refuse_foreign_data()


def test_export_writes_user_text_as_text(crew, tmp_path):
    items.create(crew["drafter"], item_data(title="=HYPERLINK(\"http://x\",\"点我\")"))
    export.export_items(crew["leader"], query.ItemFilter(), str(tmp_path / "i.xlsx"))
    cell = openpyxl.load_workbook(tmp_path / "i.xlsx").active["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
